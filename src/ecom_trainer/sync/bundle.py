"""Progress bundles: carry answers and records between PCs (a USB stick in a computer room).

A bundle is a zip of JSON Lines parts and a manifest (format version, schema version, device,
time range, SHA-256 per part). Import merges:
- answers are a set union by UUID: an answer is never lost or counted twice;
- learners, cohorts and memberships keep the newest change by (updated_at, device_id); the
  losing version is kept in `conflicts` for the trainer, never dropped;
- a learner taken out of a class travels as a removal of the membership: between the two the
  newest change wins the same way (a tie goes to the membership), in whichever order PCs import
  (see `_membership_wins`). Bundles made before removals existed simply have no such part;
- importing the same bundle again changes nothing.
A bundle that is damaged, tampered with, too large, from a newer format, or that holds any
invalid row is refused whole, and nothing changes.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import eq, itemgetter
from pathlib import Path

from ecom_trainer.store.db import SCHEMA_VERSION, now, transaction
from ecom_trainer.store.device import device_id
from ecom_trainer.store.summaries import mark_stale

# 1: each line of a part is a JSON object. 2: each line is a JSON array of the values in the order
# the manifest's "columns" gives; half the bytes to unpack, hash and parse (100,000 answers: 36 ->
# 20 MB). Bundles of format 1, made by earlier versions, are still read.
FORMAT = 2
MANIFEST = "manifest.json"
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
MAX_PART_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed: more than this is a zip bomb, not answers

# part -> (table, columns, primary key, required text columns)
PARTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "centres.jsonl": ("centres", ("id", "name", "device_id", "updated_at"), ("id",),
                      ("id", "name", "updated_at", "device_id")),
    "learners.jsonl": ("learners", ("id", "name", "village", "birth_year", "phone", "avatar",
                                    "archived", "created_at", "updated_at", "device_id"),
                       ("id",), ("id", "name", "updated_at", "device_id")),
    "learner_merges.jsonl": ("learner_merges", ("merged_id", "kept_id", "device_id", "merged_at"),
                             ("merged_id",), ("merged_id", "kept_id", "merged_at")),
    "cohorts.jsonl": ("cohorts", ("id", "centre_id", "name", "plan", "starts_on", "ends_on",
                                  "archived", "updated_at", "device_id"),
                      ("id",), ("id", "name", "updated_at", "device_id")),
    "cohort_members.jsonl": ("cohort_members", ("cohort_id", "learner_id", "device_id", "updated_at"),
                             ("cohort_id", "learner_id"), ("cohort_id", "learner_id")),
    "cohort_member_removals.jsonl": ("cohort_member_removals",
                                     ("cohort_id", "learner_id", "device_id", "updated_at"),
                                     ("cohort_id", "learner_id"),
                                     ("cohort_id", "learner_id", "device_id", "updated_at")),
    "attempts.jsonl": ("attempts", ("id", "learner_id", "track_id", "lesson_id", "question_id",
                                    "kind", "answer", "score", "correct", "skills", "started_at",
                                    "answered_at", "device_id"),
                       ("id",), ("id", "learner_id", "lesson_id", "question_id", "kind", "answer",
                                 "answered_at", "device_id")),
}
ORDER = ("centres.jsonl", "learners.jsonl", "learner_merges.jsonl", "cohorts.jsonl",
         "cohort_members.jsonl", "cohort_member_removals.jsonl",
         "attempts.jsonl")  # what others refer to comes first
KINDS = {"practice", "pre_test", "post_test"}


class BundleError(Exception):
    """The bundle is refused; the message says why, for a trainer."""


@dataclass
class ImportReport:
    answers_added: int = 0
    answers_known: int = 0
    records_added: int = 0
    records_updated: int = 0
    conflicts: int = 0
    details: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- export

def export_bundle(conn: sqlite3.Connection, target: Path) -> dict:
    """Write everything this database knows into one bundle file; returns the manifest."""
    parts: dict[str, bytes] = {}
    for name in ORDER:
        table, columns, key, _ = PARTS[name]
        cols = ", ".join(columns)
        rows = conn.execute(f"SELECT {cols} FROM {table} ORDER BY {', '.join(key)}")
        lines = (json.dumps(list(row), ensure_ascii=False) for row in rows)  # format 2: arrays
        parts[name] = "".join(line + "\n" for line in lines).encode()
    span = conn.execute("SELECT MIN(answered_at), MAX(answered_at) FROM attempts").fetchone()
    manifest = {
        "format": FORMAT, "schema_version": SCHEMA_VERSION, "device": device_id(conn),
        "created_at": now(), "time_range": [span[0], span[1]],
        "parts": {name: hashlib.sha256(data).hexdigest() for name, data in parts.items()},
        "columns": {name: list(PARTS[name][1]) for name in parts},
        "rows": {name: data.count(b"\n") for name, data in parts.items()},
    }
    partial = target.with_suffix(target.suffix + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(MANIFEST, json.dumps(manifest, indent=1))
        for name, data in parts.items():
            bundle.writestr(name, data)
    partial.replace(target)  # whole or absent
    return manifest


# ---------------------------------------------------------------- reading and checking

def read_bundle(source: Path) -> tuple[dict, dict[str, list[Sequence]]]:
    """Open and check a bundle completely before anything is imported. Raises BundleError.
    Returns the manifest and, per part, its rows as values in PARTS column order."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise BundleError(f"{source}: cannot be read ({exc.strerror})") from None
    if size > MAX_BUNDLE_BYTES:
        raise BundleError(f"{source}: {size:,} bytes; a bundle may be at most {MAX_BUNDLE_BYTES:,}")
    try:
        with zipfile.ZipFile(source) as bundle:
            infos = {info.filename: info for info in bundle.infolist()}
            unexpected = sorted(set(infos) - {MANIFEST, *PARTS})
            if unexpected:
                raise BundleError(f"{source}: holds files a bundle never has: {', '.join(unexpected)}")
            if MANIFEST not in infos:
                raise BundleError(f"{source}: no manifest.json: this is not a progress bundle")
            for info in infos.values():
                if info.file_size > MAX_PART_BYTES or (
                        info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                        and info.file_size > 1_000_000):
                    raise BundleError(f"{source}: {info.filename} unpacks to {info.file_size:,} bytes; refused")
            manifest = _manifest(source, _read(bundle, infos[MANIFEST]))
            rows = {}
            for name, digest in manifest["parts"].items():
                if name not in infos:
                    raise BundleError(f"{source}: the part {name} named in the manifest is missing")
                data = _read(bundle, infos[name])
                if hashlib.sha256(data).hexdigest() != digest:
                    raise BundleError(f"{source}: {name} does not match its checksum: "
                                      "damaged or changed after export")
                rows[name] = _rows(source, name, data, objects=manifest["format"] < 2)
    except zipfile.BadZipFile:
        raise BundleError(f"{source}: not a zip file, or a damaged one") from None
    return manifest, rows


