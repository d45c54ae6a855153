"""The worked examples of docs/authoring.md and docs/authoring.zh_CN.md as real lesson packs.

A ```yaml block whose first line is `# file: PATH` is that file of the pack; a block whose first
line is `# question` is one more question at the end of the lesson file (which ends with
`questions:`). Every picture the files name is written as a small SVG.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = {"en": ROOT / "docs" / "authoring.md", "zh_CN": ROOT / "docs" / "authoring.zh_CN.md"}
PICTURE = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">'
           '<rect x="0" y="0" width="400" height="300" fill="#FFF8E1"/>'
           '<circle cx="200" cy="150" r="80" fill="#F9A825" stroke="#263238" stroke-width="6"/></svg>')


def yaml_blocks(doc: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.DOTALL)


def pack_from_doc(doc: Path, target: Path) -> Path:
    files: dict[str, str] = {}
    questions = []
    for block in yaml_blocks(doc):
        first, _, rest = block.partition("\n")
        if first.startswith("# file: "):
            files.setdefault(first.removeprefix("# file: ").strip(), rest)
        elif first == "# question":
            questions.append(rest)
    lesson = next(name for name in files if name.endswith("/lesson.yaml"))
    files[lesson] += "".join(questions)
    for name, text in files.items():
        file = target / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        for picture in re.findall(r"^\s*(?:image|icon): (\S+\.svg)$", text, re.MULTILINE):
            (file.parent / picture).parent.mkdir(parents=True, exist_ok=True)
            (file.parent / picture).write_text(PICTURE, encoding="utf-8")
    return target
