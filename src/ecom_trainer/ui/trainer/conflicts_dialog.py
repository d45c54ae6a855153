"""The versions of learners, cohorts or centres that lost a merge between PCs: the trainer sees
both and chooses. Nothing is ever dropped without a choice."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ecom_trainer.i18n import N_
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.conflicts import Conflict, list_conflicts, resolve_conflict
from ecom_trainer.ui.theme import trainer_text_size
from ecom_trainer.ui.widgets import label, panel

KINDS = {"learners": N_("Learner"), "cohorts": N_("Cohort"), "centres": N_("Centre")}
HIDDEN = {"archived", "avatar", "plan"}


def describe(values: dict | None) -> str:
    if values is None:
        return _("(no longer here)")
    # what a trainer recognises a record by; internal values (picture file, flags) are left out
    return " · ".join(str(v) for k, v in values.items() if v not in (None, "", 0) and k not in HIDDEN)


class ConflictsDialog(QDialog):
    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        trainer_text_size(self)
        self.conn = conn
        self.setWindowTitle(_("Changes kept aside"))
        self.resize(1100, 600)
        outer = QVBoxLayout(self)
        outer.addWidget(label(_("Two PCs changed the same record. The newer change is in use; "
                                "choose which one to keep.")))
        self.grid_host = QWidget()
        self.grid = QVBoxLayout(self.grid_host)
        outer.addWidget(self.grid_host)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        conflicts = list_conflicts(self.conn)
        if not conflicts:
            self.grid.addWidget(label(_("Nothing is waiting.")))
        for row, conflict in enumerate(conflicts):
            box = panel()  # one conflict: what it is, both versions, then the choice
            lines = QVBoxLayout(box)
            lines.addWidget(label(_(KINDS[conflict.table]), role="muted"))
            lines.addWidget(label(_("In use: {values}").format(values=describe(conflict.current))))
            lines.addWidget(label(_("Other PC: {values}").format(values=describe(conflict.other))))
            buttons = QHBoxLayout()
            keep = QPushButton(_("Keep this one"))
            keep.setObjectName(f"keep_{row}")
            keep.clicked.connect(lambda _c=False, c=conflict: self.choose(c, False))
            other = QPushButton(_("Use the other one"))
            other.setObjectName(f"other_{row}")
            other.clicked.connect(lambda _c=False, c=conflict: self.choose(c, True))
            other.setEnabled(conflict.current is not None)
            buttons.addWidget(keep)
            buttons.addWidget(other)
            buttons.addStretch(1)
            lines.addLayout(buttons)
            self.grid.addWidget(box)

    def choose(self, conflict: Conflict, use_other: bool) -> None:
        resolve_conflict(self.conn, conflict, use_other)
        self.refresh()
