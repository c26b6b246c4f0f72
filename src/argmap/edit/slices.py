"""Edit a few claims of a large map without parsing or dumping the rest of it.

ruamel.yaml parses about 1,000 claims a second and dumps barely faster, so round-tripping
the whole file for every edit made one edit take seconds on a big map. An edit only ever
touches a few claims (the claim edited, the claims whose relations point at it, the
neighbour a new claim goes after), and in a block-style ``claims:`` mapping each claim is a
run of whole lines: from its key line to the next claim's key line (the comments and blank
lines after a claim belong to it, as they do in ruamel's model). So a :class:`Slice` cuts
out the runs of the claims an edit touches, joins them under a ``claims:`` line (a
placeholder entry marks each gap between runs), round-trips only that small document with
:class:`~argmap.edit.roundtrip.Document`, and splices each run back where it came from.
Anything unusual -- a flow-style ``claims:``, a quoted key, a placeholder that did not come
back -- raises :class:`SliceError`, and the caller edits the whole document instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from ruamel.yaml.comments import CommentedMap

from argmap.claimlines import ClaimLines, NotBlockClaims, claim_lines, new_line_end, split_lines
from argmap.errors import InputError

from .roundtrip import Document, Indentation, detect_indentation

__all__ = ["Layout", "Reach", "Slice", "SliceError", "layout"]

_GAP = "zz-argmap-gap-{}"


class SliceError(Exception):
    """The map cannot be edited by slices; edit the whole document."""


@dataclass(slots=True)
class Reach:
    """The claims of one map an edit touches: ``ids``, the file neighbours of ``around``
    (a deleted claim hands its trailing comments to them), each claim of ``after`` and the
    one below it (a claim goes in between), and the last claim if ``last`` (a new claim goes
    after it)."""

    ids: set[str] = field(default_factory=set)
    around: set[str] = field(default_factory=set)
    after: set[str] = field(default_factory=set)
    last: bool = False


@dataclass(frozen=True, slots=True)
class Layout(ClaimLines):
    """Where each claim of a map's text is, and how the map indents (for what an edit writes)."""

    indentation: Indentation


def layout(text: str, *, own: str = "") -> Layout:
    """Find the claim entries of a map's text; :class:`SliceError` if they are not plain blocks.

    ``own``: the lines of a claim moving in (see :func:`~argmap.edit.roundtrip.detect_indentation`)."""
    try:
        found = claim_lines(text, or_parse=True)
    except NotBlockClaims as err:
        raise SliceError(str(err)) from err
    indentation = replace(detect_indentation(text, own=own), mapping=found.indent)  # a new claim's key lines up with the others
    return Layout(found.lines, found.head, found.starts, found.order, found.end, found.indent, indentation)


class Slice:
    """Some claims of a map as a small editable document that splices back into the map."""

    def __init__(self, text: str, reach: Reach, display: str, *, moved: Sequence[str] = (), replaced: Sequence[str] = ()) -> None:
        """Cut out the claims ``reach`` names (unknown ids are ignored) of map ``text``;
        ``moved`` are the lines, as written, of a claim the edit moves in, ``replaced`` those
        earlier edits of the map replaced (both with their line ends where they keep them)."""
        self.layout = found = layout(text, own="\n".join(line.rstrip("\r\n") for line in moved))
        self.hints = [*moved, *replaced]
        head = found.lines[found.head]
        self.newline = new_line_end(text, head[len(head.rstrip("\r\n")) :] or "\n")  # the claims: line's, for the lines an edit adds
        index = {claim_id: n for n, claim_id in enumerate(found.order)}
        wanted = {index[i] for i in reach.ids if i in index}
        for claim_id in reach.around:
            if claim_id in index:
                wanted.update(n for n in (index[claim_id] - 1, index[claim_id], index[claim_id] + 1) if 0 <= n < len(found.order))
        for claim_id in reach.after:
            if claim_id in index:
                wanted.update(n for n in (index[claim_id], index[claim_id] + 1) if n < len(found.order))
        if reach.last:
            wanted.add(len(found.order) - 1)
        positions = sorted(wanted)
        if not positions:
            raise SliceError("none of the claims is in the map")
        self.runs: list[tuple[int, int]] = []  # (first line, end line) of each run of adjacent claims
        for position in positions:
            start, end = found.span(position)
            if self.runs and self.runs[-1][1] == start:
                self.runs[-1] = (self.runs[-1][0], end)
            else:
                self.runs.append((start, end))
        self.gaps = [_GAP.format(n) for n in range(1, len(self.runs))]
        if any(gap in found.starts for gap in self.gaps):
            raise SliceError("a claim is named like a gap placeholder")
        parts = [self._ended(found.lines[found.head])]
        for number, (start, end) in enumerate(self.runs):
            if number:
                parts.append(self._gap_line(number - 1))
            parts.extend(self._ended(line) if n < len(found.lines) - 1 or line.strip() else line for n, line in enumerate(found.lines[start:end], start))
        try:
            self.document = Document("".join(parts), display, indentation=found.indentation, newline=self.newline)
        except InputError as err:  # lines cut where the scan misread them (inside a quoted scalar)
            raise SliceError("the claims' lines do not read alone") from err

    def _ended(self, line: str) -> str:
        return line if line.endswith(("\n", "\r")) else line + self.newline

    def _gap_line(self, number: int) -> str:
        return f"{' ' * self.layout.indent}{self.gaps[number]}: 0{self.newline}"

    @property
    def data(self) -> CommentedMap:
        """The small document's data: ``claims`` holds the cut-out claims (and gap placeholders)."""
        return self.document.data

    def render(self) -> str:
        """The whole map's text with the edited claims spliced back, every other line as it was."""
        try:
            lines = split_lines(self.document.render(self.hints))
        except InputError as err:  # the cut-out claims read otherwise alone: the whole map may not
            raise SliceError(str(err)) from err
        if not lines or lines[0].rstrip("\r\n") != self.layout.lines[self.layout.head].rstrip("\r\n"):
            raise SliceError("the 'claims:' line changed")
        cuts = [0]
        for number in range(len(self.gaps)):
            wanted = self._gap_line(number).rstrip("\r\n")
            at = [i for i, line in enumerate(lines) if line.rstrip("\r\n") == wanted]
            if len(at) != 1 or at[0] < cuts[-1]:
                raise SliceError("a gap placeholder moved")
            cuts.append(at[0])
        pieces = [lines[a + 1 : b] for a, b in pairwise([*cuts, len(lines)])]
        out = self.layout.lines[:]
        for (start, end), piece in reversed(list(zip(self.runs, pieces, strict=True))):
            if end == len(out) and not out[-1].endswith(("\n", "\r")) and piece:
                piece[-1] = piece[-1].rstrip("\r\n")  # the file had no newline at its end
            out[start:end] = piece
        return "".join(out)
