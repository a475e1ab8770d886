"""Run the CLI in-process through its real entry point (``vitk.cli.main.main``)."""

from __future__ import annotations

from typing import Any

from vitk.cli.main import main


def run(capsys: Any, *args: str) -> tuple[int, str, str]:
    """Run ``vitk ARGS``; return (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        # click exits with an int; a message instead of a code means failure (1).
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out = capsys.readouterr()
    return code, out.out, out.err
