"""The rubric's findings in the learner's words: each code of assess.practice becomes one short,
kind sentence through gettext; the texts it quotes (words, materials, messages) are lesson text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ecom_trainer.assess.practice import Finding, PartResult
from ecom_trainer.content.practice import Practice
from ecom_trainer.i18n import format_number, lesson_text
from ecom_trainer.i18n import gettext as _


def kg(value: object) -> str:
    return _("{n} kg").format(n=format_number(float(value)))  # type: ignore[arg-type]


def grams(value: object) -> str:
    return _("{n} g").format(n=format_number(float(value)))  # type: ignore[arg-type]


def money(value: object) -> str:
    """"12 yuan", "12元": how the lessons and the learners say prices (shorter than ¥12.00)."""
    return _("{n} yuan").format(n=format_number(float(value)))  # type: ignore[arg-type]


def number(value: object) -> str:
    return format_number(float(value))  # type: ignore[arg-type]


def price_sum(parts: Sequence[tuple[str, float]]) -> str:
    """16 + 3 + 8 + 2 + 6: the amounts in the order the task lists them."""
    return " + ".join(number(amount) for _text, amount in parts)


def title_part(part: object) -> str:
    return {"place": _("Add the place: where is it from?"),
            "variety": _("Add the variety: what kind is it?"),
            "weight": _("Add the weight: how much do buyers get?"),
            "product": _("Add the product word: what is it?")}.get(str(part), str(part))


def _reason(practice: Practice, reason: object) -> str:
    reasons = {r.id: r.text for r in practice.scam.reasons} if practice.scam else {}
    return lesson_text(reasons.get(str(reason), "")) or _("No reason chosen")


def _words(d: Mapping[str, object]) -> str:
    return " ".join(lesson_text(str(w)) for w in d["words"])  # type: ignore[union-attr]


def _steps(d: Mapping[str, object]) -> str:
    return "  ".join(f"{i}. {lesson_text(str(s))}" for i, s in enumerate(d["steps"], start=1))  # type: ignore[arg-type]


def _size(d: Mapping[str, object]) -> dict[str, str]:
    length, width, height = (number(v) for v in d["size"])  # type: ignore[union-attr]
    return {"l": length, "w": width, "h": height, "divisor": number(d["divisor"]),
            "vol": kg(d["volumetric"]), "actual": kg(d["actual"]), "billed": kg(d["billed"])}


def _cost(d: Mapping[str, object]) -> dict[str, str]:
    return {"courier": lesson_text(str(d["courier"])), "first": number(d["first"]), "extra": number(d["extra"]),
            "extra_kg": number(d["extra_kg"]), "price": money(d["expected"])}


def _prices(d: Mapping[str, object]) -> str:
    return ", ".join(f"{lesson_text(str(name))} {money(price)}" for name, price in d["couriers"])  # type: ignore[union-attr]


def _price_fields(d: Mapping[str, object]) -> dict[str, str]:
    return {"sum": price_sum(d["parts"]), "total": money(d["expected"]), "costs": money(d["costs"])}  # type: ignore[arg-type]


def _weight(d: Mapping[str, object]) -> dict[str, str]:
    return {"count": number(d["count"]), "item": grams(d["item_grams"]), "grams": grams(d["grams"]),
            "kg": kg(float(d["grams"]) / 1000)}  # type: ignore[arg-type]


Wording = Callable[[Mapping[str, object], Practice], str]

WORDS: dict[str, Wording] = {
    # make a listing: the main photo
    "photo.none": lambda d, p: _("You did not choose a photo."),
    "photo.good": lambda d, p: _("{photo} is a good main photo: square, plain and bright, the product fills it, "
                                 "no words on it.").format(photo=lesson_text(str(d["photo"]))),
    "photo.not_square": lambda d, p: _("{photo} is not square. A main photo should be square.").format(
        photo=lesson_text(str(d["photo"]))),
    "photo.busy_background": lambda d, p: _("{photo} has a busy background. Use a plain, light cloth.").format(
        photo=lesson_text(str(d["photo"]))),
    "photo.too_small": lambda d, p: _("In {photo} the product is small. Move closer, so it fills the photo.").format(
        photo=lesson_text(str(d["photo"]))),
    "photo.too_dark": lambda d, p: _("{photo} is dark. Take photos in daylight.").format(
        photo=lesson_text(str(d["photo"]))),
    "photo.text_on_photo": lambda d, p: _("{photo} has words or numbers on it. Keep the photo clean.").format(
        photo=lesson_text(str(d["photo"]))),
    "photo.best": lambda d, p: _("The best main photo here is {photo}.").format(photo=lesson_text(str(d["photo"]))),
    # the title
    "title.empty": lambda d, p: _("Your title is empty. Tap the words to build it."),
    "title.absolute_word": lambda d, p: _("“{word}” is an absolute word. The Advertising Law bans it.").format(
        word=lesson_text(str(d["word"]))),
    "title.phone_number": lambda d, p: _("“{word}” is a phone number. Buyers contact you in the shop chat, "
                                         "not through the title.").format(word=lesson_text(str(d["word"]))),
    "title.unrelated_word": lambda d, p: _("“{word}” is not what you sell. Buyers who search for it feel "
                                           "tricked.").format(word=lesson_text(str(d["word"]))),
    "title.missing_part": lambda d, p: title_part(d["part"]),
    "title.order": lambda d, p: _("Good parts. Put them in this order: {words}").format(words=_words(d)),
    "title.good": lambda d, p: _("A clear title: {words}").format(words=_words(d)),
    # specification and weight
    "spec.none": lambda d, p: _("You did not choose a specification."),
    "spec.right": lambda d, p: f"{lesson_text(str(d['spec']))}: {lesson_text(str(d['explanation']))}",
    "spec.wrong": lambda d, p: f"{lesson_text(str(d['spec']))}: {lesson_text(str(d['explanation']))} "
                               + _("The right one: {spec}").format(spec=lesson_text(str(d["right"]))),
    "weight.none": lambda d, p: _("Type the net weight with the keys."),
    "weight.no_unit": lambda d, p: _("Tap the unit too: g or kg."),
    "weight.right": lambda d, p: _("Right: {count} × {item} = {grams}, that is {kg}.").format(**_weight(d)),
    "weight.wrong_unit": lambda d, p: _("The number is right, the unit is not. The order weighs {grams}, "
                                        "that is {kg}.").format(**_weight(d)),
    "weight.one_item": lambda d, p: _("That is one bag. The order has {count}: {count} × {item} = {grams}.").format(
        **_weight(d)),
    "weight.wrong": lambda d, p: _("The order weighs {count} × {item} = {grams}, that is {kg}.").format(**_weight(d)),
    # price
    "price.none": lambda d, p: _("Type your price with the keys."),
    "price.right": lambda d, p: _("Right: {sum} = {total}. Every cost is covered, and you earn what you "
                                  "wanted.").format(**_price_fields(d)),
    "price.no_margin": lambda d, p: _("This price only covers the costs. Add what you want to earn: "
                                      "{sum} = {total}.").format(**_price_fields(d)),
    "price.forgot": lambda d, p: _("You left out {part} ({amount}). Add every part: {sum} = {total}.").format(
        part=lesson_text(str(d["part"])), amount=money(d["amount"]), **_price_fields(d)),
    "price.loses_money": lambda d, p: _("At this price you lose money: the costs alone are {costs}. Add every part: "
                                        "{sum} = {total}.").format(**_price_fields(d)),
    "price.wrong": lambda d, p: _("Add every part: {sum} = {total}.").format(**_price_fields(d)),
    "price.market": lambda d, p: _("Similar listings cost {low} to {high}. Buyers compare prices.").format(
        low=money(d["low"]), high=money(d["high"])),
    # pack the parcel
    "materials.right": lambda d, p: _("You chose everything you need."),
    "materials.missing": lambda d, p: _("You also need: {material}.").format(material=lesson_text(str(d["material"]))),
    "materials.wrong": lambda d, p: _("Not this: {material}.").format(material=lesson_text(str(d["material"])))
                                    + " " + lesson_text(str(d["explanation"])),
    "steps.right": lambda d, p: _("Every step is in the right order."),
    "steps.first": lambda d, p: _("Start with: {step}.").format(step=lesson_text(str(d["step"]))),
    "steps.order": lambda d, p: _("The right order: {steps}").format(steps=_steps(d)),
    # shipping cost
    "billed.none": lambda d, p: _("Type the billed weight with the keys."),
    "billed.right": lambda d, p: _("Right. Size: {l} × {w} × {h} ÷ {divisor} = {vol}. Scale: {actual}. "
                                   "The larger is {billed}.").format(**_size(d)),
    "billed.used_scale": lambda d, p: _("That is the scale weight. Size: {l} × {w} × {h} ÷ {divisor} = {vol}. "
                                        "The courier charges the larger: {billed}.").format(**_size(d)),
    "billed.used_size": lambda d, p: _("That is the size weight. The scale says {actual}. The courier charges "
                                       "the larger: {billed}.").format(**_size(d)),
    "billed.added": lambda d, p: _("Do not add the two weights. Size: {l} × {w} × {h} ÷ {divisor} = {vol}. "
                                   "Scale: {actual}. The courier charges the larger one: {billed}.").format(**_size(d)),
    "billed.wrong": lambda d, p: _("Size: {l} × {w} × {h} ÷ {divisor} = {vol}. Scale: {actual}. The billed weight "
                                   "is the larger: {billed}.").format(**_size(d)),
    "cost.right": lambda d, p: _("{courier}: {first} + {extra_kg} × {extra} = {price}. Right!").format(**_cost(d)),
    "cost.wrong": lambda d, p: _("{courier}: the first kilogram {first}, then {extra_kg} more × {extra}: "
                                 "{first} + {extra_kg} × {extra} = {price}.").format(**_cost(d)),
    "cheaper.right": lambda d, p: _("Right: {courier} is cheaper ({prices}).").format(
        courier=" / ".join(lesson_text(str(c)) for c in d["cheapest"]), prices=_prices(d)),  # type: ignore[union-attr]
    "cheaper.wrong": lambda d, p: _("{courier} is cheaper for this parcel ({prices}). A cheap first kilogram does "
                                    "not always make a cheap parcel.").format(
        courier=" / ".join(lesson_text(str(c)) for c in d["cheapest"]), prices=_prices(d)),  # type: ignore[union-attr]
    # live-selling rehearsal
    "checklist.done": lambda d, p: lesson_text(str(d["item"])),
    "checklist.next_time": lambda d, p: _("Try it next time: {item}").format(item=lesson_text(str(d["item"]))),
    # spot the scam
    "scam.normal": lambda d, p: _("{name}: {explanation}").format(
        name=lesson_text(str(d["name"])), explanation=lesson_text(str(d["explanation"]))),
    "scam.false_alarm": lambda d, p: _("{name}: this one is fine. {explanation}").format(
        name=lesson_text(str(d["name"])), explanation=lesson_text(str(d["explanation"]))),
    "scam.spotted": lambda d, p: _("{name}: well spotted! {reason}. {explanation}").format(
        name=lesson_text(str(d["name"])), reason=_reason(p, d["reason"]), explanation=lesson_text(str(d["explanation"]))),
    "scam.wrong_reason": lambda d, p: _("{name}: yes, a trick. The reason: {reason}. {explanation}").format(
        name=lesson_text(str(d["name"])), reason=_reason(p, d["reason"]), explanation=lesson_text(str(d["explanation"]))),
    "scam.missed": lambda d, p: _("{name}: this is a trick. {reason}. {explanation}").format(
        name=lesson_text(str(d["name"])), reason=_reason(p, d["reason"]), explanation=lesson_text(str(d["explanation"]))),
}


def finding_text(finding: Finding, practice: Practice) -> str:
    wording = WORDS.get(finding.code)
    return wording(finding.data, practice) if wording else finding.code


def verdict(results: Sequence[PartResult], task: str) -> tuple[str, bool]:
    """The headline over the findings, and whether it is good news. A self-check is never judged."""
    if task == "rehearsal":
        ticked = sum(f.ok for r in results for f in r.findings)
        total = sum(len(r.findings) for r in results)
        return _("You ticked {n} of {total}. Thank you for checking honestly.").format(n=ticked, total=total), True
    if all(r.correct for r in results):
        return _("✓ Right!"), True
    if any(r.score > 0 for r in results):
        return _("◐ Partly right"), False
    return _("✗ Not quite"), False
