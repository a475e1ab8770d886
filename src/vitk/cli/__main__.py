"""``python -m vitk.cli``: the same entry point as the ``vitk`` script."""

from vitk.cli.main import main

main()
