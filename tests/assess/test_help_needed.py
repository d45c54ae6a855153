from datetime import UTC, datetime

from ecom_trainer.assess.help_needed import stalled_lessons, wrong_in_a_row


def test_three_wrong_in_a_row_and_a_right_answer_clears_it():
    answers = [("A1", False, "t1"), ("A1", False, "t2"), ("B1", False, "t3"), ("A1", False, "t4")]
    assert [(r.subject, r.since) for r in wrong_in_a_row(answers)] == [("A1", "t4")]
    assert wrong_in_a_row(answers + [("A1", True, "t5")]) == []


def test_a_lesson_left_for_a_week():
    now = datetime(2026, 11, 29, tzinfo=UTC)
    progress = [("old", "started", "2026-11-21T10:00:00.000Z"), ("new", "started", "2026-11-27T10:00:00.000Z"),
                ("done", "done", "2026-10-01T10:00:00.000Z")]
    assert [r.subject for r in stalled_lessons(progress, now)] == ["old"]
