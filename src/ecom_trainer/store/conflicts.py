"""Record versions that lost a merge between PCs: kept for the trainer, never dropped, until the
trainer chooses. Choosing the other version makes it the newest change on this PC, so the next
exchange of progress files carries the choice to every PC."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from ecom_trainer.store.db import now, transaction
from ecom_trainer.store.device import device_id

# the tables whose records can conflict, and the columns a trainer recognises them by
EDITABLE = {"learners": ("name", "village", "birth_year", "phone", "avatar", "archived"),
            "cohorts": ("name", "plan", "starts_on", "ends_on", "archived"),
            "centres": ("name",)}


@dataclass(frozen=True)
class Conflict:
    id: str
    table: str
    row_id: str
    current: dict | None  # None: the record no longer exists here
    other: dict


def open_conflicts(conn: sqlite3.Connection) -> int:
    """How many losing versions the trainer has not looked at yet."""
    return conn.execute("SELECT COUNT(*) FROM conflicts WHERE resolved = 0").fetchone()[0]


def list_conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    found = []
    for cid, table, row_id, loser in conn.execute(
            "SELECT id, table_name, row_id, loser FROM conflicts WHERE resolved = 0 ORDER BY detected_at"):
        if table not in EDITABLE:
            continue
        columns = ", ".join(EDITABLE[table])
        row = conn.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (row_id,)).fetchone()
        current = dict(zip(EDITABLE[table], row, strict=True)) if row else None
        other = {k: v for k, v in json.loads(loser).items() if k in EDITABLE[table]}
        found.append(Conflict(cid, table, row_id, current, other))
    return found


def resolve_conflict(conn: sqlite3.Connection, conflict: Conflict, use_other: bool) -> None:
    """Keep the current version, or put the other one back as the newest change."""
    device, stamp = device_id(conn), now()
    with transaction(conn):
        if use_other and conflict.current is not None:
            columns = EDITABLE[conflict.table]
            sets = ", ".join(f"{c} = ?" for c in columns)
            conn.execute(f"UPDATE {conflict.table} SET {sets}, updated_at = ?, device_id = ? WHERE id = ?",
                         [conflict.other.get(c) for c in columns] + [stamp, device, conflict.row_id])
        conn.execute("UPDATE conflicts SET resolved = 1 WHERE id = ?", (conflict.id,))
