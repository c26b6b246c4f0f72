"""Build the Graphviz diagram of a view: one ``graphviz.Digraph``, HTML-like labels only.

Every box is a rounded HTML table: a header bar with the role's icon and word (and the
claim's status when the status overlay is on), the claim text wrapped in Python, the
speaker and side, then optional rows for a dropped claim, the strength and what the view
hides. Supports are solid arrows; rebuttals and undercuts dashed with a ``tee`` head. A
relation that is undercut passes through a small diamond so the undercut can end on it;
linked premises meet in a junction dot before their one arrow. Claims of another map are
drawn with a dashed border and their map's name. An analyst's link (a relation tagged
``analyst-link``, drawn only when the analysis counts all links) is grey and dotted, with
a small "analyst" beside it: no speaker made it. The title, the choice of links and a
legend sit in the graph label, where they never disturb the layout.

DOT is built in a ``graphviz.Digraph``, with node names of our own (``c0``, ``r0``: keys
contain ``:``, which DOT would read as a port) and every piece of user text escaped by
:mod:`argmap.render.text`. Node and edge statements are written straight into its ``body``
(:func:`_claim_node`, :func:`_junction`, :func:`_add_relations`), byte for byte as
``Digraph.node``/``edge`` would write them (the label first, then the other attributes by
name): those methods' argument-checking wrappers took a third of the time to build a
3,000-claim diagram, and a dict and a sort per statement much of the rest. Boxes share few
distinct table openings, header bars and speaker lines, so those are built once per diagram
(:meth:`_Context.once`), not cleaned, shortened and escaped again for every box.
:func:`dot_pieces` gives the same source in pieces as it is built, for ``dot`` to read
while the rest is built (``argmap render``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import graphviz
from graphviz.quoting import ID, KEYWORDS

from argmap import collector
from argmap.analysis.links import ANALYST_LINK, Links
from argmap.errors import ArgmapError
from argmap.graph import Graph, Role, role
from argmap.model import Claim, ClaimKind, Relation, RelationKind, Speaker, Workspace
from argmap.render.text import clean, dot_escape, html_lines, html_text, shorten, wrap
from argmap.render.themes import RELATION_STYLES, ROLE_STYLES, Theme, theme
from argmap.render.views import Hidden, Selection, View, ViewKind, select

if TYPE_CHECKING:
    from argmap.analysis import MapAnalysis

_Piece = TypeVar("_Piece")

__all__ = ["ANALYST_COLOUR", "ANALYST_LABEL", "DEFAULT_OVERLAYS", "OVERLAYS", "RANKDIRS", "RenderOptions", "build_dot", "dot_pieces", "parse_overlays"]

OVERLAYS = ("status", "strength", "dropped")
DEFAULT_OVERLAYS = frozenset({"status", "dropped"})
"""Status and dropped are on by default: what stands and what went unanswered is what a
coach discusses first, and both are plain words. Strength is off: it is one gradual
semantics' number, easy to over-read without explanation."""
RANKDIRS = ("BT", "TB", "LR", "RL")
LARGE = 500
"""Boxes from which a diagram is laid out with capped network-simplex iterations."""
LARGE_NSLIMIT = 0.2

_FONT = "Arial"  # fontconfig maps it to Liberation Sans; consistent across renderers
_STATUS_WORDS = {"IN": "● IN", "OUT": "○ OUT", "UNDEC": "◐ UNDEC"}
_OUT_BODY = "#EDEDED"
_OUT_TEXT = "#555555"
_MUTED = "#4D4D4D"
_FOCUS_BORDER = 4
_EDGE_ORDER = (RelationKind.SUPPORT, RelationKind.REBUT, RelationKind.UNDERCUT)
_RELATION_WORDS = {RelationKind.SUPPORT: "supports", RelationKind.REBUT: "rebuts", RelationKind.UNDERCUT: "undercuts the inference"}
ANALYST_COLOUR = "#8C8C8C"
"""An analyst's link: grey (and dotted, and labelled), never a role's or relation's colour."""
ANALYST_LABEL = "analyst"


