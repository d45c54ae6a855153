"""A pack written in Chinese (the worked example of docs/authoring.zh_CN.md) on the learner's
screens: its own text in Chinese, and in English from the catalog the pack carries."""

from __future__ import annotations

import pytest

from ecom_trainer.app import build_window
from ecom_trainer.content import load_curriculum
from ecom_trainer.store.centre import set_up_centre
from ecom_trainer.store.learners import add_learner, list_learners
from tests.authoring_docs import DOCS, pack_from_doc

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


@pytest.mark.parametrize("language, expected", [("zh_CN", "大悟白果在网上好卖。先拍好照片，写好标题。"),
                                                ("en", "Dawu ginkgo nuts sell well online.")])
def test_the_lesson_player_shows_a_chinese_pack(qtbot, db, tmp_path, language, expected):
    pack = pack_from_doc(DOCS["zh_CN"], tmp_path / "pack")
    po = pack / "translations" / "en" / "LC_MESSAGES" / "lessons.po"
    po.parent.mkdir(parents=True)
    po.write_text(HEADER + 'msgid "大悟白果在网上好卖。先拍好照片，写好标题。"\n'
                  'msgstr "Dawu ginkgo nuts sell well online."\n', encoding="utf-8")
    curriculum = load_curriculum(pack)
    assert curriculum.problems == []
    set_up_centre(db, "大悟", "2468")
    add_learner(db, "陈翠花")
    window = build_window(db, lambda: curriculum, language)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.open_learner(list_learners(db)[0])
    window.open_track("baiguo")
    window.start_unit(window.session.lesson_unit("baiguo-shangjia"), 0)
    assert window.player.step_text.text() == expected
    window.start_unit(window.session.lesson_unit("baiguo-shangjia"), 1)
    assert window.player.step_text.text() == "主图白天拍，下面铺一块素色布。白果要占满画面。"  # not translated
