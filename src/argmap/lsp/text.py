"""Where the cursor is in a map's text, read from the lines around it (no YAML parse).

An editor asks about a buffer mid-keystroke, when it is often not valid YAML (``rebuts: [a,``
waiting for its next id), so completion and navigation cannot wait for the loader. A map's
layout is regular enough to read the cursor's place from its own line and the lines above:
the keys of the flow collections opened before it on its line, then the block keys above
it, each less indented than the last. That gives the chain of keys (``claims``, a claim
id, ``quote``, ``text``) and the word under the cursor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ID_CHARS", "Place", "place_at", "quote_source", "token_at", "value_extent"]

ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-:")
"""What a reference is written with: ids, and ``map:id``."""

_BLOCK_KEY = re.compile(r"( *)(- +)?([A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)")
_FLOW_KEY = re.compile(r"([A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)")


@dataclass(frozen=True, slots=True)
class Place:
    """The cursor's place in a map: the keys leading to it and what it is on.

    ``keys`` runs from the top (``claims``, the claim id, ``rebuts``, ``to``); ``in_quote``
    is the quote character when the cursor is inside a quoted scalar (else ``""``), whose
    text starts at column ``value_start``; ``word`` is the reference under the cursor, at
    columns ``start``–``end``; ``is_key`` says the word is the key of its line.
    """

    keys: tuple[str, ...]
    word: str
    start: int
    end: int
    in_quote: str = ""
    value_start: int = -1
    is_key: bool = False

    @property
    def key(self) -> str | None:
        """The key whose value the cursor is in."""
        return self.keys[-1] if self.keys else None

    @property
    def claim(self) -> str | None:
        """The id of the claim the cursor is in, if it is under ``claims:``."""
        return self.keys[1] if len(self.keys) > 1 and self.keys[0] == "claims" else None


def token_at(line: str, column: int) -> tuple[str, int, int]:
    """The reference (id or ``map:id``) around ``column`` of ``line``, and its columns."""
    start = column
    while start > 0 and line[start - 1] in ID_CHARS:
        start -= 1
    end = column
    while end < len(line) and line[end] in ID_CHARS:
        end += 1
    return line[start:end], start, end


def _line_keys(prefix: str) -> tuple[list[str], str, int]:
    """The keys opened on a line before the cursor (block key first, then flow keys), the
    quote character the cursor is inside (or ""), and where that quoted text starts."""
    frames: list[list[str | None]] = [[None]]  # per open collection: its current key
    kinds = ["block"]
    i = 0
    quote, quote_start = "", -1
    while i < len(prefix):
        char = prefix[i]
        if char in "\"'":
            close = prefix.find(char, i + 1)
            while char == '"' and close > 0 and prefix[close - 1] == "\\":
                close = prefix.find(char, close + 1)
            if close < 0:
                quote, quote_start = char, i + 1
                break
            i = close + 1
            continue
        if char == "#" and (i == 0 or prefix[i - 1] in " \t"):
            break  # a comment: nothing after it counts
        if char in "{[":
            frames.append([frames[-1][0]])  # a flow collection inherits the key it is the value of
            kinds.append("map" if char == "{" else "seq")
            if char == "{":
                frames[-1].append(None)
        elif char in "}]" and len(frames) > 1:
            frames.pop()
            kinds.pop()
        elif char == "," and kinds[-1] == "map":
            frames[-1][-1] = None
        elif kinds[-1] in ("map", "block") and (match := _FLOW_KEY.match(prefix, i)) and (i == 0 or not (prefix[i - 1].isalnum() or prefix[i - 1] == "-")):
            frames[-1][-1] = match.group(1)
            i = match.end()
            continue
        i += 1
    keys: list[str] = []
    for frame in frames:
        for key in frame:
            if key is not None and (not keys or keys[-1] != key):
                keys.append(key)
    return keys, quote, quote_start


def place_at(lines: list[str], line: int, column: int) -> Place:
    """The cursor's :class:`Place` at 0-based ``line`` and ``column`` of a map's ``lines``."""
    text = lines[line].rstrip("\r\n") if line < len(lines) else ""
    column = min(column, len(text))
    own, quote, quote_start = _line_keys(text[:column])
    match = _BLOCK_KEY.match(text)
    if match is not None:
        indent = len(match.group(1)) + (len(match.group(2)) if match.group(2) else 0)
        threshold = indent if not match.group(2) else len(match.group(1)) + 1
    else:
        stripped = text.lstrip(" ")
        indent = len(text) - len(stripped)
        threshold = indent + 1 if stripped.startswith("-") else indent
        if not stripped:
            threshold = column + 1 if column else 0  # an empty line: a key typed here belongs where the cursor is
    above: list[str] = []
    for number in range(min(line, len(lines)) - 1, -1, -1):
        if threshold <= 0:
            break
        candidate = lines[number].rstrip("\r\n")
        content = candidate.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        depth = len(candidate) - len(content)
        found = _BLOCK_KEY.match(candidate)
        if found is None:
            continue
        key_column = depth + (len(found.group(2)) if found.group(2) else 0)
        if key_column < threshold:
            above.append(found.group(3))
            threshold = depth + 1 if found.group(2) else depth
    keys = tuple(reversed(above)) + tuple(own)
    word, start, end = token_at(text, column)
    is_key = match is not None and start == (len(match.group(1)) + (len(match.group(2)) if match.group(2) else 0)) and not own[:-1]
    if is_key:
        word = word.partition(":")[0]
        end = start + len(word)
        if own and own[-1] == word:
            keys = keys[:-1]  # the cursor is on the key itself, not in its value
        keys = (*keys, word)
    return Place(keys, word, start, end, quote, quote_start, is_key)


def quote_source(lines: list[str], line: int) -> str | None:
    """The ``source:`` of the quote the ``text:`` on ``line`` belongs to (same flow mapping or block)."""
    text = lines[line]
    found = re.search(r"source:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)", text)
    if found:
        return found.group(1)
    indent = len(text) - len(text.lstrip(" "))
    for step in (-1, 1):
        number = line + step
        while 0 <= number < len(lines):
            other = lines[number]
            content = other.lstrip(" ")
            if content.strip() and not content.startswith("#"):
                if len(other) - len(content) != indent:
                    break
                found = re.match(r"source:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)", content)
                if found:
                    return found.group(1)
            number += step
    return None


def value_extent(line: str, column: int) -> int:
    """Where the scalar starting at ``column`` of ``line`` ends (on that line).

    A quoted scalar ends after its closing quote (the line's end if it has none); a plain one
    before a flow delimiter, a comment, or trailing white space.
    """
    if column >= len(line):
        return len(line)
    first = line[column]
    if first in "\"'":
        at = column + 1
        while True:
            close = line.find(first, at)
            if close < 0:
                return len(line.rstrip())
            if first == "'" and line.startswith("''", close):
                at = close + 2
                continue
            if first == '"' and line[close - 1] == "\\" and not line.endswith("\\\\", 0, close):
                at = close + 1
                continue
            return close + 1
    end = column
    while end < len(line) and line[end] not in ",]}\r\n" and not (line[end] == "#" and line[end - 1] in " \t"):
        end += 1
    return len(line[:end].rstrip()) if end > column else min(column + 1, len(line))
