"""The trainer's backups and progress files, through the real buttons (file pickers and
message boxes answered by monkeypatch)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from ecom_trainer.app import build_window
from ecom_trainer.store.backup import list_backups
from ecom_trainer.store.db import open_database
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.learners import add_learner, list_learners
from ecom_trainer.ui.trainer.data_panel import DataPanel


def make_window(qtbot, db_path, curriculum, seed=True):
    conn = open_database(db_path)
    if seed:
        seed_demo(conn, curriculum)
    window = build_window(conn, lambda: curriculum, "en", db_path)
    qtbot.addWidget(window)
    window.show()
    return window


def quiet(monkeypatch, answer=QMessageBox.StandardButton.Yes):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append("WARNING " + a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: said.append(a[2]) or answer)
    return said


def press(panel, name):
    panel.findChild(QPushButton, name).click()


def test_back_up_then_restore_from_the_trainer_page(qtbot, tmp_path, curriculum, monkeypatch):
    said = quiet(monkeypatch)
    window = make_window(qtbot, tmp_path / "centre.sqlite3", curriculum)
    panel = DataPanel(window)
    qtbot.addWidget(panel)
    assert "no backup yet" in panel.status.text()
    assert not panel.review.isVisibleTo(panel)  # no conflicts: no button
    press(panel, "backup_now")
    assert "6 learners" in panel.status.text() and len(list_backups(window.db_path)) == 1
    add_learner(window.conn, "后来的学员")  # a change made after the backup
    press(panel, "restore")
    assert "6 learners" in said[-1]  # the date and counts were shown before anything changed
    assert len(list_learners(window.conn)) == 6  # the window works on the restored file
    assert list(tmp_path.glob("centre.before-restore-*.sqlite3"))  # today's file kept aside
    window.show_picker()
    assert len(window.picker.learners) == 6


def test_saying_no_to_restore_changes_nothing(qtbot, tmp_path, curriculum, monkeypatch):
    quiet(monkeypatch, answer=QMessageBox.StandardButton.No)
    window = make_window(qtbot, tmp_path / "centre.sqlite3", curriculum)
    panel = DataPanel(window)
    qtbot.addWidget(panel)
    press(panel, "backup_now")
    add_learner(window.conn, "留下的学员")
    press(panel, "restore")
    assert len(list_learners(window.conn)) == 7


def test_progress_file_from_one_pc_to_another(qtbot, tmp_path, curriculum, monkeypatch):
    said = quiet(monkeypatch)
    bundle = tmp_path / "pc07.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(bundle), "*.zip"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), "*.zip"))
    room_pc = make_window(qtbot, tmp_path / "pc07.sqlite3", curriculum)
    panel = DataPanel(room_pc)
    qtbot.addWidget(panel)
    press(panel, "export")
    demo = room_pc.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    assert f"Saved {demo} answers of 6 learners" in said[-1] and bundle.exists()
    trainer_pc = make_window(qtbot, tmp_path / "trainer.sqlite3", curriculum, seed=False)
    panel = DataPanel(trainer_pc)
    qtbot.addWidget(panel)
    press(panel, "import")
    assert said[-1].startswith(f"{demo} new answers added (0 were here already)")
    press(panel, "import")  # the same file again: nothing new
    assert said[-1].startswith(f"0 new answers added ({demo} were here already)")
    assert trainer_pc.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == demo
    bundle.write_bytes(b"not a bundle")
    press(panel, "import")
    assert said[-1].startswith("WARNING This file was not used; nothing changed.")


def test_the_trainer_chooses_between_two_changes_of_one_learner(qtbot, tmp_path, curriculum, monkeypatch):
    from ecom_trainer.store.db import transaction
    from ecom_trainer.sync.bundle import export_bundle, import_bundle
    from ecom_trainer.ui.trainer.conflicts_dialog import ConflictsDialog

    quiet(monkeypatch)
    a = make_window(qtbot, tmp_path / "a.sqlite3", curriculum)
    b = open_database(tmp_path / "b.sqlite3")
    export_bundle(a.conn, tmp_path / "a.zip")
    import_bundle(b, tmp_path / "a.zip")
    learner = a.conn.execute("SELECT id FROM learners WHERE name = '李建国'").fetchone()[0]
    for conn, village, when in ((a.conn, "宣化店镇一组", "2026-11-29T09:00:00.000Z"),
                                (b, "宣化店镇二组", "2026-11-29T10:00:00.000Z")):
        with transaction(conn):
            conn.execute("UPDATE learners SET village = ?, updated_at = ? WHERE id = ?", (village, when, learner))
    export_bundle(b, tmp_path / "b.zip")
    import_bundle(a.conn, tmp_path / "b.zip")  # B's later change wins; A's is kept aside
    panel = DataPanel(a)
    qtbot.addWidget(panel)
    assert panel.review.isVisibleTo(panel)  # shown because something is waiting
    assert "1 changes from other PCs" in panel.notes.text()
    dialog = ConflictsDialog(a.conn, panel)
    qtbot.addWidget(dialog)
    texts = " ".join(w.text() for w in dialog.grid_host.findChildren(type(panel.status)))
    assert "宣化店镇二组" in texts and "宣化店镇一组" in texts
    dialog.findChild(QPushButton, "other_0").click()  # the trainer knows group one is right
    village = a.conn.execute("SELECT village FROM learners WHERE id = ?", (learner,)).fetchone()[0]
    assert village == "宣化店镇一组"
    assert "Nothing is waiting" in " ".join(w.text() for w in dialog.grid_host.findChildren(type(panel.status)))
    export_bundle(a.conn, tmp_path / "a2.zip")  # the choice travels: B takes it on the next exchange
    import_bundle(b, tmp_path / "a2.zip")
    assert b.execute("SELECT village FROM learners WHERE id = ?", (learner,)).fetchone()[0] == "宣化店镇一组"


def test_the_trainer_joins_one_person_registered_twice(qtbot, tmp_path, curriculum, monkeypatch):
    said = quiet(monkeypatch)
    window = make_window(qtbot, tmp_path / "centre.sqlite3", curriculum)
    twin = add_learner(window.conn, "王秀英", "芳畈镇", "avatar-sun")  # registered again, on another day
    panel = DataPanel(window)
    qtbot.addWidget(panel)
    original = window.conn.execute("SELECT id FROM learners WHERE name = '王秀英' AND id != ?", (twin,)).fetchone()[0]
    panel.findChild(QPushButton, f"join_{min(original, twin)}").click()
    assert "王秀英" in said[-1] and "answers" in said[-1]  # asked first, with the counts
    names = [x.name for x in list_learners(window.conn)]
    assert names.count("王秀英") == 1 and len(names) == 6
    kept = next(x for x in list_learners(window.conn) if x.name == "王秀英")
    assert kept.id == original  # the older registration stays
    assert panel.joins.count() == 0  # nothing more to offer
    window.show_picker()
    assert len(window.picker.learners) == 6
