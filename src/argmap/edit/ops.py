"""The edit operations on one map's YAML data, and the questions asked before them.

Each function changes a map's round-trip data (:class:`~argmap.edit.roundtrip.Document`
``.data``) the way a careful person would edit the file: a new field goes where the
format's key order puts it, a relation list keeps its flow or block style, a replaced
text keeps its quoting or its folded/literal block (re-folded at the old width). They
validate nothing: :class:`~argmap.edit.session.Editor` checks every result with the
loader, so there is one definition of a valid map. References are given as workspace
keys (``"map:id"``) and written relative to the map they are written in.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from argmap.model import Relation, RelationKind, Workspace, split_key
from argmap.quotes import normalize

from .nodes import append_item, insert_key, remove_item, remove_key, take_heading

__all__ = [
    "CLAIM_FIELDS",
    "LOCAL_REFERENCES",
    "Entry",
    "Orphans",
    "Passage",
    "add_claim",
    "add_relation",
    "claim_node",
    "drop_premise",
    "entries",
    "entry_target_key",
    "find_entry",
    "find_passages",
    "orphans_of",
    "put_claim",
    "quote_node",
    "ref",
    "relation_key",
    "relation_ref",
    "remove_claim",
    "remove_entry",
    "rename_claim",
    "rename_local",
    "rewrite_refs",
    "set_entry_target",
    "set_field",
    "styled_like",
    "take_claim",
    "written_key",
]

CLAIM_FIELDS = ("text", "kind", "by", "quote", "supports", "rebuts", "undercuts", "tags", "note", "weight")
"""The keys of a claim in the order the format lists them; new keys are placed by it."""


# -- references ---------------------------------------------------------------------------
def ref(key: str, stem: str) -> str:
    """How map ``stem`` writes the claim or relation ``key``: bare id at home, else ``map:id``."""
    other, local = split_key(key)
    return local if other == stem else key


def relation_ref(relation: Relation, stem: str) -> str:
    """How map ``stem`` names ``relation`` as an undercut target: its id, or ``"a -> b"``."""
    if relation.named:
        return ref(relation.key, stem)
    return f"{ref(relation.source, stem)} -> {ref(relation.target, stem)}"


def _claim_key(written: str, stem: str) -> str:
    written = written.strip()
    return written if ":" in written else f"{stem}:{written}"


def relation_key(written: str, stem: str, workspace: Workspace) -> str | None:
    """The relation an undercut entry names, as the loader would resolve it."""
    if "->" not in written:
        return _claim_key(written, stem)
    left, _, right = written.partition("->")
    ends = (_claim_key(left, stem), _claim_key(right, stem))
    for relation in workspace.relations.values():
        if (relation.source, relation.target) == ends and relation.kind is not RelationKind.UNDERCUT:
            return relation.key
    return None


# -- claims and their fields -------------------------------------------------------------
def claim_node(data: CommentedMap, claim_id: str) -> CommentedMap | None:
    """The YAML mapping of claim ``claim_id``, or None."""
    claims = data.get("claims")
    node = claims.get(written_key(claims, claim_id)) if isinstance(claims, CommentedMap) else None
    return node if isinstance(node, CommentedMap) else None


def written_key(mapping: CommentedMap, key: str) -> Any:
    """``key`` as ruamel holds it in ``mapping``: argmap reads every key as text, ruamel reads
    ``1:`` as the number 1, ``.1:`` as 0.1 (whose text is ``0.1``), ``true:`` as True."""
    if key in mapping:
        return key
    if (found := next((k for k in mapping if str(k) == key), None)) is not None:
        return found
    try:
        read = YAML(typ="safe", pure=True).load(key)
    except YAMLError:
        return key
    return next((k for k in mapping if not isinstance(k, str) and k == read and isinstance(k, bool) == isinstance(read, bool)), key)


def _predecessor(node: CommentedMap, field: str) -> str | None:
    """The existing key after which ``field`` belongs, by the format's key order."""
    rank = CLAIM_FIELDS.index(field) if field in CLAIM_FIELDS else len(CLAIM_FIELDS)
    before = [str(k) for k in node if k in CLAIM_FIELDS and CLAIM_FIELDS.index(k) < rank]
    return before[-1] if before else None