@dataclass(frozen=True)
class RenderOptions:
    """How to draw: theme, direction, wrap width, overlays, legend.

    ``rankdir`` and ``wrap`` default to the theme's choice (``BT``: theses on top,
    arrows pointing up at what they bear on).
    """

    theme: str = "screen"
    rankdir: str = "BT"
    wrap: int | None = None
    overlays: frozenset[str] = field(default=DEFAULT_OVERLAYS)
    legend: bool = True
    max_lines: int = 14

    def __post_init__(self) -> None:
        theme(self.theme)  # fails early, naming the themes
        if self.rankdir not in RANKDIRS:
            raise ArgmapError(f"unknown rankdir {self.rankdir!r}; choose one of {', '.join(RANKDIRS)}")
        unknown = set(self.overlays) - set(OVERLAYS)
        if unknown:
            raise ArgmapError(f"unknown overlay {sorted(unknown)[0]!r}; choose from {', '.join(OVERLAYS)} or none")
        if self.wrap is not None and self.wrap < 8:
            raise ArgmapError(f"wrap width must be at least 8 characters, not {self.wrap}")

    def as_dict(self) -> dict[str, object]:
        """The options as plain data (for the renders manifest)."""
        return {
            "theme": self.theme,
            "rankdir": self.rankdir,
            "wrap": self.wrap,
            "overlays": sorted(self.overlays),
            "legend": self.legend,
            "max_lines": self.max_lines,
        }


def parse_overlays(text: str) -> frozenset[str]:
    """``"status,dropped"`` → the overlay set; ``"none"`` or ``""`` → none."""
    names = {part.strip().lower() for part in text.split(",") if part.strip()}
    names.discard("none")
    if "all" in names:
        return frozenset(OVERLAYS)
    unknown = names - set(OVERLAYS)
    if unknown:
        raise ArgmapError(f"unknown overlay {sorted(unknown)[0]!r}; choose from {', '.join(OVERLAYS)}, all or none")
    return frozenset(names)


@dataclass(frozen=True)
class _Context:
    """What every label builder needs, computed once per diagram."""

    workspace: Workspace
    graph: Graph
    analysis: MapAnalysis | None
    selection: Selection
    options: RenderOptions
    theme: Theme
    wrap: int
    roles: Mapping[str, Role]
    undrawn: Mapping[str, list[Relation]]  # relations the view leaves out, by each of their premises
    status: Mapping[str, str]  # IN, OUT or UNDEC of the claims and relations drawn; empty without the overlay
    dropped: Set[str]  # claims the other side never answered; empty without the overlay
    links_note: str | None = None  # the choice of links, as the graph label states it
    pieces: dict[tuple[Hashable, ...], Any] = field(default_factory=dict)  # built by once()

    def overlay(self, name: str) -> bool:
        return self.analysis is not None and name in self.options.overlays

    def once(self, build: Callable[..., _Piece], *args: Hashable) -> _Piece:
        """``build(self, *args)``, built the first time it is asked for and then reused.

        ``build`` must depend on nothing but the diagram and ``args``. Thousands of boxes
        share a handful of header bars and speaker lines; building each again for every
        box was much of the time spent on a large map.
        """
        key = (build, *args)
        piece = self.pieces.get(key)
        if piece is None:
            piece = self.pieces[key] = build(self, *args)
        return piece


@collector.paused()
def build_dot(
    workspace: Workspace,
    graph: Graph,
    analysis: MapAnalysis | None = None,
    view: View | None = None,
    options: RenderOptions | None = None,
    *,
    links_note: str | None = None,
) -> graphviz.Digraph:
    """The diagram of ``view`` (default: every claim) as a ``graphviz.Digraph``.

    The analysis is run here when an overlay or the chain view needs it and none is given.
    ``workspace`` and ``graph`` are drawn as they are: to leave the analyst's links out,
    pass the analysis' own (``analysis.workspace``, ``analysis.graph``). ``links_note``
    states the choice of links under the title (the words of
    :meth:`~argmap.analysis.links.Links.wording`); without it, the analysis' choice is
    stated in general words.

    Raises:
        ArgmapError: an unknown claim, side or map in the view, or a bad option.
    """
    dot = graphviz.Digraph(name="argmap", engine="dot")
    for _ in _build(dot, workspace, graph, analysis, view, options, links_note):
        pass
    return dot


def dot_pieces(
    workspace: Workspace,
    graph: Graph,
    analysis: MapAnalysis | None = None,
    view: View | None = None,
    options: RenderOptions | None = None,
    *,
    links_note: str | None = None,
) -> Iterator[str]:
    """The source of :func:`build_dot`'s diagram in pieces, each given as soon as it is
    built, for ``dot`` to read while the rest is built (:func:`~argmap.render.run.render_pieces`).

    Raises:
        ArgmapError: as :func:`build_dot`, before the first piece.
    """
    with collector.paused():  # while the pieces are built, as build_dot: reading them in between allocates little
        dot = graphviz.Digraph(name="argmap", engine="dot")
        *head, tail = dot  # the opening line of an empty graph, and its closing brace
        stages = _build(dot, workspace, graph, analysis, view, options, links_note)
        next(stages)  # the checks that raise come before anything is given
        yield "".join(head)
        given = 0
        for _ in stages:
            yield "".join(dot.body[given:])
            given = len(dot.body)
        yield tail


BOXES_A_PIECE = 50
"""Boxes in each piece of :func:`dot_pieces` (about 60 KB of DOT)."""


