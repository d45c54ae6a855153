"""First start of a real installation, and the trainer's door."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableWidget

from ecom_trainer.app import build_window
from ecom_trainer.store.centre import centre_name, verify_pin
from ecom_trainer.store.demo import DEMO_PIN, seed_demo
from ecom_trainer.store.learners import list_learners
from ecom_trainer.ui.trainer.pin_dialog import PinDialog


def test_a_real_installation_starts_empty_and_asks_for_centre_and_pin(qtbot, db, curriculum):
    window = build_window(db, lambda: curriculum, "en")
    qtbot.addWidget(window)
    window.show()
    setup = window.stack.currentWidget()
    assert setup.findChild(QLineEdit, "centre_name") is not None
    setup.findChild(QLineEdit, "centre_name").setText("芳畈镇培训点")
    setup.findChild(QLineEdit, "pin").setText("97531")
    setup.findChild(QLineEdit, "pin_again").setText("97530")
    setup.findChild(QPushButton, "setup_save").click()
    assert "not the same" in setup.message.text() and centre_name(db) is None  # nothing saved
    setup.findChild(QLineEdit, "pin_again").setText("97531")
    setup.findChild(QPushButton, "setup_save").click()
    assert centre_name(db) == "芳畈镇培训点" and verify_pin(db, "97531")
    assert window.stack.currentWidget() is window.picker
    assert "No learners yet" in window.picker.message.text()


def answer_pin_dialog(pins: list[str]) -> None:
    """Type each PIN into the dialog when it opens (exec() blocks, so from a timer)."""
    def type_pin() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, PinDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, type_pin)
            return
        for pin in pins[:-1]:
            dialog.pin.setText(pin)
            dialog.try_pin()
        dialog.messages = dialog.message.text()
        dialog.pin.setText(pins[-1])
        dialog.try_pin()
        if dialog.isVisible():
            dialog.reject()
    QTimer.singleShot(0, type_pin)


def test_trainer_sees_learners_and_answers_per_lesson_behind_the_pin(qtbot, db, curriculum):
    seed_demo(db, curriculum)
    window = build_window(db, lambda: curriculum, "en")
    qtbot.addWidget(window)
    window.show()
    answer_pin_dialog(["0000"])  # wrong: the trainer pages stay closed
    window.open_trainer()
    assert window.stack.currentWidget() is window.picker
    answer_pin_dialog([DEMO_PIN])
    window.open_trainer()
    overview = window.stack.currentWidget()
    table = overview.findChild(QTableWidget, "trainer_answers")
    learners = list_learners(db)
    assert overview.learners.count() == len(learners)
    first = learners[0]  # 刘德明: answered the pre-test and a lesson of one track
    row = next(i for i in range(overview.learners.count())
               if overview.learners.item(i).text().startswith(first.name))
    overview.learners.setCurrentRow(row)
    cells = {(table.item(r, 0).text(), table.item(r, 1).text()): int(table.item(r, 2).text())
             for r in range(table.rowCount())}
    stored = db.execute("SELECT COUNT(*) FROM attempts WHERE learner_id = ?", (first.id,)).fetchone()[0]
    assert sum(cells.values()) == stored > 0
    assert ("First quiz", curriculum.tracks[0].title) in cells
    overview.name.setText("新学员")
    overview.findChild(QPushButton, "add_learner").click()
    assert "新学员" in [x.name for x in list_learners(db)]
    overview.findChild(QPushButton, "trainer_leave").click()
    assert window.stack.currentWidget() is window.picker


def test_five_wrong_pins_lock_the_door_for_a_minute_even_after_a_restart(qtbot, db, curriculum, tmp_path):
    from ecom_trainer.store.db import open_database

    seed_demo(db, curriculum)
    clock = [1_000_000.0]
    dialog = PinDialog(db, clock=lambda: clock[0])
    qtbot.addWidget(dialog)
    for _ in range(4):
        dialog.pin.setText("1111")
        dialog.try_pin()
    assert "1 more try" in dialog.message.text()
    dialog.pin.setText("1111")
    dialog.try_pin()
    assert "Try again in 60 seconds" in dialog.message.text() and not dialog.pin.isEnabled()
    dialog.pin.setText(DEMO_PIN)  # even the right PIN waits
    dialog.try_pin()
    assert dialog.result() != PinDialog.DialogCode.Accepted
    # the program is closed and started again 30 s later: the door is still locked
    dialog.countdown.stop()
    db.close()
    again = open_database(tmp_path / "test.sqlite3")
    clock[0] += 30
    reopened = PinDialog(again, clock=lambda: clock[0])
    qtbot.addWidget(reopened)
    assert "Try again in 30 seconds" in reopened.message.text() and not reopened.pin.isEnabled()
    clock[0] += 31
    reopened._show_lock()  # what the countdown timer does each second
    assert reopened.pin.isEnabled() and "again" in reopened.message.text()
    reopened.pin.setText(DEMO_PIN)
    reopened.try_pin()
    assert reopened.result() == PinDialog.DialogCode.Accepted
    again.close()


def test_trainer_changes_text_size_colours_and_language_for_learners(qtbot, db, curriculum):
    from ecom_trainer.store.settings import get_setting
    from ecom_trainer.ui import theme

    seed_demo(db, curriculum)
    window = build_window(db, lambda: curriculum, "en")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window._show_overview()

    def press(name: str) -> None:
        window.stack.currentWidget().findChild(QPushButton, name).click()

    old_picker = window.picker
    press("setting_text_scale_2.0")
    assert get_setting(db, "text_scale") == "2.0" and theme.text_scale() == 2.0
    assert window.picker is not old_picker  # learner screens rebuilt for the new size
    press("setting_theme_high_contrast")
    assert theme.current_palette().name == "high_contrast"
    press("setting_language_zh_CN")
    assert get_setting(db, "language") == "zh_CN"
    overview = window.stack.currentWidget()
    assert overview.findChild(QPushButton, "trainer_leave").text() == "回到学员名单"
    overview.findChild(QPushButton, "trainer_leave").click()
    assert window.stack.currentWidget() is window.picker
    assert window.picker.nav.listen_button.text() == ""  # 200 %: icons only, names kept
    assert window.picker.nav.listen_button.accessibleName() == "听一听"
    window.open_learner(list_learners(db)[0])  # the learner screens work after the rebuild
    assert window.stack.currentWidget() is window.home
    theme.apply_theme(QApplication.instance())  # back to the defaults for other tests
