"""Read text aloud: a recorded voice if there is one, else text-to-speech, else say so plainly.

Quirk: Qt's speech-dispatcher backend can hang *inside the QTextToSpeech constructor* when the
machine has no audio device; no timer in this process can interrupt that. So before the first use
of an engine we start it in a child process (QProcess, asynchronous) with a deadline; only if it
answers in time do we create it here. The GUI never waits. Qt's `mock` engine needs no probe
(tests set ECOM_TRAINER_TTS_ENGINE=mock).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from ecom_trainer.i18n import current_language
from ecom_trainer.i18n import gettext as _

PROBE_TIMEOUT_MS = 5000
_PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication([])
tts = QTextToSpeech(sys.argv[1])
voices = [{"name": v.name(), "locale": v.locale().name(), "language": v.locale().language().name}
          for v in tts.availableVoices()]
print(json.dumps({"state": tts.state().name, "voices": voices}))
"""
# speech-dispatcher lists Mandarin voices under locale "C": match by words in the voice name too.
LANGUAGE_WORDS = {"zh": ("chinese", "mandarin", "zh", "cmn"), "en": ("english", "en")}


def pick_voice(voices: list[dict], language: str) -> str | None:
    """The name of the best voice for `language` (e.g. zh_CN), or None when none fits."""
    base = language.split("_")[0]
    words = LANGUAGE_WORDS.get(base, (base,))
    for voice in voices:
        if voice["locale"].split("_")[0] == base and voice["locale"] != "C":
            return voice["name"]
    for voice in voices:
        lowered = f"{voice['name']} {voice['language']}".lower()
        if any(w in lowered.replace("-", " ").split() or lowered.startswith(w) for w in words):
            return voice["name"]
    return None


class Speaker(QObject):
    """One per application. `status` carries a short message for the learner."""

    status = Signal(str)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_name = engine or os.environ.get("ECOM_TRAINER_TTS_ENGINE", "speechd")
        self._tts = None
        self._voices: list[dict] | None = None
        self._unavailable = False
        self._pending: str | None = None
        self._probe: QProcess | None = None
        self._player = None
        self.last_text = ""

    # -------------------------------------------------- public
    def speak(self, text: str, audio: Path | None = None) -> None:
        self.stop()
        self.last_text = text
        if audio is not None and audio.is_file():
            self._play_file(audio)
            return
        if self._unavailable:
            self.status.emit(self.no_voice_message())
            return
        if self._tts is None:
            self._pending = text
            self._start_engine()
            return
        self._say(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()
        if self._player is not None:
            self._player.stop()

    @staticmethod
    def no_voice_message() -> str:
        return _("No voice is installed on this computer. Ask your trainer to record one.")

    # -------------------------------------------------- engine start-up
    def _start_engine(self) -> None:
        if self.engine_name == "mock":
            self._create_engine([])
            return
        if self._probe is not None:
            return  # already probing; the pending text is spoken when it answers
        self._probe = QProcess(self)
        self._probe.finished.connect(self._probe_finished)
        self._probe.errorOccurred.connect(lambda *_: self._give_up())
        QTimer.singleShot(PROBE_TIMEOUT_MS, self._probe_timeout)
        self._probe.start(sys.executable, ["-c", _PROBE, self.engine_name])

    def _probe_timeout(self) -> None:
        if self._probe is not None and self._probe.state() != QProcess.ProcessState.NotRunning:
            self._probe.kill()
            self._give_up()

    def _probe_finished(self, code: int, _status: object) -> None:
        probe, self._probe = self._probe, None
        if probe is None or self._unavailable:
            return
        try:
            answer = json.loads(bytes(probe.readAllStandardOutput()).decode() or "{}")
        except ValueError:
            answer = {}
        if code != 0 or answer.get("state") != "Ready":
            self._give_up()
            return
        self._create_engine(answer.get("voices", []))

    def _create_engine(self, voices: list[dict]) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._tts = QTextToSpeech(self.engine_name, self)
        if self.engine_name == "mock":
            voices = [{"name": v.name(), "locale": v.locale().name(), "language": ""}
                      for v in self._tts.availableVoices()]
        self._voices = voices
        if self._pending is not None:
            text, self._pending = self._pending, None
            self._say(text)

    def _give_up(self) -> None:
        self._unavailable = True
        self._probe = None
        self._pending = None
        self.status.emit(self.no_voice_message())

    def _say(self, text: str) -> None:
        assert self._tts is not None
        name = pick_voice(self._voices or [], current_language())
        voice = next((v for v in self._tts.availableVoices() if v.name() == name), None)
        if voice is None and self.engine_name != "mock":
            self.status.emit(_("No voice for this language is installed."))
            return
        if voice is not None:
            self._tts.setVoice(voice)
        self._tts.say(text)
        self.status.emit(_("Reading aloud…"))

    def _play_file(self, audio: Path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        if self._player is None:
            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
        self._player.setSource(QUrl.fromLocalFile(str(audio)))
        self._player.play()
        self.status.emit(_("Playing the trainer's voice…"))
