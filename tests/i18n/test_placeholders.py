"""{placeholders} in translations: a misspelt one would stop the screen that shows it."""

from __future__ import annotations

import shutil
from pathlib import Path

from ecom_trainer.i18n.placeholders import names, placeholder_problems

ROOT = Path(__file__).resolve().parents[2]
CATALOG = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#, python-brace-format
msgid "{done} of {total} lessons done"
msgstr "{total} Lektionen, {done} fertig"

#, python-brace-format
msgid "Hello {name}"
msgstr "Hallo {nmae}"

#, python-brace-format
msgid "{count:d} answers"
msgstr "Antworten"

#, python-brace-format
msgid "Practice again: {n} question"
msgid_plural "Practice again: {n} questions"
msgstr[0] "Noch einmal: eine Frage"
msgstr[1] "Noch einmal: {n} Fragen"

#, fuzzy, python-brace-format
msgid "Back to {place}"
msgstr "Zurück nach {ort}"

msgid "Not translated yet {here}"
msgstr ""
'''


def test_names_are_the_fields_str_format_fills():
    assert names("{done} of {total:d}, {{literal}}") == {"done", "total"}


def test_misspelt_and_missing_placeholders_are_reported_with_their_line(tmp_path):
    po = tmp_path / "de" / "LC_MESSAGES" / "ecom_trainer.po"
    po.parent.mkdir(parents=True)
    po.write_text(CATALOG, encoding="utf-8")
    problems = placeholder_problems(tmp_path)
    assert len(problems) == 2, problems
    assert problems[0].startswith("de ecom_trainer.po:11: {nmae} is not in the English 'Hello {name}'")
    assert problems[1].startswith("de ecom_trainer.po:15: {count} of the English")


def test_the_shipped_catalogs_keep_every_placeholder():
    assert placeholder_problems() == []


def test_i18n_check_fails_on_a_misspelt_placeholder(tmp_path, monkeypatch, capsys):
    from ecom_trainer.cli import main

    (tmp_path / "translations").mkdir()
    shutil.copytree(ROOT / "translations" / "zh_CN", tmp_path / "translations" / "zh_CN",
                    ignore=shutil.ignore_patterns("*.mo"))
    po = tmp_path / "translations" / "zh_CN" / "LC_MESSAGES" / "ecom_trainer.po"
    text = po.read_text(encoding="utf-8")
    assert "{low}到{high}位数字" in text
    po.write_text(text.replace("{low}到{high}位数字", "{lo}到{high}位数字", 1), encoding="utf-8")
    monkeypatch.setenv("ECOM_TRAINER_ROOT", str(tmp_path))
    assert main(["i18n", "check"]) == 1
    assert "{lo} is not in the English" in capsys.readouterr().out
