"""A three-way merge of a map by claim and relation id, keeping every untouched line as it is.

Git merges text line by line, so two students' edits to different claims conflict when
they sit on nearby lines, and two edits it does merge can leave a map that no longer
checks. This merge works entry by entry instead (:mod:`argmap.diff.outline` finds them):

* an entry (a claim, a speaker, a source, a side, a field of the map) changed on one side
  only is taken from that side, line for line; one changed on both sides is merged field
  by field, and a relation list (``supports``, ``rebuts``, ``undercuts``) item by item (a
  relation is its ``id`` if it has one, else its target);
* entries added on either side are kept, each after the entry it follows on its side;
  deleted ones go, with the comments that head them staying for the entry below;
* the same field changed differently on both sides, or an entry changed on one side and
  deleted on the other, is a *conflict*; so is a claim deleted on one side that the other
  side links to. A conflict is written with git's ordinary markers around that one entry
  (each side's version of it, holding the other side's non-conflicting changes), and the
  claims around it merge as usual; ``argmap check`` reports the markers.

Every line outside the entries that were merged is kept byte for byte, as is every line of
an entry taken whole from one side (re-indented only when the two sides indent
differently). A text an outline cannot read falls back to git's own line merge.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.model import claim_key
from argmap.yamlread import read_yaml_text

from .outline import CONTENT, Block, Memo, Outline, OutlineError
from .written import RELATION_KEYS, canonical, parse_entry, target_key, written_relations

__all__ = ["Conflict", "Elsewhere", "MergeResult", "line_merge", "merge_texts"]

UNIT_SECTIONS = ("sides", "speakers", "sources", "claims")
"""Top-level sections whose entries are merged one by one (a conflict is about one of them)."""

LIST_FIELDS = frozenset(RELATION_KEYS)
"""Fields whose items are merged one by one: relations, by id or target. (Tags are one
field: both sides changing them differently is a conflict, like any other field.)"""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One entry left between conflict markers: where, and why."""

    section: str  # claims, sources…, or "map" for a top-level field
    key: str
    line: int  # of the ``<<<<<<<`` marker in the result, 1-based
    reason: str


@dataclass(slots=True)
class MergeResult:
    """The merged text and the conflicts left in it; ``fallback`` says why git's line
    merge was used instead (then ``conflicts`` counts its conflict regions)."""

    text: str
    conflicts: list[Conflict] = field(default_factory=list)
    fallback: str | None = None
    line_conflicts: int = 0

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.line_conflicts


class _Conflict(Exception):
    """Raised inside an entry's merge: the two sides cannot both be had."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class _Side:
    """One version of a block mapping, where it has one."""

    block: Block | None

    def has(self, key: str) -> bool:
        return self.block is not None and key in self.block.entries

    def text(self, key: str) -> str | None:
        return self.block.text(key) if self.has(key) else None  # type: ignore[union-attr]

    def gap(self, key: str) -> str | None:
        return self.block.gap(key) if self.has(key) else None  # type: ignore[union-attr]

    def keys(self) -> list[str]:
        return list(self.block.entries) if self.block is not None else []

    def value(self, key: str) -> Any:
        text = self.text(key)
        return None if text is None else parse_entry(_dedent(text), key)

    def child(self, key: str) -> Block | None:
        return self.block.child(key) if self.has(key) else None  # type: ignore[union-attr]

    def key_line(self, key: str) -> str:
        assert self.block is not None
        return self.block.outline.lines[self.block.entries[key].start]

    def tail(self) -> str | None:
        if self.block is None:
            return None
        start, end = self.block.tail
        return "".join(self.block.outline.lines[start:end])

    @property
    def indent(self) -> int | None:
        return self.block.indent if self.block is not None else None


def _dedent(text: str) -> str:
    """An entry's lines moved left so its key starts the line (a YAML root mapping)."""
    first = text.lstrip("\r\n")
    depth = len(first) - len(first.lstrip(" "))
    return _shift(text, -depth) if depth else text


def _shift(text: str, delta: int) -> str:
    """Every non-blank line of ``text`` moved ``delta`` columns right (left if negative)."""
    if not delta or not text:
        return text
    out = []
    for line in text.splitlines(keepends=True):
        if not line.strip():
            out.append(line)
        elif delta > 0:
            out.append(" " * delta + line)
        else:
            spaces = len(line) - len(line.lstrip(" "))
            out.append(line[min(spaces, -delta) :])
    return "".join(out)


