"""What the language server answers: diagnostics, completion, hover, navigation, rename, actions.

Each answer is a function of a checked :class:`~argmap.lsp.folder.Folder` and the cursor's
:class:`~argmap.lsp.text.Place`, returning :mod:`lsprotocol` types, so the protocol wiring in
:mod:`argmap.lsp.server` stays thin and each answer can be tested on its own. Positions
inside are 0-based lines and columns in characters; :class:`Lines` turns them into the
editor's units (UTF-16 unless the client chose otherwise).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types

from argmap.errors import Problem, Severity
from argmap.model import ArgMap, Claim, ClaimKind, RelationKind, Workspace, claim_key, split_key
from argmap.yamlread import MarkedList, MarkedMap, read_yaml_text

from .folder import Checked, Folder
from .text import Place, place_at, quote_source, value_extent

__all__ = [
    "Lines",
    "Occurrence",
    "code_actions",
    "complete",
    "definition",
    "diagnostics",
    "hint_diagnostics",
    "hover",
    "occurrences",
    "prepare_rename",
    "references",
    "rename_edits",
    "symbols",
]

SOURCE = "argmap"
COMPLETION_LIMIT = 200
"""Most completion items sent at once; the list is marked incomplete, so typing more asks again."""

_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}
_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
_KEY_END = re.compile(r":(?:[ \t]|$)")
_STRAIGHTENED = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_RELATION_KEYS = frozenset({"supports", "rebuts", "undercuts", "to", "with"})
_KINDS = {ClaimKind.THESIS: "thesis", ClaimKind.CLAIM: "claim", ClaimKind.EVIDENCE: "evidence"}


class Lines:
    """The texts of a folder's maps as the editor has them now, and positions in them in its units."""

    def __init__(
        self, folder: Folder, buffers: Mapping[Path, str] | None = None, units: Callable[[str], int] = len, uri: Callable[[Path], str] = Path.as_uri
    ) -> None:
        self.folder = folder
        self.uri = uri  # the document a map is in the editor (an untitled buffer's is not its path's)
        self.buffers = dict(buffers) if buffers is not None else (dict(folder.last.buffers) if folder.last else {})
        self.units = units  # how many code units a string is in the editor's encoding
        self._lines: dict[Path, tuple[str, list[str]]] = {}

    def text(self, path: Path) -> str | None:
        """A map's text: its buffer if the editor has it open, else its file."""
        if path in self.buffers:
            return self.buffers[path]
        try:
            return path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    def of(self, path: Path) -> list[str]:
        text = self.text(path) or ""
        cached = self._lines.get(path)
        if cached is None or cached[0] is not text:
            cached = (text, text.splitlines(keepends=True))
            self._lines[path] = cached
        return cached[1]

    def position(self, path: Path, line: int, column: int) -> types.Position:
        lines = self.of(path)
        text = lines[line] if 0 <= line < len(lines) else ""
        return types.Position(line=max(line, 0), character=column if text.isascii() else self.units(text[:column]))

    def range(self, path: Path, line: int, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(path, line, start), end=self.position(path, line, end))

    def location(self, path: Path, line: int, start: int, end: int) -> types.Location:
        return types.Location(uri=self.uri(path), range=self.range(path, line, start, end))


def _resolved(display: str) -> Path:
    return Path(display).resolve()


# -- diagnostics ------------------------------------------------------------------------------
def _problem_end(line: str, column: int) -> int:
    """Where the value a problem points at ends: a scalar, or a key up to its colon."""
    end = value_extent(line, column)
    if column < len(line) and line[column] not in "\"'":
        key = _KEY_END.search(line, column, end)
        if key is not None:
            end = key.start()
    return max(end, column + 1) if column < len(line.rstrip("\r\n")) else column


def diagnostics(checked: Checked, lines: Lines) -> dict[Path, list[types.Diagnostic]]:
    """The problems of a check as diagnostics, by file; every map of the folder has an entry."""
    out: dict[Path, list[types.Diagnostic]] = {path: [] for path in lines.folder.files()}
    for problem in checked.workspace.problems:
        path = _resolved(problem.location.path)
        out.setdefault(path, []).append(_diagnostic(problem, path, lines))
    return out


