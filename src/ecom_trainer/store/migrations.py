"""Numbered schema migrations. Each runs in one transaction with the user_version bump, so a
power cut leaves the database at the old version or the new one, never between.

Never edit a migration that has shipped: add the next one, and keep a database made at the
previous version as a test fixture (tests/store/fixtures/).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database

APPEND_ONLY = """
CREATE TRIGGER {table}_append_only_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END;
CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END;
"""


def _v1(db: Database) -> None:
    """The first schema: device, centres, trainers, cohorts, learners, attempts, progress, settings."""
    synced = {"device_id": str, "updated_at": str}  # rows that travel between PCs carry these
    db["device"].create({"id": str, "name": str, "created_at": str}, pk="id")
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["centres"].create({"id": str, "name": str, **synced}, pk="id", not_null={"name"})
    db["trainers"].create(
        {"id": str, "centre_id": str, "name": str, "pin_hash": str, **synced},
        pk="id",
        foreign_keys=[("centre_id", "centres", "id")],
        not_null={"pin_hash"},
    )
    db["cohorts"].create(
        {"id": str, "centre_id": str, "name": str, "plan": str, "starts_on": str, "ends_on": str,
         "archived": int, **synced},
        pk="id",
        foreign_keys=[("centre_id", "centres", "id")],
        not_null={"name"},
        defaults={"archived": 0, "plan": "[]"},
    )
    db["learners"].create(
        {"id": str, "name": str, "village": str, "birth_year": int, "phone": str, "avatar": str,
         "archived": int, "created_at": str, **synced},
        pk="id",
        not_null={"name"},
        defaults={"archived": 0, "village": "", "avatar": ""},
    )
    db["cohort_members"].create(
        {"cohort_id": str, "learner_id": str, **synced},
        pk=("cohort_id", "learner_id"),
        foreign_keys=[("cohort_id", "cohorts", "id"), ("learner_id", "learners", "id")],
    )
    # Written as SQL, not with sqlite-utils' create(): it has no CHECK constraints, and a trigger
    # checking each insert cost ~8 us per answer (0.8 s per 100,000 when merging PCs).
    db.execute("""
        CREATE TABLE attempts (
            id TEXT PRIMARY KEY,
            learner_id TEXT NOT NULL REFERENCES learners(id),
            track_id TEXT,
            lesson_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('practice', 'pre_test', 'post_test')),
            answer TEXT NOT NULL,
            score FLOAT NOT NULL CHECK (score BETWEEN 0 AND 1),
            correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
            skills TEXT,
            started_at TEXT,
            answered_at TEXT NOT NULL,
            device_id TEXT NOT NULL
        )""")
    db.executescript(APPEND_ONLY.format(table="attempts"))
    db["attempts"].create_index(["learner_id", "answered_at"])
    db["attempts"].create_index(["question_id"])
    # Where a learner is in a lesson or test: `unit_id` is a lesson id, or "<track>#pre_test".
    db["progress"].create(
        {"learner_id": str, "unit_id": str, "position": int, "status": str, "updated_at": str,
         "completed_at": str},
        pk=("learner_id", "unit_id"),
        foreign_keys=[("learner_id", "learners", "id")],
        not_null={"position", "status", "updated_at"},
    )
    db["progress"].create_index(["learner_id", "updated_at"])


def _v2(db: Database) -> None:
    """Conflicts from merging PCs: the losing version of a learner or cohort record is kept here
    for the trainer to see and resolve, never dropped. Unique per version, so importing the same
    bundle twice records nothing twice."""
    db["conflicts"].create(
        {"id": str, "table_name": str, "row_id": str, "loser": str, "loser_device": str,
         "loser_updated_at": str, "winner_device": str, "detected_at": str, "resolved": int},
        pk="id",
        not_null={"table_name", "row_id", "loser", "detected_at"},
        defaults={"resolved": 0},
    )
    db.execute("CREATE UNIQUE INDEX conflicts_version ON conflicts "
               "(table_name, row_id, loser_device, loser_updated_at)")


def _v3(db: Database) -> None:
    """One person registered on two PCs, joined by a trainer. Answers are never rewritten: the
    join is an alias, and queries for a learner include the learners joined into them."""
    db["learner_merges"].create(
        {"merged_id": str, "kept_id": str, "device_id": str, "merged_at": str},
        pk="merged_id",
        foreign_keys=[("merged_id", "learners", "id"), ("kept_id", "learners", "id")],
        not_null={"kept_id", "merged_at"},
    )
    db["learner_merges"].create_index(["kept_id"])


def _v4(db: Database) -> None:
    """Voices: a trainer's recorded narration for any lesson text (the audio file lives in the data
    directory; this row says which text and language it speaks), and learners' live-selling
    rehearsals with the trainer's rating."""
    db["recordings"].create(
        {"id": str, "lesson_id": str, "item_key": str, "language": str, "file": str,
         "duration_ms": int, "device_id": str, "updated_at": str},
        pk="id",
        not_null={"lesson_id", "item_key", "language", "file", "updated_at"},
    )
    db.execute("CREATE UNIQUE INDEX recordings_item ON recordings (lesson_id, item_key, language)")
    db["rehearsals"].create(
        {"id": str, "learner_id": str, "file": str, "duration_s": float, "checklist": str,
         "recorded_at": str, "rating": str, "rating_note": str, "rated_at": str,
         "device_id": str, "updated_at": str},
        pk="id",
        foreign_keys=[("learner_id", "learners", "id")],
        not_null={"learner_id", "recorded_at"},
        defaults={"checklist": "{}"},
    )
    db["rehearsals"].create_index(["learner_id", "recorded_at"])


