"""One learner, for the trainer: mastery per skill (both measures side by side), first and final
quiz with the gain, and every answer given."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout

from ecom_trainer.assess.dashboard import learner_report
from ecom_trainer.assess.mastery import guess_lookup
from ecom_trainer.content.model import Curriculum
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.summaries import refresh_stale, stale_count
from ecom_trainer.ui.theme import trainer_text_size
from ecom_trainer.ui.trainer.dashboard import _table_view
from ecom_trainer.ui.trainer.table_model import TableModel
from ecom_trainer.ui.widgets import label


class LearnerDetail(QDialog):
    def __init__(self, conn: sqlite3.Connection, curriculum: Curriculum, learner_id: str, parent=None) -> None:
        super().__init__(parent)
        trainer_text_size(self)
        if stale_count(conn):
            refresh_stale(conn, guess_lookup(curriculum))
        self.report = report = learner_report(conn, curriculum, learner_id)
        self.setWindowTitle(report.name)
        self.resize(1100, 680)
        box = QVBoxLayout(self)
        head = QHBoxLayout()
        title = f"{report.name} · {report.village}" if report.village else report.name
        head.addWidget(label(title, role="title"), 1)
        close = QPushButton(_("Close"))
        close.setObjectName("detail_close")
        close.clicked.connect(self.accept)
        head.addWidget(close)
        box.addLayout(head)
        self.tabs = QTabWidget()
        self.models = {t.name: TableModel(t, mastery=False) for t in (report.skills, report.tests, report.history)}
        self.tabs.addTab(_table_view("detail_skills", self.models["skills"]), _("Mastery per skill"))
        self.tabs.addTab(_table_view("detail_tests", self.models["tests"]), _("First and final quiz"))
        self.tabs.addTab(_table_view("detail_history", self.models["history"]),
                         _("Answers ({n})").format(n=len(report.history.rows)))
        from ecom_trainer.ui.trainer.rehearsal_rating import RehearsalRating

        self.rehearsals = RehearsalRating(conn, learner_id)
        self.tabs.addTab(self.rehearsals, _("Live-selling rehearsals ({n})").format(n=len(self.rehearsals.records)))
        box.addWidget(self.tabs, 1)
