"""scripts/add_translations.py: one author's lesson texts into a catalog, older wordings out."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

from babel.messages.pofile import read_po

from ecom_trainer.content.extract import lesson_messages

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "add_translations.py"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def load_script(root: Path):
    spec = importlib.util.spec_from_file_location("add_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ROOT = root
    return module


def catalog(file: Path) -> dict[str, str]:
    with file.open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id}


def test_adds_the_lesson_and_takes_out_texts_no_lesson_has(pack, tmp_path, capsys):
    root = tmp_path / "repo"
    shutil.copytree(pack.root, root / "lessons")
    po = root / "translations" / "zh_CN" / "LC_MESSAGES" / "lessons.po"
    po.parent.mkdir(parents=True)
    (root / "translations" / "lessons.pot").write_text(HEADER + 'msgid "An older wording."\nmsgstr ""\n',
                                                       encoding="utf-8")
    po.write_text(HEADER + 'msgid "An older wording."\nmsgstr "旧的说法。"\n', encoding="utf-8")
    lesson = root / "lessons" / "photo"
    texts = lesson_messages((lesson / "lesson.yaml").read_text(encoding="utf-8"))
    table = tmp_path / "zh.json"
    table.write_text(json.dumps({t: "译" + t for t in texts[1:]}), encoding="utf-8")
    script = load_script(root)

    assert script.main(["zh_CN", str(table), str(lesson)]) == 1  # one text has no translation
    assert texts[0] in capsys.readouterr().out
    assert catalog(po) == {"An older wording.": "旧的说法。"}  # nothing written

    table.write_text(json.dumps({t: "译" + t for t in texts}), encoding="utf-8")
    assert script.main(["zh_CN", str(table), str(lesson)]) == 0
    assert "took out 1 text(s) no lesson has any more" in capsys.readouterr().out
    assert catalog(po) == {t: "译" + t for t in texts}
    assert set(catalog(root / "translations" / "lessons.pot")) == set(texts)
