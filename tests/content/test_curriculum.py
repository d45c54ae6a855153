"""The coverage and plain-language rules of the bundled curriculum (issue 3), as tests.

Each rule is a function from a loaded pack to a list of problems (empty when the rule holds).
The bundled pack must give none; every rule is also shown to fail, on a copy of the pack broken
in tmp_path, or on loaded objects changed in memory where the loader itself would refuse the
broken file (a missing picture, an answer that is not an option).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ecom_trainer.content import Curriculum, Lesson, Question, load_curriculum
from ecom_trainer.content.extract import lesson_messages
from ecom_trainer.content.yamlsource import read_yaml
from ecom_trainer.paths import lessons_dir, translations_dir

MIN_LESSONS_PER_TRACK = 5
MIN_LESSONS = 20
MIN_PRACTICE_PER_SKILL = 4
MIN_TEST_ITEMS_PER_SKILL = 2
STEPS = (4, 8)
QUESTIONS = (5, 8)
MAX_WORDS = 15  # English words per sentence
MAX_HANZI = 22  # Chinese characters per sentence: "about 20", with a little room
FORBIDDEN_SVG = {"text", "style", "image", "filter", "mask", "clipPath", "pattern", "font", "foreignObject",
                 "script", "use"}

# A sentence ends at . ! ? ; followed by a space or the end (so 2.5 kg stays one sentence).
EN_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
ZH_SENTENCE_END = re.compile(r"[。！？；]")
HANZI = re.compile(r"[\u3400-\u9fff]")

Rule = Callable[[Curriculum], list[str]]


def all_questions(c: Curriculum) -> list[tuple[str, Question]]:
    """(where, question) for every practice question and every test item."""
    found = [(f"{lesson.id} {q.id}", q) for lesson in c.lessons.values() for q in lesson.questions]
    for track in c.tracks:
        for kind in ("pre_test", "post_test"):
            found += [(f"{track.id} {kind} {q.id}", q) for q in track.test(kind)]
    return found


def yaml_files(c: Curriculum) -> list[Path]:
    return sorted(c.folder.rglob("*.yaml"))


# ---------------------------------------------------------------- coverage

def lesson_counts(c: Curriculum) -> list[str]:
    problems = [f"track {t.id} has {len(c.lessons_of(t))} lessons; it needs {MIN_LESSONS_PER_TRACK}"
                for t in c.tracks if len(c.lessons_of(t)) < MIN_LESSONS_PER_TRACK]
    if len(c.lessons) < MIN_LESSONS:
        problems.append(f"the pack has {len(c.lessons)} lessons; it needs {MIN_LESSONS}")
    return problems


def practice_per_skill(c: Curriculum) -> list[str]:
    problems = []
    for track in c.tracks:
        count = Counter(s for lesson in c.lessons_of(track) for q in lesson.questions for s in q.skills)
        problems += [f"skill {s.id} has {count[s.id]} practice questions; it needs {MIN_PRACTICE_PER_SKILL}"
                     for s in track.skills if count[s.id] < MIN_PRACTICE_PER_SKILL]
    return problems


def items_per_skill_in_tests(c: Curriculum) -> list[str]:
    problems = []
    for track in c.tracks:
        for kind in ("pre_test", "post_test"):
            count = Counter(s for q in track.test(kind) for s in q.skills)
            problems += [f"{track.id} {kind}: skill {s.id} has {count[s.id]} items; it needs "
                         f"{MIN_TEST_ITEMS_PER_SKILL}" for s in track.skills if count[s.id] < MIN_TEST_ITEMS_PER_SKILL]
    return problems


def _fingerprint(q: Question) -> tuple:
    """What a learner sees of a question: its prompt and its options (with their pictures),
    items or pairs."""
    sides = tuple(sorted((a.text, b.text) for a, b in q.pairs))
    options = tuple(sorted((o.text.lower(), o.image.path.name if o.image else "") for o in q.options))
    return (" ".join(q.prompt.lower().split()), options, sides)


def distinct_test_items(c: Curriculum) -> list[str]:
    """A test item may not repeat a practice question, nor the other form's item."""
    problems = []
    practice = {_fingerprint(q): f"{lesson.id} {q.id}" for lesson in c.lessons.values() for q in lesson.questions}
    for track in c.tracks:
        pre = {_fingerprint(q): q.id for q in track.pre_test}
        for kind in ("pre_test", "post_test"):
            for q in track.test(kind):
                if (same := practice.get(_fingerprint(q))) is not None:
                    problems.append(f"{track.id} {kind} {q.id} is the practice question {same}")
                if kind == "post_test" and (same := pre.get(_fingerprint(q))) is not None:
                    problems.append(f"{track.id} post_test {q.id} is the pre_test item {same}")
    return problems


