"""lessons/practice.yaml: the bundled tasks load and keep the facts of CONTENT.md; a broken file
names each mistake with its line and never crashes."""

from __future__ import annotations

import shutil

import pytest

from ecom_trainer.assess import practice as rubric
from ecom_trainer.content.practice import PHOTO_QUALITIES, SCAM_REASONS, TASKS, load_practice
from ecom_trainer.paths import lessons_dir


@pytest.fixture(scope="module")
def bundled():
    return load_practice(lessons_dir())


def test_the_bundled_tasks_load_without_problems(bundled):
    assert bundled.problems == []
    assert all(bundled.task(name) is not None for name in TASKS)


def test_listing_facts(bundled):
    listing = bundled.listing
    best = [p for p in listing.photos if p.good == frozenset(PHOTO_QUALITIES)]
    assert len(best) == 1 and all(p.image.path.is_file() for p in listing.photos)
    for tile in listing.tiles:  # the data's kinds agree with what the rubric finds in the text
        if tile.kind in ("absolute", "phone"):
            assert rubric.banned_kind(tile.text) == tile.kind, tile
        else:
            assert rubric.banned_kind(tile.text) is None, tile
    assert rubric.score_listing(listing, best[0].id, ["place", "variety", "weight", "product"], "right",
                                1, "kg", listing.price).score == 1.0
    assert listing.market_low <= listing.price <= listing.market_high


def test_shipping_parcels_are_whole_kilograms_and_never_tie(bundled):
    """The shipping lesson only ever shows whole kilograms: the practice parcels do too."""
    shipping = bundled.shipping
    winners = set()
    for parcel in shipping.parcels:
        volumetric = rubric.volumetric_weight(parcel)
        assert volumetric == int(volumetric) and parcel.weight_kg == int(parcel.weight_kg)
        cheapest = rubric.cheapest(shipping.couriers, rubric.billed_weight(parcel))
        assert len(cheapest) == 1
        winners.add(cheapest[0].id)
    assert len(winners) == 2  # the cheaper courier depends on the parcel


def test_packing_follows_content_rules(bundled):
    products = {p.id: p for p in bundled.packing.products}
    assert set(products) == {"tea", "oil", "chestnuts"}
    assert "moisture_bag" in {m.id for m in products["tea"].materials if m.need}
    assert [s.id for s in products["oil"].steps][0] == "seal"  # sealed before anything else
    assert "stand" in [s.id for s in products["oil"].steps]
    assert {"sealed_bag"} <= {m.id for m in products["chestnuts"].materials if not m.need}


def test_scam_covers_each_reason_and_normal_messages(bundled):
    for conversation in bundled.scam.conversations:
        kinds = {m.scam for m in conversation.messages}
        assert kinds == {"", *SCAM_REASONS}
    assert {r.id for r in bundled.scam.reasons} == set(SCAM_REASONS)


def test_rehearsal_checklists_carry_b1_and_b2(bundled):
    assert [c.skills for c in bundled.rehearsal.checklists] == [("B1",), ("B2",)]


def write(tmp_path, text: str):
    (tmp_path / "practice.yaml").write_text(text, encoding="utf-8")
    return load_practice(tmp_path)


def test_a_broken_task_is_left_out_with_its_line_and_the_others_load(tmp_path):
    for folder in ("listing-main-photo", "_practice", "tracks/images", "logistics-packing", "logistics-shipping-cost",
                   "money-scams"):  # the pictures it names
        shutil.copytree(lessons_dir() / folder, tmp_path / folder)
    good = (lessons_dir() / "practice.yaml").read_text(encoding="utf-8")
    broken = good.replace("    divisor: 6000\n", "    divisor: lots\n", 1)
    broken = broken.replace("scam: fake_refund", "scam: fake_reward", 1)
    practice = write(tmp_path, broken.replace("listing-main-photo/", "../../etc/", 1))
    assert practice.shipping is None and practice.scam is None and practice.listing is None
    assert practice.packing is not None and practice.rehearsal is not None
    text = "\n".join(map(str, practice.problems))
    assert "shipping.parcels[0].divisor: should be a positive number, not 'lots'" in text
    assert "scam.conversations[0].messages[1].scam: should be one of the reasons" in text
    assert "points outside the folder" in text
    line = next(p.line for p in practice.problems if p.path.endswith("divisor"))
    assert broken.splitlines()[line - 1].strip() == "divisor: lots"


@pytest.mark.parametrize("text", [
    "", "[]", "listing: 5", "listing: {photo: {options: [1, 2]}}", "scam: {conversations: [{messages: 3}]}",
    "shipping: {parcels: [{size_cm: [1, 2]}]}", "packing: {products: [{materials: [{need: yes}]}]}",
    "rehearsal: {checklists: [{skills: [{}], items: [[]]}]}", "format: 1\nlisting: &a {}\nscam: *a",
    "\x00\x01", "listing:\n  photo:\n    options:\n      - id: [x]\n",
])
def test_hostile_files_give_problems_not_tracebacks(tmp_path, text):
    practice = write(tmp_path, text)
    assert all(practice.task(name) is None for name in TASKS)
    assert practice.problems or text in ("", "[]")


def test_a_missing_file_is_one_problem(tmp_path):
    practice = load_practice(tmp_path)
    assert len(practice.problems) == 1 and "practice.yaml" in str(practice.problems[0])
