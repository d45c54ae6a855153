"""The pseudo-locale en_XA: every catalog text accented, about 40 % longer and wrapped in ⟦ ⟧.

A screen shown in it makes two mistakes visible at a glance: text that never went through a
catalog (plain English, outside the brackets) and layouts that break when a translation is
longer than the English. It is made from the templates (.pot), so it always covers every text
the program can translate; it is offered as a language only when ECOM_TRAINER_PSEUDO=1.
Plain Python (Babel), no Qt.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

# defined in i18n itself, which the picker imports without this module
from ecom_trainer.i18n import PSEUDO_ENV, PSEUDO_LANGUAGE

OPEN, CLOSE = "⟦", "⟧"

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# No ASCII letter survives: an English letter on a pseudo-locale screen never came through it.
_ACCENTED = "àƀçđéƒĝĥîĵķļɱñöƥʠŕšŧûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖƤǪŔŠŦÛṼŴẊÝŽ"
_ACCENTS = str.maketrans(_PLAIN, _ACCENTED)
# Kept exactly as written: {placeholders} (str.format), %(named)s and %s-style blanks, markup,
# entities and line breaks. A translation that changed them would stop the screen.
_KEEP = re.compile(r"\{[^{}]*\}|%\([^)]*\)[#0 +-]?\d*(?:\.\d+)?[a-zA-Z]|%[#0+-]?\d*(?:\.\d+)?[sdifrx%]"
                   r"|<[^<>]+>|&[a-zA-Z]+;|\n")
_PADDING = ("ļöŕéɱ", "îƥšûɱ", "đöļöŕ", "šîŧ", "àɱéŧ", "çöñšéç")
LONGER = 0.4


def pseudo(text: str) -> str:
    """'Hello, {name}!' -> '⟦Ĥéļļö, {name}! ļöŕéɱ⟧' (empty stays empty)."""
    if not text:
        return text
    out, visible, last = [], 0, 0
    for kept in _KEEP.finditer(text):
        plain = text[last:kept.start()]
        out.append(plain.translate(_ACCENTS))
        out.append(kept.group())
        visible += len(plain)
        last = kept.end()
    out.append(text[last:].translate(_ACCENTS))
    visible += len(text) - last
    return OPEN + "".join(out) + _padding(round(visible * LONGER)) + CLOSE


def _padding(length: int) -> str:
    """Words (so lines can still wrap) adding about `length` characters."""
    words: list[str] = []
    used = 0
    while used < length:
        word = _PADDING[len(words) % len(_PADDING)]
        words.append(word)
        used += len(word) + 1
    return "".join(" " + w for w in words)


def offered() -> bool:
    """Whether the pseudo-locale is listed among the languages (developers and tests only)."""
    return os.environ.get(PSEUDO_ENV, "") == "1"


def pseudo_catalog(template: Path, locale: str = PSEUDO_LANGUAGE):  # -> babel Catalog
    """A catalog with every message of `template` pseudo-translated (plural forms too)."""
    from babel.messages.pofile import read_po

    with template.open("rb") as fh:
        # Babel knows no en_XA: the header says English, whose two plural forms it shares.
        catalog = read_po(fh, locale="en")
    catalog.language_team = f"{PSEUDO_LANGUAGE} pseudo-locale (made from the template; do not translate)"
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            message.string = tuple(pseudo(form) for form in message.id)
        else:
            message.string = pseudo(message.id)
        message.flags.discard("fuzzy")
    catalog.fuzzy = False
    return catalog


def pseudo_translations(template: Path):  # -> gettext.GNUTranslations
    """The pseudo-locale of one domain, compiled in memory from its template."""
    import gettext

    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, pseudo_catalog(template))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def write_pseudo_po(template: Path, target: Path) -> int:
    """Write the pseudo-locale catalog of one domain; returns the number of messages."""
    from babel.messages.pofile import write_po

    catalog = pseudo_catalog(template)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as fh:
        write_po(fh, catalog, width=100)
    return sum(1 for m in catalog if m.id)
