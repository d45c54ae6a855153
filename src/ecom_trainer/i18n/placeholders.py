"""Placeholders a translation must keep, checked by `ecom-trainer i18n check`.

UI text fills its blanks with str.format: "{done} of {total} lessons done". A translation that
misspells one ({dne}) would raise KeyError on the screen that shows it, and `pybabel compile`
does not look at {braces} (only at %-placeholders). So this check does, for every language:
a placeholder the English does not have is an error; one the translation leaves out is reported
too (the number or name would be missing on screen), except in plural forms, where a language
may say "one" without {n}.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecom_trainer.i18n import UI_DOMAIN
from ecom_trainer.paths import translations_dir

PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}(?!\})")


def names(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def placeholder_problems(folder: Path | None = None) -> list[str]:
    """One line per problem: 'fr ecom_trainer.po:57: {dne} is not in the English ...'."""
    from babel.messages.pofile import read_po

    folder = folder or translations_dir()
    problems = []
    for po in sorted(folder.glob(f"*/LC_MESSAGES/{UI_DOMAIN}.po")):
        language = po.parent.parent.name
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            plural = isinstance(message.id, tuple | list)
            sources = list(message.id) if plural else [message.id]
            strings = list(message.string) if plural else [message.string]
            allowed = set().union(*(names(s) for s in sources))
            where = f"{language} {po.name}:{message.lineno}"
            for text in filter(None, strings):
                if extra := names(text) - allowed:
                    problems.append(f"{where}: {_braces(extra)} is not in the English "
                                    f"{sources[0]!r}; the program would stop on that screen")
                elif not plural and (missing := allowed - names(text)):
                    problems.append(f"{where}: {_braces(missing)} of the English {sources[0]!r} "
                                    "is missing from the translation")
    return problems


def _braces(found: set[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(found))
