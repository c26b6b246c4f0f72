"""The structural half of a semantic diff: what changed, entry by entry, claim by claim.

Each map that differs is cut into entries by its :class:`~argmap.diff.outline.Outline`;
an entry whose lines are the same in both versions is the same, and only the rest is
parsed and compared field by field. A map whose layout an outline cannot read is parsed
whole instead (slower, same result). Claims are matched by id: one that leaves a map and
appears in another map of the folder has *moved* (``argmap mv``), and references to it
are compared through the move, so re-based references are no change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from argmap.model import claim_key, split_key
from argmap.yamlread import read_yaml_text

from .changes import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    RETARGETED,
    ClaimChange,
    EntryChange,
    FieldChange,
    FolderDiff,
    RelationChange,
)
from .outline import Block, Memo, Outline, OutlineError
from .sides import MapPair, Workspaces
from .written import WrittenClaim, WrittenRelation, canonical, parse_entry, read_claim

__all__ = ["ANALYSED_FIELDS", "MapEntries", "compare", "differs_for_analysis"]

SECTIONS = ("sides", "speakers", "sources")
ANALYSED_FIELDS = frozenset({"kind", "by", "side", "quote source", "tags", "weight", "conceded"})
"""Claim fields the analysis reads: a change to one of them may change a verdict."""


@dataclass
class Entry:
    """One entry of a map: its lines (or, for a map read whole, its value as text) and value."""

    text: str
    line: int  # of its key, 1-based
    parse: Callable[[], Any]
    base: int  # the line its value's marks count from (0-based)

    @cached_property
    def value(self) -> Any:
        return self.parse()


class Section(Mapping[str, Entry]):
    """The entries of one block mapping of an outline, made when asked for: a diff looks
    at the lines of every claim, but makes an :class:`Entry` of the few that differ."""

    def __init__(self, block: Block | None, path: str) -> None:
        self.block = block
        self.path = path
        self._made: dict[str, Entry] = {}

    def text(self, key: str) -> str:
        assert self.block is not None
        return self.block.text(key)

    def __getitem__(self, key: str) -> Entry:
        entry = self._made.get(key)
        if entry is None:
            if self.block is None or key not in self.block.entries:
                raise KeyError(key)
            start = self.block.entries[key].start
            text = self.block.text(key)
            entry = self._made[key] = Entry(text, start + 1, _parser(text, key, self.path), start)
        return entry

    def __contains__(self, key: object) -> bool:
        return self.block is not None and key in self.block.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.block.entries if self.block is not None else ())

    def __len__(self) -> int:
        return len(self.block.entries) if self.block is not None else 0


class _Parsed(dict[str, Entry]):
    """The entries of a mapping of a map read whole: their values stand for their lines."""

    def text(self, key: str) -> str:
        return self[key].text


@dataclass
class MapEntries:
    """The entries of one version of a map: top-level fields, sections, claims."""

    stem: str
    path: str
    top: Section | _Parsed = field(default_factory=_Parsed)
    sections: dict[str, Section | _Parsed] = field(default_factory=dict)
    outlined: bool = True  # cut by an outline (entries compare by their lines), or parsed whole
    unreadable: str | None = None  # why the text does not read as a map at all

    @classmethod
    def read(cls, stem: str, path: str, text: str, whole: bool = False, memo: Memo | None = None) -> MapEntries:
        """Cut ``text`` into entries (``whole``: parse it whole; also when the outline cannot);
        versions of one map share a ``memo`` (see :class:`~argmap.diff.outline.Outline`)."""
        if not whole:
            try:
                return cls._outlined(stem, path, Outline(text, memo))
            except OutlineError:
                pass
        return cls._parsed(stem, path, text)

    @classmethod
    def _outlined(cls, stem: str, path: str, outline: Outline) -> MapEntries:
        found = cls(stem, path)
        top = outline.top
        found.top = Section(top, path)
        for name in (*SECTIONS, "claims"):
            if name in top.entries:
                child = top.child(name)
                if child is None and top.value_line(name) not in ("", "{}", "null", "~"):
                    raise OutlineError(f"{name} is not a block mapping")
                found.sections[name] = Section(child, path)
        return found

    @classmethod
    def _parsed(cls, stem: str, path: str, text: str) -> MapEntries:
        value, problems = read_yaml_text(text, path)
        found = cls(stem, path, outlined=False)
        if not isinstance(value, dict):
            from .markers import conflict_problems

            found_problems = conflict_problems(text, path) or problems
            why = found_problems[0] if found_problems else None
            found.unreadable = f"{why.message} at line {why.location.line} [{why.code}]" if why is not None else "it holds no map"
            return found

        def entries(node: Any) -> _Parsed:
            out = _Parsed()
            marks = getattr(node, "key_marks", {})
            for key, item in node.items():
                line = marks[key].line + 1 if key in marks else 1
                out[key] = Entry(canonical(item) + repr(type(item)), line, _constant(item), 0)
            return out

        found.top = entries(value)
        for name in (*SECTIONS, "claims"):
            node = value.get(name)
            found.sections[name] = entries(node) if isinstance(node, dict) else _Parsed()
        return found

    def section(self, name: str) -> Section | _Parsed:
        return self.sections.get(name) or _Parsed()

    @cached_property
    def sides_of_speakers(self) -> dict[str, str | None]:
        out = {}
        for speaker, entry in self.section("speakers").items():
            value = entry.value
            side = value.get("side") if isinstance(value, dict) else None
            out[speaker] = None if side is None else str(side)
        return out

    def claim(self, claim_id: str) -> WrittenClaim:
        entry = self.section("claims")[claim_id]
        return read_claim(entry.value, self.stem, claim_id, entry.base, entry.line)


def _parser(text: str, key: str, path: str) -> Callable[[], Any]:
    return lambda: parse_entry(text, key, path)


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _field_changes(old: dict[str, Any], new: dict[str, Any], names: Iterable[str] | None = None) -> tuple[FieldChange, ...]:
    keys = list(names) if names is not None else list(dict.fromkeys([*old, *new]))
    return tuple(FieldChange(k, old.get(k), new.get(k)) for k in keys if canonical(old.get(k)) != canonical(new.get(k)))


def _as_fields(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {"value": value}


def _summary(section: str, value: Any) -> str:
    if not isinstance(value, dict):
        return canonical(value)
    for key in ("title", "name", "label"):
        if value.get(key) is not None:
            return str(value[key])
    return ""


class _Folder:
    """The maps of one folder that differ, read into entries, and the claims' moves."""

    def __init__(self, workspaces: Workspaces) -> None:
        self.workspaces = workspaces
        self.old: dict[str, MapEntries] = {}
        self.new: dict[str, MapEntries] = {}
        self.alias: dict[str, str] = {}  # old stem → new stem (two files of different names)
        self.unreadable: list[str] = []  # maps left out: a version does not read
        for pair in workspaces.maps:
            self._read(pair)
        self.moves: dict[str, str] = self._moves()

    def _read(self, pair: MapPair) -> None:
        if pair.old_stem != pair.new_stem:
            self.alias[pair.old_stem] = pair.new_stem
        memo: Memo = {}
        old = MapEntries.read(pair.old_stem, pair.old_path or "", pair.old_text, memo=memo) if pair.old_text is not None else None
        new = MapEntries.read(pair.new_stem, pair.new_path or "", pair.new_text, memo=memo) if pair.new_text is not None else None
        if old is not None and new is not None and old.outlined != new.outlined:
            # one of them could not be outlined: compare both read whole, so entries compare alike
            old = MapEntries.read(pair.old_stem, pair.old_path or "", pair.old_text or "", whole=True)
            new = MapEntries.read(pair.new_stem, pair.new_path or "", pair.new_text or "", whole=True)
        broken = [(label, e.unreadable) for label, e in ((self.workspaces.old_label, old), (self.workspaces.new_label, new)) if e is not None and e.unreadable]
        if broken:
            self.unreadable += [f"{pair.new_path or pair.old_path} not compared: its {label} version does not read: {why}" for label, why in broken]
            return
        if old is not None:
            self.old[pair.new_stem if pair.new_text is not None else pair.old_stem] = old
        if new is not None:
            self.new[pair.new_stem] = new

    def rename(self, key: str) -> str:
        """An old claim or relation key as the new version names it."""
        moved = self.moves.get(key)
        if moved is not None:
            return moved
        stem, local = split_key(key)
        return claim_key(self.alias[stem], local) if stem in self.alias else key

    def _moves(self) -> dict[str, str]:
        """Old claim key → new key, for claims that left a map for another of the folder."""
        gone: dict[str, str] = {}  # claim id → old map, for ids that left a map
        for stem, entries in self.old.items():
            now = self.new.get(stem)
            for claim_id in entries.section("claims"):
                if now is None or claim_id not in now.section("claims"):
                    gone.setdefault(claim_id, stem)
        moves: dict[str, str] = {}
        if not gone:
            return moves
        for stem, entries in self.new.items():
            before = self.old.get(stem)
            for claim_id in entries.section("claims"):
                if claim_id in gone and gone[claim_id] != stem and (before is None or claim_id not in before.section("claims")):
                    moves[claim_key(self.old[gone.pop(claim_id)].stem, claim_id)] = claim_key(stem, claim_id)
        return moves


