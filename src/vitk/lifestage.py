"""Life stage: age, sex, pregnancy and lactation, validated once for every table lookup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vitk.errors import InputError

__all__ = ["LifeStage", "life_stage"]

Sex = Literal["female", "male"]

_SEX_ALIASES = {
    "f": "female",
    "female": "female",
    "woman": "female",
    "w": "female",
    "m": "male",
    "male": "male",
    "man": "male",
}

MAX_AGE_Y = 120.0
PREGNANCY_AGE_RANGE_Y = (9.0, 60.0)


@dataclass(frozen=True)
class LifeStage:
    """A person's life stage for reference-intake look-ups."""

    age_y: float
    sex: Sex
    pregnant: bool = False
    lactating: bool = False

    @property
    def label(self) -> str:
        age = f"{self.age_y * 12:.0f} months" if self.age_y < 1 else f"{self.age_y:g} years"
        state = " (pregnant)" if self.pregnant else " (lactating)" if self.lactating else ""
        return f"{self.sex}, {age}{state}"


def life_stage(
    age_y: float, sex: str, pregnant: bool = False, lactating: bool = False
) -> LifeStage:
    """Validate and build a :class:`LifeStage`.

    Raises
    ------
    InputError
        If the age is outside 0–120 years, the sex is unknown, or the flags contradict
        each other (male and pregnant or lactating; pregnancy or lactation outside
        9–60 years; pregnant and lactating at once).
    """
    try:
        age = float(age_y)
    except (TypeError, ValueError):
        raise InputError(f"age must be a number of years; got '{age_y}'.") from None
    if not (0.0 <= age <= MAX_AGE_Y) or age != age:
        raise InputError(f"age must be between 0 and {MAX_AGE_Y:g} years; got {age_y}.")
    s = _SEX_ALIASES.get(str(sex).strip().lower())
    if s is None:
        raise InputError(f"sex must be 'female' or 'male'; got '{sex}'.")
    if s == "male" and (pregnant or lactating):
        flag = "pregnant" if pregnant else "lactating"
        raise InputError(f"A male life stage cannot be {flag}; got sex='{sex}', {flag}=True.")
    if pregnant and lactating:
        raise InputError(
            "Choose either pregnant or lactating for a reference-intake look-up; got both."
        )
    lo, hi = PREGNANCY_AGE_RANGE_Y
    if (pregnant or lactating) and not (lo <= age <= hi):
        flag = "pregnant" if pregnant else "lactating"
        raise InputError(f"{flag} is only accepted for ages {lo:g}–{hi:g} years; got age {age:g}.")
    return LifeStage(age_y=age, sex=s, pregnant=bool(pregnant), lactating=bool(lactating))  # type: ignore[arg-type]
