"""Recorded voices in one file that travels with the lesson pack (`.ecomvoices`).

The file is a zip: `manifest.json` (format, when and where it was made, and per recording its
unit, item key, language, duration, the source text it speaks, its file, size and SHA-256) and
the audio files under `audio/`. Import checks everything before it writes anything: a damaged,
oversized or tampered file, or one with paths that would leave its folder, is refused whole
with a message that names the problem. Recordings for units or texts this lesson pack does not
have are skipped and named in the report. For a text that already has a voice, the newer
recording wins by (updated_at, device_id), so importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ecom_trainer.store.db import new_id, now
from ecom_trainer.store.device import device_id
from ecom_trainer.store.recordings import (
    Recording,
    audio_path,
    list_recordings,
    recordings_folder,
    store_rows,
    write_audio,
)

FORMAT = 1
KIND = "ecom-trainer voices"
MANIFEST = "manifest.json"
SUFFIX = ".ecomvoices"
MAX_FILE_BYTES = 2 * 1024 ** 3  # the zip on disk
MAX_TOTAL_BYTES = 4 * 1024 ** 3  # all audio, unpacked
MAX_AUDIO_BYTES = 64 * 1024 ** 2  # one recording: about an hour of AAC, minutes of WAV
MAX_MANIFEST_BYTES = 16 * 1024 ** 2
MAX_ENTRIES = 50_000
MAX_RATIO = 100  # unpacked / packed for big entries: audio barely compresses, a bomb does
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$")
ENTRY = re.compile(r"^audio/[A-Za-z0-9_-]{1,64}\.(m4a|wav|ogg|mp3|flac)$")
FIELDS = {"lesson_id": str, "item_key": str, "language": str, "duration_ms": int, "file": str,
          "size": int, "sha256": str, "updated_at": str, "device_id": str, "text": str}


class VoicesError(Exception):
    """The voices file is refused and nothing was changed; the message says why, for a trainer."""


@dataclass
class VoicesReport:
    added: int = 0
    replaced: int = 0
    kept: int = 0  # this PC's recording is the same or newer
    skipped: list[str] = field(default_factory=list)  # unknown units or texts, named


# ---------------------------------------------------------------- export

def export_voices(conn: sqlite3.Connection, target: Path, texts: dict[tuple[str, str], str] | None = None,
                  language: str | None = None) -> int:
    """Write every recording (or those of one language) to `target`; returns how many.
    `texts` maps (unit id, item key) to the source text, written along for the record."""
    recordings = [r for r in list_recordings(conn, language=language) if audio_path(conn, r).is_file()]
    entries = []
    partial = target.with_name(f".{target.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for r in recordings:
                data = audio_path(conn, r).read_bytes()
                name = f"audio/{r.file}"
                archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)  # audio is packed already
                entries.append({"lesson_id": r.lesson_id, "item_key": r.item_key, "language": r.language,
                                "duration_ms": r.duration_ms, "file": name, "size": len(data),
                                "sha256": hashlib.sha256(data).hexdigest(), "updated_at": r.updated_at,
                                "device_id": r.device_id or "",
                                "text": (texts or {}).get((r.lesson_id, r.item_key), "")})
            manifest = {"format": FORMAT, "kind": KIND, "created_at": now(), "device": device_id(conn),
                        "recordings": entries}
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1),
                             compress_type=zipfile.ZIP_DEFLATED)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(entries)


# ---------------------------------------------------------------- import

def _check_archive(source: Path, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise VoicesError(f"{source.name}: holds {len(infos)} files, more than a voices file can")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        path = PurePosixPath(name)
        if name.startswith(("/", "\\")) or "\\" in name or ".." in path.parts or ":" in name:
            raise VoicesError(f"{source.name}: the path '{name}' would leave the voices folder")
        if name in by_name:
            raise VoicesError(f"{source.name}: '{name}' is in it twice")
        if info.flag_bits & 0x1:
            raise VoicesError(f"{source.name}: '{name}' is encrypted")
        limit = MAX_MANIFEST_BYTES if name == MANIFEST else MAX_AUDIO_BYTES
        if info.file_size > limit:
            raise VoicesError(f"{source.name}: '{name}' is too large ({info.file_size:,} bytes)")
        if info.file_size > 1024 ** 2 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise VoicesError(f"{source.name}: '{name}' unpacks to {info.file_size:,} bytes from "
                              f"{info.compress_size:,}: a zip bomb, not a recording")
        total += info.file_size
        by_name[name] = info
    if total > MAX_TOTAL_BYTES:
        raise VoicesError(f"{source.name}: unpacks to {total:,} bytes, more than a voices file can")
    return by_name


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The entry's bytes, never more than its header says (headers can lie) nor than `limit`."""
    seen = 0
    with archive.open(info) as f:
        while chunk := f.read(1 << 20):
            seen += len(chunk)
            if seen > min(info.file_size, limit):
                raise VoicesError(f"'{info.filename}' holds more than it declares")
            yield chunk