def _build(
    dot: graphviz.Digraph,
    workspace: Workspace,
    graph: Graph,
    analysis: MapAnalysis | None,
    view: View | None,
    options: RenderOptions | None,
    links_note: str | None,
) -> Iterator[None]:
    """Write the diagram's statements into ``dot``, pausing after each stage: once what
    the view is has been worked out (before any statement), after the graph's own
    attributes and every :data:`BOXES_A_PIECE` boxes, and at the end."""
    view = view or View.whole()
    options = options or RenderOptions()
    if analysis is None and (options.overlays or view.kind is ViewKind.CHAIN):
        from argmap.analysis import analyze

        analysis = analyze(workspace, graph)
    selection = select(workspace, graph, view, analysis)
    look = theme(options.theme)
    ctx = _Context(
        workspace, graph, analysis, selection, options, look, options.wrap or look.wrap,
        roles=_display_roles(graph, workspace, selection),
        undrawn=_undrawn(workspace, selection),
        status=_status_words(analysis, selection) if analysis is not None and "status" in options.overlays else {},
        dropped=analysis.dropped if analysis is not None and "dropped" in options.overlays else frozenset(),
        links_note=links_note or (_LINKS_NOTES[analysis.links] if analysis is not None else None),
    )
    yield
    dot.attr(
        "graph",
        rankdir=options.rankdir,
        newrank="true",
        nodesep=str(look.nodesep),
        ranksep=str(look.ranksep),
        splines="spline",
        pad="0.3",
        ordering="in",
        fontname=_FONT,
        fontsize=str(look.fontsize),
        bgcolor="white",
        labelloc="t",
        labeljust="l",
        **look.graph,
    )
    if len(selection.claims) >= LARGE:
        # x-placement by network simplex dominates dot's time on big diagrams (44 s of
        # 45 s at 3,000 claims); capping its iterations cuts that fivefold
        dot.attr("graph", nslimit=str(LARGE_NSLIMIT))
    dot.attr("node", shape="plain", fontname=_FONT, fontsize=str(look.fontsize))
    dot.attr("edge", fontname=_FONT, fontsize=str(look.small), penwidth=str(look.penwidth), arrowsize="0.9")
    if options.legend:
        dot.attr("graph", label=_graph_label(ctx))
    yield
    claims = workspace.claims
    keys = list(selection.claims)
    for start in range(0, len(keys), BOXES_A_PIECE):
        dot.body.extend([_claim_node(ctx, f"c{i}", claims[keys[i]]) for i in range(start, min(start + BOXES_A_PIECE, len(keys)))])
        yield
    _add_relations(dot, ctx, {key: f"c{i}" for i, key in enumerate(keys)})
    yield


_LINKS_NOTES = {
    Links.TEXTS: "as the texts argue it: analyst links left out (--links all draws them)",
    Links.ALL: "as the analyst reads it: analyst links counted and drawn grey and dotted (--links texts leaves them out)",
}


def _quote(value: str) -> str:
    """A plain (not HTML-like) attribute value as ``graphviz.quoting.quote`` writes it: as it
    is when it is a DOT ID, otherwise in double quotes.

    Values are our own constants (colours, sizes) or :func:`~argmap.render.text.dot_text`
    output, in which every backslash is doubled or starts a ``\\n``: no ``"`` is escaped
    already, so escaping is a plain replace (the regex ``graphviz`` needs to tell took a
    fifth of the time to build a large diagram). Tooltips skip even this: see :func:`_tooltip`.
    """
    if ID.match(value) and value.lower() not in KEYWORDS:
        return value
    return '"' + value.replace('"', '\\"') + '"'


def _tooltip(lines: Iterable[str]) -> str:
    """A tooltip attribute value from lines of :func:`~argmap.render.text.dot_escape`-d
    text, leaving out empty ones: the bytes of ``_quote(dot_text(…))`` without cleaning
    and quoting every line again. A tooltip always names a claim or relation key, whose
    ``:`` no DOT ID holds, so ``graphviz`` always quotes it too."""
    return '"' + "\\n".join(filter(None, lines)) + '"'