def _claim_changes(folder: _Folder, diff: FolderDiff) -> None:
    old_claims: dict[str, tuple[MapEntries, str]] = {}
    for entries in folder.old.values():
        for claim_id in entries.section("claims"):
            old_claims[folder.rename(claim_key(entries.stem, claim_id))] = (entries, claim_id)
    new_claims: dict[str, tuple[MapEntries, str]] = {}
    for entries in folder.new.values():
        for claim_id in entries.section("claims"):
            new_claims[claim_key(entries.stem, claim_id)] = (entries, claim_id)
    old_relations: list[WrittenRelation] = []
    new_relations: list[WrittenRelation] = []
    relation_moves: dict[str, str] = {}
    compared: list[tuple[WrittenClaim | None, WrittenClaim | None, str, str | None, MapEntries | None, MapEntries | None]] = []
    for key in dict.fromkeys([*old_claims, *new_claims]):
        before, after = old_claims.get(key), new_claims.get(key)
        moved_from = claim_key(before[0].stem, before[1]) if before is not None else None
        if moved_from not in folder.moves:
            moved_from = None
        if before is not None and after is not None and moved_from is None:
            old_text = before[0].section("claims").text(before[1])
            if old_text == after[0].section("claims").text(after[1]) and not _side_changed(before[0], after[0], old_text):
                continue
        old_claim = before[0].claim(before[1]) if before else None
        new_claim = after[0].claim(after[1]) if after else None
        if old_claim is not None:
            for rel in old_claim.relations:
                if rel.id is not None and moved_from is not None:
                    relation_moves[claim_key(split_key(moved_from)[0], rel.id)] = claim_key(split_key(key)[0], rel.id)
            old_relations.extend(old_claim.relations)
        if new_claim is not None:
            new_relations.extend(new_claim.relations)
        compared.append((old_claim, new_claim, key, moved_from, before[0] if before else None, after[0] if after else None))

    def rename(key: str) -> str:
        return relation_moves.get(key) or folder.rename(key)

    diff.moves = {**folder.moves, **relation_moves}

    for old_claim, new_claim, key, moved_from, old_map, new_map in compared:
        diff.claims.extend(_one_claim(old_claim, new_claim, key, moved_from, old_map, new_map))
    removed_claims = {c.key for c in diff.claims if c.change == REMOVED}
    added_claims = {c.key for c in diff.claims if c.change == ADDED}
    diff.relations.extend(_relation_changes([r.renamed(rename) for r in old_relations], new_relations, folder, removed_claims, added_claims))


