"""pmpath builds YAML data with its own resolver and constructor (yamlsafe),
for speed. They must read every document exactly as PyYAML's safe loader
does, or fall back to it."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmpath.errors import FileProblem
from pmpath.ladder import yamlsafe

ROOT = Path(__file__).parent.parent
CORPUS = [*sorted((ROOT / "tests" / "ladders").rglob("*.yaml")), ROOT / "data" / "roles.yaml"]

SNIPPETS = [
    "a: 1\nb: 0x1F\nc: 0o17\nd: 1_000\ne: 1:30\nf: -7\n",
    "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: ~\ng: null\nh:\n",
    "a: 1.5\nb: .inf\nc: -.Inf\nd: 6.8523015e+5\ne: 1e3\n",
    "a: 2024-01-01\nb: 2001-12-14t21:59:43.10-05:00\n",
    "a: '123'\nb: \"true\"\nc: !!str 12\nd: !!int '7'\ne: !!float 1\n",
    "- [a, b, {c: d}]\n- {x: [1, 2, [3, [4]]]}\n",
    "? complex\n: value\n1: one\n2.5: two\ntrue: yes\nnull: nothing\n",
    "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
    "a: !!set {x, y}\nb: !!omap [{k: 1}, {j: 2}]\nc: !!pairs [{k: 1}]\n",
    "a: !!binary aGVsbG8=\n",
    "=: value key\nplain: =\n",
    "a: |\n  literal\n  block\nb: >\n  folded\n  block\n",
    "",
    "just text\n",
    "[1, 2, 3]\n",
]


def _pyyaml(text: str) -> Any:
    """The document as PyYAML's own constructor builds it with pmpath's checked scalars."""
    loader = yamlsafe.SafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _same(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (1 == True == 1.0 in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (
            list(a) == list(b)
            and all(_same(k, kb) for k, kb in zip(a, b, strict=True))
            and all(_same(a[k], b[k]) for k in a)
        )
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return bool(b != b)
    return bool(a == b)


def _reads_as_pyyaml(text: str) -> None:
    try:
        expected = _pyyaml(text)
    except (yaml.YAMLError, FileProblem):  # what PyYAML refuses, pmpath refuses too
        with pytest.raises(FileProblem):
            yamlsafe.parse(text)
        return
    try:
        parsed = yamlsafe.parse(text)[0]
    except FileProblem as refused:  # only the guards PyYAML does not have
        assert any(guard in str(refused) for guard in ("expand", "refers to itself", "nested too deeply"))
        return
    assert _same(parsed, expected)


@pytest.mark.parametrize("text", SNIPPETS)
def test_snippets_read_as_pyyaml_reads_them(text: str) -> None:
    _reads_as_pyyaml(text)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_ladders_read_as_pyyaml_reads_them(path: Path) -> None:
    _reads_as_pyyaml(path.read_bytes().decode("utf-8", errors="replace"))


def test_the_fast_path_takes_plain_documents() -> None:
    """No merge keys or sets: the document is built without PyYAML's constructor."""
    calls: list[object] = []
    loader_class: Any = yamlsafe.SafeLoader
    real = loader_class.construct_document

    def counting(self: Any, node: Any) -> Any:
        calls.append(node)
        return real(self, node)

    loader_class.construct_document = counting
    try:
        data = yamlsafe.parse("roles:\n  - {id: a, title: A, level: 1, when: 2024-01-01}\n")[0]
    finally:
        loader_class.construct_document = real
    assert calls == []
    assert data == {"roles": [{"id": "a", "title": "A", "level": 1, "when": datetime.date(2024, 1, 1)}]}


