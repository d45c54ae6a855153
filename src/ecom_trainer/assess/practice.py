"""Rubric scoring for the hands-on practice tasks: pure functions, (task data, what the learner
did) -> a score in [0, 1] and findings, point by point.

A finding is a stable code ("title.absolute_word") with the data needed to say it (source-language
text, numbers); the screens word it through gettext, so the rubric never holds a sentence. Each
task is scored in parts, one per rubric point; a part is recorded as one attempt with its skills
(question id = part id), so mastery counts hands-on work like any answer. A task's score is the
mean of its parts, except the rehearsal checklist, which is the share of items ticked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ecom_trainer.content.practice import (
    PHOTO_QUALITIES,
    TILE_KINDS,
    TITLE_PARTS,
    Checklist,
    Conversation,
    Courier,
    Listing,
    Message,
    PackProduct,
    Parcel,
    Rehearsal,
)

EPSILON = 1e-9
LISTING_SKILLS = {"photo": ("A1",), "title": ("A2",), "spec": ("A3",), "weight": ("A3",), "price": ("A4",)}
PACKING_SKILLS = ("C1",)
SHIPPING_SKILLS = ("C2",)
# Title points: one per part present, one for the right order; banned words cost points.
TITLE_POINTS = len(TITLE_PARTS) + 1
PENALTY = {"absolute": 2, "phone": 2, "unrelated": 1}
PHOTO_FAULTS = {"square": "photo.not_square", "plain_background": "photo.busy_background",
                "fills_frame": "photo.too_small", "daylight": "photo.too_dark", "no_text": "photo.text_on_photo"}
UNIT_GRAMS = {"g": 1.0, "kg": 1000.0}

# Absolute words banned in ads (Advertising Law art. 9(3)); Latin ones as whole words only.
ABSOLUTE_CJK = ("最好", "最佳", "最优", "最高级", "最低价", "第一", "国家级", "顶级", "极品", "唯一", "首选", "全网最")
ABSOLUTE_LATIN = re.compile(r"\b(best|no\.?\s?1|number\s+one|national[\s-]level|top[\s-]grade|highest)\b",
                            re.IGNORECASE)
PHONE = re.compile(r"(?<!\d)(?:(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}|0\d{2,3}-\d{7,8})(?!\d)")


@dataclass(frozen=True)
class Finding:
    code: str
    ok: bool  # a point done well, or one to work on
    data: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PartResult:
    part: str  # the rubric part, recorded as the attempt's question id
    score: float
    skills: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def correct(self) -> bool:
        return self.score >= 1.0 - EPSILON


@dataclass(frozen=True)
class PracticeResult:
    score: float
    parts: tuple[PartResult, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for p in self.parts for f in p.findings)


def _mean(parts: Sequence[PartResult]) -> float:
    return sum(p.score for p in parts) / len(parts) if parts else 0.0


def _number(value: object) -> float | None:
    """A finite number, or None for anything else (a widget that sent nonsense scores 0)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _close(a: float, b: float, tolerance: float = 0.0) -> bool:
    return abs(a - b) <= tolerance + EPSILON * max(1.0, abs(b))


# ---------------------------------------------------------------- make a listing

def banned_kind(text: str) -> str | None:
    """"phone" for a phone number, "absolute" for an absolute word (最好, 第一, 国家级, best,
    No.1, national-level…), else None."""
    if PHONE.search(text):
        return "phone"
    if any(word in text for word in ABSOLUTE_CJK) or ABSOLUTE_LATIN.search(text):
        return "absolute"
    return None


def score_photo(listing: Listing, chosen: object) -> PartResult:
    """The share of the good-photo qualities the chosen photo has; each missing one is named."""
    skills = LISTING_SKILLS["photo"]
    photo = next((p for p in listing.photos if p.id == chosen), None)
    if photo is None:
        return PartResult("photo", 0.0, skills, (Finding("photo.none", False),))
    missing = [q for q in PHOTO_QUALITIES if q not in photo.good]
    score = (len(PHOTO_QUALITIES) - len(missing)) / len(PHOTO_QUALITIES)
    if not missing:
        return PartResult("photo", score, skills, (Finding("photo.good", True, {"photo": photo.text}),))
    findings = [Finding(PHOTO_FAULTS[q], False, {"photo": photo.text}) for q in missing]
    best = next((p for p in listing.photos if not set(PHOTO_QUALITIES) - p.good), None)
    if best is not None:
        findings.append(Finding("photo.best", False, {"photo": best.text}))
    return PartResult("photo", score, skills, tuple(findings))


