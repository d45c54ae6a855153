"""Pack the parcel: choose tea, camellia oil or chestnuts, tap the materials it needs, then put
the packing steps in order with the quiz's ▲ ▼ list (skill C1)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ecom_trainer.assess import practice as rubric
from ecom_trainer.assess.practice import PartResult
from ecom_trainer.content.model import Choice, Question
from ecom_trainer.content.practice import Packing, PackProduct
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.ui.learner.practice.base import Page, PracticeScreen
from ecom_trainer.ui.learner.practice.controls import TileChoice, TileItem
from ecom_trainer.ui.learner.questions import OrderInput
from ecom_trainer.ui.theme import large_text


class ProductPage(Page):
    def __init__(self, packing: Packing, preselect: str | None = None) -> None:
        super().__init__()
        self.packing = packing
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        items = [TileItem(p.id, lesson_text(p.text), p.image.path if p.image else None,
                          lesson_text(p.image.alt) if p.image else "") for p in packing.products]
        self.tiles = TileChoice(items, 3, prefix="product")
        self.tiles.changed.connect(self.changed.emit)
        if preselect in self.tiles.buttons:
            self.tiles.buttons[preselect].setChecked(True)
        box.addWidget(self.tiles, 1)

    def product(self) -> PackProduct:
        chosen = self.tiles.value()
        return next((p for p in self.packing.products if p.id == chosen), self.packing.products[0])

    def prompt(self) -> str:
        return lesson_text(self.packing.prompt)

    def ready(self) -> bool:
        return self.tiles.value() is not None

    def speech_text(self) -> str:
        return self.tiles.speech_text()

    def help_text(self) -> str:
        return _("Tap what you want to pack, then tap Next.")


class MaterialsPage(Page):
    def __init__(self, packing: Packing, products: ProductPage) -> None:
        super().__init__()
        self.packing, self.products = packing, products
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.tiles: TileChoice | None = None
        self.product: PackProduct | None = None

    def enter(self) -> None:
        product = self.products.product()
        if product is self.product:
            return
        self.product = product
        if self.tiles is not None:
            self.box.removeWidget(self.tiles)
            self.tiles.hide()
            self.tiles.deleteLater()
        items = [TileItem(m.id, lesson_text(m.text)) for m in product.materials]
        self.tiles = TileChoice(items, 2 if large_text() else 3, exclusive=False, prefix="material")
        self.tiles.changed.connect(self.changed.emit)
        self.box.addWidget(self.tiles, 1)

    def prompt(self) -> str:
        return lesson_text(self.packing.materials_prompt)

    def ready(self) -> bool:
        return bool(self.tiles and self.tiles.selected())

    def check(self) -> list[PartResult]:
        assert self.product is not None and self.tiles is not None
        return [rubric.score_materials(self.product, self.tiles.selected())]

    def answer_of(self, part: str) -> object:
        return self.tiles.selected() if self.tiles else []

    def speech_text(self) -> str:
        return self.tiles.speech_text() if self.tiles else ""

    def help_text(self) -> str:
        return _("Tap everything you need. Tap a tile again to take it back. Then tap the green button.")


class StepsPage(Page):
    def __init__(self, packing: Packing, products: ProductPage, seed: str) -> None:
        super().__init__()
        self.packing, self.products, self.seed = packing, products, seed
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.input: OrderInput | None = None
        self.product: PackProduct | None = None

    def enter(self) -> None:
        product = self.products.product()
        if product is self.product:
            return
        self.product = product
        if self.input is not None:
            self.box.removeWidget(self.input)
            self.input.hide()
            self.input.deleteLater()
        # The quiz's order list, fed a question made from the task: the same ▲ ▼ for both.
        question = Question(f"practice-{product.id}-steps", "order", "", rubric.PACKING_SKILLS, "",
                            options=tuple(Choice(s.id, s.text) for s in product.steps),
                            answer=[s.id for s in product.steps])
        self.input = OrderInput(question, self.seed)
        self.input.setObjectName("steps_input")
        self.input.changed.connect(self.changed.emit)
        if hasattr(self.input, "read_aloud"):  # each step's own Listen control
            self.input.read_aloud.connect(self.read_aloud.emit)
        self.box.addWidget(self.input, 1)

    def prompt(self) -> str:
        return lesson_text(self.packing.steps_prompt)

    def check(self) -> list[PartResult]:
        assert self.product is not None and self.input is not None
        return [rubric.score_steps(self.product, self.input.answer())]

    def answer_of(self, part: str) -> object:
        return self.input.answer() if self.input else []

    def speech_text(self) -> str:
        return self.input.speech_text() if self.input else ""

    def help_text(self) -> str:
        return _("Tap ▲ to move a step up and ▼ to move it down. Then tap the green button.")


class PackingScreen(PracticeScreen):
    task = "packing"
    track_id = "logistics"

    def title(self) -> str:
        return lesson_text(self.practice.packing.title) if self.practice.packing else ""

    def build_pages(self) -> list[Page]:
        packing = self.practice.packing
        assert packing is not None and self.session is not None
        previous = self.pages[0].product().id if self.pages and isinstance(self.pages[0], ProductPage) else None
        self.products = ProductPage(packing, previous)
        seed = f"{self.session.learner.id}/{self.round}"  # a new order for each try
        return [self.products, MaterialsPage(packing, self.products), StepsPage(packing, self.products, seed)]

    def question_id(self, part: PartResult) -> str:
        return f"{self.products.product().id}.{part.part}"