def _fold(text: str, width: int) -> list[int]:
    """Positions of the spaces where a folded block of ``width`` columns breaks ``text``."""
    folds, start, last_space = [], 0, -1
    for index, char in enumerate(text):
        if char == " " and 0 < index < len(text) - 1 and text[index - 1] != " " and text[index + 1] != " ":
            last_space = index
        if index - start >= width and last_space > start:
            folds.append(last_space)
            start = last_space + 1
    return folds


def styled_like(old: Any, new: str) -> Any:
    """``new`` written in the style of ``old``: same quotes, or a block re-folded at its width."""
    if isinstance(old, FoldedScalarString):
        bounds = [-1, *getattr(old, "fold_pos", []), len(old)]
        width = max((b - a - 1 for a, b in itertools.pairwise(bounds)), default=80)
        folded = FoldedScalarString(new)
        folded.fold_pos = _fold(new, max(width, 40))
        return folded
    for style in (LiteralScalarString, DoubleQuotedScalarString, SingleQuotedScalarString):
        if isinstance(old, style):
            return style(new)
    return new


def _flow_list(values: list[str]) -> CommentedSeq:
    # ruamel writes "a?b" or ":9" plain inside [...], which PyYAML's pure loader refuses
    seq = CommentedSeq([DoubleQuotedScalarString(v) if "?" in v or ":" in v else v for v in values])
    seq.fa.set_flow_style()
    return seq


def set_field(node: CommentedMap, field: str, value: Any) -> None:
    """Set, replace (keeping its style) or, with None, remove a field of a claim."""
    if value is None:
        if field in node:
            remove_key(node, field)
        return
    if isinstance(value, (list, tuple)):
        value = _flow_list([str(v) for v in value])
    elif isinstance(value, str) and field in node:
        value = styled_like(node[field], value)
    if field in node:
        node[field] = value
    else:
        insert_key(node, field, value, _predecessor(node, field))


def quote_node(source: str, text: str) -> CommentedMap:
    """A quote mapping as the bundled maps write it: text in double quotes."""
    quote = CommentedMap()
    quote["source"] = source
    quote["text"] = DoubleQuotedScalarString(text)
    return quote


def add_claim(data: CommentedMap, claim_id: str, fields: dict[str, Any], after: str | None = None) -> None:
    """Add a claim at the end of ``claims:`` (or after claim ``after``), fields in format order."""
    claims = data.get("claims")
    if not isinstance(claims, CommentedMap):
        claims = CommentedMap()
        insert_key(data, "claims", claims, next(reversed(data)) if len(data) else None)
    node = CommentedMap()
    for field in CLAIM_FIELDS:
        value = fields.get(field)
        if value is None:
            continue
        node[field] = _flow_list([str(v) for v in value]) if isinstance(value, (list, tuple)) else value
    insert_key(claims, claim_id, node, written_key(claims, after) if after is not None else (next(reversed(claims)) if len(claims) else None))


def remove_claim(data: CommentedMap, claim_id: str) -> None:
    """Delete a claim's lines, keeping the comments around them."""
    remove_key(data["claims"], written_key(data["claims"], claim_id))


def take_claim(data: CommentedMap, claim_id: str) -> tuple[CommentedMap, list[Any]]:
    """Detach a claim's mapping and its comments: those on its key line, and the comment
    lines just above it (a heading over a claim goes where the claim goes)."""
    claims = data["claims"]
    key = written_key(claims, claim_id)
    heading = take_heading(claims, key)
    node = claims[key]
    comments = remove_key(claims, key)
    comments[1] = heading or None
    return node, comments


def rename_claim(data: CommentedMap, claim_id: str, new_id: str) -> None:
    """Change a claim's key in place: same position, same comments."""
    _rename_key(data["claims"], written_key(data["claims"], claim_id), new_id)


