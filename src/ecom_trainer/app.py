"""Builds the QApplication and wires the layers together. Kept light: everything imported at
module level here is on the path to the learner picker, whose start-up time is budgeted."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def run_gui(db_path: Path, demo: bool = False, language: str | None = None,
            lessons: Path | None = None, smoke_test: bool = False, safe_mode: bool = False) -> int:
    # Python's cyclic garbage collector paused while the program starts: importing Qt and building
    # the picker make ~100,000 objects, and each collection walks all of them again (~8 ms of
    # the budgeted start-up here). Nothing made at start is garbage yet. It runs again once the
    # picker is up and the lessons are loaded (`_collect_after_start`), or when this returns.
    gc.disable()
    try:
        return _run_gui(db_path, demo, language, lessons, smoke_test, safe_mode)
    finally:
        gc.enable()


def _collect_after_start() -> None:
    """Collect once, then keep what start-up made out of every later collection (gc.freeze):
    the Qt wrappers, modules and lessons live as long as the program does."""
    gc.collect()
    gc.freeze()
    gc.enable()


def _run_gui(db_path: Path, demo: bool, language: str | None, lessons: Path | None,
             smoke_test: bool, safe_mode: bool) -> int:
    if safe_mode:
        use_software_rendering()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    skip_pyside_source_scan()
    from ecom_trainer.paths import lessons_dir
    from ecom_trainer.store.centre import is_set_up
    from ecom_trainer.store.db import DatabaseError, open_database

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ecom-trainer")
    try:
        conn = open_database(db_path)
    except DatabaseError as exc:
        conn = recover_damaged_database(db_path, str(exc))
        if conn is None:
            return 2
    conn = check_after_unclean_shutdown(conn, db_path)
    if conn is None:
        return 2
    changes_before_start = conn.total_changes  # what this run changes is backed up at its end

    lessons = lessons or lessons_dir()

    def load_curriculum():
        from ecom_trainer.content import load_curriculum as load

        curriculum = load(lessons)
        if demo:
            from ecom_trainer.store.demo import seed_demo

            seed_demo(conn, curriculum)
        return curriculum

    window = build_window(conn, load_curriculum, language, db_path)
    if demo and not is_set_up(conn):
        window.curriculum  # noqa: B018 - first demo start: seed it before the picker lists learners
        window.show_picker()
    window.resize(1366, 768)
    window.showMaximized()
    exit_after_start = os.environ.get("ECOM_TRAINER_EXIT_AFTER_START")  # for the start-up benchmark
    if exit_after_start == "painted":
        _report_after_first_paint(app, window)
    elif exit_after_start:
        QTimer.singleShot(0, lambda: _report_started(app))
    if smoke_test:  # installers: check the bundle reaches the picker with lessons and catalogs
        from ecom_trainer.ui.smoke_test import check_started

        QTimer.singleShot(0, lambda: check_started(app, window))
    # The window's icon (title bar, task bar) just after the picker is up: the picker itself names
    # no QIcon, whose first use costs ~2 ms of PySide6 enums (see widgets.set_icon).
    QTimer.singleShot(0, lambda: set_window_icon(app))
    # Backups just after the picker is on screen: it needs neither threads nor store.backup.
    QTimer.singleShot(0, lambda: start_backups(app, window, db_path, changes_before_start))
    # Load the lessons just after the picker is on screen, so the first tap is instant; then the
    # garbage collector runs again (its own timer: it must run even if loading failed).
    QTimer.singleShot(150, lambda: window.curriculum)
    QTimer.singleShot(150, _collect_after_start)
    return app.exec()


def set_window_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from ecom_trainer.paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.svg")))


def skip_pyside_source_scan() -> None:
    """PySide6 reads the source file of every module imported after it: its import hook
    (shibokensupport.feature._mod_uses_pyside) searches the text for "PySide6" to decide whether
    the module may switch on `from __feature__ import snake_case`. We never use __feature__, and
    the reading costs ~6 ms of the budgeted start-up (and again for every screen imported later).
    Saying "uses PySide" for every module gives each the flag (0: no feature) that a Qt module
    gets anyway; without a __feature__ import nothing ever switches. Private API: if a PySide6
    version lacks it, nothing is changed."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: True


def start_backups(app, window, db_path: Path, changes_before_start: int):
    """Back up on close and every 10 minutes when data changed, and keep the running flag that
    tells the next start whether this one ended cleanly. Returns the AutoBackup."""
    from PySide6.QtCore import QTimer

    from ecom_trainer.store.settings import set_setting
    from ecom_trainer.ui.auto_backup import AutoBackup

    auto_backup = AutoBackup(window.conn, db_path, app)
    auto_backup.backed_up_at = changes_before_start  # changes made while the picker came up count
    # auto_backup.conn follows a restore from the trainer's page (the original would be closed)
    app.aboutToQuit.connect(lambda: auto_backup.write_uncounted(
        lambda: set_setting(auto_backup.conn, RUNNING, "0")))
    app.aboutToQuit.connect(auto_backup.on_close)
    # Marked after the picker is up: a write at start would cost an fsync before the first paint.
    QTimer.singleShot(500, lambda: auto_backup.write_uncounted(
        lambda: set_setting(auto_backup.conn, RUNNING, "1")))

    def database_replaced(new_conn) -> None:  # after a restore from the trainer's page
        auto_backup.conn = new_conn
        auto_backup.backed_up_at = new_conn.total_changes

    window.database_replaced.connect(database_replaced)
    return auto_backup


