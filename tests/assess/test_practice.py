"""Every rubric function of the hands-on practice tasks, against hand-computed cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecom_trainer.assess import practice as rubric
from ecom_trainer.content.model import Media
from ecom_trainer.content.practice import (
    PHOTO_QUALITIES,
    Checklist,
    Conversation,
    Cost,
    Courier,
    Listing,
    Material,
    Message,
    Option,
    PackProduct,
    Parcel,
    Photo,
    Rehearsal,
    Step,
    Tile,
)

PIC = Media(Path("x.svg"), "")
ALL = frozenset(PHOTO_QUALITIES)


def make_listing() -> Listing:
    return Listing(
        "t", "s", "p",
        (Photo("clean", "Photo 1", PIC, ALL),
         Photo("table", "Photo 2", PIC, ALL - {"plain_background"}),
         Photo("wide", "Photo 4", PIC, frozenset({"plain_background", "fills_frame", "daylight"}))),
        "p",
        (Tile("place", "Dawu", "place"), Tile("variety", "Red-skin", "variety"),
         Tile("weight", "500g×2", "weight"), Tile("product", "Peanuts", "product"),
         Tile("best", "Best", "absolute"), Tile("phone", "138 0000 0000", "phone"),
         Tile("walnuts", "Walnuts", "unrelated"),
         Tile("sneaky", "最好", "place")),  # mislabelled by an author: its text still gives it away
        "p",
        (Option("right", "500 g × 2 bags", True, "Right."), Option("kg", "500 kg × 2 bags", False, "Unit.")),
        "p", 1000, 500,
        "p",
        (Cost("goods", "Peanuts", 16), Cost("packing", "Box", 3), Cost("shipping", "Shipping", 8),
         Cost("fee", "Fee", 2)),
        Cost("margin", "Earn", 6), 0.5, "market", 30, 40,
    )


LISTING = make_listing()


def codes(part) -> list[str]:
    return [f.code for f in part.findings]


# ---------------------------------------------------------------- listing: photo

def test_photo_with_every_quality_scores_one():
    part = rubric.score_photo(LISTING, "clean")
    assert (part.score, part.correct, codes(part)) == (1.0, True, ["photo.good"])
    assert part.skills == ("A1",)


def test_photo_scores_the_share_of_qualities_and_names_each_missing_one():
    part = rubric.score_photo(LISTING, "table")  # 4 of 5
    assert part.score == pytest.approx(0.8)
    assert codes(part) == ["photo.busy_background", "photo.best"]
    assert part.findings[-1].data == {"photo": "Photo 1"}
    part = rubric.score_photo(LISTING, "wide")  # 3 of 5: not square, text over it
    assert part.score == pytest.approx(0.6)
    assert codes(part) == ["photo.not_square", "photo.text_on_photo", "photo.best"]


@pytest.mark.parametrize("chosen", [None, "nope", 3, ["clean"]])
def test_no_photo_chosen_scores_zero(chosen):
    part = rubric.score_photo(LISTING, chosen)
    assert (part.score, codes(part)) == (0.0, ["photo.none"])


# ---------------------------------------------------------------- listing: title

def test_the_four_parts_in_order_make_a_perfect_title():
    part = rubric.score_title(LISTING, ["place", "variety", "weight", "product"])
    assert part.score == 1.0 and codes(part) == ["title.good"]
    assert part.findings[0].data["words"] == ["Dawu", "Red-skin", "500g×2", "Peanuts"]


def test_four_parts_out_of_order_lose_the_order_point():
    part = rubric.score_title(LISTING, ["product", "place", "variety", "weight"])  # 4 / 5
    assert part.score == pytest.approx(0.8)
    assert codes(part) == ["title.order"]
    assert part.findings[0].data["words"] == ["Dawu", "Red-skin", "500g×2", "Peanuts"]


def test_an_absolute_word_costs_two_points_with_the_word_named():
    part = rubric.score_title(LISTING, ["place", "variety", "weight", "product", "best"])  # 5 - 2
    assert part.score == pytest.approx(0.6)
    assert codes(part) == ["title.absolute_word"]
    assert part.findings[0].data == {"word": "Best"} and not part.findings[0].ok


def test_phone_numbers_and_unrelated_words_are_flagged():
    # 4 parts + order = 5, phone -2, walnuts -1: 2 / 5
    part = rubric.score_title(LISTING, ["place", "variety", "weight", "product", "phone", "walnuts"])
    assert part.score == pytest.approx(0.4)
    assert codes(part) == ["title.phone_number", "title.unrelated_word"]


def test_missing_parts_are_named_and_the_score_never_goes_below_zero():
    part = rubric.score_title(LISTING, ["place", "product"])  # 2 / 5, no order point
    assert part.score == pytest.approx(0.4)
    assert codes(part) == ["title.missing_part", "title.missing_part"]
    assert [f.data["part"] for f in part.findings] == ["variety", "weight"]
    part = rubric.score_title(LISTING, ["best", "phone", "place"])  # 1 - 4 < 0
    assert part.score == 0.0


def test_a_tile_is_judged_by_its_text_even_when_mislabelled():
    part = rubric.score_title(LISTING, ["place", "variety", "weight", "product", "sneaky"])
    assert "title.absolute_word" in codes(part) and part.score == pytest.approx(0.6)


def test_repeated_or_unknown_tiles_count_once_and_nothing_scores_zero():
    part = rubric.score_title(LISTING, ["place", "place", "zzz", "variety", "weight", "product"])
    assert part.score == 1.0
    for nothing in ([], None, "place", [{"x": 1}]):
        assert codes(rubric.score_title(LISTING, nothing)) == ["title.empty"]


@pytest.mark.parametrize(("text", "kind"), [
    ("最好", "absolute"), ("全国第一", "absolute"), ("国家级", "absolute"), ("Best", "absolute"),
    ("the best peanuts", "absolute"), ("No.1", "absolute"), ("no. 1", "absolute"),
    ("National-level", "absolute"), ("138 0000 0000", "phone"), ("13800000000", "phone"),
    ("+86 139-1234-5678", "phone"), ("0712-1234567", "phone"),
    ("大悟", None), ("Bestow", None), ("500g×2", None), ("2 bags of 500 g", None), ("Peanuts", None),
])
def test_banned_kind(text, kind):
    assert rubric.banned_kind(text) == kind


# ---------------------------------------------------------------- listing: spec, weight, price

def test_spec():
    assert rubric.score_spec(LISTING, "right").score == 1.0
    wrong = rubric.score_spec(LISTING, "kg")
    assert (wrong.score, codes(wrong)) == (0.0, ["spec.wrong"])
    assert wrong.findings[0].data == {"spec": "500 kg × 2 bags", "explanation": "Unit.", "right": "500 g × 2 bags"}
    assert codes(rubric.score_spec(LISTING, None)) == ["spec.none"]
    assert rubric.score_spec(LISTING, "right").skills == ("A3",)


@pytest.mark.parametrize(("value", "unit", "score", "code"), [
    (1000, "g", 1.0, "weight.right"),
    (1, "kg", 1.0, "weight.right"),
    (1000, "kg", 0.5, "weight.wrong_unit"),  # the right number, the wrong unit
    (1, "g", 0.5, "weight.wrong_unit"),
    (500, "g", 0.0, "weight.one_item"),  # one bag, not the order
    (0.5, "kg", 0.0, "weight.one_item"),
    (750, "g", 0.0, "weight.wrong"),
    (1000, None, 0.0, "weight.no_unit"),
    (None, "g", 0.0, "weight.none"),
    (float("nan"), "g", 0.0, "weight.none"),
    (True, "kg", 0.0, "weight.none"),
])
def test_weight(value, unit, score, code):
    part = rubric.score_weight(LISTING, value, unit)
    assert (part.score, codes(part)) == (score, [code])


def test_wrong_unit_finding_names_the_right_unit():
    part = rubric.score_weight(LISTING, 1000, "kg")
    assert part.findings[0].data["right_unit"] == "g" and part.findings[0].data["count"] == 2


@pytest.mark.parametrize(("price", "score", "code"), [
    (35, 1.0, "price.right"),  # 16 + 3 + 8 + 2 + 6
    (35.5, 1.0, "price.right"),  # within the 0.5 yuan tolerance
    (34.4, 0.0, "price.wrong"),
    (29, 0.5, "price.no_margin"),  # the costs alone: nothing earned
    (32, 0.5, "price.forgot"),  # packing (3) left out
    (27, 0.5, "price.forgot"),  # shipping (8) left out
    (20, 0.0, "price.loses_money"),  # below the 29 yuan of costs
    (50, 0.0, "price.wrong"),
    (0, 0.0, "price.none"),
    (None, 0.0, "price.none"),
])
def test_price(price, score, code):
    part = rubric.score_price(LISTING, price)
    assert part.score == score and codes(part)[0] == code
    assert part.skills == ("A4",)


def test_price_findings_carry_the_sum_and_the_forgotten_part():
    part = rubric.score_price(LISTING, 27)
    assert part.findings[0].data["part"] == "Shipping" and part.findings[0].data["amount"] == 8
    assert part.findings[0].data["expected"] == 35 and part.findings[0].data["costs"] == 29
    assert part.findings[0].data["parts"] == [("Peanuts", 16), ("Box", 3), ("Shipping", 8), ("Fee", 2), ("Earn", 6)]


def test_a_price_outside_similar_listings_adds_a_note():
    assert codes(rubric.score_price(LISTING, 50)) == ["price.wrong", "price.market"]
    assert codes(rubric.score_price(LISTING, 20)) == ["price.loses_money", "price.market"]
    assert codes(rubric.score_price(LISTING, 35)) == ["price.right"]


def test_listing_is_the_mean_of_its_five_parts():
    result = rubric.score_listing(LISTING, "table", ["place", "variety", "weight", "product"], "right",
                                  1000, "kg", 32)
    # photo 0.8, title 1, spec 1, weight 0.5, price 0.5 -> 3.8 / 5
    assert result.score == pytest.approx(0.76)
    assert [p.part for p in result.parts] == ["photo", "title", "spec", "weight", "price"]
    assert [p.skills for p in result.parts] == [("A1",), ("A2",), ("A3",), ("A3",), ("A4",)]
    assert len(result.findings) == 2 + 1 + 1 + 1 + 1


# ---------------------------------------------------------------- packing

OIL = PackProduct(
    "oil", "Camellia oil", None,
    (Material("tape", "Tape", True, ""), Material("bubble", "Bubble wrap", True, ""),
     Material("box", "Box", True, ""), Material("thin", "Thin bag", False, "It breaks.")),
    (Step("seal", "Seal"), Step("wrap", "Wrap"), Step("stand", "Stand"), Step("close", "Close")),
)


def test_materials_score_is_overlap_over_union():
    right = rubric.score_materials(OIL, ["tape", "bubble", "box"])
    assert (right.score, codes(right)) == (1.0, ["materials.right"])
    missing = rubric.score_materials(OIL, ["tape", "box"])  # 2 / 3
    assert missing.score == pytest.approx(2 / 3)
    assert codes(missing) == ["materials.missing"] and missing.findings[0].data == {"material": "Bubble wrap"}
    extra = rubric.score_materials(OIL, ["tape", "bubble", "box", "thin"])  # 3 / 4
    assert extra.score == pytest.approx(0.75)
    assert extra.findings[0].data == {"material": "Thin bag", "explanation": "It breaks."}
    both = rubric.score_materials(OIL, ["tape", "thin"])  # 1 / 4
    assert both.score == pytest.approx(0.25)
    assert codes(both) == ["materials.wrong", "materials.missing", "materials.missing"]
    assert rubric.score_materials(OIL, []).score == 0.0
    assert rubric.score_materials(OIL, "tape").score == 0.0
    assert rubric.score_materials(OIL, ["tape", "unknown", "bubble", "box"]).score == 1.0


def test_steps_score_is_the_share_of_pairs_in_order():
    assert rubric.score_steps(OIL, ["seal", "wrap", "stand", "close"]).score == 1.0
    swapped = rubric.score_steps(OIL, ["seal", "wrap", "close", "stand"])  # 5 of 6 pairs
    assert swapped.score == pytest.approx(5 / 6) and codes(swapped) == ["steps.order"]
    assert swapped.findings[0].data == {"steps": ["Seal", "Wrap", "Stand", "Close"]}
    late_seal = rubric.score_steps(OIL, ["wrap", "seal", "stand", "close"])  # 5 of 6, first step wrong
    assert codes(late_seal) == ["steps.first", "steps.order"]
    assert late_seal.findings[0].data == {"step": "Seal"}
    reversed_ = rubric.score_steps(OIL, ["close", "stand", "wrap", "seal"])
    assert reversed_.score == 0.0
    assert rubric.score_steps(OIL, ["seal", "wrap"]).score == 0.0
    assert rubric.score_steps(OIL, None).score == 0.0


def test_packing_is_the_mean_of_materials_and_steps():
    result = rubric.score_packing(OIL, ["tape", "box"], ["seal", "wrap", "close", "stand"])
    assert result.score == pytest.approx((2 / 3 + 5 / 6) / 2)
    assert all(p.skills == ("C1",) for p in result.parts)


# ---------------------------------------------------------------- shipping

A = Courier("a", "Courier A", 12, 2)
B = Courier("b", "Courier B", 7, 4)
BIG = Parcel("chestnuts", "Chestnuts", 3, (40, 30, 25), 6000)  # 30000 / 6000 = 5 kg by size
SMALL = Parcel("peanuts", "Peanuts", 3, (30, 20, 20), 6000)  # 2 kg by size, 3 kg on the scale


def test_volumetric_and_billed_weight():
    assert rubric.volumetric_weight(BIG) == 5.0
    assert rubric.billed_weight(BIG) == 5  # size wins
    assert rubric.volumetric_weight(SMALL) == 2.0
    assert rubric.billed_weight(SMALL) == 3  # scale wins
    # A part kilogram counts as a whole one: 4.5 kg by size bills 5 kg; 0.2 kg bills 1 kg.
    assert rubric.billed_weight(Parcel("x", "", 2, (45, 30, 20), 6000)) == 5
    assert rubric.billed_weight(Parcel("x", "", 0.2, (10, 10, 10), 6000)) == 1
    # float noise never adds a kilogram: 40 x 30 x 20 / 6000 is exactly 4
    assert rubric.billed_weight(Parcel("x", "", 1, (40, 30, 20), 6000)) == 4


def test_price_is_first_kilogram_plus_each_extra_one():
    assert rubric.shipping_price(5, A) == 20  # 12 + 4 x 2
    assert rubric.shipping_price(5, B) == 23  # 7 + 4 x 4
    assert rubric.shipping_price(3, A) == 16
    assert rubric.shipping_price(3, B) == 15
    assert rubric.shipping_price(1, B) == 7
    assert rubric.shipping_price(4, Courier("x", "", 8, 2)) == 14  # the lesson's example
    assert rubric.cheapest([A, B], 5) == (A,)
    assert rubric.cheapest([A, B], 3) == (B,)
    assert rubric.cheapest([A, Courier("c", "", 12, 2)], 2) == (A, Courier("c", "", 12, 2))


@pytest.mark.parametrize(("given", "code"), [
    (5, "billed.right"), (3, "billed.used_scale"), (8, "billed.added"), (4, "billed.wrong"),
    (None, "billed.none"), ("5", "billed.none"),
])
def test_billed_weight_answers(given, code):
    part = rubric.score_billed(BIG, given)
    assert codes(part) == [code] and part.score == (1.0 if code == "billed.right" else 0.0)
    assert part.findings[0].data["volumetric"] == 5 and part.findings[0].data["billed"] == 5


def test_billed_weight_when_the_scale_wins():
    assert codes(rubric.score_billed(SMALL, 2)) == ["billed.used_size"]
    assert codes(rubric.score_billed(SMALL, 3)) == ["billed.right"]
    assert codes(rubric.score_billed(SMALL, 5)) == ["billed.added"]


def test_courier_prices_score_per_courier():
    both = rubric.score_costs(BIG, [A, B], {"a": 20, "b": 23})
    assert both.score == 1.0 and codes(both) == ["cost.right", "cost.right"]
    one = rubric.score_costs(BIG, [A, B], {"a": 20, "b": 27})  # 7 + 5 x 4: the first kg counted twice
    assert one.score == 0.5 and codes(one) == ["cost.right", "cost.wrong"]
    assert one.findings[1].data == {"courier": "Courier B", "first": 7, "extra": 4, "billed": 5,
                                    "extra_kg": 4, "expected": 23, "given": 27}
    assert rubric.score_costs(BIG, [A, B], {"a": None}).score == 0.0
    assert rubric.score_costs(BIG, [A, B], None).score == 0.0


def test_choosing_the_cheaper_courier():
    assert rubric.score_cheaper(BIG, [A, B], "a").score == 1.0
    wrong = rubric.score_cheaper(BIG, [A, B], "b")
    assert (wrong.score, codes(wrong)) == (0.0, ["cheaper.wrong"])
    assert wrong.findings[0].data == {"couriers": [("Courier A", 20), ("Courier B", 23)], "cheapest": ["Courier A"]}
    assert rubric.score_cheaper(SMALL, [A, B], "b").score == 1.0  # a cheap first kg wins for light parcels
    assert rubric.score_cheaper(SMALL, [A, B], None).score == 0.0


def test_shipping_is_the_mean_of_its_three_parts():
    result = rubric.score_shipping(BIG, [A, B], 3, {"a": 20, "b": 23}, "b")
    assert result.score == pytest.approx(1 / 3)
    assert [p.part for p in result.parts] == ["billed", "cost", "cheaper"]
    assert all(p.skills == ("C2",) for p in result.parts)


# ---------------------------------------------------------------- rehearsal

SETUP = Checklist("setup", "p", ("B1",), (Step("tripod", "Tripod"), Step("light", "Light"), Step("quiet", "Quiet")))
OPENING = Checklist("opening", "p", ("B2",), (Step("greet", "Greet"), Step("who", "Who"),
                                              Step("show", "Show"), Step("price", "Price"),
                                              Step("smile", "Smile")))
REHEARSAL = Rehearsal("t", "s", ("card",), (SETUP, OPENING))


def test_a_checklist_scores_the_share_ticked():
    part = rubric.score_checklist(SETUP, {"tripod", "quiet"})
    assert part.score == pytest.approx(2 / 3) and part.skills == ("B1",) and part.part == "setup"
    assert codes(part) == ["checklist.done", "checklist.next_time", "checklist.done"]
    assert part.findings[1].data == {"item": "Light"}
    assert rubric.score_checklist(SETUP, []).score == 0.0
    assert rubric.score_checklist(SETUP, ["tripod", "light", "quiet", "other"]).score == 1.0


def test_the_rehearsal_scores_the_share_of_all_items():
    result = rubric.score_rehearsal(REHEARSAL, ["tripod", "greet", "who", "show", "price", "smile"])
    assert result.score == pytest.approx(6 / 8)  # not the mean of 1/3 and 5/5
    assert [(p.part, round(p.score, 3)) for p in result.parts] == [("setup", 0.333), ("opening", 1.0)]


# ---------------------------------------------------------------- scam

CHAT = Conversation("c", (
    Message("m1", "Buyer", "Fresh?", "", ("D2",), "Normal."),
    Message("m2", "Service", "Refund double", "fake_refund", ("D2",), "Fake."),
    Message("m3", "Buyer Sun", "Private transfer", "off_platform", ("D1",), "Keep it on the platform."),
    Message("m4", "Buyer Zhao", "I paid", "", ("D1",), "Normal."),
))


@pytest.mark.parametrize(("index", "mark", "score", "code"), [
    (1, "fake_refund", 1.0, "scam.spotted"),
    (1, "brushing", 0.5, "scam.wrong_reason"),
    (1, "", 0.5, "scam.wrong_reason"),
    (1, None, 0.0, "scam.missed"),
    (0, None, 1.0, "scam.normal"),
    (0, "code", 0.0, "scam.false_alarm"),
])
def test_each_message_is_scored(index, mark, score, code):
    message = CHAT.messages[index]
    part = rubric.score_message(message, mark)
    assert (part.part, part.score, codes(part), part.skills) == (message.id, score, [code], message.skills)


def test_a_conversation_is_scored_per_message():
    result = rubric.score_scam(CHAT, {"m2": "fake_refund", "m4": "code"})
    # m1 left alone 1, m2 spotted 1, m3 missed 0, m4 false alarm 0 -> 2 / 4
    assert result.score == 0.5
    assert [codes(p)[0] for p in result.parts] == ["scam.normal", "scam.spotted", "scam.missed", "scam.false_alarm"]
    assert result.parts[2].findings[0].data["reason"] == "off_platform"
    assert result.parts[2].skills == ("D1",)
    assert rubric.score_scam(CHAT, {"m2": "fake_refund", "m3": "off_platform"}).score == 1.0


@pytest.mark.parametrize(("score", "count"), [(1.0, 3), (0.9, 3), (0.89, 2), (0.6, 2), (0.59, 1), (0.0, 1)])
def test_stars_never_fewer_than_one(score, count):
    assert rubric.stars(score) == count
