"""Learners and cohorts."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from ecom_trainer.store.db import new_id, now, transaction
from ecom_trainer.store.device import device_id


class Learner(NamedTuple):  # a NamedTuple, not a dataclass: it is on the start-up path
    id: str
    name: str
    village: str
    avatar: str


def list_learners(conn: sqlite3.Connection, include_archived: bool = False) -> list[Learner]:
    sql = "SELECT id, name, village, avatar FROM learners"
    if not include_archived:
        sql += " WHERE archived = 0"
    return [Learner(*row) for row in conn.execute(sql + " ORDER BY name COLLATE NOCASE, id")]


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
    device = device_id(conn)
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO cohort_members (cohort_id, learner_id, device_id, updated_at) "
            "VALUES (?, ?, ?, ?)",
            (cohort_id, learner_id, device, now()),
        )

