"""Make a listing: choose the main photo, build the title from word tiles, choose the
specification, give the net weight, and work out the price (skills A1–A4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from ecom_trainer.assess import practice as rubric
from ecom_trainer.assess.practice import PartResult
from ecom_trainer.content.practice import Listing
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.ui.learner.practice.base import Page, PracticeScreen
from ecom_trainer.ui.learner.practice.controls import (
    CIRCLED,
    NumberEntry,
    NumberField,
    TileChoice,
    TileItem,
)
from ecom_trainer.ui.learner.practice.words import money
from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import label, panel


class PhotoPage(Page):
    def __init__(self, listing: Listing) -> None:
        super().__init__()
        self.listing = listing
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        items = [TileItem(p.id, lesson_text(p.text), p.image.path, lesson_text(p.image.alt)) for p in listing.photos]
        self.tiles = TileChoice(items, 2 if large_text() else 4, prefix="photo")
        self.tiles.changed.connect(self.changed.emit)
        box.addWidget(self.tiles, 1)

    def prompt(self) -> str:
        return lesson_text(self.listing.photo_prompt)

    def ready(self) -> bool:
        return self.tiles.value() is not None

    def check(self) -> list[PartResult]:
        return [rubric.score_photo(self.listing, self.tiles.value())]

    def answer_of(self, part: str) -> object:
        return self.tiles.value()

    def speech_text(self) -> str:
        return self.tiles.speech_text()

    def help_text(self) -> str:
        return _("Look at the photos. Tap the one buyers should see first, then tap the green button.")


class WordsPage(Page):
    """Tap words in order to build the title; tap a word again to take it out."""

    def __init__(self, listing: Listing) -> None:
        super().__init__()
        self.listing = listing
        self.order: list[str] = []
        self.words = {t.id: lesson_text(t.text) for t in listing.tiles}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        preview = panel()
        preview_box = QVBoxLayout(preview)
        self.preview = label(role="" if large_text() else "lead")
        self.preview.setObjectName("title_preview")
        preview_box.addWidget(self.preview)
        box.addWidget(preview)
        items = [TileItem(t.id, self.words[t.id]) for t in listing.tiles]
        self.tiles = TileChoice(items, 3, exclusive=False, prefix="word")
        for tid, button in self.tiles.buttons.items():
            button.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            button.toggled.connect(lambda on, tid=tid: self.toggle(tid, on))
        box.addWidget(self.tiles, 1)
        self._refresh()

    def toggle(self, tile_id: str, on: bool) -> None:
        if on and tile_id not in self.order:
            self.order.append(tile_id)
        elif not on and tile_id in self.order:
            self.order.remove(tile_id)
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        for tid, button in self.tiles.buttons.items():
            mark = f"{CIRCLED[self.order.index(tid)]} " if tid in self.order else ""
            button.set_caption(mark + self.words[tid])
        title = " ".join(self.words[t] for t in self.order)
        self.preview.setText(_("Your title: {title}").format(title=title) if title
                             else _("Your title: (tap the words below)"))

    def prompt(self) -> str:
        return lesson_text(self.listing.words_prompt)

    def ready(self) -> bool:
        return bool(self.order)

    def check(self) -> list[PartResult]:
        return [rubric.score_title(self.listing, self.order)]

    def answer_of(self, part: str) -> object:
        return list(self.order)

    def speech_text(self) -> str:
        return f"{self.preview.text()}. {self.tiles.speech_text()}"

    def help_text(self) -> str:
        return _("Tap the words in the order they belong in your title. Tap a word again to take it out.")


class SpecPage(Page):
    def __init__(self, listing: Listing) -> None:
        super().__init__()
        self.listing = listing
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        items = [TileItem(o.id, lesson_text(o.text)) for o in listing.specs]
        self.tiles = TileChoice(items, 1 if large_text() else 3, prefix="spec")
        self.tiles.changed.connect(self.changed.emit)
        box.addWidget(self.tiles, 1)

    def prompt(self) -> str:
        return lesson_text(self.listing.spec_prompt)

    def ready(self) -> bool:
        return self.tiles.value() is not None

    def check(self) -> list[PartResult]:
        return [rubric.score_spec(self.listing, self.tiles.value())]

    def answer_of(self, part: str) -> object:
        return self.tiles.value()

    def speech_text(self) -> str:
        return self.tiles.speech_text()


class WeightPage(Page):
    def __init__(self, listing: Listing) -> None:
        super().__init__()
        self.listing = listing
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.entry = NumberEntry([NumberField("weight", _("Net weight"), "")], [("g", _("g")), ("kg", _("kg"))])
        self.entry.changed.connect(self.changed.emit)
        box.addWidget(self.entry, 1)

    def prompt(self) -> str:
        return lesson_text(self.listing.weight_prompt)

    def ready(self) -> bool:
        return self.entry.complete()

    def check(self) -> list[PartResult]:
        return [rubric.score_weight(self.listing, self.entry.value("weight"), self.entry.unit())]

    def answer_of(self, part: str) -> object:
        return {"value": self.entry.value("weight"), "unit": self.entry.unit()}

    def help_text(self) -> str:
        return _("Type the number with the keys, then tap g or kg. There is no time limit.")


class PricePage(Page):
    def __init__(self, listing: Listing) -> None:
        super().__init__()
        self.listing = listing
        row = QHBoxLayout(self)  # the costs beside the keypad, at every text size
        row.setContentsMargins(0, 0, 0, 0)
        costs = panel()
        costs_box = QVBoxLayout(costs)
        self.lines = [f"{lesson_text(c.text)}: {money(c.amount)}" for c in (*listing.costs, listing.margin)]
        for i, text in enumerate(self.lines):
            line = label(text, role="" if large_text() else "lead")
            line.setObjectName(f"cost_{i}")
            costs_box.addWidget(line)
        self.market = label(lesson_text(listing.market_text), role="muted")
        costs_box.addWidget(self.market)
        costs_box.addStretch(1)
        row.addWidget(costs, 3 if large_text() else 1)  # big text needs the width for the costs
        self.entry = NumberEntry([NumberField("price", _("Price"), _("yuan"))], columns=4)
        self.entry.changed.connect(self.changed.emit)
        row.addWidget(self.entry, 2 if large_text() else 1)

    def prompt(self) -> str:
        return lesson_text(self.listing.price_prompt)

    def ready(self) -> bool:
        return self.entry.complete()

    def check(self) -> list[PartResult]:
        return [rubric.score_price(self.listing, self.entry.value("price"))]

    def answer_of(self, part: str) -> object:
        return self.entry.value("price")

    def speech_text(self) -> str:
        return ". ".join([*self.lines, self.market.text()])

    def help_text(self) -> str:
        return _("Add up every cost and what you want to earn. Type the price with the keys.")


class ListingScreen(PracticeScreen):
    task = "listing"
    track_id = "listing"

    def title(self) -> str:
        return lesson_text(self.practice.listing.title) if self.practice.listing else ""

    def build_pages(self) -> list[Page]:
        listing = self.practice.listing
        assert listing is not None
        return [PhotoPage(listing), WordsPage(listing), SpecPage(listing), WeightPage(listing), PricePage(listing)]
