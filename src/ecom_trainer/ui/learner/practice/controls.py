"""Controls the practice pages share: a grid of big tiles to tap, and numbers typed with the
quiz's on-screen keypad (one keypad for one or several fields)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import parse_number
from ecom_trainer.ui.learner.questions import Keypad
from ecom_trainer.ui.theme import MAIN_BUTTON_PX, large_text
from ecom_trainer.ui.widgets import OptionButton, label

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"


class TileItem(NamedTuple):
    id: str
    text: str  # already translated
    image: Path | None = None
    alt: str = ""


class TileChoice(QWidget):
    """Big tiles in a grid: one to choose (`exclusive`) or any number."""

    changed = Signal()

    def __init__(self, items: Sequence[TileItem], columns: int, exclusive: bool = True, prefix: str = "tile") -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6 if large_text() else 12)
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self.buttons: dict[str, OptionButton] = {}
        self.texts: dict[str, str] = {}
        columns = max(1, min(columns, len(items)))
        for i, item in enumerate(items):
            button = OptionButton(item.text, item.image, item.alt)
            button.setObjectName(f"{prefix}_{item.id}")
            if exclusive:  # Qt tabs into a group once: tiles to tick are each their own Tab stop
                self.group.addButton(button)
            self.buttons[item.id] = button
            self.texts[item.id] = item.text or item.alt
            button.toggled.connect(lambda *_a: self.changed.emit())
            grid.addWidget(button, i // columns, i % columns)
        if not any(item.image for item in items):  # text tiles keep their height
            grid.setRowStretch(-(-len(items) // columns), 1)

    def selected(self) -> list[str]:
        return [tid for tid, b in self.buttons.items() if b.isChecked()]

    def value(self) -> str | None:
        picked = self.selected()
        return picked[0] if picked else None

    def speech_text(self) -> str:
        return "; ".join(self.texts.values())


class NumberField(NamedTuple):
    key: str
    caption: str  # what the number is, translated ("" for none)
    unit: str  # shown after the field, translated ("" when units are tapped instead)


class NumberEntry(QWidget):
    """One or more number fields with one on-screen keypad, which types into the field last
    tapped. `units` adds unit tiles to tap (g / kg) after a single field."""

    changed = Signal()

    def __init__(self, fields: Sequence[NumberField], units: Sequence[tuple[str, str]] = (), columns: int = 6) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        self.fields: dict[str, QLineEdit] = {}
        self.unit_group = QButtonGroup(self)
        self.unit_buttons: dict[str, QPushButton] = {}
        for spec in fields:
            row = QHBoxLayout()
            if spec.caption:
                caption = label(spec.caption, wrap=False)
                row.addWidget(caption)
            field = QLineEdit()
            field.setObjectName(f"field_{spec.key}")
            field.setAccessibleName(spec.caption or _("Your answer"))
            field.setMaxLength(10)
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.textChanged.connect(lambda *_a: self.changed.emit())
            field.installEventFilter(self)
            row.addWidget(field, 1)
            if spec.unit:
                row.addWidget(label(spec.unit, wrap=False))
            for unit_id, text in units if len(fields) == 1 else ():
                button = QPushButton(text)
                button.setCheckable(True)
                button.setObjectName(f"unit_{unit_id}")
                button.setAccessibleName(text)
                button.setMinimumSize(MAIN_BUTTON_PX + 16, MAIN_BUTTON_PX)
                button.toggled.connect(lambda *_a: self.changed.emit())
                self.unit_group.addButton(button)
                self.unit_buttons[unit_id] = button
                row.addWidget(button)
            outer.addLayout(row)
            self.fields[spec.key] = field
        self.hint = label(role="muted")
        self.hint.hide()  # shown only with something to say: big text needs the room
        outer.addWidget(self.hint)
        self.keypad = Keypad(next(iter(self.fields.values()), None), columns)
        outer.addWidget(self.keypad)
        outer.addStretch(1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.keypad.field = watched  # the keys type where the learner tapped last
        return False

    def select(self, key: str) -> None:
        self.keypad.field = self.fields[key]
        self.fields[key].setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self, key: str) -> float | None:
        """The number in a field; None while it is empty or not a number (the hint says which)."""
        text = self.fields[key].text().strip()
        if not text:
            return None
        try:
            value = parse_number(text)
        except ValueError:
            self.hint.setText(_("Please type only a number."))
            self.hint.show()
            return None
        self.hint.setText("")
        self.hint.hide()
        return value

    def values(self) -> dict[str, float | None]:
        return {key: self.value(key) for key in self.fields}

    def unit(self) -> str | None:
        return next((uid for uid, b in self.unit_buttons.items() if b.isChecked()), None)

    def complete(self) -> bool:
        done = all(v is not None for v in self.values().values())
        return done and (not self.unit_buttons or self.unit() is not None)
