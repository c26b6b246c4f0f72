"""The line structure of a map file: which lines hold which entry, without parsing the YAML.

Diffing and merging compare maps entry by entry (a claim, a speaker, a field of a claim),
and nearly every entry of two versions of a map is the same text. So instead of parsing
three 10k-claim files, an :class:`Outline` scans the lines once and finds, in each block
mapping, where every entry starts and ends; entries whose text is the same in both
versions are the same entry, and only the few that differ are parsed.

A block mapping's entry runs from its key line to the key line of the next entry, less
the blank lines and comments just before that key (at the entries' indentation or left
of it): those are the next entry's *gap*, which usually heads it ("# Letter 2"). Comments
indented as deep as the entry's own fields belong to the entry. Lines inside multi-line
flow collections, quoted scalars and block scalars are never taken for a key, whatever
their indentation (libyaml accepts continuation lines of flow scalars at any column).

Anything an outline cannot read safely — a quoted or complex key where an entry should
start, a tab, a second document — raises :class:`OutlineError`; the caller then falls
back to a whole-document method.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

__all__ = ["Block", "Outline", "OutlineError", "Span"]

BLANK, COMMENT, CONTENT, CONTINUED = 0, 1, 2, 3
"""Kinds of line: blank, a comment, content, and content that continues an earlier line."""

_KEY = re.compile(r"([A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*:(?=[ \t]|\r?\n|\Z)")
_SPECIAL = re.compile(r"[\"'\[{|>]")  # a line without these opens nothing multi-line
_FLOW = re.compile(r"[][{}\"'#]")
_VALUE = re.compile(r"(?:-(?:[ \t]+|(?=\r?\n|\Z)))*(?:([A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+|(?=\r?\n|\Z)))?")


class OutlineError(Exception):
    """The text is not laid out in a way an outline can read; use the whole document."""


class Span(NamedTuple):
    """One entry of a block mapping: its leading gap, key line and end (line indices).
    (A tuple: a block of 10k entries makes 10k of them, three times for a merge.)"""

    key: str
    gap: int  # first line of the blank lines and comments just before the key line
    start: int  # the key line
    end: int  # one past the entry's last line


@dataclass(frozen=True, slots=True)
class Block:
    """The entries of a block mapping of an :class:`Outline`, in file order."""

    outline: Outline
    indent: int
    begin: int  # the region the mapping occupies
    end: int
    entries: dict[str, Span]

    @property
    def tail(self) -> tuple[int, int]:
        """The blank lines and comments after the last entry, up to the region's end."""
        last = next(reversed(self.entries.values()), None)
        return (last.end if last else self.begin), self.end

    def text(self, key: str) -> str:
        """An entry's lines (without its gap)."""
        span = self.entries[key]
        return "".join(self.outline.lines[span.start : span.end])

    def gap(self, key: str) -> str:
        span = self.entries[key]
        return "".join(self.outline.lines[span.gap : span.start])

    def child(self, key: str) -> Block | None:
        """The block mapping that is the value of entry ``key``, or None if the value is
        something else (a scalar, a list, a flow mapping)."""
        value = self.value_line(key)
        if value and not value.startswith("#"):
            return None
        span = self.entries[key]
        return self.outline.block(span.start + 1, span.end, deeper_than=self.indent)

    def value_line(self, key: str) -> str:
        """What follows ``key:`` on the key line."""
        line = self.outline.lines[self.entries[key].start]
        match = _KEY.match(line, self.indent)
        return line[match.end() :].strip() if match else ""


