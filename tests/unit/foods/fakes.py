"""Small hand-made foods for unit tests that must not depend on the packaged table."""

from vitk.foods.model import Food, Observation, Portion


def obs(nutrient, value, key="Kamao2007", priority=2, **kw):
    return Observation(
        nutrient=nutrient, value_per_100g=value, source_key=key, priority=priority, **kw
    )


NATTO = Food(
    food_id="natto-test",
    name="natto (test)",
    food_group="fermented soy",
    source_db="curated",
    observations=(
        obs("mk7", 1000.0, key="ODS-K", priority=1),
        obs("mk7", 775.0, key="Tsukamoto2000"),
        obs("mk7", 939.0, key="Kamao2007"),
        obs("k1", 23.1, key="USDA-SR28", priority=1),
    ),
    portions=(Portion("3 oz", 85.0, "ODS-K"), Portion("1 cup", 175.0, "USDA-SR28")),
    synonyms=("nattō", "fermented soybeans"),
    typical_serving="3 oz",
)
GOUDA = Food(
    food_id="gouda-test",
    name="Gouda cheese, aged (test)",
    food_group="cheese",
    source_db="curated",
    observations=(
        obs("k1", 3.9, key="Vermeer2018"),
        obs("mk4", 20.8, key="Vermeer2018"),
        obs("mk7", 1.6, key="Vermeer2018"),
        obs("mk8", 9.3, key="Vermeer2018"),
        obs("mk9", 30.0, key="Vermeer2018"),
        obs("calcium", 700.0, key="USDA-SR28", priority=1),
    ),
    portions=(Portion("1 oz", 28.35, "USDA-SR28"), Portion("1 slice", 28.0, "USDA-SR28")),
    typical_serving="1 oz",
)
SPINACH = Food(
    food_id="spinach-test",
    name="Spinach, raw (test)",
    food_group="vegetables",
    source_db="curated",
    observations=(
        obs("k1", 482.9, key="USDA-SR28", priority=1),
        obs("k1", 498.0),
        obs("k1", 387.0),
        obs("magnesium", 79.0, key="USDA-SR28", priority=1),
    ),
    portions=(Portion("1 cup", 30.0, "USDA-SR28"), Portion("1 bunch", 340.0, "USDA-SR28")),
    typical_serving="1 cup",
)
SKYR = Food(
    food_id="skyr-test",
    name="skyr (test)",
    food_group="fermented dairy",
    source_db="curated",
    observations=(obs("mk4", 0.0, key="Jensen2022", status="not_detected"),),
    portions=(Portion("1 cup", 245.0, "USDA-SR28"),),
    typical_serving="1 cup",
)
EMMENTAL = Food(
    food_id="emmental-test",
    name="Emmental (test)",
    food_group="cheese",
    source_db="curated",
    observations=(
        Observation(
            "mk9_4h", None, "Hojo2007", status="range_only", low_per_100g=20, high_per_100g=65
        ),
    ),
    portions=(Portion("1 slice", 28.0, "USDA-SR28"),),
    typical_serving="1 slice",
)
ALL = [NATTO, GOUDA, SPINACH, SKYR, EMMENTAL]
