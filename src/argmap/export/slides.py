"""A slide deck (PowerPoint, and PDF through LibreOffice) for presenting a debate.

The deck walks a class through a debate: a title slide (debate, resolution, sides and
their burdens, speeches, and the links the verdicts rest on), an overview (where each
contention stands, then the map in outline), one slide per thesis and per major clash with
a diagram, a progressive reveal of the longest rebuttal chains, where the sides agree (when
they do), and a last slide of what each side left unanswered: dropped, no chance to reply
and not engaged apart. Speaker notes hold the verbatim quotes of what a slide shows, with
full citations and each claim's status with its reason, so the presenter can read the words.

Diagrams come from :mod:`argmap.render` as PNG (python-pptx cannot embed SVG), laid out
in whichever direction and wrap width shrinks them least on the slide, at a resolution
matched to the size they are shown. The rebuttal reveal is drawn with PowerPoint shapes
instead: a reveal only works if each step stays where it was on the slide before, and
Graphviz lays out each subset of a chain afresh (boxes would jump between slides); the
renderer also has no per-node fading, and shapes keep the text large, sharp and editable.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.analysis.debate import Response
from argmap.analysis.links import Links
from argmap.errors import ArgmapError, ToolMissingError
from argmap.export.common import (
    ANALYST_MARK,
    UNANSWERED,
    Debate,
    citation,
    is_analyst,
    side_label,
    speaker_name,
    status_word,
)
from argmap.fileio import atomic_write_bytes
from argmap.graph import Role
from argmap.model import ClaimKind, RelationKind
from argmap.render.text import clean, shorten
from argmap.render.themes import ROLE_STYLES

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

__all__ = [
    "LIBREOFFICE_HINT",
    "SLIDE_THEMES",
    "DeckOptions",
    "SlideTheme",
    "build_deck",
    "convert_to_pdf",
    "write_deck",
]

LIBREOFFICE_HINT = (
    "LibreOffice was not found on PATH (needed to write PDF); install it with "
    "'apt-get install libreoffice-impress' (Debian/Ubuntu), or write .pptx instead"
)
_WIDTH, _HEIGHT = 13.333, 7.5  # inches: a 16:9 slide
_MARGIN = 0.45
_TOP = 1.55  # below the title (two lines) and subtitle
_BOTTOM = 0.45
_MAX_PNG_DPI = 200
_PIXELS_PER_SHOWN_INCH = 200  # enough for a 1080p projector with room to zoom
_LEGEND = "★ thesis · ✚ reason · ✖ objection · ↺ rebuttal · solid arrow supports, dashed ⊣ attacks · IN stands, OUT falls, UNDEC undecided · ⚑ dropped: the other side could have answered and did not"
_ANALYST_LEGEND = " · grey dotted “analyst”: an analyst's link, not the speakers'"
_UNANSWERED_WORDS = {
    Response.DROPPED: ("Dropped", "it could have answered them, and did not"),
    Response.NO_CHANCE: ("No chance to reply", "it never spoke after them"),
    Response.NOT_ENGAGED: ("Not engaged", "it spoke later, but never to their speech"),
}
"""The three ways a claim goes unanswered, as the unanswered slide heads them in the column
of the side that left them unanswered."""


@dataclass(frozen=True, slots=True)
class SlideTheme:
    """The deck's colours: background, text, quieter text, faded reveal steps, panels."""

    name: str
    background: str
    text: str
    muted: str
    faded_fill: str
    faded_text: str
    panel: str


SLIDE_THEMES = {
    "light": SlideTheme("light", "FFFFFF", "1A1A1A", "555555", "EFEFEF", "9A9A9A", "F4F4F4"),
    "dark": SlideTheme("dark", "16181C", "F2F2F2", "B8BCC4", "2A2D33", "7C818A", "FFFFFF"),
}


@dataclass(frozen=True, slots=True)
class DeckOptions:
    """What goes in the deck: diagram depth, how many clashes and chains, the theme."""

    theme: str = "light"
    depth: int = 1
    clashes: int = 6
    chains: int = 2

    def __post_init__(self) -> None:
        if self.theme not in SLIDE_THEMES:
            raise ArgmapError(f"unknown slide theme {self.theme!r}; choose one of {', '.join(SLIDE_THEMES)}")
        if self.depth < 0 or self.clashes < 0 or self.chains < 0:
            raise ArgmapError("depth, clashes and chains must be 0 or more")


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    digits = hex_colour.lstrip("#")
    return RGBColor(int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))  # type: ignore[no-untyped-call]


