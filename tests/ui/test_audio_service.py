"""The audio service's order: a recorded voice, else text-to-speech in the language, else a plain
message; and a hanging engine never freezes the interface. Qt's `mock` engine speaks English
only (en_GB, en_US, Norwegian, Finnish voices), which gives both "a voice" and "no voice"."""

from __future__ import annotations

import sys
import time

import pytest
from PySide6.QtCore import QProcess, QTimer

from ecom_trainer import i18n
from ecom_trainer.ui.screen import Reading
from ecom_trainer.ui.speech import Speaker, pick_voice
from tests.store.test_recordings import tone


@pytest.fixture
def speaker(qtbot):
    made: list[Speaker] = []

    def make(**kwargs) -> Speaker:
        s = Speaker(engine="mock", **kwargs)
        s.messages = []
        s.status.connect(s.messages.append)
        made.append(s)
        return s

    yield make
    for s in made:
        s.shutdown()


def wait_finished(qtbot, s: Speaker, timeout: int = 15000) -> None:
    with qtbot.waitSignal(s.finished, timeout=timeout):
        pass


def test_a_recorded_voice_wins_and_no_engine_is_started(qtbot, speaker, tmp_path):
    audio = tone(tmp_path / "voice.wav", 300)
    s = speaker(find_voice=lambda unit, key: audio if (unit, key) == ("l1", "steps[0].text") else None)
    with qtbot.waitSignal(s.finished, timeout=10000):
        s.speak("Step one", ("l1", "steps[0].text"))
    assert s.last_source == "recording"
    assert s.messages == ["Playing the trainer's voice…"]
    assert s._player.source().toLocalFile() == str(audio)
    assert s._host is None  # text-to-speech was not even started


def test_without_a_recording_text_to_speech_reads_in_the_language(qtbot, speaker, tmp_path):
    s = speaker(find_voice=lambda unit, key: None)
    with qtbot.waitSignal(s.finished, timeout=15000):
        s.speak("Step one", ("l1", "steps[0].text"))
    assert s.last_source == "tts"
    assert s.messages[-1] == "Reading aloud…"
    assert pick_voice(s._voices, "en")["locale"].startswith("en_")


def test_without_a_voice_for_the_language_the_learner_is_told(qtbot, speaker):
    i18n.set_language("zh_CN")  # the mock engine has no Chinese voice
    s = speaker()
    with qtbot.waitSignal(s.finished, timeout=15000):
        s.speak("第一步")
    assert s.last_source == "none"
    assert s.messages[-1] == i18n.gettext("No voice for this language is installed.")
    broken = speaker(host=[sys.executable, "-c", "import sys; sys.exit(3)"])  # no engine at all
    with qtbot.waitSignal(broken.finished, timeout=15000):
        broken.speak("Hello")
    assert broken.messages[-1] == Speaker.no_voice_message() and broken.last_source == "none"


def test_recorded_parts_play_in_their_voice_the_rest_by_text_to_speech(qtbot, speaker, tmp_path):
    audio = tone(tmp_path / "prompt.wav", 200)
    s = speaker(find_voice=lambda unit, key: audio if key == "questions[q1].prompt" else None)
    sent: list[dict] = []
    send = s._send
    s._send = lambda command: (sent.append(command), send(command))
    with qtbot.waitSignal(s.finished, timeout=15000):
        s.speak_parts([Reading("Which is best?", "l1", "questions[q1].prompt"),
                       Reading("A plain cloth", "l1", "questions[q1].options[a].text"),
                       Reading("A newspaper", "l1", "questions[q1].options[b].text")])
    assert s.messages[0] == "Playing the trainer's voice…" and s.messages[-1] == "Reading aloud…"
    assert [c["say"] for c in sent if "say" in c] == ["A plain cloth. A newspaper"]  # one sentence


