"""Food matrix: availability of vitamin K by the source it is eaten in, relative to a supplement.

The PK sets are fitted on supplements (Garber1999 K1 tablet, Schurgers2007 capsules), so a
supplement has factor 1. Gijsbers1996 gave 5 fasted volunteers 1 mg K1 three times: as a
solubilised supplement (Konakion), as spinach with butter and as spinach without fat.
Circulating K1 was 7.5-fold lower after spinach with butter (factor 1/7.5 = 0.13) and
24.3-fold lower after spinach without fat (0.041); vegetable K1 was absorbed about 1.5
times more slowly (absorption rate x 1/1.5). A diary does not say whether a vegetable
was eaten with fat; everyday meals usually hold some, so the with-fat factor is used
(the without-fat factor is kept as ``"vegetable, no fat"``).

The other factors are **assumptions**, with the reason for each: no study read compared
them with a supplement. Booth1999 found broccoli and K1-fortified oil not significantly
different over 5 days of a mixed diet, which tempers the single-meal vegetable factor;
Jones2009 found K1 best absorbed with an oil-rich meal. Knapen2014 found MK-7 carriers
(casein, gum arabic, oil) alike at group level. No factor is fitted.
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Gijsbers1996",
    "model": "food matrix",
    # Relative availability F and absorption-rate factor by source, all forms alike.
    "matrix": {
        "supplement": {
            "F [1]": 1.0,
            "ka factor [1]": 1.0,
            "basis": "reference (sets fitted on tablets and capsules: Garber1999, Schurgers2007)",
        },
        "vegetable": {
            "F [1]": 1.0 / 7.5,
            "ka factor [1]": 1.0 / 1.5,
            "basis": "measured: Gijsbers1996, spinach with butter vs solubilised K1",
        },
        "vegetable, no fat": {
            "F [1]": 1.0 / 24.3,
            "ka factor [1]": 1.0 / 1.5,
            "basis": "measured: Gijsbers1996, spinach without fat",
        },
        "fat or oil": {
            "F [1]": 1.0,
            "ka factor [1]": 1.0,
            "basis": "assumed: K1 in oils is "
            "dissolved in fat as in a supplement; Jones2009 (oil-rich meal best "
            "absorbed) and Booth1999 (oil close to broccoli over 5 days)",
        },
        "fermented": {
            "F [1]": 1.0,
            "ka factor [1]": 1.0,
            "basis": "assumed: menaquinones "
            "in natto and cheese sit in a fat-containing matrix; Knapen2014 found "
            "carriers alike; no food-vs-capsule comparison read",
        },
        "other food": {
            "F [1]": 1.0,
            "ka factor [1]": 1.0,
            "basis": "assumed: meat, eggs, dairy (fat-containing animal foods), no comparison read",
        },
    },
    "fitted": [],
    "references": ["Gijsbers1996", "Booth1999", "Jones2009", "Knapen2014"],
    "population": "5 healthy fasted volunteers, 1 mg K1 three ways (Gijsbers1996).",
    "source": "Gijsbers1996 abstract (7.5- and 24.3-fold lower circulating K1, 1.5 times "
    "slower absorption); Booth1999 and Jones2009 abstracts for the assumptions.",
}