def _rename_key(section: CommentedMap, old: str, new: str) -> None:
    position = list(section).index(old)
    comment = section.ca.items.pop(old, None)
    node = section[old]
    section.insert(position, new, node)
    del section[old]
    if comment is not None:
        section.ca.items[new] = comment


LOCAL_REFERENCES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "speakers": (("claims", ("by",)), ("claims", ("conceded",))),
    "sources": (("claims", ("quote", "source")), ("sources", ("replies-to",))),
    "sides": (("speakers", ("side",)),),
}
"""Where a map refers to its own speakers, sources and sides: (section, path of keys in an entry)."""


def rename_local(data: CommentedMap, section: str, old: str, new: str) -> None:
    """Rename speaker, source or side ``old`` of a map and every reference the map makes to it
    (they are never named from another map); positions, styles and comments are kept."""
    _rename_key(data[section], old, new)
    for holder, (*parents, field) in LOCAL_REFERENCES[section]:
        entries_ = data.get(holder)
        for node in entries_.values() if isinstance(entries_, CommentedMap) else ():
            for parent in parents:
                node = node.get(parent) if isinstance(node, CommentedMap) else None
            value = node.get(field) if isinstance(node, CommentedMap) else None
            if isinstance(value, CommentedSeq):
                for index, item in enumerate(value):
                    if isinstance(item, str) and item.strip() == old:
                        value[index] = styled_like(item, new)
            elif isinstance(value, str) and value.strip() == old:
                node[field] = styled_like(value, new)


def put_claim(data: CommentedMap, claim_id: str, taken: tuple[CommentedMap, list[Any]], after: str | None = None) -> None:
    """Put a claim :func:`take_claim` detached into the claims of another map: last, or after claim ``after``."""
    node, comments = taken
    claims = data.get("claims")
    if not isinstance(claims, CommentedMap):
        claims = CommentedMap()
        insert_key(data, "claims", claims, next(reversed(data)) if len(data) else None)
    insert_key(claims, claim_id, node, written_key(claims, after) if after is not None else (next(reversed(claims)) if len(claims) else None), comments)


# -- relation entries ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Entry:
    """One written relation: in claim ``node``'s list ``kind``, at ``index`` (None: the lone value)."""

    node: CommentedMap
    kind: RelationKind
    index: int | None
    item: Any

    @property
    def target(self) -> str:
        """The target as written."""
        value = self.item.get("to", "") if isinstance(self.item, CommentedMap) else self.item
        return str(value).strip()

    @property
    def relation_id(self) -> str | None:
        return str(self.item["id"]) if isinstance(self.item, CommentedMap) and self.item.get("id") is not None else None


def entries(node: CommentedMap) -> Iterator[Entry]:
    """Every relation written in a claim, short and long forms."""
    for kind in RelationKind:
        value = node.get(kind.value)
        if isinstance(value, CommentedSeq):
            for index, item in enumerate(value):
                yield Entry(node, kind, index, item)
        elif value is not None:
            yield Entry(node, kind, None, value)


def entry_target_key(entry: Entry, stem: str, workspace: Workspace) -> str | None:
    """The key of what an entry points at: a claim, or for an undercut a relation."""
    if entry.kind is RelationKind.UNDERCUT:
        return relation_key(entry.target, stem, workspace)
    return _claim_key(entry.target, stem)


def find_entry(node: CommentedMap, relation: Relation, workspace: Workspace) -> Entry | None:
    """The written entry that declares ``relation`` in its source claim's mapping."""
    stem, local = split_key(relation.key)
    for entry in entries(node):
        if entry.kind is not relation.kind:
            continue
        if relation.named:
            if entry.relation_id == local:
                return entry
        elif entry.relation_id is None and entry_target_key(entry, stem, workspace) == relation.target:
            return entry
    return None


