"""How complete each catalog is: translated messages out of those in the template."""

from __future__ import annotations

from pathlib import Path

from ecom_trainer.i18n import LESSONS_DOMAIN, UI_DOMAIN
from ecom_trainer.paths import translations_dir


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
