"""One input widget per question type. Everything is tapped, nothing dragged: older hands find
dragging hard. Each widget reports `answer()` in the shape `assess.scoring` expects, or None
while the learner has not answered yet.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.content.model import Choice, Question
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text, parse_number
from ecom_trainer.ui.theme import MAIN_BUTTON_PX, TARGET_PX
from ecom_trainer.ui.widgets import OptionButton, label

CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def option_button(choice: Choice) -> OptionButton:
    """A tile for an option, item or pair side, in the learner's language."""
    image = choice.image
    return OptionButton(lesson_text(choice.text), image.path if image else None,
                        lesson_text(image.alt) if image else "")


def unit_name(unit: str) -> str:
    return {"yuan": _("yuan"), "kg": _("kg"), "g": _("g"), "cm": _("cm"), "cm3": _("cm³"),
            "day": _("days"), "piece": _("pieces")}.get(unit, unit)


class QuestionInput(QWidget):
    changed = Signal()

    def __init__(self, question: Question, seed: str) -> None:
        super().__init__()
        self.question = question
        self.rng = random.Random(f"{seed}/{question.id}")  # same order when the learner resumes

    def answer(self) -> object | None:
        raise NotImplementedError

    def lock(self) -> None:
        for child in self.findChildren(QPushButton) + self.findChildren(QLineEdit):
            child.setEnabled(False)

    def speech_text(self) -> str:
        return ""


