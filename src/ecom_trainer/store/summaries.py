"""Dashboard summaries, kept per person as answers arrive (schema v5).

A school keeps a million answers; the trainer's dashboard must not re-read them. So each answer
also updates small tables in the same transaction: the mastery state per person and skill (the
last five results and the BKT probability), answers per person and day, and, when a test is
finished, its items and score, plus running sums from which item difficulty and discrimination
follow for every item without reading any answer.

Anything that changes answers in another way (progress files from other PCs, joining two
learners, answers given out of time order) marks the person stale; `refresh_stale` rebuilds
them from their answers. The rebuild is the definition: tests compare incremental updates to it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable

from ecom_trainer.assess.mastery import P_INIT, P_LEARN, P_SLIP, RULE_WINDOW, bkt_update

# guess_of(unit_id, question_id) -> chance of a right answer without the skill (assess.mastery)
GuessOf = Callable[[str, str], float]
DEFAULT_GUESS = 0.25  # a question no longer in the lessons: as if it had four options


def person_of(conn: sqlite3.Connection, learner_id: str) -> str:
    """The learner everyone joined ends up in: the id the summaries are kept under."""
    seen = {learner_id}
    while True:
        row = conn.execute("SELECT kept_id FROM learner_merges WHERE merged_id = ?", (learner_id,)).fetchone()
        if row is None or row[0] in seen:
            return learner_id
        learner_id = row[0]
        seen.add(learner_id)


def _ids_of(conn: sqlite3.Connection, person: str) -> list[str]:
    """The person and every learner joined into them, through chains of joins."""
    return [r[0] for r in conn.execute(
        "WITH RECURSIVE p(id) AS (SELECT ? UNION SELECT m.merged_id FROM learner_merges m "
        "JOIN p ON m.kept_id = p.id) SELECT id FROM p", (person,))]


def mark_stale(conn: sqlite3.Connection, learner_ids: Iterable[str]) -> None:
    conn.executemany("INSERT OR IGNORE INTO summary_stale (person_id) VALUES (?)",
                     ((i,) for i in learner_ids))


def stale_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM summary_stale").fetchone()[0]


# ---------------------------------------------------------------- as an answer arrives

def after_answer(conn: sqlite3.Connection, learner_id: str, unit_id: str, kind: str,
                 skills: tuple[str, ...], correct: bool, answered_at: str, guess: float | None,
                 unit_done: bool) -> None:
    """Called by record_attempt inside its transaction, after the answer row is written.

    This runs at every tap, right after the previous answer's disk flush, when every line of
    Python costs ~3 x what it costs warm: measured, the Python around the statements of one answer
    cost as much as two more pages at the commit. Hence positional arguments, a question's skills
    and mastery factors worked out once (`_answer_facts`), and the usual step inline."""
    wanted, factors = _facts.get((skills, guess)) or _answer_facts(skills, guess)
    if factors is None:  # no guess rate, or no skills: the person is rebuilt later
        mark_stale(conn, (learner_id,))
        return
    known, unknown = factors[correct]
    right = int(correct)
    execute = conn.execute
    for skill in wanted:  # a loop, not all(generator)
        if not execute(_SKILL_STEP, (learner_id, skill, right, _RECENT[right], answered_at, known, unknown,
                                     P_LEARN)).rowcount and not _first_answer(conn, learner_id, skill, correct,
                                                                             guess, answered_at):
            mark_stale(conn, (learner_id,))
            return
    day = answered_at[:10]
    if not execute("UPDATE daily_activity SET answers = answers + 1, right = right + ? "
                   "WHERE person_id = ? AND day = ?", (right, learner_id, day)).rowcount:
        execute("INSERT INTO daily_activity VALUES (?, ?, 1, ?)", (learner_id, day, right))
    if kind != "practice":
        ids = _ids_of(conn, learner_id)
        # A finished test (also one being taken again: its newest answers count, as in a rebuild)
        marks = ",".join("?" * len(ids))
        if unit_done or conn.execute(f"SELECT 1 FROM progress WHERE learner_id IN ({marks}) AND unit_id = ? "
                                     f"AND status = 'done'", [*ids, unit_id]).fetchone():
            _rebuild_test(conn, learner_id, ids, unit_id)


_RECENT = ("0", "1")  # a result as `recent` keeps it
# (skills, guess) -> (the skills once each, bkt_update's factors {correct: (known, unknown)} or None)
_facts: dict[tuple[tuple[str, ...], float | None], tuple[tuple[str, ...], dict | None]] = {}


def _answer_facts(skills: tuple[str, ...], guess: float | None) -> tuple[tuple[str, ...], dict | None]:
    wanted = tuple(dict.fromkeys(skills))
    # bkt_update's factors: right: p(1 - slip) against (1 - p) guess; wrong: p slip against (1 - p)(1 - guess)
    factors = None if guess is None or not wanted else {True: (1 - P_SLIP, guess), False: (P_SLIP, 1 - guess)}
    if len(_facts) < 10_000:  # one per question and guess rate; bounded all the same
        _facts[(skills, guess)] = (wanted, factors)
    return wanted, factors


# `_step` done by SQLite, as this runs at every tap: reading the state and writing it back cost
# more statements and ~20 us more per answer, and a plain UPDATE of the row (there is one after a
# skill's first answer) ~10 us less than an upsert. The arithmetic is bkt_update's, operation for
# operation, on the same doubles (tests compare it with the rebuild, which uses `_step`, for exact
# equality). Nothing is written for a learner joined into another (their summaries are kept under
# that person) or for an answer older than the last one counted (the order matters): then the
# person is rebuilt.
_NOT_JOINED = "NOT EXISTS (SELECT 1 FROM learner_merges WHERE merged_id = ?1 AND kept_id != ?1)"
_SKILL_STEP = (
    "UPDATE skill_state SET answers = answers + 1, right = right + ?3, "
    f"recent = substr(recent || ?4, -{RULE_WINDOW}), "
    "wrong_streak = CASE WHEN ?3 THEN 0 ELSE wrong_streak + 1 END, "
    "p_known = p_known * ?6 / (p_known * ?6 + (1 - p_known) * ?7) "
    "+ (1 - p_known * ?6 / (p_known * ?6 + (1 - p_known) * ?7)) * ?8, last_at = ?5 "
    f"WHERE person_id = ?1 AND skill = ?2 AND last_at <= ?5 AND {_NOT_JOINED}")
_SKILL_FIRST = (f"INSERT INTO skill_state SELECT ?1, ?2, 1, ?3, ?4, ?5, ?6, ?7 WHERE {_NOT_JOINED} "
                "ON CONFLICT DO NOTHING")


def _first_answer(conn: sqlite3.Connection, person: str, skill: str, correct: bool, guess: float,
                  at: str) -> bool:
    """A skill's first answer (no state yet); False when nothing could be written (rebuild)."""
    first = _step((0, 0, "", 0, P_INIT, ""), correct, guess, at)  # (1, right, recent, streak, p, at)
    return conn.execute(_SKILL_FIRST, (person, skill, *first[1:])).rowcount == 1


