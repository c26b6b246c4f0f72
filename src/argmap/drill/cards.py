"""The cards of a drill: the other sides' claims a side must answer, with the map's answers.

A card is a claim of another side (in the maps asked for) that calls for an answer: every
such claim but one another side grants or one that only grants a point (nobody answers
agreement). Its back is what the map says: the drilled side's rebuttals and undercuts of
it (or of an inference it states), each with its quote, its status and how the rebuttal
chain goes on from it to the last word -- all read from :class:`~argmap.analysis.MapAnalysis`
(``status``, ``reason``, ``responses``, ``chains``), never judged here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from argmap.analysis.debate import MapAnalysis, Response
from argmap.analysis.links import ANALYST_LINK
from argmap.errors import InputError, Location, Problem
from argmap.graph import incoming, outgoing
from argmap.model import ClaimKind, RelationKind

__all__ = ["Answer", "Deck", "DrillCard", "Said", "build_deck"]

NO_ANSWER_NEEDED = (Response.CONCEDED, Response.CONCESSION)
"""Claims nobody has to answer: granted by another side, or granting its point."""


@dataclass(frozen=True, slots=True)
class Said:
    """A claim as its speaker said it: the words, who, where, and the verbatim quote."""

    key: str
    text: str
    speaker: str | None
    side: str | None
    side_label: str
    source: str | None  # the citation: the source's title, author, publisher, date
    quote: str | None
    status: str  # IN, OUT or UNDEC
    kind: ClaimKind


@dataclass(frozen=True, slots=True)
class Answer:
    """One of the drilled side's answers to a card, and what became of it.

    ``endings`` are the last claims of the rebuttal chains that run through the card and
    this answer (None for a chain that goes round in a circle: nobody has the last word).
    """

    said: Said
    kind: RelationKind
    partial: bool
    analyst: bool  # the map's author drew this link; the texts do not make it
    reason: str  # why the answer stands or falls, in the analysis's words
    endings: tuple[Said | None, ...]


@dataclass(frozen=True, slots=True)
class DrillCard:
    """A claim to answer (the front) and the map's answers to it (the back)."""

    said: Said
    response: Response | None  # what became of it in the debate
    verdict: str  # why it stands or falls, in the analysis's words
    answers: tuple[Answer, ...]
    tags: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.said.key

    @property
    def unanswered(self) -> bool:
        """Whether the drilled side left it without an answer in the map."""
        return not self.answers


@dataclass(frozen=True, slots=True)
class Deck:
    """The cards of one side's drill, in the order the maps declare their claims, and the
    rebuttal chains that run through them (for ``--chain``)."""

    side: str
    side_label: str
    stems: tuple[str, ...]
    cards: tuple[DrillCard, ...]
    chains: tuple[tuple[str, ...], ...]  # each a chain's claims, the one under attack first

    def card(self, key: str) -> DrillCard | None:
        return next((c for c in self.cards if c.key == key), None)


def _said(analysis: MapAnalysis, key: str) -> Said:
    workspace = analysis.workspace
    claim = workspace.claims[key]
    speaker = workspace.speaker(claim)
    side = workspace.side(claim)
    source = workspace.source(claim)
    where = ", ".join(p for p in (source.title, source.author, source.publisher, source.date) if p) if source is not None else None
    status = analysis.status.get(key)
    return Said(
        key, claim.text, speaker.name if speaker else None, side, workspace.side_label(side), where,
        claim.quote.text if claim.quote else None, status.name if status is not None else "?", claim.kind,
    )


def _sides(analysis: MapAnalysis) -> dict[str, str]:
    """The sides of the maps asked for, id → label, in display order."""
    found: dict[str, str] = {}
    for stem in analysis.workspace.primary:
        for side in analysis.workspace.maps[stem].sides.values():
            found.setdefault(side.id, side.label)
    return found