def _side_changed(old_map: MapEntries, new_map: MapEntries, text: str) -> bool:
    """Whether a claim whose lines did not change changed side, its speaker having changed side."""
    if old_map.sides_of_speakers == new_map.sides_of_speakers:
        return False
    value, _ = read_yaml_text(text, "<claim>")
    claim = next(iter(value.values()), None) if isinstance(value, dict) else None
    by = claim.get("by") if isinstance(claim, dict) else None
    return by is not None and old_map.sides_of_speakers.get(str(by)) != new_map.sides_of_speakers.get(str(by))


def _one_claim(
    old: WrittenClaim | None, new: WrittenClaim | None, key: str, moved_from: str | None, old_map: MapEntries | None, new_map: MapEntries | None,
) -> list[ClaimChange]:
    if old is None and new is not None and new_map is not None:
        side = new_map.sides_of_speakers.get(new.by) if new.by else None
        return [ClaimChange(ADDED, key, new_map.path, new.line, text=new.text, kind=new.kind, by=new.by, side=side)]
    if new is None and old is not None and old_map is not None:
        side = old_map.sides_of_speakers.get(old.by) if old.by else None
        return [ClaimChange(REMOVED, key, old_map.path, old.line, text=old.text, kind=old.kind, by=old.by, side=side)]
    assert old is not None and new is not None and old_map is not None and new_map is not None
    before, after = old.fields(), new.fields()
    for fields, claim, entries in ((before, old, old_map), (after, new, new_map)):
        fields["side"] = entries.sides_of_speakers.get(claim.by) if claim.by else None
        quote = fields.pop("quote")
        fields["quote source"] = quote["source"] if quote else None
        fields["quote"] = quote["text"] if quote else None
    order = ("text", "quote", "quote source", "kind", "by", "side", "tags", "weight", "conceded", "note")
    changes = _field_changes(before, after, order)
    if moved_from is not None:
        return [ClaimChange(MOVED, key, new_map.path, new.line, moved_from, changes, new.text, new.kind, new.by, after["side"])]
    if not changes:
        return []
    return [ClaimChange(CHANGED, key, new_map.path, new.line, None, changes, new.text, new.kind, new.by, after["side"])]


