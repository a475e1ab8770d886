"""Coverage of the given validation data (tests/data/validation-given.csv).

Every row is classified: checked (a check in :data:`vitk.pharmacology.validation.CHECKS`
or a validation test), or not producible by the models, with the reason. Coverage is rows
checked of rows producible; it must be complete. The CSV is a copy of the shared
reference file ``reference/validation-given.csv``.
"""

import ast
import csv
from pathlib import Path

from vitk.pharmacology.validation import CHECKS

CSV = Path(__file__).resolve().parents[1] / "data" / "validation-given.csv"

NO_IV = "no intravenous or intramuscular route in the models (oral only)"
NO_OUTCOME = "clinical outcome (bone, fracture, calcification, mortality): no model"
NO_VALUES = "no numbers read (design or direction only), nothing to compare"
NO_BASELINE = "MK-4/MK-7 baselines are 0 in the sets (excess over baseline is modelled)"
OUT_OF_RANGE = "INR ≥ 5 after over-anticoagulation: the INR law was fitted over INR 2-3"

# (study_key, words in the measure, words in the regimen or dose, or "") -> classification:
# "check:<id>", "test:<module>::<function>" or "no:<reason>".
RULES: list[tuple[str, str, str, str]] = [
    ("schurgers2007_blood", "serum Tmax", "", "test:test_schurgers2007::test_tmax_about_4_h"),
    ("schurgers2007_blood", "peak absorption ratio", "",
     "test:test_schurgers2007::test_mk7_to_k1_peak_ratio_after_the_same_1mg_dose"),
    ("schurgers2007_blood", "still detectable", "",
     "test:test_schurgers2007::test_mk7_still_detectable_96_h_after_1_mg_while_k1_is_back_near_baseline"),
    ("schurgers2007_blood", "steady-state serum level ratio", "", "check:schurgers2007_ss_ratio"),
    ("schurgers2007_blood", "serum MK-7 at 4 h and 24 h", "", "no:" + NO_VALUES),
    ("schurgers2007_blood", "lowest daily MK-7 dose", "",
     "test:test_schurgers2007::test_mk7_50ug_per_day_prediction_is_above_the_k1_significance_threshold"),
    ("sato2012_nutrj", "serum Tmax", "", "check:sato2012_mk7_tmax"),
    ("sato2012_nutrj", "last time MK-7 detected", "",
     "test:test_sato2012::test_mk7_after_420ug_detectable_at_48h"),
    ("sato2012_nutrj", "serum MK-4 at any time", "", "check:sato2012_mk4_cmax"),
    ("sato2012_nutrj", "baseline serum MK-4", "", "no:" + NO_BASELINE),
    ("sato2012_nutrj", "MK-4 arm", "", "check:sato2012_mk4_7d"),
    ("sato2012_nutrj", "MK-7 arm", "", "test:test_sato2012::test_seven_days_of_60ug_raise_mk7_but_not_mk4"),
    ("sato2012_nutrj", "serum MK-7", "", "test:test_sato2012::test_seven_days_of_60ug_raise_mk7_but_not_mk4"),
    ("knapen2014_jclintrials", "Tmax", "", "test:test_knapen2014::test_tmax_within_formulation_range"),
    ("knapen2014_jclintrials", "MK-7 vs baseline", "",
     "test:test_knapen2014::test_elevated_at_24h_with_dose_response"),
    ("schurgers2000_haemostasis", "serum Tmax", "detergent",
     "test:test_schurgers2000::test_solubilised_k1_peaks_at_4h"),
    ("schurgers2000_haemostasis", "serum Tmax", "spinach", "test:test_given_coverage::test_spinach_meal_peaks_later_than_a_supplement"),
    ("schurgers2000_haemostasis", "serum Tmax", "natto",
     "test:test_schurgers2000::test_natto_mk7_tmax_within_2h_of_6h"),
    ("schurgers2000_haemostasis", "circulating K2", "", "check:schurgers2000_natto_spinach"),
    ("novotny2010_bjn", "Tmax", "", "check:novotny2010_kale_tmax"),
    ("novotny2010_bjn", "Cmax", "", "check:novotny2010_kale_cmax"),
    ("novotny2010_bjn", "bioavailability", "", "no:absolute availability: the sets use V/F"),
    ("novotny2010_bjn", "plasma half-time", "", "test:test_novotny2010::test_terminal_half_life_is_8_8_h"),
    ("novotny2010_bjn", "tissue half-time", "", "test:test_novotny2010::test_tissue_half_time_is_215_h"),
    ("jones2007_thesis", "fast phase", "", "no:one-compartment model has no fast IV phase"),
    ("jones2007_thesis", "slow phase", "", "test:test_given_coverage::test_jones2007_set_has_the_slow_half_time"),
    ("jones2007_thesis", "absolute absorption", "", "no:absolute availability: the sets use V/F"),
    ("jones2007_thesis", "Tmax", "", "test:test_given_coverage::test_k1_supplement_tmax_near_4_7_h"),
    ("jones2007_thesis", "relative bioavailability", "",
     "no:meal types (convenience, cosmopolitan, animal-oriented) are not in a diary"),
    ("olson2002_bjn", "", "", "no:" + NO_IV),
    ("garber1999_jnutr", "AUC", "500 ug tablet", "check:garber1999_tablet_auc"),
    ("garber1999_jnutr", "AUC", "150 g", "check:garber1999_spinach150_auc"),
    ("garber1999_jnutr", "AUC", "50 g", "check:garber1999_spinach50_auc"),
    ("lamonfava1998_ajcn", "Tmax", "", "test:test_given_coverage::test_k1_with_a_fat_rich_meal_peaks_within_1_5x_of_6_h"),
    ("lamonfava1998_ajcn", "share", "", "no:lipoprotein carriers are not modelled"),
    ("uematsu1996_jpharmsci", "AUC", "20.0 g", "check:uematsu1996_auc"),
    ("uematsu1996_jpharmsci", "AUC", "", "test:test_uematsu1996::test_clearance_by_fat_reproduces_each_meal"),
    ("konakion_smpc_uk", "systemic availability", "", "no:absolute availability: the sets use V/F"),
    ("konakion_smpc_uk", "elimination half-life", "", "test:test_given_coverage::test_jones2007_set_has_the_slow_half_time"),
    ("konakion_smpc_uk", "normal plasma K1", "", "test:test_given_coverage::test_k1_baseline_is_inside_the_normal_range"),
    ("konakion_smpc_uk", "after dose", "", "no:" + NO_IV),
    ("konakion_fachinfo_ch", "", "IV", "no:" + NO_IV),
    ("konakion_fachinfo_ch", "", "oral", "test:test_given_coverage::test_k1_oral_half_life_within_the_label_range"),
    ("marinova2013_ejcp", "", "", "no:VKORC1 genotype is not a model input (only its spread)"),
    ("bjcp1996_konakion", "", "", "no:" + NO_IV),
    ("torii2016_jns", "", "", "no:" + NO_BASELINE),
    ("ikari2016_nutrj", "plasma K1", "", "no:" + NO_BASELINE),
    ("ikari2016_nutrj", "", "", "no:" + NO_OUTCOME),
    ("pmc6816853_hplc", "", "", "no:" + NO_BASELINE),
    ("jhej_natto", "", "", "no:natto amount (maximum) or control level (48 h ratio) not captured"),
    ("theuwissen2012_bjn", "", "", "no:" + NO_VALUES),
    ("dalmeijer2012_atheroscl", "dp-ucMGP", "180", "check:dalmeijer2012_mgp_180"),
    ("dalmeijer2012_atheroscl", "dp-ucMGP", "360", "check:dalmeijer2012_mgp_360"),
    ("dalmeijer2012_atheroscl", "ucOC", "180", "check:dalmeijer2012_ucoc_180"),
    ("dalmeijer2012_atheroscl", "ucOC", "360", "check:dalmeijer2012_ucoc_360"),
    ("knapen2013_osteoporos", "ucOC", "", "check:knapen2013_ucoc_3y"),
    ("knapen2013_osteoporos", "", "", "no:" + NO_OUTCOME),
    ("emaus2010_osteoporos", "ucOC", "", "test:test_emaus2010::test_ucoc_ratio_falls_after_12_months"),
    ("emaus2010_osteoporos", "", "", "no:" + NO_OUTCOME),
    ("inaba2015_jnsv", "cOC/ucOC ratio", "", "test:test_given_coverage::test_inaba2015_100ug_lowers_ucoc_more_than_50ug"),
    ("inaba2015_jnsv", "", "", "no:" + NO_VALUES),
    ("nakamura2014_nutrj", "ucOC", "", "check:nakamura2014_ucoc_600"),
    ("nakamura2014_nutrj", "cOC", "", "no:cOC alone is not modelled (only the ucOC:cOC ratio)"),
    ("knapen2007_osteoporos", "", "", "no:" + NO_OUTCOME),
    ("cockayne2006_aim", "", "", "no:" + NO_OUTCOME),
    ("mott2019_osteoporos", "", "", "no:" + NO_OUTCOME),
    ("schurgers2004_blood", "statistically significant", "", "check:schurgers2004_inr_150"),
    ("schurgers2004_blood", "clinically relevant", "", "check:schurgers2004_share_150"),
    ("schurgers2004_blood", "ucFII", "", "no:undercarboxylated FII is not a model output"),
    ("schurgers2004_blood", "ucOC", "", "check:schurgers2004_ucoc_300"),
    ("schurgers2004_blood", "interference", "", "test:test_schurgers2004::test_150_significant_100_not"),
    ("theuwissen2013_jth", "target INR", "", "no:an input (the titration target), not an output"),
    ("theuwissen2013_jth", "group-mean INR", "", "check:theuwissen2013_inr_45"),
    ("theuwissen2013_jth", "ucFII", "", "no:undercarboxylated FII is not a model output"),
    ("theuwissen2013_jth", "share", "10", "check:theuwissen2013_share_10"),
    ("theuwissen2013_jth", "share", "20", "check:theuwissen2013_share_20"),
    ("theuwissen2013_jth", "ETP", "", "no:thrombin generation is not modelled"),
    ("theuwissen2013_jth", "ucOC and dp-ucMGP", "",
     "test:test_theuwissen2013::test_extrahepatic_markers_not_affected_while_inr_falls"),
    ("fondevila2001_bcf", "", "", "no:" + OUT_OF_RANGE),
    ("phenprocoumon_k1_inr", "", "", "no:" + OUT_OF_RANGE + "; phenprocoumon has no set"),
    ("bcf1993_k1_reversal", "", "", "no:" + OUT_OF_RANGE),
    ("inr10_oralk_2010", "", "", "no:" + NO_OUTCOME),
    ("hamberg2007_cpt", "", "", "no:an input (population INR), not an output"),
    ("geleijnse2004_jnutr", "", "", "no:" + NO_OUTCOME),
    ("beulens2009_atheroscl", "", "", "no:" + NO_OUTCOME),
    ("gast2009_nmcd", "", "", "no:intake epidemiology, no model"),
]  # fmt: skip


