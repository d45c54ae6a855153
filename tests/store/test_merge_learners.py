"""One person registered on two PCs, joined by a trainer: nothing rewritten, nothing lost."""

import pytest

from ecom_trainer.store.attempts import attempts_of, lesson_summary, record_attempt
from ecom_trainer.store.learners import MergeError, add_learner, list_learners, merge_learners
from ecom_trainer.store.progress import DONE, all_progress, last_unfinished, save_position
from ecom_trainer.sync.bundle import export_bundle, import_bundle, possible_duplicates


def answer(conn, learner, question, at):
    record_attempt(conn, learner_id=learner, track_id="listing", unit_id="listing-title", question_id=question,
                   kind="practice", answer="a", score=1.0, correct=True, skills=["A2"], answered_at=at)


def test_joined_learners_are_one_person(db):
    kept = add_learner(db, "王秀英", "芳畈镇")
    other = add_learner(db, "王秀英", "芳畈镇")
    answer(db, kept, "q1", "2026-11-01T10:00:00.000Z")
    answer(db, other, "q2", "2026-11-02T10:00:00.000Z")
    save_position(db, kept, "listing-title", 3, done=True)
    save_position(db, other, "listing-title", 5)
    save_position(db, other, "live-opening", 2)
    assert possible_duplicates(db) != []
    merge_learners(db, kept, other)
    assert [x.id for x in list_learners(db)] == [kept]
    assert [a.question_id for a in attempts_of(db, kept)] == ["q1", "q2"]  # both PCs' answers
    assert sum(n for _, _, n, _ in lesson_summary(db, kept)) == 2
    progress = all_progress(db, kept)
    assert progress["listing-title"].status == DONE  # done on one PC is done
    assert last_unfinished(db, kept).unit_id == "live-opening"
    assert possible_duplicates(db) == []  # answered: not offered again
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 2  # nothing rewritten


def test_joins_are_refused_when_they_make_no_sense(db):
    a, b, c = (add_learner(db, n) for n in "abc")
    with pytest.raises(MergeError):
        merge_learners(db, a, a)
    merge_learners(db, a, b)
    merge_learners(db, c, a)  # a chain: c keeps a, which keeps b
    assert [x.id for x in list_learners(db)] == [c]
    with pytest.raises(MergeError, match="already one person"):
        merge_learners(db, b, c)
    with pytest.raises(MergeError):
        merge_learners(db, a, "nobody")


def test_a_join_travels_with_the_progress_file(tmp_path):
    from ecom_trainer.store.db import open_database

    pc1, pc2 = open_database(tmp_path / "1.sqlite3"), open_database(tmp_path / "2.sqlite3")
    kept, other = add_learner(pc1, "李建国", "宣化店镇"), add_learner(pc1, "李建国", "宣化店镇")
    export_bundle(pc1, tmp_path / "before.zip")
    import_bundle(pc2, tmp_path / "before.zip")
    merge_learners(pc1, kept, other)
    export_bundle(pc1, tmp_path / "after.zip")
    import_bundle(pc2, tmp_path / "after.zip")
    assert [x.id for x in list_learners(pc2)] == [kept]
    before = pc2.total_changes
    import_bundle(pc2, tmp_path / "after.zip")
    assert pc2.total_changes == before  # again: nothing changes
