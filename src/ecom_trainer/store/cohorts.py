"""Classes (cohorts): name, course plan (lesson ids in order), start and end dates, members.

Every change bumps `updated_at` and `device_id` of the row it touches, so merging PCs keeps it.

Taking a learner out of a class deletes the membership row and leaves a stamped removal in
`cohort_member_removals`, which travels with progress files: a PC that still has the membership
drops it unless its own membership is newer (sync/bundle.py). Adding the learner again deletes
the removal. Queries of who is in a class read `cohort_members` only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ecom_trainer.i18n import N_
from ecom_trainer.store.db import new_id, now, transaction
from ecom_trainer.store.device import device_id
from ecom_trainer.store.roster import NAME_MAX, Problem, RosterError, clean_text, later_stamp


@dataclass(frozen=True)
class Cohort:
    id: str
    name: str
    plan: tuple[str, ...]
    starts_on: str | None  # YYYY-MM-DD
    ends_on: str | None
    archived: bool
    members: int  # learners in it who are not archived


def parse_plan(text: str | None) -> tuple[str, ...]:
    """The stored plan; anything that is not a list of texts (a damaged row) reads as empty."""
    try:
        plan = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(x for x in plan if isinstance(x, str)) if isinstance(plan, list) else ()


def _cohort(row: Sequence) -> Cohort:
    return Cohort(row[0], row[1], parse_plan(row[2]), row[3] or None, row[4] or None, bool(row[5]), row[6])


SELECT = ("SELECT c.id, c.name, c.plan, c.starts_on, c.ends_on, c.archived, "
          "(SELECT COUNT(*) FROM cohort_members m JOIN learners l ON l.id = m.learner_id "
          " WHERE m.cohort_id = c.id AND l.archived = 0) FROM cohorts c")


def list_cohorts(conn: sqlite3.Connection, include_archived: bool = False) -> list[Cohort]:
    where = "" if include_archived else " WHERE c.archived = 0"
    return [_cohort(r) for r in conn.execute(SELECT + where + " ORDER BY c.name COLLATE NOCASE, c.id")]


def get_cohort(conn: sqlite3.Connection, cohort_id: str) -> Cohort | None:
    row = conn.execute(SELECT + " WHERE c.id = ?", (cohort_id,)).fetchone()
    return _cohort(row) if row else None


def cohort_by_name(conn: sqlite3.Connection) -> dict[str, Cohort]:
    """Every class by its name as compared (trimmed, case-folded); a name used twice maps to
    the class that is not archived."""
    found: dict[str, Cohort] = {}
    for cohort in list_cohorts(conn, include_archived=True):
        key = clean_text(cohort.name).casefold()
        if key not in found or found[key].archived:
            found[key] = cohort
    return found


def _day(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def check_cohort(conn: sqlite3.Connection, name: object, plan: Iterable[str], starts_on: object,
                 ends_on: object, known_lessons: Collection[str] | None = None,
                 cohort_id: str | None = None) -> tuple[tuple[str, tuple[str, ...], str | None, str | None],
                                                        list[Problem]]:
    """Cleaned (name, plan, starts_on, ends_on) and every problem. Dates are optional, but when
    both are given the end is not before the start."""
    problems = []
    text = clean_text(name)
    if not text:
        problems.append(Problem("name", N_("The class needs a name.")))
    elif len(text) > NAME_MAX:
        problems.append(Problem("name", N_("This is longer than {n} characters."), (("n", NAME_MAX),)))
    else:
        same = cohort_by_name(conn).get(text.casefold())
        if same is not None and same.id != cohort_id and not same.archived:
            problems.append(Problem("name", N_("There is already a class called “{value}”."),
                                    (("value", same.name),)))
    lessons = tuple(plan)
    unknown = [x for x in lessons if known_lessons is not None and x not in known_lessons]
    if unknown:
        problems.append(Problem("plan", N_("These lessons are not in the lesson pack: {value}."),
                                (("value", ", ".join(unknown)),)))
    if len(set(lessons)) != len(lessons):
        problems.append(Problem("plan", N_("A lesson is in the plan twice.")))
    start, end = _day(starts_on), _day(ends_on)
    for value, day, field in ((starts_on, start, "starts_on"), (ends_on, end, "ends_on")):
        if value not in (None, "") and day is None:
            problems.append(Problem(field, N_("“{value}” is not a date."), (("value", value),)))
    if start and end and end < start:
        problems.append(Problem("ends_on", N_("The class cannot end ({end}) before it starts ({start})."),
                                (("start", start.isoformat()), ("end", end.isoformat()))))
    return (text, lessons, start.isoformat() if start else None, end.isoformat() if end else None), problems


def create_cohort(conn: sqlite3.Connection, name: object, plan: Iterable[str] = (), starts_on: object = None,
                  ends_on: object = None, centre_id: str | None = None,
                  known_lessons: Collection[str] | None = None) -> str:
    """Check and add a class. Raises RosterError with every problem; nothing is written then."""
    (text, lessons, start, end), problems = check_cohort(conn, name, plan, starts_on, ends_on, known_lessons)
    if problems:
        raise RosterError(problems)
    device = device_id(conn)
    with transaction(conn):
        return insert_cohort(conn, text, lessons, start, end, centre_id, device, now())


def insert_cohort(conn: sqlite3.Connection, name: str, plan: Sequence[str], starts_on: str | None,
                  ends_on: str | None, centre_id: str | None, device: str, stamp: str) -> str:
    """One class row, inside the caller's transaction. Values must be checked already."""
    cohort_id = new_id()
    conn.execute("INSERT INTO cohorts (id, centre_id, name, plan, starts_on, ends_on, archived, updated_at, "
                 "device_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
                 (cohort_id, centre_id, name, json.dumps(list(plan)), starts_on, ends_on, stamp, device))
    return cohort_id