def score_title(listing: Listing, chosen: object) -> PartResult:
    """Points: one per part (place, variety, weight, product) present, one more when all four
    stand in that order; minus 2 per absolute word or phone number, minus 1 per unrelated word;
    score = points / 5, never below 0. A tile's text is checked too, whatever its kind says."""
    skills = LISTING_SKILLS["title"]
    tiles = {t.id: t for t in listing.tiles}
    ids = [i for i in chosen if isinstance(i, str)] if isinstance(chosen, list | tuple) else []
    picked = [tiles[i] for i in dict.fromkeys(ids) if i in tiles]  # each tile once, in order
    if not picked:
        return PartResult("title", 0.0, skills, (Finding("title.empty", False),))
    kinds = [banned_kind(t.text) or (t.kind if t.kind in TILE_KINDS else "unrelated") for t in picked]
    findings: list[Finding] = []
    points = 0
    for tile, kind in zip(picked, kinds, strict=True):
        if kind in PENALTY:
            points -= PENALTY[kind]
            code = {"absolute": "title.absolute_word", "phone": "title.phone_number"}.get(kind, "title.unrelated_word")
            findings.append(Finding(code, False, {"word": tile.text}))
    present = [k for k in dict.fromkeys(kinds) if k in TITLE_PARTS]
    points += len(present)
    findings += [Finding("title.missing_part", False, {"part": part}) for part in TITLE_PARTS if part not in present]
    if len(present) == len(TITLE_PARTS):
        if tuple(present) == TITLE_PARTS:
            points += 1
        else:
            order = {k: next(t.text for t, kk in zip(picked, kinds, strict=True) if kk == k) for k in TITLE_PARTS}
            findings.append(Finding("title.order", False, {"words": [order[k] for k in TITLE_PARTS]}))
    score = max(0, points) / TITLE_POINTS
    if score >= 1.0 - EPSILON:
        findings.append(Finding("title.good", True, {"words": [t.text for t in picked]}))
    return PartResult("title", score, skills, tuple(findings))


def score_spec(listing: Listing, chosen: object) -> PartResult:
    skills = LISTING_SKILLS["spec"]
    option = next((o for o in listing.specs if o.id == chosen), None)
    if option is None:
        return PartResult("spec", 0.0, skills, (Finding("spec.none", False),))
    right = next(o for o in listing.specs if o.right)
    data = {"spec": option.text, "explanation": option.explanation, "right": right.text}
    if option.right:
        return PartResult("spec", 1.0, skills, (Finding("spec.right", True, data),))
    return PartResult("spec", 0.0, skills, (Finding("spec.wrong", False, data),))


def score_weight(listing: Listing, value: object, unit: object) -> PartResult:
    """Right number and unit: 1. The right number in the wrong unit: 0.5. One bag's weight, or
    anything else: 0."""
    skills = LISTING_SKILLS["weight"]
    number = _number(value)
    data = {"grams": listing.weight_grams, "item_grams": listing.item_grams,
            "count": round(listing.weight_grams / listing.item_grams) if listing.item_grams else 0}
    if number is None:
        return PartResult("weight", 0.0, skills, (Finding("weight.none", False, data),))
    if unit not in UNIT_GRAMS:
        return PartResult("weight", 0.0, skills, (Finding("weight.no_unit", False, {**data, "value": number}),))
    data = {**data, "value": number, "unit": unit}
    if _close(number * UNIT_GRAMS[unit], listing.weight_grams):
        return PartResult("weight", 1.0, skills, (Finding("weight.right", True, data),))
    other = "kg" if unit == "g" else "g"
    if _close(number * UNIT_GRAMS[other], listing.weight_grams):
        return PartResult("weight", 0.5, skills, (Finding("weight.wrong_unit", False, {**data, "right_unit": other}),))
    if _close(number * UNIT_GRAMS[unit], listing.item_grams):
        return PartResult("weight", 0.0, skills, (Finding("weight.one_item", False, data),))
    return PartResult("weight", 0.0, skills, (Finding("weight.wrong", False, data),))


