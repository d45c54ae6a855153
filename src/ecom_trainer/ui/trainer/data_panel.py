"""Backups and progress bundles for the trainer: no command line needed at a village centre."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton, QVBoxLayout

from ecom_trainer.i18n import format_datetime_short
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.backup import list_backups, make_backup
from ecom_trainer.store.conflicts import open_conflicts
from ecom_trainer.store.db import DatabaseError
from ecom_trainer.store.learners import MergeError, answer_count, merge_learners, registered_at
from ecom_trainer.sync.bundle import BundleError, export_bundle, import_bundle, possible_duplicates
from ecom_trainer.ui.long_work import run_with_progress
from ecom_trainer.ui.theme import trainer_text_size
from ecom_trainer.ui.widgets import label


class DataPanel(QDialog):
    def __init__(self, window, parent=None) -> None:
        super().__init__(parent or window)
        trainer_text_size(self)
        self.window = window  # the MainWindow: it owns the database connection
        self.setWindowTitle(_("Data and backups"))
        self.resize(900, 560)
        box = QVBoxLayout(self)
        self.status = label()
        self.status.setObjectName("data_status")
        box.addWidget(self.status)
        for name, text, action in (
            ("backup_now", _("Back up now"), self.backup_now),
            ("restore", _("Restore the newest backup…"), self.restore_newest),
            ("export", _("Save progress to a file (for another PC)…"), self.export),
            ("import", _("Add progress from a file (from another PC)…"), self.import_),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(action)
            box.addWidget(button)
        self.notes = label(role="muted")
        self.notes.setObjectName("data_notes")
        box.addWidget(self.notes)
        self.joins = QVBoxLayout()  # one "same person" button per possible duplicate
        box.addLayout(self.joins)
        self.review = QPushButton(_("Look at the changes kept aside…"))
        self.review.setObjectName("review_conflicts")
        self.review.clicked.connect(self.review_conflicts)
        box.addWidget(self.review)
        box.addStretch(1)
        self.refresh()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.window.conn

    @property
    def db_path(self) -> Path:
        return self.window.db_path

    def refresh(self) -> None:
        good = [b for b in list_backups(self.db_path) if b.ok]
        self.status.setText(
            _("Newest backup: {when} ({learners} learners, {answers} answers)").format(
                when=format_datetime_short(good[0].made), learners=good[0].learners, answers=good[0].answers)
            if good else _("There is no backup yet."))
        conflicts = open_conflicts(self.conn)
        self.review.setVisible(conflicts > 0)
        lines = []
        if conflicts:
            lines.append(_("{n} changes from other PCs were older and are kept aside.").format(n=conflicts))
        self.notes.setText("\n".join(lines))
        while self.joins.count():
            self.joins.takeAt(0).widget().deleteLater()
        for name, first, second in possible_duplicates(self.conn):
            button = QPushButton(_("Maybe the same person twice: {name}. Join them…").format(name=name))
            button.setObjectName(f"join_{first}")
            button.clicked.connect(lambda _c=False, a=first, b=second, n=name: self.join(n, a, b))
            self.joins.addWidget(button)

    def join(self, name: str, first: str, second: str) -> None:
        """The older registration is kept; the other one's answers and progress count for it."""
        kept, merged = sorted((first, second), key=lambda lid: registered_at(self.conn, lid))
        question = _("Is this one person? {name}: {a} answers on one registration, {b} on the other. "
                     "Joined, all answers count for one learner. Answers are never deleted.").format(
            name=name, a=answer_count(self.conn, kept), b=answer_count(self.conn, merged))
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if QMessageBox.question(self, self.windowTitle(), question, buttons) != QMessageBox.StandardButton.Yes:
            return
        try:
            merge_learners(self.conn, kept, merged)
        except MergeError as exc:
            self._say(str(exc), problem=True)
        self.window.apply_settings()  # the picker shows one tile for the person
        self.refresh()

    def review_conflicts(self) -> None:
        from ecom_trainer.ui.trainer.conflicts_dialog import ConflictsDialog

        ConflictsDialog(self.conn, self).exec()
        self.refresh()

    def _say(self, text: str, problem: bool = False) -> None:
        (QMessageBox.warning if problem else QMessageBox.information)(self, self.windowTitle(), text)

    def backup_now(self) -> None:
        try:
            run_with_progress(self, _("Backing up…"), lambda: make_backup(self.db_path))
        except (DatabaseError, OSError) as exc:
            self._say(str(exc), problem=True)
        self.refresh()

    def restore_newest(self) -> None:
        good = [b for b in list_backups(self.db_path) if b.ok]
        if not good:
            self._say(_("There is no backup yet."), problem=True)
            return
        newest = good[0]
        question = _("Put back the backup from {when} ({learners} learners, {answers} answers)? "
                     "The data of now is kept aside, not deleted.").format(
            when=format_datetime_short(newest.made), learners=newest.learners, answers=newest.answers)
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if QMessageBox.question(self, self.windowTitle(), question, buttons) != QMessageBox.StandardButton.Yes:
            return
        try:
            self.window.restore_backup(newest.path)
        except (DatabaseError, OSError) as exc:
            self._say(str(exc), problem=True)
        self.refresh()

    def export(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(self, _("Save progress"), "progress.zip", "*.zip")
        if not target:
            return
        path = Path(target)
        manifest = run_with_progress(self, _("Saving…"), lambda: export_bundle(self.conn, path))
        self._say(_("Saved {answers} answers of {learners} learners to {file}.").format(
            answers=manifest["rows"]["attempts.jsonl"], learners=manifest["rows"]["learners.jsonl"], file=path))

    def import_(self) -> None:
        source, _filter = QFileDialog.getOpenFileName(self, _("Add progress"), "", "*.zip")
        if not source:
            return
        try:
            report = run_with_progress(self, _("Adding…"), lambda: import_bundle(self.conn, Path(source)))
        except BundleError as exc:
            self._say(_("This file was not used; nothing changed.") + "\n" + str(exc), problem=True)
            return
        self._say(_("{new} new answers added ({known} were here already). {conflicts} older changes kept aside.")
                  .format(new=report.answers_added, known=report.answers_known, conflicts=report.conflicts))
        self.window.apply_settings()  # learner screens show the merged learners
        self.refresh()
