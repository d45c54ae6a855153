"""Field-level checks for lesson-pack YAML: typed access to one file's values that records a
Problem (file, line, field path, words for an author) instead of raising."""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from ecom_trainer.content.model import Media, Problem
from ecom_trainer.content.yamlsource import Located, PathKey

LESSON_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
SKILL_ID = re.compile(r"^[A-Z][A-Z0-9_]{0,15}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
AUDIO_SUFFIXES = (".ogg", ".mp3", ".wav")
MAX_TEXT = 400
CHOICE_COUNTS = {"options": (2, 6), "items": (3, 6), "pairs": (2, 5)}



@lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    return folder.resolve()  # once per lesson folder, not once per picture


def _plain_target(folder: Path, value: str) -> tuple[Path, bool] | None:
    """(where `value` leads, whether that is a file) when it is named plainly: no "..", no link,
    every part there, so it cannot leave the folder. One lstat per part of `value`, where
    Path.resolve() takes one per part of the whole absolute path and then is_file() another:
    half the time of loading 500 lessons. None: resolve it fully."""
    parts = Path(value).parts
    if ".." in parts:
        return None
    base = here = str(_resolved(folder))
    mode = 0
    for part in parts:
        here = os.path.join(here, part)
        try:
            mode = os.lstat(here).st_mode
        except OSError:
            return None
        if stat.S_ISLNK(mode):
            return None
    if not here.startswith(base + os.sep):  # a drive in a part (C:) restarts a Windows path
        return None
    return Path(here), stat.S_ISREG(mode)


def dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class FileChecker:
    """Typed field access for one YAML file that records problems instead of raising."""

    def __init__(self, file: Path, located: Located) -> None:
        self.file = file
        self.src = located
        self.problems: list[Problem] = []

    def report(self, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.file, self.src.line(path), dotted(path), message))

    def mapping(self, value: object, path: PathKey, allowed: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.report(path, f"should be a set of fields (name: value), not {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.report((*path, key), f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})")
        return value

    def text(self, m: dict, key: str, path: PathKey, required: bool = True) -> str:
        value = m.get(key)
        if value is None:
            if required:
                self.report((*path, key), f"the field '{key}' is missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report((*path, key), f"should be text, not {_kind(value)}")
            return ""
        text = str(value).strip()
        if required and not text:
            self.report((*path, key), "is empty")
        elif len(text) > MAX_TEXT:
            self.report((*path, key), f"is {len(text)} characters long; keep it under {MAX_TEXT}")
        return text

    def ident(self, m: dict, key: str, path: PathKey, pattern: re.Pattern[str], hint: str) -> str:
        value = m.get(key)
        if value is None:
            self.report((*path, key), f"the field '{key}' is missing")
            return ""
        value = as_id(value)
        if not isinstance(value, str) or not pattern.match(value):
            self.report((*path, key), f"'{value}' is not a valid id ({hint})")
            return ""
        return value

    def seq(self, m: dict, key: str, path: PathKey, low: int, high: int) -> list:
        value = m.get(key)
        if value is None:
            self.report((*path, key), f"the field '{key}' is missing")
            return []
        if not isinstance(value, list):
            self.report((*path, key), f"should be a list, not {_kind(value)}")
            return []
        if not low <= len(value) <= high:
            self.report((*path, key), f"has {len(value)} entries; it needs {low} to {high}")
        return value

    def media_path(self, value: object, path: PathKey, folder: Path, suffixes: tuple[str, ...]) -> Path | None:
        if not isinstance(value, str) or not value.strip():
            self.report(path, "should be a file name")
            return None
        if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
            self.report(path, f"'{value}' must be a file in the same folder, not a full path")
            return None
        plain = _plain_target(folder, value)
        if plain is None:
            target = (folder / value).resolve()
            if not target.is_relative_to(_resolved(folder)):
                self.report(path, f"'{value}' points outside the folder {folder.name}/")
                return None
            is_file = target.is_file()
        else:
            target, is_file = plain
        if target.suffix.lower() not in suffixes:
            self.report(path, f"'{value}' should be one of: {', '.join(suffixes)}")
            return None
        if not is_file:
            self.report(path, f"the file '{value}' does not exist in {folder.name}/")
            return None
        return target

    def image(self, m: dict, path: PathKey, folder: Path, required: bool, key: str = "image") -> Media | None:
        if m.get(key) is None:
            if required:
                self.report((*path, key), f"the field '{key}' is missing (every one needs a picture)")
            return None
        found = self.media_path(m[key], (*path, key), folder, IMAGE_SUFFIXES)
        alt = self.text(m, "alt", path, required=True)
        return Media(found, alt) if found else None

    def skill_list(self, m: dict, path: PathKey, allowed: set[str]) -> tuple[str, ...]:
        skills = self.seq(m, "skills", path, 1, 10)
        out = []
        for i, skill in enumerate(skills):
            if not isinstance(skill, str) or skill not in allowed:
                choices = ", ".join(sorted(allowed)) or "none defined"
                self.report((*path, "skills", i), f"unknown skill '{skill}' (known here: {choices})")
            else:
                out.append(skill)
        return tuple(out)


def as_id(value: object) -> object:
    """`id: 1` and `answer: 2` are natural to write; YAML reads them as numbers. Ids are text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _kind(value: object) -> str:
    return {
        dict: "a set of fields",
        list: "a list",
        str: "text",
        bool: "yes/no",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


