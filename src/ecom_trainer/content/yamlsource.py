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


class _Composer(_Loader):  # type: ignore[misc,valid-type]
    """PyYAML's loader with the tag resolution it runs for every node (called from the C parser)
    cut to what safe loading uses: implicit resolvers by first character, no path resolvers.
    The same tags in less time (tests compare it with PyYAML's own)."""

    _implicit = _Loader.yaml_implicit_resolvers

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._implicit.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


# A PyYAML whose safe loader resolves in other ways too keeps its own resolver.
_COMPOSER = _Loader if None in _Loader.yaml_implicit_resolvers or _Loader.yaml_path_resolvers else _Composer

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
        node = yaml.compose(text, Loader=_COMPOSER)
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
    kind = type(node)
    if kind is _SCALAR:
        return _scalar(node)
    # Scalars below are taken in place, not by a call each: most of a lesson is text, and this
    # loop is a third of the time of loading a curriculum. Same values, lines and refusals.
    if kind is _MAPPING:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not _SCALAR:
                raise YamlError(key_node.start_mark.line + 1, "a key must be a plain word")
            key = key_node.value if key_node.tag == _STR_TAG else str(_scalar(key_node))
            key_line = key_node.start_mark.line + 1
            if key in result:
                raise YamlError(key_line, f"the key '{key}' appears twice")
            if id(value_node) in seen:
                raise YamlError(key_line, "aliases (& and *) are not allowed")
            sub = (*path, key)
            if type(value_node) is _SCALAR and len(sub) <= MAX_DEPTH:
                seen.add(id(value_node))
                result[key] = value_node.value if value_node.tag == _STR_TAG else _scalar(value_node)
            else:
                result[key] = _convert(value_node, sub, lines, seen)
            lines[sub] = key_line  # a field's line is its key's line
        return result
    items = []
    for i, item in enumerate(node.value):
        if type(item) is _SCALAR and id(item) not in seen and len(path) < MAX_DEPTH:
            seen.add(id(item))
            lines[(*path, i)] = item.start_mark.line + 1
            items.append(item.value if item.tag == _STR_TAG else _scalar(item))
        else:
            items.append(_convert(item, (*path, i), lines, seen))
    return items


_SCALAR, _MAPPING = yaml.ScalarNode, yaml.MappingNode
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
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date such as 2024-13-45
        raise YamlError(node.start_mark.line + 1, f"not a valid value: {exc}") from None
