"""Who are you? Big picture tiles, no password. Must start fast: no sqlite_utils, no pyqtgraph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import native_name
from ecom_trainer.paths import resources_dir
from ecom_trainer.store.learners import Learner
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.theme import BODY_PT, MAIN_BUTTON_PX, TARGET_PX, text_scale
from ecom_trainer.ui.widgets import icon, label, reading_order, render_svg, set_icon

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


# Qt::AlignmentFlag and Qt::TextFlag values, passed as the int that QPainter::drawText and
# QFontMetrics::boundingRect take: naming them would build PySide6's whole Qt namespace (~15 ms of
# the budgeted start-up; see widgets.py).
ALIGN_CENTRE, ALIGN_TOP_CENTRE = 0x0084, 0x0024  # AlignCenter, AlignHCenter | AlignTop
WORD_WRAP, WRAP_ANYWHERE = 0x1000, 0x2000  # TextWordWrap, TextWrapAnywhere


class LearnerTile(QPushButton):
    """A learner's picture with their name below, as one widget that paints both.

    Not a button holding a layout, a picture label and a caption label like the quiz's tiles:
    those cost ~10-14 ms of the budgeted start-up for a page of ten. The picture (a built-in SVG or
    a trainer's photo) is rendered when first painted, at the size painted (widgets.render_svg,
    cached): not a QIcon, whose first use in Python costs ~2 ms of PySide6 enums before the
    picker can show (widgets.set_icon), and whose engine parsed each SVG twice. The name wraps
    at word boundaries, or anywhere when a single word is wider than the tile.
    """

    BORDER, MARGIN_X, MARGIN_Y, GAP = 3, 14, 6, 6  # the stylesheet's border; the quiz tiles' margins
    MIN_PICTURE = QSize(80, 60)

    def __init__(self, name: str, picture: Path | None = None) -> None:
        super().__init__()
        self.name = name
        self.picture = picture
        self.setProperty("tile", "yes")  # the stylesheet's tile rule: no padding, a main button's height
        self.setAccessibleName(name)
        self.setToolTip(name)
        # QPushButton's vertical policy is Fixed; a tile takes its share of the page's height.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # Body text at the chosen text size, as the quiz tiles' captions: the button's own (larger)
        # font left the picture too little room for a name of three lines at 200 %. Made once: a
        # tile is rebuilt, not restyled, when the trainer changes the text size.
        self._name_font = QFont(self.font())
        self._name_font.setPointSizeF(BODY_PT * text_scale())
        self._laid_out: tuple[tuple[int, int], QRect, QRect, int] | None = None
        self.setMinimumSize(TARGET_PX, self.least_height())

    def name_font(self) -> QFont:
        return self._name_font

    def text_flags(self, width: int) -> int:
        metrics = QFontMetrics(self.name_font())
        widest_word = max((metrics.horizontalAdvance(w) for w in self.name.split()), default=0)
        return ALIGN_TOP_CENTRE | (WORD_WRAP if widest_word <= width else WRAP_ANYWHERE)

    def layout_rects(self) -> tuple[QRect, QRect, int]:
        """(picture, name, text flags) inside the border and margins: the name keeps the lines
        its words need, the picture takes what is left."""
        key = (self.width(), self.height())
        if self._laid_out is None or self._laid_out[0] != key:
            inset_x, inset_y = self.BORDER + self.MARGIN_X, self.BORDER + self.MARGIN_Y
            inner = self.rect().adjusted(inset_x, inset_y, -inset_x, -inset_y)
            flags = self.text_flags(inner.width())
            text_h = QFontMetrics(self.name_font()).boundingRect(QRect(0, 0, max(inner.width(), 1), 100_000),
                                                     flags, self.name).height() if self.name else 0
            if self.picture is None:
                name = inner
                flags = (flags & ~ALIGN_TOP_CENTRE) | ALIGN_CENTRE
                picture = QRect(inner.x(), inner.y(), 0, 0)
            else:
                name = QRect(inner.x(), inner.bottom() + 1 - text_h, inner.width(), text_h)
                top, gap = inner.y(), self.GAP
                if name.y() - gap - top < self.MIN_PICTURE.height():  # a long name at 200 %:
                    top, gap = self.BORDER + 1, 2  # the picture takes the margins before it shrinks
                picture = QRect(inner.x(), top, inner.width(), max(name.y() - gap - top, 0))
            self._laid_out = (key, picture, name, flags)
        return self._laid_out[1:]

    def least_height(self) -> int:
        """Room for the picture at its smallest and two lines of name (most names fit two at any
        text size), or one line without a picture. Set as the minimum height rather than
        returned by a sizeHint override: layouts ask for hints dozens of times while the picker
        comes up, and every call from C++ into Python costs."""
        lines = 2 if self.picture is not None else 1
        height = lines * QFontMetrics(self.name_font()).lineSpacing() + 2 * (self.BORDER + self.MARGIN_Y)
        if self.picture is not None:
            height += self.MIN_PICTURE.height() + self.GAP
        return max(MAIN_BUTTON_PX, height)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)  # the stylesheet's border, background and focus colour
        picture, name, flags = self.layout_rects()
        painter = QPainter(self)
        if self.picture is not None and not picture.isEmpty():  # centred, keeping its shape
            painter.drawPixmap(picture.topLeft(), render_svg(self.picture, picture.size()))
        # The pen is already the button's text colour (QPainter takes it from the widget's palette,
        # which the stylesheet sets). Not setPen(QColor): resolving its overloads builds the Qt
        # namespace (Qt.PenStyle is one), ~15 ms at the first paint.
        painter.setFont(self.name_font())
        painter.drawText(name, flags, reading_order(self.name))
        painter.end()


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
        self.previous_page.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_page.clicked.connect(lambda: self.show_page(self.page + 1))
        self.language_button = QPushButton()
        self.language_button.setObjectName("language_button")
        self.language_button.clicked.connect(self.language.emit)
        self.trainer_button = QPushButton()
        self.trainer_button.setObjectName("trainer_button")
        set_icon(self.trainer_button, "lock")
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
            old = self.grid.takeAt(0).widget()
            if old is not None:  # out at once (deleteLater waits for the event loop): the old page's
                old.hide()  # tiles must neither be found by name nor be painted over the new ones
                old.setParent(None)
                old.deleteLater()
        for i, learner in enumerate(self.learners):
            tile = LearnerTile(learner.name, avatar_path(learner.avatar, self.photos))
            tile.setObjectName(f"learner_{learner.id}")
            tile.clicked.connect(lambda _c=False, who=learner: self.picked.emit(who))
            self.grid.addWidget(tile, i // self.columns, i % self.columns)
        for i in range(len(self.learners), per_page):
            self.grid.addWidget(QWidget(), i // self.columns, i % self.columns)  # tiles the same size
        # The arrows get their icons when first shown: most centres have one page, and a QIcon
        # costs start-up time (widgets.set_icon); they turn right to left as any pointing icon.
        for button, name, shown in ((self.previous_page, "back", self.page > 0),
                                    (self.next_page, "next", self.page < pages - 1)):
            if shown and button.icon().isNull():
                button.setIcon(icon(name))
        self.previous_page.setVisible(self.page > 0)
        self.next_page.setVisible(self.page < pages - 1)

    def help_text(self) -> str:
        return _("Find your own picture and tap it. If you are new, ask your trainer to add you.")
