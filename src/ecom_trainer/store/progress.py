"""Where each learner is: the exact step of a lesson or question of a test, to resume there.

A unit is a lesson id, or "<track id>#pre_test" / "<track id>#post_test" for a test.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ecom_trainer.store.db import PERSON, now

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
                  done: bool = False, at: str | None = None) -> None:
    """Upsert the position; the caller decides the transaction (so an answer and the position
    move together), or, called outside one, the statement is its own durable transaction.
    `at` is the time of the answer that moved it (default: now)."""
    stamp = at or now()
    # Status and completion are assigned only when the unit is done: SQLite rewrites an index entry
    # whenever its column is assigned, even to the same value, so moving the place touches the row
    # alone and not the index on status. Once done, a unit stays done when gone through again.
    # An UPDATE first: the place usually exists, and a plain update costs ~12 us less per answer
    # than an upsert (which tries the insert, checks its constraints, then updates).
    if done:
        moved = conn.execute("UPDATE progress SET position = ?, updated_at = ?, status = 'done', "
                             "completed_at = COALESCE(completed_at, ?) WHERE learner_id = ? AND unit_id = ?",
                             (position, stamp, stamp, learner_id, unit_id))
    else:
        moved = conn.execute("UPDATE progress SET position = ?, updated_at = ? WHERE learner_id = ? AND unit_id = ?",
                             (position, stamp, learner_id, unit_id))
    if moved.rowcount:
        return
    change = "position = excluded.position, updated_at = excluded.updated_at"
    if done:
        change += ", status = 'done', completed_at = COALESCE(progress.completed_at, excluded.completed_at)"
    conn.execute(
        "INSERT INTO progress (learner_id, unit_id, position, status, updated_at, completed_at) "
        f"VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(learner_id, unit_id) DO UPDATE SET {change}",
        (learner_id, unit_id, position, DONE if done else STARTED, stamp, stamp if done else None),
    )


def all_progress(conn: sqlite3.Connection, learner_id: str) -> dict[str, Progress]:
    """Per unit, where this person is; for a person joined from two PCs, the newest place, and
    done when it was done on either."""
    found: dict[str, Progress] = {}
    done: set[str] = set()
    for row in conn.execute(
            PERSON + " SELECT unit_id, position, status, updated_at FROM progress "
            "WHERE learner_id IN (SELECT id FROM person) ORDER BY updated_at", (learner_id,)):
        found[row[0]] = Progress(*row)
        if row[2] == DONE:
            done.add(row[0])
    return {unit: Progress(p.unit_id, p.position, DONE if unit in done else p.status, p.updated_at)
            for unit, p in found.items()}


def get_progress(conn: sqlite3.Connection, learner_id: str, unit_id: str) -> Progress | None:
    return all_progress(conn, learner_id).get(unit_id)


def last_unfinished(conn: sqlite3.Connection, learner_id: str) -> Progress | None:
    """The unit to offer as "continue where you left off"."""
    started = [p for p in all_progress(conn, learner_id).values() if p.status == STARTED]
    return max(started, key=lambda p: p.updated_at, default=None)
