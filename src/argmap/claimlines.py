"""Where each claim of a map's text is, found from its lines alone (no YAML parse).

In a block-style ``claims:`` mapping each claim is a run of whole lines, from its key line
to the next claim's key line (comments and blank lines after a claim belong to it, as in
ruamel's model). Knowing the runs lets a few claims be handled alone: the edit layer
round-trips only the claims an edit touches (:mod:`argmap.edit.slices`), and the loader
re-reads only the claims a keystroke changed (:class:`argmap.load.ReadCache`). Anything
unusual -- a flow-style ``claims:``, a quoted or repeated key, tabs -- raises
:class:`NotBlockClaims`, and the caller handles the whole text instead.

Where the lines mislead the scan -- a quoted scalar running over lines that look like keys,
or like a second ``claims:`` line -- ``claim_lines(text, or_parse=True)`` asks libyaml's
parser where the claim keys are instead (slower: every event of the text is pulled).

Lines break where YAML breaks them: at ``\n``, ``\r\n`` and a lone ``\r``, mixed as a
file may mix them (:func:`split_lines` is the one place that says so).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

__all__ = ["ClaimLines", "NotBlockClaims", "claim_lines", "common_ends", "line_breaks", "mixes_line_ends", "new_line_end", "split_claims", "split_lines"]

# Each pattern starts at a line break, not at "^": Python's engine would try "^" at every
# character of the text, but jumps from one "\n" to the next.
_COLON = re.compile(r"[ \t]*:(?:[ \t]|\r?\n|\r|\Z)")
_HEAD_LINE = re.compile(r"claims:[ \t]*(?:#.*)?")
_HEAD = re.compile(r"\n(claims:)[ \t]*(?:#.*)?\r?$", re.M)
_KEY = re.compile(r"([A-Za-z0-9_$][A-Za-z0-9_$&.+-]*)[ \t]*:(?:[ \t]|\r?\n|\Z)")  # a plain key (an id, or one the checker refuses)
_FIRST = re.compile(r"\n( *)(?![ \r\n#])(?!\t[ \t]*\r?$)", re.M)  # the first line of the section with content
_TAB_INDENT = re.compile(r"\n *\t[ \t]*[^ \t\r\n]")  # content after a tab in the indentation
_RUNS_ON = re.compile(r"[^\n]*?:[ \t]+[^#\s][^\n]*\n(?:[ \t]*\r?\n)*[ \t]+\S")  # a key, a value on its line, then indented lines
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_LONE_CR = re.compile(r"\r(?!\n)")
_ODD_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
_ODD_BREAKS_UNICODE = ("\x85", "\u2028", "\u2029")


class NotBlockClaims(ValueError):
    """The map's claims are not plain blocks of lines; handle the whole text."""


@dataclass(frozen=True, slots=True)
class ClaimLines:
    """The lines of ``claims:`` and of every claim entry of a map's text."""

    lines: list[str]  # the text's lines, with their endings
    head: int  # the ``claims:`` line
    starts: dict[str, int]  # claim id → its key line
    order: list[str]  # claim ids in file order
    end: int  # one past the last line of the claims section
    indent: int  # the claim keys' indentation

    def span(self, position: int) -> tuple[int, int]:
        """The lines of the ``position``-th claim, comments after it included."""
        start = self.starts[self.order[position]]
        end = self.starts[self.order[position + 1]] if position + 1 < len(self.order) else self.end
        return start, end


def claim_lines(text: str, *, or_parse: bool = False) -> ClaimLines:
    """Find the claim entries of a map's text; :class:`NotBlockClaims` if they are not plain blocks.

    Runs on every keystroke in an editor, so the lines that matter are found by regular
    expressions over the text rather than by a Python loop over its lines: at a 10k-claim
    map (50k lines) that is a tenth of the time. ``or_parse``: where that scan gives up,
    ask the YAML parser (:func:`_parsed_claim_lines`) before giving up.
    """
    try:
        return _scanned_claim_lines(text)
    except NotBlockClaims:
        if not or_parse or _odd_breaks(text):
            raise
        return _parsed_claim_lines(text)


