"""Classes: name, plan of lessons in order, dates, archive, members; every change stamped."""

from __future__ import annotations

import json

import pytest

from ecom_trainer.reports.data import list_cohorts as report_cohorts
from ecom_trainer.store import analytics
from ecom_trainer.store.cohorts import (
    add_member,
    create_cohort,
    get_cohort,
    list_cohorts,
    member_ids,
    remove_member,
    set_cohort_archived,
    set_learner_cohorts,
    set_members,
    update_cohort,
)
from ecom_trainer.store.roster import RosterError, create_learner, set_archived


def stamp(db, cohort_id: str) -> str:
    return db.execute("SELECT updated_at FROM cohorts WHERE id = ?", (cohort_id,)).fetchone()[0]


def rows(db) -> list:
    return [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("cohorts", "cohort_members")]


def test_a_class_with_a_plan_and_dates(db, curriculum):
    lessons = [lesson for track in curriculum.tracks for lesson in track.lesson_ids][:3]
    plan = [lessons[2], lessons[0]]  # the trainer's order, not the pack's
    cohort = create_cohort(db, " 2026 春季班 ", plan, "2026-03-02", "2026-05-29", known_lessons=curriculum.lessons)
    found = get_cohort(db, cohort)
    assert (found.name, found.plan, found.starts_on, found.ends_on) == ("2026 春季班", tuple(plan),
                                                                        "2026-03-02", "2026-05-29")
    assert json.loads(db.execute("SELECT plan FROM cohorts WHERE id = ?", (cohort,)).fetchone()[0]) == plan
    before = stamp(db, cohort)
    assert update_cohort(db, cohort, "2026 春季班", [lessons[1], *plan], "2026-03-02", "2026-06-05",
                         known_lessons=curriculum.lessons)
    assert get_cohort(db, cohort).plan == (lessons[1], lessons[2], lessons[0])
    after = stamp(db, cohort)
    assert after > before
    assert not update_cohort(db, cohort, "2026 春季班", [lessons[1], *plan], "2026-03-02", "2026-06-05")
    assert stamp(db, cohort) == after  # nothing changed: nothing written


@pytest.mark.parametrize(("name", "plan", "start", "end", "field"), [
    ("", [], None, None, "name"),
    ("x" * 41, [], None, None, "name"),
    ("Tea", [], None, None, "name"),  # taken (case and spaces do not make it another name)
    ("B", ["no-such-lesson"], None, None, "plan"),
    ("B", ["L1", "L1"], None, None, "plan"),
    ("B", [], "2026-05-01", "2026-04-30", "ends_on"),
    ("B", [], "1 May", None, "starts_on"),
])
def test_a_bad_class_is_refused_whole(db, name, plan, start, end, field):
    create_cohort(db, " tea ")
    before = rows(db)
    with pytest.raises(RosterError) as refused:
        create_cohort(db, name, plan, start, end, known_lessons={"L1", "L2"})
    assert field in {p.field for p in refused.value.problems}
    assert rows(db) == before


def test_end_on_the_start_day_is_allowed(db):
    assert get_cohort(db, create_cohort(db, "One day", [], "2026-04-01", "2026-04-01")).ends_on == "2026-04-01"


def test_archived_classes_leave_the_lists_but_keep_their_members(db):
    learner = create_learner(db, "王秀英")
    cohort = create_cohort(db, "Autumn")
    add_member(db, cohort, learner)
    before = stamp(db, cohort)
    assert set_cohort_archived(db, cohort, True)
    assert stamp(db, cohort) > before
    assert list_cohorts(db) == [] and [c.id for c in list_cohorts(db, include_archived=True)] == [cohort]
    assert analytics.cohorts(db) == [] and report_cohorts(db) == []
    assert member_ids(db, cohort) == {learner}
    create_cohort(db, "autumn")  # the name is free again while the old one is archived
    with pytest.raises(RosterError):
        set_cohort_archived(db, cohort, False)  # two classes of one name: refused
    assert get_cohort(db, cohort).archived


def test_members_in_and_out(db):
    a, b, c = (create_learner(db, n) for n in ("A", "B", "C"))
    cohort = create_cohort(db, "Spring")
    assert set_members(db, cohort, [a, b]) == (2, 0)
    assert get_cohort(db, cohort).members == 2
    assert [tuple(p) for p in analytics.people(db, cohort)] == [(a, "A", ""), (b, "B", "")]
    assert set_members(db, cohort, [b, c]) == (1, 1)
    assert member_ids(db, cohort) == {b, c}
    added_at = db.execute("SELECT updated_at, device_id FROM cohort_members WHERE learner_id = ?", (c,)).fetchone()
    assert added_at[0] and added_at[1]  # a membership travels between PCs with its stamp
    assert remove_member(db, cohort, b) and not remove_member(db, cohort, b)
    assert member_ids(db, cohort) == {c}


def test_archived_members_are_kept_when_the_shown_list_is_saved(db):
    a, b = create_learner(db, "A"), create_learner(db, "B")
    cohort = create_cohort(db, "Spring")
    set_members(db, cohort, [a, b])
    set_archived(db, b, True)
    assert get_cohort(db, cohort).members == 1  # counts learners who are not archived
    set_members(db, cohort, [a])  # the trainer saw only A
    assert member_ids(db, cohort) == {a, b}


def test_a_learners_classes_from_the_learner_side(db):
    learner = create_learner(db, "A")
    spring, autumn, old = (create_cohort(db, n) for n in ("Spring", "Autumn", "Old"))
    add_member(db, old, learner)
    set_cohort_archived(db, old, True)
    assert set_learner_cohorts(db, learner, [spring]) == (1, 0)
    assert set_learner_cohorts(db, learner, [autumn]) == (1, 1)
    assert {x for x in (spring, autumn, old) if learner in member_ids(db, x)} == {autumn, old}


def test_a_removal_is_kept_stamped_after_the_membership_and_ended_by_adding_again(db, monkeypatch):
    from ecom_trainer.store import cohorts

    monkeypatch.setattr(cohorts, "now", lambda: "2026-03-02T09:00:00.000Z")  # one millisecond for all
    a, b = create_learner(db, "A"), create_learner(db, "B")
    cohort = create_cohort(db, "Spring")
    add_member(db, cohort, a)
    assert not remove_member(db, cohort, b)  # not a member: nothing to remove, nothing kept

    def removal():
        return [tuple(r) for r in db.execute("SELECT learner_id, device_id, updated_at FROM cohort_member_removals")]

    assert removal() == []
    assert remove_member(db, cohort, a)
    device = db.execute("SELECT id FROM device").fetchone()[0]
    assert removal() == [(a, device, "2026-03-02T09:00:00.001Z")]  # after the membership, same clock
    assert add_member(db, cohort, a)
    assert removal() == []
    assert db.execute("SELECT updated_at FROM cohort_members").fetchone()[0] == "2026-03-02T09:00:00.002Z"
