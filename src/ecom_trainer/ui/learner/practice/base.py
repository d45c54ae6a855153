"""The frame of every hands-on practice task: its pages one after another, Check on a page with
rubric parts, then the feedback point by point, and at the end a summary with stars.

Each checked part is recorded at once as a practice attempt (question id = the rubric part, with
its skills) before its feedback shows, like a lesson's answers: mastery and the trainer's charts
count hands-on work, and a power cut loses nothing already checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from ecom_trainer.assess.mastery import PRACTICE_GUESS
from ecom_trainer.assess.practice import PartResult
from ecom_trainer.content.practice import Practice
from ecom_trainer.i18n import gettext as _
from ecom_trainer.session import LearnerSession
from ecom_trainer.store.attempts import record_attempt
from ecom_trainer.store.db import now
from ecom_trainer.ui.learner.practice.views import FeedbackView, SummaryView
from ecom_trainer.ui.learner.practice.words import finding_text, verdict
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import label, primary_button

TAB_FOCUS = (Qt.FocusPolicy.TabFocus, Qt.FocusPolicy.StrongFocus, Qt.FocusPolicy.WheelFocus)


class Page(QWidget):
    """One screen of a task. Emits `changed` when the learner's answer changes."""

    changed = Signal()
    read_aloud = Signal(object)  # readings from a Listen control on the page

    def prompt(self) -> str:
        return ""

    def ready(self) -> bool:
        """Whether Check (or Next) can be tapped yet."""
        return True

    def check(self) -> list[PartResult] | None:
        """The rubric parts this page scores; None for a page that only leads on."""
        return None

    def answer_of(self, part: str) -> object:
        """What the learner did for `part`, as JSON for the attempt."""
        return None

    def lock(self) -> None:
        for child in self.findChildren(QPushButton) + self.findChildren(QLineEdit):
            child.setEnabled(False)

    def speech_text(self) -> str:
        return ""

    def help_text(self) -> str:
        return _("Tap your answer, then tap the green button. There is no time limit.")

    def enter(self) -> None:
        """The page is about to show (it may depend on an earlier page's answer)."""

    def leave(self) -> None:
        """The page is no longer shown (a clock stops, a recording ends)."""


