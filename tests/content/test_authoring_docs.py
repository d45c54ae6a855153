"""The authoring guides tell the truth: their worked examples are lesson packs that pass the
check and keep the curriculum's rules, and a pack written in Chinese works end to end (loading,
the scaffold, statistics, extraction, and translations carried in the pack's own folder)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ecom_trainer import i18n
from ecom_trainer.content import load_curriculum
from ecom_trainer.content.authoring import new_lesson, track_stats
from ecom_trainer.content.extract import lesson_messages
from tests.authoring_docs import DOCS, ROOT, pack_from_doc
from tests.content.test_curriculum import (
    answers,
    english_sentences,
    lesson_sizes,
    numeric_units,
    zh_sentences,
)

PYBABEL = Path(sys.executable).parent / "pybabel"


@pytest.mark.parametrize("language", sorted(DOCS))
def test_the_worked_example_is_a_pack_that_passes_the_check(tmp_path, language):
    pack = load_curriculum(pack_from_doc(DOCS[language], tmp_path / "pack"))
    assert pack.problems == []
    assert pack.source_language == language
    (lesson,) = pack.lessons.values()
    assert sorted(q.type for q in lesson.questions) == sorted(
        ["single_choice", "multiple_choice", "true_false", "picture_choice", "order", "numeric", "match"])
    assert lesson_sizes(pack) == answers(pack) == numeric_units(pack) == []
    if language == "en":
        assert english_sentences(pack) == []
    else:  # Chinese as written: the catalog of a Chinese pack is the text itself
        texts = {t for f in pack.folder.rglob("*.yaml") for t in lesson_messages(f.read_text(encoding="utf-8"))}
        assert zh_sentences(pack, {t: t for t in texts}) == []


def test_the_guides_name_the_commands_and_the_readme_links_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in DOCS.values():
        text = doc.read_text(encoding="utf-8")
        for command in ("lessons new", "lessons check", "lessons stats", "--lessons", "source_language: zh_CN"):
            assert command in text, (doc.name, command)
        assert f"docs/{doc.name}" in readme


def test_a_chinese_pack_gets_chinese_scaffolds_and_is_measured_in_characters(tmp_path):
    pack = pack_from_doc(DOCS["zh_CN"], tmp_path / "pack")
    new_lesson(pack, "baiguo-baozhuang", "baiguo", "zh_CN")
    loaded = load_curriculum(pack)
    assert loaded.problems == []
    assert loaded.lessons["baiguo-baozhuang"].title == "新课"
    assert track_stats(loaded, loaded.tracks[0]).longest[1] == "characters"


def test_a_chinese_pack_shows_its_text_and_carries_its_english_translation(tmp_path):
    pack = pack_from_doc(DOCS["zh_CN"], tmp_path / "pack")
    title = load_curriculum(pack).lessons["baiguo-shangjia"].title
    i18n.set_language("zh_CN", "zh_CN", lesson_pack=pack)
    assert i18n.lesson_text(title) == "网上卖白果" and i18n.gettext("Listen") == "听一听"
    i18n.set_language("en", "zh_CN", lesson_pack=pack)
    assert i18n.lesson_text(title) == title  # no English yet: the text as written

    # The guide's commands: a template and an English catalog in the pack's own folder.
    own = pack / "translations"
    own.mkdir()
    subprocess.run([str(PYBABEL), "extract", "-F", "babel-lessons.cfg", "-o", str(own / "lessons.pot"), str(pack)],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    subprocess.run([str(PYBABEL), "init", "-i", str(own / "lessons.pot"), "-d", str(own), "-D", "lessons", "-l", "en"],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    po = own / "en" / "LC_MESSAGES" / "lessons.po"
    text = po.read_text(encoding="utf-8")
    entry = f'msgid "{title}"\nmsgstr ""'
    assert entry in text
    po.write_text(text.replace(entry, f'msgid "{title}"\nmsgstr "Selling ginkgo nuts online"'), encoding="utf-8")
    assert load_curriculum(pack).problems == []  # translations/ is not taken for a lesson folder
    i18n.set_language("en", "zh_CN", lesson_pack=pack)
    assert i18n.lesson_text(title) == "Selling ginkgo nuts online"
    i18n.set_language("zh_CN", "zh_CN", lesson_pack=pack)
    assert i18n.lesson_text(title) == title


def test_the_pack_catalog_comes_first_then_the_programs(tmp_path):
    program = tmp_path / "program"
    own = tmp_path / "pack" / "translations"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    for folder, entries in ((program, {"Tape": "胶带", "Box": "箱子"}), (own, {"Box": "纸箱"})):
        po = folder / "zh_CN" / "LC_MESSAGES" / "lessons.po"
        po.parent.mkdir(parents=True)
        po.write_text(header + "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in entries.items()), encoding="utf-8")
    i18n.set_language("zh_CN", "en", folder=program, lesson_pack=tmp_path / "pack")
    assert (i18n.lesson_text("Box"), i18n.lesson_text("Tape"), i18n.lesson_text("Bag")) == ("纸箱", "胶带", "Bag")
    i18n.set_language("zh_CN", "en", folder=program)  # the bundled pack has no folder of its own
    assert i18n.lesson_text("Box") == "箱子"
