"""What each page shows, as JSON-ready dicts built only from library calls.

Both the HTML pages and their ``/api`` twins call these functions, so the two never
disagree. Nothing here touches HTTP.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from vitk.errors import DiaryError, InputError, VitkError
from vitk.intake.cache import SummaryCache
from vitk.intake.diary_file import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS
from vitk.intake.render import consistency_band_ug, coverage_warning
from vitk.nutrients import DOSED_FORMS, FIELD, VITAMIN_K_FIELDS
from vitk.pharmacology.disclaimers import INR_DISCLAIMER, MODEL_DISCLAIMER

if TYPE_CHECKING:
    from vitk.advisor.report import Report
    from vitk.foods.catalogue import Catalogue
    from vitk.intake.engine import IntakeSummary
    from vitk.lifestage import LifeStage
    from vitk.storage.repository import EntryRecord, Repository

__all__ = [
    "FORMS",
    "DashboardCache",
    "SummaryCache",
    "check_rows",
    "dashboard",
    "export_csv",
    "export_json",
    "import_csv",
    "report",
    "search_foods",
    "simulate",
]

#: Vitamin K forms shown on the dashboard: (field, label).
FORMS: tuple[tuple[str, str], ...] = tuple((f, FIELD[f].short_label) for f in VITAMIN_K_FIELDS)
#: Largest diary CSV accepted by the import.
MAX_IMPORT_BYTES = MAX_UPLOAD_BYTES
MAX_IMPORT_ROWS = MAX_UPLOAD_ROWS
#: Simulator days (narrower than the library's 3650 d: the web app keeps each request short).
#: Doses and intervals use the library's limits (vitk.pharmacology.limits).
SIM_MAX_DAYS = 365.0
SIM_MIN_DAYS = 0.25
SIM_FORMS: tuple[str, ...] = tuple(DOSED_FORMS.values())  # K1, MK-4, MK-7 from the registry
#: Starting doses shown in the simulator form (common supplement sizes). [µg]
SIM_DEFAULT_DOSE_UG = {"K1": "1000", "MK-4": "1500", "MK-7": "180"}
#: Disclaimers of the PK curves and of the INR what-if (same text as the CLI and library).
SIM_DISCLAIMER = MODEL_DISCLAIMER  # one source: vitk.pharmacology.disclaimers
SIM_INR_DISCLAIMER = INR_DISCLAIMER  # one source: vitk.pharmacology.disclaimers


# -- foods ----------------------------------------------------------------------------------
def search_foods(catalogue: Catalogue, query: str, limit: int = 10) -> list[dict[str, Any]]:
    """Ranked food matches with their K2 per 100 g and where that number comes from.

    ``k2_ug_per_100g`` is the sum of the menaquinones measured (None when none was:
    unknown, not zero), ``source_keys`` the reference keys behind it, ``k2_status`` the
    library's status (``"partial"``: some forms were not measured, so the sum is a lower
    bound, also given as ``k2_lower_bound``) and ``k2_forms`` the forms in the sum.
    """
    from vitk.foods.values import k2_per_100g

    q = " ".join(query.split())
    if not q:
        return []
    out = []
    for hit in catalogue.search(q, limit=limit):
        sv = k2_per_100g(catalogue.get(hit.food_id)) if hit.source_db == "curated" else None
        measured = sv is not None and sv.value_per_100g is not None
        out.append(
            {
                "food_id": hit.food_id,
                "name": hit.name,
                "score": round(float(hit.score), 1),
                "source_db": hit.source_db,
                "k2_ug_per_100g": (
                    round(sv.value_per_100g, 2)
                    if sv is not None and sv.value_per_100g is not None
                    else None
                ),
                "k2_status": sv.status if sv is not None and measured else None,
                "k2_lower_bound": bool(sv is not None and measured and sv.status == "partial"),
                "k2_forms": list(sv.forms) if sv is not None and measured else [],
                "source_keys": list(sv.source_keys) if sv is not None and measured else [],
            }
        )
    return out


# -- diary ----------------------------------------------------------------------------------
def check_rows(catalogue: Catalogue, rows: Sequence[Mapping[str, Any]]) -> IntakeSummary:
    """Read ``rows`` as a diary and compute it; every bad row in one DiaryRowsError."""
    from vitk.intake.diary_file import check_rows as check

    return check(rows, catalogue)


def _strip_row(msg: str) -> str:
    return msg.removeprefix("row 1: ")


def check_entry(catalogue: Catalogue, row: Mapping[str, Any]) -> dict[str, Any]:
    """Validate one diary row; return how it was matched (food name and grams)."""
    try:
        summary = check_rows(catalogue, [row])
    except VitkError as exc:
        problems = getattr(exc, "problems", None)  # DiaryRowsError: one line per bad row
        msg = _strip_row(str(problems[0]) if problems else str(exc))
        raise (DiaryError(msg) if problems else type(exc)(msg)) from None
    if summary.matches:
        m = summary.matches[0]
        return {"food_id": m.food_id, "food_name": m.food_name, "grams": round(m.grams, 1)}
    return {}


class DashboardCache:
    """Dashboard views (dict and JSON bytes) keyed by user, account stamp, data version, day.

    The repository bumps a user's data version in the same transaction as every change,
    so a hit is never stale, also with several server processes on one database. Ids are
    never reused (migration ``0004_ids_never_reused``) and the key also holds the
    account's creation time, so a later account can never hit an earlier one's entry;
    :meth:`purge_user` drops a user's entries when their data or account is deleted.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._data: OrderedDict[tuple[Any, ...], tuple[dict[str, Any], bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def key(
        self, repo: Repository, catalogue: Catalogue, user_id: int, day: dt.date | None
    ) -> tuple[Any, ...]:
        """The cache key: one primary-key query for the data version and account stamp."""
        version, created = repo.cache_stamp(user_id)
        return (id(catalogue), user_id, created, version, day or dt.date.today(), day is None)

    def lookup(self, key: tuple[Any, ...]) -> tuple[dict[str, Any], bytes] | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
            return hit

    def purge_user(self, user_id: int) -> int:
        """Drop every entry of ``user_id``; returns how many."""
        with self._lock:
            gone = [k for k in self._data if k[1] == user_id]
            for k in gone:
                del self._data[k]
        return len(gone)

    def get(
        self,
        repo: Repository,
        catalogue: Catalogue,
        cache: SummaryCache,
        user_id: int,
        day: dt.date | None,
        key: tuple[Any, ...] | None = None,
    ) -> tuple[dict[str, Any], bytes]:
        key = key or self.key(repo, catalogue, user_id, day)
        hit = self.lookup(key)
        if hit is not None:
            return hit
        data = dashboard(repo, catalogue, cache, user_id, day)
        body = json.dumps({"ok": True, **data}, ensure_ascii=False, allow_nan=False).encode()
        with self._lock:
            self._data[key] = (data, body)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return data, body


