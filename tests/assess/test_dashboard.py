"""The dashboard's tables against values worked out by hand for a tiny class."""

from __future__ import annotations

import csv
from datetime import date

from ecom_trainer.assess.dashboard import Filters, export_csv, learner_report, load_dashboard
from ecom_trainer.assess.mastery import guess_lookup
from ecom_trainer.store.attempts import record_attempt
from ecom_trainer.store.learners import add_cohort, add_learner, add_to_cohort
from ecom_trainer.store.summaries import refresh_stale


def _answer(db, curriculum, learner, unit, q, right, at, kind="practice", last=False, position=0):
    record_attempt(db, learner_id=learner, track_id="listing", unit_id=unit, question_id=q.id, kind=kind,
                   answer=None, score=1.0 if right else 0.0, correct=right, skills=q.skills,
                   answered_at=at, next_position=position, unit_done=last,
                   guess=guess_lookup(curriculum)(unit, q.id))


def _test(db, curriculum, learner, kind, rights, day):
    questions = curriculum.track("listing").test(kind)
    for n, q in enumerate(questions):
        _answer(db, curriculum, learner, f"listing#{kind}", q, n < rights, f"2026-03-{day:02d}T09:{n:02d}:00.000Z",
                kind=kind, last=n == len(questions) - 1, position=n + 1)
    return len(questions)


def test_a_tiny_class_by_hand(db, curriculum):
    wang, li, outsider = add_learner(db, "Wang"), add_learner(db, "Li"), add_learner(db, "Zhao")
    cohort = add_cohort(db, None, "Spring")
    add_to_cohort(db, cohort, wang)
    add_to_cohort(db, cohort, li)
    n = _test(db, curriculum, wang, "pre_test", 2, 2)  # Wang: 2 right of n, then all right
    _test(db, curriculum, wang, "post_test", len(curriculum.track("listing").post_test), 9)
    _test(db, curriculum, li, "pre_test", n, 2)  # Li: all right at first: g undefined
    _test(db, curriculum, outsider, "pre_test", 0, 3)
    a2 = next(q for q in curriculum.lessons["listing-title"].questions if q.skills == ("A2",))
    for i, right in enumerate([False, False, False]):  # three wrong in a row: needs help
        _answer(db, curriculum, li, "listing-title", a2, right, f"2026-03-04T10:0{i}:00.000Z")

    d = load_dashboard(db, curriculum, Filters(cohort, "2026-03-01", "2026-03-31"), today=date(2026, 3, 10))
    assert [p[1] for p in d.people] == ["Li", "Wang"]  # the outsider is not in the class
    gains = {row[0]: row for row in d.gains.rows}
    listing = gains["Listing products"]
    pre_wang = 100 * 2 / n
    assert listing[1] == 1  # only Wang has both quizzes
    assert listing[2] == round(pre_wang, 1) and listing[3] == 100.0
    assert listing[4] == round((100 - pre_wang) / (100 - pre_wang), 2) == 1.0
    assert d.help.rows == [["Li", "3 wrong in a row", "A2 Product title", "2026-03-04"]]
    later = load_dashboard(db, curriculum, Filters(cohort), today=date(2026, 3, 12))  # over a week on
    assert ["Li", "lesson not finished for a week", "A clear product title", "2026-03-04"] in later.help.rows
    days = {row[0]: row[1:] for row in d.answers_per_day.rows}
    assert days["2026-03-04"] == [3, 0]
    assert sum(r[1] for r in d.answers_per_day.rows) == 2 * n + len(curriculum.track("listing").post_test) + 3
    li_row = next(r for r in d.mastery.rows if r[0] == "Li")
    a2_column = d.mastery.headers.index(next(h for h in d.mastery.headers if h.startswith("A2 ")))
    pre_a2 = [q for q in curriculum.track("listing").pre_test if "A2" in q.skills]
    assert len(pre_a2) >= 2
    assert li_row[a2_column] == 2  # last five on A2: right, right (first quiz), wrong x3 (practice)
    assert li_row[a2_column + 1] < 95  # and BKT does not call it mastered either


def test_the_csv_files_hold_the_tables(db, curriculum, tmp_path):
    wang = add_learner(db, "王小明", "大悟")
    _test(db, curriculum, wang, "pre_test", 3, 2)
    d = load_dashboard(db, curriculum)
    written = export_csv(d, tmp_path / "out")
    assert {p.name for p in written} == {f"{t.name}.csv" for t in d.tables()}
    raw = (tmp_path / "out" / "mastery.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs then read UTF-8 Chinese
    rows = list(csv.reader((tmp_path / "out" / "mastery.csv").open(encoding="utf-8-sig")))
    assert rows[0] == d.mastery.headers and rows[1][:2] == ["王小明", "大悟"]
    assert not list((tmp_path / "out").glob("*.part"))


def test_learner_report_has_both_measures_and_the_gain(db, curriculum):
    wang = add_learner(db, "Wang")
    n = _test(db, curriculum, wang, "pre_test", 1, 2)
    _test(db, curriculum, wang, "post_test", 3, 5)
    refresh_stale(db, guess_lookup(curriculum))
    report = learner_report(db, curriculum, wang)
    listing = next(r for r in report.tests.rows if r[0] == "Listing products")
    pre, post = round(100 / n, 1), round(300 / len(curriculum.track("listing").post_test), 1)
    assert listing[1:3] == [pre, post]
    assert abs(listing[3] - (post - pre) / (100 - pre)) < 0.01
    assert len(report.history.rows) == n + len(curriculum.track("listing").post_test)
    a1 = next(r for r in report.skills.rows if r[0] == "A1")
    assert a1[2] > 0 and a1[4] in ("yes", "no") and a1[6] in ("yes", "no")
