"""What the trainer's dashboard shows, as plain tables: the screen draws these tables and charts
from them, and the CSV export writes the same tables, so the numbers on screen and in the
exported files cannot differ.

Mastery, pre/post and items describe the state now; the date range applies to the activity
charts (answers per day, lessons finished per week).
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ecom_trainer.assess.gains import cohort_gain
from ecom_trainer.assess.help_needed import STALLED_AFTER, WRONG_IN_A_ROW
from ecom_trainer.assess.items import MIN_TAKERS, stats_from_sums
from ecom_trainer.assess.mastery import MASTERED_AT, RULE_NEEDED
from ecom_trainer.content.model import Curriculum
from ecom_trainer.i18n import N_, lesson_text
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store import analytics

Value = str | int | float | None


@dataclass(frozen=True)
class Filters:
    cohort_id: str | None = None
    start: str = "0000-01-01"  # days, inclusive
    end: str = "9999-12-31"


@dataclass
class Table:
    name: str  # file name stem of the CSV export
    title: str
    headers: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    short_headers: list[str] | None = None  # on screen, where the full headers are too wide
    tips: list[str] | None = None  # the full headers, as tooltips


@dataclass
class Dashboard:
    filters: Filters
    people: list[tuple[str, str, str]]
    skills: list[tuple[str, str, str]]  # (skill, learner-facing name, track)
    mastery: Table  # one row per person: name, then per skill "rule" and "BKT %" columns
    pre_post: Table  # per skill: pre %, post %, takers
    gains: Table  # per track: learners with both tests, mean pre, mean post, g of means
    lessons_per_week: Table
    answers_per_day: Table
    help: Table
    items: Table

    def tables(self) -> list[Table]:
        return [self.mastery, self.pre_post, self.gains, self.lessons_per_week, self.answers_per_day,
                self.help, self.items]


def _pct(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def load_dashboard(conn: sqlite3.Connection, curriculum: Curriculum, filters: Filters = Filters(),
                   today: date | None = None) -> Dashboard:
    """Everything the dashboard shows, from the summaries (call summaries.refresh_stale first)."""
    cohort = filters.cohort_id
    people = analytics.people(conn, cohort)
    names = {pid: name for pid, name, _village in people}
    skills = [(s.id, lesson_text(s.name), t.id) for t in curriculum.tracks for s in t.skills]
    return Dashboard(
        filters, people, skills,
        _mastery(conn, cohort, people, skills),
        _pre_post(conn, cohort, curriculum, skills),
        _gains(conn, cohort, curriculum),
        Table("lessons_per_week", _("Lessons finished per week"), [_("Week starting"), _("Lessons")],
              [list(r) for r in analytics.lessons_done_per_week(conn, cohort, filters.start, filters.end)]),
        Table("answers_per_day", _("Answers per day"), [_("Day"), _("Answers"), _("Right")],
              [list(r) for r in analytics.answers_per_day(conn, cohort, filters.start, filters.end)]),
        _help(conn, cohort, names, curriculum, today or datetime.now(UTC).date()),
        _items(conn, cohort, curriculum),
    )


def _mastery(conn: sqlite3.Connection, cohort: str | None, people: list, skills: list) -> Table:
    headers = [_("Learner"), _("Village")]
    short = list(headers)
    for skill, name, _track in skills:
        headers += [f"{skill} {name}: " + _("last 5"), f"{skill}: " + _("BKT %")]
        short += [f"{skill}\n" + _("of 5"), f"{skill}\n" + _("BKT %")]
    grid: dict[str, dict[str, tuple[int, float]]] = {}
    for person, skill, recent, p_known in analytics.mastery_states(conn, cohort):
        grid.setdefault(person, {})[skill] = (recent.count("1"), p_known)
    rows = []
    for pid, name, village in people:
        row: list[Value] = [name, village]
        for skill, _name, _track in skills:
            state = grid.get(pid, {}).get(skill)
            row += [state[0], _pct(state[1])] if state else [None, None]
        rows.append(row)
    return Table("mastery", _("Mastery per skill"), headers, rows, short, headers)


def is_mastered(recent_right: Value, bkt_pct: Value) -> tuple[bool, bool]:
    """(by the rule, by BKT) for the values of one mastery cell."""
    return (isinstance(recent_right, int) and recent_right >= RULE_NEEDED,
            isinstance(bkt_pct, float) and bkt_pct >= 100 * MASTERED_AT)


def _pre_post(conn: sqlite3.Connection, cohort: str | None, curriculum: Curriculum, skills: list) -> Table:
    """Share of right answers on each skill's test items: pooled over the finished tests."""
    skills_of = {}
    for track in curriculum.tracks:
        for kind in ("pre_test", "post_test"):
            for q in track.test(kind):
                skills_of[(f"{track.id}#{kind}", q.id)] = q.skills
    totals: dict[tuple[str, str], list[int]] = {}
    for unit, question, takers, right, *_sums in analytics.item_sums(conn, cohort):
        kind = unit.split("#", 1)[-1]
        for skill in skills_of.get((unit, question), ()):
            pair = totals.setdefault((skill, kind), [0, 0])
            pair[0] += right
            pair[1] += takers
    rows = []
    for skill, name, _track in skills:
        pre, post = totals.get((skill, "pre_test"), [0, 0]), totals.get((skill, "post_test"), [0, 0])
        rows.append([skill, name, _pct(pre[0] / pre[1]) if pre[1] else None,
                     _pct(post[0] / post[1]) if post[1] else None, pre[1], post[1]])
    return Table("pre_post", _("First and final quiz per skill"),
                 [_("Skill"), _("Name"), _("First quiz %"), _("Final quiz %"), _("Answers, first quiz"),
                  _("Answers, final quiz")], rows)


