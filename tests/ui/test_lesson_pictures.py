"""Every picture of the bundled lesson pack is an SVG that QtSvg draws (it silently draws nothing
of what its Tiny 1.2 profile does not know), and draws something besides the background."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from ecom_trainer.paths import lessons_dir


def drawn(file) -> tuple[bool, int]:
    """(valid, number of colours in a 100 x 75 rendering)."""
    renderer = QSvgRenderer(str(file))
    image = QImage(100, 75, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, 100, 2) for y in range(0, 75, 2)}
    return renderer.isValid(), len(colours)


def test_every_lesson_picture_renders(qapp):
    files = sorted(lessons_dir().rglob("*.svg"))
    assert len(files) > 100
    bad = [f"{f.relative_to(lessons_dir())}: valid={valid}, colours={colours}"
           for f in files for valid, colours in [drawn(f)] if not valid or colours < 3]
    assert bad == []


@pytest.mark.parametrize("damage", ["cut", "blank"])
def test_a_broken_or_empty_picture_is_found(qapp, tmp_path, damage):
    source = next(iter(sorted((lessons_dir() / "money-reviews").glob("*.svg"))))
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    text = copy.read_text(encoding="utf-8")
    if damage == "cut":  # a file cut short while copying
        copy.write_text(text[: len(text) // 2], encoding="utf-8")
        assert drawn(copy)[0] is False
    else:  # only the background: everything else left out
        copy.write_text(text[: text.index("/>") + 2] + "</svg>", encoding="utf-8")
        assert drawn(copy)[0] is True and drawn(copy)[1] < 3
