"""Read YAML safely into plain Python values that remember where each node was.

PyYAML's ``load`` drops line numbers and silently keeps the last of two duplicate keys;
its ``compose`` keeps marks but recurses in C, so a deeply nested document crashes the
interpreter. Here we pull libyaml's *events* one by one with an explicit stack instead:

* every mapping becomes a :class:`MarkedMap` (a ``dict`` that also knows the line and
  column of each key and value), every sequence a :class:`MarkedList`;
* duplicate keys, aliases (the "billion laughs" bomb), explicit tags, nesting deeper than
  :data:`MAX_DEPTH`, oversize files and control characters (which a double-quoted escape
  such as ``"\\e"`` can make: escape sequences for the terminal of whoever reads the map) are
  problems reported with their location;
* nothing but ``str``, ``int``, ``float``, ``bool`` and ``None`` is ever constructed.

Plain scalars resolve as in YAML 1.2's core schema (``yes``/``no``/``on`` stay strings,
``2009-11-05`` stays a string); mapping keys are always strings.

A large map is mostly its ``claims:`` mapping, so :class:`YamlDocument` can hand out the
entries of chosen top-level mappings one at a time, as soon as each is read, instead of
keeping them in the tree: the loader converts each claim and drops it, and the marked
tree of a 100k-claim map never exists in memory at once.

Pulling events is also much faster than ``yaml.load`` (measured in ``bench/``), because
libyaml's tag resolution and node construction are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from pathlib import Path
from typing import Any, Protocol

import yaml

from argmap.errors import CONTROL_CHARACTER, CONTROL_HINT, Location, Problem, control_named

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "START",
    "Entry",
    "Mark",
    "MarkedList",
    "MarkedMap",
    "YamlDocument",
    "position",
    "read_text",
    "read_yaml",
    "read_yaml_text",
]

MAX_BYTES = 64 * 1024 * 1024
"""Largest map file read (64 MiB: a generated 100k-claim map is about 30 MiB)."""

MAX_DEPTH = 64
"""Deepest nesting read; an argument map needs about six levels."""


class Mark(Protocol):
    """Where a node starts, as libyaml reports it: a 0-based ``line`` and ``column``, and
    the ``index`` of its first character in the text.

    The reader keeps libyaml's own mark objects and leaves turning them into 1-based
    positions (:func:`position`) to whoever reports something: most marks of a map are
    never shown, and converting each of them was a third of the reader's own time.
    """

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...

    @property
    def index(self) -> int: ...


START: Mark = yaml.Mark("", 0, 0, 0, None, 0)  # no buffer: nothing to quote
"""The start of a file, for problems with the file as a whole."""


def position(mark: Mark) -> tuple[int, int]:
    """The 1-based (line, column) of ``mark``."""
    return mark.line + 1, mark.column + 1


Entry = tuple[str, Any, Mark, Mark]
"""One entry of a mapping: key, value, and the marks of the key and of the value."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?[0-9]+\Z|0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z"
    r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"
)
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER_START = frozenset("0123456789+-.")
_STR_TAGS = frozenset({"tag:yaml.org,2002:str", "!"})


