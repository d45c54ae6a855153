"""The learner screens tell the audio service what they read: each lesson text with its unit
and item key, so a trainer's recording speaks it (steps, prompts, each option's own Listen,
the explanation after an answer)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton

from ecom_trainer.content.item_keys import choice_key, prompt_key, step_key
from ecom_trainer.store.learners import list_learners
from ecom_trainer.store.recordings import save_recording
from ecom_trainer.store.settings import set_setting
from ecom_trainer.ui.screen import Reading
from tests.store.test_recordings import tone


def open_lesson(window, db, curriculum, position: int):
    window.open_learner(list_learners(db)[-1])
    lesson = next(iter(curriculum.lessons.values()))
    window.start_unit(window.session.lesson_unit(lesson.id), position)
    return lesson


def test_listen_on_a_step_plays_the_trainers_recording_of_that_step(qtbot, window, db, curriculum, tmp_path):
    lesson = open_lesson(window, db, curriculum, 1)
    save_recording(db, lesson.id, step_key(1), "en", tone(tmp_path / "s.wav"), 300)
    speaker = window.speaker
    with qtbot.waitSignal(speaker.finished, timeout=10000):
        window.player.nav.listen_button.click()
    assert speaker.last_source == "recording" and speaker.last_text == lesson.steps[1].text
    assert window.player.status.text() == "Playing the trainer's voice…"
    speaker.shutdown()


def test_each_option_has_its_own_listen_with_its_key(qtbot, window, db, curriculum, tmp_path):
    lesson = next(iter(curriculum.lessons.values()))
    index, question = next((i, q) for i, q in enumerate(lesson.questions) if q.type == "single_choice")
    open_lesson(window, db, curriculum, len(lesson.steps) + index)
    option = question.options[1]
    asked: list[list[Reading]] = []
    speaker = window.speaker
    speaker.speak_parts = asked.append
    window.player.quiz.input.findChild(QPushButton, f"listen_{option.id}").click()
    assert asked == [[Reading(option.text, lesson.id, choice_key(question, option))]]
    window.player.nav.listen_button.click()  # the whole question: prompt, then every option
    assert asked[-1][0] == Reading(question.prompt, lesson.id, prompt_key(question.id))
    assert [r.key for r in asked[-1][1:]] == [choice_key(question, o) for o in question.options]


def test_questions_of_a_test_are_keyed_by_the_tracks_test(qtbot, window, db, curriculum):
    window.open_learner(list_learners(db)[-1])
    track = curriculum.tracks[0]
    window.start_unit(window.session.test_unit(track.id, "pre_test"), 0)
    asked: list[list[Reading]] = []
    window.speaker.speak_parts = asked.append
    window.player.nav.listen_button.click()
    assert asked[0][0] == Reading(track.pre_test[0].prompt, f"{track.id}#pre_test", prompt_key(track.pre_test[0].id))


def test_feedback_reads_the_explanation_with_its_key(qtbot, window, db, curriculum):
    lesson = next(iter(curriculum.lessons.values()))
    index, question = next((i, q) for i, q in enumerate(lesson.questions) if q.type == "single_choice")
    open_lesson(window, db, curriculum, len(lesson.steps) + index)
    window.player.quiz.input.buttons[question.answer].setChecked(True)
    window.player.on_primary()
    asked: list[list[Reading]] = []
    window.speaker.speak_parts = asked.append
    window.player.nav.listen_button.click()
    keyed = [r for r in asked[0] if r.key]
    assert keyed == [Reading(question.explanation, lesson.id, f"questions[{question.id}].explanation")]
    assert asked[0][0].text == "Right!"  # the verdict comes first, in words


def first_question(curriculum, qtype: str):
    for lesson in curriculum.lessons.values():
        for i, q in enumerate(lesson.questions):
            if q.type == qtype:
                return lesson, len(lesson.steps) + i, q
    raise AssertionError(qtype)


def test_an_order_items_listen_reads_the_item_now_in_its_row(qtbot, window, db, curriculum):
    window.open_learner(list_learners(db)[-1])
    lesson, position, question = first_question(curriculum, "order")
    window.start_unit(window.session.lesson_unit(lesson.id), position)
    asked: list[list[Reading]] = []
    window.speaker.speak_parts = asked.append
    order = window.player.quiz.input
    order.move(1, -1)  # the second item goes up: row 0 now holds it
    order.findChild(QPushButton, "listen_0").click()
    item = next(o for o in question.options if o.id == order.order[0])
    assert asked == [[Reading(item.text, lesson.id, choice_key(question, item))]]
    assert order.findChild(QPushButton, "listen_0").accessibleName() == f"Listen: {item.text}"


def test_at_200_percent_a_tap_on_an_option_reads_it(qtbot, db, curriculum):
    from ecom_trainer.app import build_window
    from ecom_trainer.store.demo import seed_demo

    seed_demo(db, curriculum)
    set_setting(db, "text_scale", "2.0")  # no room for a Listen beside each option
    window = build_window(db, lambda: curriculum, "en")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.open_learner(list_learners(db)[-1])
    lesson, position, question = first_question(curriculum, "multiple_choice")
    window.start_unit(window.session.lesson_unit(lesson.id), position)
    QApplication.processEvents()
    asked: list[list[Reading]] = []
    window.speaker.speak_parts = asked.append
    quiz = window.player.quiz
    assert quiz.input.findChild(QPushButton, f"listen_{question.options[0].id}") is None
    quiz.input.buttons[question.options[0].id].click()
    assert asked == [[Reading(question.options[0].text, lesson.id, choice_key(question, question.options[0]))]]
    assert quiz.input.buttons[question.options[0].id].isChecked()  # and it is chosen, as a tap does
