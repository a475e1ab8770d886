"""Warfarin food list: total vitamin K per serving, K1 greens first; K2 by long chain."""

from tests.unit.advisor.helpers import prof

from vitk.advisor import advise
from vitk.advisor.render import render


def test_vka_user_gets_foods_by_total_vitamin_k_with_greens_first_and_forms_with_sources():
    fo = advise(prof(medications=["warfarin 5 mg"])).food_options
    rows = fo["vka_food_list"]
    kinds = [r["kind"] for r in rows]
    assert kinds[0] == "K1 green"
    # Greens first, then K2 foods, then other K1 sources; each block by total, highest first.
    first_k2 = kinds.index("K2 food")
    assert all(k == "K1 green" for k in kinds[:first_k2])
    greens = [r["total_ug_per_serving"] for r in rows[:first_k2]]
    assert greens == sorted(greens, reverse=True)
    assert any("Spinach" in r["name"] or "Kale" in r["name"] for r in rows[:first_k2])
    spinach = next(r for r in rows if r["name"].startswith("Spinach"))
    assert spinach["by_form"]["k1"]["ug_per_serving"] > 50
    assert spinach["by_form"]["k1"]["source_keys"]
    # Unknown is not zero: an unmeasured form is None and the total a lower bound.
    collards = next(r for r in rows if r["name"].startswith("Collards"))
    assert collards["by_form"]["mk7"]["ug_per_serving"] is None
    assert collards["total_is_lower_bound"]


def test_flag_note_names_the_flagged_foods_says_mk7_studies_and_sits_below_the_list():
    report = advise(prof(medications=["warfarin"]))
    fo = report.food_options
    flagged = [o["name"] for o in fo["flagged_high_k2"]]
    assert flagged and all(name in fo["flag_note"] for name in flagged)
    assert "studies of MK-7" in fo["flag_note"]
    assert {r["name"] for r in fo["vka_food_list"] if r["flagged"]} <= set(flagged)
    for fmt in ("md", "text", "html"):
        out = render(report, fmt)
        assert out.index("Spinach") < out.index("The threshold comes from studies of MK-7")


def test_consistency_target_is_a_steady_daily_amount_with_a_band_to_agree_with_the_clinic():
    report = advise(prof(medications=["warfarin"]))
    target = report.food_options["consistency_target"]
    assert target is not None and target["band_pct"] == 20.0
    assert "anticoagulation clinic" in target["sentence"]


def test_consistency_target_uses_the_persons_own_daily_amount():
    from vitk.advisor.vka_foods import consistency_target

    t = consistency_target(150.0, 20.0, from_diary=True)
    assert (t["daily_low_ug"], t["daily_ug"], t["daily_high_ug"]) == (120, 150, 180)
    assert (t["weekly_low_ug"], t["weekly_ug"], t["weekly_high_ug"]) == (840, 1050, 1260)
    assert "do not change it without your clinic" in t["sentence"]


def test_other_users_get_k2_by_long_chain_and_mk4_apart_with_its_caveat():
    fo = advise(prof()).food_options
    assert fo["vka_food_list"] == [] and fo["consistency_target"] is None
    values = [r["long_chain_ug_per_serving"] for r in fo["long_chain_k2"]]
    assert values == sorted(values, reverse=True) and values[0] > 0
    assert fo["mk4_apart"]
    assert all(
        (r["mk4_ug_per_serving"] or 0) > r["long_chain_ug_per_serving"] for r in fo["mk4_apart"]
    )
    assert "[Sato2012]" in fo["mk4_caveat"]


def test_web_report_shows_the_vka_list_like_the_cli(tmp_path):
    report = advise(prof(medications=["warfarin"]))
    text = render(report, "text")
    assert "µg vitamin K (K1" in text and "n.m." in text