def _relation_changes(
    old: list[WrittenRelation], new: list[WrittenRelation], folder: _Folder, removed_claims: set[str], added_claims: set[str],
) -> list[RelationChange]:
    path_of = {entries.stem: entries.path for entries in folder.new.values()}
    old_path_of = {folder.alias.get(entries.stem, entries.stem): entries.path for entries in folder.old.values()}
    before = {rel.identity: rel for rel in old}
    after = {rel.identity: rel for rel in new}
    found: list[RelationChange] = []
    for identity, rel in after.items():
        was = before.get(identity)
        if was is None:
            continue
        fields = _field_changes(was.fields(), rel.fields())
        target_changed = any(f.field == "to" for f in fields)
        rest = tuple(f for f in fields if f.field != "to")
        path = path_of.get(split_key(rel.source)[0], "")
        if target_changed:
            found.append(RelationChange(RETARGETED, rel.kind, rel.source, rel.target, path, rel.line, rel.id, was.target, rest))
        elif rest:
            found.append(RelationChange(CHANGED, rel.kind, rel.source, rel.target, path, rel.line, rel.id, None, rest))
    gone = [rel for identity, rel in before.items() if identity not in after]
    came = [rel for identity, rel in after.items() if identity not in before]
    # an unnamed relation pointed elsewhere: one gone and one come from the same claim, same kind
    for rel in list(came):
        partner = next((g for g in gone if g.id is None and rel.id is None and g.source == rel.source and g.kind == rel.kind and rel.source not in added_claims), None)
        if partner is not None:
            gone.remove(partner)
            came.remove(rel)
            rest = tuple(f for f in _field_changes(partner.fields(), rel.fields()) if f.field != "to")
            found.append(RelationChange(RETARGETED, rel.kind, rel.source, rel.target, path_of.get(split_key(rel.source)[0], ""), rel.line, None, partner.target, rest))
    for rel in came:
        found.append(RelationChange(ADDED, rel.kind, rel.source, rel.target, path_of.get(split_key(rel.source)[0], ""), rel.line, rel.id, with_claim=ADDED if rel.source in added_claims else None))
    for rel in gone:
        found.append(RelationChange(REMOVED, rel.kind, rel.source, rel.target, old_path_of.get(split_key(rel.source)[0], ""), rel.line, rel.id, with_claim=REMOVED if rel.source in removed_claims else None))
    order = {ADDED: 0, RETARGETED: 1, CHANGED: 2, REMOVED: 3}
    found.sort(key=lambda c: (order[c.change], c.path, c.line))
    return found


