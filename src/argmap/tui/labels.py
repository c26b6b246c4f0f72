"""Rich ``Text`` for claims: tree lines, list rows and the detail card.

Claim texts contain brackets, so nothing here goes through markup: every piece is appended
as plain text with a style. Meaning never rests on colour alone -- each line carries the
role word and icon, the status word and the side id; colour only repeats it. Colours come
from the app theme's variables (see :data:`THEME_VARIABLES`) through a :class:`Palette`, so
a theme switch recolours everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from rich.style import Style
from rich.text import Text
from textual.app import App

from argmap.analysis.debate import Response
from argmap.analysis.links import Links
from argmap.graph import Role
from argmap.model import RelationKind
from argmap.tui.view import Link, MapView

__all__ = [
    "COMPACT_BELOW",
    "ICONS",
    "THEME_VARIABLES",
    "Palette",
    "claim_card",
    "claim_line",
    "link_line",
    "links_label",
    "short",
]

ICONS = {Role.THESIS: "◆", Role.REASON: "+", Role.OBJECTION: "−", Role.REBUTTAL: "↩", Role.CLAIM: "·"}
"""A role's icon, shown before its word (the words are what carry the meaning)."""

THEME_VARIABLES = {
    # classic argument-map colours (reasons green, objections red, rebuttals orange), each
    # at least 4.5:1 against the dark theme's surface, background and panel, as WCAG asks
    # of text (tested)
    "role-thesis": "#7396dc",
    "role-reason": "#32ac5c",
    "role-objection": "#e1777b",
    "role-rebuttal": "#d9822b",
    "role-claim": "#979797",
    "status-in": "#32ac5c",
    "status-out": "#e1777b",
    "status-undec": "#c9a227",
    "side-1": "#549cd6",
    "side-2": "#ce77ce",
    "side-3": "#1ba7a7",
    "side-4": "#c28d0c",
}
"""App theme variables the explorer adds (themes may override them)."""

TEXT_WIDTH = 88
"""Characters of claim text on one tree or list line."""

COMPACT_BELOW = 64
"""A tree or list narrower than this many columns (the 40 an 80-column terminal leaves it)
shows compact claim lines: icon, status and side, then the text. The full line's role
word, strength and side took 32 columns before the text, which then barely showed."""


def short(text: str, width: int = TEXT_WIDTH) -> str:
    """One line of at most ``width`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


@dataclass(frozen=True)
class Palette:
    """Rich styles resolved from the current theme's variables."""

    colours: Mapping[str, str]
    theme: str = ""

    @classmethod
    def of(cls, app: App[object]) -> Palette:
        """The palette of ``app``'s current theme (resolving theme variables costs ~2 ms,
        so it is done once per theme, not once per cursor move)."""
        cached = _PALETTES.get(app)
        if cached is None or cached.theme != app.theme:
            cached = _PALETTES[app] = cls(app.get_css_variables(), app.theme)
        return cached

    def role(self, role: Role) -> Style:
        return Style(color=self.colours.get(f"role-{role.value}"), bold=role is Role.THESIS)

    def status(self, status: str) -> Style:
        return Style(color=self.colours.get(f"status-{status.lower()}"), bold=status == "IN")

    def side(self, index: int | None) -> Style:
        if index is None:
            return Style(dim=True)
        return Style(color=self.colours.get(f"side-{index % 4 + 1}"), bold=True)


_PALETTES: WeakKeyDictionary[App[object], Palette] = WeakKeyDictionary()


def _strength(value: float | None) -> str:
    """Always four characters, "0.31" to "1.00" ("  --" when not analysed), so columns line up."""
    return "  --" if value is None else f"{value:.2f}"


def claim_line(view: MapView, key: str, palette: Palette, *, dim: bool = False, text_width: int = TEXT_WIDTH, compact: bool = False) -> Text:
    """One tree or list line: role, status, strength, side, then the claim's text;
    ``compact``, the role's icon without its word, status, side cut to four letters, text
    (for a narrow pane: see :data:`COMPACT_BELOW`)."""
    claim = view.claim(key)
    role = view.role(key)
    status = view.status(key)
    side = view.side(key)
    line = Text(no_wrap=True, overflow="ellipsis")
    if compact:
        line.append(f"{ICONS[role]} ", palette.role(role))
        line.append(f"{status:<5} ", palette.status(status))
        line.append(f"{(side or '-')[:4]:<4} ", palette.side(view.side_index(side)))
    else:
        line.append(f"{ICONS[role]} {role.value:<9} ", palette.role(role))
        line.append(f"{status:<5} ", palette.status(status))
        line.append(f"{_strength(view.strength(key))} ", Style(dim=True))
        line.append(f"{(side or '-')[:8]:<8} ", palette.side(view.side_index(side)))
    line.append(short(claim.text, text_width))
    if view.is_dropped(key):
        line.append("  dropped", Style(italic=True, color=palette.colours.get("status-undec")))
    if key in view.since:
        line.append(f"  {view.since[key]}", Style(bold=True, color=palette.colours.get("role-thesis")))
    if dim:
        line.stylize(Style(dim=True))
    return line