class _Deck:
    """Adds slides to a python-pptx presentation in the deck's theme."""

    def __init__(self, theme: SlideTheme) -> None:
        from pptx import Presentation as new_presentation
        from pptx.util import Inches

        self.theme = theme
        self.prs: Presentation = new_presentation()
        self.prs.slide_width = Inches(_WIDTH)
        self.prs.slide_height = Inches(_HEIGHT)
        self.blank = self.prs.slide_layouts[6]

    def slide(self, title: str, notes: str, *, subtitle: str | None = None) -> Slide:
        slide: Slide = self.prs.slides.add_slide(self.blank)
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(self.theme.background)
        size = 30 if len(title) <= 60 else 24 if len(title) <= 130 else 20  # at most two lines
        self.text(slide, title, _MARGIN, 0.2, _WIDTH - 2 * _MARGIN, 0.85, size, bold=True, name="Title")
        if subtitle:
            self.text(slide, shorten(clean(subtitle), 150), _MARGIN, 1.08, _WIDTH - 2 * _MARGIN, 0.4, 15, colour=self.theme.muted)
        _set_notes(slide, notes)
        return slide

    def text(
        self,
        slide: Slide,
        text: str,
        left: float,
        top: float,
        width: float,
        height: float,
        size: float,
        *,
        bold: bool = False,
        colour: str | None = None,
        name: str | None = None,
        bold_lines: frozenset[int] = frozenset(),
    ) -> Any:
        """A word-wrapped text box; each line of ``text`` a paragraph (those numbered in
        ``bold_lines`` bold)."""
        from pptx.util import Inches, Pt

        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        if name:
            box.name = name
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(text.split("\n")):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = clean(line)
            run.font.size = Pt(size)
            run.font.bold = bold or i in bold_lines
            run.font.name = "Arial"
            run.font.color.rgb = _rgb(colour or self.theme.text)
        return box


def _set_notes(slide: Slide, text: str) -> None:
    """The slide's speaker notes: each line cleaned of control characters, line breaks kept."""
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None  # every notes slide python-pptx makes has a body placeholder
    frame.text = "\n".join(clean(line) for line in text.split("\n"))


def _quote_note(debate: Debate, key: str) -> str:
    """One claim for the speaker notes: the claim, its verbatim quote, its full cite."""
    claim = debate.claim(key)
    lines = [f"■ {claim.text}"]
    if claim.quote is not None:
        lines.append(f"  “{claim.quote.text}”")
    else:
        lines.append("  (no quote in the map; the claim is the analyst's paraphrase)")
    lines.append(f"  — {citation(debate.workspace, claim)}")
    lines.append(f"  Status: {debate.status(key).name} — {debate.reason(key)}")
    response = debate.response(key)
    if response is not None:
        lines.append(f"  Reply: {response.value} — {response.meaning}")
    return "\n".join(lines)


def _notes(debate: Debate, keys: Sequence[str], lead: str = "") -> str:
    parts = [lead] if lead else []
    parts.extend(_quote_note(debate, k) for k in dict.fromkeys(keys))
    return "\n\n".join(parts)


# ---------------------------------------------------------------- diagrams


@dataclass(frozen=True, slots=True)
class _Picture:
    png: bytes
    width: float  # inches, as placed
    height: float
    claims: tuple[str, ...]
    text_points: float  # the claim text's size as shown on the slide
    analyst: bool = False  # it draws an analyst's link