def _rows(entries: Sequence[EntryRecord]) -> tuple[tuple[str, str, str, str], ...]:
    return tuple((e.date.isoformat(), e.kind, e.item, e.amount) for e in entries)


def entry_details(
    catalogue: Catalogue, cache: SummaryCache, entries: Sequence[EntryRecord]
) -> dict[int, str]:
    """How each food row was read ("Natto (fermented soybeans), 40 g"), by entry id.

    A food kept as unknown gets the library's note (adds nothing, the day is ≥, and the
    foods that share a word with it).
    """
    if not entries:
        return {}
    try:
        summary = cache.get(catalogue, _rows(entries), None)
    except VitkError:  # e.g. a food no longer in the catalogue: show the rows as typed
        return {}
    by_row = {m.row: m for m in summary.matches}
    unknown = {u.row: u for u in summary.unknown_foods}
    out = {}
    for i, e in enumerate(entries, start=1):
        m = by_row.get(i)
        if m is not None:
            out[e.entry_id] = f"{m.food_name}, {m.grams:.0f} g"
        elif i in unknown:  # kept as typed from the pick-a-food step: say what it means
            out[e.entry_id] = unknown[i].note()
    return out


def stage_of(profile: Mapping[str, Any] | None) -> LifeStage | None:
    """Life stage of a stored profile (None without a profile)."""
    if not profile:
        return None
    from vitk.advisor import profile_from_dict
    from vitk.lifestage import life_stage

    p = profile_from_dict(profile)
    return life_stage(p.age_y, p.sex, p.pregnant, p.lactating)


def anticoagulated(profile: Mapping[str, Any] | None) -> bool:
    """True if the advisor treats this profile as on a vitamin K antagonist."""
    if not profile:
        return False
    from vitk.advisor.medications import normalise_all, treated_as_vka

    meds = [str(m) for m in profile.get("medications", ()) or ()]
    # As the advisor decides it: a named VKA, or an unrecognised name close to one.
    return treated_as_vka(normalise_all(meds))


def summary_for(
    repo: Repository,
    catalogue: Catalogue,
    cache: SummaryCache,
    user_id: int,
    profile: Mapping[str, Any] | None,
) -> IntakeSummary | None:
    entries = repo.list_entries(user_id)
    if not entries:
        return None
    return cache.get(catalogue, _rows(entries), stage_of(profile))


