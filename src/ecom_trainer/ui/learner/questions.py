"""One input widget per question type. Everything is tapped, nothing dragged: older hands find
dragging hard. Each widget reports `answer()` in the shape `assess.scoring` expects, or None
while the learner has not answered yet.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
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

from ecom_trainer.content.item_keys import choice_key, pair_key
from ecom_trainer.content.model import Choice, Question
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text, parse_number
from ecom_trainer.ui.screen import Reading
from ecom_trainer.ui.theme import MAIN_BUTTON_PX, TARGET_PX, large_text, text_scale
from ecom_trainer.ui.widgets import OptionButton, Picture, icon, label, panel

CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def columns_for(choices: list[Choice] | tuple[Choice, ...]) -> int:
    """Pictures and short answers side by side (up to 3), long answers one or two per row:
    fewer rows leave room for big text."""
    short = all(len(lesson_text(c.text)) <= 20 / text_scale() for c in choices)
    if any(c.image for c in choices) or short:
        return min(len(choices), 3)
    return 2 if len(choices) > 3 else 1


def option_button(choice: Choice) -> OptionButton:
    """A tile for an option, item or pair side, in the learner's language."""
    image = choice.image
    return OptionButton(lesson_text(choice.text), image.path if image else None,
                        lesson_text(image.alt) if image else "")


def listen_button(reading: Callable[[], Reading], emit: Callable[[list[Reading]], None]) -> QPushButton:
    """The Listen control of one option or item: reads just that text (in the trainer's
    recorded voice when there is one); `emit` sends it on towards the audio service."""
    button = QPushButton()
    button.setIcon(icon("listen"))
    button.setIconSize(QSize(32, 32))
    button.setMinimumSize(TARGET_PX, TARGET_PX)
    button.setStyleSheet("padding: 2px;")  # icon only: the words beside it need the width
    button.setToolTip(_("Listen"))
    name_listen(button, reading().text)
    button.clicked.connect(lambda: emit([reading()]))
    return button


def name_listen(button: QPushButton, text: str) -> None:
    button.setAccessibleName(_("Listen: {text}").format(text=text))


def listen_room() -> bool:
    """Whether options and items get Listen buttons of their own. At 200 % text the words need
    every pixel of width: there a tap on an option reads it, and the bar's Listen reads all."""
    return text_scale() < 2.0


def option_cell(tile: OptionButton, reading: Callable[[], Reading], emit: Callable[[list[Reading]], None],
                name: str) -> QWidget:
    """An option tile with its own Listen close beside it (so it is clear which it reads)."""
    if not listen_room():
        tile.clicked.connect(lambda: emit([reading()]))
        return tile
    button = listen_button(reading, emit)
    button.setObjectName(name)
    cell = QWidget()
    row = QHBoxLayout(cell)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(tile, 1)
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
    return cell


def unit_name(unit: str) -> str:
    return {"yuan": _("yuan"), "kg": _("kg"), "g": _("g"), "cm": _("cm"), "cm3": _("cm³"),
            "day": _("days"), "piece": _("pieces")}.get(unit, unit)


class QuestionInput(QWidget):
    changed = Signal()
    read_aloud = Signal(object)  # readings (without their unit) from an option's own Listen

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

    def speech_parts(self) -> list[Reading]:
        """The options after the prompt, each keyed (the unit is added by QuizView)."""
        return []


