"""Carboxylation-marker potency (ucOC:cOC and dp-ucMGP), fitted to Dalmeijer2012.

Dalmeijer2012 gave 180 or 360 µg/d MK-7 for 12 weeks (placebo unchanged): dp-ucMGP fell by
31 % and 46 %, the ucOC:cOC ratio by 60 % and 74 %. For each marker, Imax and IC50 of the
indirect-response model in :mod:`vitk.pharmacology.carboxylation` are fitted to these two
points given the hepatic capacity of the ``Schurgers2004`` set (2 parameters, 2 points:
an exact fit, not a test). The turnover half-lives (ucOC:cOC 3 d, dp-ucMGP 7 d) are
assumptions: the changes are seen within 4-12 weeks. Re-fitted in
``tests/validation/test_dalmeijer2012.py`` by
:func:`vitk.pharmacology.carboxylation.fit_dalmeijer2012`.
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Dalmeijer2012",
    "model": "carboxylation markers",
    "markers": {
        "ucoc": {"Imax [1]": 0.9111, "IC50 [nmol/L]": 2.077, "turnover half-life [h]": 72.0},
        "dp_ucmgp": {"Imax [1]": 0.7538, "IC50 [nmol/L]": 5.698, "turnover half-life [h]": 168.0},
    },
    "fitted": ["Imax [1]", "IC50 [nmol/L]"],
    "assumed": ["turnover half-life [h]"],
    # Observed changes at 12 weeks vs baseline, by daily MK-7 dose [µg/d].
    "observed change at 84 d [1]": {
        "dp_ucmgp": {180.0: -0.31, 360.0: -0.46},
        "ucoc": {180.0: -0.60, 360.0: -0.74},
    },
    "fit given": {"hepatic capacity set": "Schurgers2004", "MK-7 set": "Schurgers2007"},
    "references": ["Dalmeijer2012", "Schurgers2007", "Schurgers2004"],
    "population": "60 adults aged 40-65 y, three arms (placebo, 180 and 360 µg/d MK-7), "
    "12 weeks (Dalmeijer2012).",
    "source": "Dalmeijer2012 abstract (changes at 12 weeks); turnover half-lives assumed.",
}