def _diagnostic(problem: Problem, path: Path, lines: Lines) -> types.Diagnostic:
    line, column = problem.location.line - 1, problem.location.column - 1
    text = lines.of(path)
    content = text[line].rstrip("\r\n") if 0 <= line < len(text) else ""
    end = _problem_end(content, column) if problem.location.line > 1 or problem.location.column > 1 or problem.code not in _WHOLE_FILE else len(content)
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return types.Diagnostic(
        range=lines.range(path, line, column, end), message=message, severity=_SEVERITY[problem.severity],
        code=problem.code, source=SOURCE, data={"hint": problem.hint} if problem.hint else None,
    )


_WHOLE_FILE = frozenset({"file-binary", "file-encoding", "file-too-large", "file-unreadable", "empty-map", "missing-key", "yaml-syntax"})


def hint_diagnostics(folder: Folder, lines: Lines) -> dict[Path, list[types.Diagnostic]]:
    """The analysis hints, as information: claims the other side dropped, claims no reason supports."""
    analysis = folder.analysis()
    out: dict[Path, list[types.Diagnostic]] = {}
    if analysis is None:
        return out
    workspace = analysis.workspace
    hints = [(key, "dropped", "another side spoke later, took up this speech, and left it unanswered") for key in analysis.dropped]
    hints += [(key, "unsupported", "no reason is given for it (and it is not evidence)") for key in analysis.unsupported]
    for key, code, why in sorted(hints):
        claim = workspace.claims.get(key)
        if claim is None:
            continue
        path = _resolved(claim.path)
        out.setdefault(path, []).append(
            types.Diagnostic(
                range=lines.range(path, claim.line - 1, claim.column - 1, claim.column - 1 + len(claim.id)),
                message=f"{code}: {claim.id}: {why}", severity=types.DiagnosticSeverity.Information, code=code, source=SOURCE,
            )
        )
    return out


# -- what the cursor is on ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Target:
    """What a word in a map names: a claim, speaker, source or side, by its workspace key."""

    kind: str  # "claim" | "speaker" | "source" | "side" | "relation"
    key: str  # claim and relation keys are "map:id"; speakers, sources and sides "map:id" too
    start: int  # the columns of the id itself (without a "map:" prefix)
    end: int


def _stem(path: Path) -> str:
    return path.stem


def target_at(place: Place, path: Path, workspace: Workspace) -> Target | None:
    """What the word under the cursor names, if anything."""
    keys, word = place.keys, place.word
    if not word or (place.in_quote and place.key == "text"):
        return None
    stem = _stem(path)
    other, sep, local = word.rpartition(":")
    offset = len(other) + 1 if sep else 0
    start, end = place.start + offset, place.end
    section = keys[0] if keys else None
    if place.is_key and len(keys) == 2 and section in ("claims", "speakers", "sources", "sides"):
        return Target(section[:-1], claim_key(stem, word), place.start, place.end)
    if section == "claims" and place.key in _RELATION_KEYS:
        key = claim_key(other, local) if sep else claim_key(stem, word)
        if key in workspace.claims:
            return Target("claim", key, start, end)
        if key in workspace.relations:
            return Target("relation", key, start, end)
        return None
    if section == "claims" and place.key in ("by", "conceded"):
        return Target("speaker", claim_key(stem, word), place.start, place.end)
    if section == "claims" and place.key == "source" and len(keys) > 2 and keys[-2] == "quote":
        return Target("source", claim_key(stem, word), place.start, place.end)
    if section == "sources" and place.key == "replies-to":
        return Target("source", claim_key(stem, word), place.start, place.end)
    if section == "speakers" and place.key == "side":
        return Target("side", claim_key(stem, word), place.start, place.end)
    return None


