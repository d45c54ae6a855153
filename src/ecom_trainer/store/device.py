"""This PC's identity: every row that can travel to another PC names the device that made it."""

from __future__ import annotations

import sqlite3

from ecom_trainer.store.db import new_id, now, transaction


def device_id(conn: sqlite3.Connection) -> str:
    """This PC's id, created on first use. Call it *before* opening a transaction."""
    row = conn.execute("SELECT id FROM device LIMIT 1").fetchone()
    if row:
        return row[0]
    import platform  # first start only: keep it off the start-up path

    device = new_id()
    with transaction(conn):
        conn.execute(
            "INSERT INTO device (id, name, created_at) VALUES (?, ?, ?)",
            (device, platform.node() or "pc", now()),
        )
    return device
