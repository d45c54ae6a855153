"""Drawing PDF pages with QPainter: A4 pages filled top to bottom, large type, tables that wrap
their cells, and bar charts. Works off the GUI thread (a QPdfWriter on a memory buffer, no
QPixmap), so batches run in a worker.

Font: chosen by family name, a quirk of Qt's PDF output. WenQuanYi Micro Hei keeps the Chinese
text layer (Qt embeds it as a CID TrueType font with a ToUnicode map, so pdftotext, search and
copy-paste get the characters back; tests/reports/test_pdf.py checks this). With Noto Sans CJK
(OpenType with CFF outlines) the Chinese was found to come out as shapes without text (the
project's issue 5; that font is not installed on the build machine, so it is not re-tested). Hence
WenQuanYi first and Noto last below, with a fallback to whatever the system offers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

PREFERRED_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Source Han Sans SC",
                      "Microsoft YaHei", "SimHei", "Noto Sans CJK SC")
RESOLUTION = 300  # dots per inch of the page's coordinates
MM = RESOLUTION / 25.4
MARGIN = 18 * MM

# Type sizes in points: large for readers with weak eyes (a printed body is usually 10-11 pt).
TITLE, HEADING, BODY, SMALL = 26.0, 18.0, 14.0, 11.0
INK, MUTED, RULE = QColor("#1a1a1a"), QColor("#4d4d4d"), QColor("#9e9e9e")
PRE_FILL, PRE_HATCH = QColor("#cfd8e3"), QColor("#44546a")  # first quiz: light, hatched
POST_FILL = QColor("#1f4e79")  # final quiz: dark, solid
HEADER_FILL = QColor("#e8edf3")
BAR_TEXT = 0.45  # share of a bar cell that holds its text

_app: QGuiApplication | None = None


def ensure_gui() -> None:
    """Fonts need an application object; the command line has none. A QApplication, not a bare
    QGuiApplication: widgets made later in the same process (the trainer's window, tests) abort
    without one. Offscreen unless told otherwise: no display is needed to write a PDF."""
    global _app
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication([])


@cache
def font_family() -> str:
    families = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in families:
            return family
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


def font(size: float, bold: bool = False) -> QFont:
    f = QFont(font_family())
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


@dataclass(frozen=True)
class Bar:
    """A table cell drawn as a bar: `value` in [0, 1], `text` beside it, an optional mark."""

    value: float
    text: str
    strong: bool = False  # dark fill (e.g. mastered), else light
    mark: float | None = None  # a dashed line across the cell at this value (e.g. 0.95)


Cell = str | Bar


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # share of the text width
    right: bool = False  # numbers: aligned right


class Pages:
    """A document being drawn: a cursor moving down the page, new pages as needed."""

    def __init__(self, title: str, footer: str | None, landscape: bool = False) -> None:
        ensure_gui()
        self.data = QByteArray()
        self.buffer = QBuffer(self.data)
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self.buffer)
        self.writer.setTitle(title)
        self.writer.setCreator("ecom-trainer")
        self.writer.setResolution(RESOLUTION)
        orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        self.writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                              QMarginsF(0, 0, 0, 0)))
        self.painter = QPainter(self.writer)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.width, self.height = self.writer.width(), self.writer.height()
        self.left, self.right = MARGIN, self.width - MARGIN
        self.top, self.bottom = MARGIN, self.height - MARGIN - 8 * MM
        self.footer = footer
        self.page = 1
        self.y = self.top
        self._draw_footer()

    @property
    def text_width(self) -> float:
        return self.right - self.left

    def finish(self) -> bytes:
        self.painter.end()
        self.buffer.close()
        return bytes(self.data.data())

    # -------------------------------------------------------------- pages
    def new_page(self) -> None:
        self.writer.newPage()
        self.page += 1
        self.y = self.top
        self._draw_footer()

    def room(self, height: float) -> None:
        """Start a new page unless `height` still fits on this one."""
        if self.y + height > self.bottom and self.y > self.top:
            self.new_page()

    def _draw_footer(self) -> None:
        if self.footer is None:
            return
        p = self.painter
        p.setFont(font(SMALL))
        p.setPen(MUTED)
        rect = QRectF(self.left, self.height - MARGIN - 4 * MM, self.text_width, 8 * MM)
        words = rect.adjusted(0, 0, -15 * MM, 0)  # the page number keeps its own place
        footer = p.fontMetrics().elidedText(self.footer, Qt.TextElideMode.ElideRight, int(words.width()))
        p.drawText(words, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), footer)
        p.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(self.page))
        p.setPen(QPen(RULE, 0.3 * MM))
        p.drawLine(QPointF(self.left, rect.top()), QPointF(self.right, rect.top()))

    # -------------------------------------------------------------- text
    def measure(self, text: str, size: float, width: float, bold: bool = False) -> float:
        self.painter.setFont(font(size, bold))
        flags = int(Qt.TextFlag.TextWordWrap)
        return self.painter.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()

    def draw_text(self, rect: QRectF, text: str, size: float, bold: bool = False,
                  colour: QColor = INK, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        self.painter.setFont(font(size, bold))
        self.painter.setPen(colour)
        self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap), text)

    def text(self, text: str, size: float = BODY, bold: bool = False, colour: QColor = INK,
             after: float = 2 * MM, indent: float = 0.0, keep: float = 0.0) -> None:
        """A wrapped paragraph; `keep`: room needed below it on the same page (a heading keeps
        with what follows)."""
        width = self.text_width - indent
        height = self.measure(text, size, width, bold)
        self.room(height + keep)
        self.draw_text(QRectF(self.left + indent, self.y, width, height), text, size, bold, colour)
        self.y += height + after

    def heading(self, text: str) -> None:
        self.y += 3 * MM
        self.text(text, HEADING, bold=True, keep=40 * MM, after=1 * MM)
        self.painter.setPen(QPen(POST_FILL, 0.6 * MM))
        self.painter.drawLine(QPointF(self.left, self.y), QPointF(self.right, self.y))
        self.y += 3 * MM

    def space(self, height: float) -> None:
        self.y += height

    def svg(self, path: Path, rect: QRectF) -> bool:
        """Draw an SVG picture as vectors; False when there is no usable file."""
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(str(path)) if path.is_file() else None
        if renderer is None or not renderer.isValid():
            return False
        size = renderer.defaultSize()
        scale = min(rect.width() / max(size.width(), 1), rect.height() / max(size.height(), 1))
        w, h = size.width() * scale, size.height() * scale
        renderer.render(self.painter, QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h))
        return True

    # -------------------------------------------------------------- tables
    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], size: float = BODY) -> None:
        """A table whose rows wrap their text; a row never splits, the header repeats on a new page."""
        pad = 1.8 * MM
        widths = [c.width * self.text_width for c in columns]

        def row_height(cells: Sequence[Cell], bold: bool) -> float:
            heights = [self.measure(c, size, w - 2 * pad, bold) if isinstance(c, str) else
                       self.measure(c.text, size, (w - 2 * pad) * BAR_TEXT, c.strong)
                       for c, w in zip(cells, widths, strict=True)]
            return max(heights) + 2 * pad

        header = [c.header for c in columns]
        header_h = row_height(header, True)

        def draw_row(cells: Sequence[Cell], height: float, bold: bool, fill: QColor | None) -> None:
            x = self.left
            if fill is not None:
                self.painter.fillRect(QRectF(self.left, self.y, self.text_width, height), fill)
            for cell, width, column in zip(cells, widths, columns, strict=True):
                inner = QRectF(x + pad, self.y + pad, width - 2 * pad, height - 2 * pad)
                if isinstance(cell, Bar):
                    self._bar_cell(inner, cell, size)
                else:
                    align = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
                    self.draw_text(inner, cell, size, bold, align=align)
                x += width
            self.y += height
            self.painter.setPen(QPen(RULE, 0.25 * MM))
            self.painter.drawLine(QPointF(self.left, self.y), QPointF(self.right, self.y))

        first = row_height(rows[0], False) if rows else 0
        self.room(header_h + first)
        draw_row(header, header_h, True, HEADER_FILL)
        for cells in rows:
            height = row_height(cells, False)
            if self.y + height > self.bottom:
                self.new_page()
                draw_row(header, header_h, True, HEADER_FILL)
            draw_row(cells, height, False, None)
        self.y += 3 * MM

    def _bar_cell(self, rect: QRectF, bar: Bar, size: float) -> None:
        text_w = rect.width() * BAR_TEXT
        track = QRectF(rect.left(), rect.top() + 0.8 * MM, rect.width() - text_w - 1.5 * MM,
                       min(rect.height(), 6 * MM) - 1.6 * MM)
        self.painter.setPen(QPen(RULE, 0.25 * MM))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawRect(track)
        filled = QRectF(track.left(), track.top(), track.width() * max(0.0, min(1.0, bar.value)), track.height())
        self._fill(filled, solid=bar.strong)
        if bar.mark is not None:
            x = track.left() + track.width() * bar.mark
            self.painter.setPen(QPen(INK, 0.4 * MM, Qt.PenStyle.DashLine))
            self.painter.drawLine(QPointF(x, track.top() - 0.8 * MM), QPointF(x, track.bottom() + 0.8 * MM))
        self.draw_text(QRectF(track.right() + 1.5 * MM, rect.top(), text_w, rect.height()), bar.text, size,
                       bold=bar.strong)

    def _fill(self, rect: QRectF, solid: bool) -> None:
        """Solid dark, or light with hatching: the two series differ without colour too."""
        p = self.painter
        p.setPen(Qt.PenStyle.NoPen)
        if solid:
            p.fillRect(rect, POST_FILL)
            return
        p.fillRect(rect, PRE_FILL)
        hatch = QBrush(PRE_HATCH, Qt.BrushStyle.BDiagPattern)
        p.setBrush(hatch)
        p.drawRect(rect)
        p.setBrush(Qt.BrushStyle.NoBrush)

    # -------------------------------------------------------------- charts
    def bar_chart(self, series: Sequence[str], rows: Sequence[tuple[str, Sequence[tuple[float | None, str]]]],
                  missing: str) -> None:
        """Grouped horizontal bars: per row a label and one bar per series (value in [0, 1] and the
        text printed after it; None: `missing` is printed instead). Series 0 light and hatched,
        series 1 dark: readable in black and white. Grid lines are drawn first, under the bars."""
        label_w = self.text_width * 0.3
        bars_left = self.left + label_w + 3 * MM
        texts = [text for _label, values in rows for _v, text in values] + [missing]
        text_w = min(60 * MM, max(self._text_width(t, BODY) for t in texts) + 3 * MM)
        bars_w = self.right - bars_left - text_w
        bar_h, gap = 6.5 * MM, 1.2 * MM
        legend_h = self.measure("Ag", BODY, self.text_width) + 2 * MM
        heights = [max(len(values) * (bar_h + gap), self.measure(label, BODY, label_w)) + 3 * MM
                   for label, values in rows]
        self.room(legend_h + (heights[0] if heights else 0) + 8 * MM)
        x = self.left
        for n, name in enumerate(series):  # the legend
            self._fill(QRectF(x, self.y + 1 * MM, 10 * MM, 5 * MM), solid=n == 1)
            self.draw_text(QRectF(x + 12 * MM, self.y, 70 * MM, legend_h), name, BODY)
            x += 14 * MM + self._text_width(name, BODY) + 8 * MM
        self.y += legend_h + 1 * MM
        start = 0
        while start < len(rows):
            end, used = start, 0.0  # the rows that fit on this page (at least one)
            while end < len(rows) and (end == start or self.y + used + heights[end] + 6 * MM <= self.bottom):
                used += heights[end]
                end += 1
            self._grid(bars_left, bars_w, self.y, self.y + used)
            for (label, values), height in zip(rows[start:end], heights[start:end], strict=True):
                self.draw_text(QRectF(self.left, self.y, label_w, height), label, BODY)
                y = self.y
                for n, (value, text) in enumerate(values):
                    if value is None:
                        self.draw_text(QRectF(bars_left + 1 * MM, y, bars_w + text_w, bar_h + gap), missing,
                                       SMALL, colour=MUTED)
                    else:
                        length = bars_w * max(0.0, min(1.0, value))
                        self._fill(QRectF(bars_left, y, length, bar_h), solid=n == 1)
                        at = QRectF(bars_left + length + 1.5 * MM, y - 0.3 * MM, text_w + bars_w, bar_h)
                        # white under the words: the grid's dotted lines must not cross them
                        self.painter.fillRect(QRectF(at.left() - 0.5 * MM, y, self._text_width(text, BODY) + MM,
                                                     bar_h), Qt.GlobalColor.white)
                        self.draw_text(at, text, BODY)
                    y += bar_h + gap
                self.y += height
            self.y += 6 * MM  # the grid's labels
            start = end
            if start < len(rows):
                self.new_page()
        self.y += 2 * MM

    def _grid(self, left: float, width: float, top: float, bottom: float) -> None:
        """Lines at 0, 50 and 100 % behind the bars, labelled below."""
        p = self.painter
        for share in (0.0, 0.5, 1.0):
            x = left + width * share
            p.setPen(QPen(RULE, 0.25 * MM, Qt.PenStyle.SolidLine if share == 0 else Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
            self.draw_text(QRectF(x - 10 * MM, bottom, 20 * MM, 6 * MM), f"{round(share * 100)}%", SMALL,
                           colour=MUTED, align=Qt.AlignmentFlag.AlignHCenter)

    def _text_width(self, text: str, size: float) -> float:
        self.painter.setFont(font(size))
        return self.painter.fontMetrics().horizontalAdvance(text)


def draw_document(title: str, footer: str | None, body: Callable[[Pages], None], landscape: bool = False) -> bytes:
    pages = Pages(title, footer, landscape)
    try:
        body(pages)
    finally:
        data = pages.finish()
    return data
