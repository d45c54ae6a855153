"""Hands-on practice driven by clicks, from the home card to each task's summary; every checked
rubric part is an attempt in the database with its skills."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from ecom_trainer.store import rehearsals as rehearsal_store
from ecom_trainer.store.attempts import attempts_of
from ecom_trainer.store.learners import list_learners
from ecom_trainer.ui.learner.practice import rehearsal as rehearsal_ui
from ecom_trainer.ui.widgets import paginate


def click(qtbot, widget):
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def child(parent, name, cls=QPushButton):
    found = parent.findChild(cls, name)
    assert found is not None, name
    return found


def keys(qtbot, screen, text: str) -> None:
    for key in text:
        click(qtbot, child(screen.stack.currentWidget(), f"key_{key}"))


def feedback_lines(screen) -> list[str]:
    return [w.text() for w in screen.feedback.line_labels]


def finish_feedback(qtbot, screen) -> None:
    """Through every page of the feedback: More, then Next or Finish."""
    while screen.mode == "feedback" and screen.feedback.has_more:
        assert screen.primary.text() == "More"
        click(qtbot, screen.primary)
    click(qtbot, screen.primary)


@pytest.fixture
def learner(window, db):
    found = list_learners(db)[-1]
    click_learner = window.findChild(QPushButton, f"learner_{found.id}")
    click_learner.click()
    return found


def open_task(qtbot, window, name: str):
    click(qtbot, window.home.findChild(QPushButton, "practice_card"))
    assert window.stack.currentWidget() is window.practice
    click(qtbot, window.practice.tiles[name])
    screen = window.practice_task
    assert window.stack.currentWidget() is screen
    return screen


def practice_attempts(db, learner, task):
    """The attempts of one task in the order of the rubric's parts (one check records several in
    the same millisecond)."""
    found = [(a.question_id, round(a.score, 3), a.correct, a.skills, a.kind)
             for a in attempts_of(db, learner.id, f"practice:{task}")]
    order = ["photo", "title", "spec", "weight", "price", "materials", "steps", "billed", "cost", "cheaper",
             "setup", "opening"]
    return sorted(found, key=lambda f: (order.index(f[0].split(".")[-1]) if f[0].split(".")[-1] in order else 99, f[0]))


def test_the_home_card_opens_five_tasks_and_they_say_when_done(qtbot, window, db, learner):
    screen = open_task(qtbot, window, "scam")
    click(qtbot, screen.primary)  # nothing marked: an answer too
    finish_feedback(qtbot, screen)
    assert screen.mode == "summary"
    click(qtbot, screen.primary)  # back to practice
    menu = window.practice
    assert window.stack.currentWidget() is menu
    assert set(menu.tiles) == {"listing", "packing", "shipping", "rehearsal", "scam"}
    assert "Done" in menu.tiles["scam"].caption.text()
    assert "New" in menu.tiles["listing"].caption.text()
    click(qtbot, menu.nav.home_button)
    assert window.stack.currentWidget() is window.home


def test_make_a_listing(qtbot, window, db, learner):
    screen = open_task(qtbot, window, "listing")
    assert not screen.primary.isEnabled()  # nothing chosen yet
    click(qtbot, child(screen, "photo_clean"))
    click(qtbot, screen.primary)
    assert screen.mode == "feedback" and screen.feedback.verdict.text() == "✓ Right!"
    assert "Photo 1 is a good main photo" in feedback_lines(screen)[0]
    assert screen.status.text() == "Your answer is saved."
    click(qtbot, screen.primary)
    for word in ("place", "variety", "weight", "product", "best"):
        click(qtbot, child(screen, f"word_{word}"))
    assert screen.pages[1].preview.text() == "Your title: Dawu Red-skin 500g×2 Peanuts Best"
    assert child(screen, "word_best").caption.text() == "⑤ Best"
    click(qtbot, screen.primary)
    assert screen.feedback.verdict.text() == "◐ Partly right"
    assert feedback_lines(screen) == ["✗  “Best” is an absolute word. The Advertising Law bans it."]
    click(qtbot, screen.primary)
    click(qtbot, child(screen, "spec_kg"))
    click(qtbot, screen.primary)
    assert "500 kg is half a tonne" in feedback_lines(screen)[0]
    click(qtbot, screen.primary)
    keys(qtbot, screen, "1000")
    assert not screen.primary.isEnabled()  # the unit is still missing
    click(qtbot, child(screen, "unit_g"))
    click(qtbot, screen.primary)
    assert "1,000 g" in feedback_lines(screen)[0] and "1 kg" in feedback_lines(screen)[0]
    click(qtbot, screen.primary)
    keys(qtbot, screen, "32")  # packing left out
    click(qtbot, screen.primary)
    assert "You left out Box and bags" in feedback_lines(screen)[0]
    assert "16 + 3 + 8 + 2 + 6" in feedback_lines(screen)[0]
    assert screen.primary.text() == "Finish"
    click(qtbot, screen.primary)
    assert screen.mode == "summary"
    # photo 1, title 3/5, spec 0, weight 1, price 0.5: 3.1 / 5 = 0.62 -> 2 stars
    assert screen.summary.detail.text().startswith("2 of 3 stars. 2 of 5 points were right.")
    assert practice_attempts(db, learner, "listing") == [
        ("photo", 1.0, True, ("A1",), "practice"), ("title", 0.6, False, ("A2",), "practice"),
        ("spec", 0.0, False, ("A3",), "practice"), ("weight", 1.0, True, ("A3",), "practice"),
        ("price", 0.5, False, ("A4",), "practice")]
    title = next(a for a in attempts_of(db, learner.id, "practice:listing") if a.question_id == "title")
    assert title.answer == ["place", "variety", "weight", "product", "best"] and title.track_id == "listing"


def test_a_word_tapped_again_leaves_the_title(qtbot, window, learner):
    screen = open_task(qtbot, window, "listing")
    screen.show_page(1)
    page = screen.pages[1]
    for word in ("place", "phone", "variety"):
        click(qtbot, child(screen, f"word_{word}"))
    click(qtbot, child(screen, "word_phone"))
    assert page.order == ["place", "variety"]
    assert child(screen, "word_variety").caption.text() == "② Red-skin"
    assert child(screen, "word_phone").caption.text() == "138 0000 0000"


def test_pack_camellia_oil(qtbot, window, db, learner):
    screen = open_task(qtbot, window, "packing")
    click(qtbot, child(screen, "product_oil"))
    click(qtbot, screen.primary)  # Next: choosing the product is not scored
    assert screen.mode == "page" and screen.index == 1
    for material in ("tape", "bubble", "padding", "box", "air_holes"):
        click(qtbot, child(screen, f"material_{material}"))
    click(qtbot, screen.primary)
    assert "Not this: A box with air holes. Oil does not need air." in feedback_lines(screen)[0]
    click(qtbot, screen.primary)
    order_input = screen.pages[2].input
    right = ["seal", "wrap", "stand", "pad", "close"]
    for target, item in enumerate(right):  # selection sort with the ▲ buttons
        index = order_input.order.index(item)
        while index > target:
            click(qtbot, child(order_input, f"up_{index}"))
            index -= 1
    click(qtbot, screen.primary)
    assert feedback_lines(screen) == ["✓  Every step is in the right order."]
    click(qtbot, screen.primary)
    assert practice_attempts(db, learner, "packing") == [
        ("oil.materials", 0.8, False, ("C1",), "practice"), ("oil.steps", 1.0, True, ("C1",), "practice")]


def test_shipping_cost_then_the_next_parcel(qtbot, window, db, learner):
    screen = open_task(qtbot, window, "shipping")
    keys(qtbot, screen, "3")  # the scale weight: the size weight (5 kg) is larger
    click(qtbot, screen.primary)
    assert "That is the scale weight" in feedback_lines(screen)[0] and "5 kg" in feedback_lines(screen)[0]
    click(qtbot, screen.primary)
    page = screen.stack.currentWidget()
    assert "Billed weight: 5 kg" in page.speech_text()  # the right one, whatever was typed before
    click(qtbot, child(page, "field_a", QLineEdit))
    keys(qtbot, screen, "20")
    click(qtbot, child(page, "field_b", QLineEdit))
    keys(qtbot, screen, "27")
    assert child(page, "field_a", QLineEdit).text() == "20" and child(page, "field_b", QLineEdit).text() == "27"
    click(qtbot, screen.primary)
    assert feedback_lines(screen)[1].startswith("✗  Courier B: the first kilogram 7")
    click(qtbot, screen.primary)
    click(qtbot, child(screen, "courier_a"))
    click(qtbot, screen.primary)
    click(qtbot, screen.primary)
    assert practice_attempts(db, learner, "shipping") == [
        ("chestnuts.billed", 0.0, False, ("C2",), "practice"), ("chestnuts.cost", 0.5, False, ("C2",), "practice"),
        ("chestnuts.cheaper", 1.0, True, ("C2",), "practice")]
    click(qtbot, screen.again)  # Try again: the next parcel
    assert "A box of peanuts" in screen.stack.currentWidget().speech_text()


def test_a_number_that_is_not_a_number_is_refused_kindly(qtbot, window, learner):
    screen = open_task(qtbot, window, "shipping")
    keys(qtbot, screen, "1..2")
    assert not screen.primary.isEnabled()
    entry = screen.pages[0].entry
    assert entry.hint.text() == "Please type only a number."
    click(qtbot, child(screen.stack.currentWidget(), "key_back"))
    click(qtbot, child(screen.stack.currentWidget(), "key_back"))
    assert screen.primary.isEnabled() and entry.hint.text() == ""


def test_rehearsal_without_a_microphone(qtbot, window, db, learner, monkeypatch):
    monkeypatch.setattr(rehearsal_ui.Recorder, "available", lambda self: False)
    screen = open_task(qtbot, window, "rehearsal")
    page = screen.pages[0]
    assert page.mic_status.text() == "No microphone found. You can still say it out loud."
    assert not page.record.isEnabled()
    assert page.clock.text() == "0:00"
    page.started -= 3725  # an hour and more: the clock just counts on, nothing stops
    page.tick()
    assert page.clock.text() == "62:05" and screen.current_page() is page
    assert page.card_text.text().startswith("Say hello")
    click(qtbot, page.next_card)
    click(qtbot, page.next_card)
    assert page.card_count.text() == "Card 3 of 4"
    click(qtbot, screen.primary)  # Next: rehearsing is not scored
    assert not page.timer.isActive()  # the clock stops when the page is left
    for item in ("tripod", "light"):
        click(qtbot, child(screen, f"check_{item}"))
    click(qtbot, screen.primary)
    assert screen.feedback.verdict.text() == "You ticked 2 of 4. Thank you for checking honestly."
    assert feedback_lines(screen)[2] == "✗  Try it next time: The place was quiet, with a good signal"
    click(qtbot, screen.primary)
    for item in ("greet", "who", "show", "price"):
        click(qtbot, child(screen, f"check_{item}"))
    click(qtbot, screen.primary)
    finish_feedback(qtbot, screen)
    assert screen.mode == "summary"
    assert screen.summary.detail.text().startswith("2 of 3 stars.")  # 6 of 8 ticked
    assert practice_attempts(db, learner, "rehearsal") == [
        ("setup", 0.5, False, ("B1",), "practice"), ("opening", 1.0, True, ("B2",), "practice")]
    assert rehearsal_store.rehearsals_of(db, learner.id) == []  # nothing recorded, nothing stored


class FakeRecorder(rehearsal_ui.Recorder):
    """A microphone for tests: writes a small file and reports 12.5 seconds."""

    def available(self) -> bool:
        return True

    def start(self, path):
        self.path = path
        path.write_bytes(b"fake m4a")

    def stop(self) -> None:
        self.stopped.emit(self.path, 12.5)


def test_rehearsal_recording_is_kept_for_the_trainer(qtbot, window, db, learner, monkeypatch, tmp_path):
    monkeypatch.setattr(rehearsal_ui.RehearsalScreen, "recorder_factory", FakeRecorder)
    screen = open_task(qtbot, window, "rehearsal")
    page = screen.pages[0]
    click(qtbot, page.record)
    assert page.record.text() == "Stop recording"
    click(qtbot, page.record)
    assert page.mic_status.text() == "Your recording is saved. Your trainer can listen to it later."
    (saved,) = rehearsal_store.rehearsals_of(db, learner.id)
    path = rehearsal_store.audio_path(db, saved)
    assert path.read_bytes() == b"fake m4a" and path.parent == tmp_path / "rehearsals"
    assert saved.duration_s == 12.5 and saved.checklist == {}
    click(qtbot, page.record)  # recording while leaving the page: it is stopped and kept
    click(qtbot, screen.primary)
    assert len(rehearsal_store.rehearsals_of(db, learner.id)) == 2
    click(qtbot, child(screen, "check_tripod"))
    click(qtbot, screen.primary)
    click(qtbot, screen.primary)
    click(qtbot, child(screen, "check_price"))
    click(qtbot, screen.primary)
    finish_feedback(qtbot, screen)
    for record in rehearsal_store.rehearsals_of(db, learner.id):
        assert record.checklist["tripod"] and record.checklist["price"] and not record.checklist["greet"]
        assert len(record.checklist) == 8
    assert [r.id for r in rehearsal_store.unrated_rehearsals(db)]  # waiting for the trainer


def test_spot_the_scam(qtbot, window, db, learner):
    screen = open_task(qtbot, window, "scam")
    page = screen.pages[0]

    def mark(message, reason):
        click(qtbot, child(screen, f"message_{message}"))
        assert page.views.currentWidget() is page.why and not screen.primary.isEnabled()
        assert screen.prompt.text() == "Why is this message a trick?"
        click(qtbot, child(screen, f"reason_{reason}"))
        assert page.views.currentWidget() is page.chat and screen.primary.isEnabled()

    mark("m2", "fake_refund")
    mark("m3", "code")  # a trick, but not that one
    mark("m1", "brushing")
    mark("m1", "none")  # changed their mind
    mark("m6", "off_platform")
    assert "⚠ A trick: Payment outside the platform" in child(screen, "message_m6").caption.text()
    assert child(screen, "message_m6").isChecked() and not child(screen, "message_m1").isChecked()
    click(qtbot, screen.primary)
    lines = list(feedback_lines(screen))
    assert "Shop Service: well spotted!" in lines[1]
    finish_feedback(qtbot, screen)
    assert practice_attempts(db, learner, "scam") == [
        ("chestnut-shop.m1", 1.0, True, ("D2",), "practice"), ("chestnut-shop.m2", 1.0, True, ("D2",), "practice"),
        ("chestnut-shop.m3", 0.5, False, ("D2",), "practice"), ("chestnut-shop.m4", 1.0, True, ("D1",), "practice"),
        ("chestnut-shop.m5", 0.0, False, ("D2",), "practice"), ("chestnut-shop.m6", 1.0, True, ("D1",), "practice")]
    money = [a for a in attempts_of(db, learner.id, "practice:scam") if a.question_id.endswith("m6")]
    assert money[0].answer == "off_platform" and money[0].track_id == "money"


def test_listen_reads_the_page_and_the_feedback(qtbot, window, learner):
    screen = open_task(qtbot, window, "listing")
    text = screen.speech_text()
    assert text.startswith("Which photo should be the main photo") and "Photo 4" in text
    click(qtbot, child(screen, "photo_table"))
    click(qtbot, screen.primary)
    spoken = screen.speech_text()
    assert "busy background" in spoken and "The best main photo here is Photo 1" in spoken
    assert "✗" not in spoken


@pytest.mark.parametrize(("heights", "room", "pages"), [
    ([10, 10, 10], 100, [[0, 1, 2]]),
    ([40, 40, 40], 90, [[0, 1], [2]]),  # 40 + 5 + 40 = 85 fits, a third does not
    ([200, 10], 100, [[0], [1]]),  # too tall for any page: a page of its own
    ([], 100, []),
])
def test_paginate(heights, room, pages):
    assert paginate(heights, room, 5) == pages


def test_the_menu_says_when_a_task_is_broken(qtbot, window, learner, monkeypatch):
    from ecom_trainer.ui.learner.practice import menu

    real = menu.load_practice

    def broken(folder):
        practice = real(folder)
        practice.shipping = None
        return practice

    monkeypatch.setattr(menu, "load_practice", broken)
    click(qtbot, window.home.findChild(QPushButton, "practice_card"))
    tile = window.practice.tiles["shipping"]
    assert not tile.isEnabled() and "Not available now" in tile.caption.text()
    assert window.practice.tiles["listing"].isEnabled()
    QApplication.processEvents()


def fill(screen) -> None:
    """Give each kind of page an answer, so that Check can be tapped (no clicks: this test is
    about room, not behaviour)."""
    page = screen.stack.currentWidget()
    if getattr(page, "tiles", None) is not None and page.tiles.buttons:
        next(iter(page.tiles.buttons.values())).setChecked(True)
    entry = getattr(page, "entry", None)
    if entry is not None:
        for field in entry.fields.values():
            field.setText("1234")
        if entry.unit_buttons:
            next(iter(entry.unit_buttons.values())).setChecked(True)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_every_practice_screen_fits_without_clipping(qtbot, db, curriculum, language, scale):
    from ecom_trainer.app import build_window
    from ecom_trainer.store.demo import seed_demo
    from ecom_trainer.store.settings import set_setting
    from tests.ui.test_text_size import SCREEN, clipped, settle

    seed_demo(db, curriculum)
    set_setting(db, "text_scale", str(scale))
    window = build_window(db, lambda: curriculum, language)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    window.open_learner(list_learners(db)[-1])
    problems: list[str] = []

    def check(where: str) -> None:
        settle()
        if (window.width(), window.height()) != SCREEN:
            problems.append(f"{where}: the window grew to {window.width()} x {window.height()}")
            window.resize(*SCREEN)
        problems.extend(f"{where}: {p}" for p in clipped(window.stack.currentWidget()))

    window.open_practice()
    check("menu")
    for task in ("listing", "packing", "shipping", "rehearsal", "scam"):
        window.open_practice_task(task)
        screen = window.practice_task
        if task == "scam":  # the "why" view of a message
            screen.pages[0].ask_why("m2")
            check("scam why")
            screen.pages[0].answer_why("fake_refund")
        for _step in range(len(screen.pages)):
            check(f"{task} page {screen.index}")
            fill(screen)
            screen.on_primary()
            while screen.mode == "feedback":
                check(f"{task} page {screen.index} feedback {screen.feedback.page}")
                screen.on_primary()
        assert screen.mode == "summary", task
        check(f"{task} summary")
    assert not problems, f"{len(problems)} clipped at {scale:.0%} in {language}:\n" + "\n".join(problems[:25])


def test_back_leads_to_the_menu_and_home_home(qtbot, window, learner, monkeypatch):
    monkeypatch.setattr(rehearsal_ui.Recorder, "available", lambda self: False)
    screen = open_task(qtbot, window, "rehearsal")
    page = screen.pages[0]
    assert page.timer.isActive()
    click(qtbot, screen.nav.back_button)
    assert window.stack.currentWidget() is window.practice
    assert not page.timer.isActive()  # the clock stops with the screen
    click(qtbot, window.practice.tiles["packing"])
    click(qtbot, window.practice_task.nav.home_button)
    assert window.stack.currentWidget() is window.home