def _three(base: Any, ours: Any, theirs: Any) -> tuple[bool, Any]:
    """Three-way choice of one value: (True, the value) when one side's change wins or
    both agree; (False, None) when both changed it differently."""
    if ours == theirs:
        return True, ours
    if base == ours:
        return True, theirs
    if base == theirs:
        return True, ours
    return False, None


def _order(base: list[str], ours: list[str], theirs: list[str], present: set[str]) -> list[str]:
    """The keys of the merged mapping in order: the order of the side that reordered the
    keys both had (ours when both did), the other side's new keys each after the key it
    follows there."""

    def reordered(side: list[str]) -> bool:
        kept = set(side)
        common = set(base) & kept
        return [k for k in base if k in common] != [k for k in side if k in common]

    skeleton, other = (theirs, ours) if reordered(theirs) and not reordered(ours) else (ours, theirs)
    result = [k for k in skeleton if k in present]
    placed = set(result)
    for source in (other, base):
        for index, key in enumerate(source):
            if key not in present or key in placed:
                continue
            before = next((source[j] for j in range(index - 1, -1, -1) if source[j] in placed), None)
            at = result.index(before) + 1 if before is not None else 0
            result.insert(at, key)
            placed.add(key)
    return result


def _union_lines(ours: str, theirs: str) -> str:
    """Comment lines both sides changed differently: ours, then theirs' lines ours lacks."""
    have = set(ours.splitlines())
    extra = [line for line in theirs.splitlines(keepends=True) if line.rstrip("\r\n") not in have]
    return ours + "".join(extra)


def _ended(text: str, newline: str) -> str:
    return text if not text or text.endswith("\n") else text + newline