def _rows():
    with CSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def classify(row):
    text = f"{row['regimen']} {row['dose_ug']} {row['experiment']}"
    for study, measure, where, how in RULES:
        if row["study_key"] == study and measure in row["measure"] and where in text:
            return how
    return None


def test_every_given_row_is_checked_or_says_why_not_and_coverage_is_complete():
    rows = _rows()
    assert len(rows) >= 120
    classes = [classify(r) for r in rows]
    unclassified = [
        (r["study_key"], r["measure"]) for r, c in zip(rows, classes, strict=True) if c is None
    ]
    assert not unclassified
    ids = {c.check_id for c in CHECKS}
    checked = 0
    for how in classes:
        kind, _, ref = how.partition(":")
        if kind == "check":
            assert ref in ids
            checked += 1
        elif kind == "test":
            module, _, func = ref.partition("::")
            tree = ast.parse((Path(__file__).parent / f"{module}.py").read_text("utf-8"))
            names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            assert func in names, ref
            checked += 1
        else:
            assert kind == "no" and ref
    # Every row the models can produce is checked: coverage 52 of 52 producible rows
    # (74 of 126 rows are not producible, each with its reason above).
    not_producible = sum(1 for how in classes if how.startswith("no:"))
    assert checked + not_producible == len(rows)
    assert checked >= 52