def _gains(conn: sqlite3.Connection, cohort: str | None, curriculum: Curriculum) -> Table:
    scores: dict[tuple[str, str], dict[str, float]] = {}
    for person, track, kind, right, total in analytics.test_scores(conn, cohort):
        if total:
            scores.setdefault((person, track), {})[kind] = 100 * right / total
    rows = []
    for track in curriculum.tracks:
        pairs = [(s["pre_test"], s["post_test"]) for (_p, t), s in scores.items()
                 if t == track.id and "pre_test" in s and "post_test" in s]
        g = cohort_gain(pairs)
        rows.append([lesson_text(track.title), g.learners if g else 0,
                     round(g.mean_pre, 1) if g else None, round(g.mean_post, 1) if g else None,
                     round(g.gain_of_means, 2) if g and g.gain_of_means is not None else None,
                     g.undefined if g else 0])
    return Table("gains", _("Gain from first to final quiz (g of the averages)"),
                 [_("Track"), _("Learners with both quizzes"), _("Average first quiz %"),
                  _("Average final quiz %"), _("Normalized gain g"), _("First quiz 100 % (no gain possible)")],
                 rows)


HELP_REASONS = {"wrong_in_a_row": N_("{n} wrong in a row"), "stalled": N_("lesson not finished for a week")}


def _help(conn: sqlite3.Connection, cohort: str | None, names: dict[str, str], curriculum: Curriculum,
          today: date) -> Table:
    rows: list[list[Value]] = []
    skill_names = {s.id: lesson_text(s.name) for t in curriculum.tracks for s in t.skills}
    for person, skill, streak, at in analytics.wrong_streaks(conn, cohort, WRONG_IN_A_ROW):
        if person in names:
            rows.append([names[person], _(HELP_REASONS["wrong_in_a_row"]).format(n=streak),
                         f"{skill} {skill_names.get(skill, '')}".strip(), at[:10]])
    before = (datetime.combine(today, datetime.min.time(), UTC) - STALLED_AFTER).isoformat()
    for person, unit, at in analytics.stalled_units(conn, cohort, before.replace("+00:00", "Z")):
        if person in names and "#" not in unit:
            lesson = curriculum.lessons.get(unit)
            rows.append([names[person], _(HELP_REASONS["stalled"]),
                         lesson_text(lesson.title) if lesson else unit, at[:10]])
    rows.sort(key=lambda r: (str(r[0]), str(r[3])))
    return Table("needs_help", _("Needs help"), [_("Learner"), _("Why"), _("Skill or lesson"), _("Since")], rows)


def _items(conn: sqlite3.Connection, cohort: str | None, curriculum: Curriculum) -> Table:
    prompts = {}
    for track in curriculum.tracks:
        for kind in ("pre_test", "post_test"):
            for q in track.test(kind):
                prompts[(f"{track.id}#{kind}", q.id)] = lesson_text(q.prompt)
    rows = []
    for unit, question, *sums in analytics.item_sums(conn, cohort):
        if sums[0] < MIN_TAKERS:
            continue  # too few takers to say anything
        s = stats_from_sums(question, *sums)
        rows.append([unit, question, prompts.get((unit, question), ""), s.takers, round(s.difficulty, 2),
                     None if s.discrimination is None else round(s.discrimination, 2),
                     _("tentative") if s.tentative else "", "; ".join(_(f) for f in s.flags)])
    return Table("items", _("Quiz questions"),
                 [_("Quiz"), _("Question"), _("Text"), _("Takers"), _("Difficulty p"),
                  _("Discrimination"), _("Fewer than 30 takers"), _("Advice")], rows)


# ---------------------------------------------------------------- export