def _read(bundle: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with bundle.open(info) as fh:  # read no more than declared: a lying header cannot bomb us
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise BundleError(f"{info.filename}: larger than its header says")
    return data


def _manifest(source: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise BundleError(f"{source}: manifest.json is not valid JSON") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("parts"), dict):
        raise BundleError(f"{source}: manifest.json lacks its list of parts")
    fmt = manifest.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise BundleError(f"{source}: manifest.json has no format version")
    if fmt > FORMAT:
        raise BundleError(f"{source}: made by a newer ecom-trainer (bundle format {fmt}; this one "
                          f"reads {FORMAT}). Update this PC first.")
    schema = manifest.get("schema_version")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise BundleError(f"{source}: made with a newer database (schema {schema}); update this PC first")
    unknown = set(manifest["parts"]) - set(PARTS)
    if unknown:
        raise BundleError(f"{source}: the manifest names unknown parts: {', '.join(sorted(unknown))}")
    if fmt >= 2:
        columns = manifest.get("columns")
        for name in manifest["parts"]:
            if not isinstance(columns, dict) or columns.get(name) != list(PARTS[name][1]):
                raise BundleError(f"{source}: manifest.json does not list the columns of {name} "
                                  "this ecom-trainer knows")
    return manifest


SCALAR_TYPES = frozenset({str, int, float, type(None)})


def _rows(source: Path, name: str, data: bytes, objects: bool) -> list[Sequence]:
    """The part's rows, checked, each as its values in PARTS column order. `objects`: format 1,
    a JSON object per line; else a JSON array per line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{source}: {name} is not UTF-8 text") from None
    # Lines end in "\n" only: str.splitlines() would also split at U+2028 and other separators,
    # which json.dumps(ensure_ascii=False) writes unescaped inside a learner's name. JSON text never
    # holds a raw newline (json.dumps escapes it), so every "\n" ends a line.
    body = text[:-1] if text.endswith("\n") else text
    try:  # one parse of the whole part is ~5x faster than a parse per line
        parsed = json.loads("[" + body.replace("\n", ",") + "]") if body else []
    except ValueError:
        for number, line in enumerate(body.split("\n"), start=1):  # find the line to name
            try:
                json.loads(line)
            except ValueError:
                raise BundleError(f"{source}: {name} line {number} is not valid JSON") from None
        raise BundleError(f"{source}: {name} is not valid JSON Lines") from None
    _, columns, _, _ = PARTS[name]
    # Every check runs over all rows at once, in C loops (map, set, all), and only when one fails
    # are the rows walked one by one to name the line: ~0.1 s for 100,000 answers instead of ~0.3.
    if objects:
        if not (set(map(type, parsed)) <= {dict}
                and all(map(eq, map(dict.keys, parsed), repeat(set(columns))))):
            _name_bad_line(source, name, parsed, lambda row: type(row) is dict and row.keys() == set(columns))
        rows: list[Sequence] = list(map(itemgetter(*columns), parsed))
    else:
        rows = parsed
        if not (set(map(type, rows)) <= {list} and set(map(len, rows)) <= {len(columns)}):
            _name_bad_line(source, name, rows, lambda row: type(row) is list and len(row) == len(columns))
    if not _all_valid(name, rows):
        for number, row in enumerate(rows, start=1):
            _check_row(source, name, number, row)
    return rows


def _name_bad_line(source: Path, name: str, rows: list, fits: Callable[[object], bool]) -> None:
    number = next(n for n, row in enumerate(rows, start=1) if not fits(row))
    raise BundleError(f"{source}: {name} line {number} does not have the expected fields")


def _all_valid(name: str, rows: list[Sequence]) -> bool:
    """The checks of `_check_row` over all rows at once. False: some row fails."""
    if not rows:
        return True
    _, columns, _, required = PARTS[name]
    if not set(map(type, chain.from_iterable(rows))) <= SCALAR_TYPES:
        return False
    get = itemgetter(*map(columns.index, required))  # one value for one column, else a tuple
    texts = list(map(get, rows)) if len(required) == 1 else list(chain.from_iterable(map(get, rows)))
    if set(map(type, texts)) != {str} or not all(texts):  # text, and not empty
        return False
    if name == "attempts.jsonl":
        scores = list(map(itemgetter(columns.index("score")), rows))
        return (set(map(itemgetter(columns.index("kind")), rows)) <= KINDS
                and set(map(type, scores)) <= {int, float}
                and all(0 <= s <= 1 for s in scores))  # also refuses NaN
    return True


def _check_row(source: Path, name: str, number: int, values: Sequence) -> None:
    _, columns, _, required = PARTS[name]
    row = dict(zip(columns, values, strict=True))
    if not all(type(v) in SCALAR_TYPES for v in values):
        raise BundleError(f"{source}: {name} line {number}: a field has a wrong type")
    for column in required:
        if type(row[column]) is not str or not row[column]:
            raise BundleError(f"{source}: {name} line {number}: '{column}' should be text")
    if name == "attempts.jsonl" and (row["kind"] not in KINDS or type(row["score"]) not in (int, float)
                                     or not 0 <= row["score"] <= 1):
        raise BundleError(f"{source}: {name} line {number}: not a valid answer")


# ---------------------------------------------------------------- merging

def import_bundle(conn: sqlite3.Connection, source: Path) -> ImportReport:
    """Merge a bundle into this database, all or nothing."""
    # The cyclic garbage collector paused while 100,000s of rows are parsed and merged: they make
    # no cycles, and each collection would walk every object the program holds (in the app, Qt's
    # and the lessons'): ~0.1 s of a 100,000-answer import.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import_bundle(conn, source)
    finally:
        if collecting:
            gc.enable()


def _import_bundle(conn: sqlite3.Connection, source: Path) -> ImportReport:
    manifest, parts = read_bundle(source)
    report = ImportReport()
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB while merging: index pages stay in memory
    try:
        with transaction(conn):
            for name in ORDER:
                if name not in parts:
                    continue
                if name == "attempts.jsonl":  # as rows: there can be 100,000s
                    _merge_answers(conn, parts[name], report)
                    continue
                records = [dict(zip(PARTS[name][1], row, strict=True)) for row in parts[name]]
                if name == "cohort_member_removals.jsonl":
                    _merge_removals(conn, records, report)
                else:
                    _merge_records(conn, name, records, report)
    except sqlite3.IntegrityError as exc:
        raise BundleError(f"{source}: refers to learners, cohorts or centres it does not contain "
                          f"({exc}); nothing was imported") from None
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")
    report.details.append(f"from device {manifest.get('device')}, made {manifest.get('created_at')}")
    return report


def _merge_answers(conn: sqlite3.Connection, rows: list[Sequence], report: ImportReport) -> None:
    _, columns, _, _ = PARTS["attempts.jsonl"]
    # A set union by UUID. Known answers are skipped before inserting: an insert, even one
    # that is then ignored, runs the CHECK constraints and the foreign-key check first.
    known = _known_ids(conn, list(map(itemgetter(0), rows)))  # id is the first column
    new = [row for row in rows if row[0] not in known] if known else rows
    # Inserted in the bundle's order (by id, as exported), so the primary-key index grows at
    # its end; sorting by learner for the other index measured slower, sort included.
    sql = (f"INSERT OR IGNORE INTO attempts ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    before = conn.total_changes
    conn.executemany(sql, new)
    added = conn.total_changes - before
    report.answers_added += added
    # Answers from elsewhere, in any time order: the dashboard rebuilds these people's summaries.
    mark_stale(conn, set(map(itemgetter(1), new)))  # learner_id
    report.answers_known += len(rows) - added


def _known_ids(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    """Which of these answer ids the database holds. Reading all its ids costs ~0.7 us each, looking
    one up ~4.5 us (1,000,000 answers): read all unless it holds many more than the bundle."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: no sqlite3.Row per id
    held = cursor.execute("SELECT max(rowid) FROM attempts").fetchone()[0] or 0  # append-only: the count
    if held <= 5 * len(ids):
        return set(ids).intersection(r[0] for r in cursor.execute("SELECT id FROM attempts")) if held else set()
    known: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        known.update(r[0] for r in cursor.execute(
            f"SELECT id FROM attempts WHERE id IN ({', '.join('?' for _ in chunk)})", chunk))
    return known


def _merge_records(conn: sqlite3.Connection, name: str, rows: list[dict], report: ImportReport) -> None:
    """Newest change wins by (updated_at, device_id); the loser is kept as a conflict."""
    table, columns, key, _ = PARTS[name]
    where = " AND ".join(f"{k} = ?" for k in key)
    for row in rows:
        current = conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {where}",
                               [row[k] for k in key]).fetchone()
        if table == "learner_merges":
            mark_stale(conn, [row["merged_id"], row["kept_id"]])
        if table == "cohort_members" and not _beats_removal(conn, row):
            continue
        if current is None:
            conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                         [row[c] for c in columns])
            report.records_added += 1
            continue
        mine = dict(zip(columns, current, strict=True))
        if mine == row:
            continue
        theirs_wins = (row.get("updated_at") or "", row.get("device_id") or "") > \
            (mine.get("updated_at") or "", mine.get("device_id") or "")
        winner, loser = (row, mine) if theirs_wins else (mine, row)
        if theirs_wins:
            sets = ", ".join(f"{c} = ?" for c in columns if c not in key)
            conn.execute(f"UPDATE {table} SET {sets} WHERE {where}",
                         [row[c] for c in columns if c not in key] + [row[k] for k in key])
            report.records_updated += 1
        before = conn.total_changes
        conn.execute(
            "INSERT OR IGNORE INTO conflicts (id, table_name, row_id, loser, loser_device, "
            "loser_updated_at, winner_device, detected_at, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (_conflict_id(table, loser), table, "/".join(str(row[k]) for k in key),
             json.dumps(loser, ensure_ascii=False), loser.get("device_id"), loser.get("updated_at"),
             winner.get("device_id"), now()))
        report.conflicts += conn.total_changes - before


