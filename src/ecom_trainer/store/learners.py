"""Learners and cohorts."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from ecom_trainer.store.db import PERSON, new_id, now, transaction
from ecom_trainer.store.device import device_id


class Learner(NamedTuple):  # a NamedTuple, not a dataclass: it is on the start-up path
    id: str
    name: str
    village: str
    avatar: str


# learners joined into another are that person now: not listed on their own
_LISTED = "id NOT IN (SELECT merged_id FROM learner_merges)"
_IN_NAME_ORDER = " ORDER BY name COLLATE NOCASE, id"  # the order of the index learners_by_name


def list_learners(conn: sqlite3.Connection, include_archived: bool = False) -> list[Learner]:
    sql = f"SELECT id, name, village, avatar FROM learners WHERE {_LISTED}"
    if not include_archived:
        sql += " AND archived = 0"
    return [Learner(*row) for row in conn.execute(sql + _IN_NAME_ORDER)]


def learners_page(conn: sqlite3.Connection, offset: int, limit: int) -> tuple[list[Learner], int]:
    """One page of the active learners, in the order of list_learners, and how many there are in
    all: the learner picker reads the ten it shows, not a school's 5,000."""
    where = f"archived = 0 AND {_LISTED}"
    total = conn.execute(f"SELECT COUNT(*) FROM learners WHERE {where}").fetchone()[0]
    rows = conn.execute(f"SELECT id, name, village, avatar FROM learners WHERE {where}{_IN_NAME_ORDER} "
                        "LIMIT ? OFFSET ?", (limit, offset))
    return [Learner(*row) for row in rows], total


def get_learner(conn: sqlite3.Connection, learner_id: str) -> Learner | None:
    row = conn.execute(
        "SELECT id, name, village, avatar FROM learners WHERE id = ?", (learner_id,)
    ).fetchone()
    return Learner(*row) if row else None


def add_learner(
    conn: sqlite3.Connection, name: str, village: str = "", avatar: str = "",
    birth_year: int | None = None, phone: str | None = None,
) -> str:
    name = name.strip()
    if not name:
        raise ValueError("a learner needs a name")
    learner_id, stamp, device = new_id(), now(), device_id(conn)
    with transaction(conn):
        conn.execute(
            "INSERT INTO learners (id, name, village, birth_year, phone, avatar, archived, "
            "created_at, updated_at, device_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            (learner_id, name, village.strip(), birth_year, phone, avatar, stamp, stamp, device),
        )
    return learner_id


def add_cohort(conn: sqlite3.Connection, centre_id: str | None, name: str, plan: str = "[]") -> str:
    cohort_id, device = new_id(), device_id(conn)
    with transaction(conn):
        conn.execute(
            "INSERT INTO cohorts (id, centre_id, name, plan, archived, updated_at, device_id) "
            "VALUES (?, ?, ?, ?, 0, ?, ?)",
            (cohort_id, centre_id, name.strip(), plan, now(), device),
        )
    return cohort_id


def add_to_cohort(conn: sqlite3.Connection, cohort_id: str, learner_id: str) -> None:
    # Imported here: store.cohorts pulls in dataclasses and the roster, off the start-up path.
    from ecom_trainer.store.cohorts import insert_member

    device = device_id(conn)
    with transaction(conn):
        insert_member(conn, cohort_id, learner_id, device, now())  # also ends an earlier removal


class MergeError(ValueError):
    pass


def merge_learners(conn: sqlite3.Connection, kept_id: str, merged_id: str) -> None:
    """A trainer says two learners are one person: `merged_id`'s answers and progress count for
    `kept_id` from now on. Nothing is rewritten; the join itself travels to other PCs."""
    if kept_id == merged_id:
        raise MergeError("a learner cannot be joined with themself")
    for learner in (kept_id, merged_id):
        if get_learner(conn, learner) is None:
            raise MergeError(f"no learner {learner}")
    cycle = conn.execute(PERSON + " SELECT 1 FROM person WHERE id = ?", (merged_id, kept_id)).fetchone()
    if cycle:
        raise MergeError("these two are already one person")
    device = device_id(conn)
    with transaction(conn):
        conn.execute("INSERT INTO learner_merges (merged_id, kept_id, device_id, merged_at) VALUES (?, ?, ?, ?)",
                     (merged_id, kept_id, device, now()))
        from ecom_trainer.store.summaries import mark_stale

        mark_stale(conn, [kept_id, merged_id])  # the dashboard rebuilds the joined person


def registered_at(conn: sqlite3.Connection, learner_id: str) -> str:
    row = conn.execute("SELECT created_at FROM learners WHERE id = ?", (learner_id,)).fetchone()
    return row[0] or "" if row else ""


def answer_count(conn: sqlite3.Connection, learner_id: str) -> int:
    """Answers of this person, including learners joined into them."""
    return conn.execute(PERSON + " SELECT COUNT(*) FROM attempts WHERE learner_id IN (SELECT id FROM person)",
                        (learner_id,)).fetchone()[0]
