"""app.py: --safe-mode (software rendering for old graphics drivers)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_safe_mode_sets_software_rendering_before_the_application_exists():
    code = """
import os
from ecom_trainer.app import use_software_rendering
from PySide6.QtCore import QCoreApplication, Qt
use_software_rendering()
app = QCoreApplication([])  # no warning: the attribute was set in time
print(os.environ["QT_OPENGL"], os.environ["QT_QUICK_BACKEND"],
      QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_UseSoftwareOpenGL))
"""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_OPENGL", "QT_QUICK_BACKEND")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["software", "software", "True"]
    assert "must be set before" not in done.stderr


def test_the_safe_mode_flag_starts_the_app_with_software_rendering(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ECOM_TRAINER_DATA=str(tmp_path))
    env.pop("QT_OPENGL", None)
    done = subprocess.run([sys.executable, "-m", "ecom_trainer", "--demo", "--safe-mode", "--smoke-test"],
                          capture_output=True, text=True, timeout=90, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rendering software (QT_OPENGL=software)" in done.stdout


def test_pyside_no_longer_reads_every_imported_module(tmp_path, monkeypatch):
    """PySide6's import hook read each new module's source looking for "PySide6" (~6 ms of the
    start-up); after skip_pyside_source_scan no source is read."""
    import importlib
    import inspect
    import sys

    import PySide6.QtCore  # noqa: F401 - installs the hook

    from ecom_trainer.app import skip_pyside_source_scan

    feature = sys.modules.get("shibokensupport.feature")
    assert feature is not None and callable(feature._mod_uses_pyside)
    skip_pyside_source_scan()
    (tmp_path / "fresh_module_for_the_hook.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    read = []
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or "")
    assert importlib.import_module("fresh_module_for_the_hook").VALUE == 1
    assert read == []


def test_a_plain_start_is_read_without_argparse():
    from ecom_trainer.cli import _start_options

    args = _start_options(["--demo", "--language=zh_CN", "--db", "x.sqlite3"])
    assert (args.demo, args.language, str(args.db), args.command) == (True, "zh_CN", "x.sqlite3", None)
    assert _start_options([]).demo is False
    for other in (["lessons", "check"], ["--db"], ["--help"], ["--demo=1"], ["--unknown"]):
        assert _start_options(other) is None  # argparse reads these, and explains mistakes


def test_garbage_collection_pauses_while_starting_and_runs_again_after(tmp_path):
    """Start-up runs with the cyclic collector off (it walked Qt's objects again and again); once
    the picker is up and the lessons load, it is on again, with start-up's objects frozen."""
    code = """
import gc, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ecom_trainer.app as app_module

def started(app):
    print("at the picker", gc.isenabled())
    def later():
        print("later", gc.isenabled(), gc.get_freeze_count() > 1000)
        app.quit()
    QTimer.singleShot(1500, later)

app_module._report_started = started
sys.argv = ["ecom-trainer", "--demo"]
from ecom_trainer.cli import main
code = main()
print("after", gc.isenabled(), code)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ECOM_TRAINER_DATA=str(tmp_path),
               ECOM_TRAINER_EXIT_AFTER_START="1")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["at the picker False", "later True True", "after True 0"]