def _diagram(debate: Debate, view: Any, area: tuple[float, float]) -> _Picture:
    """Render ``view`` as a PNG that fills ``area`` (inches) as much as its shape allows:
    of two directions and two wrap widths, the layout shrunk least wins."""
    from argmap.render.dot import RenderOptions, build_dot
    from argmap.render.run import dot_bytes
    from argmap.render.themes import theme
    from argmap.render.views import select

    look = theme("slides")
    candidates = []
    for rankdir in ("BT", "LR"):
        for wrap in (look.wrap, look.wrap + 14):
            options = RenderOptions(theme="slides", rankdir=rankdir, wrap=wrap, legend=False)
            digraph = build_dot(debate.workspace, debate.graph, debate.analysis, view, options)
            digraph.attr("graph", size="", ratio="")  # natural size: the slide decides the scale
            candidates.append(digraph)
    # the four layouts at once, a dot process each: a deck spent most of its time waiting
    # for them one after the other while the other cores idled
    with ThreadPoolExecutor(max_workers=len(candidates)) as pool:
        svgs = list(pool.map(lambda d: dot_bytes(d, "svg").decode("utf-8", "replace"), candidates))
    best: tuple[float, Any, float, float] | None = None
    for digraph, svg in zip(candidates, svgs, strict=True):
        found = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
        if found is None:
            raise ArgmapError("Graphviz dot wrote an SVG without a size")
        width, height = float(found.group(1)) / 72, float(found.group(2)) / 72
        scale = min(area[0] / width, area[1] / height, 1.0)
        if best is None or scale > best[0] * 1.05:
            best = (scale, digraph, width, height)
    assert best is not None
    scale, digraph, width, height = best
    shown = (width * scale, height * scale)
    dpi = max(50, min(_MAX_PNG_DPI, round(_PIXELS_PER_SHOWN_INCH * shown[0] / width)))
    png = dot_bytes(digraph, "png", dpi=dpi)
    selection = select(debate.workspace, debate.graph, view, debate.analysis)
    analyst = any(is_analyst(debate.workspace.relations[k]) for k in selection.relations)
    return _Picture(png, shown[0], shown[1], selection.claims, look.fontsize * scale, analyst)


MAX_BEARING_PER_SLIDE = 4
"""Claims bearing on a contention drawn on one slide; beyond it text gets too small to
read from the back of a room (measured: 7-8 claims gave 7.6-8.5 pt, 11-18 gave 6-7 pt,
6 gave 7-9 pt; 4 keep the text at 10 pt or more)."""


def _contention_pages(debate: Debate, key: str, depth: int) -> list[tuple[Any, str]]:
    """The views of a contention's slides, each with its part of the subtitle.

    A contention with few claims bearing on it (at the first level) gets one slide of its
    neighbourhood up to ``depth``; one with more gets a slide per
    :data:`MAX_BEARING_PER_SLIDE` of its reasons, then of its objections.
    """
    from argmap.render.views import View, bearers

    reasons, attackers = bearers(debate.graph, key)
    if len(reasons) + len(attackers) <= MAX_BEARING_PER_SLIDE:
        return [(View.focus(key, depth), "")]
    pages = []
    for name, group in (("reasons", reasons), ("objections", attackers)):
        for start in range(0, len(group), MAX_BEARING_PER_SLIDE):
            chunk = group[start : start + MAX_BEARING_PER_SLIDE]
            span = f"{start + 1}–{start + len(chunk)} of {len(group)}" if len(group) > len(chunk) else f"all {len(group)}"
            pages.append((View.part(key, chunk), f" · {name} {span}"))
    return pages


def _picture_slide(deck: _Deck, title: str, subtitle: str, picture: _Picture, notes: str) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    slide = deck.slide(title, notes, subtitle=subtitle)
    area_top, area_height = _TOP, _HEIGHT - _TOP - _BOTTOM - 0.3
    left = (_WIDTH - picture.width) / 2
    top = area_top + (area_height - picture.height) / 2
    if deck.theme.name == "dark":  # the diagram is drawn on white: give it a panel
        panel = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left - 0.1), Inches(top - 0.1), Inches(picture.width + 0.2), Inches(picture.height + 0.2))
        panel.fill.solid()
        panel.fill.fore_color.rgb = _rgb(deck.theme.panel)
        panel.line.fill.background()
    shape = slide.shapes.add_picture(io.BytesIO(picture.png), Inches(left), Inches(top), Inches(picture.width), Inches(picture.height))
    shape.name = "Diagram"
    legend = _LEGEND + (_ANALYST_LEGEND if picture.analyst else "")
    deck.text(slide, legend, _MARGIN, _HEIGHT - _BOTTOM - 0.25, _WIDTH - 2 * _MARGIN, 0.35, 11 if not picture.analyst else 10, colour=deck.theme.muted)


# ---------------------------------------------------------------- slides