def add_relation(node: CommentedMap, kind: RelationKind, written: str) -> tuple[Any] | None:
    """Append a short-form relation to a claim, keeping the list's style. Where that made a
    list of what stood under the key -- a lone value, or nothing (``rebuts:`` left empty) --
    that, in a 1-tuple (so that removing the entry again can give it back as it was
    written); else None.

    A missing list is written ``kind: [target]`` (the style of the bundled maps); a lone
    value becomes a list holding both.
    """
    value = node.get(kind.value)
    if isinstance(value, CommentedSeq):
        append_item(value, written)
    elif value is None:
        empty = kind.value in node
        set_field(node, kind.value, [written])
        return (None,) if empty else None
    else:
        pair = CommentedSeq([value, written])
        if not isinstance(value, CommentedMap):
            pair.fa.set_flow_style()
        node[kind.value] = pair
        return (value,)
    return None


def remove_entry(entry: Entry, *, was: tuple[Any] | None = None) -> None:
    """Delete a relation entry; an emptied list goes with it, and a list :func:`add_relation`
    made of what stood under the key (``was``: a lone value, or nothing) becomes that again
    when the value or nothing is all that is left."""
    value = entry.node.get(entry.kind.value)
    if entry.index is None or not isinstance(value, CommentedSeq):
        remove_key(entry.node, entry.kind.value)
        return
    left = [item for n, item in enumerate(value) if n != entry.index]
    if was is not None and left == ([] if was[0] is None else [was[0]]):
        entry.node[entry.kind.value] = was[0]
    elif not left:
        remove_key(entry.node, entry.kind.value)
    else:
        remove_item(value, entry.index)


def set_entry_target(entry: Entry, written: str) -> None:
    """Point an entry at another target, keeping its form, id, note and quoting."""
    if isinstance(entry.item, CommentedMap):
        entry.item["to"] = styled_like(entry.item["to"], written)
    elif entry.index is None:
        entry.node[entry.kind.value] = styled_like(entry.item, written)
    else:
        entry.node[entry.kind.value][entry.index] = styled_like(entry.item, written)


def drop_premise(entry: Entry, premise: str, stem: str) -> None:
    """Remove claim ``premise`` from a long-form entry's linked premises (``with``)."""
    linked = entry.item.get("with") if isinstance(entry.item, CommentedMap) else None
    if isinstance(linked, CommentedSeq):
        for index in reversed(range(len(linked))):
            if _claim_key(str(linked[index]), stem) == premise:
                if len(linked) == 1:
                    remove_key(entry.item, "with")
                    return
                remove_item(linked, index)
    elif linked is not None and _claim_key(str(linked), stem) == premise:
        remove_key(entry.item, "with")


def rewrite_refs(data: CommentedMap, stem: str, home: str, rename: Callable[[str], str], only: str | None = None) -> None:
    """Rewrite the references of map ``data`` that ``rename`` changes: resolve each as map
    ``home`` reads it, rename the key, and write it back relative to map ``stem``.

    Used to move a claim: its own references are re-based to the new map, and
    references to it (or to relations it declares) are renamed everywhere.
    """
    claims = data.get("claims")
    if not isinstance(claims, CommentedMap):
        return
    for claim_id, node in claims.items():
        if not isinstance(node, CommentedMap) or (only is not None and claim_id != only):
            continue
        for entry in list(entries(node)):
            if not entry.target:
                pass  # no target written (a long form without 'to'): nothing to re-base
            elif entry.kind is RelationKind.UNDERCUT and "->" in entry.target:
                ends = [_claim_key(end, home) for end in entry.target.split("->", 1)]
                if only is not None or any(rename(k) != k for k in ends):
                    set_entry_target(entry, " -> ".join(ref(rename(k), stem) for k in ends))
            else:
                target = _claim_key(entry.target, home)
                if only is not None or rename(target) != target:
                    set_entry_target(entry, ref(rename(target), stem))
            linked = entry.item.get("with") if isinstance(entry.item, CommentedMap) else None
            if isinstance(linked, CommentedSeq):
                for index, premise in enumerate(linked):
                    key = _claim_key(str(premise), home)
                    if only is not None or rename(key) != key:
                        linked[index] = styled_like(premise, ref(rename(key), stem))


