"""Hostile and random lesson files: loading never raises, whatever the bytes. Every outcome is a
list of one-line problems (with file and line) or a valid lesson."""

from __future__ import annotations

import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecom_trainer.content import load_curriculum
from tests.content.conftest import Pack

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["a", "q1", "A1", "pic.svg", "../x.svg", "yuan",
                                                           "single_choice", "order", "match", "numeric"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["id", "type", "prompt", "skills", "options", "answer", "explanation", "text", "image",
         "alt", "steps", "questions", "pairs", "left", "right", "items", "unit", "tolerance",
         "title", "track", "summary", "zzz"]), inner, max_size=6)), max_leaves=25)


def load_ok(pack: Pack) -> None:
    loaded = load_curriculum(pack.root)  # must not raise
    for problem in loaded.problems:
        text = str(problem)
        assert "\n" not in text and text.startswith(str(problem.file)) and problem.line >= 1


@SETTINGS
@given(raw=st.binary(max_size=400))
def test_any_bytes_as_a_lesson_file(tmp_path_factory, raw):
    pack = Pack(tmp_path_factory.mktemp("p") / "pack")
    pack.lesson.write_bytes(raw)
    load_ok(pack)


@SETTINGS
@given(lesson=st.dictionaries(st.sampled_from(["id", "track", "title", "summary", "skills", "steps",
                                               "questions", "extra"]), values, max_size=8))
def test_any_structure_as_a_lesson(tmp_path_factory, lesson):
    pack = Pack(tmp_path_factory.mktemp("p") / "pack")
    pack.lesson.write_text(yaml.safe_dump(lesson, allow_unicode=True))
    load_ok(pack)


@SETTINGS
@given(question=st.dictionaries(st.sampled_from(["id", "type", "prompt", "skills", "options", "answer",
                                                 "explanation", "pairs", "items", "unit", "tolerance",
                                                 "image", "alt"]), values, max_size=9))
def test_any_question_inside_a_valid_lesson(tmp_path_factory, question):
    pack = Pack(tmp_path_factory.mktemp("p") / "pack")
    data = yaml.safe_load(pack.lesson.read_text())
    data["questions"].append(question)
    pack.lesson.write_text(yaml.safe_dump(data, allow_unicode=True))
    load_ok(pack)


@SETTINGS
@given(track=values)
def test_any_track_file(tmp_path_factory, track):
    pack = Pack(tmp_path_factory.mktemp("p") / "pack")
    (pack.root / "tracks" / "sell.yaml").write_text(yaml.safe_dump(track, allow_unicode=True))
    load_ok(pack)


def test_a_symlink_out_of_the_lesson_folder_is_refused(tmp_path):
    pack = Pack(tmp_path / "pack")
    secret = tmp_path / "secret.svg"
    shutil.copyfile(pack.root / "photo" / "pic.svg", secret)
    (pack.root / "photo" / "link.svg").symlink_to(secret)
    pack.edit_lesson("image: pic.svg", "image: link.svg")
    problems = load_curriculum(pack.root).problems
    assert any("outside the folder" in p.message for p in problems)
