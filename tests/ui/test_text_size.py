"""Every learner screen at 100, 150 and 200 % text fits 1366 x 768 without clipping a word.

Measured on real widgets: a wrapped label must be at least as tall as its text needs at its
width; a one-line label or a button at least as wide as its text.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from ecom_trainer.app import build_window
from ecom_trainer.content.model import Question
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.learners import list_learners
from ecom_trainer.store.progress import save_position
from ecom_trainer.store.settings import set_setting

SCREEN = (1366, 768)


def clipped(widget) -> list[str]:
    problems = []
    for label in widget.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + 1:
                problems.append(f"label {label.text()[:40]!r}: needs {need}px, has {label.height()}")
        elif label.sizeHint().width() > label.width() + 1:
            problems.append(f"label {label.text()[:40]!r}: needs {label.sizeHint().width()}px wide, has {label.width()}")
    for button in widget.findChildren(QPushButton):
        if button.isVisible() and button.text() and button.layout() is None:
            need = button.fontMetrics().horizontalAdvance(button.text()) + button.iconSize().width()
            if need > button.width():
                problems.append(f"button {button.text()!r}: needs {need}px, has {button.width()}")
    return problems


def answer_wrongly_yesterday(db, learner_id, lesson) -> None:
    from datetime import UTC, datetime, timedelta

    from ecom_trainer.store.attempts import record_attempt

    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="milliseconds")
    q = lesson.questions[0]
    record_attempt(db, learner_id=learner_id, track_id=lesson.track, unit_id=lesson.id,
                   question_id=q.id, kind="practice", answer=None, score=0.0, correct=False,
                   skills=q.skills, answered_at=yesterday.replace("+00:00", "Z"))


def settle():
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    return request.param


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_every_learner_screen_fits_without_clipping(qtbot, db, curriculum, language, scale):
    seed_demo(db, curriculum)
    set_setting(db, "text_scale", str(scale))
    window = build_window(db, lambda: curriculum, language)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    window.show_picker()
    problems: list[str] = []

    def check(where: str) -> None:
        settle()
        if (window.width(), window.height()) != SCREEN:
            problems.append(f"{where}: the window grew to {window.width()} x {window.height()}")
            window.resize(*SCREEN)
        problems.extend(f"{where}: {p}" for p in clipped(window.stack.currentWidget()))

    check("picker")
    learner = list_learners(db)[-1]
    lesson = max(curriculum.lessons.values(), key=lambda x: len(x.title))  # the longest title
    answer_wrongly_yesterday(db, learner.id, lesson)  # so "Practice again" shows too
    save_position(db, learner.id, lesson.id, 1)  # and "Continue: <title>"
    window.open_learner(learner)
    assert window.home.continue_button.isVisible() and window.home.review_button.isVisible()
    check("home")
    for track in curriculum.tracks:
        window.open_track(track.id)
        check(f"{track.id} pre-test intro")
    session = window.session
    for lesson in curriculum.lessons.values():
        unit = session.lesson_unit(lesson.id)
        for position in range(unit.total):
            window.start_unit(unit, position)
            item = unit.item(position)
            check(f"{lesson.id}[{position}]")
            if isinstance(item, Question):  # the fullest state: a wrong answer with feedback
                quiz = window.player.quiz
                quiz.show_feedback(type("R", (), {"correct": False, "score": 0.0})())
                check(f"{lesson.id}[{position}] feedback")
                if quiz.more:  # too long for one screen: the explanation comes on a second page
                    quiz.show_more()
                    check(f"{lesson.id}[{position}] feedback, second page")
    for track in curriculum.tracks:
        for kind in ("pre_test", "post_test"):
            unit = session.test_unit(track.id, kind)
            for position in range(unit.total):
                window.start_unit(unit, position)
                check(f"{unit.unit_id}[{position}]")
    window.show_result(session.lesson_unit(next(iter(curriculum.lessons))))
    check("result")
    assert not problems, f"{len(problems)} clipped at {scale:.0%} in {language}:\n" + "\n".join(problems[:25])


def test_long_feedback_comes_in_two_pages_at_large_text(qtbot, db, curriculum):
    """All four pairs of the scam match wrong, at 200 %: answer first, then "Why?" shows the
    explanation, then Next moves on. Nothing is lost, nothing is clipped."""
    seed_demo(db, curriculum)
    set_setting(db, "text_scale", "2.0")
    window = build_window(db, lambda: curriculum, "en")
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    window.open_learner(list_learners(db)[-1])
    lesson = curriculum.lessons["money-scams"]
    position, question = next((len(lesson.steps) + i, q) for i, q in enumerate(lesson.questions)
                              if q.type == "match")
    window.start_unit(window.session.lesson_unit(lesson.id), position)
    settle()
    quiz, player = window.player.quiz, window.player
    ids = [left.id for left, _ in question.pairs]
    for left_id in ids:  # give every item the partner of the next one: all wrong
        quiz.input.pick(ids[(ids.index(left_id) + 1) % len(ids)])
    player.primary.click()
    settle()
    assert quiz.more and player.primary.text() == "Why?"
    assert not quiz.explanation.isVisible() and "The right answer" in quiz.given.text()
    assert clipped(window.stack.currentWidget()) == []
    assert question.explanation not in quiz.given.text()
    assert question.explanation in quiz.speech_text()  # Listen reads both pages
    player.primary.click()
    settle()
    assert quiz.explanation.isVisible() and quiz.explanation.text() == question.explanation
    assert clipped(window.stack.currentWidget()) == [] and player.primary.text() == "Next"
    player.primary.click()
    assert player.position == position + 1