def use_software_rendering() -> None:
    """--safe-mode, for old graphics drivers that crash Qt or show a black window: draw with the
    CPU (Mesa llvmpipe on Linux, opengl32sw.dll on Windows). Must run before the QApplication."""
    from PySide6.QtCore import QCoreApplication, Qt

    os.environ["QT_OPENGL"] = "software"
    os.environ["QT_QUICK_BACKEND"] = "software"
    os.environ["LIBGL_ALWAYS_SOFTWARE"] = "1"
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_UseSoftwareOpenGL)


RUNNING = "running"  # "1" from start to a clean quit: still "1" at start means a power cut or crash


def check_after_unclean_shutdown(conn, db_path: Path):
    """After a power cut or crash, check the database before anyone uses it (a normal start
    skips this: quick_check reads the whole file). Returns the connection to use, or None."""
    import sqlite3

    from ecom_trainer.store.settings import get_setting

    try:
        if get_setting(conn, RUNNING) != "1":
            return conn
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:  # even reading the flag failed: that is damage too
        verdict = str(exc)
    if verdict == "ok":
        return conn
    conn.close()
    return recover_damaged_database(db_path, f"{db_path}: the check after an unexpected stop says: {verdict}")


def recover_damaged_database(db_path: Path, problem: str):
    """The database cannot be used: keep the file aside, offer the newest good backup.

    Returns an open connection, or None when there is nothing to use (the program then stops
    with the reason shown; nothing was deleted).
    """
    from PySide6.QtWidgets import QMessageBox

    from ecom_trainer.i18n import format_datetime_short
    from ecom_trainer.i18n import gettext as _
    from ecom_trainer.store.backup import list_backups, restore, set_aside
    from ecom_trainer.store.db import DatabaseError, open_database

    good = [b for b in list_backups(db_path) if b.ok]
    if not good:
        QMessageBox.critical(None, "ecom-trainer", problem + "\n\n" + _("There is no backup to use."))
        return None
    newest = good[0]
    question = _(
        "The learners' file cannot be used:\n{problem}\n\nUse the backup from {when} "
        "({learners} learners, {answers} answers)? The damaged file is kept aside, not deleted."
    ).format(problem=problem, when=format_datetime_short(newest.made), learners=newest.learners,
             answers=newest.answers)
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    if QMessageBox.question(None, "ecom-trainer", question, buttons) != QMessageBox.StandardButton.Yes:
        return None
    set_aside(db_path, "damaged")
    restore(db_path, newest.path)
    try:
        return open_database(db_path)
    except DatabaseError as exc:
        QMessageBox.critical(None, "ecom-trainer", str(exc))
        return None


def build_window(conn, load_curriculum, language: str | None = None, db_path: Path | None = None):
    """Language, theme and the main window for an open database (also used by tests)."""
    from PySide6.QtWidgets import QApplication

    from ecom_trainer import i18n
    from ecom_trainer.store.settings import get_setting, set_setting
    from ecom_trainer.ui.main_window import MainWindow
    from ecom_trainer.ui.theme import apply_theme

    stored = get_setting(conn, "language")
    chosen = language or stored or i18n.system_language()
    if stored is None:  # first start: remember the system's language
        set_setting(conn, "language", chosen)
    # The pack's source language is read lazily with the pack; the bundled pack is English.
    i18n.set_language(chosen, lesson_source_language="en")
    apply_theme(QApplication.instance(), get_setting(conn, "theme", "default") or "default",
                float(get_setting(conn, "text_scale", "1.0") or 1.0))
    window = MainWindow(conn, load_curriculum, db_path=db_path)
    window.apply_direction()
    return window


def _report_started(app) -> None:
    """Benchmark hook: the picker is shown and the event loop has turned once."""
    import time

    print(f"started {time.time():.6f}", flush=True)
    app.quit()


def _report_after_first_paint(app, window) -> None:
    """Benchmark hook (ECOM_TRAINER_EXIT_AFTER_START=painted): as _report_started, once the
    window's first frame is painted. Its children paint in the same pass, so one more event-loop
    turn after the window's own paint event finds the whole picker drawn."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, lambda: _report_started(app))
            return False

    window._first_paint = FirstPaint(window)  # kept alive with the window
    window.installEventFilter(window._first_paint)
