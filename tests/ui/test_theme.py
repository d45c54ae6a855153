"""Older eyes: real widgets measured against the age-friendly numbers."""

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from ecom_trainer.store.learners import list_learners
from ecom_trainer.ui.theme import PALETTES, contrast_ratio, text_pairs


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_text_pair_has_aaa_contrast(name):
    for pair, (fg, bg) in text_pairs(PALETTES[name]).items():
        assert contrast_ratio(fg, bg) >= 7.0, (name, pair)


def test_contrast_formula():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def visible_labels(widget):
    return [w for w in widget.findChildren(QLabel) if w.isVisible() and w.text()]


def test_learner_screens_text_and_buttons_are_big(qtbot, window, db, curriculum):
    window.open_learner(list_learners(db)[0])
    lesson = curriculum.lessons_of(curriculum.tracks[0])[0]
    screens = [window.picker, window.home]
    window.start_unit(window.session.lesson_unit(lesson.id), len(lesson.steps))
    screens.append(window.player)
    for screen in screens:
        window.stack.setCurrentWidget(screen)
        qtbot.wait(10)
        for label in visible_labels(screen):
            assert label.font().pointSizeF() >= 18, (screen, label.text())
        for button in screen.findChildren(QAbstractButton):
            if button.isVisible():
                assert button.width() >= 44 and button.height() >= 44, button.objectName()
        for button in (screen.nav.listen_button, screen.nav.help_button):
            assert button.width() >= 60 and button.height() >= 60
    assert window.player.primary.height() >= 60 and window.player.primary.width() >= 60
