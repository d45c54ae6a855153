"""One question on one screen: the prompt, its picture, the input, and after Check the
feedback: a symbol, words and the explanation (never colour alone). Tests give no feedback."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ecom_trainer.content.item_keys import explanation_key, prompt_key
from ecom_trainer.content.model import Question
from ecom_trainer.i18n import format_money, format_number, lesson_text
from ecom_trainer.i18n import gettext as _
from ecom_trainer.session import Feedback
from ecom_trainer.ui.learner.questions import QuestionInput, make_input, unit_name
from ecom_trainer.ui.screen import Reading
from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import Picture, label, panel


def shorten(text: str, width: int = 18) -> str:
    """The first words of `text`, about `width` Latin letters wide (a Chinese character counts two)."""
    used, out = 0, []
    for char in text:
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            cut = "".join(out)
            space = cut.rfind(" ")
            return (cut[:space] if space > width // 2 else cut).rstrip(" ,.;:，。") + "…"
        out.append(char)
    return text


def paired(item: str, match: str) -> str:
    """A match question's pair. The arrow is the catalog's: it points the other way in a language
    read from the right."""
    return _("{item} → {match}").format(item=item, match=match)


def solution_text(q: Question, given: object = None, brief: bool = False) -> str:
    """The right answer in words, for the feedback panel and for reading aloud. For a match,
    only the pairs the learner got wrong: those are the ones to learn."""
    if q.type in ("single_choice", "picture_choice"):
        option = next(o for o in q.options if o.id == q.answer)
        return lesson_text(option.text) or lesson_text(option.image.alt if option.image else "")
    if q.type == "multiple_choice":
        return _("; ").join(lesson_text(o.text) for o in q.options if o.id in q.answer)  # type: ignore[operator]
    if q.type == "true_false":
        return _("True") if q.answer else _("False")
    if q.type == "order":
        return "  ".join(f"{i + 1}. {lesson_text(o.text)}" for i, o in enumerate(q.options))
    if q.type == "numeric":
        if q.unit == "yuan":
            return format_money(float(q.answer))  # type: ignore[arg-type]
        return f"{format_number(float(q.answer))} {unit_name(q.unit)}"  # type: ignore[arg-type]
    if q.type == "match":
        wrong = [(a, b) for a, b in q.pairs if not isinstance(given, dict) or given.get(a.id) != a.id]
        # brief: the learner has just read each item in full; its first words recall it
        left = (lambda t: shorten(lesson_text(t))) if brief else lesson_text
        return "\n".join(paired(left(a.text), lesson_text(b.text)) for a, b in wrong)
    return ""


def answer_text(q: Question, given: object) -> str:
    """What the learner answered, in words (for the feedback and for reading aloud)."""
    by_id = {o.id: lesson_text(o.text) or lesson_text(o.image.alt if o.image else "") for o in q.options}
    if q.type in ("single_choice", "picture_choice"):
        return by_id.get(str(given), "")
    if q.type == "multiple_choice" and isinstance(given, list):
        return _("; ").join(by_id.get(g, "") for g in given)
    if q.type == "true_false":
        return _("True") if given else _("False")
    if q.type == "order" and isinstance(given, list):
        return "  ".join(f"{i + 1}. {by_id.get(g, '')}" for i, g in enumerate(given))
    if q.type == "numeric" and isinstance(given, int | float):
        if q.unit == "yuan":
            return format_money(float(given))
        return f"{format_number(float(given))} {unit_name(q.unit)}"
    if q.type == "match" and isinstance(given, dict):
        lefts = {a.id: lesson_text(a.text) for a, _b in q.pairs}
        rights = {b.id: lesson_text(b.text) for _a, b in q.pairs}
        # the list separator is the language's own (Chinese: the full-width "；")
        return _("; ").join(paired(lefts[k], rights.get(v, "")) for k, v in given.items() if k in lefts)
    return ""


class QuizView(QWidget):
    """After Check, the feedback takes the place of the answer area: one thing at a time, and
    room for it even at 200 % text."""

    answered_changed = Signal(bool)  # whether the learner has given an answer yet
    read_aloud = Signal(object)  # readings from an option's own Listen, with their unit

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6 if large_text() else 12)
        self.prompt = label(role="prompt")
        self.prompt.setObjectName("prompt")
        outer.addWidget(self.prompt)
        self.answer_area = QWidget()
        self.middle = QHBoxLayout(self.answer_area)
        self.middle.setContentsMargins(0, 0, 0, 0)
        self.picture = Picture()
        self.middle.addWidget(self.picture, 2)
        outer.addWidget(self.answer_area, 1)
        self.feedback = panel()
        self.feedback.setObjectName("feedback")
        fb = QVBoxLayout(self.feedback)
        self.verdict = label()
        self.verdict.setObjectName("verdict")
        # lead size where there is room; at large text the body size is already doubled
        words = "" if large_text() else "lead"
        self.given = label(role=words)
        self.given.setObjectName("given")
        self.explanation = label(role=words)
        self.explanation.setObjectName("explanation")
        fb.addWidget(self.verdict)
        fb.addWidget(self.given)
        fb.addWidget(self.explanation)
        fb.addStretch(1)
        outer.addWidget(self.feedback, 1)
        self.input: QuestionInput | None = None
        self.question: Question | None = None
        self.spoken: list[str] = []
        self.more = False  # a second page of feedback is waiting
        self.unit_id = ""  # the lesson or test the question's texts belong to (for recordings)

    def show_question(self, question: Question, seed: str) -> None:
        self.question = question
        # The last answer's feedback goes first: while the new input is shown it would
        # otherwise count in the height the window must have (and the window grew).
        self.feedback.hide()
        if self.input is not None:  # hide now: deleteLater waits for the event loop
            self.middle.removeWidget(self.input)
            self.input.hide()
            self.input.deleteLater()
        self.prompt.setText(lesson_text(question.prompt))
        self.picture.setVisible(question.image is not None)
        if question.image:
            self.picture.set_picture(question.image.path, lesson_text(question.image.alt))
        self.input = make_input(question, seed)
        self.input.setObjectName("question_input")
        self.input.changed.connect(lambda: self.answered_changed.emit(self.answer() is not None))
        self.input.read_aloud.connect(lambda parts: self.read_aloud.emit(self._in_unit(parts)))
        self.middle.addWidget(self.input, 5)
        self.input.show()  # a widget added to a visible layout is otherwise shown only later, queued
        self.more = False
        self.prompt.show()
        self.answer_area.show()
        self.answered_changed.emit(self.answer() is not None)

    def answer(self) -> object | None:
        return self.input.answer() if self.input else None

    def show_feedback(self, result: Feedback) -> None:
        assert self.question is not None and self.input is not None
        given = self.answer()
        self.input.lock()
        self.spoken: list[str] = []
        if result.correct:
            self.verdict.setText(_("✓ Right!"))
            self.verdict.setProperty("role", "right")
            self.given.setText(_("Your answer: {answer}").format(answer=answer_text(self.question, given)))
        else:
            partly = result.score > 0
            self.verdict.setText(_("◐ Partly right") if partly else _("✗ Not quite"))
            self.verdict.setProperty("role", "wrong")
            mine = _("Your answer: {answer}").format(answer=answer_text(self.question, given))
            right = _("The right answer: {answer}").format(answer=solution_text(self.question, given))
            # Listen always reads it all, even where the screen shows a brief form
            self.spoken = [mine, right]
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.explanation.setText(lesson_text(self.question.explanation))
        self.answer_area.hide()
        self.prompt.setVisible(not large_text())  # at 150 % and more the feedback needs the room
        self.given.show()
        self.explanation.show()
        self.feedback.show()
        if not result.correct:
            self.given.setText(self._answers_that_fit(given))
        # When the answer and the "why" do not fit together, they come one after the other.
        self.more = not self._feedback_fits()
        self.explanation.setVisible(not self.more)

    def _answers_that_fit(self, given: object) -> str:
        """Both answers where they fit beside the explanation, or on a page of their own; else
        the right answer alone, in brief (the learner has just given their own, and Listen reads
        both in full). At large text the brief form always: the explanation needs the room."""
        assert self.question is not None
        mine, right = self.spoken
        brief = _("The right answer: {answer}").format(
            answer=solution_text(self.question, given, brief=True))
        if large_text():
            return brief
        for text in (f"{mine}\n{right}", right):
            self.given.setText(text)
            if self._feedback_fits() or self._feedback_fits(explanation=False):
                return text
        return brief

    def show_more(self) -> None:
        """The second page of a long feedback: the explanation."""
        self.given.hide()
        self.explanation.show()
        self.more = False

    def _feedback_fits(self, explanation: bool = True) -> bool:
        box = self.feedback.layout()
        margins = box.contentsMargins()
        frame = 2 * self.feedback.frameWidth() + 6  # the stylesheet's 3 px border
        width = self.width() - margins.left() - margins.right() - frame
        shown = [w for w in (self.verdict, self.given, self.explanation if explanation else None)
                 if w is not None and w.text()]
        need = (sum(w.heightForWidth(width) for w in shown) + box.spacing() * (len(shown) - 1)
                + margins.top() + margins.bottom() + frame)
        room = self.height()
        if self.prompt.isVisibleTo(self):
            room -= self.prompt.heightForWidth(self.width()) + self.layout().spacing()
        return need <= room

    def speech_text(self) -> str:
        if self.feedback.isVisible():
            parts = [self.verdict.text().lstrip("✓✗◐ "), *(self.spoken or [self.given.text()]),
                     self.explanation.text()]
        else:
            parts = [self.prompt.text(), self.input.speech_text() if self.input else ""]
        return ". ".join(p for p in parts if p)

    def _in_unit(self, parts: list[Reading]) -> list[Reading]:
        return [p._replace(unit_id=self.unit_id) if p.key else p for p in parts]

    def speech_parts(self) -> list[Reading]:
        """As speech_text, each lesson text with its key: the prompt, the options, the explanation."""
        assert self.question is not None
        qid = self.question.id
        if self.feedback.isVisible():
            said = [self.verdict.text().lstrip("✓✗◐ "), *(self.spoken or [self.given.text()])]
            parts = [Reading(t) for t in said if t]
            if self.explanation.text():
                parts.append(Reading(self.explanation.text(), self.unit_id, explanation_key(qid)))
            return parts
        inputs = self.input.speech_parts() if self.input else []
        return self._in_unit([Reading(self.prompt.text(), "", prompt_key(qid)), *inputs])