def _definition_of(target: Target, workspace: Workspace) -> tuple[str, int, int, int] | None:
    """Where a target is declared: file (as shown), 0-based line, and the columns of its id."""
    stem, local = split_key(target.key)
    if target.kind == "claim":
        claim = workspace.claims.get(target.key)
        return (claim.path, claim.line - 1, claim.column - 1, claim.column - 1 + len(local)) if claim else None
    if target.kind == "relation":
        relation = workspace.relations.get(target.key)
        return (relation.path, relation.line - 1, relation.column - 1, relation.column - 1) if relation else None
    argmap = workspace.maps.get(stem)
    if argmap is None:
        return None
    section: Any = {"speaker": argmap.speakers, "source": argmap.sources, "side": argmap.sides}[target.kind]
    found = section.get(local)
    if found is None:
        return None
    at = found.location
    return at.path, at.line - 1, at.column - 1, at.column - 1 + len(local)


def _place(lines: Lines, path: Path, line: int, column: int) -> Place:
    return place_at(lines.of(path), line, column)


def definition(folder: Folder, lines: Lines, path: Path, line: int, column: int) -> types.Location | None:
    """Where the claim, speaker, source or side under the cursor is declared."""
    if folder.last is None:
        return None
    target = target_at(_place(lines, path, line, column), path, folder.last.workspace)
    found = _definition_of(target, folder.last.workspace) if target else None
    if found is None:
        return None
    file, at_line, start, end = found
    return lines.location(_resolved(file), at_line, start, end)


# -- occurrences: every place an id is written -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a map writes an id: its declaration or a reference, at 0-based line and columns."""

    kind: str  # "claim" | "speaker" | "source" | "side"
    key: str
    line: int
    start: int
    end: int
    declaration: bool = False


_occurrence_memo: dict[Path, tuple[str, list[Occurrence]]] = {}


def occurrences(path: Path, text: str) -> list[Occurrence]:
    """Every id a map declares or refers to, read from its marked YAML (nothing if it does not parse)."""
    memo = _occurrence_memo.get(path)
    if memo is not None and memo[0] is text:
        return memo[1]
    root, _ = read_yaml_text(text, str(path))
    found = list(_walk(root, path.stem, text.splitlines())) if isinstance(root, MarkedMap) else []
    _occurrence_memo[path] = (text, found)
    return found


def _written(lines: list[str], mark: Any, value: str) -> tuple[int, int]:
    """The columns of scalar ``value`` written at ``mark`` (after its quote, if quoted)."""
    line = lines[mark.line] if mark.line < len(lines) else ""
    start = mark.column + (1 if line[mark.column : mark.column + 1] in ("'", '"') else 0)
    return start, start + len(value)


def _walk(root: MarkedMap, stem: str, lines: list[str]) -> Iterator[Occurrence]:
    def refs(kind: str, value: Any, mark: Any, claims: bool = False) -> Iterator[Occurrence]:
        items = list(zip(value, value.marks)) if isinstance(value, MarkedList) else [(value, mark)]
        for item, at in items:
            if not isinstance(item, str):
                continue
            start, _ = _written(lines, at, item)
            parts = item.split("->") if claims and "->" in item else [item]
            offset = 0
            for part in parts:
                written = part.strip()
                column = start + offset + (len(part) - len(part.lstrip()))
                offset += len(part) + 2
                other, sep, local = written.rpartition(":")
                key = claim_key(other, local) if sep and claims else claim_key(stem, written)
                prefix = len(other) + 1 if sep and claims else 0
                yield Occurrence(kind, key, at.line, column + prefix, column + len(written))

    for section, kind in (("claims", "claim"), ("speakers", "speaker"), ("sources", "source"), ("sides", "side")):
        node = root.get(section)
        if not isinstance(node, MarkedMap):
            continue
        for name, value in node.items():
            mark = node.key_marks[name]
            yield Occurrence(kind, claim_key(stem, name), mark.line, mark.column, mark.column + len(name), True)
            if not isinstance(value, MarkedMap):
                continue
            marks = value.value_marks
            if kind == "claim":
                for field in ("by", "conceded"):
                    if field in value:
                        yield from refs("speaker", value[field], marks[field])
                quote = value.get("quote")
                if isinstance(quote, MarkedMap) and "source" in quote:
                    yield from refs("source", quote["source"], quote.value_marks["source"])
                for relation in RelationKind:
                    listed = value.get(relation.value)
                    items = list(zip(listed, listed.marks)) if isinstance(listed, MarkedList) else [(listed, marks.get(relation.value))]
                    for item, at in items:
                        if isinstance(item, MarkedMap):
                            if "to" in item:
                                yield from refs("claim", item["to"], item.value_marks["to"], claims=True)
                            if "with" in item:
                                yield from refs("claim", item["with"], item.value_marks["with"], claims=True)
                        elif isinstance(item, str):
                            yield from refs("claim", item, at, claims=True)
            elif kind == "speaker" and "side" in value:
                yield from refs("side", value["side"], marks["side"])
            elif kind == "source" and "replies-to" in value:
                yield from refs("source", value["replies-to"], marks["replies-to"])


