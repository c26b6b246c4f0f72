"""Load map files into a checked :class:`~argmap.model.Workspace`.

Loading never raises for bad input: it collects every problem (with file, line and
column) and returns them on the workspace, so ``argmap check`` can print them all and the
explorer can show a broken map instead of dying. Two passes:

1. *structure*, per file: keys, types and ids, giving records with references unresolved;
2. *resolution*, across the workspace: speakers, sides, sources, claims (``map:claim``
   reaches another file of the folder, loaded on demand), relations for undercuts,
   support cycles, and every quote verified against its source text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

from argmap import collector
from argmap.claimlines import NotBlockClaims, claim_lines, common_ends, line_breaks, split_claims
from argmap.diff.markers import conflict_problems
from argmap.errors import Location, Problem, Severity
from argmap.model import (
    ArgMap,
    Claim,
    ClaimKind,
    Located,
    Quote,
    Relation,
    RelationKind,
    Side,
    Source,
    Speaker,
    Workspace,
    claim_key,
)
from argmap.quotes import QuoteIndex
from argmap.yamlread import (
    MAX_BYTES,
    START,
    Entry,
    Mark,
    MarkedList,
    MarkedMap,
    YamlDocument,
    read_text,
    read_yaml_text,
)

__all__ = ["FORMAT_VERSION", "KEYS", "MAP_SUFFIXES", "PROGRESS_EVERY", "Progress", "ReadCache", "find_maps", "load_workspace"]

Progress = Callable[[str], None]
"""Told what a long load is doing, in a sentence ("Reading map.yaml: 40,000 claims, 41%")."""

PROGRESS_EVERY = 5_000
"""Claims read between two progress reports; a map smaller than this reports nothing."""

FORMAT_VERSION = 1
MAP_SUFFIXES = (".yaml", ".yml")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_ARROW = re.compile(r"\s*->\s*")

KEYS: dict[str, dict[str, bool]] = {
    # object → {key: required}; the JSON Schema in argmap/schema mirrors this (tested)
    "map": {"argmap": True, "title": True, "summary": False, "resolution": False, "sides": False, "speakers": False, "sources": False, "claims": True},
    "side": {"label": True, "burden": False, "note": False},
    "speaker": {"name": True, "role": False, "side": False, "note": False},
    "source": {"title": True, "publisher": False, "author": False, "date": False, "url": False, "text": False, "replies-to": False, "note": False},
    "claim": {"text": True, "kind": False, "by": False, "quote": False, "supports": False, "rebuts": False, "undercuts": False, "tags": False, "note": False, "weight": False, "conceded": False},
    "quote": {"source": True, "text": True},
    "relation": {"to": True, "id": False, "with": False, "partial": False, "note": False, "tags": False},
}

_ALLOWED = {kind: frozenset(keys) for kind, keys in KEYS.items()}
_REQUIRED = {kind: frozenset(key for key, required in keys.items() if required) for kind, keys in KEYS.items()}
_CLAIM_KINDS = {kind.value: kind for kind in ClaimKind}
_RELATION_KINDS = tuple((kind, kind.value) for kind in RelationKind)
_QUOTE_KEYS = _REQUIRED["quote"]  # a quote has exactly its two required keys
_TARGET_WHAT = {kind: f"{kind.value} target" for kind in RelationKind}
_STREAMED = ("claims",)  # the top-level section read one entry at a time
_SECTIONS = frozenset({"sides", "speakers", "sources"})  # what claims refer to

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true/false", type(None): "nothing", MarkedMap: "a mapping", MarkedList: "a list"}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean …?" hint for a near miss, or None."""
    import difflib  # only on an error: keep it out of start-up

    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


@dataclass(slots=True)
class _RawRelation(Located):
    """A relation as written, before its references are resolved."""

    kind: RelationKind
    stem: str
    source: str  # claim key
    target: str  # reference as written
    linked: tuple[tuple[str, Location], ...]
    id: str | None
    tags: tuple[str, ...]
    note: str | None
    path: str
    line: int
    column: int
    partial: bool = False

    @property
    def key(self) -> str:
        if self.id is not None:
            local = self.id
        else:
            target = _ARROW.sub("->", self.target) if "->" in self.target else self.target
            local = f"{self.source.partition(':')[2]}->{target}"
        return claim_key(self.stem, local)


