"""The trainer's Voices screen, driven offscreen: texts in order with their state, the
no-microphone path (this machine has none), a finished take saved, Play, Delete, and voices
carried in one file."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from ecom_trainer import i18n
from ecom_trainer.content.item_keys import step_key, unit_texts, units
from ecom_trainer.store.db import open_database
from ecom_trainer.store.recordings import (
    list_recordings,
    recordings_folder,
    save_recording,
    take_path,
)
from ecom_trainer.ui.trainer.overview import TrainerOverview
from ecom_trainer.ui.trainer.voices import VoicesScreen
from tests.store.test_recordings import tone


@pytest.fixture
def voices(window, qtbot):
    window._show_overview()
    overview = window.stack.currentWidget()
    assert isinstance(overview, TrainerOverview)
    overview.findChild(QPushButton, "trainer_voices").click()
    screen = window.stack.currentWidget()
    assert isinstance(screen, VoicesScreen)
    return screen


def cells(screen: VoicesScreen, column: int) -> list[str]:
    return [screen.table.item(r, column).text() for r in range(screen.table.rowCount())]


def lesson_of(curriculum):
    return next(iter(curriculum.lessons.values()))


def test_every_unit_is_listed_with_its_texts_in_order(voices, curriculum):
    listed = [voices.units.item(r) for r in range(voices.units.count())]
    assert len(listed) == len(units(curriculum))
    assert listed[0].text().startswith("First quiz: ")  # a track starts with its first quiz
    first = units(curriculum)[0][0]
    texts = unit_texts(curriculum, first)
    assert cells(voices, 1) == [t.text for t in texts]
    assert set(cells(voices, 2)) == {"— Not recorded"}
    lesson = lesson_of(curriculum)
    voices.choose_unit(lesson.id)
    assert cells(voices, 0)[0] == "Step 1" and cells(voices, 1)[0] == lesson.steps[0].text
    assert f"questions[{lesson.questions[0].id}].explanation" in [t.key for t in voices.texts]


def test_without_a_microphone_record_says_so_and_changes_nothing(window, db, curriculum, qtbot, monkeypatch):
    # as on this machine and many centre PCs (patched, so a PC with a microphone tests it too)
    monkeypatch.setattr(VoicesScreen, "has_microphone", staticmethod(lambda: False))
    voices = VoicesScreen(db, curriculum)
    qtbot.addWidget(voices)
    assert voices.status.text() == VoicesScreen.no_microphone_message()  # said when the page opens
    voices.status.setText("")
    voices.choose_unit(lesson_of(curriculum).id)
    voices.table.selectRow(0)
    assert voices.record_button.isEnabled() and not voices.stop_button.isEnabled()
    voices.record_button.click()
    assert voices.status.text() == VoicesScreen.no_microphone_message()
    assert "microphone" in voices.status.text()
    assert list_recordings(db) == []
    folder = recordings_folder(db)
    assert not folder.exists() or list(folder.iterdir()) == []  # no take left behind
    assert voices.record_button.isEnabled()  # plug one in and press again


def test_a_finished_take_becomes_the_voice_of_its_text(voices, db, curriculum):
    lesson = lesson_of(curriculum)
    voices.choose_unit(lesson.id)
    voices.table.selectRow(1)
    take = tone(take_path(db, ".wav"), 800)
    voices.save_take(step_key(1), take, 800)
    [saved] = list_recordings(db)
    assert (saved.lesson_id, saved.item_key, saved.language, saved.duration_ms) == (lesson.id, step_key(1), "en", 800)
    assert not take.exists() and (recordings_folder(db) / saved.file).is_file()
    assert voices.status.text() == "Saved (0.8 s)."
    assert cells(voices, 2)[1] == "✓ Recorded (0.8 s)" and cells(voices, 2)[0] == "— Not recorded"
    assert voices.units.currentItem().text().endswith(f"(1/{len(voices.texts)})")
    assert voices.selected().key == step_key(1)
    assert voices.record_button.text() == "Record again" and voices.play_button.isEnabled()
    short = tone(take_path(db, ".wav"), 100)
    voices.save_take(step_key(2), short, 100)  # Record and Stop tapped at once
    assert "Nothing was recorded" in voices.status.text() and not short.exists()
    assert len(list_recordings(db)) == 1


def test_play_then_delete(voices, db, curriculum, tmp_path, qtbot, monkeypatch):
    lesson = lesson_of(curriculum)
    saved = save_recording(db, lesson.id, step_key(0), "en", tone(tmp_path / "v.wav", 400), 400)
    voices.choose_unit(lesson.id)
    voices.show_unit()
    voices.table.selectRow(0)
    voices.play_button.click()
    assert voices._player.source().toLocalFile() == str(recordings_folder(db) / saved.file)
    assert voices.status.text() == "Playing…"
    qtbot.waitUntil(lambda: voices.stop_button.isEnabled(), timeout=5000)  # playing: Stop can stop it
    voices.stop_button.click()
    qtbot.waitUntil(lambda: not voices.stop_button.isEnabled(), timeout=5000)
    monkeypatch.setattr(VoicesScreen, "confirm", lambda self, question: False)
    voices.delete_button.click()
    assert len(list_recordings(db)) == 1  # the trainer said no
    monkeypatch.setattr(VoicesScreen, "confirm", lambda self, question: True)
    voices.delete_button.click()
    assert list_recordings(db) == [] and not (recordings_folder(db) / saved.file).exists()
    assert cells(voices, 2)[0] == "— Not recorded" and not voices.play_button.isEnabled()


def test_voices_go_to_another_pc_in_one_file(voices, db, curriculum, tmp_path, qtbot):
    lesson = lesson_of(curriculum)
    save_recording(db, lesson.id, step_key(0), "en", tone(tmp_path / "v.wav"), 300)
    target = tmp_path / "voices.ecomvoices"
    voices.export_to(target)
    assert voices.status.text() == f"Saved 1 voices to {target}."
    other = open_database(tmp_path / "pc2" / "ecom-trainer.sqlite3")
    try:
        second = VoicesScreen(other, curriculum)
        qtbot.addWidget(second)
        second.import_from(target)
        assert second.status.text().startswith("1 voices added, 0 replaced, 0 already here.")
        assert [r.item_key for r in list_recordings(other)] == [step_key(0)]
        (tmp_path / "bad.ecomvoices").write_bytes(b"PK\x03\x04 not really")
        second.import_from(tmp_path / "bad.ecomvoices")
        assert second.status.text().startswith("This file was not used; nothing changed.")
        assert len(list_recordings(other)) == 1
    finally:
        other.close()


def test_in_chinese_the_texts_are_chinese_and_voices_are_filed_as_chinese(window, db, curriculum, qtbot):
    i18n.set_language("zh_CN", curriculum.source_language)
    screen = VoicesScreen(db, curriculum)
    qtbot.addWidget(screen)
    lesson = lesson_of(curriculum)
    screen.choose_unit(lesson.id)
    assert cells(screen, 1)[0] == i18n.lesson_text(lesson.steps[0].text) != lesson.steps[0].text
    screen.save_take(step_key(0), tone(take_path(db, ".wav"), 500), 500)
    assert [r.language for r in list_recordings(db)] == ["zh_CN"]


def test_back_returns_to_the_trainer_page(voices, window):
    voices.findChild(QPushButton, "voices_back").click()
    assert isinstance(window.stack.currentWidget(), TrainerOverview)
