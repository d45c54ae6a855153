"""Voices: a trainer records narration for any text of a lesson or test, in the current language.

Choose a lesson or test on the left; its texts are listed in the order a learner meets them, each
saying whether it has a voice. Record (then Stop), Play, Record again, Delete. Recordings take
precedence over the computer's voice on the learner screens (ui/speech.py). Qt Multimedia does
the recording; takes are written inside the recordings folder and stored by store.recordings
only once the recorder has finished the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer import i18n
from ecom_trainer.content.item_keys import ItemText, known_keys, source_texts, unit_texts, units
from ecom_trainer.content.model import Curriculum
from ecom_trainer.i18n import N_, format_number, lesson_text
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.recordings import (
    Recording,
    audio_path,
    delete_recording,
    list_recordings,
    remove_orphans,
    save_recording,
    take_path,
)
from ecom_trainer.sync.voices import SUFFIX, VoicesError, export_voices, import_voices
from ecom_trainer.ui.long_work import run_with_progress
from ecom_trainer.ui.theme import trainer_text_size
from ecom_trainer.ui.widgets import label

KIND_NAMES = {"pre_test": N_("First quiz"), "post_test": N_("Final quiz")}
SHORTEST_TAKE_MS = 300  # a tap on Record and Stop at once is not a recording


def seconds(duration_ms: int) -> str:
    return format_number(round(duration_ms / 1000, 1), max_decimals=1)


class VoicesScreen(QWidget):
    close_requested = Signal()

    def __init__(self, conn: sqlite3.Connection, curriculum: Curriculum) -> None:
        super().__init__()
        trainer_text_size(self)
        self.conn, self.curriculum = conn, curriculum
        self.language = i18n.current_language()
        self.texts: list[ItemText] = []
        self.voices: dict[str, Recording] = {}  # item key -> recording, of the chosen unit
        self._recorder = self._session = self._input = None
        self._take: Path | None = None
        self._recording_key = ""
        self._player = None
        remove_orphans(conn)  # takes left by a power cut or a crash
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = label(_("Voices"), role="title", wrap=False)
        top.addWidget(self.title)
        top.addWidget(label(_("Recorded in: {language}").format(language=i18n.native_name(self.language)),
                            wrap=False), 1)
        for name, text, action in (("voices_export", _("Save voices to a file…"), self._ask_export),
                                   ("voices_import", _("Add voices from a file…"), self._ask_import),
                                   ("voices_back", _("Back"), self.close_requested.emit)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(action)
            top.addWidget(button)
        outer.addLayout(top)
        middle = QHBoxLayout()
        self.units = QListWidget()
        self.units.setObjectName("voice_units")
        self.units.setWordWrap(True)  # long lesson titles: two lines rather than cut off
        self.units.currentItemChanged.connect(lambda *_: self.show_unit())
        middle.addWidget(self.units, 2)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("voice_texts")
        self.table.setHorizontalHeaderLabels([_("Where"), _("Text"), _("Voice")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        middle.addWidget(self.table, 5)
        outer.addLayout(middle, 1)
        actions = QHBoxLayout()
        self.record_button = self._action("voice_record", _("Record"), self.record)
        self.stop_button = self._action("voice_stop", _("Stop"), self.stop)
        self.play_button = self._action("voice_play", _("Play"), self.play)
        self.delete_button = self._action("voice_delete", _("Delete"), self.delete)
        for button in (self.record_button, self.stop_button, self.play_button, self.delete_button):
            actions.addWidget(button)
        self.status = label()
        self.status.setObjectName("voice_status")
        actions.addWidget(self.status, 1)
        outer.addLayout(actions)
        self._fill_units()
        if not self.has_microphone():
            self.status.setText(self.no_microphone_message())

    def _action(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -------------------------------------------------- what is shown
    def _fill_units(self) -> None:
        counts: dict[str, int] = {}
        for r in list_recordings(self.conn, language=self.language):
            counts[r.lesson_id] = counts.get(r.lesson_id, 0) + 1
        self.units.clear()
        for unit_id, title, kind in units(self.curriculum):
            total = len(unit_texts(self.curriculum, unit_id) or [])
            name = lesson_text(title)
            if kind in KIND_NAMES:
                name = f"{_(KIND_NAMES[kind])}: {name}"
            item = QListWidgetItem(f"{name}  ({counts.get(unit_id, 0)}/{total})")
            item.setData(Qt.ItemDataRole.UserRole, unit_id)
            self.units.addItem(item)
        if self.units.count():
            self.units.setCurrentRow(0)

    def unit_id(self) -> str:
        item = self.units.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def choose_unit(self, unit_id: str) -> None:
        for row in range(self.units.count()):
            if self.units.item(row).data(Qt.ItemDataRole.UserRole) == unit_id:
                self.units.setCurrentRow(row)
                return

    def show_unit(self) -> None:
        unit_id = self.unit_id()
        selected = self.selected()
        self.texts = unit_texts(self.curriculum, unit_id) or []
        self.voices = {r.item_key: r for r in list_recordings(self.conn, lesson_id=unit_id, language=self.language)}
        numbers: dict[str, int] = {}
        self.table.setRowCount(len(self.texts))
        for row, text in enumerate(self.texts):
            if text.question_id:
                numbers.setdefault(text.question_id, len(numbers) + 1)
            voice = self.voices.get(text.key)
            state = (_("✓ Recorded ({seconds} s)").format(seconds=seconds(voice.duration_ms)) if voice
                     else _("— Not recorded"))
            for column, value in enumerate((self._where(text, row, numbers), lesson_text(text.text), state)):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, text.key)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        if selected is not None:
            self.select(selected.key)
        self._update_buttons()

    def _where(self, text: ItemText, row: int, numbers: dict[str, int]) -> str:
        n = numbers.get(text.question_id, 0)
        return {"step": _("Step {n}").format(n=row + 1),
                "prompt": _("Question {n}").format(n=n),
                "explanation": _("Question {n}: why").format(n=n),
                "left": _("Question {n}: item").format(n=n),
                }.get(text.kind, _("Question {n}: answer").format(n=n))

    def selected(self) -> ItemText | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.texts[rows[0].row()] if rows and rows[0].row() < len(self.texts) else None

    def select(self, key: str) -> None:
        row = next((i for i, t in enumerate(self.texts) if t.key == key), None)
        if row is not None:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        text = self.selected()
        recording = self._recorder is not None
        playing = self._player is not None and self._player.playbackState() == self._player.PlaybackState.PlayingState
        voiced = text is not None and text.key in self.voices
        self.record_button.setEnabled(text is not None and not recording)
        self.record_button.setText(_("Record again") if voiced else _("Record"))
        self.stop_button.setEnabled(recording or playing)
        self.play_button.setEnabled(voiced and not recording)
        self.delete_button.setEnabled(voiced and not recording)
        self.units.setEnabled(not recording)

    # -------------------------------------------------- recording
    @staticmethod
    def has_microphone() -> bool:
        from PySide6.QtMultimedia import QMediaDevices

        return bool(QMediaDevices.audioInputs())

    @staticmethod
    def no_microphone_message() -> str:
        return _("No microphone is connected to this computer. Plug one in, then press Record again.")

    def record(self) -> None:
        text = self.selected()
        if text is None or self._recorder is not None:
            return
        if not self.has_microphone():  # checked each time: it may be plugged in meanwhile
            self.status.setText(self.no_microphone_message())
            return
        from PySide6.QtMultimedia import (
            QAudioInput,
            QMediaCaptureSession,
            QMediaDevices,
            QMediaFormat,
            QMediaRecorder,
        )

        self._stop_playing()
        media = QMediaFormat(QMediaFormat.FileFormat.Mpeg4Audio)
        media.setAudioCodec(QMediaFormat.AudioCodec.AAC)
        suffix = ".m4a"  # small: a course of narration fits a USB stick
        if not media.isSupported(QMediaFormat.ConversionMode.Encode):
            media = QMediaFormat(QMediaFormat.FileFormat.Wave)
            media.setAudioCodec(QMediaFormat.AudioCodec.Wave)
            suffix = ".wav"
        self._session = QMediaCaptureSession(self)
        self._input = QAudioInput(QMediaDevices.defaultAudioInput(), self)
        self._session.setAudioInput(self._input)
        self._recorder = QMediaRecorder(self)
        self._session.setRecorder(self._recorder)
        self._recorder.setMediaFormat(media)
        self._recorder.setAudioChannelCount(1)
        self._recorder.setQuality(QMediaRecorder.Quality.NormalQuality)
        self._take = take_path(self.conn, suffix)
        self._recording_key = text.key
        self._recorder.setOutputLocation(QUrl.fromLocalFile(str(self._take)))
        self._recorder.recorderStateChanged.connect(self._recorder_state)
        self._recorder.errorOccurred.connect(lambda _e, message: self._recording_failed(message))
        self._recorder.record()
        self.status.setText(_("Recording… Read the text aloud, then press Stop."))
        self._update_buttons()

    def _recorder_state(self, state) -> None:
        recorder = self._recorder
        if recorder is None or state != recorder.RecorderState.StoppedState:
            return
        location = recorder.actualLocation().toLocalFile()
        take = Path(location) if location else self._take
        duration = recorder.duration()
        self._release_recorder()
        if take is not None:
            self.save_take(self._recording_key, take, duration)

    def _recording_failed(self, message: str) -> None:
        take = self._take
        self._release_recorder()
        if take is not None:
            take.unlink(missing_ok=True)
        self.status.setText(_("The recording did not work: {problem}").format(problem=message))
        self._update_buttons()

    def _release_recorder(self) -> None:
        for part in (self._recorder, self._input, self._session):
            if part is not None:
                part.deleteLater()
        self._recorder = self._input = self._session = None

    def save_take(self, key: str, take: Path, duration_ms: int) -> None:
        """A finished take becomes the voice of `key` in this unit and language."""
        if not take.is_file() or take.stat().st_size == 0 or duration_ms < SHORTEST_TAKE_MS:
            take.unlink(missing_ok=True)
            self.status.setText(_("Nothing was recorded. Press Record, read the text, then press Stop."))
            self._update_buttons()
            return
        unit_id = self.unit_id()
        save_recording(self.conn, unit_id, key, self.language, take, duration_ms, remove_source=True)
        self.status.setText(_("Saved ({seconds} s).").format(seconds=seconds(duration_ms)))
        self._refresh(unit_id, key)

    def stop(self) -> None:
        if self._recorder is not None:
            self._recorder.stop()  # the file is finished asynchronously: see _recorder_state
            self.status.setText(_("Saving…"))
            return
        self._stop_playing()

    # -------------------------------------------------- play, delete
    def play(self) -> None:
        text = self.selected()
        voice = self.voices.get(text.key) if text else None
        if voice is None:
            return
        path = audio_path(self.conn, voice)
        if not path.is_file():
            self.status.setText(_("The sound file of this voice is missing. Record it again."))
            return
        if self._player is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
            self._player.playbackStateChanged.connect(lambda *_: self._update_buttons())
            self._player.errorOccurred.connect(
                lambda _e, message: self.status.setText(_("This voice cannot be played: {problem}").format(
                    problem=message)))
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()
        self.status.setText(_("Playing…"))

    def _stop_playing(self) -> None:
        if self._player is not None:
            self._player.stop()

    def confirm(self, question: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        return QMessageBox.question(self, _("Voices"), question, buttons,
                                    QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes

    def delete(self) -> None:
        text = self.selected()
        voice = self.voices.get(text.key) if text else None
        if voice is None or not self.confirm(_("Delete this voice? The computer's voice reads the text again.")):
            return
        self._stop_playing()
        delete_recording(self.conn, voice.id)
        self.status.setText(_("Deleted."))
        self._refresh(self.unit_id(), text.key)

    def _refresh(self, unit_id: str, key: str) -> None:
        self._fill_units()  # the counts changed
        self.choose_unit(unit_id)
        self.select(key)
        self._update_buttons()

    # -------------------------------------------------- one file with the lesson pack
    def _ask_export(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(self, _("Save voices"), f"voices{SUFFIX}", f"*{SUFFIX}")
        if target:
            self.export_to(Path(target))

    def _ask_import(self) -> None:
        source, _filter = QFileDialog.getOpenFileName(self, _("Add voices"), "", f"*{SUFFIX}")
        if source:
            self.import_from(Path(source))

    def export_to(self, target: Path) -> None:
        texts = source_texts(self.curriculum)
        try:
            count = run_with_progress(self, _("Saving…"), lambda: export_voices(self.conn, target, texts))
        except OSError as exc:
            self.status.setText(_("The voices were not saved: {problem}").format(problem=exc))
            return
        self.status.setText(_("Saved {n} voices to {file}.").format(n=count, file=target))

    def import_from(self, source: Path) -> None:
        known = known_keys(self.curriculum)
        try:
            report = run_with_progress(self, _("Adding…"), lambda: import_voices(self.conn, source, known))
        except VoicesError as exc:
            detail = str(exc).removesuffix(" Nothing was changed.")  # said already, in the trainer's language
            self.status.setText(_("This file was not used; nothing changed.") + " " + detail)
            return
        message = _("{new} voices added, {replaced} replaced, {kept} already here.").format(
            new=report.added, replaced=report.replaced, kept=report.kept)
        if report.skipped:
            message += " " + _("{n} are for texts this lesson pack does not have: {which}").format(
                n=len(report.skipped), which=", ".join(report.skipped[:3]) + ("…" if len(report.skipped) > 3 else ""))
        self.status.setText(message)
        self._refresh(self.unit_id(), self.selected().key if self.selected() else "")
