"""Shared fixtures: a fresh database file per test, the bundled curriculum, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ECOM_TRAINER_TTS_ENGINE"] = "mock"  # speech-dispatcher hangs without an audio device

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from ecom_trainer import i18n  # noqa: E402
from ecom_trainer.content import load_curriculum  # noqa: E402
from ecom_trainer.paths import lessons_dir  # noqa: E402
from ecom_trainer.store.db import open_database  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("ECOM_TRAINER_DATA", str(tmp_path / "data"))
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def curriculum():
    loaded = load_curriculum(lessons_dir())
    assert not loaded.problems, "\n".join(map(str, loaded.problems))
    return loaded


@pytest.fixture
def db(tmp_path):
    conn = open_database(tmp_path / "test.sqlite3")
    yield conn
    conn.close()
