"""The trainer dashboard's queries: aggregation stays in SQL, over the summary tables
(store/summaries.py) rather than the answers, so 5,000 learners and a million answers load fast.

`who` limits everything to some people (a cohort); None means every current learner.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, timedelta

# Current learners: not archived and not joined into someone else.
CURRENT = ("SELECT id FROM learners WHERE archived = 0 "
           "AND id NOT IN (SELECT merged_id FROM learner_merges)")


def _rows(conn: sqlite3.Connection, sql: str, args: Sequence[object] = ()) -> list[tuple]:
    """Plain tuples: the dashboard reads ~100,000 rows, and the connection's sqlite3.Row
    objects cost a third as much again."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql, args).fetchall()


def _people_filter(cohort_id: str | None, column: str = "person_id") -> tuple[str, list[object]]:
    if cohort_id is None:
        return f"{column} IN ({CURRENT})", []
    return (f"{column} IN ({CURRENT} AND id IN (SELECT learner_id FROM cohort_members "
            f"WHERE cohort_id = ?))", [cohort_id])


def people(conn: sqlite3.Connection, cohort_id: str | None) -> list[tuple[str, str, str]]:
    """(id, name, village) of the people shown, by name."""
    where, args = _people_filter(cohort_id, "id")
    return _rows(conn, f"SELECT id, name, village FROM learners WHERE {where} "
                       f"ORDER BY name COLLATE NOCASE, id", args)


def skill_states(conn: sqlite3.Connection, cohort_id: str | None) -> list[tuple]:
    """(person, skill, answers, recent, p_known, wrong_streak, last_at) per person and skill."""
    where, args = _people_filter(cohort_id)
    return _rows(conn, f"SELECT person_id, skill, answers, recent, p_known, wrong_streak, last_at "
                       f"FROM skill_state WHERE {where}", args)


def mastery_states(conn: sqlite3.Connection, cohort_id: str | None) -> list[tuple]:
    """(person, skill, recent, p_known) per person and skill: the mastery grid's columns only."""
    where, args = _people_filter(cohort_id)
    return _rows(conn, f"SELECT person_id, skill, recent, p_known FROM skill_state WHERE {where}", args)


def wrong_streaks(conn: sqlite3.Connection, cohort_id: str | None, at_least: int) -> list[tuple]:
    """(person, skill, wrong_streak, last_at) where the last `at_least` or more were wrong."""
    where, args = _people_filter(cohort_id)
    return _rows(conn, f"SELECT person_id, skill, wrong_streak, last_at FROM skill_state "
                       f"WHERE wrong_streak >= ? AND {where}", [at_least, *args])


def answers_per_day(conn: sqlite3.Connection, cohort_id: str | None, start: str, end: str) -> list[tuple]:
    """(day, answers, right) between two days (inclusive, 'YYYY-MM-DD')."""
    where, args = _people_filter(cohort_id)
    return _rows(conn, f"SELECT day, SUM(answers), SUM(right) FROM daily_activity "
                       f"WHERE day BETWEEN ? AND ? AND {where} GROUP BY day ORDER BY day", [start, end, *args])


def lessons_done_per_week(conn: sqlite3.Connection, cohort_id: str | None, start: str, end: str) -> list[tuple]:
    """(Monday of the week, lessons finished) between two days; tests are not lessons. Counted per
    day in SQL and folded into weeks here: a date() per row took twice as long."""
    where, args = _people_filter(cohort_id, "learner_id")
    weeks: dict[str, int] = {}
    for day, count in _rows(
            conn, f"SELECT substr(completed_at, 1, 10) AS day, COUNT(*) FROM progress WHERE status = 'done' "
                  f"AND unit_id NOT LIKE '%#%' AND day BETWEEN ? AND ? AND {where} GROUP BY day",
            [start, end, *args]):
        try:
            moment = date.fromisoformat(day)
        except ValueError:  # not a day: it belongs to no week
            continue
        monday = (moment - timedelta(days=moment.weekday())).isoformat()
        weeks[monday] = weeks.get(monday, 0) + count
    return sorted(weeks.items())


def test_scores(conn: sqlite3.Connection, cohort_id: str | None) -> list[tuple]:
    """(person, track, kind, right, total) of every finished test."""
    where, args = _people_filter(cohort_id)
    return _rows(conn, f"SELECT person_id, track_id, kind, right, total FROM test_scores WHERE {where}", args)


def item_sums(conn: sqlite3.Connection, cohort_id: str | None) -> list[tuple]:
    """(unit, question, takers, right, sum_rest, sum_rest2, sum_right_rest) per test item. For
    everyone, the running sums; for a cohort, the same sums over its members' finished tests."""
    if cohort_id is None:
        return _rows(conn, "SELECT unit_id, question_id, takers, right, sum_rest, sum_rest2, sum_right_rest "
                           "FROM item_sums WHERE takers > 0 ORDER BY unit_id, question_id")
    where, args = _people_filter(cohort_id)
    return _rows(
        conn, "SELECT unit_id, question_id, COUNT(*), SUM(correct), SUM(rest), SUM(rest * rest), SUM(correct * rest) "
        f"FROM test_items WHERE {where} GROUP BY unit_id, question_id ORDER BY unit_id, question_id", args)


def stalled_units(conn: sqlite3.Connection, cohort_id: str | None, before: str) -> list[tuple]:
    """(learner, unit, updated_at) of lessons started and not touched since `before`."""
    where, args = _people_filter(cohort_id, "learner_id")
    return _rows(conn, f"SELECT learner_id, unit_id, updated_at FROM progress WHERE status = 'started' "
                       f"AND updated_at < ? AND {where} ORDER BY updated_at", [before, *args])


def cohorts(conn: sqlite3.Connection, include_archived: bool = False) -> list[tuple[str, str]]:
    sql = "SELECT id, name FROM cohorts" + ("" if include_archived else " WHERE archived = 0")
    return conn.execute(sql + " ORDER BY name COLLATE NOCASE").fetchall()


def activity_span(conn: sqlite3.Connection, cohort_id: str | None) -> tuple[str, str] | None:
    """The first and last day anyone shown answered."""
    where, args = _people_filter(cohort_id)
    row = conn.execute(f"SELECT MIN(day), MAX(day) FROM daily_activity WHERE {where}", args).fetchone()
    return (row[0], row[1]) if row and row[0] else None


def baseline_aggregate(conn: sqlite3.Connection) -> Sequence[tuple]:
    """The benchmark's yardstick: one hand-written aggregate over every answer, as a dashboard
    without summaries would need for its mastery grid (per learner and skill)."""
    return _rows(conn, "SELECT learner_id, skills, COUNT(*), SUM(correct) FROM attempts "
                       "GROUP BY learner_id, skills")


def skill_states_of(conn: sqlite3.Connection, learner_id: str) -> list[tuple]:
    """skill_states() for one person (the summaries are kept under the person's kept id)."""
    from ecom_trainer.store.summaries import person_of

    return conn.execute("SELECT person_id, skill, answers, recent, p_known, wrong_streak, last_at "
                        "FROM skill_state WHERE person_id = ?", (person_of(conn, learner_id),)).fetchall()


def test_scores_of(conn: sqlite3.Connection, learner_id: str) -> list[tuple]:
    from ecom_trainer.store.summaries import person_of

    return conn.execute("SELECT person_id, track_id, kind, right, total FROM test_scores WHERE person_id = ?",
                        (person_of(conn, learner_id),)).fetchall()
