import locale
from datetime import date

import pytest

from ecom_trainer import i18n
from ecom_trainer.content.extract import extract_lessons, lesson_messages
from ecom_trainer.paths import lessons_dir


def test_money_numbers_and_dates_follow_the_language():
    i18n.set_language("zh_CN")
    assert i18n.format_money(25) == "¥25.00"
    assert i18n.format_date(date(2026, 11, 29)) == "2026年11月29日"
    assert i18n.parse_number("１２.５") == 12.5
    i18n.set_language("en")
    assert i18n.format_money(25) == "CN¥25.00"
    assert i18n.format_number(1234.5) == "1,234.5"
    with pytest.raises(ValueError):
        i18n.parse_number("twelve")


def test_ui_and_lesson_text_switch_language(curriculum):
    title = curriculum.tracks[0].title
    i18n.set_language("zh_CN", curriculum.source_language)
    assert i18n.gettext("Listen") == "听一听"
    assert i18n.lesson_text(title) != title and i18n.lesson_text("") == ""
    i18n.set_language("en", curriculum.source_language)
    assert i18n.gettext("Listen") == "Listen" and i18n.lesson_text(title) == title


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"), ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
    ({"LANGUAGE": "fr:zh_CN", "LANG": "fr_FR.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "en_GB.UTF-8"}, "en"),
])
def test_system_language_at_first_start(monkeypatch, env, expected):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setattr(locale, "getlocale", lambda: (None, None))
    assert i18n.system_language(["en", "zh_CN"]) == expected


def test_right_to_left_languages():
    assert i18n.is_right_to_left("ug") and not i18n.is_right_to_left("zh_CN")


def test_extractor_yields_every_text_field_with_its_line():
    lesson = lessons_dir() / "listing-title" / "lesson.yaml"
    with lesson.open("rb") as fh:
        found = list(extract_lessons(fh, [], [], {}))
    texts = [text for _, _, text, _ in found]
    assert texts == lesson_messages(lesson.read_text())
    lines = lesson.read_text().splitlines()
    for line, _, text, comments in found:
        assert text.split()[0] in lines[line - 1] or text[:10] in " ".join(lines[line - 1:line + 3])
        assert comments[0].startswith("listing-title: ")
    assert "listing-title" not in texts  # ids are not translated


def test_missing_mo_falls_back_to_the_po(tmp_path):
    folder = tmp_path / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "ecom_trainer.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Home"\nmsgstr "首页"\n',
        encoding="utf-8")
    i18n.set_language("zh_CN", folder=tmp_path)
    assert i18n.gettext("Home") == "首页"