def _all_occurrences(lines: Lines, target: Target) -> Iterator[tuple[Path, Occurrence]]:
    """Where ``target`` is written: claims anywhere in the folder, the rest in their own map."""
    stem = split_key(target.key)[0]
    for path in lines.folder.files():
        if target.kind != "claim" and path.stem != stem:
            continue
        text = lines.text(path)
        if text is None:
            continue
        for found in occurrences(path, text):
            if found.kind == target.kind and found.key == target.key:
                yield path, found


def references(folder: Folder, lines: Lines, path: Path, line: int, column: int, include_declaration: bool) -> list[types.Location]:
    """Every place the id under the cursor is written, across the folder's maps."""
    if folder.last is None:
        return []
    target = target_at(_place(lines, path, line, column), path, folder.last.workspace)
    if target is None or target.kind == "relation":
        return []
    return [
        lines.location(file, found.line, found.start, found.end)
        for file, found in _all_occurrences(lines, target)
        if include_declaration or not found.declaration
    ]


# -- rename --------------------------------------------------------------------------------------------
def _renamable(folder: Folder, lines: Lines, path: Path, line: int, column: int) -> Target | None:
    """The declared claim, speaker, source or side under the cursor (a relation's id is not renamed)."""
    if folder.last is None:
        return None
    workspace = folder.last.workspace
    target = target_at(_place(lines, path, line, column), path, workspace)
    if target is None or target.kind == "relation" or _definition_of(target, workspace) is None:
        return None
    return target


def prepare_rename(folder: Folder, lines: Lines, path: Path, line: int, column: int) -> types.PrepareRenamePlaceholder | None:
    """The id under the cursor, if rename can change it: a claim's, speaker's, source's or side's."""
    target = _renamable(folder, lines, path, line, column)
    if target is None:
        return None
    return types.PrepareRenamePlaceholder(range=lines.range(path, line, target.start, target.end), placeholder=split_key(target.key)[1])


def rename_edits(folder: Folder, lines: Lines, path: Path, line: int, column: int, new_id: str) -> types.WorkspaceEdit | None:
    """Rename the claim, speaker, source or side under the cursor everywhere, as the edit layer
    does (``argmap mv``'s rewrite: comments kept); a claim across maps, the rest in their own map.

    Raises:
        argmap.edit.ChangeRefused: the new id is taken or invalid, or the rename would add errors.
    """
    from argmap.edit import Editor

    target = _renamable(folder, lines, path, line, column)
    if target is None:
        return None
    editor = Editor(folder.root, verify_quotes=False, texts=lines.buffers)
    before = {p.resolve(): text for p, text in editor.texts.items()}
    if target.kind == "claim":
        change = editor.rename_claim(target.key, new_id)
    else:
        change = editor.rename_local(target.kind + "s", *split_key(target.key), new_id)
    after = {p.resolve(): text for p, text in editor.texts.items()}
    changes = {}
    for file in change.paths:
        resolved = file.resolve()
        changes[lines.uri(resolved)] = _text_edits(before[resolved], after[resolved], lines, resolved)
    return types.WorkspaceEdit(changes=changes)


