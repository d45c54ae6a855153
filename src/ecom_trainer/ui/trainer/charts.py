"""The dashboard's charts, drawn with pyqtgraph from the dashboard's tables.

This module is imported only when a trainer opens the dashboard: `import pyqtgraph` costs about
300 ms (it pulls in numpy), which the learner picker must not pay.
Quirks: pyqtgraph's SVG exporter fails with Qt 6.12, so charts export to PNG only; bar charts
need numeric x positions, so categories become ticks on the axis.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtGui import QColor, QFont

from ecom_trainer.assess.dashboard import Table
from ecom_trainer.i18n import gettext as _

PRE, POST, LINE = QColor("#F9A825"), QColor("#2E7D32"), QColor("#1565C0")


class Chart(pg.PlotWidget):
    """A plot with large, readable axes and a legend, on a white background."""

    def __init__(self, title: str, left: str, point_size: int = 14) -> None:
        super().__init__(background="w")
        self.setMinimumHeight(170)  # two charts and the filters must fit 768 px with room to spare
        item = self.getPlotItem()
        item.setTitle(title, color="#263238", size=f"{point_size + 2}pt")
        item.showGrid(y=True, alpha=0.25)
        font = QFont()
        font.setPointSize(point_size - 2)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen("#263238"))
            axis.setTextPen(pg.mkPen("#263238"))
            axis.setTickFont(font)
        # sized here: axis labels take the application font, which follows the learners' text size
        item.setLabel("left", left, color="#263238", **{"font-size": f"{point_size}pt"})
        item.setMouseEnabled(x=False, y=False)
        # one row of entries (colCount): it fits the band the charts leave above their data
        self.legend = item.addLegend(offset=(10, 2), colCount=3, labelTextColor="#263238",
                                     labelTextSize=f"{point_size - 2}pt", brush=pg.mkBrush(255, 255, 255, 220))

    def export_png(self, path: Path) -> Path:
        exporter = ImageExporter(self.getPlotItem())
        exporter.parameters()["width"] = max(800, self.width())
        exporter.export(str(path))
        return path


def pre_post_chart(table: Table) -> Chart:
    """Grouped bars: first and final quiz, per skill (skills without answers are left out)."""
    chart = Chart(_("First and final quiz per skill"), _("Right answers (%)"))
    rows = [r for r in table.rows if r[2] is not None or r[3] is not None]
    xs = list(range(len(rows)))
    chart.addItem(pg.BarGraphItem(x=[x - 0.2 for x in xs], height=[r[2] or 0 for r in rows], width=0.38,
                                  brush=PRE))
    chart.addItem(pg.BarGraphItem(x=[x + 0.2 for x in xs], height=[r[3] or 0 for r in rows], width=0.38,
                                  brush=POST))
    chart.legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=PRE), _("First quiz"))
    chart.legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=POST), _("Final quiz"))
    chart.getPlotItem().getAxis("bottom").setTicks([[(x, str(r[0])) for x, r in zip(xs, rows, strict=True)]])
    chart.setYRange(0, 130, padding=0)  # the band above 100 % holds the legend, clear of the bars
    chart.getPlotItem().getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)]])
    return chart


def weekly_lessons_chart(table: Table) -> Chart:
    chart = Chart(_("Lessons finished per week"), _("Lessons"))
    _dated_line(chart, table, 1, LINE, _("Lessons"))
    return chart


def daily_answers_chart(table: Table) -> Chart:
    chart = Chart(_("Answers per day"), _("Answers"))
    _dated_bars(chart, table, 1, LINE, _("Answers"))
    _dated_bars(chart, table, 2, POST, _("Right"), width=0.5)
    # room above the tallest bar for the legend
    chart.setYRange(0, max((r[1] for r in table.rows), default=0) * 1.3 or 1, padding=0)
    return chart


def _day_number(text: str) -> float:
    from datetime import date

    return float(date.fromisoformat(str(text)[:10]).toordinal())


def _date_ticks(chart: Chart, days: list[float]) -> None:
    from datetime import date

    step = max(1, len(days) // 6)
    chart.getPlotItem().getAxis("bottom").setTicks(
        [[(d, date.fromordinal(int(d)).strftime("%m-%d")) for d in days[::step]]])


def _dated_line(chart: Chart, table: Table, column: int, colour: QColor, name: str) -> None:
    days = [_day_number(r[0]) for r in table.rows]
    values = [r[column] for r in table.rows]
    chart.plot(days, values, pen=pg.mkPen(colour, width=4), symbol="o", symbolBrush=colour,
               symbolSize=10, name=name)
    chart.setYRange(0, max(values, default=0) * 1.15 or 1, padding=0)  # counts start at zero
    _date_ticks(chart, days)


def _dated_bars(chart: Chart, table: Table, column: int, colour: QColor, name: str, width: float = 0.8) -> None:
    days = [_day_number(r[0]) for r in table.rows]
    chart.addItem(pg.BarGraphItem(x=days, height=[r[column] for r in table.rows], width=width, brush=colour))
    chart.legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=colour), name)
    _date_ticks(chart, days)
