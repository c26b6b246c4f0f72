"""The argument-map model: immutable records of what a map says.

A :class:`Workspace` holds one or more :class:`ArgMap` s (one per YAML file). Claims are
addressed workspace-wide by a *key* ``"map-stem:claim-id"``; relations likewise by
``"map-stem:relation-id"``, where an unnamed relation's id is ``"from->to"`` (``>`` cannot
occur in a claim id, so the two never collide). Everything here is plain data: the
graph view is built by :mod:`argmap.graph`, and nothing here knows of any UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from argmap.errors import Location, Problem, Severity

__all__ = [
    "ArgMap",
    "Claim",
    "ClaimKind",
    "Located",
    "Quote",
    "Relation",
    "RelationKind",
    "Side",
    "Source",
    "Speaker",
    "Workspace",
    "claim_key",
    "split_key",
]


class ClaimKind(str, Enum):
    """What a claim is: a main contention, an ordinary claim, or evidence (fact, figure, case)."""

    THESIS = "thesis"
    CLAIM = "claim"
    EVIDENCE = "evidence"


class RelationKind(str, Enum):
    """How a claim bears on its target: gives a reason for it, argues against it, or
    attacks the inference of another relation."""

    SUPPORT = "supports"
    REBUT = "rebuts"
    UNDERCUT = "undercuts"

    @property
    def is_attack(self) -> bool:
        return self is not RelationKind.SUPPORT


def claim_key(stem: str, claim_id: str) -> str:
    """The workspace-wide key of a claim or relation of map ``stem``."""
    return f"{stem}:{claim_id}"


def split_key(key: str) -> tuple[str, str]:
    """``"map:claim"`` → ``("map", "claim")``."""
    stem, _, local = key.partition(":")
    return stem, local


@dataclass(frozen=True, slots=True)
class Side:
    """A position in the debate."""

    id: str
    label: str
    location: Location
    burden: str | None = None  # what this side must show for the debate to go its way


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said something; a speaker's side is the side of everything they say."""

    id: str
    name: str
    role: str | None
    side: str | None
    note: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Source:
    """Where something was said. Sources are listed in speech order."""

    id: str
    title: str
    order: int
    location: Location
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    text_path: Path | None = None
    note: str | None = None
    replies_to: tuple[str, ...] = ()  # earlier sources of the map that this one answers


class Located:
    """Something written at a place in a map: the file (as shown), a 1-based line and column.

    Claims, quotes and relations keep the three as fields of their own and build their
    :class:`Location` when asked (to report a problem, say): an object each cost 64 bytes,
    13 MB at 100k claims, for something read only when something is wrong.
    """

    __slots__ = ()
    path: str
    line: int
    column: int

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)


@dataclass(frozen=True, slots=True)
class Quote(Located):
    """A verbatim quote from a source, which ``check`` verifies against the source text."""

    source: str
    text: str
    path: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Claim(Located):
    """One statement in the debate. ``key`` is ``"map-stem:id"``."""

    key: str
    id: str
    text: str
    kind: ClaimKind
    by: str | None
    quote: Quote | None
    tags: tuple[str, ...]
    note: str | None
    weight: float | None
    path: str
    line: int
    column: int
    conceded: str | None = None  # the speaker (of another side) who grants the claim

    @property
    def map(self) -> str:
        return split_key(self.key)[0]


@dataclass(frozen=True, slots=True)
class Relation(Located):
    """A support, rebuttal or undercut: from a claim (with linked premises) to its target.

    ``target`` is a claim key for supports and rebuttals, and a relation key for undercuts.
    """

    key: str
    kind: RelationKind
    source: str
    target: str
    linked: tuple[str, ...]
    tags: tuple[str, ...]
    note: str | None
    named: bool
    path: str
    line: int
    column: int
    partial: bool = False  # an attack that answers part of its target, leaving the rest standing

    @property
    def premises(self) -> tuple[str, ...]:
        """Every claim that together gives this reason or objection."""
        return (self.source, *self.linked)


@dataclass(frozen=True, slots=True, repr=False)
class ArgMap:
    """One map file: its metadata, the claims and relations it declares."""

    path: Path
    stem: str
    title: str
    summary: str | None
    sides: Mapping[str, Side]
    speakers: Mapping[str, Speaker]
    sources: Mapping[str, Source]
    claims: Mapping[str, Claim]
    relations: Mapping[str, Relation]
    resolution: str | None = None  # the question the debate is about

    def __repr__(self) -> str:  # the default would spell out every claim
        return f"ArgMap({str(self.path)!r}, {len(self.claims)} claims, {len(self.relations)} relations)"


@dataclass(frozen=True, repr=False)
class Workspace:
    """Every map of a folder (or a single file), resolved together, and the problems found.

    Claims and relations are indexed by key across all maps. ``primary`` names the maps
    that were asked for; the others were read only because a primary map refers to
    them, so views show their claims as external context.
    """

    root: Path
    maps: Mapping[str, ArgMap]
    claims: Mapping[str, Claim]
    relations: Mapping[str, Relation]
    problems: tuple[Problem, ...] = ()
    primary: tuple[str, ...] = ()

    def __repr__(self) -> str:
        # the default would spell out every claim: megabytes for a large map, built
        # whenever anything (a log line, a worker's description) asks for a repr
        return f"Workspace({str(self.root)!r}, maps={list(self.maps)}, {len(self.claims)} claims, {len(self.relations)} relations, {len(self.problems)} problems)"

    def is_primary(self, key: str) -> bool:
        """Whether a claim or relation key belongs to a map that was asked for."""
        return split_key(key)[0] in self.primary

    def display_id(self, key: str) -> str:
        """The shortest unambiguous name of a key: the bare id within the only primary map."""
        stem, local = split_key(key)
        return local if len(self.primary) == 1 and stem == self.primary[0] else key

    def files(self) -> list[Path]:
        """Every file the workspace was read from: each map and each source text it cites
        (what a cached answer about it depends on, and what a live reload watches)."""
        found = []
        for m in self.maps.values():
            found.append(m.path)
            found.extend(s.text_path for s in m.sources.values() if s.text_path is not None)
        return found

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def speaker(self, claim: Claim) -> Speaker | None:
        """The speaker of a claim, looked up in the claim's own map."""
        return self.maps[claim.map].speakers.get(claim.by) if claim.by else None

    def side(self, claim: Claim) -> str | None:
        """The side id of a claim (its speaker's side), or None for a neutral claim."""
        speaker = self.speaker(claim)
        return speaker.side if speaker else None

    def side_label(self, side: str | None) -> str:
        """A side's label as its map gives it (the id for a side no map declares)."""
        if side is None:
            return "no side"
        for m in self.maps.values():
            if side in m.sides:
                return m.sides[side].label
        return side

    def source(self, claim: Claim) -> Source | None:
        """The source a claim's quote cites."""
        return self.maps[claim.map].sources.get(claim.quote.source) if claim.quote else None

    def speech_order(self, claim: Claim) -> int | None:
        """When the claim was said: the position of its quote's source in its map's
        speech order, or None for a claim with no quote."""
        source = self.source(claim)
        return source.order if source else None
