"""Food lists by vitamin K form: total K per serving for VKA users, long-chain K2 for others.

For a person on a vitamin K antagonist the question is how much vitamin K a usual serving
brings, whatever the form, so :func:`vka_food_list` ranks foods by **total vitamin K per
usual serving**: K1 greens first (K1 is most of what they eat), then the K2 foods, each
with µg per serving by form and the source keys of each value (unknown stays unknown:
``None`` and a lower-bound total). :func:`consistency_target` turns the person's own
daily amount into a steady target with a band, to agree with their clinic.

For everyone else :func:`long_chain_k2_list` ranks K2 foods by long-chain menaquinones
(MK-7 and MK-5, 6, 8-13) and lists MK-4 foods apart: nutritional MK-4 doses did not raise
blood MK-4 (Sato2012).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from vitk.nutrients import field_by_code

if TYPE_CHECKING:
    from vitk.foods.model import Food

__all__ = [
    "MK4_CAVEAT",
    "N_GREENS",
    "N_K2_FOODS",
    "consistency_target",
    "long_chain_k2_list",
    "vka_food_list",
]

#: How many K1 greens and K2 foods the VKA list shows.
N_GREENS = 10
N_K2_FOODS = 10
_FORMS = ("k1", "mk4", "mk7", "mk_long_other")
_LABEL = {code: field_by_code(code).abbreviation for code in _FORMS}
#: Why MK-4 foods are listed apart (with its citation key).
MK4_CAVEAT = (
    "In a study of healthy women, nutritional amounts of MK-4 (420 µg once, 60 µg a day for "
    "a week) did not raise MK-4 in the blood, unlike the same amounts of MK-7 [Sato2012]; "
    "what food MK-4 does in the body is less clear than for the long-chain forms."
)


def _entry(food: Food) -> dict[str, Any] | None:
    """A food's entry, fresh for the caller (who may add keys such as ``flagged``)."""
    entry = _cached_entry(food)
    if entry is None:
        return None
    by_form = {
        code: {**v, "source_keys": list(v["source_keys"])} for code, v in entry["by_form"].items()
    }
    return {**entry, "by_form": by_form, "source_keys": list(entry["source_keys"])}


@lru_cache(maxsize=4096)
def _cached_entry(food: Food) -> dict[str, Any] | None:
    """The entry of one food, computed once per food (a food's values never change)."""
    from vitk.foods.values import food_row

    row = food_row(food)
    values = row["values"]
    total = values.get("k_total") or {}
    total_ug = total.get("per_serving_ug")
    if total_ug is None or total_ug <= 0:
        return None
    by_form: dict[str, Any] = {}
    keys: list[str] = []
    for code in _FORMS:
        v = values.get(code) or {}
        ug = v.get("per_serving_ug")
        by_form[code] = {
            "label": _LABEL[code],
            "ug_per_serving": None if ug is None else round(float(ug), 1),
            "status": v.get("status", "not_measured"),
            "source_keys": list(v.get("source_keys", [])),
        }
        keys += v.get("source_keys", [])
    from vitk.pharmacology.matrix import matrix_of_food_group

    k1 = by_form["k1"]["ug_per_serving"] or 0.0
    k2 = sum(by_form[c]["ug_per_serving"] or 0.0 for c in ("mk4", "mk7", "mk_long_other"))
    green = matrix_of_food_group(food.food_group) == "vegetable"
    unknown = [c for c in _FORMS if by_form[c]["ug_per_serving"] is None]
    return {
        "food_id": food.food_id,
        "name": food.name,
        "food_group": food.food_group,
        "serving": row.get("typical_serving") or "100 g",
        "serving_g": row.get("serving_g") or 100.0,
        "kind": "K2 food" if k2 > k1 else ("K1 green" if green else "other K1 source"),
        "total_ug_per_serving": round(float(total_ug), 1),
        "total_is_lower_bound": bool(unknown),
        "k2_ug_per_serving": round(k2, 1),
        "long_chain_ug_per_serving": round(
            (by_form["mk7"]["ug_per_serving"] or 0.0)
            + (by_form["mk_long_other"]["ug_per_serving"] or 0.0),
            1,
        ),
        "mk4_ug_per_serving": by_form["mk4"]["ug_per_serving"],
        "by_form": by_form,
        "source_keys": list(dict.fromkeys(keys)),
    }


def _entries(foods: Iterable[Food], allowed_groups: set[str] | None) -> list[dict[str, Any]]:
    out = []
    for food in foods:
        if allowed_groups is not None and food.food_group.strip().lower() not in allowed_groups:
            continue
        entry = _entry(food)
        if entry is not None:
            out.append(entry)
    return out


