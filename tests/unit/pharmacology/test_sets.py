"""Re-derive each PK set's numbers from the primary observations they cite."""

import numpy as np
import pytest
from scipy.optimize import brentq

from vitk.errors import InputError
from vitk.pharmacology import pk, sets
from vitk.references import get

ALL = [
    "Novotny2010",
    "Jones2007",
    "Sato2012",
    "Uematsu1996",
    "Schurgers2007",
    "Falkenhagen2023",
    "SinthromeSmPC2020",
    "Schurgers2004",
    "Dalmeijer2012",
]


def test_sets_are_discovered_from_the_package_not_listed_by_hand():
    import pkgutil
    from pathlib import Path

    on_disk = {m.name for m in pkgutil.iter_modules([str(Path(sets.__file__).parent)])}
    assert set(sets.names()) == on_disk
    assert set(ALL) <= on_disk
    # Every PK set is reachable by its form, the default first; every VKA set by its drug.
    for form, found in sets.PK_SETS.items():
        assert found[0] == sets.DEFAULT_PK_SET[form]
        assert all(sets.load(n)["form"] == form for n in found)
    assert sets.VKA_SETS == {"acenocoumarol": "SinthromeSmPC2020", "warfarin": "Falkenhagen2023"}


def test_calibration_numbers_come_from_the_sets_named_after_their_papers():
    from vitk.pharmacology import anticoagulation, carboxylation

    dal = sets.load("Dalmeijer2012")
    sch = sets.load("Schurgers2004")
    assert carboxylation.FIT["ucoc"]["IC50 [nmol/L]"] == dal["markers"]["ucoc"]["IC50 [nmol/L]"]
    assert dal["observed change at 84 d [1]"] == carboxylation.DALMEIJER2012
    assert np.log(2) / carboxylation.KEO_PER_H == pytest.approx(
        sets.load("Novotny2010")["tissue half-time [h]"]
    )
    assert anticoagulation.CALIBRATION["sensitivity [L/nmol]"] == sch["INR sensitivity [L/nmol]"]
    assert anticoagulation.SCHURGERS2004_STEPS_UG == carboxylation.SCHURGERS2004_STEPS_UG
    assert list(anticoagulation.SCHURGERS2004_STEPS_UG) == list(
        sch["calibration"]["K1 steps [ug/d]"]
    )


def test_plots_consume_results_only_and_import_no_simulation():
    import ast
    import inspect

    from vitk.pharmacology import plots

    tree = ast.parse(inspect.getsource(plots))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert "vitk.pharmacology.simulate" not in imported
    assert "vitk.pharmacology.results" not in imported


@pytest.mark.parametrize("name", ALL)
def test_every_set_cites_existing_keys_and_describes_itself(name):
    p = sets.load(name)
    assert p["references"]
    for key in p["references"]:
        assert get(key).key == key
    assert p["population"]
    assert p["source"]


def test_unknown_set_is_rejected():
    with pytest.raises(InputError):
        sets.load("Nobody1999")


def _auc_fraction(ka, ke, tlag, t_end):
    t = np.linspace(0, t_end, 200001)
    c = pk.one_compartment_oral(
        t, 1000.0, form="k1", ka_per_h=ka, ke_per_h=ke, vd_l=1.0, tlag_h=tlag
    )
    total = 1000.0 / 450.707 * 1000.0 / ke  # AUC0-inf for V = 1 L, F = 1
    return np.trapezoid(c, t) / total


@pytest.mark.parametrize("name", ["Novotny2010", "Jones2007"])
def test_k1_sets_reproduce_their_derivation(name):
    p = sets.load(name)
    d = p["derivation"]
    assert p["ke [1/h]"] == pytest.approx(np.log(2) / d["half-life [h]"], rel=1e-3)
    tmax = float(pk.tmax_h(ka_per_h=p["ka [1/h]"], ke_per_h=p["ke [1/h]"], tlag_h=p["tlag [h]"]))
    assert tmax == pytest.approx(d["Tmax [h]"], abs=0.05)
    frac = _auc_fraction(p["ka [1/h]"], p["ke [1/h]"], p["tlag [h]"], 9.0)
    dose_nmol = d["AUC dose [ug]"] / 450.707 * 1000.0
    cl = dose_nmol / (d["AUC0-9h [nmol h/L]"] / frac)
    assert p["V/F [L]"] == pytest.approx(cl / p["ke [1/h]"], rel=5e-3)


def test_mk7_set_reproduces_tmax_and_the_equimolar_ratio_to_k1():
    p = sets.load("Schurgers2007")
    k1 = sets.load("Novotny2010")
    ka = brentq(lambda ka: np.log(ka / p["ke [1/h]"]) / (ka - p["ke [1/h]"]) - 4.0, 0.02, 10)
    assert p["ka [1/h]"] == pytest.approx(ka, rel=1e-3)
    ratio = (k1["ke [1/h]"] * k1["V/F [L]"]) / (p["ke [1/h]"] * p["V/F [L]"])
    assert ratio == pytest.approx(
        p["derivation"]["steady-state ratio MK-7/K1 (equimolar)"], rel=5e-3
    )
    lo, hi = p["half-life range [h]"]
    assert lo <= np.log(2) / p["ke [1/h]"] <= hi