def score_price(listing: Listing, given: object) -> PartResult:
    """Within the tolerance of cost + packaging + shipping + fee + margin: 1. One part left out
    (a cost, or the margin): 0.5, naming it. Below the costs: 0, you would lose money. Else 0.
    A price outside the range of similar listings adds a note (no points)."""
    skills = LISTING_SKILLS["price"]
    price = _number(given)
    expected = listing.price
    costs = sum(c.amount for c in listing.costs)
    data: dict[str, object] = {"expected": expected, "costs": costs,
                               "parts": [(c.text, c.amount) for c in (*listing.costs, listing.margin)]}
    if price is None or price <= 0:
        return PartResult("price", 0.0, skills, (Finding("price.none", False, data),))
    data["price"] = price
    tolerance = listing.tolerance
    forgotten = next((c for c in (*listing.costs, listing.margin)
                      if c.amount and _close(price, expected - c.amount, tolerance)), None)
    if _close(price, expected, tolerance):
        score, finding = 1.0, Finding("price.right", True, data)
    elif forgotten is listing.margin:
        score, finding = 0.5, Finding("price.no_margin", False, data)
    elif forgotten is not None:
        score, finding = 0.5, Finding("price.forgot", False, {**data, "part": forgotten.text,
                                                              "amount": forgotten.amount})
    elif price < costs - tolerance:
        score, finding = 0.0, Finding("price.loses_money", False, data)
    else:
        score, finding = 0.0, Finding("price.wrong", False, data)
    findings = [finding]
    if not listing.market_low <= price <= listing.market_high:
        findings.append(Finding("price.market", False, {"low": listing.market_low, "high": listing.market_high}))
    return PartResult("price", score, skills, tuple(findings))


def score_listing(listing: Listing, photo: object, words: object, spec: object,
                  weight: object, weight_unit: object, price: object) -> PracticeResult:
    parts = (score_photo(listing, photo), score_title(listing, words), score_spec(listing, spec),
             score_weight(listing, weight, weight_unit), score_price(listing, price))
    return PracticeResult(_mean(parts), parts)


# ---------------------------------------------------------------- pack the parcel

def pairs_in_order(expected: Sequence[str], given: Sequence[str]) -> float:
    """Share of item pairs in the right relative order (as scoring.score_order): 1 - the
    normalised Kendall tau distance."""
    position = {item: i for i, item in enumerate(given)}
    n = len(expected)
    pairs = n * (n - 1) // 2
    if not pairs:
        return 1.0
    right = sum(1 for i in range(n) for j in range(i + 1, n) if position[expected[i]] < position[expected[j]])
    return right / pairs


def score_materials(product: PackProduct, picked: object) -> PartResult:
    """|picked ∩ needed| / |picked ∪ needed|: a missing material and a wrong one both cost."""
    chosen = {p for p in picked if isinstance(p, str)} if isinstance(picked, list | tuple | set | frozenset) else set()
    known = {m.id: m for m in product.materials}
    chosen &= set(known)
    needed = {m.id for m in product.materials if m.need}
    score = len(chosen & needed) / len(chosen | needed) if chosen | needed else 0.0
    findings = [Finding("materials.wrong", False, {"material": m.text, "explanation": m.explanation})
                for m in product.materials if m.id in chosen and not m.need]
    findings += [Finding("materials.missing", False, {"material": m.text})
                 for m in product.materials if m.need and m.id not in chosen]
    if not findings:
        findings.append(Finding("materials.right", True, {"materials": [known[i].text for i in known if i in needed]}))
    return PartResult("materials", score, PACKING_SKILLS, tuple(findings))


