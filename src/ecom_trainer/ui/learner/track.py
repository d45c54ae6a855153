"""One track: first the pre-test ("what do you know already?"), then its lessons, then the
post-test once every lesson is done."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ecom_trainer.content.model import Track
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.session import LearnerSession
from ecom_trainer.store import progress as progress_store
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.theme import MAIN_BUTTON_PX, large_text, text_scale
from ecom_trainer.ui.widgets import OptionButton, TilePages, icon, label, panel, primary_button


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
        self.list.setSpacing(6 if large_text() else 12)
        self.list.setContentsMargins(0, 0, 0, 0)
        # As many lessons as fit, two a row while the words allow it; the others on pages
        self.lessons = TilePages()
        self.lessons.setObjectName("lesson_pages")
        self.lessons.pages_changed.connect(self._show_page_buttons)
        self.list.addWidget(self.lessons, 1)
        pages = QHBoxLayout()
        self.previous_page = QPushButton()
        self.previous_page.setObjectName("previous_lessons")
        self.next_page = QPushButton()
        self.next_page.setObjectName("next_lessons")
        for button, name, step in ((self.previous_page, "back", -1), (self.next_page, "next", 1)):
            button.setIcon(icon(name))
            button.setIconSize(QSize(36, 36))
            button.setMinimumHeight(MAIN_BUTTON_PX)
            button.clicked.connect(lambda _c=False, step=step: self._turn(step))
        self.page_label = label(role="muted", centred=True)
        pages.addWidget(self.previous_page)
        pages.addWidget(self.page_label, 1)
        pages.addWidget(self.next_page)
        self.page_row = QWidget()
        self.page_row.setLayout(pages)
        pages.setContentsMargins(0, 0, 0, 0)
        self.list.addWidget(self.page_row)
        self.post = OptionButton("")
        self.post.setCheckable(False)
        self.post.setObjectName("start_post_test")
        self.post.clicked.connect(
            lambda: self.track and self.open_unit.emit(progress_store.test_unit(self.track.id, "post_test")))
        self.list.addWidget(self.post)
        self.post_note = label(role="muted")
        self.list.addWidget(self.post_note)
        self.body.addWidget(self.list_host, 1)
        self.end = QWidget()  # keeps the intro at the top while the list is hidden
        self.body.addWidget(self.end, 1)
        self.page_row.hide()
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
        self.list_host.setVisible(state.pre_test_done)
        self.end.setVisible(not state.pre_test_done)
        tiles = []
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
            tiles.append(tile)
        self.lessons.set_tiles(tiles, 1 if text_scale() >= 2.0 else 2)
        self.post.set_caption(_("✓ Final quiz: see what you have learned") if state.post_test_done
                              else _("Final quiz: see what you have learned"))
        self.post.setEnabled(state.post_test_open)
        self.post_note.setText(_("The final quiz opens when every lesson is done."))
        self.post_note.setVisible(not state.post_test_open)
        self._show_page_buttons()

    def _turn(self, step: int) -> None:
        self.lessons.show_page(self.lessons.page + step)
        self._show_page_buttons()

    def _show_page_buttons(self) -> None:
        pages, page = len(self.lessons.pages), self.lessons.page
        self.page_row.setVisible(pages > 1)
        self.previous_page.setEnabled(page > 0)
        self.next_page.setEnabled(page < pages - 1)
        for button, name in ((self.previous_page, _("Previous page")), (self.next_page, _("Next page"))):
            button.setText(_("More lessons"))
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.page_label.setText(_("Page {n} of {total}").format(n=page + 1, total=pages))

    def speech_text(self) -> str:
        if self.intro.isVisible():
            return f"{self.nav.title.text()}. {self.intro_text.text()}"
        return self.nav.title.text()

    def help_text(self) -> str:
        return _("Tap a lesson to start it. Lessons with a tick are done; you can do them again.")
