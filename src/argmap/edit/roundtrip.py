"""Round-trip a map file: edit its YAML as data, write back only the lines that changed.

ruamel.yaml's round-trip mode keeps comments, key order, quoting, flow or block style and
folded/literal scalars, but its output is not byte-for-byte the input everywhere: it
respells some escapes (``\\u00a0`` becomes the character itself), drops trailing spaces,
re-indents sequences whose indentation differs from the rest of the file and writes
``\\n`` line ends. So a :class:`Document` never writes ruamel's whole output. It dumps
the document twice, before and after the edit, and applies the difference of those two
dumps to the user's original text: every line the edit did not touch stays exactly as the
user wrote it, and the diff of one edit is the lines of that edit. If applying the
difference would not give the same data as ruamel's own output (an edit inside a region
ruamel re-indents), the whole dump is used instead: correct first, minimal where possible.
"""

from __future__ import annotations

import difflib
import io
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from yaml.nodes import ScalarNode as Yaml11Scalar
from yaml.resolver import Resolver as Yaml11Resolver

from argmap.claimlines import new_line_end, split_lines
from argmap.errors import InputError, Location, Problem
from argmap.yamlread import read_yaml_text

__all__ = ["Document", "Indentation", "detect_indentation"]

_CONTENT = re.compile(r"( *)(\S.*)")
_BREAK = re.compile(r"\r\n|\r|\n")
_BREAK_AT_END = re.compile(r"(?:\r\n|\r|\n)\Z")
_BLANK_LAST_LINE = re.compile(r"(?:\r\n|\r|\n)([ \t]+)\Z")
_KEEP_CHOMPING = re.compile(r"[|>][1-9]?\+")  # a block scalar that keeps its trailing blank lines: they are its value
_END_COMMENT = re.compile(r"(.*?\S)( *)(#.*)")  # a line with an end-of-line comment: content, gap (after a flow list, none), comment
_GAP_BEFORE_COMMENT = re.compile(r"(?<=\S) *#")
_GAP_BEFORE_COLON = re.compile(r"(?<=\S) +:(?=\s|\Z)")  # 'key : value', which ruamel writes 'key: value'
_GAP_AFTER_COMMA = re.compile(r", *")  # '[a,b]', which ruamel writes '[a, b]'
_FLOW_LIST = re.compile(r"\[(.*)\]")
_KEY = re.compile(r" *((?:- )?[^\s#'\"\-][^#]*?):(?: |\Z)")  # the key a line starts with
_COMMENT = re.compile(r"(?<!\S)#.*?(?= *$)", re.M)  # an end-of-line comment or a comment line, without trailing blanks
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'", re.S)  # a quoted scalar, over lines too: no comment in it
_BLANKS_LINE = re.compile(r"^[ \t]+$", re.M)
_LONGEST_RUN = 40
"""Lines with content at most that :func:`_runs_as_written` takes for one value written over several."""
_VALUE_GAP = re.compile(r"( *(?:- )?[^\s#'\"][^#]*?:)( +)(\S.*)")  # a key, the gap after it, its value


@dataclass(frozen=True, slots=True)
class Indentation:
    """How a file indents: spaces per mapping level, per sequence level, and the dash offset."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def detect_indentation(text: str, *, own: str = "") -> Indentation:
    """The indentation most of ``text`` uses, so new lines look like their neighbours.

    A key with no value on its line opens a block; the first content line below it
    shows how far a nested mapping, or a sequence's dash, is indented. ``own`` is the
    text of a claim moving in: its block lists keep their own dashes where it has any (so
    that a move and the move back give its lines back).
    """
    mappings, offsets = _indents(text)
    offsets = _indents(own)[1] or offsets
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    offset, spaces = offsets.most_common(1)[0][0] if offsets else (2, 1)
    return Indentation(mapping, offset + 1 + spaces, offset)


def _indents(text: str) -> tuple[Counter[int], Counter[tuple[int, int]]]:
    """How often ``text`` nests a mapping by each indent, and puts a list's dash at each (offset, spaces after)."""
    mappings: Counter[int] = Counter()
    offsets: Counter[tuple[int, int]] = Counter()
    previous: tuple[int, str] | None = None
    for line in text.splitlines():
        match = _CONTENT.match(line)
        if match is None or match.group(2).startswith("#"):
            continue
        indent, content = len(match.group(1)), match.group(2)
        if previous is not None and previous[1].endswith(":") and indent >= previous[0]:
            if content.startswith("- "):
                spaces = len(content[1:]) - len(content[1:].lstrip(" "))
                offsets[(indent - previous[0], spaces)] += 1
            elif indent > previous[0]:
                mappings[indent - previous[0]] += 1
        previous = (indent, content)
    return mappings, offsets