def vka_food_list(
    foods: Iterable[Food],
    allowed_groups: set[str] | None = None,
    *,
    n_greens: int = N_GREENS,
    n_k2: int = N_K2_FOODS,
) -> list[dict[str, Any]]:
    """Foods by total vitamin K per usual serving: K1 greens first, then K2 foods.

    Other foods whose vitamin K is mostly K1 (oils, offal) follow the K2 foods.

    Each entry holds ``total_ug_per_serving`` (a lower bound when a form was not measured:
    ``total_is_lower_bound``), ``by_form`` (µg per serving, status and source keys of K1,
    MK-4, MK-7 and MK-5,6,8-13; ``None`` = not measured) and ``kind``.
    """
    entries = _entries(foods, allowed_groups)
    greens = sorted(
        (e for e in entries if e["kind"] == "K1 green"),
        key=lambda e: (-e["total_ug_per_serving"], e["name"]),
    )[:n_greens]
    k2 = sorted(
        (e for e in entries if e["kind"] == "K2 food"),
        key=lambda e: (-e["total_ug_per_serving"], e["name"]),
    )[:n_k2]
    other = sorted(
        (e for e in entries if e["kind"] == "other K1 source" and e["total_ug_per_serving"] >= 1),
        key=lambda e: (-e["total_ug_per_serving"], e["name"]),
    )[:n_k2]
    return greens + k2 + other


def long_chain_k2_list(
    foods: Iterable[Food], allowed_groups: set[str] | None = None, *, n: int = 10
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """K2 foods by long-chain menaquinones per serving, and MK-4 foods listed apart.

    Returns
    -------
    tuple
        ``(long_chain, mk4_apart)``: foods with MK-7 or MK-5,6,8-13, highest first; foods
        whose K2 is mostly MK-4, highest MK-4 first (see :data:`MK4_CAVEAT`).
    """
    entries = _entries(foods, allowed_groups)
    long_chain = sorted(
        (e for e in entries if e["long_chain_ug_per_serving"] > 0),
        key=lambda e: (-e["long_chain_ug_per_serving"], e["name"]),
    )[:n]
    mk4 = sorted(
        (e for e in entries if (e["mk4_ug_per_serving"] or 0.0) > e["long_chain_ug_per_serving"]),
        key=lambda e: (-(e["mk4_ug_per_serving"] or 0.0), e["name"]),
    )[:n]
    return long_chain, mk4


def consistency_target(
    mean_daily_ug: float | None, band_pct: float | None, *, from_diary: bool
) -> dict[str, Any]:
    """A steady daily amount ± a band, and its weekly total, to agree with the clinic.

    ``mean_daily_ug`` is the person's own mean daily total vitamin K (diary) or usual
    intake (profile); None gives no number, only how to get one. The band is the
    consistency band of the diary (default ± 20 %): no study sets a number, so the person
    agrees it with their clinic. Keeping intake steady is what guidance asks [ODS-K;
    Lurie2010].
    """
    band = 20.0 if band_pct is None else float(band_pct)
    if mean_daily_ug is None or mean_daily_ug <= 0:
        return {
            "daily_ug": None,
            "band_pct": band,
            "weekly_ug": None,
            "sentence": (
                "Log a week of what you eat: your own usual daily amount of vitamin K, with a "
                f"band of about ± {band:g} %, is a steady target to agree with your "
                "anticoagulation clinic [ODS-K; Lurie2010]."
            ),
            "citations": ["ODS-K", "Lurie2010"],
        }
    daily = float(mean_daily_ug)
    lo, hi = daily * (1 - band / 100.0), daily * (1 + band / 100.0)
    basis = "your diary's mean" if from_diary else "the usual intake in your profile"
    return {
        "daily_ug": round(daily),
        "band_pct": band,
        "daily_low_ug": round(lo),
        "daily_high_ug": round(hi),
        "weekly_ug": round(7 * daily),
        "weekly_low_ug": round(7 * lo),
        "weekly_high_ug": round(7 * hi),
        "sentence": (
            f"A steady target to agree with your anticoagulation clinic: about {daily:.0f} µg "
            f"of vitamin K a day ({lo:.0f}-{hi:.0f} µg, ± {band:g} %), about {7 * daily:.0f} µg "
            f"a week ({7 * lo:.0f}-{7 * hi:.0f} µg), from {basis}. Keep it steady rather than "
            "low; do not change it without your clinic [ODS-K; Lurie2010]."
        ),
        "citations": ["ODS-K", "Lurie2010"],
    }
