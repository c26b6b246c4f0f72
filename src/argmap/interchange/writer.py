"""A map being imported (:class:`Draft`) and its serialisation to argmap YAML text.

Importers build a :class:`Draft` — plain data with relations addressable by id, since
microtexts and AIF undercut relations, not claims — and :func:`to_yaml` writes it by hand
rather than through ``yaml.dump``: the output is meant to be read and edited, so keys come
in the order of FORMAT.md, short relations use the short form, only relations that are
undercut get an ``id:``, strings are quoted only when YAML would misread them, and a
comment header says where the map came from. The same draft always gives the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from argmap.errors import without_controls
from argmap.model import RelationKind

__all__ = [
    "Draft",
    "DraftClaim",
    "DraftRelation",
    "DraftSource",
    "DraftSpeaker",
    "IdMaker",
    "slug",
    "to_yaml",
]

_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def slug(text: str, words: int = 5, limit: int = 40) -> str:
    """A readable id from the first few words of ``text`` (ASCII, lower case, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN)).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    result = ""
    for part in parts[:words]:
        candidate = f"{result}-{part}" if result else part
        if len(candidate) > limit and result:
            break
        result = candidate[:limit]
    return result.strip("-") or "claim"


class IdMaker:
    """Hands out ids unique within one map; claims and relations share the namespace."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.reserved: set[str] = set()  # ids a file names for itself: made only when asked for by name
        self._next: dict[str, int] = {}  # the first suffix not yet known to be taken, per base

    def make(self, wanted: str) -> str:
        """``wanted`` made valid and unique by a numeric suffix (``-2``, ``-3`` …).

        Suffixes go on from the last one given for the same base: counting up from 2 each
        time made 2,000 claims of one text (a fuzzed Kialo file) take 3 s.
        """
        base = wanted if _ID.match(wanted) else slug(wanted)
        candidate, n = base, self._next.get(base, 2)
        # ids are only added (used and reserved alike), so a suffix once passed stays taken
        while candidate in self.used or (candidate in self.reserved and candidate != wanted):
            candidate, n = f"{base}-{n}", n + 1
        self._next[base] = n
        self.used.add(candidate)
        return candidate


@dataclass
class DraftSpeaker:
    """Who said something, with the side they argue for (optional)."""

    name: str
    role: str | None = None
    side: str | None = None
    note: str | None = None


@dataclass
class DraftSource:
    """A source; ``text`` is a path relative to the map, written by the importer's caller."""

    title: str
    url: str | None = None
    text: str | None = None
    note: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    replies_to: list[str] = field(default_factory=list)


@dataclass
class DraftClaim:
    """One claim as it will be written."""

    text: str
    kind: str = "claim"
    by: str | None = None
    quote: tuple[str, str] | None = None  # (source id, verbatim text)
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    weight: float | None = None
    conceded: str | None = None  # a speaker of another side who grants the claim


@dataclass
class DraftRelation:
    """A support, rebuttal or undercut. ``target`` is a claim id, or for an undercut the
    ``id`` of another relation; ``id`` is written only when an undercut names it or ``named``."""

    id: str
    kind: RelationKind
    source: str
    target: str
    linked: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    partial: bool = False  # an attack that answers only part of its target
    named: bool = False  # write the ``id`` even when no undercut names it (the source named it)


@dataclass
class Draft:
    """A whole map being imported, plus what the import could not express.

    ``files`` are texts to write beside the map (relative path → text): source texts that
    quotes are verified against. ``warnings`` are one-line remarks for the user.
    """

    title: str
    origin: list[str]
    summary: str | None = None
    resolution: str | None = None
    sides: dict[str, str] = field(default_factory=dict)
    side_details: dict[str, dict[str, str]] = field(default_factory=dict)  # side id → burden, note
    speakers: dict[str, DraftSpeaker] = field(default_factory=dict)
    sources: dict[str, DraftSource] = field(default_factory=dict)
    claims: dict[str, DraftClaim] = field(default_factory=dict)
    relations: list[DraftRelation] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    ids: IdMaker = field(default_factory=IdMaker)
    ends: set[tuple[str, str, bool]] = field(default_factory=set, repr=False)  # (source, target, is undercut)

    def add_claim(self, wanted_id: str, claim: DraftClaim) -> str:
        """Add a claim under a unique id made from ``wanted_id``; return the id."""
        cid = self.ids.make(wanted_id)
        self.claims[cid] = claim
        return cid

    def add_relation(self, kind: RelationKind, source: str, target: str, *, linked: list[str] | None = None,
                     wanted_id: str = "r", tags: list[str] | None = None, note: str | None = None,
                     partial: bool = False) -> DraftRelation | None:
        """Add a relation, or return None (with a warning) where argmap could not load it:
        a claim bearing on itself, or a second relation between the same two claims."""
        premises = [source, *(linked or [])]
        undercut = kind is RelationKind.UNDERCUT
        if not undercut and target in premises:
            self.warnings.append(f"skipped a relation of {target!r} to itself")
            return None
        # the loader keys a relation by (source, target): pick a premise that is still free
        free = [p for p in premises if (p, target, undercut) not in self.ends]
        if not free or (undercut and free[0] != source):
            self.warnings.append(f"skipped a second {kind.value} relation from {source!r} to {target!r}")
            return None
        source = free[0]
        self.ends.add((source, target, undercut))
        rest = [p for p in dict.fromkeys(premises) if p != source]
        relation = DraftRelation(self.ids.make(wanted_id), kind, source, target, rest, tags or [], note, partial)
        self.relations.append(relation)
        return relation