def export_csv(dashboard: Dashboard, folder: Path, progress: Callable[[int, int], bool] | None = None) -> list[Path]:
    """One CSV per table, UTF-8 with a byte-order mark so spreadsheet programs show Chinese.
    Each file is written under a temporary name and renamed: no half-written file is left."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = dashboard.tables()
    for n, table in enumerate(tables, start=1):
        target = folder / f"{table.name}.csv"
        partial = target.with_suffix(".csv.part")
        with partial.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(table.headers)
            out.writerows([["" if v is None else v for v in row] for row in table.rows])
        partial.replace(target)
        written.append(target)
        if progress is not None and progress(n, len(tables)) is False:
            break
    return written


def default_range(conn: sqlite3.Connection, cohort_id: str | None, today: date) -> tuple[str, str]:
    """The last twelve weeks, up to today (or the last day anyone answered, if later)."""
    span = analytics.activity_span(conn, cohort_id)
    end = max(date.fromisoformat(span[1]), today) if span else today
    return (end - timedelta(weeks=12)).isoformat(), end.isoformat()


# ---------------------------------------------------------------- one learner

PRACTICE_TASKS = {"listing": N_("Make a listing"), "packing": N_("Pack the parcel"),
                  "shipping": N_("Shipping cost"), "rehearsal": N_("Live-selling rehearsal"),
                  "scam": N_("Spot the scam")}


def unit_title(curriculum: Curriculum, unit_id: str) -> str:
    """A lesson's title, a track's name for its quizzes, or the hands-on task's name."""
    if unit_id.startswith("practice:"):
        task = unit_id.removeprefix("practice:")
        return _("Hands-on practice") + " · " + (_(PRACTICE_TASKS[task]) if task in PRACTICE_TASKS else task)
    if "#" in unit_id:
        track = curriculum.track(unit_id.split("#")[0])
        return lesson_text(track.title) if track else unit_id
    lesson = curriculum.lessons.get(unit_id)
    return lesson_text(lesson.title) if lesson else unit_id

@dataclass
class LearnerReport:
    learner_id: str
    name: str
    village: str
    skills: Table  # per skill: both mastery measures side by side
    tests: Table  # per track: first and final quiz, normalized gain
    history: Table  # every answer, newest first


def learner_report(conn: sqlite3.Connection, curriculum: Curriculum, learner_id: str) -> LearnerReport:
    """One learner's page, from the same summaries as the dashboard (refresh stale ones first)."""
    from ecom_trainer.assess.gains import normalized_gain
    from ecom_trainer.store.attempts import attempts_of
    from ecom_trainer.store.learners import get_learner

    learner = get_learner(conn, learner_id)
    if learner is None:
        raise KeyError(learner_id)
    states = {r[1]: r for r in analytics.skill_states_of(conn, learner_id)}
    skills = Table("skills", _("Mastery per skill"),
                   [_("Skill"), _("Name"), _("Answers"), _("Right of the last 5"), _("Mastered (3 of 5)"),
                    _("BKT %"), _("Mastered (BKT ≥ 95 %)")])
    for track in curriculum.tracks:
        for skill in track.skills:
            state = states.get(skill.id)
            if state is None:
                skills.rows.append([skill.id, lesson_text(skill.name), 0, None, _("no"), None, _("no")])
                continue
            right, pct = state[3].count("1"), _pct(state[4])
            rule, bkt = is_mastered(right, pct)
            skills.rows.append([skill.id, lesson_text(skill.name), state[2], right,
                                _("yes") if rule else _("no"), pct, _("yes") if bkt else _("no")])
    scores: dict[str, dict[str, float]] = {}
    for _person, track_id, kind, right, total in analytics.test_scores_of(conn, learner_id):
        if total:
            scores.setdefault(track_id, {})[kind] = round(100 * right / total, 1)
    tests = Table("tests", _("First and final quiz"),
                  [_("Track"), _("First quiz %"), _("Final quiz %"), _("Normalized gain g")])
    for track in curriculum.tracks:
        s = scores.get(track.id, {})
        pre, post = s.get("pre_test"), s.get("post_test")
        g = normalized_gain(pre, post) if pre is not None and post is not None else None
        tests.rows.append([lesson_text(track.title), pre, post,
                           None if g is None else round(g, 2)])
    kinds = {"practice": _("Practice"), "pre_test": _("First quiz"), "post_test": _("Final quiz")}
    history = Table("history", _("Answers"), [_("When"), _("Kind"), _("Lesson"), _("Question"), _("Score")])
    for a in reversed(attempts_of(conn, learner_id)):
        history.rows.append([a.answered_at[:16].replace("T", " "), kinds.get(a.kind, a.kind),
                             unit_title(curriculum, a.lesson_id),
                             a.question_id, round(a.score, 2)])
    return LearnerReport(learner_id, learner.name, learner.village, skills, tests, history)
