"""The picker's tiles paint their own picture and name (one widget each: start-up time). Checked
on the pixels they paint, since there is no label or picture widget left to ask."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton

from ecom_trainer.store.learners import list_learners
from ecom_trainer.ui.learner.picker import WRAP_ANYWHERE, LearnerTile
from ecom_trainer.ui.widgets import render_svg

RED = QColor("#C62828")


def painted(tile: LearnerTile, width: int = 240, height: int = 260) -> QImage:
    tile.resize(width, height)
    return tile.grab().toImage()


def colours_in(image: QImage, rect) -> set[int]:
    return {image.pixel(x, y) for x in range(rect.left(), rect.right(), 3)
            for y in range(rect.top(), rect.bottom(), 3)}


def test_every_learner_on_the_page_has_a_tile_with_picture_and_name(window, qtbot):
    window.show_picker()  # again: the earlier page's tiles are gone at once, not when the loop turns
    tiles = window.picker.findChildren(LearnerTile)
    qtbot.wait(1)  # laid out
    learners = window.picker.learners
    assert sorted(t.objectName() for t in tiles) == sorted(f"learner_{x.id}" for x in learners)
    for tile in tiles:
        assert isinstance(tile, QPushButton) and tile.accessibleName() == tile.name
        assert tile.picture is not None and tile.picture.suffix == ".svg"
        picture, name, _flags = tile.layout_rects()
        assert name.top() > picture.bottom() and picture.height() >= 60
        image = tile.grab().toImage()
        background = image.pixel(tile.BORDER + 2, tile.height() // 2)
        assert len(colours_in(image, picture) - {background}) > 20, f"{tile.name}: no picture painted"
        assert len(colours_in(image, name) - {background}) > 2, f"{tile.name}: no name painted"


def test_the_svg_is_painted_as_the_picture_file_draws_it(window):
    tile = window.picker.findChildren(LearnerTile)[0]
    picture, _name, _flags = tile.layout_rects()
    image = tile.grab().toImage()
    expected = render_svg(tile.picture, picture.size()).toImage()
    centre = picture.center()
    drawn = QColor(image.pixel(centre))
    wanted = QColor(expected.pixel(centre - picture.topLeft()))
    assert abs(drawn.red() - wanted.red()) + abs(drawn.green() - wanted.green()) < 40


def test_a_small_photo_is_enlarged_to_fill_the_picture(window, tmp_path):
    photo = QImage(60, 80, QImage.Format.Format_RGB32)
    photo.fill(RED)
    assert photo.save(str(tmp_path / "small.png"))
    tile = LearnerTile("王秀英", tmp_path / "small.png")
    tile.setParent(window.picker)  # styled as on the picker
    image = painted(tile)
    picture, _name, _flags = tile.layout_rects()
    red_rows = [y for y in range(picture.top(), picture.bottom())
                if QColor(image.pixel(picture.center().x(), y)) == RED]
    assert len(red_rows) >= picture.height() - 4  # the full height, not the photo's 80 px
    assert picture.height() > 100


def test_a_name_of_one_long_word_wraps_inside_the_tile(window):
    tile = LearnerTile("Wolfeschlegelsteinhausenbergerdorff", None)
    tile.setParent(window.picker)
    painted(tile, 200, 200)
    picture, name, flags = tile.layout_rects()
    assert flags & WRAP_ANYWHERE
    assert picture.isEmpty() and tile.rect().contains(name)
    two_words = LearnerTile("Maria Santos", None)
    two_words.setParent(window.picker)
    painted(two_words, 200, 200)
    assert not two_words.layout_rects()[2] & WRAP_ANYWHERE  # words stay whole when they fit


def test_clicking_a_tile_picks_that_learner(window, qtbot, db):
    learner = list_learners(db)[1]
    tile = window.picker.findChild(QPushButton, f"learner_{learner.id}")
    with qtbot.waitSignal(window.picker.picked) as picked:
        tile.click()
    assert picked.args[0].id == learner.id


def test_a_focused_tile_shows_the_focus_colour_in_the_window(window, qtbot):
    from ecom_trainer.ui.theme import current_palette

    window.show_picker()
    window.activateWindow()
    tile = window.picker.findChildren(LearnerTile)[1]
    tile.setFocus()
    qtbot.waitUntil(tile.hasFocus)
    edge = tile.mapTo(window, tile.rect().topLeft())
    middle = tile.mapTo(window, tile.rect().center())
    assert QColor(window.grab().toImage().pixel(edge.x() + 1, middle.y())) == QColor(current_palette().focus)
