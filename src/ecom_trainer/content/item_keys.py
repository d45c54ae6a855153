"""Stable names for the texts of a unit, so that a trainer's recorded voice finds its text again.

A recording is stored under (unit id, item key, language). The unit id is a lesson id
("listing-main-photo") or a track's test ("listing#pre_test", as in store.progress.test_unit).
The item key names one text of that unit with the same field path an author sees in
`lessons check` messages (0-based step index; question and option ids as in the YAML file):

    steps[2].text                       the third step's text
    questions[q3].prompt                a question's prompt (for tests too)
    questions[q3].options[b].text       an option of a choice question (its picture's alt
                                        when it has no text)
    questions[q3].items[b].text         an item of an order question
    questions[q3].pairs[0].left         one side of a match pair (pairs have no ids)
    questions[q3].pairs[0].right
    questions[q3].explanation           the explanation after the answer

Question ids are stable, so are their keys; a step key follows the step's place, so inserting
a step in front of it moves its voice to another text (`voices import` reports keys that no
longer exist). Plain Python: used by store, sync and the screens alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ecom_trainer.content.model import Choice, Curriculum, Lesson, Question

TEST_KINDS = ("pre_test", "post_test")
STEP_KEY = re.compile(r"^steps\[(\d+)\]\.text$")


class ItemText(NamedTuple):
    """One text of a unit that can be read aloud, in the source language."""

    key: str
    text: str
    kind: str  # step | prompt | option | item | left | right | explanation
    question_id: str = ""


def step_key(index: int) -> str:
    return f"steps[{index}].text"


def prompt_key(question_id: str) -> str:
    return f"questions[{question_id}].prompt"


def explanation_key(question_id: str) -> str:
    return f"questions[{question_id}].explanation"


def choice_key(question: Question, choice: Choice) -> str:
    """The key of an option (choice questions) or an item (order questions)."""
    field = "items" if question.type == "order" else "options"
    return f"questions[{question.id}].{field}[{choice.id}].text"


def pair_key(question_id: str, index: int, side: str) -> str:
    return f"questions[{question_id}].pairs[{index}].{side}"


def choice_text(choice: Choice) -> str:
    """What is read for an option: its text, or its picture's description."""
    return choice.text or (choice.image.alt if choice.image else "")


def question_texts(question: Question) -> list[ItemText]:
    qid = question.id
    out = [ItemText(prompt_key(qid), question.prompt, "prompt", qid)]
    kind = "item" if question.type == "order" else "option"
    out += [ItemText(choice_key(question, c), choice_text(c), kind, qid) for c in question.options]
    for i, (left, right) in enumerate(question.pairs):
        out.append(ItemText(pair_key(qid, i, "left"), choice_text(left), "left", qid))
        out.append(ItemText(pair_key(qid, i, "right"), choice_text(right), "right", qid))
    if question.explanation:
        out.append(ItemText(explanation_key(qid), question.explanation, "explanation", qid))
    return [t for t in out if t.text]


def lesson_texts(lesson: Lesson) -> list[ItemText]:
    """Every text of a lesson, in the order a learner meets them."""
    out = [ItemText(step_key(i), s.text, "step") for i, s in enumerate(lesson.steps) if s.text]
    for question in lesson.questions:
        out += question_texts(question)
    return out


def unit_texts(curriculum: Curriculum, unit_id: str) -> list[ItemText] | None:
    """The texts of a lesson or of a track's test ("listing#pre_test"); None for an unknown unit."""
    if "#" in unit_id:
        track_id, kind = unit_id.split("#", 1)
        track = curriculum.track(track_id)
        if track is None or kind not in TEST_KINDS:
            return None
        return [t for q in track.test(kind) for t in question_texts(q)]
    lesson = curriculum.lessons.get(unit_id)
    return lesson_texts(lesson) if lesson else None


def units(curriculum: Curriculum) -> list[tuple[str, str, str]]:
    """Every unit with texts, in course order: (unit id, source-language title, kind), kind
    being practice, pre_test or post_test."""
    out = []
    for track in curriculum.tracks:
        out.append((f"{track.id}#pre_test", track.title, "pre_test"))
        out += [(lesson.id, lesson.title, "practice") for lesson in curriculum.lessons_of(track)]
        out.append((f"{track.id}#post_test", track.title, "post_test"))
    listed = {unit_id for unit_id, _title, _kind in out}
    out += [(lesson.id, lesson.title, "practice") for lesson in curriculum.lessons.values()
            if lesson.id not in listed]
    return out


def known_keys(curriculum: Curriculum) -> dict[str, set[str]]:
    """unit id -> the item keys it has: what an imported recording may be filed under."""
    return {unit_id: {t.key for t in unit_texts(curriculum, unit_id) or []}
            for unit_id, _title, _kind in units(curriculum)}


def source_texts(curriculum: Curriculum) -> dict[tuple[str, str], str]:
    """(unit id, item key) -> the source text: written into a voices file for the record."""
    return {(unit_id, t.key): t.text for unit_id, _title, _kind in units(curriculum)
            for t in unit_texts(curriculum, unit_id) or []}


def pack_audio(curriculum: Curriculum, unit_id: str, key: str) -> Path | None:
    """The recording a lesson pack ships for a step (`audio:` in lesson.yaml), spoken in the
    pack's source language; None for other texts."""
    match = STEP_KEY.match(key)
    lesson = curriculum.lessons.get(unit_id)
    if match is None or lesson is None or int(match[1]) >= len(lesson.steps):
        return None
    return lesson.steps[int(match[1])].audio