def _display_roles(graph: Graph, workspace: Workspace, selection: Selection) -> dict[str, Role]:
    """Each claim's role *in this diagram*: what its drawn arrows do.

    A claim that supports one claim and rebuts another is an objection in the whole map,
    but in a diagram that draws only its support it must read as a reason, or a solid
    arrow leaves a red box. Linked premises take the role of the reason they are part of.
    A claim with no drawn arrow of its own (a thesis, the top of a view) keeps its role
    in the whole map.
    """
    relations, claims = workspace.relations, workspace.claims
    stated_by: dict[str, list[Relation]] = {}
    for rel_key in selection.relations:
        rel = relations[rel_key]
        for premise in rel.premises:
            stated_by.setdefault(premise, []).append(rel)
    # targets are asked about again and again, by every claim bearing on them
    whole_role = functools.cache(functools.partial(role, graph))
    an_attack = functools.cache(functools.partial(_is_an_attack, relations, whole_role))
    result: dict[str, Role] = {}
    for key in selection.claims:
        stated = stated_by.get(key)
        if not stated or claims[key].kind is ClaimKind.THESIS:  # a thesis stays a thesis
            result[key] = whole_role(key)
            continue
        shown = Role.REASON  # unless one of its drawn arrows attacks
        for rel in stated:
            if rel.kind.is_attack:
                if an_attack(rel.target):
                    shown = Role.REBUTTAL
                    break
                shown = Role.OBJECTION
        result[key] = shown
    return result


def _is_an_attack(relations: Mapping[str, Relation], whole_role: Callable[[str], Role], target: str) -> bool:
    """Whether the target of an attack is itself one: an attacking claim, or the inference
    of an attack (what an undercut aims at). An attack on an attack is a rebuttal."""
    attacked = relations.get(target)
    if attacked is not None:
        return attacked.kind.is_attack
    return whole_role(target).is_attack


def _undrawn(workspace: Workspace, selection: Selection) -> dict[str, list[Relation]]:
    """The relations the view leaves out, by each of their premises (for "also … not shown")."""
    drawn = set(selection.relations)
    result: dict[str, list[Relation]] = {}
    for key, rel in workspace.relations.items():
        if key not in drawn:
            for premise in rel.premises:
                result.setdefault(premise, []).append(rel)
    return result


def _status_words(analysis: MapAnalysis, selection: Selection) -> dict[str, str]:
    """``IN``, ``OUT`` or ``UNDEC`` for each claim and relation drawn that has a status."""
    status = analysis.status
    return {key: status[key].name for key in (*selection.claims, *selection.relations) if key in status}


def _claim_node(ctx: _Context, name: str, claim: Claim) -> str:
    """One box's DOT statement, ``name [label=<…> tooltip="…"]``, written in one piece.

    What boxes share (the table's opening with its header bar, the speaker line under
    the text) comes ready-made from :meth:`_Context.once`; only what is the claim's own
    (its text, the rows few boxes have, the tooltip) is built per box. The text is
    cleaned once, for both the label and the tooltip.
    """
    key = claim.key
    stem = key.partition(":")[0]  # claim.map, without a property call per box
    text = clean(claim.text)
    status = ctx.status.get(key)
    evidence, dropped, focused = claim.kind is ClaimKind.EVIDENCE, key in ctx.dropped, key == ctx.selection.focus
    head, tail = ctx.once(_box_frame, ctx.roles[key], evidence, stem, claim.by, status, dropped, focused)
    body = html_lines(wrap(text, ctx.wrap, ctx.options.max_lines, cleaned=True))
    label = f"{head}{body}{tail}{_extra_rows(ctx, key, status)}</TABLE>>"
    return f"\t{name} [label={label} tooltip={_claim_tooltip(ctx, claim, stem, text)}]\n"


def _body_colours(status: str | None) -> tuple[str, str]:
    """Background and text colour of a box's body: grey for a defeated claim."""
    return (_OUT_BODY, _OUT_TEXT) if status == "OUT" else ("white", "#111111")


def _box_frame(
    ctx: _Context, shown_role: Role, is_evidence: bool, stem: str, by: str | None, status: str | None, dropped: bool, focused: bool
) -> tuple[str, str]:
    """A box's label around its claim text: up to the text (the table's opening, the
    header bar, the body cell's opening), and from it to the optional rows (the speaker
    line). Boxes alike in all these arguments differ only in their text."""
    external = ctx.selection.home is not None and stem != ctx.selection.home
    body_bg, body_fg = _body_colours(status)
    evidence = is_evidence and shown_role is not Role.THESIS
    border = _FOCUS_BORDER if focused else (2 if shown_role is Role.THESIS else 1)
    table_style = "dashed" if external else "rounded"
    header = _header_row(ctx, shown_role, evidence, stem if external else None, ctx.once(_side_tag, stem, by), status)
    head = (
        f'<<TABLE BORDER="{border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" STYLE="{table_style}" '
        f'COLOR="{ROLE_STYLES[shown_role].color}" BGCOLOR="{body_bg}">{header}'
        f'<TR><TD COLSPAN="2" BGCOLOR="{body_bg}" ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="6"><FONT COLOR="{body_fg}">'
    )
    return head, "</FONT></TD></TR>" + _footer_row(ctx, body_bg, stem, by, dropped)


