"""Right to left: Uyghur mirrors the whole learner UI (at start-up with the language stored, after
the picker's language button, after the trainer's settings), and the icons that point turn with
it; Chinese and English put it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from ecom_trainer import i18n
from ecom_trainer.app import build_window
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.learners import add_learner, list_learners
from ecom_trainer.store.settings import set_setting
from ecom_trainer.ui.widgets import POINTING, icon

RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight


def x_in_window(widget: QWidget) -> int:
    """The horizontal centre of `widget` in its window's coordinates, once the layouts have run."""
    QApplication.processEvents()
    return widget.mapTo(widget.window(), QPoint(widget.width() // 2, 0)).x()


def image(widget_icon, size: int = 72) -> QImage:
    return widget_icon.pixmap(size, size).toImage().convertToFormat(QImage.Format.Format_Alpha8)


def alphas(picture: QImage) -> list[bytes]:
    """The alpha of every pixel, row by row."""
    data, line = bytes(picture.constBits()), picture.bytesPerLine()
    return [data[y * line:y * line + picture.width()] for y in range(picture.height())]


def ink_centre(picture: QImage) -> float:
    """The horizontal centre of the drawn pixels, from 0 (left edge) to 1 (right edge)."""
    total = weighted = 0
    for row in alphas(picture):
        for x, alpha in enumerate(row):
            total += alpha
            weighted += alpha * x
    return weighted / total / (picture.width() - 1)


def differs(a: QImage, b: QImage) -> float:
    """The share of pixels whose alpha differs by more than a quarter (anti-aliasing aside)."""
    assert a.size() == b.size()
    bad = sum(abs(p - q) > 64 for row_a, row_b in zip(alphas(a), alphas(b), strict=True)
              for p, q in zip(row_a, row_b, strict=True))
    return bad / (a.width() * a.height())


def mirrored(picture: QImage) -> QImage:
    return picture.flipped(Qt.Orientation.Horizontal)


def open_window(qtbot, db, curriculum, language: str | None = None):
    win = build_window(db, lambda: curriculum, language)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.show_picker()
    return win


def test_a_stored_right_to_left_language_mirrors_the_learner_screens_from_the_start(qtbot, db, curriculum):
    seed_demo(db, curriculum)
    set_setting(db, "language", "ug")
    window = open_window(qtbot, db, curriculum)  # no --language: the stored one
    assert i18n.current_language() == "ug"
    assert QApplication.layoutDirection() == RTL and window.picker.isRightToLeft()
    middle = window.width() // 2
    picker = window.picker
    # left to right the trainer's button is the last on the right; mirrored, on the left
    assert x_in_window(picker.trainer_button) < x_in_window(picker.language_button) < middle
    window.open_learner(list_learners(db)[-1])
    nav = window.home.nav
    assert window.home.isRightToLeft()
    assert x_in_window(nav.home_button) > x_in_window(nav.back_button) > middle  # Home first, on the right
    assert x_in_window(nav.help_button) < middle
    # Back points right, the way back when reading from the right
    assert ink_centre(image(nav.back_button.icon())) > 0.5


def test_the_language_button_and_the_trainer_settings_set_and_reset_the_direction(qtbot, db, curriculum):
    seed_demo(db, curriculum)
    for n in range(6):  # two pages, so that the picker shows its arrows (they get icons when shown)
        add_learner(db, f"Learner {n}", "", "avatar-ox")
    window = open_window(qtbot, db, curriculum, "en")
    picker = window.picker
    assert picker.previous_page.icon().isNull()  # page 1 of 2: no way back, and no icon made for it
    picker.show_page(1)
    back_before = image(window.picker.previous_page.icon())
    assert QApplication.layoutDirection() == LTR and ink_centre(back_before) < 0.5

    picker.next_language = "ug"
    window.next_language()  # the picker's language button
    assert QApplication.layoutDirection() == RTL and picker.isRightToLeft()
    assert x_in_window(picker.trainer_button) < window.width() // 2
    # the picker was built left to right: its arrows were turned, not rebuilt
    assert differs(image(picker.previous_page.icon()), mirrored(back_before)) < 0.01
    assert ink_centre(image(picker.next_page.icon())) < 0.5  # Next points left

    picker.next_language = "zh_CN"
    window.next_language()
    assert QApplication.layoutDirection() == LTR and not picker.isRightToLeft()
    assert differs(image(picker.previous_page.icon()), back_before) < 0.01
    assert x_in_window(picker.trainer_button) > window.width() // 2

    set_setting(db, "language", "ug")  # what the trainer's settings save before applying them
    window.apply_settings()
    assert QApplication.layoutDirection() == RTL and window.picker.isRightToLeft()
    window.show_picker()
    window.picker.show_page(1)
    assert ink_centre(image(window.picker.previous_page.icon())) > 0.5
    set_setting(db, "language", "en")
    window.apply_settings()
    assert QApplication.layoutDirection() == LTR and not window.picker.isRightToLeft()
    window.show_picker()
    window.picker.show_page(1)
    assert ink_centre(image(window.picker.previous_page.icon())) < 0.5


@pytest.mark.parametrize("tint", [None, "#FFFFFF"])  # the plain icons and the green buttons' white ones
def test_only_pointing_icons_flip_right_to_left(qapp, tint):
    left_to_right = {name: image(icon(name, tint)) for name in ("back", "next", "listen", "play", "home")}
    QApplication.setLayoutDirection(RTL)
    for name, before in left_to_right.items():
        after = image(icon(name, tint))
        if name in POINTING:
            assert differs(after, mirrored(before)) < 0.01, name
            assert differs(after, before) > 0.05, name  # really turned, not symmetric
        else:
            assert differs(after, before) == 0, name
    assert ink_centre(image(icon("back", tint))) > 0.5 > ink_centre(image(icon("next", tint)))


def ink_columns(widget: QWidget) -> tuple[int, int]:
    """The first and last column where `widget` draws dark pixels (its text)."""
    picture = widget.grab().toImage()
    dark = [[(c := picture.pixelColor(x, y)).alpha() > 128 and c.lightness() < 100
             for y in range(0, picture.height(), 2)] for x in range(picture.width())]
    columns = [x for x, column in enumerate(dark) if any(column)]
    return columns[0], columns[-1]


def test_right_to_left_text_reads_from_the_right_even_when_a_line_starts_with_latin(qtbot):
    from ecom_trainer.ui.widgets import RLM, label

    QApplication.setLayoutDirection(RTL)
    # a Uyghur finding that quotes an English word first; English alone (not yet translated)
    mixed, english = label("✗  «Best» مۇتلەق سۆز.\n«Best» ئېلان قانۇنى"), label("Tap the words below.")
    for widget in (mixed, english):
        qtbot.addWidget(widget)
        widget.setStyleSheet("background: white; color: black;")
        widget.resize(900, 80)
        widget.show()
    assert all(line.startswith(RLM) for line in mixed.text().split("\n"))
    assert english.text() == "Tap the words below."
    first, last = ink_columns(mixed)
    assert last > 900 - 30 and first > 300  # set from the right edge
    assert ink_columns(english)[0] < 30  # English keeps to the left
    QApplication.setLayoutDirection(LTR)
    assert label("«Best» مۇتلەق سۆز.").text() == "«Best» مۇتلەق سۆز."  # only under a right-to-left layout


def test_a_match_answer_points_from_the_item_to_its_partner_in_reading_order():
    from ecom_trainer.ui.learner.quiz import paired

    assert paired("Net weight", "The food alone") == "Net weight → The food alone"
    i18n.set_language("ug")  # read from the right: the arrow points left, from the item to its partner
    assert paired("ساپ ئېغىرلىق", "يېمەكلىكنىڭ ئۆزى") == "ساپ ئېغىرلىق ← يېمەكلىكنىڭ ئۆزى"