def _manifest(source: Path, archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> list[dict]:
    if MANIFEST not in infos:
        raise VoicesError(f"{source.name}: not a voices file (no {MANIFEST})")
    try:
        manifest = json.loads(b"".join(_read(archive, infos[MANIFEST], MAX_MANIFEST_BYTES)))
    except (ValueError, UnicodeDecodeError):
        raise VoicesError(f"{source.name}: its {MANIFEST} is damaged") from None
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise VoicesError(f"{source.name}: not a voices file")
    if manifest.get("format") != FORMAT:
        raise VoicesError(f"{source.name}: made by another version of ecom-trainer "
                          f"(format {manifest.get('format')!r}, this one reads {FORMAT})")
    entries = manifest.get("recordings")
    if not isinstance(entries, list):
        raise VoicesError(f"{source.name}: its {MANIFEST} has no list of recordings")
    return entries


def _check_entry(n: int, entry: object, infos: dict[str, zipfile.ZipInfo]) -> str | None:
    """What is wrong with one manifest entry, or None."""
    if not isinstance(entry, dict):
        return f"recording {n}: not a record"
    for name, kind in FIELDS.items():
        value = entry.get(name, "" if name in ("text", "device_id") else None)
        if not isinstance(value, kind) or isinstance(value, bool):
            return f"recording {n}: the field '{name}' is missing or not a {kind.__name__}"
    if not LANGUAGE.match(entry["language"]):
        return f"recording {n}: '{entry['language']}' is not a language code"
    if not 0 <= entry["duration_ms"] <= 3_600_000:
        return f"recording {n}: a duration of {entry['duration_ms']} ms is not possible"
    if not ENTRY.match(entry["file"]):
        return f"recording {n}: the file name '{entry['file']}' is not allowed"
    info = infos.get(entry["file"])
    if info is None:
        return f"recording {n}: its audio '{entry['file']}' is missing"
    if info.file_size != entry["size"]:
        return f"recording {n}: '{entry['file']}' has {info.file_size:,} bytes, the manifest says {entry['size']:,}"
    if not (entry["lesson_id"] and entry["item_key"] and entry["updated_at"]):
        return f"recording {n}: unit, item key and time must not be empty"
    return None


def read_voices(source: Path, known: dict[str, set[str]]) -> tuple[zipfile.ZipFile, list[dict], list[str]]:
    """Check the whole file; returns the open archive, the entries to import and the names of
    those skipped. Raises VoicesError (and closes the archive) on any problem."""
    try:
        too_large = source.stat().st_size > MAX_FILE_BYTES
        archive = None if too_large else zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise VoicesError(f"{source.name}: cannot be read as a voices file ({exc}). Nothing was changed.") from None
    if archive is None:
        raise VoicesError(f"{source.name}: too large for a voices file. Nothing was changed.")
    try:
        infos = _check_archive(source, archive)
        entries = _manifest(source, archive, infos)
        seen: set[tuple[str, str, str]] = set()
        problems, accepted, skipped = [], [], []
        for n, entry in enumerate(entries, start=1):
            problem = _check_entry(n, entry, infos)
            if problem is None:
                ident = (entry["lesson_id"], entry["item_key"], entry["language"])
                if ident in seen:
                    problem = f"recording {n}: a second voice for {'/'.join(ident)}"
                seen.add(ident)
            if problem:
                problems.append(problem)
                continue
            if entry["item_key"] not in known.get(entry["lesson_id"], ()):
                skipped.append(f"{entry['lesson_id']} {entry['item_key']} ({entry['language']})")
                continue
            digest = hashlib.sha256()
            for chunk in _read(archive, infos[entry["file"]], MAX_AUDIO_BYTES):
                digest.update(chunk)
            if digest.hexdigest() != entry["sha256"]:
                problems.append(f"recording {n}: '{entry['file']}' is damaged (its checksum differs)")
                continue
            accepted.append(entry)
        if problems:
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise VoicesError(f"{source.name}: " + "; ".join(problems[:5]) + more)
        return archive, accepted, skipped
    except VoicesError as exc:
        archive.close()
        raise VoicesError(f"{exc}. Nothing was changed.") from None
    except (OSError, zipfile.BadZipFile, RuntimeError, EOFError) as exc:  # lying headers, bad CRC
        archive.close()
        raise VoicesError(f"{source.name}: damaged ({exc}). Nothing was changed.") from None


def _hashed(chunks: Iterator[bytes], digest: hashlib._Hash) -> Iterator[bytes]:
    for chunk in chunks:
        digest.update(chunk)
        yield chunk


def import_voices(conn: sqlite3.Connection, source: Path, known: dict[str, set[str]]) -> VoicesReport:
    """Add the recordings of a voices file; `known` maps each unit id of this PC's lesson pack
    to its item keys (content.item_keys.known_keys)."""
    archive, entries, skipped = read_voices(source, known)
    report = VoicesReport(skipped=skipped)
    current = {(r.lesson_id, r.item_key, r.language): r for r in list_recordings(conn)}
    incoming: list[Recording] = []
    folder = recordings_folder(conn)
    try:
        with archive:
            for entry in entries:
                mine = current.get((entry["lesson_id"], entry["item_key"], entry["language"]))
                if mine is not None and (mine.updated_at, mine.device_id or "") >= \
                        (entry["updated_at"], entry["device_id"]):
                    report.kept += 1
                    continue
                suffix = PurePosixPath(entry["file"]).suffix
                recording = Recording(new_id(), entry["lesson_id"], entry["item_key"], entry["language"],
                                      "", entry["duration_ms"], entry["device_id"], entry["updated_at"])
                recording = recording._replace(file=f"{recording.id}{suffix}")
                incoming.append(recording)
                # checked above and checked again as it is written: the zip may change meanwhile
                digest = hashlib.sha256()
                write_audio(folder, recording.file,
                            _hashed(_read(archive, archive.getinfo(entry["file"]), MAX_AUDIO_BYTES), digest))
                if digest.hexdigest() != entry["sha256"]:
                    raise VoicesError(f"{source.name}: '{entry['file']}' changed while it was read")
                report.added += mine is None
                report.replaced += mine is not None
        store_rows(conn, incoming)  # files first, then every row in one transaction
    except BaseException as exc:
        for recording in incoming:  # no row points at them: take them away again
            (folder / recording.file).unlink(missing_ok=True)
        if isinstance(exc, VoicesError | OSError | zipfile.BadZipFile):
            raise VoicesError(f"{exc}. Nothing was changed.") from None
        raise
    return report
