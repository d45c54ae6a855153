"""A photo the trainer took of a learner shows on the learner's tile and in the PDF report."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from ecom_trainer.store.learners import add_learner
from ecom_trainer.ui.learner.picker import avatar_path


def _photo(folder, name="abc.png"):
    folder.mkdir(parents=True, exist_ok=True)
    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#C62828"))
    assert image.save(str(folder / name))
    return folder / name


def test_a_photo_avatar_is_found_beside_the_database_and_never_outside(tmp_path):
    photos = tmp_path / "photos"
    path = _photo(photos)
    assert avatar_path("photos/abc.png", photos) == path
    assert avatar_path("photos/../abc.png", photos) is None
    assert avatar_path("photos/missing.png", photos) is None
    assert avatar_path("photos/abc.png", None) is None
    assert avatar_path("avatar-peanut").name == "avatar-peanut.svg"


def test_the_picker_shows_the_photo(qtbot, tmp_path, curriculum):
    from ecom_trainer.app import build_window
    from ecom_trainer.store.centre import set_up_centre
    from ecom_trainer.store.db import open_database

    conn = open_database(tmp_path / "centre.sqlite3")
    set_up_centre(conn, "Centre", "2468")
    _photo(tmp_path / "photos")
    add_learner(conn, "王秀英", "芳畈镇", "photos/abc.png")
    window = build_window(conn, lambda: curriculum, "en")
    qtbot.addWidget(window)
    window.show_picker()
    assert window.picker.photos == tmp_path / "photos"
    conn.close()


def test_the_learner_report_draws_the_photo(db, curriculum, tmp_path):
    from ecom_trainer.reports.data import learner_data

    _photo(tmp_path / "photos")  # the db fixture's file is tmp_path / "test.sqlite3"
    learner = add_learner(db, "王秀英", "芳畈镇", "photos/abc.png")
    data = learner_data(db, curriculum, learner)
    assert data.avatar == str(tmp_path / "photos" / "abc.png")
