import math

import pytest

from ecom_trainer.assess.scoring import is_correct, score
from ecom_trainer.content.model import Choice, Question


def q(qtype, **kw):
    return Question(id="q", type=qtype, prompt="p", skills=("A1",), explanation="e", **kw)


OPTS = tuple(Choice(i, i.upper()) for i in "abcd")
single = q("single_choice", options=OPTS, answer="b")
multi = q("multiple_choice", options=OPTS, answer=("a", "c"))
tf = q("true_false", answer=False)
order = q("order", options=tuple(Choice(i, i) for i in "wxyz"), answer=("w", "x", "y", "z"))
numeric = q("numeric", answer=14.0, tolerance=0.5, unit="yuan")
exact = q("numeric", answer=0.3, unit="kg")
match = q("match", pairs=tuple((Choice(str(i), f"L{i}"), Choice(str(i), f"R{i}")) for i in range(4)))


@pytest.mark.parametrize("given, expected", [("b", 1), ("a", 0), (None, 0), (["b"], 0), (1, 0)])
def test_single_choice(given, expected):
    assert score(single, given) == expected


@pytest.mark.parametrize("given, expected", [
    (["a", "c"], 1.0),           # exactly right
    (["c", "a"], 1.0),           # order does not matter
    (["a"], 0.5),                # half the right options
    (["a", "b"], 0.0),           # one right, one wrong cancel out
    (["a", "c", "b"], 0.5),      # all right plus one wrong
    (["a", "b", "c", "d"], 0.0), # ticking everything earns nothing
    ([], 0.0),
    (["b", "d"], 0.0),           # never below zero
    ("a", 0.0), (None, 0.0), ([1, 2], 0.0),
])
def test_multiple_choice_partial_credit(given, expected):
    assert score(multi, given) == pytest.approx(expected)


@pytest.mark.parametrize("given, expected", [(False, 1), (True, 0), (0, 0), ("false", 0), (None, 0)])
def test_true_false_needs_a_real_bool(given, expected):
    assert score(tf, given) == expected


@pytest.mark.parametrize("given, expected", [
    (["w", "x", "y", "z"], 1.0),
    (["z", "y", "x", "w"], 0.0),       # fully reversed: no pair in order
    (["x", "w", "y", "z"], 5 / 6),     # one adjacent swap breaks one of six pairs
    (["w", "x", "z", "y"], 5 / 6),
    (["w", "x", "y"], 0.0),            # an item missing
    (["w", "x", "y", "y"], 0.0),       # an item twice
    (["w", "x", "y", "q"], 0.0),       # an unknown item
    (None, 0.0),
])
def test_order_scores_pairs_in_order(given, expected):
    assert score(order, given) == pytest.approx(expected)


@pytest.mark.parametrize("given, expected", [
    (14, 1), (14.5, 1), (13.5, 1), (14.51, 0), (13.4, 0), (True, 0), ("14", 0), (math.nan, 0),
    (math.inf, 0), (None, 0),
])
def test_numeric_with_tolerance(given, expected):
    assert score(numeric, given) == expected


def test_numeric_float_noise_is_not_a_mistake():
    assert score(exact, 0.1 + 0.2) == 1
    assert score(exact, 0.31) == 0


@pytest.mark.parametrize("given, expected", [
    ({"0": "0", "1": "1", "2": "2", "3": "3"}, 1.0),
    ({"0": "1", "1": "0", "2": "2", "3": "3"}, 0.5),
    ({"0": "0"}, 0.25),
    ({}, 0.0), (None, 0.0), ([("0", "0")], 0.0),
])
def test_match_share_of_pairs(given, expected):
    assert score(match, given) == pytest.approx(expected)


@pytest.mark.parametrize("question", [single, multi, tf, order, numeric, match])
def test_every_score_is_within_zero_and_one(question):
    for given in (None, "a", ["a", "b", "c", "d", "a"], {"x": "y"}, -1e9, 1e9, True):
        assert 0.0 <= score(question, given) <= 1.0


def test_correct_means_full_score():
    assert is_correct(1.0) and is_correct(1 - 1e-12)
    assert not is_correct(5 / 6)
