"""Taking a learner out of a class travels between PCs: the removal is a stamped row of its own,
and between a membership and its removal the newest change wins on every PC, whichever order
bundles (and their parts) are imported in."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from ecom_trainer.store import cohorts, learners
from ecom_trainer.store.cohorts import (
    add_member,
    create_cohort,
    member_ids,
    remove_member,
    set_members,
)
from ecom_trainer.store.db import open_database
from ecom_trainer.store.learners import add_to_cohort
from ecom_trainer.store.roster import create_learner
from ecom_trainer.sync import bundle as bundle_module
from ecom_trainer.sync.bundle import BundleError, export_bundle, import_bundle
from tests.bundle_parts import part_of, rows_of

TABLES = ("learners", "cohorts", "cohort_members", "cohort_member_removals", "conflicts")
REMOVALS = "cohort_member_removals.jsonl"


def snapshot(conn) -> dict:
    return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in TABLES}


def removals(conn) -> set[tuple[str, str]]:
    return {tuple(r) for r in conn.execute("SELECT cohort_id, learner_id FROM cohort_member_removals")}


class Clock:
    """Stamps for membership changes, set by the test (one PC's clock may be behind another's)."""

    def __init__(self) -> None:
        self.at = "2026-03-02T09:00:00.000Z"

    def __call__(self) -> str:
        return self.at


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(cohorts, "now", fake)
    monkeypatch.setattr(learners, "now", fake)  # add_to_cohort stamps with its own import
    return fake


class Room:
    """Two PCs that both hold a class with learners X and Y in it (B got it from A's bundle)."""

    def __init__(self, tmp_path: Path, name: str = "") -> None:
        self.dir = tmp_path / (name or "room")
        self.dir.mkdir()
        self.a = open_database(self.dir / "a.sqlite3")
        self.b = open_database(self.dir / "b.sqlite3")
        self.x, self.y = create_learner(self.a, "X"), create_learner(self.a, "Y")
        self.cohort = create_cohort(self.a, "Spring")
        set_members(self.a, self.cohort, [self.x, self.y])
        self.send(self.a, self.b)
        assert member_ids(self.b, self.cohort) == {self.x, self.y}

    def bundle(self, conn, name: str | None = None) -> Path:
        target = self.dir / (name or f"{id(conn)}-{len(list(self.dir.iterdir()))}.zip")
        export_bundle(conn, target)
        return target

    def send(self, source, target):
        return import_bundle(target, self.bundle(source))


def test_a_removal_travels_and_a_later_re_add_travels_back(tmp_path, clock):
    room = Room(tmp_path)
    clock.at = "2026-03-03T09:00:00.000Z"
    assert remove_member(room.a, room.cohort, room.x)
    stored = room.a.execute("SELECT device_id, updated_at FROM cohort_member_removals").fetchall()
    assert [tuple(r) for r in stored] == [(cohorts.device_id(room.a), "2026-03-03T09:00:00.000Z")]
    report = room.send(room.a, room.b)  # B still has X in the class
    assert member_ids(room.b, room.cohort) == {room.y}
    assert removals(room.b) == {(room.cohort, room.x)}
    assert (report.records_updated, report.conflicts) == (1, 0)
    room.send(room.b, room.a)  # B's bundle does not bring X back to A
    assert member_ids(room.a, room.cohort) == {room.y}

    clock.at = "2026-03-05T09:00:00.000Z"
    assert add_member(room.b, room.cohort, room.x)  # the trainer changes their mind, on B
    assert removals(room.b) == set()
    room.send(room.b, room.a)
    assert member_ids(room.a, room.cohort) == {room.x, room.y}
    assert removals(room.a) == set()
    room.send(room.a, room.b)
    assert snapshot(room.a)["cohort_members"] == snapshot(room.b)["cohort_members"]


def test_every_way_of_adding_ends_the_removal_and_is_stamped_after_it(tmp_path, clock):
    room = Room(tmp_path)
    clock.at = "2026-03-03T09:00:00.000Z"
    set_members(room.a, room.cohort, [])  # both out, through the class screen's function
    assert removals(room.a) == {(room.cohort, room.x), (room.cohort, room.y)}
    clock.at = "2026-03-01T09:00:00.000Z"  # A's clock was set back
    add_to_cohort(room.a, room.cohort, room.x)
    cohorts.set_learner_cohorts(room.a, room.y, [room.cohort])
    assert removals(room.a) == set()
    stamps = {r[0] for r in room.a.execute("SELECT updated_at FROM cohort_members")}
    assert stamps == {"2026-03-03T09:00:00.001Z"}  # after the removal, not the clock's earlier time
    room.send(room.a, room.b)
    assert member_ids(room.b, room.cohort) == {room.x, room.y}


def test_a_removal_older_than_the_membership_it_meets_is_ignored_but_a_newer_one_wins(tmp_path, clock):
    room = Room(tmp_path)
    clock.at = "2026-03-03T09:00:00.000Z"
    remove_member(room.a, room.cohort, room.x)
    # Meanwhile on B (whose clock is later) X was taken out and put back in.
    clock.at = "2026-03-04T09:00:00.000Z"
    remove_member(room.b, room.cohort, room.x)
    clock.at = "2026-03-04T10:00:00.000Z"
    add_member(room.b, room.cohort, room.x)
    room.send(room.a, room.b)
    assert member_ids(room.b, room.cohort) == {room.x, room.y}  # B's re-add is newer
    assert removals(room.b) == set()


def stamps_for(order: str):
    """Stamps of A's removal and B's re-add of X: the later one should win on both PCs."""
    return {"remove later": ("2026-03-06T09:00:00.000Z", "2026-03-05T09:00:00.000Z"),
            "re-add later": ("2026-03-05T09:00:00.000Z", "2026-03-06T09:00:00.000Z")}[order]


@pytest.mark.parametrize("later", ["remove later", "re-add later"])
@pytest.mark.parametrize("exchange", ["A to B, then B to A", "B to A, then A to B", "crossing"])
def test_concurrent_remove_and_re_add_converge_whatever_the_order(tmp_path, clock, later, exchange):
    room = Room(tmp_path)
    removed_at, re_added_at = stamps_for(later)
    clock.at = removed_at
    remove_member(room.a, room.cohort, room.x)
    clock.at = "2026-03-04T09:00:00.000Z"
    remove_member(room.b, room.cohort, room.x)
    clock.at = re_added_at
    add_member(room.b, room.cohort, room.x)
    if exchange == "A to B, then B to A":
        room.send(room.a, room.b)
        room.send(room.b, room.a)
    elif exchange == "B to A, then A to B":
        room.send(room.b, room.a)
        room.send(room.a, room.b)
    else:  # both bundles made before either PC imports
        from_a, from_b = room.bundle(room.a, "from-a.zip"), room.bundle(room.b, "from-b.zip")
        import_bundle(room.a, from_b)
        import_bundle(room.b, from_a)
    expected = {room.y} if later == "remove later" else {room.x, room.y}
    for conn in (room.a, room.b):
        assert member_ids(conn, room.cohort) == expected
        assert removals(conn) == ({(room.cohort, room.x)} if later == "remove later" else set())
    assert snapshot(room.a)["cohort_members"] == snapshot(room.b)["cohort_members"]
    assert snapshot(room.a)["cohort_member_removals"] == snapshot(room.b)["cohort_member_removals"]


def test_a_tie_goes_to_the_membership_on_both_pcs(tmp_path, clock):
    """Stamps never tie on their own (a removal is stamped after the membership); a hand-edited
    database or bundle can make them: the membership is kept on both PCs."""
    room = Room(tmp_path)
    remove_member(room.b, room.cohort, room.x)
    membership = room.a.execute("SELECT updated_at, device_id FROM cohort_members WHERE learner_id = ?",
                                (room.x,)).fetchone()
    room.b.execute("UPDATE cohort_member_removals SET updated_at = ?, device_id = ?", tuple(membership))
    room.send(room.b, room.a)
    room.send(room.a, room.b)
    for conn in (room.a, room.b):
        assert member_ids(conn, room.cohort) == {room.x, room.y}
        assert removals(conn) == set()


@pytest.mark.parametrize("removals_first", [False, True])
def test_the_order_of_parts_does_not_matter(tmp_path, clock, monkeypatch, removals_first):
    """A hand-made bundle holding both a membership and a newer removal of it (and, for Y, an
    older removal): the same result whether removals or memberships are merged first."""
    room = Room(tmp_path)
    clock.at = "2026-03-05T09:00:00.000Z"
    remove_member(room.a, room.cohort, room.x)
    made = room.bundle(room.a, "a.zip")
    with zipfile.ZipFile(made) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "manifest.json"}
        manifest = json.loads(z.read("manifest.json"))
    old_y = {"cohort_id": room.cohort, "learner_id": room.y, "device_id": "zz-old-pc",
             "updated_at": "2020-01-01T00:00:00.000Z"}
    member_x = {"cohort_id": room.cohort, "learner_id": room.x, "device_id": "zz-other-pc",
                "updated_at": "2026-03-04T09:00:00.000Z"}
    parts[REMOVALS] += part_of(REMOVALS, [old_y])
    parts["cohort_members.jsonl"] += part_of("cohort_members.jsonl", [member_x])
    both = tmp_path / "both.zip"
    seal(both, manifest, parts)
    if removals_first:
        order = list(bundle_module.ORDER)
        order.remove(REMOVALS)
        order.insert(order.index("cohort_members.jsonl"), REMOVALS)
        monkeypatch.setattr(bundle_module, "ORDER", tuple(order))
    import_bundle(room.b, both)
    assert member_ids(room.b, room.cohort) == {room.y}
    assert removals(room.b) == {(room.cohort, room.x)}
    assert room.b.execute("SELECT updated_at FROM cohort_member_removals").fetchone()[0] == "2026-03-05T09:00:00.000Z"


