"""Widgets every learner screen shares: the navigation bar, pictures, big buttons, icons."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.content.model import Media
from ecom_trainer.i18n import gettext as _
from ecom_trainer.paths import resources_dir
from ecom_trainer.ui.theme import MAIN_BUTTON_PX, TARGET_PX


def render_svg(path: Path, size: QSize, tint: str | None = None) -> QPixmap:
    """Render an SVG (or load a PNG) at exactly `size`, keeping its aspect ratio. Cached:
    QPixmap is implicitly shared, and layouts ask for the same sizes again and again."""
    return _render_cached(path, size.width(), size.height(), tint)


@lru_cache(maxsize=256)
def _render_cached(path: Path, width: int, height: int, tint: str | None) -> QPixmap:
    size = QSize(width, height)
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if path.suffix.lower() != ".svg":
        loaded = QPixmap(str(path))
        return loaded.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return pixmap
    view = renderer.defaultSize().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    x, y = (size.width() - view.width()) // 2, (size.height() - view.height()) // 2
    renderer.render(painter, pixmap.rect().adjusted(x, y, -x, -y).toRectF())
    if tint:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), QColor(tint))
    painter.end()
    return pixmap


@cache
def icon(name: str, tint: str = "#1A1A1A") -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(render_svg(path, QSize(72, 72), tint)) if path.is_file() else QIcon()


class Picture(QLabel):
    """An illustration that scales with its space; its description is its accessible name."""

    def __init__(self, path: Path | None = None, alt: str = "", parent: QWidget | None = None,
                 tint: str | None = None) -> None:
        super().__init__(parent)
        self.tint = tint
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
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


def label(text: str = "", role: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    return widget


def primary_button(text: str, icon_name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setProperty("role", "primary")
    button.setMinimumSize(MAIN_BUTTON_PX * 2, MAIN_BUTTON_PX)
    button.setAccessibleName(text)
    if icon_name:
        button.setIcon(icon(icon_name, "#FFFFFF"))
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
        self.title = label(role="title", wrap=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.listen_button = self._button("listen", self.listen)
        self.help_button = self._button("help", self.help)
        row.addWidget(self.home_button)
        row.addWidget(self.back_button)
        row.addWidget(self.title, 1)
        row.addWidget(self.listen_button)
        row.addWidget(self.help_button)
        self.retranslate()

    def _button(self, name: str, signal: Signal) -> QToolButton:
        button = QToolButton()
        button.setProperty("role", "nav")
        button.setObjectName(f"nav_{name}")
        button.setIcon(icon(name))
        button.setIconSize(QSize(36, 36))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setMinimumSize(MAIN_BUTTON_PX, MAIN_BUTTON_PX)
        button.clicked.connect(signal.emit)
        return button

    def retranslate(self) -> None:
        for button, text in ((self.home_button, _("Home")), (self.back_button, _("Back")),
                             (self.listen_button, _("Listen")), (self.help_button, _("Help"))):
            button.setText(text)
            button.setAccessibleName(text)

    def set_title(self, text: str) -> None:
        self.title.setText(text)


class OptionButton(QPushButton):
    """A big checkable tile: wrapped text, optionally a picture above it (alt already translated)."""

    def __init__(self, text: str, picture: Media | None = None) -> None:
        super().__init__()
        self.setCheckable(True)
        self.setAccessibleName(text or (picture.alt if picture else ""))
        box = QVBoxLayout(self) if picture else QHBoxLayout(self)
        box.setContentsMargins(12, 10, 12, 10)
        self.picture = None
        if picture:
            # QPushButton's vertical policy is Fixed; a picture tile must grow with its space.
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            self.picture = Picture(picture.path, picture.alt)
            self.picture.setMinimumSize(140, 105)
            self.picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.addWidget(self.picture, 1)
        self.caption = label(text)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter if picture else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        box.addWidget(self.caption)
        if not text:
            self.caption.hide()

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))
        self.setAccessibleName(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - QPushButton ignores its layout otherwise
        return self.layout().sizeHint().expandedTo(QSize(TARGET_PX, MAIN_BUTTON_PX))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize().expandedTo(QSize(TARGET_PX, MAIN_BUTTON_PX))
