"""What a map file writes, entry by entry: claims with their relations, references as keys.

The semantic diff compares what is *written*, claim by claim, so that it can say exactly
what an edit did even to a map that does not check. It reads the YAML value of an entry
(parsed from its few lines, see :mod:`argmap.diff.outline`) into a :class:`WrittenClaim`:
the claim's fields, and its relations with every reference made a workspace key
(``map:id``; an undercut's ``a -> b`` both ends), so ``x`` in map ``m`` and ``m:x``
written elsewhere compare equal. Values of the wrong type are taken as text: the checker,
not the diff, says what is wrong with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from argmap.model import RelationKind, claim_key
from argmap.yamlread import MarkedList, MarkedMap, read_yaml_text

__all__ = ["RELATION_KEYS", "WrittenClaim", "WrittenRelation", "parse_entry", "read_claim", "written_relations"]

RELATION_KEYS = tuple(kind.value for kind in RelationKind)
_ARROW = re.compile(r"\s*->\s*")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(item) for item in items if item is not None)


def ref_key(written: str, stem: str) -> str:
    """The key of a claim (or relation id) as map ``stem`` writes it."""
    written = written.strip()
    return written if ":" in written else claim_key(stem, written)


def target_key(kind: str, written: str, stem: str) -> str:
    """The key of a relation's target: a claim, or for an undercut ``a -> b`` or a relation id."""
    if kind == RelationKind.UNDERCUT.value and "->" in written:
        left, _, right = written.partition("->")
        return f"{ref_key(left, stem)} -> {ref_key(right, stem)}"
    return ref_key(written, stem)


@dataclass(frozen=True, slots=True)
class WrittenRelation:
    """One relation as a claim writes it, its references as keys."""

    kind: str  # supports, rebuts or undercuts
    source: str  # the key of the claim that writes it
    target: str
    id: str | None
    linked: tuple[str, ...]
    partial: bool
    tags: tuple[str, ...]
    note: str | None
    line: int  # 1-based, in the file
    long_form: bool = False

    @property
    def identity(self) -> tuple[str, ...]:
        """What makes it the same relation in two versions: its id if named, else its ends."""
        if self.id is not None:
            return ("id", self.source, self.id)
        return ("ends", self.source, self.kind, self.target)

    def renamed(self, rename: Callable[[str], str]) -> WrittenRelation:
        """The relation with every claim key passed through ``rename`` (a claim moved maps)."""
        target = " -> ".join(rename(end) for end in self.target.split(" -> ")) if " -> " in self.target else rename(self.target)
        return WrittenRelation(self.kind, rename(self.source), target, self.id, tuple(rename(k) for k in self.linked), self.partial, self.tags, self.note, self.line, self.long_form)

    def fields(self) -> dict[str, Any]:
        """What can change about a relation that stays the same relation."""
        return {"kind": self.kind, "to": self.target, "with": list(self.linked), "partial": self.partial, "tags": list(self.tags), "note": self.note}


@dataclass(frozen=True, slots=True)
class WrittenClaim:
    """One claim as its map writes it."""

    key: str
    text: str | None
    kind: str
    by: str | None
    quote: tuple[str | None, str | None] | None  # (source, text)
    tags: tuple[str, ...]
    note: str | None
    weight: str | None
    conceded: str | None
    relations: tuple[WrittenRelation, ...]
    line: int

    def fields(self) -> dict[str, Any]:
        """The fields a diff reports on (relations apart)."""
        return {
            "text": self.text, "kind": self.kind, "by": self.by,
            "quote": None if self.quote is None else {"source": self.quote[0], "text": self.quote[1]},
            "tags": list(self.tags), "note": self.note, "weight": self.weight, "conceded": self.conceded,
        }


def _line(node: Any, key: Any, base: int) -> int:
    marks = getattr(node, "key_marks", None)
    if isinstance(node, MarkedMap) and marks and key in marks:
        return base + int(marks[key].line) + 1
    if isinstance(node, MarkedList) and isinstance(key, int) and key < len(node.marks):
        return base + int(node.marks[key].line) + 1
    mark = getattr(node, "mark", None)
    return base + (int(mark.line) + 1 if mark is not None else 1)


def written_relations(node: Any, source: str, stem: str, base: int = 0) -> Iterator[WrittenRelation]:
    """The relations claim ``node`` (its YAML value) writes; ``base`` is the line its text starts at."""
    if not isinstance(node, dict):
        return
    for kind in RELATION_KEYS:
        value = node.get(kind)
        if value is None:
            continue
        items = list(value) if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            line = _line(value, index, base) if isinstance(value, list) else _line(node, kind, base)
            if isinstance(item, dict):
                to = _text(item.get("to")) or ""
                yield WrittenRelation(
                    kind, source, target_key(kind, to, stem), _text(item.get("id")),
                    tuple(ref_key(p, stem) for p in _texts(item.get("with"))), item.get("partial") is True,
                    _texts(item.get("tags")), _text(item.get("note")), line, True,
                )
            elif item is not None:
                yield WrittenRelation(kind, source, target_key(kind, str(item), stem), None, (), False, (), None, line)


def read_claim(node: Any, stem: str, claim_id: str, base: int = 0, line: int | None = None) -> WrittenClaim:
    """A claim's YAML value as a :class:`WrittenClaim` of map ``stem``."""
    key = claim_key(stem, claim_id)
    if not isinstance(node, dict):
        return WrittenClaim(key, _text(node), "claim", None, None, (), None, None, None, (), line or base + 1)
    quote = node.get("quote")
    quoted = (_text(quote.get("source")), _text(quote.get("text"))) if isinstance(quote, dict) else (None, _text(quote)) if quote is not None else None
    weight = node.get("weight")
    return WrittenClaim(
        key, _text(node.get("text")), _text(node.get("kind")) or "claim", _text(node.get("by")), quoted,
        _texts(node.get("tags")), _text(node.get("note")), None if weight is None else _text(weight), _text(node.get("conceded")),
        tuple(written_relations(node, key, stem, base)), line or base + 1,
    )


def parse_entry(text: str, key: str, display: str = "<entry>") -> Any:
    """The YAML value of entry ``key`` whose lines are ``text`` (as an outline cut them)."""
    value, problems = read_yaml_text(text, display)
    if problems or not isinstance(value, dict) or key not in value:
        raise ValueError(f"{display}: the lines of {key!r} do not read as its entry")
    return value[key]


def canonical(value: Any) -> str:
    """``value`` as one line of text, for comparing and showing a scalar or small mapping."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {canonical(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(canonical(v) for v in value) + "]"
    return _ARROW.sub(" -> ", str(value)) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
