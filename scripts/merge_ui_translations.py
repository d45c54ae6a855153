"""Bring the UI catalogs up to date and fill in translations collected as JSON files.

    python scripts/merge_ui_translations.py zh_CN a.json b.json ...

Extracts the `ecom_trainer` template from src/ (as `make i18n` does), updates the locale's
catalog from it, then sets each message found in the JSON files (English -> translation; a
list for plural forms). Prints the messages still untranslated; exits 1 when any are left.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    locale, *tables = argv
    pot = ROOT / "translations" / "ecom_trainer.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel-ui.cfg",
                    "-k", "_", "-k", "gettext", "-k", "ngettext:1,2", "-k", "N_", "--project=ecom-trainer",
                    "--copyright-holder=ecom-trainer developers", "-o", str(pot), "src"],
                   cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "update", "-i", str(pot), "-d",
                    "translations", "-D", "ecom_trainer", "-l", locale, "--ignore-obsolete"],
                   cwd=ROOT, check=True, capture_output=True)
    known: dict[str, object] = {}
    for table in tables:
        known.update(json.loads(Path(table).read_text(encoding="utf-8")))
    po_file = ROOT / "translations" / locale / "LC_MESSAGES" / "ecom_trainer.po"
    with po_file.open("rb") as fh:
        catalog = read_po(fh)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in known:
            value = known[key]
            if isinstance(message.id, tuple):
                forms = value if isinstance(value, list) else [value]
                message.string = tuple(forms[: catalog.num_plurals] + [forms[-1]] * (catalog.num_plurals - len(forms)))
            else:
                message.string = value[0] if isinstance(value, list) else value
            message.flags.discard("fuzzy")
        translated = all(message.string) if isinstance(message.string, tuple) else bool(message.string)
        if not translated or message.fuzzy:
            missing.append(key)
    with po_file.open("wb") as fh:
        write_po(fh, catalog)
    for key in missing:
        print(f"untranslated: {key!r}")
    print(f"{len(missing)} untranslated in {po_file.relative_to(ROOT)}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
