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