def seal(target: Path, manifest: dict, parts: dict[str, bytes], **changes) -> None:
    manifest = {**manifest, "parts": {n: hashlib.sha256(d).hexdigest() for n, d in parts.items()}, **changes}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest))
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_bundle_from_an_older_version_imports_and_does_not_bring_a_removed_learner_back(tmp_path, clock):
    room = Room(tmp_path)
    clock.at = "2026-03-03T09:00:00.000Z"
    new_learner = create_learner(room.b, "Z")
    add_to_cohort(room.b, room.cohort, new_learner)
    made = room.bundle(room.b, "b.zip")
    with zipfile.ZipFile(made) as z:  # as schema 5 wrote it: no removals part
        parts = {n: z.read(n) for n in z.namelist() if n not in ("manifest.json", REMOVALS)}
        manifest = json.loads(z.read("manifest.json"))
    old = tmp_path / "old.zip"
    seal(old, manifest, parts, schema_version=5)
    clock.at = "2026-03-04T09:00:00.000Z"
    remove_member(room.a, room.cohort, room.x)  # after B's membership of X was stamped
    report = import_bundle(room.a, old)
    assert member_ids(room.a, room.cohort) == {room.y, new_learner}
    assert removals(room.a) == {(room.cohort, room.x)}
    assert report.conflicts == 0


