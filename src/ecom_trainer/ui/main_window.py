"""The one window: a stack of screens and the wiring between them. Screens own their behaviour;
this class only decides which screen comes next (kept thin on purpose: Anki's 1,900-line
main.py is the example not to follow)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from ecom_trainer import i18n
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.centre import is_set_up
from ecom_trainer.store.db import database_file
from ecom_trainer.store.learners import Learner, learners_page
from ecom_trainer.store.settings import get_setting, set_setting
from ecom_trainer.ui.learner.picker import LearnerPicker
from ecom_trainer.ui.screen import Screen

if TYPE_CHECKING:
    from ecom_trainer.content.model import Curriculum
    from ecom_trainer.session import LearnerSession, Unit
    from ecom_trainer.ui.learner.home import HomeScreen
    from ecom_trainer.ui.learner.lesson_player import LessonPlayer
    from ecom_trainer.ui.learner.result import ResultScreen
    from ecom_trainer.ui.learner.track import TrackScreen
    from ecom_trainer.ui.speech import Speaker


class MainWindow(QMainWindow):
    # built on first need by _build_learner_screens
    home: HomeScreen
    track: TrackScreen
    player: LessonPlayer
    result: ResultScreen

    database_replaced = Signal(object)  # the new connection, after a restore

    def __init__(self, conn: sqlite3.Connection, load_curriculum: Callable[[], Curriculum],
                 speaker: Speaker | None = None, db_path: Path | None = None) -> None:
        super().__init__()
        self.conn = conn
        self.db_path = db_path
        self._load_curriculum = load_curriculum
        self._curriculum: Curriculum | None = None
        self.session: LearnerSession | None = None
        self._speaker = speaker
        self.setWindowTitle("ecom-trainer")
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._build_picker()
        if is_set_up(conn):
            self.show_picker()
        else:
            self.show_setup()

    def _build_picker(self) -> None:
        self.picker = LearnerPicker()
        self._add(self.picker)
        self.picker.picked.connect(self.open_learner)
        self.picker.trainer.connect(self.open_trainer)
        self.picker.language.connect(self.next_language)

    def apply_settings(self) -> None:
        """The trainer changed text size, colours or language: apply them, and build the learner
        screens again (their layout is chosen for a text size when they are built)."""
        from PySide6.QtWidgets import QApplication

        from ecom_trainer.ui.theme import apply_theme

        apply_theme(QApplication.instance(), get_setting(self.conn, "theme", "default") or "default",
                    float(get_setting(self.conn, "text_scale", "1.0") or 1.0))
        i18n.set_language(get_setting(self.conn, "language") or i18n.current_language(),
                          self.curriculum.source_language, lesson_pack=self.curriculum.folder)
        self.apply_direction()
        screens = [self.picker]
        for name in ("home", "track", "player", "result", "practice", "practice_task"):
            if name in self.__dict__:
                screens.append(self.__dict__.pop(name))
        for screen in screens:
            self.stack.removeWidget(screen)
            screen.deleteLater()
        self.session = None
        self._build_picker()

    def restore_backup(self, backup: Path) -> None:
        """Put a backup in place of the open database (the current file is kept aside)."""
        from ecom_trainer.store.backup import restore
        from ecom_trainer.store.db import open_database

        assert self.db_path is not None
        self.conn.close()
        try:
            restore(self.db_path, backup)
        finally:  # the restored file, or the untouched one when the backup was refused
            self.conn = open_database(self.db_path)
            self.database_replaced.emit(self.conn)
        self.apply_settings()

    def _add(self, screen: Screen) -> None:
        self.stack.addWidget(screen)
        screen.nav.listen.connect(lambda s=screen: self.speaker.speak_parts(s.speech_parts()))
        screen.read_aloud.connect(lambda parts: self.speaker.speak_parts(parts))
        screen.nav.help.connect(lambda s=screen: self._show_help(s))

    @property
    def speaker(self) -> Speaker:
        if self._speaker is None:  # created on first use: not needed to show the picker
            from ecom_trainer.ui.speech import Speaker

            self._speaker = Speaker(parent=self, find_voice=self._recorded_voice)
            self._speaker.status.connect(self._speech_status)
        return self._speaker

    def _recorded_voice(self, unit_id: str, key: str) -> Path | None:
        """A trainer's recording of this text in the current language, else the lesson pack's
        own (in its source language)."""
        from ecom_trainer.content.item_keys import pack_audio
        from ecom_trainer.store.recordings import voice_for

        language = i18n.current_language()
        found = voice_for(self.conn, unit_id, key, language)
        if found is None and language.split("_")[0] == self.curriculum.source_language.split("_")[0]:
            found = pack_audio(self.curriculum, unit_id, key)
        return found

    def _build_learner_screens(self) -> None:
        """The screens after the picker, built on first need: start-up time is a feature."""
        from ecom_trainer.ui.learner.home import HomeScreen
        from ecom_trainer.ui.learner.lesson_player import LessonPlayer
        from ecom_trainer.ui.learner.result import ResultScreen
        from ecom_trainer.ui.learner.track import TrackScreen

        self.home = HomeScreen()
        self.track = TrackScreen()
        self.player = LessonPlayer()
        self.result = ResultScreen()
        for screen in (self.home, self.track, self.player, self.result):
            self._add(screen)
        self.home.nav.back.connect(self.show_picker)
        self.home.open_track.connect(self.open_track)
        self.home.continue_unit.connect(self.continue_unit)
        self.home.practice_again.connect(self.practice_again)
        self.home.open_practice.connect(self.open_practice)
        self.track.nav.home.connect(self.show_home)
        self.track.open_unit.connect(self.open_unit)
        self.player.nav.home.connect(self.leave_unit)
        self.player.finished.connect(self.show_result)
        self.result.nav.home.connect(self.show_home)
        self.result.back_to_track.connect(self.open_track)

    @property
    def curriculum(self) -> Curriculum:
        if self._curriculum is None:  # loaded on first need: the picker must appear fast
            self._curriculum = self._load_curriculum()
            i18n.set_language(i18n.current_language(), self._curriculum.source_language,
                              lesson_pack=self._curriculum.folder)
        return self._curriculum

    # ------------------------------------------------------------ screens
    def show_setup(self) -> None:
        from ecom_trainer.ui.setup_screen import SetupScreen

        setup = SetupScreen(self.conn)
        self._add(setup)
        setup.done.connect(self.show_picker)
        self.stack.setCurrentWidget(setup)

    def show_picker(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()
        self.session = None
        languages = i18n.available_languages()
        current = i18n.current_language()
        self.picker.next_language = languages[(languages.index(current) + 1) % len(languages)] \
            if current in languages else languages[0]
        if self.picker.photos is None:  # the trainer's photos sit in a folder beside the database
            file = database_file(self.conn)
            self.picker.photos = file.parent / "photos" if file else None
        self.picker.set_learner_source(lambda offset, limit: learners_page(self.conn, offset, limit))
        self.stack.setCurrentWidget(self.picker)

    def open_learner(self, learner: Learner) -> None:
        from ecom_trainer.session import LearnerSession

        if "home" not in self.__dict__:
            self._build_learner_screens()
        self.session = LearnerSession(self.conn, self.curriculum, learner)
        self.show_home()

    def show_home(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()
        assert self.session is not None
        self.home.show_session(self.session)
        self.stack.setCurrentWidget(self.home)

    def open_track(self, track_id: str) -> None:
        assert self.session is not None
        if not track_id:  # after "Practice again" the way back is home
            self.show_home()
            return
        track = self.curriculum.track(track_id)
        if track is None:
            return
        self.track.show_track(self.session, track)
        self.stack.setCurrentWidget(self.track)

    def open_unit(self, unit_id: str) -> None:
        assert self.session is not None
        unit = self.session.unit_by_id(unit_id)
        if unit is not None and unit.total:
            self.start_unit(unit, self.session.resume_position(unit))

    def continue_unit(self) -> None:
        assert self.session is not None
        found = self.session.continue_unit()
        if found:
            self.start_unit(*found)

    def practice_again(self) -> None:
        assert self.session is not None
        unit = self.session.review_unit()
        if unit is not None:
            self.start_unit(unit, 0)

    def open_practice(self) -> None:
        """The hands-on practice menu (built on first need, like the other learner screens)."""
        from ecom_trainer.ui.learner.practice.menu import PracticeMenu

        assert self.session is not None
        if "practice" not in self.__dict__:
            self.practice = PracticeMenu()
            self._add(self.practice)
            self.practice.nav.home.connect(self.show_home)
            self.practice.open_task.connect(self.open_practice_task)
        self.practice.show_session(self.session)
        self.stack.setCurrentWidget(self.practice)

    def open_practice_task(self, name: str) -> None:
        """A fresh screen for each task opened; the one before goes."""
        from ecom_trainer.ui.learner.practice.menu import task_screen

        assert self.session is not None and self.practice.practice is not None
        old = self.__dict__.pop("practice_task", None)
        self.practice_task = task_screen(name, self.practice.practice)
        self._add(self.practice_task)
        self.practice_task.nav.home.connect(self.show_home)
        self.practice_task.back_to_menu.connect(self.open_practice)
        self.practice_task.start(self.session)
        self.stack.setCurrentWidget(self.practice_task)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def start_unit(self, unit: Unit, position: int) -> None:
        assert self.session is not None
        self.player.start(self.session, unit, position)
        self.stack.setCurrentWidget(self.player)

    def leave_unit(self) -> None:
        # The position is already saved; leaving loses nothing.
        self.show_home()

    def show_result(self, unit: Unit) -> None:
        assert self.session is not None
        self.result.show_result(self.session, unit)
        self.stack.setCurrentWidget(self.result)

    def open_trainer(self) -> None:
        from ecom_trainer.ui.trainer.pin_dialog import PinDialog

        if PinDialog(self.conn, self).exec() != PinDialog.DialogCode.Accepted:
            return
        self._show_overview()

    def _show_overview(self) -> None:
        from ecom_trainer.ui.trainer.overview import TrainerOverview

        overview = TrainerOverview(self.conn, self.curriculum)
        self.stack.addWidget(overview)

        def close() -> None:
            self.stack.removeWidget(overview)
            overview.deleteLater()

        def leave() -> None:
            close()
            self.show_picker()

        def settings_changed() -> None:  # rebuilt in the new size, colours and language
            close()
            self.apply_settings()
            self._show_overview()

        def open_data_panel() -> None:  # backups and bundles may change everything: rebuild after
            from ecom_trainer.ui.trainer.data_panel import DataPanel

            DataPanel(self).exec()
            close()
            self._show_overview()

        def open_voices() -> None:
            from ecom_trainer.ui.trainer.voices import VoicesScreen

            voices = VoicesScreen(self.conn, self.curriculum)
            self.stack.addWidget(voices)

            def back() -> None:
                self.stack.setCurrentWidget(overview)
                self.stack.removeWidget(voices)
                voices.deleteLater()

            voices.close_requested.connect(back)
            self.stack.setCurrentWidget(voices)

        def open_dashboard() -> None:
            self._show_dashboard(back_to=overview)

        def open_roster_or_cohorts(screen: QWidget) -> None:  # learners or classes, then back here
            self.stack.addWidget(screen)

            def back() -> None:
                overview.refresh()  # learners may be added, changed or archived
                self.stack.setCurrentWidget(overview)
                self.stack.removeWidget(screen)
                screen.deleteLater()

            screen.close_requested.connect(back)
            self.stack.setCurrentWidget(screen)

        def open_roster() -> None:
            from ecom_trainer.ui.trainer.roster import RosterScreen

            open_roster_or_cohorts(RosterScreen(self.conn))

        def open_cohorts() -> None:
            from ecom_trainer.ui.trainer.cohorts import CohortsScreen

            open_roster_or_cohorts(CohortsScreen(self.conn, self.curriculum))

        overview.roster_requested.connect(open_roster)
        overview.cohorts_requested.connect(open_cohorts)
        overview.close_requested.connect(leave)
        overview.dashboard_requested.connect(open_dashboard)
        overview.settings_changed.connect(settings_changed)
        overview.data_requested.connect(open_data_panel)
        overview.voices_requested.connect(open_voices)
        self.stack.setCurrentWidget(overview)

    def _show_dashboard(self, back_to: QWidget) -> None:
        from ecom_trainer.ui.trainer.dashboard import DashboardScreen  # pyqtgraph: only now

        dashboard = DashboardScreen(self.conn, self.curriculum)
        self.stack.addWidget(dashboard)

        def close() -> None:
            self.stack.setCurrentWidget(back_to)
            self.stack.removeWidget(dashboard)
            dashboard.deleteLater()

        def open_learner(learner_id: str) -> None:
            from ecom_trainer.ui.trainer.learner_detail import LearnerDetail

            LearnerDetail(self.conn, self.curriculum, learner_id, self).exec()

        dashboard.close_requested.connect(close)
        dashboard.learner_requested.connect(open_learner)
        self.stack.setCurrentWidget(dashboard)

    def next_language(self) -> None:
        language = self.picker.next_language
        i18n.set_language(language, self.curriculum.source_language, lesson_pack=self.curriculum.folder)
        set_setting(self.conn, "language", language)
        self.apply_direction()
        self.show_picker()

    def apply_direction(self) -> None:
        from PySide6.QtWidgets import QApplication

        rtl = i18n.is_right_to_left()
        if not rtl and not QApplication.isRightToLeft():
            return  # left to right is the default: no need to touch the Qt namespace at start-up
        from PySide6.QtCore import Qt

        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        from ecom_trainer.ui.widgets import turn_pointing_icons

        turn_pointing_icons()  # Back and Next on screens already built point the new way

    # ------------------------------------------------------------ helpers
    def _show_help(self, screen: Screen) -> None:
        text = screen.help_text()
        if text:
            self.speaker.speak(text)
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Information, _("Help"), text, QMessageBox.StandardButton.NoButton, self)
            box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)  # Qt's own "OK" is English only
            from ecom_trainer.ui.theme import text_scale

            # Qt keeps a message narrow: at large text its words broke into a column of
            # two-character lines. Wider, but within what Qt allows a message box on this screen
            # (the screen's width less 480 px, at most 1000; less the icon and margins).
            allowed = min(self.screen().availableGeometry().width() - 480, 1000) - 80
            box.setStyleSheet(f"QLabel#qt_msgbox_label {{ min-width: {min(round(420 * text_scale()), allowed)}px; }}")
            box.exec()

    def _speech_status(self, message: str) -> None:
        current = self.stack.currentWidget()
        status = getattr(current, "status", None)
        if status is not None and hasattr(status, "setText"):
            status.setText(message)
        else:
            self.statusBar().showMessage(message, 6000)
