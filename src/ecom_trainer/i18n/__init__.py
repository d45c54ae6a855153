"""Languages, through Babel and gettext. Plain Python: no Qt here.

UI text uses the `ecom_trainer` domain, lesson text the `lessons` domain. The active language is
module state, switched by `set_language`; call `gettext` at the moment text is shown, never at
import time, so a switch takes effect on the next screen.

Import as `from ecom_trainer.i18n import gettext as _` where a module needs it; nothing is
installed into builtins.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ecom_trainer.paths import translations_dir

if TYPE_CHECKING:  # datetime is not needed to show the picker
    from datetime import date, datetime

UI_DOMAIN = "ecom_trainer"
LESSONS_DOMAIN = "lessons"
DEFAULT_LANGUAGE = "en"
RIGHT_TO_LEFT = {"ar", "fa", "he", "ug", "ur"}
# Each language named in its own words, so anyone can find theirs on a button.
NATIVE_NAMES = {"en": "English", "zh_CN": "中文", "ug": "ئۇيغۇرچە", "en_XA": "⟦Ƥšéûđö⟧"}
# The pseudo-locale (i18n/pseudo.py, imported only when it is used: not on the way to the picker)
PSEUDO_LANGUAGE = "en_XA"
PSEUDO_ENV = "ECOM_TRAINER_PSEUDO"


def native_name(code: str) -> str:
    return NATIVE_NAMES.get(code, code)


class _State:
    language = DEFAULT_LANGUAGE
    ui: _gettext.NullTranslations = _gettext.NullTranslations()
    lessons: _gettext.NullTranslations = _gettext.NullTranslations()


_state = _State()


def available_languages(folder: Path | None = None) -> list[str]:
    """Languages that have a UI catalog, English first (it is the source language). The
    pseudo-locale only when ECOM_TRAINER_PSEUDO=1 (it is made from the templates)."""
    folder = folder or translations_dir()
    found = {p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{UI_DOMAIN}.po")}
    found.add(DEFAULT_LANGUAGE)
    found.discard(PSEUDO_LANGUAGE)
    if os.environ.get(PSEUDO_ENV, "") == "1":  # developers and tests only
        found.add(PSEUDO_LANGUAGE)
    return sorted(found, key=lambda code: (code != DEFAULT_LANGUAGE, code))


def match_language(wanted: str, available: list[str]) -> str:
    """Best available code for a POSIX-style locale name: zh_CN.UTF-8 -> zh_CN, zh_SG -> zh_CN."""
    code = wanted.split(".")[0].split("@")[0].replace("-", "_")
    if code in available:
        return code
    base = code.split("_")[0].lower()
    for candidate in available:
        if candidate.split("_")[0].lower() == base:
            return candidate
    return DEFAULT_LANGUAGE


def system_language(available: list[str] | None = None) -> str:
    available = available or available_languages()
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        for part in value.split(":"):
            if part and part not in ("C", "POSIX") and not part.startswith("C."):
                return match_language(part, available)
    import locale  # only at first start, when no language is stored yet

    lang = locale.getlocale()[0]
    return match_language(lang, available) if lang else DEFAULT_LANGUAGE


def _load(domain: str, language: str, folder: Path) -> _gettext.NullTranslations:
    mo = folder / language / "LC_MESSAGES" / f"{domain}.mo"
    po = mo.with_suffix(".po")
    if mo.is_file():
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.is_file():  # running from a checkout whose catalogs were not compiled yet
        return _compile_in_memory(po)
    template = folder / f"{domain}.pot"
    if language == PSEUDO_LANGUAGE and template.is_file():  # not written out: made from the template
        from ecom_trainer.i18n.pseudo import pseudo_translations

        return pseudo_translations(template)
    return _gettext.NullTranslations()


def _compile_in_memory(po: Path) -> _gettext.NullTranslations:
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def set_language(language: str, lesson_source_language: str = DEFAULT_LANGUAGE,
                 folder: Path | None = None, lesson_pack: Path | None = None) -> None:
    """Switch the language. Lesson text comes from the catalogs of the pack's own `translations/`
    folder (a trainer's pack carries its translations), then from the program's."""
    folder = folder or translations_dir()
    _state.language = language
    _state.ui = _load(UI_DOMAIN, language, folder)
    # Lesson text is written in the pack's source language: no catalog needed for it.
    if language == lesson_source_language:
        _state.lessons = _gettext.NullTranslations()
        return
    lessons = _load(LESSONS_DOMAIN, language, folder)
    if lesson_pack is not None and (own := lesson_pack / "translations").is_dir():
        mine = _load(LESSONS_DOMAIN, language, own)
        mine.add_fallback(lessons)
        lessons = mine
    _state.lessons = lessons


def current_language() -> str:
    return _state.language


def is_right_to_left(language: str | None = None) -> bool:
    return (language or _state.language).split("_")[0] in RIGHT_TO_LEFT


def gettext(message: str) -> str:
    return _state.ui.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; translate it with gettext where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _state.ui.ngettext(singular, plural, n)


def lesson_text(message: str) -> str:
    """Translate a text field of a lesson pack (empty stays empty: gettext maps '' to the header)."""
    return _state.lessons.gettext(message) if message else message


# ---------------------------------------------------------------- formatting (Babel)
# babel.numbers/dates load locale data on first use; imported lazily to keep start-up fast.

@cache
def _babel_locale(language: str):  # -> babel.Locale
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def format_money(amount: float, currency: str = "CNY") -> str:
    """Money in the learner's language: ¥25.00 in zh_CN, CN¥25.00 in en."""
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale=_babel_locale(_state.language))


def format_number(value: float, max_decimals: int = 2) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0." + "#" * max_decimals if max_decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=_babel_locale(_state.language))


def parse_number(text: str) -> float:
    """Parse a number typed in the current language (accepts full-width digits too)."""
    from babel.numbers import NumberFormatError, parse_decimal

    text = text.strip().translate(_FULL_WIDTH)
    try:
        return float(parse_decimal(text, locale=_babel_locale(_state.language)))
    except NumberFormatError:
        return float(text)  # raises ValueError with the text when it really is not a number


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


def format_date(value: date | datetime, fmt: str = "medium") -> str:
    from babel.dates import format_date as _format_date

    return _format_date(value, format=fmt, locale=_babel_locale(_state.language))


def format_datetime_short(value: datetime) -> str:
    """A date and time in the learner's language and the computer's time zone."""
    from babel.dates import format_datetime

    return format_datetime(value.astimezone(), format="short", locale=_babel_locale(_state.language))