# ---------------------------------------------------------------- shape of lessons and questions

def lesson_sizes(c: Curriculum) -> list[str]:
    problems = []
    for lesson in c.lessons.values():
        if not STEPS[0] <= len(lesson.steps) <= STEPS[1]:
            problems.append(f"{lesson.id} has {len(lesson.steps)} steps; it needs {STEPS[0]} to {STEPS[1]}")
        if not QUESTIONS[0] <= len(lesson.questions) <= QUESTIONS[1]:
            problems.append(f"{lesson.id} has {len(lesson.questions)} questions; "
                            f"it needs {QUESTIONS[0]} to {QUESTIONS[1]}")
    return problems


def illustrations(c: Curriculum) -> list[str]:
    """Every step, and every option of a picture question, has a picture and its description."""
    problems = []
    for lesson in c.lessons.values():
        for i, step in enumerate(lesson.steps):
            if step.image is None or not step.image.path.is_file() or not step.image.alt.strip():
                problems.append(f"{lesson.id} step {i + 1} has no picture with a description")
    for where, q in all_questions(c):
        if q.type == "picture_choice":
            for o in q.options:
                if o.image is None or not o.image.path.is_file() or not o.image.alt.strip():
                    problems.append(f"{where} option {o.id} has no picture with a description")
    return problems


def answers(c: Curriculum) -> list[str]:
    """Single choice: exactly one right option; multiple choice: at least one right and one wrong;
    order: at least three items; no two options of a question with the same text."""
    problems = []
    for where, q in all_questions(c):
        ids = [o.id for o in q.options]
        texts = [o.text for o in q.options if o.text]
        if len(set(texts)) != len(texts):
            problems.append(f"{where}: two options have the same text")
        if q.type in ("single_choice", "picture_choice"):
            if not isinstance(q.answer, str) or ids.count(q.answer) != 1:
                problems.append(f"{where}: the answer {q.answer!r} is not exactly one of the options {ids}")
        elif q.type == "multiple_choice":
            right = set(q.answer) if isinstance(q.answer, tuple | list) else set()
            if not right or not right <= set(ids):
                problems.append(f"{where}: the answer {q.answer!r} names no right option among {ids}")
            elif right == set(ids):
                problems.append(f"{where}: every option is right, so there is nothing to choose")
        elif q.type == "order" and len(q.options) < 3:
            problems.append(f"{where}: an order question needs at least 3 items, not {len(q.options)}")
        elif q.type == "true_false" and not isinstance(q.answer, bool):
            problems.append(f"{where}: the answer should be true or false")
    return problems


def numeric_units(c: Curriculum) -> list[str]:
    """Numeric questions write `unit:` and `tolerance:` in the file (the loader defaults a missing
    tolerance to 0, so the loaded question cannot tell whether the author thought about it)."""
    problems = []
    for file in yaml_files(c):
        data = read_yaml(file).data
        if not isinstance(data, dict):
            continue
        lists = [data.get("questions")] + [(data.get(k) or {}).get("questions") for k in ("pre_test", "post_test")
                                           if isinstance(data.get(k), dict)]
        for questions in filter(None, lists):
            for raw in questions:
                if isinstance(raw, dict) and raw.get("type") == "numeric":
                    problems += [f"{file.relative_to(c.folder)} {raw.get('id')}: `{key}:` is not written"
                                 for key in ("unit", "tolerance") if key not in raw]
    return problems


