"""Write the pseudo-locale en_XA (accented, ~40 % longer, in ⟦ ⟧) for both domains.

    python scripts/pseudo_locale.py [--out translations] [--extract]

From the templates in translations/ by default; with --extract, from templates made afresh from
the sources and lessons (the same pybabel extract as `make i18n`, into a temporary folder: the
templates in translations/ are not touched), so texts added since the last `make i18n` are
covered too. Writes OUT/en_XA/LC_MESSAGES/{ecom_trainer,lessons}.po and .mo; translations/en_XA/
is not committed. Run the program in it with ECOM_TRAINER_PSEUDO=1 (then tap the language
button, or --language en_XA). Without a written catalog the program makes it from the templates.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ecom_trainer.i18n import LESSONS_DOMAIN, UI_DOMAIN
from ecom_trainer.i18n.pseudo import PSEUDO_LANGUAGE, write_pseudo_po

ROOT = Path(__file__).resolve().parents[1]
# As the Makefile's `i18n` target: keep the two in step.
EXTRACT = {
    UI_DOMAIN: ["-F", "babel-ui.cfg", "-k", "_", "-k", "gettext", "-k", "ngettext:1,2", "-k", "N_",
                "--project=ecom-trainer", "src"],
    LESSONS_DOMAIN: ["-F", "babel-lessons.cfg", "--project=ecom-trainer-lessons", "lessons"],
}


def extract_templates(folder: Path) -> dict[str, Path]:
    """Fresh templates of both domains in `folder` (pybabel run from the project root)."""
    import os

    from babel.messages.frontend import CommandLineInterface

    templates = {}
    here = Path.cwd()
    os.chdir(ROOT)  # the mapping files and input folders are relative, as in the Makefile
    try:
        for domain, args in EXTRACT.items():
            target = folder / f"{domain}.pot"
            CommandLineInterface().run(["pybabel", "-q", "extract", *args[:-1], "-o", str(target), args[-1]])
            templates[domain] = target
    finally:
        os.chdir(here)
    return templates


def write_pseudo_locale(out: Path, templates: dict[str, Path]) -> dict[str, int]:
    """The .po and .mo of each domain under out/en_XA; returns the message count per domain."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    counts = {}
    for domain, template in templates.items():
        po = out / PSEUDO_LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
        counts[domain] = write_pseudo_po(template, po)
        with po.open("rb") as fh:
            catalog = read_po(fh)
        with po.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "translations")
    parser.add_argument("--extract", action="store_true", help="make the templates afresh first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.extract:
            templates = extract_templates(Path(tmp))
        else:
            templates = {d: ROOT / "translations" / f"{d}.pot" for d in (UI_DOMAIN, LESSONS_DOMAIN)}
        for domain, count in write_pseudo_locale(args.out, templates).items():
            print(f"{args.out / PSEUDO_LANGUAGE / 'LC_MESSAGES' / domain}.po: {count} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