def score_steps(product: PackProduct, order: object) -> PartResult:
    expected = [s.id for s in product.steps]
    texts = [s.text for s in product.steps]
    if not isinstance(order, list | tuple) or sorted(map(str, order)) != sorted(expected):
        return PartResult("steps", 0.0, PACKING_SKILLS, (Finding("steps.order", False, {"steps": texts}),))
    score = pairs_in_order(expected, [str(o) for o in order])
    if score >= 1.0 - EPSILON:
        return PartResult("steps", 1.0, PACKING_SKILLS, (Finding("steps.right", True, {"steps": texts}),))
    findings = []
    if str(order[0]) != expected[0]:  # the first step matters most: it keeps the product safe
        findings.append(Finding("steps.first", False, {"step": texts[0]}))
    findings.append(Finding("steps.order", False, {"steps": texts}))
    return PartResult("steps", score, PACKING_SKILLS, tuple(findings))


def score_packing(product: PackProduct, picked: object, order: object) -> PracticeResult:
    parts = (score_materials(product, picked), score_steps(product, order))
    return PracticeResult(_mean(parts), parts)


# ---------------------------------------------------------------- shipping cost

def volumetric_weight(parcel: Parcel) -> float:
    """Length × width × height (cm) ÷ the courier's divisor, in kg."""
    length, width, height = parcel.size_cm
    return length * width * height / parcel.divisor


def billed_weight(parcel: Parcel) -> int:
    """The larger of the scale weight and the volumetric weight. A part kilogram counts as a whole
    one (couriers charge per started kilogram); the bundled parcels give whole kilograms, as the
    lesson's examples do, so this rounding never surprises a learner."""
    return max(1, math.ceil(max(parcel.weight_kg, volumetric_weight(parcel)) - EPSILON))


def shipping_price(billed_kg: float, courier: Courier) -> float:
    """The first kilogram's price (首重) plus each extra kilogram (续重)."""
    return courier.first_kg + max(0.0, billed_kg - 1) * courier.extra_kg


def cheapest(couriers: Sequence[Courier], billed_kg: float) -> tuple[Courier, ...]:
    """Every courier at the lowest price (more than one when they tie)."""
    prices = {c.id: shipping_price(billed_kg, c) for c in couriers}
    low = min(prices.values(), default=0.0)
    return tuple(c for c in couriers if _close(prices[c.id], low))


def _parcel_data(parcel: Parcel) -> dict[str, object]:
    return {"actual": parcel.weight_kg, "size": list(parcel.size_cm), "divisor": parcel.divisor,
            "volumetric": volumetric_weight(parcel), "billed": billed_weight(parcel)}


def score_billed(parcel: Parcel, given: object) -> PartResult:
    """Right: 1, else 0; the usual slips (the scale weight, the size weight, both added) are named."""
    data = _parcel_data(parcel)
    value = _number(given)
    billed = billed_weight(parcel)
    if value is None:
        return PartResult("billed", 0.0, SHIPPING_SKILLS, (Finding("billed.none", False, data),))
    data["given"] = value
    volumetric = volumetric_weight(parcel)
    if _close(value, billed):
        code = "billed.right"
    elif _close(value, parcel.weight_kg):
        code = "billed.used_scale"
    elif _close(value, volumetric) or _close(value, math.ceil(volumetric - EPSILON)):
        code = "billed.used_size"
    elif _close(value, parcel.weight_kg + volumetric):
        code = "billed.added"
    else:
        code = "billed.wrong"
    score = 1.0 if code == "billed.right" else 0.0
    return PartResult("billed", score, SHIPPING_SKILLS, (Finding(code, score == 1.0, data),))