def _extra_rows(ctx: _Context, key: str, status: str | None) -> str:
    """The rows under the speaker line, which most boxes lack: the strength overlay, and
    what the view leaves out around the claim."""
    body_bg = _body_colours(status)[0]
    rows = ""
    if ctx.overlay("strength") and ctx.analysis is not None and key in ctx.analysis.strength:
        rows += _small_row(ctx, body_bg, html_text(_strength_bar(ctx.analysis.strength[key])))
    if key in ctx.selection.hidden or key in ctx.undrawn:
        hidden = _hidden_line(ctx, key)
        if hidden:
            rows += _small_row(ctx, body_bg, "<I>" + html_text(hidden) + "</I>")
    return rows


def _header_row(ctx: _Context, shown_role: Role, evidence: bool, origin: str | None, side_tag: str, status: str | None) -> str:
    """The header bar: role word and icon (evidence, the map of an external claim), then
    the side and the status."""
    look = ctx.theme
    style = ROLE_STYLES[shown_role]
    header_bg = style.tint if look.tinted_headers else style.color
    header_fg = "#1A1A1A" if look.tinted_headers else style.text
    heading = f"<B>{html_text(style.heading)}</B>"
    if evidence:
        heading += " " + html_text("· evidence")
    if origin is not None:
        heading += " " + html_text(f"↗ from {shorten(origin, 24)}")
    tag = html_text(side_tag)
    if status is not None:
        tag += " " + html_text(_STATUS_WORDS[status])
    return (
        f'<TR><TD BGCOLOR="{header_bg}" ALIGN="LEFT" CELLPADDING="4"><FONT COLOR="{header_fg}" POINT-SIZE="{look.small}">{heading}</FONT></TD>'
        f'<TD BGCOLOR="{header_bg}" ALIGN="RIGHT" CELLPADDING="4"><FONT COLOR="{header_fg}" POINT-SIZE="{look.small}"><B>{tag}</B></FONT></TD></TR>'
    )


def _small_row(ctx: _Context, background: str, content: str) -> str:
    return (
        f'<TR><TD COLSPAN="2" BGCOLOR="{background}" ALIGN="LEFT" CELLPADDING="4">'
        f'<FONT POINT-SIZE="{ctx.theme.small}" COLOR="{_MUTED}">{content}</FONT></TD></TR>'
    )


def _footer_row(ctx: _Context, background: str, stem: str, by: str | None, dropped: bool) -> str:
    """The speaker, and the dropped flag: on the same line, so flags do not make boxes taller."""
    speaker = html_text(ctx.once(_speaker_line, stem, by))
    if dropped:
        return _small_row(ctx, background, f'{speaker}  <FONT COLOR="#1A1A1A"><B>{html_text("⚑ DROPPED")}</B></FONT>')
    return _small_row(ctx, background, speaker)


def _speaker(ctx: _Context, stem: str, by: str | None) -> Speaker | None:
    """The speaker ``by`` of map ``stem`` (as ``Workspace.speaker`` finds a claim's)."""
    return ctx.workspace.maps[stem].speakers.get(by) if by else None


def _side_tag(ctx: _Context, stem: str, by: str | None) -> str:
    """The speaker's side, short enough for the header bar: its id in capitals."""
    speaker = _speaker(ctx, stem, by)
    side = speaker.side if speaker else None
    return shorten(side.upper(), 16) if side else "no side"


def _speaker_line(ctx: _Context, stem: str, by: str | None) -> str:
    """The speaker's name, shortened to the box width (the tooltip has it in full)."""
    speaker = _speaker(ctx, stem, by)
    side_id = speaker.side if speaker else None
    side = ctx.workspace.maps[stem].sides.get(side_id) if side_id else None
    who = speaker.name if speaker else "no speaker"
    if side is not None and side.label.casefold() not in who.casefold() and who.casefold() not in side.label.casefold():
        who += f" ({side.label})"
    return shorten(who, int(ctx.wrap * 0.95))


def _strength_bar(value: float) -> str:
    filled = round(max(0.0, min(1.0, value)) * 10)
    return f"strength {'█' * filled}{'░' * (10 - filled)} {value:.2f}"


