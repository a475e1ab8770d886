"""Words for simulation series and summary keys (chart legends, CLI tables, web).

Series and summary keys carry their unit in the name (``mk7_nmol_per_l``); people read
"MK-7 in serum, nmol/L". :func:`series_label` and :func:`summary_label` turn one into the
other, so that figures, the CLI and the web use the same words.
"""

from __future__ import annotations

from vitk.nutrients import DOSED_FORMS

__all__ = ["BANDS_NOTE", "FORM_LABELS", "series_label", "summary_label"]

#: What the 5 % and 95 % columns of a cohort summary mean (CLI table, web).
BANDS_NOTE = (
    "5 % and 95 %: 90 % of simulated people fall between them (prediction interval "
    "from between-subject variability and the half-life ranges of the sources)."
)
#: Display names of the PK forms (:data:`vitk.nutrients.DOSED_FORMS`).
FORM_LABELS: dict[str, str] = dict(DOSED_FORMS)

_UNITS = {
    "nmol_per_l": "nmol/L",
    "ng_per_ml": "ng/mL",
    "pct": "%",
    "h": "h",
    "mg": "mg/d",
}
_SERIES = {
    "inr": "INR",
    "ii": "factor II activity, relative to normal",
    "vii": "factor VII activity, relative to normal",
    "ix": "factor IX activity, relative to normal",
    "x": "factor X activity, relative to normal",
    "ucoc": "ucOC:cOC, relative to no supplement",
    "dp_ucmgp": "dp-ucMGP, relative to no supplement",
}
_SUMMARY = {
    "cmax_nmol_per_l": "peak in serum, nmol/L",
    "cmax_ng_per_ml": "peak in serum, ng/mL",
    "tmax_h": "time of peak after a dose, h",
    "trough_ss_nmol_per_l": "steady-state trough in serum, nmol/L",
    "accumulation_ratio": "accumulation ratio",
    "t90_ss_h": "time to 90 % of steady state, h",
    "ucoc_change_pct": "ucOC:cOC change at the end, %",
    "dp_ucmgp_change_pct": "dp-ucMGP change at the end, %",
    "inr_baseline": "INR at the start",
    "inr_end": "INR at the end",
    "inr_change_pct": "INR change, %",
    "vka_dose_mg": "anticoagulant dose, mg/d",
}


def series_label(name: str) -> str:
    """Words for a series name: ``"mk7_nmol_per_l"`` -> ``"MK-7 in serum, nmol/L"``."""
    if name in _SERIES:
        return _SERIES[name]
    for code, form in FORM_LABELS.items():
        prefix = f"{code}_"
        if name.startswith(prefix):
            unit = name[len(prefix) :]
            return f"{form} in serum, {_UNITS.get(unit, unit)}"
    return name.replace("_", " ")


def summary_label(key: str) -> str:
    """Words for a summary key; form-prefixed keys (``mk7_cmax_nmol_per_l``) name the form."""
    if key in _SUMMARY:
        return _SUMMARY[key]
    for code, form in FORM_LABELS.items():
        prefix = f"{code}_"
        if key.startswith(prefix) and key[len(prefix) :] in _SUMMARY:
            return f"{form}: {_SUMMARY[key[len(prefix) :]]}"
    return key.replace("_", " ")
