"""Who are you? Big picture tiles, no password. Must start fast: no sqlite_utils, no pyqtgraph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import native_name
from ecom_trainer.paths import resources_dir
from ecom_trainer.store.learners import Learner
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.theme import MAIN_BUTTON_PX, text_scale
from ecom_trainer.ui.widgets import OptionButton, icon, label

COLUMNS, ROWS = 5, 2  # ten big tiles a page: fits 1366 x 768 at every text size without scrolling
LARGE_COLUMNS = 4  # at 200 % a name of two long words needs the wider tile


def avatar_path(avatar: str, photos: Path | None = None) -> Path | None:
    """A built-in picture, or a photo the trainer took ("photos/<file>", kept in `photos`)."""
    if avatar.startswith("photos/"):
        name = avatar.removeprefix("photos/")
        if photos is None or not name or "/" in name or "\\" in name or name.startswith("."):
            return None
        path = photos / name
    else:
        path = resources_dir() / "avatars" / f"{avatar}.svg"
    return path if avatar and path.is_file() else None


class LearnerPicker(Screen):
    picked = Signal(object)  # Learner
    trainer = Signal()
    language = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.next_language = ""
        self.learners: list[Learner] = []  # the page shown
        self.total = 0  # learners on every page
        self._page_of: Callable[[int, int], tuple[list[Learner], int]] = lambda offset, limit: ([], 0)
        self.photos: Path | None = None  # the trainer's photos of learners, beside the database
        self.page = 0
        self.nav.home_button.hide()
        self.nav.back_button.hide()
        self.message = label(role="muted")
        self.body.addWidget(self.message)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(20)
        self.columns = LARGE_COLUMNS if text_scale() >= 2.0 else COLUMNS
        for column in range(self.columns):  # equal tiles: a long name wraps in its own tile instead of
            self.grid.setColumnStretch(column, 1)  # widening it and squeezing short names
        for row_ in range(ROWS):
            self.grid.setRowStretch(row_, 1)
        self.body.addWidget(self.grid_host, 1)
        row = QHBoxLayout()
        self.previous_page = QPushButton()
        self.next_page = QPushButton()
        for b in (self.previous_page, self.next_page):
            b.setMinimumHeight(MAIN_BUTTON_PX)
            b.setIconSize(QSize(36, 36))
        self.previous_page.setIcon(icon("back"))
        self.next_page.setIcon(icon("next"))
        self.previous_page.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_page.clicked.connect(lambda: self.show_page(self.page + 1))
        self.language_button = QPushButton()
        self.language_button.setObjectName("language_button")
        self.language_button.clicked.connect(self.language.emit)
        self.trainer_button = QPushButton()
        self.trainer_button.setObjectName("trainer_button")
        self.trainer_button.setIcon(icon("lock"))
        self.trainer_button.setIconSize(QSize(32, 32))
        self.trainer_button.clicked.connect(self.trainer.emit)
        row.addWidget(self.previous_page)
        row.addWidget(self.next_page)
        row.addStretch(1)
        row.addWidget(self.language_button)
        row.addWidget(self.trainer_button)
        self.body.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.nav.retranslate()
        self.nav.set_title(_("Who are you? Tap your picture."))
        self.previous_page.setText(_("More people"))
        self.next_page.setText(_("More people"))
        self.previous_page.setAccessibleName(_("Previous page"))
        self.next_page.setAccessibleName(_("Next page"))
        # Names the next language in its own words, so anyone can find theirs.
        self.language_button.setText(native_name(self.next_language))
        self.language_button.setAccessibleName(native_name(self.next_language))
        self.trainer_button.setText(_("Trainer"))
        self.trainer_button.setAccessibleName(_("Trainer"))
        self.message.setText(_("No learners yet. A trainer can add them.") if not self.total else "")
        self.message.setVisible(not self.total)  # an empty line would still take its height

    def set_learner_source(self, page_of: Callable[[int, int], tuple[list[Learner], int]]) -> None:
        """`page_of(offset, limit)` gives a page of learners and how many there are (see
        store.learners.learners_page): a page is read when it is shown."""
        self._page_of = page_of
        self.show_page(0)
        self.retranslate()

    def show_page(self, page: int) -> None:
        per_page = self.columns * ROWS
        self.learners, self.total = self._page_of(max(0, page) * per_page, per_page)
        pages = max(1, -(-self.total // per_page))
        if page >= pages:  # learners left since the page was offered: show the last one
            page = pages - 1
            self.learners, self.total = self._page_of(page * per_page, per_page)
        self.page = max(0, page)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, learner in enumerate(self.learners):
            tile = OptionButton(learner.name, avatar_path(learner.avatar, self.photos), learner.name)
            tile.setCheckable(False)
            tile.setObjectName(f"learner_{learner.id}")
            tile.setAccessibleName(learner.name)
            tile.clicked.connect(lambda _c=False, who=learner: self.picked.emit(who))
            self.grid.addWidget(tile, i // self.columns, i % self.columns)
        for i in range(len(self.learners), per_page):
            self.grid.addWidget(QWidget(), i // self.columns, i % self.columns)  # tiles the same size
        self.previous_page.setVisible(self.page > 0)
        self.next_page.setVisible(self.page < pages - 1)

    def help_text(self) -> str:
        return _("Find your own picture and tap it. If you are new, ask your trainer to add you.")
