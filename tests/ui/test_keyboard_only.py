"""The whole path from the learner picker through a lesson (its steps and every question type in
it) by keyboard alone: Tab to move, Space or Enter to press, arrow keys inside a group, digits in a
number field. Keys go to whatever has the focus, as a real keyboard's do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from ecom_trainer.content.model import Question
from ecom_trainer.store import progress
from ecom_trainer.store.attempts import attempts_of
from ecom_trainer.store.learners import list_learners

MAX_TABS = 80


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot, window, key: Qt.Key) -> None:
    target = focused() or window  # with nothing focused yet, the window gets the key
    qtbot.keyClick(target, key)


def tab_to(qtbot, window, target: QWidget) -> None:
    """Tab (forwards) until `target` has the focus; fails if Tab never reaches it."""
    assert target.isVisible() and target.isEnabled(), target.objectName()
    for _ in range(MAX_TABS):
        if focused() is target:
            return
        press(qtbot, window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName() or target}; stuck at {focused()}")


def activate(qtbot, window, target: QWidget, key: Qt.Key = Qt.Key.Key_Space) -> None:
    tab_to(qtbot, window, target)
    press(qtbot, window, key)


def answer_by_keyboard(qtbot, window, q: Question) -> bool:
    """Give the right answer; True when that already checked it (Enter in a number field)."""
    quiz_input = window.player.quiz.input
    if q.type in ("single_choice", "picture_choice", "true_false"):
        buttons = list(quiz_input.buttons.values())
        right = quiz_input.buttons[q.answer]
        activate(qtbot, window, buttons[0])  # Space picks the first option...
        for _ in range(len(buttons)):  # ...then arrow keys walk the group, picking as they go
            if right.isChecked():
                break
            press(qtbot, window, Qt.Key.Key_Right if buttons.index(focused()) < buttons.index(right)
                  else Qt.Key.Key_Left)
        assert right.isChecked() and sum(b.isChecked() for b in buttons) == 1
    elif q.type == "multiple_choice":
        for option_id in q.answer:
            activate(qtbot, window, quiz_input.buttons[option_id])
    elif q.type == "order":
        for target, item in enumerate(q.answer):  # selection sort with the ▲ buttons
            index = quiz_input.order.index(item)
            while index > target:
                activate(qtbot, window, quiz_input.findChild(QPushButton, f"up_{index}"))
                index -= 1
    elif q.type == "numeric":
        field = quiz_input.findChild(QLineEdit, "numeric_field")
        tab_to(qtbot, window, field)
        qtbot.keyClicks(field, str(q.answer).removesuffix(".0"))
        press(qtbot, window, Qt.Key.Key_Return)  # Enter in the field checks the answer
        return True
    elif q.type == "match":  # one item at a time; each pick moves on to the next
        for left, _right in q.pairs:
            activate(qtbot, window, quiz_input.right_buttons[left.id])
    else:
        raise AssertionError(q.type)
    return False


@pytest.mark.parametrize("lesson_id", ["logistics-packing", "logistics-shipping-cost"])
def test_a_whole_lesson_by_keyboard_alone(qtbot, window, db, curriculum, lesson_id):
    lesson = curriculum.lessons[lesson_id]
    learner = next(x for x in list_learners(db) if x.name == "陈翠花")
    progress.save_position(db, learner.id, progress.test_unit(lesson.track, "pre_test"), 99, done=True)  # the lessons are open
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    activate(qtbot, window, window.picker.findChild(QPushButton, f"learner_{learner.id}"), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.home
    activate(qtbot, window, window.home.findChild(QPushButton, f"track_{lesson.track}"))
    assert window.stack.currentWidget() is window.track
    activate(qtbot, window, window.track.findChild(QPushButton, f"lesson_{lesson.id}"), Qt.Key.Key_Enter)
    player = window.player
    assert window.stack.currentWidget() is player
    for n, step in enumerate(lesson.steps):
        assert player.step_text.text() == step.text
        activate(qtbot, window, player.primary, Qt.Key.Key_Return if n % 2 else Qt.Key.Key_Space)
    types = set()
    for q in lesson.questions:
        assert player.quiz.prompt.text() == q.prompt
        if not answer_by_keyboard(qtbot, window, q):
            activate(qtbot, window, player.primary)  # Check my answer
        assert player.quiz.verdict.text() == "✓ Right!", q.id
        assert focused() is player.primary  # the focus stays where the learner is
        press(qtbot, window, Qt.Key.Key_Return)  # Why? or Next
        if player.quiz.more is False and player.primary.text() == "Next" and player.quiz.feedback.isVisible():
            press(qtbot, window, Qt.Key.Key_Return)
        types.add(q.type)
    assert window.stack.currentWidget() is window.result
    assert types == {q.type for q in lesson.questions}
    answers = [a for a in attempts_of(db, learner.id, lesson.id) if a.kind == "practice"]
    assert len(answers) == len(lesson.questions) and all(a.correct for a in answers)
    activate(qtbot, window, window.result.continue_button)
    assert window.stack.currentWidget() is window.track


def test_hands_on_practice_by_keyboard(qtbot, window, db):
    """A practice task too: tiles by Tab and Space, numbers typed, Enter on the green button."""
    learner = list_learners(db)[-1]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    activate(qtbot, window, window.picker.findChild(QPushButton, f"learner_{learner.id}"))
    activate(qtbot, window, window.home.findChild(QPushButton, "practice_card"))
    activate(qtbot, window, window.practice.tiles["shipping"])
    screen = window.practice_task
    field = screen.pages[0].entry.fields["billed"]
    tab_to(qtbot, window, field)
    qtbot.keyClicks(field, "5")
    press(qtbot, window, Qt.Key.Key_Enter)  # Enter in the field: Check my answer
    assert screen.mode == "feedback" and screen.feedback.verdict.text() == "✓ Right!"
    press(qtbot, window, Qt.Key.Key_Return)  # Next: the focus is on the green button
    page = screen.pages[1]
    for courier, price in (("a", "20"), ("b", "23")):
        tab_to(qtbot, window, page.entry.fields[courier])
        qtbot.keyClicks(page.entry.fields[courier], price)
    activate(qtbot, window, screen.primary)
    press(qtbot, window, Qt.Key.Key_Space)
    activate(qtbot, window, screen.pages[2].tiles.buttons["a"])
    activate(qtbot, window, screen.primary)
    press(qtbot, window, Qt.Key.Key_Return)
    assert screen.mode == "summary"
    assert sorted(a.question_id for a in attempts_of(db, learner.id, "practice:shipping")) == [
        "chestnuts.billed", "chestnuts.cheaper", "chestnuts.cost"]
    assert all(a.correct for a in attempts_of(db, learner.id, "practice:shipping"))
