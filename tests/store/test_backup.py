from datetime import UTC, datetime, timedelta

import pytest

from ecom_trainer.store.attempts import record_attempt
from ecom_trainer.store.backup import (
    backup_dir,
    backups_to_keep,
    list_backups,
    make_backup,
    quick_check,
    restore,
)
from ecom_trainer.store.db import DatabaseError, open_database
from ecom_trainer.store.learners import add_learner, list_learners

NOW = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)


def answer(conn, learner, n=1):
    for i in range(n):
        record_attempt(conn, learner_id=learner, track_id="t", unit_id="l", question_id=f"q{i}",
                       kind="practice", answer="a", score=1.0, correct=True, skills=["A1"])


def test_backup_is_a_whole_checked_copy_of_a_live_database(tmp_path):
    db_path = tmp_path / "ecom-trainer.sqlite3"
    conn = open_database(db_path)
    learner = add_learner(conn, "王秀英")
    answer(conn, learner, 3)
    made = make_backup(db_path, NOW)  # while the app's connection stays open (WAL)
    assert made.parent == backup_dir(db_path) and quick_check(made) == "ok"
    info, = list_backups(db_path)
    assert (info.learners, info.answers, info.ok) == (1, 3, True)
    assert not list(backup_dir(db_path).glob("*.partial"))


def test_restore_keeps_the_current_file_aside_and_loses_nothing(tmp_path):
    db_path = tmp_path / "ecom-trainer.sqlite3"
    conn = open_database(db_path)
    learner = add_learner(conn, "李建国")
    answer(conn, learner, 2)
    backup = make_backup(db_path, NOW)
    answer(conn, learner, 5)  # newer work that the restore would replace
    conn.close()
    kept = restore(db_path, backup)
    assert kept is not None and kept.exists()
    restored = open_database(db_path)
    assert restored.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 2
    aside = open_database(kept)
    assert aside.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 7  # still there


def test_a_damaged_backup_is_refused_and_changes_nothing(tmp_path):
    db_path = tmp_path / "ecom-trainer.sqlite3"
    conn = open_database(db_path)
    add_learner(conn, "张桂兰")
    conn.close()
    bad = backup_dir(db_path) / "ecom-trainer-20261129-100000.sqlite3"
    bad.parent.mkdir()
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="damaged"):
        restore(db_path, bad)
    assert db_path.read_bytes() == before
    assert list_backups(db_path)[0].ok is False


def test_a_damaged_database_is_not_backed_up(tmp_path):
    db_path = tmp_path / "ecom-trainer.sqlite3"
    db_path.write_bytes(b"not a database at all" * 50)
    with pytest.raises(DatabaseError, match="not backed up"):
        make_backup(db_path, NOW)


def days_ago(n, hour=12):
    return (NOW - timedelta(days=n)).replace(hour=hour)


def test_rotation_all_of_today_then_daily_weekly_monthly():
    today = [NOW.replace(hour=h) for h in (8, 10, 12)]
    daily = [days_ago(d, h) for d in range(1, 8) for h in (9, 17)]  # two a day for a week
    weekly = [days_ago(d) for d in range(8, 36)]  # one a day for four more weeks
    monthly = [days_ago(d) for d in range(36, 500, 10)]
    keep = backups_to_keep(today + daily + weekly + monthly, NOW)
    assert set(today) <= keep  # every backup of today
    assert {days_ago(d, 17) for d in range(1, 8)} <= keep  # the newest of each day
    assert not {days_ago(d, 9) for d in range(1, 8)} & keep
    kept_weekly = [s for s in weekly if s in keep]
    assert 4 <= len(kept_weekly) <= 5  # the newest of each week (weeks may straddle the cut)
    kept_monthly = [s for s in monthly if s in keep]
    assert len(kept_monthly) <= 12 and max(monthly) in keep
    assert min(monthly) not in keep  # older than a year


def test_rotation_deletes_files_when_backing_up(tmp_path):
    db_path = tmp_path / "ecom-trainer.sqlite3"
    open_database(db_path).close()
    for hour in (9, 17):  # two backups yesterday: only the newest stays
        make_backup(db_path, days_ago(1, hour))
    make_backup(db_path, NOW)
    names = sorted(b.made for b in list_backups(db_path))
    assert names == [days_ago(1, 17), NOW]
    assert list_learners(open_database(db_path)) == []
