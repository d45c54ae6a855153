"""The demo centre `make run` starts with: a cohort of learners and some answers already given,
so a trainer sees something on the first day. Deterministic (fixed seed)."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta

from ecom_trainer.assess.mastery import guess_rate
from ecom_trainer.assess.scoring import is_correct, score
from ecom_trainer.content.model import Curriculum, Question
from ecom_trainer.store.attempts import record_attempt
from ecom_trainer.store.centre import centre_id, is_set_up, set_up_centre
from ecom_trainer.store.learners import add_cohort, add_learner, add_to_cohort
from ecom_trainer.store.progress import save_position, test_unit

DEMO_PIN = "2468"
DEMO_CENTRE = "大悟县电商培训中心 (Dawu County e-commerce training centre)"
DEMO_LEARNERS = [
    ("王秀英", "芳畈镇", "avatar-peanut"),
    ("李建国", "宣化店镇", "avatar-chestnut"),
    ("张桂兰", "新城镇", "avatar-tea-leaf"),
    ("刘德明", "三里城镇", "avatar-ox"),
    ("陈翠花", "黄站镇", "avatar-camellia"),
    ("赵长顺", "河口镇", "avatar-rooster"),
]


def _plausible_answer(q: Question, rng: random.Random, skill: float) -> object:
    """The right answer with probability `skill`, otherwise a wrong one of the right shape."""
    right = rng.random() < skill
    if q.type in ("single_choice", "picture_choice"):
        wrong = [o.id for o in q.options if o.id != q.answer]
        return q.answer if right or not wrong else rng.choice(wrong)
    if q.type == "multiple_choice":
        return list(q.answer) if right else [q.options[0].id]  # type: ignore[arg-type]
    if q.type == "true_false":
        return q.answer if right else not q.answer
    if q.type == "order":
        items = list(q.answer)  # type: ignore[arg-type]
        if not right:
            items[0], items[1] = items[1], items[0]
        return items
    if q.type == "numeric":
        return float(q.answer) if right else float(q.answer) + 1  # type: ignore[arg-type]
    if q.type == "match":
        ids = [a.id for a, _ in q.pairs]
        return {i: i for i in ids} if right else {i: ids[(n + 1) % len(ids)] for n, i in enumerate(ids)}
    return None


def _answer(conn: sqlite3.Connection, rng: random.Random, learner: str, clock: list[datetime],
            track_id: str, unit: str, kind: str, q: Question, skill: float, position: int, done: bool) -> None:
    given = _plausible_answer(q, rng, skill)
    value = score(q, given)
    clock[0] += timedelta(seconds=rng.randint(30, 90))
    record_attempt(conn, learner_id=learner, track_id=track_id, unit_id=unit, question_id=q.id,
                   kind=kind, answer=given, score=value, correct=is_correct(value), skills=q.skills,
                   next_position=position, unit_done=done, guess=guess_rate(q),
                   answered_at=clock[0].isoformat(timespec="milliseconds").replace("+00:00", "Z"))


def seed_demo(conn: sqlite3.Connection, curriculum: Curriculum) -> None:
    """Fill an empty database with the demo centre. Does nothing when a centre exists."""
    if is_set_up(conn):
        return
    set_up_centre(conn, DEMO_CENTRE, DEMO_PIN, trainer_name="Demo trainer")
    cohort = add_cohort(conn, centre_id(conn), "2026 秋季班 (autumn 2026)")
    rng = random.Random(2021)
    # Answers over the last three weeks, a training day every few days: the dashboard's
    # activity charts then show a course under way.
    began = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=21)
    for n, (name, village, avatar) in enumerate(DEMO_LEARNERS):
        learner = add_learner(conn, name, village, avatar)
        add_to_cohort(conn, cohort, learner)
        if n >= 4:
            continue  # two learners have not started: the trainer sees them as new
        clock = [began + timedelta(hours=n)]

        for track in curriculum.tracks[: 2 if n < 2 else 1]:
            # the first two learners finish the first track, final quiz included; the others are under way
            lessons = curriculum.lessons_of(track)[: len(track.lesson_ids) if n < 2 and track is
                                                   curriculum.tracks[0] else 1]
            for i, q in enumerate(track.pre_test):
                _answer(conn, rng, learner, clock, track.id, test_unit(track.id, "pre_test"), "pre_test", q, 0.4, i + 1,
                       i + 1 == len(track.pre_test))
            for number, lesson in enumerate(lessons):
                clock[0] += timedelta(days=rng.randint(1, 3) if number % 2 else 0)
                offset = len(lesson.steps)
                save_position(conn, learner, lesson.id, offset)
                for i, q in enumerate(lesson.questions):
                    _answer(conn, rng, learner, clock, track.id, lesson.id, "practice", q, 0.6 + 0.04 * number, offset + i + 1,
                           i + 1 == len(lesson.questions))
            if len(lessons) == len(track.lesson_ids):
                clock[0] += timedelta(days=1)
                for i, q in enumerate(track.post_test):
                    _answer(conn, rng, learner, clock, track.id, test_unit(track.id, "post_test"), "post_test", q, 0.8, i + 1,
                           i + 1 == len(track.post_test))
