"""Mastery per learner and skill, two ways shown side by side (never fitted to a handful of
learners): a rule a trainer can explain, and Bayesian Knowledge Tracing with hand-set parameters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ecom_trainer.content.model import Curriculum, Question

# Hand-set BKT parameters (Corbett & Anderson's model; values typical of the literature):
P_INIT = 0.2  # the chance a learner already knows a skill before any answer
P_LEARN = 0.15  # the chance of learning it at each practice opportunity
P_SLIP = 0.1  # the chance of a wrong answer although the skill is known
MASTERED_AT = 0.95
RULE_WINDOW, RULE_NEEDED = 5, 3  # "3 of the last 5 correct"
# A hands-on task (a title built from tiles, a price worked out) is seldom right by chance.
PRACTICE_GUESS = 0.1


def guess_rate(question: Question) -> float:
    """The chance of a right answer without the skill: 1 / number of options.

    Types without options get the chance of hitting the one right arrangement or number:
    order and match 1 / n!, numeric a small fixed 0.05, true/false 1/2.
    """
    if question.type == "true_false":
        return 0.5
    if question.type in ("single_choice", "picture_choice", "multiple_choice"):
        return 1 / max(2, len(question.options))
    if question.type == "order":
        return 1 / math.factorial(max(2, len(question.options)))
    if question.type == "match":
        return 1 / math.factorial(max(2, len(question.pairs)))
    return 0.05


def bkt_update(p_known: float, correct: bool, guess: float,
               slip: float = P_SLIP, learn: float = P_LEARN) -> float:
    """One observation: Bayes' rule on the answer, then the chance of learning from the practice."""
    if correct:
        evidence = p_known * (1 - slip) / (p_known * (1 - slip) + (1 - p_known) * guess)
    else:
        evidence = p_known * slip / (p_known * slip + (1 - p_known) * (1 - guess))
    return evidence + (1 - evidence) * learn


def bkt_probability(observations: Iterable[tuple[bool, float]], p_init: float = P_INIT) -> float:
    """P(skill known) after a learner's answers, oldest first, as (correct, guess rate)."""
    p = p_init
    for correct, guess in observations:
        p = bkt_update(p, correct, guess)
    return p


@dataclass(frozen=True)
class Mastery:
    skill: str
    answers: int
    recent_right: int  # right answers among the last RULE_WINDOW
    recent_total: int
    rule_mastered: bool
    probability: float

    @property
    def bkt_mastered(self) -> bool:
        return self.probability >= MASTERED_AT


def skill_mastery(skill: str, observations: Sequence[tuple[bool, float]]) -> Mastery:
    """Both measures for one learner and skill, from the answers oldest first."""
    recent = [correct for correct, _ in observations[-RULE_WINDOW:]]
    right = sum(recent)
    return Mastery(skill, len(observations), right, len(recent), right >= RULE_NEEDED,
                   bkt_probability(observations))


def guess_lookup(curriculum: Curriculum) -> Callable[[str, str], float]:
    """guess_of(unit_id, question_id) for every question of the curriculum, tests included
    (unit "<track>#pre_test") and hands-on tasks (unit "practice:<task>"); a question no longer
    in the lessons counts as four options."""
    table: dict[tuple[str, str], float] = {}
    for track in curriculum.tracks:
        for kind, questions in (("pre_test", track.pre_test), ("post_test", track.post_test)):
            for q in questions:
                table[(f"{track.id}#{kind}", q.id)] = guess_rate(q)
    for lesson in curriculum.lessons.values():
        for q in lesson.questions:
            table[(lesson.id, q.id)] = guess_rate(q)
    return lambda unit, question: table.get(
        (unit, question), PRACTICE_GUESS if unit.startswith("practice:") else 0.25)
