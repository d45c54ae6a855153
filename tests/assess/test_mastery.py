import math

import pytest

from ecom_trainer.assess.mastery import bkt_probability, bkt_update, guess_rate, skill_mastery
from ecom_trainer.content.model import Choice, Question


def test_bkt_update_by_hand():
    # right answer, P(L)=0.2, guess 0.25, slip 0.1:
    # evidence = 0.2*0.9 / (0.2*0.9 + 0.8*0.25) = 0.18 / 0.38 = 0.473684
    # then learning: 0.473684 + 0.526316 * 0.15 = 0.552632
    assert bkt_update(0.2, True, 0.25) == pytest.approx(0.552632, abs=1e-6)
    # wrong answer: 0.02 / (0.02 + 0.8*0.75) = 0.032258; + 0.967742 * 0.15 = 0.177419
    assert bkt_update(0.2, False, 0.25) == pytest.approx(0.177419, abs=1e-6)


def test_bkt_needs_several_right_answers_to_reach_mastery():
    assert bkt_probability([]) == pytest.approx(0.2)
    # four options: 0.2 -> 0.553 -> 0.844 -> 0.958 (mastered at the third right answer)
    p2 = bkt_probability([(True, 0.25)] * 2)
    p3 = bkt_probability([(True, 0.25)] * 3)
    assert p2 == pytest.approx(0.844, abs=1e-3) and p2 < 0.95 <= p3
    # lucky guesses on true/false count for less: three right answers are not yet mastery
    assert bkt_probability([(True, 0.5)] * 3) < 0.95
    # one slip after mastery does not undo it all
    assert bkt_probability([(True, 0.25)] * 4 + [(False, 0.25)]) > 0.5


def test_rule_and_probability_side_by_side():
    obs = [(False, 0.25), (True, 0.25), (True, 0.25), (False, 0.25), (True, 0.25)]
    m = skill_mastery("A1", obs)
    assert (m.answers, m.recent_right, m.recent_total, m.rule_mastered) == (5, 3, 5, True)
    assert not m.bkt_mastered  # the two measures can disagree; both are shown
    old_mistakes = [(False, 0.25)] * 4 + [(True, 0.25)] * 3
    assert skill_mastery("A1", old_mistakes).recent_right == 3  # only the last five count
    assert not skill_mastery("A1", [(True, 0.25)] * 2).rule_mastered


def test_guess_rate_is_one_over_the_options():
    opts = tuple(Choice(c, c) for c in "abcd")
    base = dict(id="q", prompt="p", skills=("A1",), explanation="e")
    assert guess_rate(Question(type="single_choice", options=opts, answer="a", **base)) == 0.25
    assert guess_rate(Question(type="true_false", answer=True, **base)) == 0.5
    assert guess_rate(Question(type="order", options=opts[:3], **base)) == pytest.approx(1 / 6)
    assert guess_rate(Question(type="numeric", answer=1, unit="kg", **base)) == 0.05
    pairs = tuple((Choice(str(i), "l"), Choice(str(i), "r")) for i in range(4))
    assert guess_rate(Question(type="match", pairs=pairs, **base)) == pytest.approx(1 / math.factorial(4))
