"""Every malformed lesson gives one clear line with file and line; valid lessons still load."""

from __future__ import annotations

import pytest

from ecom_trainer.content import load_curriculum


def test_the_small_pack_is_valid(pack):
    loaded = load_curriculum(pack.root)
    assert loaded.problems == []
    assert list(loaded.lessons) == ["photo"]
    lesson = loaded.lessons["photo"]
    assert lesson.questions[1].answer == 14 and lesson.steps[0].image.alt == "A phone with a photo."


def test_the_bundled_curriculum_is_valid(curriculum):
    assert len(curriculum.tracks) == 4
    assert len(curriculum.lessons) >= 3
    types = {q.type for lesson in curriculum.lessons.values() for q in lesson.questions}
    assert types == {"single_choice", "multiple_choice", "true_false", "picture_choice",
                     "order", "numeric", "match"}


# (what to replace in lesson.yaml, by what, the line the problem is on, words in the message).
# A YAML syntax error is reported where the parser notices it (for an unclosed "[" the next line).
BROKEN = {
    "bad_yaml": ("title: A good photo", "title: [unclosed", 4, "not valid YAML"),
    "missing_title": ("title: A good photo\n", "", 1, "'title' is missing"),
    "wrong_type_steps": ("steps:\n  - text: Buyers", "steps: 5\nx:\n  - text: Buyers", 6, "should be a list"),
    "unknown_question_type": ("type: numeric", "type: essay", 21, "unknown question type 'essay'"),
    "answer_not_an_option": ("answer: a", "answer: c", 18, "'c' is not one of the options"),
    "missing_illustration": ("    image: pic.svg\n", "", 7, "'image' is missing"),
    "illustration_file_missing": ("image: pic.svg", "image: nowhere.svg", 8, "does not exist"),
    "duplicate_question_id": ("id: q2", "id: q1", 20, "used twice"),
    "duplicate_option_id": ("{id: b, text: Busy table}", "{id: a, text: Busy table}", 17, "used twice"),
    "unknown_skill": ("skills: [A1]\n    options", "skills: [Z9]\n    options", 14, "unknown skill 'Z9'"),
    "numeric_answer_not_a_number": ("answer: 14", "answer: fourteen", 25, "should be a number"),
    "unknown_unit": ("unit: yuan", "unit: dollars", 24, "unit 'dollars' is not known"),
    "path_escapes_folder": ("image: pic.svg", "image: ../../secret.svg", 8, "outside the folder"),
    "absolute_path": ("image: pic.svg", "image: /etc/passwd.svg", 8, "not a full path"),
    "unknown_field": ("summary: Why", "sumary: Why", 4, "unknown field 'sumary'"),
    "id_not_folder_name": ("id: photo", "id: photos", 1, "the folder is named photo"),
    "tab_indentation": ("steps:\n  - text", "steps:\n\t- text", 7, "not valid YAML"),
    "alias_bomb": ("title: A good photo", "title: &t A good photo\nsummary2: *t", 4, "aliases"),
    "duplicate_key": ("track: sell", "track: sell\ntrack: sell", 3, "appears twice"),
    "empty_prompt": ("prompt: Which background?", "prompt: ''", 13, "is empty"),
    "negative_tolerance": ("unit: yuan", "unit: yuan\n    tolerance: -1", 25, "0 or more"),
    "options_not_a_list": ("    options:\n      - {id: a, text: White cloth}\n      - {id: b, text: Busy table}\n",
                           "    options: white\n", 15, "should be a list"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_lesson_gives_one_line_with_file_and_line(pack, case):
    old, new, line, words = BROKEN[case]
    pack.edit_lesson(old, new)
    loaded = load_curriculum(pack.root)
    assert loaded.problems, f"{case}: no problem reported"
    lines = [str(p) for p in loaded.problems]
    hits = [p for p in loaded.problems if words in p.message]
    assert hits, f"{case}: {lines}"
    problem = hits[0]
    assert problem.file == pack.lesson
    assert problem.line == line, f"{case}: {lines}"
    text = str(problem)
    assert text.startswith(f"{pack.lesson}:{line}: ") and "\n" not in text
    assert "photo" not in loaded.lessons  # a broken lesson is left out ...


def test_other_lessons_still_load_when_one_is_broken(pack):
    other = pack.root / "photo2"
    other.mkdir()
    (other / "lesson.yaml").write_text(pack.lesson.read_text().replace("id: photo\n", "id: photo2\n"))
    (other / "pic.svg").write_text((pack.root / "photo" / "pic.svg").read_text())
    track = pack.root / "tracks" / "sell.yaml"
    track.write_text(track.read_text().replace("lessons: [photo]", "lessons: [photo, photo2]"))
    pack.edit_lesson("answer: a", "answer: zz")
    loaded = load_curriculum(pack.root)
    assert "photo2" in loaded.lessons and "photo" not in loaded.lessons
    assert len(loaded.problems) == 1


def test_invalid_utf8_names_the_line(pack):
    pack.lesson.write_bytes(pack.lesson.read_bytes().replace(b"A good photo", b"A good \xff photo"))
    problem, = load_curriculum(pack.root).problems
    assert problem.line == 3 and "UTF-8" in problem.message


def test_huge_file_is_refused_before_parsing(pack):
    pack.lesson.write_text(pack.lesson.read_text() + "# " + "x" * 1_100_000 + "\n")
    problem, = load_curriculum(pack.root).problems
    assert "limit" in problem.message


def test_deep_nesting_is_refused(pack):
    pack.edit_lesson("summary: Why the photo matters.", "summary: " + "[" * 40 + "]" * 40)
    problems = load_curriculum(pack.root).problems
    assert any("nested deeper" in p.message for p in problems)


def test_listed_lesson_without_folder(pack):
    track = pack.root / "tracks" / "sell.yaml"
    track.write_text(track.read_text().replace("lessons: [photo]", "lessons: [photo, ghost]"))
    problems = load_curriculum(pack.root).problems
    assert any("'ghost' has no folder" in p.message and p.line == 6 for p in problems)


def test_lesson_not_listed_in_its_track(pack):
    track = pack.root / "tracks" / "sell.yaml"
    track.write_text(track.read_text().replace("lessons: [photo]", "lessons: []"))
    problems = load_curriculum(pack.root).problems
    assert any("not listed in tracks/sell.yaml" in p.message for p in problems)


def test_newer_pack_format_is_refused_clearly(pack):
    (pack.root / "pack.yaml").write_text("format: 9\nsource_language: en\ntracks: [sell]\n")
    problems = load_curriculum(pack.root).problems
    assert any("newer ecom-trainer" in p.message for p in problems)


def test_sql_looking_text_is_just_text(pack):
    pack.edit_lesson("title: A good photo", "title: \"x'); DROP TABLE attempts; --\"")
    loaded = load_curriculum(pack.root)
    assert loaded.problems == []
    assert loaded.lessons["photo"].title.startswith("x'); DROP")


def test_numbers_as_ids_and_answers_are_read_as_text(pack):
    pack.edit_lesson("{id: a, text: White cloth}", "{id: 1, text: White cloth}")
    pack.edit_lesson("{id: b, text: Busy table}", "{id: 2, text: Busy table}")
    pack.edit_lesson("answer: a", "answer: 1")
    loaded = load_curriculum(pack.root)
    assert loaded.problems == []
    question = loaded.lessons["photo"].questions[0]
    assert [o.id for o in question.options] == ["1", "2"] and question.answer == "1"


def test_loading_leaves_garbage_collection_as_it_was(tmp_path):
    import gc

    from ecom_trainer.content import load_curriculum
    from ecom_trainer.paths import lessons_dir

    assert gc.isenabled()
    assert load_curriculum(lessons_dir()).lessons and gc.isenabled()
    gc.disable()
    try:
        load_curriculum(tmp_path / "missing")
        assert not gc.isenabled()
    finally:
        gc.enable()