class _Merger:
    """One merge of three outlined texts."""

    def __init__(
        self, base: Outline, ours: Outline, theirs: Outline, stem: str, marker: int, labels: Sequence[str], diff3: bool,
        elsewhere: Elsewhere | None = None,
    ) -> None:
        self.base, self.ours, self.theirs = base, ours, theirs
        self.elsewhere = elsewhere
        self.stem = stem
        self.marker = marker
        self.labels = labels
        self.diff3 = diff3
        first = ours.lines[0] if ours.lines else "\n"
        self.newline = "\r\n" if first.endswith("\r\n") else "\n"
        self.out: list[str] = []
        self.conflicts: list[Conflict] = []

    # -- the document and its sections -------------------------------------------------------
    def document(self) -> str:
        # no base: both sides added the file (git's add/add), so every entry is new on both
        b = _Side(self.base.top if self.base.text.strip() else None)
        o, t = _Side(self.ours.top), _Side(self.theirs.top)
        units = {}
        for key in _order(b.keys(), o.keys(), t.keys(), set(o.keys()) | set(t.keys())):
            if key in UNIT_SECTIONS and all(side.child(key) is not None for side in (o, t) if side.has(key)) and (o.has(key) or t.has(key)):
                units[key] = "section"
            else:
                units[key] = "unit"
        self._block(b, o, t, lambda key: self._section(b, o, t, key) if units.get(key) == "section" else self._unit(b, o, t, key, "map"))
        return "".join(self.out)

    def _block(self, b: _Side, o: _Side, t: _Side, entry: Callable[[str], None]) -> None:
        """Write a merged block mapping: each entry's gap, then ``entry(key)`` writes it."""
        decided = self._decide(b, o, t)
        present = {k for k, keep in decided.items() if keep}
        for key in _order(b.keys(), o.keys(), t.keys(), present):
            self._gap(b, o, t, key)
            entry(key)
        ok, tail = _three(b.tail(), o.tail(), t.tail())
        self._emit(tail if ok else _union_lines(o.tail() or "", t.tail() or ""))

    def _decide(self, b: _Side, o: _Side, t: _Side) -> dict[str, bool]:
        """Which keys the merged mapping holds (a conflict keeps its entry)."""
        decided = {}
        for key in dict.fromkeys([*b.keys(), *o.keys(), *t.keys()]):
            tb, to, tt = b.text(key), o.text(key), t.text(key)
            if to is None and tt is None:
                decided[key] = False
            elif to is None:
                decided[key] = tb is None or tb != tt  # deleted by ours: kept if theirs changed it
            elif tt is None:
                decided[key] = tb is None or tb != to
            else:
                decided[key] = True
        return decided

    def _gap(self, b: _Side, o: _Side, t: _Side, key: str) -> None:
        gb, go, gt = b.gap(key), o.gap(key), t.gap(key)
        if go is None or gt is None:
            self._emit(self._indented(go if go is not None else gt or "", o, t, go is None))
            return
        ok, gap = _three(gb, go, gt)
        self._emit(gap if ok else _union_lines(go, gt))

    def _indented(self, text: str, o: _Side, t: _Side, from_theirs: bool) -> str:
        """Lines of theirs placed among ours, at ours' indentation."""
        if not from_theirs or o.indent is None or t.indent is None:
            return text
        return _shift(text, o.indent - t.indent)

    def _emit(self, text: str | None) -> None:
        if text:
            if self.out and not self.out[-1].endswith("\n"):
                self.out[-1] += self.newline
            self.out.append(text)

    def _section(self, b: _Side, o: _Side, t: _Side, key: str) -> None:
        """A section (claims, sources…) whose entries merge one by one."""
        heads = [side.key_line(key) if side.has(key) else None for side in (b, o, t)]
        ok, head = _three(*heads)
        self._emit(head if ok and head else heads[1] or heads[2])
        cb, co, ct = _Side(b.child(key)), _Side(o.child(key)), _Side(t.child(key))
        restore = self._deleted_but_linked(cb, co, ct, key) if key == "claims" else {}
        section = key

        def unit(name: str) -> None:
            if name in restore:
                self._restored(cb, co, ct, name, section, restore[name])
            else:
                self._unit(cb, co, ct, name, section)

        decided = self._decide(cb, co, ct)
        present = {k for k, keep in decided.items() if keep} | set(restore)
        for name in _order(cb.keys(), co.keys(), ct.keys(), present):
            self._gap(cb, co, ct, name)
            unit(name)
        ok, tail = _three(cb.tail(), co.tail(), ct.tail())
        self._emit(tail if ok else _union_lines(co.tail() or "", ct.tail() or ""))

    # -- units: entries a conflict is about --------------------------------------------------
    def _unit(self, b: _Side, o: _Side, t: _Side, key: str, section: str) -> None:
        tb, to, tt = b.text(key), o.text(key), t.text(key)
        ok, text = _three(tb, to, tt)
        if ok:
            self._emit(self._indented(text or "", o, t, text is not None and text == tt and text != to))
            return
        if to is None or tt is None:
            self._markers(section, key, to, self._indented(tt, o, t, True) if tt else None, tb, self._gone(key, section, to is None))
            return
        try:
            self._emit(self._entry(b, o, t, key, None))
        except _Conflict as conflict:
            self._markers(section, key, self._entry(b, o, t, key, "ours"), self._entry(b, o, t, key, "theirs"), tb, conflict.reason)

    def _gone(self, key: str, section: str, by_ours: bool) -> str:
        """Why an entry changed on one side and deleted on the other is in conflict; for a
        claim the deleting side moved to another map (``argmap mv`` rewrote the references
        to it as ``map:id``), where it went."""
        deleter, keeper = ("ours", "theirs") if by_ours else ("theirs", "ours")
        reason = f"changed on {keeper}, deleted on {deleter}"
        if section == "claims":
            found = re.search(rf"(?<![\w-])([a-z0-9][a-z0-9-]*):{re.escape(key)}(?![\w-])", (self.ours if by_ours else self.theirs).text)
            elsewhere = found.group(1) if found is not None and found.group(1) != self.stem else None
            if elsewhere is None and self.elsewhere is not None:
                elsewhere = self.elsewhere(key, deleter)
            if elsewhere is not None:
                reason = f"moved to map '{elsewhere}' on {deleter} and changed on {keeper}: settle it by making {keeper}'s change to {elsewhere}:{key}"
        return reason

    def _restored(self, b: _Side, o: _Side, t: _Side, key: str, section: str, reason: str) -> None:
        """A claim one side deleted and the other links to: both versions, in markers."""
        to, tt = o.text(key), t.text(key)
        self._markers(section, key, to, self._indented(tt, o, t, True) if tt else None, b.text(key), reason)

    def _markers(self, section: str, key: str, ours: str | None, theirs: str | None, base: str | None, reason: str) -> None:
        nl = self.newline
        line = sum(chunk.count("\n") for chunk in self.out) + 1
        if self.out and not self.out[-1].endswith("\n"):
            line += 1
        self.conflicts.append(Conflict(section, key, line, reason))
        ours_label, base_label, theirs_label = self.labels
        self._emit(f"{'<' * self.marker} {ours_label}{nl}")
        self._emit(_ended(ours or "", nl))
        if self.diff3:
            self._emit(f"{'|' * self.marker} {base_label}{nl}")
            self._emit(_ended(base or "", nl))
        self._emit(f"{'=' * self.marker}{nl}")
        self._emit(_ended(theirs or "", nl))
        self._emit(f"{'>' * self.marker} {theirs_label}{nl}")

    def _entry(self, b: _Side, o: _Side, t: _Side, key: str, prefer: str | None) -> str:
        """One entry both sides changed (both have it), merged below its key; ``prefer``
        settles conflicts for that side instead of raising :class:`_Conflict`."""
        vb, vo, vt = (b.value(key) if b.has(key) else None), o.value(key), t.value(key)
        if canonical(vo) == canonical(vt):
            return o.text(key) or ""
        children = (b.child(key), o.child(key), t.child(key))
        if children[1] is not None and children[2] is not None:
            return self._nested(b, o, t, key, children, prefer)
        if isinstance(vo, dict) and isinstance(vt, dict) and (vb is None or isinstance(vb, dict)):
            merged = _merge_dicts(vb or {}, vo, vt, prefer)
            return f"{' ' * (o.indent or 0)}{key}: {_flow(merged)}{self.newline}"
        ok, _ = _three(canonical(vb), canonical(vo), canonical(vt))
        if ok:
            return (t.text(key) if canonical(vb) == canonical(vo) else o.text(key)) or ""
        if prefer is None:
            raise _Conflict(f"{key!r} changed differently on both sides")
        return (o.text(key) if prefer == "ours" else t.text(key)) or ""

    def _nested(self, b: _Side, o: _Side, t: _Side, key: str, children: tuple[Block | None, ...], prefer: str | None) -> str:
        """An entry whose value is a block mapping on both sides: its fields merge one by one."""
        ok, head = _three(b.key_line(key) if b.has(key) else None, o.key_line(key), t.key_line(key))
        saved = self.out
        self.out = [head if ok else o.key_line(key)]
        try:
            fb, fo, ft = _Side(children[0]), _Side(children[1]), _Side(children[2])
            self._fields(fb, fo, ft, prefer)
            return "".join(self.out)
        finally:
            self.out = saved

    def _fields(self, b: _Side, o: _Side, t: _Side, prefer: str | None) -> None:
        decided = self._decide(b, o, t)
        for key in list(decided):
            tb, to, tt = b.text(key), o.text(key), t.text(key)
            if (to is None) != (tt is None) and tb is not None and tb != (to if to is not None else tt):
                if prefer is None:
                    raise _Conflict(f"{key!r} changed on one side and removed on the other")
                decided[key] = (to if prefer == "ours" else tt) is not None
        present = {k for k, keep in decided.items() if keep}
        for key in _order(b.keys(), o.keys(), t.keys(), present):
            self._gap(b, o, t, key)
            tb, to, tt = b.text(key), o.text(key), t.text(key)
            ok, text = _three(tb, to, tt)
            if ok and text is not None:
                self._emit(self._indented(text, o, t, text == tt and text != to))
            elif to is None or tt is None:  # changed on one side, removed on the other: ``prefer`` kept it
                self._emit(self._indented((to if prefer == "ours" else tt) or "", o, t, prefer != "ours"))
            elif key in LIST_FIELDS:
                self._emit(self._list(b, o, t, key, prefer))
            else:
                self._emit(self._entry(b, o, t, key, prefer))
        ok, tail = _three(b.tail(), o.tail(), t.tail())
        self._emit(tail if ok else _union_lines(o.tail() or "", t.tail() or ""))

    # -- lists of relations and tags ------------------------------------------------------------
    def _identity(self, key: str, item: Any) -> str:
        if isinstance(item, dict):
            if item.get("id") is not None:
                return f"id:{item['id']}"
            return f"to:{target_key(key, str(item.get('to', '')), self.stem)}"
        return f"to:{target_key(key, str(item), self.stem)}"

    def _list(self, b: _Side, o: _Side, t: _Side, key: str, prefer: str | None) -> str:
        """A relation list or tags both sides changed: merged item by item."""
        vb, vo, vt = (b.value(key) if b.has(key) else None), o.value(key), t.value(key)

        def items(value: Any) -> dict[str, Any]:
            found: dict[str, Any] = {}
            for item in value if isinstance(value, list) else [] if value is None else [value]:
                found.setdefault(self._identity(key, item), item)
            return found

        ib, io, it = items(vb), items(vo), items(vt)
        merged: dict[str, Any] = {}
        order = _order(list(ib), list(io), list(it), set(ib) | set(io) | set(it))
        for identity in order:
            xb, xo, xt = (canonical(x.get(identity)) if identity in x else None for x in (ib, io, it))
            ok, choice = _three(xb, xo, xt)
            if not ok:
                if prefer is None:
                    if xo is None or xt is None:
                        raise _Conflict(f"an item of {key!r} changed on one side and removed on the other")
                    raise _Conflict(f"an item of {key!r} changed differently on both sides")
                choice = xo if prefer == "ours" else xt
            if choice is None:
                continue
            merged[identity] = io[identity] if xo == choice else it[identity]
        block = self._block_items(o, t, key, list(merged.values()), io, it)
        if block is not None:
            return block
        indent = " " * (o.indent or 0)
        return f"{indent}{key}: {_flow(list(merged.values()))}{self.newline}"

    def _block_items(self, o: _Side, t: _Side, key: str, items: list[Any], io: dict[str, Any], it: dict[str, Any]) -> str | None:
        """The merged list in ours' block style, each item's lines from the side it came from;
        None when ours writes the list in flow style."""
        spans_o = _item_texts(o, key)
        if spans_o is None:
            return None
        spans_t = _item_texts(t, key) or []
        dash_o = _dash_indent(spans_o)
        out = [o.key_line(key)]
        by_identity_o = {self._identity(key, value): text for value, text in spans_o}
        by_identity_t = {self._identity(key, value): text for value, text in spans_t}
        for item in items:
            identity = self._identity(key, item)
            if identity in by_identity_o and canonical(io.get(identity)) == canonical(item):
                out.append(_ended(by_identity_o[identity], self.newline))
            elif identity in by_identity_t:
                text = by_identity_t[identity]
                out.append(_ended(_shift(text, dash_o - _dash_indent([(None, text)])), self.newline))
            else:
                out.append(f"{' ' * dash_o}- {_flow(item)}{self.newline}")
        return "".join(out)

    # -- claims one side deleted and the other links to ---------------------------------------
    def _deleted_but_linked(self, b: _Side, o: _Side, t: _Side, section: str) -> dict[str, str]:
        """Claims deleted on one side (unchanged on the other) that a claim the other side
        wrote or changed now refers to, with the reason to keep them in conflict."""
        deleted = {}
        for key in b.keys():
            to, tt = o.text(key), t.text(key)
            if to is None and tt is not None and tt == b.text(key):
                deleted[key] = "ours"  # deleted by ours, as it was on theirs
            elif tt is None and to is not None and to == b.text(key):
                deleted[key] = "theirs"
        if not deleted:
            return {}
        relation_ids: dict[str, str] = {}  # relation id → the deleted claim that declares it
        for key in deleted:
            for rel in written_relations(b.value(key), claim_key(self.stem, key), self.stem):
                if rel.id is not None:
                    relation_ids[rel.id] = key
        found: dict[str, str] = {}
        for linker, side in (("theirs", t), ("ours", o)):
            for key in side.keys():
                text = side.text(key)
                if text == b.text(key):
                    continue
                for rel in written_relations(side.value(key), claim_key(self.stem, key), self.stem):
                    for ref in (*rel.target.split(" -> "), *rel.linked):
                        stem, _, local = ref.partition(":")
                        if stem != self.stem:
                            continue
                        target = local if local in deleted else relation_ids.get(local)
                        if target is not None and deleted[target] != linker and target not in found:
                            who = "ours" if linker == "theirs" else "theirs"
                            found[target] = f"deleted on {who}, but {key!r} on {linker} links to it"
        return found