def _title_slide(deck: _Deck, debate: Debate) -> None:
    argmap = debate.map
    sources = sorted(argmap.sources.values(), key=lambda s: s.order)
    notes = ["Sources, in speech order:"]
    for number, source in enumerate(sources, 1):
        parts = [p for p in (source.author, source.publisher, source.date, source.url) if p]
        notes.append(f"{number}. “{source.title}” — {', '.join(parts)}")
    notes.append("")
    notes.append(f"Links: {debate.links_wording}.")
    if argmap.resolution:
        notes.append(f"Resolution: {argmap.resolution}")
    notes.extend(f"Burden of {side.label}: {side.burden}" for side in argmap.sides.values() if side.burden)
    slide = deck.slide(argmap.title, "\n".join(notes), subtitle=f"Resolution: {argmap.resolution}" if argmap.resolution else None)
    y = _TOP
    if argmap.summary:
        deck.text(slide, shorten(clean(argmap.summary), 420), _MARGIN, y, _WIDTH - 2 * _MARGIN, 1.5, 17, colour=deck.theme.muted)
        y += 1.75
    column = (_WIDTH - 2 * _MARGIN - 0.4) / max(1, len(argmap.sides))
    burdens = any(side.burden for side in argmap.sides.values())
    for i, side in enumerate(argmap.sides.values()):
        speakers = [s.name.split(" (")[0] for s in argmap.speakers.values() if s.side == side.id]
        most = 3 if burdens else 6
        names = [f"• {shorten(n, 60)}" for n in speakers[:most]] + ([f"• and {len(speakers) - most} more"] if len(speakers) > most else [])
        body = "\n".join([side.label, *names])
        if side.burden:
            body += f"\nBurden: {shorten(clean(side.burden), 130)}"
        deck.text(slide, body, _MARGIN + i * (column + 0.4), y, column, 2.4 if burdens else 1.9, 15 if burdens else 18, bold_lines=frozenset({0}))
    y += 2.5 if burdens else 2.0
    listing = "Speeches: " + "  →  ".join(f"{n}. {shorten(s.title, 48)}" for n, s in enumerate(sources, 1))
    deck.text(slide, listing, _MARGIN, min(y, _HEIGHT - 1.3), _WIDTH - 2 * _MARGIN, 0.7, 14, colour=deck.theme.muted)
    deck.text(slide, _links_line(debate), _MARGIN, _HEIGHT - 0.6, _WIDTH - 2 * _MARGIN, 0.4, 14, colour=deck.theme.muted, name="Links")


def _links_line(debate: Debate) -> str:
    """The choice of links, as a slide states it."""
    words = f"Links: {debate.links_wording}."
    if debate.links is Links.ALL and debate.analyst_links:
        words += " Analyst links are grey and dotted in the diagrams."
    return words


def _standing_slide(deck: _Deck, debate: Debate) -> None:
    """Where each side's contentions stand, in words large enough to read out."""
    slide = deck.slide("Overview: where the contentions stand", "", subtitle="Grounded status of each side's contentions; ⚑ = the other side could have answered it and did not")
    notes: list[str] = [_links_line(debate), ""]
    column = (_WIDTH - 2 * _MARGIN - 0.4) / max(1, len(debate.sides))
    for i, side in enumerate(debate.sides):
        lines = [side_label(debate.workspace, debate.stem, side)]
        keys = debate.contentions(side)
        for key in keys[:5]:
            flag = " ⚑" if debate.dropped(key) else ""
            lines.append(f"{debate.status(key).name}{flag} — {shorten(clean(debate.claim(key).text), 110)}")
        if len(keys) > 5:
            lines.append(f"… and {len(keys) - 5} more")
        deck.text(slide, "\n".join(lines), _MARGIN + i * (column + 0.4), _TOP + 0.2, column, _HEIGHT - _TOP - 1.2, 18)
        notes.extend(
            f"{side_label(debate.workspace, debate.stem, side)}: {status_word(debate.status(k))} — {debate.claim(k).text}\n  Why: {debate.reason(k)}"
            for k in keys
        )
    deck.text(slide, _links_line(debate), _MARGIN, _HEIGHT - 0.7, _WIDTH - 2 * _MARGIN, 0.4, 14, colour=deck.theme.muted, name="Links")
    _set_notes(slide, "\n".join(notes))