# ---------------------------------------------------------------- plain language and translation

def source_texts(c: Curriculum) -> list[tuple[Path, str]]:
    """Every text a learner or trainer reads, from every YAML file of the pack."""
    return [(file, text) for file in yaml_files(c) for text in lesson_messages(file.read_text(encoding="utf-8"))]


def english_sentences(c: Curriculum) -> list[str]:
    problems = []
    for file, text in source_texts(c):
        for sentence in EN_SENTENCE_END.split(text):
            if len(words := sentence.split()) > MAX_WORDS:
                problems.append(f"{file.relative_to(c.folder)}: {len(words)} words: {sentence.strip()}")
    return problems


def zh_catalog(folder: Path | None = None) -> dict[str, str]:
    """The checked (not fuzzy) zh_CN translations of the lessons domain."""
    po = (folder or translations_dir()) / "zh_CN" / "LC_MESSAGES" / "lessons.po"
    with po.open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id and m.string and not m.fuzzy}


def zh_translated(c: Curriculum, catalog: dict[str, str]) -> list[str]:
    return sorted({f"{file.relative_to(c.folder)}: no zh_CN translation of {text!r}"
                   for file, text in source_texts(c) if text not in catalog})


def zh_sentences(c: Curriculum, catalog: dict[str, str]) -> list[str]:
    problems = set()
    for file, text in source_texts(c):
        for sentence in ZH_SENTENCE_END.split(catalog.get(text, "")):
            if len(HANZI.findall(sentence)) > MAX_HANZI:
                problems.add(f"{file.relative_to(c.folder)}: {len(HANZI.findall(sentence))} characters: "
                             f"{sentence.strip()} (from {text!r})")
    return sorted(problems)


# ---------------------------------------------------------------- pictures

def svg_files(c: Curriculum) -> list[Path]:
    return sorted(c.folder.rglob("*.svg"))


def svg_elements(c: Curriculum) -> list[str]:
    """Only shapes: no words (pictures are shared by every language), nothing QtSvg's Tiny 1.2
    profile would skip (styles, filters, masks, clip paths, embedded images, fonts)."""
    problems = []
    for file in svg_files(c):
        try:
            root = ET.parse(file).getroot()
        except ET.ParseError as exc:
            problems.append(f"{file.relative_to(c.folder)}: not well-formed XML ({exc})")
            continue
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag in FORBIDDEN_SVG:
                problems.append(f"{file.relative_to(c.folder)}: <{tag}> is not allowed")
            if "class" in element.attrib or "style" in element.attrib:
                problems.append(f"{file.relative_to(c.folder)}: <{tag}> uses CSS (class or style)")
    return problems


# ---------------------------------------------------------------- the bundled pack

