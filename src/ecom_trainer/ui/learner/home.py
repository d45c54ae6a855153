"""Home: hello, "continue where you left off", "practice again", the four tracks, and hands-on
practice (a card beside the tracks; at large text a button beside "practice again", where a
fifth tile would not fit)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text, ngettext
from ecom_trainer.paths import resources_dir
from ecom_trainer.session import LearnerSession
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import OptionButton, primary_button


class HomeScreen(Screen):
    open_track = Signal(str)
    continue_unit = Signal()
    practice_again = Signal()
    open_practice = Signal()

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
        self.practice_button = primary_button("", "parcel")
        self.practice_button.setObjectName("practice_button")
        self.practice_button.clicked.connect(self.open_practice.emit)
        self.pair = QHBoxLayout()
        self.pair.addWidget(self.review_button, 1)
        self.pair.addWidget(self.practice_button, 1)
        self.practice_button.setVisible(large_text())
        row.addLayout(self.pair, 1)
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
        self._show_practice_button(due > 0)
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        tracks = session.curriculum.tracks
        columns = 2 if large_text() or len(tracks) < 4 else 3  # the tracks and the practice card
        for i, track in enumerate(tracks):
            state = session.track_state(track)
            done = len(state.lessons_done)
            status = ngettext("{done} of {total} lesson done", "{done} of {total} lessons done",
                              state.lessons_total).format(done=done, total=state.lessons_total)
            title = lesson_text(track.title)
            tile = OptionButton(f"{title}\n{status}", track.icon.path if track.icon else None, title)
            tile.setCheckable(False)
            tile.setObjectName(f"track_{track.id}")
            tile.clicked.connect(lambda _c=False, tid=track.id: self.open_track.emit(tid))
            self.grid.addWidget(tile, i // columns, i % columns)
        if not large_text():
            title = _("Hands-on practice")
            what = _("Listing, packing, shipping, live selling, scams")
            card = OptionButton(f"{title}\n{what}", resources_dir() / "illustrations" / "practice.svg", title)
            card.setCheckable(False)
            card.setObjectName("practice_card")
            card.clicked.connect(self.open_practice.emit)
            self.grid.addWidget(card, len(tracks) // columns, len(tracks) % columns)

    def _show_practice_button(self, beside_review: bool) -> None:
        """At large text: the button's words, or only its picture when it shares the row with
        'practice again' and both would not fit (the name is still read aloud)."""
        text = _("Hands-on practice")
        self.practice_button.setAccessibleName(text)
        self.practice_button.setToolTip(text)
        self.practice_button.setText(text)
        self.review_button.ensurePolished()
        self.practice_button.ensurePolished()
        room = self.window().width() - 2 * self.body.spacing() - 48
        if beside_review and self.review_button.sizeHint().width() + self.practice_button.sizeHint().width() > room:
            self.practice_button.setText("")  # the picture alone, drawn larger
        alone = not self.practice_button.text()
        self.practice_button.setIconSize(QSize(56, 56) if alone else QSize(36, 36))
        # Alone, the picture keeps its size; with words, both grow from their own widths (equal
        # halves would cut the longer one).
        self.pair.setStretchFactor(self.review_button, 1 if alone else 0)
        self.pair.setStretchFactor(self.practice_button, 0)

    def help_text(self) -> str:
        return _("Tap a picture to learn about it. The big green button takes you back to where you stopped.")

    def speech_text(self) -> str:
        tracks = [lesson_text(t.title) for t in self.session.curriculum.tracks] if self.session else []
        return ". ".join([self.nav.title.text(), *tracks, _("Hands-on practice")])

