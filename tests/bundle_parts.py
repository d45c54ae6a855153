"""Reading and writing a bundle's parts as rows of named fields, for tests that change them."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from ecom_trainer.sync.bundle import PARTS


def rows_of(name: str, data: bytes) -> list[dict]:
    """A part of format 2 (a JSON array per line) as dicts."""
    columns = PARTS[name][1]
    return [dict(zip(columns, json.loads(line), strict=True)) for line in data.decode().splitlines()]


def part_of(name: str, rows: list[dict]) -> bytes:
    """Dicts as a part of format 2, values in the manifest's column order."""
    columns = PARTS[name][1]
    return "".join(json.dumps([row[c] for c in columns], ensure_ascii=False) + "\n" for row in rows).encode()


def as_format_1(bundle: Path, target: Path) -> None:
    """The bundle as versions before format 2 wrote it: a JSON object per line, no column list."""
    with zipfile.ZipFile(bundle) as src:
        manifest = json.loads(src.read("manifest.json"))
        parts = {n: src.read(n) for n in src.namelist() if n != "manifest.json"}
    parts = {n: "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows_of(n, d)).encode()
             for n, d in parts.items()}
    manifest.pop("columns")
    manifest["format"] = 1
    manifest["parts"] = {n: hashlib.sha256(d).hexdigest() for n, d in parts.items()}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("manifest.json", json.dumps(manifest))
        for name, data in parts.items():
            dst.writestr(name, data)
