"""A learner's live-selling rehearsals, for the trainer to listen to and rate with a rubric:
the four parts of a good opening (CONTENT.md, skill B2) and a clear, calm voice."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.i18n import N_, format_number
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.rehearsals import RehearsalRecord, audio_path, rate_rehearsal, rehearsals_of
from ecom_trainer.ui.widgets import label

RUBRIC = [
    ("greets", N_("Greets the viewers")),
    ("introduces", N_("Says who they are and where they are")),
    ("shows", N_("Shows the product")),
    ("price", N_("Says the price clearly")),
    ("voice", N_("Speaks clearly and calmly")),
]


def rubric_score(rating: dict[str, object] | None) -> float | None:
    """Share of the rubric's points given; None before the trainer has rated."""
    if not rating:
        return None
    return sum(1 for key, _text in RUBRIC if rating.get(key) is True) / len(RUBRIC)


class RehearsalRating(QWidget):
    def __init__(self, conn: sqlite3.Connection, learner_id: str) -> None:
        super().__init__()
        self.conn, self.learner_id = conn, learner_id
        self._player = None  # Qt Multimedia is loaded when the trainer first presses Play
        box = QHBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("rehearsal_list")
        self.list.currentRowChanged.connect(self._show)
        box.addWidget(self.list, 1)
        right = QVBoxLayout()
        self.play = QPushButton(_("Play"))
        self.play.setObjectName("rehearsal_play")
        self.play.clicked.connect(self._play)
        right.addWidget(self.play)
        self.checks: dict[str, QCheckBox] = {}
        for key, text in RUBRIC:
            check = QCheckBox(_(text))
            check.setObjectName(f"rubric_{key}")
            self.checks[key] = check
            right.addWidget(check)
        self.note = QLineEdit()
        self.note.setObjectName("rehearsal_note")
        self.note.setPlaceholderText(_("A short note for the learner"))
        right.addWidget(self.note)
        self.save = QPushButton(_("Save the rating"))
        self.save.setObjectName("rehearsal_save")
        self.save.clicked.connect(self._save)
        right.addWidget(self.save)
        self.status = label()
        self.status.setObjectName("rehearsal_status")
        right.addWidget(self.status)
        right.addStretch(1)
        box.addLayout(right, 1)
        self.reload()

    def reload(self) -> None:
        self.records = rehearsals_of(self.conn, self.learner_id)
        self.list.clear()
        for r in self.records:
            score = rubric_score(r.rating)
            rated = _("not rated yet") if score is None else _("rated {n} of {total}").format(
                n=round(score * len(RUBRIC)), total=len(RUBRIC))
            minutes = format_number(r.duration_s / 60, max_decimals=1)
            self.list.addItem(QListWidgetItem(f"{r.recorded_at[:16].replace('T', ' ')} · "
                                              + _("{m} min").format(m=minutes) + f" · {rated}"))
        has_any = bool(self.records)
        for w in (self.play, self.save, self.note, *self.checks.values()):
            w.setEnabled(has_any)
        self.status.setText("" if has_any else _("No rehearsals recorded yet."))
        if has_any:
            self.list.setCurrentRow(0)

    def current(self) -> RehearsalRecord | None:
        row = self.list.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _show(self, _row: int) -> None:
        record = self.current()
        rating = record.rating or {} if record else {}
        for key, check in self.checks.items():
            check.setChecked(rating.get(key) is True)
        self.note.setText(record.rating_note if record else "")
        self.play.setEnabled(bool(record and audio_path(self.conn, record)))

    def _play(self) -> None:
        record = self.current()
        path = audio_path(self.conn, record) if record else None
        if path is None:
            self.status.setText(_("This rehearsal has no recording."))
            return
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        if self._player is None:
            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
            self._player.errorOccurred.connect(
                lambda *_a: self.status.setText(_("This recording cannot be played on this PC.")))
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()
        self.status.setText(_("Playing…"))

    def _save(self) -> None:
        record = self.current()
        if record is None:
            return
        rating = {key: check.isChecked() for key, check in self.checks.items()}
        rate_rehearsal(self.conn, record.id, rating, self.note.text())
        row = self.list.currentRow()
        self.reload()
        self.list.setCurrentRow(row)
        self.status.setText(_("Rating saved."))
