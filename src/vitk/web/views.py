"""What each page shows, as JSON-ready dicts built only from library calls.

Both the HTML pages and their ``/api`` twins call these functions, so the two never
disagree. Nothing here touches HTTP.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vitk.errors import DiaryError, InputError, VitkError
from vitk.nutrients import FIELD, VITAMIN_K_FIELDS
from vitk.pharmacology.disclaimers import INR_DISCLAIMER, MODEL_DISCLAIMER

if TYPE_CHECKING:
    from vitk.advisor.report import Report
    from vitk.foods.catalogue import Catalogue
    from vitk.intake.engine import IntakeSummary
    from vitk.lifestage import LifeStage
    from vitk.storage.repository import EntryRecord, Repository

__all__ = [
    "CONDITIONS",
    "FORMS",
    "MALABSORPTION",
    "DashboardCache",
    "SummaryCache",
    "check_rows",
    "dashboard",
    "export_csv",
    "export_json",
    "form_values",
    "import_csv",
    "profile_errors",
    "profile_from_form",
    "report",
    "search_foods",
    "simulate",
]

#: Vitamin K forms shown on the dashboard: (field, label).
FORMS: tuple[tuple[str, str], ...] = tuple((f, FIELD[f].short_label) for f in VITAMIN_K_FIELDS)
CONDITIONS: tuple[tuple[str, str], ...] = (
    ("osteoporosis", "Osteoporosis"),
    ("osteopenia", "Osteopenia"),
    ("fragility_fracture", "Fragility fracture"),
    ("arterial_calcification", "Arterial calcification"),
    ("cardiovascular_disease", "Cardiovascular disease"),
    ("family_history_cvd", "Family history of cardiovascular disease"),
    ("family_history_osteoporosis", "Family history of osteoporosis"),
    ("chronic_kidney_disease", "Chronic kidney disease"),
    ("dialysis", "Dialysis"),
    ("liver_disease", "Liver disease"),
    ("clotting_disorder", "Clotting disorder"),
)
MALABSORPTION: tuple[tuple[str, str], ...] = (
    ("cystic_fibrosis", "Cystic fibrosis"),
    ("ibd", "Inflammatory bowel disease"),
    ("coeliac", "Coeliac disease"),
    ("bariatric_surgery", "Bariatric surgery"),
    ("short_bowel", "Short bowel"),
    ("other", "Other fat malabsorption"),
)
DIET_PATTERNS = ("omnivore", "pescatarian", "vegetarian", "vegan")
#: Largest diary CSV accepted by the import.
MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 5000
#: Simulator days (narrower than the library's 3650 d: the web app keeps each request short).
#: Doses and intervals use the library's limits (vitk.pharmacology.limits).
SIM_MAX_DAYS = 365.0
SIM_MIN_DAYS = 0.25
SIM_FORMS = ("K1", "MK-4", "MK-7")
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
    """Read ``rows`` as a diary and compute it; DiaryError (one line) if any row is bad."""
    from vitk.intake import Diary, summarise

    return summarise(Diary.from_rows(rows), catalogue=catalogue)


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


class SummaryCache:
    """Intake summaries keyed by the exact diary rows and life stage (thread-safe LRU).

    The key is the content (rows and stage), not a user, so two users with the same rows
    share an entry computed from those rows alone. :meth:`clear` empties it when someone
    deletes their data, so nothing derived from deleted rows stays in memory.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._data: OrderedDict[tuple[Any, ...], IntakeSummary] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        """Forget every summary."""
        with self._lock:
            self._data.clear()

    def get(
        self, catalogue: Catalogue, rows: tuple[tuple[str, str, str, str], ...], stage: Any
    ) -> IntakeSummary:
        key = (id(catalogue), rows, getattr(stage, "label", None))
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
                return hit
        from vitk.intake import Diary, summarise

        diary = Diary.from_rows(
            [{"date": d, "kind": k, "item": i, "amount": a} for d, k, i, a in rows]
        )
        summary = summarise(diary, stage=stage, catalogue=catalogue)
        with self._lock:
            self._data[key] = summary
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return summary


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
    """How each food row was read ("Natto (fermented soybeans), 40 g"), by entry id."""
    if not entries:
        return {}
    try:
        summary = cache.get(catalogue, _rows(entries), None)
    except VitkError:  # e.g. a food no longer in the catalogue: show the rows as typed
        return {}
    by_row = {m.row: m for m in summary.matches}
    out = {}
    for i, e in enumerate(entries, start=1):
        m = by_row.get(i)
        if m is not None:
            out[e.entry_id] = f"{m.food_name}, {m.grams:.0f} g"
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
    there), ``day_lower_bound`` the forms some of the day's foods had no value for; the
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
    if not cov["foods_logged"]:
        out["coverage_warning"] = cov["note"]  # "No foods logged: … supplements only."
    elif cov["k2_measured_share"] < 1.0:
        pct = round(100 * cov["k2_measured_share"])
        out["coverage_warning"] = (
            f"K2 was measured in only {pct}% of the foods you logged "
            f"({len(cov['foods_k2_unmeasured'])} without data: "
            f"{', '.join(cov['foods_k2_unmeasured'][:5])}"
            f"{' …' if len(cov['foods_k2_unmeasured']) > 5 else ''}); "
            "K2 totals are lower bounds."
        )
    cons = dict(data["consistency"])
    mean = float(cons["mean_ug"])
    band = float(cons["band_pct"]) / 100.0
    cons["band_low_ug"] = round(mean * (1 - band), 2)
    cons["band_high_ug"] = round(mean * (1 + band), 2)
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


