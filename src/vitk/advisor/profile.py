"""The advisor's input: one person's profile, validated once at the boundary.

A profile comes from a YAML/JSON file, a dict or CLI flags. Doses are text with
a unit (``"180 ug"``, ``"1000 IU"``, ``"500 mg"``) so that a bare number is never
guessed. Every validation problem becomes one :class:`vitk.errors.InputError`
(or :class:`vitk.errors.UnitError`) with a one-line message.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from vitk.errors import InputError, UnitError, VitkError

__all__ = [
    "Conditions",
    "Diet",
    "KSupplement",
    "Labs",
    "Profile",
    "Supplements",
    "check_profile_fields",
    "describe_error",
    "load_profile",
    "profile_from_dict",
    "read_profile_file",
]

MALABSORPTION_CAUSES = (
    "cystic_fibrosis",
    "ibd",
    "coeliac",
    "bariatric_surgery",
    "short_bowel",
    "other",
)
K_FORMS = {
    "k1": "K1",
    "mk-4": "MK-4",
    "mk4": "MK-4",
    "mk-7": "MK-7",
    "mk7": "MK-7",
    "phylloquinone": "K1",
    "menatetrenone": "MK-4",
    "vitamin k1": "K1",
}

_MASS_TO_UG = {
    "ug": 1.0,
    "mcg": 1.0,
    "µg": 1.0,
    "μg": 1.0,
    "microgram": 1.0,
    "micrograms": 1.0,
    "mg": 1000.0,
    "milligram": 1000.0,
    "milligrams": 1000.0,
}
_MASS_TO_MG = {
    "mg": 1.0,
    "milligram": 1.0,
    "milligrams": 1.0,
    "g": 1000.0,
    "gram": 1000.0,
    "grams": 1000.0,
    "ug": 0.001,
    "mcg": 0.001,
    "µg": 0.001,
    "μg": 0.001,
}


def _dose(
    text: Any, *, what: str, allowed: dict[str, float], iu_factor: float | None = None
) -> float:
    """Parse a dose with a unit into the canonical unit; reject negatives and unknown units."""
    from vitk.units import parse_amount

    if isinstance(text, bool) or text is None:
        raise InputError(f"{what} must be an amount with a unit, e.g. '180 ug'; got {text!r}.")
    if isinstance(text, int | float):
        raise InputError(
            f"{what} needs a unit; got the bare number {text!r}. "
            f"Allowed units: {', '.join(sorted(set(allowed) | ({'IU'} if iu_factor else set())))}."
        )
    units_allowed = [u for u in ("mg", "g", "kg", "lb", "ug", "mcg", "µg") if u in allowed] + (
        ["IU"] if iu_factor else []
    )
    try:
        value, unit = parse_amount(str(text))
    except VitkError:
        raise InputError(
            f"{what} must be a number with a unit ({', '.join(units_allowed)}); got {text!r}."
        ) from None
    if not unit.strip():
        units = units_allowed
        raise UnitError(f"{what} needs a unit; got {text!r}. Allowed units: {', '.join(units)}.")
    if value < 0:
        raise InputError(f"{what} must be ≥ 0; got {text!r}.")
    u = unit.strip().lower()
    if iu_factor is not None and u in ("iu", "ui"):
        return value * iu_factor
    if u not in allowed:
        units = sorted(set(allowed) | ({"IU"} if iu_factor else set()))
        raise UnitError(
            f"Unknown unit '{unit}' for {what} (got {text!r}); allowed: {', '.join(units)}."
        )
    return value * allowed[u]


class _Bad:
    """A value a ``before`` validator could not convert: the field validator re-raises the
    error, so that pydantic reports it at the field's own location (and every bad field
    of a model is reported, not only the first)."""

    __slots__ = ("error",)

    def __init__(self, error: VitkError) -> None:
        self.error = error


def _convert(d: dict[str, Any], key: str, target: str, fn: Any) -> None:
    """``d[target] = fn(d.pop(key))``, or a :class:`_Bad` holding the error."""
    raw = d.pop(key)
    try:
        d[target] = fn(raw)
    except VitkError as exc:
        d[target] = _Bad(exc)


def _is_number_field(annotation: Any) -> bool:
    args = [a for a in get_args(annotation) if a is not type(None)]
    return annotation in (float, int) or (
        get_origin(annotation) in (Union, UnionType) and bool(args) and set(args) <= {float, int}
    )


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bad_values(cls, v: Any, info: ValidationInfo) -> Any:
        if isinstance(v, _Bad):
            raise v.error
        # true/false is not a number (pydantic would read true as 1).
        if isinstance(v, bool) and info.field_name is not None:
            field = cls.model_fields.get(info.field_name)
            if field is not None and _is_number_field(field.annotation):
                raise PydanticCustomError("float_type", "Input should be a valid number")
        return v


class KSupplement(_Strict):
    """One vitamin K supplement: form and daily dose."""

    form: Literal["K1", "MK-4", "MK-7"]
    dose_ug: float = Field(ge=0, le=100_000)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, str):  # "MK-7 180 ug"
            parts = data.split(None, 1)
            if len(parts) != 2:
                raise InputError(
                    f"vitamin K supplement must look like 'MK-7 180 ug'; got {data!r}."
                )
            data = {"form": parts[0], "dose": parts[1]}
        if isinstance(data, Mapping):
            d = dict(data)
            form = str(d.get("form", "")).strip().lower()
            if form not in K_FORMS:
                raise InputError(
                    f"Unknown vitamin K form {d.get('form')!r}; allowed: K1, MK-4, MK-7."
                )
            d["form"] = K_FORMS[form]
            if "dose" in d:
                d["dose_ug"] = _dose(d.pop("dose"), what=f"{d['form']} dose", allowed=_MASS_TO_UG)
            return d
        return data


class Supplements(_Strict):
    """Daily supplement doses (already converted to canonical units)."""

    vitamin_k: tuple[KSupplement, ...] = ()
    vitamin_d_ug: float = Field(0.0, ge=0, le=10_000)
    calcium_mg: float = Field(0.0, ge=0, le=20_000)
    magnesium_mg: float = Field(0.0, ge=0, le=20_000)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        d = dict(data)
        if "vitamin_d" in d:
            _convert(
                d,
                "vitamin_d",
                "vitamin_d_ug",
                lambda v: _dose(v, what="vitamin D dose", allowed=_MASS_TO_UG, iu_factor=0.025),
            )
        if "calcium" in d:
            _convert(
                d,
                "calcium",
                "calcium_mg",
                lambda v: _dose(v, what="calcium dose", allowed=_MASS_TO_MG),
            )
        if "magnesium" in d:
            _convert(
                d,
                "magnesium",
                "magnesium_mg",
                lambda v: _dose(v, what="magnesium dose", allowed=_MASS_TO_MG),
            )
        vk = d.get("vitamin_k")
        if isinstance(vk, str | Mapping):
            d["vitamin_k"] = [vk]
        return d

    def k_ug(self, form: str | None = None) -> float:
        return sum(s.dose_ug for s in self.vitamin_k if form is None or s.form == form)


class Conditions(_Strict):
    """Health conditions that change the advice."""

    osteoporosis: bool = False
    osteopenia: bool = False
    fragility_fracture: bool = False
    arterial_calcification: bool = False
    cac_score: float | None = Field(None, ge=0, le=10_000)
    cardiovascular_disease: bool = False
    family_history_cvd: bool = False
    family_history_osteoporosis: bool = False
    chronic_kidney_disease: bool = False
    dialysis: bool = False
    liver_disease: bool = False
    clotting_disorder: bool = False
    fat_malabsorption: tuple[
        Literal["cystic_fibrosis", "ibd", "coeliac", "bariatric_surgery", "short_bowel", "other"],
        ...,
    ] = ()

    @field_validator("fat_malabsorption", mode="before")
    @classmethod
    def _norm_causes(cls, v: Any) -> Any:
        aliases = {
            "cf": "cystic_fibrosis",
            "cystic fibrosis": "cystic_fibrosis",
            "crohn": "ibd",
            "crohns": "ibd",
            "crohn's disease": "ibd",
            "ulcerative colitis": "ibd",
            "celiac": "coeliac",
            "celiac disease": "coeliac",
            "coeliac disease": "coeliac",
            "bariatric": "bariatric_surgery",
            "gastric bypass": "bariatric_surgery",
            "short bowel": "short_bowel",
        }
        if isinstance(v, str):
            v = [v]
        if isinstance(v, list | tuple):
            return tuple(aliases.get(str(x).strip().lower(), str(x).strip().lower()) for x in v)
        return v


def _level_25oh(vd: Any) -> tuple[float, str]:
    """A 25(OH)D result with its unit: ``(value, "nmol/L" | "ng/mL")``."""
    from vitk.units import parse_amount

    if isinstance(vd, int | float) and not isinstance(vd, bool):
        raise InputError(
            f"25(OH)D needs a unit; got the bare number {vd!r}. Allowed: nmol/L, ng/mL."
        )
    if not isinstance(vd, str):
        raise InputError(
            f"25(OH)D must be a level with a unit, e.g. '52 nmol/L' or '21 ng/mL'; got {vd!r}."
        )
    try:
        value, unit = parse_amount(vd)
    except VitkError:
        raise InputError(
            f"25(OH)D must be a number with a unit (nmol/L, ng/mL); got {vd!r}."
        ) from None
    # µg/L equals ng/mL numerically (1 µg/L = 1 ng/mL), so it is stored as ng/mL.
    units = {
        "nmol/l": "nmol/L",
        "ng/ml": "ng/mL",
        "µg/l": "ng/mL",
        "μg/l": "ng/mL",
        "ug/l": "ng/mL",
        "mcg/l": "ng/mL",
    }
    if unit.strip().lower() not in units:
        raise UnitError(
            f"Unknown unit '{unit}' for 25(OH)D (got {vd!r}); allowed: nmol/L, ng/mL, µg/L."
        )
    return value, units[unit.strip().lower()]


def _inr_range(tr: Any) -> tuple[float, float]:
    """An INR target range such as '2.0-3.0'."""
    parts = str(tr).replace("–", "-").replace(" to ", "-").split("-")
    try:
        lo, hi = (float(p) for p in parts)
    except ValueError:
        raise InputError(f"inr_target must look like '2.0-3.0'; got {tr!r}.") from None
    return lo, hi


class Labs(_Strict):
    """Recent laboratory results (optional)."""

    vitamin_d_25oh_value: float | None = Field(None, ge=0, le=1000)
    vitamin_d_25oh_unit: Literal["nmol/L", "ng/mL"] | None = None
    inr: float | None = Field(None, gt=0, le=20)
    inr_target_low: float | None = Field(None, gt=0, le=10)
    inr_target_high: float | None = Field(None, gt=0, le=10)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        d = dict(data)
        if d.get("vitamin_d_25oh") is not None:
            raw = d.pop("vitamin_d_25oh")
            try:
                d["vitamin_d_25oh_value"], d["vitamin_d_25oh_unit"] = _level_25oh(raw)
            except VitkError as exc:
                d["vitamin_d_25oh_value"] = _Bad(exc)
        else:
            d.pop("vitamin_d_25oh", None)
        if d.get("inr_target") is not None:
            raw = d.pop("inr_target")
            try:
                d["inr_target_low"], d["inr_target_high"] = _inr_range(raw)
            except VitkError as exc:
                d["inr_target_low"] = _Bad(exc)
        else:
            d.pop("inr_target", None)
        return d

    @model_validator(mode="after")
    def _check(self) -> Labs:
        if (self.vitamin_d_25oh_value is None) != (self.vitamin_d_25oh_unit is None):
            raise InputError(
                "labs.vitamin_d_25oh needs a value and a unit, e.g. '52 nmol/L' or '21 ng/mL'."
            )
        lo, hi = self.inr_target_low, self.inr_target_high
        if (lo is None) != (hi is None) or (lo is not None and hi is not None and lo >= hi):
            raise InputError(
                "labs.inr_target must be a range 'low-high' with low < high, e.g. '2.0-3.0'; "
                f"got {lo:g}-{hi:g}."
                if lo is not None and hi is not None
                else "labs.inr_target must be a range 'low-high' with low < high, e.g. '2.0-3.0'."
            )
        return self


class Diet(_Strict):
    """Diet pattern and exclusions used to filter food suggestions."""

    pattern: Literal["omnivore", "pescatarian", "vegetarian", "vegan"] = "omnivore"
    dairy_free: bool = False
    soy_free: bool = False
    dislikes: tuple[str, ...] = ()


class Profile(_Strict):
    """One person's profile for :func:`vitk.advise`."""

    name: str = ""
    age_y: float = Field(ge=0, le=120)
    sex: Literal["female", "male"]
    pregnant: bool = False
    lactating: bool = False
    weight_kg: float | None = Field(None, gt=0, le=400)
    country: str = ""
    conditions: Conditions = Field(default_factory=lambda: Conditions.model_validate({}))
    medications: tuple[str, ...] = ()
    supplements: Supplements = Field(default_factory=lambda: Supplements.model_validate({}))
    labs: Labs = Field(default_factory=lambda: Labs.model_validate({}))
    diet: Diet = Field(default_factory=lambda: Diet.model_validate({}))

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            d = dict(data)
            if "age" in d and "age_y" not in d:
                d["age_y"] = d.pop("age")
            if "weight" in d and "weight_kg" not in d:
                w = d.pop("weight")
                if isinstance(w, str):
                    d["weight"] = w
                    _convert(
                        d,
                        "weight",
                        "weight_kg",
                        lambda v: _dose(
                            v,
                            what="weight",
                            allowed={"kg": 1.0, "g": 0.001, "lb": 0.45359237, "lbs": 0.45359237},
                        ),
                    )
                else:
                    d["weight_kg"] = w
            if isinstance(d.get("sex"), str):
                s = d["sex"].strip().lower()
                d["sex"] = {"f": "female", "m": "male", "woman": "female", "man": "male"}.get(s, s)
            if isinstance(d.get("medications"), str):
                d["medications"] = [d["medications"]]
            if isinstance(d.get("medications"), list | tuple):
                # An empty line names no medicine: ignored, never "could not identify ''".
                d["medications"] = [
                    m for m in d["medications"] if not (isinstance(m, str) and not m.strip())
                ]
            return d
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.sex == "male" and (self.pregnant or self.lactating):
            flag = "pregnant" if self.pregnant else "lactating"
            raise InputError(
                f"Profile has contradictory flags: sex is male and {flag} is true; "
                f"correct 'sex' or remove '{flag}'."
            )
        if self.pregnant and self.lactating:
            raise InputError(
                "Profile has contradictory flags: pregnant and lactating are both true; choose one."
            )
        if (self.pregnant or self.lactating) and not (9 <= self.age_y <= 60):
            flag = "pregnant" if self.pregnant else "lactating"
            raise InputError(
                f"Profile field '{flag}' is accepted for ages 9–60 years only; "
                f"got age {self.age_y:g}."
            )
        return self

    @property
    def malabsorption(self) -> bool:
        return bool(self.conditions.fat_malabsorption)


