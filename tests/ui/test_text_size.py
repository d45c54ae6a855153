"""Every learner screen at 100, 150 and 200 % text fits 1366 x 768 without clipping a word.

Walks the whole bundled curriculum in English and Chinese: every step, every question (empty,
answered, and after a wrong answer with every page of its feedback), every pre- and post-test
question, the track, home, picker and result screens. Measured on real widgets: a wrapped label
must be as tall as its lines need and no line wider than the label; a one-line label or a button
as wide as its text; every widget inside its parent; the window never grows past the screen.
One window per test; split by track so that each test stays short.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from ecom_trainer.app import build_window
from ecom_trainer.content.model import Question
from ecom_trainer.store import progress
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.learners import add_learner, list_learners
from ecom_trainer.store.progress import save_position
from ecom_trainer.store.settings import set_setting
from ecom_trainer.ui.audit import (
    answer_wrongly,  # the audit's own wrong answers, the fullest feedback
)

SCREEN = (1366, 768)
TRACKS = ("listing", "live", "logistics", "money")  # the bundled tracks; a new one fails below
MIN_PICTURE = (120, 90)  # a step or question picture smaller than this is no longer a picture


def widest_line(label: QLabel) -> float:
    """The widest line of the label's text wrapped at its width, as Qt lays it out (a word
    longer than the width sticks out: heightForWidth does not see it)."""
    width = label.contentsRect().width() - 2 * label.margin() - label.indent() * (label.indent() > 0)
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return widest - width


def clipped(widget: QWidget) -> list[str]:
    problems = []
    for label in widget.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + 1:
                problems.append(f"label {label.text()[:40]!r}: needs {need}px, has {label.height()}")
            elif (over := widest_line(label)) > 1:
                problems.append(f"label {label.text()[:40]!r}: a word sticks out by {over:.0f}px")
        elif label.sizeHint().width() > label.width() + 1:
            problems.append(f"label {label.text()[:40]!r}: needs {label.sizeHint().width()}px wide, has {label.width()}")
    for button in widget.findChildren(QPushButton):
        if button.isVisible() and button.text() and button.layout() is None:
            need = button.fontMetrics().horizontalAdvance(button.text()) + button.iconSize().width()
            if need > button.width():
                problems.append(f"button {button.text()!r}: needs {need}px, has {button.width()}")
    problems.extend(tile_problems(widget))
    for child in widget.findChildren(QWidget):  # nothing pushed out of its parent: no overlap
        parent = child.parentWidget()
        if child.isVisible() and not child.isWindow() and not parent.rect().contains(child.geometry()):
            what = getattr(child, "text", lambda: "")() or child.objectName() or type(child).__name__
            problems.append(f"{what[:40]!r} lies outside its parent: {child.geometry().getRect()} "
                            f"in {parent.width()} x {parent.height()}")
    return problems


def tile_problems(widget: QWidget) -> list[str]:
    """The picker's tiles paint their own name and picture: the name, wrapped as painted, fits
    inside the border with every line within its width, and the picture keeps 80 x 60."""
    from ecom_trainer.ui.learner.picker import LearnerTile

    problems = []
    for tile in widget.findChildren(LearnerTile):
        if not tile.isVisible():
            continue
        picture, name, flags = tile.layout_rects()
        need = QFontMetrics(tile.name_font()).boundingRect(QRect(0, 0, name.width(), 100_000), flags, tile.name)
        inside = tile.rect().adjusted(tile.BORDER, tile.BORDER, -tile.BORDER, -tile.BORDER)
        if need.width() > name.width() + 1 or need.height() > name.height() + 1:
            problems.append(f"tile {tile.name!r}: needs {need.width()} x {need.height()}, has "
                            f"{name.width()} x {name.height()}")
        if not inside.contains(name):
            problems.append(f"tile {tile.name!r}: its name ({name.getRect()}) leaves the tile ({inside.getRect()})")
        if tile.picture is not None and (picture.width() < 80 or picture.height() < 60):
            problems.append(f"tile {tile.name!r}: its picture is {picture.width()} x {picture.height()}")
    return problems


def small_pictures(widget: QWidget) -> list[str]:
    """Pictures shrink before text does, but not below their minimum: a step's or question's
    picture 120 x 90 px (a step's 240 px wide), a tile's 80 x 60."""
    from ecom_trainer.ui.widgets import Picture, PictureBeside

    problems = []
    for p in widget.findChildren(Picture):
        if not p.isVisible() or p.pixmap() is None or p.pixmap().isNull():
            continue
        least = p.minimumSize().expandedTo(QSize(80, 60))
        if isinstance(p.parentWidget(), PictureBeside):
            least = least.expandedTo(QSize(p.parentWidget().min_picture, MIN_PICTURE[1]))
        if p.width() < least.width() or p.height() < least.height():
            problems.append(f"picture {p.accessibleName()[:40]!r} is {p.width()} x {p.height()}")
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
    """What returning to the event loop does: pending layouts, and widgets deleted later (a
    screen's old tiles) really gone."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def walk(qtbot, db, curriculum, request):
    """A window at the requested text size and language, and a check that gathers problems."""
    scale, language = request.param
    seed_demo(db, curriculum)
    for name in ("欧阳春花", "Maria Magdalena Santos", "李四", "王五", "赵六"):  # two pages
        add_learner(db, name, "", "avatar-ox")
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
            settle()
        screen = window.stack.currentWidget()
        problems.extend(f"{where}: {p}" for p in clipped(screen) + small_pictures(screen))

    def report() -> None:
        assert not problems, (f"{len(problems)} problems at {scale:.0%} in {language}:\n"
                              + "\n".join(problems[:30]))

    check.report = report
    check.window = window
    return check


CASES = [pytest.param((scale, language), id=f"{language}-{scale:.0%}")
         for language in ("en", "zh_CN") for scale in (1.0, 1.5, 2.0)]
# Uyghur, mirrored, at the largest text only (its lesson titles are worded to fit the bar there;
# 100 and 150 % passed too when it was added, at a minute for all three)
CASES.append(pytest.param((2.0, "ug"), id="ug-200%"))


@pytest.mark.parametrize("walk", CASES, indirect=True)
def test_picker_home_track_and_result_screens_fit(walk, db, curriculum):
    assert tuple(t.id for t in curriculum.tracks) == TRACKS, "walk the new track's lessons below"
    window = walk.window
    walk("picker")
    window.picker.show_page(1)
    walk("picker, page 2")
    learner = list_learners(db)[0]
    lesson = max(curriculum.lessons.values(), key=lambda x: len(x.title))  # the longest title
    answer_wrongly_yesterday(db, learner.id, lesson)  # so "Practice again" shows
    save_position(db, learner.id, lesson.id, 1)  # and "Continue: <title>"
    window.open_learner(learner)
    assert window.home.continue_button.isVisible() and window.home.review_button.isVisible()
    walk("home")
    session = window.session
    for track in curriculum.tracks:
        window.open_track(track.id)
        walk(f"{track.id}: before the first quiz")
        save_position(db, learner.id, progress.test_unit(track.id, "pre_test"), len(track.pre_test), done=True)
        lessons = curriculum.lessons_of(track)
        save_position(db, learner.id, lessons[0].id, 2)  # one started, the others new
        window.open_track(track.id)
        walk(f"{track.id}: lessons")
        pages = window.track.lessons.pages
        if len(pages) > 1:  # more lessons than fit: on pages, every lesson on one of them
            assert sorted(r for page in pages for r in page) == list(range(-(-len(lessons) // window.track.lessons.columns)))
            window.track.next_page.click()
            walk(f"{track.id}: lessons, page 2")
        for done in lessons:
            save_position(db, learner.id, done.id, session.lesson_unit(done.id).total, done=True)
        window.open_track(track.id)
        walk(f"{track.id}: every lesson done")
    track = curriculum.tracks[0]
    for unit in (session.test_unit(track.id, "pre_test"), session.lesson_unit(lesson.id),
                 session.test_unit(track.id, "post_test")):
        window.show_result(unit)
        walk(f"result of {unit.unit_id}")
    review = session.review_unit()
    assert review is not None
    window.start_unit(review, 0)
    walk("practice again")
    window.show_result(review)
    walk("result of practice again")
    walk.report()


@pytest.mark.parametrize("track_id", TRACKS)
@pytest.mark.parametrize("walk", CASES, indirect=True)
def test_every_step_question_and_feedback_fits(walk, db, curriculum, track_id):
    window = walk.window
    window.open_learner(list_learners(db)[-1])
    session, player = window.session, window.player
    track = curriculum.track(track_id)
    for kind in ("pre_test", "post_test"):
        unit = session.test_unit(track.id, kind)
        for position in range(unit.total):
            window.start_unit(unit, position)
            walk(f"{unit.unit_id}[{position}]")
    for lesson in curriculum.lessons_of(track):
        unit = session.lesson_unit(lesson.id)
        for position in range(unit.total):
            window.start_unit(unit, position)
            where = f"{lesson.id}[{position}]"
            walk(where)
            question = unit.item(position)
            if not isinstance(question, Question):
                continue
            if question.type == "match":  # the answers come shuffled: try several orders
                for seed in range(6):
                    player.quiz.show_question(question, seed=str(seed))
                    answer_wrongly(player.quiz.input, question)
                    walk(f"{where} answered, order {seed}")
            answer_wrongly(player.quiz.input, question)
            walk(f"{where} answered")
            player.primary.click()  # as a learner: saved, then the feedback
            assert player.checked, where
            walk(f"{where} feedback")
            if player.quiz.more:  # too long for one screen: the explanation on a second page
                player.primary.click()
                walk(f"{where} feedback, second page")
    walk.report()


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


def test_a_long_step_takes_width_from_its_picture(qtbot, db, curriculum):
    """At 200 % a step whose words need more lines than the height holds gets a narrower
    picture, never clipped words; the other steps keep the picture at its usual share."""
    seed_demo(db, curriculum)
    set_setting(db, "text_scale", "2.0")
    window = build_window(db, lambda: curriculum, "en")
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    window.open_learner(list_learners(db)[-1])
    player = window.player
    view, text = player.step_view, player.step_text
    narrower = 0
    for lesson in curriculum.lessons.values():
        for index, step in enumerate(lesson.steps):
            if step.image is None:
                continue
            window.start_unit(window.session.lesson_unit(lesson.id), index)
            settle()
            share_w = round(view.width() * view.text_share)
            picture_w = view.width() - share_w - view.GAP
            assert player.step_picture.width() >= view.min_picture, (lesson.id, index)
            assert text.height() >= text.heightForWidth(text.width()), (lesson.id, index)
            if text.heightForWidth(share_w) <= view.height():
                assert player.step_picture.width() == picture_w, (lesson.id, index)
            else:  # shrunk just enough
                narrower += 1
                assert player.step_picture.width() < picture_w
                assert text.heightForWidth(text.width() - 8) > view.height(), (lesson.id, index)
    if narrower == 0:  # no bundled step needs it today: a longer one must get the room
        text.setText(" ".join(lesson.steps[0].text for lesson in list(curriculum.lessons.values())[:2]))
        view.place()
        assert text.height() >= text.heightForWidth(text.width())
        assert view.min_picture <= player.step_picture.width() < picture_w