def _item_texts(side: _Side, key: str) -> list[tuple[Any, str]] | None:
    """A block list's items, each with its lines; None when the list is not in block style."""
    block = side.block
    if block is None or key not in block.entries:
        return None
    span = block.entries[key]
    outline = block.outline
    starts = [n for n in range(span.start + 1, span.end) if outline.kinds[n] == CONTENT and outline.lines[n].lstrip(" ").startswith("-")]
    if not starts or side.block is None:
        return None
    dash = outline.indents[starts[0]]
    starts = [n for n in starts if outline.indents[n] == dash]
    values = side.value(key)
    if not isinstance(values, list) or len(values) != len(starts):
        return None
    ends = [*starts[1:], span.end]
    return [(value, "".join(outline.lines[start:end])) for value, start, end in zip(values, starts, ends)]


def _dash_indent(items: Sequence[tuple[Any, str]]) -> int:
    first = items[0][1] if items else ""
    return len(first) - len(first.lstrip(" "))


def _flow(value: Any) -> str:
    """A value in YAML flow style: plain where that reads back the same, else quoted."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    plain = bool(text) and text == text.strip() and not any(c in text for c in ",[]{}#\n\r\t\"'") and ": " not in text and text[0] not in "-?:|>!%@&*`"
    if plain:
        read, problems = read_yaml_text(f"x: [{text}]", "<value>")
        if not problems and read == {"x": [text]}:
            return text
    return json.dumps(text, ensure_ascii=False)


def _merge_dicts(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], prefer: str | None) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key in _order(list(base), list(ours), list(theirs), set(ours) | set(theirs) | set(base)):
        xb, xo, xt = (canonical(x[key]) if key in x else None for x in (base, ours, theirs))
        ok, choice = _three(xb, xo, xt)
        if not ok:
            if prefer is None:
                raise _Conflict(f"{key!r} changed differently on both sides")
            choice = xo if prefer == "ours" else xt
        if choice is not None:
            merged[key] = ours[key] if xo == choice else theirs[key]
    return merged


Elsewhere = Callable[[str, str], str | None]
"""Asked where a claim one side deleted went (its id, "ours" or "theirs"): the name of
another map of that side that holds it, or None. Only the merge driver can look."""


def merge_texts(
    base: str, ours: str, theirs: str, *, path: str = "map.yaml", marker_size: int = 7,
    labels: Sequence[str] = ("ours", "base", "theirs"), diff3: bool = False, elsewhere: Elsewhere | None = None,
) -> MergeResult:
    """Merge ``ours`` and ``theirs``, two versions of a map made from ``base``.

    ``path`` names the map (its stem resolves ``map:id`` references to itself). The result
    holds the merged text and the conflicts left in it between markers of ``marker_size``
    characters labelled ``labels`` (ours, base, theirs); ``diff3`` also writes the base.
    ``elsewhere`` finds a claim deleted here in the other maps of a side (``argmap mv``),
    for the message of its conflict.
    """
    stem = Path(path).stem
    bom = "\ufeff" if ours.startswith("\ufeff") else ""
    base, ours, theirs = (text.removeprefix("\ufeff") for text in (base, ours, theirs))
    try:
        memo: Memo = {}
        outlines = [Outline(text, memo) for text in (base, ours, theirs)]
        for outline in outlines:
            if outline.text.strip():
                outline.top  # noqa: B018 -- raises OutlineError if the document cannot be outlined
        merger = _Merger(outlines[0], outlines[1], outlines[2], stem, marker_size, labels, diff3, elsewhere)
        text = merger.document()
    except (OutlineError, ValueError) as err:
        result = line_merge(base, ours, theirs, marker_size=marker_size, labels=labels, diff3=diff3, reason=str(err))
        result.text = bom + result.text
        return result
    return MergeResult(bom + text, merger.conflicts)


def line_merge(
    base: str, ours: str, theirs: str, *, marker_size: int = 7, labels: Sequence[str] = ("ours", "base", "theirs"),
    diff3: bool = False, reason: str = "",
) -> MergeResult:
    """git's own line merge (``git merge-file``), for texts the merge by entry cannot read."""
    from .git import _git

    with tempfile.TemporaryDirectory(prefix="argmap-merge-") as folder:
        names = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            target = Path(folder) / name
            target.write_bytes(text.encode("utf-8"))
            names.append(str(target))
        args = [_git(), "merge-file", "-p", f"--marker-size={marker_size}", "-L", labels[0], "-L", labels[1], "-L", labels[2]]
        if diff3:
            args.append("--diff3")
        result = subprocess.run([*args, *names], capture_output=True, check=False, env={**os.environ, "LC_ALL": "C"})
    if result.returncode < 0 or result.returncode > 127:
        raise OSError(f"git merge-file failed: {result.stderr.decode('utf-8', 'replace').strip()}")
    return MergeResult(result.stdout.decode("utf-8", "surrogateescape"), [], reason or "the map's layout cannot be merged by entry", result.returncode)
