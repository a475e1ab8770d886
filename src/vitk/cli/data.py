"""``vitk data``: import external food tables into the local database."""

from __future__ import annotations

import click

from vitk.cli.options import db_option


@click.group()
def data() -> None:
    """Import external food tables into the local database."""


@data.command("import-usda")
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@db_option
def import_usda(directory: str, db_url: str | None) -> None:
    """Load a USDA SR28 / SR Legacy release DIRECTORY (FOOD_DES.txt, NUT_DATA.txt …).

    A FoodData Central CSV download (food.csv, food_nutrient.csv …) is detected and read
    as with import-fdc. Importing again replaces the previous release in one transaction;
    a failed import leaves the previous data untouched.
    """
    from pathlib import Path

    from vitk.errors import ImportDataError
    from vitk.storage.db import get_engine
    from vitk.usda.importer import import_release

    if not Path(directory).is_dir():
        raise ImportDataError(
            f"USDA release directory '{directory}' does not exist or is not a folder; "
            "give the folder that holds FOOD_DES.txt and NUT_DATA.txt (SR28), or food.csv "
            "and food_nutrient.csv (FoodData Central)."
        )
    engine = get_engine(db_url)
    try:
        summary = import_release(directory, engine)
    finally:
        engine.dispose()
    for line in summary.lines():
        click.echo(line)


@data.command("import-fdc")
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@db_option
def import_fdc(directory: str, db_url: str | None) -> None:
    """Load a FoodData Central SR Legacy or Foundation Foods CSV download DIRECTORY.

    DIRECTORY is the unzipped download (food.csv, nutrient.csv, food_nutrient.csv,
    food_portion.csv …). Foods are keyed by their NDB number; the summary lists what was
    left out. Importing again replaces the previous release in one transaction.
    """
    from pathlib import Path

    from vitk.errors import ImportDataError
    from vitk.storage.db import get_engine
    from vitk.usda.importer import import_fdc as run_import

    if not Path(directory).is_dir():
        raise ImportDataError(
            f"FoodData Central folder '{directory}' does not exist or is not a folder; give "
            "the unzipped download that holds food.csv and food_nutrient.csv."
        )
    engine = get_engine(db_url)
    try:
        summary = run_import(directory, engine)
    finally:
        engine.dispose()
    for line in summary.lines():
        click.echo(line)