def _answers(analysis: MapAnalysis, key: str, side: str) -> Iterable[tuple[str, RelationKind, bool, bool]]:
    """(answering claim, kind, partial, analyst) for each attack of ``side`` on ``key`` or
    on an inference it states, in the order of the map."""
    graph, workspace = analysis.graph, analysis.workspace
    seen: set[str] = set()
    for target in (key, *(r.key for r in outgoing(graph, key) if r.source == key)):
        for rel in incoming(graph, target):
            claim = workspace.claims.get(rel.source)
            if not rel.kind.is_attack or claim is None or workspace.side(claim) != side or rel.key in seen:
                continue
            seen.add(rel.key)
            yield rel.source, rel.kind, rel.partial, ANALYST_LINK in rel.tags


def _chain_ends(analysis: MapAnalysis) -> dict[tuple[str, str], dict[str | None, None]]:
    """For each step (claim, its answer) of a rebuttal chain, the claims that end the chains
    through it (None for a cycle), in one pass over the chains."""
    ends: dict[tuple[str, str], dict[str | None, None]] = defaultdict(dict)
    for chain in analysis.chains:
        claims = chain.claims
        end = None if chain.cyclic else claims[-1]
        for step in pairwise(claims):
            ends[step][end] = None
    return ends


def _bearing_on(graph: nx.DiGraph, thesis: str) -> set[str]:
    """Every node from which a path of relations leads to ``thesis``."""
    return set(nx.ancestors(graph, thesis)) | {thesis}


def build_deck(
    analysis: MapAnalysis, side: str, *, tags: Sequence[str] = (), thesis: str | None = None, dropped: bool = False,
) -> Deck:
    """The cards of ``side``'s drill.

    Args:
        analysis: The analysis of the maps to drill (its links are those the verdicts rest on).
        side: The side the student answers as: the cards are the other sides' claims.
        tags: Only claims with one of these tags (none: every claim).
        thesis: Only claims that bear on this thesis (a claim id, or ``map:id``).
        dropped: Only claims the side left unanswered in the map: the student invents the answer.

    Raises:
        InputError: ``side`` is no side of the maps, or ``thesis`` no claim of them.
    """
    workspace = analysis.workspace
    sides = _sides(analysis)
    where = Location(str(workspace.maps[workspace.primary[0]].path)) if workspace.primary else Location(str(workspace.root))
    if side not in sides:
        known = ", ".join(sides) or "none"
        raise InputError([Problem("unknown-side", f"no side {side!r} in the maps drilled", where, hint=f"the sides are: {known}")])
    reach: set[str] | None = None
    if thesis is not None:
        key = thesis if ":" in thesis else next((f"{stem}:{thesis}" for stem in workspace.primary if f"{stem}:{thesis}" in workspace.claims), thesis)
        if key not in workspace.claims:
            raise InputError([Problem("unknown-claim", f"no claim {thesis!r} to focus on", where, hint="give a thesis's id, as 'argmap analyze' lists them")])
        reach = _bearing_on(analysis.graph, key)
    responses = analysis.responses
    ends = _chain_ends(analysis)
    cards = []
    for key, claim in workspace.claims.items():
        own = workspace.side(claim)
        if own is None or own == side or not workspace.is_primary(key) or responses.get(key) in NO_ANSWER_NEEDED:
            continue
        if (tags and not set(tags) & set(claim.tags)) or (reach is not None and key not in reach):
            continue
        answers = tuple(
            Answer(
                _said(analysis, by), kind, partial, analyst, analysis.reason(by),
                tuple(None if end is None else _said(analysis, end) for end in ends.get((key, by), {})),
            )
            for by, kind, partial, analyst in _answers(analysis, key, side)
        )
        if dropped and answers:
            continue
        cards.append(DrillCard(_said(analysis, key), responses.get(key), analysis.reason(key), answers, claim.tags))
    keys = {c.key for c in cards}
    chains = tuple(chain.claims for chain in analysis.chains if keys & set(chain.claims))
    return Deck(side, sides[side], workspace.primary, tuple(cards), chains)