def dashboard(
    repo: Repository,
    catalogue: Catalogue,
    cache: SummaryCache,
    user_id: int,
    day: dt.date | None = None,
) -> dict[str, Any]:
    """Per-day and 7-day intake by form, targets, coverage warning and consistency.

    Unknown is not zero: ``day_not_measured`` lists the forms no source logged that day
    measured (the number is 0 and means nothing; a day with no entries has every form
    there), ``day_lower_bound`` the forms some of the day's foods had no value for
    (``day_unknown_foods`` lists that day's foods that matched nothing); the
    7-day mean and each of ``days`` carry the same two lists. ``day_source_keys`` gives,
    per form, the source keys of the food values behind the day's number.
    """
    profile = repo.get_profile(user_id)
    summary = summary_for(repo, catalogue, cache, user_id, profile)
    anticoag = anticoagulated(profile)
    zero = {f: 0.0 for f, _ in FORMS}
    out: dict[str, Any] = {
        "date": None,
        "has_profile": profile is not None,
        "has_entries": summary is not None,
        "anticoagulated": anticoag,
        "forms": [{"field": f, "label": lab} for f, lab in FORMS],
        "day": zero,
        "day_logged": False,
        "day_not_measured": [f for f, _ in FORMS],
        "day_lower_bound": [],
        "day_unknown_foods": [],
        "day_source_keys": {f: [] for f, _ in FORMS},
        "rolling_7d": None,
        "targets": None,
        "comparison": [],
        "coverage": None,
        "coverage_warning": None,
        "consistency": None,
        "days": [],
    }
    if summary is None:
        out["date"] = (day or dt.date.today()).isoformat()
        return out
    data = summary.to_dict(unknown_as_zero=True)  # numbers to draw; marks say unknown
    dates = [d["date"] for d in data["days"]]
    chosen = day.isoformat() if day is not None else dates[-1]
    out["date"] = chosen
    form_fields = {f for f, _ in FORMS}
    for d, totals in zip(data["days"], summary.days, strict=True):
        if d["date"] == chosen:
            out["day"] = {f: d[f] for f, _ in FORMS}
            out["day_logged"] = True
            out["day_not_measured"] = [f for f in d["not_measured"] if f in form_fields]
            out["day_lower_bound"] = [f for f in d["lower_bound"] if f in form_fields]
            keys = summary.source_keys([totals])
            out["day_source_keys"] = {f: keys[f] for f, _ in FORMS}
            out["day_unknown_foods"] = [
                {
                    "item": u.item,
                    "amount": u.amount,
                    "suggestions": [x.to_dict() for x in u.suggestions],
                    "note": u.note(),
                }
                for u in summary.unknown_foods
                if u.date.isoformat() == chosen
            ]
    window = [r for r in data["rolling_7d"] if r["date"] <= chosen]
    if (
        window
        and (dt.date.fromisoformat(chosen) - dt.date.fromisoformat(window[-1]["date"])).days < 7
    ):
        r = window[-1]
        out["rolling_7d"] = {
            "date": r["date"],
            "n_days": r["n_days"],
            **{f: r[f] for f, _ in FORMS},
            "not_measured": [f for f in r["not_measured"] if f in form_fields],
            "lower_bound": [f for f in r["lower_bound"] if f in form_fields],
        }
    out["targets"] = data["targets"]
    out["comparison"] = data["comparison"]
    cov = data["coverage"]
    out["coverage"] = cov
    out["coverage_warning"] = coverage_warning(cov)
    cons = dict(data["consistency"])
    cons["band_low_ug"], cons["band_high_ug"] = consistency_band_ug(cons)
    cons["series"] = [{"date": d["date"], "k_total_ug": d["k_total_ug"]} for d in data["days"]]
    out["consistency"] = cons
    out["days"] = [
        {
            "date": d["date"],
            **{f: d[f] for f, _ in FORMS},
            "not_measured": [f for f in d["not_measured"] if f in form_fields],
            "lower_bound": [f for f in d["lower_bound"] if f in form_fields],
        }
        for d in data["days"]
    ]
    return out


# -- report ---------------------------------------------------------------------------------
def report(
    repo: Repository, catalogue: Catalogue, cache: SummaryCache, user_id: int
) -> Report | None:
    """The advisor report for the stored profile and diary (None without a profile)."""
    from vitk.advisor import advise

    profile = repo.get_profile(user_id)
    if profile is None:
        return None
    summary = summary_for(repo, catalogue, cache, user_id, profile)
    return advise(profile, summary)


