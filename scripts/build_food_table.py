"""Regenerate vitk's curated food table from the shared sources.

Usage::

    python scripts/build_food_table.py [SHARED_DIR] [--out src/vitk/data/foods]

SHARED_DIR (default ``../shared`` relative to the repository) must hold
``data/vitamin-k-literature.csv`` and the SR28 release in ``data/usda-sr28/``. The
hand-made inputs are ``src/vitk/data/foods/usda_links.csv`` (curated food → SR28 NDB)
and the ``FOODS``/``ODS`` tables below (ids, names, groups, synonyms, which literature
rows belong to which food). Writes ``foods.csv``, ``food_values.csv`` and
``food_portions.csv``; the committed files are this script's output.

Rules (see docs/food-data.md): values stay as the source gives them, converted to
µg/100 g only where the source used another basis; an empty source value is never
written as zero; SR28 rows copied into the literature CSV are one observation joined to
the SR28 value (the origin cites both); one duplicate literature row is merged. An SR28
value's status follows its Src_Cd (measured, imputed or assumed_zero; see
``vitk.usda.sr28.SOURCE_CODES``), and the code is kept in ``usda_src_cd``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vitk.nutrients import nutrient  # noqa: E402
from vitk.usda.sr28 import Release, read_release  # noqa: E402

KEY_MAP = {
    "kamao2007": "Kamao2007",
    "dunlop2022": "Dunlop2022",
    "chollet2017": "Chollet2017",
    "tsukamoto2000": "Tsukamoto2000",
    "jhej1999": "JHEJ1999",
    "osullivan2020": "OSullivan2020",
    "nih_ods_vitk": "ODS-K",
    "usda_sr28": "USDA-SR28",
    "schurgers2000": "Schurgers2000",
    "vermeer2018": "Vermeer2018",
    "jensen2022": "Jensen2022",
    "fu2017": "Fu2017",
    "tarvainen2019": "Tarvainen2019",
    "elder2006": "Elder2006",
    "hojo2007": "Hojo2007",
}

# SR28 nutrients joined to linked foods, in output order.
SR28_NUTRIENTS = [
    ("430", "k1"),
    ("429", "dihydro_k1"),
    ("428", "mk4"),
    ("301", "calcium"),
    ("304", "magnesium"),
    ("328", "vitamin_d"),
    ("208", "energy"),
]


def r(a: int, b: int) -> list[int]:
    return list(range(a, b + 1))


# food_id: (name, food_group, synonyms, country, typical_serving, literature rows, note)
FOODS: dict[str, tuple[str, str, str, str, str, list[int], str]] = {
    "natto": (
        "Natto (fermented soybeans)",
        "fermented soy",
        "natto;fermented soybeans;納豆",
        "",
        "3 oz",
        [15, 20],
        "ordinary retail natto; enriched and laboratory natto are separate foods",
    ),
    "natto-black-soybean-jp": (
        "Natto, black soybean",
        "fermented soy",
        "kuromame natto;black bean natto",
        "JP",
        "3 oz",
        [79, 77, 78],
        "the 939 µg/100 g MK-7 quoted for 'natto' in Kamao 2007's abstract is this product",
    ),
    "natto-mk7-reinforced-1-5x": (
        "Natto, MK-7-reinforced (about 1.5×)",
        "fermented soy",
        "enriched natto",
        "JP",
        "3 oz",
        [16],
        "experimental enriched natto, not a typical retail product",
    ),
    "natto-mk7-reinforced-2x": (
        "Natto, MK-7-reinforced (about 2×)",
        "fermented soy",
        "enriched natto",
        "JP",
        "3 oz",
        [17],
        "experimental enriched natto, not a typical retail product",
    ),
    "natto-lab-miyagino": (
        "Natto, laboratory fermentation (Miyagino strain, 37 °C)",
        "fermented soy",
        "laboratory natto",
        "JP",
        "3 oz",
        [18],
        "laboratory product; fermentation time 48 h or 24 h (abstracts disagree)",
    ),
    "spinach-raw": ("Spinach, raw", "vegetables", "spinach", "", "1 cup", [2, 73], ""),
    "broccoli-raw": ("Broccoli, raw", "vegetables", "broccoli", "", "1 cup", [3, 74], ""),
    "broccoli-boiled": (
        "Broccoli, boiled, drained",
        "vegetables",
        "cooked broccoli",
        "US",
        "0.5 cup",
        [],
        "",
    ),
    "kale-raw": (
        "Kale, raw",
        "vegetables",
        "kale;borecole;boerenkool;Grünkohl",
        "",
        "1 cup",
        [72],
        "",
    ),
    "collards-frozen-boiled": (
        "Collards, frozen, boiled, drained",
        "vegetables",
        "collard greens",
        "US",
        "0.5 cup",
        [],
        "",
    ),
    "turnip-greens-frozen-boiled": (
        "Turnip greens, frozen, boiled, drained",
        "vegetables",
        "turnip tops",
        "US",
        "0.5 cup",
        [],
        "",
    ),
    "soybean-oil": ("Soybean oil", "oils", "soya oil;soy oil", "US", "1 tbsp", [], ""),
    "chicken-breast-rotisserie-us": (
        "Chicken breast, meat and skin, rotisserie (US)",
        "poultry",
        "rotisserie chicken breast",
        "US",
        "3 oz",
        [47],
        "",
    ),
    "ground-beef-broiled-us": (
        "Ground beef patty, 85 % lean, broiled (US)",
        "meat",
        "hamburger;minced beef",
        "US",
        "3 oz",
        [],
        "",
    ),
    "chicken-liver-braised-us": (
        "Chicken liver, braised/simmered (US)",
        "offal",
        "chicken livers",
        "US",
        "3 oz",
        [],
        "",
    ),
    "ham-sliced-us": ("Ham, sliced (US)", "meat", "ham", "US", "3 oz", [], ""),
    "cheddar-us": ("Cheddar cheese (US)", "cheese", "cheddar", "US", "1 oz", [21, 22], ""),
    "cream-cheese-us": (
        "Cream cheese (US)",
        "cheese",
        "cream cheese",
        "US",
        "1 tbsp",
        [23, 24],
        "",
    ),
    "swiss-cheese-us": (
        "Swiss cheese (US)",
        "cheese",
        "Swiss cheese;Emmentaler-type",
        "US",
        "1 oz",
        [25, 26],
        "US Swiss-type cheese; MK-9(4H) not measured",
    ),
    "parmesan-grated-us": (
        "Parmesan cheese, grated (US)",
        "cheese",
        "parmesan;Parmigiano",
        "US",
        "1 tbsp",
        [27, 28],
        "",
    ),
    "mozzarella-part-skim-us": (
        "Mozzarella, part-skim (US)",
        "cheese",
        "mozzarella",
        "US",
        "1 oz",
        [29, 30, 171, 172, 173, 174, 175],
        "",
    ),
    "cottage-cheese-us": (
        "Cottage cheese, creamed (US)",
        "cheese",
        "cottage cheese",
        "US",
        "4 oz",
        [31, 32],
        "",
    ),
    "sour-cream-us": (
        "Sour cream, cultured (US)",
        "fermented dairy",
        "sour cream",
        "US",
        "1 tbsp",
        [33, 34],
        "",
    ),
    "greek-yogurt-nonfat-us": (
        "Greek yogurt, plain, nonfat (US)",
        "fermented dairy",
        "Greek yoghurt",
        "US",
        "1 container",
        [35, 36],
        "",
    ),
    "milk-whole-us": (
        "Milk, whole, 3.25 % fat (US)",
        "dairy",
        "whole milk",
        "US",
        "1 cup",
        [37, 38],
        "",
    ),
    "butter-whipped-us": (
        "Butter, whipped, salted (US)",
        "butter",
        "whipped butter",
        "US",
        "1 tbsp",
        [39, 40],
        "",
    ),
    "butter-salted-us": (
        "Butter, salted (US)",
        "butter",
        "butter",
        "US",
        "1 tbsp",
        [41],
        "no MK-4 value in SR28 for regular butter",
    ),
    "egg-whole-raw-us": (
        "Egg, whole, raw (US)",
        "eggs",
        "egg;hen's egg",
        "US",
        "1 large",
        [42],
        "no MK-4 value in SR28 for raw egg",
    ),
    "egg-yolk-raw-us": (
        "Egg yolk, raw (US)",
        "eggs",
        "egg yolk",
        "US",
        "1 large",
        [43],
        "no MK-4 value in SR28 for egg yolk",
    ),
    "chicken-thigh-rotisserie-us": (
        "Chicken thigh meat, rotisserie (US)",
        "poultry",
        "rotisserie chicken thigh",
        "US",
        "3 oz",
        [44, 45],
        "",
    ),
    "chicken-drumstick-rotisserie-us": (
        "Chicken drumstick meat, rotisserie (US)",
        "poultry",
        "rotisserie chicken leg",
        "US",
        "3 oz",
        [46],
        "",
    ),
    "chicken-liver-raw-us": (
        "Chicken liver, raw (US)",
        "offal",
        "chicken livers",
        "US",
        "1 liver",
        [48, 252],
        "MK-4: Elder 2006 value unconfirmed by SR28",
    ),
    "beef-liver-raw-us": (
        "Beef liver, raw (US)",
        "offal",
        "ox liver",
        "US",
        "3 oz",
        [49],
        "no MK-4 value in SR28 for beef liver",
    ),
    "sauerkraut-canned-us": (
        "Sauerkraut, canned (US)",
        "fermented vegetables",
        "sauerkraut;Sauerkraut",
        "US",
        "1 cup",
        [50],
        "no menaquinone data",
    ),
    "beef-chuck-top-blade-raw-us": (
        "Beef chuck, top blade steak, raw (US)",
        "meat",
        "beef chuck",
        "US",
        "3 oz",
        [257],
        "",
    ),
    "pork-sausage-raw-us": (
        "Pork sausage, link/patty, raw (US)",
        "meat",
        "pork sausage",
        "US",
        "1 link",
        [258],
        "",
    ),
    "blue-cheese-us": ("Blue cheese (US)", "cheese", "blue cheese", "US", "1 oz", r(161, 167), ""),
    "cottage-cheese-lowfat-us": (
        "Cottage cheese, low fat (US)",
        "cheese",
        "low-fat cottage cheese",
        "US",
        "4 oz",
        r(168, 170),
        "",
    ),
    "lamb-liver-au": ("Lamb liver (Australia)", "offal", "lamb's liver", "AU", "3 oz", [4], ""),
    "chicken-leg-meat-au": (
        "Chicken leg meat (Australia)",
        "poultry",
        "chicken leg",
        "AU",
        "3 oz",
        [5],
        "",
    ),
    "cheddar-au": ("Cheddar cheese (Australia)", "cheese", "cheddar", "AU", "1 oz", [6, 7, 8], ""),
    "cream-cheese-au": (
        "Cream cheese (Australia)",
        "cheese",
        "cream cheese",
        "AU",
        "1 tbsp",
        [9],
        "",
    ),
    "vacherin-fribourgeois-ch": (
        "Vacherin Fribourgeois",
        "cheese",
        "Vacherin Fribourgeois AOP",
        "CH",
        "1 oz",
        [10, 11],
        "",
    ),
    "raclette-ch": (
        "Raclette cheese",
        "cheese",
        "Raclette;raclette du Valais",
        "CH",
        "1 oz",
        [12, 13, *r(200, 206)],
        "",
    ),
    "emmental-young-ch": (
        "Emmental, young",
        "cheese",
        "Emmentaler;Swiss cheese",
        "CH",
        "1 oz",
        [14],
        "MK-9(4H) becomes the main form after >90 days of ripening",
    ),
    "emmental-ripened-ch": (
        "Emmental, ripened",
        "cheese",
        "Emmentaler;Emmental;Swiss cheese",
        "CH",
        "1 oz",
        [254, 256],
        "",
    ),
    "jarlsberg-no": (
        "Swiss-type cheese with propionibacteria (Norway)",
        "cheese",
        "Jarlsberg",
        "NO",
        "1 oz",
        [253],
        "",
    ),
    "gruyere-ch": (
        "Gruyère",
        "cheese",
        "Gruyère;Gruyere;Greyerzer",
        "CH",
        "1 oz",
        [236, 237, 238, 255],
        "",
    ),
    "egg-enriched-ie": (
        "Egg, whole, raw, from hens fed extra menadione (Ireland)",
        "eggs",
        "vitamin K enriched egg",
        "IE",
        "1 large",
        [19],
        "experimental feeding trial, not ordinary retail eggs",
    ),
    "egg-free-range-dk": (
        "Egg, whole, free-range (Denmark)",
        "eggs",
        "æg;free-range egg",
        "DK",
        "1 large",
        r(119, 123),
        "",
    ),
    "egg-barn-dk": (
        "Egg, whole, barn (Denmark)",
        "eggs",
        "æg;barn egg",
        "DK",
        "1 large",
        r(124, 128),
        "",
    ),
    "buttermilk-nl": (
        "Buttermilk (Netherlands)",
        "fermented dairy",
        "karnemelk;buttermilk",
        "NL",
        "1 cup",
        r(51, 56),
        "",
    ),
    "curd-cheese-nl": (
        "Curd cheese (quark-type, Netherlands)",
        "cheese",
        "kwark;quark;curd cheese",
        "NL",
        "4 oz",
        r(57, 63),
        "",
    ),
    "quark-whole-milk-nl": (
        "Quark, whole-milk (Netherlands)",
        "cheese",
        "volle kwark;quark;Quark",
        "NL",
        "4 oz",
        r(239, 245),
        "",
    ),
    "goose-leg-nl": (
        "Goose leg (Netherlands)",
        "poultry",
        "ganzenbout;goose",
        "NL",
        "3 oz",
        [64, 65],
        "",
    ),
    "corned-beef-nl": (
        "Corned beef (Netherlands)",
        "meat",
        "corned beef",
        "NL",
        "3 oz",
        [66, 67],
        "",
    ),
    "pork-steak-nl": (
        "Pork steak (Netherlands)",
        "meat",
        "varkenslapje;pork steak",
        "NL",
        "3 oz",
        r(68, 71),
        "",
    ),
    "beef-chuck-raw-jp": (
        "Beef chuck, raw (Japan)",
        "meat",
        "beef shoulder",
        "JP",
        "3 oz",
        [75, 76],
        "",
    ),
    "skyr-dk": (
        "Skyr, 0.2 % fat (Denmark)",
        "fermented dairy",
        "skyr",
        "DK",
        "1 container",
        [80, 81],
        "K1 and MK-4 to MK-10 all reported not detected",
    ),
    "ymer-dk": (
        "Ymer, 3.5 % fat (Denmark)",
        "fermented dairy",
        "ymer;Danish cultured milk",
        "DK",
        "1 cup",
        r(82, 89),
        "",
    ),
    "soured-milk-dk": (
        "Soured milk, 3.5 % fat (Denmark)",
        "fermented dairy",
        "tykmælk;cultured milk",
        "DK",
        "1 cup",
        r(90, 96),
        "",
    ),
    "sour-cream-18-dk": (
        "Sour cream, 18 % fat (Denmark)",
        "fermented dairy",
        "cremefraiche 18 %;sour cream",
        "DK",
        "1 tbsp",
        r(97, 102),
        "",
    ),
    "kefir-fi": (
        "Kefir (Finland)",
        "fermented dairy",
        "kefir;kefiiri",
        "FI",
        "1 cup",
        r(176, 178),
        "portions borrowed from SR28 buttermilk",
    ),
    "danablue-dk": (
        "Danablue (Danish blue cheese)",
        "cheese",
        "Danablu;Danish blue;blue cheese",
        "DK",
        "1 oz",
        r(103, 110),
        "",
    ),
    "stilton-gb": ("Stilton", "cheese", "Stilton;blue cheese", "GB", "1 oz", r(193, 199), ""),
    "roquefort-fr": ("Roquefort", "cheese", "Roquefort;blue cheese", "FR", "1 oz", r(186, 192), ""),
    "salad-cheese-dk": (
        "Salad cheese, feta-type (Denmark)",
        "cheese",
        "salatost;feta;white cheese",
        "DK",
        "1 oz",
        r(111, 118),
        "",
    ),
    "munster-fr": (
        "Munster (French)",
        "cheese",
        "Munster;Munster-géromé",
        "FR",
        "1 oz",
        r(179, 185),
        "",
    ),
    "gouda-middle-aged-nl": (
        "Gouda, middle-aged",
        "cheese",
        "belegen Goudse kaas;Gouda",
        "NL",
        "1 oz",
        r(207, 213),
        "",
    ),
    "gouda-aged-nl": (
        "Gouda, aged",
        "cheese",
        "oude Goudse kaas;old Gouda;Gouda",
        "NL",
        "1 oz",
        r(214, 220),
        "",
    ),
    "edam-nl": ("Edam", "cheese", "Edammer;Edam", "NL", "1 oz", r(221, 224), ""),
    "maasdam-nl": (
        "Maasdam",
        "cheese",
        "Maasdammer;Maasdam",
        "NL",
        "1 oz",
        r(225, 231),
        "Dutch Swiss-type cheese, Jarlsberg-like; MK-9(4H) not measured",
    ),
    "grana-padano-it": (
        "Grana Padano",
        "cheese",
        "Grana Padano;parmesan-type",
        "IT",
        "1 oz",
        r(232, 235),
        "",
    ),
    "boursin-fr": (
        "Garlic-and-herb fresh soft cheese (France)",
        "cheese",
        "Boursin",
        "FR",
        "1 tbsp",
        r(246, 251),
        "",
    ),
    "pork-schnitzel-dk": (
        "Pork schnitzel (Denmark)",
        "meat",
        "svineschnitzel",
        "DK",
        "3 oz",
        r(137, 141),
        "",
    ),
    "pork-neck-chops-dk": (
        "Pork neck chops (Denmark)",
        "meat",
        "svinekoteletter",
        "DK",
        "3 oz",
        r(142, 146),
        "",
    ),
    "beef-topside-dk": (
        "Beef topside (Denmark)",
        "meat",
        "inderlår",
        "DK",
        "3 oz",
        r(129, 133),
        "",
    ),
    "beef-rump-steak-dk": (
        "Beef rump steak (Denmark)",
        "meat",
        "rumpsteak",
        "DK",
        "3 oz",
        r(134, 136),
        "",
    ),
    "pork-liver-pate-dk": (
        "Pork liver pâté (Denmark)",
        "offal",
        "leverpostej;liver pate",
        "DK",
        "1 oz",
        r(147, 153),
        "",
    ),
    "veal-liver-dk": (
        "Veal (calf) liver (Denmark)",
        "offal",
        "kalvelever;calf liver",
        "DK",
        "1 oz",
        r(154, 160),
        "",
    ),
}

# Curation remarks appended to the note of single literature rows.
_PREP = "curation: preparation not stated in the source; filed under the raw food"
EXTRA_NOTES: dict[int, str] = {
    72: _PREP,
    73: _PREP,
    74: _PREP,
    254: "curation: ripening age not stated in the abstract; filed under ripened Emmental",
    255: "curation: the source row covers Gruyère and Appenzeller together; "
    "status not_detected because the abstract says extremely low or undetected",
    **{
        n: "curation: Fu 2017 says part-skim, not whether low-moisture; filed with SR28 01029"
        for n in range(171, 176)
    },
}

# Literature rows merged into another row's observation (duplicate measurement).
DUPLICATES = {1: 79}

# NIH ODS table (evidence.md): food_id -> (ODS food text, nutrient, µg per serving, serving label)
ODS: dict[str, tuple[str, str, float, str]] = {
    "natto": ("Natto, 3 oz (~85 g)", "mk7", 850, "3 oz"),
    "collards-frozen-boiled": ("Collards, frozen, boiled, ½ cup", "k1", 530, "0.5 cup"),
    "turnip-greens-frozen-boiled": ("Turnip greens, frozen, boiled, ½ cup", "k1", 426, "0.5 cup"),
    "spinach-raw": ("Spinach, raw, 1 cup", "k1", 145, "1 cup"),
    "kale-raw": ("Kale, raw, 1 cup", "k1", 113, "1 cup"),
    "broccoli-boiled": ("Broccoli, boiled, ½ cup", "k1", 110, "0.5 cup"),
    "soybean-oil": ("Soybean oil, 1 tbsp", "k1", 25, "1 tbsp"),
    "chicken-breast-rotisserie-us": ("Chicken breast, rotisserie, 3 oz", "mk4", 13, "3 oz"),
    "ground-beef-broiled-us": ("Ground beef, broiled, 3 oz", "mk4", 6, "3 oz"),
    "chicken-liver-braised-us": ("Chicken liver, braised, 3 oz", "mk4", 6, "3 oz"),
    "ham-sliced-us": ("Ham, 3 oz", "mk4", 4, "3 oz"),
}
ODS_LOCATION = "Vitamin K fact sheet for health professionals, Table 2 (as restated in evidence.md)"
ODS_3OZ_ORIGIN = "evidence.md ODS food table: 3 oz (~85 g)"
THREE_OZ_GROUPS = {"meat", "poultry", "offal", "fermented soy"}
ALIAS_UNITS = ("cup", "tbsp", "tsp", "oz", "slice")

VALUE_COLUMNS = [
    "food_id",
    "nutrient",
    "value_per_100g",
    "low_per_100g",
    "high_per_100g",
    "n_samples",
    "status",
    "country",
    "source_key",
    "source_location",
    "origin",
    "note",
    "priority",
    "usda_src_cd",
]
FOOD_COLUMNS = [
    "food_id",
    "name",
    "food_group",
    "synonyms",
    "country",
    "usda_ndb",
    "typical_serving",
    "note",
]
PORTION_COLUMNS = ["food_id", "label", "grams", "source_key", "origin"]


def num(x: float | None) -> str:
    """Format a number for the CSV: no trailing zeros, empty for None."""
    if x is None:
        return ""
    return f"{round(x, 4):g}"


def parse_float(s: str) -> float | None:
    s = s.strip()
    return float(s) if s else None


@dataclass
class Link:
    usda_ndb: str
    portion_ndb: str
    match_note: str


def read_links(path: Path) -> dict[str, Link]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            row["food_id"]: Link(row["usda_ndb"], row["portion_ndb"], row["match_note"])
            for row in csv.DictReader(fh)
        }


def sr28_rows(
    release: Release, food_id: str, ndb: str, lit_by_origin: dict[str, int]
) -> list[dict[str, str]]:
    """One food_values row per SR28 nutrient value of a linked food (absent ⇒ no row)."""
    values = release.values_for(ndb)
    out: list[dict[str, str]] = []
    for nutr_no, code in SR28_NUTRIENTS:
        v = values.get(nutr_no)
        value: float | None
        note_parts: list[str] = []
        if code == "vitamin_d" and v is None and "324" in values:
            v = values["324"]
            nutr_no = "324"
            value = v.value / 40
            note_parts.append(f"converted from SR28 vitamin D {num(v.value)} IU (Nutr_No 324) ÷ 40")
        elif v is None:
            continue
        else:
            value = v.value
        note_parts.append(
            f"SR28 Src_Cd {v.src_cd} ({release.source_codes[v.src_cd]})"
            + (f", Deriv_Cd {v.deriv_cd}" if v.deriv_cd else "")
        )
        if v.ref_ndb_no:
            ref = release.foods.get(v.ref_ndb_no)
            note_parts.append(
                f"imputed from NDB {v.ref_ndb_no}" + (f" ({ref.long_desc})" if ref else "")
                if v.status == "imputed"
                else f"Ref_NDB_No {v.ref_ndb_no}"
            )
        if v.std_error is not None:
            note_parts.append(f"standard error {num(v.std_error)}")
        origin = f"SR28 NUT_DATA {ndb}/{nutr_no}"
        lit = lit_by_origin.pop(origin, None)
        if lit is not None:
            origin += f"; literature.csv row {lit}"
        out.append(
            {
                "food_id": food_id,
                "nutrient": code,
                "value_per_100g": num(value),
                "low_per_100g": num(v.min if nutr_no != "324" else None),
                "high_per_100g": num(v.max if nutr_no != "324" else None),
                "n_samples": "" if v.n_data_points is None else str(v.n_data_points),
                # measured | imputed | assumed_zero, from the SR28 source code
                "status": v.status,
                "country": "US",
                "source_key": "USDA-SR28",
                "source_location": (
                    f"NUT_DATA.txt NDB_No {ndb} Nutr_No {nutr_no} ({release.foods[ndb].long_desc})"
                ),
                "origin": origin,
                "note": "; ".join(note_parts),
                "priority": "1",
                "usda_src_cd": v.src_cd,
            }
        )
    return out


def literature_row(food_id: str, n: int, row: dict[str, str], dup_of: list[int]) -> dict[str, str]:
    value = parse_float(row["value_ug_per_100g"])
    low = parse_float(row["low"])
    high = parse_float(row["high"])
    note = row["note"]
    text_note = note.lower()
    if value is not None:
        status = "measured"
    elif low is not None or high is not None:
        status = "range_only"
    elif "not detected" in text_note or "undetected" in text_note:
        status = "not_detected"
        value = 0.0
    else:
        raise SystemExit(f"literature row {n}: empty value without range or not-detected note")
    n_samples = row["n_samples"].strip()
    if n_samples and not n_samples.isdigit():
        note = f"{note}; n: {n_samples}" if note else f"n: {n_samples}"
        n_samples = ""
    if n in EXTRA_NOTES:
        note = f"{note}; {EXTRA_NOTES[n]}" if note else EXTRA_NOTES[n]
    secondary = "via secondary copy" in row["source_location"]
    origin = f"literature.csv row {n}"
    location = row["source_location"]
    priority = "3" if secondary else "2"
    for d in dup_of:
        origin += f"; literature.csv row {d}"
        note += (
            f"; duplicate of literature row {d} (same measurement, also in the abstract), kept once"
        )
        priority = "2"
    return {
        "food_id": food_id,
        "nutrient": nutrient(row["form"]).code,
        "value_per_100g": num(value),
        "low_per_100g": num(low),
        "high_per_100g": num(high),
        "n_samples": n_samples,
        "status": status,
        "country": row["country"],
        "source_key": KEY_MAP[row["source_key"]],
        "source_location": location,
        "origin": origin,
        "note": note,
        "priority": priority,
    }


ND_PATTERN = re.compile(r"not detected in the same sample: ([^;]+)")


def not_detected_rows(
    food_id: str, rows: list[int], lit: list[dict[str, str]], have: list[dict[str, str]]
) -> list[dict[str, str]]:
    """Forms a literature row's note lists as not detected in the same sample.

    One observation per (nutrient, source) and food, citing the first row whose note
    lists it; skipped when the same source gives a value for that form.
    """
    seen = {(v["nutrient"], v["source_key"]) for v in have}
    out: list[dict[str, str]] = []
    for n in rows:
        row = lit[n - 1]
        m = ND_PATTERN.search(row["note"])
        if not m:
            continue
        key = KEY_MAP[row["source_key"]]
        for form in (f.strip() for f in m.group(1).split(",")):
            code = nutrient(form).code
            if (code, key) in seen:
                continue
            seen.add((code, key))
            secondary = "via secondary copy" in row["source_location"]
            out.append(
                {
                    "food_id": food_id,
                    "nutrient": code,
                    "value_per_100g": "0",
                    "low_per_100g": "",
                    "high_per_100g": "",
                    "n_samples": "",
                    "status": "not_detected",
                    "country": row["country"],
                    "source_key": key,
                    "source_location": row["source_location"],
                    "origin": f"literature.csv note of row {n}: not detected",
                    "note": (
                        f"{form} listed as 'not detected in the same sample' in the note of "
                        f"literature row {n} ({row['food']}, {row['form']})"
                    ),
                    "priority": "3" if secondary else "2",
                }
            )
    return out


def portion_rows(release: Release, food_id: str, ndb: str, proxy: bool) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    weights = release.weights_for(ndb)
    labels = {w.label for w in weights}
    suffix = f" (portion reference: {release.foods[ndb].long_desc})" if proxy else ""
    for w in weights:
        out.append(
            {
                "food_id": food_id,
                "label": w.label,
                "grams": num(w.grams),
                "source_key": "USDA-SR28",
                "origin": f"SR28 WEIGHT {ndb}/{w.seq}{suffix}",
            }
        )
    # plain aliases ("1 cup, chopped" -> "1 cup") when unambiguous
    aliases: dict[str, list[tuple[int, float, str]]] = {}
    for w in weights:
        m = re.match(r"^(\d+(?:\.\d+)?) (cup|tbsp|tsp|oz|slice)\b(.+)$", w.label)
        if m and m.group(3).strip():
            aliases.setdefault(f"{m.group(1)} {m.group(2)}", []).append((w.seq, w.grams, w.label))
    for alias, items in aliases.items():
        if alias in labels or len({g for _, g, _ in items}) != 1:
            continue
        seq, grams, label = items[0]
        out.append(
            {
                "food_id": food_id,
                "label": alias,
                "grams": num(grams),
                "source_key": "USDA-SR28",
                "origin": f"SR28 WEIGHT {ndb}/{seq} (alias of '{label}'){suffix}",
            }
        )
    return out


def build(shared: Path, out_dir: Path) -> None:
    lit_path = shared / "data" / "vitamin-k-literature.csv"
    with lit_path.open(encoding="utf-8", newline="") as fh:
        lit = list(csv.DictReader(fh))
    release = read_release(shared / "data" / "usda-sr28")
    links = read_links(out_dir / "usda_links.csv")
    assigned: dict[int, str] = {}
    for fid, spec in FOODS.items():
        for n in spec[5]:
            if n in assigned:
                raise SystemExit(f"literature row {n} assigned twice ({assigned[n]}, {fid})")
            assigned[n] = fid
    missing = set(range(1, len(lit) + 1)) - set(assigned) - set(DUPLICATES)
    if missing:
        raise SystemExit(f"literature rows not assigned to a food: {sorted(missing)}")
    if set(links) != set(FOODS):
        raise SystemExit(f"usda_links.csv and FOODS differ: {set(links) ^ set(FOODS)}")

    foods_out: list[dict[str, str]] = []
    values_out: list[dict[str, str]] = []
    portions_out: list[dict[str, str]] = []
    for fid, (name, group, synonyms, country, typical, rows, note) in FOODS.items():
        link = links[fid]
        lit_by_origin: dict[str, int] = {}
        food_values: list[dict[str, str]] = []
        for n in rows:
            row = lit[n - 1]
            if row["source_key"] == "usda_sr28":
                m = re.search(r"NDB_No (\d{5}) Nutr_No (\d{3})", row["source_location"])
                assert m, n
                if m.group(1) != link.usda_ndb:
                    raise SystemExit(f"row {n}: SR28 food {m.group(1)} is not the link of {fid}")
                sr = release.values_for(m.group(1))[m.group(2)]
                if parse_float(row["value_ug_per_100g"]) != sr.value:
                    raise SystemExit(f"row {n}: literature value differs from SR28 {sr.value}")
                lit_by_origin[f"SR28 NUT_DATA {m.group(1)}/{m.group(2)}"] = n
                continue
            if row["source_key"] == "nih_ods_vitk":
                continue  # the ODS observation below cites this row
            dups = [d for d, target in DUPLICATES.items() if target == n]
            food_values.append(literature_row(fid, n, row, dups))
        food_values += not_detected_rows(fid, rows, lit, food_values)
        sr_values = sr28_rows(release, fid, link.usda_ndb, lit_by_origin) if link.usda_ndb else []
        if lit_by_origin:
            raise SystemExit(f"{fid}: SR28 literature rows not joined: {lit_by_origin}")

        # portions
        portions: list[dict[str, str]] = []
        if link.usda_ndb:
            portions += portion_rows(release, fid, link.usda_ndb, proxy=False)
        elif link.portion_ndb:
            portions += portion_rows(release, fid, link.portion_ndb, proxy=True)
        labels = {p["label"]: p for p in portions}
        if fid in ODS:
            ods_food, code, serving_ug, label = ODS[fid]
            if label not in labels:
                if label == "3 oz":
                    p = {
                        "food_id": fid,
                        "label": "3 oz",
                        "grams": "85",
                        "source_key": "ODS-K",
                        "origin": ODS_3OZ_ORIGIN,
                    }
                elif label == "0.5 cup":
                    cup = next(
                        w
                        for w in release.weights_for(link.usda_ndb)
                        if w.amount == 1 and w.measure.startswith("cup")
                    )
                    p = {
                        "food_id": fid,
                        "label": "0.5 cup",
                        "grams": num(cup.grams / 2),
                        "source_key": "VitkCuration",
                        "origin": (
                            f"half of SR28 WEIGHT {link.usda_ndb}/{cup.seq} "
                            f"({cup.label} = {num(cup.grams)} g)"
                        ),
                    }
                else:
                    raise SystemExit(f"{fid}: no portion for ODS serving {label}")
                portions.append(p)
                labels[label] = p
            grams = float(labels[label]["grams"])
            origin = f"evidence.md ODS food table: {ods_food}"
            lit_rows = [n for n in rows if lit[n - 1]["source_key"] == "nih_ods_vitk"]
            for n in lit_rows:
                origin += f"; literature.csv row {n}"
            values_out_row = {
                "food_id": fid,
                "nutrient": code,
                "value_per_100g": num(serving_ug / grams * 100),
                "low_per_100g": "",
                "high_per_100g": "",
                "n_samples": "",
                "status": "measured",
                "country": "US",
                "source_key": "ODS-K",
                "source_location": ODS_LOCATION,
                "origin": origin,
                "note": (
                    f"ODS gives {num(serving_ug)} µg per {ods_food.split(', ')[-1]}; per 100 g = "
                    f"{num(serving_ug)} µg / {num(grams)} g × 100 (portion '{label}': "
                    f"{labels[label]['origin']})"
                ),
                "priority": "1",
            }
            food_values.append(values_out_row)
        if group in THREE_OZ_GROUPS and "3 oz" not in labels:
            p = {
                "food_id": fid,
                "label": "3 oz",
                "grams": "85",
                "source_key": "ODS-K",
                "origin": ODS_3OZ_ORIGIN,
            }
            portions.append(p)
            labels["3 oz"] = p
        if typical not in labels:
            raise SystemExit(f"{fid}: typical serving {typical!r} not in portions {sorted(labels)}")
        values_out += sr_values + food_values
        portions_out += portions
        note_full = note
        if not sr_values and not food_values:
            raise SystemExit(f"{fid}: no values")
        foods_out.append(
            {
                "food_id": fid,
                "name": name,
                "food_group": group,
                "synonyms": synonyms,
                "country": country,
                "usda_ndb": link.usda_ndb,
                "typical_serving": typical,
                "note": note_full,
            }
        )

    for fname, cols, rows_ in (
        ("foods.csv", FOOD_COLUMNS, foods_out),
        ("food_values.csv", VALUE_COLUMNS, values_out),
        ("food_portions.csv", PORTION_COLUMNS, portions_out),
    ):
        with (out_dir / fname).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            w.writerows(rows_)
        print(f"{fname}: {len(rows_)} rows")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", default=str(REPO.parent / "shared"))
    parser.add_argument("--out", default=str(REPO / "src" / "vitk" / "data" / "foods"))
    args = parser.parse_args(argv)
    build(Path(args.shared), Path(args.out))


if __name__ == "__main__":
    main()