def _hidden_line(ctx: _Context, key: str) -> str:
    """What the view leaves out around a claim: who bears on it, and what else it answers."""
    hidden = ctx.selection.hidden.get(key, Hidden())
    elsewhere = ctx.undrawn.get(key, [])
    if not hidden and not elsewhere:  # every box of a whole-map view
        return ""
    parts = []
    if hidden.reasons:
        parts.append(_count(hidden.reasons, "reason"))
    if hidden.attacks:
        parts.append(_count(hidden.attacks, "objection"))
    supports = len({r.target for r in elsewhere if not r.kind.is_attack})
    attacks = len({r.target for r in elsewhere if r.kind.is_attack})
    also = []
    if supports:
        also.append(f"supports {_count(supports, 'claim')}")
    if attacks:
        also.append(f"attacks {_count(attacks, 'claim')}")
    line = ("not shown: " + ", ".join(parts)) if parts else ""
    if also:
        line += ("; " if line else "") + "also " + " and ".join(also) + " not shown"
    return "▸ " + line if line else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _claim_tooltip(ctx: _Context, claim: Claim, stem: str, text: str) -> str:
    """Everything about the claim, for hovering in an SVG viewer (``text``: its text, cleaned)."""
    lines = [dot_escape(text), ctx.once(_speaker_tip, stem, claim.by)]
    if claim.quote is not None:
        source = ctx.workspace.source(claim)
        lines.append(dot_escape(clean(f"“{claim.quote.text}” ({source.title if source else claim.quote.source})")))
    if claim.note:
        lines.append(dot_escape(clean(f"Coach's note: {claim.note}")))
    lines.append(dot_escape(clean(claim.key)))
    return _tooltip(lines)


def _speaker_tip(ctx: _Context, stem: str, by: str | None) -> str:
    """The speaker line as a tooltip line."""
    return dot_escape(ctx.once(_speaker_line, stem, by))


def _add_relations(dot: graphviz.Digraph, ctx: _Context, names: Mapping[str, str]) -> None:
    """Arrows for the selected relations; junctions where linked premises meet or an
    undercut has to aim at an inference. Supports first, so ``ordering=in`` keeps them left."""
    workspace = ctx.workspace
    by_kind: dict[RelationKind, list[Relation]] = {kind: [] for kind in _EDGE_ORDER}
    for key in ctx.selection.relations:
        rel = workspace.relations[key]
        by_kind[rel.kind].append(rel)
    rels = [rel for kind in _EDGE_ORDER for rel in by_kind[kind]]
    undercut = {r.target for r in by_kind[RelationKind.UNDERCUT]}
    junctions = {r.key: f"r{i}" for i, r in enumerate(rels) if r.key in undercut or r.linked}
    tooltips = {rel.key: _relation_tooltip(ctx, rel) for rel in rels}
    for rel in rels:
        if rel.key in junctions:
            dot.body.append(_junction(rel, junctions[rel.key], rel.key in undercut, tooltips[rel.key]))
    staggered = _stagger(rels, junctions)
    for kind in _EDGE_ORDER:
        if not by_kind[kind]:
            continue
        style = RELATION_STYLES[kind]
        # a defeated inference: faded and thin
        faded = (f"color={_quote(style.color + '70')} ", f"penwidth={_quote(str(round(ctx.theme.penwidth * 0.6, 2)))} ")
        with dot.subgraph() as edges:  # not a cluster: shares the kind's style, no effect on layout
            edges.attr("edge", color=style.color, style=style.style, arrowhead=style.arrowhead)
            body = edges.body
            # attributes in graphviz's order (by name): arrowhead, color, fontcolor, minlen,
            # penwidth, style, tooltip, xlabel
            for rel in by_kind[kind]:
                key, tooltip = rel.key, tooltips[rel.key]
                head = junctions[rel.target] if rel.target in junctions else names[rel.target]
                out = ctx.status.get(key) == "OUT"
                color, penwidth = faded if out else ("", "")
                label = style_ = ""
                if ANALYST_LINK in rel.tags:  # the analyst's, not a speaker's: grey, dotted, labelled
                    color = f"color={_quote(ANALYST_COLOUR + ('70' if out else ''))} fontcolor={_quote(ANALYST_COLOUR)} "
                    style_, label = "style=dotted ", f" xlabel={ANALYST_LABEL}"
                minlen = f"minlen={staggered[key]} " if key in staggered else ""
                if key in junctions:
                    junction = junctions[key]
                    body.extend(f"\t{names[p]} -> {junction} [arrowhead=none {color}{penwidth}{style_}tooltip={tooltip}]\n" for p in rel.premises)
                    body.append(f"\t{junction} -> {head} [{color}{minlen}{penwidth}{style_}tooltip={tooltip}{label}]\n")
                else:
                    body.append(f"\t{names[rel.source]} -> {head} [{color}{minlen}{penwidth}{style_}tooltip={tooltip}{label}]\n")


STAGGER_FROM = 5
"""Arrows into one claim from which they are staggered over two or three rows."""
SLIDE_ASPECT = 16 / 9
"""Width over height of a slide: wider diagrams have their widest row staggered."""
BOX_ASPECT = 1.35
"""A box's column width (with ``nodesep``) over its row height (with ``ranksep``), as
measured in the bundled renders: what turns rows and boxes into an estimated aspect."""


