"""A tiny valid lesson pack written per test, which each test then breaks in one way."""

from __future__ import annotations

from pathlib import Path

import pytest

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
TRACK = """\
id: sell
title: Selling
skills:
  - {id: A1, name: Photo, description: Takes a good photo.}
  - {id: A2, name: Title, description: Writes a good title.}
lessons: [photo]
pre_test:
  questions:
    - {id: pre1, type: true_false, prompt: Daylight is good., skills: [A1], answer: true, explanation: It is.}
post_test:
  questions:
    - {id: post1, type: true_false, prompt: Dark rooms are good., skills: [A1], answer: false, explanation: No.}
"""
LESSON = """\
id: photo
track: sell
title: A good photo
summary: Why the photo matters.
skills: [A1]
steps:
  - text: Buyers see the photo first.
    image: pic.svg
    alt: A phone with a photo.
questions:
  - id: q1
    type: single_choice
    prompt: Which background?
    skills: [A1]
    options:
      - {id: a, text: White cloth}
      - {id: b, text: Busy table}
    answer: a
    explanation: Plain is best.
  - id: q2
    type: numeric
    prompt: How much?
    skills: [A1]
    unit: yuan
    answer: 14
    explanation: 8 + 3 x 2.
"""


class Pack:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "tracks").mkdir(parents=True)
        (root / "photo").mkdir()
        (root / "pack.yaml").write_text("format: 1\nsource_language: en\ntracks: [sell]\n")
        (root / "tracks" / "sell.yaml").write_text(TRACK)
        (root / "photo" / "lesson.yaml").write_text(LESSON)
        (root / "photo" / "pic.svg").write_text(SVG)

    @property
    def lesson(self) -> Path:
        return self.root / "photo" / "lesson.yaml"

    def edit_lesson(self, old: str, new: str) -> None:
        text = self.lesson.read_text()
        assert old in text, old
        self.lesson.write_text(text.replace(old, new, 1))


@pytest.fixture
def pack(tmp_path) -> Pack:
    return Pack(tmp_path / "pack")