#: Keys a user may write instead of the internal field name, per model (internal → user).
_USER_KEYS: dict[str, dict[str, str]] = {
    "Profile": {"age_y": "age", "weight_kg": "weight"},
    "Supplements": {
        "vitamin_d_ug": "vitamin_d",
        "calcium_mg": "calcium",
        "magnesium_mg": "magnesium",
    },
    "KSupplement": {"dose_ug": "dose"},
    "Labs": {
        "vitamin_d_25oh_value": "vitamin_d_25oh",
        "vitamin_d_25oh_unit": "vitamin_d_25oh",
        "inr_target_low": "inr_target",
        "inr_target_high": "inr_target",
    },
}
#: What an aliased key takes, when the user wrote (or must write) the alias.
_USER_KEY_HINT = {
    "age": "age in years, 0–120",
    "weight": "body weight with a unit, e.g. '68 kg'",
    "vitamin_d": "a daily amount with a unit, e.g. '1000 IU' or '25 ug'",
    "calcium": "a daily amount with a unit, e.g. '500 mg'",
    "magnesium": "a daily amount with a unit, e.g. '250 mg'",
    "dose": "a daily amount with a unit, e.g. '180 ug'",
    "vitamin_d_25oh": "a level with a unit, e.g. '52 nmol/L' or '21 ng/mL'",
    "inr_target": "a range such as '2.0-3.0'",
    "sex": "female or male",
}
#: Aliased keys that take text with a unit as well as a number in the canonical unit.
_TEXT_FORM = ("weight", "vitamin_d", "calcium", "magnesium", "dose")
#: How a validator's message names a key, where that differs from the key itself.
_KEY_WORDS = {"vitamin_d_25oh": "25(OH)D"}
_UNIT_SUFFIX = {"_y": "years", "_ug": "µg", "_mg": "mg", "_kg": "kg"}