# -- profile --------------------------------------------------------------------------------
def _text(form: Mapping[str, Any], key: str) -> str:
    v = form.get(key, "")
    return str(v).strip() if v is not None else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def profile_from_form(form: Mapping[str, Any], checked: Sequence[str] = ()) -> dict[str, Any]:
    """The profile mapping (as :func:`vitk.advisor.profile_from_dict` reads it) of a form.

    ``checked`` lists the names of ticked checkboxes.
    """
    on = set(checked)
    d: dict[str, Any] = {}
    if _text(form, "name"):
        d["name"] = _text(form, "name")
    d["age"] = _number(_text(form, "age")) if _text(form, "age") else None
    d["sex"] = _text(form, "sex") or None
    d["pregnant"] = "pregnant" in on
    d["lactating"] = "lactating" in on
    if _text(form, "weight_kg"):
        d["weight_kg"] = _number(_text(form, "weight_kg"))
    meds = [line.strip() for line in _text(form, "medications").splitlines() if line.strip()]
    if meds:
        d["medications"] = meds
    conditions: dict[str, Any] = {k: True for k, _ in CONDITIONS if k in on}
    malab = [k for k, _ in MALABSORPTION if f"malabsorption_{k}" in on]
    if malab:
        conditions["fat_malabsorption"] = malab
    if conditions:
        d["conditions"] = conditions
    supp: dict[str, Any] = {}
    vk = _lines(_text(form, "vitamin_k"))
    if vk:
        supp["vitamin_k"] = vk
    for key in ("vitamin_d", "calcium", "magnesium"):
        if _text(form, key):
            supp[key] = _text(form, key)
    if supp:
        d["supplements"] = supp
    labs: dict[str, Any] = {}
    if _text(form, "inr"):
        labs["inr"] = _number(_text(form, "inr"))
    if _text(form, "inr_target"):
        labs["inr_target"] = _text(form, "inr_target")
    if _text(form, "vitamin_d_25oh"):
        labs["vitamin_d_25oh"] = _text(form, "vitamin_d_25oh")
    if labs:
        d["labs"] = labs
    diet: dict[str, Any] = {}
    if _text(form, "diet_pattern") and _text(form, "diet_pattern") != "omnivore":
        diet["pattern"] = _text(form, "diet_pattern")
    for flag in ("dairy_free", "soy_free"):
        if flag in on:
            diet[flag] = True
    if diet:
        d["diet"] = diet
    return d


