"""Child process for the crash test: answers questions in a loop and prints each attempt id
only after `record_attempt` returned (the acknowledgement). Not a test module."""

from __future__ import annotations

import sys
from pathlib import Path

from ecom_trainer.content import load_curriculum
from ecom_trainer.paths import lessons_dir
from ecom_trainer.session import LearnerSession
from ecom_trainer.store.db import open_database
from ecom_trainer.store.learners import add_learner, get_learner

db_path, limit = Path(sys.argv[1]), int(sys.argv[2])
conn = open_database(db_path)
curriculum = load_curriculum(lessons_dir())
learner_id = add_learner(conn, "crash test")
session = LearnerSession(conn, curriculum, get_learner(conn, learner_id))
lesson = next(iter(curriculum.lessons.values()))
unit = session.lesson_unit(lesson.id)
first = len(unit.steps)
print("ready", flush=True)
for n in range(limit):
    position = first + n % len(unit.questions)
    question = unit.item(position)
    answer = question.answer if question.type not in ("order", "match") else None
    feedback = session.answer(unit, position, answer)
    print(feedback.attempt_id, flush=True)
