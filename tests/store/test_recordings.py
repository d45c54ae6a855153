"""Recorded voices: rows and files, replace and delete, which voice plays, durability, and the
voices file (export, import, hostile archives)."""

from __future__ import annotations

import hashlib
import json
import math
import struct
import wave
import zipfile
from pathlib import Path

import pytest

from ecom_trainer.content.item_keys import known_keys, lesson_texts, prompt_key, step_key
from ecom_trainer.store import recordings as rec
from ecom_trainer.store.db import open_database
from ecom_trainer.store.device import device_id
from ecom_trainer.sync.voices import VoicesError, export_voices, import_voices


def tone(path: Path, ms: int = 300, pitch: float = 440.0) -> Path:
    """A short WAV: real audio, different bytes for a different pitch."""
    rate = 8000
    frames = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * pitch * i / rate)))
                      for i in range(rate * ms // 1000))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return path


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def rows(conn) -> list[tuple]:
    return [tuple(r) for r in conn.execute("SELECT * FROM recordings ORDER BY lesson_id, item_key, language")]


def test_a_recording_is_a_row_and_a_file_beside_the_database(db, tmp_path):
    take = tone(tmp_path / "take.wav")
    saved = rec.save_recording(db, "listing-main-photo", "steps[0].text", "zh_CN", take, 300)
    stored = db.execute("SELECT * FROM recordings").fetchall()
    assert [tuple(r) for r in stored] == [tuple(saved)]
    assert (saved.lesson_id, saved.item_key, saved.language, saved.duration_ms) == \
        ("listing-main-photo", "steps[0].text", "zh_CN", 300)
    assert saved.device_id == device_id(db) and saved.updated_at.endswith("Z")
    assert saved.file == f"{saved.id}.wav"  # named by id
    path = tmp_path / "recordings" / saved.file  # beside test.sqlite3
    assert path.read_bytes() == take.read_bytes()
    assert rec.find_recording(db, "listing-main-photo", "steps[0].text", "zh_CN") == saved
    assert rec.find_recording(db, "listing-main-photo", "steps[0].text", "en") is None
    with pytest.raises(ValueError):
        rec.save_recording(db, "x", "steps[0].text", "en", tmp_path / "notes.txt", 1)


def test_recording_again_replaces_the_voice_and_its_file(db, tmp_path):
    first = rec.save_recording(db, "l1", "steps[0].text", "zh_CN", tone(tmp_path / "a.wav", pitch=300), 300)
    other = rec.save_recording(db, "l1", "steps[0].text", "en", tone(tmp_path / "b.wav"), 300)
    second = rec.save_recording(db, "l1", "steps[0].text", "zh_CN", tone(tmp_path / "c.wav", 500, 600), 500)
    assert second.id != first.id
    assert {r[0] for r in rows(db)} == {other.id, second.id}
    folder = rec.recordings_folder(db)
    assert files_in(folder) == {other.file, second.file}  # the old file went with its row
    assert (folder / second.file).read_bytes() == (tmp_path / "c.wav").read_bytes()
    assert rec.find_recording(db, "l1", "steps[0].text", "zh_CN").duration_ms == 500


def test_delete_takes_row_and_file(db, tmp_path):
    take = tone(tmp_path / "take.wav")
    saved = rec.save_recording(db, "l1", "questions[q1].prompt", "zh_CN", take, 300, remove_source=True)
    assert not take.exists()  # a take is moved in, not left behind
    assert rec.delete_recording(db, saved.id)
    assert rows(db) == [] and files_in(rec.recordings_folder(db)) == set()
    assert not rec.delete_recording(db, saved.id)


def test_the_voice_for_a_text_is_the_recording_in_its_language_first(db, tmp_path):
    key = prompt_key("q1")
    assert rec.voice_for(db, "l1", key, "zh_CN") is None
    english = rec.save_recording(db, "l1", key, "en", tone(tmp_path / "en.wav"), 300)
    assert rec.voice_for(db, "l1", key, "zh_CN") is None  # never another language's voice
    plain = rec.save_recording(db, "l1", key, "zh", tone(tmp_path / "zh.wav"), 300)
    assert rec.voice_for(db, "l1", key, "zh_CN").name == plain.file  # same language, no region
    exact = rec.save_recording(db, "l1", key, "zh_CN", tone(tmp_path / "zhcn.wav"), 300)
    assert rec.voice_for(db, "l1", key, "zh_CN").name == exact.file  # the exact language wins
    assert rec.voice_for(db, "l1", key, "zh_TW").name == plain.file
    assert rec.voice_for(db, "l1", key, "en_US").name == english.file
    assert rec.voice_for(db, "l1", "questions[q2].prompt", "zh_CN") is None
    (rec.recordings_folder(db) / exact.file).unlink()  # a file lost by hand: the next one plays
    assert rec.voice_for(db, "l1", key, "zh_CN").name == plain.file


def test_the_file_is_whole_on_disk_before_its_row_is_written(db, tmp_path):
    take = tone(tmp_path / "take.wav", 800)
    seen: list[tuple[str, bool]] = []
    folder = rec.recordings_folder(db)

    def trace(sql: str) -> None:
        if sql.startswith("INSERT INTO recordings"):
            files = [p for p in folder.iterdir() if rec.FILE_NAME.match(p.name)]
            seen.append((sql, any(p.read_bytes() == take.read_bytes() for p in files)))

    db.set_trace_callback(trace)
    rec.save_recording(db, "l1", "steps[0].text", "zh_CN", take, 800)
    db.set_trace_callback(None)
    assert seen and all(whole for _sql, whole in seen)


def test_a_power_cut_leaves_a_file_without_a_row_never_a_row_without_a_file(db, tmp_path, monkeypatch):
    take = tone(tmp_path / "take.wav")
    before = rec.save_recording(db, "l1", "steps[0].text", "zh_CN", take, 300)

    def cut(*_args, **_kwargs):
        raise OSError("power cut")

    # during the write: the half-written file has its temporary name; nothing else changed
    monkeypatch.setattr(rec.os, "replace", cut)
    with pytest.raises(OSError):
        rec.save_recording(db, "l1", "steps[0].text", "zh_CN", take, 999)
    monkeypatch.undo()
    assert rows(db) == [tuple(before)]
    assert files_in(rec.recordings_folder(db)) == {before.file}
    # after the file, before the commit: the new file is an orphan, the old voice still plays
    monkeypatch.setattr(rec, "store_rows", cut)
    with pytest.raises(OSError):
        rec.save_recording(db, "l1", "steps[0].text", "zh_CN", take, 999)
    monkeypatch.undo()
    assert rows(db) == [tuple(before)]
    assert rec.voice_for(db, "l1", "steps[0].text", "zh_CN").name == before.file
    (rec.recordings_folder(db) / ".x.wav.partial").write_bytes(b"half")  # a partial of a cut write
    assert len(files_in(rec.recordings_folder(db))) == 3
    assert rec.remove_orphans(db) == 2
    assert files_in(rec.recordings_folder(db)) == {before.file}
    for r in rows(db):  # every row has its file
        assert (rec.recordings_folder(db) / r[4]).is_file()


# ---------------------------------------------------------------- the voices file

@pytest.fixture
def known(curriculum) -> dict[str, set[str]]:
    return known_keys(curriculum)


@pytest.fixture
def lesson(curriculum):
    return next(iter(curriculum.lessons.values()))


def record_three(db, tmp_path, lesson) -> list[rec.Recording]:
    texts = lesson_texts(lesson)
    return [rec.save_recording(db, lesson.id, texts[0].key, "zh_CN", tone(tmp_path / "1.wav", pitch=200), 300),
            rec.save_recording(db, lesson.id, texts[1].key, "zh_CN", tone(tmp_path / "2.wav", pitch=300), 300),
            rec.save_recording(db, lesson.id, texts[0].key, "en", tone(tmp_path / "3.wav", 400), 400)]


def other_pc(tmp_path, name: str = "pc2"):
    return open_database(tmp_path / name / "ecom-trainer.sqlite3")


def test_voices_travel_in_one_file_and_importing_twice_changes_nothing(db, tmp_path, lesson, known):
    made = record_three(db, tmp_path, lesson)
    target = tmp_path / "voices.ecomvoices"
    assert export_voices(db, target) == 3
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert {(e["lesson_id"], e["item_key"], e["language"], e["duration_ms"]) for e in manifest["recordings"]} \
        == {(r.lesson_id, r.item_key, r.language, r.duration_ms) for r in made}
    second = other_pc(tmp_path)
    try:
        report = import_voices(second, target, known)
        assert (report.added, report.replaced, report.kept, report.skipped) == (3, 0, 0, [])
        for r in made:
            copy = rec.find_recording(second, r.lesson_id, r.item_key, r.language)
            assert (copy.duration_ms, copy.updated_at, copy.device_id) == (r.duration_ms, r.updated_at, r.device_id)
            assert rec.audio_path(second, copy).read_bytes() == rec.audio_path(db, r).read_bytes()
        before = rows(second), files_in(rec.recordings_folder(second))
        again = import_voices(second, target, known)
        assert (again.added, again.replaced, again.kept) == (0, 0, 3)
        assert (rows(second), files_in(rec.recordings_folder(second))) == before
    finally:
        second.close()


def test_the_newer_recording_of_a_text_wins(db, tmp_path, lesson, known):
    made = record_three(db, tmp_path, lesson)
    target = tmp_path / "voices.ecomvoices"
    second = other_pc(tmp_path)
    try:
        older = made[0]
        newer_here = rec.save_recording(second, lesson.id, made[1].item_key, "zh_CN", tone(tmp_path / "n.wav"), 300)
        export_voices(db, target)  # made[1] is older than newer_here; made[0] unknown there
        stale = rec.save_recording(second, lesson.id, older.item_key, "zh_CN", tone(tmp_path / "s.wav"), 300)
        second.execute("UPDATE recordings SET updated_at = '2000-01-01T00:00:00.000Z' WHERE id = ?", (stale.id,))
        report = import_voices(second, target, known)
        assert (report.added, report.replaced, report.kept) == (1, 1, 1)
        assert rec.find_recording(second, lesson.id, made[1].item_key, "zh_CN").id == newer_here.id
        assert rec.find_recording(second, lesson.id, older.item_key, "zh_CN").updated_at == older.updated_at
        assert stale.file not in files_in(rec.recordings_folder(second))
    finally:
        second.close()


def test_recordings_for_texts_this_pack_lacks_are_skipped_and_named(db, tmp_path, lesson, known):
    rec.save_recording(db, lesson.id, step_key(99), "zh_CN", tone(tmp_path / "a.wav"), 300)
    rec.save_recording(db, "no-such-lesson", step_key(0), "zh_CN", tone(tmp_path / "b.wav"), 300)
    rec.save_recording(db, lesson.id, step_key(0), "zh_CN", tone(tmp_path / "c.wav"), 300)
    target = tmp_path / "v.ecomvoices"
    export_voices(db, target)
    second = other_pc(tmp_path)
    try:
        report = import_voices(second, target, known)
        assert report.added == 1
        assert sorted(report.skipped) == [f"{lesson.id} steps[99].text (zh_CN)", "no-such-lesson steps[0].text (zh_CN)"]
        assert [r[2] for r in rows(second)] == [step_key(0)]
    finally:
        second.close()


def archive_with(path: Path, manifest: object, files: dict[str, bytes], deflate: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED) as z:
        z.writestr("manifest.json", manifest if isinstance(manifest, bytes) else json.dumps(manifest))
        for name, data in files.items():
            z.writestr(name, data)
    return path


def entry(lesson, data: bytes, file: str = "audio/a.wav", **changes) -> dict:
    e = {"lesson_id": lesson.id, "item_key": step_key(0), "language": "zh_CN", "duration_ms": 300,
         "file": file, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
         "updated_at": "2026-01-01T00:00:00.000Z", "device_id": "d1", "text": ""}
    return e | changes


def manifest_of(*entries: dict) -> dict:
    return {"format": 1, "kind": "ecom-trainer voices", "created_at": "x", "device": "d1", "recordings": list(entries)}


HOSTILE = {
    "path out of the folder": (lambda L, a: ({"audio/../../evil.wav": a}, [entry(L, a)]), "would leave"),
    "absolute path": (lambda L, a: ({"/etc/evil.wav": a}, [entry(L, a)]), "would leave"),
    "manifest points outside": (lambda L, a: ({"audio/a.wav": a}, [entry(L, a, file="../a.wav")]), "not allowed"),
    "missing audio": (lambda L, a: ({}, [entry(L, a)]), "missing"),
    "damaged audio": (lambda L, a: ({"audio/a.wav": a[:-1] + b"x"}, [entry(L, a)]), "checksum"),
    "size differs": (lambda L, a: ({"audio/a.wav": a + b"x"}, [entry(L, a)]), "the manifest says"),
    "second voice for a text": (lambda L, a: ({"audio/a.wav": a, "audio/b.wav": a},
                                              [entry(L, a), entry(L, a, file="audio/b.wav")]), "second voice"),
    "not a language": (lambda L, a: ({"audio/a.wav": a}, [entry(L, a, language="../x")]), "language code"),
    "duration not a number": (lambda L, a: ({"audio/a.wav": a}, [entry(L, a, duration_ms="3s")]), "duration_ms"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_voices_file_is_refused_whole_with_its_reason(db, tmp_path, lesson, known, case):
    good = tone(tmp_path / "g.wav").read_bytes()
    existing = rec.save_recording(db, lesson.id, step_key(1), "zh_CN", tmp_path / "g.wav", 300)
    build, words = HOSTILE[case]
    files, entries = build(lesson, good)
    # a valid recording first: it must not be written either
    files["audio/ok.wav"] = good
    entries = [entry(lesson, good, file="audio/ok.wav", item_key=prompt_key(lesson.questions[0].id)), *entries]
    source = archive_with(tmp_path / "bad.ecomvoices", manifest_of(*entries), files)
    before = rows(db), files_in(rec.recordings_folder(db))
    with pytest.raises(VoicesError) as refused:
        import_voices(db, source, known)
    assert words in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert (rows(db), files_in(rec.recordings_folder(db))) == before
    assert rec.find_recording(db, lesson.id, step_key(1), "zh_CN") == existing


def test_zip_bombs_and_strange_files_are_refused(db, tmp_path, lesson, known, monkeypatch):
    bomb = bytes(4 * 1024 * 1024)  # 4 MB of zeros pack into a few kB
    source = archive_with(tmp_path / "bomb.ecomvoices", manifest_of(entry(lesson, bomb)), {"audio/a.wav": bomb},
                          deflate=True)
    with pytest.raises(VoicesError, match="zip bomb"):
        import_voices(db, source, known)
    monkeypatch.setattr("ecom_trainer.sync.voices.MAX_AUDIO_BYTES", 1000)
    big = tone(tmp_path / "big.wav", 500).read_bytes()
    source = archive_with(tmp_path / "big.ecomvoices", manifest_of(entry(lesson, big)), {"audio/a.wav": big})
    with pytest.raises(VoicesError, match="too large"):
        import_voices(db, source, known)
    (tmp_path / "plain.ecomvoices").write_bytes(b"not a zip at all")
    with pytest.raises(VoicesError, match="cannot be read"):
        import_voices(db, tmp_path / "plain.ecomvoices", known)
    with pytest.raises(VoicesError, match="is damaged"):
        import_voices(db, archive_with(tmp_path / "m.ecomvoices", b"{not json", {}), known)
    with pytest.raises(VoicesError, match="not a voices file"):
        import_voices(db, archive_with(tmp_path / "k.ecomvoices", {"kind": "progress"}, {}), known)
    with pytest.raises(VoicesError, match="another version"):
        import_voices(db, archive_with(tmp_path / "f.ecomvoices", manifest_of() | {"format": 9}, {}), known)
    assert rows(db) == [] and files_in(rec.recordings_folder(db)) == set()