_STR_TAG = "tag:yaml.org,2002:str"
_YAML11 = Yaml11Resolver()


class _Representer(RoundTripRepresenter):
    """ruamel's round-trip representer, but a plain string that a YAML 1.1 reader would take
    for something else (PyYAML reads ``yes`` as true, ``1:20`` as 80) is double-quoted, so
    every loader reads the value argmap wrote."""

    def represent_str(self, data: str) -> ScalarNode:
        style = '"' if _YAML11.resolve(Yaml11Scalar, data, (True, False)) != _STR_TAG else None
        node: ScalarNode = self.represent_scalar(_STR_TAG, data, style=style) if style else super().represent_str(data)
        return node


_Representer.add_representer(str, _Representer.represent_str)


def _yaml(indentation: Indentation) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never re-wrap a line
    yaml.allow_duplicate_keys = True  # the checker reports them; editing must not crash on them
    yaml.indent(mapping=indentation.mapping, sequence=indentation.sequence, offset=indentation.offset)
    return yaml


def _newline(text: str) -> str:
    """The file's line end: its first line's (CRLF, CR or LF), else LF."""
    first = _BREAK.search(text)
    return first.group() if first else "\n"


class Document:
    """One map file's YAML as editable data, which renders back into the user's text.

    Edit :attr:`data` (a ruamel ``CommentedMap``) in place, then call :meth:`render`.
    """

    def __init__(self, text: str, display: str, *, indentation: Indentation | None = None, newline: str | None = None) -> None:
        """Parse ``text``; raise :class:`~argmap.errors.InputError` if ruamel cannot read it.

        Args:
            text: the file's text (a leading BOM is kept and written back).
            display: the path shown in problems.
            indentation: how the whole file indents, when ``text`` is only part of it.
            newline: the end of the lines an edit adds, when ``text`` is only part of the file.
        """
        self.bom = text.startswith("\ufeff")
        self.original = text[1:] if self.bom else text
        self.tail = ""  # a last line of blanks with no line end: ruamel does not see it; it stays last
        if (last := _BLANK_LAST_LINE.search(self.original)) and not _KEEP_CHOMPING.search(self.original):
            self.original, self.tail = self.original[: last.start(1)], last.group(1)
        self.display = display
        self.newline = newline or new_line_end(self.original, _newline(self.original))
        self.indentation = indentation or detect_indentation(self.original)
        self._yaml = _yaml(self.indentation)
        try:
            data = self._yaml.load(_for_ruamel(self.original, display))
        except YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
            message = " ".join(str(getattr(err, "problem", None) or err).split())
            raise InputError([Problem("yaml-syntax", f"cannot edit this file: invalid YAML: {message}", where, hint="run 'argmap check' and fix the file first")]) from err
        except NotImplementedError as err:  # ruamel gives up on some comment layouts ("overlap in comment")
            where = Location(display, 1, 1)
            raise InputError([Problem("yaml-syntax", "cannot edit this file: ruamel.yaml, which edits it, cannot place one of its comments", where, hint="edit this file by hand")]) from err
        if not isinstance(data, CommentedMap):
            raise InputError([Problem("wrong-type", "cannot edit this file: it does not hold a map", Location(display, 1, 1), hint="run 'argmap check' and fix the file first")])
        self.data: CommentedMap = data
        self._before = self.dump()
        self._unended = self.original[-1:] not in ("", "\n", "\r")  # a file with no line end after its last line keeps none
        self._rendered = (self.original, self._before)
        self.replaced: list[str] = []
        """The lines of the original (with their ends) that the last :meth:`render` no longer holds."""

    def dump(self) -> str:
        """ruamel's own rendering of the data, ``\\n`` line ends, no BOM."""
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        return out.getvalue()

    def render(self, hints: Sequence[str] = ()) -> str:
        """The original text with the edit applied: untouched lines byte-for-byte as they were.

        ``hints`` are lines as the user wrote them (a moved claim's, those earlier edits
        replaced) whose gaps before comments and values new lines take where they have the
        same ones, and their line ends too where they keep them; a new line that reads as
        one of them, or as a run of them written for one key, is written as they are.
        """
        after = self.dump()
        merged = _apply(self.original, self._before, after, self.newline, hints)
        if hints and not _same_data(merged, after, self.display):
            merged = _apply(self.original, self._before, after, self.newline, hints, as_written=False)
        if not _same_data(merged, after, self.display):
            if not _same_data(self.original, self._before, self.display):  # ruamel's dump would change more than the edit
                where = Location(self.display, 1, 1)
                raise InputError([Problem("yaml-syntax", "cannot edit this file: ruamel.yaml, which edits it, reads it otherwise than argmap", where, hint="run 'argmap check' and fix the file first")])
            merged = after if self.newline == "\n" else after.replace("\n", self.newline)
        if self._unended and (unended := _BREAK_AT_END.sub("", merged)) != merged and _same_data(unended, after, self.display):
            merged = unended
        self._rendered = (merged, after)
        self.replaced = _replaced(self.original, merged)
        return ("\ufeff" if self.bom else "") + merged + self.tail

    def commit(self) -> None:
        """Take the last :meth:`render` as the new original, so the next edit needs no re-parse."""
        self.original, self._before = self._rendered


