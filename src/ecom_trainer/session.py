"""The learner loop without Qt: which unit (lesson or test) comes next, where to resume, and
recording each answer durably. Screens call these methods; they never touch the database.

A unit is a lesson (its steps, then its practice questions) or a track's pre-/post-test (its
questions only). A position counts steps first, then questions; position == total means done.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from ecom_trainer.assess.mastery import guess_rate
from ecom_trainer.assess.review import due_for_review
from ecom_trainer.assess.scoring import is_correct, score
from ecom_trainer.content.model import Curriculum, Lesson, Question, Step, Track
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store import attempts as attempt_store
from ecom_trainer.store import progress as progress_store
from ecom_trainer.store.device import device_id
from ecom_trainer.store.learners import Learner

REVIEW = "#review"  # the unit id of "Practice again"; it has no saved position of its own


@dataclass(frozen=True)
class Unit:
    kind: str  # practice | pre_test | post_test
    unit_id: str
    track: Track
    title: str
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    lesson: Lesson | None = None
    # "Practice again": each question's own (track, lesson), where its answers are recorded
    origins: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> int:
        return len(self.steps) + len(self.questions)

    @property
    def is_test(self) -> bool:
        return self.kind != "practice"

    @property
    def is_review(self) -> bool:
        return self.unit_id == REVIEW

    def item(self, position: int) -> Step | Question | None:
        if position < len(self.steps):
            return self.steps[position]
        index = position - len(self.steps)
        return self.questions[index] if index < len(self.questions) else None


class Feedback(NamedTuple):  # not a frozen dataclass: made at every tap, and that costs ~1 us more
    score: float
    correct: bool
    attempt_id: str


@dataclass(frozen=True)
class TrackState:
    pre_test_done: bool
    lessons_done: frozenset[str]
    lessons_total: int
    post_test_done: bool

    @property
    def post_test_open(self) -> bool:
        return self.pre_test_done and len(self.lessons_done) >= self.lessons_total


class LearnerSession:
    def __init__(self, conn: sqlite3.Connection, curriculum: Curriculum, learner: Learner) -> None:
        self.conn = conn
        self.curriculum = curriculum
        self.learner = learner
        self.review_answers: dict[int, bool] = {}  # position -> right, in this "Practice again"
        self._device: str | None = None  # this PC's id, read once: every answer names it

    # -------------------------------------------------- units
    def lesson_unit(self, lesson_id: str) -> Unit:
        lesson = self.curriculum.lessons[lesson_id]
        track = self.curriculum.track(lesson.track)
        assert track is not None
        return Unit("practice", lesson.id, track, lesson.title, lesson.steps, lesson.questions, lesson)

    def test_unit(self, track_id: str, kind: str) -> Unit:
        track = self.curriculum.track(track_id)
        assert track is not None
        return Unit(kind, progress_store.test_unit(track_id, kind), track, track.title, (),
                    track.test(kind))

    def review_due(self, today: date | None = None) -> list[tuple[Lesson, Question]]:
        """Questions answered wrong before that are due again today (see assess.review)."""
        history = []
        for a in attempt_store.attempts_of(self.conn, self.learner.id):
            if a.kind == "practice":
                day = datetime.fromisoformat(a.answered_at.replace("Z", "+00:00")).astimezone().date()
                history.append(((a.lesson_id, a.question_id), a.correct, day))
        found = []
        for lesson_id, question_id in due_for_review(history, today or date.today()):
            lesson = self.curriculum.lessons.get(lesson_id)
            question = next((q for q in lesson.questions if q.id == question_id), None) if lesson else None
            if question is not None:  # a lesson changed since: its old question is skipped
                found.append((lesson, question))
        return found

    def review_unit(self, today: date | None = None, limit: int = 10) -> Unit | None:
        due = self.review_due(today)[:limit]  # a short session: a few at a time
        if not due:
            return None
        self.review_answers = {}
        first = self.curriculum.track(due[0][0].track)
        assert first is not None
        return Unit("practice", REVIEW, first, _("Practice again"), (),
                    tuple(q for _, q in due), origins=tuple((lesson.track, lesson.id) for lesson, _ in due))

    def unit_by_id(self, unit_id: str) -> Unit | None:
        if "#" in unit_id:
            track_id, kind = unit_id.split("#", 1)
            ok = self.curriculum.track(track_id) is not None and kind in ("pre_test", "post_test")
            return self.test_unit(track_id, kind) if ok else None
        return self.lesson_unit(unit_id) if unit_id in self.curriculum.lessons else None

    # -------------------------------------------------- where the learner is
    def resume_position(self, unit: Unit) -> int:
        """Where to open a unit: the saved position, or the start when it was finished."""
        saved = progress_store.get_progress(self.conn, self.learner.id, unit.unit_id)
        if saved is None or saved.status == progress_store.DONE:
            return 0
        return min(saved.position, unit.total - 1)

    def move_to(self, unit: Unit, position: int) -> None:
        if unit.is_review:
            return  # answered questions left their box; the rest come back next time
        progress_store.save_position(self.conn, self.learner.id, unit.unit_id, position,
                                     done=position >= unit.total)

    def continue_unit(self) -> tuple[Unit, int] | None:
        last = progress_store.last_unfinished(self.conn, self.learner.id)
        unit = self.unit_by_id(last.unit_id) if last else None
        return (unit, self.resume_position(unit)) if unit else None

    def track_state(self, track: Track) -> TrackState:
        saved = progress_store.all_progress(self.conn, self.learner.id)

        def done(unit_id: str) -> bool:
            return unit_id in saved and saved[unit_id].status == progress_store.DONE

        lessons = [lid for lid in track.lesson_ids if lid in self.curriculum.lessons]
        return TrackState(
            pre_test_done=done(progress_store.test_unit(track.id, "pre_test")),
            lessons_done=frozenset(lid for lid in lessons if done(lid)),
            lessons_total=len(lessons),
            post_test_done=done(progress_store.test_unit(track.id, "post_test")),
        )

    # -------------------------------------------------- answering
    def answer(self, unit: Unit, position: int, given: object, started_at: str | None = None) -> Feedback:
        """Score and store one answer; when this returns, it survives a power cut."""
        question = unit.item(position)
        assert isinstance(question, Question), f"position {position} of {unit.unit_id} is not a question"
        value = score(question, given)
        right = is_correct(value)
        next_position = position + 1
        track_id, unit_id, keep_place = unit.track.id, unit.unit_id, True
        if unit.is_review:  # recorded as practice of its own lesson; that lesson's place stays
            track_id, unit_id = unit.origins[position]
            keep_place = False
            self.review_answers[position] = right
        attempt_id = attempt_store.store_answer(  # positional: this runs at every tap
            self.conn, self.learner.id, track_id, unit_id, question.id, unit.kind, given, value, right,
            question.skills, started_at, next_position if keep_place else None, next_position >= unit.total,
            None, guess_rate(question), self._device_id())
        return Feedback(value, right, attempt_id)

    def _device_id(self) -> str:
        if self._device is None:
            self._device = device_id(self.conn)
        return self._device

    def unit_result(self, unit: Unit) -> tuple[int, int]:
        """(right answers, questions) from the newest answer to each question of the unit."""
        if unit.is_review:
            return sum(self.review_answers.values()), len(unit.questions)
        newest: dict[str, bool] = {}
        for a in attempt_store.attempts_of(self.conn, self.learner.id, unit.unit_id):
            if a.kind == unit.kind:
                newest[a.question_id] = a.correct
        ids = {q.id for q in unit.questions}
        return sum(1 for qid, ok in newest.items() if ok and qid in ids), len(unit.questions)
