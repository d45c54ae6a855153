"""Where each learner is: the exact step of a lesson or question of a test, to resume there.

A unit is a lesson id, or "<track id>#pre_test" / "<track id>#post_test" for a test.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ecom_trainer.store.db import now

STARTED, DONE = "started", "done"


def test_unit(track_id: str, kind: str) -> str:
    return f"{track_id}#{kind}"


@dataclass(frozen=True)
class Progress:
    unit_id: str
    position: int
    status: str
    updated_at: str


def save_position(conn: sqlite3.Connection, learner_id: str, unit_id: str, position: int,
                  done: bool = False) -> None:
    """Upsert the position; the caller decides the transaction (so an answer and the position
    move together), or, called outside one, the statement is its own durable transaction."""
    stamp = now()
    conn.execute(
        "INSERT INTO progress (learner_id, unit_id, position, status, updated_at, completed_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(learner_id, unit_id) DO UPDATE SET "
        "position = excluded.position, updated_at = excluded.updated_at, "
        # once done, a unit stays done even when the learner goes through it again
        "status = CASE WHEN progress.status = 'done' THEN 'done' ELSE excluded.status END, "
        "completed_at = COALESCE(progress.completed_at, excluded.completed_at)",
        (learner_id, unit_id, position, DONE if done else STARTED, stamp, stamp if done else None),
    )


def get_progress(conn: sqlite3.Connection, learner_id: str, unit_id: str) -> Progress | None:
    row = conn.execute(
        "SELECT unit_id, position, status, updated_at FROM progress "
        "WHERE learner_id = ? AND unit_id = ?", (learner_id, unit_id)).fetchone()
    return Progress(*row) if row else None


def all_progress(conn: sqlite3.Connection, learner_id: str) -> dict[str, Progress]:
    rows = conn.execute(
        "SELECT unit_id, position, status, updated_at FROM progress WHERE learner_id = ?",
        (learner_id,))
    return {r[0]: Progress(*r) for r in rows}


def last_unfinished(conn: sqlite3.Connection, learner_id: str) -> Progress | None:
    """The unit to offer as "continue where you left off"."""
    row = conn.execute(
        "SELECT unit_id, position, status, updated_at FROM progress "
        "WHERE learner_id = ? AND status = 'started' ORDER BY updated_at DESC LIMIT 1",
        (learner_id,)).fetchone()
    return Progress(*row) if row else None
