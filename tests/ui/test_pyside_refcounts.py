"""Guards against a PySide6 defect seen in 6.12.0 with Python 3.11: every call of a void method
dropped a reference to None, so a long training day (or a long test run) ended in an abort
("none_dealloc"). pyproject.toml caps PySide6 below it; this test says when a release is safe."""

import sys

from PySide6.QtWidgets import QApplication, QWidget


def test_calling_qt_does_not_leak_references_to_none(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    before = sys.getrefcount(None)
    for i in range(2000):
        widget.resize(300 + i % 50, 200)
        QApplication.processEvents()
    # a little churn is normal; the defect loses one reference per call (thousands here)
    assert sys.getrefcount(None) - before > -200
