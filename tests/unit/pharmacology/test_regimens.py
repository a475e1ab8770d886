import numpy as np
import pytest

from vitk.errors import InputError
from vitk.pharmacology import regimens as R


def test_daily_regimen_has_one_dose_per_day_and_is_regular():
    reg = R.daily("MK-7", 180.0, days=28)
    assert reg.tau_h == 24.0
    np.testing.assert_allclose(reg.times_h(), 24.0 * np.arange(28))
    assert reg.forms == ("mk7",)


def test_three_per_week_uses_days_0_2_4():
    reg = R.from_options("K1", 100.0, every="3/week", days=14)
    np.testing.assert_allclose(reg.times_h() / 24.0, [0, 2, 4, 7, 9, 11])
    assert reg.tau_h is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h", ("interval", 24.0)),
        ("12 h", ("interval", 12.0)),
        ("2d", ("interval", 48.0)),
        ("3/week", ("per_week", 3.0)),
    ],
)
def test_parse_every(text, expected):
    assert R.parse_every(text) == expected


@pytest.mark.parametrize("text", ["daily", "0h", "3/month", ""])
def test_parse_every_rejects_bad_text(text):
    with pytest.raises(InputError):
        R.parse_every(text)


def test_irregular_sorts_and_mixes_forms():
    reg = R.irregular([(48.0, "MK-7", 90.0), (0.0, "K1", 100.0)])
    assert [d.form for d in reg.doses] == ["k1", "mk7"]
    assert reg.forms == ("k1", "mk7")


@pytest.mark.parametrize("dose", [(-1.0, "K1", 10.0), (0.0, "K1", -10.0), (0.0, "MK-9", 1.0)])
def test_irregular_rejects_bad_doses(dose):
    with pytest.raises(InputError):
        R.irregular([dose])
