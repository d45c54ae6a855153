from PySide6.QtWidgets import QMessageBox

from ecom_trainer.app import recover_damaged_database
from ecom_trainer.store.backup import backup_dir, list_backups, make_backup
from ecom_trainer.store.db import open_database
from ecom_trainer.store.learners import add_learner, list_learners
from ecom_trainer.ui.auto_backup import AutoBackup


def test_backs_up_only_when_data_changed_and_on_close(qtbot, tmp_path):
    db_path = tmp_path / "ecom-trainer.sqlite3"
    conn = open_database(db_path)
    auto = AutoBackup(conn, db_path)
    auto.in_background()
    assert auto.worker is None and not backup_dir(db_path).exists()  # nothing changed
    add_learner(conn, "王秀英")
    auto.in_background()
    auto.worker.join(timeout=30)
    assert [b.learners for b in list_backups(db_path)] == [1]
    add_learner(conn, "李建国")
    auto.on_close()  # quitting: one last backup of the new learner
    assert list_backups(db_path)[0].learners == 2


def test_a_damaged_database_at_start_is_kept_aside_and_the_newest_backup_offered(qtbot, tmp_path, monkeypatch):
    db_path = tmp_path / "ecom-trainer.sqlite3"
    conn = open_database(db_path)
    add_learner(conn, "张桂兰")
    conn.close()
    make_backup(db_path)
    db_path.write_bytes(b"\x00garbage after a power cut" * 100)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    conn = recover_damaged_database(db_path, "file is not a database")
    assert conn is not None and [x.name for x in list_learners(conn)] == ["张桂兰"]
    assert "1 learners, 0 answers" in asked[0]
    kept = list(tmp_path.glob("ecom-trainer.damaged-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"\x00garbage")  # kept, not deleted


def test_saying_no_changes_nothing(qtbot, tmp_path, monkeypatch):
    db_path = tmp_path / "ecom-trainer.sqlite3"
    open_database(db_path).close()
    make_backup(db_path)
    db_path.write_bytes(b"broken" * 100)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert recover_damaged_database(db_path, "broken") is None
    assert db_path.read_bytes() == b"broken" * 100
