from __future__ import annotations

import pytest

from ecom_trainer.app import build_window
from ecom_trainer.store.demo import seed_demo


@pytest.fixture(autouse=True)
def _left_to_right_afterwards():
    """A test in a right-to-left language (ug) leaves the application mirrored: the direction is
    the whole application's, and widgets built without a window would inherit it."""
    yield
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None and QApplication.isRightToLeft():
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def window(qtbot, db, curriculum):
    seed_demo(db, curriculum)
    win = build_window(db, lambda: curriculum, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.show_picker()
    return win
