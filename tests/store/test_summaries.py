"""The dashboard's summaries: kept up to date answer by answer, they must equal a rebuild from
the answers, whatever happened (tests taken again, answers from the past, joins, progress files)."""

from __future__ import annotations

import random

from ecom_trainer.assess.items import item_statistics, point_biserial
from ecom_trainer.assess.mastery import bkt_probability, guess_lookup
from ecom_trainer.store.attempts import record_attempt
from ecom_trainer.store.learners import add_learner, merge_learners
from ecom_trainer.store.summaries import mark_stale, refresh_stale, stale_count
from ecom_trainer.sync.bundle import export_bundle, import_bundle

TABLES = ("skill_state", "daily_activity", "test_items", "test_scores", "item_sums")


def snapshot(conn) -> dict[str, list[tuple]]:
    return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t} WHERE {_nonzero(t)}"))) for t in TABLES}


def _nonzero(table: str) -> str:  # item sums of people taken away stay as rows of zeros
    return "takers != 0" if table == "item_sums" else "1"


def rebuilt(conn, curriculum) -> dict[str, list[tuple]]:
    mark_stale(conn, [r[0] for r in conn.execute("SELECT id FROM learners")])
    refresh_stale(conn, guess_lookup(curriculum))
    return snapshot(conn)


def answer(conn, curriculum, learner, unit, question, correct, at=None, last=False, total=None):
    guess = guess_lookup(curriculum)(unit, question.id)
    kind = unit.split("#")[1] if "#" in unit else "practice"
    return record_attempt(conn, learner_id=learner, track_id=unit.split("#")[0] if "#" in unit else "listing",
                          unit_id=unit, question_id=question.id, kind=kind, answer=None,
                          score=1.0 if correct else 0.0, correct=correct, skills=question.skills,
                          next_position=total if last else 0, unit_done=last, answered_at=at, guess=guess)


def take_test(conn, curriculum, learner, track_id, kind, rng, at_day):
    track = curriculum.track(track_id)
    questions = track.pre_test if kind == "pre_test" else track.post_test
    for n, q in enumerate(questions):
        at = f"2026-03-{at_day:02d}T09:{n:02d}:00.000Z"
        answer(conn, curriculum, learner, f"{track_id}#{kind}", q, rng.random() < 0.6, at=at,
               last=n == len(questions) - 1, total=len(questions))


def test_answer_by_answer_equals_a_rebuild(db, curriculum):
    rng = random.Random(3)
    lesson = curriculum.lessons["listing-title"]
    people = [add_learner(db, f"Learner {i}") for i in range(12)]
    for day, learner in enumerate(people, start=1):
        take_test(db, curriculum, learner, "listing", "pre_test", rng, day)
        for n, q in enumerate(lesson.questions):
            answer(db, curriculum, learner, lesson.id, q, rng.random() < 0.7,
                   at=f"2026-03-{day:02d}T10:{n:02d}:00.000Z")
        take_test(db, curriculum, learner, "listing", "post_test", rng, day + 1)
    take_test(db, curriculum, people[0], "listing", "post_test", rng, 20)  # taken again
    assert stale_count(db) == 0
    incremental = snapshot(db)
    assert incremental["test_scores"] and incremental["item_sums"]
    assert incremental == rebuilt(db, curriculum)


def test_mastery_state_is_the_rule_and_bkt_of_the_answers(db, curriculum):
    lesson = curriculum.lessons["listing-title"]
    q = next(q for q in lesson.questions if q.skills == ("A2",))
    learner = add_learner(db, "Wang")
    pattern = [True, False, True, True, False, False, True]
    for n, right in enumerate(pattern):
        answer(db, curriculum, learner, lesson.id, q, right, at=f"2026-03-01T10:{n:02d}:00.000Z")
    answers, right, recent, streak, p_known = db.execute(
        "SELECT answers, right, recent, wrong_streak, p_known FROM skill_state WHERE person_id = ? "
        "AND skill = 'A2'", (learner,)).fetchone()
    guess = guess_lookup(curriculum)(lesson.id, q.id)
    assert (answers, right, recent, streak) == (7, 4, "11001", 0)
    assert abs(p_known - bkt_probability([(r, guess) for r in pattern])) < 1e-12


def test_an_answer_from_the_past_marks_stale_and_the_rebuild_orders_it(db, curriculum):
    lesson = curriculum.lessons["listing-title"]
    q = lesson.questions[0]
    learner = add_learner(db, "Li")
    answer(db, curriculum, learner, lesson.id, q, True, at="2026-03-02T10:00:00.000Z")
    answer(db, curriculum, learner, lesson.id, q, False, at="2026-03-01T10:00:00.000Z")
    assert stale_count(db) == 1
    refresh_stale(db, guess_lookup(curriculum))
    recent = db.execute("SELECT recent FROM skill_state WHERE person_id = ?", (learner,)).fetchone()[0]
    assert recent == "01"  # the older wrong answer first


