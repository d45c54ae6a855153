"""The trainer listens to a learner's live-selling rehearsal and rates it with the rubric."""

from __future__ import annotations

import wave

from PySide6.QtCore import Qt

from ecom_trainer.store.learners import add_learner
from ecom_trainer.store.rehearsals import get_rehearsal, save_rehearsal, take_path
from ecom_trainer.ui.trainer.rehearsal_rating import RUBRIC, RehearsalRating, rubric_score


def _take(db):
    path = take_path(db, ".wav")
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(16000))
    return path


def test_rubric_score_counts_the_points_given():
    assert rubric_score(None) is None
    assert rubric_score({"greets": True, "price": True, "shows": False}) == 2 / len(RUBRIC)


def test_rating_a_rehearsal_is_stored_and_shown(qtbot, db):
    learner = add_learner(db, "王秀英")
    rehearsal = save_rehearsal(db, learner, _take(db), 75.0, {"greets": True})
    page = RehearsalRating(db, learner)
    qtbot.addWidget(page)
    page.show()
    assert page.list.count() == 1 and "not rated yet" in page.list.item(0).text()
    assert page.play.isEnabled()
    for key in ("greets", "introduces", "price"):
        qtbot.mouseClick(page.checks[key], Qt.MouseButton.LeftButton)
    page.note.setText("Say the price twice")
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    stored = get_rehearsal(db, rehearsal)
    assert stored.rating == {"greets": True, "introduces": True, "shows": False, "price": True, "voice": False}
    assert stored.rating_note == "Say the price twice" and stored.rated_at
    assert "rated 3 of 5" in page.list.item(0).text()


def test_no_rehearsals_says_so(qtbot, db):
    page = RehearsalRating(db, add_learner(db, "李建国"))
    qtbot.addWidget(page)
    assert not page.save.isEnabled() and page.status.text() == "No rehearsals recorded yet."
