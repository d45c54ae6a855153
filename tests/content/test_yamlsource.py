"""parse_yaml is tuned for speed (its own tag resolver, leaves taken in place): it must give
exactly what PyYAML's safe composer and the plain recursive conversion give, values, lines and
refusals alike."""

from __future__ import annotations

import pytest
import yaml

from ecom_trainer.content.yamlsource import MAX_DEPTH, YamlError, _scalar, parse_yaml
from ecom_trainer.paths import lessons_dir


def reference(text: str) -> tuple[object, dict] | tuple[int, str]:
    """The straightforward version: PyYAML's own resolver, one call per node."""
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return parse_error(text)
    lines: dict = {}
    if node is None:
        return None, {(): 1}

    def convert(node, path, seen):
        if id(node) in seen:
            raise YamlError(node.start_mark.line + 1, "aliases (& and *) are not allowed")
        if len(path) > MAX_DEPTH:
            raise YamlError(node.start_mark.line + 1, f"nested deeper than {MAX_DEPTH} levels")
        seen.add(id(node))
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError(key_node.start_mark.line + 1, "a key must be a plain word")
                key = str(_scalar(key_node))
                key_line = key_node.start_mark.line + 1
                if key in result:
                    raise YamlError(key_line, f"the key '{key}' appears twice")
                if id(value_node) in seen:
                    raise YamlError(key_line, "aliases (& and *) are not allowed")
                result[key] = convert(value_node, (*path, key), seen)
                lines[(*path, key)] = key_line
            return result
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, (*path, i), seen) for i, item in enumerate(node.value)]
        return _scalar(node)

    try:
        return convert(node, (), set()), lines
    except YamlError as exc:
        return exc.line, exc.message


def parse_error(text: str) -> tuple[int, str]:
    try:
        parse_yaml(text)
    except YamlError as exc:
        return exc.line, exc.message
    raise AssertionError("PyYAML refused it but parse_yaml did not")


def ours(text: str) -> tuple[object, dict] | tuple[int, str]:
    try:
        located = parse_yaml(text)
    except YamlError as exc:
        return exc.line, exc.message
    return located.data, located.lines


def nested(depth: int, leaf: str) -> str:
    text = ""
    for level in range(depth):
        text += "  " * level + f"k{level}:\n"
    return text + "  " * depth + leaf + "\n"


HOSTILE = {
    "every scalar kind": "a: yes\nb: No\nc: ~\nd: null\ne: 0x1F\nf: 1_000\ng: .5\nh: -.inf\ni: 2024-09-02\n"
                         "j: '007'\nk: !!str 12\nl: \"true\"\nm: =\nn: <<\no: ''\np:\n",
    "keys that are not text": "1: one\ntrue: yes\nnull: nothing\n2.5: half\n",
    "a list of mixed leaves": "xs: [1, two, 3.0, no, ~, [a, b], {c: d}]\n",
    "a scalar alias": "a: &x hello\nb: *x\n",
    "an alias in a list": "a: [&x hello, *x]\n",
    "a mapping alias": "a: &m {b: 1}\nc: *m\n",
    "duplicate keys": "a: 1\nb: 2\na: 3\n",
    "duplicate keys after conversion": "1: one\n'1': also one\n",
    "a mapping as a key": "? {a: b}\n: c\n",
    "a list as a key": "? [a]\n: c\n",
    "a bad timestamp": "a: 2024-13-45\n",
    "deep but allowed": nested(MAX_DEPTH - 1, "leaf: x"),
    "a leaf one too deep": nested(MAX_DEPTH, "leaf: x"),
    "a list leaf one too deep": nested(MAX_DEPTH - 1, "leaf: [x]"),
    "a list item at the limit": nested(MAX_DEPTH - 1, "leaf:\n" + "  " * MAX_DEPTH + "- x"),
    "a list item one too deep": nested(MAX_DEPTH, "leaf:\n" + "  " * (MAX_DEPTH + 1) + "- x"),
    "deeply nested lists": "a: " + "[" * 25 + "x" + "]" * 25 + "\n",
    "empty document": "",
    "only a scalar": "just text\n",
    "a top-level list": "- a\n- b: c\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_same_as_the_plain_version_on_odd_yaml(name):
    text = HOSTILE[name]
    assert ours(text) == reference(text)


def test_the_same_as_the_plain_version_on_every_bundled_file():
    files = sorted(lessons_dir().rglob("*.yaml"))
    assert len(files) > 20
    for file in files:
        text = file.read_text(encoding="utf-8")
        data, lines = ours(text)
        assert (data, lines) == reference(text), file
        assert data == yaml.safe_load(text), file


def test_an_impossible_date_is_named_not_raised(tmp_path):
    with pytest.raises(YamlError) as refused:
        parse_yaml("id: a\ntitle: 2024-13-45\n")
    assert refused.value.line == 2 and "month must be in 1..12" in refused.value.message