class Outline:
    """The lines of a YAML text, each classified, and its block mappings on demand."""

    def __init__(self, text: str, memo: Memo | None = None) -> None:
        """Outline ``text``; outlines of versions of one map share a ``memo`` (made if None)."""
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.memo: Memo = {} if memo is None else memo
        self.kinds, self.indents, self.levels = _classify(self.lines, self.memo)
        self._blocks: dict[tuple[int, int, int], Block | None] = {}

    @cached_property
    def top(self) -> Block:
        """The document's top-level mapping."""
        found = self.block(0, len(self.lines), deeper_than=-1)
        if found is None or found.indent != 0:
            raise OutlineError("the document is not a block mapping at column 0")
        return found

    def section(self, key: str) -> Block | None:
        """The block mapping under top-level ``key`` (``claims``, ``sources``…), or None."""
        return self.top.child(key) if key in self.top.entries else None

    def block(self, begin: int, end: int, deeper_than: int) -> Block | None:
        """The block mapping in lines ``[begin, end)``, its keys indented more than
        ``deeper_than``; None when the lines hold a list (or nothing)."""
        found = self._blocks.get((begin, end, deeper_than), self)
        if found is self:
            found = self._blocks[begin, end, deeper_than] = self._block(begin, end, deeper_than)
        return found  # type: ignore[return-value]

    def _block(self, begin: int, end: int, deeper_than: int) -> Block | None:
        kinds, indents, lines, levels = self.kinds, self.indents, self.lines, self.levels
        first = next((n for n in range(begin, end) if kinds[n] == CONTENT), None)
        if first is None:
            return None
        indent = indents[first]
        if indent <= deeper_than:
            raise OutlineError(f"line {first + 1} is left of its parent")
        for level in range(deeper_than + 1, indent):  # nothing between the parent and the keys
            found = levels.get(level, ())
            at = bisect_left(found, begin)
            if at < len(found) and found[at] < end:
                raise OutlineError(f"line {found[at] + 1} is left of the entries around it")
        candidates = levels[indent]
        starts: list[tuple[str, int, int]] = []  # (key, gap, key line) of each entry
        key_match = _KEY.match

        def gap_before(number: int, floor: int) -> int:
            """The first of the blank lines and comments (at most as deep as the keys) just before ``number``."""
            while number > floor and (kinds[number - 1] == BLANK or (kinds[number - 1] == COMMENT and indents[number - 1] <= indent)):
                number -= 1
            return number

        for number in candidates[bisect_left(candidates, begin) : bisect_left(candidates, end)]:
            match = key_match(lines[number], indent)
            if match is None:
                if lines[number].startswith("-", indent):
                    if not starts:
                        return None  # a list, not a mapping
                    continue  # a list at its key's indentation: the key's value
                raise OutlineError(f"line {number + 1} is not a plain 'key:' line")
            starts.append((match.group(1), gap_before(number, starts[-1][2] + 1 if starts else begin), number))
        if not starts:
            return None
        entries: dict[str, Span] = {}
        last = gap_before(end, starts[-1][2] + 1)
        for index, (key, gap, start) in enumerate(starts):
            if key in entries:
                raise OutlineError(f"key {key!r} twice")
            entries[key] = Span(key, gap, start, starts[index + 1][1] if index + 1 < len(starts) else last)
        return Block(self, indent, begin, end, entries)


_DOUBLE = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_SINGLE = r"'[^'\n]*+(?:''[^'\n]*+)*+'"
_CLOSED = re.compile(
    # a line that opens nothing multi-line: a key (or dashes) and a value that ends on it
    r" *+(?:-[ \t]++)*+(?:[A-Za-z0-9][A-Za-z0-9_-]*+[ \t]*+:[ \t]++)?"
    rf"(?:{_DOUBLE}|{_SINGLE}"
    rf"|\[(?:[^][{{}}\"'#\n]++|{_DOUBLE})*+\]"
    rf"|\{{(?:[^][{{}}\"'#\n]++|{_DOUBLE}|\[[^][{{}}\"'#\n]*+\])*+\}})"
    r"[ \t]*+(?:#[^\n]*+)?\r?\n?"
)


Memo = dict[str, tuple[int, int, tuple[str, int, int] | None]]
"""Lines already classified: line → (kind, indentation, what it leaves open), for lines
read where nothing was open. Versions of one map share nearly all their lines, and one
map repeats many (``by: ann``), so outlines made together share one."""


