"""Answers are events: appended once, never changed (a trigger refuses UPDATE and DELETE)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from ecom_trainer.store.db import PERSON, new_id, now, transaction
from ecom_trainer.store.device import device_id
from ecom_trainer.store.progress import save_position
from ecom_trainer.store.summaries import after_answer

KINDS = ("practice", "pre_test", "post_test")
# json.dumps(..., ensure_ascii=False) builds a new encoder on every call; one made once is reused.
_to_json = json.JSONEncoder(ensure_ascii=False).encode
_skills_text: dict[tuple[str, ...], str] = {}  # a question's skills as JSON, made once per question


@dataclass(frozen=True)
class Attempt:
    id: str
    learner_id: str
    track_id: str
    lesson_id: str
    question_id: str
    kind: str
    answer: object
    score: float
    correct: bool
    skills: tuple[str, ...]
    answered_at: str


def record_attempt(
    conn: sqlite3.Connection, *, learner_id: str, track_id: str, unit_id: str, question_id: str,
    kind: str, answer: object, score: float, correct: bool, skills: tuple[str, ...] | list[str],
    started_at: str | None = None, next_position: int | None = None, unit_done: bool = False,
    answered_at: str | None = None, guess: float | None = None, device: str | None = None,
) -> str:
    """Store one answer and move the learner's position, in one durable transaction.

    When this returns, the answer is on disk (WAL + synchronous=FULL): the caller may tell the
    learner it is saved. `answered_at` defaults to now (an earlier time: answers given elsewhere).
    `unit_id` is the lesson id, or "<track>#pre_test" for tests. `guess` is the question's guess
    rate (assess.mastery.guess_rate) for the dashboard's summaries; without it they are rebuilt later.
    `device` is this PC's id (store.device.device_id), when the caller already knows it.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not 0.0 <= score <= 1.0:
        raise ValueError(f"score must be within [0, 1], not {score}")
    return store_answer(conn, learner_id, track_id, unit_id, question_id, kind, answer, score, bool(correct),
                        tuple(skills), started_at, next_position, unit_done, answered_at, guess,
                        device or device_id(conn))


def store_answer(conn: sqlite3.Connection, learner_id: str, track_id: str, unit_id: str, question_id: str,
                 kind: str, answer: object, score: float, correct: bool, skills: tuple[str, ...],
                 started_at: str | None, next_position: int | None, unit_done: bool,
                 answered_at: str | None, guess: float | None, device: str) -> str:
    """record_attempt for a caller that has checked its values (the learner session, at every
    tap). Positional: keyword arguments, a dataclass and a helper per statement cost ~20 us per
    answer right after the previous answer's disk flush (measured against the same statements
    sent from a bare loop); see summaries.after_answer."""
    attempt_id = new_id()
    stamp = answered_at or now()
    with transaction(conn):
        conn.execute(
            "INSERT INTO attempts (id, learner_id, track_id, lesson_id, question_id, kind, answer, "
            "score, correct, skills, started_at, answered_at, device_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (attempt_id, learner_id, track_id, unit_id, question_id, kind,
             _to_json(answer), score, int(correct), _skills_json(skills), started_at or stamp, stamp, device),
        )
        if next_position is not None:
            save_position(conn, learner_id, unit_id, next_position, unit_done, stamp)
        after_answer(conn, learner_id, unit_id, kind, skills, correct, stamp, guess,
                     unit_done and next_position is not None)
    return attempt_id


def _skills_json(skills: tuple[str, ...]) -> str:
    text = _skills_text.get(skills)
    if text is None:
        text = _skills_text[skills] = _to_json(list(skills))
    return text


def attempts_of(conn: sqlite3.Connection, learner_id: str, lesson_id: str | None = None) -> list[Attempt]:
    sql = (PERSON + " SELECT id, learner_id, track_id, lesson_id, question_id, kind, answer, score, "
           "correct, skills, answered_at FROM attempts WHERE learner_id IN (SELECT id FROM person)")
    args: list[object] = [learner_id]
    if lesson_id is not None:
        sql += " AND lesson_id = ?"
        args.append(lesson_id)
    return [
        Attempt(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], bool(r[8]),
                tuple(json.loads(r[9] or "[]")), r[10])
        for r in conn.execute(sql + " ORDER BY answered_at, id", args)
    ]


def lesson_summary(conn: sqlite3.Connection, learner_id: str) -> list[tuple[str, str, int, int]]:
    """Per unit: (kind, lesson or test id, answers, correct answers) for the trainer overview."""
    return [tuple(r) for r in conn.execute(
        PERSON + " SELECT kind, lesson_id, COUNT(*), SUM(correct) FROM attempts "
        "WHERE learner_id IN (SELECT id FROM person) "
        "GROUP BY kind, lesson_id ORDER BY MIN(answered_at)", (learner_id,))]
