"""The trainer's Reports panel, through its real buttons: PDFs into the chosen folder,
certificates only where earned (with the reason otherwise), Stop, and checking a code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from ecom_trainer.reports.certificates import issued_certificates
from ecom_trainer.ui.trainer import reports_panel
from ecom_trainer.ui.trainer.reports_panel import ReportsPanel
from tests.reports.conftest import centre  # noqa: F401 (the fixture)


def make_panel(qtbot, db, curriculum, folder, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    panel = ReportsPanel(db, curriculum)
    qtbot.addWidget(panel)
    panel.show()
    panel.findChild(QPushButton, "report_choose_folder").click()
    return panel


def tick(qtbot, panel, *names):
    for row in range(panel.learners.count()):
        item = panel.learners.item(row)
        if item.text().split()[0] in names:
            rect = panel.learners.visualItemRect(item)
            qtbot.mouseClick(panel.learners.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert item.checkState() == Qt.CheckState.Checked


def press(panel, name):
    panel.findChild(QPushButton, name).click()


def test_learner_reports_into_the_chosen_folder(qtbot, db, curriculum, centre, tmp_path, monkeypatch):  # noqa: F811
    panel = make_panel(qtbot, db, curriculum, tmp_path / "pdfs", monkeypatch)
    assert str(tmp_path / "pdfs") in panel.folder_label.text()
    press(panel, "report_make")
    assert "Tick at least one learner" in panel.result.toPlainText()  # nothing ticked: nothing made
    tick(qtbot, panel, "周玉兰", "吴春梅")
    press(panel, "report_make")
    made = sorted(p.name for p in (tmp_path / "pdfs").glob("*.pdf"))
    assert made == ["吴春梅 - Learner report.pdf", "周玉兰 - Learner report.pdf"]
    assert "2 PDF files saved" in panel.result.toPlainText()
    assert panel.findChild(QPushButton, "report_open_folder").isVisible()
    # the folder is remembered for next time
    again = ReportsPanel(db, curriculum)
    qtbot.addWidget(again)
    assert again.folder == tmp_path / "pdfs"


def test_certificates_only_where_earned(qtbot, db, curriculum, centre, tmp_path, monkeypatch):  # noqa: F811
    panel = make_panel(qtbot, db, curriculum, tmp_path, monkeypatch)
    press(panel, "report_kind_certificate")
    assert panel.track.isVisible()
    panel.track.setCurrentIndex(panel.track.findData("listing"))
    tick(qtbot, panel, "周玉兰", "孙大山")
    press(panel, "report_make")
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["周玉兰 - Listing products - Certificate.pdf"]
    text = panel.result.toPlainText()
    assert "1 PDF file saved" in text and "孙大山: no certificate for Listing products yet" in text
    assert "Product title" in text
    (certificate,) = issued_certificates(db)
    panel.code.setText(certificate.display_code.lower())
    press(panel, "certificate_check")
    assert "is genuine: 周玉兰, Listing products" in panel.code_result.text()
    panel.code.setText("0000000000")
    press(panel, "certificate_check")
    assert "is not a certificate of this centre" in panel.code_result.text()


def test_cohort_report(qtbot, db, curriculum, centre, tmp_path, monkeypatch):  # noqa: F811
    panel = make_panel(qtbot, db, curriculum, tmp_path, monkeypatch)
    press(panel, "report_kind_cohort")
    assert panel.cohort.isVisible() and not panel.learners.isVisible() and not panel.track.isVisible()
    panel.cohort.setCurrentIndex(panel.cohort.findData(centre["cohort"]))
    assert panel.cohort.currentText() == "测试班 (3 learners)"
    press(panel, "report_make")
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["测试班 - Cohort report.pdf"]


def test_stop_says_what_was_not_made(qtbot, db, curriculum, centre, tmp_path, monkeypatch):  # noqa: F811
    panel = make_panel(qtbot, db, curriculum, tmp_path, monkeypatch)
    enabled = []

    def stop_after_first(parent, label, work):  # as if Stop was pressed during the second file
        calls = []
        enabled.append(panel.make_button.isEnabled())
        return work(lambda done, total: calls.append(done), lambda: len(calls) > 1)

    monkeypatch.setattr(reports_panel, "run_cancellable", stop_after_first)
    press(panel, "report_all")
    press(panel, "report_make")
    assert len(list(tmp_path.glob("*.pdf"))) == 2
    assert f"Stopped: {panel.learners.count() - 2} were not made" in panel.result.toPlainText()
    assert enabled == [False] and panel.make_button.isEnabled()  # no second batch meanwhile


def test_a_folder_that_cannot_be_written_is_said_plainly(qtbot, db, curriculum, centre, tmp_path, monkeypatch):  # noqa: F811
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    panel = make_panel(qtbot, db, curriculum, blocker / "pdfs", monkeypatch)
    tick(qtbot, panel, "周玉兰")
    press(panel, "report_make")
    assert "could not be saved" in panel.result.toPlainText()


def test_the_trainer_page_opens_the_panel(qtbot, db, curriculum, centre, monkeypatch):  # noqa: F811
    from ecom_trainer.ui.trainer.overview import TrainerOverview

    opened = []
    monkeypatch.setattr(ReportsPanel, "exec", lambda self: opened.append(self.learners.count()) or 0)
    page = TrainerOverview(db, curriculum)
    qtbot.addWidget(page)
    page.findChild(QPushButton, "trainer_reports").click()
    assert opened == [len(page.learners.findItems("", Qt.MatchFlag.MatchContains))]