def _v5(db: Database) -> None:
    """Summaries for the trainer's dashboard, kept per person (a learner and everyone joined into
    them) as answers arrive, so a school's million answers are never re-read to draw it. Each can
    be rebuilt from the answers (store/summaries.py); `summary_stale` lists people whose answers
    changed some other way (progress files, joins) and must be rebuilt before use. All start
    stale here: the first dashboard rebuilds them."""
    # One statement at a time: executescript() would COMMIT first and break this migration's
    # single transaction.
    for statement in ["\n    CREATE TABLE skill_state (person_id TEXT NOT NULL, skill TEXT NOT NULL, answers INTEGER NOT NULL,\n        right INTEGER NOT NULL, recent TEXT NOT NULL, wrong_streak INTEGER NOT NULL,\n        p_known REAL NOT NULL, last_at TEXT NOT NULL, PRIMARY KEY (person_id, skill)) WITHOUT ROWID", "\n    CREATE TABLE daily_activity (person_id TEXT NOT NULL, day TEXT NOT NULL, answers INTEGER NOT NULL,\n        right INTEGER NOT NULL, PRIMARY KEY (person_id, day)) WITHOUT ROWID", "\n    CREATE INDEX daily_activity_day ON daily_activity (day)", "\n    CREATE TABLE test_items (person_id TEXT NOT NULL, unit_id TEXT NOT NULL, question_id TEXT NOT NULL,\n        skills TEXT NOT NULL, correct INTEGER NOT NULL, rest INTEGER NOT NULL,\n        PRIMARY KEY (person_id, unit_id, question_id)) WITHOUT ROWID", "\n    CREATE TABLE test_scores (person_id TEXT NOT NULL, unit_id TEXT NOT NULL, track_id TEXT NOT NULL,\n        kind TEXT NOT NULL, right INTEGER NOT NULL, total INTEGER NOT NULL, done_at TEXT NOT NULL,\n        PRIMARY KEY (person_id, unit_id)) WITHOUT ROWID", "\n    CREATE TABLE item_sums (unit_id TEXT NOT NULL, question_id TEXT NOT NULL, takers INTEGER NOT NULL,\n        right INTEGER NOT NULL, sum_rest INTEGER NOT NULL, sum_rest2 INTEGER NOT NULL,\n        sum_right_rest INTEGER NOT NULL, PRIMARY KEY (unit_id, question_id)) WITHOUT ROWID", "\n    CREATE TABLE summary_stale (person_id TEXT PRIMARY KEY) WITHOUT ROWID", "\n    INSERT INTO summary_stale SELECT id FROM learners", "\n    "]:
        if statement.strip():
            db.execute(statement)
    db["progress"].create_index(["status", "updated_at"])


