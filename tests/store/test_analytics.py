"""The dashboard's queries, where they were rewritten for speed, against the plain SQL they
replaced: lessons per week (days folded into weeks in Python) and wrong streaks (filtered in SQL)."""

from __future__ import annotations

from ecom_trainer.store import analytics
from ecom_trainer.store.learners import add_cohort, add_learner, add_to_cohort


def old_weeks(conn, cohort_id, start, end):
    """The query before: a week computed by SQLite's date() on every row."""
    where, args = analytics._people_filter(cohort_id, "learner_id")
    return [tuple(r) for r in conn.execute(
        "SELECT date(substr(completed_at, 1, 10), '-' || ((strftime('%w', substr(completed_at, 1, 10)) + 6) % 7) "
        f"|| ' days') AS week, COUNT(*) FROM progress WHERE status = 'done' AND unit_id NOT LIKE '%#%' "
        f"AND substr(completed_at, 1, 10) BETWEEN ? AND ? AND {where} GROUP BY week ORDER BY week",
        [start, end, *args])]


def done(conn, learner, unit, at, status="done"):
    conn.execute("INSERT INTO progress (learner_id, unit_id, position, status, updated_at, completed_at) "
                 "VALUES (?, ?, 1, ?, ?, ?)", (learner, unit, status, at, at if status == "done" else None))


def test_lessons_per_week_equal_the_plain_query(db):
    wang, li, other = add_learner(db, "Wang"), add_learner(db, "Li"), add_learner(db, "Zhao")
    cohort = add_cohort(db, None, "Spring")
    add_to_cohort(db, cohort, wang)
    add_to_cohort(db, cohort, li)
    # Sunday and Monday, across a year's end and a leap day; a test and an unfinished lesson
    days = ["2024-12-29", "2024-12-30", "2025-01-05", "2025-01-06", "2024-02-29", "2024-03-03", "2024-03-04"]
    for n, day in enumerate(days):
        for who in (wang, li, other)[: 1 + n % 3]:
            done(db, who, f"lesson-{n}", f"{day}T23:59:59.999Z")
    done(db, wang, "listing#pre_test", "2024-12-30T08:00:00.000Z")
    done(db, li, "lesson-x", "2024-12-30T08:00:00.000Z", status="started")
    for cohort_id in (None, cohort):
        for start, end in (("0000-01-01", "9999-12-31"), ("2024-12-30", "2025-01-05"), ("2024-03-01", "2024-03-03")):
            got = analytics.lessons_done_per_week(db, cohort_id, start, end)
            assert got == old_weeks(db, cohort_id, start, end)
    everything = analytics.lessons_done_per_week(db, None, "0000-01-01", "9999-12-31")
    assert ("2024-12-23", 1) in everything and ("2024-12-30", 2 + 3) in everything  # Mon 30 Dec .. Sun 5 Jan
    assert sum(n for _week, n in everything) == sum(1 + n % 3 for n in range(len(days)))


def test_wrong_streaks_are_the_states_with_that_many_wrong(db):
    wang, li = add_learner(db, "Wang"), add_learner(db, "Li")
    rows = [(wang, "A1", 2), (wang, "A2", 3), (li, "A1", 7), (li, "B1", 0)]
    db.executemany("INSERT INTO skill_state VALUES (?, ?, 5, 1, '00000', ?, 0.2, '2026-03-04T10:00:00.000Z')", rows)
    got = sorted(analytics.wrong_streaks(db, None, 3))
    expected = sorted((p, s, n, at) for p, s, _a, _r, _k, n, at in analytics.skill_states(db, None) if n >= 3)
    assert got == expected == sorted([(wang, "A2", 3, "2026-03-04T10:00:00.000Z"),
                                       (li, "A1", 7, "2026-03-04T10:00:00.000Z")])
    assert sorted(analytics.mastery_states(db, None)) == sorted((p, s, r, k) for p, s, _a, r, k, _n, _at
                                                                 in analytics.skill_states(db, None))
