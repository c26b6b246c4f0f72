"""A flow sheet: one column per speech, each claim written across from what it answers.

Debaters "flow" a round on paper: a column per speech, and every response written beside
the argument it answers, so a blank beside an argument shows at a glance that it went
unanswered. :func:`flow_sheet` lays the map out that way — a grid of cells, one per claim —
and :func:`flow_html` (self-contained, inline CSS, prints landscape) and :func:`flow_csv`
(the same grid for a spreadsheet) write it. Each cell says what became of its claim when it
was not simply answered (dropped, no chance to reply, not engaged, answered in part,
conceded, a concession: a blank means different things), and the sheet states which links
the verdicts rest on; an answer that only the analyst's link makes is marked as such.

Layout: every claim hangs from the claim it answers (an attack first, else what it
supports; an undercut hangs from the reason whose inference it attacks). Each argument
tree starts a new block below everything before it; within a block a claim of a later
speech goes on its parent's row if that row is free in its column, a claim of the same
speech on the row below. A claim that answers several claims is written once, and its
cell names the others ("also answers #4").
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.analysis.debate import Response
from argmap.errors import ArgmapError
from argmap.export.common import ANALYST_MARK, Debate, bearing_on, is_analyst, side_label, speaker_name, status_word
from argmap.graph import outgoing
from argmap.model import Relation, RelationKind
from argmap.render.themes import ROLE_STYLES

__all__ = ["REPLY_MARKS", "FlowCell", "FlowColumn", "FlowSheet", "flow_csv", "flow_html", "flow_sheet", "reply_mark"]

_HOW = {RelationKind.SUPPORT: "supports", RelationKind.REBUT: "answers", RelationKind.UNDERCUT: "undercuts the reasoning of"}

REPLY_MARKS = {
    Response.DROPPED: "DROPPED",
    Response.NO_CHANCE: "NO CHANCE TO REPLY",
    Response.NOT_ENGAGED: "NOT ENGAGED",
    Response.ANSWERED_IN_PART: "ANSWERED IN PART",
    Response.CONCEDED: "CONCEDED",
    Response.CONCESSION: "CONCESSION",
}
"""The mark of a cell whose claim was not simply answered (an answered claim has its answer across)."""


@dataclass(frozen=True, slots=True)
class FlowColumn:
    """One speech (a source, in speech order), or the column of claims with no speech."""

    title: str
    detail: str


@dataclass(frozen=True, slots=True)
class FlowCell:
    """A claim's place on the sheet; ``number`` is its reading-order label (``#3``)."""

    key: str
    row: int
    column: int
    number: int
    parent: str | None
    how: str | None
    also: tuple[str, ...]
    block: int
    analyst: bool = False  # it hangs from ``parent`` by the analyst's link, not a speaker's


@dataclass(frozen=True)
class FlowSheet:
    """The laid-out flow of one debate."""

    debate: Debate
    columns: tuple[FlowColumn, ...]
    cells: tuple[FlowCell, ...]
    rows: int

    def cell(self, key: str) -> FlowCell:
        return self._by_key[key]

    @property
    def _by_key(self) -> dict[str, FlowCell]:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = {c.key: c for c in self.cells}
            self.__dict__["_index"] = cached
        return cached

    def grid(self) -> list[list[FlowCell | None]]:
        """Rows × columns, ``None`` where nothing was said."""
        grid: list[list[FlowCell | None]] = [[None] * len(self.columns) for _ in range(self.rows)]
        for cell in self.cells:
            grid[cell.row][cell.column] = cell
        return grid


def _targets(debate: Debate, key: str) -> list[tuple[str, Relation]]:
    """The claims ``key`` bears on, attacks first: an undercut bears on the reason whose
    inference it attacks."""
    found = []
    for rel in sorted(outgoing(debate.graph, key), key=lambda r: not r.kind.is_attack):
        if rel.source != key:
            continue
        target = rel.target
        node = debate.graph.nodes[target]
        if node["type"] == "relation":
            target = node["relation"].source
        if debate.in_scope(target) and target != key:
            found.append((target, rel))
    return found