def _major_clashes(debate: Debate, limit: int, skip: set[str]) -> list[tuple[str, str, str]]:
    """Clashes (attacker, target, relation) on claims in scope, the ones on theses first,
    then those the other side answered back (the clash goes on), in map order; an
    attacker in ``skip`` already has its diagram (a contention that is also an attack)."""
    answered = {c.target for c in debate.analysis.clashes}
    found = [
        c for c in debate.analysis.clashes
        if debate.in_scope(c.target) and debate.in_scope(c.attacker) and debate.claim(c.target).map == debate.stem
    ]
    order = {k: i for i, k in enumerate(debate.claims)}
    found.sort(key=lambda c: (debate.claim(c.target).kind is not ClaimKind.THESIS, c.attacker not in answered, order[c.attacker]))
    seen = set(skip)
    chosen = []
    for clash in found:
        if clash.attacker in seen:
            continue
        seen.add(clash.attacker)
        chosen.append((clash.attacker, clash.target, clash.relation))
        if len(chosen) == limit:
            break
    return chosen


def _chains(debate: Debate, limit: int) -> list[tuple[str, ...]]:
    """The longest rebuttal chains among the claims in scope (at least claim, answer, reply
    when there are any), each once."""
    chains = [c.claims for c in debate.analysis.chains if all(debate.in_scope(k) for k in c.claims) and len(c.claims) >= 2]
    chains.sort(key=lambda c: -len(c))
    chosen: list[tuple[str, ...]] = []
    for chain in chains:
        if any(set(chain) <= set(other) for other in chosen):
            continue
        chosen.append(chain)
        if len(chosen) == limit:
            break
    return chosen


def _attack_word(debate: Debate, attacker: str, target: str) -> str:
    for rel in debate.graph.successors(attacker):
        relation = debate.graph.nodes[rel].get("relation")
        if relation is None or relation.source != attacker or not relation.kind.is_attack:
            continue
        aim = relation.target
        node = debate.graph.nodes[aim]
        if aim == target or (node["type"] == "relation" and node["relation"].source == target):
            return "undercuts" if relation.kind is RelationKind.UNDERCUT else "rebuts"
    return "answers"


def _fit_font(text: str, width: float, height: float, sizes: Sequence[float]) -> float:
    """The largest size whose wrapped lines fit the box (Arial averages ~0.5 em a character)."""
    for size in sizes:
        per_line = max(8, int(width * 72 / (size * 0.5)))
        lines = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        if lines * size * 1.22 / 72 <= height:
            return size
    return sizes[-1]