def _stagger(rels: list[Relation], junctions: Mapping[str, str]) -> dict[str, int]:
    """Edge lengths (``minlen``, by relation key) that spread wide fans over more rows.

    A thesis with eight reasons that nothing answers lays out as one row of eight boxes,
    far wider than a slide. Alternating their rank (as Graphviz's ``unflatten`` does)
    halves or thirds the width for the price of a little height: such leaves always are.

    Many reasons and objections that have answers of their own make a wide diagram too,
    but there staggering is no free gain: a child moved down a row takes its whole
    subtree with it, and a diagram already about as tall as wide only grows taller and
    shrinks on a slide. So these fans are staggered only while the diagram is estimated
    to be wider than a slide (:func:`_estimated_aspect`), the fan with the most boxes in
    the widest row first.
    """
    lengths = _stagger_leaves(rels, junctions)
    if sum(len(rel.premises) for rel in rels) >= LARGE:  # unreadable whole anyway; keep it fast
        return lengths
    fans: dict[str, list[Relation]] = {}
    for rel in rels:
        fans.setdefault(rel.target, []).append(rel)
    fans = {target: fan for target, fan in fans.items() if len(fan) >= STAGGER_FROM}
    while fans:
        rows = _rows(rels, junctions, lengths)
        widths: dict[int, int] = {}
        for node, row in rows.items():
            if node not in junctions:
                widths[row] = widths.get(row, 0) + 1
        if _estimated_aspect(widths) <= SLIDE_ASPECT:
            break
        widest = max(widths, key=lambda row: (widths[row], -row))
        in_widest = {target: sum(rows[r.key if r.key in junctions else r.source] == widest for r in fan) for target, fan in fans.items()}
        target = max(in_widest, key=in_widest.__getitem__)
        if in_widest[target] < 2:
            break
        fan = fans.pop(target)
        step = 2 if len(fan) < 9 else 3
        for i, rel in enumerate(fan):
            lengths[rel.key] = 1 + i % step
    return lengths


def _stagger_leaves(rels: list[Relation], junctions: Mapping[str, str]) -> dict[str, int]:
    """Edge lengths that put the leaves of a wide fan (claims that answer one claim and
    that nothing answers) on alternating rows."""
    targets = {r.target for r in rels}
    stated: dict[str, int] = {}
    for rel in rels:
        for premise in rel.premises:
            stated[premise] = stated.get(premise, 0) + 1
    fans: dict[str, list[str]] = {}
    for rel in rels:
        if rel.key not in junctions and rel.source not in targets and stated[rel.source] == 1:
            fans.setdefault(rel.target, []).append(rel.key)
    lengths = {}
    for leaves in fans.values():
        if len(leaves) >= STAGGER_FROM:
            rows = 2 if len(leaves) < 9 else 3
            for i, key in enumerate(leaves):
                if i % rows:
                    lengths[key] = 1 + i % rows
    return lengths


def _rows(rels: list[Relation], junctions: Mapping[str, str], lengths: Mapping[str, int]) -> dict[str, int]:
    """The row of every box and junction as ``dot`` ranks them, near enough: the longest
    path (counting ``minlen``) from a claim that bears on nothing drawn. An arrow that
    closes a cycle is ignored, as ``dot`` reverses one."""
    up: dict[str, list[tuple[str, int]]] = {}  # node -> (what its arrow points at, minlen)
    for rel in rels:
        length = lengths.get(rel.key, 1)
        head = rel.target
        if rel.key in junctions:
            up.setdefault(rel.key, []).append((head, length))
            for premise in rel.premises:
                up.setdefault(premise, []).append((rel.key, 1))
        else:
            up.setdefault(rel.source, []).append((head, length))
    rows: dict[str, int] = {}
    visiting: set[str] = set()
    for start in list(up):
        if start in rows:
            continue
        stack = [(start, iter(up.get(start, ())))]
        visiting.add(start)
        while stack:
            node, heads = stack[-1]
            for head, _ in heads:
                if head not in rows and head not in visiting:
                    visiting.add(head)
                    stack.append((head, iter(up.get(head, ()))))
                    break
            else:
                stack.pop()
                visiting.discard(node)
                rows[node] = max((rows[h] + n for h, n in up.get(node, ()) if h in rows), default=0)
    return rows


def _estimated_aspect(widths: Mapping[int, int]) -> float:
    """Width over height of a diagram with ``widths[row]`` boxes in each row."""
    return max(widths.values(), default=0) * BOX_ASPECT / max(len(widths), 1)


def _junction(rel: Relation, name: str, undercut: bool, tooltip: str) -> str:
    """The node of a junction: a diamond on an attacked inference, for the undercut to end
    on, or a dot where linked premises meet to make one reason."""
    colour = _quote(ANALYST_COLOUR if ANALYST_LINK in rel.tags else RELATION_STYLES[rel.kind].color)
    shape, size = ("diamond", "0.22") if undercut else ("circle", "0.14")
    return f'\t{name} [label="" color={colour} fillcolor={colour} height={size} shape={shape} style=filled tooltip={tooltip} width={size}]\n'


