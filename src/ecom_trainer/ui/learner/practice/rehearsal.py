"""Live-selling rehearsal: cue cards for the opening, a clock that counts up (no limit, nothing
happens when it runs long), an optional recording of the learner's voice for the trainer to rate
later, then a self-check list scored as the share ticked (skills B1, B2).

Without a microphone (a centre PC without one, or offscreen) the recording control says so and
everything else works the same.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from ecom_trainer.assess import practice as rubric
from ecom_trainer.assess.practice import PartResult
from ecom_trainer.content.practice import Checklist, Rehearsal
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.session import LearnerSession
from ecom_trainer.store import rehearsals as rehearsal_store
from ecom_trainer.ui.learner.practice.base import Page, PracticeScreen
from ecom_trainer.ui.learner.practice.controls import TileChoice, TileItem
from ecom_trainer.ui.theme import MAIN_BUTTON_PX, large_text
from ecom_trainer.ui.widgets import icon, label, panel


def clock_text(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


class Recorder(QObject):
    """Records the microphone into a file. `stopped` carries the file and its length in seconds."""

    stopped = Signal(object, float)
    failed = Signal(str)

    def available(self) -> bool:
        """Whether this PC has a microphone. Never raises: a missing audio system is 'no'."""
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError:
            return False
        return bool(QMediaDevices.audioInputs())

    def start(self, path: Path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import (
            QAudioInput,
            QMediaCaptureSession,
            QMediaFormat,
            QMediaRecorder,
        )

        self._path = path
        self._session = QMediaCaptureSession(self)
        self._input = QAudioInput(self)
        self._session.setAudioInput(self._input)
        self._recorder = QMediaRecorder(self)
        self._session.setRecorder(self._recorder)
        media = QMediaFormat(QMediaFormat.FileFormat.Mpeg4Audio)
        media.setAudioCodec(QMediaFormat.AudioCodec.AAC)
        self._recorder.setMediaFormat(media)
        self._recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
        self._recorder.recorderStateChanged.connect(self._state_changed)
        self._recorder.errorOccurred.connect(lambda _error, text: self.failed.emit(text))
        self._recorder.record()

    def stop(self) -> None:
        recorder = getattr(self, "_recorder", None)
        if recorder is not None:
            recorder.stop()

    def _state_changed(self, state: object) -> None:
        from PySide6.QtMultimedia import QMediaRecorder

        if state == QMediaRecorder.RecorderState.StoppedState:
            written = self._recorder.actualLocation().toLocalFile()
            self.stopped.emit(Path(written) if written else self._path, self._recorder.duration() / 1000)


class RehearsePage(Page):
    """Cue cards on the left, the clock and the recording control on the right."""

    def __init__(self, rehearsal: Rehearsal, recorder: Recorder, screen: RehearsalScreen) -> None:
        super().__init__()
        self.rehearsal, self.recorder, self.screen = rehearsal, recorder, screen
        self.card = 0
        self.started = time.monotonic()
        self.recording = False
        # Side by side at every text size: the screen is wider than it is tall.
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        cards = panel()
        cards_box = QVBoxLayout(cards)
        self.card_count = label(role="muted")
        self.card_text = label(role="" if large_text() else "title")
        self.card_text.setObjectName("cue_card")
        turn = QHBoxLayout()
        self.previous_card = self._button("back", "", lambda: self.show_card(self.card - 1), _("Previous card"))
        self.next_card = self._button("next", "", lambda: self.show_card(self.card + 1), _("Next card"))
        self.previous_card.setObjectName("previous_card")
        self.next_card.setObjectName("next_card")
        self.restart = self._button("back", _("Start again"), self.start_again)
        self.restart.setObjectName("start_again")
        turn.addWidget(self.previous_card)
        turn.addStretch(1)
        turn.addWidget(self.restart)
        turn.addStretch(1)
        turn.addWidget(self.next_card)
        cards_box.addWidget(self.card_count)
        cards_box.addWidget(self.card_text, 1)
        cards_box.addLayout(turn)
        row.addWidget(cards, 1 if large_text() else 3)
        side = QVBoxLayout()
        self.clock = label(role="title", centred=True)
        self.clock.setObjectName("clock")
        side.addWidget(label(_("Your time. There is no limit."), role="muted"))
        side.addWidget(self.clock)
        self.record = self._button("play", _("Record my voice"), self.toggle_recording)
        self.record.setObjectName("record")
        side.addWidget(self.record)
        self.mic_status = label(role="muted")
        self.mic_status.setObjectName("mic_status")
        side.addWidget(self.mic_status)
        side.addStretch(1)
        row.addLayout(side, 1 if large_text() else 2)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        recorder.stopped.connect(self.recorded)
        recorder.failed.connect(self.record_failed)
        self.has_microphone = recorder.available()
        self.record.setEnabled(self.has_microphone)
        self.mic_status.setText("" if self.has_microphone else
                                _("No microphone found. You can still say it out loud."))
        self.show_card(0)
        self.tick()

    @staticmethod
    def _button(icon_name: str, text: str, slot, name: str = "") -> QPushButton:
        """A button with a picture; without words (`name` is read aloud) it is square."""
        button = QPushButton(text)
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(36, 36) if text else QSize(40, 40))
        button.setAccessibleName(name or text)
        button.setToolTip(name or text)
        button.setMinimumSize(MAIN_BUTTON_PX, MAIN_BUTTON_PX)
        button.clicked.connect(slot)
        return button

    def show_card(self, index: int) -> None:
        cards = self.rehearsal.cards
        self.card = max(0, min(index, len(cards) - 1))
        self.card_count.setText(_("Card {n} of {total}").format(n=self.card + 1, total=len(cards)))
        self.card_text.setText(lesson_text(cards[self.card]))
        self.previous_card.setEnabled(self.card > 0)
        self.next_card.setEnabled(self.card < len(cards) - 1)

    def enter(self) -> None:
        self.started = time.monotonic()
        self.timer.start()
        self.tick()

    def leave(self) -> None:
        self.timer.stop()
        if self.recording:
            self.toggle_recording()

    def tick(self) -> None:
        seconds = time.monotonic() - self.started
        self.clock.setText(clock_text(seconds))
        self.clock.setAccessibleName(_("Time: {time}").format(time=clock_text(seconds)))

    def start_again(self) -> None:
        self.started = time.monotonic()
        self.show_card(0)
        self.tick()

    def toggle_recording(self) -> None:
        if not self.recording:
            try:
                path = self.screen.take_path()
                self.recorder.start(path)
            except (OSError, ValueError) as exc:
                self.record_failed(str(exc))
                return
            self.recording = True
            self.record.setText(_("Stop recording"))
            self.record.setIcon(icon("stop"))
            self.mic_status.setText(_("Recording… Say your opening."))
        else:
            self.recording = False
            self.record.setText(_("Record my voice"))
            self.record.setIcon(icon("play"))
            self.recorder.stop()
        self.record.setAccessibleName(self.record.text())

    def recorded(self, path: object, seconds: float) -> None:
        if self.screen.keep_recording(Path(str(path)), seconds):
            self.mic_status.setText(_("Your recording is saved. Your trainer can listen to it later."))
        else:
            self.mic_status.setText(_("The recording could not be saved. You can still practise out loud."))

    def record_failed(self, message: str) -> None:
        self.recording = False
        self.record.setText(_("Record my voice"))
        self.mic_status.setText(_("Recording did not work. You can still say it out loud."))

    def prompt(self) -> str:
        return _("Say your opening out loud, card by card. Tap Next when you are done.")

    def speech_text(self) -> str:
        return ". ".join(p for p in (self.card_text.text(), self.mic_status.text()) if p)

    def help_text(self) -> str:
        return _("Read each card and say it out loud, as if you were live. The clock only shows your time; "
                 "there is no limit.")


class ChecklistPage(Page):
    def __init__(self, checklist: Checklist) -> None:
        super().__init__()
        self.checklist = checklist
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        items = [TileItem(i.id, lesson_text(i.text)) for i in checklist.items]
        self.tiles = TileChoice(items, 1 if large_text() else 2, exclusive=False, prefix="check")
        self.tiles.changed.connect(self.changed.emit)
        box.addWidget(self.tiles, 1)

    def prompt(self) -> str:
        return lesson_text(self.checklist.prompt)

    def check(self) -> list[PartResult]:
        return [rubric.score_checklist(self.checklist, self.tiles.selected())]

    def answer_of(self, part: str) -> object:
        return self.tiles.selected()

    def ticked(self) -> dict[str, bool]:
        chosen = set(self.tiles.selected())
        return {item.id: item.id in chosen for item in self.checklist.items}

    def speech_text(self) -> str:
        return self.tiles.speech_text()

    def help_text(self) -> str:
        return _("Tick what you did. Be honest: this list is for you. Then tap the green button.")


class RehearsalScreen(PracticeScreen):
    task = "rehearsal"
    track_id = "live"
    recorder_factory: type[Recorder] = Recorder  # tests put a fake microphone here

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.recorder: Recorder | None = None
        self.saved: list[str] = []  # rehearsals recorded in this try

    def title(self) -> str:
        return lesson_text(self.practice.rehearsal.title) if self.practice.rehearsal else ""

    def start(self, session: LearnerSession) -> None:
        self.saved = []
        super().start(session)

    def build_pages(self) -> list[Page]:
        rehearsal = self.practice.rehearsal
        assert rehearsal is not None
        if self.recorder is None:
            self.recorder = self.recorder_factory(self)
        return [RehearsePage(rehearsal, self.recorder, self),
                *(ChecklistPage(c) for c in rehearsal.checklists)]

    def take_path(self) -> Path:
        assert self.session is not None
        return rehearsal_store.take_path(self.session.conn)

    def keep_recording(self, take: Path, seconds: float) -> bool:
        assert self.session is not None
        try:
            self.saved.append(rehearsal_store.save_rehearsal(self.session.conn, self.session.learner.id,
                                                             take, seconds))
        except (OSError, ValueError):
            return False
        return True

    def overall(self, results) -> float:
        return rubric.score_rehearsal(self.practice.rehearsal, self.ticked()).score  # type: ignore[arg-type]

    def ticked(self) -> list[str]:
        return [item for page in self.pages if isinstance(page, ChecklistPage)
                for item, on in page.ticked().items() if on]

    def finished(self) -> None:
        """The self-check goes with this try's recordings, for the trainer who rates them."""
        assert self.session is not None
        checklist = {item: on for page in self.pages if isinstance(page, ChecklistPage)
                     for item, on in page.ticked().items()}
        for rehearsal_id in self.saved:
            rehearsal_store.set_checklist(self.session.conn, rehearsal_id, checklist)
