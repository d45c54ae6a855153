"""Learning gains from the pre-test to the post-test (Hake's normalized gain).

g = (post - pre) / (100 - pre), scores in percent; undefined (None) when pre = 100, because
there was nothing left to gain. CONTENT.md: below 0.3 low, 0.3-0.7 medium, above 0.7 high.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def normalized_gain(pre: float, post: float) -> float | None:
    if not (0 <= pre <= 100 and 0 <= post <= 100):
        raise ValueError(f"scores are percentages: pre={pre}, post={post}")
    if pre >= 100:
        return None
    return (post - pre) / (100 - pre)


def gain_band(g: float | None) -> str:
    if g is None:
        return "undefined"
    return "low" if g < 0.3 else ("medium" if g <= 0.7 else "high")


@dataclass(frozen=True)
class CohortGain:
    learners: int  # with both tests
    mean_pre: float
    mean_post: float
    gain_of_means: float | None  # Hake's original: g of the cohort's average scores
    mean_of_gains: float | None  # the average of individual gains (pre = 100 left out)
    undefined: int  # learners left out of mean_of_gains because their pre-test was 100


def cohort_gain(pairs: Sequence[tuple[float, float]]) -> CohortGain | None:
    """Both averages, so a trainer can say which one a report uses. None without any pair."""
    if not pairs:
        return None
    pre = sum(p for p, _ in pairs) / len(pairs)
    post = sum(q for _, q in pairs) / len(pairs)
    gains = [normalized_gain(p, q) for p, q in pairs]
    defined = [g for g in gains if g is not None]
    return CohortGain(len(pairs), pre, post, normalized_gain(pre, post),
                      sum(defined) / len(defined) if defined else None, len(gains) - len(defined))
