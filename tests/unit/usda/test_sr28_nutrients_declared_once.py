"""The SR28 nutrients vitk reads are declared once (vitk.usda.sr28.SR28_NUTRIENTS)."""

from __future__ import annotations

from vitk.foods import usda_foods
from vitk.nutrients import NUTRIENTS
from vitk.usda import importer, sr28


def test_every_sr28_nutrient_maps_to_a_registry_nutrient() -> None:
    assert set(sr28.NUTRIENT_CODES.values()) <= set(NUTRIENTS)
    # Vitamin D is read in µg (328) and in IU (324), as one vitk nutrient.
    assert sr28.NUTRIENT_CODES["328"] == sr28.NUTRIENT_CODES["324"] == "vitamin_d"
    assert sr28.NUTRIENT_RANGES["324"][1] == "IU"


def test_reader_importer_and_foods_use_the_same_nutrients() -> None:
    assert tuple(sr28.NUTRIENT_RANGES) == sr28.NUTRIENTS_READ == tuple(importer.NUTRIENT_LABELS)
    assert usda_foods._CODES == sr28.NUTRIENT_CODES
    # The import summary counts vitamin D in IU apart from vitamin D in µg.
    assert importer.NUTRIENT_LABELS["324"] == "vitamin_d_iu"
    assert importer.NUTRIENT_LABELS["430"] == "k1"
