"""What a semantic diff found: plain records, by claim and relation id, never by line.

A :class:`FolderDiff` is one workspace (a folder of maps) in two versions: the entries
of the maps that changed (sides, speakers, sources, the map's own fields), the claims
added, removed, moved or changed field by field, the relations added, removed, retargeted
or changed, and, in :class:`Effects`, what that does to the debate. The renderers of
:mod:`argmap.diff.report` read these and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "ADDED",
    "CHANGED",
    "MOVED",
    "REMOVED",
    "RETARGETED",
    "ClaimChange",
    "ClashChange",
    "Effects",
    "EntryChange",
    "FieldChange",
    "FolderDiff",
    "LastWordChange",
    "RelationChange",
    "ResponseChange",
    "StatusChange",
    "StrengthChange",
]

ADDED, REMOVED, CHANGED, MOVED, RETARGETED = "added", "removed", "changed", "moved", "retargeted"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an entry, before and after (None: not written)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class EntryChange:
    """A side, speaker or source of a map added, removed or changed; or (``section`` "map",
    ``id`` the key) a top-level field of the map such as its title."""

    section: str
    change: str
    map: str
    id: str
    path: str
    line: int
    fields: tuple[FieldChange, ...] = ()
    summary: str = ""  # a few words on what the entry is (a source's title, a speaker's name)


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A claim added, removed, moved to another map, or changed (``fields``)."""

    change: str
    key: str  # the claim's key now (before, for a removed claim)
    path: str
    line: int
    old_key: str | None = None  # where a moved claim was
    fields: tuple[FieldChange, ...] = ()
    text: str | None = None  # the claim's text, for a reader (the old text when removed)
    kind: str = "claim"
    by: str | None = None
    side: str | None = None


@dataclass(frozen=True, slots=True)
class RelationChange:
    """A relation added, removed, retargeted (``old_target``) or changed (``fields``)."""

    change: str
    kind: str  # supports, rebuts or undercuts
    source: str  # the claim that writes it (key)
    target: str  # claim key, or for an undercut ``a -> b`` or a relation key
    path: str
    line: int
    id: str | None = None
    old_target: str | None = None
    fields: tuple[FieldChange, ...] = ()
    with_claim: str | None = None  # "added"/"removed" when the relation comes or goes with its claim


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A claim whose grounded status changed, and why it has the new one."""

    key: str
    old: str
    new: str
    reason: str
    by: tuple[str, ...] = ()  # the attacking claims that now defeat it (IN → OUT)


@dataclass(frozen=True, slots=True)
class ResponseChange:
    """What became of a claim, before and after (None: it was not a claim of a side)."""

    key: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class StrengthChange:
    key: str
    old: float
    new: float


@dataclass(frozen=True, slots=True)
class ClashChange:
    """A clash point (an attack across sides) gained or lost."""

    change: str
    attacker: str
    target: str
    attacker_side: str | None
    target_side: str | None
    partial: bool = False


@dataclass(frozen=True, slots=True)
class LastWordChange:
    """A rebuttal chain (``chain[0]`` answered by ``chain[1]``, and so on) whose last word
    changed: the side that has it before and after (its label; "nobody" for a chain that
    goes round in a circle; None where the chain was not there)."""

    chain: tuple[str, ...]
    old: str | None
    new: str | None


@dataclass(slots=True)
class Effects:
    """What the changes do to the debate, on the links ``links`` counts."""

    links: str
    threshold: float
    status: list[StatusChange] = field(default_factory=list)
    responses: list[ResponseChange] = field(default_factory=list)
    strength: list[StrengthChange] = field(default_factory=list)
    clashes: list[ClashChange] = field(default_factory=list)
    last_word: list[LastWordChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. a side that does not check

    def __bool__(self) -> bool:
        return bool(self.status or self.responses or self.strength or self.clashes or self.last_word)


@dataclass(slots=True)
class FolderDiff:
    """Everything that differs in one workspace between two versions."""

    folder: str
    old_label: str
    new_label: str
    paths: list[tuple[str | None, str | None]] = field(default_factory=list)  # (old, new) of each map that differs
    maps_added: list[str] = field(default_factory=list)
    maps_removed: list[str] = field(default_factory=list)
    entries: list[EntryChange] = field(default_factory=list)
    claims: list[ClaimChange] = field(default_factory=list)
    relations: list[RelationChange] = field(default_factory=list)
    effects: Effects | None = None
    notes: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # maps not compared: a version does not read
    home: str | None = None  # the one map whose claims are shown by their bare ids
    moves: dict[str, str] = field(default_factory=dict)  # old key → new key of claims (and relation ids) that moved
    aliases: dict[str, str] = field(default_factory=dict)  # old map name → new, comparing two files of different names

    def __bool__(self) -> bool:
        return bool(self.maps_added or self.maps_removed or self.entries or self.claims or self.relations)

    def name(self, key: str) -> str:
        """A claim or relation key as shown: the bare id in the one map compared."""
        if " -> " in key:
            return " -> ".join(self.name(end) for end in key.split(" -> "))
        stem, sep, local = key.partition(":")
        return local if sep and stem == self.home else key

    def title(self) -> str:
        """The files compared, and the versions when they are not files."""
        shown = []
        for old, new in self.paths:
            shown.append(new if new is not None and old in (None, new) else old or "" if new is None else f"{old} → {new}")
        title = ", ".join(shown) if len(shown) <= 3 else f"{self.folder}/ ({len(shown)} maps)"
        if any(old != new and old and new for old, new in self.paths):
            return title
        return f"{title} ({self.old_label} → {self.new_label})"

    def rename(self, key: str) -> str:
        """An old claim or relation key as the new version names it."""
        if key in self.moves:
            return self.moves[key]
        stem, sep, local = key.partition(":")
        return f"{self.aliases[stem]}:{local}" if sep and stem in self.aliases else key

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for hidden in ("home", "moves", "aliases"):
            data.pop(hidden)
        return data
