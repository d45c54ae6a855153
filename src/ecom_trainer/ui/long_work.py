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


def run_cancellable(parent: QWidget | None, label: str,
                    work: Callable[[Callable[[int, int], None], Callable[[], bool]], T]) -> T:
    """Like run_with_progress, for work that can stop safely between its steps (files written
    one by one, each complete). `work(progress, cancelled)` calls progress(done, total) as it goes
    and checks cancelled() between steps; the dialog's Stop button makes cancelled() true, and
    the work returns what it finished (its result says it stopped)."""
    from ecom_trainer.i18n import gettext as _

    stop = threading.Event()
    state = [0, 0]  # done, total: written by the worker, read by the timer below

    def progress(done: int, total: int) -> None:
        state[:] = [done, total]

    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work(progress, stop.is_set)
        except BaseException as exc:  # handed to the caller below, on the GUI thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="long-work", daemon=True)
    thread.start()
    dialog = QProgressDialog(label, _("Stop"), 0, 0, parent)
    dialog.setObjectName("long_work_progress")
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setWindowTitle(label)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(stop.set)
    loop = QEventLoop()

    def poll() -> None:
        if dialog.wasCanceled():  # cancel() and Escape do not emit canceled
            stop.set()
        done, total = state
        if total and dialog.maximum() != total:
            dialog.setMaximum(total)
        if total:
            dialog.setValue(min(done, total))
        if not thread.is_alive():
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(30)
    if thread.is_alive():
        loop.exec()
    timer.stop()
    dialog.reset()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("result")  # type: ignore[return-value]