def _models() -> dict[str, type[BaseModel]]:
    return {m.__name__: m for m in (Profile, Supplements, KSupplement, Conditions, Labs, Diet)}


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``X | None`` or ``tuple[X, ...]`` (else None)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _user_keys(model: type[BaseModel]) -> list[str]:
    """The keys a user writes for ``model``, aliases in place of internal names."""
    alias = _USER_KEYS.get(model.__name__, {})
    return list(dict.fromkeys(alias.get(k, k) for k in model.model_fields))


def _walk(loc: tuple[Any, ...], data: Any) -> tuple[str, int | None, Any, Any, type[BaseModel]]:
    """Map a pydantic location to the user's key path.

    Returns the dotted path as the user wrote it (aliases kept), the 1-based entry
    number when the location goes through a list the user wrote, the value the user
    wrote there (``...`` if absent), the pydantic field (or None) and its model.
    """
    model: type[BaseModel] = Profile
    field: Any = None
    parts: list[str] = []
    entry: int | None = None
    cur: Any = data
    for seg in loc:
        if isinstance(seg, int):
            if isinstance(cur, list | tuple):
                entry = seg + 1
                cur = cur[seg] if seg < len(cur) else ...
            continue
        name = str(seg)
        alias = _USER_KEYS.get(model.__name__, {}).get(name)
        key = name
        if isinstance(cur, Mapping):
            if name not in cur and alias is not None:
                key = alias
            cur = cur.get(key, ...)
        else:
            key = alias if alias is not None else name
            cur = ...
        parts.append(key)
        field = model.model_fields.get(name)
        inner = _inner_model(field.annotation) if field is not None else None
        if inner is not None:
            model = inner
    return ".".join(parts), entry, cur, field, model


