"""YAML, parsed safely. Imported only when a ladder has to be parsed: on an
installed copy, commands on the bundled ladder read the JSON made from it when
the wheel was built (bundled.py) and never import PyYAML.

Only safe constructors run (no `!!python/...` objects), and documents whose
aliases would expand far beyond their written size ("billion laughs") are
refused before anything walks them. Integers are bounded in length as they
are read, and data nested deeper than MAX_DEPTH is refused, so that nothing
later (formatting a number, encoding JSON) can fail on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from pmpath.errors import FileProblem, Problem

# An aliased document may expand to this many times its written size (a node
# counts one, plus the characters of a scalar), plus some slack for small
# files, before it is treated as an expansion bomb.
MAX_EXPANSION = 10
EXPANSION_SLACK = 10_000

# A ladder needs six levels of nesting (roles, a role, its ratings, one
# rating...). Deeper data is refused: JSON encoding and the pure-Python YAML
# composer recurse, and fail near 500-1000 levels. libyaml itself refuses
# 1000 levels while parsing, and the pure-Python composer's RecursionError is
# caught below, so the walk that enforces this bound never sees more.
MAX_DEPTH = 100
# Longer integer literals are refused before int() sees them: ladder numbers
# are small, and int() of thousands of digits fails or yields a number that
# cannot be printed.
MAX_INT_CHARS = 40

_Base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path_ = tuple[str | int, ...]


# The implicit resolvers by first character, each list followed by the
# wildcard ones, as BaseResolver.resolve reads them.
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(found + _Base.yaml_implicit_resolvers.get(None, []))
    for first, found in _Base.yaml_implicit_resolvers.items()
    if first is not None
}
_WILDCARD = tuple(_Base.yaml_implicit_resolvers.get(None, []))


class SafeLoader(_Base):  # type: ignore[misc]
    """The safe loader, with every scalar checked as it is built.

    PyYAML calls `resolve` once per node, from C too, and its generic version
    (which also serves path resolvers, which pmpath never registers) took
    almost half the composing time of a large ladder. These give the same
    tags for the resolvers SafeLoader has.
    """

    def resolve(self, kind: Any, value: str | None, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value is not None:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return str(tag)
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Only path resolvers need the path; there are none."""

    def ascend_resolver(self) -> None:
        """Only path resolvers need the path; there are none."""


_STR_TAG: str = SafeLoader.DEFAULT_SCALAR_TAG
_SEQ_TAG: str = SafeLoader.DEFAULT_SEQUENCE_TAG
_MAP_TAG: str = SafeLoader.DEFAULT_MAPPING_TAG
assert not SafeLoader.yaml_path_resolvers, "resolve() above assumes no path resolvers"


def _bounded_int(loader: Any, node: yaml.ScalarNode) -> Any:
    if len(node.value) > MAX_INT_CHARS:
        raise FileProblem(
            f"number with {len(node.value)} characters is too long; numbers in a ladder are small",
            node.start_mark.line + 1,
        )
    return _Base.construct_yaml_int(loader, node)


# PyYAML's constructors for explicitly tagged scalars (`!!bool maybe`,
# `!!int ""`, `!!timestamp x`) fail with whatever error the parsing code hits:
# ValueError, KeyError, IndexError, AttributeError. Each is caught here, where
# the value's line is known.
_SCALARS = {
    "bool": ("true or false", _Base.construct_yaml_bool),
    "int": ("a whole number", _bounded_int),
    "float": ("a number", _Base.construct_yaml_float),
    "timestamp": ("a date", _Base.construct_yaml_timestamp),
    "null": ("null", _Base.construct_yaml_null),
}


def _checked(kind: str, construct: Any) -> Any:
    def construct_checked(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError, OverflowError):
            value = node.value if len(node.value) <= 40 else node.value[:40] + "..."
            raise FileProblem(f"'{value}' cannot be read as {kind}", node.start_mark.line + 1) from None

    return construct_checked


for _tag, (_kind, _construct) in _SCALARS.items():
    SafeLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _checked(_kind, _construct))
# The checked constructors by tag, for the event reader.
_SCALAR_CONSTRUCTORS = {
    f"tag:yaml.org,2002:{tag}": SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{tag}"] for tag in _SCALARS
}


