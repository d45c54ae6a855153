"""Add translations for some lesson files to a locale's `lessons` catalog.

    python scripts/add_translations.py zh_CN translations.json lessons/live-setup lessons/tracks/live.yaml

The JSON file maps each English source text to its translation. Every text the given lesson
files show a learner must be in it, or nothing is written and the missing texts are listed.
Only those files' messages are added, so a lesson another author is still writing cannot
leave the catalog below 100 %. Texts that no YAML file of lessons/ holds any more (an older
wording) are taken out of the template and the catalog, as `make i18n` would: every English text
in the template then comes from the lessons, which `ecom-trainer i18n check` verifies.
Run it under `flock /tmp/ecom-trainer-po.lock` when several authors work at once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from ecom_trainer.content.extract import _walk
from ecom_trainer.content.fields import dotted
from ecom_trainer.content.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def messages(paths: list[Path]) -> list[tuple[str, str, int, str]]:
    """(text, file relative to the repository, line, comment) for every translatable text."""
    found = []
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*.yaml")))]
    for file in files:
        located = parse_yaml(file.read_text(encoding="utf-8"))
        owner = located.data.get("id", "") if isinstance(located.data, dict) else ""
        rel = file.resolve().relative_to(ROOT).as_posix()
        for path, text in _walk(located.data, ()):
            found.append((text, rel, located.line(path), f"{owner}: {dotted(path)}"))
    return found


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    locale, table_file, *paths = argv
    table = json.loads(Path(table_file).read_text(encoding="utf-8"))
    found = messages([Path(p) for p in paths])
    missing = sorted({text for text, *_ in found if not str(table.get(text, "")).strip()})
    if missing:
        print(f"{len(missing)} texts have no translation in {table_file}:")
        for text in missing:
            print(f"  {text}")
        return 1
    current = {text for text, *_ in messages([ROOT / "lessons"])}
    pruned: set[str] = set()
    for name in ("lessons.pot", f"{locale}/LC_MESSAGES/lessons.po"):
        target = ROOT / "translations" / name
        with target.open("rb") as fh:
            catalog = read_po(fh)
        for old in [m.id for m in catalog if m.id and m.id not in current]:
            del catalog[old]
            pruned.add(old)
        for text, rel, line, comment in found:
            message = catalog.get(text)
            if message is None:
                catalog.add(text, "" if name.endswith(".pot") else table[text],
                            locations=[(rel, line)], auto_comments=[comment])
            else:
                if (rel, line) not in message.locations:
                    message.locations.append((rel, line))
                if not name.endswith(".pot"):
                    message.string = table[text]
                    message.flags.discard("fuzzy")
        with target.open("wb") as fh:
            write_po(fh, catalog)
    print(f"Added {len({t for t, *_ in found})} texts from {len(paths)} paths to {locale}"
          + (f"; took out {len(pruned)} text(s) no lesson has any more." if pruned else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
