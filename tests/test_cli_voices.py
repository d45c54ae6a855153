"""`ecom-trainer voices export|import FILE`: voices to another PC, refused files named."""

from __future__ import annotations

from ecom_trainer.cli import main
from ecom_trainer.store.db import open_database
from ecom_trainer.store.recordings import list_recordings, save_recording
from tests.store.test_recordings import tone


def test_voices_export_then_import_on_another_pc(tmp_path, curriculum, capsys):
    lesson = next(iter(curriculum.lessons.values()))
    first, second = tmp_path / "pc1" / "db.sqlite3", tmp_path / "pc2" / "db.sqlite3"
    conn = open_database(first)
    save_recording(conn, lesson.id, "steps[0].text", "zh_CN", tone(tmp_path / "a.wav"), 300)
    save_recording(conn, "gone-lesson", "steps[0].text", "zh_CN", tone(tmp_path / "b.wav"), 300)
    conn.close()
    file = tmp_path / "voices.ecomvoices"
    assert main(["--db", str(first), "voices", "export", str(file)]) == 0
    assert "2 recorded voices" in capsys.readouterr().out
    assert main(["--db", str(second), "voices", "import", str(file)]) == 0
    out = capsys.readouterr().out
    assert "1 new voices" in out and "Skipped, this lesson pack has no such text: gone-lesson steps[0].text (zh_CN)" in out
    conn = open_database(second)
    assert [(r.lesson_id, r.item_key) for r in list_recordings(conn)] == [(lesson.id, "steps[0].text")]
    conn.close()
    (tmp_path / "bad.ecomvoices").write_bytes(b"not a zip")
    assert main(["--db", str(second), "voices", "import", str(tmp_path / "bad.ecomvoices")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Refused: bad.ecomvoices: cannot be read") and "Nothing was changed" in err
