"""Pure scoring: (question, the answer given) -> a score in [0, 1].

The answer given has the shape the quiz screen records (and the database stores as JSON):
  single_choice, picture_choice: an option id      multiple_choice: a list of option ids
  true_false: a bool                               numeric: a number
  order: the item ids in the learner's order       match: {left pair id: right pair id}
A malformed answer scores 0: it is never the learner's fault that a widget sent nonsense, but a
score must never be invented either.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ecom_trainer.content.model import Question

FULL = 1.0


def score_single(q: Question, given: object) -> float:
    return FULL if isinstance(given, str) and given == q.answer else 0.0


def score_multiple(q: Question, given: object) -> float:
    """Partial credit: (right picks - wrong picks) / number of right options, floored at 0.
    Ticking everything therefore earns nothing more than the guessing it is."""
    if not isinstance(given, list | tuple) or not all(isinstance(g, str) for g in given):
        return 0.0
    right = set(q.answer)  # type: ignore[arg-type]
    picked = set(given)
    hits = len(picked & right)
    wrong = len(picked - right)
    return max(0.0, (hits - wrong) / len(right))


def score_true_false(q: Question, given: object) -> float:
    return FULL if isinstance(given, bool) and given is q.answer else 0.0


def score_order(q: Question, given: object) -> float:
    """Share of item pairs in the right relative order (1 - normalised Kendall tau distance)."""
    expected = list(q.answer)  # type: ignore[arg-type]
    if not isinstance(given, list | tuple) or sorted(map(str, given)) != sorted(expected):
        return 0.0
    position = {item: i for i, item in enumerate(given)}
    n = len(expected)
    pairs = n * (n - 1) // 2
    in_order = sum(
        1 for i in range(n) for j in range(i + 1, n) if position[expected[i]] < position[expected[j]]
    )
    return in_order / pairs if pairs else FULL


def score_numeric(q: Question, given: object) -> float:
    if isinstance(given, bool) or not isinstance(given, int | float) or not math.isfinite(given):
        return 0.0
    # A small epsilon so that 0.1 + 0.2 style float noise never marks a right answer wrong.
    return FULL if abs(float(given) - float(q.answer)) <= q.tolerance + 1e-9 else 0.0  # type: ignore[arg-type]


def score_match(q: Question, given: object) -> float:
    if not isinstance(given, dict) or not q.pairs:
        return 0.0
    right = sum(1 for left, _ in q.pairs if given.get(left.id) == left.id)
    return right / len(q.pairs)


SCORERS: dict[str, Callable[[Question, object], float]] = {
    "single_choice": score_single,
    "picture_choice": score_single,
    "multiple_choice": score_multiple,
    "true_false": score_true_false,
    "order": score_order,
    "numeric": score_numeric,
    "match": score_match,
}


def score(q: Question, given: object) -> float:
    return SCORERS[q.type](q, given)


def is_correct(value: float) -> bool:
    return value >= FULL - 1e-9