def _text_edits(old: str, new: str, lines: Lines, path: Path) -> list[types.TextEdit]:
    """The edits that turn ``old`` into ``new``, line by line (the rest of the buffer untouched)."""
    import difflib

    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            edits.append(types.TextEdit(range=types.Range(start=types.Position(line=i1, character=0), end=types.Position(line=i2, character=0)), new_text="".join(b[j1:j2])))
    return edits


# -- hover ------------------------------------------------------------------------------------------
_STATUS = {"in": "stands", "out": "falls", "undec": "open"}


def hover(folder: Folder, lines: Lines, path: Path, line: int, column: int) -> types.Hover | None:
    """What the id under the cursor is: a claim's text, speaker, status and strength; a
    speaker, source or side; or, on a quote, the passage of the source around it."""
    if folder.last is None:
        return None
    workspace = folder.last.workspace
    place = _place(lines, path, line, column)
    if place.key == "text" and len(place.keys) > 2 and place.keys[-2] == "quote":
        return _quote_hover(folder, path, place)
    target = target_at(place, path, workspace)
    if target is None:
        return None
    value = _describe(folder, workspace, target)
    if value is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value), range=lines.range(path, line, target.start, target.end))


def _describe(folder: Folder, workspace: Workspace, target: Target) -> str | None:
    stem, local = split_key(target.key)
    if target.kind == "claim":
        claim = workspace.claims.get(target.key)
        return _describe_claim(folder, workspace, claim) if claim else None
    argmap = workspace.maps.get(stem)
    if argmap is None:
        return None
    if target.kind == "speaker" and (speaker := argmap.speakers.get(local)):
        side = argmap.sides.get(speaker.side) if speaker.side else None
        return "\n\n".join(x for x in (f"**{speaker.name}** (speaker `{local}`)", speaker.role or "", f"side: {side.label}" if side else "no side", speaker.note or "") if x)
    if target.kind == "source" and (source := argmap.sources.get(local)):
        bits = [f"**{source.title}** (source `{local}`, speech {source.order + 1})"]
        bits += [x for x in (source.author, source.publisher, source.date, source.url) if x]
        if source.text_path is not None:
            bits.append(f"text: `{source.text_path.name}`")
        return "\n\n".join(bits)
    if target.kind == "side" and (side := argmap.sides.get(local)):
        return f"**{side.label}** (side `{local}`)" + (f"\n\nburden: {side.burden}" if side.burden else "")
    return None


def _describe_claim(folder: Folder, workspace: Workspace, claim: Claim) -> str:
    speaker = workspace.speaker(claim)
    side = workspace.side(claim)
    side_label = workspace.maps[claim.map].sides[side].label if side and side in workspace.maps[claim.map].sides else None
    head = f"**{claim.id}** ({_KINDS[claim.kind]}, in {claim.map})"
    by = f"by {speaker.name}" + (f" ({side_label})" if side_label else "") if speaker else "no speaker"
    parts = [head, claim.text, by]
    analysis = folder.analysis()
    if analysis is not None and claim.key in analysis.status:
        status = analysis.status[claim.key]
        reason = analysis.reason(claim.key)
        strength = analysis.strength.get(claim.key)
        parts.append(f"status: **{_STATUS.get(status.value, status.value)}** — {reason}")
        if strength is not None:
            parts.append(f"strength: {strength:.2f}")
    return "\n\n".join(parts)