# -- simulator ------------------------------------------------------------------------------
def simulate(
    forms: Sequence[str],
    dose_ug: float | Sequence[float],
    every: str | None,
    days: float,
    *,
    inr: bool = False,
    profile: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """PK curves for each form (and an INR what-if for the first one when ``inr``).

    The what-if starts from ``profile`` (its INR, VKA, VKA dose and vitamin K supplements;
    defaults where it gives none) and reports the median with a 90 % interval.

    ``dose_ug`` is one dose per intake for every form, or one per form (same order). [µg]
    ``every`` None means one dose, for the curves and the INR what-if alike (the same
    regimen as the CLI without ``--every``).
    Returns the library results too (key ``"_results"``) so the page can plot them.
    """
    from vitk.pharmacology import simulate_pk
    from vitk.pharmacology.limits import check_dose_ug

    chosen = list(dict.fromkeys(f.strip() for f in forms if f.strip()))
    if not chosen:
        raise InputError(f"Choose at least one form: {', '.join(SIM_FORMS)}.")
    bad = [f for f in chosen if f not in SIM_FORMS]
    if bad:
        raise InputError(f"Unknown form '{bad[0]}'; allowed: {', '.join(SIM_FORMS)}.")
    days = float(days)
    if not (math.isfinite(days) and SIM_MIN_DAYS <= days <= SIM_MAX_DAYS):
        raise InputError(
            f"days must be from {SIM_MIN_DAYS:g} to {SIM_MAX_DAYS:g} in the web simulator; "
            f"got {days:g}."
        )
    doses = [float(dose_ug)] if isinstance(dose_ug, int | float) else [float(d) for d in dose_ug]
    if len(doses) == 1:
        doses = doses * len(chosen)
    if len(doses) != len(chosen):
        raise InputError(
            f"Give one dose for all forms or one per form; got {len(doses)} doses for "
            f"{len(chosen)} forms."
        )
    for form, dose in zip(chosen, doses, strict=True):
        check_dose_ug(dose, what=f"{form} dose")
    dose_by_form = dict(zip(chosen, doses, strict=True))
    results: dict[str, Any] = {}
    out: dict[str, Any] = {
        "forms": chosen,
        "dose_ug": dose_by_form,
        "every": every,
        "days": days,
        "pk": {},
        "inr": None,
    }
    for form in chosen:
        res = simulate_pk(
            form, dose_by_form[form], every=every, days=days, dt_h=max(0.25, days / 100)
        )
        results[f"pk:{form}"] = res
        out["pk"][form] = _finite(res.to_dict(max_points=400))
    if inr:
        from vitk.advisor.simulation_inputs import what_if_inputs
        from vitk.pharmacology.whatif import inr_what_if

        first = chosen[0]
        # The what-if starts from the profile's INR, VKA, dose and current supplements
        # (library: vitk.pharmacology.whatif); a cohort gives the median and 90 % interval.
        state = what_if_inputs(profile)
        res_inr = inr_what_if(
            first,
            dose_by_form[first],
            every=every,
            days=min(days, 84.0),
            vka=state["vka"] or "warfarin",
            current_inr=state["current_inr"],
            vka_dose_mg=state["vka_dose_mg"],
            current_supplements=state["current_supplements"],
        )
        results["inr"] = res_inr
        out["inr"] = _finite(res_inr.to_dict(max_points=400))  # its "disclaimer": INR wording
    out["disclaimer"] = SIM_DISCLAIMER
    out["_results"] = results
    return out


def _finite(obj: Any) -> Any:
    """The same structure with NaN and ±inf replaced by None (valid JSON)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_finite(v) for v in obj]
    return obj


# -- my data --------------------------------------------------------------------------------


def export_json(repo: Repository, user_id: int, username: str) -> dict[str, Any]:
    """Everything stored for the user: profile and diary."""
    return {
        "schema": "vitk.web.export/1",
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "user": username,
        "profile": repo.get_profile(user_id),
        "diary": [e.to_dict() for e in repo.list_entries(user_id)],
    }


def export_csv(repo: Repository, user_id: int) -> str:
    """The diary as CSV (``date,kind,item,amount``), readable by ``vitk intake``.

    Formula-like cells get a leading ``'`` (:func:`vitk.intake.diary_file.csv_cell`).
    """
    from vitk.intake.diary_file import diary_csv

    return diary_csv(
        (e.date.isoformat(), e.kind, e.item, e.amount) for e in repo.list_entries(user_id)
    )


def import_csv(
    repo: Repository,
    catalogue: Catalogue,
    user_id: int,
    data: bytes,
    filename: str | None = None,
) -> int:
    """Add the rows of a diary CSV (all or none); returns how many were added.

    Every bad row is reported at once (:func:`vitk.intake.diary_file.read_upload`).
    """
    from vitk.intake.diary_file import read_upload

    rows = read_upload(
        data, catalogue, filename=filename, max_bytes=MAX_IMPORT_BYTES, max_rows=MAX_IMPORT_ROWS
    )
    added = repo.add_entries(
        user_id, [(r["date"], r["kind"], r["item"], r["amount"]) for r in rows]
    )
    return len(added)
