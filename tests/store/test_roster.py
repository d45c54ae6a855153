"""Adding, editing and archiving learners: checked values, every change stamped for merging."""

from __future__ import annotations

import pytest

from ecom_trainer.store.device import device_id
from ecom_trainer.store.learners import list_learners
from ecom_trainer.store.roster import (
    RosterError,
    avatar_file,
    check_birth_year,
    check_phone,
    create_learner,
    learner_record,
    new_photo_path,
    roster,
    set_archived,
    update_learner,
)


def stamp(db, learner_id: str) -> tuple[str, str]:
    return tuple(db.execute("SELECT updated_at, device_id FROM learners WHERE id = ?", (learner_id,)).fetchone())


@pytest.mark.parametrize(("given", "year"), [("1958", 1958), (1958, 1958), ("１９５８", 1958), ("1958年", 1958),
                                             ("1958.0", 1958), ("", None), (None, None), (" ", None)])
def test_birth_years_a_trainer_may_type(given, year):
    assert check_birth_year(given, 2026) == (year, None)


@pytest.mark.parametrize("given", ["abc", "58", "1919", "2027", "19 58", "1958.5"])
def test_birth_years_refused(given):
    value, problem = check_birth_year(given, 2026)
    assert value is None and problem is not None and problem.field == "birth_year"


@pytest.mark.parametrize(("given", "number"), [("13812345678", "13812345678"), ("138 1234 5678", "13812345678"),
                                               ("138-1234-5678", "13812345678"), ("+86 13812345678", "13812345678"),
                                               ("１３８１２３４５６７８", "13812345678"),
                                               ("", None)])
def test_phone_numbers_a_trainer_may_type(given, number):
    assert check_phone(given) == (number, None)


@pytest.mark.parametrize("given", ["1381234567", "23812345678", "138123456789", "1.38123E+10", "电话", "=cmd|' /C calc'!A0"])
def test_phone_numbers_refused(given):
    value, problem = check_phone(given)
    assert value is None and problem is not None
    if "E+" in given:
        assert "Text" in problem.text()  # says how to fix what Excel did


def test_add_edit_archive_and_bring_back_a_learner(db):
    learner = create_learner(db, " 王秀英 ", "芳畈镇", "1958", "138 1234 5678", "avatar-peanut")
    record = learner_record(db, learner)
    assert (record.name, record.village, record.birth_year, record.phone, record.avatar) == \
        ("王秀英", "芳畈镇", 1958, "13812345678", "avatar-peanut")
    before = stamp(db, learner)
    assert update_learner(db, learner, "王秀英", "新城镇", "", "", "avatar-ox")
    record = learner_record(db, learner)
    assert (record.village, record.birth_year, record.phone, record.avatar) == ("新城镇", None, None, "avatar-ox")
    after = stamp(db, learner)
    assert after[0] > before[0] and after[1] == device_id(db)
    assert not update_learner(db, learner, "王秀英", "新城镇", None, None, "avatar-ox")  # no change, no stamp
    assert stamp(db, learner) == after
    assert set_archived(db, learner, True)
    assert learner not in [x.id for x in list_learners(db)]  # not on the picker
    assert roster(db) == [] and [r.id for r in roster(db, include_archived=True)] == [learner]
    assert stamp(db, learner)[0] > after[0]
    assert not set_archived(db, learner, True)  # already archived: nothing written
    assert set_archived(db, learner, False)
    assert [x.id for x in list_learners(db)] == [learner]


def test_a_bad_edit_says_every_problem_and_changes_nothing(db):
    learner = create_learner(db, "李建国", "宣化店镇")
    before = db.execute("SELECT * FROM learners").fetchall()
    with pytest.raises(RosterError) as refused:
        update_learner(db, learner, "  ", "宣化店镇", "1800", "12345", "avatar-nope")
    assert {p.field for p in refused.value.problems} == {"name", "birth_year", "phone", "avatar"}
    assert db.execute("SELECT * FROM learners").fetchall() == before
    with pytest.raises(RosterError):
        create_learner(db, "", "x")
    assert db.execute("SELECT COUNT(*) FROM learners").fetchone()[0] == 1


def test_search_finds_name_village_phone_and_class(db):
    from ecom_trainer.store.cohorts import add_member, create_cohort

    a = create_learner(db, "王秀英", "芳畈镇", phone="13812345678")
    b = create_learner(db, "Li Jianguo", "Xuanhuadian")
    add_member(db, create_cohort(db, "茶农班"), b)
    assert [r.id for r in roster(db, search="芳畈")] == [a]
    assert [r.id for r in roster(db, search="1381234")] == [a]
    assert [r.id for r in roster(db, search="li xuanhua")] == [b]
    assert [r.id for r in roster(db, search="茶农")] == [b]
    assert roster(db, search="nobody") == []


def test_a_photo_lives_beside_the_database(db, tmp_path):
    path, avatar = new_photo_path(db, ".JPG")
    assert path.parent == tmp_path / "photos" and avatar == f"photos/{path.name}" and path.suffix == ".jpg"
    path.write_bytes(b"\xff\xd8 not really a jpeg")
    learner = create_learner(db, "张桂兰", avatar=avatar)
    assert avatar_file(db, learner_record(db, learner).avatar) == path
    assert avatar_file(db, "avatar-peanut").name == "avatar-peanut.svg"
    for sneaky in ("photos/../test.sqlite3", "../../etc/passwd", "photos/.hidden", "photos/missing.jpg"):
        assert avatar_file(db, sneaky) is None
    with pytest.raises(RosterError):
        create_learner(db, "x", avatar="photos/missing.jpg")


def test_quick_changes_and_a_clock_set_back_still_stamp_in_order(db, monkeypatch):
    from ecom_trainer.store import roster as module

    learner = create_learner(db, "A")
    monkeypatch.setattr(module, "now", lambda: "2020-01-01T00:00:00.000Z")  # the clock went back
    stamps = []
    for village in ("x", "y", "z"):
        update_learner(db, learner, "A", village)
        stamps.append(stamp(db, learner)[0])
    set_archived(db, learner, True)
    stamps.append(stamp(db, learner)[0])
    assert stamps == sorted(set(stamps)) and stamps[0] > "2020"  # each later than the one before


def test_the_pickers_pages_are_the_active_list_in_order(db):
    import random

    from ecom_trainer.store.learners import add_learner, learners_page, merge_learners
    from ecom_trainer.store.roster import set_archived

    rng = random.Random(2)
    names = ["Anna", "anna", "Bob", "王秀英", "李建国", "Émile", "zed", "Zoe"] * 4
    ids = [add_learner(db, name + str(rng.randrange(3)), "", "") for name in names]
    set_archived(db, ids[0], True)
    merge_learners(db, ids[1], ids[2])
    everyone = list_learners(db)
    assert len(everyone) == len(names) - 2  # neither the archived one nor the one joined into another
    pages = [learners_page(db, offset, 7) for offset in range(0, 40, 7)]
    assert {total for _, total in pages} == {len(everyone)}
    assert [learner for page, _ in pages for learner in page] == everyone
    assert learners_page(db, 100, 7) == ([], len(everyone))
