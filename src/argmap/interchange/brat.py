"""Import brat standoff annotations of arguments (Argument Annotated Essays, AbstRCT).

A brat document is a text (``essay.txt``) and its annotations (``essay.ann``): text-bound
spans ``T3<TAB>Claim 591 714<TAB>words``, relations ``R1<TAB>supports Arg1:T4 Arg2:T3``,
attributes ``A1<TAB>Stance T3 For`` and notes. Which labels exist, and which spans a relation
may join, is the corpus's ``annotation.conf`` (beside the file or in a folder above it), so the
label set is read from there, never assumed. Labels are then given their argmap meaning by
their words: a relation named like *support* supports, one named like *attack* rebuts
(*partial* makes it a partial attack); a span labelled *MajorClaim* (or *thesis*) is a thesis;
an attribute whose values read *For*/*Against* is a stance towards the theses.

Every span becomes a claim quoting exactly ``txt[start:end]`` (offsets in code points, a
byte-order mark counted as one, as brat counts), and the text itself becomes the map's
source, so every quote verifies. A span whose offsets leave the text, or whose words differ
from the text there, is reported with its ``.ann`` line, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError, InputError, Location, Problem
from argmap.interchange.writer import Draft, DraftClaim, DraftSource, DraftSpeaker, slug
from argmap.model import RelationKind
from argmap.yamlread import read_text

__all__ = ["BratSchema", "find_conf", "read_brat", "read_conf"]

CONF = "annotation.conf"
_SECTION = re.compile(r"\[(\w+)\]\s*\Z")
_OFFSETS = re.compile(r"\d{1,18} \d{1,18}(?:;\d{1,18} \d{1,18})*\Z")  # (longer numbers: past any text, and int() refuses 4,300 digits)
_THESIS_LABELS = frozenset({"majorclaim", "thesis", "centralclaim"})
_STANCE_FOR = ("for", "pro", "support", "in favour", "in favor")
_STANCE_AGAINST = ("against", "con", "contra", "attack", "oppos")


@dataclass
class BratSchema:
    """What ``annotation.conf`` declares: entity labels, relation types with the labels each
    argument may have (None: any), and attributes with the labels they apply to and their
    values (None: a flag). Each name keeps its line in the file, for messages."""

    path: Path
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, tuple[list[frozenset[str] | None], int]] = field(default_factory=dict)
    attributes: dict[str, tuple[list[str] | None, int]] = field(default_factory=dict)


def find_conf(ann: Path) -> Path:
    """The ``annotation.conf`` that governs ``ann``: in its folder or the nearest folder above.

    Raises:
        ArgmapError: there is none.
    """
    for folder in ann.resolve().parents:
        if (folder / CONF).is_file():
            return folder / CONF
    raise ArgmapError(f"{ann}: no {CONF} in its folder or any folder above it (brat reads the label set from there)")


def _read(path: Path, *, keep_bom: bool = False) -> str:
    text, problems = read_text(path, keep_bom=keep_bom)
    if text is None:
        raise InputError(problems)
    return text


def read_conf(path: Path) -> BratSchema:
    """Read the label set of a brat ``annotation.conf``.

    brat's macros (``<ENTITY>``) and abstract (``!``) or nested (tab-indented) entities are
    understood as far as an importer needs: a macro in a relation's argument means any label.

    Raises:
        InputError: a line of the file is not what its section allows.
    """
    schema = BratSchema(path)
    section = None
    problems: list[Problem] = []
    for number, raw in enumerate(_read(path).splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _SECTION.match(line)
        if header:
            section = header.group(1)
            continue
        if line.startswith("<") and "=" in line:  # a macro definition
            continue
        name, _, rest = re.sub(r"[\t ]+", "\t", line, count=1).partition("\t")
        name = name.lstrip("!")
        if section == "entities":
            schema.entities[name] = number
        elif section == "relations" and not name.startswith("<"):
            args = _arguments(rest)
            if len(args) != 2:
                problems.append(Problem("brat-syntax", f"relation {name!r} must have two arguments (Arg1:…, Arg2:…)", Location(str(path), number, 1)))
                continue
            schema.relations[name] = ([None if any(t.startswith("<") for t in types) else frozenset(types) for _, types in args], number)
        elif section == "attributes":
            values = dict(_arguments(rest)).get("Value")
            schema.attributes[name] = (values, number)
    if problems:
        raise InputError(problems)
    return schema


def _arguments(rest: str) -> list[tuple[str, list[str]]]:
    """``Arg1:Premise|Claim, Arg2:Claim`` → [("Arg1", ["Premise", "Claim"]), ("Arg2", ["Claim"])]."""
    found = []
    for part in rest.split(","):
        role, colon, types = part.strip().partition(":")
        if colon:
            found.append((role.strip(), [t.strip() for t in types.split("|") if t.strip()]))
    return found


def _relation_meaning(name: str) -> tuple[RelationKind, bool] | None:
    """What a relation type means in argmap, read from its name: (kind, partial), or None."""
    words = name.lower()
    partial = "partial" in words
    if "support" in words:
        return RelationKind.SUPPORT, False
    if any(w in words for w in ("attack", "rebut", "contradict", "counter")):
        return RelationKind.REBUT, partial
    return None


def _stance(value: str) -> RelationKind | None:
    """What a stance value says of its claim towards the theses: supports, rebuts, or None."""
    word = value.lower()
    if word.startswith(_STANCE_AGAINST):
        return RelationKind.REBUT
    if word.startswith(_STANCE_FOR):
        return RelationKind.SUPPORT
    return None


@dataclass
class _Span:
    tid: str
    label: str
    fragments: list[tuple[int, int]]
    line: int
    notes: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.fragments[0][0]


@dataclass
class _Link:
    rid: str
    label: str
    source: str
    target: str
    line: int
    columns: tuple[int, int]  # of Arg1 and Arg2's ids, for messages
    notes: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str | None]] = field(default_factory=list)


class _Reader:
    """One ``.ann`` file read against its text and schema, problems collected as they come."""

    def __init__(self, ann: Path, text: str, schema: BratSchema) -> None:
        self.where = str(ann)
        self.text = text
        self.schema = schema
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.spans: dict[str, _Span] = {}
        self.broken: set[str] = set()  # ids already reported or skipped: no second message for their use
        self.links: list[_Link] = []
        self.link_lines: dict[str, int] = {}  # relation id → its line, to catch an id used twice
        self.pending: list[tuple[str, str, int, int, str]] = []  # (kind, T id, line, column, payload)

    def problem(self, code: str, message: str, line: int, column: int = 1, hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, Location(self.where, line, column), hint=hint))

    @property
    def stance_of(self) -> dict[str, RelationKind]:
        """Span id → how its stance bears on the theses, for every span with a stance."""
        return {s.tid: kind for s in self.spans.values() for _, value in s.attributes if value and (kind := _stance(value)) is not None}

    def read(self, ann_text: str) -> None:
        for number, raw in enumerate(ann_text.split("\n"), start=1):
            line = raw.removesuffix("\r")
            if not line.strip():
                continue
            fields = line.split("\t")
            kind = line[:1]
            if kind == "T":
                self._span(fields, number)
            elif kind == "R":
                self._link(fields, number)
            elif kind in "AM":
                self._attribute(fields, number)
            elif kind == "#":
                parts = fields[1].split() if len(fields) > 1 else []
                if len(fields) >= 3 and len(parts) == 2:
                    self.pending.append(("note", parts[1], number, len(fields[0]) + len(parts[0]) + 3, fields[2].strip()))
            elif kind in "E*N":
                self.broken.add(fields[0])
                self.warnings.append(f"{self.where}:{number}: brat {'event' if kind == 'E' else 'equivalence' if kind == '*' else 'normalization'} line skipped: argmap has no place for it")
            else:
                self.problem("brat-syntax", f"not a brat standoff line: {line[:40]!r}", number, hint="lines start with T, R, A, M, E, N, * or #, then a TAB")
        links = {link.rid: link for link in self.links}
        for kind, tid, number, column, payload in self.pending:
            annotated = self.spans.get(tid) or links.get(tid)  # notes and attributes may be on relations too
            if tid in self.broken:
                continue
            if annotated is None:
                self.problem("brat-reference", f"{'note' if kind == 'note' else 'attribute'} names {tid!r}, which is no span or relation of this file", number, column)
            elif kind == "note":
                annotated.notes.append(payload)
            else:
                name, _, value = payload.partition("\0")
                annotated.attributes.append((name, value or None))
        for link in self.links:
            for end, column in zip((link.source, link.target), link.columns):
                if end not in self.spans and end not in self.broken:
                    self.problem("brat-reference", f"relation {link.rid} names {end!r}, which is no span of this file", link.line, column)

    def _span(self, fields: list[str], number: int) -> None:
        if len(fields) < 3 or " " not in fields[1]:
            self.problem("brat-syntax", "a span line is 'T<n><TAB>Label START END<TAB>text'", number)
            return
        tid, (label, _, offsets) = fields[0], fields[1].partition(" ")
        if tid not in self.spans:
            self.broken.add(tid)  # until it proves sound
        covered = "\t".join(fields[2:]).removesuffix("\t")  # brat may leave a stray TAB after the text
        offsets_column = len(tid) + len(label) + 3
        if tid in self.spans:
            self.problem("brat-syntax", f"span id {tid} is defined twice (first on line {self.spans[tid].line})", number)
            return
        if label not in self.schema.entities:
            known = ", ".join(self.schema.entities) or "none"
            self.problem("brat-syntax", f"label {label!r} of {tid} is not an entity of {self.schema.path.name} (it declares {known})", number, len(tid) + 2)
            return
        if not _OFFSETS.match(offsets):
            self.problem("brat-syntax", f"offsets of {tid} must be 'START END' (or 'S1 E1;S2 E2'), not {offsets[:60]!r}", number, offsets_column)
            return
        fragments = [(int(a), int(b)) for a, b in (pair.split() for pair in offsets.split(";"))]
        for start, end in fragments:
            if not 0 <= start < end <= len(self.text):
                self.problem("brat-span", f"span {tid} [{start}, {end}) is outside the text ({len(self.text)} characters) or empty",
                             number, offsets_column, hint="offsets count characters (code points) of the .txt, a byte-order mark included")
                return
        found = " ".join(self.text[a:b] for a, b in fragments)
        if found != covered:
            at = next((i for i, (x, y) in enumerate(zip(found, covered)) if x != y), min(len(found), len(covered)))
            self.problem("brat-span", f"span {tid} [{offsets}] reads {found[max(0, at - 10):at + 20]!r} in the text but the .ann says "
                         f"{covered[max(0, at - 10):at + 20]!r} (first difference at character {at + 1})",
                         number, len(fields[0]) + len(fields[1]) + 3 + at, hint="the .ann and .txt do not belong together, or the offsets are wrong")
            return
        self.spans[tid] = _Span(tid, label, fragments, number)
        self.broken.discard(tid)

    def _link(self, fields: list[str], number: int) -> None:
        if fields[0] in self.link_lines:
            self.problem("brat-syntax", f"relation id {fields[0]} is defined twice (first on line {self.link_lines[fields[0]]})", number)
            return
        self.link_lines[fields[0]] = number
        self.broken.add(fields[0])  # until it proves sound
        parts = fields[1].split() if len(fields) > 1 else []
        ends = [p.partition(":")[2] for p in parts[1:]]
        if len(parts) != 3 or not all(ends):
            self.problem("brat-syntax", "a relation line is 'R<n><TAB>type Arg1:T<a> Arg2:T<b>'", number)
            return
        label = parts[0]
        if label not in self.schema.relations:
            known = ", ".join(self.schema.relations) or "none"
            self.problem("brat-syntax", f"relation type {label!r} is not in {self.schema.path.name} (it declares {known})", number, len(fields[0]) + 2)
            return
        if _relation_meaning(label) is None:
            self.problem("brat-syntax", f"relation type {label!r} has no meaning in argmap", number, len(fields[0]) + 2,
                         hint="argmap reads relation types named like support, attack or partial attack")
            return
        first = len(fields[0]) + len(label) + 3  # where Arg1 starts
        columns = (first + len(parts[1]) - len(ends[0]), first + len(parts[1]) + 1 + len(parts[2]) - len(ends[1]))
        self.links.append(_Link(fields[0], label, ends[0], ends[1], number, columns))
        self.broken.discard(fields[0])

    def _attribute(self, fields: list[str], number: int) -> None:
        parts = fields[1].split() if len(fields) > 1 else []
        if len(parts) not in (2, 3):
            self.problem("brat-syntax", "an attribute line is 'A<n><TAB>Name T<k> [Value]'", number)
            return
        name, tid, value = parts[0], parts[1], parts[2] if len(parts) == 3 else ""
        declared = self.schema.attributes.get(name)
        if declared is None:
            self.problem("brat-syntax", f"attribute {name!r} is not in {self.schema.path.name}", number, len(fields[0]) + 2)
            return
        values = declared[0]
        if (values is None) != (not value) or (values is not None and value not in values):
            allowed = "no value" if values is None else "|".join(values)
            self.problem("brat-syntax", f"attribute {name} of {tid} has value {value or '(none)'!r}; {self.schema.path.name} allows {allowed}",
                         number, len(fields[0]) + len(name) + len(tid) + 4)
            return
        self.pending.append(("attribute", tid, number, len(fields[0]) + len(name) + 3, f"{name}\0{value}"))


def read_brat(path: Path | str) -> Draft:
    """Read a brat document (an ``.ann`` file and the ``.txt`` beside it) into a draft; or a
    folder of them (the ``.ann`` files directly in it) into one map with a source per document.

    Raises:
        ArgmapError: a ``.txt`` or the ``annotation.conf`` is missing, or a folder holds no ``.ann``.
        InputError: lines of an ``.ann`` (or the ``.conf``) are malformed, name spans that do
            not exist, or give spans that do not match the text; every such line of every
            document is reported.
    """
    path = Path(path)
    anns = sorted(path.glob("*.ann")) if path.is_dir() else [path if path.suffix == ".ann" else path.with_suffix(".ann")]
    if not anns:
        raise ArgmapError(f"{path}: no brat documents (.ann files) in this folder")
    documents = [_document(ann) for ann in anns]
    problems = [problem for _, _, reader in documents for problem in reader.problems]
    if problems:
        raise InputError(problems)
    if path.is_dir():
        title = f"{path.resolve().name}: {len(anns)} brat documents"
    else:
        title = _title(anns[0], documents[0][1], list(documents[0][2].spans.values()))
    confs = sorted({reader.schema.path.name for _, _, reader in documents})
    draft = Draft(
        title=title,
        origin=[f"Imported by 'argmap import' from {path.name} (brat standoff, labels from {', '.join(confs)}).",
                "Each claim quotes its span of the text; its note gives the brat span id and label."],
    )
    if any(reader.stance_of for _, _, reader in documents):
        draft.sides = {"for": "For the major claim", "against": "Against the major claim"}
        draft.speakers = {
            "for": DraftSpeaker("The author", role="arguing for the major claim", side="for"),
            "against": DraftSpeaker("The opposing view", role="as the author states it, against the major claim", side="against"),
        }
    for ann, text, reader in documents:
        _add_document(draft, ann, text, reader)
    return draft


def _document(ann: Path) -> tuple[Path, str, _Reader]:
    """One document read against its text and schema; its problems are in the reader."""
    txt = ann.with_suffix(".txt")
    for needed in (ann, txt):
        if not needed.is_file():
            raise ArgmapError(f"{needed}: no such file (a brat document is an .ann file and the .txt beside it)")
    schema = read_conf(find_conf(ann))
    text = _read(txt, keep_bom=True)
    reader = _Reader(ann, text, schema)
    reader.read(_read(ann))
    return ann, text, reader


def _title(ann: Path, text: str, spans: list[_Span]) -> str:
    """The document's name, with its first line when that reads as a title (no span in it)."""
    first = text.lstrip("\ufeff").lstrip().split("\n", 1)[0].strip()
    begin = text.find(first)
    if first and "\n" in text.strip() and len(first) <= 150 and not any(begin <= s.start < begin + len(first) for s in spans):
        return f"{ann.stem}: {first}"
    return ann.stem


