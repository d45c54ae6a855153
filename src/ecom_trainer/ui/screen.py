"""The frame every learner screen shares: the navigation bar on top, content below."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import NavBar


class Reading(NamedTuple):
    """One thing read aloud: its text in the learner's language and, for lesson text, the unit
    and item key it comes from (content.item_keys), so a trainer's recording can speak it."""

    text: str
    unit_id: str = ""
    key: str = ""


class Screen(QWidget):
    """A learner screen. Subclasses fill `self.body` and say what Listen reads and Help explains."""

    read_aloud = Signal(object)  # a list of Reading, from a Listen control inside the screen

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        tight = large_text()  # big text needs the room more than the margins do
        outer.setContentsMargins(12 if tight else 24, 4 if tight else 16, 12 if tight else 24, 4 if tight else 20)
        outer.setSpacing(6 if tight else 16)
        self.nav = NavBar()
        outer.addWidget(self.nav)
        self.body = QVBoxLayout()
        self.body.setSpacing(6 if tight else 16)
        outer.addLayout(self.body, 1)

    def speech_text(self) -> str:
        return self.nav.title.text()

    def speech_parts(self) -> list[Reading]:
        """What the bar's Listen reads, in order (lesson text with its key)."""
        return [Reading(self.speech_text())]

    def help_text(self) -> str:
        return ""

    def default_button(self) -> QWidget | None:
        """The button Enter presses from a text field (Check my answer, say)."""
        return None

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Enter and Return press the focused button, as Space does: outside a dialog Qt leaves
        them unhandled, and keyboard users expect both. From a number field they press the
        screen's default button. (Qt is imported here: the picker's start-up must not pay for it.)"""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
            return
        focus = QApplication.focusWidget()
        target = focus if isinstance(focus, QAbstractButton) else None
        if isinstance(focus, QLineEdit):
            target = self.default_button()
        if target is not None and target.isVisible() and target.isEnabled() and self.isAncestorOf(target):
            target.click()
            event.accept()
            return
        super().keyPressEvent(event)