RULES: dict[str, Rule] = {
    "lesson_counts": lesson_counts,
    "practice_per_skill": practice_per_skill,
    "items_per_skill_in_tests": items_per_skill_in_tests,
    "distinct_test_items": distinct_test_items,
    "lesson_sizes": lesson_sizes,
    "illustrations": illustrations,
    "answers": answers,
    "numeric_units": numeric_units,
    "english_sentences": english_sentences,
    "svg_elements": svg_elements,
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_the_bundled_curriculum_keeps_the_rule(curriculum, rule):
    assert RULES[rule](curriculum) == []


def test_every_lesson_text_has_a_short_zh_cn_translation(curriculum):
    catalog = zh_catalog()
    assert zh_translated(curriculum, catalog) == []
    assert zh_sentences(curriculum, catalog) == []


def test_the_pack_holds_pictures_and_texts_to_check(curriculum):
    """The rules above look at something: a pack that lost its files would pass them vacuously."""
    assert len(svg_files(curriculum)) > 100
    assert len(source_texts(curriculum)) > 1000
    assert sum(q.type == "numeric" for _, q in all_questions(curriculum)) >= 10


# ---------------------------------------------------------------- each rule can fail

@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "lessons"
    shutil.copytree(lessons_dir(), target)
    return target


def edit(file: Path, old: str, new: str, after: str = "") -> None:
    """Replace the first `old` that comes after `after` in the file."""
    text = file.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    at = text.index(old, start)
    file.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")


def drop_lesson(pack: Path, track: str, lesson: str) -> None:
    edit(pack / "tracks" / f"{track}.yaml", f", {lesson}", "")
    shutil.rmtree(pack / lesson)


def loaded(pack: Path) -> Curriculum:
    c = load_curriculum(pack)
    assert c.problems == [], "the broken copy should still load: " + "; ".join(map(str, c.problems))
    return c


@functools.cache
def _bundled_problems(rule: Rule) -> tuple[str, ...]:
    return tuple(rule(load_curriculum(lessons_dir())))


def added(rule: Rule, broken: Curriculum) -> list[str]:
    """The problems the breaking added to those of the bundled pack (none, once it is right)."""
    return [p for p in rule(broken) if p not in _bundled_problems(rule)]


def test_a_track_with_four_lessons_fails(copy):
    drop_lesson(copy, "live", "live-rules")
    assert added(lesson_counts, loaded(copy)) == ["track live has 4 lessons; it needs 5"]


def test_a_pack_of_nineteen_lessons_fails(copy):
    for track, lesson in (("listing", "listing-red-tour"), ("listing", "listing-origin-mark"),
                          ("logistics", "logistics-returns"), ("logistics", "logistics-waybill")):
        drop_lesson(copy, track, lesson)
    assert "the pack has 19 lessons; it needs 20" in added(lesson_counts, loaded(copy))


def test_a_skill_with_three_practice_questions_fails(copy):
    c = loaded(copy)
    track = c.track("live")
    b2 = [(lesson, q) for lesson in c.lessons_of(track) for q in lesson.questions if "B2" in q.skills]
    for lesson, q in b2[3:]:  # keep three B2 questions: re-tag the others B1 in the file
        file = lesson.folder / "lesson.yaml"
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i in range(q.line - 1, len(lines)) if lines[i].strip().startswith("skills:"))
        lines[at] = lines[at].replace("B2", "B1")
        if "B1" not in lesson.skills:  # the lesson must list every skill its questions measure
            top = next(i for i, line in enumerate(lines) if line.startswith("skills: ["))
            lines[top] = lines[top].replace("skills: [", "skills: [B1, ")
        file.write_text("".join(lines), encoding="utf-8")
    broken = loaded(copy)
    assert added(practice_per_skill, broken) == ["skill B2 has 3 practice questions; it needs 4"]


def test_a_skill_with_one_pre_test_item_fails(copy):
    c = loaded(copy)
    track = c.track("listing")
    a6 = [q for q in track.pre_test if q.skills == ("A6",)]
    assert len(a6) == 2
    edit(copy / "tracks" / "listing.yaml", "skills: [A6]", "skills: [A5]", after=f"id: {a6[0].id}\n")
    assert added(items_per_skill_in_tests, loaded(copy)) == ["listing pre_test: skill A6 has 1 items; it needs 2"]


def test_a_practice_question_copied_into_a_test_fails(copy, curriculum):
    lesson = curriculum.lessons["listing-title"]
    q = next(q for q in lesson.questions if q.type == "single_choice" and q.image is None)
    options = "".join(f"        - {{id: {o.id}, text: {o.text!r}}}\n" for o in q.options)
    item = (f"    - id: copied\n      type: single_choice\n      prompt: {q.prompt!r}\n"
            f"      skills: [{q.skills[0]}]\n      options:\n{options}"
            f"      answer: {q.answer}\n      explanation: Copied.\n")
    edit(copy / "tracks" / "listing.yaml", "  questions:\n", "  questions:\n" + item, after="post_test:")
    assert added(distinct_test_items, loaded(copy)) == [
        f"listing post_test copied is the practice question listing-title {q.id}"]


