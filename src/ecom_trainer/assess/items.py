"""Item statistics for trainers: difficulty and discrimination of each question.

Difficulty p is the share of takers who answered right. Discrimination is the point-biserial
correlation between the item (right = 1) and the rest of the test (the taker's score on the
other items), so an item does not correlate with itself. Shown only from MIN_TAKERS on, and
called tentative below SOLID_TAKERS (CONTENT.md: fewer than about 30 learners).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ecom_trainer.i18n import N_

MIN_TAKERS, SOLID_TAKERS = 10, 30


@dataclass(frozen=True)
class ItemStats:
    item: str
    takers: int
    difficulty: float
    discrimination: float | None  # None when everyone scored alike
    tentative: bool
    flags: tuple[str, ...]


def point_biserial(item: list[int], rest: list[float]) -> float | None:
    n = len(item)
    p = sum(item) / n
    mean = sum(rest) / n
    sd = math.sqrt(sum((r - mean) ** 2 for r in rest) / n)
    if sd == 0 or p in (0.0, 1.0):
        return None
    right = [r for i, r in zip(item, rest, strict=True) if i]
    wrong = [r for i, r in zip(item, rest, strict=True) if not i]
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / sd * math.sqrt(p * (1 - p))


def flags_for(difficulty: float, discrimination: float | None) -> tuple[str, ...]:
    flags = []
    if difficulty < 0.2:
        flags.append(N_("too hard: revise"))
    elif difficulty > 0.8:
        flags.append(N_("too easy: revise"))
    if discrimination is not None:
        if discrimination < 0:
            flags.append(N_("check the answer key"))
        elif discrimination < 0.2:
            flags.append(N_("weak discrimination: revise"))
    return tuple(flags)


def item_statistics(answers: Mapping[str, Mapping[str, bool]]) -> list[ItemStats]:
    """`answers[taker][item]` is True when right. Items with fewer than MIN_TAKERS are left out."""
    items = sorted({item for per_taker in answers.values() for item in per_taker})
    totals = {taker: sum(per_taker.values()) for taker, per_taker in answers.items()}
    result = []
    for item in items:
        takers = [t for t, per_taker in answers.items() if item in per_taker]
        if len(takers) < MIN_TAKERS:
            continue
        marks = [int(answers[t][item]) for t in takers]
        rest = [totals[t] - marks[i] for i, t in enumerate(takers)]
        p = sum(marks) / len(marks)
        r = point_biserial(marks, rest)
        result.append(ItemStats(item, len(takers), p, r, len(takers) < SOLID_TAKERS, flags_for(p, r)))
    return result


def stats_from_sums(item: str, takers: int, right: int, sum_rest: float, sum_rest2: float,
                    sum_right_rest: float) -> ItemStats:
    """The same statistics from running sums (store/summaries.py keeps them per item), so a
    school's dashboard never reads every answer: rest = the taker's score on the other items."""
    p = right / takers if takers else 0.0
    mean = sum_rest / takers if takers else 0.0
    variance = max(0.0, sum_rest2 / takers - mean * mean) if takers else 0.0
    r = None
    if variance > 1e-12 and 0 < right < takers:
        mean_right = sum_right_rest / right
        mean_wrong = (sum_rest - sum_right_rest) / (takers - right)
        r = (mean_right - mean_wrong) / math.sqrt(variance) * math.sqrt(p * (1 - p))
    return ItemStats(item, takers, p, r, takers < SOLID_TAKERS, flags_for(p, r))
