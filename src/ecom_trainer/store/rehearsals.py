"""Live-selling rehearsals: a learner's recorded opening, their self-check, and the trainer's
rating given later (table `rehearsals`, schema v4).

The audio lives in a `rehearsals/` folder beside the database file, named by the rehearsal's id;
the row keeps only that name, so the folder can move with the database. The recorder writes a
take under a hidden temporary name in the same folder; saving renames it into place and flushes
the folder *before* the row is committed, so a power cut leaves at worst a file without a row
(swept by `remove_unsaved_takes`), never a row without its file.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from ecom_trainer.store.db import PERSON, folder_beside, fsync_folder, new_id, now, transaction
from ecom_trainer.store.device import device_id

FOLDER = "rehearsals"
TAKE = ".take-"
AUDIO_SUFFIXES = (".m4a", ".wav", ".ogg", ".mp3", ".flac")
FILE_NAME = re.compile(r"^[0-9a-f-]{36}\.(m4a|wav|ogg|mp3|flac)$")
COLUMNS = ("id", "learner_id", "file", "duration_s", "checklist", "recorded_at", "rating", "rating_note",
           "rated_at", "device_id", "updated_at")


class RehearsalRecord(NamedTuple):
    id: str
    learner_id: str
    file: str | None  # a name in the rehearsals folder; None when nothing was recorded
    duration_s: float
    checklist: dict[str, bool]  # item id -> ticked, from the learner's self-check
    recorded_at: str
    rating: dict[str, object] | None  # the trainer's, once rated
    rating_note: str
    rated_at: str | None


def _record(row: sqlite3.Row) -> RehearsalRecord:
    def as_json(text: str | None) -> dict | None:
        try:
            value = json.loads(text) if text else None
        except ValueError:  # a damaged field reads as empty, never as a crash
            return None
        return value if isinstance(value, dict) else None

    return RehearsalRecord(row["id"], row["learner_id"], row["file"], float(row["duration_s"] or 0.0),
                           as_json(row["checklist"]) or {}, row["recorded_at"], as_json(row["rating"]),
                           row["rating_note"] or "", row["rated_at"])


def rehearsals_folder(conn: sqlite3.Connection) -> Path:
    return folder_beside(conn, FOLDER)


def take_path(conn: sqlite3.Connection, suffix: str = ".m4a") -> Path:
    """Where the recorder writes a new take: inside the folder, so saving is a rename."""
    if suffix not in AUDIO_SUFFIXES:
        raise ValueError(f"not an audio file suffix: {suffix}")
    folder = rehearsals_folder(conn)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{TAKE}{new_id()}{suffix}"


def save_rehearsal(conn: sqlite3.Connection, learner_id: str, take: Path | None, duration_s: float,
                   checklist: Mapping[str, bool] | None = None) -> str:
    """Keep a rehearsal: the take (from `take_path`) moves into place, then its row is committed.
    Returns the rehearsal's id."""
    rehearsal_id, stamp, device = new_id(), now(), device_id(conn)
    name = None
    if take is not None:
        suffix = take.suffix.lower()
        if suffix not in AUDIO_SUFFIXES or not take.is_file():
            raise ValueError(f"{take.name}: no audio file to keep")
        name = f"{rehearsal_id}{suffix}"
        folder = rehearsals_folder(conn)
        folder.mkdir(parents=True, exist_ok=True)
        os.replace(take, folder / name)
        fsync_folder(folder)
    with transaction(conn):
        conn.execute(
            f"INSERT INTO rehearsals ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            (rehearsal_id, learner_id, name, max(0.0, float(duration_s)), _checklist_json(checklist or {}),
             stamp, None, "", None, device, stamp))
    return rehearsal_id


def _checklist_json(checklist: Mapping[str, bool]) -> str:
    return json.dumps({str(k): bool(v) for k, v in checklist.items()}, ensure_ascii=False, sort_keys=True)


def set_checklist(conn: sqlite3.Connection, rehearsal_id: str, checklist: Mapping[str, bool]) -> None:
    """The learner's self-check, ticked after the recording."""
    device = device_id(conn)
    with transaction(conn):
        conn.execute("UPDATE rehearsals SET checklist = ?, device_id = ?, updated_at = ? WHERE id = ?",
                     (_checklist_json(checklist), device, now(), rehearsal_id))


def rate_rehearsal(conn: sqlite3.Connection, rehearsal_id: str, rating: Mapping[str, object],
                   note: str = "") -> None:
    """The trainer's rating (for example {"stars": 4}) and a short note; rating again replaces it."""
    try:
        text = json.dumps(dict(rating), ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        raise ValueError("a rating holds names with numbers, yes/no or text") from None
    device, stamp = device_id(conn), now()
    with transaction(conn):
        changed = conn.execute(
            "UPDATE rehearsals SET rating = ?, rating_note = ?, rated_at = ?, device_id = ?, updated_at = ? "
            "WHERE id = ?", (text, note.strip(), stamp, device, stamp, rehearsal_id)).rowcount
    if not changed:
        raise KeyError(f"no rehearsal {rehearsal_id}")


def get_rehearsal(conn: sqlite3.Connection, rehearsal_id: str) -> RehearsalRecord | None:
    row = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM rehearsals WHERE id = ?", (rehearsal_id,)).fetchone()
    return _record(row) if row else None


def rehearsals_of(conn: sqlite3.Connection, learner_id: str) -> list[RehearsalRecord]:
    """One person's rehearsals (learners joined into them included), newest first."""
    return [_record(r) for r in conn.execute(
        PERSON + f" SELECT {', '.join(COLUMNS)} FROM rehearsals WHERE learner_id IN (SELECT id FROM person) "
        "ORDER BY recorded_at DESC, id", (learner_id,))]


def unrated_rehearsals(conn: sqlite3.Connection) -> list[RehearsalRecord]:
    """Recordings waiting for the trainer to listen to, oldest first."""
    return [_record(r) for r in conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM rehearsals WHERE rated_at IS NULL AND file IS NOT NULL "
        "ORDER BY recorded_at, id")]


def audio_path(conn: sqlite3.Connection, rehearsal: RehearsalRecord) -> Path | None:
    """The audio file of a rehearsal, or None when there is none (a name that could lead out of
    the folder, as a hostile progress file might bring, is never followed)."""
    if not rehearsal.file or not FILE_NAME.match(rehearsal.file):
        return None
    path = rehearsals_folder(conn) / rehearsal.file
    return path if path.is_file() else None


def remove_unsaved_takes(conn: sqlite3.Connection) -> int:
    """Delete takes that were never saved (the program stopped mid-recording). Returns how many."""
    try:
        folder = rehearsals_folder(conn)
    except ValueError:
        return 0
    if not folder.is_dir():
        return 0
    gone = 0
    for path in folder.glob(f"{TAKE}*"):
        path.unlink(missing_ok=True)
        gone += 1
    return gone