def test_a_post_test_item_equal_to_a_pre_test_item_fails(curriculum):
    track = curriculum.track("money")
    broken = dataclasses.replace(track, post_test=(*track.post_test, dataclasses.replace(track.pre_test[0], id="x")))
    c = dataclasses.replace(curriculum, tracks=[broken if t.id == "money" else t for t in curriculum.tracks])
    assert added(distinct_test_items, c) == [f"money post_test x is the pre_test item {track.pre_test[0].id}"]


def test_lessons_of_three_steps_or_nine_questions_fail(copy):
    file = copy / "money-reviews" / "lesson.yaml"
    c = loaded(copy)
    lesson = c.lessons["money-reviews"]
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("steps:"))
    steps = [i for i in range(start, len(lines)) if lines[i].startswith("  - text:")]
    del lines[steps[0]:steps[len(lesson.steps) - 3]]  # keep the last three steps
    file.write_text("".join(lines), encoding="utf-8")
    text = file.read_text(encoding="utf-8")
    first = text.index("  - id: q1")
    block = text[first:text.index("  - id:", first + 5)]
    extra = "".join(block.replace("id: q1", f"id: extra{n}", 1) for n in range(9 - len(lesson.questions)))
    file.write_text(text[:first] + extra + text[first:], encoding="utf-8")
    assert added(lesson_sizes, loaded(copy)) == ["money-reviews has 3 steps; it needs 4 to 8",
                                               "money-reviews has 9 questions; it needs 5 to 8"]


def _with_lesson(c: Curriculum, lesson: Lesson) -> Curriculum:
    return dataclasses.replace(c, lessons={**c.lessons, lesson.id: lesson})


def test_a_step_without_a_picture_or_description_fails(curriculum):
    lesson = curriculum.lessons["live-viewers"]
    steps = list(lesson.steps)
    steps[0] = dataclasses.replace(steps[0], image=None)
    steps[1] = dataclasses.replace(steps[1], image=dataclasses.replace(steps[1].image, alt=" "))
    c = _with_lesson(curriculum, dataclasses.replace(lesson, steps=tuple(steps)))
    assert added(illustrations, c) == ["live-viewers step 1 has no picture with a description",
                                "live-viewers step 2 has no picture with a description"]


def test_a_picture_option_without_a_picture_fails(curriculum):
    lesson = next(x for x in curriculum.lessons.values() if any(q.type == "picture_choice" for q in x.questions))
    i, q = next((i, q) for i, q in enumerate(lesson.questions) if q.type == "picture_choice")
    options = (dataclasses.replace(q.options[0], image=None), *q.options[1:])
    questions = list(lesson.questions)
    questions[i] = dataclasses.replace(q, options=options)
    c = _with_lesson(curriculum, dataclasses.replace(lesson, questions=tuple(questions)))
    assert added(illustrations, c) == [f"{lesson.id} {q.id} option {q.options[0].id} has no picture with a description"]


def _replace_question(c: Curriculum, qtype: str, **changes) -> tuple[Curriculum, str]:
    lesson = next(x for x in c.lessons.values() if any(q.type == qtype for q in x.questions))
    i, q = next((i, q) for i, q in enumerate(lesson.questions) if q.type == qtype)
    questions = list(lesson.questions)
    questions[i] = dataclasses.replace(q, **changes)
    return _with_lesson(c, dataclasses.replace(lesson, questions=tuple(questions))), f"{lesson.id} {q.id}"


