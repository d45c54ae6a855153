"""Importing finds the answers a PC already has either by reading all its answer ids or, when it
holds many more than the bundle, by looking up the bundle's ids; both must agree. Text with
Unicode line separators travels unchanged."""

from __future__ import annotations

import pytest

from ecom_trainer.store.attempts import record_attempt
from ecom_trainer.store.db import open_database
from ecom_trainer.store.learners import add_learner, get_learner
from ecom_trainer.sync import bundle as bundle_module
from ecom_trainer.sync.bundle import export_bundle, import_bundle


def answer(conn, learner, question="q1"):
    return record_attempt(conn, learner_id=learner, track_id="listing", unit_id="listing-title",
                          question_id=question, kind="practice", answer="a", score=1.0,
                          correct=True, skills=["A2"])


def answer_ids(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT id FROM attempts")}


def test_both_ways_of_finding_known_answers_agree(tmp_path):
    conn = open_database(tmp_path / "a.sqlite3")
    learner = add_learner(conn, "Li")
    held = [answer(conn, learner) for _ in range(30)]
    asked = held[:4] + ["not-here-1", "not-here-2"]
    # 30 held > 5 x 6 asked: looked up; 30 held <= 5 x 7 asked: all read
    assert bundle_module._known_ids(conn, asked) == set(held[:4])
    assert bundle_module._known_ids(conn, [*asked, "not-here-3"]) == set(held[:4])
    assert bundle_module._known_ids(open_database(tmp_path / "empty.sqlite3"), asked) == set()


@pytest.mark.parametrize("extra_on_target", [0, 400])
def test_a_small_bundle_into_a_big_database_adds_only_what_is_new(tmp_path, extra_on_target):
    a = open_database(tmp_path / "a.sqlite3")
    learner = add_learner(a, "Li")
    first = [answer(a, learner) for _ in range(10)]
    export_bundle(a, tmp_path / "first.zip")
    b = open_database(tmp_path / "b.sqlite3")
    import_bundle(b, tmp_path / "first.zip")
    other = add_learner(b, "Wang")
    for _ in range(extra_on_target):  # b holds far more answers than the next bundle
        answer(b, other)
    later = [answer(a, learner) for _ in range(5)]
    export_bundle(a, tmp_path / "second.zip")
    report = import_bundle(b, tmp_path / "second.zip")
    assert (report.answers_added, report.answers_known) == (5, 10)
    assert answer_ids(b) >= set(first) | set(later)
    assert len(answer_ids(b)) == 15 + extra_on_target
    again = import_bundle(b, tmp_path / "second.zip")
    assert (again.answers_added, again.answers_known) == (0, 15)


def test_a_name_with_unicode_line_separators_travels_unchanged(tmp_path):
    a = open_database(tmp_path / "a.sqlite3")
    name = "Li\u2028Mei\u2029Zhang\x85Hua"  # json.dumps(ensure_ascii=False) leaves these raw
    learner = add_learner(a, name, village="Dawu\u2028east")
    answer(a, learner)
    export_bundle(a, tmp_path / "a.zip")
    b = open_database(tmp_path / "b.sqlite3")
    report = import_bundle(b, tmp_path / "a.zip")
    assert report.answers_added == 1 and report.conflicts == 0
    copy = get_learner(b, learner)
    assert copy is not None and copy.name == name and copy.village == "Dawu\u2028east"