def _step(state: tuple, correct: bool, guess: float, at: str) -> tuple:
    answers, right, recent, streak, p_known, _ = state
    return (answers + 1, right + int(correct), (recent + ("1" if correct else "0"))[-RULE_WINDOW:],
            0 if correct else streak + 1, bkt_update(p_known, correct, guess), at)


# ---------------------------------------------------------------- finished tests

def _rebuild_test(conn: sqlite3.Connection, person: str, ids: list[str], unit_id: str) -> None:
    """The newest answer to each item of a finished test, its score, and the item sums."""
    _drop_tests(conn, person, unit_id)
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT question_id, skills, correct, track_id, kind, answered_at FROM attempts "
        f"WHERE learner_id IN ({marks}) AND lesson_id = ? ORDER BY answered_at, id", [*ids, unit_id]).fetchall()
    newest = {r[0]: r for r in rows}
    if not newest:
        return
    total = sum(r[2] for r in newest.values())
    track, kind, done_at = rows[-1][3], rows[-1][4], rows[-1][5]
    conn.execute("INSERT INTO test_scores VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (person, unit_id, track or "", kind, total, len(newest), done_at))
    items = [(person, unit_id, q, skills or "[]", c, total - c) for q, skills, c, *_ in newest.values()]
    conn.executemany("INSERT INTO test_items VALUES (?, ?, ?, ?, ?, ?)", items)
    _add_item_sums(conn, [(u, q, c, rest) for _, u, q, _, c, rest in items], sign=1)


def _drop_tests(conn: sqlite3.Connection, person: str, unit_id: str | None = None) -> None:
    where, args = "person_id = ?", [person]
    if unit_id is not None:
        where, args = where + " AND unit_id = ?", [person, unit_id]
    old = conn.execute(f"SELECT unit_id, question_id, correct, rest FROM test_items WHERE {where}", args).fetchall()
    _add_item_sums(conn, old, sign=-1)
    conn.execute(f"DELETE FROM test_items WHERE {where}", args)
    conn.execute(f"DELETE FROM test_scores WHERE {where}", args)


def _add_item_sums(conn: sqlite3.Connection, items: list[tuple], sign: int) -> None:
    """Running sums per item over the people who finished its test; integers, so adding and
    taking away a person's contribution is exact."""
    conn.executemany(
        "INSERT INTO item_sums VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
        "takers = takers + excluded.takers, right = right + excluded.right, "
        "sum_rest = sum_rest + excluded.sum_rest, sum_rest2 = sum_rest2 + excluded.sum_rest2, "
        "sum_right_rest = sum_right_rest + excluded.sum_right_rest",
        [(u, q, sign, sign * c, sign * rest, sign * rest * rest, sign * c * rest) for u, q, c, rest in items])


# ---------------------------------------------------------------- rebuilding

def rebuild_person(conn: sqlite3.Connection, learner_id: str, guess_of: GuessOf) -> None:
    """Recompute every summary of this learner's person from the answers (in the caller's
    transaction)."""
    person = person_of(conn, learner_id)
    ids = _ids_of(conn, person)
    marks = ",".join("?" * len(ids))
    for table in ("skill_state", "daily_activity"):
        conn.execute(f"DELETE FROM {table} WHERE person_id IN ({marks})", ids)
    for pid in ids:
        _drop_tests(conn, pid)
    states: dict[str, tuple] = {}
    days: dict[str, list[int]] = {}
    for unit, question, skills, correct, at in conn.execute(
            f"SELECT lesson_id, question_id, skills, correct, answered_at FROM attempts "
            f"WHERE learner_id IN ({marks}) ORDER BY answered_at, id", ids):
        guess = guess_of(unit, question)
        for skill in dict.fromkeys(json.loads(skills or "[]")):
            states[skill] = _step(states.get(skill, (0, 0, "", 0, P_INIT, "")), bool(correct), guess, at)
        day = days.setdefault(at[:10], [0, 0])
        day[0] += 1
        day[1] += correct
    conn.executemany("INSERT INTO skill_state VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(person, skill, *state) for skill, state in states.items()])
    conn.executemany("INSERT INTO daily_activity VALUES (?, ?, ?, ?)",
                     [(person, day, n, r) for day, (n, r) in days.items()])
    for (unit,) in conn.execute(
            f"SELECT DISTINCT unit_id FROM progress WHERE learner_id IN ({marks}) AND status = 'done' "
            f"AND unit_id LIKE '%#%'", ids).fetchall():
        _rebuild_test(conn, person, ids, unit)
    conn.executemany("DELETE FROM summary_stale WHERE person_id = ?", [(i,) for i in ids])


def refresh_stale(conn: sqlite3.Connection, guess_of: GuessOf,
                  progress: Callable[[int, int], bool] | None = None) -> int:
    """Rebuild everyone marked stale, a few people per transaction (a learner answering on this
    PC meanwhile waits milliseconds, not seconds). `progress(done, total)` may return False to
    stop; what is done stays done. Returns how many were rebuilt."""
    from ecom_trainer.store.db import transaction

    stale = [r[0] for r in conn.execute("SELECT person_id FROM summary_stale")]
    for start in range(0, len(stale), 50):
        with transaction(conn):
            for learner_id in stale[start:start + 50]:
                rebuild_person(conn, learner_id, guess_of)
        if progress is not None and progress(min(start + 50, len(stale)), len(stale)) is False:
            return min(start + 50, len(stale))
    return len(stale)
