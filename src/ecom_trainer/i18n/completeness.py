"""How complete each catalog is: translated messages out of those in the template.

English is the source language of the program and of the bundled lessons, so it has no
catalogs: its texts are the templates' msgids. English is complete when a template holds exactly
the texts its sources hold now (the program's `_()`, `N_()` and `ngettext()` strings; every text
field of the lesson pack): a text missing from the template reaches no translator, so another
language's 100 % would not be true; a text the sources lost is a wording no screen shows.
`make i18n` (for lessons also scripts/add_translations.py) brings a template up to date.
"""

from __future__ import annotations

from pathlib import Path

from ecom_trainer.i18n import DEFAULT_LANGUAGE, LESSONS_DOMAIN, UI_DOMAIN
from ecom_trainer.paths import lessons_dir, translations_dir

# As the Makefile's `pybabel extract -k _ -k gettext -k ngettext:1,2 -k N_` (added to Babel's defaults).
UI_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def completeness(folder: Path | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    """{(language, domain): (translated, total)}; fuzzy entries do not count as translated."""
    from babel.messages.pofile import read_po

    folder = folder or translations_dir()
    result = {}
    for domain in (UI_DOMAIN, LESSONS_DOMAIN):
        for po in sorted(folder.glob(f"*/LC_MESSAGES/{domain}.po")):
            with po.open("rb") as fh:
                catalog = read_po(fh)
            messages = [m for m in catalog if m.id]
            done = sum(1 for m in messages if m.string and not m.fuzzy
                       and (all(m.string) if isinstance(m.string, tuple) else True))
            result[(po.parent.parent.name, domain)] = (done, len(messages))
    return result


def english_sources(package: Path | None = None, lessons: Path | None = None) -> dict[str, set]:
    """The English texts each domain's sources hold now; a plural is a (singular, plural) tuple.
    An empty set when the sources are not there (a frozen bundle keeps only bytecode)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    from ecom_trainer.content.extract import lesson_messages

    if package is None:
        import ecom_trainer

        package = Path(ecom_trainer.__file__).parent
    lessons = lessons or lessons_dir()
    keywords = {**DEFAULT_KEYWORDS, **UI_KEYWORDS}
    ui = {msg if isinstance(msg, str) else tuple(msg)
          for _file, _line, msg, _comments, _context in
          extract_from_dir(package, method_map=[("**.py", "python")], keywords=keywords)}
    texts: set = set()
    for file in sorted(lessons.rglob("*.yaml")):
        texts.update(lesson_messages(file.read_text(encoding="utf-8")))
    return {UI_DOMAIN: ui, LESSONS_DOMAIN: texts}


def source_language_check(folder: Path | None = None, sources: dict[str, set] | None = None
                          ) -> tuple[dict[tuple[str, str], tuple[int, int]], dict[str, list], dict[str, list]]:
    """English, per domain: (texts both in the template and in the sources, texts in either);
    the template's texts no source has any more (stale); the sources' texts the template lacks
    (new, so no translator sees them yet). Both lists are empty after `make i18n`."""
    from babel.messages.pofile import read_po

    folder = folder or translations_dir()
    sources = english_sources() if sources is None else sources
    result, stale, new = {}, {}, {}
    for domain in (UI_DOMAIN, LESSONS_DOMAIN):
        ids: set = set()  # a missing template holds no text
        if (template := folder / f"{domain}.pot").is_file():
            with template.open("rb") as fh:
                ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(fh) if m.id}
        stale[domain] = sorted(ids - sources[domain], key=str)
        new[domain] = sorted(sources[domain] - ids, key=str)
        result[(DEFAULT_LANGUAGE, domain)] = (len(ids & sources[domain]), len(ids | sources[domain]))
    return result, stale, new