def _entry_changes(folder: _Folder, diff: FolderDiff) -> None:
    for stem in dict.fromkeys([*folder.old, *folder.new]):
        old, new = folder.old.get(stem), folder.new.get(stem)
        if old is None or new is None:
            continue
        for key in dict.fromkeys([*old.top, *new.top]):
            if key in (*SECTIONS, "claims"):
                continue
            a, b = old.top.get(key), new.top.get(key)
            if a is not None and b is not None and a.text == b.text:
                continue
            before, after = (a.value if a else None), (b.value if b else None)
            if canonical(before) != canonical(after):
                line = b.line if b else a.line if a else 1
                diff.entries.append(EntryChange("map", CHANGED, stem, key, new.path, line, (FieldChange(key, before, after),)))
        for section in SECTIONS:
            olds, news = old.section(section), new.section(section)
            for entry_id in dict.fromkeys([*olds, *news]):
                a, b = olds.get(entry_id), news.get(entry_id)
                if a is not None and b is not None and a.text == b.text:
                    continue
                if a is None and b is not None:
                    diff.entries.append(EntryChange(section, ADDED, stem, entry_id, new.path, b.line, summary=_summary(section, b.value)))
                elif b is None and a is not None:
                    diff.entries.append(EntryChange(section, REMOVED, stem, entry_id, old.path, a.line, summary=_summary(section, a.value)))
                elif a is not None and b is not None:
                    fields = _field_changes(_as_fields(a.value), _as_fields(b.value))
                    if fields:
                        diff.entries.append(EntryChange(section, CHANGED, stem, entry_id, new.path, b.line, fields, _summary(section, b.value)))


def compare(workspaces: Workspaces) -> FolderDiff:
    """The structural diff of one folder of maps (no analysis: see :mod:`argmap.diff.effects`)."""
    diff = FolderDiff(workspaces.label, workspaces.old_label, workspaces.new_label)
    diff.paths = [(p.old_path, p.new_path) for p in workspaces.maps]
    folder = _Folder(workspaces)
    diff.unreadable.extend(folder.unreadable)
    for pair in workspaces.maps:
        if pair.old_text is None:
            diff.maps_added.append(pair.new_path or pair.new_stem)
        elif pair.new_text is None:
            diff.maps_removed.append(pair.old_path or pair.old_stem)
    _entry_changes(folder, diff)
    _claim_changes(folder, diff)
    diff.aliases = dict(folder.alias)
    order = {ADDED: 0, MOVED: 1, CHANGED: 2, REMOVED: 3}
    diff.claims.sort(key=lambda c: (order[c.change], c.path, c.line))
    stems = set(folder.new) | {folder.alias.get(stem, stem) for stem in folder.old}
    diff.home = next(iter(stems)) if len(stems) == 1 else None
    return diff


def differs_for_analysis(diff: FolderDiff) -> bool:
    """Whether the changes can change a verdict (a text or a note alone cannot)."""
    if diff.maps_added or diff.maps_removed or diff.relations:
        return True
    if any(e.section != "map" for e in diff.entries):
        return True
    for change in diff.claims:
        if change.change != CHANGED or any(f.field in ANALYSED_FIELDS for f in change.fields):
            return True
    return False
