"""Fixtures for the planner: the five "Done when" people and two catalogues.

``curated`` holds the curated foods only (fast: most tests); ``full`` adds the USDA SR28
table shipped with vitk (the plans a fresh install makes).
"""

from __future__ import annotations

import pytest

from vitk.foods.catalogue import Catalogue, packaged_catalogue
from vitk.foods.curated import load_curated_foods


@pytest.fixture(scope="session")
def curated() -> Catalogue:
    return Catalogue(load_curated_foods())


@pytest.fixture(scope="session")
def full() -> Catalogue:
    return packaged_catalogue()