def test_wrong_answers_fail(curriculum):
    c, where = _replace_question(curriculum, "single_choice", answer="zz")
    assert added(answers, c) == [f"{where}: the answer 'zz' is not exactly one of the options "
                          f"{[o.id for o in next(q for w, q in all_questions(c) if w == where).options]}"]
    c, where = _replace_question(curriculum, "multiple_choice", answer=())
    assert len(added(answers, c)) == 1 and "names no right option" in added(answers, c)[0]
    lesson = next(x for x in curriculum.lessons.values() if any(q.type == "multiple_choice" for q in x.questions))
    q = next(q for q in lesson.questions if q.type == "multiple_choice")
    c, where = _replace_question(curriculum, "multiple_choice", answer=tuple(o.id for o in q.options))
    assert added(answers, c) == [f"{where}: every option is right, so there is nothing to choose"]
    order = next(q for _, q in all_questions(curriculum) if q.type == "order")
    c, where = _replace_question(curriculum, "order", options=order.options[:2])
    assert added(answers, c) == [f"{where}: an order question needs at least 3 items, not 2"]
    c, where = _replace_question(curriculum, "single_choice")
    q = next(q for w, q in all_questions(c) if w == where)
    c, where = _replace_question(curriculum, "single_choice",
                                 options=(q.options[0], dataclasses.replace(q.options[1], text=q.options[0].text),
                                          *q.options[2:]))
    assert added(answers, c) == [f"{where}: two options have the same text"]


def test_a_numeric_question_without_a_written_tolerance_fails(copy):
    file = copy / "listing-price" / "lesson.yaml"
    edit(file, "    tolerance: 0\n", "")
    c = loaded(copy)
    q = next(q for q in c.lessons["listing-price"].questions if q.type == "numeric")
    assert c.lessons["listing-price"].questions and q.tolerance == 0  # the loader cannot tell
    assert added(numeric_units, c) == [f"listing-price/lesson.yaml {q.id}: `tolerance:` is not written"]
    edit(copy / "tracks" / "logistics.yaml", "      tolerance: 0\n", "")
    assert len(added(numeric_units, loaded(copy))) == 2


def test_a_long_english_sentence_fails(copy):
    long = "Put the name of the product first, then its weight, then where it grows and the year."
    edit(copy / "listing-title" / "lesson.yaml", "  - text: ", f"  - text: {long} ")
    assert added(english_sentences, loaded(copy)) == [f"listing-title/lesson.yaml: 17 words: {long[:-1]}"]
    # decimals do not end a sentence; a semicolon does
    assert EN_SENTENCE_END.split("It weighs 2.5 kg; pack it well.") == ["It weighs 2.5 kg", " pack it well", ""]


def test_a_missing_or_long_chinese_translation_fails(curriculum):
    catalog = zh_catalog()
    title = curriculum.lessons["money-reviews"].steps[0].text  # a text used once in the pack
    assert [text for _, text in source_texts(curriculum)].count(title) == 1
    before = zh_translated(curriculum, catalog), zh_sentences(curriculum, catalog)
    missing = {k: v for k, v in catalog.items() if k != title}
    assert [p for p in zh_translated(curriculum, missing) if p not in before[0]] == [
        f"money-reviews/lesson.yaml: no zh_CN translation of {title!r}"]
    wordy = {**catalog, title: "好评差评都要回，回的时候要有礼貌，不要和买家吵架生气。"}  # 23 characters
    assert len([p for p in zh_sentences(curriculum, wordy) if p not in before[1]]) == 1
    short = {**catalog, title: "好评差评都要回。回的时候要有礼貌，不要和买家吵架。"}
    assert zh_sentences(curriculum, short) == before[1]


@pytest.mark.parametrize("element", ['<text x="10" y="20">96110</text>', "<style>rect{fill:red}</style>",
                                     '<image href="photo.png" width="10" height="10"/>',
                                     '<mask id="m"><rect width="5" height="5"/></mask>',
                                     '<clipPath id="c"><rect width="5" height="5"/></clipPath>',
                                     '<filter id="f"/>', '<rect class="box" width="5" height="5"/>'])
def test_an_svg_with_words_or_effects_fails(copy, element):
    picture = copy / "money-reviews" / sorted(p.name for p in (copy / "money-reviews").glob("*.svg"))[0]
    edit(picture, "</svg>", element + "</svg>")
    problems = added(svg_elements, loaded(copy))
    assert len(problems) == 1 and problems[0].startswith(f"money-reviews/{picture.name}: ")
