"""Long work that the trainer can stop between steps (batch PDFs): the dialog's Stop button
reaches the worker, and quick work shows no dialog at all."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from ecom_trainer.ui.long_work import run_cancellable


def test_stop_reaches_the_work_between_steps(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    steps: list[int] = []
    seen: dict[str, object] = {}

    def work(progress, cancelled):
        for n in range(100):
            if cancelled():
                return "stopped", n
            progress(n, 100)
            time.sleep(0.02)
            steps.append(n)
        return "finished", 100

    def press_stop() -> None:
        dialog = parent.findChild(QProgressDialog, "long_work_progress")
        seen["visible"] = dialog.isVisible()
        seen["maximum"] = dialog.maximum()
        dialog.findChild(QPushButton).click()  # the Stop button

    QTimer.singleShot(900, press_stop)  # after the 0.5 s the dialog waits before it shows
    outcome, at = run_cancellable(parent, "Making PDFs", work)
    assert outcome == "stopped" and 0 < at < 100 and len(steps) == at
    assert seen == {"visible": True, "maximum": 100}


def test_quick_work_returns_its_result_without_a_dialog(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    shown = []
    QTimer.singleShot(0, lambda: shown.append(parent.findChild(QProgressDialog, "long_work_progress").isVisible()))
    assert run_cancellable(parent, "Quick", lambda progress, cancelled: 42) == 42
    assert shown in ([], [False])


def test_an_error_in_the_work_reaches_the_caller(qtbot):
    def work(progress, cancelled):
        raise OSError("disk full")

    try:
        run_cancellable(None, "Failing", work)
    except OSError as exc:
        assert "disk full" in str(exc)
    else:
        raise AssertionError("the error was lost")
