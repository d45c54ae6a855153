"""Spot the scam: a shop's chat; the learner taps each message that looks like a trick and says
why (fake refund, brushing job, verification code, payment off the platform). Scored per message
(skills D1, D2). Messages that do not fit the screen come on further pages, never scrolled."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.assess import practice as rubric
from ecom_trainer.assess.practice import PartResult
from ecom_trainer.content.practice import Conversation, Scam
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.ui.learner.practice.base import Page, PracticeScreen
from ecom_trainer.ui.learner.practice.controls import TileChoice, TileItem
from ecom_trainer.ui.theme import MAIN_BUTTON_PX, large_text
from ecom_trainer.ui.widgets import OptionButton, icon, label, paginate, panel

NOT_A_TRICK = "none"


def said(name: str, text: str) -> str:
    return _("{name}: {text}").format(name=lesson_text(name), text=lesson_text(text))


class ChatPage(Page):
    def __init__(self, scam: Scam, conversation: Conversation) -> None:
        super().__init__()
        self.scam, self.conversation = scam, conversation
        self.marks: dict[str, str] = {}  # message id -> reason id
        self.reasons = {r.id: lesson_text(r.text) for r in scam.reasons}
        self.views = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.views)
        # the chat: one bubble per message, tapped to mark it
        self.chat = QWidget()
        chat_box = QVBoxLayout(self.chat)
        chat_box.setContentsMargins(0, 0, 0, 0)
        # The messages take the room the screen gives (never more: Ignored), and _fit_chat shows
        # as many as fit; the rest come with the arrows.
        self.bubbles_host = QWidget()
        self.bubbles_host.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.bubbles_box = QVBoxLayout(self.bubbles_host)
        self.bubbles_box.setContentsMargins(0, 0, 0, 0)
        self.bubbles_box.setSpacing(8)
        self.bubbles: dict[str, OptionButton] = {}
        for message in conversation.messages:
            bubble = OptionButton("")  # checked = marked as a trick (and its words say so)
            bubble.setObjectName(f"message_{message.id}")
            bubble.clicked.connect(lambda _c=False, mid=message.id: self.ask_why(mid))
            self.bubbles[message.id] = bubble
            self.bubbles_box.addWidget(bubble)
        self.bubbles_box.addStretch(1)
        chat_box.addWidget(self.bubbles_host, 1)
        self.turn_row = QWidget()  # shown only when the messages need more than one page
        turn = QHBoxLayout(self.turn_row)
        turn.setContentsMargins(0, 0, 0, 0)
        self.earlier = self._arrow("back", _("Earlier messages"), -1)
        self.later = self._arrow("next", _("Later messages"), 1)
        self.earlier.setObjectName("earlier_messages")
        self.later.setObjectName("later_messages")
        self.position = label(role="muted")
        turn.addWidget(self.earlier)
        turn.addWidget(self.position, 1)
        turn.addWidget(self.later)
        chat_box.addWidget(self.turn_row)
        self.views.addWidget(self.chat)
        # why: the message quoted, then the reasons to tap
        self.why = QWidget()
        why_box = QVBoxLayout(self.why)
        why_box.setContentsMargins(0, 0, 0, 0)
        quoted = panel()
        self.quoted = label(role="" if large_text() else "lead")
        self.quoted.setObjectName("quoted_message")
        quoted_box = QVBoxLayout(quoted)
        quoted_box.setContentsMargins(10, 4, 10, 4)
        quoted_box.addWidget(self.quoted)
        why_box.addWidget(quoted)
        items = [TileItem(r.id, self.reasons[r.id]) for r in scam.reasons]
        items.append(TileItem(NOT_A_TRICK, _("It is not a trick")))
        self.choices = TileChoice(items, 2, prefix="reason")
        for rid, button in self.choices.buttons.items():
            button.clicked.connect(lambda _c=False, rid=rid: self.answer_why(rid))
        why_box.addWidget(self.choices, 1)
        self.views.addWidget(self.why)
        self.asking: str | None = None
        self.chat_pages: list[list[int]] = [list(range(len(conversation.messages)))]
        self.chat_page = 0
        for message in conversation.messages:
            self._refresh(message.id)
        self.show_chat_page(0)

    def _arrow(self, icon_name: str, text: str, step: int) -> QPushButton:
        button = QPushButton()
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(36, 36))
        button.setAccessibleName(text)
        button.setToolTip(text)
        button.setMinimumSize(MAIN_BUTTON_PX, MAIN_BUTTON_PX)
        button.clicked.connect(lambda: self.show_chat_page(self.chat_page + step))
        return button

    def _refresh(self, message_id: str) -> None:
        message = next(m for m in self.conversation.messages if m.id == message_id)
        text = said(message.name, message.text)
        if message_id in self.marks:
            text += "\n" + _("⚠ A trick: {reason}").format(reason=self.reasons.get(self.marks[message_id], ""))
        bubble = self.bubbles[message_id]
        bubble.set_caption(text)
        bubble.setChecked(message_id in self.marks)

    # ------------------------------------------------------------ pages of the chat
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_chat()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit_chat()

    def _fit_chat(self) -> None:
        """As many messages per page as fit; the arrows turn the pages."""
        width = self.width()
        if width < 100:
            return
        spacing = self.bubbles_box.spacing()
        # a tile is never lower than its stylesheet's minimum, whatever its text needs
        heights = [max(b.heightForWidth(width), b.minimumSizeHint().height(), MAIN_BUTTON_PX)
                   for b in self.bubbles.values()]
        if sum(heights) + spacing * (len(heights) - 1) <= self.height():
            pages = [list(range(len(heights)))]  # all at once: no arrows needed
        else:  # leave room for the arrows' row
            pages = paginate(heights, self.height() - MAIN_BUTTON_PX - self.chat.layout().spacing(), spacing)
        if pages != self.chat_pages:
            self.chat_pages = pages
            self.show_chat_page(min(self.chat_page, len(pages) - 1))

    def show_chat_page(self, page: int) -> None:
        self.chat_page = max(0, min(page, len(self.chat_pages) - 1))
        shown = set(self.chat_pages[self.chat_page])
        for i, bubble in enumerate(self.bubbles.values()):
            bubble.setVisible(i in shown)
        several = len(self.chat_pages) > 1
        self.turn_row.setVisible(several)
        self.earlier.setEnabled(self.chat_page > 0)
        self.later.setEnabled(self.chat_page < len(self.chat_pages) - 1)
        first, last = min(shown) + 1, max(shown) + 1
        total = len(self.bubbles)
        self.position.setText(_("Messages {first} to {last} of {total}").format(first=first, last=last, total=total)
                              if several else "")

    # ------------------------------------------------------------ marking
    def ask_why(self, message_id: str) -> None:
        self.asking = message_id
        message = next(m for m in self.conversation.messages if m.id == message_id)
        self.quoted.setText(said(message.name, message.text))
        self.choices.group.setExclusive(False)
        for rid, button in self.choices.buttons.items():
            button.setChecked(self.marks.get(message_id) == rid)
        self.choices.group.setExclusive(True)
        self.views.setCurrentWidget(self.why)
        self.changed.emit()
        first = next(iter(self.choices.buttons.values()))
        first.setFocus()

    def answer_why(self, reason: str) -> None:
        if self.asking is None:
            return
        if reason == NOT_A_TRICK:
            self.marks.pop(self.asking, None)
        else:
            self.marks[self.asking] = reason
        asked, self.asking = self.asking, None
        self._refresh(asked)
        self.views.setCurrentWidget(self.chat)
        self._fit_chat()  # a marked message has one more line
        self.changed.emit()
        self.bubbles[asked].setFocus()

    # ------------------------------------------------------------ Page
    def prompt(self) -> str:
        return lesson_text(self.scam.why_prompt if self.asking else self.scam.prompt)

    def ready(self) -> bool:
        return self.asking is None  # leaving no message marked is an answer too

    def check(self) -> list[PartResult]:
        return list(rubric.score_scam(self.conversation, self.marks).parts)

    def answer_of(self, part: str) -> object:
        return self.marks.get(part)

    def speech_text(self) -> str:
        if self.asking:
            return ". ".join([self.quoted.text(), self.choices.speech_text()])
        return ". ".join(b.caption.text() for b in self.bubbles.values() if b.isVisible())

    def help_text(self) -> str:
        return _("Tap a message that looks like a trick, then tap why. Tap it again to change your mind. "
                 "Then tap the green button.")


class ScamScreen(PracticeScreen):
    task = "scam"
    track_id = "money"

    def title(self) -> str:
        return lesson_text(self.practice.scam.title) if self.practice.scam else ""

    def conversation(self) -> Conversation:
        assert self.practice.scam is not None
        conversations = self.practice.scam.conversations
        return conversations[self.round % len(conversations)]

    def build_pages(self) -> list[Page]:
        assert self.practice.scam is not None
        return [ChatPage(self.practice.scam, self.conversation())]

    def question_id(self, part: PartResult) -> str:
        return f"{self.conversation().id}.{part.part}"