def _reveal_slides(deck: _Deck, debate: Debate, chain: tuple[str, ...], number: int) -> None:
    """One slide per step of a rebuttal chain: the new step in full colour, earlier ones faded,
    every box where it will stay on the following slides."""
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    shown = 4  # steps on screen at once; older ones are summed up in one line
    first_side = debate.side_of(chain[0])
    sides = [first_side, *(s for s in (debate.side_of(k) for k in chain) if s != first_side)]
    column_of = {side: min(i, 1) for i, side in enumerate(dict.fromkeys(sides))}
    box_width = 7.6
    columns = (_MARGIN + 0.1, _WIDTH - _MARGIN - 0.1 - box_width)
    total = len(chain)
    for step in range(1, total + 1):
        start = max(0, step - shown)
        visible = list(range(start, step))
        rows = min(total, shown)
        gap = 0.28
        top = _TOP + (0.35 if start else 0.05)
        row_height = (_HEIGHT - top - _BOTTOM - gap * (rows - 1)) / rows
        words = ["claim", *(_attack_word(debate, chain[i], chain[i - 1]) for i in range(1, total))]
        new = chain[step - 1]
        lead = (
            f"Rebuttal chain {number}, step {step} of {total}: {speaker_name(debate.workspace, debate.claim(new))} "
            f"{words[step - 1]}{'' if step == 1 else ' the step before'}."
        )
        if step == total:
            last = next((c.last_word for c in debate.analysis.chains if c.claims == chain), None)
            lead += f" Last word: {side_label(debate.workspace, debate.stem, last) if last else 'nobody (the chain loops)'}."
        slide = deck.slide(
            f"Rebuttal chain {number}: step {step} of {total}",
            _notes(debate, [new], lead),
            subtitle=shorten(clean(debate.claim(chain[0]).text), 120),
        )
        if start:
            deck.text(slide, f"↑ {start} earlier step{'s' if start > 1 else ''} (previous slides)", _MARGIN, _TOP - 0.05, 6, 0.35, 13, colour=deck.theme.muted)
        boxes: dict[int, tuple[float, float]] = {}
        for row, index in enumerate(visible):
            key = chain[index]
            current = index == step - 1
            style = ROLE_STYLES[Role.CLAIM if index == 0 else (Role.OBJECTION if index == 1 else Role.REBUTTAL)]
            if index == 0:
                style = ROLE_STYLES[debate.role(key)] if debate.role(key) is not Role.CLAIM else style
            side = debate.side_of(key)
            left = columns[column_of.get(side, 0)]
            y = top + row * (row_height + gap)
            shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(left), Inches(y), Inches(box_width), Inches(row_height))
            shape.name = f"Step {index + 1}" + (" (new)" if current else " (faded)")
            shape.adjustments[0] = 0.08
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb("FFFFFF" if current else deck.theme.faded_fill)
            shape.line.color.rgb = _rgb(style.color if current else deck.theme.faded_text)
            shape.line.width = Pt(3 if current else 1)
            frame = shape.text_frame
            frame.word_wrap = True
            frame.vertical_anchor = MSO_ANCHOR.TOP
            for margin in ("margin_left", "margin_right"):
                setattr(frame, margin, Inches(0.15))
            frame.margin_top = frame.margin_bottom = Inches(0.08)
            head = f"{style.icon} {words[index].upper() if index else style.word}  ·  {speaker_name(debate.workspace, debate.claim(key)).split(' (')[0]}  ·  {side_label(debate.workspace, debate.stem, side)}"
            body = clean(debate.claim(key).text)
            size = _fit_font(body, box_width - 0.3, row_height - 0.45, (24, 22, 20, 18, 16, 14, 12) if current else (18, 16, 14, 12, 11))
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT
            run = paragraph.add_run()
            run.text = clean(head)
            run.font.size = Pt(13)
            run.font.bold = True
            run.font.name = "Arial"
            run.font.color.rgb = _rgb(style.color if current and style.color != "#F2B705" else ("8A6A00" if current else deck.theme.faded_text))
            paragraph = frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.LEFT
            run = paragraph.add_run()
            run.text = body
            run.font.size = Pt(size)
            run.font.name = "Arial"
            run.font.color.rgb = _rgb("1A1A1A" if current else deck.theme.faded_text)
            boxes[index] = (left, y)
        for index in visible[1:]:
            left, y = boxes[index]
            target_left, target_y = boxes[index - 1]
            line = slide.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT,
                Inches(left + box_width / 2), Inches(y),
                Inches(target_left + box_width / 2), Inches(target_y + row_height),
            )
            line.line.width = Pt(2.5)
            line.line.color.rgb = _rgb(ROLE_STYLES[Role.OBJECTION].color if index == step - 1 else deck.theme.faded_text)
            line.line.dash_style = 4  # MSO_LINE_DASH_STYLE.DASH: attacks are dashed, as in the diagrams
            _arrowhead(line)


def _arrowhead(connector: Any) -> None:
    """A filled arrowhead at the connector's end (python-pptx has no API for it)."""
    from pptx.oxml.xmlchemy import OxmlElement

    tail = OxmlElement("a:tailEnd")
    connector.line._get_or_add_ln().append(tail)
    tail.set("type", "triangle")
    tail.set("w", "med")
    tail.set("len", "med")


def _unanswered_slide(deck: _Deck, debate: Debate) -> None:
    """What each side left unanswered of the other sides' claims, in three groups never
    lumped together: dropped (it could have answered and did not), no chance to reply
    (it never spoke after them), not engaged (it spoke later, never to that speech); the
    weightiest first in each (contentions, then objections and rebuttals, then reasons)."""
    rank = {Role.THESIS: 0, Role.OBJECTION: 1, Role.REBUTTAL: 2, Role.REASON: 3, Role.CLAIM: 4}
    order = {k: i for i, k in enumerate(debate.claims)}
    slide = deck.slide(
        "Left unanswered", "",
        subtitle="Claims of the other side each side never answered: dropped, no chance to reply, and not engaged are not the same",
    )
    column = (_WIDTH - 2 * _MARGIN - 0.4) / max(1, len(debate.sides))
    shown = {Response.DROPPED: 4, Response.NO_CHANCE: 2, Response.NOT_ENGAGED: 2}
    notes: list[str] = []
    for i, side in enumerate(debate.sides):
        label = side_label(debate.workspace, debate.stem, side)
        # a point its own side grants (a concession) asked for no answer
        theirs = [k for k in debate.claims if debate.side_of(k) not in (side, None) and debate.claim(k).map == debate.stem and not debate.concession(k)]
        lines = [f"{label} left unanswered:"]
        headings = {0}
        for response in UNANSWERED:
            listed = sorted((k for k in theirs if debate.response(k) is response), key=lambda k: (rank[debate.role(k)], order[k]))
            heading, meaning = _UNANSWERED_WORDS[response]
            headings.add(len(lines))
            lines.append(f"{heading} ({len(listed)}): {meaning}")
            lines.extend(f"{ROLE_STYLES[debate.role(k)].icon} {shorten(clean(debate.claim(k).text), 85)}" for k in listed[: shown[response]])
            if len(listed) > shown[response]:
                lines.append(f"… and {len(listed) - shown[response]} more (see the notes, or argmap brief)")
            notes.append(f"{label}, {heading.lower()} ({len(listed)}): {response.meaning}")
            notes.extend(_quote_note(debate, k) for k in listed)
            notes.append("")
        size = _fit_font("\n".join(lines), column, _HEIGHT - _TOP - 0.8, (18, 16, 15, 14, 13, 12))
        deck.text(slide, "\n".join(lines), _MARGIN + i * (column + 0.4), _TOP + 0.1, column, _HEIGHT - _TOP - 0.8, size, bold_lines=frozenset(headings))
    _set_notes(slide, "\n".join(notes))