def _scanned_claim_lines(text: str) -> ClaimLines:
    """:func:`claim_lines` by regular expressions over the lines."""
    if _odd_breaks(text):
        raise NotBlockClaims("line breaks YAML 1.1 makes and YAML 1.2 does not")  # libyaml and ruamel would disagree on lines
    source = "\n" + _lf(text)  # every line, the first too, starts after a "\n"; positions in it are one more than in text
    heads = _HEAD.findall(source)
    if len(heads) != 1:
        raise NotBlockClaims("no single block 'claims:' line")
    lines = split_lines(text)
    starts_at = list(accumulate(map(len, lines), initial=1))  # where each line starts in source
    section = _HEAD.search(source)
    assert section is not None
    head = bisect_right(starts_at, section.start(1)) - 1
    after_head = starts_at[head + 1] - 1  # the "\n" that ends the head line
    first = _FIRST.search(source, after_head) if head + 1 < len(lines) else None
    if first is None or not first.group(1) or first.end() == len(source):
        raise NotBlockClaims("no claims")
    indent = len(first.group(1))
    starts: dict[str, int] = {}
    order: list[str] = []
    end = len(lines)
    for match in _significant(indent).finditer(source, first.start()):
        depth, char = len(match.group(1)), match.group(2)
        if char == "\t":
            if match.group(3).strip():
                raise NotBlockClaims("tab indentation")
            continue  # a line of white space only
        if char == "#":
            continue
        number = bisect_right(starts_at, match.start(1)) - 1
        if depth == 0:
            if _KEY.match(source, match.start(2)) is None or _RUNS_ON.match(source, match.start(2)):  # a quoted scalar's line, say
                raise NotBlockClaims("a line at column 0 that is no key, or one whose value runs on below it")
            end = number
            break
        if depth < indent:
            raise NotBlockClaims("a line left of the claim keys")
        key = _KEY.match(source, match.start(2))
        if key is None or key.group(1) in starts:
            raise NotBlockClaims("a claim key that is not a plain, unique id")
        starts[key.group(1)] = number
        order.append(key.group(1))
    if _TAB_INDENT.search(source, first.start(), starts_at[end] - 1 if end < len(lines) else len(source)):
        raise NotBlockClaims("tab indentation")
    # comments and blank lines before the next top-level key stay with the last claim, as in ruamel
    return ClaimLines(lines, head, starts, order, end, indent)


def _parsed_claim_lines(text: str) -> ClaimLines:
    """:func:`claim_lines` from libyaml's events: the claim keys where the parser sees them.

    Each claim must still be a run of whole lines (a plain one-line key first on its line,
    in a block mapping under a ``claims:`` line of its own); the section ends at the line of
    the next top-level key, so the comments before it stay with the last claim, as the scan
    leaves them.
    """
    import yaml

    lines = split_lines(text)
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    head, end, indent = -1, len(lines), 0
    starts: dict[str, int] = {}
    try:
        pull = loader.get_event
        if [type(pull()).__name__ for _ in range(3)] != ["StreamStartEvent", "DocumentStartEvent", "MappingStartEvent"]:
            raise NotBlockClaims("the text is not one mapping")
        while not isinstance(key := pull(), yaml.MappingEndEvent):
            if starts and end == len(lines):
                end = key.start_mark.line  # the top-level key after the claims
            if head >= 0 or not isinstance(key, yaml.ScalarEvent) or key.style or key.value != "claims":
                _skip_node(pull, key)
                _skip_node(pull, pull())
                continue
            head = key.start_mark.line
            if not _HEAD_LINE.fullmatch(lines[head].rstrip("\r\n")):
                raise NotBlockClaims("the 'claims:' line holds more than the key")
            claims = pull()
            if not isinstance(claims, yaml.MappingStartEvent) or claims.flow_style:
                raise NotBlockClaims("claims are not a block mapping")
            while not isinstance(claim := pull(), yaml.MappingEndEvent):
                line, indent = claim.start_mark.line, claim.start_mark.column
                if not isinstance(claim, yaml.ScalarEvent) or claim.style or claim.end_mark.line != line or claim.value in starts:
                    raise NotBlockClaims("a claim key that is not a plain, unique id")
                if line <= head or lines[line][:indent].strip(" "):
                    raise NotBlockClaims("a claim key that does not start its line")
                after = lines[line][indent + len(claim.value) :] if lines[line][indent:].startswith(claim.value) else ""
                if claim.anchor or claim.tag or not claim.value or not _COLON.match(after):
                    raise NotBlockClaims("a claim key that is not written as it reads")
                starts[claim.value] = line
                _skip_node(pull, pull())
        document_end = pull()
        if document_end.explicit or not isinstance(pull(), yaml.StreamEndEvent):
            raise NotBlockClaims("a document end marker, or more than one document")
    except yaml.YAMLError as err:
        raise NotBlockClaims(f"invalid YAML: {' '.join(str(err).split())}") from err
    finally:
        loader.dispose()
    if not starts:
        raise NotBlockClaims("no claims")
    if _TAB_INDENT.search("\n" + _lf("".join(lines[head + 1 : end]))):
        raise NotBlockClaims("tab indentation")
    return ClaimLines(lines, head, starts, list(starts), end, indent)