def _fmt(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def form_values(profile: Mapping[str, Any] | None) -> dict[str, Any]:
    """Flat form values (text fields and the set of ticked boxes) of a stored profile."""
    p = dict(profile or {})
    supp = dict(p.get("supplements") or {})
    labs = dict(p.get("labs") or {})
    cond = dict(p.get("conditions") or {})
    diet = dict(p.get("diet") or {})
    vk = supp.get("vitamin_k") or []
    vk_lines = [
        v if isinstance(v, str) else f"{v.get('form', '')} {v.get('dose', v.get('dose_ug', ''))}"
        for v in ([vk] if isinstance(vk, str | Mapping) else vk)
    ]
    checked = {k for k, _ in CONDITIONS if cond.get(k)}
    malab = cond.get("fat_malabsorption") or []
    checked |= {f"malabsorption_{k}" for k in ([malab] if isinstance(malab, str) else malab)}
    checked |= {k for k in ("pregnant", "lactating") if p.get(k)}
    checked |= {k for k in ("dairy_free", "soy_free") if diet.get(k)}
    meds = p.get("medications") or []
    return {
        "name": _fmt(p.get("name")),
        "age": _fmt(p.get("age", p.get("age_y"))),
        "sex": _fmt(p.get("sex")),
        "weight_kg": _fmt(p.get("weight_kg", p.get("weight"))),
        "medications": "\n".join([meds] if isinstance(meds, str) else [str(m) for m in meds]),
        "vitamin_k": "\n".join(vk_lines),
        "vitamin_d": _fmt(supp.get("vitamin_d")),
        "calcium": _fmt(supp.get("calcium")),
        "magnesium": _fmt(supp.get("magnesium")),
        "inr": _fmt(labs.get("inr")),
        "inr_target": _fmt(labs.get("inr_target")),
        "vitamin_d_25oh": _fmt(labs.get("vitamin_d_25oh")),
        "diet_pattern": _fmt(diet.get("pattern")) or "omnivore",
        "checked": sorted(checked),
    }


_TOP_FIELD = {
    "age_y": "age",
    "age": "age",
    "sex": "sex",
    "weight_kg": "weight_kg",
    "weight": "weight_kg",
    "name": "name",
    "pregnant": "pregnant",
    "lactating": "lactating",
    "medications": "medications",
    "conditions": "conditions",
    "supplements": "supplements",
    "labs": "labs",
    "diet": "diet",
    "country": "profile",
}
#: Profile keys (internal names and the aliases users write) → form field, per section.
_SUPP_FIELD = {
    "vitamin_k": "vitamin_k",
    "vitamin_d_ug": "vitamin_d",
    "vitamin_d": "vitamin_d",
    "calcium_mg": "calcium",
    "calcium": "calcium",
    "magnesium_mg": "magnesium",
    "magnesium": "magnesium",
}
_LABS_FIELD = {
    "inr": "inr",
    "inr_target": "inr_target",
    "inr_target_low": "inr_target",
    "inr_target_high": "inr_target",
    "vitamin_d_25oh": "vitamin_d_25oh",
    "vitamin_d_25oh_value": "vitamin_d_25oh",
    "vitamin_d_25oh_unit": "vitamin_d_25oh",
}
#: Condition keys shown as the form's tick boxes (their errors sit under "conditions").
_CONDITION_BOXES = frozenset(
    {k for k, _ in CONDITIONS} | {"fat_malabsorption", *(k for k, _ in MALABSORPTION)}
)


def _field_for(loc: Sequence[Any], msg: str) -> str:
    """The form field (or, for a key the form has no field for, the dotted profile path)
    where an error at pydantic location ``loc`` belongs."""
    low = msg.lower()
    if not loc:
        for word, field in (
            ("pregnan", "pregnant"),
            ("lactat", "lactating"),
            ("weight", "weight_kg"),
            ("age", "age"),
        ):
            if word in low:
                return field
        return "profile"
    head = str(loc[0])
    sub = str(loc[1]) if len(loc) > 1 and not isinstance(loc[1], int) else None
    if head == "supplements":
        if sub is None:
            return "supplements"
        return _SUPP_FIELD.get(sub, f"supplements.{sub}")
    if head == "labs":
        if sub is None:  # a check across lab fields, or labs not a mapping
            if "25(oh)d" in low or "vitamin_d_25oh" in low:
                return "vitamin_d_25oh"
            if "inr_target" in low:
                return "inr_target"
            return "labs"
        return _LABS_FIELD.get(sub, f"labs.{sub}")
    if head == "conditions":
        if sub is None or sub in _CONDITION_BOXES:
            return "conditions"
        return f"conditions.{sub}"
    if head == "diet":
        if sub == "pattern":
            return "diet_pattern"
        return "diet" if sub is None else f"diet.{sub}"
    return _TOP_FIELD.get(head, "profile")


_BOUND_WORDS = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<"}


def _plain(err: Mapping[str, Any]) -> str:
    """A short message for common pydantic error types (the field is shown next to it)."""
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type"):
        return "Must be a number"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next((k for k in _BOUND_WORDS if k in ctx), None)
        if bound is not None:
            value = ctx[bound]
            shown = f"{value:g}" if isinstance(value, int | float) else str(value)
            return f"Must be {_BOUND_WORDS[bound]} {shown}"
    if kind == "literal_error" and "expected" in ctx:
        return f"Must be one of {ctx['expected']}"
    # Anything else in plain words, never pydantic's "Input should be …" wording.
    plain = {
        "bool_parsing": "Must be true or false",
        "bool_type": "Must be true or false",
        "string_type": "Must be text",
        "tuple_type": "Must be a list",
        "list_type": "Must be a list",
        "model_type": "Must be a group of fields",
        "dict_type": "Must be a group of fields",
        "missing": "Required",
        "finite_number": "Must be a finite number",
    }
    return plain.get(kind, "Not a valid value")


def profile_errors(data: Mapping[str, Any]) -> dict[str, str]:
    """Field → one-line message for every problem in a profile mapping (empty if valid)."""
    from pydantic import ValidationError

    from vitk.advisor.profile import Profile

    errors: dict[str, str] = {}
    checked = dict(data)
    if data.get("age", data.get("age_y")) in (None, ""):
        errors["age"] = "Age is required, in years (0–120)."
        checked.pop("age_y", None)
        checked["age"] = 40  # a stand-in, so that the other fields are still checked
    if not data.get("sex"):
        errors["sex"] = "Sex is required: female or male."
        # pregnancy and breastfeeding are checked against sex once it is given
        checked.update(sex="female", pregnant=False, lactating=False)
    try:
        Profile.model_validate(checked)
    except ValidationError as exc:
        for err in exc.errors():
            inner = (err.get("ctx") or {}).get("error")
            if isinstance(inner, VitkError):
                msg = str(inner)
            else:
                msg = _plain(err)
                got = err.get("input")
                if err["type"] == "extra_forbidden":
                    msg = "Unknown profile field; check the spelling"
                elif not isinstance(got, Mapping | list | tuple) and got is not None:
                    msg = f"{msg}; got {got!r}"
                msg = msg.rstrip(".") + "."
            loc = err["loc"]
            field = _field_for(loc, msg)
            if field == "profile" and loc:
                msg = f"{'.'.join(str(p) for p in loc)}: {msg}"
            errors.setdefault(field, msg)
    except VitkError as exc:  # pragma: no cover - pydantic wraps validator errors
        errors["profile"] = str(exc)
    return errors


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
CSV_COLUMNS = ("date", "kind", "item", "amount")


def export_json(repo: Repository, user_id: int, username: str) -> dict[str, Any]:
    """Everything stored for the user: profile and diary."""
    return {
        "schema": "vitk.web.export/1",
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "user": username,
        "profile": repo.get_profile(user_id),
        "diary": [e.to_dict() for e in repo.list_entries(user_id)],
    }


#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """``text`` safe for spreadsheets: a leading ``'`` if it starts like a formula.

    OWASP's rule for CSV injection; :func:`import_csv` removes the quote again, so an
    export imports back unchanged.
    """
    return "'" + text if text.startswith(CSV_FORMULA_START) else text


def _csv_uncell(text: str) -> str:
    if text.startswith("'") and text[1:2] and text[1:].startswith(CSV_FORMULA_START):
        return text[1:]
    return text


def export_csv(repo: Repository, user_id: int) -> str:
    """The diary as CSV (``date,kind,item,amount``), readable by ``vitk intake``.

    Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
    ``@``, tab or carriage return) get a leading ``'`` (see :func:`csv_cell`).
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for e in repo.list_entries(user_id):
        w.writerow([csv_cell(x) for x in (e.date.isoformat(), e.kind, e.item, e.amount)])
    return buf.getvalue()


