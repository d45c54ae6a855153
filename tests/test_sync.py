"""Merging PCs: union of answers, newest record wins with the loser kept, idempotent imports,
and refused bundles that change nothing."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from ecom_trainer.store.attempts import record_attempt
from ecom_trainer.store.db import open_database, transaction
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.device import device_id
from ecom_trainer.store.learners import add_learner
from ecom_trainer.sync.bundle import (
    FORMAT,
    BundleError,
    export_bundle,
    import_bundle,
    possible_duplicates,
)
from tests.bundle_parts import as_format_1, part_of, rows_of

TABLES = ("centres", "learners", "cohorts", "cohort_members", "attempts", "conflicts")


def snapshot(conn):
    return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in TABLES}


@pytest.fixture
def pcs(tmp_path, curriculum):
    a = open_database(tmp_path / "a.sqlite3")
    b = open_database(tmp_path / "b.sqlite3")
    seed_demo(a, curriculum)
    return a, b


def answer(conn, learner, question="q1"):
    return record_attempt(conn, learner_id=learner, track_id="listing", unit_id="listing-title",
                          question_id=question, kind="practice", answer="a", score=1.0,
                          correct=True, skills=["A2"])


def test_export_import_and_a_second_import_changes_nothing(pcs, tmp_path):
    a, b = pcs
    bundle = tmp_path / "a.zip"
    demo = a.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]  # the demo centre's answers
    assert demo > 20
    manifest = export_bundle(a, bundle)
    assert manifest["format"] == FORMAT == 2 and manifest["rows"]["attempts.jsonl"] == demo
    report = import_bundle(b, bundle)
    assert (report.answers_added, report.answers_known, report.conflicts) == (demo, 0, 0)
    after_first = snapshot(b)
    assert after_first["attempts"] == snapshot(a)["attempts"]
    again = import_bundle(b, bundle)
    assert (again.answers_added, again.answers_known, again.records_added, again.conflicts) == (0, demo, 0, 0)
    assert snapshot(b) == after_first


def test_answers_from_two_pcs_are_a_union(pcs, tmp_path):
    a, b = pcs
    demo = a.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    export_bundle(a, tmp_path / "a.zip")
    import_bundle(b, tmp_path / "a.zip")
    learner = a.execute("SELECT id FROM learners ORDER BY name LIMIT 1").fetchone()[0]
    only_a, only_b = answer(a, learner, "qa"), answer(b, learner, "qb")
    export_bundle(a, tmp_path / "a2.zip")
    export_bundle(b, tmp_path / "b.zip")
    import_bundle(a, tmp_path / "b.zip")
    import_bundle(b, tmp_path / "a2.zip")
    ids_a = {r[0] for r in a.execute("SELECT id FROM attempts")}
    ids_b = {r[0] for r in b.execute("SELECT id FROM attempts")}
    assert ids_a == ids_b and {only_a, only_b} <= ids_a and len(ids_a) == demo + 2


def rename(conn, learner, name, when):
    with transaction(conn):
        conn.execute("UPDATE learners SET name = ?, updated_at = ? WHERE id = ?", (name, when, learner))


def test_newest_change_wins_and_the_loser_is_kept(pcs, tmp_path):
    a, b = pcs
    export_bundle(a, tmp_path / "a.zip")
    import_bundle(b, tmp_path / "a.zip")
    learner = a.execute("SELECT id FROM learners WHERE name = '王秀英'").fetchone()[0]
    rename(a, learner, "王秀英 (芳畈)", "2026-11-29T10:00:00.000Z")
    rename(b, learner, "王秀英 (二组)", "2026-11-29T11:00:00.000Z")  # later: wins everywhere
    export_bundle(a, tmp_path / "a2.zip")
    export_bundle(b, tmp_path / "b.zip")
    report_a = import_bundle(a, tmp_path / "b.zip")
    import_bundle(b, tmp_path / "a2.zip")
    for conn in (a, b):
        assert conn.execute("SELECT name FROM learners WHERE id = ?", (learner,)).fetchone()[0] == "王秀英 (二组)"
        loser, = conn.execute("SELECT loser FROM conflicts WHERE row_id = ?", (learner,)).fetchall()
        assert json.loads(loser[0])["name"] == "王秀英 (芳畈)"  # kept for the trainer, not dropped
    assert report_a.records_updated == 1 and report_a.conflicts == 1
    before = snapshot(a)
    import_bundle(a, tmp_path / "b.zip")  # again: no second conflict
    assert snapshot(a) == before


def test_a_tie_is_broken_by_device_the_same_way_on_both_pcs(pcs, tmp_path):
    a, b = pcs
    export_bundle(a, tmp_path / "a.zip")
    import_bundle(b, tmp_path / "a.zip")
    learner = a.execute("SELECT id FROM learners LIMIT 1").fetchone()[0]
    same_time = "2026-11-29T12:00:00.000Z"
    for conn, name in ((a, "甲"), (b, "乙")):
        device = device_id(conn)  # before the transaction: it may create the row
        with transaction(conn):
            conn.execute("UPDATE learners SET name = ?, updated_at = ?, device_id = ? WHERE id = ?",
                         (name, same_time, device, learner))
    export_bundle(a, tmp_path / "a2.zip")
    export_bundle(b, tmp_path / "b.zip")
    import_bundle(a, tmp_path / "b.zip")
    import_bundle(b, tmp_path / "a2.zip")
    names = {conn.execute("SELECT name FROM learners WHERE id = ?", (learner,)).fetchone()[0] for conn in (a, b)}
    assert len(names) == 1  # both PCs agree


def rewrite(bundle: Path, target: Path, change) -> None:
    """Copy a bundle, letting `change(name, data)` alter parts; the manifest is kept as it was."""
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info.filename)))


def reseal(bundle: Path, target: Path, parts: dict[str, bytes], **manifest_changes) -> None:
    """Write a bundle whose checksums match its (possibly hostile) parts."""
    with zipfile.ZipFile(bundle) as src:
        manifest = json.loads(src.read("manifest.json"))
    manifest["parts"] = {n: hashlib.sha256(d).hexdigest() for n, d in parts.items()}
    manifest.update(manifest_changes)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("manifest.json", json.dumps(manifest))
        for name, data in parts.items():
            dst.writestr(name, data)


def refused(conn, bundle, words):
    before = snapshot(conn)
    with pytest.raises(BundleError, match=words):
        import_bundle(conn, bundle)
    assert snapshot(conn) == before  # refused whole: nothing changed


def test_tampered_damaged_newer_and_hostile_bundles_are_refused_whole(pcs, tmp_path):
    a, b = pcs
    good = tmp_path / "a.zip"
    export_bundle(a, good)
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "manifest.json"}
    tampered = tmp_path / "tampered.zip"
    def change_a_score(name: str, data: bytes) -> bytes:
        if name != "attempts.jsonl":
            return data
        rows = rows_of(name, data)
        rows[0]["score"] = 1.0 - rows[0]["score"]  # still a valid answer, but not what was exported
        return part_of(name, rows)

    rewrite(good, tampered, change_a_score)
    refused(b, tampered, "checksum")
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[:300])
    refused(b, truncated, "not a zip file|damaged")
    newer = tmp_path / "newer.zip"
    reseal(good, newer, parts, format=FORMAT + 1)
    refused(b, newer, "newer ecom-trainer")
    evil = tmp_path / "evil.zip"
    reseal(good, evil, {**parts})
    with zipfile.ZipFile(evil, "a") as z:
        z.writestr("../../etc/cron.d/x", "boom")
    refused(b, evil, "never has")
    bomb = tmp_path / "bomb.zip"
    reseal(good, bomb, {**parts, "attempts.jsonl": b" " * 50_000_000})
    refused(b, bomb, "unpacks to")
    orphan = tmp_path / "orphan.zip"
    line = rows_of("attempts.jsonl", parts["attempts.jsonl"])[0]
    line["id"], line["learner_id"] = "new-answer", "nobody-knows-this-learner"
    reseal(good, orphan, {"attempts.jsonl": part_of("attempts.jsonl", [line])})
    refused(b, orphan, "does not contain")
    wrong_type = tmp_path / "wrong.zip"
    line = rows_of("attempts.jsonl", parts["attempts.jsonl"])[0]
    line["score"] = "'; DROP TABLE attempts; --"
    reseal(good, wrong_type, {**parts, "attempts.jsonl": part_of("attempts.jsonl", [line])})
    short = tmp_path / "short.zip"
    reseal(good, short, {**parts, "attempts.jsonl": parts["attempts.jsonl"].replace(b"]\n", b', "x"]\n', 1)})
    refused(b, short, "line 1 does not have the expected fields")
    columns = tmp_path / "columns.zip"
    reseal(good, columns, parts, columns={"attempts.jsonl": ["id", "learner_id"]})
    refused(b, columns, "columns of")
    refused(b, wrong_type, "not a valid answer")
    refused(b, tmp_path / "missing.zip", "cannot be read")


def test_the_same_person_on_two_pcs_is_offered_not_merged(pcs, tmp_path):
    a, b = pcs
    add_learner(b, "王秀英", "芳畈镇", "avatar-sun")  # registered again on the other PC
    export_bundle(a, tmp_path / "a.zip")
    import_bundle(b, tmp_path / "a.zip")
    pairs = possible_duplicates(b)
    assert len(pairs) == 1 and pairs[0][0] == "王秀英"
    assert b.execute("SELECT COUNT(*) FROM learners WHERE name = '王秀英'").fetchone()[0] == 2


def test_duplicated_ids_in_a_bundle_count_once_and_an_oversized_bundle_is_refused(pcs, tmp_path, monkeypatch):
    from ecom_trainer.sync import bundle as bundle_module

    a, b = pcs
    good = tmp_path / "a.zip"
    export_bundle(a, good)
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "manifest.json"}
    doubled = tmp_path / "doubled.zip"
    reseal(good, doubled, {**parts, "attempts.jsonl": parts["attempts.jsonl"] * 2})
    report = import_bundle(b, doubled)
    demo = a.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    assert report.answers_added == demo and b.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == demo
    monkeypatch.setattr(bundle_module, "MAX_BUNDLE_BYTES", 1000)  # the stated limit, made small
    refused(b, good, "a bundle may be at most")


def test_a_bundle_of_format_1_from_an_older_version_imports_the_same(pcs, tmp_path):
    a, b = pcs
    export_bundle(a, tmp_path / "a.zip")
    as_format_1(tmp_path / "a.zip", tmp_path / "old.zip")
    with zipfile.ZipFile(tmp_path / "old.zip") as z:
        assert json.loads(z.read("attempts.jsonl").splitlines()[0])["kind"]  # objects, by name
    report = import_bundle(b, tmp_path / "old.zip")
    assert report.answers_added == a.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    assert snapshot(b)["attempts"] == snapshot(a)["attempts"]
    assert snapshot(b)["learners"] == snapshot(a)["learners"]


def test_importing_pauses_garbage_collection_and_restores_it(pcs, tmp_path):
    import gc

    a, b = pcs
    export_bundle(a, tmp_path / "a.zip")
    seen = []
    original = json.loads

    def loads(*args, **kwargs):  # called while the bundle is read
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    json.loads = loads
    try:
        import_bundle(b, tmp_path / "a.zip")
        assert seen and not any(seen) and gc.isenabled()
        gc.disable()
        import_bundle(b, tmp_path / "a.zip")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        json.loads = original
        gc.enable()
    with pytest.raises(BundleError):
        import_bundle(b, tmp_path / "missing.zip")
    assert gc.isenabled()
