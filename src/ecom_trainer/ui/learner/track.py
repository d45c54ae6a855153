"""One track: first the pre-test ("what do you know already?"), then its lessons, then the
post-test once every lesson is done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ecom_trainer.content.model import Track
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.session import LearnerSession
from ecom_trainer.store import progress as progress_store
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.widgets import OptionButton, label, panel, primary_button


class TrackScreen(Screen):
    open_unit = Signal(str)  # a lesson id or "<track>#pre_test"

    def __init__(self) -> None:
        super().__init__()
        self.nav.back_button.setEnabled(False)
        self.intro = panel()
        intro_box = QVBoxLayout(self.intro)
        self.intro_text = label(role="lead")
        self.start_test = primary_button("", "next")
        self.start_test.setObjectName("start_pre_test")
        self.start_test.clicked.connect(
            lambda: self.track and self.open_unit.emit(progress_store.test_unit(self.track.id, "pre_test")))
        intro_box.addWidget(self.intro_text)
        intro_box.addWidget(self.start_test)
        self.body.addWidget(self.intro)
        self.list_host = QWidget()
        self.list = QVBoxLayout(self.list_host)
        self.list.setSpacing(12)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.list_host)
        self.body.addStretch(1)
        self.track: Track | None = None

    def show_track(self, session: LearnerSession, track: Track) -> None:
        self.track = track
        self.nav.retranslate()
        self.nav.set_title(lesson_text(track.title))
        state = session.track_state(track)
        self.intro.setVisible(not state.pre_test_done)
        self.intro_text.setText(_(
            "First, a short quiz: what do you know already? Nothing is marked right or wrong. "
            "Take your time. It shows what you will learn."))
        self.start_test.setText(_("Start the quiz"))
        while self.list.count():
            item = self.list.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.list_host.setVisible(state.pre_test_done)
        for lesson in session.curriculum.lessons_of(track):
            saved = session.resume_position(session.lesson_unit(lesson.id))
            if lesson.id in state.lessons_done:
                status = _("✓ Done")
            elif saved > 0:
                status = _("Started")
            else:
                status = _("New")
            tile = OptionButton(f"{lesson_text(lesson.title)}   ·   {status}")
            tile.setCheckable(False)
            tile.setObjectName(f"lesson_{lesson.id}")
            tile.clicked.connect(lambda _c=False, lid=lesson.id: self.open_unit.emit(lid))
            self.list.addWidget(tile)
        post = OptionButton(_("✓ Final quiz: see what you have learned") if state.post_test_done
                            else _("Final quiz: see what you have learned"))
        post.setCheckable(False)
        post.setObjectName("start_post_test")
        post.setEnabled(state.post_test_open)
        post_unit = progress_store.test_unit(track.id, "post_test")
        post.clicked.connect(lambda: self.open_unit.emit(post_unit))
        self.list.addWidget(post)
        if not state.post_test_open:
            self.list.addWidget(label(_("The final quiz opens when every lesson is done."), role="muted"))
        self.list.addStretch(1)

    def speech_text(self) -> str:
        if self.intro.isVisible():
            return f"{self.nav.title.text()}. {self.intro_text.text()}"
        return self.nav.title.text()

    def help_text(self) -> str:
        return _("Tap a lesson to start it. Lessons with a tick are done; you can do them again.")
