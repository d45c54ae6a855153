"""A learner answers, the program is closed (or the power fails), and on the next start the
learner continues at the exact question, with the answer kept."""

from __future__ import annotations

from ecom_trainer.app import build_window
from ecom_trainer.store.db import open_database
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.learners import list_learners
from tests.ui.test_learner_flow import click, give_right_answer


def _start(qtbot, path, curriculum):
    conn = open_database(path)
    window = build_window(conn, lambda: curriculum, "en")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_picker()
    return conn, window


def test_a_new_start_continues_at_the_next_question(qtbot, tmp_path, curriculum):
    path = tmp_path / "centre.sqlite3"
    conn, window = _start(qtbot, path, curriculum)
    seed_demo(conn, curriculum)
    learner = list_learners(conn)[-1]  # has not started
    window.show_picker()
    window.open_learner(learner)
    lesson = curriculum.lessons_of(curriculum.tracks[2])[1]
    window.start_unit(window.session.lesson_unit(lesson.id), len(lesson.steps))  # the first question
    first = lesson.questions[0]
    give_right_answer(qtbot, window, first)
    click(qtbot, window.player.primary)  # Check: stored now
    window.close()
    conn.close()  # the program ends here; nothing else is written

    conn, window = _start(qtbot, path, curriculum)
    stored = conn.execute("SELECT question_id, correct FROM attempts WHERE learner_id = ? AND lesson_id = ?",
                          (learner.id, lesson.id)).fetchall()
    assert [tuple(r) for r in stored] == [(first.id, 1)]
    window.open_learner(next(x for x in list_learners(conn) if x.id == learner.id))
    assert window.home.continue_button.isVisible()
    click(qtbot, window.home.continue_button)
    assert window.player.quiz.isVisible()
    assert window.player.quiz.prompt.text() == lesson.questions[1].prompt
    conn.close()