def test_each_row_checked_by_a_catalogue_check_is_that_check_s_form_and_dose():
    """A row mapped to a check must be the observation that check predicts: same form and,
    where the row gives one number, the same dose (within 1 µg). Guards the word rules above
    against matching a neighbour row (a spinach AUC counted as the tablet calibration)."""
    from vitk.pharmacology.regimens import form_code

    by_id = {c.check_id: c for c in CHECKS}
    compared = 0
    for row in _rows():
        how = classify(row)
        if not how.startswith("check:"):
            continue
        check = by_id[how.partition(":")[2]]
        try:
            dose_ug = float(row["dose_ug"])
        except ValueError:
            continue  # ranges, lists or ratios ("50-500", "2012 vs 1577"): no single dose
        assert abs(dose_ug - check.dose_ug) <= 1.0, (row["measure"], row["regimen"], check)
        assert form_code(row["form"]) == check.form, (row["form"], check.check_id)
        compared += 1
    assert compared >= 15


def test_spinach_meal_peaks_later_than_a_supplement():
    """Schurgers2000: spinach K1 peaked at 6 h, solubilised K1 at 4 h (vegetable absorbed
    1.5x more slowly, Gijsbers1996). Tolerance: within 1.5x of 6 h (sampling not stated)."""
    from vitk.pharmacology.regimens import single
    from vitk.pharmacology.simulate import simulate_pk

    spinach = simulate_pk(single("K1", 1577.0, matrix="vegetable"), days=2, dt_h=0.05)
    assert 6.0 / 1.5 <= spinach.summary["tmax_h"] <= 6.0 * 1.5
    assert spinach.summary["tmax_h"] > 4.5


