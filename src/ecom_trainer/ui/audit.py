"""Learner screens measured as they are drawn, against the age-friendly numbers in theme.py: the
point size of every text, the size of every target, and the contrast of every text against the
colour it is really drawn on (read from the rendered pixels, not from the stylesheet).

Used by tests/ui/test_theme.py and by scripts/measure_screens.py, which prints the minima per
theme and text size. `tour` puts up every kind of learner screen one after the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from ecom_trainer.ui.theme import MAIN_BUTTON_PX, SMALL_PT, TARGET_PX, contrast_ratio


class Measure(NamedTuple):
    value: float
    where: str


class Audit:
    """The measures of the screens audited so far, and what falls short."""

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.font_pt: list[Measure] = []
        self.main_targets: list[Measure] = []  # the smaller side, px
        self.other_targets: list[Measure] = []
        self.contrast: list[Measure] = []  # text of controls that can be used
        self.disabled_contrast: list[Measure] = []  # text of controls that cannot be used now
        self.problems: list[str] = []

    def minimum(self, name: str) -> Measure:
        return min(getattr(self, name))

    def check(self, screen: QWidget, where: str) -> None:
        """Measure every visible text and target of `screen` as it is on the window now."""
        import numpy as np

        window = screen.window()
        pixels = rgb_array(window.grab().toImage())
        for widget in screen.findChildren(QWidget):
            if not widget.isVisible() or widget.width() <= 0:
                continue
            what = f"{where}: {describe(widget)}"
            if isinstance(widget, QAbstractButton | QLineEdit):
                self._target(widget, what)
            text = widget.text() if isinstance(widget, QLabel | QAbstractButton | QLineEdit) else ""
            if not text.strip():
                continue
            size = widget.font().pointSizeF()
            self.font_pt.append(Measure(size, what))
            if size < SMALL_PT * self.scale - 0.01:
                self.problems.append(f"{what}: {size:g} pt, less than {SMALL_PT * self.scale:g} pt")
            origin = widget.mapTo(window, widget.rect().topLeft())
            area = pixels[origin.y():origin.y() + widget.height(), origin.x():origin.x() + widget.width()]
            if area.size == 0:
                continue
            background = dominant(area)
            role = widget.foregroundRole() if not isinstance(widget, QLineEdit) else widget.palette().ColorRole.Text
            foreground = widget.palette().color(role).name()
            ratio = contrast_ratio(foreground, background)
            enabled = widget.isEnabled() and (widget.parentWidget() is None or widget.parentWidget().isEnabled())
            (self.contrast if enabled else self.disabled_contrast).append(Measure(ratio, what))
            if ratio < 7.0:
                self.problems.append(f"{what}: contrast {ratio:.2f}:1 ({foreground} on {background})")
            wanted = np.array([int(foreground[i:i + 2], 16) for i in (1, 3, 5)])
            if np.abs(area.reshape(-1, 3).astype(int) - wanted).sum(axis=1).min() > 60:
                self.problems.append(f"{what}: no pixel in the text colour {foreground}: drawn in another")

    def _target(self, widget: QWidget, what: str) -> None:
        main = widget.property("role") in ("primary", "nav") or widget.property("tile") == "yes"
        side = min(widget.width(), widget.height())
        (self.main_targets if main else self.other_targets).append(Measure(side, what))
        least = MAIN_BUTTON_PX - 4 if main else TARGET_PX - 4  # 60 and 44 px: the standard's numbers
        if side < least:
            self.problems.append(f"{what}: {widget.width()} x {widget.height()} px, less than {least} px a side")


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton | QLineEdit) else ""
    return f"{type(widget).__name__} {widget.objectName() or ''} {text[:30]!r}".replace("  ", " ")


def rgb_array(image: QImage):
    """The image as a height x width x 3 array of bytes."""
    import numpy as np

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def dominant(area) -> str:
    """The most common colour of an area: the background the text is drawn on."""
    import numpy as np

    flat = area.reshape(-1, 3).astype(np.uint32)
    packed = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    return f"#{int(values[counts.argmax()]):06X}"


def settle() -> None:
    from PySide6.QtCore import QEvent

    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def tour(window, conn, curriculum) -> Iterator[str]:
    """Every kind of learner screen, each named as it is shown: the picker, home, a track before
    and after its first quiz, a step, every question type answered and its feedback pages, a
    test question, the result, Practice again, and every hands-on practice page with its
    feedback and summary. A demo learner who has not started is used."""
    from datetime import UTC, datetime, timedelta

    from ecom_trainer.content.model import Question
    from ecom_trainer.store.attempts import record_attempt
    from ecom_trainer.store.learners import list_learners
    from ecom_trainer.store.progress import save_position, test_unit

    window.show_picker()
    yield "picker"
    learner = list_learners(conn)[-1]
    track = curriculum.tracks[0]
    lesson = curriculum.lessons_of(track)[0]
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="milliseconds")
    record_attempt(conn, learner_id=learner.id, track_id=track.id, unit_id=lesson.id,
                   question_id=lesson.questions[0].id, kind="practice", answer=None, score=0.0,
                   correct=False, skills=lesson.questions[0].skills,
                   answered_at=yesterday.replace("+00:00", "Z"))  # so that Practice again shows
    save_position(conn, learner.id, lesson.id, 1)  # and Continue
    window.open_learner(learner)
    yield "home"
    window.open_track(track.id)
    yield "track, first quiz"
    session, player = window.session, window.player
    window.start_unit(session.test_unit(track.id, "pre_test"), 0)
    yield "pre-test question"
    save_position(conn, learner.id, test_unit(track.id, "pre_test"), len(track.pre_test), done=True)
    window.open_track(track.id)
    yield "track, lessons"
    window.start_unit(session.lesson_unit(lesson.id), 0)
    yield "lesson step"
    seen: set[str] = set()
    for each in curriculum.lessons.values():
        unit = session.lesson_unit(each.id)
        for position in range(len(each.steps), unit.total):
            question = unit.item(position)
            assert isinstance(question, Question)
            if question.type in seen:
                continue
            seen.add(question.type)
            window.start_unit(unit, position)
            yield f"{question.type} question"
            answer_wrongly(player.quiz.input, question)
            yield f"{question.type} question, answered"
            player.primary.click()
            yield f"{question.type} feedback"
            if player.quiz.more:
                player.primary.click()
                yield f"{question.type} feedback, why"
    window.show_result(session.lesson_unit(lesson.id))
    yield "result"
    review = session.review_unit()
    if review is not None:
        window.start_unit(review, 0)
        yield "practice again"
    yield from practice_tour(window)


def answer_wrongly(answer_input, question) -> None:
    """A wrong answer through the input's own buttons (the fullest feedback)."""
    from ecom_trainer.ui.learner import questions as inputs

    if isinstance(answer_input, inputs.ChoiceInput):
        if answer_input.multiple:
            for button in answer_input.buttons.values():
                button.setChecked(True)
        else:
            wrong = [o for o in question.options if o.id != question.answer]
            answer_input.buttons[max(wrong, key=lambda o: len(o.text)).id].setChecked(True)
    elif isinstance(answer_input, inputs.TrueFalseInput):
        answer_input.buttons[not question.answer].setChecked(True)
    elif isinstance(answer_input, inputs.NumericInput):
        answer_input.field.setText("123456.75")
    elif isinstance(answer_input, inputs.MatchInput):
        rights = list(answer_input.right_buttons)
        for i in range(len(answer_input.lefts)):
            answer_input.show_item(i)
            answer_input.pick(rights[(rights.index(answer_input.lefts[i].id) + 1) % len(rights)])
    # an order question is shown shuffled, never in the right order: already wrong


def practice_tour(window) -> Iterator[str]:
    """The practice menu, then each task page by page with an answer given, its feedback pages
    and the summary."""
    if not hasattr(window, "open_practice"):
        return
    window.open_practice()
    yield "practice menu"
    for task in window.practice.tiles:
        window.open_practice_task(task)
        screen = window.practice_task
        for _page in range(len(screen.pages)):
            yield f"practice {task}, page {screen.index + 1}"
            fill(screen)
            screen.on_primary()
            while screen.mode == "feedback":
                yield f"practice {task}, page {screen.index + 1} feedback"
                screen.on_primary()
            if screen.mode != "page":
                break
        if screen.mode == "summary":
            yield f"practice {task}, summary"


def fill(screen) -> None:
    """Give a practice page an answer, so that Check can be tapped."""
    page = screen.stack.currentWidget()
    tiles = getattr(page, "tiles", None)
    if tiles is not None and getattr(tiles, "buttons", None):
        next(iter(tiles.buttons.values())).setChecked(True)
    entry = getattr(page, "entry", None)
    if entry is not None:
        for field in entry.fields.values():
            field.setText("1234")
        for button in list(getattr(entry, "unit_buttons", {}).values())[:1]:
            button.setChecked(True)