def update_cohort(conn: sqlite3.Connection, cohort_id: str, name: object, plan: Iterable[str],
                  starts_on: object, ends_on: object, known_lessons: Collection[str] | None = None) -> bool:
    """Change a class; returns whether anything changed (an unchanged save writes nothing)."""
    current = get_cohort(conn, cohort_id)
    if current is None:
        raise LookupError(f"no class {cohort_id}")
    (text, lessons, start, end), problems = check_cohort(conn, name, plan, starts_on, ends_on, known_lessons,
                                                         cohort_id)
    if problems:
        raise RosterError(problems)
    if (text, lessons, start, end) == (current.name, current.plan, current.starts_on, current.ends_on):
        return False
    device = device_id(conn)
    with transaction(conn):
        conn.execute("UPDATE cohorts SET name = ?, plan = ?, starts_on = ?, ends_on = ?, updated_at = ?, "
                     "device_id = ? WHERE id = ?",
                     (text, json.dumps(list(lessons)), start, end, later_stamp(conn, "cohorts", cohort_id),
                      device, cohort_id))
    return True


def set_cohort_archived(conn: sqlite3.Connection, cohort_id: str, archived: bool) -> bool:
    """An archived class is hidden from the dashboard's and the reports' lists; its members and
    their answers stay. Bringing one back whose name is now taken is refused."""
    current = get_cohort(conn, cohort_id)
    if current is None:
        raise LookupError(f"no class {cohort_id}")
    if not archived and current.archived:
        same = cohort_by_name(conn).get(clean_text(current.name).casefold())
        if same is not None and same.id != cohort_id and not same.archived:
            raise RosterError([Problem("name", N_("There is already a class called “{value}”."),
                                       (("value", same.name),))])
    device = device_id(conn)
    with transaction(conn):
        cursor = conn.execute("UPDATE cohorts SET archived = ?, updated_at = ?, device_id = ? "
                              "WHERE id = ? AND archived != ?",
                              (int(archived), later_stamp(conn, "cohorts", cohort_id), device, cohort_id,
                               int(archived)))
    return cursor.rowcount > 0


# ------------------------------------------------------------------ members