def _agreement_slide(deck: _Deck, debate: Debate) -> None:
    """Where the sides agree (no slide when they agree nowhere): each claim one side grants
    of another's, an analyst's reading of agreement marked as such."""
    found = debate.agreements()
    if not found:
        return
    workspace = debate.workspace
    slide = deck.slide("Where the sides agree", "", subtitle="A claim of one side that a speaker of the other side grants")
    lines, notes = [], []
    for agreement in found:
        claim = debate.claim(agreement.claim)
        own = side_label(workspace, claim.map, debate.side_of(agreement.claim))
        if agreement.grantor_claim is None:
            speaker = workspace.maps[claim.map].speakers.get(agreement.by or "")
            by = speaker.name.split(" (")[0] if speaker else "the other side"
            lines.append(f"✔ {shorten(clean(claim.text), 110)} ({own}) — conceded by {by}")
            notes.append(f"{own}: conceded by {by}\n{_quote_note(debate, agreement.claim)}")
            continue
        relation = workspace.relations.get(agreement.relation or "")
        mark = f" {ANALYST_MARK}" if relation is not None and is_analyst(relation) else ""
        by = speaker_name(workspace, debate.claim(agreement.grantor_claim)).split(" (")[0]
        lines.append(f"✔ {shorten(clean(claim.text), 110)} ({own}) — granted by {by}{mark}")
        reading = " The texts do not make this link: it is the analyst's reading of agreement." if mark else ""
        notes.append(f"{own}: granted by {by}.{reading}\n{_quote_note(debate, agreement.claim)}\n{_quote_note(debate, agreement.grantor_claim)}")
    if len(lines) > 8:
        lines[8:] = [f"… and {len(lines) - 8} more (see the notes, or argmap brief)"]
    size = _fit_font("\n".join(lines), _WIDTH - 2 * _MARGIN, _HEIGHT - _TOP - 0.8, (20, 18, 16, 15, 14, 13))
    deck.text(slide, "\n".join(lines), _MARGIN, _TOP + 0.1, _WIDTH - 2 * _MARGIN, _HEIGHT - _TOP - 0.8, size)
    _set_notes(slide, "\n\n".join(notes))