def _classify(lines: list[str], memo: Memo) -> tuple[bytearray, list[int], dict[int, list[int]]]:
    """Each line's kind and indentation, following multi-line scalars and flow collections,
    and the content lines at each indentation (where a block mapping's keys are found)."""
    kinds = bytearray(len(lines))
    indents = [0] * len(lines)
    levels: dict[int, list[int]] = {}
    quote = ""  # the quote character of a quoted scalar still open
    depth = 0  # flow collections still open
    scalar_parent = -1  # while a block scalar runs: the column its lines must be right of
    special = _SPECIAL.search
    closed = _CLOSED.fullmatch
    remembered = memo.get
    seen_content = False
    for number, line in enumerate(lines):
        if not quote and not depth and scalar_parent < 0:
            known = remembered(line)
            if known is not None:
                kind, indent, opened = known
                kinds[number] = kind
                indents[number] = indent
                if kind == CONTENT:
                    seen_content = True
                    found = levels.get(indent)
                    if found is None:
                        levels[indent] = [number]
                    else:
                        found.append(number)
                    if opened is not None:
                        quote, depth, scalar_parent = opened
                continue
            fresh = True
        else:
            fresh = False
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        indents[number] = indent
        if not content or content.isspace():
            if quote or depth:
                kinds[number] = CONTINUED
            elif fresh:
                memo[line] = (BLANK, indent, None)
            continue
        if scalar_parent >= 0:
            if indent > scalar_parent:
                kinds[number] = CONTINUED
                continue
            scalar_parent = -1
            fresh = True
        if quote or depth:
            kinds[number] = CONTINUED
            quote, depth = _scan(line, 0, quote, depth)
            continue
        first = content[0]
        if first == "#":
            kinds[number] = COMMENT
            memo[line] = (COMMENT, indent, None)
            continue
        if first == "\t":
            raise OutlineError(f"line {number + 1} is indented with a tab")
        if (first == "-" or first == ".") and line.startswith(("---", "...")) and line[3:4] in ("", " ", "\t", "\r", "\n"):
            if seen_content:
                raise OutlineError("more than one YAML document")
            kinds[number] = COMMENT  # a document start before anything else: nothing to outline
            continue
        kinds[number] = CONTENT
        seen_content = True
        levels.setdefault(indent, []).append(number)
        if special(content) is None or closed(line) is not None:
            memo[line] = (CONTENT, indent, None)
            continue
        value = _VALUE.match(line, indent)
        at = value.end() if value else indent
        if at < len(line):
            first = line[at]
            if first in "\"'":
                quote, depth = _scan(line, at + 1, first, 0)
            elif first in "[{":
                quote, depth = _scan(line, at + 1, "", 1)
            elif first in "|>":
                scalar_parent = value.start(1) if value and value.group(1) else indent
        memo[line] = (CONTENT, indent, (quote, depth, scalar_parent) if quote or depth or scalar_parent >= 0 else None)
    if quote or depth:
        raise OutlineError("a quoted scalar or flow collection is never closed")
    return kinds, indents, levels


def _scan(line: str, at: int, quote: str, depth: int) -> tuple[str, int]:
    """Scan ``line`` from ``at``, inside quote ``quote`` and ``depth`` flow collections;
    return what is still open at its end."""
    end = len(line)
    while at < end:
        if quote == '"':
            close = line.find('"', at)
            while close > 0 and _escaped(line, close):
                close = line.find('"', close + 1)
            if close < 0:
                return quote, depth
            quote, at = "", close + 1
        elif quote == "'":
            close = line.find("'", at)
            while close >= 0 and line.startswith("''", close):
                close = line.find("'", close + 2)
            if close < 0:
                return quote, depth
            quote, at = "", close + 1
        if not depth:
            return "", 0  # the rest of a block line after a closed scalar: a comment at most
        match = _FLOW.search(line, at)
        if match is None:
            return "", depth
        char = match.group()
        at = match.end()
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if not depth:
                return "", 0
        elif char == "#":
            if match.start() == 0 or line[match.start() - 1] in " \t":
                return "", depth  # a comment: the collection goes on on the next line
        else:
            before = line[: match.start()].rstrip(" \t")
            if not before or before[-1] in "[{,:?":
                quote = char
    return quote, depth


def _escaped(line: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd number of backslashes."""
    count = 0
    while at > count and line[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1