def _range(metadata: list[Any]) -> str:
    bounds: dict[str, Any] = {}
    for m in metadata:
        for attr in ("ge", "gt", "le", "lt"):
            if getattr(m, attr, None) is not None:
                bounds[attr] = getattr(m, attr)
    lo = ("ge", bounds["ge"]) if "ge" in bounds else ("gt", bounds.get("gt"))
    hi = ("le", bounds["le"]) if "le" in bounds else ("lt", bounds.get("lt"))
    if lo[0] == "ge" and hi[0] == "le" and lo[1] is not None and hi[1] is not None:
        return f" from {lo[1]:g} to {hi[1]:g}"
    words = []
    if lo[1] is not None:
        words.append(("at least " if lo[0] == "ge" else "greater than ") + f"{lo[1]:g}")
    if hi[1] is not None:
        words.append(("at most " if hi[0] == "le" else "less than ") + f"{hi[1]:g}")
    return (" " + " and ".join(words)) if words else ""


def _allowed(field: Any, name: str, *, item: bool = False) -> str:
    """What a field (or, with ``item``, one entry of a list field) accepts, in plain words.

    For example "a number of years from 0 to 120" or "one of: female, male".
    """
    if field is None:
        return "a valid value"
    ann = field.annotation
    if item and get_origin(ann) is tuple and get_args(ann):
        entry = get_args(ann)[0]
        if get_origin(entry) is Literal:
            return "one of: " + ", ".join(str(a) for a in get_args(entry))
        if entry is KSupplement:
            return "a vitamin K supplement such as 'MK-7 180 ug'"
        return "text (one name per entry)"
    args = [a for a in get_args(ann) if a is not type(None)]
    if get_origin(ann) in (Union, UnionType) and len(args) == 1:
        ann = args[0]
    if get_origin(ann) is Literal:
        return "one of: " + ", ".join(str(a) for a in get_args(ann))
    if ann is bool:
        return "true or false"
    if ann in (float, int):
        unit = next((u for sfx, u in _UNIT_SUFFIX.items() if name.endswith(sfx)), "")
        return f"a number{' of ' + unit if unit else ''}{_range(field.metadata)}"
    if ann is str:
        return "text"
    inner = _inner_model(ann)
    if get_origin(ann) is tuple:
        elem = get_args(ann)[0] if get_args(ann) else Any
        if inner is KSupplement:
            return "a list of vitamin K supplements such as 'MK-7 180 ug'"
        if get_origin(elem) is Literal:
            return "a list of: " + ", ".join(str(a) for a in get_args(elem))
        return "a list of names"
    if inner is not None:
        return "a mapping of keys (" + ", ".join(_user_keys(inner)) + ")"
    return "a valid value"


