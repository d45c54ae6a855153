"""Reports for the trainer: PDFs of learners, of a cohort, and certificates, made into a folder
off the GUI thread (Stop keeps every finished file whole), and checking a certificate's code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.content.model import Curriculum
from ecom_trainer.i18n import format_date, lesson_text, ngettext
from ecom_trainer.i18n import gettext as _
from ecom_trainer.reports.batch import CERTIFICATE, COHORT, LEARNER, BatchResult, Job, write_reports
from ecom_trainer.reports.certificates import display_code, verify_certificate
from ecom_trainer.reports.data import list_cohorts
from ecom_trainer.store.learners import list_learners
from ecom_trainer.store.settings import get_setting, set_setting
from ecom_trainer.ui.long_work import run_cancellable
from ecom_trainer.ui.theme import trainer_text_size
from ecom_trainer.ui.widgets import label

FOLDER_SETTING = "reports_folder"


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "ecom-trainer reports"


class ReportsPanel(QDialog):
    def __init__(self, conn: sqlite3.Connection, curriculum: Curriculum, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        trainer_text_size(self)
        self.conn, self.curriculum = conn, curriculum
        self.setWindowTitle(_("Reports"))
        self.resize(1200, 720)
        columns = QHBoxLayout(self)
        columns.setSpacing(24)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        # left: what to make, and for whom
        left.addWidget(label(_("What to make"), role="prompt"))
        top = QHBoxLayout()  # the three kinds one above the other (long words fit), what each makes beside
        kinds = QVBoxLayout()
        self.kind_group = QButtonGroup(self)
        for kind, text in ((LEARNER, _("Learner reports")), (COHORT, _("Cohort report")),
                           (CERTIFICATE, _("Certificates"))):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setObjectName(f"report_kind_{kind}")
            button.clicked.connect(lambda _c=False, k=kind: self.set_kind(k))
            self.kind_group.addButton(button)
            kinds.addWidget(button)
        top.addLayout(kinds)
        self.note = label(role="muted")
        top.addWidget(self.note, 1)
        left.addLayout(top)
        self.track = QComboBox()
        self.track.setObjectName("report_track")
        for track in curriculum.tracks:
            self.track.addItem(lesson_text(track.title), track.id)
        left.addWidget(self.track)
        self.learners = QListWidget()  # one PDF per ticked learner
        self.learners.setObjectName("report_learners")
        for learner in list_learners(conn):
            item = QListWidgetItem(f"{learner.name}  ({learner.village})" if learner.village else learner.name)
            item.setData(Qt.ItemDataRole.UserRole, learner.id)
            # not ItemIsUserCheckable: _toggle ticks on a click anywhere in the row (with the flag a
            # click on the box itself would tick it twice, that is not at all)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.learners.addItem(item)
        self.learners.itemClicked.connect(self._toggle)
        left.addWidget(self.learners, 10)
        self.tick_buttons = []
        ticks = QHBoxLayout()
        for name, text, state in (("report_all", _("Tick all"), Qt.CheckState.Checked),
                                  ("report_none", _("Tick none"), Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, s=state: self._tick_all(s))
            self.tick_buttons.append(button)
            ticks.addWidget(button)
        ticks.addStretch(1)
        left.addLayout(ticks)
        self.cohort = QComboBox()
        self.cohort.setObjectName("report_cohort")
        for cohort in list_cohorts(conn):
            self.cohort.addItem(ngettext("{name} ({n} learner)", "{name} ({n} learners)", cohort.members)
                                .format(name=cohort.name, n=cohort.members), cohort.id)
        left.addWidget(self.cohort)
        left.addStretch(1)  # takes the room of the hidden list when a cohort is chosen

        # right: where, make, what happened; checking a code
        self.folder = Path(get_setting(conn, FOLDER_SETTING) or default_folder())
        self.folder_label = label()
        self.folder_label.setObjectName("report_folder")
        right.addWidget(self.folder_label)
        actions = QHBoxLayout()
        choose = QPushButton(_("Choose folder…"))
        choose.setObjectName("report_choose_folder")
        choose.clicked.connect(self.choose_folder)
        actions.addWidget(choose)
        self.open_button = QPushButton(_("Open the folder"))
        self.open_button.setObjectName("report_open_folder")
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))))
        self.open_button.hide()
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        right.addLayout(actions)
        self.make_button = QPushButton(_("Make PDFs"))
        self.make_button.setObjectName("report_make")
        self.make_button.setProperty("role", "primary")
        self.make_button.clicked.connect(self.make)
        right.addWidget(self.make_button)
        self.result = QPlainTextEdit()  # skipped certificates can be many lines: it scrolls
        self.result.setObjectName("report_result")
        self.result.setReadOnly(True)
        right.addWidget(self.result, 1)
        right.addWidget(label(_("Check a certificate code:"), wrap=False))
        check = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("certificate_code")
        self.code.setPlaceholderText("ABCDE-FGHJK")
        self.code.returnPressed.connect(self.check_code)
        check.addWidget(self.code, 1)
        check_button = QPushButton(_("Check"))
        check_button.setObjectName("certificate_check")
        check_button.clicked.connect(self.check_code)
        check.addWidget(check_button)
        right.addLayout(check)
        self.code_result = label()
        self.code_result.setObjectName("certificate_result")
        self.code_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.code_result)
        self._show_folder()
        self.kind_group.buttons()[0].setChecked(True)
        self.set_kind(LEARNER)

    # ------------------------------------------------------------ choosing
    def set_kind(self, kind: str) -> None:
        self.kind = kind
        cohort = kind == COHORT
        for widget in (self.learners, *self.tick_buttons):
            widget.setVisible(not cohort)
        self.track.setVisible(kind == CERTIFICATE)
        self.cohort.setVisible(cohort)
        self.note.setText({
            LEARNER: _("One PDF per ticked learner: quizzes, gains, mastery per skill and answers."),
            COHORT: _("One PDF for the cohort: averages, gain of the averages, mastery per skill, learners."),
            CERTIFICATE: _("A certificate for each ticked learner who mastered every skill of the track; "
                           "for the others you see what is still missing."),
        }[kind])
        self.result.clear()
        self.open_button.hide()

    def _toggle(self, item: QListWidgetItem) -> None:
        """A click anywhere on the row ticks it, not only on the small box."""
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _tick_all(self, state: Qt.CheckState) -> None:
        for i in range(self.learners.count()):
            self.learners.item(i).setCheckState(state)

    def ticked(self) -> list[str]:
        return [self.learners.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.learners.count())
                if self.learners.item(i).checkState() == Qt.CheckState.Checked]

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Where to save the PDFs"), str(self.folder))
        if chosen:
            self.folder = Path(chosen)
            set_setting(self.conn, FOLDER_SETTING, chosen)
            self._show_folder()

    def _show_folder(self) -> None:
        self.folder_label.setText(_("Save in: {folder}").format(folder=self.folder))

    def jobs(self) -> list[Job]:
        if self.kind == COHORT:
            return [Job(COHORT, self.cohort.currentData())] if self.cohort.currentData() else []
        if self.kind == CERTIFICATE:
            return [Job(CERTIFICATE, learner, self.track.currentData()) for learner in self.ticked()]
        return [Job(LEARNER, learner) for learner in self.ticked()]

    # ------------------------------------------------------------ making
    def make(self) -> None:
        jobs = self.jobs()
        if not jobs:
            self.result.setPlainText(_("Tick at least one learner first.") if self.kind != COHORT
                                else _("There is no cohort yet."))
            return
        folder = self.folder

        def work(progress, cancelled) -> BatchResult:
            return write_reports(self.conn, self.curriculum, jobs, folder,
                                 progress=lambda done, total, _what: progress(done, total), cancelled=cancelled)

        self.make_button.setEnabled(False)  # no second batch while this one runs
        try:
            outcome = run_cancellable(self, _("Making PDFs…"), work)
        except (OSError, sqlite3.Error) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.result.setPlainText(_("The PDFs could not be saved in {folder}: {reason}").format(
                folder=folder, reason=reason))
            return
        finally:
            self.make_button.setEnabled(True)
        n = len(outcome.written)
        lines = [ngettext("{n} PDF file saved in {folder}.", "{n} PDF files saved in {folder}.", n)
                 .format(n=n, folder=folder)]
        if outcome.cancelled:
            missing = len(jobs) - n - len(outcome.skipped)
            lines.append(ngettext("Stopped: {n} was not made. Every saved file is complete.",
                                  "Stopped: {n} were not made. Every saved file is complete.", missing)
                         .format(n=missing))
        lines += [reason for _job, reason in outcome.skipped]
        self.result.setPlainText("\n".join(lines))
        self.open_button.setVisible(bool(outcome.written))

    def check_code(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        found = verify_certificate(self.conn, text)
        if found is None:
            self.code_result.setText(_("{code} is not a certificate of this centre. Check each character; "
                                       "a code made on another PC can only be checked there.").format(code=text))
            return
        self.code_result.setText(_("{code} is genuine: {name}, {track}, {date}, {centre}.").format(
            code=display_code(found.code), name=found.name, track=lesson_text(found.track_title),
            date=format_date(found.issued_on, "long"), centre=found.centre))