def build_deck(debates: Sequence[Debate], options: DeckOptions | None = None) -> Presentation:
    """The deck for ``debates`` (each debate's slides in turn), as a python-pptx presentation.

    Raises:
        ToolMissingError: Graphviz ``dot`` is not installed (the diagrams need it).
        ArgmapError: ``dot`` failed.
    """
    from argmap.render.views import View

    options = options or DeckOptions()
    deck = _Deck(SLIDE_THEMES[options.theme])
    area = (_WIDTH - 2 * _MARGIN, _HEIGHT - _TOP - _BOTTOM - 0.35)
    # every diagram of a debate is drawn at once, on a few threads (each mostly waits for
    # its dot processes), while the slides are laid out in order as their pictures arrive
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        for debate in debates:

            def draw(view: Any, debate: Debate = debate) -> Future[_Picture]:
                return pool.submit(_diagram, debate, view, area)

            overview = draw(View.overview(debate.stem))
            focused: set[str] = set()
            contentions: list[tuple[str, int, str, str, Future[_Picture]]] = []
            for side in debate.sides:
                for number, key in enumerate(debate.contentions(side), 1):
                    focused.add(key)
                    label = side_label(debate.workspace, debate.stem, side)
                    contentions.extend((key, number, label, part, draw(view)) for view, part in _contention_pages(debate, key, options.depth))
            clashes = [(attacker, target, draw(View.focus(attacker, options.depth))) for attacker, target, _ in _major_clashes(debate, options.clashes, skip=focused)]
            _title_slide(deck, debate)
            _standing_slide(deck, debate)
            shown = overview.result()
            _picture_slide(deck, "Overview: the map in outline", "Theses, their direct reasons and objections, and as much more as fits", shown, _notes(debate, [k for k in shown.claims if debate.claim(k).kind is ClaimKind.THESIS], "The contentions, verbatim:"))
            for key, number, label, part, drawn in contentions:
                picture = drawn.result()
                _picture_slide(
                    deck,
                    shorten(clean(debate.claim(key).text), 130),
                    f"{label} · contention {number}{part} · {status_word(debate.status(key))}",
                    picture,
                    _notes(debate, [key, *(k for k in picture.claims if k != key)], f"Contention {number} of {label}, and what bears on it:"),
                )
            for attacker, target, drawn in clashes:
                picture = drawn.result()
                word = _attack_word(debate, attacker, target)
                a_label = side_label(debate.workspace, debate.stem, debate.side_of(attacker))
                t_label = side_label(debate.workspace, debate.stem, debate.side_of(target))
                _picture_slide(
                    deck,
                    f"Clash: {shorten(clean(debate.claim(attacker).text), 110)}",
                    f"{a_label} {word} {t_label}: “{shorten(clean(debate.claim(target).text), 90)}”",
                    picture,
                    _notes(debate, [attacker, target, *(k for k in picture.claims if k not in (attacker, target))], f"{a_label} {word} {t_label}:"),
                )
            for number, chain in enumerate(_chains(debate, options.chains), 1):
                _reveal_slides(deck, debate, chain, number)
            _agreement_slide(deck, debate)
            _unanswered_slide(deck, debate)
    return deck.prs


def write_deck(debates: Sequence[Debate], path: Path, options: DeckOptions | None = None) -> Path:
    """Write the deck as ``.pptx``, or as ``.pdf`` through LibreOffice; return the path.

    Raises:
        ToolMissingError: LibreOffice (for PDF) or Graphviz is not installed.
        ArgmapError: the suffix is neither .pptx nor .pdf, or a conversion failed.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pptx", ".pdf"):
        raise ArgmapError(f"{path}: write slides to a .pptx or .pdf file")
    if suffix == ".pdf" and _office() is None:  # before minutes of rendering, not after
        raise ToolMissingError(LIBREOFFICE_HINT)
    prs = build_deck(debates, options)
    buffer = io.BytesIO()
    prs.save(buffer)
    if suffix == ".pptx":
        atomic_write_bytes(path, buffer.getvalue())
    else:
        atomic_write_bytes(path, convert_to_pdf(buffer.getvalue(), stem=path.stem))
    return path


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def convert_to_pdf(pptx: bytes, *, stem: str = "deck", timeout: float = 300) -> bytes:
    """A PowerPoint file converted to PDF by ``libreoffice --headless --convert-to pdf``.

    LibreOffice runs with a profile of its own in a temporary folder, so a LibreOffice the
    user has open does not swallow the request.

    Raises:
        ToolMissingError: LibreOffice is not installed.
        ArgmapError: the conversion failed or took longer than ``timeout`` seconds.
    """
    office = _office()
    if office is None:
        raise ToolMissingError(LIBREOFFICE_HINT)
    with tempfile.TemporaryDirectory(prefix="argmap-slides-") as folder:
        work = Path(folder)
        source = work / f"{stem}.pptx"
        source.write_bytes(pptx)
        command = [
            office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(work / "out"), str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except FileNotFoundError as err:
            raise ToolMissingError(LIBREOFFICE_HINT) from err
        except subprocess.TimeoutExpired as err:
            raise ArgmapError(f"LibreOffice took longer than {timeout:.0f} s to convert the deck to PDF") from err
        result = work / "out" / f"{stem}.pdf"
        if done.returncode != 0 or not result.is_file():
            said = next((line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()), f"exit status {done.returncode}")
            raise ArgmapError(f"LibreOffice could not convert the deck to PDF: {said}")
        return result.read_bytes()
