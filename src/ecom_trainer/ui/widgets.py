"""Widgets every learner screen shares: the navigation bar, pictures, big buttons, icons.

Start-up note: nothing on the learner picker's path touches PySide6's `Qt` namespace. Its first
use builds every Qt enum (~15 ms here, more than all our own modules); alignment comes from the
stylesheet (`qproperty-alignment`) and sizes are computed by hand instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.i18n import gettext as _
from ecom_trainer.paths import resources_dir
from ecom_trainer.ui.theme import (
    DEFAULT,
    MAIN_BUTTON_PX,
    TARGET_PX,
    current_palette,
    large_text,
    stylesheet_icons,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

TRANSPARENT = QColor(0, 0, 0, 0)


def render_svg(path: Path, size: QSize, tint: str | None = None) -> QPixmap:
    """Render an SVG (or load a PNG) at exactly `size`, keeping its aspect ratio, centred. Cached:
    QPixmap is implicitly shared, and layouts ask for the same sizes again and again."""
    return _render_cached(path, size.width(), size.height(), tint)


def _fit(width: int, height: int, into_w: int, into_h: int) -> tuple[int, int]:
    scale = min(into_w / max(width, 1), into_h / max(height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


@lru_cache(maxsize=256)
def _render_cached(path: Path, width: int, height: int, tint: str | None) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer

    pixmap = QPixmap(width, height)
    pixmap.fill(TRANSPARENT)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if path.suffix.lower() == ".svg":
        source = QSvgRenderer(str(path))
        natural = source.defaultSize() if source.isValid() else QSize(0, 0)
    else:
        source = QPixmap(str(path))
        natural = source.size()
    if natural.isEmpty():
        painter.end()
        return pixmap
    w, h = _fit(natural.width(), natural.height(), width, height)
    x, y = (width - w) // 2, (height - h) // 2
    if isinstance(source, QPixmap):
        painter.drawPixmap(x, y, w, h, source)
    else:
        source.render(painter, pixmap.rect().adjusted(x, y, -x, -y).toRectF())
    if tint:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), QColor(tint))
    painter.end()
    return pixmap


# Icons that point the way the reader goes: mirrored when the layout runs right to left (Back
# then points right, where the way back is). Play, Listen, stars and the rest never flip.
POINTING = frozenset({"back", "next"})
_pointing_keys: dict[int, tuple[str, str | None]] = {}  # QIcon.cacheKey -> (name, tint)


def set_icon(button: QAbstractButton, name: str) -> None:
    """Give a button its icon. In the default theme the icons that never turn (theme.STYLESHEET_ICONS)
    come from the stylesheet (`qproperty-icon`, by the button's `icon_name`): Qt then makes them
    in C++, and the learner picker's path never names QIcon in Python, whose first use builds
    PySide6's QIcon enums (ThemeIcon alone has 151 members: ~2 ms of the budgeted start-up)."""
    if name in stylesheet_icons(current_palette()):
        button.setProperty("icon_name", name)
    else:
        button.setIcon(icon(name))


def icon(name: str, tint: str | None = None) -> QIcon:
    """An icon from resources/icons, in the theme's text colour unless `tint` says otherwise
    (the icons are drawn dark: on the high-contrast theme's black they must be recoloured)."""
    palette = current_palette()
    if tint is None and palette is not DEFAULT:
        tint = palette.text
    return _icon(name, tint, name in POINTING and QApplication.isRightToLeft())


@cache
def _icon(name: str, tint: str | None, mirrored: bool = False) -> QIcon:
    """Untinted icons go through Qt's SVG icon engine, which renders only when and at the size an
    icon is painted (hidden buttons cost nothing)."""
    from PySide6.QtGui import QIcon  # not at the top: see set_icon

    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    if mirrored:
        from PySide6.QtGui import QTransform  # right-to-left only: not on the picker's path

        made = QIcon(render_svg(path, QSize(72, 72), tint).transformed(QTransform().scale(-1, 1)))
    else:
        made = QIcon(render_svg(path, QSize(72, 72), tint)) if tint else QIcon(str(path))
    if name in POINTING:
        _pointing_keys[made.cacheKey()] = (name, tint)
    return made


def turn_pointing_icons() -> None:
    """After the layout direction changed: every button showing a pointing icon gets the one for
    the new direction (screens built before the change keep their buttons)."""
    mirrored = QApplication.isRightToLeft()
    for widget in QApplication.allWidgets():
        if isinstance(widget, QAbstractButton):
            found = _pointing_keys.get(widget.icon().cacheKey())
            if found is not None:
                widget.setIcon(_icon(*found, mirrored))


class Picture(QLabel):
    """An illustration that scales with its space; its description is its accessible name."""

    def __init__(self, path: Path | None = None, alt: str = "", parent: QWidget | None = None,
                 tint: str | None = None) -> None:
        super().__init__(parent)
        self.tint = tint
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(120, 90)
        self._path: Path | None = None
        self.set_picture(path, alt)

    def set_picture(self, path: Path | None, alt: str = "") -> None:
        self._path = path
        self.setAccessibleName(alt)
        self.setToolTip(alt)
        self._render()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._render()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._render()

    def _render(self) -> None:
        if not self.isVisible():
            return  # rendered when shown, at its real size: not at the 640 x 480 of a new widget
        if self._path is None or self.width() < 10:
            self.clear()
            return
        self.setPixmap(render_svg(self._path, self.size(), self.tint))


class PictureBeside(QWidget):
    """A picture and its words side by side, the words taking `text_share` of the width, or more:
    when the words need more lines than the height holds, the picture gives up width to them
    (pictures shrink before text does), down to `min_picture` px. Placed by hand: a box layout
    keeps fixed stretch factors and cannot trade width for height."""

    GAP = 32

    def __init__(self, picture: Picture, text: QLabel, text_share: float,
                 min_picture: int = 240) -> None:
        super().__init__()
        self.picture, self.words = picture, text
        self.text_share, self.min_picture = text_share, min_picture
        picture.setParent(self)
        text.setParent(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.min_picture + self.GAP + 200, self.picture.minimumHeight())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(800, 400)

    def text_width(self, width: int, height: int) -> int:
        """The narrowest width from the preferred share up whose wrapped words fit `height`."""
        if self.picture.isHidden():
            return width
        widest = max(width - self.GAP - self.min_picture, 1)
        low = min(round(width * self.text_share), widest)
        if self.words.heightForWidth(low) <= height:
            return low
        high = widest
        while low < high:  # the height falls as the width grows: search for the first that fits
            middle = (low + high) // 2
            if self.words.heightForWidth(middle) <= height:
                high = middle
            else:
                low = middle + 1
        return high

    def place(self) -> None:
        width, height = self.width(), self.height()
        text_w = self.text_width(width, height)
        picture_w = width - text_w - self.GAP
        text_x, picture_x = picture_w + self.GAP, 0
        if self.isRightToLeft():
            text_x, picture_x = 0, text_w + self.GAP
        self.words.setGeometry(text_x, 0, text_w, height)
        if not self.picture.isHidden():
            self.picture.setGeometry(picture_x, 0, max(picture_w, 0), height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.place()


def paginate(heights: Sequence[int], room: int, spacing: int) -> list[list[int]]:
    """Split items of these heights into pages that each fit `room` (an item taller than the room
    gets a page of its own). Returns the item indexes of each page."""
    pages: list[list[int]] = []
    used = 0
    for i, height in enumerate(heights):
        if pages and used + spacing + height <= room:
            pages[-1].append(i)
            used += spacing + height
        else:
            pages.append([i])
            used = height
    return pages


class TilePages(QWidget):
    """Tiles in rows of `columns`, as many rows as the height holds, the others on further pages:
    a learner screen never scrolls. Placed by hand (like PictureBeside): how many rows fit is
    known only once the height is. `pages_changed` tells the screen to show its page buttons."""

    pages_changed = Signal()
    SPACING = 12

    def __init__(self) -> None:
        super().__init__()
        self.tiles: list[QWidget] = []
        self.columns = 1
        self.page = 0
        self.pages: list[list[int]] = [[]]  # the rows on each page

    def set_tiles(self, tiles: list[QWidget], columns: int) -> None:
        for old in self.tiles:  # out at once (deleteLater waits): findChild must not find them
            old.hide()
            old.setParent(None)
            old.deleteLater()
        self.tiles, self.columns, self.page = list(tiles), max(columns, 1), 0
        for tile in self.tiles:
            tile.setParent(self)
        self.place()

    def show_page(self, page: int) -> None:
        self.page = page
        self.place()

    def _row_heights(self, width: int) -> list[int]:
        def height(tile: QWidget) -> int:
            hint = tile.heightForWidth(width) if tile.hasHeightForWidth() else -1
            return max(hint, tile.sizeHint().height() if hint < 0 else 0, tile.minimumSizeHint().height(),
                       tile.minimumHeight())

        return [max(height(t) for t in self.tiles[i:i + self.columns])
                for i in range(0, len(self.tiles), self.columns)]

    def place(self) -> None:
        width = (self.width() - (self.columns - 1) * self.SPACING) // self.columns
        heights = self._row_heights(width)
        pages = paginate(heights, self.height(), self.SPACING) if heights else [[]]
        self.page = max(0, min(self.page, len(pages) - 1))
        changed = pages != self.pages
        self.pages = pages
        shown = {i for row in pages[self.page] for i in range(row * self.columns, (row + 1) * self.columns)}
        y = 0
        for row in pages[self.page]:
            for column in range(self.columns):
                i = row * self.columns + column
                if i >= len(self.tiles):
                    break
                x = column * (width + self.SPACING)
                if self.isRightToLeft():
                    x = self.width() - x - width
                self.tiles[i].setGeometry(x, y, width, heights[row])
            y += heights[row] + self.SPACING
        for i, tile in enumerate(self.tiles):
            tile.setVisible(i in shown)
        if changed:
            self.pages_changed.emit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(TARGET_PX, MAIN_BUTTON_PX)  # one row always fits; the rest go to pages

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(800, 400)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.place()


RLM = "\u200f"  # right-to-left mark
_RIGHT_TO_LEFT_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic


def reading_order(text: str) -> str:
    """Under a right-to-left layout, text in a right-to-left script reads from the right even when
    a line starts with a Latin word, a number or a sign (a line takes its direction from its first
    letter: "✗  «Best» ..." would run left to right). English alone (not yet translated) is left
    as it is."""
    if not QApplication.isRightToLeft() or not _RIGHT_TO_LEFT_SCRIPT.search(text):
        return text
    return "\n".join(line if line.startswith(RLM) else RLM + line for line in text.split("\n"))


class TextLabel(QLabel):
    """A label that never interprets its text as HTML (lesson and learner text are plain)."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        # Qt's AutoText turns text that looks like a tag into rich text; only then is the
        # (costly at start-up) Qt namespace needed to force plain text.
        if "<" in text:
            from PySide6.QtCore import Qt

            self.setTextFormat(Qt.TextFormat.PlainText)
        super().setText(reading_order(text))


def label(text: str = "", role: str = "", wrap: bool = True, centred: bool = False) -> QLabel:
    widget = TextLabel()
    widget.setText(text)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    if centred:
        widget.setProperty("align", "centre")  # the stylesheet sets the alignment
    return widget


def primary_button(text: str, icon_name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setProperty("role", "primary")
    button.setMinimumSize(MAIN_BUTTON_PX * 2, MAIN_BUTTON_PX)
    button.setAccessibleName(text)
    if icon_name:
        button.setIcon(icon(icon_name, current_palette().on_primary))
        button.setIconSize(QSize(36, 36))
    return button


def panel() -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "panel")
    return frame


class NavBar(QWidget):
    """The same bar, in the same place, on every learner screen: Home, Back, title, Listen, Help."""

    home = Signal()
    back = Signal()
    listen = Signal()
    help = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.home_button = self._button("home", self.home)
        self.back_button = self._button("back", self.back)
        self.title = label(role="navtitle", wrap=True, centred=True)
        self.listen_button = self._button("listen", self.listen)
        self.help_button = self._button("help", self.help)
        row.addWidget(self.home_button)
        row.addWidget(self.back_button)
        row.addWidget(self.title, 1)
        row.addWidget(self.listen_button)
        row.addWidget(self.help_button)
        self.retranslate()

    def _button(self, name: str, signal: Signal) -> QPushButton:
        button = QPushButton()  # icon beside text by default, unlike QToolButton
        button.setProperty("role", "nav")
        button.setObjectName(f"nav_{name}")
        set_icon(button, name)
        button.setIconSize(QSize(36, 36))
        button.setMinimumSize(MAIN_BUTTON_PX, MAIN_BUTTON_PX)
        button.clicked.connect(signal.emit)
        return button

    def retranslate(self) -> None:
        compact = large_text()  # at 150 % and more, the words would crowd out the title
        for button, text in ((self.home_button, _("Home")), (self.back_button, _("Back")),
                             (self.listen_button, _("Listen")), (self.help_button, _("Help"))):
            button.setText("" if compact else text)
            button.setToolTip(text)
            button.setAccessibleName(text)

    def set_title(self, text: str) -> None:
        self.title.setText(text)


class OptionButton(QPushButton):
    """A big checkable tile: wrapped text, optionally a picture above it (`alt` already translated).

    Clicks on the inner labels reach the button (QLabel ignores mouse presses), and the button's
    height follows its wrapped text: QWidget's heightForWidth asks the layout, and the size policy
    says so (no Python override: layouts call it constantly, and each call from C++ costs).
    """

    def __init__(self, text: str, image: Path | None = None, alt: str = "") -> None:
        super().__init__()
        self.setCheckable(True)
        self.setProperty("tile", "yes")  # its layout makes the margins (a str: see theme.py)
        self.setAccessibleName(text or alt)
        box = QVBoxLayout(self) if image else QHBoxLayout(self)
        box.setContentsMargins(14, 6, 14, 6)
        self.picture = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred,
                             # QPushButton's vertical policy is Fixed; a picture tile must grow.
                             QSizePolicy.Policy.Expanding if image else QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        if image:
            self.picture = Picture(image, alt)
            self.picture.setMinimumSize(80, 60)
            box.addWidget(self.picture, 1)
        self.caption = label(text, centred=bool(image))
        box.addWidget(self.caption)
        if not text:
            self.caption.hide()

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))
        self.setAccessibleName(text)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.picture is not None and self.caption.isVisible():
            # The picture takes the stretch; the caption keeps the lines its words need.
            margins = self.layout().contentsMargins()
            width = self.width() - margins.left() - margins.right()
            self.caption.setMinimumHeight(self.caption.heightForWidth(max(width, 1)))

    def sizeHint(self) -> QSize:  # noqa: N802 - QPushButton ignores its layout otherwise
        return self.layout().sizeHint().expandedTo(QSize(TARGET_PX, MAIN_BUTTON_PX))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize().expandedTo(QSize(TARGET_PX, MAIN_BUTTON_PX))
