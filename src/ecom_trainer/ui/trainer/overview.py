"""The trainer's first page: learners, their answers per lesson, and adding a learner.
(The full workspace with cohorts, charts and reports is built on top of this later.)"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer import i18n
from ecom_trainer.content.model import Curriculum
from ecom_trainer.i18n import N_
from ecom_trainer.i18n import gettext as _
from ecom_trainer.paths import resources_dir
from ecom_trainer.store.attempts import lesson_summary
from ecom_trainer.store.centre import centre_name
from ecom_trainer.store.learners import add_learner, list_learners
from ecom_trainer.store.settings import get_setting, set_setting
from ecom_trainer.ui.theme import TEXT_SCALES, trainer_text_size
from ecom_trainer.ui.widgets import label, render_svg

KIND_NAMES = {"practice": N_("Practice"), "pre_test": N_("First quiz"), "post_test": N_("Final quiz")}


class TrainerOverview(QWidget):
    close_requested = Signal()
    learners_changed = Signal()
    settings_changed = Signal()  # text size, colours or language: the window rebuilds its screens
    data_requested = Signal()  # backups and progress files
    voices_requested = Signal()  # record the lessons' texts in a trainer's voice
    dashboard_requested = Signal()
    roster_requested = Signal()  # learners: edit, archive, CSV (ui/trainer/roster.py)
    cohorts_requested = Signal()  # classes: plan, dates, members (ui/trainer/cohorts.py)

    def __init__(self, conn: sqlite3.Connection, curriculum: Curriculum) -> None:
        super().__init__()
        trainer_text_size(self)
        self.conn, self.curriculum = conn, curriculum
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = label(role="title")
        top.addWidget(self.title, 1)
        # the trainer's pages on a row of their own: with the centre's name they do not fit one row
        pages = QHBoxLayout()
        for name, text, signal in (("trainer_roster", _("Learners"), self.roster_requested),
                                   ("trainer_classes", _("Classes"), self.cohorts_requested)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(signal.emit)
            pages.addWidget(button)
        dashboard = QPushButton(_("Dashboard"))
        dashboard.setObjectName("trainer_dashboard")
        dashboard.clicked.connect(self.dashboard_requested.emit)
        pages.addWidget(dashboard)
        reports = QPushButton(_("Reports"))
        reports.setObjectName("trainer_reports")
        reports.clicked.connect(self.open_reports)
        pages.addWidget(reports)
        voices = QPushButton(_("Voices"))
        voices.setObjectName("trainer_voices")
        voices.clicked.connect(self.voices_requested.emit)
        pages.addWidget(voices)
        data = QPushButton(_("Data and backups"))
        data.setObjectName("trainer_data")
        data.clicked.connect(self.data_requested.emit)
        pages.addWidget(data)
        leave = QPushButton(_("Back to learners"))
        leave.setObjectName("trainer_leave")
        leave.clicked.connect(self.close_requested.emit)
        top.addWidget(leave)
        outer.addLayout(top)
        pages.addStretch(1)
        outer.addLayout(pages)
        middle = QHBoxLayout()
        self.learners = QListWidget()
        self.learners.setObjectName("trainer_learners")
        self.learners.setIconSize(QSize(40, 40))
        self.learners.currentItemChanged.connect(lambda *_: self.show_answers())
        middle.addWidget(self.learners, 1)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("trainer_answers")
        self.table.setHorizontalHeaderLabels([_("Kind"), _("Lesson"), _("Answers"), _("Right")])
        self.table.horizontalHeader().setStretchLastSection(True)
        middle.addWidget(self.table, 2)
        outer.addLayout(middle, 1)
        form = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setObjectName("new_learner_name")
        self.name.setPlaceholderText(_("Name"))
        self.village = QLineEdit()
        self.village.setPlaceholderText(_("Village"))
        self.avatar = QComboBox()
        self.avatar.setIconSize(QSize(40, 40))
        avatars = (resources_dir() / "avatars" / "avatars.txt").read_text().split()
        for file in avatars:
            stem = file.removesuffix(".svg")
            self.avatar.addItem(render_svg(resources_dir() / "avatars" / file, QSize(40, 40)), "", stem)
        add = QPushButton(_("Add learner"))
        add.setObjectName("add_learner")
        add.clicked.connect(self.add)
        for w in (self.name, self.village):
            form.addWidget(w, 2)
        form.addWidget(self.avatar)
        form.addWidget(add)
        outer.addLayout(form)
        outer.addLayout(self._settings_row())
        self.refresh()

    def open_reports(self) -> None:
        """PDFs and certificates; nothing here changes what this page shows."""
        from ecom_trainer.ui.trainer.reports_panel import ReportsPanel

        ReportsPanel(self.conn, self.curriculum, self).exec()

    def _settings_row(self) -> QVBoxLayout:
        """How the learner screens look on this PC: text size and colours on one row, the
        languages on the next (one row was too narrow for every button's text at 1366 px)."""
        rows = QVBoxLayout()
        row = QHBoxLayout()
        rows.addLayout(row)
        scale = get_setting(self.conn, "text_scale", "1.0") or "1.0"
        theme = get_setting(self.conn, "theme", "default") or "default"
        language = i18n.current_language()
        groups = [
            (_("Text size"), "text_scale", scale, [(str(s), f"{round(s * 100)} %") for s in TEXT_SCALES]),
            (_("Colours"), "theme", theme, [("default", _("Normal")), ("high_contrast", _("High contrast"))]),
            (_("Language"), "language", language,
             [(code, i18n.native_name(code)) for code in i18n.available_languages()]),
        ]
        for title, key, current, choices in groups:
            if key == "language":
                row.addStretch(1)
                row = QHBoxLayout()
                rows.addLayout(row)
            row.addWidget(label(title, wrap=False))
            group = QButtonGroup(row)
            for value, text in choices:
                button = QPushButton(text)
                button.setCheckable(True)
                button.setObjectName(f"setting_{key}_{value}")
                button.setChecked(value == current or (key == "text_scale" and float(value) == float(current)))
                button.clicked.connect(lambda _c=False, k=key, v=value: self._change(k, v))
                group.addButton(button)
                row.addWidget(button)
            row.addSpacing(24)
        row.addStretch(1)
        return rows

    def _change(self, key: str, value: str) -> None:
        if get_setting(self.conn, key) != value:
            set_setting(self.conn, key, value)
            self.settings_changed.emit()

    def refresh(self) -> None:
        self.title.setText(_("Trainer · {centre}").format(centre=centre_name(self.conn) or ""))
        self.learners.clear()
        for learner in list_learners(self.conn):
            item = QListWidgetItem(f"{learner.name}  ({learner.village})" if learner.village else learner.name)
            item.setData(Qt.ItemDataRole.UserRole, learner.id)
            path = resources_dir() / "avatars" / f"{learner.avatar}.svg"
            if path.is_file():
                item.setIcon(render_svg(path, QSize(40, 40)))
            self.learners.addItem(item)
        if self.learners.count():
            self.learners.setCurrentRow(0)

    def _unit_title(self, unit_id: str) -> str:
        from ecom_trainer.assess.dashboard import unit_title

        return unit_title(self.curriculum, unit_id)

    def show_answers(self) -> None:
        item = self.learners.currentItem()
        rows = lesson_summary(self.conn, item.data(Qt.ItemDataRole.UserRole)) if item else []
        self.table.setRowCount(len(rows))
        for r, (kind, unit_id, answers, right) in enumerate(rows):
            values = [_(KIND_NAMES.get(kind, kind)), self._unit_title(unit_id), str(answers), str(right or 0)]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def add(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            return
        add_learner(self.conn, self.name.text(), self.village.text(), self.avatar.currentData())
        self.name.clear()
        self.village.clear()
        self.refresh()
        self.learners_changed.emit()

