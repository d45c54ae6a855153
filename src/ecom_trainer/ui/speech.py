"""The audio service: read a text aloud, choosing in this order
1. the recorded voice of that text in the current language (a trainer's, or the lesson pack's),
   played with QMediaPlayer;
2. Qt text-to-speech with a voice of that language;
3. otherwise a plain message that no voice is installed.

Speech never blocks the interface. Qt's speech-dispatcher backend can hang, in its constructor or
in say(), when the machine has no audio device, and no timer in the hanging thread can interrupt
that. So the engine lives in a child process (the "speech host", started with QProcess on first
use) that takes one JSON line per command on stdin and reports the engine's states on stdout. Every
step has a deadline on our side: the host must be ready within START_TIMEOUT_MS and answer a
`say` within ACK_TIMEOUT_MS, a recording must start playing within PLAY_TIMEOUT_MS. A host that
misses a deadline is killed, and speech is not tried again for RETRY_AFTER_S.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from ecom_trainer.i18n import current_language
from ecom_trainer.i18n import gettext as _
from ecom_trainer.ui.screen import Reading

START_TIMEOUT_MS = 8000  # a cold start of Python and Qt on a slow centre PC takes seconds
ACK_TIMEOUT_MS = 3000
PLAY_TIMEOUT_MS = 3000
RETRY_AFTER_S = 60.0

# The speech host: self-contained, so that a frozen bundle runs it with `-c` too.
HOST = r"""
import json, sys, threading
from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

