"""Where the bundled data is found: checkout, PyInstaller bundle, installed wheel, override."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ecom_trainer import paths

CHECKOUT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_override(monkeypatch):
    monkeypatch.delenv("ECOM_TRAINER_ROOT", raising=False)
    paths._installed_root.cache_clear()  # found once per run; these tests change the run
    yield
    paths._installed_root.cache_clear()


def test_the_folder_is_found_once_per_run(monkeypatch):
    assert paths.project_root() == CHECKOUT
    monkeypatch.setattr(paths, "__file__", "/nowhere/src/ecom_trainer/paths.py")
    assert paths.project_root() == CHECKOUT  # the answer cannot change while the program runs


def test_a_checkout_finds_its_own_folders():
    assert paths.project_root() == CHECKOUT
    assert (paths.lessons_dir() / "pack.yaml").is_file()
    assert (paths.resources_dir() / "icons" / "app.svg").is_file()


def test_a_pyinstaller_bundle_reads_data_from_meipass(monkeypatch, tmp_path):
    internal = tmp_path / "ecom-trainer" / "_internal"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    assert paths.project_root() == internal
    assert paths.lessons_dir() == internal / "lessons"
    assert paths.translations_dir() == internal / "translations"
    assert paths.resources_dir() == internal / "resources"


def test_a_frozen_program_without_meipass_looks_beside_the_executable(monkeypatch, tmp_path):
    program = tmp_path / "app" / "ecom-trainer.exe"
    program.parent.mkdir()
    program.touch()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert paths.project_root() == program.parent.resolve()


def test_the_environment_overrides_even_a_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    monkeypatch.setenv("ECOM_TRAINER_ROOT", str(tmp_path / "mine"))
    assert paths.project_root() == tmp_path / "mine"


def test_an_installed_wheel_finds_its_data_files_under_the_prefix(monkeypatch, tmp_path):
    """pip puts the wheel's data files in <prefix>/share/ecom_trainer (setup.py)."""
    site_packages = tmp_path / "venv" / "lib" / "python3.11" / "site-packages" / "ecom_trainer"
    site_packages.mkdir(parents=True)
    data = tmp_path / "venv" / "share" / "ecom_trainer"
    (data / "lessons").mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(site_packages / "paths.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    assert paths.project_root() == data


def test_the_data_folder_follows_the_environment_then_platformdirs(monkeypatch, tmp_path):
    monkeypatch.setenv("ECOM_TRAINER_DATA", str(tmp_path / "portable"))
    assert paths.database_path() == tmp_path / "portable" / "ecom-trainer.sqlite3"
    assert paths.database_path(demo=True) == tmp_path / "portable" / "demo.sqlite3"
    monkeypatch.delenv("ECOM_TRAINER_DATA")
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
        assert paths.data_dir() == tmp_path / "share" / "ecom-trainer"
    else:
        assert paths.data_dir().name == "ecom-trainer"