ANALYST_MARK = "[analyst's link]"
"""After a relation the map's analyst drew, not a speaker."""


def links_label(view: MapView) -> str:
    """The choice of links, short enough for the header: ``links: texts (3 analyst links left out)``."""
    if view.links is Links.TEXTS:
        return f"links: texts ({view.analyst_links} analyst link{'s' * (view.analyst_links != 1)} left out)"
    return f"links: all ({view.analyst_links} analyst link{'s' * (view.analyst_links != 1)} counted)"


def link_verb(view: MapView, link: Link, incoming: bool) -> str:
    """How the claim at the other end of a link relates, read from the focused claim."""
    kind = link.relation.kind
    if incoming:
        verb = {RelationKind.SUPPORT: "supported by", RelationKind.REBUT: "rebutted by", RelationKind.UNDERCUT: "inference undercut by"}[kind]
        return verb + (" (linked)" if link.linked else "")
    return {RelationKind.SUPPORT: "supports", RelationKind.REBUT: "rebuts", RelationKind.UNDERCUT: "undercuts the inference to"}[kind]


def link_line(view: MapView, link: Link, palette: Palette, incoming: bool) -> Text:
    """A jumpable relation of the detail pane, in two lines: direction, verb and the other
    claim's role, status, strength and side; then its text.

    On one line (as a tree line) the text came after some 45 characters: in a detail pane
    of 48 columns, three reasons read as three identical "supported by: reason IN 1.00
    ijm…", and which was which could not be told.
    """
    key = link.key
    role, status, side = view.role(key), view.status(key), view.side(key)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("← " if incoming else "→ ", Style(bold=True))
    line.append(f"{link_verb(view, link, incoming)}  ", Style(italic=True))
    if view.is_analyst(link.relation):  # first, where a narrow pane never cuts it off
        line.append(f"{ANALYST_MARK} ", Style(italic=True, bold=True))
    line.append(f"{ICONS[role]} {role.value}", palette.role(role))
    line.append(" · ")
    line.append(status, palette.status(status))
    line.append(f" {_strength(view.strength(key)).strip()} · ", Style(dim=True))
    line.append(side or "-", palette.side(view.side_index(side)))
    if view.is_dropped(key):
        line.append(" · dropped", Style(italic=True, color=palette.colours.get("status-undec")))
    line.append("\n  " + short(view.claim(key).text, 200))
    return line


def claim_card(view: MapView, key: str, palette: Palette) -> Text:
    """Everything about one claim, for the detail pane and the trace screen."""
    claim = view.claim(key)
    role = view.role(key)
    side = view.side(key)
    status = view.status(key)
    card = Text()
    card.append(f"{ICONS[role]} {role.value.upper()}", palette.role(role))
    card.append("  ·  ")
    card.append(side or "no side", palette.side(view.side_index(side)))
    if side is not None:
        card.append(f" ({view.side_label(side)})", Style(dim=True))
    card.append("  ·  ")
    card.append(claim.kind.value, Style(dim=True))
    card.append("\n\n")
    card.append(" ".join(claim.text.split()), Style(bold=True))
    card.append("\n\n")

    def field(name: str, value: str | Text) -> None:
        card.append(f"{name:<9}", Style(dim=True))
        card.append_text(value if isinstance(value, Text) else Text(value))
        card.append("\n")

    speaker = view.workspace.speaker(claim)
    if speaker is not None:
        field("Said by", speaker.name + (f" — {speaker.role}" if speaker.role else ""))
    else:
        field("Said by", "nobody in particular (no speaker: belongs to no side)")
    source = view.workspace.source(claim)
    if claim.quote is not None:
        field("Quote", Text(f"“{' '.join(claim.quote.text.split())}”", Style(italic=True)))
        if source is not None:
            cite = ", ".join(p for p in (source.title, source.author, source.publisher, source.date) if p)
            field("", f"— {cite}" + (f" <{source.url}>" if source.url else ""))
    else:
        field("Quote", Text("none (not quoted from a source)", Style(dim=True)))
    status_text = Text(status, palette.status(status))
    status_text.append(" — " + view.reason(key))
    field("Status", status_text)
    response = view.response(key)
    if response is not None:
        reply = Text(response.value, Style(bold=True, color=palette.colours.get("status-undec")) if response is Response.DROPPED else Style(bold=True))
        reply.append(f" — {response.meaning}")
        field("Reply", reply)
    strength = view.strength(key)
    if strength is not None:
        filled = round(strength * 10)
        field("Strength", f"{strength:.2f} {'█' * filled}{'░' * (10 - filled)}")
    if claim.tags:
        field("Tags", ", ".join(claim.tags))
    if claim.note:
        field("Note", " ".join(claim.note.split()))
    field("Id", Text(f"{key}  ({claim.location})", Style(dim=True)))
    return card
