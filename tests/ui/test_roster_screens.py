"""The trainer's Learners and Classes screens, driven as a trainer would: the rows in the
database are what the tests check."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton

from ecom_trainer.store.cohorts import create_cohort, get_cohort, list_cohorts, member_ids
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.learners import list_learners
from ecom_trainer.store.roster import avatar_file, create_learner, learner_record, roster
from ecom_trainer.store.roster_csv import read_learner_csv
from ecom_trainer.ui.trainer import csv_import_dialog
from ecom_trainer.ui.trainer.cohorts import CohortDialog, CohortsScreen
from ecom_trainer.ui.trainer.csv_import_dialog import CsvImportDialog
from ecom_trainer.ui.trainer.overview import TrainerOverview
from ecom_trainer.ui.trainer.roster import LearnerDialog, RosterScreen


def when_open(kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """Act on a modal dialog once it is open (exec() blocks, so from a timer), then close it
    if the action did not."""
    def attempt() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        act(dialog)
        if dialog.isVisible():
            dialog.reject()
    QTimer.singleShot(0, attempt)


def snapshot(db) -> list:
    return [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("learners", "cohorts", "cohort_members")]


def row_of(screen: RosterScreen, name: str) -> int:
    return next(i for i, r in enumerate(screen.records) if r.name == name)


# ------------------------------------------------------------------ learners

def test_add_edit_and_archive_a_learner(qtbot, db):
    spring = create_cohort(db, "Spring")
    screen = RosterScreen(db)
    qtbot.addWidget(screen)

    def fill_in(dialog: LearnerDialog) -> None:
        dialog.name.setText("周玉兰")
        dialog.village.setText("芳畈镇")
        dialog.birth_year.setText("1962")
        dialog.phone.setText("139 0722 1234")
        dialog.picture_buttons["avatar-fish"].click()
        dialog.classes.itemClicked.emit(dialog.classes.item(0))  # a click on the row ticks it
        dialog.findChild(QPushButton, "learner_save").click()

    when_open(LearnerDialog, fill_in)
    screen.findChild(QPushButton, "roster_add").click()
    added = next(r for r in roster(db) if r.name == "周玉兰")
    assert (added.village, added.birth_year, added.phone, added.avatar) == ("芳畈镇", 1962, "13907221234", "avatar-fish")
    assert member_ids(db, spring) == {added.id}
    assert "周玉兰" in screen.status.text() and screen.selected().id == added.id

    seen: dict[str, str] = {}

    def change(dialog: LearnerDialog) -> None:
        dialog.phone.setText("12345")
        dialog.birth_year.setText("1850")
        dialog.findChild(QPushButton, "learner_save").click()
        seen["problems"] = dialog.problems.text()  # refused: the dialog stays open
        dialog.phone.setText("")
        dialog.birth_year.setText("")
        dialog.village.setText("新城镇")
        dialog.classes.itemClicked.emit(dialog.classes.item(0))  # out of the class
        dialog.findChild(QPushButton, "learner_save").click()

    before = db.execute("SELECT updated_at FROM learners WHERE id = ?", (added.id,)).fetchone()[0]
    when_open(LearnerDialog, change)
    screen.findChild(QPushButton, "roster_edit").click()
    assert "11 digits" in seen["problems"] and "between 1920" in seen["problems"]
    changed = learner_record(db, added.id)
    assert (changed.village, changed.birth_year, changed.phone) == ("新城镇", None, None)
    assert member_ids(db, spring) == set()
    assert db.execute("SELECT updated_at FROM learners WHERE id = ?", (added.id,)).fetchone()[0] > before

    archive = screen.findChild(QPushButton, "roster_archive")
    archive.click()
    assert learner_record(db, added.id).archived and added.id not in [x.id for x in list_learners(db)]
    assert "周玉兰" not in [r.name for r in screen.records]
    screen.show_archived.setChecked(True)
    screen.table.selectRow(row_of(screen, "周玉兰"))
    assert archive.text() == "Bring back"
    archive.click()
    assert not learner_record(db, added.id).archived


def test_a_bad_new_learner_writes_nothing(qtbot, db):
    dialog = LearnerDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.village.setText("芳畈镇")
    dialog.findChild(QPushButton, "learner_save").click()
    assert "name is missing" in dialog.problems.text() and roster(db) == []


def test_a_photo_is_made_small_and_kept_beside_the_database(qtbot, db, tmp_path):
    photo = tmp_path / "phone-photo.png"
    image = QImage(2400, 1600, QImage.Format.Format_ARGB32)
    image.fill(QColor("#3366aa"))
    assert image.save(str(photo))
    learner = create_learner(db, "张桂兰")
    dialog = LearnerDialog(db, learner_record(db, learner))
    qtbot.addWidget(dialog)
    assert not dialog.use_photo(tmp_path / "missing.png")
    notes = tmp_path / "notes.png"
    notes.write_text("not a picture")
    assert not dialog.use_photo(notes) and "not a picture" in dialog.problems.text()
    assert dialog.use_photo(photo)
    dialog.findChild(QPushButton, "learner_save").click()
    avatar = learner_record(db, learner).avatar
    saved = avatar_file(db, avatar)
    assert avatar.startswith("photos/") and saved.parent == tmp_path / "photos"
    kept = QImage(str(saved))
    assert (kept.width(), kept.height()) == (600, 400)


def test_search_narrows_the_table(qtbot, db, curriculum):
    seed_demo(db, curriculum)
    screen = RosterScreen(db)
    qtbot.addWidget(screen)
    assert screen.model.rowCount() == 6
    screen.search.setText("芳畈")
    assert [r.name for r in screen.records] == ["王秀英"] and screen.model.rowCount() == 1


# ------------------------------------------------------------------ CSV

GOOD = ("姓名,村,出生年份,电话,班级\n"
        "周玉兰,芳畈镇,1962,13907221234,茶农班\n"
        "吴大山,宣化店镇,1960,,茶农班\n"
        "王秀英,芳畈镇,1958,,2026 秋季班 (autumn 2026)\n")


def test_import_a_good_file_through_the_preview(qtbot, db, curriculum, tmp_path):
    seed_demo(db, curriculum)
    path = tmp_path / "名单.csv"
    path.write_bytes(GOOD.encode("gb18030"))
    screen = RosterScreen(db)
    qtbot.addWidget(screen)
    seen: dict[str, object] = {}

    def preview(dialog: CsvImportDialog) -> None:
        seen["summary"] = dialog.summary.text()
        seen["rows"] = dialog.model.rowCount()
        seen["notes"] = [dialog.model.rows[r][-1] for r in range(dialog.model.rowCount())]
        seen["add"] = dialog.add_button.text()
        dialog.add_button.click()

    when_open(CsvImportDialog, preview)
    screen.import_file(path)
    assert "GB18030" in seen["summary"] and "2 learners to add" in seen["summary"]
    assert seen["rows"] == 3 and seen["notes"] == ["New", "New", "Here already"] and seen["add"] == "Add 2 learners"
    names = {r.name: r for r in roster(db)}
    assert {"周玉兰", "吴大山"} <= set(names) and len(names) == 8
    tea = next(c for c in list_cohorts(db) if c.name == "茶农班")
    assert member_ids(db, tea.id) == {names["周玉兰"].id, names["吴大山"].id}
    assert "2 learners added" in screen.status.text() and screen.model.rowCount() == 8


def test_import_a_bad_file_shows_every_problem_and_writes_nothing(qtbot, db, curriculum, tmp_path):
    seed_demo(db, curriculum)
    path = tmp_path / "bad.csv"
    path.write_bytes(("姓名,村,出生年份,电话\n周玉兰,芳畈镇,abc,\n,新城镇,,\n吴大山,,1960,12345\n").encode())
    before = snapshot(db)
    screen = RosterScreen(db)
    qtbot.addWidget(screen)
    seen: dict[str, object] = {}

    def preview(dialog: CsvImportDialog) -> None:
        seen["problems"] = dialog.problems.toPlainText().splitlines()
        seen["can_add"] = dialog.add_button.isEnabled()
        dialog.add()  # even when forced, nothing is added
        seen["status"] = dialog.status.text()
        dialog.findChild(QPushButton, "import_cancel").click()

    when_open(CsvImportDialog, preview)
    screen.import_file(path)
    assert seen["problems"] == [
        "Row 2, column “出生年份”: The birth year must be a number, like 1960: “abc” is not.",
        "Row 3, column “姓名”: The name is missing.",
        "Row 4, column “电话”: A phone number has 11 digits and starts with 1, like 13812345678: “12345” does not."]
    assert seen["can_add"] is False and "Nothing was added" in seen["status"]
    assert snapshot(db) == before


def test_declining_new_classes_blocks_the_import(qtbot, db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"name,cohort\nA,Tea\n")
    dialog = CsvImportDialog(db, read_learner_csv(db, path), path.name)
    qtbot.addWidget(dialog)
    assert dialog.add_button.isEnabled()
    dialog.create_cohorts.setChecked(False)
    assert not dialog.add_button.isEnabled() and "no class “Tea”" in dialog.problems.toPlainText()
    dialog.create_cohorts.setChecked(True)
    dialog.add_button.click()
    assert [r.name for r in roster(db)] == ["A"] and [c.name for c in list_cohorts(db)] == ["Tea"]


def test_stopping_a_long_import_leaves_nothing_written(qtbot, db, tmp_path, monkeypatch):
    path = tmp_path / "many.csv"
    path.write_bytes(("name,village,cohort\n" + "".join(f"L{n},V{n % 9},C{n % 4}\n" for n in range(10_000))).encode())
    preview = read_learner_csv(db, path)
    real = csv_import_dialog.import_learners

    def slow(*args, cancelled, **kwargs):  # as on a slow PC: the progress dialog gets to show
        return real(*args, cancelled=lambda: time.sleep(0.01) or cancelled(), **kwargs)

    monkeypatch.setattr(csv_import_dialog, "import_learners", slow)
    before = snapshot(db)
    dialog = CsvImportDialog(db, preview, path.name)
    qtbot.addWidget(dialog)
    shown: list[bool] = []

    def press_stop() -> None:
        progress = dialog.findChild(QProgressDialog, "long_work_progress")
        shown.append(progress.isVisible())
        progress.findChild(QPushButton).click()

    QTimer.singleShot(900, press_stop)
    dialog.add_button.click()
    assert shown == [True]
    assert dialog.status.text() == "Stopped. Nothing was added." and dialog.add_button.isEnabled()
    assert snapshot(db) == before


def test_export_writes_the_shown_list(qtbot, db, curriculum, tmp_path):
    seed_demo(db, curriculum)
    screen = RosterScreen(db)
    qtbot.addWidget(screen)
    screen.export_file(tmp_path / "roster")
    data = (tmp_path / "roster.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "王秀英" in data.decode("utf-8-sig")
    assert "6 learners saved" in screen.status.text()


# ------------------------------------------------------------------ classes

def test_create_a_class_with_a_plan_dates_and_learners(qtbot, db, curriculum):
    seed_demo(db, curriculum)
    screen = CohortsScreen(db, curriculum)
    qtbot.addWidget(screen)
    lessons = [lesson for track in curriculum.tracks for lesson in track.lesson_ids]
    seen: dict[str, str] = {}

    def make(dialog: CohortDialog) -> None:
        dialog.name.setText("2027 茶农班")
        dialog.has_dates.setChecked(True)
        dialog.starts_on.setDate(QDate(2027, 3, 1))
        dialog.ends_on.setDate(QDate(2027, 2, 1))
        dialog.findChild(QPushButton, "cohort_save").click()
        seen["dates"] = dialog.problems.text()  # the end before the start: refused, still open
        dialog.ends_on.setDate(QDate(2027, 5, 28))
        add = dialog.findChild(QPushButton, "plan_add")
        for lesson_id in (lessons[3], lessons[0], lessons[1]):
            dialog.lessons.setCurrentRow(list(dialog.titles).index(lesson_id))
            add.click()
        dialog.plan.setCurrentRow(2)
        dialog.findChild(QPushButton, "plan_up").click()  # lessons[1] before lessons[0]
        greyed = dialog.lessons.item(list(dialog.titles).index(lessons[3]))
        seen["greyed"] = str(not greyed.flags() & Qt.ItemFlag.ItemIsEnabled and greyed.text().startswith("✓"))
        dialog.tabs.setCurrentIndex(2)
        dialog.member_search.setText("芳畈")
        dialog.findChild(QPushButton, "members_all").click()  # ticks only the learner shown
        dialog.findChild(QPushButton, "cohort_save").click()

    when_open(CohortDialog, make)
    screen.findChild(QPushButton, "cohorts_add").click()
    assert "cannot end" in seen["dates"] and seen["greyed"] == "True"
    cohort = next(c for c in list_cohorts(db) if c.name == "2027 茶农班")
    assert cohort.plan == (lessons[3], lessons[1], lessons[0])
    assert (cohort.starts_on, cohort.ends_on) == ("2027-03-01", "2027-05-28")
    assert member_ids(db, cohort.id) == {r.id for r in roster(db) if r.village == "芳畈镇"}
    assert "2027 茶农班" in screen.status.text() and screen.selected().id == cohort.id


def test_change_and_archive_a_class(qtbot, db, curriculum):
    seed_demo(db, curriculum)
    demo = list_cohorts(db)[0]
    screen = CohortsScreen(db, curriculum)
    qtbot.addWidget(screen)
    screen.table.selectRow(0)

    def change(dialog: CohortDialog) -> None:
        assert not dialog.has_dates.isChecked()  # the demo class has no dates: none are invented
        dialog.name.setText("2026 秋季班")
        dialog.tabs.setCurrentIndex(2)
        dialog.members.itemClicked.emit(dialog.members.item(0))  # one learner out
        dialog.findChild(QPushButton, "cohort_save").click()

    when_open(CohortDialog, change)
    screen.findChild(QPushButton, "cohorts_edit").click()
    changed = get_cohort(db, demo.id)
    assert changed.name == "2026 秋季班" and changed.members == 5 and changed.starts_on is None
    screen.findChild(QPushButton, "cohorts_archive").click()
    assert get_cohort(db, demo.id).archived and screen.model.rowCount() == 0


# ------------------------------------------------------------------ wiring

def test_learners_and_classes_open_from_the_trainer_page(qtbot, window):
    window._show_overview()
    overview = window.stack.currentWidget()
    assert isinstance(overview, TrainerOverview)
    overview.findChild(QPushButton, "trainer_roster").click()
    roster_screen = window.stack.currentWidget()
    assert isinstance(roster_screen, RosterScreen) and roster_screen.model.rowCount() == 6
    when_open(LearnerDialog, lambda d: (d.name.setText("新学员"), d.findChild(QPushButton, "learner_save").click()))
    roster_screen.findChild(QPushButton, "roster_add").click()
    roster_screen.findChild(QPushButton, "roster_back").click()
    assert window.stack.currentWidget() is overview and overview.learners.count() == 7  # listed at once
    overview.findChild(QPushButton, "trainer_classes").click()
    classes = window.stack.currentWidget()
    assert isinstance(classes, CohortsScreen) and classes.model.rowCount() == 1
    classes.findChild(QPushButton, "cohorts_back").click()
    assert window.stack.currentWidget() is overview


def test_enter_saves_a_class_but_not_from_the_search_field(qtbot, db, curriculum):
    from PySide6.QtCore import Qt as QtKeys

    dialog = CohortDialog(db, curriculum, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Spring")
    dialog.tabs.setCurrentIndex(2)
    dialog.member_search.setFocus()
    qtbot.keyClick(dialog.member_search, QtKeys.Key.Key_Return)
    assert list_cohorts(db) == [] and dialog.isVisible()
    dialog.tabs.setCurrentIndex(0)
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, QtKeys.Key.Key_Return)
    assert [c.name for c in list_cohorts(db)] == ["Spring"] and not dialog.isVisible()