def describe_error(err: Mapping[str, Any], data: Any = None) -> str:
    """One plain sentence for one pydantic error of a profile, in the user's keys.

    ``data`` is the mapping the user gave, so that the path shows the keys they wrote
    (``age``, not ``age_y``) and the value they wrote.
    """
    loc = tuple(err.get("loc") or ())
    kind = str(err.get("type", ""))
    path, entry, raw, field, model = _walk(loc, data if data is not None else {})
    inner = (err.get("ctx") or {}).get("error")
    if isinstance(inner, InputError | UnitError):
        msg = str(inner)
        if not loc or (path and path.split(".")[0] in msg):
            return msg
        if isinstance(raw, Mapping):  # "calcium dose …" raised for supplements.calcium
            keys = [
                k
                for k in raw
                if isinstance(k, str)
                and _KEY_WORDS.get(k, k.replace("_", " ")).lower() in msg.lower()
            ]
            if len(keys) == 1:
                path = f"{path}.{keys[0]}"
    where = f"'{path}'" + (f" (entry {entry})" if entry is not None else "")
    if isinstance(inner, InputError | UnitError):
        return f"Profile field {where}: {inner!s}"
    if not loc:
        return f"Invalid profile: {str(err.get('msg', '')).removeprefix('Value error, ')}."
    last = path.rsplit(".", 1)[-1]
    if kind == "missing":
        hint = _USER_KEY_HINT.get(last) or _allowed(field, str(loc[-1]))
        return f"Missing profile field {where}: {hint}."
    if kind == "extra_forbidden":
        parent = path.rsplit(".", 1)[0] if "." in path else ""
        keys = _user_keys(model) if parent else _user_keys(Profile)
        close = difflib.get_close_matches(last, keys, n=1)
        maybe = f"; did you mean '{close[0]}'?" if close else "."
        under = f" under '{parent}'" if parent else ""
        return f"Unknown profile field {where}; allowed{under}: {', '.join(keys)}{maybe}"
    allowed = _allowed(field, str(loc[-1]), item=isinstance(loc[-1], int))
    if last in _TEXT_FORM and last != str(loc[-1]):
        allowed += f" (or {_USER_KEY_HINT[last]})"
    got = raw if raw is not ... else err.get("input")
    shown = "" if isinstance(got, Mapping | list | tuple) else f"; got {got!r}"
    return f"Profile field {where} must be {allowed}{shown}."


