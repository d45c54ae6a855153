"""Media paths are checked with one lstat per part of the name where that is safe, else by full
resolution: the verdicts must equal those of resolving every path fully."""

from __future__ import annotations

import os

import pytest

from ecom_trainer.content.fields import IMAGE_SUFFIXES, FileChecker
from ecom_trainer.content.yamlsource import parse_yaml


def full_resolution(folder, value: str) -> str:
    """The verdict of the straightforward check (what media_path did before)."""
    target = (folder / value).resolve()
    if not target.is_relative_to(folder.resolve()):
        return "outside"
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return "suffix"
    if not target.is_file():
        return "missing"
    return str(target)


def checked(folder, value: str) -> str:
    checker = FileChecker(folder / "lesson.yaml", parse_yaml("image: x\n"))
    found = checker.media_path(value, ("image",), folder, IMAGE_SUFFIXES)
    if found is not None:
        assert not checker.problems
        return str(found)
    message = checker.problems[0].message
    return ("outside" if "outside" in message else "suffix" if "should be one of" in message
            else "missing" if "does not exist" in message else message)


@pytest.fixture
def lesson(tmp_path):
    folder = tmp_path / "pack" / "lesson"
    (folder / "images").mkdir(parents=True)
    (folder / "photo.svg").write_text("<svg/>")
    (folder / "images" / "box.PNG").write_text("png")
    (folder / "notes.txt").write_text("text")
    (folder / "folder.svg").mkdir()
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg/>")
    (folder / "inside-link.svg").symlink_to(folder / "photo.svg")
    (folder / "outside-link.svg").symlink_to(secret)
    (folder / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    return folder


VALUES = ["photo.svg", "./photo.svg", "images/box.PNG", "images//box.PNG", "images/../photo.svg",
          "../lesson/photo.svg", "../../secret.svg", "missing.svg", "images/missing.svg", "notes.txt",
          "folder.svg", "images", ".", "inside-link.svg", "outside-link.svg", "linked-dir/secret.svg",
          "photo.svg/more.svg"]


@pytest.mark.parametrize("value", VALUES)
def test_the_same_verdict_as_resolving_fully(lesson, value):
    assert checked(lesson, value) == full_resolution(lesson, value)


def test_the_verdicts_cover_every_case(lesson):
    verdicts = {full_resolution(lesson, v) for v in VALUES}
    assert {"outside", "suffix", "missing"} <= verdicts
    assert str(lesson.resolve() / "photo.svg") in verdicts and os.sep in str(lesson)