Stamp = tuple[str, str]  # (updated_at, device_id): the later one is the newer change


def _stamp(row: dict) -> Stamp:
    return (row["updated_at"] or "", row["device_id"] or "")


def _held(conn: sqlite3.Connection, table: str, pair: tuple[str, str]) -> Stamp | None:
    """The stamp of this PC's membership or removal of the pair, or None."""
    found = conn.execute(f"SELECT coalesce(updated_at, ''), coalesce(device_id, '') FROM {table} "
                         "WHERE cohort_id = ? AND learner_id = ?", pair).fetchone()
    return (found[0], found[1]) if found is not None else None


def _membership_wins(membership: Stamp, removal: Stamp) -> bool:
    """The one rule between a membership and a removal of the same pair: the newest change by
    (updated_at, device_id) wins, a tie goes to the membership. A PC keeps at most one of the
    two per pair, the winner of all it has seen, so the result is the same whichever order
    parts and PCs are imported in."""
    return membership >= removal


def _beats_removal(conn: sqlite3.Connection, membership: dict) -> bool:
    """Whether a membership from a bundle may be merged: not when this PC has a newer removal of
    the pair. An older removal is deleted, and the membership is then merged as usual."""
    pair = (membership["cohort_id"], membership["learner_id"])
    removal = _held(conn, "cohort_member_removals", pair)
    if removal is None:
        return True
    if not _membership_wins(_stamp(membership), removal):
        return False
    conn.execute("DELETE FROM cohort_member_removals WHERE cohort_id = ? AND learner_id = ?", pair)
    return True


