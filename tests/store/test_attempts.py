import sqlite3

import pytest

from ecom_trainer.store.attempts import attempts_of, lesson_summary, record_attempt
from ecom_trainer.store.learners import add_learner, list_learners
from ecom_trainer.store.progress import DONE, get_progress, last_unfinished, save_position


def record(db, learner, **kw):
    args = dict(learner_id=learner, track_id="listing", unit_id="listing-title", question_id="q1",
                kind="practice", answer=["a", "b"], score=0.5, correct=False, skills=["A2"])
    args.update(kw)
    return record_attempt(db, **args)


def test_an_answer_is_stored_with_everything_needed_to_merge_and_rebuild(db):
    learner = add_learner(db, "王秀英", "芳畈镇", "avatar-peanut")
    attempt_id = record(db, learner, next_position=7)
    (a,) = attempts_of(db, learner)
    assert a.id == attempt_id and len(attempt_id) == 36  # a UUID: merges across PCs by set union
    assert a.answer == ["a", "b"] and a.score == 0.5 and a.correct is False and a.skills == ("A2",)
    row = db.execute("SELECT device_id, started_at, answered_at FROM attempts").fetchone()
    assert row["device_id"] and row["answered_at"].endswith("Z")
    assert get_progress(db, learner, "listing-title").position == 7


def test_attempts_are_append_only(db):
    learner = add_learner(db, "李建国")
    record(db, learner)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE attempts SET score = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM attempts")
    assert db.execute("SELECT score FROM attempts").fetchone()[0] == 0.5


def test_bad_kind_and_score_are_refused(db):
    learner = add_learner(db, "张桂兰")
    with pytest.raises(ValueError):
        record(db, learner, kind="homework")
    with pytest.raises(ValueError):
        record(db, learner, score=1.5)
    with pytest.raises(sqlite3.DatabaseError):  # the database refuses it too
        db.execute("INSERT INTO attempts (id, learner_id, lesson_id, question_id, kind, answer, score,"
                   " correct, answered_at, device_id) VALUES ('x', ?, 'l', 'q', 'homework', '1', 1, 1,"
                   " 't', 'd')", (learner,))
    assert attempts_of(db, learner) == []


def test_an_answer_for_an_unknown_learner_is_refused(db):
    with pytest.raises(sqlite3.IntegrityError):
        record(db, "no-such-learner")


def test_progress_resume_and_done_stays_done(db):
    learner = add_learner(db, "刘德明")
    save_position(db, learner, "listing-title", 3)
    assert last_unfinished(db, learner).unit_id == "listing-title"
    save_position(db, learner, "listing-title", 12, done=True)
    save_position(db, learner, "listing-title", 2)  # doing it again later
    saved = get_progress(db, learner, "listing-title")
    assert saved.status == DONE and saved.position == 2
    assert last_unfinished(db, learner) is None


def test_summary_per_lesson(db):
    learner = add_learner(db, "陈翠花")
    record(db, learner, correct=True, score=1.0)
    record(db, learner, question_id="q2")
    record(db, learner, kind="pre_test", unit_id="listing#pre_test", question_id="pre1")
    assert sorted(lesson_summary(db, learner)) == [
        ("practice", "listing-title", 2, 1), ("pre_test", "listing#pre_test", 1, 0)]


def test_learners_sorted_and_archived_hidden(db):
    add_learner(db, "b")
    a = add_learner(db, "A")
    db.execute("UPDATE learners SET archived = 1 WHERE id = ?", (a,))
    assert [x.name for x in list_learners(db)] == ["b"]
    with pytest.raises(ValueError):
        add_learner(db, "   ")


def test_new_ids_are_random_version_4_uuids():
    import uuid

    from ecom_trainer.store.db import new_id

    ids = {new_id() for _ in range(2000)}
    assert len(ids) == 2000
    for text in list(ids)[:200]:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_now_is_iso_8601_utc_with_milliseconds_across_days_and_years(monkeypatch):
    import random
    from datetime import UTC, datetime, timedelta

    from ecom_trainer.store import db as db_module

    second = 1_000_000_000
    moments = [0, 86399 * second + 999_400_000, 86400 * second, 951782400 * second + 500_000_000,
               1709164799 * second + 999_999_999, 1709164800 * second, 1735689600 * second + 1_000_000,
               4102444800 * second]
    rng = random.Random(5)
    moments += [rng.randrange(0, 4_000_000_000 * second) for _ in range(2000)]
    for moment in moments:  # in time order and out of it: the cached date must follow
        monkeypatch.setattr(db_module.time, "time_ns", lambda m=moment: m)
        # as datetime.now() does it: the clock floored to microseconds, shown to milliseconds
        when = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=moment // 1000)
        assert db_module.now() == when.isoformat(timespec="milliseconds").replace("+00:00", "Z"), moment