def flow_sheet(debate: Debate) -> FlowSheet:
    """Lay a debate out as a flow: columns in speech order, answers across from their targets."""
    argmap = debate.map
    sources = sorted(argmap.sources.values(), key=lambda s: s.order)
    index = {s.id: i for i, s in enumerate(sources)}
    columns = [FlowColumn(s.title, ", ".join(p for p in (s.author, s.publisher, s.date) if p)) for s in sources]
    keys = list(debate.claims)
    if len(debate.sides) == 1:  # one side's case: its contentions and what bears on them
        reach: set[str] = set()
        for root in debate.contentions(debate.sides[0]):
            reach.update(bearing_on(debate.graph, root, debate.depth))
        keys = [k for k in keys if k in reach]

    def column_of(key: str) -> int:
        claim = debate.claim(key)
        if claim.map == debate.stem and claim.quote is not None and claim.quote.source in index:
            return index[claim.quote.source]
        return len(sources)

    if any(column_of(k) == len(sources) for k in keys):
        columns.append(FlowColumn("Not in these speeches", "no quote, or from another map"))
    order = {k: i for i, k in enumerate(keys)}
    kept = set(keys)
    parent: dict[str, tuple[str, Relation] | None] = {}
    for key in keys:
        targets = [(t, r) for t, r in _targets(debate, key) if t in kept]
        earlier = [(t, r) for t, r in targets if column_of(t) <= column_of(key)]
        chosen = earlier or targets
        parent[key] = chosen[0] if chosen else None
    children: dict[str, list[str]] = {k: [] for k in keys}
    for key, found in parent.items():
        if found is not None:
            children[found[0]].append(key)
    for found_children in children.values():
        found_children.sort(key=lambda k: (column_of(k), order[k]))

    cells: dict[str, FlowCell] = {}
    next_free = [0] * len(columns)
    numbered = 0

    def place(key: str, row: int, block: int) -> None:
        nonlocal numbered
        numbered += 1
        column = column_of(key)
        row = max(row, next_free[column])
        next_free[column] = row + 1
        link = parent[key]
        also = tuple(t for t, _ in _targets(debate, key) if t in kept and (link is None or t != link[0]))
        cells[key] = FlowCell(
            key, row, column, numbered, link[0] if link else None, _HOW[link[1].kind] if link else None, also, block,
            link is not None and is_analyst(link[1]),
        )
        for child in children[key]:
            if child not in cells:
                place(child, row + (column_of(child) <= column), block)

    roots = sorted((k for k in keys if parent[k] is None), key=lambda k: (column_of(k), order[k]))
    # a cycle of answers has no root: start it at its earliest claim
    leftovers = sorted(keys, key=lambda k: (column_of(k), order[k]))
    block = 0
    for key in [*roots, *leftovers]:
        if key in cells:
            continue
        place(key, max(next_free), block)
        block += 1
    ordered = sorted(cells.values(), key=lambda c: (c.row, c.column))
    renumber = {c.key: i for i, c in enumerate(ordered, 1)}
    final = tuple(
        FlowCell(c.key, c.row, c.column, renumber[c.key], c.parent, c.how, c.also, c.block, c.analyst) for c in ordered
    )
    return FlowSheet(debate, tuple(columns), final, max(next_free, default=0))


def _cell_words(sheet: FlowSheet, cell: FlowCell) -> tuple[str, str, list[str]]:
    """A cell's speaker, text, and its notes (what it answers, and whose link that is) as plain words."""
    debate = sheet.debate
    claim = debate.claim(cell.key)
    notes = []
    if cell.parent is not None and cell.how is not None:
        notes.append(f"{cell.how} #{sheet.cell(cell.parent).number}" + (f" {ANSWER_MARK}" if cell.analyst else ""))
    if cell.also:
        analyst = {t for t, rel in _targets(debate, cell.key) if is_analyst(rel)}
        notes.append("also bears on " + ", ".join(f"#{sheet.cell(k).number}" + (f" {ANSWER_MARK}" if k in analyst else "") for k in cell.also))
    # a speaker's name may carry a parenthetical remark ("name not given"): the cite has it
    who = speaker_name(debate.workspace, claim).split(" (")[0]
    return who, " ".join(claim.text.split()), notes


