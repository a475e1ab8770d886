"""``vitk foods show`` states where each USDA value comes from (SR28 Src_Cd)."""

from __future__ import annotations

import json

from tests.cli.helpers import run


def test_show_json_natto_provenance(capsys):
    code, out, _ = run(capsys, "foods", "show", "natto", "--format", "json")
    assert code == 0
    data = json.loads(out)
    k1, vd = data["nutrients"]["k1"], data["nutrients"]["vitamin_d"]
    assert (k1["value_per_100g"], k1["status"], k1["usda_src_cd"]) == (23.1, "imputed", "4")
    assert k1["status_label"] == "imputed (USDA Src_Cd 4)"
    assert (vd["value_per_100g"], vd["status"], vd["usda_src_cd"]) == (0.0, "assumed_zero", "7")
    assert data["nutrients"]["calcium"]["status"] == "measured"
    obs = {o["nutrient"]: o for o in data["observations"] if o["source_key"] == "USDA-SR28"}
    assert (obs["k1"]["status"], obs["k1"]["usda_src_cd"]) == ("imputed", "4")
    assert (obs["vitamin_d"]["status"], obs["vitamin_d"]["usda_src_cd"]) == ("assumed_zero", "7")
    assert (obs["calcium"]["status"], obs["calcium"]["usda_src_cd"]) == ("measured", "1")
    mk7 = [o for o in data["observations"] if o["nutrient"] == "mk7"]
    assert mk7 and all(o["usda_src_cd"] is None for o in mk7)


def test_show_table_labels_imputed_and_assumed_zero(capsys):
    code, out, _ = run(capsys, "foods", "show", "natto")
    assert code == 0
    k1_row = next(line for line in out.splitlines() if "K1 (phylloquinone)" in line)
    assert "23.1" in k1_row and "imputed (USDA Src_Cd 4)" in k1_row
    vd_row = next(line for line in out.splitlines() if "vitamin D (D2 + D3)" in line)
    assert "0 (assumed, not measured)" in vd_row and "assumed zero (USDA Src_Cd 7)" in vd_row
    ca_row = next(line for line in out.splitlines() if line.startswith("│ calcium"))
    assert "measured" in ca_row and "Src_Cd" not in ca_row
