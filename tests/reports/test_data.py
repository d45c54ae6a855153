"""The numbers a report shows, against values worked out by hand from the answers given."""

from __future__ import annotations

import pytest

from ecom_trainer.assess.gains import normalized_gain
from ecom_trainer.reports.data import (
    COHORT_GAIN_AVERAGE,
    GAIN_MISSING,
    GAIN_OK,
    GAIN_UNDEFINED,
    cohort_data,
    cohort_member_ids,
    learner_data,
    list_cohorts,
    track_skills,
)
from ecom_trainer.store.learners import add_learner, add_to_cohort, merge_learners
from tests.reports.conftest import practise, quiz_length, take_quiz


def test_learner_quizzes_gain_and_lessons(db, curriculum, centre):
    data = learner_data(db, curriculum, centre["周玉兰"])
    assert (data.name, data.village, data.cohorts) == ("周玉兰", "丰店镇", ("测试班",))
    listing = data.track("listing")
    n = quiz_length(curriculum, "listing")
    assert (listing.pre, listing.post) == (pytest.approx(100 * (n // 2) / n), 100.0)
    assert listing.gain == pytest.approx(1.0) and listing.gain_status == GAIN_OK  # all that was left
    lessons = len(curriculum.track("listing").lesson_ids)
    assert (listing.lessons_done, listing.lessons_total) == (lessons, lessons)
    practice = 2 * sum(len(lesson.questions) for lesson in curriculum.lessons_of(curriculum.track("listing")))
    final = quiz_length(curriculum, "listing", "post_test")
    assert data.answers == listing.answers == n + final + practice
    assert data.right == n // 2 + final + practice
    assert not data.track("live").started and data.track("live").gain_status == GAIN_MISSING


def test_gain_is_undefined_at_a_first_quiz_of_100_and_missing_without_the_final(db, curriculum, centre):
    full = learner_data(db, curriculum, centre["孙大山"]).track("listing")
    assert (full.pre, full.post, full.gain, full.gain_status) == (100.0, 100.0, None, GAIN_UNDEFINED)
    half = learner_data(db, curriculum, centre["吴春梅"]).track("listing")
    assert half.pre == pytest.approx(100 * 2 / quiz_length(curriculum, "listing")) and half.post is None
    assert (half.gain, half.gain_status) == (None, GAIN_MISSING)


def test_per_skill_quiz_scores_and_mastery(db, curriculum, centre):
    listing = learner_data(db, curriculum, centre["周玉兰"]).track("listing")
    track = curriculum.track("listing")
    first_half = track.pre_test[:len(track.pre_test) // 2]  # answered right
    for skill in listing.skills:
        on_skill = [q for q in track.pre_test if skill.skill_id in q.skills]
        if on_skill:
            right = sum(q in first_half for q in on_skill)
            assert skill.pre == pytest.approx(100 * right / len(on_skill))
            assert skill.post == 100.0
        assert skill.mastery.rule_mastered and skill.mastery.bkt_mastered  # all right, twice over
    assert listing.all_mastered
    assert [s.skill_id for s in listing.skills] == [sid for sid, _ in track_skills(curriculum, track)]
    unmastered = learner_data(db, curriculum, centre["孙大山"]).track("listing")
    assert not unmastered.all_mastered
    assert not next(s for s in unmastered.skills if s.skill_id == "A2").mastery.rule_mastered


def test_a_quiz_left_half_way_has_no_score(db, curriculum):
    learner = add_learner(db, "半途")
    take_quiz(db, curriculum, learner, "listing", "pre_test", 6)
    db.execute("UPDATE progress SET status = 'started' WHERE learner_id = ?", (learner,))
    assert learner_data(db, curriculum, learner).track("listing").pre is None


def test_cohort_uses_the_gain_of_the_averages_over_learners_with_both_quizzes(db, curriculum, centre):
    data = cohort_data(db, curriculum, centre["cohort"])
    assert data.gain_average == COHORT_GAIN_AVERAGE == "gain of the averages"
    assert sorted(m.name for m in data.members) == sorted(["吴春梅", "周玉兰", "孙大山"])
    listing = next(t for t in data.tracks if t.track_id == "listing")
    # 周玉兰 half -> 100 and 孙大山 100 -> 100; 吴春梅 has no final quiz and is left out
    n = quiz_length(curriculum, "listing")
    mean_pre = (100 * (n // 2) / n + 100) / 2
    assert listing.gain.learners == 2
    assert (listing.gain.mean_pre, listing.gain.mean_post) == (pytest.approx(mean_pre), 100.0)
    assert listing.chosen_gain == pytest.approx(normalized_gain(mean_pre, 100)) == pytest.approx(1.0)
    assert listing.started == 3
    a1 = next(s for s in listing.skills if s.skill_id == "A1")
    assert (a1.members, a1.pre_takers, a1.post_takers) == (3, 3, 2)
    assert a1.rule_mastered == sum(m.track("listing").skills[0].mastery.rule_mastered for m in data.members)
    live = next(t for t in data.tracks if t.track_id == "live")
    assert live.gain is None and live.chosen_gain is None and live.started == 0


def test_a_joined_member_counts_once_as_the_person_kept(db, curriculum, centre):
    twin = add_learner(db, "周玉兰", "丰店镇")
    add_to_cohort(db, centre["cohort"], twin)
    practise(db, curriculum, twin, "live")
    assert len(cohort_member_ids(db, centre["cohort"])) == 4
    merge_learners(db, centre["周玉兰"], twin)
    assert len(cohort_member_ids(db, centre["cohort"])) == 3
    kept = learner_data(db, curriculum, centre["周玉兰"])
    assert kept.track("live").answers > 0  # the joined registration's answers count for the person


def test_cohort_list_and_unknown_ids(db, curriculum, centre):
    names = {c.name: c.members for c in list_cohorts(db)}
    assert names["测试班"] == 3
    with pytest.raises(LookupError):
        learner_data(db, curriculum, "nobody")
    with pytest.raises(LookupError):
        cohort_data(db, curriculum, "no-such-cohort")


def test_archived_members_still_count_in_their_cohort(db, curriculum, centre):
    db.execute("UPDATE learners SET archived = 1 WHERE id = ?", (centre["孙大山"],))
    data = cohort_data(db, curriculum, centre["cohort"])
    assert "孙大山" in [m.name for m in data.members]
    assert next(t for t in data.tracks if t.track_id == "listing").gain.learners == 2
