"""Rehearsal recordings: the audio beside the database, the row after the file, the self-check and
the trainer's rating; hostile names never lead out of the folder."""

from __future__ import annotations

import json

import pytest

from ecom_trainer.store import rehearsals as store
from ecom_trainer.store.learners import add_learner, merge_learners


def take(db, data: bytes = b"RIFF fake audio") -> object:
    path = store.take_path(db, ".wav")
    path.write_bytes(data)
    return path


def test_a_take_is_kept_beside_the_database_with_its_row(db, tmp_path):
    learner = add_learner(db, "王秀英")
    recorded = take(db)
    assert recorded.parent == tmp_path / "rehearsals" and recorded.name.startswith(".take-")
    rid = store.save_rehearsal(db, learner, recorded, 42.5, {"greet": True, "price": False})
    assert not recorded.exists()  # moved, not copied
    (record,) = store.rehearsals_of(db, learner)
    assert record.id == rid and record.file == f"{rid}.wav" and record.duration_s == 42.5
    assert record.checklist == {"greet": True, "price": False} and record.rating is None
    path = store.audio_path(db, record)
    assert path == tmp_path / "rehearsals" / f"{rid}.wav" and path.read_bytes() == b"RIFF fake audio"
    row = db.execute("SELECT device_id, updated_at, recorded_at FROM rehearsals").fetchone()
    assert row["device_id"] and row["updated_at"] == row["recorded_at"]


def test_the_checklist_comes_later_and_the_trainer_rates(db):
    learner = add_learner(db, "李建国")
    rid = store.save_rehearsal(db, learner, take(db), 30)
    assert store.get_rehearsal(db, rid).checklist == {}
    assert [r.id for r in store.unrated_rehearsals(db)] == [rid]
    store.set_checklist(db, rid, {"tripod": True, "light": 0})
    store.rate_rehearsal(db, rid, {"stars": 4, "price_clear": True}, "  Say the price slower.  ")
    record = store.get_rehearsal(db, rid)
    assert record.checklist == {"light": False, "tripod": True}
    assert record.rating == {"price_clear": True, "stars": 4} and record.rating_note == "Say the price slower."
    assert record.rated_at and store.unrated_rehearsals(db) == []
    stored = db.execute("SELECT rating, updated_at >= recorded_at FROM rehearsals").fetchone()
    assert json.loads(stored[0])["stars"] == 4 and stored[1] == 1


def test_refusals_change_nothing(db):
    learner = add_learner(db, "张")
    rid = store.save_rehearsal(db, learner, take(db), 5)
    with pytest.raises(ValueError):
        store.rate_rehearsal(db, rid, {"stars": object()})
    with pytest.raises(KeyError):
        store.rate_rehearsal(db, "no-such-id", {"stars": 1})
    with pytest.raises(ValueError):
        store.take_path(db, ".exe")
    with pytest.raises(ValueError):  # a take that is not there
        store.save_rehearsal(db, learner, store.take_path(db), 1)
    assert store.get_rehearsal(db, rid).rating is None
    assert len(store.rehearsals_of(db, learner)) == 1


def test_no_recording_means_no_file(db):
    learner = add_learner(db, "陈")
    rid = store.save_rehearsal(db, learner, None, 12, {"greet": True})
    record = store.get_rehearsal(db, rid)
    assert record.file is None and store.audio_path(db, record) is None
    assert store.unrated_rehearsals(db) == []  # nothing to listen to


def test_joined_learners_bring_their_rehearsals(db):
    kept, merged = add_learner(db, "刘"), add_learner(db, "刘 (2)")
    store.save_rehearsal(db, merged, take(db), 3)
    merge_learners(db, kept, merged)
    assert len(store.rehearsals_of(db, kept)) == 1


def test_hostile_or_missing_files_are_never_followed(db, tmp_path):
    learner = add_learner(db, "赵")
    rid = store.save_rehearsal(db, learner, take(db), 3)
    record = store.get_rehearsal(db, rid)
    for name in ("../test.sqlite3", "/etc/passwd", f"{rid}.exe", ""):
        assert store.audio_path(db, record._replace(file=name)) is None
    store.audio_path(db, record).unlink()
    assert store.audio_path(db, record) is None
    db.execute("UPDATE rehearsals SET checklist = 'not json', rating = '[1]'")
    damaged = store.get_rehearsal(db, rid)
    assert damaged.checklist == {} and damaged.rating is None


def test_unsaved_takes_are_swept(db):
    learner = add_learner(db, "孙")
    kept = store.save_rehearsal(db, learner, take(db), 3)
    take(db)
    take(db)
    assert store.remove_unsaved_takes(db) == 2
    assert store.audio_path(db, store.get_rehearsal(db, kept)) is not None
