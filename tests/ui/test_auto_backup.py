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


def test_after_a_power_cut_a_damaged_database_is_found_by_quick_check(qtbot, tmp_path, monkeypatch):
    from ecom_trainer.app import RUNNING, check_after_unclean_shutdown
    from ecom_trainer.store.settings import set_setting

    db_path = tmp_path / "ecom-trainer.sqlite3"
    conn = open_database(db_path)
    for i in range(300):  # enough rows for several pages
        add_learner(conn, f"学员{i}", "村" * 50)
    make_backup(db_path)
    set_setting(conn, RUNNING, "1")  # the program was running when the power went
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page * 3: page * 3 + 200] = b"\xff" * 200  # a damaged page: the file still opens
    db_path.write_bytes(bytes(data))
    conn = open_database(db_path)
    offered = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: offered.append(a[2]) or QMessageBox.StandardButton.Yes)
    fixed = check_after_unclean_shutdown(conn, db_path)
    assert offered and "300 learners" in offered[0]
    assert fixed is not None and len(list_learners(fixed)) == 300
    assert fixed.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_a_clean_start_is_not_checked(qtbot, tmp_path, monkeypatch):
    from ecom_trainer.app import check_after_unclean_shutdown

    conn = open_database(tmp_path / "ok.sqlite3")
    assert check_after_unclean_shutdown(conn, tmp_path / "ok.sqlite3") is conn


def test_the_running_flag_is_no_reason_for_a_backup(qtbot, tmp_path):
    from ecom_trainer.app import RUNNING
    from ecom_trainer.store.settings import set_setting

    db_path = tmp_path / "ecom-trainer.sqlite3"
    conn = open_database(db_path)
    auto = AutoBackup(conn, db_path)
    auto.write_uncounted(lambda: set_setting(conn, RUNNING, "1"))
    auto.write_uncounted(lambda: set_setting(conn, RUNNING, "0"))
    auto.on_close()
    assert not backup_dir(db_path).exists()


def test_a_pc_without_any_backup_gets_one_soon_after_start(qtbot, tmp_path, monkeypatch):
    from ecom_trainer.ui import auto_backup

    monkeypatch.setattr(auto_backup, "FIRST_BACKUP_MS", 10)
    db_path = tmp_path / "ecom-trainer.sqlite3"
    conn = open_database(db_path)
    add_learner(conn, "陈翠花")
    auto = AutoBackup(conn, db_path)
    auto.backed_up_at = conn.total_changes  # as if this run had changed nothing
    qtbot.waitUntil(lambda: auto.worker is not None, timeout=3000)
    auto.worker.join(timeout=30)
    assert [b.learners for b in list_backups(db_path)] == [1]
