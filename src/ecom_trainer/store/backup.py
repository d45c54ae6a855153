"""Backups of the database: made with SQLite's online backup API after a quick_check, kept by a
rotation (all of today, then the newest of each day for 7 days, of each week for 4 weeks, of
each month for 12 months), and restored only after the current file has been kept aside.

Plain Python: the GUI runs `make_backup` on a worker thread; the command line calls it directly.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ecom_trainer.store.db import DatabaseError

STAMP = "%Y%m%d-%H%M%S"
DAYS, WEEKS, MONTHS = 7, 4, 12


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _backup_name(db_path: Path, when: datetime) -> str:
    return f"{db_path.stem}-{when.strftime(STAMP)}.sqlite3"


def _stamp_of(file: Path, db_path: Path) -> datetime | None:
    prefix = f"{db_path.stem}-"
    if not (file.name.startswith(prefix) and file.suffix == ".sqlite3"):
        return None
    try:
        return datetime.strptime(file.stem[len(prefix):], STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def quick_check(path: Path) -> str:
    """'ok', or what SQLite says is wrong (or why the file cannot be opened)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def make_backup(db_path: Path, now: datetime | None = None) -> Path:
    """Copy the live database (other connections may keep writing: WAL) into backups/.

    Refuses a database that fails quick_check: a damaged copy would push out a good one.
    """
    now = now or datetime.now(UTC)
    verdict = quick_check(db_path)
    if verdict != "ok":
        raise DatabaseError(f"{db_path}: not backed up, the quick check says: {verdict}")
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / _backup_name(db_path, now)
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        copy.close()
        source.close()
    os.replace(partial, target)  # atomic: a backup is whole or absent, never half-written
    rotate(db_path, now)
    return target


def backups_to_keep(stamps: list[datetime], now: datetime) -> set[datetime]:
    """The rotation: every backup of today, then the newest of each of the DAYS days before,
    of each of the WEEKS weeks before those, of each of the MONTHS months before those."""
    keep: set[datetime] = set()
    newest: dict[tuple, datetime] = {}
    today = now.date()
    for stamp in stamps:
        age = (today - stamp.date()).days
        if age <= 0:
            keep.add(stamp)
            continue
        if age <= DAYS:
            bucket: tuple = ("day", stamp.date())
        elif age <= DAYS + 7 * WEEKS:
            bucket = ("week", *stamp.isocalendar()[:2])
        elif stamp > now - timedelta(days=366):
            bucket = ("month", stamp.year, stamp.month)
        else:
            continue
        if bucket not in newest or stamp > newest[bucket]:
            newest[bucket] = stamp
    months = sorted((s for b, s in newest.items() if b[0] == "month"), reverse=True)[:MONTHS]
    keep |= {s for b, s in newest.items() if b[0] != "month"} | set(months)
    return keep


def rotate(db_path: Path, now: datetime) -> list[Path]:
    """Delete the backups the rotation does not keep; returns what was deleted."""
    files = {s: f for f in backup_dir(db_path).glob("*.sqlite3") if (s := _stamp_of(f, db_path))}
    keep = backups_to_keep(list(files), now)
    removed = []
    for stamp, file in files.items():
        if stamp not in keep:
            file.unlink(missing_ok=True)
            removed.append(file)
    return removed


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    learners: int | None  # None when the file cannot be read
    answers: int | None
    ok: bool


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Newest first, with what each holds, so a trainer can choose before anything is replaced."""
    found = []
    for file in backup_dir(db_path).glob("*.sqlite3"):
        stamp = _stamp_of(file, db_path)
        if stamp is None:
            continue
        ok = quick_check(file) == "ok"
        learners = answers = None
        if ok:
            conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
            try:
                learners = conn.execute("SELECT COUNT(*) FROM learners").fetchone()[0]
                answers = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
            except sqlite3.DatabaseError:
                ok = False
            finally:
                conn.close()
        found.append(BackupInfo(file, stamp, learners, answers, ok))
    return sorted(found, key=lambda b: b.made, reverse=True)


def set_aside(db_path: Path, reason: str, now: datetime | None = None) -> Path | None:
    """Move the database (and its WAL files) out of the way, keeping it: nothing is deleted."""
    if not db_path.exists():
        return None
    now = now or datetime.now(UTC)
    kept = db_path.with_name(f"{db_path.stem}.{reason}-{now.strftime(STAMP)}{db_path.suffix}")
    os.replace(db_path, kept)
    for extra in ("-wal", "-shm"):
        side = Path(f"{db_path}{extra}")
        if side.exists():
            os.replace(side, Path(f"{kept}{extra}"))
    return kept


def restore(db_path: Path, backup: Path) -> Path | None:
    """Put `backup` in place of the database; the current file is kept aside first.

    The caller must have closed its connections. Returns where the old file was kept.
    """
    verdict = quick_check(backup)
    if verdict != "ok":
        raise DatabaseError(f"{backup}: this backup is damaged ({verdict}); nothing was changed")
    partial = db_path.with_suffix(".restoring")
    shutil.copyfile(backup, partial)  # first the copy: a full disk now leaves everything as it was
    kept = set_aside(db_path, "before-restore")
    os.replace(partial, db_path)
    return kept