def _skip_node(pull: Callable[[], Any], event: Any) -> None:
    """Pull the rest of the events of the node whose first event is ``event``."""
    import yaml

    depth = 0
    while True:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if depth == 0:
            return
        event = pull()


def split_claims(chunk: str, indent: int) -> list[tuple[str, int]] | None:
    """The claims ``chunk`` (whole lines, from a claim's key line on) holds, as :func:`claim_lines`
    would find them with keys at ``indent``: each id and where its lines start; None if irregular.

    After an edit inside a few claims' lines, this finds those claims again without looking
    at the rest of the map.
    """
    if _odd_breaks(chunk):
        return None
    source = "\n" + _lf(chunk)
    if _TAB_INDENT.search(source) or _HEAD.search(source):
        return None
    found: list[tuple[str, int]] = []
    for match in _significant(indent).finditer(source):
        depth, char = len(match.group(1)), match.group(2)
        if char == "#" or (char == "\t" and not match.group(3).strip()):
            continue
        key = _KEY.match(source, match.start(2))
        if depth != indent or key is None or (not found and match.start() != 0):
            return None
        found.append((key.group(1), match.start()))  # "\n" + chunk: the line starts at match.start() in chunk
    return found or None


def common_ends(old: str, new: str) -> tuple[int, int]:
    """How many characters ``old`` and ``new`` share at their start, and then at their end.

    Compared block by block (C-speed slices, blocks halving near the first difference), so
    finding the one character a keystroke changed in a 3 MB map takes a millisecond or two.
    """
    limit = min(len(old), len(new))
    prefix = 0
    step = 1 << 16
    while step:
        while prefix + step <= limit and old[prefix : prefix + step] == new[prefix : prefix + step]:
            prefix += step
        step >>= 1
    suffix = 0
    step = 1 << 16
    limit -= prefix
    while step:
        while suffix + step <= limit and old[len(old) - suffix - step : len(old) - suffix] == new[len(new) - suffix - step : len(new) - suffix]:
            suffix += step
        step >>= 1
    return prefix, suffix


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends, broken where YAML breaks them: ``\\n``, ``\\r\\n``, ``\\r``.

    ``str.splitlines`` also breaks at form feeds, ``\\x1c``-``\\x1e``, ``\\x85`` and
    ``\\u2028``, which YAML keeps inside a line: the lines would not align with ruamel's.
    """
    return _LINE.findall(text)


def new_line_end(text: str, first: str) -> str:
    """The end to give the lines an edit adds to ``text``: ``first`` (the end of a line of it
    that stands for the file's), but CRLF where the file mixes lone CRs and LFs: a new line
    ending in CR before a blank LF line, or a blank LF line after a CR, would read as one
    CRLF, two lines joined."""
    crlf = text.count("\r\n")
    return "\r\n" if text.count("\r") > crlf and text.count("\n") > crlf else first


def mixes_line_ends(text: str) -> bool:
    """Whether ``text`` ends its lines in more than one way (LF, CRLF, a lone CR)."""
    crlf = text.count("\r\n")
    return sum(1 for count in (crlf, text.count("\n") - crlf, text.count("\r") - crlf) if count) > 1


def line_breaks(text: str) -> int:
    """How many line breaks ``text`` holds, as :func:`split_lines` counts them (a ``\\r\\n`` is one)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _lf(text: str) -> str:
    """``text`` with each lone ``\\r`` made a ``\\n``: the same length and the same lines, which
    the patterns here (each starting at a ``\\n``) then all see."""
    return _LONE_CR.sub("\n", text) if text.count("\r") != text.count("\r\n") else text


def _odd_breaks(text: str) -> bool:
    """Whether ``text`` holds characters str.splitlines, or YAML 1.1 (libyaml), breaks lines at and :func:`split_lines` does not."""
    if any(char in text for char in _ODD_BREAKS):
        return True
    return not text.isascii() and any(char in text for char in _ODD_BREAKS_UNICODE)


@cache
def _significant(indent: int) -> re.Pattern[str]:
    """Lines that start at most ``indent`` spaces in: claim keys, comments, the section's end."""
    return re.compile(rf"\n( {{0,{indent}}})([^ \r\n])(.*)")
