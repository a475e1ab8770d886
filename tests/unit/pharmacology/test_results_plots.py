import json

import matplotlib
import numpy as np

from vitk.pharmacology import plots
from vitk.pharmacology.simulate import simulate_carboxylation, simulate_inr, simulate_pk

matplotlib.use("Agg")


def test_pk_to_dict_is_json_and_thinned():
    res = simulate_pk("K1", 1000.0, days=4)
    d = json.loads(json.dumps(res.to_dict(max_points=50)))
    assert len(d["time_series"]["t_h"]) <= 50
    assert d["summary"]["tmax_h"] == res.summary["tmax_h"]


def test_inr_plot_has_target_band_and_disclaimer(tmp_path):
    fig = simulate_inr("MK-7", 45.0, every="24h", days=14).plot()
    ax = fig.axes[0]
    assert "illustration, not dosing advice" in ax.get_title()
    assert any("target" in t.get_text() for t in ax.get_legend().get_texts())
    fig.savefig(tmp_path / "inr.svg")
    assert (tmp_path / "inr.svg").stat().st_size > 1000


def test_forms_plot_draws_three_forms_and_accumulation_plot_marks_trough():
    fig = plots.plot_forms_same_dose(
        [simulate_pk(form, 420.0, days=3.0) for form in ("K1", "MK-4", "MK-7")]
    )
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert labels == ["K1", "MK-4", "MK-7"]
    mk7 = fig.axes[0].get_lines()[2].get_ydata()
    mk4 = fig.axes[0].get_lines()[1].get_ydata()
    assert np.max(mk7) > 10 * np.max(mk4)
    fig2 = plots.plot_accumulation(simulate_pk("MK-7", 180.0, every="24h", days=28, dt_h=0.5))
    assert any("steady-state" in t.get_text() for t in fig2.axes[0].get_legend().get_texts())


def test_carboxylation_frame_and_cohort_plot():
    res = simulate_carboxylation("MK-7", 180.0, every="24h", days=28, subjects=20, seed=2)
    frame = res.to_frame()
    assert frame["ucoc_median"].iloc[-1] < 1.0
    assert len(res.plot().axes[0].collections) >= 2


def test_legends_and_labels_use_words_not_field_names():
    from vitk.pharmacology.labels import series_label, summary_label

    assert series_label("mk7_nmol_per_l") == "MK-7 in serum, nmol/L"
    assert series_label("k1_ng_per_ml") == "K1 in serum, ng/mL"
    assert summary_label("mk7_cmax_nmol_per_l") == "MK-7: peak in serum, nmol/L"
    fig = simulate_pk("MK-7", 180.0, every="24h", days=3, subjects=10, seed=1).plot()
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "MK-7 in serum, nmol/L, median" in texts
    assert not any("_" in t for t in texts)