def _source_text(argmap: ArgMap | None, source_id: str | None) -> tuple[str, str] | None:
    """A source's name and text, if the map has it and it reads."""
    source = argmap.sources.get(source_id) if argmap is not None and source_id else None
    if source is None or source.text_path is None:
        return None
    try:
        return source.text_path.name, source.text_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _quote_hover(folder: Folder, path: Path, place: Place) -> types.Hover | None:
    from argmap.quotes import normalize

    argmap = folder.good.get(path)
    claim = argmap.claims.get(place.claim) if argmap and place.claim else None
    if claim is None or claim.quote is None:
        return None
    found = _source_text(argmap, claim.quote.source)
    if found is None:
        return None
    name, raw = found
    text, wanted = normalize(raw), normalize(claim.quote.text)
    at = text.find(wanted)
    if at < 0:
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=f"not found in `{name}`"))
    before = text[max(0, at - 300) : at]
    after = text[at + len(wanted) : at + len(wanted) + 300]
    before = before[before.find(" ") + 1 :] if at > 300 else before
    after = after[: after.rfind(" ")] if len(after) == 300 else after
    value = f"`{name}`:\n\n…{before}**{wanted}**{after}…"
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value))


# -- completion -----------------------------------------------------------------------------------------
def complete(folder: Folder, lines: Lines, path: Path, line: int, column: int) -> types.CompletionList:
    """What can be written at the cursor: ids where a reference goes, kinds, and quotes."""
    place = _place(lines, path, line, column)
    argmap = folder.good.get(path)
    workspace = folder.last.workspace if folder.last else None
    items: list[types.CompletionItem] = []
    typed = lines.of(path)[line][place.start : column] if line < len(lines.of(path)) else ""
    section = place.keys[0] if place.keys else None
    if place.in_quote and place.key == "text" and len(place.keys) > 2 and place.keys[-2] == "quote":
        return _quote_completion(lines, path, line, column, place, argmap)
    if place.is_key or argmap is None:
        return types.CompletionList(is_incomplete=False, items=[])
    edit_range = lines.range(path, line, place.start, place.end)
    if section == "claims" and place.key in _RELATION_KEYS and workspace is not None:
        items = _claim_items(workspace, argmap, typed, edit_range)
    elif section == "claims" and place.key in ("by", "conceded"):
        items = [_item(sid, types.CompletionItemKind.Value, s.name, s.role or "", edit_range) for sid, s in argmap.speakers.items() if sid.startswith(typed)]
    elif (section == "claims" and place.key == "source") or (section == "sources" and place.key == "replies-to"):
        items = [_item(sid, types.CompletionItemKind.File, s.title, s.date or "", edit_range) for sid, s in argmap.sources.items() if sid.startswith(typed)]
    elif section == "speakers" and place.key == "side":
        items = [_item(sid, types.CompletionItemKind.EnumMember, s.label, "", edit_range) for sid, s in argmap.sides.items() if sid.startswith(typed)]
    elif section == "claims" and place.key == "kind":
        items = [_item(kind.value, types.CompletionItemKind.EnumMember, kind.__doc__ or "", "", edit_range) for kind in ClaimKind if kind.value.startswith(typed)]
    incomplete = len(items) > COMPLETION_LIMIT
    return types.CompletionList(is_incomplete=incomplete, items=items[:COMPLETION_LIMIT])


def _item(label: str, kind: types.CompletionItemKind, detail: str, documentation: str, edit_range: types.Range) -> types.CompletionItem:
    return types.CompletionItem(
        label=label, kind=kind, detail=detail, documentation=documentation or None,
        text_edit=types.TextEdit(range=edit_range, new_text=label),
    )


