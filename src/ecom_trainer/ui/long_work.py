"""Run long work off the GUI thread; a progress dialog appears only if it lasts over ~0.5 s.

The worker must not touch widgets. Its result (or exception) comes back to the caller, on the
GUI thread, as if the call had been made directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
SHOW_AFTER_MS = 500


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # handed to the caller below, on the GUI thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="long-work", daemon=True)
    thread.start()
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)  # a merge is one transaction: it finishes or changes nothing
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setWindowTitle(label)
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    poll.start(30)
    if thread.is_alive():
        loop.exec()
    poll.stop()
    dialog.reset()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("result")  # type: ignore[return-value]