def parse(text: str, duplicates: list[Problem] | None = None) -> tuple[Any, yaml.Node | None]:
    """Parse YAML once, with safe constructors only. Returns the data and,
    when the document had to be composed (aliases, unusual tags), its node
    tree, to find lines with. With a `duplicates` list, keys written twice in
    one mapping are added to it."""
    try:
        found: list[Problem] | None = [] if duplicates is not None else None
        try:
            data = _from_events(text, found)
        except _Unusual:  # left to PyYAML, below
            pass
        else:
            if duplicates is not None and found:
                duplicates.extend(found)
            return data, None
        loader = SafeLoader(text)
        try:
            root = loader.get_single_node()
            data = _construct_document(loader, root)
        finally:
            loader.dispose()
        if duplicates is not None:
            duplicates.extend(duplicate_keys(root))
        return data, root
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        if "could not determine a constructor" in (error.problem or ""):
            raise FileProblem(
                f"refused YAML tag {_tag_of(error)}: only plain data "
                "(mappings, lists, text, numbers) is allowed",
                line,
            ) from None
        if "maximum nesting depth" in (error.problem or ""):  # libyaml's own bound
            raise FileProblem(f"YAML is nested too deeply (over {MAX_DEPTH} levels)", line) from None
        reason = error.problem or "invalid YAML"
        if error.context and error.context_mark and error.context_mark.line + 1 != line:
            reason += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        raise FileProblem(f"YAML syntax error: {reason}", line) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses, such as NUL
        line = text.count("\n", 0, error.position) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
        raise FileProblem(f"the file contains {character}, which YAML does not allow", line) from None
    except yaml.YAMLError as error:
        raise FileProblem(f"YAML error: {error}") from None
    except RecursionError:
        raise FileProblem(f"YAML is nested too deeply (over {MAX_DEPTH} levels)") from None


class _Unusual(Exception):
    """The document uses a YAML feature the fast constructor leaves to PyYAML."""


def _construct_document(loader: Any, root: yaml.Node | None) -> Any:
    """The data of a composed document, built by PyYAML once its aliases are
    known not to expand it far beyond its text."""
    if root is None:
        return None
    _refuse_expansion_bomb(root)
    data = loader.construct_document(root)
    if _too_deep(data):
        raise FileProblem(f"YAML is nested too deeply (over {MAX_DEPTH} levels)", _deep_line(root, ""))
    return data


_AWAITING_KEY: Any = object()


def _from_events(text: str, duplicates: list[Problem] | None) -> Any:
    """Plain data straight from the parser's events, for a document without
    anchors.

    Composing a node tree first, as PyYAML does, keeps a node and two marks
    per value alive until the end: on a 20 MB ladder, most of a 1.4 GB peak
    and half the time. Only the data is kept here; lines are looked up again
    only when there is a problem to report. Anything unusual (aliases, merge
    keys, `!!set`, keys that are lists...) raises _Unusual and is left to
    PyYAML's own constructor.
    """
    loader = SafeLoader(text)
    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None  # an empty file
        loader.get_event()  # the document's start
        resolve = loader.resolve
        # One frame per open collection: [the collection, its key while its value
        # is read, the keys written so far when duplicates are looked for].
        frames: list[list[Any]] = []
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag == _STR_TAG:
                    value = event.value
                else:
                    construct = _SCALAR_CONSTRUCTORS.get(tag)
                    if construct is None:  # a tag of its own, merge and value keys: PyYAML says what they are
                        raise _Unusual
                    # Called directly: PyYAML's construct_object would keep every node until the end.
                    value = construct(
                        loader, yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
                    )
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                mapping = kind is yaml.MappingStartEvent
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(yaml.MappingNode if mapping else yaml.SequenceNode, None, event.implicit)
                if tag != (_MAP_TAG if mapping else _SEQ_TAG):
                    raise _Unusual  # !!set, !!omap, !!pairs, or a tag of its own
                if frames and type(frames[-1][0]) is dict and frames[-1][1] is _AWAITING_KEY:
                    raise _Unusual  # a list or mapping used as a key
                if len(frames) >= MAX_DEPTH:
                    raise FileProblem(
                        f"YAML is nested too deeply (over {MAX_DEPTH} levels)", event.start_mark.line + 1
                    )
                written: set[str] | None = set() if mapping and duplicates is not None else None
                frames.append([{} if mapping else [], _AWAITING_KEY, written])
                continue
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                value = frames.pop()[0]
            elif kind is yaml.DocumentEndEvent:
                break
            else:  # an alias
                raise _Unusual
            if not frames:
                root = value
                continue
            frame = frames[-1]
            container = frame[0]
            if type(container) is list:
                container.append(value)
            elif frame[1] is _AWAITING_KEY:
                written = frame[2]
                if written is not None:  # keys compared as written, as the composed path does
                    if event.value in written:
                        duplicates.append(  # type: ignore[union-attr]
                            Problem(
                                f"key '{event.value}' appears twice in this mapping; the last one wins",
                                line=event.start_mark.line + 1,
                                warning=True,
                            )
                        )
                    written.add(event.value)
                frame[1] = value
            else:
                container[frame[1]] = value
                frame[1] = _AWAITING_KEY
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Unusual  # more than one document: PyYAML says so
        return root
    finally:
        loader.dispose()