@dataclass
class _FileResult:
    """What the structure pass read from one file."""

    map: ArgMap | None
    relations: list[_RawRelation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _FileReader:
    """The structure pass over one file's marked YAML.

    Claims are converted one at a time as the YAML reader hands them over (see
    :meth:`read`), so the marked tree of a large map never exists whole; the sections a
    claim refers to (sides, speakers, sources) are read when the first claim arrives.
    """

    def __init__(self, path: Path, display: str, stem: str, progress: Progress | None = None) -> None:
        self.path = path
        self.display = display
        self.stem = stem
        self.progress = progress
        self.problems: list[Problem] = []
        self.sides: dict[str, Side] = {}
        self.speakers: dict[str, Speaker] = {}
        self.sources: dict[str, Source] = {}
        self.declared_sources: frozenset[str] = frozenset()  # every source id, read or not yet
        self.claims: dict[str, Claim] = {}
        self.relations: list[_RawRelation] = []

    # -- reporting --------------------------------------------------------------------
    def at(self, mark: Mark) -> Location:
        return Location(self.display, mark.line + 1, mark.column + 1)

    def error(self, code: str, message: str, mark: Mark, hint: str | None = None, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(code, message, self.at(mark), severity, hint))

    # -- typed access -----------------------------------------------------------------
    def fields(self, node: Any, kind: str, where: str, mark: Mark) -> MarkedMap | None:
        """Check ``node`` is a mapping with the keys of ``kind``; report unknown and missing ones."""
        if node.__class__ is not MarkedMap:
            self.error("wrong-type", f"{where} must be a mapping, not {_type_name(node)}", mark, "write it as 'key: value' lines; see 'argmap new'")
            return None
        if _ALLOWED[kind].issuperset(node) and node.keys() >= _REQUIRED[kind]:
            return node  # the usual case, checked at C speed
        allowed = KEYS[kind]
        for key in node:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or f"allowed keys: {', '.join(allowed)}"
                self.error("unknown-key", f"unknown key {key!r} in {where}", node.key_marks[key], hint)
        for key, required in allowed.items():
            if required and key not in node:
                self.error("missing-key", f"{where} has no {key!r}", node.mark, f"add '{key}:'")
        return node

    def text(self, node: MarkedMap, key: str, where: str) -> str | None:
        value = node.get(key)
        if value is None or value.__class__ is str:
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error("wrong-type", f"{where}: {key!r} must be text, not {_type_name(value)}", node.value_marks[key], "quote it if it holds ':' or starts with a special character")
            return None
        return str(value)

    def flag(self, node: MarkedMap, key: str, where: str) -> bool:
        """A true/false value; anything else is reported and read as false."""
        value = node.get(key, False)
        if value.__class__ is bool:
            return value
        self.error("wrong-type", f"{key!r} in {where} must be true or false, not {_type_name(value)}", node.value_marks[key], f"write '{key}: true' or leave it out")
        return False

    def text_list(self, node: MarkedMap, key: str, where: str) -> list[tuple[str, Mark]]:
        value = node.get(key)
        if value is None:
            return []
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return [(str(value), node.value_marks[key])]
        if not isinstance(value, MarkedList):
            self.error("wrong-type", f"{where}: {key!r} must be a list, not {_type_name(value)}", node.value_marks[key], "write [a, b] or one '- item' a line")
            return []
        items = []
        for item, mark in zip(value, value.marks):
            if isinstance(item, (str, int)) and not isinstance(item, bool):
                items.append((str(item), mark))
            else:
                self.error("wrong-type", f"items of {key!r} in {where} must be text, not {_type_name(item)}", mark)
        return items

    def check_id(self, kind: str, key: str, mark: Mark) -> None:
        if not ID_PATTERN.match(key):
            self.error("bad-id", f"{kind} id {key!r} is not valid", mark, "use lower-case letters, digits and '-', starting with a letter or digit")

    def entries(self, node: Any, kind: str, mark: Mark) -> Iterable[Entry]:
        """The ``id: {…}`` entries of a keyed section, ids checked."""
        if node is None:
            return
        if not isinstance(node, MarkedMap):
            self.error("wrong-type", f"{kind}s must be a mapping of id to {kind}, not {_type_name(node)}", mark, f"write '  some-id: {{…}}' lines under '{kind}s:'")
            return
        for key, value in node.items():
            key_mark = node.key_marks[key]
            self.check_id(kind, key, key_mark)
            yield key, value, key_mark, node.value_marks[key]

    # -- the pass ---------------------------------------------------------------------
    def read(self, document: YamlDocument) -> _FileResult | None:
        """Read a map, converting each claim as soon as the YAML reader has it.

        Returns None when a section that claims refer to comes after ``claims:``: the
        claims already converted did not know it, so the caller reads the map whole.
        """
        sections_read = False
        size = max(len(document.text), 1)
        for count, (cid, node, kmark, vmark) in enumerate(document.entries(_STREAMED), 1):
            if not sections_read:
                self.sections(document.root)
                sections_read = True
            if count % PROGRESS_EVERY == 0 and self.progress is not None:
                self.progress(f"Reading {self.display}: {count:,} claims, {min(kmark.index / size, 1):.0%}")
            if not ID_PATTERN.match(cid):
                self.check_id("claim", cid, kmark)
            self.claim(cid, node, kmark, vmark)
        if document.problems:
            return _FileResult(None, problems=document.problems)
        top = document.root
        if sections_read and any(key in _SECTIONS for key in _keys_after(top, "claims")):
            return None
        return self.finish(top, sections_read)

    def finish(self, data: Any, sections_read: bool = False) -> _FileResult:
        """Check the map as a whole and read what :meth:`read` has not: all of it, for a tree read whole."""
        if data is None:
            self.error("empty-map", "the file holds no map", START, "a map needs at least 'argmap: 1', 'title:' and 'claims:'; 'argmap new' writes one")
            return _FileResult(None, problems=self.problems)
        top = self.fields(data, "map", "the map", START)
        if top is None:
            return _FileResult(None, problems=self.problems)
        version = top.get("argmap")
        if "argmap" in top and (version != FORMAT_VERSION or isinstance(version, bool)):
            self.error("bad-version", f"unsupported format version {version!r}", top.value_marks["argmap"], f"this argmap reads 'argmap: {FORMAT_VERSION}'")
        title = self.text(top, "title", "the map") or ""
        summary = self.text(top, "summary", "the map")
        resolution = self.text(top, "resolution", "the map")
        if not sections_read:
            self.sections(top)
        claims_node = top.get("claims")
        if "claims" in top and not isinstance(claims_node, MarkedMap):
            self.error("wrong-type", f"claims must be a mapping of id to claim, not {_type_name(claims_node)}", top.value_marks["claims"], "write '  some-id: {text: …}' lines under 'claims:'")
            claims_node = None
        for cid, node, kmark, vmark in self.entries(claims_node, "claim", START):  # empty if streamed
            self.claim(cid, node, kmark, vmark)
        argmap = ArgMap(self.path, self.stem, title, summary, self.sides, self.speakers, self.sources, self.claims, {}, resolution)
        return _FileResult(argmap, self.relations, self.problems)

    def sections(self, top: Any) -> None:
        """Read the sides, speakers and sources of a map (the sections claims refer to)."""
        if not isinstance(top, MarkedMap):
            return
        sides = self.sides
        for sid, node, kmark, vmark in self.entries(top.get("sides"), "side", top.value_marks.get("sides", START)):
            fields = self.fields(node, "side", f"side {sid!r}", vmark)
            if fields is not None:
                sides[sid] = Side(sid, self.text(fields, "label", f"side {sid!r}") or sid, self.at(kmark), self.text(fields, "burden", f"side {sid!r}"))

        for pid, node, kmark, vmark in self.entries(top.get("speakers"), "speaker", top.value_marks.get("speakers", START)):
            where = f"speaker {pid!r}"
            fields = self.fields(node, "speaker", where, vmark)
            if fields is None:
                continue
            side = self.text(fields, "side", where)
            if side is not None:
                if side in sides:
                    side = sides[side].id  # one string for all, not one per speaker
                else:
                    self.error("unknown-side", f"{where} is on unknown side {side!r}", fields.value_marks["side"], did_you_mean(side, sides) or _declare_hint("sides", sides))
                    side = None
            self.speakers[pid] = Speaker(pid, self.text(fields, "name", where) or pid, self.text(fields, "role", where), side, self.text(fields, "note", where), self.at(kmark))

        sources_node = top.get("sources")
        self.declared_sources = frozenset(sources_node) if isinstance(sources_node, MarkedMap) else frozenset()
        for order, (sid, node, kmark, vmark) in enumerate(self.entries(top.get("sources"), "source", top.value_marks.get("sources", START))):
            where = f"source {sid!r}"
            fields = self.fields(node, "source", where, vmark)
            if fields is None:
                continue
            text_path = None
            relative = self.text(fields, "text", where)
            if relative is not None:
                text_path = self.source_path(relative, fields.value_marks["text"])
            self.sources[sid] = Source(
                sid, self.text(fields, "title", where) or sid, order, self.at(kmark),
                publisher=self.text(fields, "publisher", where), author=self.text(fields, "author", where),
                date=self.text(fields, "date", where), url=self.text(fields, "url", where),
                text_path=text_path, note=self.text(fields, "note", where),
                replies_to=self.replies_to(fields, where),
            )

    def replies_to(self, fields: MarkedMap, where: str) -> tuple[str, ...]:
        """A source's ``replies-to``: sources listed before it (speeches come in order)."""
        answered = []
        for ref, mark in self.text_list(fields, "replies-to", where):
            if ref in self.sources:
                answered.append(self.sources[ref].id)
            else:
                later = ref in self.declared_sources
                hint = "a speech can only reply to one listed before it" if later else did_you_mean(ref, self.sources) or _declare_hint("sources", self.sources)
                self.error("unknown-source", f"{where} replies to {'a later' if later else 'unknown'} source {ref!r}", mark, hint)
        return tuple(answered)

    def source_path(self, relative: str, mark: Mark) -> Path | None:
        """Resolve a source's ``text:`` path; it must stay inside the folder of maps."""
        root = self.path.parent.resolve()
        candidate = root / relative
        try:
            candidate = candidate.resolve()
            exists = candidate.is_file()
        except (OSError, ValueError):  # a name too long for the file system, or holding NUL
            exists = False
        if not candidate.is_relative_to(root):
            self.error("source-outside", f"source text {relative!r} is outside the folder of maps", mark, f"keep source texts under {self.path.parent}/, e.g. sources/")
            return None
        if not exists:
            self.error("source-missing", f"source text {relative!r} does not exist", mark, f"looked for {candidate}")
            return None
        return candidate

    def claim(self, cid: str, node: Any, kmark: Mark, vmark: Mark) -> None:
        """Convert one claim entry, collecting its relations unresolved.

        This runs for every claim of every map, so each field is read straight from the
        mapping, and the checking helpers (which make the messages) are called only for a
        value of an unexpected type; problems come in the same order either way.
        """
        where = f"claim {cid!r}"
        fields = self.fields(node, "claim", where, vmark)
        if fields is None:
            return
        get = fields.get
        key = claim_key(self.stem, cid)
        kind = ClaimKind.CLAIM
        raw_kind = get("kind")
        if raw_kind is not None and raw_kind.__class__ is not str:
            raw_kind = self.text(fields, "kind", where)
        if raw_kind is not None:
            if raw_kind in _CLAIM_KINDS:
                kind = _CLAIM_KINDS[raw_kind]
            else:
                choices = list(_CLAIM_KINDS)
                self.error("bad-kind", f"{where} has unknown kind {raw_kind!r}", fields.value_marks["kind"], did_you_mean(raw_kind, choices) or f"use one of {', '.join(choices)}")
        by = get("by")
        if by is not None and by.__class__ is not str:
            by = self.text(fields, "by", where)
        if by is not None:
            speaker = self.speakers.get(by)
            if speaker is not None:
                by = speaker.id  # one string for all, not one per claim
            else:
                self.error("unknown-speaker", f"{where} is by unknown speaker {by!r}", fields.value_marks["by"], did_you_mean(by, self.speakers) or _declare_hint("speakers", self.speakers))
                by = None
        quote = None
        if "quote" in fields:
            quote = self.quote(fields["quote"], where, fields.value_marks["quote"])
        weight: float | None = None
        raw = get("weight")
        if raw is not None:
            if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 <= raw <= 1:
                self.error("bad-weight", f"{where}: weight must be a number from 0 to 1, not {raw!r}", fields.value_marks["weight"], "the base score before any support or attack; leave it out for the default 0.5")
            else:
                weight = float(raw)
        for rkind, name in _RELATION_KINDS:
            if name in fields:
                self.relations_of(key, fields, rkind, name, where)
        text = get("text")
        if text.__class__ is not str:
            text = self.text(fields, "text", where) or ""
        tags: tuple[str, ...] = ()
        if "tags" in fields:
            listed = fields["tags"]
            if listed.__class__ is MarkedList and all(tag.__class__ is str for tag in listed):
                tags = tuple(listed)  # the usual case, nothing to check
            else:
                tags = tuple(t for t, _ in self.text_list(fields, "tags", where))
        note = get("note")
        if note is not None and note.__class__ is not str:
            note = self.text(fields, "note", where)
        conceded = None
        if "conceded" in fields:
            conceded = self.conceded(fields, where, by)
        self.claims[cid] = Claim.quickly(key, cid, text, kind, by, quote, tags, note, weight, self.display, kmark.line + 1, kmark.column + 1, conceded)

    def conceded(self, fields: MarkedMap, where: str, by: str | None) -> str | None:
        """A claim's ``conceded``: a known speaker of another side than the claim's."""
        conceder = self.text(fields, "conceded", where)
        if conceder is None:
            return None
        mark = fields.value_marks["conceded"]
        speaker = self.speakers.get(conceder)
        if speaker is None:
            self.error("unknown-speaker", f"{where} is conceded by unknown speaker {conceder!r}", mark, did_you_mean(conceder, self.speakers) or _declare_hint("speakers", self.speakers))
            return None
        own = self.speakers[by].side if by in self.speakers else None
        if speaker.side is None or speaker.side == own:
            self.error("bad-concession", f"{where} is conceded by {conceder!r}, who is not on another side", mark, "'conceded' names a speaker of the other side who grants the claim")
            return None
        return speaker.id

    def quote(self, node: Any, where: str, mark: Mark) -> Quote | None:
        """A claim's quote, if it names a known source and has text."""
        if node.__class__ is MarkedMap and node.keys() == _QUOTE_KEYS:  # the usual case
            qfields: MarkedMap = node
        else:
            checked = self.fields(node, "quote", f"the quote of {where}", mark)
            if checked is None:
                return None
            qfields = checked
        source = qfields.get("source")
        if source is not None and source.__class__ is not str:
            source = self.text(qfields, "source", f"{where}.quote")
        text = qfields.get("text")
        if text is not None and text.__class__ is not str:
            text = self.text(qfields, "text", f"{where}.quote")
        if source is None:
            return None
        known = self.sources.get(source)
        if known is None:
            self.error("unknown-source", f"{where} quotes unknown source {source!r}", qfields.value_marks["source"], did_you_mean(source, self.sources) or _declare_hint("sources", self.sources))
        elif text:
            mark = qfields.value_marks["text"]
            return Quote.quickly(known.id, text, self.display, mark.line + 1, mark.column + 1)
        return None

    def relations_of(self, source: str, fields: MarkedMap, kind: RelationKind, name: str, where: str) -> None:
        """Read a claim's ``supports``/``rebuts``/``undercuts`` list, short and long forms."""
        value = fields[name]
        if value is None:
            return
        out = self.relations
        if isinstance(value, (str, MarkedMap)):
            items, marks = [value], [fields.value_marks[name]]
        elif isinstance(value, MarkedList):
            items, marks = value, value.marks
        else:
            self.error("wrong-type", f"{where}: {name!r} must be a list, not {_type_name(value)}", fields.value_marks[name], "write [id, …] or one '- id' a line")
            return
        stem = self.stem
        for item, mark in zip(items, marks):
            if item.__class__ is str:
                out.append(_RawRelation(kind, stem, source, item.strip(), (), None, (), None, self.display, mark.line + 1, mark.column + 1))
            elif item.__class__ is MarkedMap:
                rel = self.fields(item, "relation", f"a {name} entry of {where}", mark)
                if rel is None or not isinstance(rel.get("to"), str):
                    if rel is not None and "to" in rel:
                        self.error("wrong-type", f"'to' in {where}.{name} must be text", rel.value_marks["to"])
                    continue
                rid = self.text(rel, "id", where)
                if rid is not None and not ID_PATTERN.match(rid):
                    self.error("bad-id", f"relation id {rid!r} is not valid", rel.value_marks["id"], "use lower-case letters, digits and '-'")
                    rid = None
                linked = tuple((ref, self.at(m)) for ref, m in self.text_list(rel, "with", where))
                tags = tuple(t for t, _ in self.text_list(rel, "tags", where))
                to = rel.value_marks["to"]
                partial = self.flag(rel, "partial", f"a {name} entry of {where}")
                if partial and kind is RelationKind.SUPPORT:
                    self.error("partial-support", f"a support of {where} is marked partial", rel.value_marks["partial"], "'partial: true' marks an attack that answers part of its target; a reason needs no such mark")
                    partial = False
                out.append(_RawRelation(kind, stem, source, rel["to"].strip(), linked, rid, tags, self.text(rel, "note", where), self.display, to.line + 1, to.column + 1, partial))
            else:
                self.error("wrong-type", f"items of {name!r} in {where} must be ids or mappings, not {_type_name(item)}", mark)


_T = TypeVar("_T")


def _consumed(items: list[_T]) -> Iterator[_T]:
    """The items of a list in order, each dropped from it as it is handed out.

    The resolver turns each raw relation into a :class:`Relation` as it goes: with the raw
    one freed first, the new one takes its place in memory. Freed only at the end, 100k
    raw relations left 17 MB of holes among the claims that nothing later filled.
    """
    items.reverse()
    while items:
        yield items.pop()


def _keys_after(top: Any, key: str) -> list[str]:
    """The keys of mapping ``top`` that come after ``key``."""
    keys = list(top) if isinstance(top, MarkedMap) else []
    return keys[keys.index(key) + 1 :] if key in keys else []


def strongly_connected(edges: Mapping[str, Mapping[str, object]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (maps can be deep).

    Kept here rather than taken from networkx so that ``argmap check`` does not pay for
    importing networkx at start-up.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(edges.get(start, ())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def _cycle_in(component: list[str], edges: dict[str, dict[str, Relation]]) -> list[str]:
    """One cycle through a strongly connected component, closed (first == last)."""
    members = set(component)
    path = [component[0]]
    seen = {component[0]: 0}
    while True:
        node = next(n for n in edges[path[-1]] if n in members)
        if node in seen:
            return [*path[seen[node] :], node]
        seen[node] = len(path)
        path.append(node)


def _declare_hint(section: str, known: Iterable[str]) -> str:
    names = list(known)
    if not names:
        return f"declare it under '{section}:'"
    shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    return f"declare it under '{section}:' (known: {shown})"


# ---------------------------------------------------------------------------------------
def find_maps(folder: Path) -> list[Path]:
    """The map files of a workspace folder (not its subfolders), in name order."""
    return sorted(p for p in folder.iterdir() if p.suffix in MAP_SUFFIXES and p.is_file() and not p.name.startswith("."))


def _with_unsaved(folder: Path, found: list[Path], texts: Mapping[Path, str]) -> list[Path]:
    """A folder's map files and the maps ``texts`` gives for files of it not yet on disk (an
    editor's new buffer), in name order: the folder as it will be once they are saved."""
    if not texts:
        return found
    here = folder.resolve()
    unsaved = [p for p in texts if p.suffix in MAP_SUFFIXES and not p.name.startswith(".") and p.resolve().parent == here and not p.exists()]
    return sorted([*found, *unsaved], key=lambda p: p.name) if unsaved else found


def _display(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True, slots=True)
class _ClaimRead:
    """What the structure pass made of one claim's lines, the first of which is line ``start`` (0-based)."""

    start: int
    claims: tuple[Claim, ...]
    relations: tuple[_RawRelation, ...]
    problems: tuple[Problem, ...]

    def moved(self, start: int) -> _ClaimRead:
        """The same read for the lines moved to begin at ``start`` (lines added or removed above)."""
        delta = start - self.start
        if not delta:
            return self
        # built field by field rather than with dataclasses.replace, three times slower: a line
        # typed near the top of a 10k-claim map moves thousands of claims
        claims = tuple(
            Claim(c.key, c.id, c.text, c.kind, c.by, c.quote and Quote(c.quote.source, c.quote.text, c.quote.path, c.quote.line + delta, c.quote.column),
                  c.tags, c.note, c.weight, c.path, c.line + delta, c.column, c.conceded)
            for c in self.claims
        )
        relations = tuple(
            _RawRelation(r.kind, r.stem, r.source, r.target, tuple((ref, _moved_location(at, delta)) for ref, at in r.linked) if r.linked else (),
                         r.id, r.tags, r.note, r.path, r.line + delta, r.column, r.partial)
            for r in self.relations
        )
        problems = tuple(replace(p, location=_moved_location(p.location, delta)) for p in self.problems)
        return _ClaimRead(start, claims, relations, problems)


def _moved_location(location: Location, delta: int) -> Location:
    return Location(location.path, location.line + delta, location.column)


@dataclass(frozen=True, slots=True)
class _Layout:
    """A map's text cut into what comes before its claims, each claim's lines, and the rest."""

    before: str  # the text before the ``claims:`` line (the sections claims refer to)
    claims: list[tuple[str, str, int]]  # per claim: its id, its lines as text, its first line (0-based)
    ends: list[int]  # where each claim's lines end in the text (character offset)
    tail: str  # the text after the claims section
    indent: int

    @classmethod
    def of(cls, text: str) -> _Layout | None:
        try:
            found = claim_lines(text)
        except NotBlockClaims:
            return None
        offsets = list(accumulate(map(len, found.lines), initial=0))
        claims, ends = [], []
        for position, cid in enumerate(found.order):
            start, end = found.span(position)
            claims.append((cid, text[offsets[start] : offsets[end]], start))
            ends.append(offsets[end])
        return cls(text[: offsets[found.head]], claims, ends, text[offsets[found.end] :], found.indent)

    def edited(self, old: str, new: str) -> _Layout | None:
        """The layout of ``new``, an edit of ``old`` (this layout's text) within its claims,
        found from the lines of the claims around the edit alone; None for any other edit
        (or one that adds, removes or renames a claim)."""
        prefix, suffix = common_ends(old, new)
        first = max(bisect_right(self.ends, prefix) - 1, 0)  # the claim before too: the edit may end it
        last = bisect_right(self.ends, len(old) - suffix)
        if last >= len(self.claims) or (first == 0 and prefix < self.ends[0] - len(self.claims[0][1])):
            return None
        start = self.ends[first] - len(self.claims[first][1])
        delta = len(new) - len(old)
        span = new[start : self.ends[last] + delta]
        found = split_claims(span, self.indent)
        if found is None or [cid for cid, _ in found] != [cid for cid, _, _ in self.claims[first : last + 1]]:
            return None
        claims = self.claims[:first]
        ends = self.ends[:first]
        line = self.claims[first][2]
        for (cid, at), (_, until) in zip(found, [*found[1:], ("", len(span))]):
            claims.append((cid, span[at:until], line))
            ends.append(start + until)
            line += line_breaks(span[at:until])
        shift = line_breaks(span) - line_breaks(old[start : self.ends[last]])  # the edit lies within these lines of both
        later = self.claims[last + 1 :]
        claims.extend([(c, t, n + shift) for c, t, n in later] if shift else later)
        ends.extend(end + delta for end in self.ends[last + 1 :])
        return _Layout(self.before, claims, ends, self.tail, self.indent)


@dataclass(slots=True)
class _CachedFile:
    """The last text read of one map: its result, its layout, and per claim what was read of its lines."""

    text: str
    result: _FileResult
    layout: _Layout | None
    claims: dict[str, _ClaimRead]  # by the claim's lines, as text


class ReadCache:
    """The structure pass of each map text, remembered claim by claim, for an editor.

    An editor checks a buffer after each keystroke, and a keystroke changes one claim: the
    other claims of a 10k-claim map read the same as before, only perhaps some lines lower.
    So each claim's lines (:mod:`argmap.claimlines`) are kept with what the pass made of them;
    a new text reads only the claims whose lines changed, as a small document of their own,
    and moves the positions of the rest. An edit inside one claim's lines does not even look
    for the other claims again (:meth:`_Layout.edited`). Everything else -- the sections
    before the claims, the checks of the map as a whole, and the whole resolution pass --
    runs as for any load, so a map checks the same whether it came through here or not (a
    property test says so). A text whose claims are not plain blocks of lines, or whose
    lines do not read as YAML claim by claim, is read whole.
    """

    def __init__(self) -> None:
        self._files: dict[Path, _CachedFile] = {}
        # the relation resolved from each raw relation (kept while its claim's read is), by id: a
        # claim read again makes new raw relations, so an unchanged raw one resolves as before
        self.made: dict[int, tuple[_RawRelation, str, Relation]] = {}
        # the last resolution: what it was asked (raw relations per map, claim keys), its relations and problems
        self.resolved: tuple[_Question, dict[str, Relation], tuple[Problem, ...]] | None = None
        self._hints: dict[tuple[str, tuple[str, ...]], str | None] = {}

    def did_you_mean(self, name: str, candidates: list[str]) -> str | None:
        """:func:`did_you_mean`, remembered: a mistyped id stays on screen keystroke after keystroke,
        and finding its near misses among 10k ids takes difflib a tenth of a second."""
        key = (name, tuple(candidates))
        if key not in self._hints:
            if len(self._hints) >= 64:
                self._hints.clear()
            self._hints[key] = did_you_mean(name, candidates)
        return self._hints[key]

    def read(self, path: Path, display: str, stem: str, text: str) -> _FileResult:
        """What the structure pass makes of map ``text`` (the file ``path``, shown as ``display``)."""
        cached = self._files.get(path)
        if cached is not None and cached.text == text:
            return _copy(cached.result)
        layout = cached.layout.edited(cached.text, text) if cached is not None and cached.layout is not None else None
        if layout is None:
            layout = _Layout.of(text)
        known = cached.claims if cached is not None and cached.layout is not None and layout is not None and cached.layout.before == layout.before else {}
        found = self._by_claims(path, display, stem, layout, known) if layout is not None and known else None
        if found is not None:
            result, known = found
        else:  # read whole, and learn each claim's read from it
            result = _read_whole(path, display, stem, text)
            if layout is not None and result.map is not None:
                known = _claim_reads(layout, result)
        # a text that does not read (a keystroke half-way through a quote) keeps the reads it had
        self._files[path] = _CachedFile(text, result, layout, known)
        return _copy(result)

    def _by_claims(
        self, path: Path, display: str, stem: str, layout: _Layout, known: dict[str, _ClaimRead]
    ) -> tuple[_FileResult, dict[str, _ClaimRead]] | None:
        """Read the map from its head and, claim by claim, from ``known`` reads or afresh;
        return it and each claim's read, or None if it must be read whole."""
        if any(line.strip() and not line.lstrip().startswith("#") for line in layout.tail.splitlines()):
            return None  # sections after the claims: the whole read handles them
        head = YamlDocument(layout.before + "claims: {}\n", display)
        for _ in head.entries():
            pass
        if head.problems or not isinstance(head.root, MarkedMap):
            return None
        reader = _FileReader(path, display, stem)
        reader.sections(head.root)
        fresh = _FileReader(path, display, stem)  # reads new claims against the same sections
        fresh.sides, fresh.speakers, fresh.sources, fresh.declared_sources = reader.sides, reader.speakers, reader.sources, reader.declared_sources
        reads: dict[str, _ClaimRead] = {}
        claims, relations, problems = reader.claims, reader.relations, reader.problems
        for position, (cid, chunk, start) in enumerate(layout.claims):
            read = known.get(chunk)
            read = read.moved(start) if read is not None else _read_claim(fresh, cid, chunk, start, display)
            if read is None:
                stopped = _stopped_from(layout, position, display)
                return (stopped, known) if stopped is not None else None
            reads[chunk] = read
            for claim in read.claims:
                claims[claim.id] = claim
            relations.extend(read.relations)
            problems.extend(read.problems)
        return reader.finish(head.root, sections_read=True), reads


_STOPPING = frozenset({"yaml-syntax", "yaml-depth", "yaml-tag"})


def _stopped_from(layout: _Layout, position: int, display: str) -> _FileResult | None:
    """What a whole read makes of a map whose claim ``position`` does not read alone, if it
    is YAML that stops reading there or further on; None when only a whole read can tell.

    Everything above that claim read as YAML before (the head, and each claim alone), so
    the whole text parses alike up to there; the parser's first stop is found by parsing
    from that claim on under a ``claims:`` line of its own, and moved down to its line.
    A syntax error typed in the middle of a 10k-claim map thus costs a parse of the text
    from the error on, not a read of the whole map.
    """
    start = layout.claims[position][2]
    rest = "".join(chunk for _, chunk, _ in layout.claims[position:]) + layout.tail
    document = YamlDocument("claims:\n" + rest, display)
    for _ in document.entries(_STREAMED):
        pass
    problems = document.problems
    if not problems or any(p.code not in _STOPPING or p.location.line < 2 for p in problems):
        return None  # reads after all, or a problem whose text or place depends on the whole
    return _FileResult(None, problems=[replace(p, location=_moved_location(p.location, start - 1)) for p in problems])


def _copy(result: _FileResult) -> _FileResult:
    """A result the resolver may consume (it empties the relations list as it goes)."""
    return _FileResult(result.map, list(result.relations), list(result.problems))


def _read_whole(path: Path, display: str, stem: str, text: str, progress: Progress | None = None) -> _FileResult:
    result = _FileReader(path, display, stem, progress).read(YamlDocument(text, display))
    if result is None:  # sections after the claims: read it again, whole
        result = _FileReader(path, display, stem).finish(read_yaml_text(text, display)[0])
    return result


def _read_claim(reader: _FileReader, cid: str, chunk: str, start: int, display: str) -> _ClaimRead | None:
    """Read one claim's lines alone (under a ``claims:`` line); None unless they are exactly that claim."""
    document = YamlDocument("claims:\n" + chunk, display)
    claims, relations, problems = len(reader.claims), len(reader.relations), len(reader.problems)
    entries = 0
    for found, node, kmark, vmark in document.entries(_STREAMED):
        entries += 1
        if found != cid:
            return None
        if not ID_PATTERN.match(found):
            reader.check_id("claim", found, kmark)
        reader.claim(found, node, kmark, vmark)
    if document.problems or entries != 1:
        return None  # the whole read says what is wrong, as it would without the cache
    read = _ClaimRead(
        1, tuple(list(reader.claims.values())[claims:]), tuple(reader.relations[relations:]), tuple(reader.problems[problems:])
    )
    reader.claims.clear()
    del reader.relations[relations:], reader.problems[problems:]
    return read.moved(start)


def _claim_reads(layout: _Layout, result: _FileResult) -> dict[str, _ClaimRead]:
    """Each claim's read, keyed by its lines, sorted out of a whole read by line number."""
    assert result.map is not None
    starts = [start for _, _, start in layout.claims]
    ends = [start + line_breaks(chunk) + (not chunk.endswith(("\n", "\r"))) for _, chunk, start in layout.claims]
    buckets: list[tuple[list[Claim], list[_RawRelation], list[Problem]]] = [([], [], []) for _ in starts]

    def bucket(line: int) -> int | None:
        index = bisect_right(starts, line - 1) - 1  # line is 1-based, starts 0-based
        return index if index >= 0 and line - 1 < ends[index] else None

    for claim in result.map.claims.values():
        if (index := bucket(claim.line)) is not None:
            buckets[index][0].append(claim)
    for raw in result.relations:
        if (index := bucket(raw.line)) is not None:
            buckets[index][1].append(raw)
    for problem in result.problems:
        if (index := bucket(problem.location.line)) is not None:
            buckets[index][2].append(problem)
    reads = {}
    for (cid, chunk, start), (claims, relations, problems) in zip(layout.claims, buckets):
        if claims and [c.id for c in claims] != [cid]:
            return {}  # the claims do not sit in their lines as expected: keep nothing
        reads[chunk] = _ClaimRead(start, tuple(claims), tuple(relations), tuple(problems))
    return reads


_Question = tuple[list[tuple[str, tuple[_RawRelation, ...]]], list[str]]
_Made = dict[int, tuple[_RawRelation, str, Relation]]


def _shifted(known: tuple[_Question, dict[str, Relation], tuple[Problem, ...]], question: _Question, made: _Made) -> tuple[dict[str, Relation], tuple[Problem, ...]] | None:
    """The last resolution for raw relations that differ from last time only in their lines:
    its relations and problems moved to the new lines, ``made`` (:attr:`ReadCache.made`)
    updated to the new raw relations; None when anything else differs.

    A line typed above half a 10k-claim map moves 15k raw relations without changing what
    any of them says; resolving them all again was a third of such a keystroke's check.
    Only a duplicate relation's problem says a line in its words: it is resolved afresh.
    """
    (old_files, old_claims), relations, problems = known
    new_files, new_claims = question
    if old_claims != new_claims or len(old_files) != len(new_files) or any(p.code == "duplicate-relation" for p in problems):
        return None
    wanted = {(p.location.path, p.location.line, p.location.column) for p in problems}
    places: dict[tuple[str, int, int], int] = {}  # the new line of each problem's place that moved
    swapped: dict[int, Relation] = {}  # by id of the relation made before
    undercuts: dict[tuple[str, int, int], int] = {}  # an undercut's relation is not in made: its new line by place
    changes: list[tuple[_RawRelation, _RawRelation]] = []
    for (old_stem, old_raws), (new_stem, new_raws) in zip(old_files, new_files):
        if old_stem != new_stem or len(old_raws) != len(new_raws):
            return None
        for a, b in zip(old_raws, new_raws):
            if a is b:
                continue
            if not (
                a.target == b.target and a.source == b.source and a.kind is b.kind and a.column == b.column and a.id == b.id
                and a.tags == b.tags and a.note == b.note and a.partial == b.partial and a.path == b.path and a.stem == b.stem
                and ((not a.linked and not b.linked) or [(r, at.column) for r, at in a.linked] == [(r, at.column) for r, at in b.linked])
            ):
                return None
            changes.append((a, b))
    for a, b in changes:  # all the same but their places: move what was made of them
        line = b.line
        entry = made.pop(id(a), None)
        if entry is not None and entry[0] is a:
            rel = entry[2]
            if rel.line != line:
                swapped[id(rel)] = rel = _relation_at(rel, line)
            made[id(b)] = (b, entry[1], rel)
        elif a.kind is RelationKind.UNDERCUT:
            undercuts[(a.path, a.line, a.column)] = line
        if wanted:
            places[(a.path, a.line, a.column)] = line
            for (_, was), (_, now) in zip(a.linked, b.linked):
                places[(was.path, was.line, was.column)] = now.line
    moved = relations
    if swapped or undercuts:
        moved = {}
        for key, rel in relations.items():
            found = swapped.get(id(rel))
            if found is None and undercuts and (to := undercuts.get((rel.path, rel.line, rel.column))) is not None:
                found = _relation_at(rel, to)
            moved[key] = rel if found is None else found
    kept = []
    for problem in problems:
        at = problem.location
        line = places.get((at.path, at.line, at.column), at.line)
        kept.append(problem if line == at.line else replace(problem, location=Location(at.path, line, at.column)))
    return moved, tuple(kept)


def _relation_at(rel: Relation, line: int) -> Relation:
    """``rel`` written on ``line`` (built field by field: dataclasses.replace is three times slower)."""
    return Relation(rel.key, rel.kind, rel.source, rel.target, rel.linked, rel.tags, rel.note, rel.named, rel.path, line, rel.column, rel.partial)


class _Resolver:
    """The resolution pass: references across the workspace, cycles and quotes."""

    def __init__(self, root: Path, max_bytes: int, texts: Mapping[Path, str], progress: Progress | None = None, cache: ReadCache | None = None) -> None:
        self.root = root
        self.progress = progress
        self.cache = cache
        self.max_bytes = max_bytes
        self.texts = {path.resolve(): text for path, text in texts.items()}
        self.files: dict[str, _FileResult] = {}
        self.paths: dict[str, Path] = {}
        self.problems: list[Problem] = []
        self.claims: dict[str, Claim] = {}

    def read(self, path: Path) -> _FileResult:
        stem = path.stem
        if stem in self.files:
            return self.files[stem]
        display = _display(path)
        text = self.texts.get(path.resolve())
        problems: list[Problem] = []
        if text is None:
            text, problems = read_text(path, display, self.max_bytes)
        result: _FileResult | None = None
        if text is None:
            result = _FileResult(None, problems=problems)
        elif conflicts := conflict_problems(text, display):  # markers a merge left: no YAML to read
            result = _FileResult(None, problems=problems + conflicts)
        elif self.cache is not None:
            result = self.cache.read(path.resolve(), display, stem, text)
        else:
            result = _read_whole(path, display, stem, text, self.progress)
        self.files[stem] = result
        self.paths[stem] = path
        self.problems.extend(result.problems)
        if result.map is not None:
            for claim in result.map.claims.values():
                self.claims[claim.key] = claim
        return result

    def other_map(self, stem: str) -> bool:
        """Load the map ``stem`` of the workspace folder on demand; True if it exists."""
        if stem in self.files:
            return self.files[stem].map is not None
        if not stem or stem.startswith(".") or "/" in stem or "\\" in stem:
            return False  # not a file of this folder: a reference may not leave it
        for suffix in MAP_SUFFIXES:
            candidate = self.root / f"{stem}{suffix}"
            try:
                exists = candidate.is_file() or candidate.resolve() in self.texts  # or a map not saved yet
            except (OSError, ValueError):  # a name too long for the file system, or holding NUL
                exists = False
            if exists:
                return self.read(candidate).map is not None
        return False

    def claim_ref(self, ref: str, stem: str, location: Location, what: str) -> str | None:
        """Resolve a claim reference written in map ``stem`` to a claim key, or report it."""
        ref = ref.strip()
        other, sep, local = ref.partition(":")
        if not sep:
            other, local = stem, ref
        key = claim_key(other, local)
        if key in self.claims:
            return self.claims[key].key  # one string for all references to a claim
        if other != stem and not self.other_map(other):
            maps = [p.stem for p in find_maps(self.root)] if self.root.is_dir() else []
            self.problems.append(Problem("unknown-map", f"{what} {ref!r} names map {other!r}, which is not in {self.root}", location, hint=did_you_mean(other, maps) or "a reference to another map is 'map-file-stem:claim-id'"))
            return None
        if key in self.claims:
            return self.claims[key].key
        local_ids = [k.partition(":")[2] for k in self.claims if k.startswith(other + ":")]
        hint = self.cache.did_you_mean(local, local_ids) if self.cache is not None else did_you_mean(local, local_ids)
        self.problems.append(Problem("unknown-claim", f"{what} {ref!r} is not a claim" + (f" of map {other!r}" if other != stem else ""), location, hint=hint or "check the id under 'claims:'"))
        return None

    def load_referenced(self) -> None:
        """Read every other map that a relation names (``map:id``), transitively."""
        done: set[str] = set()
        while todo := [s for s in self.files if s not in done]:
            for stem in todo:
                done.add(stem)
                for raw in self.files[stem].relations:
                    if not raw.linked and ":" not in raw.target:
                        continue  # names no other map
                    refs = [raw.target, *(ref for ref, _ in raw.linked)]
                    if raw.kind is RelationKind.UNDERCUT and "->" in raw.target:
                        refs = raw.target.split("->")
                    for ref in refs:
                        other, sep, _ = ref.strip().partition(":")
                        if sep and other != stem:
                            self.other_map(other)

    def resolve(self) -> tuple[dict[str, ArgMap], dict[str, Relation]]:
        self.load_referenced()
        if self.cache is None:
            return self.maps(self.relations())
        # the relations follow from the raw relations and the claim keys alone: when a keystroke
        # changed neither (a claim's text typed), they and their problems are those of last time
        question = ([(stem, tuple(result.relations)) for stem, result in self.files.items()], list(self.claims))
        known = self.cache.resolved
        if known is not None and known[0] != question:
            # lines typed or removed above some claims: the same resolution, moved down or up
            shifted = _shifted(known, question, self.cache.made)
            if shifted is not None:
                known = self.cache.resolved = (question, *shifted)
        if known is not None and known[0] == question:
            for result in self.files.values():
                result.relations.clear()
            self.problems.extend(known[2])
            return self.maps(known[1])
        before = len(self.problems)
        relations = self.relations()
        self.cache.resolved = (question, relations, tuple(self.problems[before:]))
        return self.maps(relations)

    def relations(self) -> dict[str, Relation]:
        """Resolve every raw relation (consuming them): targets, premises, duplicates, cycles."""
        relations: dict[str, Relation] = {}
        by_ends: dict[tuple[str, str], str] = {}
        undercuts: list[_RawRelation] = []
        supports: dict[str, dict[str, Relation]] = {}  # source → target → relation, for support_cycles
        claims = self.claims
        made: dict[int, tuple[_RawRelation, str, Relation]] | None = {} if self.cache is not None else None
        for stem, result in list(self.files.items()):
            for raw in _consumed(result.relations):
                if raw.kind is RelationKind.UNDERCUT:
                    undercuts.append(raw)
                    continue
                # the usual target, a claim known by now (of this map, or "map:id" of another),
                # without the general claim_ref and the location it is given for a problem
                ref = raw.target
                claim = claims.get(ref.strip() if ":" in ref else claim_key(stem, ref))
                target = claim.key if claim is not None else self.claim_ref(raw.target, stem, raw.location, _TARGET_WHAT[raw.kind])
                if target is None:
                    continue
                rel = self.make_plain(raw, target, made) if made is not None else self.make(raw, target)
                if raw.source == target:
                    self.problems.append(Problem("self-relation", f"claim {raw.source.partition(':')[2]!r} {raw.kind.value} itself", raw.location, hint="a claim cannot be a reason for or against itself"))
                    continue
                ends = (raw.source, target)
                if ends in by_ends:
                    first = relations[by_ends[ends]]
                    same = first.kind is rel.kind
                    message = f"duplicate relation: {raw.source.partition(':')[2]!r} {raw.kind.value} {raw.target!r} twice" if same else f"{raw.source.partition(':')[2]!r} both {first.kind.value} and {raw.kind.value} {raw.target!r}"
                    self.problems.append(Problem("duplicate-relation", message, raw.location, hint=f"first at line {first.location.line}" + ("" if same else "; a claim cannot argue for and against the same claim")))
                    continue
                if self.add(rel, relations):
                    by_ends[ends] = rel.key
                    if rel.kind is RelationKind.SUPPORT:
                        supports.setdefault(rel.source, {})[target] = rel
        if self.cache is not None and made is not None:
            self.cache.made = made
        # undercuts may target undercuts: index them all, then resolve their targets
        pending = []
        for raw in undercuts:
            rel = self.make(raw, "")
            if self.add(rel, relations):
                pending.append((raw, rel))
        for raw, rel in pending:
            target = self.relation_ref(raw, relations, by_ends)
            if target is None or target == rel.key:
                if target == rel.key:
                    self.problems.append(Problem("self-relation", "an undercut cannot undercut itself", raw.location))
                del relations[rel.key]
                continue
            relations[rel.key] = replace(rel, target=target)
        self.support_cycles(supports)
        return relations

    def maps(self, relations: dict[str, Relation]) -> tuple[dict[str, ArgMap], dict[str, Relation]]:
        """The maps read, each with its relations."""
        maps = {}
        by_map: dict[str, dict[str, Relation]] = {}
        if len(self.files) > 1:  # one pass, not one per map (10 maps of 10k claims: 0.1 s)
            for key, rel in relations.items():
                by_map.setdefault(key.partition(":")[0], {})[key] = rel
        for stem, result in self.files.items():
            if result.map is None:
                continue
            # one map: the workspace's dict is its own (read-only both), not a copy of 100k entries
            own = relations if len(self.files) == 1 else by_map.get(stem, {})
            m = result.map
            maps[stem] = ArgMap(m.path, m.stem, m.title, m.summary, m.sides, m.speakers, m.sources, m.claims, own, m.resolution)
        return maps, relations

    def make_plain(self, raw: _RawRelation, target: str, made: dict[int, tuple[_RawRelation, str, Relation]]) -> Relation:
        """:meth:`make` for a support or rebuttal, taken from the cache when its raw relation was resolved before."""
        assert self.cache is not None
        known = self.cache.made.get(id(raw))
        if known is not None and known[0] is raw and known[1] == target and not raw.linked:
            rel = known[2]
        else:
            rel = self.make(raw, target)
        made[id(raw)] = (raw, target, rel)
        return rel

    def make(self, raw: _RawRelation, target: str) -> Relation:
        linked: tuple[str, ...] = ()
        if raw.linked:
            keys = (self.claim_ref(ref, raw.stem, location, "linked premise") for ref, location in raw.linked)
            linked = tuple(key for key in keys if key is not None)
        return Relation.quickly(raw.key, raw.kind, raw.source, target, linked, raw.tags, raw.note, raw.id is not None, raw.path, raw.line, raw.column, raw.partial)

    def add(self, rel: Relation, relations: dict[str, Relation]) -> bool:
        """Index a relation by key, refusing one whose id is taken."""
        if rel.key in relations or (rel.named and rel.key in self.claims):
            local = rel.key.split(":", 1)[1]
            what = "a claim" if rel.key in self.claims else "another relation"
            self.problems.append(Problem("duplicate-id", f"relation id {local!r} is already used by {what}", rel.location, hint="ids of claims and relations share one namespace per map"))
            return False
        relations[rel.key] = rel
        return True

    def relation_ref(self, raw: _RawRelation, relations: dict[str, Relation], by_ends: dict[tuple[str, str], str]) -> str | None:
        """Resolve an undercut's target: a relation id or ``"reason -> claim"``."""
        ref = raw.target
        if "->" in ref:
            left, _, right = ref.partition("->")
            source = self.claim_ref(left, raw.stem, raw.location, "undercut reason")
            target = self.claim_ref(right, raw.stem, raw.location, "undercut conclusion")
            if source is None or target is None:
                return None
            key = by_ends.get((source, target))
            if key is None:
                self.problems.append(Problem("unknown-relation", f"undercut target {ref!r}: {left.strip()!r} neither supports nor rebuts {right.strip()!r}", raw.location, hint="an undercut attacks an existing 'supports' or 'rebuts' relation"))
            return key
        other, sep, local = ref.partition(":")
        key = ref if sep else claim_key(raw.stem, ref)
        if key in relations:
            return key
        if sep:
            self.other_map(other)
        named = [k.partition(":")[2] for k, r in relations.items() if r.named and k.startswith((other if sep else raw.stem) + ":")]
        self.problems.append(Problem("unknown-relation", f"undercut target {ref!r} is not a relation", raw.location, hint=did_you_mean(local if sep else ref, named) or "write 'reason-id -> claim-id' or give the relation an 'id:'"))
        return None

    def support_cycles(self, edges: dict[str, dict[str, Relation]]) -> None:
        """Warn once per circle of supports (circular reasoning), at one of its relations.

        ``edges`` maps each claim to the claims it supports. When every reason comes after
        the claims it supports (a map written top-down, as generated ones are) there is no
        circle, and one pass over the edges shows it: cheaper than finding components.
        """
        position = {key: i for i, key in enumerate(self.claims)}
        if all(position[source] > position[target] for source, targets in edges.items() for target in targets):
            return
        for component in strongly_connected(edges):
            if len(component) < 2:
                continue
            cycle = _cycle_in(component, edges)
            rel = edges[cycle[0]][cycle[1]]
            names = " → ".join(key.partition(":")[2] for key in cycle)
            self.problems.append(Problem("support-cycle", f"circular support: {names}", rel.location, Severity.WARNING, "circular reasoning: one of these supports is probably the wrong way round"))

    def verify_quotes(self, maps: dict[str, ArgMap]) -> None:
        index = QuoteIndex()
        for m in maps.values():
            for claim in m.claims.values():
                quote = claim.quote
                if quote is None:
                    continue
                source = m.sources[quote.source]
                if source.text_path is None:
                    continue
                problem = index.check(quote, source.text_path)
                if problem is not None:
                    self.problems.append(problem)


def load_workspace(
    paths: Sequence[Path | str],
    *,
    verify_quotes: bool = True,
    max_bytes: int = MAX_BYTES,
    texts: Mapping[Path, str] | None = None,
    progress: Progress | None = None,
    cache: ReadCache | None = None,
) -> Workspace:
    """Load maps (files, or folders of maps) as one workspace and check them.

    Problems are collected on the result, never raised; only the files asked for (and
    the other maps they reference) are read. ``texts`` gives the content of some map
    files instead of what is on disk, so an editor can check a change before it writes.
    ``progress``, if given, hears now and then what a large load is doing (:data:`Progress`).
    ``cache`` remembers what each map read as, so loading a slightly changed text again
    reads only the claims that changed (:class:`ReadCache`; for an editor's buffers).
    """
    with collector.paused():  # see argmap.collector
        return _load(paths, verify_quotes, max_bytes, texts or {}, progress, cache)


def _load(
    paths: Sequence[Path | str], verify_quotes: bool, max_bytes: int, texts: Mapping[Path, str], progress: Progress | None, cache: ReadCache | None
) -> Workspace:
    files: list[Path] = []
    root: Path | None = None
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _with_unsaved(path, find_maps(path), texts)
            if not found:
                problems.append(Problem("no-maps", f"no map files (*.yaml) in {path}", Location(str(path)), hint="'argmap new FILE' writes one"))
            files.extend(found)
            root = root or path
        elif path.is_file():
            files.append(path)
            root = root or path.parent
        else:
            problems.append(Problem("no-such-file", f"no such file or folder: {path}", Location(str(path))))
    resolver = _Resolver(root or Path("."), max_bytes, texts, progress, cache)
    seen: dict[str, Path] = {}
    for path in files:
        if path.stem in seen and seen[path.stem].resolve() != path.resolve():
            problems.append(Problem("duplicate-map", f"two maps named {path.stem!r}", Location(_display(path)), hint=f"the other is {seen[path.stem]}; map names must be unique in a workspace"))
            continue
        seen[path.stem] = path
        resolver.read(path)
    maps, relations = resolver.resolve()
    if verify_quotes:
        if progress is not None and len(resolver.claims) >= PROGRESS_EVERY:
            progress(f"Checking {len(resolver.claims):,} claims' quotes against their sources")
        resolver.verify_quotes(maps)
    claims = {claim.key: claim for m in maps.values() for claim in m.claims.values()}
    all_problems = sorted(problems + resolver.problems, key=lambda p: (p.location.path, p.location.line, p.location.column))
    primary = tuple(stem for stem in seen if stem in maps)
    return Workspace(root or Path("."), maps, claims, relations, tuple(all_problems), primary)
