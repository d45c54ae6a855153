"""The data folder is found without importing platformdirs on Linux (start-up time); it must
be exactly platformdirs' answer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs import user_data_dir

from ecom_trainer import paths


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut is for Linux")
@pytest.mark.parametrize("xdg, home", [
    (None, "/home/li"), ("", "/home/li"), ("/data/xdg", "/home/li"), ("/data/xdg/", "/home/li/"),
    ("//net/share", "/home/li"), ("/", "/home/li"), ("relative/xdg", "/home/li"), (None, "relative-home"),
    (None, None), ("   ", "/home/li"),
])
def test_the_same_folder_as_platformdirs(monkeypatch, xdg, home):
    monkeypatch.delenv("ECOM_TRAINER_DATA", raising=False)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    for name, value in (("XDG_DATA_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    expected = Path(user_data_dir(paths.APP_NAME, appauthor=False))
    assert paths.data_dir() == expected
    shortcut = paths._linux_data_dir()
    assert shortcut is None or shortcut == expected


def test_starting_does_not_import_platformdirs(tmp_path):
    import subprocess

    code = ("import sys; from ecom_trainer.paths import database_path; database_path(demo=True); "
            "print('platformdirs' in sys.modules)")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("False" if sys.platform.startswith("linux") else "True")