def _for_ruamel(text: str, display: str) -> str:
    """``text`` as ruamel is to read it: ``\n`` line ends (ruamel misreads some CRLF layouts:
    a blank line after a flow list went) and lines of blanks made empty where that reads
    the same (ruamel drops a line of blanks from its model, so an edit placed new lines on
    the wrong side of it; an empty line it keeps, like a comment)."""
    text = _BREAK.sub("\n", text)
    emptied = _BLANKS_LINE.sub("", text)
    if emptied != text and read_yaml_text(emptied, display) != read_yaml_text(text, display):
        return text  # blanks that are content: a line of a block scalar indented past it
    return emptied


def _replaced(old: str, new: str) -> list[str]:
    """The lines of ``old`` (with their ends) that ``new`` does not hold, in their order."""
    old_lines = split_lines(old)
    gone = Counter(old_lines) - Counter(split_lines(new))
    kept = []
    for line in old_lines:
        if gone[line] > 0:
            gone[line] -= 1
            kept.append(line)
    return kept


def _same_data(text: str, reference: str, display: str) -> bool:
    """True when both texts parse to the same values (as argmap reads YAML)."""
    value, problems = read_yaml_text(text, display)
    return not problems and value == read_yaml_text(reference, display)[0]


def _comment_gaps(old: list[str], new: list[str], hints: tuple[str, ...] = ()) -> list[str]:
    """``new`` with each end-of-line comment that ``old`` also has put back at the gap ``old``
    left, and each key that ``old`` also has followed by the gap ``old`` gave its value.

    ruamel keeps a comment's *column*: a line that grows pushes its comment to one space
    after the content and a line that shrinks leaves a wide gap, so an edit and its inverse
    would not give back the user's line. It also writes one space after a key, where a user
    may line values up. The gaps the user wrote are what an eye keeps.
    """
    return _put_gaps(_END_COMMENT, 3, hints, old, _put_gaps(_VALUE_GAP, 1, hints, old, new))


def _list_gaps(old: str, new: str) -> str:
    """``new`` with the gap after each comma of its flow list as ``old`` writes its own
    (ruamel writes ``[a, b]``; a user may write ``[a,b]``), where ``old`` writes one gap."""
    mine, theirs = _FLOW_LIST.search(old), _FLOW_LIST.search(new)
    gaps = set(re.findall(r",( *)", mine.group(1))) if mine else set()
    if theirs is None or len(gaps) != 1 or (gap := gaps.pop()) == " ":
        return new
    return new[: theirs.start(1)] + theirs.group(1).replace(", ", "," + gap) + new[theirs.end(1) :]


