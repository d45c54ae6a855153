"""A demo learner taps their picture, does the pre-test and a whole lesson by clicking, and
every answer is in the database afterwards."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ecom_trainer.content.model import Question
from ecom_trainer.store.learners import list_learners


def click(qtbot, widget):
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def child(window, cls, name):
    found = window.findChild(cls, name)
    assert found is not None, name
    return found


def give_right_answer(qtbot, window, q: Question) -> None:
    """Answer through the real input widgets, by clicking."""
    quiz_input = window.player.quiz.input
    if q.type in ("single_choice", "picture_choice"):
        click(qtbot, quiz_input.buttons[q.answer])
    elif q.type == "multiple_choice":
        for oid in q.answer:
            click(qtbot, quiz_input.buttons[oid])
    elif q.type == "true_false":
        click(qtbot, quiz_input.buttons[q.answer])
    elif q.type == "order":
        for target, item in enumerate(q.answer):  # selection sort with the ▲ buttons
            index = quiz_input.order.index(item)
            while index > target:
                click(qtbot, child(quiz_input, QPushButton, f"up_{index}"))
                index -= 1
    elif q.type == "numeric":
        for key in str(q.answer).removesuffix(".0"):
            click(qtbot, child(quiz_input, QPushButton, f"key_{key}"))
    elif q.type == "match":  # one item at a time; each pick moves on to the next item
        for left, _right in q.pairs:
            assert quiz_input.lefts[quiz_input.index].id == left.id
            click(qtbot, quiz_input.right_buttons[left.id])
    else:
        raise AssertionError(q.type)


def test_whole_loop_by_clicking(qtbot, window, db, curriculum):
    learner = next(x for x in list_learners(db) if x.name == "陈翠花")  # has not started yet
    click(qtbot, child(window, QPushButton, f"learner_{learner.id}"))
    assert window.stack.currentWidget() is window.home
    track = curriculum.tracks[0]
    click(qtbot, child(window.home, QPushButton, f"track_{track.id}"))
    # A track opens with its pre-test; no right/wrong is shown.
    click(qtbot, window.track.start_test)
    for q in track.pre_test:
        give_right_answer(qtbot, window, q)
        assert not window.player.quiz.feedback.isVisible()
        click(qtbot, window.player.primary)
    assert window.stack.currentWidget() is window.result
    assert "first quiz is done" in window.result.headline.text()
    click(qtbot, window.result.continue_button)
    lesson = curriculum.lessons_of(track)[0]
    click(qtbot, child(window.track, QPushButton, f"lesson_{lesson.id}"))
    player = window.player
    for n, step in enumerate(lesson.steps):
        assert player.step_text.text() == step.text
        assert player.counter.text() == f"Step {n + 1} of {len(lesson.steps)}"
        click(qtbot, player.primary)
    for i, q in enumerate(lesson.questions):
        assert player.quiz.prompt.text() == q.prompt
        assert not player.primary.isEnabled() or q.type == "order"  # nothing chosen yet
        if i == 0 and q.type in ("single_choice", "picture_choice"):
            wrong = next(o.id for o in q.options if o.id != q.answer)
            click(qtbot, player.quiz.input.buttons[wrong])
        else:
            give_right_answer(qtbot, window, q)
        click(qtbot, player.primary)  # Check my answer
        verdict = player.quiz.verdict.text()
        assert verdict.startswith("✗" if i == 0 and q.type.endswith("choice") and q.type != "multiple_choice" else "✓"), (q.id, verdict)
        assert q.explanation in player.quiz.explanation.text()
        assert player.status.text() == "Your answer is saved."
        click(qtbot, player.primary)  # Next
    assert window.stack.currentWidget() is window.result
    rows = db.execute("SELECT kind, lesson_id, question_id, answer, correct FROM attempts "
                      "WHERE learner_id = ? ORDER BY answered_at", (learner.id,)).fetchall()
    pre = [r for r in rows if r["kind"] == "pre_test"]
    practice = [r for r in rows if r["kind"] == "practice"]
    assert [r["question_id"] for r in pre] == [q.id for q in track.pre_test]
    assert all(r["correct"] == 1 for r in pre)
    assert [r["question_id"] for r in practice] == [q.id for q in lesson.questions]
    assert all(r["lesson_id"] == lesson.id for r in practice)
    first = lesson.questions[0]
    if first.type in ("single_choice", "picture_choice"):
        assert practice[0]["correct"] == 0 and json.loads(practice[0]["answer"]) != first.answer
    assert all(r["correct"] == 1 for r in practice[1:])
    right, total = window.session.unit_result(window.session.lesson_unit(lesson.id))
    assert window.result.detail.text().startswith(f"{right} of {total} answers were right")
    status = db.execute("SELECT status FROM progress WHERE learner_id = ? AND unit_id = ?",
                        (learner.id, lesson.id)).fetchone()[0]
    assert status == "done"


def test_resume_at_the_exact_step(qtbot, window, db, curriculum):
    learner = list_learners(db)[0]
    window.open_learner(learner)
    lesson = curriculum.lessons_of(curriculum.tracks[1])[0]
    window.start_unit(window.session.lesson_unit(lesson.id), 0)
    click(qtbot, window.player.primary)
    click(qtbot, window.player.primary)
    click(qtbot, window.player.nav.home_button)
    window.show_picker()
    window.open_learner(learner)  # later, maybe after a power cut
    assert window.home.continue_button.isVisible()
    assert lesson.title in window.home.continue_button.text()
    click(qtbot, window.home.continue_button)
    assert window.player.step_text.text() == lesson.steps[2].text


def test_listen_reads_the_step_with_the_mock_engine(qtbot, window, db, curriculum):
    window.open_learner(list_learners(db)[0])
    lesson = curriculum.lessons_of(curriculum.tracks[0])[0]
    window.start_unit(window.session.lesson_unit(lesson.id), 0)
    click(qtbot, window.player.nav.listen_button)
    assert window.speaker.last_text == lesson.steps[0].text
    qtbot.waitUntil(lambda: window.player.status.text() != "", timeout=3000)
    assert window.player.status.text() in ("Reading aloud…",)


def test_practice_again_brings_back_a_wrong_answer_on_the_next_training_day(qtbot, window, db, curriculum):
    from datetime import date, timedelta

    learner = next(x for x in list_learners(db) if x.name == "陈翠花")  # has not started yet
    click(qtbot, child(window, QPushButton, f"learner_{learner.id}"))
    assert not window.home.review_button.isVisible()  # nothing to practise yet
    lesson = curriculum.lessons_of(curriculum.tracks[0])[0]
    position, q = next((len(lesson.steps) + i, q) for i, q in enumerate(lesson.questions)
                       if q.type in ("single_choice", "picture_choice"))
    window.start_unit(window.session.lesson_unit(lesson.id), position)
    wrong = next(o.id for o in q.options if o.id != q.answer)
    click(qtbot, window.player.quiz.input.buttons[wrong])
    click(qtbot, window.player.primary)
    lesson_place = db.execute("SELECT position FROM progress WHERE learner_id = ? AND unit_id = ?",
                              (learner.id, lesson.id)).fetchone()[0]
    window.show_home()
    assert not window.home.review_button.isVisible()  # not again on the same day
    tomorrow = date.today() + timedelta(days=1)
    unit = window.session.review_unit(today=tomorrow)
    assert [(o, x.id) for o, x in zip(unit.origins, unit.questions, strict=True)] == [
        ((lesson.track, lesson.id), q.id)]
    window.start_unit(unit, 0)
    assert window.player.quiz.prompt.text() == q.prompt
    click(qtbot, window.player.quiz.input.buttons[q.answer])
    click(qtbot, window.player.primary)  # check
    assert window.player.quiz.verdict.text().startswith("✓")
    click(qtbot, window.player.primary)  # next: the end of this short review
    assert window.stack.currentWidget() is window.result
    assert window.result.detail.text().startswith("1 of 1 answers were right")
    rows = db.execute("SELECT lesson_id, question_id, correct FROM attempts WHERE learner_id = ? "
                      "ORDER BY answered_at", (learner.id,)).fetchall()
    assert [tuple(r) for r in rows][-2:] == [(lesson.id, q.id, 0), (lesson.id, q.id, 1)]
    assert db.execute("SELECT position FROM progress WHERE learner_id = ? AND unit_id = ?",
                      (learner.id, lesson.id)).fetchone()[0] == lesson_place  # the lesson's place stays
    click(qtbot, window.result.continue_button)
    assert window.stack.currentWidget() is window.home
