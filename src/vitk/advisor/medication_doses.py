"""Daily doses read from a medication or supplement line (``100 mcg twice daily``).

Vitamin K doses in µg; vitamin D in µg (IU converted, 40 IU = 1 µg, IOM2011); calcium and
magnesium in mg; vitamin E in IU or mg as written. Two different doses in one line, an
injection or an irregular frequency give no dose: unknown, not zero.
"""

from __future__ import annotations

import re

__all__ = ["k_dose_ug", "supplement_dose"]

_K_DOSE_RE = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(mcg|µg|μg|ug|micrograms?|mg|milligrams?)(?![a-z])", re.IGNORECASE
)
#: Frequency words and the number of doses per day they mean; other frequency words
#: ("as needed", "every other day", "monthly") leave the daily dose unknown.
_PER_DAY: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\b(?:three times|thrice|tds|tid|3\s?x)\b"), 3.0),
    (re.compile(r"\b(?:twice|bd|bid|2\s?x)\b"), 2.0),
    (re.compile(r"\b(?:weekly|once a week|per week|a week|/\s?week)\b"), 1.0 / 7.0),
)
_UNKNOWN_FREQUENCY = re.compile(
    r"\b(?:prn|as needed|every other day|alternate days|monthly|per month|a month|"
    r"injections?|inj|iv|im)\b"
)


def k_dose_ug(text: str) -> float | None:
    """The daily vitamin K dose in a medication line, in µg; None if absent or unclear.

    Reads ``100 mcg``, ``45 mg``, ``0.1 mg`` with an optional frequency (``twice daily``,
    ``weekly``). Two different doses in one line, an injection or an irregular frequency
    ("as needed") give None: the dose is then not counted.

    Examples
    --------
    >>> k_dose_ug("vitamin K2 MK-7 100 mcg")
    100.0
    >>> k_dose_ug("Glakay 15 mg three times daily")
    45000.0
    >>> k_dose_ug("Konakion") is None
    True
    """
    low = text.lower()
    doses = {
        float(v.replace(",", ".")) * (1000.0 if u.lower().startswith(("mg", "milli")) else 1.0)
        for v, u in _K_DOSE_RE.findall(low)
    }
    if len(doses) != 1 or _UNKNOWN_FREQUENCY.search(low):
        return None
    per_day = next((n for rx, n in _PER_DAY if rx.search(low)), 1.0)
    return next(iter(doses)) * per_day


_SUPP_DOSE_RE = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(mcg|µg|μg|ug|micrograms?|mg|milligrams?|g|grams?|iu|i\.\s?u\.?|ie|"
    r"units?)(?![a-z])",
    re.IGNORECASE,
)


def supplement_dose(text: str, cls: str) -> tuple[float | None, str | None]:
    """The daily dose of a vitamin D, calcium, magnesium or vitamin E line and its unit.

    Vitamin D is given in µg (IU are converted, 40 IU = 1 µg, IOM2011); calcium and
    magnesium in mg; vitamin E in IU or mg as written (the IU-to-mg factor depends on the
    natural or synthetic form, which a line rarely says). Frequencies are read as for
    vitamin K (``weekly``, ``twice daily``); two different doses in one line, an injection or
    an irregular frequency give ``(None, unit)``: the dose is then unknown, not zero.

    Examples
    --------
    >>> supplement_dose("vitamin D3 2000 IU", "vitamin_d")
    (50.0, 'µg')
    >>> supplement_dose("calcium carbonate 1.2 g", "calcium")
    (1200.0, 'mg')
    >>> supplement_dose("vitamin E 800 IU", "vitamin_e")
    (800.0, 'IU')
    """
    low = text.lower()
    found: list[tuple[float, str]] = []
    for v, u in _SUPP_DOSE_RE.findall(low):
        value = float(v.replace(",", "."))
        u = u.replace(".", "").replace(" ", "")
        if u in ("iu", "ie") or u.startswith("unit"):
            found.append((value, "IU"))
        elif u.startswith(("mg", "milli")):
            found.append((value, "mg"))
        elif u in ("g", "gram", "grams"):
            found.append((value * 1000.0, "mg"))
        else:
            found.append((value, "µg"))
    unit: str | None
    values: set[float]
    if cls == "vitamin_d":
        from vitk.units import iu_to_ug_vitamin_d

        unit = "µg"
        values = {
            iu_to_ug_vitamin_d(v) if u == "IU" else v * 1000.0 if u == "mg" else v for v, u in found
        }
    elif cls == "vitamin_e":
        ius = {v for v, u in found if u == "IU"}
        mgs = {v for v, u in found if u == "mg"}
        # "400 IU (268 mg)": the IU figure is the one given on most labels
        unit, values = ("IU", ius) if ius else ("mg", mgs)
    elif cls in ("calcium", "magnesium"):
        unit = "mg"
        values = {v / 1000.0 if u == "µg" else v for v, u in found if u != "IU"}
    else:
        return None, None
    if len(values) != 1 or _UNKNOWN_FREQUENCY.search(low):
        return None, unit
    per_day = next((n for rx, n in _PER_DAY if rx.search(low)), 1.0)
    return round(next(iter(values)) * per_day, 3), unit
