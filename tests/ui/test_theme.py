"""Older eyes: real widgets measured against the age-friendly numbers, in both themes, at 100 %
and 200 % text: every kind of learner screen (ui/audit.py tours them, practice screens too)."""

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel, QPushButton

from ecom_trainer.app import build_window
from ecom_trainer.content.model import QUESTION_TYPES
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.learners import list_learners
from ecom_trainer.store.settings import set_setting
from ecom_trainer.ui.audit import Audit, settle, tour
from ecom_trainer.ui.theme import PALETTES, contrast_ratio, text_pairs


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_text_pair_has_aaa_contrast(name):
    for pair, (fg, bg) in text_pairs(PALETTES[name]).items():
        assert contrast_ratio(fg, bg) >= 7.0, (name, pair)


def test_contrast_formula():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def open_window(qtbot, db, curriculum, theme: str, scale: float, language: str = "zh_CN"):
    seed_demo(db, curriculum)
    set_setting(db, "text_scale", str(scale))
    set_setting(db, "theme", theme)
    window = build_window(db, lambda: curriculum, language)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_every_learner_screen_measures_up(qtbot, db, curriculum, theme, scale):
    """Text >= 18 pt times the text size, main buttons >= 60 x 60 px, other targets >= 44 x 44,
    and every text >= 7:1 against the colour it is drawn on, on every kind of learner screen."""
    window = open_window(qtbot, db, curriculum, theme, scale)
    audit = Audit(scale)
    seen = []
    for where in tour(window, db, curriculum):
        settle()
        audit.check(window.stack.currentWidget(), where)
        seen.append(where)
    assert not audit.problems, f"{len(audit.problems)} short:\n" + "\n".join(audit.problems[:30])
    assert audit.minimum("font_pt").value >= 18 * scale
    assert audit.minimum("main_targets").value >= 60 and audit.minimum("other_targets").value >= 44
    assert audit.minimum("contrast").value >= 7.0 and audit.minimum("disabled_contrast").value >= 7.0
    # the tour saw what it should: every question type with feedback, every practice task
    assert {f"{t} feedback" for t in QUESTION_TYPES} <= set(seen)
    tasks = {w.split(",")[0] for w in seen if w.startswith("practice ") and "page" in w}
    assert tasks == {f"practice {task}" for task in window.practice.tiles}
    assert len(audit.font_pt) > 500 and len(audit.contrast) > 500  # measured, not skipped


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_green_button_text_is_30_px_high(qtbot, db, curriculum, scale):
    window = open_window(qtbot, db, curriculum, "default", scale)
    window.open_learner(list_learners(db)[0])
    settle()
    for button in (window.home.continue_button, window.home.review_button, window.player.primary):
        assert QFontInfo(button.font()).pixelSize() >= 30 * scale, button.objectName()


def test_the_audit_finds_small_text_faint_text_and_small_targets(qtbot, db, curriculum):
    """The measures can fail: a label in 12 pt, grey on cream, and a 30 px button are caught."""
    window = open_window(qtbot, db, curriculum, "default", 1.0)
    picker = window.picker
    faint = QLabel("淡淡的小字", picker)
    faint.setStyleSheet("font-size: 12pt; color: #999999;")
    faint.setGeometry(300, 300, 300, 40)
    faint.show()
    tiny = QPushButton("x", picker)
    tiny.setStyleSheet("min-height: 0; min-width: 0; padding: 0; font-size: 20pt;")
    tiny.setGeometry(700, 300, 30, 30)
    tiny.show()
    settle()
    audit = Audit(1.0)
    audit.check(picker, "picker")
    found = "\n".join(audit.problems)
    assert "QLabel '淡淡的小字': 12 pt, less than 18 pt" in found
    assert "QLabel '淡淡的小字': contrast 2." in found
    assert "QPushButton 'x': 30 x 30 px" in found
    assert len(audit.problems) == 3, found


@pytest.mark.parametrize("theme", ["default", "high_contrast"])
def test_the_pickers_icons_are_there_in_both_themes(qtbot, db, curriculum, theme):
    """In the default theme the picker's unturning icons come from the stylesheet (no QIcon named in
    Python before the picker is up); in high contrast Python recolours them. Either way they show,
    drawn in the theme's text colour where the icon is dark."""
    from PySide6.QtGui import QColor

    from ecom_trainer.ui.theme import STYLESHEET_ICONS, current_palette

    window = open_window(qtbot, db, curriculum, theme, 1.0)
    window.show_picker()
    settle()
    picker = window.picker
    for button in (picker.nav.listen_button, picker.nav.help_button, picker.trainer_button):
        assert not button.icon().isNull(), button.objectName()
        picture = button.icon().pixmap(36, 36).toImage()
        pixels = [QColor(picture.pixel(x, y)) for x in range(36) for y in range(36)]
        if theme == "high_contrast":  # recoloured: light strokes (on black, or transparent)
            drawn = [c for c in pixels if c.alpha() > 200 and c.lightness() > 200]
        else:  # the icon's own dark strokes on transparent
            drawn = [c for c in pixels if c.alpha() > 200 and c.lightness() < 80]
        assert len(drawn) > 40, button.objectName()  # a drawn icon, not an empty one
    stylesheet_named = {b.property("icon_name") for b in picker.findChildren(QPushButton)} - {None}
    assert stylesheet_named == ({"listen", "help", "home", "lock"} & set(STYLESHEET_ICONS)
                                if current_palette().name == "default" else set())
