"""Where things are: bundled data (resources, lessons, translations) and the user's data."""

from __future__ import annotations

import os
import site
import sys
from functools import cache
from pathlib import Path

APP_NAME = "ecom-trainer"
WHEEL_DATA = "ecom_trainer"  # not "ecom-trainer": ~/.local/share/ecom-trainer holds the user's data


def project_root() -> Path:
    """The folder holding resources/, lessons/ and translations/.

    Order: $ECOM_TRAINER_ROOT; a frozen bundle; the source checkout (src layout); the data
    files of an installed wheel (<prefix>/share/ecom_trainer, see setup.py).
    """
    if env := os.environ.get("ECOM_TRAINER_ROOT"):
        return Path(env)
    return _installed_root()


@cache
def _installed_root() -> Path:
    """Found once per run: the answer cannot change while the program runs, and finding it
    (resolving this file's path, looking for folders) costs ~35 us, asked ~17 times before the
    picker is up (every icon, picture and catalog names its folder through it)."""
    if getattr(sys, "frozen", False):
        return frozen_root()
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "lessons").is_dir():
        return checkout
    for prefix in filter(None, (sys.prefix, site.USER_BASE)):  # pip install / pip install --user
        installed = Path(prefix) / "share" / WHEEL_DATA
        if (installed / "lessons").is_dir():
            return installed
    return checkout  # nothing found: the messages then name the checkout's folders


def frozen_root() -> Path:
    """PyInstaller unpacks data beside the code in sys._MEIPASS (one-folder: <app>/_internal);
    other freezers keep it next to the executable."""
    if bundle := getattr(sys, "_MEIPASS", None):
        return Path(bundle)
    return Path(sys.executable).resolve().parent


def resources_dir() -> Path:
    return project_root() / "resources"


def lessons_dir() -> Path:
    return project_root() / "lessons"


def translations_dir() -> Path:
    return project_root() / "translations"


def data_dir() -> Path:
    """The user's data folder; $ECOM_TRAINER_DATA overrides it (tests, portable installs)."""
    if env := os.environ.get("ECOM_TRAINER_DATA"):
        return Path(env)
    if found := _linux_data_dir():
        return found
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def _linux_data_dir() -> Path | None:
    """platformdirs' answer on a Linux desktop without importing it (~7 ms of the start-up
    budget: it pulls in tempfile and random). Anything unusual is left to platformdirs, and a
    test compares the two."""
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ:
        return None
    if (xdg := os.environ.get("XDG_DATA_HOME", "")).startswith("/"):
        return Path(xdg) / APP_NAME
    if xdg or not (home := os.environ.get("HOME", "")).startswith("/"):
        return None  # a relative XDG_DATA_HOME, or no usable HOME: platformdirs decides
    return Path(home) / ".local" / "share" / APP_NAME


def database_path(demo: bool = False) -> Path:
    return data_dir() / ("demo.sqlite3" if demo else "ecom-trainer.sqlite3")