def test_joined_learners_are_one_person_in_the_summaries(db, curriculum):
    lesson = curriculum.lessons["listing-title"]
    kept, merged = add_learner(db, "Zhang"), add_learner(db, "Zhang")
    for n, q in enumerate(lesson.questions[:3]):
        answer(db, curriculum, kept, lesson.id, q, True, at=f"2026-03-01T10:0{n}:00.000Z")
        answer(db, curriculum, merged, lesson.id, q, False, at=f"2026-03-02T10:0{n}:00.000Z")
    merge_learners(db, kept, merged)
    assert stale_count(db) == 2
    refresh_stale(db, guess_lookup(curriculum))
    people = {r[0] for r in db.execute("SELECT person_id FROM skill_state")}
    assert people == {kept}
    total = db.execute("SELECT SUM(answers) FROM daily_activity WHERE person_id = ?", (kept,)).fetchone()[0]
    assert total == 6
    # an answer given after the join, by the learner kept, stays incremental and exact
    answer(db, curriculum, kept, lesson.id, lesson.questions[0], True, at="2026-03-03T10:00:00.000Z")
    assert stale_count(db) == 0
    assert snapshot(db) == rebuilt(db, curriculum)


def test_answers_from_a_progress_file_mark_their_learners_stale(db, curriculum, tmp_path):
    from ecom_trainer.store.db import open_database

    other = open_database(tmp_path / "other.sqlite3")
    learner = add_learner(other, "Chen")
    q = curriculum.lessons["listing-title"].questions[0]
    answer(other, curriculum, learner, "listing-title", q, True)
    export_bundle(other, tmp_path / "b.ecombundle")
    import_bundle(db, tmp_path / "b.ecombundle")
    assert stale_count(db) == 1
    refresh_stale(db, guess_lookup(curriculum))
    assert db.execute("SELECT answers FROM skill_state WHERE person_id = ?", (learner,)).fetchone()[0] == 1


def test_item_sums_give_the_same_statistics_as_the_answers(db, curriculum):
    from ecom_trainer.assess.items import stats_from_sums

    rng = random.Random(11)
    people = [add_learner(db, f"L{i}") for i in range(15)]
    for day, learner in enumerate(people, start=1):
        take_test(db, curriculum, learner, "listing", "pre_test", rng, day)
    table = {}
    for person, question, correct in db.execute(
            "SELECT person_id, question_id, correct FROM test_items WHERE unit_id = 'listing#pre_test'"):
        table.setdefault(person, {})[question] = bool(correct)
    expected = {s.item: s for s in item_statistics(table)}
    for row in db.execute("SELECT question_id, takers, right, sum_rest, sum_rest2, sum_right_rest "
                          "FROM item_sums WHERE unit_id = 'listing#pre_test'"):
        got = stats_from_sums(*row)
        assert got.takers == expected[row[0]].takers
        assert abs(got.difficulty - expected[row[0]].difficulty) < 1e-12
        want = expected[row[0]].discrimination
        assert (got.discrimination is None) == (want is None)
        if want is not None:
            assert abs(got.discrimination - want) < 1e-9
    assert point_biserial  # the list form stays the reference definition


def test_hands_on_practice_counts_with_its_own_guess_rate(db, curriculum):
    from ecom_trainer.assess.mastery import PRACTICE_GUESS

    learner = add_learner(db, "Sun")
    for n, right in enumerate([True, False, True]):
        record_attempt(db, learner_id=learner, track_id="listing", unit_id="practice:listing",
                       question_id="title", kind="practice", answer=None, score=float(right), correct=right,
                       skills=["A2"], answered_at=f"2026-03-01T10:0{n}:00.000Z", guess=PRACTICE_GUESS)
    assert stale_count(db) == 0
    assert guess_lookup(curriculum)("practice:listing", "title") == PRACTICE_GUESS
    assert snapshot(db) == rebuilt(db, curriculum)


def test_a_question_of_two_skills_and_a_joined_learner_step_as_the_rebuild_does(db, curriculum):
    """The step runs in SQL at each answer; the rebuild runs it in Python: equal to the last bit."""
    rng = random.Random(11)
    lesson = curriculum.lessons["listing-title"]
    question = lesson.questions[0]
    guess = guess_lookup(curriculum)(lesson.id, question.id)
    kept, joined = add_learner(db, "Kept"), add_learner(db, "Joined")
    for n in range(40):
        record_attempt(db, learner_id=kept, track_id="listing", unit_id=lesson.id, question_id=question.id,
                       kind="practice", answer=None, score=1.0, correct=rng.random() < 0.6, skills=["A1", "A2"],
                       answered_at=f"2026-04-01T10:{n:02d}:00.000Z", guess=guess)
    assert stale_count(db) == 0
    incremental = snapshot(db)
    assert len(incremental["skill_state"]) == 2
    assert incremental == rebuilt(db, curriculum)
    merge_learners(db, kept, joined)
    refresh_stale(db, guess_lookup(curriculum))
    record_attempt(db, learner_id=joined, track_id="listing", unit_id=lesson.id, question_id=question.id,
                   kind="practice", answer=None, score=1.0, correct=True, skills=["A3"],
                   answered_at="2026-04-02T10:00:00.000Z", guess=guess)
    assert db.execute("SELECT COUNT(*) FROM skill_state WHERE person_id = ?", (joined,)).fetchone()[0] == 0
    assert stale_count(db) == 1  # kept under the person they were joined into: rebuilt
    refresh_stale(db, guess_lookup(curriculum))
    assert {row[1] for row in snapshot(db)["skill_state"]} == {"A1", "A2", "A3"}
