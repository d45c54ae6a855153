"""The hands-on practice tasks (lessons/practice.yaml) as plain, immutable data.

Like lessons, the file is checked field by field: every mistake becomes a `Problem` with its line,
a broken task is left out (its card says it is not available) and the other tasks still load.
Text fields hold English source text; screens translate them with `i18n.lesson_text`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ecom_trainer.content.fields import ITEM_ID, SKILL_ID, FileChecker
from ecom_trainer.content.model import Media, Problem
from ecom_trainer.content.yamlsource import PathKey, YamlError, read_yaml

PRACTICE_FILE = "practice.yaml"
TASKS = ("listing", "packing", "shipping", "rehearsal", "scam")
# What makes a good main photo (CONTENT.md, A1); a candidate photo lists the ones it has.
PHOTO_QUALITIES = ("square", "plain_background", "fills_frame", "daylight", "no_text")
# A title is place + variety + weight + product (A2), in that order; the other kinds are flagged.
TITLE_PARTS = ("place", "variety", "weight", "product")
TILE_KINDS = (*TITLE_PARTS, "absolute", "phone", "unrelated")
SCAM_REASONS = ("fake_refund", "brushing", "code", "off_platform")


@dataclass(frozen=True)
class Photo:
    id: str
    text: str
    image: Media
    good: frozenset[str]  # the PHOTO_QUALITIES this photo has


@dataclass(frozen=True)
class Tile:
    id: str
    text: str
    kind: str  # one of TILE_KINDS


@dataclass(frozen=True)
class Option:
    """A specification to choose; `explanation` says why it is right or not."""

    id: str
    text: str
    right: bool
    explanation: str


@dataclass(frozen=True)
class Cost:
    id: str
    text: str
    amount: float


@dataclass(frozen=True)
class Listing:
    title: str
    summary: str
    photo_prompt: str
    photos: tuple[Photo, ...]
    words_prompt: str
    tiles: tuple[Tile, ...]
    spec_prompt: str
    specs: tuple[Option, ...]
    weight_prompt: str
    weight_grams: float  # the net weight of one order
    item_grams: float  # one bag: the usual slip is to give this instead
    price_prompt: str
    costs: tuple[Cost, ...]
    margin: Cost
    tolerance: float
    market_text: str
    market_low: float
    market_high: float

    @property
    def price(self) -> float:
        return sum(c.amount for c in self.costs) + self.margin.amount


@dataclass(frozen=True)
class Material:
    id: str
    text: str
    need: bool
    explanation: str  # why a material that is not needed is wrong here


@dataclass(frozen=True)
class Step:
    id: str
    text: str


@dataclass(frozen=True)
class PackProduct:
    id: str
    text: str
    image: Media | None
    materials: tuple[Material, ...]
    steps: tuple[Step, ...]  # in the right order


@dataclass(frozen=True)
class Packing:
    title: str
    summary: str
    prompt: str
    materials_prompt: str
    steps_prompt: str
    products: tuple[PackProduct, ...]


@dataclass(frozen=True)
class Courier:
    id: str
    text: str
    first_kg: float  # 首重: the price of the first kilogram
    extra_kg: float  # 续重: the price of each further kilogram


@dataclass(frozen=True)
class Parcel:
    id: str
    text: str
    weight_kg: float
    size_cm: tuple[float, float, float]
    divisor: float  # the courier's volumetric divisor (cm³ per kg), given by the task


@dataclass(frozen=True)
class Shipping:
    title: str
    summary: str
    note: str
    billed_prompt: str
    price_prompt: str
    cheaper_prompt: str
    couriers: tuple[Courier, ...]
    parcels: tuple[Parcel, ...]


@dataclass(frozen=True)
class Checklist:
    id: str
    prompt: str
    skills: tuple[str, ...]
    items: tuple[Step, ...]


@dataclass(frozen=True)
class Rehearsal:
    title: str
    summary: str
    cards: tuple[str, ...]
    checklists: tuple[Checklist, ...]


@dataclass(frozen=True)
class Reason:
    id: str
    text: str


@dataclass(frozen=True)
class Message:
    id: str
    name: str
    text: str
    scam: str  # one of SCAM_REASONS, or "" for a normal message
    skills: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Conversation:
    id: str
    messages: tuple[Message, ...]


@dataclass(frozen=True)
class Scam:
    title: str
    summary: str
    prompt: str
    why_prompt: str
    reasons: tuple[Reason, ...]
    conversations: tuple[Conversation, ...]


@dataclass
class Practice:
    listing: Listing | None = None
    packing: Packing | None = None
    shipping: Shipping | None = None
    rehearsal: Rehearsal | None = None
    scam: Scam | None = None
    images: dict[str, Media] = field(default_factory=dict)  # each task's picture on its card
    problems: list[Problem] = field(default_factory=list)

    def task(self, name: str) -> object | None:
        return getattr(self, name, None) if name in TASKS else None


# ---------------------------------------------------------------- loading

class _Checker(FileChecker):
    """FileChecker plus the few kinds of field only practice tasks have."""

    def number(self, m: dict, key: str, path: PathKey, positive: bool = True) -> float:
        value = m.get(key)
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        if not ok or (positive and value <= 0) or value < 0:
            self.report((*path, key), f"should be a {'positive ' if positive else ''}number, not {value!r}")
            return 0.0
        return float(value)

    def items(self, m: dict, key: str, path: PathKey, low: int, high: int, allowed: set[str]) -> list[tuple[PathKey, dict]]:
        """The mappings of a list, each with its path; duplicate ids are reported."""
        found, ids = [], set()
        for i, raw in enumerate(self.seq(m, key, path, low, high)):
            here = (*path, key, i)
            entry = self.mapping(raw, here, allowed)
            if entry is None:
                continue
            if "id" in allowed:
                ident = self.ident(entry, "id", here, ITEM_ID, "letters, digits, - and _")
                if ident in ids:
                    self.report((*here, "id"), f"the id '{ident}' is used twice")
                ids.add(ident)
            found.append((here, entry))
        return found

    def section(self, m: dict, key: str, path: PathKey, allowed: set[str]) -> dict:
        return self.mapping(m.get(key), (*path, key), allowed) or {}


def _listing(c: _Checker, m: dict, folder: Path) -> Listing:
    p: PathKey = ("listing",)
    photo = c.section(m, "photo", p, {"prompt", "options"})
    photos = []
    for here, e in c.items(photo, "options", (*p, "photo"), 2, 6, {"id", "text", "image", "alt", "good"}):
        good = e.get("good", [])
        if not isinstance(good, list) or any(g not in PHOTO_QUALITIES for g in good):
            c.report((*here, "good"), f"should list qualities from: {', '.join(PHOTO_QUALITIES)}")
            good = []
        image = c.image(e, here, folder, required=True)
        if image:
            photos.append(Photo(e["id"], c.text(e, "text", here), image, frozenset(good)))
    if photos and not any(ph.good == frozenset(PHOTO_QUALITIES) for ph in photos):
        c.report((*p, "photo", "options"), "one photo should have every quality (the right choice)")
    words = c.section(m, "words", p, {"prompt", "tiles"})
    tiles = []
    for here, e in c.items(words, "tiles", (*p, "words"), 4, 12, {"id", "text", "kind"}):
        kind = e.get("kind")
        if kind not in TILE_KINDS:
            c.report((*here, "kind"), f"should be one of: {', '.join(TILE_KINDS)}")
        tiles.append(Tile(str(e.get("id")), c.text(e, "text", here), str(kind)))
    if tiles and {t.kind for t in tiles} < set(TITLE_PARTS):
        c.report((*p, "words", "tiles"), f"a tile is needed for each title part: {', '.join(TITLE_PARTS)}")
    spec = c.section(m, "spec", p, {"prompt", "options"})
    specs = [Option(str(e.get("id")), c.text(e, "text", here), e.get("right") is True,
                    c.text(e, "explanation", here))
             for here, e in c.items(spec, "options", (*p, "spec"), 2, 4, {"id", "text", "right", "explanation"})]
    if specs and sum(o.right for o in specs) != 1:
        c.report((*p, "spec", "options"), "exactly one option should say right: true")
    weight = c.section(m, "weight", p, {"prompt", "grams", "item_grams"})
    price = c.section(m, "price", p, {"prompt", "costs", "margin", "tolerance", "market"})
    costs = [Cost(str(e.get("id")), c.text(e, "text", here), c.number(e, "amount", here))
             for here, e in c.items(price, "costs", (*p, "price"), 2, 6, {"id", "text", "amount"})]
    margin_map = c.section(price, "margin", (*p, "price"), {"text", "amount"})
    margin = Cost("margin", c.text(margin_map, "text", (*p, "price", "margin")),
                  c.number(margin_map, "amount", (*p, "price", "margin"), positive=False))
    market = c.section(price, "market", (*p, "price"), {"text", "low", "high"})
    mp = (*p, "price", "market")
    return Listing(
        c.text(m, "title", p), c.text(m, "summary", p),
        c.text(photo, "prompt", (*p, "photo")), tuple(photos),
        c.text(words, "prompt", (*p, "words")), tuple(tiles),
        c.text(spec, "prompt", (*p, "spec")), tuple(specs),
        c.text(weight, "prompt", (*p, "weight")), c.number(weight, "grams", (*p, "weight")),
        c.number(weight, "item_grams", (*p, "weight")),
        c.text(price, "prompt", (*p, "price")), tuple(costs), margin,
        c.number(price, "tolerance", (*p, "price"), positive=False),
        c.text(market, "text", mp), c.number(market, "low", mp), c.number(market, "high", mp),
    )


def _packing(c: _Checker, m: dict, folder: Path) -> Packing:
    p: PathKey = ("packing",)
    materials = c.section(m, "materials", p, {"prompt"})
    steps = c.section(m, "steps", p, {"prompt"})
    products = []
    for here, e in c.items(m, "products", p, 1, 4, {"id", "text", "image", "alt", "materials", "steps"}):
        stuff = []
        for mhere, me in c.items(e, "materials", here, 2, 8, {"id", "text", "need", "explanation"}):
            need = me.get("need") is True
            stuff.append(Material(str(me.get("id")), c.text(me, "text", mhere), need,
                                  c.text(me, "explanation", mhere, required=not need)))
        if stuff and not any(x.need for x in stuff):
            c.report((*here, "materials"), "at least one material should say need: true")
        order = [Step(str(se.get("id")), c.text(se, "text", shere))
                 for shere, se in c.items(e, "steps", here, 2, 6, {"id", "text"})]
        products.append(PackProduct(str(e.get("id")), c.text(e, "text", here),
                                    c.image(e, here, folder, required=False), tuple(stuff), tuple(order)))
    return Packing(c.text(m, "title", p), c.text(m, "summary", p), c.text(m, "prompt", p),
                   c.text(materials, "prompt", (*p, "materials")), c.text(steps, "prompt", (*p, "steps")),
                   tuple(products))


def _shipping(c: _Checker, m: dict) -> Shipping:
    p: PathKey = ("shipping",)
    prompts = {key: c.text(c.section(m, key, p, {"prompt"}), "prompt", (*p, key)) for key in ("billed", "price", "cheaper")}
    couriers = [Courier(str(e.get("id")), c.text(e, "text", here), c.number(e, "first_kg", here),
                        c.number(e, "extra_kg", here, positive=False))
                for here, e in c.items(m, "couriers", p, 2, 4, {"id", "text", "first_kg", "extra_kg"})]
    parcels = []
    for here, e in c.items(m, "parcels", p, 1, 6, {"id", "text", "weight_kg", "size_cm", "divisor"}):
        size = e.get("size_cm")
        if not (isinstance(size, list) and len(size) == 3
                and all(isinstance(s, int | float) and not isinstance(s, bool) and s > 0 for s in size)):
            c.report((*here, "size_cm"), "should be three positive numbers: [length, width, height]")
            size = [1, 1, 1]
        parcels.append(Parcel(str(e.get("id")), c.text(e, "text", here), c.number(e, "weight_kg", here),
                              (float(size[0]), float(size[1]), float(size[2])), c.number(e, "divisor", here)))
    note = c.section(m, "note", p, {"text"})
    return Shipping(c.text(m, "title", p), c.text(m, "summary", p), c.text(note, "text", (*p, "note")),
                    prompts["billed"], prompts["price"], prompts["cheaper"], tuple(couriers), tuple(parcels))


def _rehearsal(c: _Checker, m: dict) -> Rehearsal:
    p: PathKey = ("rehearsal",)
    cards = [c.text(e, "text", here) for here, e in c.items(m, "cards", p, 1, 6, {"text"})]
    lists = []
    for here, e in c.items(m, "checklists", p, 1, 3, {"id", "prompt", "skills", "items"}):
        skills = []
        for i, skill in enumerate(e.get("skills") or []):
            if isinstance(skill, str) and SKILL_ID.match(skill):
                skills.append(skill)
            else:
                c.report((*here, "skills", i), f"'{skill}' is not a skill id such as B1")
        items = [Step(str(ie.get("id")), c.text(ie, "text", ihere))
                 for ihere, ie in c.items(e, "items", here, 1, 6, {"id", "text"})]
        lists.append(Checklist(str(e.get("id")), c.text(e, "prompt", here), tuple(skills), tuple(items)))
    return Rehearsal(c.text(m, "title", p), c.text(m, "summary", p), tuple(cards), tuple(lists))


def _scam(c: _Checker, m: dict) -> Scam:
    p: PathKey = ("scam",)
    reasons = [Reason(str(e.get("id")), c.text(e, "text", here))
               for here, e in c.items(m, "reasons", p, 2, 6, {"id", "text"})]
    known = {r.id for r in reasons}
    if known - set(SCAM_REASONS):
        c.report((*p, "reasons"), f"reason ids should be from: {', '.join(SCAM_REASONS)}")
    conversations = []
    for here, e in c.items(m, "conversations", p, 1, 6, {"id", "messages"}):
        messages = []
        for mhere, me in c.items(e, "messages", here, 2, 8, {"id", "name", "text", "scam", "skills", "explanation"}):
            scam = me.get("scam", "")
            if scam and scam not in known:
                c.report((*mhere, "scam"), f"should be one of the reasons: {', '.join(sorted(known))}")
            skills = tuple(s for s in (me.get("skills") or []) if isinstance(s, str) and SKILL_ID.match(s))
            if not skills:
                c.report((*mhere, "skills"), "name the skills this message checks, such as [D2]")
            messages.append(Message(str(me.get("id")), c.text(me, "name", mhere), c.text(me, "text", mhere),
                                    str(scam or ""), skills, c.text(me, "explanation", mhere)))
        conversations.append(Conversation(str(e.get("id")), tuple(messages)))
    why = c.section(m, "why", p, {"prompt"})
    return Scam(c.text(m, "title", p), c.text(m, "summary", p), c.text(m, "prompt", p),
                c.text(why, "prompt", (*p, "why")), tuple(reasons), tuple(conversations))


def load_practice(folder: Path) -> Practice:
    """Read `folder`/practice.yaml; a task with any problem is left out, the others load."""
    file = Path(folder) / PRACTICE_FILE
    practice = Practice()
    try:
        located = read_yaml(file)
    except YamlError as exc:
        practice.problems.append(Problem(file, exc.line, "", exc.message))
        return practice
    top = _Checker(file, located)
    data = top.mapping(located.data, (), {"format", *TASKS}) or {}
    practice.problems.extend(top.problems)
    builders = {"listing": lambda c, m: _listing(c, m, file.parent),
                "packing": lambda c, m: _packing(c, m, file.parent),
                "shipping": _shipping, "rehearsal": _rehearsal, "scam": _scam}
    allowed = {"listing": {"title", "summary", "photo", "words", "spec", "weight", "price"},
               "packing": {"title", "summary", "prompt", "materials", "steps", "products"},
               "shipping": {"title", "summary", "note", "billed", "price", "cheaper", "couriers", "parcels"},
               "rehearsal": {"title", "summary", "cards", "checklists"},
               "scam": {"title", "summary", "prompt", "why", "reasons", "conversations"}}
    for name in TASKS:
        if name not in data:
            continue
        c = _Checker(file, located)
        m = c.mapping(data[name], (name,), allowed[name] | {"image", "alt"})
        task = builders[name](c, m) if m is not None else None
        image = c.image(m, (name,), file.parent, required=False) if m is not None else None
        practice.problems.extend(c.problems)
        if not c.problems:
            setattr(practice, name, task)
            if image is not None:
                practice.images[name] = image
    return practice
