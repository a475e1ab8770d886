"""The sentences a person reads about an intake summary, written once for CLI and web.

Every function here takes the JSON form of :class:`vitk.intake.IntakeSummary`
(``summary.to_dict()``, or parts of it: ``coverage``, ``consistency``, a day's row …)
and returns plain text. The CLI prints these lines and the web app shows them; neither
words an intake fact itself.

Unknown is not zero: a number no logged source measured is shown as ``n.m.``
(:data:`NOT_MEASURED_MARK`), a lower bound gets ``≥`` before it
(:data:`LOWER_BOUND_MARK`), and :data:`MARKS_LEGEND` explains both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "CHART_MARKS_CAPTION",
    "DISCLAIMER",
    "LOWER_BOUND_MARK",
    "MARKS_LEGEND",
    "NOT_MEASURED_MARK",
    "SERIES_MARKS_CAPTION",
    "above_ul_sentences",
    "cell",
    "consistency_band_ug",
    "consistency_sentence",
    "coverage_sentences",
    "coverage_warning",
    "days_above_ul_cell",
    "field_status",
    "marked_number",
    "match_sentences",
    "reading_sentences",
    "reference_cell",
    "sources_sentence",
]

#: Shown instead of a number that no logged source measured (unknown, not zero).
NOT_MEASURED_MARK = "n.m."
#: Put before a number that is a lower bound (some logged foods lacked that form).
LOWER_BOUND_MARK = "≥"
#: The legend under a table or chart that shows either mark.
MARKS_LEGEND = (
    f"{NOT_MEASURED_MARK} = not measured: no logged food or supplement has a value for that "
    f"form (unknown, not zero); {LOWER_BOUND_MARK} = lower bound: some logged foods have no "
    "value for it, or no food was logged that day."
)
#: The caption under a bar chart with a marked value.
CHART_MARKS_CAPTION = (
    f"{NOT_MEASURED_MARK} = not measured (unknown, not zero; no bar). "
    f"{LOWER_BOUND_MARK} = lower bound."
)
#: The caption under a daily series with a marked value (a value is a point, not a bar).
SERIES_MARKS_CAPTION = (
    f"{NOT_MEASURED_MARK} = not measured (unknown, not zero; no point). Open marker = lower bound."
)
#: Closes every intake summary a person reads (CLI table, web dashboard).
DISCLAIMER = (
    "Not medical advice. On warfarin or another vitamin K antagonist: keep vitamin K intake "
    "steady and change nothing without your anticoagulation clinic."
)

#: Co-nutrient codes of ``coverage["co_nutrient_unmeasured"]`` as words.
_CO_NUTRIENT_NAMES = {"vitamin_d": "vitamin D", "calcium": "calcium", "magnesium": "magnesium"}


# -- marks ----------------------------------------------------------------------------------
def marked_number(value: float | None, status: str | None, nd: int = 1) -> str:
    """``value`` as shown: ``n.m.`` (not measured, or None), ``≥12.0`` (lower bound), ``12.0``.

    Parameters
    ----------
    value : float or None
        The number (None: no logged source measured it).
    status : str or None
        ``measured``, ``lower_bound`` or ``not_measured``.
    nd : int
        Digits after the decimal point.

    Examples
    --------
    >>> marked_number(12.04, "lower_bound")
    '≥12.0'
    >>> marked_number(0.0, "not_measured")
    'n.m.'
    """
    if status == "not_measured" or value is None:
        return NOT_MEASURED_MARK
    text = f"{value:.{nd}f}"
    return LOWER_BOUND_MARK + text if status == "lower_bound" else text


def field_status(field: str, marks: Mapping[str, Any] | None) -> str:
    """``not_measured``, ``lower_bound`` or ``measured`` for ``field`` in a row's mark lists.

    ``marks`` is any row with ``not_measured`` and ``lower_bound`` lists (a day, a 7-day
    mean); None reads as measured.

    Examples
    --------
    >>> field_status("mk7_ug", {"not_measured": ["mk7_ug"], "lower_bound": []})
    'not_measured'
    """
    if marks is None:
        return "measured"
    if field in (marks.get("not_measured") or ()):
        return "not_measured"
    return "lower_bound" if field in (marks.get("lower_bound") or ()) else "measured"


def cell(value: float | None, field: str, marks: Mapping[str, Any], nd: int = 1) -> str:
    """A day's (or 7-day mean's) ``field`` marked by the row's mark lists.

    Examples
    --------
    >>> cell(40.0, "k1_ug", {"not_measured": [], "lower_bound": ["k1_ug"]})
    '≥40.0'
    """
    return marked_number(value, field_status(field, marks), nd)


# -- coverage -------------------------------------------------------------------------------
def _names(names: Sequence[str], most: int, sep: str) -> str:
    """The first ``most`` names joined by ``sep``, with `` …`` when some were left out."""
    return sep.join(names[:most]) + (" …" if len(names) > most else "")


def coverage_sentences(coverage: Mapping[str, Any]) -> list[str]:
    """What the logged foods measured, as the CLI prints it (one sentence per line).

    ``coverage`` is ``summary.to_dict()["coverage"]``: how many logged foods have any
    menaquinone or a long chain measured, the foods without K2 data, and per co-nutrient
    the foods without a value (those totals are lower bounds).
    """
    if not coverage["foods_logged"]:
        lines = [str(coverage["note"])]
    else:
        lines = [
            f"Coverage: {coverage['k2_measured_share']:.0%} of {coverage['foods_logged']} "
            f"logged foods have any menaquinone measured; "
            f"{coverage['long_chain_mk_measured_share']:.0%} have MK-7 or longer chains. "
            "Foods without data add nothing, so K2 totals are lower bounds."
        ]
    if coverage["foods_k2_unmeasured"]:
        lines.append("K2 not measured in: " + "; ".join(coverage["foods_k2_unmeasured"]))
    for code, names in coverage["co_nutrient_unmeasured"].items():
        if names:
            lines.append(
                f"No {_CO_NUTRIENT_NAMES.get(code, code.replace('_', ' '))} value for "
                f"{len(names)} logged food(s) ({_names(names, 4, '; ')}): "
                "that total is a lower bound."
            )
    return lines


def coverage_warning(coverage: Mapping[str, Any]) -> str | None:
    """One warning about K2 coverage for a dashboard (None when every food measured K2).

    Examples
    --------
    >>> coverage_warning({"foods_logged": 2, "k2_measured_share": 0.5,
    ...                   "foods_k2_unmeasured": ["Kale, raw"], "note": ""})
    'K2 was measured in only 50% of the foods you logged (1 without data: Kale, raw); K2 totals are lower bounds.'
    """  # noqa: E501
    if not coverage["foods_logged"]:
        return str(coverage["note"])  # "No foods logged: … supplements only."
    if coverage["k2_measured_share"] >= 1.0:
        return None
    unmeasured = list(coverage["foods_k2_unmeasured"])
    pct = round(100 * coverage["k2_measured_share"])
    return (
        f"K2 was measured in only {pct}% of the foods you logged "
        f"({len(unmeasured)} without data: {_names(unmeasured, 5, ', ')}); "
        "K2 totals are lower bounds."
    )


# -- consistency ----------------------------------------------------------------------------
def _days(n: int) -> str:
    return "day" if n == 1 else "days"


def consistency_sentence(consistency: Mapping[str, Any]) -> str:
    """Mean, SD, CV and days outside the band of total vitamin K, in one sentence.

    Examples
    --------
    >>> consistency_sentence({"n_days": 1, "mean_ug": 90.0, "sd_ug": 0.0, "cv_pct": 0.0,
    ...                       "days_outside_band": 0, "band_pct": 20})
    'Consistency of total vitamin K over 1 day: mean 90 µg, SD 0 µg, CV 0 %, 0 day(s) outside ±20 % of the mean.'
    """  # noqa: E501
    c = consistency
    return (
        f"Consistency of total vitamin K over {c['n_days']} {_days(c['n_days'])}: "
        f"mean {c['mean_ug']:.0f} µg, SD {c['sd_ug']:.0f} µg, CV {c['cv_pct']:.0f} %, "
        f"{c['days_outside_band']} day(s) outside ±{c['band_pct']:g} % of the mean."
    )


def consistency_band_ug(consistency: Mapping[str, Any]) -> tuple[float, float]:
    """The band ``(low, high)`` around the mean: mean × (1 ∓ band_pct / 100). [µg]

    Examples
    --------
    >>> consistency_band_ug({"mean_ug": 100.0, "band_pct": 20})
    (80.0, 120.0)
    """
    mean = float(consistency["mean_ug"])
    band = float(consistency["band_pct"]) / 100.0
    return round(mean * (1 - band), 2), round(mean * (1 + band), 2)


# -- comparison with reference intakes ------------------------------------------------------
def reference_cell(row: Mapping[str, Any]) -> str:
    """A comparison row's reference: ``120 µg (AI, NASEM)``, or ``—`` where none is set."""
    if row["reference"] is None:
        return "—"
    return f"{row['reference']:g} {row['unit']} ({row['kind']}, {row['body']})"