def flow_csv(sheets: Sequence[FlowSheet]) -> str:
    """The flow as CSV: a header of speeches in order, then one line per flow row.

    Each cell reads ``#3 Speaker: claim (answers #1) [DROPPED]`` (or ``[NO CHANCE TO
    REPLY]``, ``[NOT ENGAGED]``, …: see :data:`REPLY_MARKS`); it always starts with ``#``, so
    no spreadsheet reads a cell as a formula. A last row states the links the verdicts rest on.

    Raises:
        ArgmapError: more than one debate (their speeches differ, so their columns do).
    """
    if len(sheets) != 1:
        names = ", ".join(s.debate.stem for s in sheets)
        raise ArgmapError(f"a CSV flow holds one debate; name one map file (these are {len(sheets)}: {names})")
    sheet = sheets[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f"{i}. {c.title}" for i, c in enumerate(sheet.columns, 1)])
    for line in sheet.grid():
        row = []
        for cell in line:
            if cell is None:
                row.append("")
                continue
            who, text, notes = _cell_words(sheet, cell)
            words = f"#{cell.number} {who}: {text}"
            if notes:
                words += f" ({'; '.join(notes)})"
            mark = reply_mark(sheet.debate, cell.key)
            if mark:
                words += f" [{mark}]"
            row.append(words)
        writer.writerow(row)
    writer.writerow([f"Links: {sheet.debate.links_wording}"] + [""] * (len(sheet.columns) - 1))
    return out.getvalue()


def reply_mark(debate: Debate, key: str) -> str | None:
    """The cell's mark for what became of its claim, or None (answered, or of no side)."""
    response = debate.response(key)
    return REPLY_MARKS.get(response) if response is not None else None


ANSWER_MARK = ANALYST_MARK
"""After "answers #3": the texts do not make that link, the map's analyst does."""


_SIDE_COLOURS = ("#00798A", "#B23A00", "#6A3D9A", "#5C5C5C")

