"""One question on one screen: the prompt, its picture, the input, and after Check the
feedback: a symbol, words and the explanation (never colour alone). Tests give no feedback."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ecom_trainer.content.model import Question
from ecom_trainer.i18n import format_money, format_number, lesson_text
from ecom_trainer.i18n import gettext as _
from ecom_trainer.session import Feedback
from ecom_trainer.ui.learner.questions import QuestionInput, make_input, unit_name
from ecom_trainer.ui.widgets import Picture, label, panel


def solution_text(q: Question) -> str:
    """The right answer in words, for the feedback panel and for reading aloud."""
    if q.type in ("single_choice", "picture_choice"):
        option = next(o for o in q.options if o.id == q.answer)
        return lesson_text(option.text) or lesson_text(option.image.alt if option.image else "")
    if q.type == "multiple_choice":
        return "; ".join(lesson_text(o.text) for o in q.options if o.id in q.answer)  # type: ignore[operator]
    if q.type == "true_false":
        return _("True") if q.answer else _("False")
    if q.type == "order":
        return "  ".join(f"{i + 1}. {lesson_text(o.text)}" for i, o in enumerate(q.options))
    if q.type == "numeric":
        if q.unit == "yuan":
            return format_money(float(q.answer))  # type: ignore[arg-type]
        return f"{format_number(float(q.answer))} {unit_name(q.unit)}"  # type: ignore[arg-type]
    if q.type == "match":
        return "; ".join(f"{lesson_text(a.text)} → {lesson_text(b.text)}" for a, b in q.pairs)
    return ""


class QuizView(QWidget):
    answered_changed = Signal(bool)  # whether the learner has given an answer yet

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self.prompt = label()
        self.prompt.setObjectName("prompt")
        self.prompt.setProperty("role", "title")
        outer.addWidget(self.prompt)
        self.middle = QHBoxLayout()
        self.picture = Picture()
        self.middle.addWidget(self.picture, 2)
        outer.addLayout(self.middle, 1)
        self.feedback = panel()
        self.feedback.setObjectName("feedback")
        fb = QHBoxLayout(self.feedback)
        self.verdict = label(wrap=False)
        self.verdict.setObjectName("verdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.explanation = label()
        self.explanation.setObjectName("explanation")
        fb.addWidget(self.verdict)
        fb.addWidget(self.explanation, 1)
        outer.addWidget(self.feedback)
        self.input: QuestionInput | None = None
        self.question: Question | None = None

    def show_question(self, question: Question, seed: str) -> None:
        self.question = question
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
        self.middle.addWidget(self.input, 5)
        self.input.show()  # a widget added to a visible layout is otherwise shown only later, queued
        self.feedback.hide()
        self.answered_changed.emit(self.answer() is not None)

    def answer(self) -> object | None:
        return self.input.answer() if self.input else None

    def show_feedback(self, result: Feedback) -> None:
        assert self.question is not None and self.input is not None
        self.input.lock()
        if result.correct:
            self.verdict.setText(_("✓ Right!"))
            self.verdict.setProperty("role", "right")
            words = lesson_text(self.question.explanation)
        else:
            partly = result.score > 0
            self.verdict.setText(_("◐ Partly right") if partly else _("✗ Not quite"))
            self.verdict.setProperty("role", "wrong")
            words = _("The right answer: {answer}").format(answer=solution_text(self.question))
            words += "\n" + lesson_text(self.question.explanation)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.explanation.setText(words)
        self.feedback.show()

    def speech_text(self) -> str:
        parts = [self.prompt.text()]
        if self.input:
            parts.append(self.input.speech_text())
        if self.feedback.isVisible():
            parts += [self.verdict.text().lstrip("✓✗◐ "), self.explanation.text()]
        return ". ".join(p for p in parts if p)
