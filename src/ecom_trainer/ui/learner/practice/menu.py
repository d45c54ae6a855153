"""Hands-on practice: one big tile per task (make a listing, pack, shipping cost, live opening,
spot the scam), each saying whether the learner has done it yet."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from ecom_trainer.content.practice import TASKS, Practice, load_practice
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.session import LearnerSession
from ecom_trainer.store.attempts import attempts_of
from ecom_trainer.ui.learner.practice.base import PracticeScreen
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import OptionButton, label


def task_screen(name: str, practice: Practice) -> PracticeScreen:
    """A new screen for one task (one module each, imported when first opened)."""
    if name == "listing":
        from ecom_trainer.ui.learner.practice.listing import ListingScreen as screen
    elif name == "packing":
        from ecom_trainer.ui.learner.practice.packing import PackingScreen as screen
    elif name == "shipping":
        from ecom_trainer.ui.learner.practice.shipping import ShippingScreen as screen
    elif name == "rehearsal":
        from ecom_trainer.ui.learner.practice.rehearsal import RehearsalScreen as screen
    elif name == "scam":
        from ecom_trainer.ui.learner.practice.scam import ScamScreen as screen
    else:
        raise KeyError(name)
    return screen(practice)


class PracticeMenu(Screen):
    open_task = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.nav.back_button.setEnabled(False)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        self.body.addWidget(self.grid_host, 1)
        self.note = label(role="muted")
        self.note.setObjectName("practice_note")
        self.body.addWidget(self.note)
        self.practice: Practice | None = None
        self.folder = None
        self.tiles: dict[str, OptionButton] = {}

    def show_session(self, session: LearnerSession) -> None:
        folder = session.curriculum.folder
        if self.practice is None or folder != self.folder:  # read once per lesson pack
            self.practice, self.folder = load_practice(folder), folder
        practice = self.practice
        self.nav.retranslate()
        self.nav.set_title(_("Hands-on practice"))
        while self.grid.count():
            old = self.grid.takeAt(0).widget()
            old.hide()
            old.deleteLater()
        self.tiles = {}
        columns = 3  # two rows: at 200 % a third row would leave the pictures no room
        for i, name in enumerate(TASKS):
            task = practice.task(name)
            if task is None:  # a mistake in practice.yaml: say so, the other tasks still work
                tile = OptionButton(_("Not available now. Ask your trainer."))
                tile.setEnabled(False)
            else:
                done = any(a.kind == "practice" for a in attempts_of(session.conn, session.learner.id,
                                                                     f"practice:{name}"))
                image = practice.images.get(name)
                status = _("✓ Done. Practise again any time.") if done else _("New")
                title = lesson_text(task.title)  # type: ignore[attr-defined]
                tile = OptionButton(f"{title}\n{status}", image.path if image else None,
                                    lesson_text(image.alt) if image else title)
                tile.setAccessibleName(f"{title}. {status}")
            tile.setCheckable(False)
            tile.setObjectName(f"task_{name}")
            tile.clicked.connect(lambda _c=False, n=name: self.open_task.emit(n))
            self.tiles[name] = tile
            self.grid.addWidget(tile, i // columns, i % columns)
        self.note.setText(_("Practise with your hands. Take your time: nothing here is a test."))
        self.note.setVisible(not large_text())  # Listen still reads it

    def speech_text(self) -> str:
        practice = self.practice
        titles = [lesson_text(t.title) for n in TASKS if practice and (t := practice.task(n))]  # type: ignore[attr-defined]
        return ". ".join([self.nav.title.text(), self.note.text(), *titles])

    def help_text(self) -> str:
        return _("Tap a picture to practise one job, step by step. You can do each one as often as you like.")
