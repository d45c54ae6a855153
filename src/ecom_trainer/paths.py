"""Where things are: bundled data (resources, lessons, translations) and the user's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ecom-trainer"


def project_root() -> Path:
    """The folder holding resources/, lessons/ and translations/.

    Order: $ECOM_TRAINER_ROOT, a PyInstaller bundle, then the source checkout (src layout).
    """
    if env := os.environ.get("ECOM_TRAINER_ROOT"):
        return Path(env)
    if bundle := getattr(sys, "_MEIPASS", None):
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


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
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(demo: bool = False) -> Path:
    return data_dir() / ("demo.sqlite3" if demo else "ecom-trainer.sqlite3")
