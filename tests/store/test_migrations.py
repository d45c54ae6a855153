import sqlite3

import pytest

from ecom_trainer.store import migrations
from ecom_trainer.store.db import SCHEMA_VERSION, DatabaseError, open_database, schema_version


def test_the_schema_version_matches_the_migrations():
    assert len(migrations.MIGRATIONS) == SCHEMA_VERSION


def test_migrates_an_empty_file_to_the_newest_schema(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    conn = open_database(path)
    assert schema_version(conn) == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"device", "settings", "centres", "trainers", "cohorts", "learners", "cohort_members",
            "attempts", "progress"} <= tables


def test_durability_settings(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_does_not_migrate_again(tmp_path):
    path = tmp_path / "x.sqlite3"
    open_database(path).close()
    conn = open_database(path)
    assert schema_version(conn) == SCHEMA_VERSION


def test_a_newer_database_is_refused_clearly(tmp_path):
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(DatabaseError, match="newer ecom-trainer"):
        open_database(path)


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="damaged or not a database|not a usable"):
        open_database(path)
    assert path.read_bytes() == b"this is not sqlite" * 100  # nothing changed


def test_a_failing_migration_leaves_the_old_version(tmp_path, monkeypatch):
    def broken(db):
        db["half"].create({"id": str}, pk="id")
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "MIGRATIONS", [broken])
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    with pytest.raises(RuntimeError):
        migrations.migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='half'").fetchone() is None


def _attempt(conn, kind, answer_id):
    learner = conn.execute("SELECT id FROM learners LIMIT 1").fetchone()
    if learner is None:
        conn.execute("INSERT INTO learners (id, name, created_at) VALUES ('l1', 'A', 'now')")
    conn.execute("INSERT INTO attempts (id, learner_id, lesson_id, question_id, kind, answer, score, correct, "
                 "answered_at, device_id) VALUES (?, 'l1', 'x', 'q', ?, '1', 1, 1, 'now', 'd')", (answer_id, kind))


def test_v7_keeps_the_kind_check_in_its_faster_form_and_drops_unused_indexes(tmp_path):
    path = tmp_path / "v6.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(old, target=6)
    _attempt(old, "practice", "before")
    other = sqlite3.connect(path, isolation_level=None)  # open while the schema changes
    other.execute("SELECT COUNT(*) FROM attempts").fetchone()
    assert migrations.migrate(old) == 7
    sql = old.execute("SELECT sql FROM sqlite_master WHERE name = 'attempts'").fetchone()[0]
    assert migrations.KIND_CHECK in sql and migrations.KIND_CHECK_V1 not in sql
    indexes = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "idx_attempts_question_id" not in indexes and "idx_progress_learner_id_updated_at" not in indexes
    assert "idx_attempts_learner_id_answered_at" in indexes and "progress_status" in indexes
    assert "WITHOUT ROWID" in old.execute("SELECT sql FROM sqlite_master WHERE name = 'progress'").fetchone()[0]
    for i, kind in enumerate(("practice", "pre_test", "post_test")):
        _attempt(other, kind, f"ok{i}")  # the other connection sees the new schema and its check
    for conn in (old, other):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            _attempt(conn, "exam", "bad")
    assert old.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 4
    assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


class _RefusesSchemaEdits:
    """A connection as an SQLite built in "defensive" mode behaves: sqlite_master is read-only."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, *args):
        if sql.startswith("UPDATE sqlite_master"):
            raise sqlite3.OperationalError("table sqlite_master may not be modified")
        return self.conn.execute(sql, *args)


def test_v7_keeps_the_old_kind_check_where_sqlite_refuses_schema_edits(tmp_path):
    conn = sqlite3.connect(tmp_path / "v6.sqlite3", isolation_level=None)
    migrations.migrate(conn, target=6)
    from types import SimpleNamespace

    conn.execute("BEGIN")
    assert migrations.rewrite_kind_check(_RefusesSchemaEdits(conn)) is False
    migrations._v7(SimpleNamespace(conn=_RefusesSchemaEdits(conn)))  # the rest of v7 goes through
    conn.execute("COMMIT")
    assert conn.execute("PRAGMA writable_schema").fetchone()[0] == 0
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'attempts'").fetchone()[0]
    assert migrations.KIND_CHECK_V1 in sql  # as it was: right, and only slower
    assert "WITHOUT ROWID" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'progress'").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        _attempt(conn, "exam", "bad")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
