import pytest

from ecom_trainer.assess.items import flags_for, item_statistics, point_biserial


def test_point_biserial_by_hand():
    # item right for the three strongest: p = 0.6; rest scores 4,3,3,1,1: mean 2.4, sd 1.2
    # M1 = 10/3, M0 = 1: r = (3.3333 - 1) / 1.2 * sqrt(0.24) = 0.952579
    assert point_biserial([1, 1, 1, 0, 0], [4, 3, 3, 1, 1]) == pytest.approx(0.952579, abs=1e-6)
    assert point_biserial([1, 1, 1], [2, 3, 4]) is None  # everyone right: no information


def test_flags_follow_content_md():
    assert flags_for(0.5, 0.4) == ()
    assert flags_for(0.1, 0.4) == ("too hard: revise",)
    assert flags_for(0.9, 0.1) == ("too easy: revise", "weak discrimination: revise")
    assert flags_for(0.5, -0.3) == ("check the answer key",)


def takers(n, strong_answer=True):
    # the first half know everything, the rest nothing; "key" is answered right by the weak half
    answers = {}
    for t in range(n):
        strong = t < n // 2
        answers[f"t{t}"] = {"q1": strong, "q2": strong, "key": (not strong) if strong_answer else strong}
    return answers


def test_item_statistics_thresholds_and_a_wrong_key():
    assert item_statistics(takers(9)) == []  # fewer than 10 takers: not shown
    stats = {s.item: s for s in item_statistics(takers(12))}
    assert stats["q1"].difficulty == 0.5 and stats["q1"].tentative  # under 30: tentative
    assert stats["key"].discrimination < 0 and "check the answer key" in stats["key"].flags
    assert not {s.item: s for s in item_statistics(takers(30))}["q1"].tentative


def test_identical_totals_give_no_discrimination_in_both_forms():
    from ecom_trainer.assess.items import stats_from_sums

    # half right, half wrong, but every taker has the same score on the other items: sd = 0
    assert point_biserial([1, 0, 1, 0], [2, 2, 2, 2]) is None
    s = stats_from_sums("q", takers=4, right=2, sum_rest=8, sum_rest2=16, sum_right_rest=4)
    assert s.difficulty == 0.5 and s.discrimination is None and "check the answer key" not in s.flags
