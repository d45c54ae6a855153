"""Who needs a trainer's help: three wrong answers in a row on a skill, or a lesson left
unfinished for a week."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

WRONG_IN_A_ROW = 3
STALLED_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class HelpReason:
    kind: str  # "wrong_in_a_row" | "stalled"
    subject: str  # the skill or the lesson
    since: str  # ISO time of the last answer or move


def wrong_in_a_row(answers: Sequence[tuple[str, bool, str]]) -> list[HelpReason]:
    """`answers`: (skill, correct, answered_at), oldest first. A skill whose newest answers are
    WRONG_IN_A_ROW wrong ones is a reason; a right answer since clears it."""
    streak: dict[str, int] = {}
    last: dict[str, str] = {}
    for skill, correct, at in answers:
        streak[skill] = 0 if correct else streak.get(skill, 0) + 1
        last[skill] = at
    return [HelpReason("wrong_in_a_row", s, last[s]) for s, n in sorted(streak.items()) if n >= WRONG_IN_A_ROW]


def stalled_lessons(progress: Iterable[tuple[str, str, str]], now: datetime) -> list[HelpReason]:
    """`progress`: (lesson, status, updated_at ISO). Started but untouched for STALLED_AFTER."""
    reasons = []
    for lesson, status, updated in progress:
        moved = datetime.fromisoformat(updated.replace("Z", "+00:00"))
        if status == "started" and now - moved >= STALLED_AFTER:
            reasons.append(HelpReason("stalled", lesson, updated))
    return reasons
