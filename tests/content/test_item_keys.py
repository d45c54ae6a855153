"""Item keys: every text of every unit has one, unique within its unit, in the documented form."""

from __future__ import annotations

import re

from ecom_trainer.content.item_keys import known_keys, unit_texts, units

KEY = re.compile(r"^(steps\[\d+\]\.text|questions\[[A-Za-z0-9_-]+\]\.(prompt|explanation|"
                 r"options\[[A-Za-z0-9_-]+\]\.text|items\[[A-Za-z0-9_-]+\]\.text|pairs\[\d+\]\.(left|right)))$")


def test_every_text_of_every_unit_has_a_unique_key(curriculum):
    listed = units(curriculum)
    assert {u for u, _t, _k in listed} >= set(curriculum.lessons)
    for unit_id, _title, _kind in listed:
        texts = unit_texts(curriculum, unit_id)
        assert texts, unit_id
        keys = [t.key for t in texts]
        assert len(keys) == len(set(keys)), unit_id
        assert all(KEY.match(k) for k in keys), [k for k in keys if not KEY.match(k)]
        assert all(t.text for t in texts)


def test_keys_follow_the_lesson_file_and_cover_tests(curriculum):
    lesson = next(iter(curriculum.lessons.values()))
    texts = {t.key: t for t in unit_texts(curriculum, lesson.id)}
    assert texts["steps[0].text"].text == lesson.steps[0].text
    q = lesson.questions[0]
    assert texts[f"questions[{q.id}].prompt"].text == q.prompt
    assert texts[f"questions[{q.id}].explanation"].text == q.explanation
    track = curriculum.tracks[0]
    test = unit_texts(curriculum, f"{track.id}#pre_test")
    first = track.pre_test[0]
    assert test[0].key == f"questions[{first.id}].prompt" and test[0].text == first.prompt
    if first.options:
        option = first.options[0]
        field = "items" if first.type == "order" else "options"
        assert f"questions[{first.id}].{field}[{option.id}].text" in {t.key for t in test}
    assert unit_texts(curriculum, f"{track.id}#mid_test") is None
    assert unit_texts(curriculum, "no-such-lesson") is None
    assert known_keys(curriculum)[f"{track.id}#post_test"]
