"""What a practice task shows after Check and at the end: the findings point by point (paged
when they do not fit, never scrolled) and the summary with stars."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ecom_trainer.assess.practice import stars
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import ngettext
from ecom_trainer.paths import resources_dir
from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import Picture, label, paginate, panel

STAR = resources_dir() / "icons" / "star.svg"
GOLD, GREY = "#F9A825", "#9E9E9E"


class FeedbackView(QWidget):
    """The verdict and the findings, each on its own line with ✓ or ✗ (never colour alone);
    more lines than fit come on further pages."""

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.box = panel()
        self.box.setObjectName("practice_feedback")
        self.lines_box = QVBoxLayout(self.box)
        self.lines_box.setSpacing(6 if large_text() else 12)
        self.verdict = label()
        self.verdict.setObjectName("practice_verdict")
        self.lines_box.addWidget(self.verdict)
        self.line_labels: list[QLabel] = []
        self.lines_box.addStretch(1)
        outer.addWidget(self.box, 1)
        self.pages: list[list[int]] = []
        self.page = 0

    def show_findings(self, verdict_text: str, good: bool, lines: Sequence[tuple[bool, str]], room: QSize) -> None:
        self.verdict.setText(verdict_text)
        self.verdict.setProperty("role", "right" if good else "wrong")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        for old in self.line_labels:  # hidden now: deleteLater waits for the event loop
            self.lines_box.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.line_labels = []
        for i, (ok, text) in enumerate(lines):
            line = label(("✓  " if ok else "✗  ") + text, role="" if large_text() else "lead")
            line.setObjectName(f"finding_{i}")
            line.ensurePolished()
            self.lines_box.insertWidget(self.lines_box.count() - 1, line)
            self.line_labels.append(line)
        margins = self.lines_box.contentsMargins()
        width = room.width() - margins.left() - margins.right() - 12  # the panel's 3 px border, twice, and air
        self.verdict.ensurePolished()
        top = self.verdict.heightForWidth(width) + self.lines_box.spacing()
        free = room.height() - top - margins.top() - margins.bottom() - 12
        self.pages = paginate([w.heightForWidth(width) for w in self.line_labels], free, self.lines_box.spacing())
        self.show_page(0)

    @property
    def has_more(self) -> bool:
        return self.page + 1 < len(self.pages)

    def show_page(self, page: int) -> None:
        self.page = page
        shown = set(self.pages[page]) if self.pages else set()
        for i, line in enumerate(self.line_labels):
            line.setVisible(i in shown)

    def next_page(self) -> None:
        if self.has_more:
            self.show_page(self.page + 1)

    def speech_text(self) -> str:
        return ". ".join([self.verdict.text().lstrip("✓✗◐ "), *(w.text().lstrip("✓✗ ") for w in self.line_labels)])


class SummaryView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.stars = [Picture(STAR, "", tint=GOLD) for _i in range(3)]
        for star in self.stars:
            row.addWidget(star)
        outer.addLayout(row, 2)
        self.headline = label(role="title", centred=True)
        self.headline.setObjectName("practice_headline")
        self.detail = label(role="" if large_text() else "lead", centred=True)
        self.detail.setObjectName("practice_detail")
        outer.addWidget(self.headline)
        outer.addWidget(self.detail)
        outer.addStretch(1)

    def show_score(self, title: str, score: float, right: int, total: int) -> None:
        earned = stars(score)
        for i, star in enumerate(self.stars):
            star.tint = GOLD if i < earned else GREY
            star.setAccessibleName(_("Star earned") if i < earned else _("Star not earned yet"))
            star.set_picture(STAR, star.accessibleName())
        self.headline.setText(_("Well done! You finished: {task}").format(task=title))
        points = ngettext("{right} of {total} point was right.", "{right} of {total} points were right.",
                          total).format(right=right, total=total)
        self.detail.setText(_("{stars} of 3 stars.").format(stars=earned) + " " + points
                            + "\n" + _("Mistakes help you learn. You can practise again any time."))