def check_profile_fields(data: Mapping[str, Any]) -> None:
    """Raise InputError for a field no profile accepts (``foo``, ``supplements.foo``).

    Checks the names only, so that a caller can report an unknown field before it
    reports that required fields (age, sex) are missing; values are checked by
    :func:`profile_from_dict`.
    """
    if not isinstance(data, Mapping):
        return
    try:
        Profile.model_validate(dict(data))
    except ValidationError as exc:
        unknown = [e for e in exc.errors() if e.get("type") == "extra_forbidden"]
        if unknown:
            msg = describe_error(unknown[0], data)
            if len(unknown) > 1:
                msg = f"{msg.rstrip('.')} (and {len(unknown) - 1} more unknown field(s))."
            raise InputError(msg) from None


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """Validate a mapping into a :class:`Profile`; raise InputError with one line if invalid.

    The message names the key as the user wrote it (``age``, ``supplements.calcium``)
    and says what is allowed; a unit problem raises :class:`~vitk.errors.UnitError`.
    """
    if not isinstance(data, Mapping):
        raise InputError(
            f"A profile must be a mapping of fields (age, sex, …); got {type(data).__name__}."
        )
    try:
        return Profile.model_validate(dict(data))
    except ValidationError as exc:
        errors = exc.errors()
        # A vitk error raised inside a validator is the most specific: report it first.
        first = next(
            (e for e in errors if isinstance((e.get("ctx") or {}).get("error"), VitkError)),
            errors[0],
        )
        msg = describe_error(first, data)
        if len(errors) > 1:
            msg = f"{msg.rstrip('.')} (and {len(errors) - 1} more problem(s))."
        inner = (first.get("ctx") or {}).get("error")
        raise (UnitError(msg) if isinstance(inner, UnitError) else InputError(msg)) from None