def test_a_damaged_recording_is_read_by_text_to_speech_instead(qtbot, speaker, tmp_path):
    damaged = tmp_path / "damaged.wav"
    damaged.write_bytes(b"RIFF" + bytes(range(256)) * 8)
    s = speaker(find_voice=lambda unit, key: damaged)
    with qtbot.waitSignal(s.finished, timeout=15000):
        s.speak("Step one", ("l1", "steps[0].text"))
    assert s.last_source == "tts"


HANGS_ON_SAY = """
import json, sys, time
print(json.dumps({"event": "ready", "voices": [{"name": "Bob", "locale": "en_GB", "language": "English"}]}), flush=True)
sys.stdin.readline()
time.sleep(600)  # say() never returns, as speech-dispatcher's does without an audio device
"""


def responsive_while(qtbot, s: Speaker, action, timeout: int = 15000) -> tuple[float, int]:
    """Run `action`; return how long it blocked and how often a 20 ms timer fired until done."""
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    started = time.monotonic()
    with qtbot.waitSignal(s.finished, timeout=timeout):
        action()
        blocked = time.monotonic() - started
    timer.stop()
    return blocked, len(ticks)


def test_an_engine_that_hangs_in_say_times_out_and_the_interface_stays_responsive(qtbot, speaker):
    s = speaker(host=[sys.executable, "-c", HANGS_ON_SAY])
    s.ack_timeout_ms = 600
    blocked, ticks = responsive_while(qtbot, s, lambda: s.speak("Hello"))
    assert blocked < 0.1  # speak() returned at once
    assert ticks >= 15  # the event loop kept running while the engine hung (600 ms / 20 ms)
    assert s.messages[-1] == Speaker.no_voice_message()
    assert s._host is None  # the hanging host was killed
    hosts = s.findChildren(QProcess)
    qtbot.waitUntil(lambda: all(h.state() == QProcess.ProcessState.NotRunning for h in hosts), timeout=5000)
    started = time.monotonic()  # not tried again at once: the message comes straight away
    with qtbot.waitSignal(s.finished, timeout=1000):
        s.speak("Hello again")
    assert time.monotonic() - started < 0.5 and s.messages[-1] == Speaker.no_voice_message()


def test_an_engine_that_hangs_while_starting_times_out_too(qtbot, speaker):
    s = speaker(host=[sys.executable, "-c", "import time; time.sleep(600)"])
    s.start_timeout_ms = 600
    blocked, ticks = responsive_while(qtbot, s, lambda: s.speak("Hello"))
    assert blocked < 0.1 and ticks >= 15
    assert s.messages == ["Reading aloud…", Speaker.no_voice_message()]


def test_leaving_the_screen_while_the_engine_starts_still_times_it_out(qtbot, speaker):
    s = speaker(host=[sys.executable, "-c", "import time; time.sleep(600)"])
    s.start_timeout_ms = 500
    s.speak("Hello")
    s.stop()  # the learner tapped Home
    qtbot.waitUntil(lambda: s._host is None, timeout=5000)
    with qtbot.waitSignal(s.finished, timeout=1000):
        s.speak("Hello")
    assert s.messages[-1] == Speaker.no_voice_message()


def test_voices_are_matched_by_locale_then_by_name_for_speech_dispatcher():
    speechd = [{"name": "zh-yue", "locale": "C", "language": "C"},
               {"name": "Chinese (Mandarin)", "locale": "C", "language": "C"},
               {"name": "english-us", "locale": "C", "language": "C"}]
    assert pick_voice(speechd, "zh_CN")["name"] == "Chinese (Mandarin)"
    assert pick_voice(speechd, "en")["name"] == "english-us"
    assert pick_voice(speechd, "fr") is None
    local = [{"name": "Bob", "locale": "en_GB", "language": "English"},
             {"name": "Mary", "locale": "en_US", "language": "English"}]
    assert pick_voice(local, "en_US")["name"] == "Mary" and pick_voice(local, "en")["name"] == "Bob"


def test_each_system_gets_its_own_speech_engine():
    from ecom_trainer.ui.speech import default_engine

    assert default_engine("win32") == "sapi"
    assert default_engine("darwin") == "darwin"
    assert default_engine("linux") == "speechd"