def score_costs(parcel: Parcel, couriers: Sequence[Courier], given: object) -> PartResult:
    """The share of couriers whose price is right for the (right) billed weight."""
    answers = given if isinstance(given, Mapping) else {}
    billed = billed_weight(parcel)
    findings, right = [], 0
    for courier in couriers:
        expected = shipping_price(billed, courier)
        value = _number(answers.get(courier.id))
        data = {"courier": courier.text, "first": courier.first_kg, "extra": courier.extra_kg,
                "billed": billed, "extra_kg": max(0, billed - 1), "expected": expected, "given": value}
        ok = value is not None and _close(value, expected)
        right += ok
        findings.append(Finding("cost.right" if ok else "cost.wrong", ok, data))
    score = right / len(couriers) if couriers else 0.0
    return PartResult("cost", score, SHIPPING_SKILLS, tuple(findings))


def score_cheaper(parcel: Parcel, couriers: Sequence[Courier], chosen: object) -> PartResult:
    billed = billed_weight(parcel)
    best = cheapest(couriers, billed)
    data = {"couriers": [(c.text, shipping_price(billed, c)) for c in couriers],
            "cheapest": [c.text for c in best]}
    if any(c.id == chosen for c in best):
        return PartResult("cheaper", 1.0, SHIPPING_SKILLS, (Finding("cheaper.right", True, data),))
    return PartResult("cheaper", 0.0, SHIPPING_SKILLS, (Finding("cheaper.wrong", False, data),))


def score_shipping(parcel: Parcel, couriers: Sequence[Courier], billed: object, costs: object,
                   chosen: object) -> PracticeResult:
    parts = (score_billed(parcel, billed), score_costs(parcel, couriers, costs),
             score_cheaper(parcel, couriers, chosen))
    return PracticeResult(_mean(parts), parts)


# ---------------------------------------------------------------- live-selling rehearsal

def score_checklist(checklist: Checklist, ticked: Iterable[str]) -> PartResult:
    """The share of the list the learner ticked: a self-check, so honesty is all it asks."""
    done = set(ticked)
    findings = tuple(Finding("checklist.done" if item.id in done else "checklist.next_time",
                             item.id in done, {"item": item.text}) for item in checklist.items)
    share = sum(f.ok for f in findings) / len(findings) if findings else 0.0
    return PartResult(checklist.id, share, checklist.skills, findings)


def score_rehearsal(rehearsal: Rehearsal, ticked: Iterable[str]) -> PracticeResult:
    """Overall: the share of every item ticked (so a longer list weighs more)."""
    done = set(ticked)
    parts = tuple(score_checklist(c, done) for c in rehearsal.checklists)
    items = [i for c in rehearsal.checklists for i in c.items]
    share = sum(1 for i in items if i.id in done) / len(items) if items else 0.0
    return PracticeResult(share, parts)


# ---------------------------------------------------------------- spot the scam

def score_message(message: Message, mark: str | None) -> PartResult:
    """`mark`: None when the learner left the message alone, else the reason picked ("" for none).
    A scam spotted with the right reason: 1; spotted, wrong reason: 0.5; missed: 0. A normal
    message left alone: 1; marked: 0."""
    data = {"name": message.name, "text": message.text, "reason": message.scam,
            "explanation": message.explanation, "given": mark}
    if not message.scam:
        if mark is None:
            return PartResult(message.id, 1.0, message.skills, (Finding("scam.normal", True, data),))
        return PartResult(message.id, 0.0, message.skills, (Finding("scam.false_alarm", False, data),))
    if mark is None:
        return PartResult(message.id, 0.0, message.skills, (Finding("scam.missed", False, data),))
    if mark == message.scam:
        return PartResult(message.id, 1.0, message.skills, (Finding("scam.spotted", True, data),))
    return PartResult(message.id, 0.5, message.skills, (Finding("scam.wrong_reason", False, data),))


def score_scam(conversation: Conversation, marks: Mapping[str, str]) -> PracticeResult:
    """`marks`: message id -> the reason picked, for the messages the learner marked."""
    parts = tuple(score_message(m, marks.get(m.id) if m.id in marks else None)
                  for m in conversation.messages)
    return PracticeResult(_mean(parts), parts)


def stars(score: float) -> int:
    """Stars for a finished task, never none (a try always earns one): 3 from 0.9, 2 from 0.6."""
    return 3 if score >= 0.9 - EPSILON else 2 if score >= 0.6 - EPSILON else 1
