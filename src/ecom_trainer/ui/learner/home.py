"""Home: hello, "continue where you left off", "practice again", and the four tracks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text, ngettext
from ecom_trainer.session import LearnerSession
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import OptionButton, primary_button


class HomeScreen(Screen):
    open_track = Signal(str)
    continue_unit = Signal()
    practice_again = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.nav.home_button.setEnabled(False)
        self.continue_button = primary_button("", "next")
        self.continue_button.setObjectName("continue_button")
        self.continue_button.clicked.connect(self.continue_unit.emit)
        self.review_button = primary_button("", "star")
        self.review_button.setObjectName("review_button")
        self.review_button.clicked.connect(self.practice_again.emit)
        # side by side, or one above the other when big text would not fit two in a row
        row = QVBoxLayout() if large_text() else QHBoxLayout()
        row.addWidget(self.continue_button, 1)
        row.addWidget(self.review_button, 1)
        self.body.addLayout(row)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(20)
        self.body.addWidget(self.grid_host, 1)
        self.session: LearnerSession | None = None

    def show_session(self, session: LearnerSession) -> None:
        self.session = session
        self.nav.retranslate()
        self.nav.set_title(_("Hello, {name}!").format(name=session.learner.name))
        resume = session.continue_unit()
        self.continue_button.setVisible(resume is not None)
        if resume:
            self.continue_button.setText(_("Continue: {title}").format(title=lesson_text(resume[0].title)))
        due = len(session.review_due())
        self.review_button.setVisible(due > 0)
        self.review_button.setText(ngettext("Practice again: {n} question", "Practice again: {n} questions",
                                            due).format(n=due))
        self.review_button.setAccessibleName(self.review_button.text())
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        for i, track in enumerate(session.curriculum.tracks):
            state = session.track_state(track)
            done = len(state.lessons_done)
            status = ngettext("{done} of {total} lesson done", "{done} of {total} lessons done",
                              state.lessons_total).format(done=done, total=state.lessons_total)
            title = lesson_text(track.title)
            tile = OptionButton(f"{title}\n{status}", track.icon.path if track.icon else None, title)
            tile.setCheckable(False)
            tile.setObjectName(f"track_{track.id}")
            tile.clicked.connect(lambda _c=False, tid=track.id: self.open_track.emit(tid))
            self.grid.addWidget(tile, i // 2, i % 2)

    def help_text(self) -> str:
        return _("Tap a picture to learn about it. The big green button takes you back to where you stopped.")

    def speech_text(self) -> str:
        tracks = [lesson_text(t.title) for t in self.session.curriculum.tracks] if self.session else []
        return ". ".join([self.nav.title.text(), *tracks])

