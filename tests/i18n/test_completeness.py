"""`ecom-trainer i18n check`: every language per domain, English (the source language) included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from ecom_trainer.cli import _i18n_check
from ecom_trainer.i18n.completeness import english_sources

ROOT = Path(__file__).resolve().parents[2]
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def write_catalogs(folder: Path, ui: dict[str, str], lessons: dict[str, str]) -> None:
    """The two templates and their zh_CN catalogs (an empty translation: not translated)."""
    (folder / "zh_CN" / "LC_MESSAGES").mkdir(parents=True)
    for domain, table in (("ecom_trainer", ui), ("lessons", lessons)):
        template = "".join(f'msgid "{en}"\nmsgstr ""\n\n' for en in table)
        catalog = "".join(f'msgid "{en}"\nmsgstr "{zh}"\n\n' for en, zh in table.items())
        (folder / f"{domain}.pot").write_text(HEADER + template, encoding="utf-8")
        (folder / "zh_CN" / "LC_MESSAGES" / f"{domain}.po").write_text(HEADER + catalog, encoding="utf-8")


def check(tmp_path: Path, capsys, sources: dict[str, set]) -> tuple[int, list[str]]:
    code = _i18n_check(folder=tmp_path, sources=sources)
    return code, [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]


def test_english_is_complete_when_the_templates_hold_exactly_the_sources(tmp_path, capsys):
    write_catalogs(tmp_path, {"Home": "首页", "Listen": "听一听"}, {"Buyers see the photo first.": "买家先看照片。"})
    code, out = check(tmp_path, capsys, {"ecom_trainer": {"Home", "Listen"}, "lessons": {"Buyers see the photo first."}})
    assert code == 0
    assert [line.split()[:4] for line in out] == [["en", "ecom_trainer", "2/2", "100.0"], ["en", "lessons", "1/1", "100.0"],
                                                  ["zh_CN", "ecom_trainer", "2/2", "100.0"], ["zh_CN", "lessons", "1/1", "100.0"]]


def test_a_text_missing_from_a_template_or_left_in_it_fails(tmp_path, capsys):
    write_catalogs(tmp_path, {"Home": "首页", "Listen": "听一听"}, {"Buyers see the photo first.": "买家先看照片。"})
    code, out = check(tmp_path, capsys, {"ecom_trainer": {"Home", "Listen", "Back"}, "lessons": set()})
    assert code == 1
    assert out[0].startswith("en ecom_trainer 2/3 66.7 % <- must be 100 %")
    assert out[1].startswith("en lessons 0/1 0.0 % <- must be 100 %")
    assert "en ecom_trainer: not in the template yet: 'Back'" in out
    assert "en lessons: in the template, in no source: 'Buyers see the photo first.'" in out
    assert out[-1].startswith("Bring the templates up to date with `make i18n`")


def test_an_untranslated_zh_cn_text_fails(tmp_path, capsys):
    write_catalogs(tmp_path, {"Home": "首页", "Listen": ""}, {"Hello.": "你好。"})
    code, out = check(tmp_path, capsys, {"ecom_trainer": {"Home", "Listen"}, "lessons": {"Hello."}})
    assert code == 1 and "zh_CN ecom_trainer 1/2 50.0 % <- must be 100 %" in out


def test_the_english_sources_are_what_make_i18n_extracts(tmp_path, curriculum):
    """The check reads the program's strings as the Makefile's pybabel command does, plurals too."""
    pot = tmp_path / "ui.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel-ui.cfg", "-k", "_",
                    "-k", "gettext", "-k", "ngettext:1,2", "-k", "N_", "-o", str(pot), "src"],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    with pot.open("rb") as fh:
        extracted = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(fh) if m.id}
    sources = english_sources()
    assert sources["ecom_trainer"] == extracted
    assert "Listen" in extracted and any(isinstance(m, tuple) for m in extracted)
    assert curriculum.lessons["listing-title"].steps[0].text in sources["lessons"]


def test_the_lesson_templates_are_up_to_date(capsys):
    """Lesson authors keep the lessons template exact (scripts/add_translations.py); the program's
    template follows the lead's `make i18n`, so only its zh_CN share is asserted here."""
    _i18n_check()
    out = capsys.readouterr().out
    for row in ("en       lessons", "zh_CN    lessons", "zh_CN    ecom_trainer"):
        line = next(x for x in out.splitlines() if x.startswith(row))
        assert " 100.0 %" in line, line
