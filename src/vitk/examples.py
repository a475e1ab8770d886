"""The example profile and diary shipped with vitk (a made-up person, not a patient).

``vitk advise --example`` and ``vitk intake --example`` use them, and the web app offers
them on a first visit so a new user can explore before typing anything.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

__all__ = ["example_diary_rows", "example_profile"]


def example_profile() -> dict[str, Any]:
    """The example profile (``data/advisor/example_profile.yaml``) as a mapping."""
    import yaml

    text = resources.files("vitk").joinpath("data", "advisor", "example_profile.yaml")
    data: dict[str, Any] = yaml.safe_load(text.read_text("utf-8"))
    return data


def example_diary_rows() -> list[dict[str, str]]:
    """The example diary week (``data/examples/diary_week.csv``): one dict per row."""
    import csv
    import io

    text = resources.files("vitk").joinpath("data", "examples", "diary_week.csv")
    return [dict(row) for row in csv.DictReader(io.StringIO(text.read_text("utf-8")))]