def _claim_items(workspace: Workspace, argmap: ArgMap, typed: str, edit_range: types.Range) -> list[types.CompletionItem]:
    """Claim ids: this map's bare, then other maps' as ``map:id``, those that start as typed first."""
    stem = argmap.stem
    other, sep, local = typed.rpartition(":")
    ranked: list[tuple[int, str, Claim]] = []
    for key, claim in workspace.claims.items():
        home = claim.map == stem
        written = claim.id if home else key
        if sep and claim.map != other:
            continue
        needle = local if sep else typed
        name = claim.id
        if name.startswith(needle) or written.startswith(typed):
            rank = 0 if home else 1
        elif needle and needle in name:
            rank = 2 if home else 3
        else:
            continue
        ranked.append((rank, written, claim))
        if len(ranked) > 4 * COMPLETION_LIMIT and not typed:
            break
    ranked.sort(key=lambda item: item[:2])
    items = []
    for position, (_, written, claim) in enumerate(ranked[: COMPLETION_LIMIT + 1]):
        item = _item(written, types.CompletionItemKind.Reference, _shorten(claim.text, 80), claim.text, edit_range)
        item.sort_text = f"{position:05d}"
        item.filter_text = written
        items.append(item)
    return items


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _quote_completion(lines: Lines, path: Path, line: int, column: int, place: Place, argmap: ArgMap | None) -> types.CompletionList:
    """Passages of the cited source that match what is typed in ``quote.text``: quotes that verify."""
    from argmap.edit import find_passages

    all_lines = lines.of(path)
    source = quote_source(all_lines, line)
    found = _source_text(argmap, source)
    text = all_lines[line].rstrip("\r\n")
    typed = text[place.value_start : column]
    if found is None or len(typed.strip()) < 3:
        return types.CompletionList(is_incomplete=True, items=[])
    name, raw = found
    end = value_extent(text, place.value_start - 1)
    edit_range = lines.range(path, line, place.value_start - 1, max(end, column))
    items = []
    for number, passage in enumerate(find_passages(raw, typed, limit=8)):
        written = _yaml_quoted(passage.text, place.in_quote)
        items.append(
            types.CompletionItem(
                label=_shorten(passage.text, 70), kind=types.CompletionItemKind.Text, detail=f"{name} ({passage.score:.0f}%)",
                documentation=passage.text, sort_text=f"{number:03d}", filter_text=place.in_quote + typed,
                text_edit=types.TextEdit(range=edit_range, new_text=written),
            )
        )
    return types.CompletionList(is_incomplete=True, items=items)


def _yaml_quoted(text: str, quote: str) -> str:
    """``text`` as a YAML scalar in the quotes the user opened (JSON's string is valid YAML in double quotes)."""
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


# -- document symbols -------------------------------------------------------------------------------------
def symbols(folder: Folder, lines: Lines, path: Path) -> list[types.DocumentSymbol]:
    """The map's outline: theses first, each claim under the claim of its map it first answers or supports."""
    from argmap.claimlines import NotBlockClaims, claim_lines

    argmap = folder.good.get(path)
    if argmap is None:
        return []
    text = lines.text(path) or ""
    try:
        spans = claim_lines(text)
        ends = {cid: spans.span(n)[1] for n, cid in enumerate(spans.order)}
    except NotBlockClaims:
        ends = {}
    parent: dict[str, str] = {}
    for relation in argmap.relations.values():
        if relation.kind is not RelationKind.UNDERCUT and split_key(relation.target)[0] == argmap.stem:
            parent.setdefault(relation.source, relation.target)
    children: dict[str | None, list[Claim]] = {}
    keys = {claim.key for claim in argmap.claims.values()}
    for claim in argmap.claims.values():
        up = parent.get(claim.key)
        children.setdefault(up if up in keys and claim.kind is not ClaimKind.THESIS else None, []).append(claim)

    seen: set[str] = set()

    def build(claim: Claim) -> types.DocumentSymbol:
        seen.add(claim.key)
        line = claim.line - 1
        end_line = max(ends.get(claim.id, claim.line) - 1, line)
        kids = [build(c) for c in children.get(claim.key, []) if c.key not in seen]
        return types.DocumentSymbol(
            name=claim.id, detail=_shorten(claim.text, 60),
            kind=types.SymbolKind.Class if claim.kind is ClaimKind.THESIS else types.SymbolKind.Constant if claim.kind is ClaimKind.EVIDENCE else types.SymbolKind.Field,
            range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=end_line, character=0)),
            selection_range=lines.range(path, line, claim.column - 1, claim.column - 1 + len(claim.id)),
            children=kids,
        )

    roots = sorted(children.get(None, []), key=lambda c: (c.kind is not ClaimKind.THESIS, c.line))
    out = [build(c) for c in roots if c.key not in seen]
    out += [build(c) for c in argmap.claims.values() if c.key not in seen]  # claims in a circle of their own
    return out


