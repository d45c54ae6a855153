from datetime import date, timedelta

from ecom_trainer.assess.review import due_for_review, leitner_boxes

D = [date(2026, 11, 1) + timedelta(days=i) for i in range(40)]
Q = ("listing-title", "q1")


def test_only_questions_once_answered_wrong_enter_the_boxes():
    history = [(("l", "right-away"), True, D[0]), (Q, False, D[0])]
    assert leitner_boxes(history) == {Q: (1, D[0])}


def test_boxes_move_up_on_right_and_back_to_one_on_wrong():
    history = [(Q, False, D[0]), (Q, True, D[1]), (Q, True, D[3])]
    assert leitner_boxes(history)[Q] == (3, D[3])
    assert leitner_boxes(history + [(Q, False, D[5])])[Q] == (1, D[5])


def test_due_counts_training_days_not_calendar_days():
    history = [(Q, False, D[0])]
    assert due_for_review(history, D[0]) == []  # not again on the same day
    assert due_for_review(history, D[9]) == [Q]  # the next day the learner comes, however late
    # right in review (box 2): due after 2 training days; a week away is still one training day
    history += [(Q, True, D[9]), (("x", "y"), True, D[16])]
    assert due_for_review(history, D[16]) == []
    assert due_for_review(history, D[17]) == [Q]


def test_learned_after_box_four_and_least_known_first():
    other = ("money-scams", "q2")
    history = [(Q, False, D[0]), (other, False, D[0]), (Q, True, D[1]), (Q, True, D[3]),
               (Q, True, D[7]), (Q, True, D[15])]
    assert leitner_boxes(history)[Q][0] == 5
    assert due_for_review(history, D[30]) == [other]
    # Q is in box 2 (two training days: D10 and D20), `other` in box 1 (one)
    history2 = [(Q, False, D[0]), (Q, True, D[1]), (other, False, D[1]), (("z", "z"), True, D[10])]
    assert due_for_review(history2, D[20]) == [other, Q]  # box 1 before box 2