def test_every_node_gets_the_tag_pyyaml_gives_it() -> None:
    for snippet in [*SNIPPETS, (ROOT / "data" / "roles.yaml").read_text(encoding="utf-8")]:
        try:
            ours = yaml.compose(snippet, Loader=yamlsafe.SafeLoader)
            theirs = yaml.compose(snippet, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            continue
        assert _tags(ours) == _tags(theirs), snippet


def _tags(node: yaml.Node | None) -> list[str]:
    found: list[str] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        found.append(current.tag)
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return found


def test_deep_nesting_is_refused_on_the_fast_path_with_its_line() -> None:
    text = "a: " + "[" * (yamlsafe.MAX_DEPTH + 5) + "]" * (yamlsafe.MAX_DEPTH + 5) + "\n"
    with pytest.raises(FileProblem) as refused:
        yamlsafe.parse(text)
    assert "nested too deeply" in refused.value.problem.message
    assert refused.value.problem.line == 1


def _paths(data: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path into the data, as problems name them, plus one that goes nowhere below each."""
    found = [prefix, (*prefix, "no-such-key"), (*prefix, 10_000)]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


LINE_CORPUS = [
    *SNIPPETS,
    "competencies:\n  null: 1\n  true: 2\n  0x2: 1\n  '3': x\n",
    "a: {[1, 2]: x, b: {c: 1}}\nd: [{e: f}, [g, {h: i}]]\n",
    "k: 1\nk: 2\nm:\n  - {k: 3}\n",
]


@pytest.mark.parametrize(
    "text",
    [
        *LINE_CORPUS,
        *(path.read_text(encoding="utf-8", errors="replace") for path in CORPUS if "bad" not in path.parts),
    ],
)
def test_lines_read_from_events_are_the_lines_of_the_node_tree(text: str) -> None:
    try:
        data = yamlsafe.parse(text)[0]
        root = yamlsafe.compose(text)
    except FileProblem:
        return
    paths = _paths(data)
    lines = yamlsafe._lines_from_events(text, paths)
    if lines is None:  # an alias: the node tree is composed to follow it
        assert "*" in text
        return
    for path in paths:
        assert yamlsafe._deepest(lines, path) == yamlsafe._line_of(root, path), path


def test_lines_are_found_without_composing_the_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A node tree costs a node and two marks per value: on a large file with
    one problem, the lines are read from events instead."""
    from pmpath.errors import Problem

    def refuse(text: str) -> None:
        raise AssertionError("composed")

    monkeypatch.setattr(yamlsafe, "compose", refuse)
    text = "roles:\n" + "".join(f"  - {{id: r{i}, title: R, level: 1}}\n" for i in range(100))
    located = yamlsafe.with_lines([Problem("x", ("roles", 42, "level"))], None, text)
    assert [p.line for p in located] == [44]


def test_an_ampersand_in_text_keeps_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only an alias needs PyYAML's composer; "R&D" in a title, or an anchor
    nothing refers to, does not."""
    calls: list[object] = []
    loader_class: Any = yamlsafe.SafeLoader
    real = loader_class.get_single_node

    def counting(self: Any) -> Any:
        calls.append(self)
        return real(self)

    loader_class.get_single_node = counting
    try:
        text = "title: R&D ladder\nroles: &all\n  - {id: a, title: P&L owner, level: 1}\n"
        assert yamlsafe.parse(text)[0]["title"] == "R&D ladder"
        assert calls == []
        assert yamlsafe.parse("a: &x 1\nb: *x\n")[0] == {"a": 1, "b": 1}
        assert len(calls) == 1
    finally:
        loader_class.get_single_node = real


def test_keys_written_twice_are_reported_once_as_written() -> None:
    """Compared as written, as the composed path does: `1` and `true` are two keys."""
    from pmpath.errors import Problem

    for text in ("a: 1\na: 2\n1: x\ntrue: y\n", "a: 1\na: 2\n1: x\ntrue: y\nm: !!set {p}\n"):
        found: list[Problem] = []
        yamlsafe.parse(text, found)
        assert [(p.message, p.line) for p in found] == [
            ("key 'a' appears twice in this mapping; the last one wins", 2)
        ], text


def test_lines_through_the_node_tree_name_each_key_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """An alias sends line lookup to the node tree; keys written as `0x10`
    are named by a YAML load each, once per file, not once per problem."""
    from pmpath.errors import Problem

    calls: list[object] = []
    real = yamlsafe._key_text

    def counting(key: Any) -> Any:
        calls.append(key)
        return real(key)

    monkeypatch.setattr(yamlsafe, "_key_text", counting)
    keys = 300
    text = "x-a: &a 1\nx-b: *a\nratings:\n" + "".join(f"  0x{i + 16:x}: 1\n" for i in range(keys))
    problems = [Problem("unknown", ("ratings", str(i + 16))) for i in range(keys)]
    located = yamlsafe.with_lines(problems, None, text)
    assert [p.line for p in located] == list(range(4, 4 + keys))
    assert len(calls) == keys
