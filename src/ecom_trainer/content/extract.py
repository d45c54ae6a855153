"""A Babel extractor for lesson packs: every text a learner sees, with its line.

Registered in pyproject.toml as `ecom_trainer_lessons`; babel-lessons.cfg maps the lesson YAML
files to it, and `make i18n` runs `pybabel extract` with that mapping.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from ecom_trainer.content.fields import dotted
from ecom_trainer.content.yamlsource import PathKey, YamlError, parse_yaml

TRANSLATABLE = {"title", "summary", "text", "alt", "prompt", "explanation", "name", "description"}


def _walk(value: object, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in TRANSLATABLE and isinstance(item, str) and item.strip():
                yield (*path, key), item.strip()
            else:
                yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def extract_lessons(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: dict
) -> Iterator[tuple[int, None, str, list[str]]]:
    try:
        located = parse_yaml(fileobj.read().decode("utf-8"))
    except (YamlError, UnicodeDecodeError):
        return  # `lessons check` reports broken files; extraction just skips them
    owner = located.data.get("id", "") if isinstance(located.data, dict) else ""
    for path, text in _walk(located.data, ()):
        # The comment tells translators where the text stands: "listing-title: steps[2].text".
        yield located.line(path), None, text, [f"{owner}: {dotted(path)}"]


def lesson_messages(text: str) -> list[str]:
    """The translatable strings of one YAML text, in order (used by tests and `lessons stats`)."""
    return [t for _, t in _walk(parse_yaml(text).data, ())]
