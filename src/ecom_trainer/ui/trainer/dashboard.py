"""The trainer's dashboard: mastery grid, first vs. final quiz, activity, who needs help, and
quiz question statistics, filtered by class and dates; every table to CSV, every chart to PNG.

pyqtgraph comes in through ui/trainer/charts.py, imported when this screen is built.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.assess.dashboard import (
    Dashboard,
    Filters,
    default_range,
    export_csv,
    load_dashboard,
)
from ecom_trainer.assess.mastery import guess_lookup
from ecom_trainer.content.model import Curriculum
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import ngettext
from ecom_trainer.store import analytics
from ecom_trainer.store.summaries import refresh_stale, stale_count
from ecom_trainer.ui.long_work import run_with_progress
from ecom_trainer.ui.theme import trainer_text_size
from ecom_trainer.ui.trainer import charts
from ecom_trainer.ui.trainer.table_model import TableModel
from ecom_trainer.ui.widgets import label


def _table_view(name: str, model: TableModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(not model.mastery)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setVisible(False)
    return view


class DashboardScreen(QWidget):
    close_requested = Signal()
    learner_requested = Signal(str)  # a learner's id: open their detail page

    def __init__(self, conn: sqlite3.Connection, curriculum: Curriculum, today: date | None = None) -> None:
        super().__init__()
        trainer_text_size(self)
        self.conn, self.curriculum = conn, curriculum
        self.today = today or date.today()
        self.data: Dashboard | None = None
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label(_("Dashboard"), role="title"), 1)
        self.export_tables = QPushButton(_("Save tables (CSV)"))
        self.export_tables.setObjectName("dashboard_export_csv")
        self.export_tables.clicked.connect(self._export_csv)
        self.export_chart = QPushButton(_("Save charts as pictures (PNG)"))
        self.export_chart.setObjectName("dashboard_export_png")
        self.export_chart.clicked.connect(self._export_png)
        back = QPushButton(_("Back"))
        back.setObjectName("dashboard_back")
        back.clicked.connect(self.close_requested.emit)
        for button in (self.export_tables, self.export_chart, back):
            top.addWidget(button)
        outer.addLayout(top)
        outer.addLayout(self._filter_row())
        self.summary = label()
        self.summary.setObjectName("dashboard_summary")
        outer.addWidget(self.summary)
        self.status = label()
        self.status.setObjectName("dashboard_status")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboard_tabs")
        outer.addWidget(self.tabs, 1)
        outer.addWidget(self.status)
        self.reload()

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(label(_("Class"), wrap=False))
        self.cohort = QComboBox()
        self.cohort.setObjectName("dashboard_cohort")
        self.cohort.addItem(_("All learners"), None)
        for cohort_id, name in analytics.cohorts(self.conn):
            self.cohort.addItem(name, cohort_id)
        row.addWidget(self.cohort)
        start, end = default_range(self.conn, None, self.today)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit, day, name in ((self.start, start, "dashboard_start"), (self.end, end, "dashboard_end")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))
        row.addSpacing(16)
        row.addWidget(label(_("Activity from"), wrap=False))
        row.addWidget(self.start)
        row.addWidget(label(_("to"), wrap=False))
        row.addWidget(self.end)
        show = QPushButton(_("Show"))
        show.setObjectName("dashboard_show")
        show.clicked.connect(self.reload)
        self.cohort.currentIndexChanged.connect(lambda _i: self.reload())
        row.addWidget(show)
        row.addStretch(1)
        return row

    def filters(self) -> Filters:
        return Filters(self.cohort.currentData(), self.start.date().toString("yyyy-MM-dd"),
                       self.end.date().toString("yyyy-MM-dd"))

    def reload(self) -> None:
        if stale_count(self.conn):  # answers from other PCs or joined learners: summaries first
            guess_of = guess_lookup(self.curriculum)
            run_with_progress(self, _("Adding up new answers…"), lambda: refresh_stale(self.conn, guess_of))
        self.data = load_dashboard(self.conn, self.curriculum, self.filters(), self.today)
        answers = sum(r[1] for r in self.data.answers_per_day.rows)
        self.summary.setText(
            ngettext("{n} learner", "{n} learners", len(self.data.people)).format(n=len(self.data.people))
            + " · " + ngettext("{n} answer in these dates", "{n} answers in these dates", answers).format(n=answers))
        current = max(0, self.tabs.currentIndex())
        self.tabs.clear()
        self.models: dict[str, TableModel] = {}
        self.charts: dict[str, charts.Chart] = {}
        d = self.data
        grid = _table_view("dashboard_mastery", self._model(d.mastery, mastery=True))
        grid.doubleClicked.connect(lambda index: self.learner_requested.emit(d.people[index.row()][0]))
        note = label(_("Each skill: right answers among the last 5 (3 or more: mastered), and the BKT "
                       "chance that the skill is known (at least 95 %: mastered). Green: both say "
                       "mastered; yellow: one. Double-click a learner for details."), role="muted")
        self.tabs.addTab(self._page(note, grid), _("Mastery"))
        self.charts["pre_post"] = charts.pre_post_chart(d.pre_post)
        self.tabs.addTab(self._page(self.charts["pre_post"], self._side_by_side(
            _table_view("dashboard_gains", self._model(d.gains)),
            _table_view("dashboard_pre_post", self._model(d.pre_post)), 1)), _("First and final quiz"))
        self.charts["lessons_per_week"] = charts.weekly_lessons_chart(d.lessons_per_week)
        self.charts["answers_per_day"] = charts.daily_answers_chart(d.answers_per_day)
        self.tabs.addTab(self._page(
            self._side_by_side(self.charts["lessons_per_week"],
                               _table_view("dashboard_weekly", self._model(d.lessons_per_week))),
            self._side_by_side(self.charts["answers_per_day"],
                               _table_view("dashboard_daily", self._model(d.answers_per_day)))),
            _("Activity"))
        help_view = _table_view("dashboard_help", self._model(d.help))
        self.tabs.addTab(self._page(help_view), _("Needs help ({n})").format(n=len(d.help.rows)))
        items_note = label(_("Shown from 10 takers on; with fewer than 30 the figures are tentative. "
                             "Difficulty p: share right (0.4–0.6 is ideal). Discrimination below 0.2: "
                             "revise the question; below 0: check the answer key."), role="muted")
        self.tabs.addTab(self._page(items_note, _table_view("dashboard_items", self._model(d.items))),
                         _("Quiz questions"))
        self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))

    def _model(self, table, mastery: bool = False) -> TableModel:
        model = TableModel(table, mastery)
        self.models[table.name] = model
        return model

    @staticmethod
    def _side_by_side(chart: QWidget, table: QWidget, chart_share: int = 3) -> QWidget:
        """A chart with its numbers beside it: the numbers can be read aloud and copied."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(chart, chart_share)
        layout.addWidget(table, 1)
        return row

    @staticmethod
    def _page(*widgets: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        for w in widgets:
            layout.addWidget(w, 0 if isinstance(w, QLabel) else 1)  # notes stay small, views grow
        return page

    # ------------------------------------------------------------ export
    def _choose_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose a folder"))
        return Path(folder) if folder else None

    def _export_csv(self, folder: Path | None = None) -> list[Path]:
        folder = folder or self._choose_folder()
        if folder is None or self.data is None:
            return []
        try:
            written = export_csv(self.data, folder)
        except OSError as exc:
            self._say(_("Not saved: could not write to {folder}: {error}").format(
                folder=folder, error=exc.strerror or exc))
            return []
        self._say(_("{n} tables saved in {folder}.").format(n=len(written), folder=folder))
        return written

    def _export_png(self, folder: Path | None = None) -> list[Path]:
        folder = folder or self._choose_folder()
        if folder is None:
            return []
        written = []
        try:
            for name, chart in self.charts.items():
                target = folder / f"{name}.png"
                chart.export_png(target.with_suffix(".part.png")).replace(target)
                written.append(target)
        except OSError as exc:
            self._say(_("Not saved: could not write to {folder}: {error}").format(
                folder=folder, error=exc.strerror or exc))
            return written
        self._say(_("{n} charts saved in {folder}.").format(n=len(written), folder=folder))
        return written

    def _say(self, message: str) -> None:
        """Results go in a line on the page, not a dialog to click away."""
        self.status.setText(message)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
        else:
            super().keyPressEvent(event)