def _add_document(draft: Draft, ann: Path, text: str, reader: _Reader) -> None:
    """Add a document read without problems: its text as a source, its spans and relations."""
    spans = sorted(reader.spans.values(), key=lambda s: (s.start, s.line))
    stance_of = reader.stance_of
    draft.warnings.extend(reader.warnings)
    source = slug(ann.stem)
    draft.sources[source] = DraftSource(_title(ann, text, spans), text=f"sources/{ann.stem}.txt")
    draft.files[f"sources/{ann.stem}.txt"] = text
    claim_of: dict[str, str] = {}
    theses: list[str] = []
    for span in spans:
        words = " … ".join(" ".join(text[a:b].split()) for a, b in span.fragments)
        is_thesis = re.sub(r"[^a-z]", "", span.label.lower()) in _THESIS_LABELS
        notes = [f"brat {span.tid} ({span.label})", *span.notes]
        if len(span.fragments) > 1:
            notes.append("a discontinuous span: the quote is its first part")
        tags = [span.label] + [f"{name}={value}" if value else name for name, value in span.attributes if span.tid not in stance_of or _stance(value or "") is None]
        first = span.fragments[0]
        claim = DraftClaim(words, "thesis" if is_thesis else "claim", quote=(source, text[first[0]:first[1]]), tags=tags, note="; ".join(notes))
        claim_of[span.tid] = draft.add_claim(slug(words), claim)
        if is_thesis:
            theses.append(claim_of[span.tid])
    for link in sorted(reader.links, key=lambda link: link.line):
        allowed = reader.schema.relations[link.label][0]
        for end, types in zip((link.source, link.target), allowed):
            if types is not None and reader.spans[end].label not in types:
                draft.warnings.append(f"{ann}:{link.line}: {link.rid} joins {reader.spans[end].label} {end}, which {reader.schema.path.name} does not allow for {link.label}")
        kind, partial = _relation_meaning(link.label) or (RelationKind.SUPPORT, False)
        tags = [f"{name}={value}" if value else name for name, value in link.attributes]
        draft.add_relation(kind, claim_of[link.source], claim_of[link.target], wanted_id=link.rid.lower(), tags=tags,
                           note="; ".join(link.notes) or None, partial=partial)
    for tid, kind in stance_of.items():
        if not theses:
            draft.warnings.append(f"{ann}: {tid} has a stance, but the document has no major claim for it to bear on")
        for thesis in theses:
            draft.add_relation(kind, claim_of[tid], thesis, tags=["stance"])
    if stance_of:
        _assign_sides(draft, claim_of, stance_of)


def _assign_sides(draft: Draft, claim_of: dict[str, str], stance_of: dict[str, RelationKind]) -> None:
    """Theses are the author's; a claim's stance gives its side; a span with no stance takes
    the side of what it supports, or the other side of what it attacks."""
    mine = set(claim_of.values())  # this document's claims: another's stance says nothing of them
    side: dict[str, str] = {cid: "for" for cid in mine if draft.claims[cid].kind == "thesis"}
    side.update({claim_of[tid]: "for" if kind is RelationKind.SUPPORT else "against" for tid, kind in stance_of.items()})
    relations = [rel for rel in draft.relations if rel.source in mine]
    changed = True
    while changed:
        changed = False
        for rel in relations:
            if rel.source not in side and rel.target in side:
                same = rel.kind is RelationKind.SUPPORT
                side[rel.source] = side[rel.target] if same else ("against" if side[rel.target] == "for" else "for")
                changed = True
    for cid in mine:
        draft.claims[cid].by = side.get(cid)
        if side.get(cid) == "against":  # the author states the opposing view: it does not speak in the essay
            draft.claims[cid].tags.append("reported")