def test_importing_the_same_bundle_twice_changes_nothing(tmp_path, clock):
    room = Room(tmp_path)
    clock.at = "2026-03-03T09:00:00.000Z"
    remove_member(room.a, room.cohort, room.x)
    made = room.bundle(room.a, "a.zip")
    first = import_bundle(room.b, made)
    after = snapshot(room.b)
    again = import_bundle(room.b, made)
    assert snapshot(room.b) == after
    assert (first.records_updated, again.records_added, again.records_updated, again.conflicts) == (1, 0, 0, 0)


@pytest.mark.parametrize("change, words", [
    (lambda row: row.update(updated_at=None), "'updated_at' should be text"),
    (lambda row: row.update(device_id=""), "'device_id' should be text"),
    (lambda row: row.pop("device_id"), "expected fields"),
    (lambda row: row.update(learner_id="nobody-knows-this-learner"), "does not contain"),
])
def test_a_bad_removal_refuses_the_bundle_whole(tmp_path, clock, change, words):
    room = Room(tmp_path)
    remove_member(room.a, room.cohort, room.x)
    made = room.bundle(room.a, "a.zip")
    with zipfile.ZipFile(made) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "manifest.json"}
        manifest = json.loads(z.read("manifest.json"))
    row = rows_of(REMOVALS, parts[REMOVALS])[0]
    change(row)
    # a field taken away leaves a shorter line
    parts[REMOVALS] = (json.dumps([row[c] for c in bundle_module.PARTS[REMOVALS][1] if c in row]) + "\n").encode()
    bad = tmp_path / "bad.zip"
    seal(bad, manifest, parts)
    before = snapshot(room.b)
    with pytest.raises(BundleError, match=words):
        import_bundle(room.b, bad)
    assert snapshot(room.b) == before