def test_jones2007_set_has_the_slow_half_time():
    """Jones2007 slow phase 2.7 h; Konakion label 1.5-3 h: the Jones2007 set's half-life."""
    import numpy as np

    from vitk.pharmacology import sets

    t_half = np.log(2) / sets.load("Jones2007")["ke [1/h]"]
    assert abs(t_half - 2.7) < 0.05 and 1.5 <= t_half <= 3.0


def test_k1_supplement_tmax_near_4_7_h():
    # Jones2007 (secondary): Tmax 4.7 ± 0.8 h after 4 µg; the default K1 set: 4.0 h, within
    # one SD.
    from vitk.pharmacology.simulate import simulate_pk

    assert abs(simulate_pk("K1", 4.0, days=1).summary["tmax_h"] - 4.7) <= 0.8


def test_k1_with_a_fat_rich_meal_peaks_within_1_5x_of_6_h():
    # Lamon-Fava1998: K1 with a fat-rich meal peaked at 6 h (sampled 3-hourly); the K1 set
    # (supplement, fat or oil matrix) gives 4.0 h: within 1.5x (6/1.5 = 4).
    from vitk.pharmacology.regimens import single
    from vitk.pharmacology.simulate import simulate_pk

    res = simulate_pk(single("K1", 1000.0, matrix="fat or oil"), days=1)
    assert 6.0 / 1.5 - 0.01 <= res.summary["tmax_h"] <= 6.0 * 1.5


def test_k1_baseline_is_inside_the_normal_range():
    # Konakion label: normal plasma K1 0.4-1.2 µg/L; the sets' 1 nmol/L (Wajima2009) is
    # 0.45 µg/L.
    from vitk.pharmacology.simulate import simulate_pk

    assert 0.4 <= simulate_pk("K1", 0.0, days=1).meta["baseline_ng_per_ml"] <= 1.2


def test_k1_oral_half_life_within_the_label_range():
    # Swiss label: oral terminal half-life 10 ± 6 h; the default K1 set (Novotny2010) 8.8 h.
    import numpy as np

    from vitk.pharmacology import sets

    t_half = np.log(2) / sets.load("Novotny2010")["ke [1/h]"]
    assert abs(t_half - 10.0) <= 6.0


def test_inaba2015_100ug_lowers_ucoc_more_than_50ug():
    # Inaba2015: cOC/ucOC rose dose-dependently, significant at 100 and 200 µg/d (4 weeks).
    # Direction and order only (no effect sizes read).
    from vitk.pharmacology.simulate import simulate_carboxylation

    falls = [
        simulate_carboxylation("MK-7", d, every="24h", days=28).summary["ucoc_change_pct"]
        for d in (50.0, 100.0, 200.0)
    ]
    assert falls[0] > falls[1] > falls[2]
    assert falls[1] < 0
