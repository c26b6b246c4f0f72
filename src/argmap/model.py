"""The argument-map model: immutable records of what a map says.

A :class:`Workspace` holds one or more :class:`ArgMap` s (one per YAML file). Claims are
addressed workspace-wide by a *key* ``"map-stem:claim-id"``; relations likewise by
``"map-stem:relation-id"``, where an unnamed relation's id is ``"from->to"`` (``>`` cannot
occur in a claim id, so the two never collide). Everything here is plain data: the
graph view is built by :mod:`argmap.graph`, and nothing here knows of any UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, make_dataclass
from enum import Enum
from operator import attrgetter
from pathlib import Path
from typing import Any, ClassVar, TypeVar

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


_L = TypeVar("_L", bound="Located")


class Located:
    """Something written at a place in a map: the file (as shown), a 1-based line and column.

    Claims, quotes and relations keep the three as fields of their own and build their
    :class:`Location` when asked (to report a problem, say): an object each cost 64 bytes,
    13 MB at 100k claims, for something read only when something is wrong.

    They are made by the ten thousand (loading a map, reading argmap's cache), and a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``: 3.8 µs a
    Claim against 0.9 µs for a dataclass that is not frozen, and unpickling one (its
    ``__setstate__`` does the same, asking ``fields()`` each time) took 8.8 µs. So
    :meth:`quickly` makes one as its unfrozen twin (same fields, same slots) and then gives
    it its own class, which Python allows between classes of the same layout; their pickles
    are read back the same way. The result is an ordinary frozen instance: equal to, and
    hashed as, the one ``__init__`` would make. (For the dataclasses below, which ``_quick``
    equips; a subclass elsewhere has neither.)
    """

    __slots__ = ()
    path: str
    line: int
    column: int
    _draft: ClassVar[type]  # the unfrozen twin (see _quick)
    _values: ClassVar[attrgetter[Any]]  # an instance's fields, in order, as one tuple

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    @classmethod
    def quickly(cls: type[_L], *values: Any) -> _L:
        """An instance of the fields ``values`` (in order, as ``__init__`` takes them;
        defaults as it gives them), made without ``__init__`` (see the class)."""
        made = cls._draft(*values)
        made.__class__ = cls
        return made  # type: ignore[no-any-return]


def _reduce(self: Located) -> tuple[Any, ...]:
    """How a pickle holds a :class:`Located` that ``_quick`` equipped: its class and fields."""
    return (_remade, (type(self), *self._values(self)))


def _remade(cls: type[Located], *values: Any) -> Located:
    """What a pickle of a :class:`Located` reads back as (see :func:`_reduce`)."""
    return cls.quickly(*values)


def _quick(cls: type[_L]) -> type[_L]:
    """Give the frozen slots dataclass ``cls`` its :meth:`Located.quickly` twin."""
    specs = [
        (f.name, f.type, field(default=f.default) if f.default is not MISSING else field(default_factory=f.default_factory) if f.default_factory is not MISSING else field())
        for f in fields(cls)  # type: ignore[arg-type]
    ]
    cls._draft = make_dataclass(f"_{cls.__name__}Draft", specs, bases=cls.__bases__, slots=True)
    cls._values = attrgetter(*(name for name, _, _ in specs))
    cls.__reduce__ = _reduce  # type: ignore[assignment, method-assign]
    return cls


@_quick
@dataclass(frozen=True, slots=True)
class Quote(Located):
    """A verbatim quote from a source, which ``check`` verifies against the source text."""

    source: str
    text: str
    path: str
    line: int
    column: int


@_quick
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
        return self.key.partition(":")[0]  # split_key's stem, without its call and tuple: asked per claim, often


@_quick
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
        return key.partition(":")[0] in self.primary

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