# -- before deleting a claim ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Orphans:
    """What deleting a claim takes with it or leaves dangling, so a person can see it first.

    Attributes:
        claim: the claim to delete.
        outgoing: relations written in the claim itself; they go with it.
        incoming: relations written in other claims that point at it; they are removed.
        undercuts: undercuts (written elsewhere) whose target relation goes; removed too.
        premises: relations that keep going but lose the claim as a linked premise.
        claims: claims left with no relation at all.
    """

    claim: str
    outgoing: tuple[str, ...]
    incoming: tuple[str, ...]
    undercuts: tuple[str, ...]
    premises: tuple[str, ...]
    claims: tuple[str, ...]

    @property
    def relations(self) -> tuple[str, ...]:
        """Every relation that is removed."""
        return self.outgoing + self.incoming + self.undercuts

    @property
    def touches_others(self) -> bool:
        """True when the deletion changes or strands anything beyond the claim's own lines."""
        return bool(self.incoming or self.undercuts or self.premises or self.claims)

    def lines(self) -> list[str]:
        """One line per consequence, for the command line and dialogs."""
        out = [f"removes relation {key}" for key in self.outgoing + self.incoming]
        out += [f"removes undercut {key} (its target goes)" for key in self.undercuts]
        out += [f"drops the claim from the linked premises of {key}" for key in self.premises]
        out += [f"leaves claim {key} with no relation" for key in self.claims]
        return out


def orphans_of(workspace: Workspace, claim: str) -> Orphans:
    """What :func:`what_rm_orphans` reports, computed from a loaded workspace."""
    relations = workspace.relations
    outgoing = [k for k, r in relations.items() if r.source == claim]
    incoming = [k for k, r in relations.items() if r.target == claim and r.source != claim]
    gone = set(outgoing) | set(incoming)
    undercuts: list[str] = []
    changed = True
    while changed:
        changed = False
        for key, relation in relations.items():
            if key not in gone and relation.kind is RelationKind.UNDERCUT and relation.target in gone:
                gone.add(key)
                undercuts.append(key)
                changed = True
    premises = [k for k, r in relations.items() if k not in gone and claim in r.linked]
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for key, relation in relations.items():
        for member in {relation.source, *relation.linked, relation.target}:
            before[member] += 1
            after[member] += key not in gone
    stranded = tuple(sorted(k for k in before if k != claim and k in workspace.claims and not after[k]))
    return Orphans(claim, tuple(outgoing), tuple(incoming), tuple(undercuts), tuple(premises), stranded)


# -- quotes ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of a source text: quoting ``text`` always verifies.

    ``start``/``end`` index the white-space-normalised source; ``score`` is 0–100.
    """

    text: str
    start: int
    end: int
    score: float


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        if end > start:
            yield start, end
        start = match.end()
    if start < len(text):
        yield start, len(text)


def find_passages(source_text: str, query: str, limit: int = 8) -> list[Passage]:
    """Passages of ``source_text`` a quote for ``query`` could be, best first.

    The exact words of the query (white space and letter case aside) come first, as
    they stand in the source; then whole sentences ranked by how much of the query they
    hold (RapidFuzz). Every passage is a verbatim slice of the normalised source, so a
    quote taken from it passes ``argmap check``.
    """
    from rapidfuzz import fuzz

    text = normalize(source_text)
    wanted = normalize(query)
    if not text or not wanted:
        return []
    found: list[Passage] = []
    seen: set[tuple[int, int]] = set()
    lowered, needle = text.casefold(), wanted.casefold()
    at = lowered.find(needle) if len(lowered) == len(text) else -1
    while at >= 0 and len(found) < limit:
        found.append(Passage(text[at : at + len(wanted)], at, at + len(wanted), 100.0))
        seen.add((at, at + len(wanted)))
        at = lowered.find(needle, at + 1)
    ranked = sorted(
        ((fuzz.partial_ratio(needle, lowered[a:b]) if len(needle) <= b - a else fuzz.partial_ratio(lowered[a:b], needle), a, b) for a, b in _sentences(text)),
        key=lambda t: (-t[0], t[1]),
    )
    for score, a, b in ranked:
        if len(found) >= limit or score < 50:
            break
        if (a, b) not in seen:
            found.append(Passage(text[a:b], a, b, float(score)))
    return found
