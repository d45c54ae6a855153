"""Open the database durably and keep its schema current.

Only the standard `sqlite3` module is imported here: this is the start-up path, and
`import sqlite_utils` costs 110-180 ms because it pulls in numpy. Migrations (rare) import it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

SCHEMA_VERSION = 7


class DatabaseError(Exception):
    """The database file cannot be used; the message says what and where, for a person."""


_day: tuple[int, str] = (-1, "")  # (days since 1970, its date as text): gmtime once a day


def now() -> str:
    """UTC time as ISO 8601 with milliseconds: sorts as text, merges across PCs. Formatted by
    hand from `time` (this runs at every answer): `datetime` is not needed to show the picker
    (~1.3 ms to import), and gmtime costs ~3 us after the disk flush of the previous answer, so
    the date is worked out once a day and the time of day by arithmetic (Unix time counts every
    day as 86,400 s, as gmtime does)."""
    global _day
    whole, nanoseconds = divmod(time.time_ns(), 1_000_000_000)  # integers: no rounding
    day, second = divmod(whole, 86400)
    if day != _day[0]:
        _day = (day, time.strftime("%Y-%m-%d", time.gmtime(whole)))
    hour, second = divmod(second, 3600)
    minute, second = divmod(second, 60)
    return f"{_day[1]}T{hour:02d}:{minute:02d}:{second:02d}.{nanoseconds // 1_000_000:03d}Z"


def new_id() -> str:
    """A random UUID (version 4, RFC 4122 text form) for a row that may travel between PCs.
    Made from os.urandom directly: `uuid.uuid4()` costs ~2 us per answer and importing `uuid`
    pulls in `platform` (~3 ms), which the path to the learner picker does not need."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # the RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# The ids of one person: the learner and every learner a trainer joined into them (also through
# chains of joins). Use as `PERSON + " SELECT ... WHERE learner_id IN (SELECT id FROM person)"`
# with the learner's id as the first parameter.
PERSON = ("WITH RECURSIVE person(id) AS (SELECT ? UNION "
          "SELECT m.merged_id FROM learner_merges m JOIN person p ON m.kept_id = p.id)")


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection with the durability settings every part of the program relies on.

    isolation_level=None: we open transactions ourselves (BEGIN IMMEDIATE), so that nothing is
    left pending when the power fails. WAL + synchronous=FULL: a COMMIT that returned is on disk.
    """
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=10, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: this file is not a usable ecom-trainer database ({exc})") from None
    return conn


class transaction:  # noqa: N801 - used as a function: `with transaction(conn):`
    """All or nothing: BEGIN IMMEDIATE takes the write lock up front, so no deadlock midway.
    A class rather than a @contextmanager generator: every answer opens one, and a generator
    costs a few microseconds more each time."""

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> bool:
        self.conn.execute("ROLLBACK" if kind is not None else "COMMIT")
        return False  # an error goes on to the caller, after the rollback


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def open_database(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) and migrate to the newest schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    try:
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{path}: made by a newer ecom-trainer (schema {version}; this one knows "
                f"{SCHEMA_VERSION}). Install the newer program to open it."
            )
        if version < SCHEMA_VERSION:
            from ecom_trainer.store.migrations import migrate

            migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"{path}: this file is damaged or not a database ({exc})") from None
    except BaseException:
        conn.close()
        raise
    return conn


def database_file(conn: sqlite3.Connection) -> Path | None:
    """The file of the main database (None in memory): photos and recordings live beside it.
    SQLite knows it, so no path is passed around."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def folder_beside(conn: sqlite3.Connection, name: str) -> Path:
    """A folder of files that belong with the database (recordings, rehearsals, photos)."""
    file = database_file(conn)
    if file is None:
        raise ValueError(f"an in-memory database has no folder for {name}")
    return file.parent / name


def fsync_folder(folder: Path) -> None:
    """A rename is durable once its directory is flushed (POSIX; Windows has no such call)."""
    import os

    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
