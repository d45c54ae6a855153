"""Record versions that lost a merge between PCs: kept for the trainer, never dropped."""

from __future__ import annotations

import sqlite3


def open_conflicts(conn: sqlite3.Connection) -> int:
    """How many losing versions the trainer has not looked at yet."""
    return conn.execute("SELECT COUNT(*) FROM conflicts WHERE resolved = 0").fetchone()[0]
