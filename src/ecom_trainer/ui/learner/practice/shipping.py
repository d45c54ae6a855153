"""Shipping cost: the billed weight of a parcel (the larger of scale and size weight), each
courier's price (first kilogram + extra kilograms), and the cheaper courier (skill C2). "Try
again" brings the next parcel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ecom_trainer.assess import practice as rubric
from ecom_trainer.assess.practice import PartResult
from ecom_trainer.content.practice import Courier, Parcel, Shipping
from ecom_trainer.i18n import format_number, lesson_text
from ecom_trainer.i18n import gettext as _
from ecom_trainer.ui.learner.practice.base import Page, PracticeScreen
from ecom_trainer.ui.learner.practice.controls import NumberEntry, NumberField, TileChoice, TileItem
from ecom_trainer.ui.learner.practice.words import kg, money
from ecom_trainer.ui.theme import large_text
from ecom_trainer.ui.widgets import label, panel


def rate_text(courier: Courier) -> str:
    return _("{courier}: first kg {first}, each extra kg {extra}").format(
        courier=lesson_text(courier.text), first=money(courier.first_kg), extra=money(courier.extra_kg))


def info_panel(lines: list[str], muted: str = "") -> tuple[QWidget, list[str]]:
    box = panel()
    layout = QVBoxLayout(box)
    for i, text in enumerate(lines):
        line = label(text, role="" if large_text() else "lead")
        line.setObjectName(f"info_{i}")
        layout.addWidget(line)
    if muted:
        layout.addWidget(label(muted, role="muted"))
    layout.addStretch(1)
    return box, [*lines, muted] if muted else lines


def side_by_side(page: Page, facts: QWidget, entry: QWidget) -> None:
    """The facts beside the keypad, at every text size: the screen is wider than it is tall. Big
    text needs the width for the facts; the keypad is narrow enough."""
    row = QHBoxLayout(page)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(facts, 3 if large_text() else 1)
    row.addWidget(entry, 2 if large_text() else 1)


class BilledPage(Page):
    def __init__(self, shipping: Shipping, parcel: Parcel) -> None:
        super().__init__()
        self.shipping, self.parcel = shipping, parcel
        length, width, height = (format_number(v) for v in parcel.size_cm)
        box, self.lines = info_panel([
            lesson_text(parcel.text),
            _("On the scale: {weight}").format(weight=kg(parcel.weight_kg)),
            _("Size: {l} × {w} × {h} cm").format(l=length, w=width, h=height),
            _("The courier divides by {divisor}.").format(divisor=format_number(parcel.divisor)),
        ])
        self.entry = NumberEntry([NumberField("billed", _("Billed weight"), _("kg"))], columns=4)
        self.entry.changed.connect(self.changed.emit)
        side_by_side(self, box, self.entry)

    def prompt(self) -> str:
        return lesson_text(self.shipping.billed_prompt)

    def ready(self) -> bool:
        return self.entry.complete()

    def check(self) -> list[PartResult]:
        return [rubric.score_billed(self.parcel, self.entry.value("billed"))]

    def answer_of(self, part: str) -> object:
        return self.entry.value("billed")

    def speech_text(self) -> str:
        return ". ".join(self.lines)

    def help_text(self) -> str:
        return _("Work out the size weight: length × width × height ÷ the number. The courier charges "
                 "the larger weight. Type it with the keys.")


class CostPage(Page):
    def __init__(self, shipping: Shipping, parcel: Parcel) -> None:
        super().__init__()
        self.shipping, self.parcel = shipping, parcel
        billed = rubric.billed_weight(parcel)
        box, self.lines = info_panel(
            [_("Billed weight: {weight}").format(weight=kg(billed)), *(rate_text(c) for c in shipping.couriers)],
            lesson_text(shipping.note))
        fields = [NumberField(c.id, lesson_text(c.text), _("yuan")) for c in shipping.couriers]
        self.entry = NumberEntry(fields, columns=4)
        self.entry.changed.connect(self.changed.emit)
        side_by_side(self, box, self.entry)

    def prompt(self) -> str:
        return lesson_text(self.shipping.price_prompt)

    def ready(self) -> bool:
        return self.entry.complete()

    def check(self) -> list[PartResult]:
        return [rubric.score_costs(self.parcel, self.shipping.couriers, self.entry.values())]

    def answer_of(self, part: str) -> object:
        return self.entry.values()

    def speech_text(self) -> str:
        return ". ".join(self.lines)

    def help_text(self) -> str:
        return _("Tap a courier's box, then type its price with the keys: the first kilogram, plus each "
                 "extra kilogram.")


class CheaperPage(Page):
    def __init__(self, shipping: Shipping, parcel: Parcel) -> None:
        super().__init__()
        self.shipping, self.parcel = shipping, parcel
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        items = [TileItem(c.id, rate_text(c)) for c in shipping.couriers]
        self.tiles = TileChoice(items, 1, prefix="courier")
        self.tiles.changed.connect(self.changed.emit)
        box.addWidget(self.tiles, 1)

    def prompt(self) -> str:
        return lesson_text(self.shipping.cheaper_prompt)

    def ready(self) -> bool:
        return self.tiles.value() is not None

    def check(self) -> list[PartResult]:
        return [rubric.score_cheaper(self.parcel, self.shipping.couriers, self.tiles.value())]

    def answer_of(self, part: str) -> object:
        return self.tiles.value()

    def speech_text(self) -> str:
        return self.tiles.speech_text()


class ShippingScreen(PracticeScreen):
    task = "shipping"
    track_id = "logistics"

    def title(self) -> str:
        return lesson_text(self.practice.shipping.title) if self.practice.shipping else ""

    def parcel(self) -> Parcel:
        assert self.practice.shipping is not None
        parcels = self.practice.shipping.parcels
        return parcels[self.round % len(parcels)]

    def build_pages(self) -> list[Page]:
        shipping = self.practice.shipping
        assert shipping is not None
        parcel = self.parcel()
        return [BilledPage(shipping, parcel), CostPage(shipping, parcel), CheaperPage(shipping, parcel)]

    def question_id(self, part: PartResult) -> str:
        return f"{self.parcel().id}.{part.part}"
