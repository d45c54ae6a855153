"""Measure every kind of learner screen in both themes at 100, 150 and 200 % text, and print the
smallest text, the smallest main button and other target, and the lowest text contrast found.

    python scripts/measure_screens.py [--language zh_CN] [--problems]

Runs on a fresh demo database in a temporary folder, offscreen, at 1366 x 768.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ECOM_TRAINER_TTS_ENGINE", "mock")

from PySide6.QtWidgets import QApplication  # noqa: E402

from ecom_trainer.app import build_window  # noqa: E402
from ecom_trainer.content import load_curriculum  # noqa: E402
from ecom_trainer.paths import lessons_dir  # noqa: E402
from ecom_trainer.store.db import open_database  # noqa: E402
from ecom_trainer.store.demo import seed_demo  # noqa: E402
from ecom_trainer.store.settings import set_setting  # noqa: E402
from ecom_trainer.ui.audit import Audit, settle, tour  # noqa: E402


def measure(theme: str, scale: float, language: str) -> Audit:
    curriculum = load_curriculum(lessons_dir())
    audit = Audit(scale)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ECOM_TRAINER_DATA"] = str(Path(tmp) / "data")
        conn = open_database(Path(tmp) / "demo.sqlite3")
        seed_demo(conn, curriculum)
        set_setting(conn, "text_scale", str(scale))
        set_setting(conn, "theme", theme)
        window = build_window(conn, lambda: curriculum, language)
        window.resize(1366, 768)
        window.show()
        for where in tour(window, conn, curriculum):
            settle()
            audit.check(window.stack.currentWidget(), where)
        window.close()
        window.deleteLater()
        settle()
        conn.close()
    return audit


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--problems", action="store_true", help="list what falls short, if anything")
    args = parser.parse_args()
    QApplication.instance() or QApplication(sys.argv)
    print(f"learner screens in {args.language}, 1366 x 768; targets: the smaller side in px")
    print(f"{'theme':14} {'text':>5} {'min text':>9} {'min main button':>16} {'min other target':>17} "
          f"{'min contrast':>13} {'disabled':>9}")
    short = 0
    for theme in ("default", "high_contrast"):
        for scale in (1.0, 1.5, 2.0):
            audit = measure(theme, scale, args.language)
            disabled = f"{audit.minimum('disabled_contrast').value:.2f}" if audit.disabled_contrast else "-"
            print(f"{theme:14} {scale:>5.0%} {audit.minimum('font_pt').value:>6.1f} pt "
                  f"{audit.minimum('main_targets').value:>13.0f} px {audit.minimum('other_targets').value:>14.0f} px "
                  f"{audit.minimum('contrast').value:>10.2f}:1 {disabled:>7}:1")
            if args.problems:
                for name in ("font_pt", "main_targets", "other_targets", "contrast"):
                    print(f"    smallest {name}: {audit.minimum(name).where}")
                for problem in audit.problems:
                    print("    " + problem)
            short += len(audit.problems)
    return 1 if short else 0


if __name__ == "__main__":
    raise SystemExit(main())
