"""The end of a lesson or test: kind words, the score (not after a pre-test), where to go next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.paths import resources_dir
from ecom_trainer.session import LearnerSession, Unit
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.widgets import Picture, label, primary_button


class ResultScreen(Screen):
    back_to_track = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.nav.back_button.setEnabled(False)
        self.star = Picture(resources_dir() / "icons" / "star.svg", "", tint="#F9A825")
        self.body.addWidget(self.star, 2)
        self.headline = label(role="title")
        self.headline.setObjectName("result_headline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = label(role="lead")
        self.detail.setObjectName("result_detail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.headline)
        self.body.addWidget(self.detail)
        row = QHBoxLayout()
        row.addStretch(1)
        self.continue_button = primary_button("", "next")
        self.continue_button.setObjectName("result_continue")
        row.addWidget(self.continue_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.continue_button.clicked.connect(lambda: self.back_to_track.emit(self.track_id))
        self.track_id = ""

    def show_result(self, session: LearnerSession, unit: Unit) -> None:
        self.track_id = "" if unit.is_review else unit.track.id
        self.nav.retranslate()
        self.nav.set_title(lesson_text(unit.title))
        right, total = session.unit_result(unit)
        if unit.kind == "pre_test":
            self.headline.setText(_("Thank you! The first quiz is done."))
            self.detail.setText(_("Now the lessons begin. Go at your own pace."))
        elif unit.is_review:
            self.headline.setText(_("Well done! You practised again."))
            self.detail.setText(_("{right} of {total} answers were right.").format(right=right, total=total)
                                + "\n" + _("What you got right comes back later, less often."))
        elif unit.kind == "post_test":
            self.headline.setText(_("Well done! You finished the final quiz."))
            self.detail.setText(_("{right} of {total} answers were right.").format(right=right, total=total))
        else:
            self.headline.setText(_("Well done! You finished this lesson."))
            self.detail.setText(_("{right} of {total} answers were right.").format(right=right, total=total)
                                + "\n" + _("Mistakes help you learn. You can do the lesson again any time."))
        self.continue_button.setText(_("Home") if unit.is_review else _("Back to the lessons"))
        self.continue_button.setAccessibleName(self.continue_button.text())

    def speech_text(self) -> str:
        return f"{self.headline.text()} {self.detail.text()}"

    def help_text(self) -> str:
        return _("Tap the green button to choose your next lesson.")