def _put_gaps(pattern: re.Pattern[str], same: int, hints: tuple[str, ...], old: list[str], new: list[str]) -> list[str]:
    """``new`` with the gap (group 2 of ``pattern``) of each line whose group ``same`` lines of
    ``hints`` then ``old`` share, as there (in turn)."""
    if not new:
        return new
    gaps = {key: list(queue) for key, queue in _gap_table(pattern, same, hints).items()}
    for key, more in _gap_table(pattern, same, tuple(old)).items():
        gaps.setdefault(key, []).extend(more)
    if not gaps:
        return new
    kept = []
    for line in new:
        match = pattern.fullmatch(line)
        if match and (queue := gaps.get(match.group(same))):
            line = match.group(1) + (queue.pop(0) if len(queue) > 1 else queue[0]) + match.group(3)  # in turn, the last for any more
        kept.append(line)
    return kept


@lru_cache(maxsize=32)
def _gap_table(pattern: re.Pattern[str], same: int, lines: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The gaps (group 2 of ``pattern``) ``lines`` leave, by their group ``same``, in order."""
    gaps: dict[str, list[str]] = {}
    for line in lines:
        if match := pattern.fullmatch(line):
            gaps.setdefault(match.group(same), []).append(match.group(2))
    return {key: tuple(queue) for key, queue in gaps.items()}


def _loose(line: str) -> str:
    """``line`` with its indentation, its other runs of white space as one space each: the
    same line for :func:`_apply` whatever gap ruamel left before a comment or a value."""
    rest = _GAP_AFTER_COMMA.sub(", ", _GAP_BEFORE_COLON.sub(":", _GAP_BEFORE_COMMENT.sub(" #", line.lstrip(" "))))
    return line[: len(line) - len(line.lstrip(" "))] + " ".join(rest.split()) if rest.strip() else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _aligned(ostripped: list[str], blines: list[str]) -> Iterator[tuple[int, int, int, int, bool]]:
    """Runs of the user's lines and of ruamel's (``i1, i2, j1, j2``), and whether they pair
    line by line: the same lines but for their gaps (ruamel keeps a comment's column and drops
    trailing blanks; after an edit is committed ``before`` is its dump, not the user's text),
    or, in a run ruamel indents otherwise (a field indented unlike the file), their indentation."""
    loose = difflib.SequenceMatcher(None, [_loose(line) for line in ostripped], [_loose(line) for line in blines], autojunk=False)
    for tag, i1, i2, j1, j2 in loose.get_opcodes():
        if tag == "equal" or i1 == i2 or j1 == j2:
            yield i1, i2, j1, j2, tag == "equal"
            continue
        words = difflib.SequenceMatcher(None, [_loose(line).lstrip(" ") for line in ostripped[i1:i2]], [_loose(line).lstrip(" ") for line in blines[j1:j2]], autojunk=False)
        for sub, a1, a2, b1, b2 in words.get_opcodes():
            yield i1 + a1, i1 + a2, j1 + b1, j1 + b2, sub == "equal"


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _shift(lines: list[str], at: int, blines: list[str], content: list[int], shifts: list[int | None]) -> list[str]:
    """New ``lines`` (ruamel's, to go before line ``at`` of ``blines``, whose lines with
    content are ``content``) indented as the user indents their siblings: by the shift of the
    nearest line of ruamel's at their indentation (before them, else after them), else of
    their parent."""
    depth = next((_indent(line) for line in lines if _is_content(line)), None)
    if depth is None:
        return lines
    place = bisect_left(content, at)
    back = next((j for j in reversed(content[:place]) if _indent(blines[j]) <= depth), None)
    ahead = next((j for j in content[place:] if _indent(blines[j]) <= depth), None)
    if back is not None and _indent(blines[back]) == depth:
        shift = shifts[back]
    elif ahead is not None and _indent(blines[ahead]) == depth:
        shift = shifts[ahead]
    else:
        shift = shifts[back] if back is not None else None
    if not shift:
        return lines
    return [" " * max(0, _indent(line) + shift) + line.lstrip(" ") if line.strip() else line for line in lines]


def _reads_alike(lines: Sequence[str], written: Sequence[str]) -> bool:
    """Whether two runs of lines read alone as the same YAML, with the same comments (ruamel
    respells escapes and quotes, writes on one line a value the user put below its key or a
    quoted text the user ran over lines, and indents a block scalar's lines its own way)."""
    if _comments(lines) != _comments(written):
        return False
    ours = _read_alone(lines)
    return ours is not None and ours == _read_alone(written)


def _comments(lines: Sequence[str]) -> list[str]:
    """The comments of lines, in order (what looks like one inside quotes is not)."""
    return _COMMENT.findall(_QUOTED.sub('""', "\n".join(lines)))


def _read_alone(lines: Sequence[str]) -> Any:
    """What lines read alone as YAML (indented as the first of them), None where they do not read."""
    return _read_lines(tuple(lines))


@lru_cache(maxsize=1024)
def _read_lines(lines: tuple[str, ...]) -> Any:
    """:func:`_read_alone`, kept: a new line is read against many runs of hint lines."""
    depth = _indent(lines[0])
    value, problems = read_yaml_text("\n".join(line[min(depth, _indent(line)) :] for line in lines).strip(), "line")
    return None if problems else value


def _paired(lines: list[str], bodies: list[str]) -> list[tuple[int, int]]:
    """Which hint line (index into ``bodies``) each new line renders, in order: the same but
    for gaps, or in the same place of a run that differs, blank lines with blank lines."""
    matcher = _matcher(tuple(bodies))
    matcher.set_seq1([_loose(line) for line in lines])
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for blank in (False, True):
                pairs.extend(zip((i for i in range(i1, i2) if (not lines[i].strip()) == blank), (j for j in range(j1, j2) if (not bodies[j].strip()) == blank)))
    return pairs


@lru_cache(maxsize=8)
def _matcher(bodies: tuple[str, ...]) -> difflib.SequenceMatcher[str]:
    """A matcher against the hint lines, kept: an edit of many lines pairs each with them
    (the matcher indexes its second sequence once)."""
    matcher = difflib.SequenceMatcher(lambda line: not line, autojunk=False)
    matcher.set_seq2([_loose(body) for body in bodies])
    return matcher


def _as_written(lines: list[str], bodies: list[str]) -> list[str]:
    """``lines`` with each that reads as the hint line it renders given as that line is
    written (at the line's own indentation; a blank line with the blanks the user left on
    it, which ruamel drops), and each that reads as a run of hint lines written for one key
    given as that run (see :func:`_runs_as_written`)."""
    out = _runs_as_written(lines, bodies) if bodies else list(lines)
    for i, j in _paired(out, bodies) if bodies else ():
        if out[i] == bodies[j]:
            continue
        if not out[i].strip() and not bodies[j].strip():
            out[i] = bodies[j]
        elif _reads_alike([out[i]], [bodies[j]]):
            out[i] = out[i][: _indent(out[i])] + bodies[j].lstrip(" ")
    return out


def _runs_as_written(lines: list[str], bodies: list[str]) -> list[str]:
    """``lines`` with each ``key: value`` line, alone or with the deeper lines of its value,
    that reads as a hint line or a run of them starting with that key (``rebuts:`` with its
    value on the line below, a quoted text over two lines, a folded text indented otherwise,
    a flow mapping ruamel respells) given as written, shifted to the line's indentation.
    ruamel writes such a value its own way, so without this an edit and its inverse would
    give the user's lines back as ruamel's. (By key and what the lines say, not by place: the
    lines earlier edits replaced are many, and come from anywhere in the map.)"""
    written = _written_runs(tuple(bodies))
    used: set[int] = set()
    out: list[str] = []
    i = 0
    while i < len(lines):
        key = _KEY.match(lines[i]) if written else None
        ends = dict.fromkeys((_value_end(lines, i), i + 1)) if key else {}
        runs = ((j, end, own) for own in ends if (said := _said(lines[i:own])) for j, end in written.get((key.group(1), said), []) if j not in used)  # type: ignore[union-attr]
        run = next(runs, None)
        if run is None:
            out.append(lines[i])
            i += 1
            continue
        j, end, own = run
        used.add(j)
        shift = _indent(lines[i]) - _indent(bodies[j])
        out.extend(" " * max(0, _indent(body) + shift) + body.lstrip(" ") if body.strip() else body for body in bodies[j:end])
        i = own
    return out


@lru_cache(maxsize=8)
def _written_runs(bodies: tuple[str, ...]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """The runs of hint lines that start with a key, by that key and what they say: (first
    line, end) of each. (Kept: an edit of many lines asks for it once a line.)"""
    written: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for j, body in enumerate(bodies):
        if key := _KEY.match(body):
            for end in _run_ends(list(bodies), j):
                if (said := _said(bodies[j:end])) is not None:
                    written.setdefault((key.group(1), said), []).append((j, end))
    return written


def _said(lines: Sequence[str]) -> str | None:
    """What lines read alone say, with their comments, as text to look up (None: they do not read)."""
    value = _read_alone(lines)
    return None if value is None else repr((_comments(lines), value))


def _value_end(lines: list[str], start: int) -> int:
    """One past the last line deeper than line ``start`` that follows it: the lines of its value."""
    depth, end = _indent(lines[start]), start + 1
    for at in range(start + 1, len(lines)):
        if lines[at].strip():
            if _indent(lines[at]) <= depth:
                break
            end = at + 1
    return end


def _run_ends(bodies: list[str], start: int) -> Iterator[int]:
    """Where a run of lines that starts at hint line ``start`` may end: after it, and after
    each of the next lines that hold content (:data:`_LONGEST_RUN` at most), up to the next
    key at its indentation or less once the run reads whole (a key inside a quoted text that
    runs on does not end it)."""
    yield start + 1
    depth, left = _indent(bodies[start]), _LONGEST_RUN
    for end in range(start + 1, len(bodies)):
        body = bodies[end]
        if left == 0 or (_KEY.match(body) and _indent(body) <= depth and _read_alone(bodies[start:end]) is not None):
            return
        if _is_content(body):
            left -= 1
            yield end + 1


def _read_as(lines: list[str], users: list[str]) -> dict[int, int]:
    """Which of ``users`` (the user's lines of a run ruamel renders otherwise) each of ruamel's
    ``lines`` reads as alone, one each: a line with a key among the user's with that key, else
    any of a short run (ruamel drops a tag, ``! key``), else the line in its place."""
    found: dict[int, int] = {}
    keyed: dict[str, list[int]] = {}
    for b, user in enumerate(users):
        if key := _KEY.match(user):
            keyed.setdefault(key.group(1), []).append(b)
    for a, line in enumerate(lines):
        key = _KEY.match(line)
        same = keyed.get(key.group(1), []) if key else []
        if (alike := next((b for b in same if _reads_alike([line], [users[b]])), None)) is not None:
            same.remove(alike)
            found[a] = alike
    taken = set(found.values())
    pairs = _paired(lines, users) if len(users) > _LONGEST_RUN else [(a, b) for a in range(len(lines)) for b in range(len(users))]  # a short run: any line
    for a, b in pairs:
        if a not in found and b not in taken and _reads_alike([lines[a]], [users[b]]):
            found[a] = b
            taken.add(b)
    return found


def _ends(lines: list[str], hints: Sequence[str], bodies: list[str]) -> list[str | None]:
    """The line end of each new line: the end of the hint line it renders, where hints
    keep their ends (lines as written, in a map that mixes them); None where it has none."""
    ends: list[str | None] = [None] * len(lines)
    if lines and any(len(hint) > len(body) for hint, body in zip(hints, bodies, strict=True)):
        for i, j in _paired(lines, bodies):
            ends[i] = hints[j][len(bodies[j]) :] or None
    return ends


def _apply(original: str, before: str, after: str, newline: str, hints: Sequence[str] = (), *, as_written: bool = True) -> str:
    """Apply the change ``before`` → ``after`` (two ruamel dumps) to ``original``.

    ``original`` and ``before`` are aligned line by line; where they pair, the original
    line is kept unless the change deletes it, and new lines take the indentation the user
    gives their neighbours. Where ruamel rendered a run of lines differently from the user,
    the user's run is kept unless the change touches it, and then ruamel's rendering of the
    run (changed) replaces it. ``as_written``: a new line that reads as the hint line it
    renders is that line as written.
    """
    olines = split_lines(original)
    ostripped = [line.rstrip("\r\n") for line in olines]
    blines = [line.rstrip("\r\n") for line in split_lines(before)]
    alines = [line.rstrip("\r\n") for line in split_lines(after)]
    bodies = [line.rstrip("\r\n") for line in hints]
    written = {body.lstrip(" ") for body in bodies if body.strip()}  # a new line given as one of these stays so
    hinted = tuple(bodies)
    deleted = [False] * len(blines)
    inserted: list[list[str]] = [[] for _ in range(len(blines) + 1)]
    for tag, j1, j2, k1, k2 in difflib.SequenceMatcher(None, blines, alines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for j in range(j1, j2):
            deleted[j] = True
        inserted[j1].extend(_as_written(_comment_gaps(blines[j1:j2], alines[k1:k2], hinted), bodies if as_written else []))

    runs = list(_aligned(ostripped, blines))
    shifts: list[int | None] = [None] * len(blines)  # the user's indentation less ruamel's, of each paired line
    for i1, _, j1, j2, paired in runs:
        if paired:
            for t in range(j2 - j1):
                shifts[j1 + t] = _indent(ostripped[i1 + t]) - _indent(blines[j1 + t])
    content = [j for j, line in enumerate(blines) if _is_content(line)]
    inserted = [_shift(lines, at, blines, content, shifts) for at, lines in enumerate(inserted)]

    out: list[str] = []

    def emit(line: str, ending: str) -> None:
        if out and not out[-1].endswith(("\n", "\r")):  # the original's last line had no end
            out[-1] += newline
        elif out and out[-1].endswith("\r") and not line and ending.startswith("\n"):
            out[-1] += "\n"  # a lone CR before an empty LF line would read as one CRLF: two lines made one
        out.append(line + ending)

    def emit_new(lines: list[str], last: str | None = None) -> None:
        """Emit new lines, each with the end of the hint line it renders, else ``newline``
        (``last``, if given, for the last one)."""
        ends = _ends(lines, hints, bodies)
        for n, (line, ending) in enumerate(zip(lines, ends, strict=True)):
            emit(line, ending or (last if last is not None and n == len(lines) - 1 else newline))

    for i1, i2, j1, j2, paired in runs:
        if j1 == j2 == len(blines) and not any(line.strip() for line in ostripped[i1:i2]):
            emit_new(inserted[j1])  # lines added at the end go before the blank lines ruamel does not see
            inserted[j1] = []
        if paired:
            for t in range(j2 - j1):
                line = olines[i1 + t]
                body = ostripped[i1 + t]
                new = inserted[j1 + t]
                if deleted[j1 + t] and new:  # the line rewritten: it keeps the end (and the gaps) the user gave it
                    gapped = (_list_gaps(body, line) for line in _comment_gaps([body], new))
                    new = [line if as_written and line.lstrip(" ") in written else regapped for line, regapped in zip(new, gapped, strict=True)]
                    emit_new(new, line[len(body) :])
                    continue
                emit_new(new)
                if not deleted[j1 + t]:
                    emit(body, line[len(body):])
            continue
        touched = any(deleted[j1:j2]) or any(inserted[j] for j in range(j1 + 1, j2))
        if j1 < j2:
            emit_new(inserted[j1])
        if touched:  # ruamel's rendering of the run, changed; a line it kept that reads as the user's is the user's
            kept = [j for j in range(j1, j2) if not deleted[j]]
            users = {kept[a]: i1 + b for a, b in _read_as([blines[j] for j in kept], ostripped[i1:i2]).items()}
            for j in range(j1, j2):
                if j > j1:
                    emit_new(inserted[j])
                if j in users:
                    emit(ostripped[users[j]], olines[users[j]][len(ostripped[users[j]]) :])
                elif not deleted[j]:
                    emit(blines[j], newline)
        else:
            for i in range(i1, i2):
                emit(ostripped[i], olines[i][len(ostripped[i]):])
    emit_new(inserted[len(blines)])
    return "".join(out)