class ChoiceInput(QuestionInput):
    """single_choice, picture_choice (exclusive) and multiple_choice (any number)."""

    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        self.multiple = question.type == "multiple_choice"
        grid = QGridLayout(self)
        grid.setSpacing(16)
        columns = columns_for(question.options)
        # One choice: a group, Tab enters it and the arrow keys move within (like radio buttons).
        # Any number: no group, so that Tab stops at every option (Qt tabs into a group once).
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, OptionButton] = {}
        for i, option in enumerate(question.options):
            button = option_button(option)
            button.setObjectName(f"option_{option.id}")
            if not self.multiple:
                self.group.addButton(button)
            self.buttons[option.id] = button
            button.toggled.connect(lambda *_: self.changed.emit())
            cell = option_cell(button, lambda o=option: self.reading(o), self.read_aloud.emit, f"listen_{option.id}")
            grid.addWidget(cell, i // columns, i % columns)
        if not any(o.image for o in question.options):  # text tiles keep their height
            grid.setRowStretch(-(-len(question.options) // columns), 1)

    def answer(self) -> object | None:
        picked = [oid for oid, b in self.buttons.items() if b.isChecked()]
        if self.multiple:
            return picked or None
        return picked[0] if picked else None

    def speech_text(self) -> str:
        return "; ".join(b.accessibleName() for b in self.buttons.values())

    def reading(self, option: Choice) -> Reading:
        text = lesson_text(option.text) or lesson_text(option.image.alt if option.image else "")
        return Reading(text, "", choice_key(self.question, option))

    def speech_parts(self) -> list[Reading]:
        return [self.reading(o) for o in self.question.options]


class TrueFalseInput(QuestionInput):
    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        row.setSpacing(24)
        outer.addLayout(row)
        outer.addStretch(1)
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
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4 if large_text() else 10)
        self.row_widgets: list[tuple[QLabel, QPushButton, QPushButton]] = []
        self.row_listens: list[QPushButton] = []
        for i in range(len(self.order)):
            row = QHBoxLayout()
            text = label()
            up, down = QPushButton(), QPushButton()
            for button, step, name in ((up, -1, _("Move up")), (down, 1, _("Move down"))):
                # Arrows drawn as icons, not as ▲ ▼ in the text size: at 200 % those glyphs made
                # every row taller than its words and the last rows fell off the screen.
                button.setIcon(icon("move-up" if step < 0 else "move-down"))
                button.setIconSize(QSize(36, 36))
                button.setStyleSheet("padding: 2px;")
                button.setMinimumSize(MAIN_BUTTON_PX, TARGET_PX)
                button.setAccessibleName(name)
                button.setToolTip(name)
                button.setObjectName(f"{'up' if step < 0 else 'down'}_{i}")
                button.clicked.connect(lambda _c=False, i=i, step=step: self.move(i, step))
            row.addWidget(text, 1)
            if listen_room():
                listen = listen_button(lambda i=i: self.reading(i), self.read_aloud.emit)
                listen.setObjectName(f"listen_{i}")
                self.row_listens.append(listen)
                row.addWidget(listen)
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
            if self.row_listens:
                name_listen(self.row_listens[i], self.reading(i).text)
            up.setEnabled(i > 0)
            down.setEnabled(i < len(self.order) - 1)

    def answer(self) -> object | None:
        return list(self.order)

    def speech_text(self) -> str:
        return "; ".join(lesson_text(self.items[i].text) for i in self.order)

    def reading(self, row: int) -> Reading:
        """The item now in `row` (the learner moves them)."""
        item = self.items[self.order[row]]
        return Reading(lesson_text(item.text), "", choice_key(self.question, item))

    def speech_parts(self) -> list[Reading]:
        return [self.reading(i) for i in range(len(self.order))]


class Keypad(QWidget):
    """Big number keys that type into a field (also used by the hands-on practice screens).

    Two wide rows rather than a phone's 4 x 3 by default: a centre PC's screen is wide, not tall,
    and at 200 % text a tall keypad would push the question off the screen. The keys take no
    focus, so the field keeps it and a keyboard types straight into it.
    """

    KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", ".", "⌫")

    def __init__(self, field: QLineEdit | None = None, columns: int = 6) -> None:
        super().__init__()
        self.field = field
        pad = QGridLayout(self)
        pad.setContentsMargins(0, 0, 0, 0)
        pad.setSpacing(8)
        for i, key in enumerate(self.KEYS):
            button = QPushButton(key)
            button.setObjectName(f"key_{'back' if key == '⌫' else key}")
            button.setAccessibleName(_("Delete") if key == "⌫" else key)
            button.setMinimumSize(MAIN_BUTTON_PX + 8, MAIN_BUTTON_PX)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            pad.addWidget(button, i // columns, i % columns)

    def press(self, key: str) -> None:
        if self.field is None or not self.field.isEnabled():
            return
        text = self.field.text()
        self.field.setText(text[:-1] if key == "⌫" else text + key)


class NumericInput(QuestionInput):
    """A big field with the unit beside it, and an on-screen keypad for those who avoid keyboards."""

    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        outer = QVBoxLayout(self)
        field_row = QHBoxLayout()
        self.field = QLineEdit()
        self.field.setObjectName("numeric_field")
        self.field.setAccessibleName(_("Your answer"))
        self.field.setMaxLength(12)
        self.field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.field.textChanged.connect(lambda *_: self.changed.emit())
        field_row.addWidget(self.field, 1)
        field_row.addWidget(label(unit_name(question.unit), wrap=False))
        outer.addLayout(field_row)
        self.hint = label(role="muted")
        outer.addWidget(self.hint)
        self.keypad = Keypad(self.field)
        outer.addWidget(self.keypad)
        outer.addStretch(1)

    def press(self, key: str) -> None:
        self.keypad.press(key)

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
    """One thing at a time: the learner sees one item and taps the answer that goes with it, then
    the next item comes. ◀ and ▶ go back to change a pair. Simpler than drawing lines between two
    columns, and it fits the screen at any text size. Records {left id: right id}."""

    def __init__(self, question: Question, seed: str) -> None:
        super().__init__(question, seed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.lefts = [left for left, _right in question.pairs]
        self.pairs: dict[str, str] = {}  # left id -> right id
        self.index = 0
        top = QHBoxLayout()
        self.previous_item = self._arrow("back", _("Previous item"), -1)
        self.next_item = self._arrow("next", _("Next item"), 1)
        self.current = panel()
        current_box = QHBoxLayout(self.current)
        self.current_picture = Picture()
        self.current_picture.setMinimumSize(80, 60)
        self.current_text = label(role="prompt")
        self.current_text.setObjectName("match_current")
        current_box.addWidget(self.current_picture, 1)
        current_box.addWidget(self.current_text, 3)
        self.current_listen = listen_button(self.current_reading, self.read_aloud.emit)
        self.current_listen.setObjectName("listen_current")
        self.current_listen.setVisible(listen_room())
        top.addWidget(self.previous_item)
        top.addWidget(self.current, 1)
        top.addWidget(self.current_listen)
        top.addWidget(self.next_item)
        outer.addLayout(top)
        self.position = label(role="muted")
        outer.addWidget(self.position)
        if text_scale() >= 2.0:  # the answers need its line; the prompt says what to do, ① which item
            self.position.hide()
        rights = [right for _, right in question.pairs]
        self.rng.shuffle(rights)
        grid = QGridLayout()
        grid.setSpacing(10)
        columns = columns_for(rights)
        self.group = QButtonGroup(self)
        self.right_buttons: dict[str, OptionButton] = {}
        for i, right in enumerate(rights):
            button = option_button(right)
            button.setObjectName(f"right_{right.id}")
            # Not in self.group: Tab stops at every answer (Qt tabs into a group once, and its
            # arrow keys would pick answers on the way); _refresh keeps one checked.
            button.clicked.connect(lambda _c=False, rid=right.id: self.pick(rid))
            self.right_buttons[right.id] = button
            cell = option_cell(button, lambda r=right: self.right_reading(r), self.read_aloud.emit,
                               f"listen_right_{right.id}")
            grid.addWidget(cell, i // columns, i % columns)
        self.right_texts = {rid: b.caption.text() for rid, b in self.right_buttons.items()}
        outer.addLayout(grid)
        outer.addStretch(1)
        self.show_item(0)

    def _arrow(self, icon_name: str, name: str, step: int) -> QPushButton:
        button = QPushButton()
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(36, 36))
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setMinimumSize(MAIN_BUTTON_PX, MAIN_BUTTON_PX)
        button.clicked.connect(lambda: self.show_item(self.index + step))
        return button

    def show_item(self, index: int) -> None:
        self.index = max(0, min(index, len(self.lefts) - 1))
        left = self.lefts[self.index]
        self.current_text.setText(f"{CIRCLED[self.index]}  {lesson_text(left.text)}")
        self.current_picture.setVisible(left.image is not None)
        if left.image:
            self.current_picture.set_picture(left.image.path, lesson_text(left.image.alt))
        self.position.setText(_("Item {n} of {total}: which one goes with it?").format(
            n=self.index + 1, total=len(self.lefts)))
        name_listen(self.current_listen, lesson_text(left.text))
        self.previous_item.setEnabled(self.index > 0)
        self.next_item.setEnabled(self.index < len(self.lefts) - 1)
        self._refresh()

    def pick(self, right_id: str) -> None:
        left = self.lefts[self.index].id
        # one partner each: a right side given to this item is taken from any other
        self.pairs = {lid: rid for lid, rid in self.pairs.items() if rid != right_id}
        self.pairs[left] = right_id
        self.changed.emit()
        unmatched = [i for i, item in enumerate(self.lefts) if item.id not in self.pairs]
        later = [i for i in unmatched if i > self.index]
        if later or unmatched:
            self.show_item((later or unmatched)[0])
        else:
            self._refresh()

    def _refresh(self) -> None:
        number = {item.id: CIRCLED[i] for i, item in enumerate(self.lefts)}
        partner = {rid: lid for lid, rid in self.pairs.items()}
        current = self.lefts[self.index].id
        self.group.setExclusive(False)
        for rid, button in self.right_buttons.items():
            mark = number[partner[rid]] + "  " if rid in partner else ""
            button.set_caption(mark + self.right_texts[rid])
            button.setChecked(self.pairs.get(current) == rid)
        self.group.setExclusive(True)

    def answer(self) -> object | None:
        return dict(self.pairs) if len(self.pairs) == len(self.lefts) else None

    def speech_text(self) -> str:
        return "; ".join([self.current_text.text(), *self.right_texts.values()])

    def current_reading(self) -> Reading:
        left = self.lefts[self.index]  # a pair's sides share its index as their id
        return Reading(lesson_text(left.text), "", pair_key(self.question.id, int(left.id), "left"))

    def right_reading(self, right: Choice) -> Reading:
        return Reading(lesson_text(right.text), "", pair_key(self.question.id, int(right.id), "right"))

    def speech_parts(self) -> list[Reading]:
        rights = {r.id: r for _l, r in self.question.pairs}
        return [self.current_reading(), *(self.right_reading(rights[rid]) for rid in self.right_buttons)]


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
