"""Leitner review ("Practice again"): questions a learner got wrong come back later, spaced over
training days, never as punishment. Derived from the answers alone: nothing extra is stored, so
merging PCs (a union of answers) merges the review state too.

A wrong practice answer puts a question in box 1; each right answer moves it up a box, each wrong
one back to box 1; after box 4 it is learned. A question in box k is due INTERVALS[k] training
days (days this learner answered anything) after its last answer. Test items never enter: the
pre- and post-tests must stay a fair measure.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

INTERVALS = {1: 1, 2: 2, 3: 4, 4: 8}
LEARNED = 5

Key = tuple[str, str]  # (lesson id, question id)


def leitner_boxes(history: Iterable[tuple[Key, bool, date]]) -> dict[Key, tuple[int, date]]:
    """(box, day of the last answer) of every question ever answered wrong; history oldest first."""
    state: dict[Key, tuple[int, date]] = {}
    for key, correct, day in history:
        if key not in state:
            if not correct:
                state[key] = (1, day)
            continue
        box = state[key][0]
        state[key] = (min(box + 1, LEARNED) if correct else 1, day)
    return state


def due_for_review(history: list[tuple[Key, bool, date]], today: date) -> list[Key]:
    """The questions to practise again today, lowest box (least known) first."""
    state = leitner_boxes(history)
    days = sorted({day for _, _, day in history} | {today})
    index = {day: i for i, day in enumerate(days)}
    due = [(box, key) for key, (box, last) in state.items()
           if box < LEARNED and index[today] - index[last] >= INTERVALS[box]]
    return [key for _, key in sorted(due)]
