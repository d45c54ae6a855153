"""Learners with known answers for the report tests: quizzes with chosen right answers, and
practice that masters (or does not master) a track's skills. Answers get increasing times, so
their order is the order they were recorded in."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest

from ecom_trainer.assess.mastery import guess_rate
from ecom_trainer.store.attempts import record_attempt
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.learners import add_cohort, add_learner, add_to_cohort
from ecom_trainer.store.progress import test_unit

_clock = count()
START = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (Debian package poppler-utils) is not installed: the PDF's text cannot be read")


def _at() -> str:
    return (START + timedelta(seconds=next(_clock))).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def quiz_length(curriculum, track_id: str, kind: str = "pre_test") -> int:
    return len(curriculum.track(track_id).test(kind))


def take_quiz(conn, curriculum, learner: str, track_id: str, kind: str, right: int | None = None) -> None:
    """Answer the whole quiz: the first `right` questions right (all when None), the others wrong."""
    track = curriculum.track(track_id)
    questions = track.test(kind)
    right = len(questions) if right is None else right
    unit = test_unit(track_id, kind)
    for i, q in enumerate(questions):
        record_attempt(conn, learner_id=learner, track_id=track_id, unit_id=unit, question_id=q.id,
                       kind=kind, answer=None, score=float(i < right), correct=i < right, skills=q.skills,
                       next_position=i + 1, unit_done=i + 1 == len(questions), answered_at=_at(),
                       guess=guess_rate(q))


def practise(conn, curriculum, learner: str, track_id: str, right: bool = True, times: int = 1,
             skip_skill: str | None = None) -> None:
    """Answer every practice question of the track's lessons, `times` over, right or wrong;
    questions on `skip_skill` are answered wrong (that skill stays unmastered)."""
    track = curriculum.track(track_id)
    for _ in range(times):
        for lesson in curriculum.lessons_of(track):
            for i, q in enumerate(lesson.questions):
                ok = right and skip_skill not in q.skills
                record_attempt(conn, learner_id=learner, track_id=track_id, unit_id=lesson.id,
                               question_id=q.id, kind="practice", answer=None, score=float(ok), correct=ok,
                               skills=q.skills, next_position=len(lesson.steps) + i + 1,
                               unit_done=i + 1 == len(lesson.questions), answered_at=_at(),
                               guess=guess_rate(q))


@pytest.fixture
def centre(db, curriculum):
    """The demo centre, plus a cohort of three whose results are known exactly (n questions per
    listing quiz): 周玉兰 (first quiz n // 2 right, final quiz all right, every listing skill
    mastered), 孙大山 (all right twice: gain undefined; then A2 practised wrongly, not mastered),
    吴春梅 (first quiz 2 right, final quiz not taken)."""
    seed_demo(db, curriculum)
    cohort = add_cohort(db, None, "测试班")
    ids = {}
    for name, village in (("周玉兰", "丰店镇"), ("孙大山", "阳平镇"), ("吴春梅", "吕王镇")):
        ids[name] = add_learner(db, name, village, "avatar-peanut")
        add_to_cohort(db, cohort, ids[name])
    n = quiz_length(curriculum, "listing")
    take_quiz(db, curriculum, ids["周玉兰"], "listing", "pre_test", n // 2)
    practise(db, curriculum, ids["周玉兰"], "listing", times=2)
    take_quiz(db, curriculum, ids["周玉兰"], "listing", "post_test")
    take_quiz(db, curriculum, ids["孙大山"], "listing", "pre_test")
    take_quiz(db, curriculum, ids["孙大山"], "listing", "post_test")
    practise(db, curriculum, ids["孙大山"], "listing", skip_skill="A2")  # A2 wrong since
    take_quiz(db, curriculum, ids["吴春梅"], "listing", "pre_test", 2)
    return {"cohort": cohort, **ids}
