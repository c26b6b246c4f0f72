"""Colours, fonts and page shapes of the diagrams: one theme each for screen, print and slides.

The role palette is the one that kept every pair of roles apart under simulated deutan,
protan and tritan colour blindness (minimum ΔE ≥ 42, see ``RENDERING.md``): reason teal,
objection vermillion, rebuttal amber with dark text. Colour is never the only cue: every
box also carries its role word and icon, and attacks are dashed. Themes differ in what
the medium needs: the print theme trades solid colour bars for tinted ones and fits a
page, the slides theme doubles the text and fills a 16:9 frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.graph import Role
from argmap.model import RelationKind

__all__ = ["RELATION_STYLES", "ROLE_STYLES", "THEMES", "RelationStyle", "RoleStyle", "Theme", "theme"]


@dataclass(frozen=True, slots=True)
class RoleStyle:
    """How a claim of one role is drawn: header colour, header text colour, word and icon."""

    word: str
    icon: str
    color: str
    text: str
    tint: str  # a pale version of ``color``, for the print theme's headers

    @property
    def heading(self) -> str:
        """The header's words, e.g. ``"✚ REASON"``: readable with no colour at all."""
        return f"{self.icon} {self.word}"


@dataclass(frozen=True, slots=True)
class RelationStyle:
    """How a relation's arrow is drawn: line style, arrowhead, colour and legend words."""

    style: str
    arrowhead: str
    color: str
    legend: str


ROLE_STYLES: Mapping[Role, RoleStyle] = {
    Role.THESIS: RoleStyle("THESIS", "★", "#1F3A5F", "#FFFFFF", "#D6DEE8"),
    Role.REASON: RoleStyle("REASON", "✚", "#00798A", "#FFFFFF", "#CCE7EA"),
    Role.OBJECTION: RoleStyle("OBJECTION", "✖", "#B23A00", "#FFFFFF", "#F2D5C7"),
    Role.REBUTTAL: RoleStyle("REBUTTAL", "↺", "#F2B705", "#1A1A1A", "#FCEFC2"),
    Role.CLAIM: RoleStyle("CLAIM", "●", "#5C5C5C", "#FFFFFF", "#E3E3E3"),
}

RELATION_STYLES: Mapping[RelationKind, RelationStyle] = {
    RelationKind.SUPPORT: RelationStyle("solid", "normal", "#00606E", "supports"),
    RelationKind.REBUT: RelationStyle("dashed", "tee", "#B23A00", "rebuts"),
    RelationKind.UNDERCUT: RelationStyle("dashed", "tee", "#6A3D9A", "undercuts"),
}


@dataclass(frozen=True, slots=True)
class Theme:
    """Everything about a diagram's look that depends on where it is shown."""

    name: str
    fontsize: float
    wrap: int  # characters per line of claim text
    tinted_headers: bool  # pale headers with coloured text (saves ink) instead of solid bars
    penwidth: float
    png_dpi: int
    nodesep: float
    ranksep: float
    graph: Mapping[str, str] = field(default_factory=dict)  # extra graph attributes (page size)

    @property
    def small(self) -> float:
        """Point size of the secondary lines (speaker, overlays)."""
        return round(self.fontsize * 0.8, 1)

    @property
    def title(self) -> float:
        """Point size of the diagram's title."""
        return round(self.fontsize * 1.4, 1)


THEMES: Mapping[str, Theme] = {
    "screen": Theme("screen", 12, 34, False, 1.4, 110, 0.35, 0.55),
    # fits an A4 or US-letter page with margins; scaled down only when larger
    "print": Theme("print", 11, 40, True, 1.6, 200, 0.3, 0.5, {"size": "7.5,10"}),
    # a 13.33 × 7.5 inch (16:9) slide, text large enough to read from the back of a room
    "slides": Theme("slides", 20, 26, False, 2.4, 150, 0.45, 0.7, {"size": "13.333,7.5", "ratio": "fill"}),
}


def theme(name: str) -> Theme:
    """The theme called ``name``; an :class:`~argmap.errors.ArgmapError` names the choices."""
    from argmap.errors import ArgmapError

    try:
        return THEMES[name]
    except KeyError:
        raise ArgmapError(f"unknown theme {name!r}; choose one of {', '.join(THEMES)}") from None