def read_profile_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON profile file into a mapping (not yet validated).

    Every problem is one :class:`~vitk.errors.InputError` that names the file: missing,
    a directory, unreadable, not UTF-8 text (a binary file), not valid YAML/JSON, empty,
    or not a mapping of fields.
    """
    import yaml

    p = Path(path)
    what = "YAML or JSON text file"
    example = "fields such as 'age: 50' and 'sex: female'"
    if not p.exists():
        raise InputError(f"Profile file not found: '{p}'.")
    if p.is_dir():
        raise InputError(f"Cannot read profile '{p}': it is a directory, not a {what}.")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"Cannot read profile '{p}': {reason.lower()}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"Cannot read profile '{p}': not a UTF-8 {what}.") from None
    if "\x00" in text:
        raise InputError(f"Cannot read profile '{p}': a binary file, not a {what}.")
    if not text.strip():
        raise InputError(f"Profile file '{p}' is empty; expected {example}.")
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"Cannot parse profile '{p}': not valid JSON (line {exc.lineno}: {exc.msg})."
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"Cannot parse profile '{p}': {problem}{where}.") from None
    except ValueError as exc:  # e.g. an impossible date such as 2026-02-30
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"Cannot parse profile '{p}': {first}.") from None
    except RecursionError:
        raise InputError(
            f"Cannot parse profile '{p}': it is nested too deeply; expected {example}."
        ) from None
    if data is None:
        raise InputError(f"Profile file '{p}' is empty; expected {example}.")
    if not isinstance(data, Mapping):
        kinds: dict[type, str] = {list: "a list", str: "a single text value"}
        kind = kinds.get(type(data), type(data).__name__)
        raise InputError(f"Profile '{p}' must be a mapping of fields (age, sex, …); got {kind}.")
    return dict(data)


def load_profile(path: str | Path) -> Profile:
    """Read and validate a YAML or JSON profile file."""
    return profile_from_dict(read_profile_file(path))
