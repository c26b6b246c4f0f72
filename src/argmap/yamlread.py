"""Read YAML safely into plain Python values that remember where each node was.

PyYAML's ``load`` drops line numbers and silently keeps the last of two duplicate keys;
its ``compose`` keeps marks but recurses in C, so a deeply nested document crashes the
interpreter. Here we walk libyaml's *event* stream with an explicit stack instead:

* every mapping becomes a :class:`MarkedMap` (a ``dict`` that also knows the line and
  column of each key and value), every sequence a :class:`MarkedList`;
* duplicate keys, aliases (the "billion laughs" bomb), explicit tags, nesting deeper than
  :data:`MAX_DEPTH` and oversize files are problems reported with their location;
* nothing but ``str``, ``int``, ``float``, ``bool`` and ``None`` is ever constructed.

Plain scalars resolve as in YAML 1.2's core schema (``yes``/``no``/``on`` stay strings,
``2009-11-05`` stays a string); mapping keys are always strings.

Walking events is also much faster than ``yaml.load`` (measured in ``bench/``), because
libyaml's tag resolution and node construction are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from argmap.errors import Location, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "Mark",
    "MarkedList",
    "MarkedMap",
    "read_yaml",
    "read_yaml_text",
]

MAX_BYTES = 64 * 1024 * 1024
"""Largest map file read (64 MiB: a generated 100k-claim map is about 30 MiB)."""

MAX_DEPTH = 64
"""Deepest nesting read; an argument map needs about six levels."""

Mark = tuple[int, int]
"""A 1-based (line, column)."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z"
    r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_STR_TAGS = frozenset({"tag:yaml.org,2002:str", "!"})


class MarkedMap(dict[str, Any]):
    """A mapping read from YAML, with the position of the mapping, its keys and values."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}


class MarkedList(list[Any]):
    """A sequence read from YAML, with the position of the sequence and of each item."""

    __slots__ = ("mark", "marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.marks: list[Mark] = []


def _scalar(value: str, plain: bool) -> Any:
    """Resolve a scalar as YAML 1.2's core schema does (quoted scalars are strings)."""
    if not plain:
        return value
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(value):
            return int(value, 0) if value[1:2] in ("o", "x") else int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


def _mark(event: Any) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def read_yaml_text(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document from ``text``; return its value and the problems found.

    On a problem that stops reading (syntax, alias, depth) the value is ``None``;
    duplicate keys are reported and the first occurrence is kept.
    """
    problems: list[Problem] = []

    def problem(code: str, message: str, mark: Mark, hint: str | None = None) -> None:
        problems.append(Problem(code, message, Location(path, *mark), hint=hint))

    stack: list[Any] = []  # open containers
    pending_keys: list[str | None] = []  # per open mapping: the key awaiting its value
    root: Any = None
    documents = 0
    try:
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = _mark(event)
                tag = event.tag
                if tag is not None and tag not in _STR_TAGS:
                    problem("yaml-tag", f"YAML tag {tag!r} is not allowed", mark, "remove the tag; maps hold plain text, numbers and lists")
                    return None, problems
                if kind is yaml.ScalarEvent:
                    plain = event.implicit[0] and not event.style and tag is None
                    value: Any = _scalar(event.value, plain)
                else:
                    if len(stack) >= MAX_DEPTH:
                        problem("yaml-depth", f"nesting deeper than {MAX_DEPTH} levels", mark, "an argument map needs only a few levels; is this the right file?")
                        return None, problems
                    value = MarkedMap(mark) if kind is yaml.MappingStartEvent else MarkedList(mark)
                # attach the new node to its parent
                if not stack:
                    root = value
                else:
                    parent = stack[-1]
                    if type(parent) is MarkedList:
                        parent.append(value)
                        parent.marks.append(mark)
                    else:
                        key = pending_keys[-1]
                        if key is None:  # this node is a key
                            if kind is not yaml.ScalarEvent:
                                problem("yaml-key", "a mapping key must be plain text", mark, "write the key as a simple word")
                                return None, problems
                            key = event.value
                            if key in parent.key_marks:
                                first = parent.key_marks[key]
                                problem("duplicate-key", f"duplicate key {key!r}", mark, f"first defined at line {first[0]}; YAML would silently keep only the last one")
                                pending_keys[-1] = _DUPLICATE
                            else:
                                parent.key_marks[key] = mark
                                pending_keys[-1] = key
                        else:
                            if key is not _DUPLICATE:
                                parent[key] = value
                                parent.value_marks[key] = mark
                            pending_keys[-1] = None
                if kind is not yaml.ScalarEvent:
                    stack.append(value)
                    pending_keys.append(None)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                pending_keys.pop()
            elif kind is yaml.AliasEvent:
                problem("yaml-alias", f"YAML alias *{event.anchor} is not allowed", _mark(event), "write the value out; aliases can blow a small file up to an enormous one")
                return None, problems
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problem("yaml-documents", "more than one YAML document in the file", _mark(event), "keep one map per file; remove the '---' line")
                    return None, problems
    except yaml.MarkedYAMLError as err:
        at = err.problem_mark or err.context_mark
        where = (at.line + 1, at.column + 1) if at else (1, 1)
        message = " ".join(str(err.problem or err.context or "invalid YAML").split())
        at_tab = at is not None and text[at.index : at.index + 1] == "\t"
        hint = "YAML indents with spaces, never tabs" if at_tab or "tab" in message else "check the indentation and quoting here"
        problem("yaml-syntax", f"invalid YAML: {message}", where, hint)
        return None, problems
    except yaml.YAMLError as err:  # reader errors (control characters) have no problem_mark
        problem("yaml-syntax", "invalid YAML: " + " ".join(str(err).split()), (1, 1))
        return None, problems
    return root, problems


class _Duplicate(str):
    """Sentinel key: the value that follows belongs to a duplicate key and is dropped."""


_DUPLICATE: str = _Duplicate("\0duplicate")


def read_yaml(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[Any, list[Problem]]:
    """Read a YAML file: size limit, UTF-8 check and :func:`read_yaml_text`."""
    where = display or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [Problem("file-too-large", f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit", Location(where), hint="split the map into several files of one workspace, or raise --max-size")]
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem("file-unreadable", f"cannot read file: {err.strerror or err}", Location(where))]
    if b"\0" in data:
        return None, [Problem("file-binary", "file is binary, not YAML text", Location(where), hint="is this the right file?")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Problem("file-encoding", f"not valid UTF-8 (byte 0x{data[err.start]:02x})", Location(where, line, column), hint="save the file as UTF-8")]
    return read_yaml_text(text, where)
