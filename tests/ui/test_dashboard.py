"""The trainer's dashboard on the demo centre: what the screen shows equals the exported files."""

from __future__ import annotations

import csv
import sys

from PySide6.QtCore import Qt

from ecom_trainer.i18n import parse_number
from ecom_trainer.store.summaries import stale_count
from ecom_trainer.ui.trainer.dashboard import DashboardScreen


def _screen_cells(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _same(screen: str, exported: str) -> bool:
    if screen == "–":
        return exported == ""
    try:
        return abs(parse_number(screen) - float(exported)) < 1e-9
    except ValueError:
        return screen == exported


def test_dashboard_opens_from_the_trainer_page_and_equals_its_csv(window, qtbot, tmp_path, db):
    from PySide6.QtWidgets import QPushButton

    window._show_overview()
    overview = window.stack.currentWidget()
    qtbot.mouseClick(overview.findChild(QPushButton, "trainer_dashboard"), Qt.MouseButton.LeftButton)
    screen = window.stack.currentWidget()
    assert isinstance(screen, DashboardScreen)
    for tab in range(screen.tabs.count()):  # every page fits the centre PC's 1366 x 768 screen
        screen.tabs.setCurrentIndex(tab)
        assert screen.minimumSizeHint().height() <= 768 - 40 and window.height() <= 768
    assert "pyqtgraph" in sys.modules
    assert stale_count(db) == 0  # the demo's answers were summed up on opening
    assert screen.models["mastery"].rowCount() == len(screen.data.people) == 6
    written = screen._export_csv(tmp_path)
    assert len(written) == len(screen.data.tables())
    for table in screen.data.tables():
        rows = list(csv.reader((tmp_path / f"{table.name}.csv").open(encoding="utf-8-sig")))
        assert rows[0] == table.headers
        cells = _screen_cells(screen.models[table.name])
        assert len(cells) == len(rows) - 1, table.name
        for shown, exported in zip(cells, rows[1:], strict=True):
            for a, b in zip(shown, exported, strict=True):
                assert _same(a, b), (table.name, a, b)
    assert any(r[2] is not None for r in screen.data.pre_post.rows)  # the demo took first quizzes
    # and the chart draws those same numbers: first-quiz bars, one per skill with answers
    bars = [i for i in screen.charts["pre_post"].getPlotItem().items if hasattr(i, "opts") and "height" in i.opts]
    exported = list(csv.reader((tmp_path / "pre_post.csv").open(encoding="utf-8-sig")))[1:]
    pre = [float(r[2] or 0) for r in exported if r[2] or r[3]]
    assert [float(h) for h in bars[0].opts["height"]] == pre and any(pre)




def test_charts_are_saved_as_png(window, qtbot, tmp_path):
    window._show_dashboard(back_to=window.picker)
    screen = window.stack.currentWidget()
    screen.tabs.setCurrentIndex(2)
    written = screen._export_png(tmp_path)
    assert {p.name for p in written} == {"pre_post.png", "lessons_per_week.png", "answers_per_day.png"}
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 2000
    assert str(tmp_path) in screen.status.text()


def test_a_class_filter_and_the_learner_page(window, qtbot, db):
    from ecom_trainer.ui.trainer.learner_detail import LearnerDetail

    window._show_dashboard(back_to=window.picker)
    screen = window.stack.currentWidget()
    cohort_index = screen.cohort.findText("2026", Qt.MatchFlag.MatchContains)
    assert cohort_index > 0
    screen.cohort.setCurrentIndex(cohort_index)
    assert screen.data.filters.cohort_id is not None and len(screen.data.people) == 6
    learner_id = screen.data.people[0][0]
    detail = LearnerDetail(db, window.curriculum, learner_id)
    qtbot.addWidget(detail)
    answers = db.execute("SELECT COUNT(*) FROM attempts WHERE learner_id = ?", (learner_id,)).fetchone()[0]
    assert detail.models["history"].rowCount() == answers
    assert detail.models["skills"].rowCount() == sum(len(t.skills) for t in window.curriculum.tracks)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.picker


def test_trainer_pages_keep_normal_text_when_learners_have_200_percent(window, qtbot, db):
    from PySide6.QtWidgets import QPushButton

    from ecom_trainer.store.settings import set_setting
    from ecom_trainer.ui.theme import text_scale

    set_setting(db, "text_scale", "2.0")
    window.apply_settings()
    assert text_scale() == 2.0
    window._show_overview()
    overview = window.stack.currentWidget()
    dashboard_button = overview.findChild(QPushButton, "trainer_dashboard")
    assert dashboard_button.font().pointSize() < 30  # the theme's size for trainers, not doubled
    qtbot.mouseClick(dashboard_button, Qt.MouseButton.LeftButton)
    screen = window.stack.currentWidget()
    for tab in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(tab)
        assert screen.minimumSizeHint().width() <= 1366 and screen.minimumSizeHint().height() <= 768 - 40
    assert window.width() <= 1366 and window.height() <= 768
