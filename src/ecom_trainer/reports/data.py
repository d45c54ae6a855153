"""What a report says, as plain data: computed from the answers (store/) with the assessment
functions (assess/). The PDF writer only lays these numbers out, so a test can compare the PDF's
text with them. No Qt here.

Choices made here, printed in the reports too:
- A quiz score is the share of right answers among the newest answer to each question of a
  finished quiz (as the result screen and the dashboard count it); an unfinished quiz has none.
- Mastery uses every answer on a skill (quizzes and practice), oldest first.
- A track's skills are the skills some question of the track measures: a skill without any
  question yet cannot be shown or mastered.
- A cohort's gain is the gain of the averages (Hake's class-average gain), over the members who
  took both quizzes of the track.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ecom_trainer.assess.gains import CohortGain, cohort_gain, gain_band, normalized_gain
from ecom_trainer.assess.mastery import Mastery, guess_lookup, skill_mastery
from ecom_trainer.content.model import Curriculum, Track
from ecom_trainer.store.attempts import Attempt, attempts_of, lesson_summary
from ecom_trainer.store.centre import centre_name
from ecom_trainer.store.learners import get_learner
from ecom_trainer.store.progress import DONE, Progress, all_progress, test_unit

# The cohort average used for the gain, named in the report.
COHORT_GAIN_AVERAGE = "gain of the averages"

# Why a learner has no gain for a track (the writer words them in the report's language).
GAIN_OK, GAIN_UNDEFINED, GAIN_MISSING = "ok", "undefined", "missing"


@dataclass(frozen=True)
class SkillResult:
    skill_id: str
    name: str  # source-language text: translate with lesson_text
    mastery: Mastery
    pre: float | None  # percent right of the quiz questions on this skill; None: quiz not done
    post: float | None


@dataclass(frozen=True)
class TrackResult:
    track_id: str
    title: str  # source-language text
    skills: tuple[SkillResult, ...]
    pre: float | None  # percent
    post: float | None
    gain: float | None
    gain_status: str  # GAIN_OK | GAIN_UNDEFINED (first quiz 100 %) | GAIN_MISSING (a quiz not done)
    lessons_done: int
    lessons_total: int
    answers: int
    quiz_skills: tuple[str, ...] = ()  # the skills the quizzes measure (the others: lessons only)

    @property
    def started(self) -> bool:
        return self.answers > 0

    @property
    def band(self) -> str:
        return gain_band(self.gain)

    @property
    def all_mastered(self) -> bool:
        return bool(self.skills) and all(mastered(s.mastery) for s in self.skills)


@dataclass(frozen=True)
class UnitAnswers:
    kind: str  # practice | pre_test | post_test
    unit_id: str
    title: str  # source-language text of the lesson or track
    answers: int
    right: int


@dataclass(frozen=True)
class LearnerData:
    learner_id: str
    name: str
    village: str
    avatar: str
    centre: str
    cohorts: tuple[str, ...]
    tracks: tuple[TrackResult, ...]
    units: tuple[UnitAnswers, ...]
    answers: int
    right: int
    made_on: date

    @property
    def lessons_done(self) -> int:
        return sum(t.lessons_done for t in self.tracks)

    @property
    def lessons_total(self) -> int:
        return sum(t.lessons_total for t in self.tracks)

    def track(self, track_id: str) -> TrackResult | None:
        return next((t for t in self.tracks if t.track_id == track_id), None)


@dataclass(frozen=True)
class SkillShare:
    skill_id: str
    name: str
    rule_mastered: int  # members mastered by "3 of the last 5"
    bkt_mastered: int  # members mastered by BKT
    members: int
    pre: float | None  # average percent of the members who took the first quiz
    pre_takers: int
    post: float | None
    post_takers: int


@dataclass(frozen=True)
class CohortTrack:
    track_id: str
    title: str
    gain: CohortGain | None  # over the members with both quizzes; None when nobody has both
    skills: tuple[SkillShare, ...]
    started: int  # members with any answer in the track
    quiz_skills: tuple[str, ...] = ()

    @property
    def chosen_gain(self) -> float | None:
        """The gain this report uses: COHORT_GAIN_AVERAGE."""
        return self.gain.gain_of_means if self.gain else None


@dataclass(frozen=True)
class CohortData:
    cohort_id: str
    name: str
    centre: str
    members: tuple[LearnerData, ...]
    tracks: tuple[CohortTrack, ...]
    made_on: date
    gain_average: str = COHORT_GAIN_AVERAGE


def mastered(m: Mastery) -> bool:
    """Mastered for a certificate: by both measures the report shows side by side."""
    return m.rule_mastered and m.bkt_mastered


def track_skills(curriculum: Curriculum, track: Track) -> list[tuple[str, str]]:
    """(skill id, name) of the track's skills that some question measures, in the track's order."""
    questions = list(track.pre_test) + list(track.post_test)
    for lesson in curriculum.lessons_of(track):
        questions += lesson.questions
    measured = {s for q in questions for s in q.skills}
    return [(s.id, s.name) for s in track.skills if s.id in measured]


def quiz_skills(track: Track) -> tuple[str, ...]:
    """The track's skills that its first or final quiz measures, in the track's order."""
    measured = {s for q in track.pre_test + track.post_test for s in q.skills}
    return tuple(s.id for s in track.skills if s.id in measured)


def _quiz_scores(track: Track, kind: str, attempts: list[Attempt],
                 progress: dict[str, Progress]) -> tuple[float | None, dict[str, float]]:
    """(percent right of the quiz, percent right per skill) from the newest answer to each
    question, once the quiz is finished; (None, {}) before. Counted as the dashboard's summaries
    count it (store/summaries.py), so both show the same score."""
    unit = test_unit(track.id, kind)
    if unit not in progress or progress[unit].status != DONE:
        return None, {}
    newest: dict[str, Attempt] = {}
    for a in attempts:  # oldest first: later answers replace earlier ones
        if a.lesson_id == unit:
            newest[a.question_id] = a
    if not newest:
        return None, {}
    whole = 100.0 * sum(a.correct for a in newest.values()) / len(newest)
    per_skill: dict[str, list[bool]] = {}
    for a in newest.values():
        for skill in a.skills:
            per_skill.setdefault(skill, []).append(a.correct)
    return whole, {s: 100.0 * sum(v) / len(v) for s, v in per_skill.items()}


def _title_of(curriculum: Curriculum, unit_id: str) -> str:
    if "#" in unit_id:
        track = curriculum.track(unit_id.split("#")[0])
        return track.title if track else unit_id
    lesson = curriculum.lessons.get(unit_id)
    return lesson.title if lesson else unit_id


def learner_data(conn: sqlite3.Connection, curriculum: Curriculum, learner_id: str,
                 today: date | None = None) -> LearnerData:
    """Everything a learner report shows. Raises LookupError for an unknown learner."""
    learner = get_learner(conn, learner_id)
    if learner is None:
        raise LookupError(f"no learner {learner_id}")
    attempts = attempts_of(conn, learner_id)
    progress = all_progress(conn, learner_id)
    guess_of = guess_lookup(curriculum)  # as the dashboard's summaries count it
    observations: dict[str, list[tuple[bool, float]]] = {}
    for a in attempts:
        guess = guess_of(a.lesson_id, a.question_id)
        for skill in a.skills:
            observations.setdefault(skill, []).append((a.correct, guess))
    tracks = []
    for track in curriculum.tracks:
        pre, pre_skills = _quiz_scores(track, "pre_test", attempts, progress)
        post, post_skills = _quiz_scores(track, "post_test", attempts, progress)
        if pre is None or post is None:
            gain, status = None, GAIN_MISSING
        else:
            gain = normalized_gain(pre, post)
            status = GAIN_OK if gain is not None else GAIN_UNDEFINED
        skills = tuple(
            SkillResult(sid, name, skill_mastery(sid, observations.get(sid, [])),
                        pre_skills.get(sid), post_skills.get(sid))
            for sid, name in track_skills(curriculum, track))
        lessons = [lid for lid in track.lesson_ids if lid in curriculum.lessons]
        done = sum(1 for lid in lessons if lid in progress and progress[lid].status == DONE)
        tracks.append(TrackResult(
            track.id, track.title, skills, pre, post, gain, status, done, len(lessons),
            sum(1 for a in attempts if a.track_id == track.id), quiz_skills(track)))
    units = tuple(UnitAnswers(kind, unit, _title_of(curriculum, unit), n, right or 0)
                  for kind, unit, n, right in lesson_summary(conn, learner_id))
    from ecom_trainer.store.roster import avatar_file, is_photo

    # a photo lives beside the database: the PDF writer gets its full path, a built-in picture its name
    photo = avatar_file(conn, learner.avatar) if is_photo(learner.avatar) else None
    return LearnerData(
        learner.id, learner.name, learner.village, str(photo) if photo else learner.avatar,
        centre_name(conn) or "",
        tuple(_cohort_names(conn, learner.id)), tuple(tracks), units, len(attempts),
        sum(a.correct for a in attempts), today or date.today())


# ------------------------------------------------------------------ cohorts

@dataclass(frozen=True)
class CohortInfo:
    id: str
    name: str
    members: int


def list_cohorts(conn: sqlite3.Connection) -> list[CohortInfo]:
    """Cohorts that are not archived, with their member counts, by name."""
    return [CohortInfo(*row) for row in conn.execute(
        "SELECT c.id, c.name, COUNT(m.learner_id) FROM cohorts c "
        "LEFT JOIN cohort_members m ON m.cohort_id = c.id "
        "WHERE COALESCE(c.archived, 0) = 0 GROUP BY c.id ORDER BY c.name COLLATE NOCASE, c.id")]


def _cohort_names(conn: sqlite3.Connection, learner_id: str) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT c.name FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id "
        "WHERE m.learner_id = ? AND COALESCE(c.archived, 0) = 0 ORDER BY c.name", (learner_id,))]


def cohort_member_ids(conn: sqlite3.Connection, cohort_id: str) -> list[str]:
    """Members by name, archived ones too (a finished course's report still counts everyone who
    took it); a member joined into another learner counts as that learner (once)."""
    kept = dict(conn.execute("SELECT merged_id, kept_id FROM learner_merges").fetchall())
    found: list[str] = []
    for (learner_id,) in conn.execute(
            "SELECT l.id FROM cohort_members m JOIN learners l ON l.id = m.learner_id "
            "WHERE m.cohort_id = ? ORDER BY l.name COLLATE NOCASE, l.id",
            (cohort_id,)):
        seen = set()
        while learner_id in kept and learner_id not in seen:  # follow chains of joins
            seen.add(learner_id)
            learner_id = kept[learner_id]
        if learner_id not in found:
            found.append(learner_id)
    return found


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def cohort_data(conn: sqlite3.Connection, curriculum: Curriculum, cohort_id: str,
                today: date | None = None) -> CohortData:
    """Everything a cohort report shows. Raises LookupError for an unknown cohort."""
    row = conn.execute("SELECT name FROM cohorts WHERE id = ?", (cohort_id,)).fetchone()
    if row is None:
        raise LookupError(f"no cohort {cohort_id}")
    today = today or date.today()
    members = tuple(learner_data(conn, curriculum, lid, today) for lid in cohort_member_ids(conn, cohort_id))
    tracks = []
    for track in curriculum.tracks:
        results = [m.track(track.id) for m in members]
        results = [r for r in results if r is not None]
        pairs = [(r.pre, r.post) for r in results if r.pre is not None and r.post is not None]
        shares = []
        for n, (sid, name) in enumerate(track_skills(curriculum, track)):
            skill_rows = [r.skills[n] for r in results]
            pre = [s.pre for s in skill_rows if s.pre is not None]
            post = [s.post for s in skill_rows if s.post is not None]
            shares.append(SkillShare(
                sid, name, sum(s.mastery.rule_mastered for s in skill_rows),
                sum(s.mastery.bkt_mastered for s in skill_rows), len(members),
                _mean(pre), len(pre), _mean(post), len(post)))
        tracks.append(CohortTrack(track.id, track.title, cohort_gain(pairs),  # type: ignore[arg-type]
                                  tuple(shares), sum(r.started for r in results), quiz_skills(track)))
    return CohortData(cohort_id, row[0], centre_name(conn) or "", members, tuple(tracks), today)