_CSS = """
:root { --ink: #1a1a1a; --paper: #ffffff; --rule: #b8b8b8; --muted: #555555; --cell: #f7f7f7; }
:root.dark { --ink: #ececec; --paper: #16181c; --rule: #4a4d55; --muted: #a8acb5; --cell: #22252b; }
@page { size: landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { margin: 16px; font: 13px/1.35 Arial, "Liberation Sans", sans-serif; color: var(--ink); background: var(--paper); }
h1 { font-size: 18px; margin: 0 0 4px; }
h1 + p { margin: 0 0 8px; color: var(--muted); }
.legend { margin: 0 0 10px; color: var(--muted); font-size: 12px; }
.legend span { margin-right: 14px; }
.links { margin: 0 0 6px; font-size: 12px; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; margin-bottom: 24px; }
th { text-align: left; vertical-align: bottom; padding: 6px; border-bottom: 2px solid var(--ink); font-size: 13px; }
th small { display: block; font-weight: normal; color: var(--muted); }
thead { display: table-header-group; }
td { vertical-align: top; padding: 4px 6px; border-left: 1px solid var(--rule); }
td:first-child { border-left: none; }
tbody.block { border-top: 1px solid var(--rule); }
tr { break-inside: avoid; page-break-inside: avoid; }
.claim { background: var(--cell); border-left: 5px solid var(--side); padding: 4px 6px; border-radius: 3px; }
.head { font-size: 11px; color: var(--muted); }
.head b { color: var(--ink); }
.role { font-size: 10px; font-weight: bold; letter-spacing: .04em; }
.note { font-size: 11px; color: var(--muted); margin-top: 2px; }
.why { font-size: 10px; color: var(--muted); margin-top: 2px; font-style: italic; }
.badge { display: inline-block; font-size: 10px; font-weight: bold; background: var(--ink); color: var(--paper); padding: 0 4px; border-radius: 2px; }
.badge.soft { background: var(--paper); color: var(--ink); border: 1px solid var(--ink); }
@media print { .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
@media print {
  :root, :root.dark { --ink: #000; --paper: #fff; --rule: #999; --muted: #444; --cell: #fff; }
  body { margin: 0; font-size: 9pt; }
  .claim { border-left-width: 4px; }
}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _table(sheet: FlowSheet, out: list[str]) -> None:
    debate = sheet.debate
    colours = {side: _SIDE_COLOURS[i % len(_SIDE_COLOURS)] for i, side in enumerate(debate.map.sides)}
    out.append(f"<h1>{_esc(debate.map.title)}</h1>")
    sides = " · ".join(
        f'<span style="border-left:5px solid {colours[s]};padding-left:4px">{_esc(side_label(debate.workspace, debate.stem, s))}</span>'
        for s in debate.map.sides
    )
    out.append(f"<p>Flow sheet, one column per speech in order. {sides}</p>")
    out.append(f'<p class="links">Links: {_esc(debate.links_wording)}</p>')
    badges = "".join(
        f'<span>{_badge(mark)} {_esc(response.meaning)}</span>' for response, mark in REPLY_MARKS.items()
    )
    out.append(
        '<p class="legend"><span>#n: cell number; "answers #n" names the cell it answers</span>'
        f"<span>{_esc(ANSWER_MARK)}: a link the map's analyst drew, not the speakers</span>"
        f"{badges}"
        "<span>IN stands · OUT falls · UNDEC undecided, each with the reason</span></p>"
    )
    out.append("<table><colgroup>" + "<col>" * len(sheet.columns) + "</colgroup><thead><tr>")
    for number, column in enumerate(sheet.columns, 1):
        detail = f"<small>{_esc(column.detail)}</small>" if column.detail else ""
        out.append(f"<th>{number}. {_esc(column.title)}{detail}</th>")
    out.append("</tr></thead>")
    grid = sheet.grid()
    block = -1
    for line in grid:
        first = next((c for c in line if c is not None), None)
        if first is not None and first.block != block:  # a block's rows all lie below the one before
            if block != -1:
                out.append("</tbody>")
            block = first.block
            out.append('<tbody class="block">')
        out.append("<tr>")
        for cell in line:
            out.append("<td>" + ("" if cell is None else _cell_html(sheet, cell, colours)) + "</td>")
        out.append("</tr>")
    if block != -1:
        out.append("</tbody>")
    out.append("</table>")


def _cell_html(sheet: FlowSheet, cell: FlowCell, colours: dict[str, str]) -> str:
    debate = sheet.debate
    who, text, notes = _cell_words(sheet, cell)
    side = debate.side_of(cell.key)
    colour = colours.get(side, "#888888") if side else "#888888"
    style = ROLE_STYLES[debate.role(cell.key)]
    mark = reply_mark(debate, cell.key)
    badge = f" {_badge(mark)}" if mark else ""
    parts = [
        f'<div class="claim" style="--side:{colour}" id="c{cell.number}">',
        f'<div class="head">#{cell.number} <b>{_esc(who)}</b> · <span class="role">{_esc(style.heading)}</span> · '
        f"{_esc(status_word(debate.status(cell.key)))}{badge}</div>",
        f"<div>{_esc(text)}</div>",
    ]
    if notes:
        parts.append(f'<div class="note">{_esc("; ".join(notes))}</div>')
    parts.append(f'<div class="why">{_esc(debate.reason(cell.key))}</div>')
    parts.append("</div>")
    return "".join(parts)


def _badge(mark: str) -> str:
    """A cell's mark; the unanswered kinds solid, the others outlined."""
    soft = "" if mark in ("DROPPED", "NO CHANCE TO REPLY", "NOT ENGAGED") else " soft"
    return f'<span class="badge{soft}">{_esc(mark)}</span>'



def flow_html(sheets: Sequence[FlowSheet], *, dark: bool = False) -> str:
    """The flow sheets as one self-contained HTML page (inline CSS, no script, no fetches);
    every user string is escaped. Prints landscape, the header repeated on each page."""
    title = " / ".join(s.debate.map.title for s in sheets) or "Flow"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="en"{" class=dark" if dark else ""}><head><meta charset="utf-8">',
        f"<title>Flow: {_esc(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
    ]
    for sheet in sheets:
        _table(sheet, out)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
