"""Argdown (https://argdown.org), the Markdown-like syntax for argument maps: import and export.

Import follows the Argdown language and its reference parser (``@argdown/core``): a
statement's equivalence class (every ``[title]``) becomes a claim; an argument with a
premise–conclusion structure becomes one ``supports`` relation per inference (linked
premises → conclusion), named by the argument's title; an argument without one becomes a
claim, unless its premises point at it (``<+ [p]``) and it points at one target, which is
how argmap exports a reason; support, attack, undercut and contradiction lines become
supports, rebuts (both ways for a contradiction), and undercuts. Tags, headings (as
``group: …`` tags), the front matter's title, comments, hard-wrapped lines and
``@include`` are read as Argdown reads them. What a map has no field for goes into notes
and the import's remarks (docs/argdown.md has the whole mapping).

Export writes every claim as a statement definition ``[id]: text #tags {data}`` (the title
is the argmap id, so references stay stable). A plain support or rebuttal is a relation
line under its target: ``+ [reason]`` or ``- [objection]``. A relation that has linked
premises, a note, tags, an id, an undercut or ``partial`` is an argument ``<title>``: its premises
point at it (``<+ [p]``), it points at its target (``+>``, ``->``, or ``_>`` for an
undercut) and its undercutters hang under it (``_ [claim]``). Text is escaped (``\\``)
where Argdown would read syntax. Importing the export and exporting again gives the same
text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from argmap.errors import InputError, Location, Problem
from argmap.interchange.writer import Draft, DraftClaim, DraftRelation, DraftSource, DraftSpeaker, IdMaker, slug
from argmap.model import ArgMap, Relation, RelationKind, Workspace, split_key

__all__ = ["MAX_BYTES", "MAX_DEPTH", "read_argdown", "to_argdown"]

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID_LIKE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_SPECIAL = re.compile(r"([\\@#*_\[\]<>{}/])")
_PLAIN_TAG = re.compile(r"[A-Za-z0-9-]+\Z")
_SYMBOL = {RelationKind.SUPPORT: "+", RelationKind.REBUT: "-", RelationKind.UNDERCUT: "_"}
_OUTGOING = {RelationKind.SUPPORT: "+>", RelationKind.REBUT: "->", RelationKind.UNDERCUT: "_>"}
_INDENT = "    "


def _escape(text: str) -> str:
    """One line of statement text, with Argdown's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _tag(tag: str) -> str:
    return f"#{tag}" if _PLAIN_TAG.match(tag) else "#(" + " ".join(tag.replace(")", "").replace("(", "").split()) + ")"


def _data_text(data: dict[str, object]) -> str:
    """``{key: "value", …}``: JSON strings are YAML flow scalars; braces are escaped because
    Argdown's lexer ends a data block at a ``}`` followed by text."""
    return "{" + ", ".join(f"{k}: {_front(v)}".replace("{", "\\u007b").replace("}", "\\u007d") for k, v in data.items()) + "}"


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff=]")  # what YAML would not read raw, and '=' ('===' ends front matter)