# -- code actions -------------------------------------------------------------------------------------------
def code_actions(folder: Folder, lines: Lines, path: Path, diagnostics_: list[types.Diagnostic]) -> list[types.CodeAction]:
    """Quick fixes: take a did-you-mean suggestion; write a quote with the source's curly quotes."""
    actions = []
    uri = lines.uri(path)
    for diagnostic in diagnostics_:
        if diagnostic.source != SOURCE:
            continue
        hint = (diagnostic.data or {}).get("hint") if isinstance(diagnostic.data, dict) else None
        suggestion = _DID_YOU_MEAN.search(hint or diagnostic.message)
        if suggestion is not None:
            edit = _suggestion_edit(lines, path, diagnostic, suggestion.group(1))
            if edit is not None:
                written, replacement = edit
                actions.append(_fix(f"Replace '{written}' with '{replacement}'", uri, diagnostic, replacement))
        if diagnostic.code == "quote-not-found":
            fixed = _curly_fix(folder, lines, path, diagnostic)
            if fixed is not None:
                actions.append(_fix("Use the source's curly quotes", uri, diagnostic, fixed))
    return actions


def _fix(title: str, uri: str, diagnostic: types.Diagnostic, new_text: str) -> types.CodeAction:
    return types.CodeAction(
        title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=True,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=diagnostic.range, new_text=new_text)]}),
    )


def _range_text(lines: Lines, path: Path, span: types.Range) -> str:
    all_lines = lines.of(path)
    if span.start.line != span.end.line or span.start.line >= len(all_lines):
        return ""
    line = all_lines[span.start.line]
    if not line.isascii():
        return ""  # columns in the editor's units: only plain text is cut by them here
    return line[span.start.character : span.end.character]


def _suggestion_edit(lines: Lines, path: Path, diagnostic: types.Diagnostic, suggestion: str) -> tuple[str, str] | None:
    """What the diagnostic's range holds and what the suggestion makes of it (a ``map:`` prefix kept)."""
    written = _range_text(lines, path, diagnostic.range)
    bare = written.strip("\"'")
    if not bare:
        return None
    other, sep, local = bare.rpartition(":")
    if diagnostic.code == "unknown-map" and sep:
        return bare, f"{suggestion}:{local}"
    if diagnostic.code in ("unknown-claim", "unknown-relation") and sep and ":" not in suggestion:
        return bare, f"{other}:{suggestion}"
    return bare, suggestion


def _curly_fix(folder: Folder, lines: Lines, path: Path, diagnostic: types.Diagnostic) -> str | None:
    """The quote as the source writes it, when it differs from the source only in straight vs curly quotes."""
    from argmap.quotes import closest_passage, normalize

    if "U+2019" not in diagnostic.message and "U+2018" not in diagnostic.message and "U+201C" not in diagnostic.message and "U+201D" not in diagnostic.message:
        return None
    written = _range_text(lines, path, diagnostic.range)
    if len(written) < 2 or written[0] not in "\"'" or written[-1] != written[0]:
        return None
    argmap = folder.good.get(path)
    claim = next((c for c in argmap.claims.values() if c.quote and c.quote.line - 1 == diagnostic.range.start.line), None) if argmap else None
    found = _source_text(argmap, claim.quote.source) if claim and claim.quote else None
    if claim is None or claim.quote is None or found is None:
        return None
    wanted = normalize(claim.quote.text)
    passage, _ = closest_passage(wanted, normalize(found[1]))
    if passage == wanted or passage.translate(_STRAIGHTENED) != wanted.translate(_STRAIGHTENED):
        return None
    return _yaml_quoted(passage, written[0])