# -- YAML text ----------------------------------------------------------------------------
_PLAIN = re.compile(r"[A-Za-z][\w ,.'()?!/&%+-]*\Z")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def _scalar(value: str, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when nothing could misread it, else double-quoted.

    Inside ``[…]`` or ``{…}`` (``flow``) a comma ends a plain scalar, and so does a ``?`` for
    PyYAML's pure-Python loader (YAML 1.1's flow indicators), so both force quotes. A
    control character becomes U+FFFD: a map refuses them (``yaml-control``), and a file
    from elsewhere should import whatever stray escape its texts hold.
    """
    value = without_controls(value)
    if _PLAIN.match(value) and not value.endswith(" ") and value.lower() not in _RESERVED and not (flow and ("," in value or "?" in value)):
        return value
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_scalar(i, flow=True) for i in items) + "]"


def _relation_lines(rel: DraftRelation, target: str, named: bool, indent: str) -> list[str]:
    """One entry of a ``supports``/``rebuts``/``undercuts`` list: short form when possible."""
    if not (named or rel.linked or rel.tags or rel.note or rel.partial):
        return [f"{indent}- {_scalar(target)}"]
    lines = [f"{indent}- to: {_scalar(target)}"]
    if named:
        lines.append(f"{indent}  id: {_scalar(rel.id)}")
    if rel.linked:
        lines.append(f"{indent}  with: {_flow(rel.linked)}")
    if rel.partial:
        lines.append(f"{indent}  partial: true")
    if rel.tags:
        lines.append(f"{indent}  tags: {_flow(rel.tags)}")
    if rel.note:
        lines.append(f"{indent}  note: {_scalar(rel.note)}")
    return lines


def to_yaml(draft: Draft) -> str:
    """The draft as argmap YAML text that ``argmap check`` accepts."""
    out = [f"# {line}".rstrip() for line in draft.origin]
    out += ["", "argmap: 1", f"title: {_scalar(draft.title)}"]
    if draft.summary:
        out.append(f"summary: {_scalar(draft.summary)}")
    if draft.resolution:
        out.append(f"resolution: {_scalar(draft.resolution)}")
    if draft.sides:
        out += ["", "sides:"]
        for sid, label in draft.sides.items():
            details = ", ".join(f"{key}: {_scalar(value, flow=True)}" for key, value in draft.side_details.get(sid, {}).items() if value)
            out.append(f"  {_scalar(sid)}: {{label: {_scalar(label, flow=True)}{', ' + details if details else ''}}}")
    if draft.speakers:
        out += ["", "speakers:"]
        for pid, sp in draft.speakers.items():
            out.append(f"  {_scalar(pid)}:")
            out.append(f"    name: {_scalar(sp.name)}")
            out += [f"    {key}: {_scalar(value)}" for key, value in (("role", sp.role), ("side", sp.side), ("note", sp.note)) if value]
    if draft.sources:
        out += ["", "sources:"]
        for sid, src in draft.sources.items():
            out.append(f"  {_scalar(sid)}:")
            out.append(f"    title: {_scalar(src.title)}")
            out += [f"    {key}: {_scalar(value)}" for key, value in (("publisher", src.publisher), ("author", src.author), ("date", src.date),
                                                                    ("url", src.url), ("text", src.text)) if value]
            if src.replies_to:
                out.append(f"    replies-to: {_flow(src.replies_to)}")
            if src.note:
                out.append(f"    note: {_scalar(src.note)}")
    by_id = {r.id: r for r in draft.relations}

    def undercut_target(rel: DraftRelation) -> str:
        """An unnamed support or rebuttal is named by its ends ("a -> b"), as a map would."""
        target = by_id.get(rel.target)
        if target is None or target.named or target.kind is RelationKind.UNDERCUT:
            return rel.target
        return f"{target.source} -> {target.target}"

    named = {r.target for r in draft.relations if r.kind is RelationKind.UNDERCUT and undercut_target(r) == r.target}
    named |= {r.id for r in draft.relations if r.named}
    by_source: dict[str, list[DraftRelation]] = {}
    for rel in draft.relations:
        by_source.setdefault(rel.source, []).append(rel)
    out += ["", "claims:" if draft.claims else "claims: {}"]
    for cid, claim in draft.claims.items():
        out.append(f"  {_scalar(cid)}:")
        out.append(f"    text: {_scalar(claim.text)}")
        if claim.kind != "claim":
            out.append(f"    kind: {claim.kind}")
        if claim.by:
            out.append(f"    by: {_scalar(claim.by)}")
        if claim.quote:
            out.append(f"    quote: {{source: {_scalar(claim.quote[0], flow=True)}, text: {_scalar(claim.quote[1], flow=True)}}}")
        for kind in RelationKind:
            rels = [r for r in by_source.get(cid, []) if r.kind is kind]
            if rels:
                out.append(f"    {kind.value}:")
                for rel in rels:
                    target = undercut_target(rel) if rel.kind is RelationKind.UNDERCUT else rel.target
                    out += _relation_lines(rel, target, rel.id in named, "      ")
        if claim.tags:
            out.append(f"    tags: {_flow(claim.tags)}")
        if claim.note:
            out.append(f"    note: {_scalar(claim.note)}")
        if claim.weight is not None:
            out.append(f"    weight: {claim.weight!r}")
        if claim.conceded:
            out.append(f"    conceded: {_scalar(claim.conceded)}")
    return "\n".join(out) + "\n"
