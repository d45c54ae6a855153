"""Back up the database on close and every 10 minutes, only when data changed, off the GUI thread.

The worker opens its own read connection (WAL lets it read while the app writes), so the GUI's
connection is never shared between threads.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ecom_trainer.store.backup import backup_dir, make_backup
from ecom_trainer.store.db import DatabaseError

INTERVAL_MS = 10 * 60 * 1000
FIRST_BACKUP_MS = 5000


class AutoBackup(QObject):
    def __init__(self, conn: sqlite3.Connection, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conn, self.db_path = conn, db_path
        self.backed_up_at = conn.total_changes  # changes made by this run; none yet
        self.worker: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.in_background)
        self.timer.start(INTERVAL_MS)
        if not any(backup_dir(db_path).glob("*.sqlite3")):
            # No backup at all yet (a new PC, or the last run ended before its first one):
            # make one soon, after the picker is up.
            QTimer.singleShot(FIRST_BACKUP_MS, lambda: self.in_background(force=True))

    def write_uncounted(self, write: Callable[[], object]) -> None:
        """A bookkeeping write (the running flag) that is no reason for a backup."""
        before = self.conn.total_changes
        write()
        self.backed_up_at += self.conn.total_changes - before

    def changed(self) -> bool:
        return self.conn.total_changes != self.backed_up_at

    def in_background(self, force: bool = False) -> None:
        if not (force or self.changed()) or (self.worker and self.worker.is_alive()):
            return
        self.backed_up_at = self.conn.total_changes
        self.worker = threading.Thread(target=self._backup, name="backup", daemon=True)
        self.worker.start()

    def on_close(self) -> None:
        """At quit: wait for a running backup, then make a last one if anything changed."""
        self.timer.stop()
        if self.worker:
            self.worker.join(timeout=60)
        if self.changed():
            self.backed_up_at = self.conn.total_changes
            self._backup()

    def _backup(self) -> None:
        try:
            make_backup(self.db_path)
        except (DatabaseError, OSError, sqlite3.Error) as exc:  # never crash the lesson for it
            print(f"ecom-trainer: backup failed: {exc}", file=sys.stderr)
