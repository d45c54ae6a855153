"""Start-up is budgeted (DESIGN: 1.3x a bare PySide6 window): the command line builds its full
parser only for commands, help or mistakes, and backups start just after the picker is shown.
Both must behave exactly as before."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest

from ecom_trainer import cli


def test_starting_the_program_needs_only_the_start_options(monkeypatch):
    built = []
    monkeypatch.setattr(argparse.ArgumentParser, "add_subparsers",
                        lambda self, **kw: built.append(kw) or pytest.fail("full parser built"))
    args = cli._parse(["--demo", "--db", "x.sqlite3", "--lang", "zh_CN", "--safe-mode"])
    assert (args.command, args.demo, str(args.db), args.language, args.safe_mode, args.smoke_test,
            args.lessons) == (None, True, "x.sqlite3", "zh_CN", True, False, None)
    assert cli._parse([]).command is None and built == []


@pytest.mark.parametrize("argv, command", [(["--db", "x.sqlite3", "backups"], "backups"),
                                           (["--demo", "lessons", "check"], "lessons"),
                                           (["--demo", "sync", "export", "b.zip"], "sync")])
def test_commands_still_reach_the_full_parser(argv, command):
    args = cli._parse(argv)
    assert args.command == command and (args.db is not None or args.demo)


def test_help_and_mistakes_come_from_the_full_parser(capsys):
    with pytest.raises(SystemExit) as helped:
        cli._parse(["--demo", "--help"])
    assert helped.value.code == 0 and "certificate" in capsys.readouterr().out  # the commands are listed
    for wrong in (["--db"], ["--l", "x"], ["--bogus"]):
        with pytest.raises(SystemExit) as refused:
            cli._parse(wrong)
        err = capsys.readouterr().err  # the usage names the commands: the full parser said it
        assert refused.value.code == 2 and "{lessons," in err and "error:" in err, wrong


def test_the_picker_comes_before_backups_and_backups_still_start(tmp_path):
    """Run the real program: when the picker is shown store.backup is not loaded yet; half a
    second later the running flag is set, and a clean quit clears it and backs up."""
    code = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ecom_trainer.app as app

def shown(application):
    print("at picker:", "ecom_trainer.store.backup" in sys.modules, flush=True)
    QTimer.singleShot(900, later)

def later():
    from ecom_trainer.store.settings import get_setting
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "conn"))
    print("later:", "ecom_trainer.store.backup" in sys.modules, get_setting(window.conn, app.RUNNING), flush=True)
    QApplication.instance().quit()

app._report_started = shown
from ecom_trainer.cli import main
sys.exit(main(["--demo"]))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ECOM_TRAINER_DATA=str(tmp_path),
               ECOM_TRAINER_EXIT_AFTER_START="1")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "at picker: False" in done.stdout and "later: True 1" in done.stdout, done.stdout
    from ecom_trainer.store.db import open_database
    from ecom_trainer.store.settings import get_setting

    conn = open_database(tmp_path / "demo.sqlite3")
    assert get_setting(conn, "running") == "0"  # a clean quit
    assert list((tmp_path / "backups").glob("demo-*.sqlite3"))  # the first start's changes are kept


def test_changes_made_while_the_picker_came_up_are_backed_up_at_close(qtbot, tmp_path):
    from PySide6.QtCore import QObject, Signal

    from ecom_trainer.app import RUNNING, start_backups
    from ecom_trainer.store.backup import backup_dir
    from ecom_trainer.store.db import open_database
    from ecom_trainer.store.settings import get_setting, set_setting

    class FakeApp(QObject):
        aboutToQuit = Signal()

    class FakeWindow(QObject):
        database_replaced = Signal(object)

    db_path = tmp_path / "centre.sqlite3"
    conn = open_database(db_path)
    before = conn.total_changes
    set_setting(conn, "language", "zh_CN")  # the first start stores the system's language
    (backup_dir(db_path)).mkdir()
    (backup_dir(db_path) / "centre-20250101-000000.sqlite3").write_bytes(b"")  # not a new PC
    fake_app, window = FakeApp(), FakeWindow()
    window.conn = conn
    auto = start_backups(fake_app, window, db_path, before)
    assert auto.changed()
    qtbot.waitUntil(lambda: get_setting(conn, RUNNING) == "1", timeout=3000)
    fake_app.aboutToQuit.emit()
    assert get_setting(conn, RUNNING) == "0"
    made = [p for p in backup_dir(db_path).glob("centre-*.sqlite3") if p.stat().st_size]
    assert len(made) == 1
    other = open_database(tmp_path / "other.sqlite3")
    window.database_replaced.emit(other)
    assert auto.conn is other and not auto.changed()
