"""The preview of a CSV file of learners, before anything is added: how the file was read, every
problem (row, column, what is wrong), the learners as they will be added with those already here
marked, new classes offered. "Add" runs off the GUI thread in one transaction; Stop leaves
nothing written."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import ngettext
from ecom_trainer.store.centre import centre_id
from ecom_trainer.store.roster_csv import (
    CsvImportError,
    CsvPreview,
    ImportCancelled,
    ImportResult,
    import_learners,
)
from ecom_trainer.ui.long_work import run_cancellable
from ecom_trainer.ui.theme import trainer_text_size
from ecom_trainer.ui.trainer.roster import TextTable, table_view
from ecom_trainer.ui.widgets import label

SHOWN_PROBLEMS = 300  # more would only scroll; the count says how many there are


class CsvImportDialog(QDialog):
    def __init__(self, conn: sqlite3.Connection, preview: CsvPreview, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        trainer_text_size(self)
        self.conn, self.preview = conn, preview
        self.outcome = ""  # what was added, for the roster's status line
        self.setWindowTitle(_("Add learners from a file"))
        self.resize(1240, 720)
        box = QVBoxLayout(self)
        box.addWidget(label(_("Learners from “{file}”").format(file=file_name), role="prompt"))
        self.summary = label()
        self.summary.setObjectName("import_summary")
        box.addWidget(self.summary)
        self.problems_title = label(role="wrong")
        box.addWidget(self.problems_title)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("import_problems")
        self.problems.setReadOnly(True)
        box.addWidget(self.problems, 2)
        self.model = TextTable([_("Row"), _("Name"), _("Village"), _("Born"), _("Phone"), _("Classes"), _("Note")])
        self.table = table_view("import_preview", self.model)
        box.addWidget(self.table, 3)
        self.create_cohorts = QCheckBox()
        self.create_cohorts.setObjectName("import_create_cohorts")
        self.create_cohorts.setChecked(True)
        self.create_cohorts.toggled.connect(lambda _c: self.update_view())
        box.addWidget(self.create_cohorts)
        self.skip_duplicates = QCheckBox(_("Do not add learners who are here already again "
                                           "(they are only put in the classes named)"))
        self.skip_duplicates.setObjectName("import_skip_duplicates")
        self.skip_duplicates.setChecked(True)
        self.skip_duplicates.toggled.connect(lambda _c: self.update_view())
        box.addWidget(self.skip_duplicates)
        self.ignored = label(role="muted")
        box.addWidget(self.ignored)
        self.status = label()
        self.status.setObjectName("import_status")
        box.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.add_button = QPushButton()
        self.add_button.setObjectName("import_add")
        self.add_button.setProperty("role", "primary")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add)
        cancel = QPushButton(_("Cancel"))
        cancel.setObjectName("import_cancel")
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.add_button)
        buttons.addWidget(cancel)
        box.addLayout(buttons)
        self.create_cohorts.setVisible(bool(preview.new_cohorts))
        self.create_cohorts.setText(_("Make the new classes: {names}").format(names=", ".join(preview.new_cohorts)))
        self.skip_duplicates.setVisible(preview.duplicates > 0)
        self.ignored.setVisible(bool(preview.ignored_columns))
        self.ignored.setText(_("These columns are not used: {names}").format(
            names=", ".join(preview.ignored_columns)))
        self.update_view()

    def _note(self, existing: bool, repeat_of: int | None) -> str:
        skip = self.skip_duplicates.isChecked()
        if existing:
            return _("Here already") if skip else _("Here already: added again")
        if repeat_of:
            return (_("Same as row {row}") if skip else _("Same as row {row}: added again")).format(row=repeat_of)
        return _("New")

    def update_view(self) -> None:
        preview = self.preview
        errors = preview.errors(self.create_cohorts.isChecked())
        new = {name.casefold() for name in preview.new_cohorts} if self.create_cohorts.isChecked() else set()
        marked = _("{name} (new)")
        rows = [[str(r.row), r.fields.name, r.fields.village, str(r.fields.birth_year or ""), r.fields.phone or "",
                 ", ".join(marked.format(name=c) if c.casefold() in new else c for c in r.cohorts),
                 self._note(bool(r.existing_id), r.repeat_of)] for r in preview.rows]
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        adding = self.to_add()
        parts = []
        if preview.encoding:
            parts.append(_("Read as {encoding}.").format(encoding=_(preview.encoding)))
        parts.append(ngettext("{n} learner to add.", "{n} learners to add.", adding).format(n=adding))
        if preview.duplicates:
            parts.append(ngettext("{n} is here already.", "{n} are here already.", preview.duplicates)
                         .format(n=preview.duplicates))
        self.summary.setText(" ".join(parts))
        self.problems.setVisible(bool(errors))
        self.problems_title.setVisible(bool(errors))
        if errors:
            self.problems_title.setText(ngettext(
                "{n} problem. Nothing is added until it is put right in the file:",
                "{n} problems. Nothing is added until they are put right in the file:", len(errors))
                .format(n=len(errors)))
            lines = [p.text() for p in errors[:SHOWN_PROBLEMS]]
            if len(errors) > SHOWN_PROBLEMS:
                lines.append(_("… and {n} more.").format(n=len(errors) - SHOWN_PROBLEMS))
            self.problems.setPlainText("\n".join(lines))
        ok = not errors and bool(preview.rows)
        self.add_button.setEnabled(ok)
        self.add_button.setText(ngettext("Add {n} learner", "Add {n} learners", adding).format(n=adding)
                                if ok and adding else _("Add"))
        if errors:
            self.status.setText(_("Put the problems right in the spreadsheet, save it as CSV, and choose "
                                  "the file again."))

    def to_add(self) -> int:
        if not self.skip_duplicates.isChecked():
            return len(self.preview.rows)
        return sum(1 for r in self.preview.rows if not (r.existing_id or r.repeat_of))

    def add(self) -> None:
        create, skip = self.create_cohorts.isChecked(), self.skip_duplicates.isChecked()
        centre = centre_id(self.conn)

        def work(progress, cancelled) -> ImportResult | None:
            try:
                return import_learners(self.conn, self.preview, create_cohorts=create, skip_duplicates=skip,
                                       centre_id=centre, progress=progress, cancelled=cancelled)
            except ImportCancelled:
                return None

        self.add_button.setEnabled(False)  # no second import while this one runs
        try:
            result = run_cancellable(self, _("Adding learners…"), work)
        except (CsvImportError, sqlite3.Error) as exc:
            self.status.setText(_("Nothing was added: {reason}").format(reason=exc))
            self.add_button.setEnabled(True)
            return
        if result is None:
            self.status.setText(_("Stopped. Nothing was added."))
            self.add_button.setEnabled(True)
            return
        lines = [ngettext("{n} learner added.", "{n} learners added.", result.added).format(n=result.added)]
        if result.placed:
            lines.append(ngettext("{n} learner who was here already was put in a class.",
                                  "{n} learners who were here already were put in classes.", result.placed)
                         .format(n=result.placed))
        if result.cohorts_created:
            lines.append(_("New classes: {names}").format(names=", ".join(result.cohorts_created)))
        self.outcome = " ".join(lines)
        self.accept()