def member_ids(conn: sqlite3.Connection, cohort_id: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT learner_id FROM cohort_members WHERE cohort_id = ?", (cohort_id,))}


def cohort_ids_of(conn: sqlite3.Connection, learner_id: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT cohort_id FROM cohort_members WHERE learner_id = ?", (learner_id,))}


PAIR = "cohort_id = ? AND learner_id = ?"


def member_stamp(conn: sqlite3.Connection, cohort_id: str, learner_id: str, stamp: str | None = None) -> str:
    """`stamp` (default now), or a millisecond after the pair's last change (its membership or
    its removal) when that is not earlier: as `later_stamp` for a row with an id, so a pair's
    changes sort in the order they were made even when the clock went back."""
    stamp = stamp or now()
    previous = conn.execute(
        f"SELECT max(updated_at) FROM (SELECT updated_at FROM cohort_members WHERE {PAIR} "
        f"UNION ALL SELECT updated_at FROM cohort_member_removals WHERE {PAIR})",
        (cohort_id, learner_id, cohort_id, learner_id)).fetchone()[0]
    if previous and stamp <= previous:
        try:
            after = datetime.fromisoformat(previous.replace("Z", "+00:00")) + timedelta(milliseconds=1)
        except ValueError:  # a stamp this program did not write: keep ours
            return stamp
        stamp = after.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return stamp


def insert_member(conn: sqlite3.Connection, cohort_id: str, learner_id: str, device: str, stamp: str) -> bool:
    """Inside the caller's transaction; False when they were in the class already. A removal of
    the pair is deleted, and the membership is stamped after it so that it wins on other PCs too."""
    if conn.execute(f"SELECT 1 FROM cohort_members WHERE {PAIR}", (cohort_id, learner_id)).fetchone():
        return False
    stamp = member_stamp(conn, cohort_id, learner_id, stamp)
    conn.execute(f"DELETE FROM cohort_member_removals WHERE {PAIR}", (cohort_id, learner_id))
    conn.execute("INSERT INTO cohort_members (cohort_id, learner_id, device_id, updated_at) VALUES (?, ?, ?, ?)",
                 (cohort_id, learner_id, device, stamp))
    return True


def _delete_member(conn: sqlite3.Connection, cohort_id: str, learner_id: str, device: str) -> bool:
    """Inside the caller's transaction. The removal is stamped after the membership, so it wins
    over that membership on a PC that still has it."""
    stamp = member_stamp(conn, cohort_id, learner_id)
    cursor = conn.execute(f"DELETE FROM cohort_members WHERE {PAIR}", (cohort_id, learner_id))
    if cursor.rowcount == 0:
        return False
    conn.execute("INSERT OR REPLACE INTO cohort_member_removals (cohort_id, learner_id, device_id, updated_at) "
                 "VALUES (?, ?, ?, ?)", (cohort_id, learner_id, device, stamp))
    return True


def add_member(conn: sqlite3.Connection, cohort_id: str, learner_id: str) -> bool:
    device = device_id(conn)
    with transaction(conn):
        return insert_member(conn, cohort_id, learner_id, device, now())


def remove_member(conn: sqlite3.Connection, cohort_id: str, learner_id: str) -> bool:
    """Take a learner out of a class (their answers stay). The removal travels with the next
    progress file, so other PCs take them out too."""
    device = device_id(conn)
    with transaction(conn):
        return _delete_member(conn, cohort_id, learner_id, device)


def set_members(conn: sqlite3.Connection, cohort_id: str, learner_ids: Iterable[str],
                shown: Collection[str] | None = None) -> tuple[int, int]:
    """Make the class's members these learners, among those `shown` to the trainer (default:
    learners not archived), in one transaction: (added, removed). Memberships of learners not
    shown (archived, or joined into another learner) are left alone."""
    wanted = set(learner_ids)
    device, stamp = device_id(conn), now()
    with transaction(conn):
        current = member_ids(conn, cohort_id)
        if shown is None:
            hidden = {r[0] for r in conn.execute(
                "SELECT m.learner_id FROM cohort_members m JOIN learners l ON l.id = m.learner_id "
                "WHERE m.cohort_id = ? AND (l.archived = 1 OR l.id IN (SELECT merged_id FROM learner_merges))",
                (cohort_id,))}
            current -= hidden
        else:
            current &= set(shown)
        added = sum(insert_member(conn, cohort_id, x, device, stamp) for x in sorted(wanted - current))
        removed = sum(_delete_member(conn, cohort_id, x, device) for x in sorted(current - wanted))
    return added, removed


def set_learner_cohorts(conn: sqlite3.Connection, learner_id: str, cohort_ids: Iterable[str],
                        shown: Collection[str] | None = None) -> tuple[int, int]:
    """Make a learner's classes these, among the classes `shown` (default: those not archived):
    (added, removed). Memberships of classes not shown are left alone."""
    wanted = set(cohort_ids)
    if shown is None:
        shown = {c.id for c in list_cohorts(conn)}
    device, stamp = device_id(conn), now()
    with transaction(conn):
        current = cohort_ids_of(conn, learner_id) & set(shown)
        added = sum(insert_member(conn, x, learner_id, device, stamp) for x in sorted(wanted - current))
        removed = sum(_delete_member(conn, x, learner_id, device) for x in sorted(current - wanted))
    return added, removed