class PracticeScreen(Screen):
    """One task. Subclasses say which task it is and build its pages."""

    back_to_menu = Signal()
    task = ""  # a name from content.practice.TASKS
    track_id = ""  # the track its attempts count for

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.nav.back.connect(self.back_to_menu.emit)
        self.prompt = label(role="prompt")
        self.prompt.setObjectName("practice_prompt")
        self.body.addWidget(self.prompt)
        self.stack = QStackedWidget()
        self.feedback = FeedbackView()
        self.summary = SummaryView()
        self.stack.addWidget(self.feedback)
        self.stack.addWidget(self.summary)
        self.body.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        self.counter = label(role="muted", wrap=False)
        self.counter.setObjectName("practice_counter")
        self.status = label(role="muted")
        self.status.setObjectName("status")
        self.again = primary_button(_("Try again"), "back")
        self.again.setObjectName("practice_again")
        self.again.clicked.connect(self.try_again)
        self.primary = primary_button("", "next")
        self.primary.setObjectName("practice_primary")
        self.primary.clicked.connect(self.on_primary)
        bottom.addWidget(self.counter)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.again)
        bottom.addWidget(self.primary)
        self.body.addLayout(bottom)
        self.session: LearnerSession | None = None
        self.pages: list[Page] = []
        self.index = 0
        self.mode = "page"  # page | feedback | summary
        self.results: list[PartResult] = []
        self.round = 0  # "Try again" may bring the next parcel or product
        self.shown_at = now()

    # ------------------------------------------------------------ for subclasses
    def title(self) -> str:
        return ""

    def build_pages(self) -> list[Page]:
        raise NotImplementedError

    def question_id(self, part: PartResult) -> str:
        return part.part

    def overall(self, results: Sequence[PartResult]) -> float:
        return sum(r.score for r in results) / len(results) if results else 0.0

    def finished(self) -> None:
        """Every page is done (before the summary shows)."""

    # ------------------------------------------------------------ flow
    def start(self, session: LearnerSession) -> None:
        self.session = session
        self.nav.retranslate()
        self.nav.set_title(self.title())
        for page in self.pages:
            page.leave()
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = self.build_pages()
        for i, page in enumerate(self.pages):
            page.setObjectName(f"page_{i}")
            self.stack.insertWidget(i, page)
            page.changed.connect(lambda p=page: self._page_changed(p))
            page.read_aloud.connect(self.read_aloud.emit)
        self.results = []
        self.show_page(0)

    def try_again(self) -> None:
        assert self.session is not None
        self.round += 1
        self.start(self.session)

    def current_page(self) -> Page | None:
        return self.pages[self.index] if self.mode == "page" and self.index < len(self.pages) else None

    def show_page(self, index: int) -> None:
        self.index, self.mode = index, "page"
        page = self.pages[index]
        page.enter()
        self.shown_at = now()
        self.prompt.setText(page.prompt())
        self.prompt.show()
        self.stack.setCurrentWidget(page)
        several = len(self.pages) > 1
        self.counter.setText(_("Step {n} of {total}").format(n=index + 1, total=len(self.pages)) if several else "")
        self.status.setText("")
        self.again.hide()
        self.primary.setText(_("Check my answer") if self._scored(page) else _("Next"))
        self.primary.setAccessibleName(self.primary.text())
        self.primary.setEnabled(page.ready())
        self._focus_first(page)

    @staticmethod
    def _scored(page: Page) -> bool:
        return type(page).check is not Page.check

    def _page_changed(self, page: Page) -> None:
        if self.current_page() is page:
            self.primary.setEnabled(page.ready())
            self.prompt.setText(page.prompt())

    def on_primary(self) -> None:
        if self.mode == "page":
            page = self.pages[self.index]
            if not page.ready():
                return
            results = page.check()
            if results is None:
                self.advance()
                return
            self.record(page, results)
            page.lock()
            self.results.extend(results)
            self.show_feedback(results)
        elif self.mode == "feedback":
            if self.feedback.has_more:
                self.feedback.next_page()
                self._feedback_button()
            else:
                self.advance()
        else:
            self.back_to_menu.emit()

    def record(self, page: Page, results: Sequence[PartResult]) -> None:
        """Each rubric part as one practice attempt, durable before the feedback shows."""
        assert self.session is not None
        for part in results:
            record_attempt(
                self.session.conn, learner_id=self.session.learner.id, track_id=self.track_id,
                unit_id=f"practice:{self.task}", question_id=self.question_id(part), kind="practice",
                answer=page.answer_of(part.part), score=min(1.0, max(0.0, part.score)), correct=part.correct,
                skills=part.skills, started_at=self.shown_at, guess=PRACTICE_GUESS)

    def show_feedback(self, results: Sequence[PartResult]) -> None:
        self.mode = "feedback"
        page = self.pages[self.index]
        page.leave()
        if large_text():
            self.prompt.hide()  # the feedback needs the room
        text, good = verdict(results, self.task)
        lines = [(f.ok, finding_text(f, self.practice)) for r in results for f in r.findings]
        self.stack.setCurrentWidget(self.feedback)
        self.feedback.show_findings(text, good, lines, self.stack.size())
        self.status.setText(_("Your answer is saved."))
        self._feedback_button()

    def _feedback_button(self) -> None:
        more = self.feedback.has_more
        last = self.index + 1 >= len(self.pages)
        self.primary.setText(_("More") if more else _("Finish") if last else _("Next"))
        self.primary.setAccessibleName(self.primary.text())
        self.primary.setEnabled(True)
        self.primary.setFocus(Qt.FocusReason.OtherFocusReason)

    def advance(self) -> None:
        if self.index + 1 < len(self.pages):
            self.pages[self.index].leave()
            self.show_page(self.index + 1)
        else:
            self.pages[self.index].leave()
            self.finished()
            self.show_summary()

    def show_summary(self) -> None:
        self.mode = "summary"
        self.prompt.hide()
        right = sum(1 for r in self.results if r.correct)
        self.summary.show_score(self.title(), self.overall(self.results), right, len(self.results))
        self.stack.setCurrentWidget(self.summary)
        self.counter.setText("")
        self.status.setText("")
        self.again.show()
        self.primary.setText(_("Back to practice"))
        self.primary.setAccessibleName(self.primary.text())
        self.primary.setEnabled(True)
        self.primary.setFocus(Qt.FocusReason.OtherFocusReason)

    def leave(self) -> None:
        """The screen is left (Home, Back): stop what runs on the page."""
        page = self.current_page()
        if page is not None:
            page.leave()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.leave()
        super().hideEvent(event)

    @staticmethod
    def _focus_first(page: Page) -> None:
        """Keyboard users start on the page's first control, not on a hidden one."""
        for child in page.findChildren(QWidget):
            if (isinstance(child, QPushButton | QLineEdit) and child.isVisibleTo(page) and child.isEnabled()
                    and child.focusPolicy() in TAB_FOCUS):
                child.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def default_button(self) -> QWidget | None:
        return self.primary  # Enter in a number field: Check my answer

    # ------------------------------------------------------------ reading aloud, help
    def speech_text(self) -> str:
        if self.mode == "feedback":
            return self.feedback.speech_text()
        if self.mode == "summary":
            return f"{self.summary.headline.text()} {self.summary.detail.text()}"
        page = self.pages[self.index] if self.pages else None
        return ". ".join(p for p in (self.prompt.text(), page.speech_text() if page else "") if p)

    def help_text(self) -> str:
        if self.mode == "page" and self.pages:
            return self.pages[self.index].help_text()
        if self.mode == "feedback":
            return _("Read each point, or tap Listen. Then tap the green button.")
        return _("Tap Try again to practise once more, or go back to the other practice tasks.")
