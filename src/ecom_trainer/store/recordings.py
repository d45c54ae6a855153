"""A trainer's recorded voices: one audio file per (unit, item key, language).

The audio lives in a `recordings/` folder beside the database file, named by the recording's
id; the `recordings` table says which text and language it speaks (item keys:
content.item_keys). Durability: a file is written under a temporary name, flushed, renamed into
place and its folder flushed *before* its row is committed, so a power cut can leave a file
without a row (swept later by `remove_orphans`), never a row without its file. Replacing a
recording makes a new row and file; the old file goes after the commit.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ecom_trainer.store.db import folder_beside, fsync_folder, new_id, now, transaction
from ecom_trainer.store.device import device_id

FOLDER = "recordings"
AUDIO_SUFFIXES = (".m4a", ".wav", ".ogg", ".mp3", ".flac")
FILE_NAME = re.compile(r"^[0-9a-f-]{36}\.(m4a|wav|ogg|mp3|flac)$")
PARTIAL = ".partial"
TAKE = ".take-"
COLUMNS = ("id", "lesson_id", "item_key", "language", "file", "duration_ms", "device_id", "updated_at")


class Recording(NamedTuple):
    id: str
    lesson_id: str  # a lesson id, or a track's test ("listing#pre_test")
    item_key: str  # see content.item_keys
    language: str
    file: str  # a name in the recordings folder
    duration_ms: int
    device_id: str
    updated_at: str


def recordings_folder(conn: sqlite3.Connection) -> Path:
    return folder_beside(conn, FOLDER)


def audio_path(conn: sqlite3.Connection, recording: Recording) -> Path:
    return recordings_folder(conn) / recording.file


def write_audio(folder: Path, name: str, chunks: Iterable[bytes]) -> Path:
    """Write a file whole or not at all: temporary name, flush, rename, flush the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / name
    partial = folder / f".{name}{PARTIAL}"
    try:
        with open(partial, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_folder(folder)
    return final


def _file_chunks(source: Path, size: int = 1 << 20) -> Iterable[bytes]:
    with open(source, "rb") as f:
        while chunk := f.read(size):
            yield chunk


def find_recording(conn: sqlite3.Connection, lesson_id: str, item_key: str, language: str) -> Recording | None:
    """The recording filed under exactly this language, if any."""
    row = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM recordings WHERE lesson_id = ? AND item_key = ? "
                       "AND language = ?", (lesson_id, item_key, language)).fetchone()
    return Recording(*row) if row else None


def voice_for(conn: sqlite3.Connection, lesson_id: str, item_key: str, language: str) -> Path | None:
    """The audio to play for a text in `language`: a recording in exactly that language first,
    then one in the same language without or with another region (zh for zh_CN, zh_CN for zh);
    never another language. None when there is none or its file is missing."""
    base = language.split("_")[0]
    rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM recordings WHERE lesson_id = ? AND item_key = ?",
                        (lesson_id, item_key))
    found = [Recording(*r) for r in rows if r["language"].split("_")[0] == base]
    found.sort(key=lambda r: (r.language != language, r.language != base, r.language))
    folder = recordings_folder(conn)
    for recording in found:
        path = folder / recording.file
        if path.is_file():
            return path
    return None


def list_recordings(conn: sqlite3.Connection, lesson_id: str | None = None,
                    language: str | None = None) -> list[Recording]:
    sql, args = f"SELECT {', '.join(COLUMNS)} FROM recordings WHERE 1", []
    if lesson_id is not None:
        sql, args = sql + " AND lesson_id = ?", [*args, lesson_id]
    if language is not None:
        sql, args = sql + " AND language = ?", [*args, language]
    return [Recording(*r) for r in conn.execute(sql + " ORDER BY lesson_id, item_key, language", args)]


def save_recording(conn: sqlite3.Connection, lesson_id: str, item_key: str, language: str,
                   source: Path, duration_ms: int, remove_source: bool = False) -> Recording:
    """Store a copy of `source` as the voice of this text in this language, replacing any
    earlier one; `remove_source` deletes it once stored (a take from `take_path`)."""
    suffix = source.suffix.lower()
    if suffix not in AUDIO_SUFFIXES:
        raise ValueError(f"{source.name}: not an audio file this program plays ({', '.join(AUDIO_SUFFIXES)})")
    recording = Recording(new_id(), lesson_id, item_key, language, "", max(0, int(duration_ms)),
                          device_id(conn), now())
    recording = recording._replace(file=f"{recording.id}{suffix}")
    write_audio(recordings_folder(conn), recording.file, _file_chunks(source))
    store_rows(conn, [recording])
    if remove_source:
        source.unlink(missing_ok=True)
    return recording


def store_rows(conn: sqlite3.Connection, recordings: list[Recording]) -> None:
    """Commit rows whose files are already in place, each replacing the row of its text and
    language, in one transaction; the replaced files are removed after the commit."""
    replaced: list[str] = []
    with transaction(conn):
        for r in recordings:
            old = conn.execute("SELECT file FROM recordings WHERE lesson_id = ? AND item_key = ? AND language = ?",
                               (r.lesson_id, r.item_key, r.language)).fetchone()
            if old is not None:
                conn.execute("DELETE FROM recordings WHERE lesson_id = ? AND item_key = ? AND language = ?",
                             (r.lesson_id, r.item_key, r.language))
                replaced.append(old[0])
            conn.execute(f"INSERT INTO recordings ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                         tuple(r))
    _remove_files(conn, replaced)


def delete_recording(conn: sqlite3.Connection, recording_id: str) -> bool:
    """Delete a recording: the row first (then nothing points at the file), then its file."""
    row = conn.execute("SELECT file FROM recordings WHERE id = ?", (recording_id,)).fetchone()
    if row is None:
        return False
    with transaction(conn):
        conn.execute("DELETE FROM recordings WHERE id = ?", (recording_id,))
    _remove_files(conn, [row[0]])
    return True


def _remove_files(conn: sqlite3.Connection, names: list[str]) -> None:
    folder = recordings_folder(conn)
    in_use = {r[0] for r in conn.execute("SELECT file FROM recordings")}
    for name in names:
        if name not in in_use and FILE_NAME.match(name):  # never a path out of the folder
            # the row is gone: a file that will not go is an orphan for remove_orphans
            with contextlib.suppress(OSError):
                (folder / name).unlink(missing_ok=True)


def remove_orphans(conn: sqlite3.Connection) -> int:
    """Delete audio files no row points at, and half-written files (left by a power cut).
    Returns how many files went."""
    folder = recordings_folder(conn)
    if not folder.is_dir():
        return 0
    in_use = {r[0] for r in conn.execute("SELECT file FROM recordings")}
    gone = 0
    for path in folder.iterdir():
        unfinished = path.name.startswith(".") and (path.name.endswith(PARTIAL) or path.name.startswith(TAKE))
        if unfinished or (FILE_NAME.match(path.name) and path.name not in in_use):
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def take_path(conn: sqlite3.Connection, suffix: str) -> Path:
    """Where the recorder writes a new take: inside the folder (no copy across disks), under a
    name `remove_orphans` sweeps if the program stops before the take is saved."""
    folder = recordings_folder(conn)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{TAKE}{new_id()}{suffix}"
