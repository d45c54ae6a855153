from __future__ import annotations

import pytest

from ecom_trainer.app import build_window
from ecom_trainer.store.demo import seed_demo


@pytest.fixture
def window(qtbot, db, curriculum):
    seed_demo(db, curriculum)
    win = build_window(db, lambda: curriculum, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.show_picker()
    return win
