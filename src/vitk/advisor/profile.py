"""The advisor's input: one person's profile, validated once at the boundary.

A profile comes from a YAML/JSON file, a dict or CLI flags. Doses are text with
a unit (``"180 ug"``, ``"1000 IU"``, ``"500 mg"``) so that a bare number is never
guessed. Every validation problem becomes one :class:`vitk.errors.InputError`
(or :class:`vitk.errors.UnitError`) with a one-line message.

This module holds the models; reading a profile from a file or a mapping, and wording
validation errors as one line each, is :mod:`vitk.advisor.profile_input`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from vitk.errors import InputError, UnitError, VitkError
from vitk.nutrients import DOSED_FORMS, NUTRIENTS

__all__ = [
    "Conditions",
    "Diet",
    "KSupplement",
    "Labs",
    "Profile",
    "Supplements",
]

MALABSORPTION_CAUSES = (
    "cystic_fibrosis",
    "ibd",
    "coeliac",
    "bariatric_surgery",
    "short_bowel",
    "other",
)
#: What a supplement line may call a dosed form (code, name or alias, lower case) → its name.
K_FORMS: dict[str, str] = {
    alias.lower(): name
    for code, name in DOSED_FORMS.items()
    for alias in (code, *NUTRIENTS[code].aliases)
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
                    f"Unknown vitamin K form {d.get('form')!r}; "
                    f"allowed: {', '.join(DOSED_FORMS.values())}."
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
        # Each text field becomes two numbers; a bad one is kept to be reported with the rest.
        parsers: tuple[tuple[str, Callable[[Any], tuple[Any, Any]], str, str], ...] = (
            ("vitamin_d_25oh", _level_25oh, "vitamin_d_25oh_value", "vitamin_d_25oh_unit"),
            ("inr_target", _inr_range, "inr_target_low", "inr_target_high"),
        )
        for key, parse, first, second in parsers:
            raw = d.pop(key, None)
            if raw is None:
                continue
            try:
                d[first], d[second] = parse(raw)
            except VitkError as exc:
                d[first] = _Bad(exc)
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
    #: Menopause status (women): ``pre``, ``peri`` or ``post``; None when not given
    #: (unknown, never assumed). The MK-7 bone and artery trials enrolled postmenopausal
    #: women, so the report says whether they speak to this person.
    menopause: Literal["pre", "peri", "post"] | None = None
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
            if isinstance(d.get("menopause"), str):
                m = d["menopause"].strip().lower()
                d["menopause"] = {
                    "": None,
                    "premenopausal": "pre",
                    "perimenopausal": "peri",
                    "postmenopausal": "post",
                }.get(m, m)
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
        if self.sex == "male" and self.menopause is not None:
            raise InputError(
                f"Profile has contradictory fields: sex is male and menopause is "
                f"{self.menopause!r}; correct 'sex' or remove 'menopause'."
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
