"""Plays a unit: a lesson's steps one per screen (big text, picture, Back / Next / Listen), then
its questions through QuizView; a test is questions only, with no right/wrong shown.

Every move is saved at once (the exact step to resume), and an answer is on disk before the
learner sees its feedback.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QStackedWidget, QWidget

from ecom_trainer.content.item_keys import step_key
from ecom_trainer.content.model import Question, Step
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.session import LearnerSession, Unit
from ecom_trainer.store.db import now
from ecom_trainer.ui.learner.quiz import QuizView
from ecom_trainer.ui.screen import Reading, Screen
from ecom_trainer.ui.theme import text_scale
from ecom_trainer.ui.widgets import Picture, PictureBeside, label, primary_button


class LessonPlayer(Screen):
    finished = Signal(object)  # the Unit, when its last item is done

    def __init__(self) -> None:
        super().__init__()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.body.addWidget(self.progress)
        self.stack = QStackedWidget()
        self.step_picture = Picture()
        self.step_picture.setObjectName("step_picture")
        self.step_text = label(role="lead")
        self.step_text.setObjectName("step_text")
        # Pictures shrink before text does: the larger the text, the more width it gets, and
        # more still when a long step needs it.
        text_share = {1.0: 2 / 5, 1.5: 1 / 2}.get(text_scale(), 2 / 3)
        self.step_view = PictureBeside(self.step_picture, self.step_text, text_share)
        self.quiz = QuizView()
        self.stack.addWidget(self.step_view)
        self.stack.addWidget(self.quiz)
        self.body.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        # "Question 2 of 7" sits at the bottom, beside the button: the top row stays one thin bar.
        self.counter = label(role="muted", wrap=False)
        self.counter.setObjectName("counter")
        bottom.addWidget(self.counter)
        self.status = label(role="muted")
        self.status.setObjectName("status")
        self.primary = primary_button("", "next")
        self.primary.setObjectName("primary")
        self.primary.clicked.connect(self.on_primary)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.primary)
        self.body.addLayout(bottom)
        self.quiz.answered_changed.connect(self._answer_ready)
        self.quiz.read_aloud.connect(self.read_aloud.emit)
        self.nav.back.connect(self.on_back)
        self.session: LearnerSession | None = None
        self.unit: Unit | None = None
        self.position = 0
        self.checked = False
        self.shown_at = now()

    def start(self, session: LearnerSession, unit: Unit, position: int) -> None:
        self.session, self.unit = session, unit
        self.nav.retranslate()
        self.progress.setMaximum(unit.total)
        self.show_position(position)

    def show_position(self, position: int) -> None:
        assert self.unit is not None
        self.position = position
        self.checked = False
        self.shown_at = now()
        self.status.setText("")
        self.progress.setValue(position)
        item = self.unit.item(position)
        self.nav.back_button.setEnabled(position > 0 and not self.unit.is_test)
        if isinstance(item, Step):
            self.nav.set_title(lesson_text(self.unit.title))
            self.counter.setText(_("Step {n} of {total}").format(n=position + 1, total=len(self.unit.steps)))
            self.step_text.setText(lesson_text(item.text))
            self.step_picture.setVisible(item.image is not None)
            if item.image:
                self.step_picture.set_picture(item.image.path, lesson_text(item.image.alt))
            self.step_view.place()  # new words may need another share of the width
            self.stack.setCurrentWidget(self.step_view)
            self.primary.setText(_("Next"))
            self.primary.setEnabled(True)
            self.primary.setFocus()  # Space or Enter goes on
        elif isinstance(item, Question):
            index = position - len(self.unit.steps)
            self.nav.set_title(lesson_text(self.unit.title))
            self.counter.setText(_("Question {n} of {total}").format(n=index + 1, total=len(self.unit.questions)))
            self.stack.setCurrentWidget(self.quiz)
            # "Practice again" mixes lessons: each question's texts belong to its own lesson
            origins = self.unit.origins
            self.quiz.unit_id = origins[index][1] if index < len(origins) else self.unit.unit_id
            self.quiz.show_question(item, seed=self.session.learner.id if self.session else "")
            self.primary.setText(_("Next") if self.unit.is_test else _("Check my answer"))
            self._focus_answer()
        self.primary.setAccessibleName(self.primary.text())

    def _focus_answer(self) -> None:
        """Keyboard users start on the first answer, not wherever the disabled button sent the
        focus (Qt moves it on to the next widget in the chain, often Home)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLineEdit, QPushButton

        for child in self.quiz.input.findChildren(QWidget) if self.quiz.input else []:
            if (isinstance(child, QPushButton | QLineEdit) and child.isEnabled() and child.isVisibleTo(self)
                    and child.focusPolicy() != Qt.FocusPolicy.NoFocus):
                child.setFocus()
                return

    def _answer_ready(self, ready: bool) -> None:
        if not self.checked:
            self.primary.setEnabled(ready)

    def on_primary(self) -> None:
        assert self.unit is not None and self.session is not None
        item = self.unit.item(self.position)
        if isinstance(item, Question) and not self.checked:
            given = self.quiz.answer()
            if given is None:
                return
            result = self.session.answer(self.unit, self.position, given, started_at=self.shown_at)
            self.checked = True
            if self.unit.is_test:  # no right/wrong in tests: straight on, no pressure
                self.go(self.position + 1, already_saved=True)
                return
            self.quiz.show_feedback(result)
            self.status.setText(_("Your answer is saved."))
            self.primary.setText(_("Why?") if self.quiz.more else _("Next"))
            self.primary.setEnabled(True)
            self.primary.setFocus()  # the answer is locked: the focus stays on the way on
            return
        if isinstance(item, Question) and self.quiz.more:
            self.quiz.show_more()
            self.primary.setText(_("Next"))
            return
        self.go(self.position + 1, already_saved=isinstance(item, Question))

    def on_back(self) -> None:
        if self.position > 0 and self.unit and not self.unit.is_test:
            self.go(self.position - 1)

    def go(self, position: int, already_saved: bool = False) -> None:
        assert self.unit is not None and self.session is not None
        if not already_saved:  # answering already moved the saved position, in one transaction
            self.session.move_to(self.unit, position)
        if position >= self.unit.total:
            self.finished.emit(self.unit)
        else:
            self.show_position(position)

    def speech_text(self) -> str:
        if self.stack.currentWidget() is self.step_view:
            return self.step_text.text()
        return self.quiz.speech_text()

    def speech_parts(self) -> list[Reading]:
        if self.stack.currentWidget() is self.step_view:
            assert self.unit is not None
            return [Reading(self.step_text.text(), self.unit.unit_id, step_key(self.position))]
        return self.quiz.speech_parts()

    def default_button(self) -> QWidget | None:
        return self.primary  # Enter in the number field: Check my answer

    def help_text(self) -> str:
        if self.stack.currentWidget() is self.step_view:
            return _("Look at the picture and read the words, or tap Listen. Tap Next when you are ready.")
        return _("Tap your answer, then tap the green button. There is no time limit.")