def _merge_removals(conn: sqlite3.Connection, rows: list[dict], report: ImportReport) -> None:
    """A removal newer than this PC's membership of the pair ends it, and is kept (replacing an
    older removal) so that it travels on; otherwise it is ignored. Not a conflict for the
    trainer: a removal that loses was undone by a later change."""
    _, columns, _, _ = PARTS["cohort_member_removals.jsonl"]
    sql = (f"INSERT OR REPLACE INTO cohort_member_removals ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    for row in rows:
        pair, theirs = (row["cohort_id"], row["learner_id"]), _stamp(row)
        member = _held(conn, "cohort_members", pair)
        if member is not None and _membership_wins(member, theirs):
            continue
        mine = _held(conn, "cohort_member_removals", pair)
        if mine is not None and mine >= theirs:
            continue
        if member is not None:
            conn.execute("DELETE FROM cohort_members WHERE cohort_id = ? AND learner_id = ?", pair)
        conn.execute(sql, [row[c] for c in columns])
        if member is None and mine is None:
            report.records_added += 1
        else:
            report.records_updated += 1


def _conflict_id(table: str, loser: dict) -> str:
    return hashlib.sha256(f"{table}|{json.dumps(loser, sort_keys=True)}".encode()).hexdigest()[:32]


def possible_duplicates(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """Learners who may be one person registered on two PCs (same name and village, different
    ids): (name, id, other id). Offered to the trainer; never merged silently."""
    return [tuple(r) for r in conn.execute(
        "SELECT a.name, a.id, b.id FROM learners a JOIN learners b ON a.id < b.id "
        "AND lower(trim(a.name)) = lower(trim(b.name)) AND lower(trim(a.village)) = lower(trim(b.village)) "
        "WHERE a.archived = 0 AND b.archived = 0 "
        "AND a.id NOT IN (SELECT merged_id FROM learner_merges) "
        "AND b.id NOT IN (SELECT merged_id FROM learner_merges) ORDER BY a.name")]