def send(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()

class Commands(QObject):
    line = Signal(str)

app = QCoreApplication([])
tts = QTextToSpeech(sys.argv[1])
if tts.state() == QTextToSpeech.State.Error:
    send(event="error", message=tts.errorString())
    sys.exit(1)
voices, seen = [], set()
for locale in [tts.locale(), *tts.availableLocales()]:
    tts.setLocale(locale)
    for v in tts.availableVoices():
        if (v.name(), v.locale().name()) not in seen:
            seen.add((v.name(), v.locale().name()))
            voices.append({"name": v.name(), "locale": v.locale().name(),
                           "language": QLocale.languageToString(v.locale().language())})
tts.stateChanged.connect(lambda s: send(event="state", state=s.name))
tts.errorOccurred.connect(lambda r, m: send(event="error", message=m))

def run(line):
    command = json.loads(line)
    if "say" in command:
        tts.setLocale(QLocale(command["locale"]))
        for v in tts.availableVoices():
            if v.name() == command["voice"]:
                tts.setVoice(v)
        tts.say(command["say"])
    elif "stop" in command:
        tts.stop()
    elif "quit" in command:
        app.quit()

commands = Commands()
commands.line.connect(run)

def read():
    for line in sys.stdin:
        commands.line.emit(line)
    commands.line.emit('{"quit": 1}')  # the program closed our stdin: it is gone

threading.Thread(target=read, daemon=True).start()
send(event="ready", voices=voices)
app.exec()
"""

# speech-dispatcher lists Mandarin voices under locale "C": match by words in the voice's name
# and language too, best words first (Mandarin before any Chinese, e.g. Cantonese).
LANGUAGE_WORDS = {"zh": ("mandarin", "cmn", "chinese", "zh"), "en": ("english", "en")}


def default_engine(platform: str = sys.platform) -> str:
    """Qt's text-to-speech plugin for this system: SAPI on Windows (present on every version the
    installer supports; "winrt" needs Windows 10 voices), the system voices on macOS, and
    speech-dispatcher on Linux (the Debian default; hangs without audio, hence the child process)."""
    if platform.startswith("win"):
        return "sapi"
    if platform == "darwin":
        return "darwin"
    return "speechd"


def pick_voice(voices: list[dict], language: str) -> dict | None:
    """The best voice for `language` (e.g. zh_CN), or None when none fits."""
    base = language.split("_")[0]
    for voice in voices:  # the exact locale, then the language with another region
        if voice["locale"] == language:
            return voice
    for voice in voices:
        if voice["locale"].split("_")[0] == base and voice["locale"] != "C":
            return voice
    for word in LANGUAGE_WORDS.get(base, (base,)):
        for voice in voices:
            words = re.split(r"[^a-z]+", f"{voice['name']} {voice['language']}".lower())
            if word in words:
                return voice
    return None


class Speaker(QObject):
    """One per application. `status` carries a short message for the learner; `finished` says
    everything asked for was read (or skipped, or stopped)."""

    status = Signal(str)
    finished = Signal()

    def __init__(self, engine: str | None = None, parent: QObject | None = None,
                 find_voice: Callable[[str, str], Path | None] | None = None,
                 host: list[str] | None = None) -> None:
        super().__init__(parent)
        self.engine_name = engine or os.environ.get("ECOM_TRAINER_TTS_ENGINE", default_engine())
        self.find_voice = find_voice or (lambda _unit, _key: None)
        self.host_command = host or [sys.executable, "-c", HOST, self.engine_name]
        self.start_timeout_ms, self.ack_timeout_ms, self.play_timeout_ms = \
            START_TIMEOUT_MS, ACK_TIMEOUT_MS, PLAY_TIMEOUT_MS
        self._host: QProcess | None = None
        self._host_ready = False
        self._voices: list[dict] = []
        self._failed_at: float | None = None
        self._buffer = b""
        self._queue: list[tuple[str, str, Path | None]] = []  # ("file" | "tts", text, recording)
        self._current: tuple[str, str, Path | None] | None = None
        self._spoke = False  # the host said Speaking for the current text
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._missed_deadline)
        # its own timer: stop() (the learner moved on) must not cancel the check on a starting host
        self._start_deadline = QTimer(self)
        self._start_deadline.setSingleShot(True)
        self._start_deadline.timeout.connect(lambda: None if self._host_ready else self._give_up())
        self._player = None
        self.last_text = ""
        self.last_source = ""  # "recording", "tts" or "none": what the last part used

    # -------------------------------------------------- public
    def speak(self, text: str, key: tuple[str, str] | None = None) -> None:
        """Read `text`; `key` (unit id, item key) names lesson text a trainer may have recorded."""
        self.speak_parts([Reading(text, *key) if key else Reading(text)])

    def speak_parts(self, parts: Iterable[Reading]) -> None:
        """Read several texts one after the other: each recorded one in its recorded voice,
        the others (joined) by text-to-speech. Returns at once."""
        self.stop()
        parts = [p for p in parts if p.text.strip()]
        self.last_text = ". ".join(p.text for p in parts)
        for part in parts:
            audio = self.find_voice(part.unit_id, part.key) if part.key else None
            if audio is not None:
                self._queue.append(("file", part.text, audio))
            elif self._queue and self._queue[-1][0] == "tts":  # one flowing sentence for TTS
                self._queue[-1] = ("tts", f"{self._queue[-1][1]}. {part.text}", None)
            else:
                self._queue.append(("tts", part.text, None))
        self._next()

    def stop(self) -> None:
        self._queue.clear()
        self._current = None
        self._deadline.stop()
        if self._player is not None:
            self._player.stop()
        if self._host_ready:
            self._send({"stop": True})

    def shutdown(self) -> None:
        """Stop the speech host (the program is closing)."""
        self.stop()
        if self._host is not None:
            host, self._host = self._host, None
            host.kill()
            host.waitForFinished(1000)

    def busy(self) -> bool:
        return self._current is not None

    @staticmethod
    def no_voice_message() -> str:
        return _("No voice is installed on this computer. Ask your trainer to record one.")

    # -------------------------------------------------- the queue
    def _next(self) -> None:
        self._deadline.stop()
        if not self._queue:
            was_busy, self._current = self._current is not None, None
            if was_busy:
                self.finished.emit()
            return
        self._current = self._queue.pop(0)
        kind, text, audio = self._current
        if kind == "file" and audio is not None:
            self._play_file(audio)
        else:
            self._say(text)

    def _skip(self, message: str) -> None:
        self.last_source = "none"
        self.status.emit(message)
        self._next()

    # -------------------------------------------------- recorded voices
    def _play_file(self, audio: Path) -> None:
        from PySide6.QtCore import QUrl

        if self._player is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
            self._player.mediaStatusChanged.connect(self._media_status)
            self._player.playbackStateChanged.connect(self._playback_state)
            self._player.errorOccurred.connect(lambda *_: self._recording_failed())
        self.last_source = "recording"
        self._deadline.start(self.play_timeout_ms)
        self._player.setSource(QUrl.fromLocalFile(str(audio)))
        self._player.play()
        self.status.emit(_("Playing the trainer's voice…"))

    def _playback_state(self, state) -> None:
        if self._current and self._current[0] == "file" and state == self._player.PlaybackState.PlayingState:
            # playing: the deadline now covers the recording's length, with room to spare
            self._deadline.start(max(self._player.duration(), 0) + 5000 if self._player.duration() > 0 else 600_000)

    def _media_status(self, status) -> None:
        if self._current and self._current[0] == "file" and status == self._player.MediaStatus.EndOfMedia:
            self._next()

    def _recording_failed(self) -> None:
        """A recording that cannot be played (damaged, or no start in time): the computer's
        voice reads its text instead."""
        if self._current and self._current[0] == "file":
            self._deadline.stop()
            self._player.stop()
            self._current = ("tts", self._current[1], None)
            self._say(self._current[1])

    # -------------------------------------------------- text-to-speech
    def _tts_failed_recently(self) -> bool:
        return self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S

    def _say(self, text: str) -> None:
        if self._tts_failed_recently():
            self._skip(self.no_voice_message())
            return
        if not self._host_ready:
            self._start_host()  # the text is said when the host is ready
            return
        voice = pick_voice(self._voices, current_language())
        if voice is None:
            self._skip(_("No voice for this language is installed."))
            return
        self.last_source = "tts"
        self._spoke = False
        self._send({"say": text, "voice": voice["name"], "locale": voice["locale"]})
        self._deadline.start(self.ack_timeout_ms)
        self.status.emit(_("Reading aloud…"))

    def _start_host(self) -> None:
        if self._host is not None:
            return  # starting already
        self.status.emit(_("Reading aloud…"))  # it will, once the engine is up (or say why not)
        self._host = QProcess(self)
        self._host.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self._host.readyReadStandardOutput.connect(self._host_output)
        self._host.finished.connect(self._host_finished)
        self._host.errorOccurred.connect(self._host_error)
        self._start_deadline.start(self.start_timeout_ms)
        self._host.start(self.host_command[0], self.host_command[1:])

    def _send(self, command: dict) -> None:
        if self._host is not None:
            self._host.write((json.dumps(command, ensure_ascii=False) + "\n").encode())

    def _host_output(self) -> None:
        host = self.sender()
        if host is not self._host or self._host is None:
            return
        self._buffer += bytes(self._host.readAllStandardOutput())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            try:
                event = json.loads(line)
            except ValueError:
                continue  # a library's chatter on stdout
            if isinstance(event, dict):
                self._host_event(event)

    def _host_event(self, event: dict) -> None:
        kind = event.get("event")
        if kind == "ready" and not self._host_ready:
            self._host_ready = True
            self._voices = [v for v in event.get("voices", []) if isinstance(v, dict) and "name" in v]
            self._start_deadline.stop()
            if self._current and self._current[0] == "tts":
                self._say(self._current[1])
        elif kind == "state" and self._current and self._current[0] == "tts":
            if event.get("state") == "Speaking":
                self._spoke = True
                self._deadline.start(10_000 + 400 * len(self._current[1]))  # a slow reader's pace
            elif event.get("state") == "Ready" and self._spoke:
                self._next()
        elif kind == "error" and self._current and self._current[0] == "tts" and self._host_ready:
            self._skip(self.no_voice_message())

    def _missed_deadline(self) -> None:
        if self._current is None:
            return
        if self._current[0] == "file":
            self._recording_failed()
            return
        if self._spoke:  # spoke but never said it had finished: go on
            self._send({"stop": True})
            self._next()
            return
        self._give_up()

    def _give_up(self) -> None:
        """The engine did not answer in time (or could not start): kill it, say so, go on."""
        self._failed_at = time.monotonic()
        self._start_deadline.stop()
        host, self._host = self._host, None
        self._host_ready = False
        self._buffer = b""
        if host is not None:
            host.kill()  # asynchronous: the finished signal comes later, and is ignored
        if self._current and self._current[0] == "tts":
            self._skip(self.no_voice_message())

    def _host_finished(self, *_args) -> None:
        if self.sender() is self._host:
            self._give_up()

    def _host_error(self, error) -> None:
        if self.sender() is self._host and error == QProcess.ProcessError.FailedToStart:
            self._give_up()