def days_above_ul_cell(row: Mapping[str, Any], n_days: int) -> str:
    """A comparison row's "days > UL": ``2 of 7`` ('' for a row without a UL)."""
    n = row.get("days_above_ul")
    return "" if n is None else f"{n} of {n_days}"


def above_ul_sentences(comparison: Iterable[Mapping[str, Any]], n_days: int) -> list[str]:
    """One sentence per UL row exceeded on some day, naming the days."""
    return [
        f"{row['target']}: above the UL of {row['reference']:g} {row['unit']} on "
        f"{row['days_above_ul']} of {n_days} days: " + ", ".join(row["dates_above_ul"])
        for row in comparison
        if row.get("days_above_ul")
    ]


# -- how the diary was read -----------------------------------------------------------------
def reading_sentences(readings: Iterable[Mapping[str, Any]]) -> list[str]:
    """One line per row read other than literally (a bare count, "K2" read as MK-7 …)."""
    return [f"Read row {r['row']} ({r['item']}): {r['reading']}" for r in readings]


def _tokens(text: str) -> set[str]:
    from vitk.foods.search import tokens

    return set(tokens(text))


def match_sentences(matches: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every fuzzy match, and every synonym whose words are not in the food's name.

    One line per item and food ("Matched 'oatmeal' → Cereals, oats, … [id] (synonym;
    rows 2, 5)"); exact matches by name say nothing.
    """
    grouped: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for m in matches:
        if not m["exact"] or not _tokens(m["query"]) <= _tokens(m["food_name"]):
            grouped.setdefault((m["query"].lower(), m["food_id"]), []).append(m)
    lines = []
    for ms in grouped.values():
        m = ms[0]
        rows = _names([str(x["row"]) for x in ms], 8, ", ")
        how = "synonym" if m["exact"] else f"fuzzy match, score {m['score']:g}"
        lines.append(
            f"Matched '{m['query']}' → {m['food_name']} [{m['food_id']}] "
            f"({how}; row{'s' if len(ms) > 1 else ''} {rows})"
        )
    return lines


def sources_sentence(source_keys: Mapping[str, Iterable[str]], hint: str = "") -> str | None:
    """Where the food values came from (None when no food value was used).

    ``hint`` (an interface's pointer to the per-form keys and full citations) goes in
    brackets before the final stop.

    Examples
    --------
    >>> sources_sentence({"k1_ug": ["USDA-SR28"], "mk7_ug": ["Schurgers2007", "USDA-SR28"]})
    'Food values from: Schurgers2007, USDA-SR28.'
    """
    keys = sorted({k for ks in source_keys.values() for k in ks})
    if not keys:
        return None
    return "Food values from: " + ", ".join(keys) + (f" ({hint})" if hint else "") + "."