def _relation_tooltip(ctx: _Context, rel: Relation) -> str:
    lines = [dot_escape(clean(f"{' + '.join(rel.premises)} {_RELATION_WORDS[rel.kind]} {rel.target}"))]
    status = ctx.status.get(rel.key)
    if status:
        lines.append(f"grounded status: {status}")
    if ANALYST_LINK in rel.tags:
        lines.append("an analyst's link: the texts do not make it")
    if rel.note:
        lines.append(dot_escape(clean(rel.note)))
    return _tooltip(lines)


def _graph_label(ctx: _Context) -> str:
    """Title, what the view shows, and a one-row legend of the roles and arrows drawn."""
    look = ctx.theme
    selection = ctx.selection
    workspace = ctx.workspace
    home = selection.home
    if home is not None:
        title = workspace.maps[home].title
    elif len(workspace.maps) == 1:
        title = next(iter(workspace.maps.values())).title
    else:
        title = f"{len(workspace.maps)} maps: " + ", ".join(sorted(workspace.maps))
    shown = f"{len(selection.claims)} claims shown"
    if selection.omitted:
        shown += f", {selection.omitted} more in the map"
    width = max(60, ctx.wrap * 3)
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{look.title}"><B>{html_lines(wrap(title, width, 3))}</B></FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{_MUTED}">{html_lines(wrap(f"{selection.description} · {shown}", int(width * 1.3), 3))}</FONT></TD></TR>',
    ]
    if ctx.links_note:
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{_MUTED}">{html_lines(wrap(f"Links: {ctx.links_note}", int(width * 1.3), 2))}</FONT></TD></TR>')
    rows.append(f'<TR><TD ALIGN="LEFT">{_legend(ctx)}</TD></TR>')
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">{"".join(rows)}</TABLE>>'


def _legend(ctx: _Context) -> str:
    """One row: a swatch per role present, the arrow kinds present, and the overlays."""
    look = ctx.theme
    roles = set(ctx.roles.values())
    kinds = {ctx.workspace.relations[key].kind for key in ctx.selection.relations}
    cells = []
    for each in Role:
        if each in roles:
            style = ROLE_STYLES[each]
            bg, fg = (style.tint, "#1A1A1A") if look.tinted_headers else (style.color, style.text)
            cells.append(f'<TD BGCOLOR="{bg}" CELLPADDING="3"><FONT COLOR="{fg}" POINT-SIZE="{look.small}"><B>{html_text(style.heading)}</B></FONT></TD>')
    keys = _legend_keys(ctx, kinds)
    for text, colour in keys:
        cells.append(f'<TD CELLPADDING="3"><FONT COLOR="{colour}" POINT-SIZE="{look.small}">{html_text(text)}</FONT></TD>')
    return f'<TABLE BORDER="0" CELLBORDER="1" COLOR="#BBBBBB" CELLSPACING="3" CELLPADDING="0"><TR>{"".join(cells)}</TR></TABLE>'


def _legend_keys(ctx: _Context, kinds: Iterable[RelationKind]) -> list[tuple[str, str]]:
    kinds = set(kinds)
    keys = []
    if RelationKind.SUPPORT in kinds:
        keys.append(("──▶ supports (solid)", RELATION_STYLES[RelationKind.SUPPORT].color))
    if RelationKind.REBUT in kinds:
        keys.append(("╌╌┤ rebuts (dashed)", RELATION_STYLES[RelationKind.REBUT].color))
    if RelationKind.UNDERCUT in kinds:
        keys.append(("╌╌◆ undercuts: aims at the ◆ on the inference it attacks", RELATION_STYLES[RelationKind.UNDERCUT].color))
    if any(ANALYST_LINK in ctx.workspace.relations[k].tags for k in ctx.selection.relations):
        keys.append((f"┈┈ grey dotted, “{ANALYST_LABEL}”: an analyst's link; the texts do not make it", ANALYST_COLOUR))
    if any(len(ctx.workspace.relations[k].premises) > 1 for k in ctx.selection.relations):
        keys.append(("● linked premises: one reason together", _MUTED))
    if ctx.selection.home is not None and any(ctx.workspace.claims[k].map != ctx.selection.home for k in ctx.selection.claims):
        keys.append(("┆ dashed box ↗: claim from another map", _MUTED))
    if ctx.overlay("status"):
        keys.append(("grounded: ● IN stands · ○ OUT defeated (grey) · ◐ UNDEC open", _MUTED))
    if any(k in ctx.dropped for k in ctx.selection.claims):
        keys.append(("⚑ DROPPED: the other side spoke later and left it unanswered", _MUTED))
    return keys