def import_csv(
    repo: Repository,
    catalogue: Catalogue,
    user_id: int,
    data: bytes,
    filename: str | None = None,
) -> int:
    """Add the rows of a diary CSV (all or none); returns how many were added.

    A leading ``'`` that :func:`export_csv` put before a formula-like cell is removed.
    Messages name the upload by ``filename`` (never a server path).
    """
    from vitk.intake.diary import parse_diary

    if len(data) > MAX_IMPORT_BYTES:
        raise DiaryError(
            f"Diary CSV is {len(data):,} bytes; the most accepted is {MAX_IMPORT_BYTES:,}."
        )
    shown = Path(filename).name if filename else ""
    diary = parse_diary(data, name=f"uploaded file '{shown}'" if shown else "uploaded file")
    if len(diary.entries) > MAX_IMPORT_ROWS:
        raise DiaryError(
            f"Diary CSV has {len(diary.entries):,} rows; the most accepted is {MAX_IMPORT_ROWS:,}."
        )
    rows = [
        {
            "date": e.date.isoformat(),
            "kind": e.kind,
            "item": _csv_uncell(e.item),
            "amount": _csv_uncell(e.amount),
        }
        for e in diary.entries
    ]
    check_rows(catalogue, rows)
    added = repo.add_entries(
        user_id, [(r["date"], r["kind"], r["item"], r["amount"]) for r in rows]
    )
    return len(added)