def _front(value: object) -> str:
    """A value of the front matter or a ``{data}`` block as JSON, which YAML reads as flow."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def to_argdown(ws: Workspace, stem: str) -> str:
    """Map ``stem`` of a workspace as Argdown text (claims of other maps it uses included)."""
    argmap: ArgMap = ws.maps[stem]
    relations = list(argmap.relations.values())
    undercut = {r.target for r in relations if r.kind is RelationKind.UNDERCUT}
    plain = {r.key for r in relations if not (r.linked or r.named or r.note or r.partial or r.key in undercut)}
    contradicts = {(r.source, r.target): r for r in relations if r.key in plain and r.kind is RelationKind.REBUT and r.tags == ("contradiction",)}
    pairs = [r for (a, b), r in contradicts.items() if (b, a) in contradicts and a < b]  # rebuttals both ways: Argdown's ><
    paired = {r.key for r in pairs} | {contradicts[r.target, r.source].key for r in pairs}
    as_argument = {r.key for r in relations if r.key not in paired and (r.key not in plain or r.tags)}
    ids = IdMaker()
    ids.used |= set(argmap.claims) | {split_key(r.key)[1] for r in relations if r.named}
    titles = {f"{stem}:{cid}": cid for cid in argmap.claims}
    for rel in relations:
        if rel.named:
            titles[rel.key] = split_key(rel.key)[1]

    def title(key: str) -> str:
        """A claim's or relation's Argdown title: its id, or an id made for it here (a claim of
        another map, an unnamed relation written as an argument) that reads back as an id."""
        if key not in titles:
            if key in argmap.relations:
                rel = argmap.relations[key]
                titles[key] = ids.make(f"{title(rel.source)}-{rel.kind.value}-{title(rel.target)}")
            else:
                titles[key] = ids.make(slug(key.replace(":", " "), words=12, limit=60))
        return titles[key]

    head = ["===", f"title: {_front(argmap.title)}"]
    if argmap.summary:
        head.append(f"subTitle: {_front(argmap.summary)}")
    head += ["model:", f"{_INDENT}removeTagsFromText: true"]
    keys = [f"{stem}:{cid}" for cid in argmap.claims]
    own = set(keys)
    keys += sorted({k for r in relations for k in (*r.premises, r.target) if k in ws.claims and k not in own})
    speakers = dict(argmap.speakers)
    for key in keys[len(own):]:  # the speakers of other maps' claims come along, under their ids
        by = ws.claims[key].by
        if by and by not in speakers:
            speakers[by] = ws.maps[split_key(key)[0]].speakers[by]
    sources = {sid: {k: v for k, v in (("title", src.title), ("url", src.url), ("note", src.note)) if v} for sid, src in argmap.sources.items()}
    if argmap.sides or speakers or sources:  # argmap's own key: Argdown keeps what its front matter holds
        head.append("argmap:")
        if argmap.sides:
            head.append(f"{_INDENT}sides: " + _front({sid: {"label": side.label} for sid, side in argmap.sides.items()}))
        if speakers:
            people = {pid: {k: v for k, v in (("name", p.name), ("role", p.role), ("side", p.side if p.side in argmap.sides else None),
                                              ("note", p.note)) if v}
                      for pid, p in speakers.items()}
            head.append(f"{_INDENT}speakers: " + _front(people))
        if sources:
            head.append(f"{_INDENT}sources: " + _front(sources))
    out = [*head, "===", "",
           f"// Exported by argmap from map '{stem}'. Statement titles are argmap claim ids;",
           "// a relation with linked premises, a note, tags, an id, an undercut or partial is an argument <title>", "// whose premises support it (<+) and which points at its target.", ""]
    for key in keys:
        claim = ws.claims[key]
        line = f"[{title(key)}]: {_escape(claim.text)}"
        if claim.tags:
            line += " " + " ".join(_tag(t) for t in claim.tags)
        data: dict[str, object] = {"kind": claim.kind.value} if claim.kind.value != "claim" else {}
        if claim.by:
            data["by"] = claim.by
        if claim.note:
            data["note"] = claim.note
        if claim.quote and claim.quote.source in argmap.sources and key in own:
            data["quoteSource"], data["quote"] = claim.quote.source, claim.quote.text
        if claim.weight is not None:
            data["weight"] = claim.weight
        if claim.conceded:
            data["conceded"] = claim.conceded
        if data:
            line += " " + _data_text(data)
        out += [line, ""]

    by_target: dict[str, list[Relation]] = {}
    undercutters: dict[str, list[Relation]] = {}
    for rel in relations:
        if rel.key in as_argument:
            continue
        if rel.kind is RelationKind.UNDERCUT:
            undercutters.setdefault(rel.target, []).append(rel)
        else:
            by_target.setdefault(rel.target, []).append(rel)
    for target in [k for k in keys if k in by_target]:
        lines = [f"{_INDENT}{_SYMBOL[r.kind]} [{title(r.source)}]" for r in by_target[target] if r.key not in paired]
        lines += [f"{_INDENT}>< [{title(r.target)}]" for r in pairs if r.source == target]
        if lines:
            out += [f"[{title(target)}]", *lines, ""]
    for rel in relations:
        if rel.key not in as_argument or (rel.kind is RelationKind.UNDERCUT and rel.target not in argmap.relations):
            continue  # (an undercut of another map's relation has no argument here to point at)
        line = f"<{title(rel.key)}>"
        if rel.note:
            line += f": {_escape(rel.note)}"
        if rel.tags:
            line += " " + " ".join(_tag(t) for t in rel.tags)
        if rel.partial:
            line += " " + _data_text({"partial": True})
        out.append(line)
        out += [f"{_INDENT}<+ [{title(p)}]" for p in rel.premises]
        end = f"<{title(rel.target)}>" if rel.kind is RelationKind.UNDERCUT else f"[{title(rel.target)}]"
        out.append(f"{_INDENT}{_OUTGOING[rel.kind]} {end}")
        out += [f"{_INDENT}_ [{title(attack.source)}]" for attack in undercutters.get(rel.key, [])]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- reading Argdown ------------------------------------------------------------------------
MAX_BYTES = 16 * 1024 * 1024
"""The most text one import reads, included files counted: a debate is kilobytes."""
MAX_DEPTH = 100
"""The deepest nesting of relations, and of includes, that an import follows."""

_INCLUDE = re.compile(r"@include\(([^)]+)\)")
# escapes, links, tags and data first, so "\/\/" and "https://…" in a link, #(tag) or {data} are not comments
_COMMENT = re.compile(r"\\.|\[[^\]\n]+?\]\([^)\n]+?\)|#\([^)]+\)|\{(?:(?!\}\s[^,}])[^{}]|\{[^{}]*\})*\}|(<!--.*?-->|/\*.*?\*/|//[^\n]*)", re.S)
_HEADING = re.compile(r"(#+) (.*)")
_NUMBER = re.compile(r"[ \t]*\((\d+)\)[ \t]*(.*)")
_BAR = re.compile(r"[ \t]*--+(.*?)-*[ \t]*\Z")
_LIST = re.compile(r"([ \t]*)(?:\*|\d+\.)(?=\s)[ \t]*(.*)")
_RELATION = re.compile(r"([ \t]*)(<_|<\+|<-|_>|\+>|->|><|_(?=\s)|\+|-(?!-))[ \t]*(.*)")
_STATEMENT_DEFINITION = re.compile(r"\[(.+?)\]:[ \t]*")
_ARGUMENT_DEFINITION = re.compile(r"<(.+?)>:[ \t]*")
_REFERENCE = re.compile(r"(?:\[([^-\]].*?)\]|<([^-].*?)>)(?!\()")
_TAG_TEXT = r"#(?:\(([^)]+)\)|([\w\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))"
_ONLY_TAGS = re.compile(rf"(?:\s*{_TAG_TEXT})*\s*\Z")
_INLINE = re.compile(rf"\\(.)|\[([^\]]+?)\]\(([^)]+?)\)|{_TAG_TEXT}|\*\*|__|(?<![\w*])[*_](?=[^\s*_])|(?<=[^\s*_])[*_](?![\w*])")
_SYMBOLS = {  # symbol → (kind, whether the child is the relation's source)
    "+": ("support", True), "<+": ("support", True), "+>": ("support", False),
    "-": ("attack", True), "<-": ("attack", True), "->": ("attack", False),
    "_": ("undercut", True), "<_": ("undercut", True), "_>": ("undercut", False),
    "><": ("contradiction", False),
}


@dataclass
class _Line:
    text: str
    path: str
    number: int

    def at(self, column: int = 1) -> Location:
        return Location(self.path, self.number, column)


def _fail(problem: Problem) -> InputError:
    return InputError([problem])


def _expand(path: Path, shown: str, root: Path, chain: tuple[Path, ...], done: set[Path], budget: list[int],
            warnings: list[str], where: Location) -> list[_Line]:
    """The lines of ``path`` with every ``@include(file)`` replaced by that file's lines.

    As Argdown's include plugin does, a file is included once; one that includes itself
    (through others) is an error rather than silently cut, since the text would then depend
    on where reading started.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise _fail(Problem("include-missing", f"cannot read {shown}: {err.strerror or err}", where)) from err
    budget[0] -= len(data)
    if budget[0] < 0:
        raise _fail(Problem("file-too-large", f"Argdown text larger than {MAX_BYTES // (1024 * 1024)} MiB (included files counted)", where,
                    hint="an argument map is kilobytes: is this the right file?"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise _fail(Problem("file-encoding", f"not UTF-8: byte {data[err.start]:#04x} cannot be read", Location(shown, line), hint="save the file as UTF-8")) from err
    done.add(path)
    lines: list[_Line] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        match = _INCLUDE.search(raw)
        if match is None:
            lines.append(_Line(raw, shown, number))
            continue
        here = Location(shown, number, match.start() + 1)
        name = match.group(1).strip()
        try:
            target = (path.parent / name).resolve()
        except (OSError, ValueError) as err:  # a NUL byte in the name, a loop of symbolic links
            raise _fail(Problem("include-missing", f"@include({name!r}) names no file that can be read: {err}", here,
                                hint="write the name of a file beside the file imported")) from err
        if not target.is_relative_to(root):
            raise _fail(Problem("include-outside", f"@include({name}) leads outside the folder of {root.name or root}", here,
                        hint="keep included files beside the file imported, or in a folder under it"))
        shown_target = str(Path(shown).parent / name)
        if target in chain:
            cycle = " -> ".join(p.name for p in (*chain[chain.index(target):], target))
            raise _fail(Problem("include-cycle", f"@include({name}) closes a cycle: {cycle}", here, hint="remove one of the includes"))
        if len(chain) > MAX_DEPTH:
            raise _fail(Problem("include-cycle", f"@include({name}) is more than {MAX_DEPTH} includes deep", here,
                                hint="an include chain this long is a cycle in all but name: include the files from one main file"))
        included: list[_Line] = []
        if target in done:
            warnings.append(f"{here}: {name} was included before; Argdown includes a file once, so this @include is skipped")
        else:
            included = _expand(target, shown_target, root, (*chain, target), done, budget, warnings, here)
        before, after = raw[:match.start()], raw[match.end():]
        if not included:
            lines.append(_Line(before + after, shown, number))
            continue
        included[0] = _Line(before + included[0].text, included[0].path, included[0].number)
        included[-1] = _Line(included[-1].text + after, included[-1].path, included[-1].number)
        lines += included
    return lines


def _strip_comments(lines: list[_Line]) -> list[_Line]:
    """The lines with Argdown's three kinds of comment blanked (line breaks kept)."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group()) if match.group(1) else match.group()

    text = _COMMENT.sub(blank, "\n".join(line.text for line in lines))
    # a line that only a comment filled is gone, not blank: it does not end a block
    return [_Line(t, line.path, line.number) for t, line in zip(text.split("\n"), lines, strict=True) if t.strip() or not line.text.strip()]


@dataclass
class _Node:
    """An element as written (a statement or an argument), with the relations below it."""

    text: str
    line: _Line
    indent: int
    children: list[tuple[str, _Node]] = field(default_factory=list)


@dataclass
class _Bar:
    """An inference line (``--``, ``----``, ``-- rule --`` or a rule between two lines of dashes)."""

    rule: str
    line: _Line


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _parse_block(block: list[_Line]) -> list[_Node | _Bar | tuple[int, _Node]]:
    """A block's items in order: elements, numbered PCS statements ``(n, node)`` and bars."""
    items: list[_Node | _Bar | tuple[int, _Node]] = []
    stack: list[_Node] = []  # the element and relations that a deeper relation line can hang under
    current: _Node | None = None
    rule: list[str] | None = None  # the lines of an inference rule between two bars
    for index, line in enumerate(block):
        text = line.text
        if rule is not None:
            closing = _BAR.match(text)
            if closing is not None and not closing.group(1).strip():
                opened = items[-1]
                assert isinstance(opened, _Bar)
                opened.rule = " ".join(" ".join(rule).split())
                rule = None
            else:
                rule.append(text)
            continue
        if (number := _NUMBER.match(text)) is not None:
            if len(number.group(1)) > 18:  # (int() of more than 4,300 digits is a ValueError, and no 'uses' names it)
                raise _fail(Problem("argdown-syntax", f"a statement number of {len(number.group(1)):,} digits", line.at(number.start(1) + 1),
                                    hint="number an argument's statements (1), (2), (3), …"))
            current = _Node(number.group(2), line, len(text) - len(text.lstrip()))
            items.append((int(number.group(1)), current))
            stack = [current]
        elif (bar := _BAR.match(text)) is not None:
            items.append(_Bar(bar.group(1).strip(), line))
            current, stack = None, []
            following = block[index + 1:]
            closes = next((i for i, later in enumerate(following) if _BAR.match(later.text) or _NUMBER.match(later.text)), None)
            if not bar.group(1).strip() and following and not _NUMBER.match(following[0].text) and closes is not None and _BAR.match(following[closes].text):
                rule = []
        elif (relation := _RELATION.match(text)) is not None and stack:
            indent = len(relation.group(1))
            while len(stack) > 1 and stack[-1].indent >= indent:
                stack.pop()
            if len(stack) > MAX_DEPTH:
                raise _fail(Problem("argdown-syntax", f"relations nested more than {MAX_DEPTH} levels deep", line.at(indent + 1),
                                    hint="an argument map needs a few levels: is this the right file?"))
            current = _Node(relation.group(3), line, indent)
            stack[-1].children.append((relation.group(2), current))
            stack.append(current)
        elif (listed := _LIST.match(text)) is not None and (not items or isinstance(items[-1], _Node)):
            current = _Node(listed.group(2), line, len(listed.group(1)))
            items.append(current)
            stack = [current]
        elif current is None:
            current = _Node(text.strip(), line, len(text) - len(text.lstrip()))
            items.append(current)
            stack = [current]
        else:
            current.text += "\n" + text.strip()
    return items


@dataclass
class _Element:
    """A statement or an argument as written once: ``kind`` is ``"s"`` or ``"a"``."""

    kind: str
    title: str | None
    text: str  # plain text: escapes, emphasis and links resolved
    tags: list[str]
    data: dict[str, Any]
    links: list[str]


def _data(text: str, where: Location, warnings: list[str]) -> tuple[str, dict[str, Any]]:
    """Split a trailing ``{…}`` (Argdown's YAML flow data) off ``text``."""
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return text, {}
    depth = 0
    for start in range(len(stripped) - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(stripped[start], 0)
        if depth == 0:
            break
    else:
        return text, {}
    if start > 0 and stripped[start - 1] == "\\":
        return text, {}
    try:
        value = yaml.load(stripped[start:], Loader=_SafeLoader)
    except yaml.YAMLError:
        warnings.append(f"{where}: cannot read the data {stripped[start:]!r}; kept in the text")
        return text, {}
    if not isinstance(value, dict):
        return text, {}
    return stripped[:start], {str(k): v for k, v in value.items()}


def _inline(text: str, remove_tags: bool) -> tuple[str, list[str], list[str]]:
    """Argdown's inline syntax as plain text, with the tags and link URLs found.

    Tags at the end of the text always leave it (the claim's ``tags`` hold them); tags
    inside a sentence stay, as Argdown shows them, unless ``remove_tags``.
    """
    tags: list[str] = []
    links: list[str] = []
    cut = len(text)  # where the tags at the end begin
    for match in reversed([m for m in _INLINE.finditer(text) if m.group(4) or m.group(5)]):
        if text[match.end():cut].strip():
            break
        cut = match.start()

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        if match.group(2) is not None:
            links.append(match.group(3))
            return match.group(2)
        tag = match.group(4) or match.group(5)
        if tag is not None:
            tags.append(" ".join(tag.split()))
            return "" if remove_tags or match.start() >= cut else match.group()
        return ""  # emphasis markers

    plain = _INLINE.sub(replace, text)
    return " ".join(plain.split()), list(dict.fromkeys(tags)), links


def _element(node: _Node, remove_tags: bool, warnings: list[str]) -> _Element:
    text, data = _data(node.text.strip(), node.line.at(node.indent + 1), warnings)
    kind, title = "s", None
    if (definition := _STATEMENT_DEFINITION.match(text)) is not None:
        title, text = definition.group(1), text[definition.end():]
    elif (definition := _ARGUMENT_DEFINITION.match(text)) is not None:
        kind, title, text = "a", definition.group(1), text[definition.end():]
    elif (reference := _REFERENCE.match(text)) is not None and _ONLY_TAGS.match(text, reference.end()):
        kind = "s" if reference.group(1) is not None else "a"
        title, text, remove_tags = reference.group(1) or reference.group(2), text[reference.end():], True
    plain, tags, links = _inline(text, remove_tags)
    return _Element(kind, " ".join(title.split()) if title else None, plain, tags, data, links)


@dataclass
class _Class:
    """A statement's equivalence class, or an argument: everything said of one title."""

    kind: str
    title: str
    where: Location
    texts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    group: str | None = None
    steps: list[tuple[list[str], str, str, Location]] = field(default_factory=list)  # (premises, conclusion, rule, where)


@dataclass
class _Link:
    """A relation line: ``kind`` is support, attack, undercut or contradiction."""

    kind: str
    source: tuple[str, str]
    target: tuple[str, str]
    where: Location
    under: tuple[str, str]  # the element the line is written under


class _Reader:
    """Collects statements, arguments and relations from an Argdown text, then makes a draft."""

    def __init__(self, remove_tags: bool) -> None:
        self.remove_tags = remove_tags
        self.classes: dict[tuple[str, str], _Class] = {}
        self.links: list[_Link] = []
        self.warnings: list[str] = []
        self.group: str | None = None
        self.untitled = 0

    def element(self, node: _Node) -> tuple[str, str]:
        """Record an element (and the relations below it); return its (kind, title)."""
        element = _element(node, self.remove_tags, self.warnings)
        where = node.line.at(node.indent + 1)
        if element.title is None:
            self.untitled += 1
            element.title = f"\0{self.untitled}"  # an untitled statement is a class of its own
        key = (element.kind, element.title)
        known = self.classes.get(key)
        if known is None:
            known = self.classes[key] = _Class(element.kind, element.title, where)
        if element.text and known.group is None and not known.texts:
            known.group = self.group
        if element.text and element.text not in known.texts:
            known.texts.append(element.text)
        known.tags += [t for t in element.tags if t not in known.tags]
        known.data.update(element.data)
        known.links += element.links
        for symbol, child in node.children:
            other = self.element(child)
            kind, child_is_source = _SYMBOLS[symbol]
            source, target = (other, key) if child_is_source else (key, other)
            self.links.append(_Link(kind, source, target, child.line.at(child.indent + 1), key))
        return key

    def pcs(self, argument: tuple[str, str] | None, items: list[tuple[int, _Node] | _Bar], where: Location) -> None:
        """A premise–conclusion structure: each inference makes one step of its argument."""
        if argument is None:
            self.untitled += 1
            argument = ("a", f"\0{self.untitled}")
            self.classes[argument] = _Class("a", argument[1], where, group=self.group)
        steps = self.classes[argument].steps
        numbered: list[tuple[int, str]] = []  # (number, statement title) so far
        since: list[str] = []  # statements since the last inference
        bar: _Bar | None = None
        for item in items:
            if isinstance(item, _Bar):
                if bar is not None or not since:
                    raise _fail(Problem("argdown-syntax", "an inference line needs statements above it and a conclusion below it",
                                item.line.at(), hint="write '(1) premise', then '----', then '(2) conclusion'"))
                bar = item
                continue
            number, node = item
            title = self.element(node)[1]
            if bar is not None:
                rule, data = _data(bar.rule, bar.line.at(), self.warnings)
                premises = since
                if "uses" in data:
                    uses = data.pop("uses")
                    labels = dict(numbered)
                    wanted = uses if isinstance(uses, list) else [uses]
                    missing = [u for u in wanted if u not in labels]
                    if missing:
                        raise _fail(Problem("argdown-reference", f"the inference uses ({missing[0]}), which no statement above it has",
                                    bar.line.at(), hint="'uses' lists the numbers of the premises, as in {uses: [1, 2]}"))
                    premises = [labels[u] for u in wanted]
                rule_text = " ".join(_inline(rule, False)[0].split())
                if data:
                    rule_text += " " + json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
                steps.append((list(dict.fromkeys(premises)), title, rule_text.strip(), bar.line.at()))
                since, bar = [], None
            numbered.append((number, title))
            since.append(title)
        if bar is not None:
            raise _fail(Problem("argdown-syntax", "an inference line with no conclusion below it", bar.line.at(), hint="add the conclusion: '(n) …'"))
        if not steps:
            self.warnings.append(f"{where}: numbered statements with no inference line; read as statements only")

    def read(self, blocks: list[list[_Line]]) -> None:
        previous: tuple[str, str] | None = None  # the argument a PCS in the next block belongs to
        for block in blocks:
            if (heading := _HEADING.match(block[0].text)) is not None:
                text, data = _data(" ".join([heading.group(2), *(line.text for line in block[1:])]), block[0].at(), self.warnings)
                plain = _inline(text, True)[0]
                self.group = plain if data.get("isGroup", True) is not False and plain else None
                previous = None
                continue
            items = _parse_block(block)
            keys = [self.element(item) for item in items if isinstance(item, _Node)]
            pcs = [item for item in items if not isinstance(item, _Node)]
            if pcs:
                owner = keys[0] if keys and keys[0][0] == "a" else None if keys else previous
                self.pcs(owner, pcs, block[0].at())
                previous = None
            else:
                previous = keys[0] if len(keys) == 1 and keys[0][0] == "a" else None

    def draft(self, draft: Draft) -> Draft:
        """The statements, arguments and relations read, as a draft map."""
        incoming: dict[tuple[str, str], list[_Link]] = defaultdict(list)
        outgoing: dict[tuple[str, str], list[_Link]] = defaultdict(list)
        for link in self.links:
            incoming[link.target].append(link)
            outgoing[link.source].append(link)

        def is_relation(key: tuple[str, str]) -> bool:
            """An argument without a PCS whose premises point at it from below (``<+ [p]``)
            and which points at one target from below too: argmap's reason with linked
            premises, as argmap exports it."""
            ins, outs = incoming[key], outgoing[key]
            supports = [link for link in ins if link.kind == "support"]
            return (key[0] == "a" and not self.classes[key].steps and len(outs) == 1 and outs[0].kind != "contradiction"
                    and outs[0].under == key and bool(supports) and all(link.kind != "contradiction" for link in ins)
                    and all(link.source[0] == "s" and link.under == key for link in supports))

        claim_of: dict[tuple[str, str], str] = {}
        for key, cls in self.classes.items():
            if key[0] == "s" or not (cls.steps or is_relation(key)):
                claim_of[key] = self._claim(draft, cls)
        relation_of: dict[tuple[str, str], str] = {}
        made: dict[tuple[str, str], list[str]] = defaultdict(list)  # relations a claim's relation lines made
        used: set[int] = set()

        def claim(key: tuple[str, str]) -> str | None:
            if key in claim_of:
                return claim_of[key]
            steps = self.classes[key].steps
            return claim_of[("s", steps[-1][1])] if steps else None

        def relation(key: tuple[str, str]) -> str | None:
            if key in relation_of:
                return relation_of[key]
            return made[key][0] if len(made[key]) == 1 else None

        def add(kind: RelationKind, premises: list[str], target: str, where: Location, **extra: Any) -> DraftRelation | None:
            rel = draft.add_relation(kind, premises[0], target, linked=premises[1:], **extra)
            if rel is None:
                draft.warnings[-1] = f"{where}: {draft.warnings[-1]}"
            return rel

        for key, cls in self.classes.items():
            titled = not cls.title.startswith("\0")
            for index, (premises, conclusion, rule, where) in enumerate(cls.steps):
                final = index == len(cls.steps) - 1
                target = claim_of[("s", conclusion)]
                sources = [claim_of[("s", p)] for p in premises if claim_of[("s", p)] != target]
                if not sources:
                    draft.warnings.append(f"{where}: skipped an inference whose conclusion is its only premise")
                    continue
                note = _note([cls.texts[0]] if final and cls.texts else [], cls.links if final else [], {} if not final else cls.data,
                             f"Inference: {rule}" if rule else None)
                wanted = slug(cls.title) if titled else "argument"
                rel = add(RelationKind.SUPPORT, sources, target, where, wanted_id=wanted if final else f"{wanted}-step-{index + 1}",
                          tags=cls.tags if final else None, note=note)
                if rel is not None and final:
                    rel.named = titled
                    relation_of[key] = rel.id
            if is_relation(key):
                out = outgoing[key][0]
                premises = [claim_of[link.source] for link in incoming[key] if link.kind == "support"]
                used.update(id(link) for link in incoming[key] if link.kind == "support")
                used.add(id(out))
                kind = {"support": RelationKind.SUPPORT, "attack": RelationKind.REBUT, "undercut": RelationKind.UNDERCUT}[out.kind]
                target_id = relation(out.target) if kind is RelationKind.UNDERCUT else claim(out.target)
                if target_id is None or (kind is not RelationKind.UNDERCUT and out.target not in claim_of):
                    draft.warnings.append(f"{out.where}: skipped the argument <{cls.title}>: its target is not a claim argmap can point at")
                    continue
                data = dict(cls.data)
                partial = data.pop("partial", False) is True and kind is not RelationKind.SUPPORT
                rel = add(kind, premises, target_id, out.where, wanted_id=cls.title, tags=cls.tags,
                          note=_note(cls.texts[:1], cls.links, data if partial else cls.data, None))
                if rel is not None:
                    rel.named, rel.partial = True, partial
                    relation_of[key] = rel.id

        for link in sorted((link for link in self.links if id(link) not in used), key=lambda link: link.kind == "undercut"):
            self._link(draft, link, claim, relation, made, add)
        return draft

    def _claim(self, draft: Draft, cls: _Class) -> str:
        titled = not cls.title.startswith("\0")
        text = cls.texts[0] if cls.texts else cls.title
        data = dict(cls.data)
        kind = data.pop("kind", "claim")
        if kind not in ("thesis", "claim", "evidence"):
            data["kind"], kind = kind, "claim"
        by = data.pop("by", None)
        speaker = None
        if isinstance(by, str) and by.strip():
            speaker = slug(by) if not _ID_LIKE.match(by) else by
            draft.speakers.setdefault(speaker, DraftSpeaker(by))
        elif by is not None:
            data["by"] = by
        extra = [f"Also stated as: {other}" for other in cls.texts[1:]]
        if cls.kind == "a":
            extra.insert(0, f"Argdown argument <{cls.title}>, without a premise–conclusion structure.")
        if titled and not cls.texts:
            self.warnings.append(f"{cls.where}: {_shown((cls.kind, cls.title))} is never given a text; its title is its text")
        tags = cls.tags + ([f"group: {cls.group}"] if cls.group and f"group: {cls.group}" not in cls.tags else [])
        note = data.pop("note", None)
        weight = data.pop("weight", None)
        if weight is not None and not (isinstance(weight, (int, float)) and not isinstance(weight, bool) and 0 <= weight <= 1):
            data["weight"], weight = weight, None  # not a weight a map can hold: kept in the note
        conceded = data.pop("conceded", None)
        grants, own = draft.speakers.get(str(conceded)), draft.speakers.get(speaker or "")
        if conceded is not None and (grants is None or grants.side is None or (own is not None and own.side == grants.side)):
            data["conceded"], conceded = conceded, None  # not a concession by another side's speaker
        quote = None
        if isinstance(data.get("quote"), str) and data.get("quoteSource") in draft.sources:
            quote = (str(data.pop("quoteSource")), str(data.pop("quote")))
        return draft.add_claim(cls.title if titled else slug(text),
                               DraftClaim(text, kind=str(kind), by=speaker, tags=tags, quote=quote,
                                          note=_note(([str(note)] if note else []) + extra, cls.links, data, None),
                                          weight=weight, conceded=str(conceded) if conceded else None))

    def _link(self, draft: Draft, link: _Link, claim: Callable[[tuple[str, str]], str | None],
              relation: Callable[[tuple[str, str]], str | None], made: dict[tuple[str, str], list[str]],
              add: Callable[..., DraftRelation | None]) -> None:
        """One relation line as argmap relations, or a note on why it could not be one."""
        source, where = claim(link.source), link.where
        name = f"{_shown(link.source)} {link.kind}s {_shown(link.target)}"
        if source is None:
            draft.warnings.append(f"{where}: skipped {name}: the source is an argument with no conclusion")
            return
        if link.kind == "undercut":
            target = relation(link.target)
            if target is None:
                draft.warnings.append(f"{where}: skipped {name}: an undercut needs an argument with one inference to attack")
                return
            add(RelationKind.UNDERCUT, [source], target, where)
            return
        target = claim(link.target) if link.target[0] == "s" or not self.classes[link.target].steps else None
        if target is None:  # a sketched relation to a reconstructed argument, as a whole
            inference = relation(link.target)
            if link.kind == "attack" and inference is not None:
                rel = add(RelationKind.UNDERCUT, [source], inference, where,
                          note=f"Argdown: attacks the argument {_shown(link.target)} as a whole, not one premise")
                if rel is not None:
                    made[link.source].append(rel.id)
                return
            if link.kind == "support" and claim(link.target) == source:
                draft.warnings.append(f"{where}: skipped {name}: the argument's premise–conclusion structure already says so")
                return
            draft.warnings.append(f"{where}: skipped {name}: argmap relations point at claims or inferences, and this names no premise")
            return
        if source == target:  # an argument that supports its own conclusion: its PCS says so already
            draft.warnings.append(f"{where}: skipped {name}: the argument's premise–conclusion structure already says so")
            return
        if link.kind == "contradiction":
            for one, other in ((source, target), (target, source)):
                add(RelationKind.REBUT, [one], other, where, tags=["contradiction"])
            return
        kind = RelationKind.SUPPORT if link.kind == "support" else RelationKind.REBUT
        rel = add(kind, [source], target, where)
        if rel is not None:
            made[link.source].append(rel.id)


def _shown(key: tuple[str, str]) -> str:
    title = "untitled" if key[1].startswith("\0") else key[1]
    return f"[{title}]" if key[0] == "s" else f"<{title}>"


def _note(texts: list[str], links: list[str], data: dict[str, Any], rule: str | None) -> str | None:
    """A claim's or relation's note: what Argdown says of it that argmap has no field for."""
    parts = [t for t in texts if t]
    if rule:
        parts.append(rule)
    if links:
        parts.append("Links: " + " ; ".join(dict.fromkeys(links)))
    if data:
        parts.append("Argdown data: " + json.dumps(data, ensure_ascii=False, sort_keys=True, default=str))
    return "\n".join(parts) or None


def _people(found: object, draft: Draft) -> None:
    """Sides and speakers from the front matter's ``argmap:`` key, where argmap's export puts them."""
    if not isinstance(found, dict):
        return
    sides, speakers, sources = found.get("sides"), found.get("speakers"), found.get("sources")
    if isinstance(sources, dict):
        for sid, src in sources.items():
            if isinstance(src, dict):
                url, note = (str(src[k]) if src.get(k) else None for k in ("url", "note"))
                draft.sources[str(sid)] = DraftSource(str(src.get("title") or sid), url=url, note=note)
    if isinstance(sides, dict):
        draft.sides.update({str(sid): str(side.get("label") or sid) for sid, side in sides.items() if isinstance(side, dict)})
    if isinstance(speakers, dict):
        for pid, person in speakers.items():
            if isinstance(person, dict):
                role, side, note = (str(person[k]) if person.get(k) else None for k in ("role", "side", "note"))
                draft.speakers[str(pid)] = DraftSpeaker(str(person.get("name") or pid), role, side if side in draft.sides else None, note)


def read_argdown(path: Path | str) -> Draft:
    """Read an Argdown file (and the files it ``@include``s) into a draft map.

    Raises:
        InputError: an include cycle, an include outside the file's folder, a file too
            large, a reference to a premise number that does not exist; one located problem.
    """
    path = Path(path)
    warnings: list[str] = []
    root = path.resolve().parent
    lines = _expand(path.resolve(), str(path), root, (path.resolve(),), set(), [MAX_BYTES], warnings, Location(str(path)))
    front: dict[str, Any] = {}
    start = next((i for i, line in enumerate(lines) if line.text.strip()), len(lines))
    if start < len(lines) and re.fullmatch(r"\s*===+\s*", lines[start].text):
        end = next((i for i in range(start + 1, len(lines)) if re.fullmatch(r"\s*===+\s*", lines[i].text)), None)
        if end is None:
            raise _fail(Problem("argdown-syntax", "the front matter opened by '===' is never closed", lines[start].at(), hint="end it with a line '==='"))
        try:
            value = yaml.load("\n".join(line.text for line in lines[start + 1:end]), Loader=_SafeLoader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            at = lines[start + 1 + mark.line].at(mark.column + 1) if mark is not None and start + 1 + mark.line < end else lines[start].at()
            raise _fail(Problem("argdown-syntax", f"the front matter is not YAML: {getattr(err, 'problem', None) or err}", at)) from err
        front = value if isinstance(value, dict) else {}
        lines = lines[end + 1:]
    lines = _strip_comments(lines)  # after the front matter, which is YAML ("//" in a title is no comment)
    model = front.get("model") if isinstance(front.get("model"), dict) else {}
    reader = _Reader(remove_tags=bool(model.get("removeTagsFromText")))  # type: ignore[union-attr]
    reader.warnings = warnings
    reader.read(_blocks(lines))
    title = str(front.get("title") or path.stem)
    subtitle = front.get("subTitle", front.get("subtitle"))
    rest = {k: v for k, v in front.items() if k not in ("title", "subTitle", "subtitle", "argmap")
            and not (k == "model" and v == {"removeTagsFromText": True})}  # (what argmap's export writes)
    origin = [f"Imported by argmap from the Argdown file {path.name}."]
    if rest:
        origin.append("Front matter not kept in the map: " + json.dumps(rest, ensure_ascii=False, sort_keys=True, default=str))
    draft = Draft(title=" ".join(title.split()), origin=origin, summary=str(subtitle) if subtitle else None)
    _people(front.get("argmap"), draft)
    draft = reader.draft(draft)
    draft.warnings[:0] = [w for w in reader.warnings if w not in draft.warnings]
    return draft