def _v6(db: Database) -> None:
    """Taking a learner out of a class leaves a stamped removal (a "tombstone") that travels to
    other PCs, so a PC that still has the membership drops it instead of bringing it back.
    Between a membership and its removal the newest change wins, as between two versions of a
    record. Adding the learner again deletes the removal."""
    # One statement (not executescript(), which would COMMIT inside this migration's transaction).
    db.execute("""
        CREATE TABLE cohort_member_removals (
            cohort_id TEXT NOT NULL REFERENCES cohorts(id),
            learner_id TEXT NOT NULL REFERENCES learners(id),
            device_id TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (cohort_id, learner_id)
        )""")


# v1 wrote this CHECK; an IN list of three or more constants makes SQLite build a small temporary
# index each time the statement runs, which cost ~1.8 us per inserted answer here (0.18 s per
# 100,000 when merging PCs). The same test written with = and OR costs nothing measurable.
KIND_CHECK_V1 = "CHECK (kind IN ('practice', 'pre_test', 'post_test'))"
KIND_CHECK = "CHECK (kind = 'practice' OR kind = 'pre_test' OR kind = 'post_test')"


def _v7(db: Database) -> None:
    """Less work per answer. Nothing queried answers by question alone, and progress is read by
    learner through its primary key (learner_id, unit_id); these two indexes only cost writes:
    a page each for every answer, and an index insert per answer merged from a bundle. Progress
    becomes one B-tree keyed by (learner, unit) instead of a table beside its key's index. The
    answers' kind check is rewritten in an equivalent form that SQLite checks faster. And the
    learner picker gets an index in its own order, so a start reads one page of learners."""
    conn = db.conn
    conn.execute("DROP INDEX IF EXISTS idx_attempts_question_id")
    conn.execute("DROP INDEX IF EXISTS idx_progress_learner_id_updated_at")
    conn.execute("""
        CREATE TABLE progress_v7 (
            learner_id TEXT NOT NULL REFERENCES learners(id),
            unit_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            status TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            completed_at TEXT,
            PRIMARY KEY (learner_id, unit_id)
        ) WITHOUT ROWID""")
    # A key may not be NULL in a WITHOUT ROWID table; our code never wrote such a place, and one
    # could not be resumed (it names no learner or no lesson).
    conn.execute("INSERT INTO progress_v7 SELECT learner_id, unit_id, position, status, updated_at, completed_at "
                 "FROM progress WHERE learner_id IS NOT NULL AND unit_id IS NOT NULL")
    conn.execute("DROP TABLE progress")  # also drops its index on (status, updated_at)
    conn.execute("ALTER TABLE progress_v7 RENAME TO progress")
    # On status alone: written when a unit is started or done, not at every answer as one holding
    # updated_at was. The dashboard's queries by status read updated_at from the rows it finds.
    conn.execute("CREATE INDEX progress_status ON progress (status)")
    # The learner picker reads one page of active learners in name order: with this index it reads
    # ten rows instead of sorting a school's 5,000 at every start (~10 ms).
    conn.execute("CREATE INDEX learners_by_name ON learners (name COLLATE NOCASE, id) WHERE archived = 0")
    rewrite_kind_check(conn)


def rewrite_kind_check(conn) -> bool:
    """The answers' kind CHECK in its faster form; False when this SQLite refuses to edit its
    schema (a build in "defensive" mode): the old check then stays, as right and only slower."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'attempts'").fetchone()[0]
    if KIND_CHECK_V1 not in sql:
        return False
    # A CHECK cannot be altered. SQLite documents editing the schema text for changes that leave the
    # stored rows as they are (https://www.sqlite.org/lang_altertable.html#otheralter); rebuilding a
    # table of a million answers would instead keep a centre waiting at the first start. The new
    # check accepts exactly what the old one did, so every stored row still satisfies it.
    cookie = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'attempts'",
                     (sql.replace(KIND_CHECK_V1, KIND_CHECK),))
        conn.execute(f"PRAGMA schema_version = {cookie + 1}")  # other connections re-read the schema
    except sqlite3.DatabaseError:  # "table sqlite_master may not be modified": nothing was changed
        return False
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    conn.execute("SELECT 1 FROM attempts LIMIT 0")  # the new schema parses (else this rolls back)
    return True


MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Apply the missing migrations up to `target` (default: newest); return the new version."""
    db = Database(conn, execute_plugins=False)
    target = len(MIGRATIONS) if target is None else target
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < target:
        with db.atomic():
            MIGRATIONS[version](db)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
    return version