class ChoiceInput(QuestionInput):
    """single_choice, picture_choice (exclusive) and multiple_choice (any number)."""

    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        self.multiple = question.type == "multiple_choice"
        pictures = any(o.image for o in question.options)
        grid = QGridLayout(self)
        grid.setSpacing(16)
        columns = min(len(question.options), 3) if pictures else (2 if len(question.options) > 3 else 1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.buttons: dict[str, OptionButton] = {}
        for i, option in enumerate(question.options):
            button = option_button(option)
            button.setObjectName(f"option_{option.id}")
            self.group.addButton(button)
            self.buttons[option.id] = button
            button.toggled.connect(lambda *_: self.changed.emit())
            grid.addWidget(button, i // columns, i % columns)

    def answer(self) -> object | None:
        picked = [oid for oid, b in self.buttons.items() if b.isChecked()]
        if self.multiple:
            return picked or None
        return picked[0] if picked else None

    def speech_text(self) -> str:
        return "; ".join(b.accessibleName() for b in self.buttons.values())


class TrueFalseInput(QuestionInput):
    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        row = QHBoxLayout(self)
        row.setSpacing(24)
        self.group = QButtonGroup(self)
        self.buttons: dict[bool, OptionButton] = {}
        for value, text in ((True, _("✓  True")), (False, _("✗  False"))):
            button = OptionButton(text)
            button.setObjectName(f"option_{str(value).lower()}")
            button.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.group.addButton(button)
            self.buttons[value] = button
            button.toggled.connect(lambda *_: self.changed.emit())
            row.addWidget(button)

    def answer(self) -> object | None:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)


class OrderInput(QuestionInput):
    """Items in a shuffled list; ▲ and ▼ move an item. The first screen order is never the answer."""

    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        self.items: dict[str, Choice] = {o.id: o for o in question.options}
        self.order = list(self.items)
        while len(self.order) > 1 and self.order == list(question.answer):  # type: ignore[arg-type]
            self.rng.shuffle(self.order)
        self.rows = QVBoxLayout(self)
        self.rows.setSpacing(10)
        self.row_widgets: list[tuple[QLabel, QPushButton, QPushButton]] = []
        for i in range(len(self.order)):
            row = QHBoxLayout()
            text = label()
            up, down = QPushButton("▲"), QPushButton("▼")
            text.setProperty("role", "lead")
            for button, step, name in ((up, -1, _("Move up")), (down, 1, _("Move down"))):
                button.setMinimumSize(MAIN_BUTTON_PX, TARGET_PX + 8)
                button.setAccessibleName(name)
                button.setObjectName(f"{'up' if step < 0 else 'down'}_{i}")
                button.clicked.connect(lambda _c=False, i=i, step=step: self.move(i, step))
            row.addWidget(text, 1)
            row.addWidget(up)
            row.addWidget(down)
            self.rows.addLayout(row)
            self.row_widgets.append((text, up, down))
        self._refresh()

    def move(self, index: int, step: int) -> None:
        target = index + step
        if 0 <= target < len(self.order):
            self.order[index], self.order[target] = self.order[target], self.order[index]
            self._refresh()
            self.changed.emit()

    def _refresh(self) -> None:
        for i, (text, up, down) in enumerate(self.row_widgets):
            text.setText(f"{CIRCLED[i]}  {lesson_text(self.items[self.order[i]].text)}")
            up.setEnabled(i > 0)
            down.setEnabled(i < len(self.order) - 1)

    def answer(self) -> object | None:
        return list(self.order)

    def speech_text(self) -> str:
        return "; ".join(lesson_text(self.items[i].text) for i in self.order)


class NumericInput(QuestionInput):
    """A big field with the unit beside it, and an on-screen keypad for those who avoid keyboards."""

    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        field_row = QHBoxLayout()
        self.field = QLineEdit()
        self.field.setObjectName("numeric_field")
        self.field.setAccessibleName(_("Your answer"))
        self.field.setMaxLength(12)
        self.field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.field.textChanged.connect(lambda *_: self.changed.emit())
        field_row.addWidget(self.field, 1)
        field_row.addWidget(label(unit_name(question.unit), wrap=False))
        left.addLayout(field_row)
        self.hint = label(role="muted")
        left.addWidget(self.hint)
        left.addStretch(1)
        outer.addLayout(left, 1)
        pad = QGridLayout()
        pad.setSpacing(8)
        keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "0", ".", "⌫"]
        for i, key in enumerate(keys):
            button = QPushButton(key)
            button.setObjectName(f"key_{'back' if key == '⌫' else key}")
            button.setAccessibleName(_("Delete") if key == "⌫" else key)
            button.setMinimumSize(MAIN_BUTTON_PX + 8, MAIN_BUTTON_PX)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            pad.addWidget(button, i // 3, i % 3)
        outer.addLayout(pad)

    def press(self, key: str) -> None:
        text = self.field.text()
        self.field.setText(text[:-1] if key == "⌫" else text + key)

    def answer(self) -> object | None:
        text = self.field.text().strip()
        if not text:
            self.hint.setText("")
            return None
        try:
            value = parse_number(text)
        except ValueError:
            self.hint.setText(_("Please type only a number."))
            return None
        self.hint.setText("")
        return value


class MatchInput(QuestionInput):
    """Tap a thing on the left, then its partner on the right; both get the same number."""

    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(12)
        self.pairs: dict[str, str] = {}  # left id -> right id
        self.left_buttons: dict[str, OptionButton] = {}
        self.right_buttons: dict[str, OptionButton] = {}
        rights = [right for _, right in question.pairs]
        self.rng.shuffle(rights)
        self.left_group = QButtonGroup(self)
        for row, (left, _right) in enumerate(question.pairs):
            button = option_button(left)
            button.setObjectName(f"left_{left.id}")
            self.left_group.addButton(button)
            self.left_buttons[left.id] = button
            grid.addWidget(button, row, 0)
        for row, right in enumerate(rights):
            button = option_button(right)
            button.setObjectName(f"right_{right.id}")
            button.setCheckable(False)
            button.clicked.connect(lambda _c=False, rid=right.id: self.pick_right(rid))
            self.right_buttons[right.id] = button
            grid.addWidget(button, row, 1)
        self.left_texts = {lid: b.caption.text() for lid, b in self.left_buttons.items()}
        self.right_texts = {rid: b.caption.text() for rid, b in self.right_buttons.items()}

    def pick_right(self, right_id: str) -> None:
        left = next((lid for lid, b in self.left_buttons.items() if b.isChecked()), None)
        if left is None:
            return
        self.pairs = {lid: rid for lid, rid in self.pairs.items() if rid != right_id}
        self.pairs[left] = right_id
        self.left_group.setExclusive(False)
        self.left_buttons[left].setChecked(False)
        self.left_group.setExclusive(True)
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        numbers = {lid: CIRCLED[i] for i, lid in enumerate(self.left_buttons)}
        for lid, button in self.left_buttons.items():
            mark = numbers[lid] + "  " if lid in self.pairs else ""
            button.set_caption(mark + self.left_texts[lid])
        partner = {rid: lid for lid, rid in self.pairs.items()}
        for rid, button in self.right_buttons.items():
            mark = numbers[partner[rid]] + "  " if rid in partner else ""
            button.set_caption(mark + self.right_texts[rid])

    def answer(self) -> object | None:
        return dict(self.pairs) if len(self.pairs) == len(self.left_buttons) else None


INPUTS: dict[str, type[QuestionInput]] = {
    "single_choice": ChoiceInput,
    "picture_choice": ChoiceInput,
    "multiple_choice": ChoiceInput,
    "true_false": TrueFalseInput,
    "order": OrderInput,
    "numeric": NumericInput,
    "match": MatchInput,
}


def make_input(question: Question, seed: str) -> QuestionInput:
    return INPUTS[question.type](question, seed)
