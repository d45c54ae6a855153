"""Read YAML into plain values while remembering the line of every value.

PyYAML's composer gives nodes with positions; we turn them into dicts/lists/scalars and keep a
map from field path (a tuple of keys and indexes) to its 1-based line. Aliases are refused: a
lesson never needs them, and expanding them is how "billion laughs" files blow up memory.
"""

from __future__ import annotations

from pathlib import Path

import yaml

try:  # the C parser is ~5x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20

PathKey = tuple[str | int, ...]


class YamlError(Exception):
    def __init__(self, line: int, message: str) -> None:
        message = " ".join(message.split())  # a problem is reported as exactly one line
        super().__init__(message)
        self.line = line
        self.message = message


class Located:
    """Plain data from one YAML file plus the line of each field path."""

    def __init__(self, data: object, lines: dict[PathKey, int]) -> None:
        self.data = data
        self.lines = lines

    def line(self, path: PathKey) -> int:
        """The line of `path`, or of its nearest ancestor when the field is missing."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_yaml(file: Path) -> Located:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise YamlError(1, f"cannot read the file ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(1, f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(line, "the file is not UTF-8 text; save it as UTF-8") from None
    return parse_yaml(text)


def parse_yaml(text: str) -> Located:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(line, f"not valid YAML: {exc.problem or exc.context}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise YamlError(line, f"the text holds a control character (code {exc.character!r}) "
                              "that a lesson file may not contain") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"not valid YAML: {exc}") from None
    lines: dict[PathKey, int] = {}
    if node is None:
        return Located(None, {(): 1})
    data = _convert(node, (), lines, set())
    return Located(data, lines)


def _convert(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], seen: set[int]) -> object:
    if id(node) in seen:
        raise YamlError(node.start_mark.line + 1, "aliases (& and *) are not allowed")
    if len(path) > MAX_DEPTH:
        raise YamlError(node.start_mark.line + 1, f"nested deeper than {MAX_DEPTH} levels")
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_node.start_mark.line + 1, "a key must be a plain word")
            key = str(_scalar(key_node))
            key_line = key_node.start_mark.line + 1
            if key in result:
                raise YamlError(key_line, f"the key '{key}' appears twice")
            if id(value_node) in seen:
                raise YamlError(key_line, "aliases (& and *) are not allowed")
            result[key] = _convert(value_node, (*path, key), lines, seen)
            lines[(*path, key)] = key_line  # a field's line is its key's line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), lines, seen) for i, item in enumerate(node.value)]
    return _scalar(node)


_constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
yaml.constructor.SafeConstructor.__init__(_constructor)


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.Node) -> object:
    # Text is most of a lesson: take it as it is. Other tags (int, float, bool, null, and
    # quoted or tagged forms) are resolved exactly as safe_load would.
    if node.tag == _STR_TAG:
        return node.value
    try:
        return _constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise YamlError(node.start_mark.line + 1, f"not a valid value: {exc}") from None