_SEQUENCES = (list, tuple)  # tuples: the pairs of !!omap and !!pairs
_COLLECTIONS = (list, tuple, dict)


def _too_deep(data: Any) -> bool:
    """Whether lists and mappings nest more than MAX_DEPTH levels (aliases
    included: they can nest deeper than the text does). Iterative."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if type(value) is dict:
            value = value.values()
        elif type(value) not in _SEQUENCES:
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((item, depth + 1) for item in value if type(item) in _COLLECTIONS)
    return False


def _deep_line(root: yaml.Node | None, text: str) -> int | None:
    """The line of the first collection nested too deeply (only on error)."""
    stack = [(root or compose(text), 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.CollectionNode):
            if depth > MAX_DEPTH:
                return int(node.start_mark.line) + 1
            stack.extend((child, depth + 1) for child in reversed(list(_children(node))))
    return None


def _tag_of(error: yaml.MarkedYAMLError) -> str:
    found = re.search(r"tag '([^']*)'", str(error))
    return f"'{found.group(1).replace('tag:yaml.org,2002:', '!!')}'" if found else ""


def _refuse_expansion_bomb(root: yaml.Node) -> None:
    """Measure the document once aliases are expanded: each node counts one,
    plus the characters of a scalar, so that many aliases of one long text
    are measured as the text they would become."""
    written_size = 0
    expanded: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_stack.discard(key)
            expanded[key] = _own_size(node) + sum(expanded[id(child)] for child in _children(node))
            continue
        if key in expanded:
            continue
        if key in on_stack:
            line = node.start_mark.line + 1
            raise FileProblem("YAML alias refers to itself (a recursive structure)", line)
        written_size += _own_size(node)
        on_stack.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in expanded)
    limit = MAX_EXPANSION * written_size + EXPANSION_SLACK
    if expanded[id(root)] > limit:
        raise FileProblem(
            "YAML aliases expand to far more data than the file contains "
            "(an expansion bomb?); refusing to load it"
        )


def _own_size(node: yaml.Node) -> int:
    return 1 + len(node.value) if isinstance(node, yaml.ScalarNode) else 1


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value


def compose(text: str) -> yaml.Node | None:
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    return node


def duplicate_keys(root: yaml.Node | None) -> list[Problem]:
    """YAML keeps the last of two equal keys silently; say so. Only
    collections are walked (scalars hold no keys), each once even when
    aliases repeat it."""
    found: list[Problem] = []
    seen_nodes: set[int] = set()
    stack = [root] if isinstance(root, yaml.CollectionNode) else []
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:  # an alias: already checked
            continue
        seen_nodes.add(id(node))
        if type(node) is yaml.MappingNode:
            keys: set[str] = set()
            for key, value in node.value:
                if type(key) is yaml.ScalarNode:
                    if key.value in keys:
                        found.append(
                            Problem(
                                f"key '{key.value}' appears twice in this mapping; the last one wins",
                                line=key.start_mark.line + 1,
                                warning=True,
                            )
                        )
                    keys.add(key.value)
                else:
                    stack.append(key)
                if type(value) is not yaml.ScalarNode:
                    stack.append(value)
        else:
            stack.extend(child for child in node.value if type(child) is not yaml.ScalarNode)
    return found


def with_lines(problems: list[Problem], root: yaml.Node | None, text: str) -> list[Problem]:
    """Attach the line of each problem's value: from the node tree when there
    is one; else from the parser's events, which keeps memory flat however
    large the file (a document with aliases is composed, to follow them)."""
    lines = _lines_from_events(text, [p.path for p in problems if not p.line]) if root is None else None
    if lines is not None:
        located = [Problem(p.message, p.path, p.line or _deepest(lines, p.path), p.warning) for p in problems]
        return sorted(located, key=lambda p: p.line or 0)
    root = root or compose(text)
    if root is None:
        return problems
    index = _KeyIndex()
    located = [
        Problem(p.message, p.path, p.line or _line_of(root, p.path, index), p.warning) for p in problems
    ]
    return sorted(located, key=lambda p: p.line or 0)


def _deepest(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the value at `path`, or of the deepest part of it that exists."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _lines_from_events(text: str, paths: list[Path_]) -> dict[Path_, int] | None:
    """The first line of each value on the way to each of `paths`, read from
    the parser's events without building anything. Keys are named as the
    data names them (`0x2:` is "2"), as `_line_of` does. None when the
    document has an alias, which only the node tree can follow."""
    wanted = {path[:end] for path in paths for end in range(len(path) + 1)}
    lines: dict[Path_, int] = {}
    # One frame per open collection: [its path (None: not wanted), is a mapping,
    # next index of a list / the key whose value comes next (None: a key comes next)].
    frames: list[list[Any]] = []
    loader = SafeLoader(text)
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                frames.pop()
                continue
            if kind is yaml.AliasEvent:
                return None
            if kind not in (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent):
                continue
            path: Path_ | None = ()
            if frames:
                frame = frames[-1]
                if frame[1] and frame[2] is None:  # a key: it names the value that follows
                    # Naming a key costs a YAML load when it is not text: only in wanted mappings.
                    key = (
                        _event_key(loader, event)
                        if frame[0] is not None and kind is yaml.ScalarEvent
                        else None
                    )
                    frame[2] = _NO_KEY if key is None else key
                    if kind is not yaml.ScalarEvent:
                        frames.append(
                            [
                                None,
                                kind is yaml.MappingStartEvent,
                                None if kind is yaml.MappingStartEvent else 0,
                            ]
                        )
                    continue
                path = None if frame[0] is None or frame[2] is _NO_KEY else (*frame[0], frame[2])
                if frame[1]:
                    frame[2] = None
                else:
                    frame[2] += 1
            if path is not None and path in wanted:
                lines.setdefault(path, event.start_mark.line + 1)
            if kind is yaml.SequenceStartEvent:
                frames.append([path if path in wanted else None, False, 0])
            elif kind is yaml.MappingStartEvent:
                frames.append([path if path in wanted else None, True, None])
    except yaml.YAMLError:
        pass  # the file parsed before; lines found so far are kept
    finally:
        loader.dispose()
    return lines


_NO_KEY: Any = object()  # a key that is a list or mapping: nothing below it is wanted


def _event_key(loader: Any, event: yaml.ScalarEvent) -> str | None:
    """A scalar key as the data names it."""
    if event.style or not event.implicit[0]:
        return event.value  # quoted or tagged: text as written
    if loader.resolve(yaml.ScalarNode, event.value, event.implicit) == _STR_TAG:
        return event.value
    return _key_text(yaml.ScalarNode(_STR_TAG, event.value, None, None, ""))


def _key_text(key: yaml.Node) -> str | None:
    """A scalar key as the data names it: str() of its value."""
    if not isinstance(key, yaml.ScalarNode):
        return None
    try:
        return str(yaml.load(key.value, Loader=SafeLoader)) if not key.style else key.value
    except (yaml.YAMLError, FileProblem):
        return None


class _KeyIndex:
    """Each mapping's values by key, looked up for all the problems of a file
    (thousands, in a bad one): by the key as written, then by the key as the
    data names it (`0x2:` is "2"), each index built once, when first needed."""

    def __init__(self) -> None:
        self.written: dict[int, dict[str, yaml.Node]] = {}
        self.named: dict[int, dict[str | None, yaml.Node]] = {}

    def find(self, node: yaml.MappingNode, step: str) -> yaml.Node | None:
        written = self.written.get(id(node))
        if written is None:
            written = self.written[id(node)] = {}
            for key, value in node.value:
                written.setdefault(key.value, value)
        if step in written:
            return written[step]
        named = self.named.get(id(node))
        if named is None:  # a key written as `null`, `true` or `0x1` is named by its value
            named = self.named[id(node)] = {}
            for key, value in node.value:
                named.setdefault(_key_text(key), value)
        return named.get(step)


def _line_of(root: yaml.Node | None, path: Path_, index: _KeyIndex | None = None) -> int | None:
    index = index if index is not None else _KeyIndex()
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            match = index.find(node, step)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                break
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None
