"""The demo centre `make run` starts with: a cohort of learners and some answers already given,
so a trainer sees something on the first day. Deterministic (fixed seed)."""

from __future__ import annotations

import random
import sqlite3

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


def seed_demo(conn: sqlite3.Connection, curriculum: Curriculum) -> None:
    """Fill an empty database with the demo centre. Does nothing when a centre exists."""
    if is_set_up(conn):
        return
    set_up_centre(conn, DEMO_CENTRE, DEMO_PIN, trainer_name="Demo trainer")
    cohort = add_cohort(conn, centre_id(conn), "2026 秋季班 (autumn 2026)")
    rng = random.Random(2021)
    for n, (name, village, avatar) in enumerate(DEMO_LEARNERS):
        learner = add_learner(conn, name, village, avatar)
        add_to_cohort(conn, cohort, learner)
        if n >= 4:
            continue  # two learners have not started: the trainer sees them as new
        for track in curriculum.tracks[: 2 if n < 2 else 1]:
            unit = test_unit(track.id, "pre_test")
            for i, q in enumerate(track.pre_test):
                given = _plausible_answer(q, rng, 0.4)
                value = score(q, given)
                record_attempt(conn, learner_id=learner, track_id=track.id, unit_id=unit,
                               question_id=q.id, kind="pre_test", answer=given, score=value,
                               correct=is_correct(value), skills=q.skills, next_position=i + 1,
                               unit_done=i + 1 == len(track.pre_test))
            for lesson in curriculum.lessons_of(track)[:1]:
                offset = len(lesson.steps)
                save_position(conn, learner, lesson.id, offset)
                for i, q in enumerate(lesson.questions):
                    given = _plausible_answer(q, rng, 0.7)
                    value = score(q, given)
                    record_attempt(conn, learner_id=learner, track_id=track.id, unit_id=lesson.id,
                                   question_id=q.id, kind="practice", answer=given, score=value,
                                   correct=is_correct(value), skills=q.skills,
                                   next_position=offset + i + 1,
                                   unit_done=i + 1 == len(lesson.questions))