class MarkedMap(dict[str, Any]):
    """A mapping read from YAML, with the position of the mapping, its keys and values."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark) -> None:  # dict.__new__ made it empty
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}


class MarkedList(list[Any]):
    """A sequence read from YAML, with the position of the sequence and of each item."""

    __slots__ = ("mark", "marks")

    def __init__(self, mark: Mark) -> None:  # list.__new__ made it empty
        self.mark = mark
        self.marks: list[Mark] = []


def _plain_scalar(value: str) -> Any:
    """Resolve a plain scalar as YAML 1.2's core schema does (quoted ones stay strings).

    Raises:
        ValueError: a whole number longer than Python converts (``sys.get_int_max_str_digits``).
    """
    if value in _WORDS:
        return _WORDS[value]
    if value[0] in _NUMBER_START:
        if _INT.match(value):
            return int(value, 0) if value[1:2] in ("o", "x") else int(value)
        if _FLOAT.match(value):
            return float(value.replace(".", "", 1) if value.lstrip("+-")[1:2].isalpha() else value)  # .inf, -.inf, .nan
    return value


class _Duplicate(str):
    """Sentinel key: the value that follows belongs to a duplicate key and is dropped."""


_DUPLICATE: str = _Duplicate("\0duplicate")

_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class YamlDocument:
    """One YAML document read from text: its value, and the problems that stopped or marred it.

    Use :meth:`entries` to read while taking the entries of some top-level mappings as
    they come; afterwards :attr:`root` holds the rest of the document (those mappings stay
    empty) and :attr:`problems` what was wrong. Once a problem is found no more entries are
    handed out, and a caller should discard what it made of the earlier ones.
    """

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.root: Any = None
        self.problems: list[Problem] = []
        self._complete = False  # whether the stream was read to its end

    def problem(self, code: str, message: str, mark: Mark, hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, Location(self.path, *position(mark)), hint=hint))

    def entries(self, split: Container[str] = ()) -> Iterator[Entry]:
        """Read the document, yielding each entry of the top-level mappings named in ``split``.

        While entries are handed out, :attr:`root` holds the top-level entries read so far.

        On a problem that stops reading (syntax, alias, tag, depth) :attr:`root` is ``None``;
        duplicate keys are reported and the first occurrence is kept.
        """
        self._complete = False
        loader = _Loader(self.text)
        try:
            yield from self._walk(loader.get_event, split)
        except yaml.MarkedYAMLError as err:
            self._syntax_problem(err)
        except yaml.YAMLError as err:  # reader errors (control characters) have no problem_mark
            self.problem("yaml-syntax", "invalid YAML: " + " ".join(str(err).split()), START)
        finally:
            loader.dispose()
        if not self._complete:  # stopped by a problem
            self.root = None

    def _walk(self, get_event: Any, split: Container[str]) -> Iterator[Entry]:
        # The open containers are a stack of (node, pending key) pairs; the innermost one
        # is held in locals. For a mapping, `key` is None while a key is awaited, else the
        # key whose value comes next (or _DUPLICATE to drop it). Lists have key None.
        # Scalars are most of the events, so their case comes first; `in_map` saves asking
        # the innermost node's class for each of them.
        stack: list[tuple[Any, Any]] = []
        node: Any = None  # the innermost open container
        in_map = False  # whether `node` is a MarkedMap
        key: Any = None  # str | None, but checked per event: kept loose for speed
        split_node: Any = None  # the top-level MarkedMap whose entries are yielded, once open
        documents = 0
        # libyaml refuses control characters written out; only a double-quoted escape
        # (\e, \x1b, \u009b) makes one, and most maps have no backslash at all
        escapes = "\\" in self.text
        while True:
            event = get_event()
            kind = event.__class__
            if kind is _SCALAR:
                mark = event.start_mark
                tag = event.tag
                if tag is not None and tag not in _STR_TAGS:
                    self._tag_problem(tag, mark)
                    return
                if escapes and event.style == '"' and (control := CONTROL_CHARACTER.search(event.value)):
                    self._control_problem(control.group(), mark)
                    return
                if key is None and in_map:  # a key: always text
                    key = event.value
                    if key in node.key_marks:
                        key = self._duplicate(node, key, mark)
                    else:
                        node.key_marks[key] = mark
                    continue
                value: Any = event.value
                # a plain scalar (libyaml sets `implicit` then) that may be other than text;
                # tested here, as most plain values are words and a call per value shows
                if tag is None and not event.style and (value in _WORDS or value[0] in _NUMBER_START):
                    try:
                        value = _plain_scalar(value)
                    except ValueError:  # more digits than Python converts: quadratic work, refused
                        self.problem("yaml-number", f"a number of {len(value):,} digits is too long", mark, "quote it if it is text; no number in a map needs so many digits")
                        return
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                mark = event.start_mark
                tag = event.tag
                if tag is not None and tag not in _STR_TAGS:
                    self._tag_problem(tag, mark)
                    return
                if len(stack) >= MAX_DEPTH:
                    self._depth_problem(mark)
                    return
                if in_map and key is None:
                    self.problem("yaml-key", "a mapping key must be plain text", mark, "write the key as a simple word")
                    return
                value = MarkedMap(mark) if kind is _MAPPING_START else MarkedList(mark)
                if node is None:  # the root is visible while it is read, for :meth:`entries`
                    self.root = value
                if len(stack) == 1 and kind is _MAPPING_START and key in split:
                    split_node = value
                stack.append((node, key))
                node, key, in_map = value, None, kind is _MAPPING_START
                continue
            elif kind in _ENDS:
                value = node
                mark = value.mark
                node, key = stack.pop()
                in_map = node.__class__ is MarkedMap
            elif kind is yaml.AliasEvent:
                self.problem("yaml-alias", f"YAML alias *{event.anchor} is not allowed", event.start_mark, "write the value out; aliases can blow a small file up to an enormous one")
                return
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem("yaml-documents", "more than one YAML document in the file", event.start_mark, "keep one map per file; remove the '---' line")
                    return
                continue
            elif kind is yaml.StreamEndEvent:
                self._complete = True
                return
            else:
                continue
            # a complete value: attach it to its parent
            if node is None:
                self.root = value
            elif not in_map:
                node.append(value)
                node.marks.append(mark)
            else:
                if node is split_node:
                    if not self.problems:
                        yield key, value, node.key_marks[key], mark
                elif key is not _DUPLICATE:
                    node[key] = value
                    node.value_marks[key] = mark
                key = None

    def _depth_problem(self, mark: Mark) -> None:
        self.problem("yaml-depth", f"nesting deeper than {MAX_DEPTH} levels", mark, "an argument map needs only a few levels; is this the right file?")

    def _control_problem(self, char: str, mark: Mark) -> None:
        self.problem("yaml-control", f"control character {control_named(char)} in a quoted string", mark, f"remove the escape that makes it: {CONTROL_HINT}")

    def _tag_problem(self, tag: str, mark: Mark) -> None:
        self.problem("yaml-tag", f"YAML tag {tag!r} is not allowed", mark, "remove the tag; maps hold plain text, numbers and lists")

    def _duplicate(self, node: MarkedMap, key: str, mark: Mark) -> str:
        """Report a key ``node`` already has; the sentinel returned makes its value dropped."""
        first = node.key_marks[key]
        self.problem("duplicate-key", f"duplicate key {key!r}", mark, f"first defined at line {first.line + 1}; YAML would silently keep only the last one")
        return _DUPLICATE

    def _syntax_problem(self, err: yaml.MarkedYAMLError) -> None:
        at = err.problem_mark or err.context_mark
        message = " ".join(str(err.problem or err.context or "invalid YAML").split())
        if "nesting depth" in message:  # libyaml 0.2.5+ stops at its own limit while scanning ahead of ours
            self._depth_problem(at or START)
            return
        at_tab = at is not None and self.text[at.index : at.index + 1] == "\t"
        hint = "YAML indents with spaces, never tabs" if at_tab or "tab" in message else "check the indentation and quoting here"
        self.problem("yaml-syntax", f"invalid YAML: {message}", at or START, hint)


def read_yaml_text(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document from ``text``; return its value and the problems found.

    On a problem that stops reading (syntax, alias, depth) the value is ``None``;
    duplicate keys are reported and the first occurrence is kept.
    """
    document = YamlDocument(text, path)
    for _ in document.entries():
        pass
    return document.root, document.problems


def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES, *, keep_bom: bool = False) -> tuple[str | None, list[Problem]]:
    """Read a map file's text: size limit and UTF-8 check; ``None`` and a problem if it fails.

    ``keep_bom`` keeps a byte-order mark as the text's first character, for formats whose
    offsets count it (brat standoff).
    """
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
        return data.decode("utf-8" if keep_bom else "utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Problem("file-encoding", f"not valid UTF-8 (byte 0x{data[err.start]:02x})", Location(where, line, column), hint="save the file as UTF-8")]


def read_yaml(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[Any, list[Problem]]:
    """Read a YAML file: size limit, UTF-8 check and :func:`read_yaml_text`."""
    text, problems = read_text(path, display, max_bytes)
    if text is None:
        return None, problems
    return read_yaml_text(text, display or str(path))
