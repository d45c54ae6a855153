import pytest

from ecom_trainer.assess.gains import cohort_gain, gain_band, normalized_gain


def test_normalized_gain_by_hand():
    assert normalized_gain(40, 70) == pytest.approx(0.5)  # 30 of the 60 points left to gain
    assert normalized_gain(80, 60) == pytest.approx(-1.0)  # a loss is shown, not hidden
    assert normalized_gain(100, 100) is None  # nothing left to gain: undefined
    with pytest.raises(ValueError):
        normalized_gain(-5, 50)


def test_bands():
    assert [gain_band(g) for g in (0.1, 0.3, 0.7, 0.71, None)] == ["low", "medium", "medium", "high", "undefined"]


def test_cohort_reports_both_averages():
    c = cohort_gain([(40, 70), (80, 90), (20, 40)])
    # individual gains 0.5, 0.5, 0.25 -> mean 0.416667
    assert c.mean_of_gains == pytest.approx(0.416667, abs=1e-6)
    # averages 46.667 -> 66.667: g = 20 / 53.333 = 0.375
    assert c.gain_of_means == pytest.approx(0.375)
    assert (c.learners, c.undefined) == (3, 0)
    d = cohort_gain([(100, 100), (50, 75)])
    assert d.undefined == 1 and d.mean_of_gains == pytest.approx(0.5)
    assert cohort_gain([]) is None
