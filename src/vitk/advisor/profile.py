"""The advisor's input: one person's profile, validated once at the boundary.

A profile comes from a YAML/JSON file, a dict or CLI flags. Doses are text with
a unit (``"180 ug"``, ``"1000 IU"``, ``"500 mg"``) so that a bare number is never
guessed. Every validation problem becomes one :class:`vitk.errors.InputError`
(or :class:`vitk.errors.UnitError`) with a one-line message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vitk.errors import InputError, UnitError

__all__ = [
    "Conditions",
    "Diet",
    "KSupplement",
    "Labs",
    "Profile",
    "Supplements",
    "load_profile",
    "profile_from_dict",
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
    value, unit = parse_amount(str(text))
    if not unit.strip():
        units = sorted(set(allowed) | ({"IU"} if iu_factor else set()))
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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


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
            d["vitamin_d_ug"] = _dose(
                d.pop("vitamin_d"), what="vitamin D dose", allowed=_MASS_TO_UG, iu_factor=0.025
            )
        if "calcium" in d:
            d["calcium_mg"] = _dose(d.pop("calcium"), what="calcium dose", allowed=_MASS_TO_MG)
        if "magnesium" in d:
            d["magnesium_mg"] = _dose(
                d.pop("magnesium"), what="magnesium dose", allowed=_MASS_TO_MG
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
        vd = d.pop("vitamin_d_25oh", None)
        if vd is not None:
            if isinstance(vd, int | float) and not isinstance(vd, bool):
                raise InputError(
                    f"25(OH)D needs a unit; got the bare number {vd!r}. Allowed: nmol/L, ng/mL."
                )
            from vitk.units import parse_amount

            value, unit = parse_amount(str(vd))
            units = {"nmol/l": "nmol/L", "ng/ml": "ng/mL"}
            if unit.strip().lower() not in units:
                raise UnitError(
                    f"Unknown unit '{unit}' for 25(OH)D (got {vd!r}); allowed: nmol/L, ng/mL."
                )
            d["vitamin_d_25oh_value"] = value
            d["vitamin_d_25oh_unit"] = units[unit.strip().lower()]
        tr = d.pop("inr_target", None)
        if tr is not None:
            parts = str(tr).replace("–", "-").replace(" to ", "-").split("-")
            try:
                lo, hi = (float(p) for p in parts)
            except ValueError:
                raise InputError(f"inr_target must look like '2.0-3.0'; got {tr!r}.") from None
            d["inr_target_low"], d["inr_target_high"] = lo, hi
        return d

    @model_validator(mode="after")
    def _check(self) -> Labs:
        if (self.vitamin_d_25oh_value is None) != (self.vitamin_d_25oh_unit is None):
            raise ValueError("25(OH)D needs both a value and a unit (nmol/L or ng/mL)")
        lo, hi = self.inr_target_low, self.inr_target_high
        if (lo is None) != (hi is None) or (lo is not None and hi is not None and lo >= hi):
            raise ValueError(f"INR target range must be low-high with low < high; got {lo}-{hi}")
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
                d["weight_kg"] = (
                    _dose(
                        w,
                        what="weight",
                        allowed={"kg": 1.0, "g": 0.001, "lb": 0.45359237, "lbs": 0.45359237},
                    )
                    if isinstance(w, str)
                    else w
                )
            if isinstance(d.get("sex"), str):
                s = d["sex"].strip().lower()
                d["sex"] = {"f": "female", "m": "male", "woman": "female", "man": "male"}.get(s, s)
            if isinstance(d.get("medications"), str):
                d["medications"] = [d["medications"]]
            return d
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.sex == "male" and (self.pregnant or self.lactating):
            flag = "pregnant" if self.pregnant else "lactating"
            raise ValueError(f"contradictory flags: sex male and {flag}")
        if self.pregnant and self.lactating:
            raise ValueError("contradictory flags: pregnant and lactating at once; choose one")
        if (self.pregnant or self.lactating) and not (9 <= self.age_y <= 60):
            raise ValueError(
                f"pregnancy or lactation is accepted for ages 9–60 y; got {self.age_y:g}"
            )
        return self

    @property
    def malabsorption(self) -> bool:
        return bool(self.conditions.fat_malabsorption)


def _one_line(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    extra = f" (and {len(exc.errors()) - 1} more problem(s))" if len(exc.errors()) > 1 else ""
    if not loc:
        return f"Invalid profile: {msg}{extra}."
    if err["type"] == "missing":
        hint = {"sex": " (female or male)", "age_y": " (age in years, 0–120)"}.get(loc, "")
        return f"Missing profile field '{loc}'{hint}{extra}."
    if err["type"] == "extra_forbidden":
        return f"Unknown profile field '{loc}'; check the spelling (see docs/advisor.md){extra}."
    got = err.get("input")
    shown = "" if isinstance(got, Mapping) else f"; got {got!r}"
    return f"Invalid profile field '{loc}': {msg}{shown}{extra}."


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """Validate a mapping into a :class:`Profile`; raise InputError with one line if invalid."""
    if not isinstance(data, Mapping):
        raise InputError(f"A profile must be a mapping of fields; got {type(data).__name__}.")
    try:
        return Profile.model_validate(dict(data))
    except ValidationError as exc:
        # A vitk error raised inside a validator keeps its own message.
        for err in exc.errors():
            inner = (err.get("ctx") or {}).get("error")
            if isinstance(inner, InputError | UnitError):
                raise inner from None
        raise InputError(_one_line(exc)) from None


def load_profile(path: str | Path) -> Profile:
    """Read a YAML or JSON profile file."""
    import yaml

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"Profile file not found: '{p}'.") from None
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"Cannot parse profile '{p}': {first}.") from None
    if data is None:
        raise InputError(f"Profile file '{p}' is empty.")
    return profile_from_dict(data)
