"""An editing session on a workspace folder: every change checked, undoable and saved safely.

:class:`Editor` is the one implementation behind the ``add``/``link``/``unlink``/``rm``/``mv``
commands and, later, the explorer's editing. It holds the text of every map of the folder
as the user will see it on disk. Each operation edits the YAML round-trip (comments,
order, quoting and layout kept), checks the result with the loader exactly as
``argmap check`` does, and refuses a change that adds errors, leaving everything as it
was. An operation names the claims it touches, so only their lines are round-tripped
(:mod:`~argmap.edit.slices`): an edit costs the same on a map of 50 claims or 5,000. Saving writes only the maps that changed, atomically, and never over a file that
changed on disk since it was read (:class:`ConflictError`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from argmap.claimlines import NotBlockClaims, claim_lines, mixes_line_ends
from argmap.errors import (
    CONTROL_CHARACTER,
    CONTROL_HINT,
    ArgmapError,
    InputError,
    Location,
    Problem,
    Severity,
    control_named,
)
from argmap.fileio import atomic_write_bytes
from argmap.load import ID_PATTERN, MAP_SUFFIXES, did_you_mean, find_maps
from argmap.model import RelationKind, Workspace, claim_key, split_key

from . import memory, ops
from .earlier import Earlier
from .history import History, State
from .roundtrip import Document
from .slices import Reach, Slice, SliceError
from .validate import Checker, display

__all__ = ["Change", "ChangeRefused", "Conflict", "ConflictError", "Editor"]

Signature = Counter[tuple[str, str, str]]
Edit = Callable[[Callable[[str], CommentedMap]], None]

RECENT_WORKSPACES = 8
"""Checked workspaces kept for undo and redo (each costs about as much memory as its maps)."""


class ChangeRefused(InputError):
    """A change was not made: ``problems`` are the errors it would have added."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """A map changed on disk since it was read: the session's text and the disk's."""

    path: Path
    mine: str
    theirs: str | None  # None: the file was deleted


class ConflictError(ArgmapError):
    """Saving would overwrite changes made on disk by someone else; nothing was written.

    Resolve with :meth:`Editor.reload` (take theirs; undo brings yours back) or
    :meth:`Editor.save` with ``force=True`` (keep mine).
    """

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        first = self.conflicts[0]
        self.path, self.mine, self.theirs = first.path, first.mine, first.theirs
        names = ", ".join(display(c.path) for c in self.conflicts)
        super().__init__(f"{names} changed on disk since it was read; reload to take the disk's version, or save with force to keep yours")


@dataclass(frozen=True, slots=True)
class Change:
    """What one operation did: a description, the files it changed, the warnings it added,
    and anything else worth telling (what a deletion took with it)."""

    description: str
    paths: tuple[Path, ...]
    warnings: tuple[Problem, ...] = ()
    details: tuple[str, ...] = ()


def _signature(problems: Sequence[Problem], severity: Severity) -> Signature:
    """Problems without their lines (an edit moves lines), to tell new problems from old."""
    return Counter((p.location.path, p.code, p.message) for p in problems if p.severity is severity)


def _added(problems: Sequence[Problem], before: Signature, severity: Severity) -> tuple[Problem, ...]:
    budget = _signature(problems, severity) - before
    out = []
    for problem in problems:
        key = (problem.location.path, problem.code, problem.message)
        if problem.severity is severity and budget[key] > 0:
            budget[key] -= 1
            out.append(problem)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Checked:
    """What a state was checked to hold: its errors and warnings, without lines."""

    errors: Signature
    warnings: Signature


class Editor:
    """An editing session on the maps of one folder.

    Every operation takes workspace keys (``"map:claim-id"``, relation keys as in
    ``Workspace.relations``), returns a :class:`Change` or raises :class:`ChangeRefused`,
    and leaves :attr:`workspace` up to date for a view to redraw. Not thread-safe: run
    one operation at a time.
    """

    def __init__(self, folder: Path | str, *, verify_quotes: bool = True, texts: Mapping[Path, str] | None = None) -> None:
        """Open the maps of ``folder`` (a map file opens its folder).

        ``texts`` gives some maps as an editor holds them, unsaved, in place of their files
        (or as new maps of the folder, for files not written yet).
        """
        path = Path(folder)
        if not path.exists():
            raise ArgmapError(f"no such file or folder: {path}")
        self.root = path if path.is_dir() else path.parent
        self.verify_quotes = verify_quotes
        self._disk: dict[Path, bytes] = {}
        self._documents: dict[Path, tuple[str, Document]] = {}  # whole parsed maps, by the text they hold
        self._checker = Checker(self.root, verify_quotes=verify_quotes)
        unsaved = {p.resolve(): text for p, text in (texts or {}).items()}
        texts = {p: unsaved.get(p.resolve(), text) for p, text in self._read_disk().items()}
        on_disk, here = {p.resolve() for p in texts}, self.root.resolve()
        texts.update((p, text) for p, text in unsaved.items() if p not in on_disk and p.parent == here and p.suffix in MAP_SUFFIXES)  # new maps
        workspace = self._checker(texts)
        self._history: History[_Checked] = History(State(texts, "open", self._summary(workspace)))
        self._workspace: Workspace | None = workspace
        self._recent: list[tuple[State[_Checked], Workspace]] = []  # checked states, for a quick undo
        self._were_lone: dict[tuple[str, str, str], Any] = {}  # (map, claim, kind) → the lone value (or None: nothing) a link made a list
        self._replaced: dict[Path, list[str]] = {}  # per map, lines as written that edits replaced: an inverse writes them again
        recalled = memory.recall(texts)  # what the last session that saved these bytes knew
        for path, kept in recalled.items():
            self._were_lone.update(((path.stem, claim, kind), value) for (claim, kind), value in kept.lone.items())
            self._replaced[path] = kept.lines
        self._earlier = Earlier.of(texts, {path: kept.earlier for path, kept in recalled.items()})  # an edit back to a text's data writes its bytes

    # -- reading and checking ------------------------------------------------------------
    def _read_disk(self) -> dict[Path, str]:
        """Read every map of the folder; remember the bytes to detect later changes."""
        self._disk = {}
        texts = {}
        for path in find_maps(self.root):
            try:
                data = path.read_bytes()
                texts[path] = data.decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # not editable; the checker reports it from the file itself
            self._disk[path] = data
        return texts

    def _remember(self, state: State[_Checked], workspace: Workspace) -> None:
        """Keep the workspaces of the last few states, so undo and redo need no re-check."""
        self._recent = [(s, w) for s, w in self._recent if s is not state][-(RECENT_WORKSPACES - 1) :]
        self._recent.append((state, workspace))

    @staticmethod
    def _summary(workspace: Workspace) -> _Checked:
        return _Checked(_signature(workspace.problems, Severity.ERROR), _signature(workspace.problems, Severity.WARNING))

    @property
    def workspace(self) -> Workspace:
        """The workspace as the maps now stand (unsaved changes included), checked."""
        if self._workspace is None:
            current = self._history.current
            self._workspace = next((w for s, w in self._recent if s is current), None) or self._checker(current.texts)
            self._remember(current, self._workspace)
        return self._workspace

    @property
    def texts(self) -> dict[Path, str]:
        """The text of every map, as it would be saved now."""
        return dict(self._history.current.texts)

    def path(self, stem: str) -> Path:
        """The file of map ``stem``."""
        for path in self._history.current.texts:
            if path.stem == stem:
                return path
        raise ChangeRefused([Problem("unknown-map", f"no map {stem!r} in {display(self.root)}", Location(display(self.root)))])

    @property
    def dirty(self) -> bool:
        """True when some map differs from its file."""
        return any(self._disk.get(p) != t.encode("utf-8") for p, t in self._history.current.texts.items())

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    # -- the change machinery ----------------------------------------------------------------
    def _refuse(self, code: str, message: str, stem: str | None = None, hint: str | None = None) -> ChangeRefused:
        where = display(self.path(stem)) if stem is not None else display(self.root)
        return ChangeRefused([Problem(code, message, Location(where), hint=hint)])

    def _text_only(self, stem: str, **values: Any) -> None:
        """Refuse a value holding a control character before it is written: the map would
        refuse it as it is read (``yaml-control``), at a line the file does not have yet."""
        for name, value in values.items():
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str) and (found := CONTROL_CHARACTER.search(text)):
                    raise self._refuse("yaml-control", f"the {name} holds control character {control_named(found.group())}", stem, f"write it without: {CONTROL_HINT}")

    def _edit(self, edit: Edit, reach: dict[str, Reach] | None, moved: Mapping[str, Sequence[str]]) -> tuple[dict[Path, str], dict[Path, Document], dict[Path, list[str]]]:
        """Run ``edit`` on slices of the maps ``reach`` names (None: on whole documents);
        return the new texts, the whole documents used and the lines each map's edit
        replaced. ``moved``: per map, the lines (as written) of a claim the edit moves into it."""
        current = self._history.current
        documents: dict[Path, Document] = {}
        slices: dict[Path, Slice] = {}

        def data(stem: str) -> CommentedMap:
            path = self.path(stem)
            if reach is not None and path not in documents:
                if path not in slices:
                    if stem not in reach:
                        raise SliceError(f"map {stem} was not named by the edit")
                    try:
                        slices[path] = Slice(current.texts[path], reach[stem], display(path), moved=moved.get(stem, ()), replaced=self._replaced.get(path, ()))
                    except SliceError:  # this map whole; the others of the edit still by slices
                        return data_whole(path)
                return slices[path].data
            return data_whole(path)

        def data_whole(path: Path) -> CommentedMap:
            if path not in documents:
                cached = self._documents.pop(path, None)
                fresh = cached is not None and cached[0] == current.texts[path]
                documents[path] = cached[1] if fresh and cached else Document(current.texts[path], display(path))
            return documents[path].data

        # documents leave the cache while edited: a refused or failed edit may leave them half-changed
        edit(data)
        texts = dict(current.texts)
        replaced = {}
        for path, piece in slices.items():
            texts[path] = piece.render()
            replaced[path] = piece.document.replaced
        hints = {self.path(stem): lines for stem, lines in moved.items()}
        for path, document in documents.items():
            texts[path] = document.render([*hints.get(path, ()), *self._replaced.get(path, ())])
            replaced[path] = document.replaced
        return texts, documents, replaced

    def _apply(
        self, description: str, edit: Edit, details: tuple[str, ...] = (), reach: dict[str, Reach] | None = None, moved: Mapping[str, Sequence[str]] | None = None
    ) -> Change:
        """Run ``edit`` on the maps' YAML data, check the result, and record it or refuse it.

        ``reach`` names the claims the edit touches, per map: only their lines are
        round-tripped. Where a map cannot be cut into claims, the whole map is.
        """
        current = self._history.current
        try:
            texts, documents, replaced = self._edit(edit, reach, moved or {})
        except SliceError:
            texts, documents, replaced = self._edit(edit, None, moved or {})
        rendered = dict(texts)
        for path in texts:
            if texts[path] != current.texts[path]:
                texts[path] = self._earlier.restore(path, texts[path])
        changed = tuple(p for p in texts if texts[p] != current.texts[p])
        if not changed:
            return Change(description + " (nothing to change)", ())
        workspace = self._checker(texts)
        errors = _added(workspace.problems, current.checked.errors, Severity.ERROR)
        if errors:
            raise ChangeRefused(errors)
        for path, document in documents.items():
            document.commit()
            if texts[path] == rendered[path]:  # (a document rendered otherwise than the text restored is of no use later)
                self._documents[path] = (texts[path], document)
        for path in changed:  # (with their ends only where the map mixes them, as a moved claim's lines)
            lines = replaced.get(path, []) if mixes_line_ends(current.texts[path]) else [line.rstrip("\r\n") for line in replaced.get(path, [])]
            self._replaced[path] = [*self._replaced.get(path, []), *lines][-memory.KEPT_LINES :]
        for path in changed:
            self._earlier.keep(path, texts[path])
        warnings = _added(workspace.problems, current.checked.warnings, Severity.WARNING)
        state = State(texts, description, self._summary(workspace))
        self._history.push(state)
        self._workspace = workspace
        self._remember(state, workspace)
        return Change(description, changed, warnings, details)

    def _claim(self, key: str) -> tuple[str, str]:
        stem, local = split_key(key)
        self.path(stem)
        if key not in self.workspace.claims:
            hint = did_you_mean(local, [split_key(k)[1] for k in self.workspace.claims if k.startswith(stem + ":")])
            raise self._refuse("unknown-claim", f"no claim {local!r} in map {stem!r}", stem, hint)
        return stem, local

    def key(self, stem: str, written: str) -> str:
        """The key of a claim as map ``stem`` writes it (``id`` or ``map:id``)."""
        written = written.strip()
        return written if ":" in written else claim_key(stem, written)

    def relation_key(self, stem: str, written: str) -> str:
        """The key of a relation as map ``stem`` writes it (an id or ``"a -> b"``)."""
        key = ops.relation_key(written, stem, self.workspace)
        if key is None or key not in self.workspace.relations:
            raise self._refuse("unknown-relation", f"no relation {written!r}", stem, "write 'reason-id -> claim-id' or a relation id")
        return key

    # -- operations ------------------------------------------------------------------------
    def add_claim(
        self,
        key: str,
        text: str,
        *,
        kind: str | None = None,
        by: str | None = None,
        supports: Sequence[str] = (),
        rebuts: Sequence[str] = (),
        undercuts: Sequence[str] = (),
        quote: tuple[str, str] | None = None,
        tags: Sequence[str] = (),
        note: str | None = None,
        weight: float | None = None,
        after: str | None = None,
    ) -> Change:
        """Add claim ``key`` (``"map:new-id"``), optionally as a support or rebuttal of claims
        (keys) or an undercut of relations (keys), with a quote ``(source-id, text)``.

        It goes at the end of the map's claims, or right after claim ``after``.
        """
        stem, local = split_key(key)
        if key in self.workspace.claims:
            raise self._refuse("duplicate-id", f"claim {local!r} already exists in map {stem!r}", stem, "choose another id")
        self._text_only(stem, text=text, note=note, quote=quote[1] if quote else None, tags=list(tags))
        fields: dict[str, Any] = {"text": text, "kind": kind, "by": by, "note": note, "weight": weight, "tags": list(tags) or None}
        if quote is not None:
            fields["quote"] = ops.quote_node(*quote)
        for name, targets in (("supports", supports), ("rebuts", rebuts)):
            if targets:
                fields[name] = [ops.ref(t, stem) for t in targets]
        if undercuts:
            fields["undercuts"] = [ops.relation_ref(self._relation(r), stem) for r in undercuts]
        place = split_key(after)[1] if after else None
        reach = {stem: Reach({place}) if place else Reach(last=True)}
        return self._apply(f"add claim {local}", lambda data: ops.add_claim(data(stem), local, fields, place), reach=reach)

    def _relation(self, key: str) -> Any:
        relation = self.workspace.relations.get(key)
        if relation is None:
            stem = split_key(key)[0]
            raise self._refuse("unknown-relation", f"no relation {split_key(key)[1]!r} in map {stem!r}", stem if stem in {p.stem for p in self.texts} else None)
        return relation

    def set_field(self, key: str, field: str, value: Any) -> Change:
        """Set a claim's ``text``, ``kind``, ``by``, ``tags``, ``note`` or ``weight`` (None removes it)."""
        stem, local = self._claim(key)
        if field not in ("text", "kind", "by", "tags", "note", "weight"):
            raise self._refuse("unknown-key", f"cannot set {field!r} of a claim", stem, "one of text, kind, by, tags, note, weight")
        if field == "tags" and value is not None:
            value = list(value) or None
        self._text_only(stem, **{field: value})
        return self._apply(f"set {field} of {local}", lambda data: ops.set_field(ops.claim_node(data(stem), local), field, value), reach={stem: Reach({local})})  # type: ignore[arg-type]

    def set_text(self, key: str, text: str) -> Change:
        """Replace a claim's text, keeping its quoting or folded/literal block."""
        return self.set_field(key, "text", text)

    def set_kind(self, key: str, kind: str | None) -> Change:
        """Make a claim a thesis, a claim or evidence (None: the default, claim)."""
        return self.set_field(key, "kind", kind)

    def set_speaker(self, key: str, speaker: str | None) -> Change:
        """Attribute a claim to a speaker of its map (None: to no one)."""
        return self.set_field(key, "by", speaker)

    def set_tags(self, key: str, tags: Sequence[str]) -> Change:
        """Replace a claim's tags."""
        return self.set_field(key, "tags", list(tags))

    def set_note(self, key: str, note: str | None) -> Change:
        """Set or remove the coach's note of a claim."""
        return self.set_field(key, "note", note)

    def set_weight(self, key: str, weight: float | None) -> Change:
        """Set or remove a claim's base weight (0 to 1)."""
        return self.set_field(key, "weight", weight)

    def set_quote(self, key: str, source: str | None, text: str | None = None) -> Change:
        """Attach a quote from source ``source`` of the claim's map (None removes the quote).

        Take ``text`` from :meth:`find_passages` and it verifies; any other text is refused
        unless it occurs in the source.
        """
        stem, local = self._claim(key)
        self._text_only(stem, quote=text)
        value = ops.quote_node(source, text or "") if source is not None else None
        return self._apply(f"set quote of {local}", lambda data: ops.set_field(ops.claim_node(data(stem), local), "quote", value), reach={stem: Reach({local})})  # type: ignore[arg-type]

    def find_passages(self, map_stem: str, source: str, query: str, limit: int = 8) -> list[ops.Passage]:
        """Passages of a source's text that match ``query``: quotes that will verify."""
        found = self.workspace.maps.get(map_stem)
        src = found.sources.get(source) if found else None
        if src is None or src.text_path is None:
            raise self._refuse("unknown-source", f"map {map_stem!r} has no source {source!r} with a text", map_stem if found else None)
        return ops.find_passages(src.text_path.read_text(encoding="utf-8-sig"), query, limit)

    def link(self, source: str, kind: RelationKind | str, target: str) -> Change:
        """Make claim ``source`` support or rebut claim ``target``, or undercut relation ``target``."""
        kind = RelationKind(kind)
        stem, local = self._claim(source)
        if kind is RelationKind.UNDERCUT:
            written = ops.relation_ref(self._relation(target), stem)
        else:
            written = ops.ref(target, stem)
        paired = []

        def edit(data: Callable[[str], CommentedMap]) -> None:
            paired.append(ops.add_relation(ops.claim_node(data(stem), local), kind, written))  # type: ignore[arg-type]

        change = self._apply(f"{local} {kind.value} {written}", edit, reach={stem: Reach({local})})
        if paired and paired[-1] is not None:
            self._were_lone[stem, local, kind.value] = paired[-1][0]
        return change

    def unlink(self, source: str, target: str) -> Change:
        """Remove the relation from claim ``source`` to ``target`` (a claim, or a relation undercut)."""
        self._claim(source)
        found = [k for k, r in self.workspace.relations.items() if r.source == source and r.target == target]
        if not found:
            stem = split_key(source)[0]
            raise self._refuse("unknown-relation", f"{split_key(source)[1]!r} has no relation to {ops.ref(target, stem)!r}", stem)
        return self.remove_relation(found[0])

    def _entry(self, relation_key: str, data: Callable[[str], CommentedMap]) -> ops.Entry:
        relation = self._relation(relation_key)
        stem, local = split_key(relation.source)
        node = ops.claim_node(data(stem), local)
        entry = ops.find_entry(node, relation, self.workspace) if node is not None else None
        if entry is None:
            raise self._refuse("unknown-relation", f"relation {relation_key!r} is not written in claim {local!r}", stem)
        return entry

    def remove_relation(self, relation_key: str) -> Change:
        """Delete a relation (refused while an undercut still targets it)."""
        reach = self._reach_sources([relation_key])
        relation = self._relation(relation_key)
        lone = (*split_key(relation.source), relation.kind.value)
        return self._apply(f"remove relation {relation_key}", lambda data: ops.remove_entry(self._entry(relation_key, data), was=(self._were_lone[lone],) if lone in self._were_lone else None), reach=reach)

    def retarget(self, relation_key: str, target: str) -> Change:
        """Point a relation at another claim (or, for an undercut, another relation)."""
        relation = self._relation(relation_key)
        stem = split_key(relation.source)[0]
        if relation.kind is RelationKind.UNDERCUT:
            written = ops.relation_ref(self._relation(target), stem)
        else:
            written = ops.ref(target, stem)
        reach = self._reach_sources([relation_key])
        return self._apply(f"point {relation_key} at {written}", lambda data: ops.set_entry_target(self._entry(relation_key, data), written), reach=reach)

    def what_rm_orphans(self, key: str) -> ops.Orphans:
        """What deleting claim ``key`` would remove or strand; ask before :meth:`remove_claim`."""
        self._claim(key)
        return ops.orphans_of(self.workspace, key)

    def remove_claim(self, key: str) -> Change:
        """Delete a claim, the relations to and from it, and undercuts of those relations;
        drop it from linked premises. :meth:`what_rm_orphans` says what that takes."""
        stem, local = self._claim(key)
        orphans = ops.orphans_of(self.workspace, key)
        relations = self.workspace.relations

        def edit(data: Callable[[str], CommentedMap]) -> None:
            doomed = [self._entry(k, data) for k in (*orphans.incoming, *orphans.undercuts) if relations[k].source != key]
            for relation_key in orphans.premises:
                ops.drop_premise(self._entry(relation_key, data), key, split_key(relation_key)[0])
            for entry in sorted(doomed, key=lambda e: -(e.index or 0)):
                ops.remove_entry(entry)
            ops.remove_claim(data(stem), local)

        reach = self._reach_sources([*orphans.incoming, *orphans.undercuts, *orphans.premises])
        reach.setdefault(stem, Reach()).around.add(local)
        return self._apply(f"remove claim {local}", edit, tuple(orphans.lines()), reach)

    def move_claim(self, key: str, to_map: str, after: str | None = None) -> Change:
        """Move a claim to another map of the workspace, rewriting references both ways.

        References to the claim (and to relations it declares) become ``to_map:id`` in
        other maps and a bare id in ``to_map``; the claim's own references are re-based.
        Its speaker and quote source must exist in ``to_map`` (else the move is refused).
        It goes last in ``to_map``, or right after claim ``after`` (a key of ``to_map``),
        so that a move back can put it where it was.
        """
        stem, local = self._claim(key)
        self.path(to_map)
        if to_map == stem:
            return Change(f"{local} is already in {to_map}", ())
        place = None
        if after is not None:
            after_stem, place = self._claim(after)
            if after_stem != to_map:
                raise self._refuse("unknown-claim", f"claim {place!r} to move {local!r} after is not in map {to_map!r}", to_map)
        new_key = claim_key(to_map, local)
        if new_key in self.workspace.claims:
            raise self._refuse("duplicate-id", f"map {to_map!r} already has a claim {local!r}", to_map, "rename one of them first")
        moved = {key: new_key}
        for relation in self.workspace.relations.values():
            if relation.source == key and relation.named:
                moved[relation.key] = claim_key(to_map, split_key(relation.key)[1])

        def rename(ref_key: str) -> str:
            return moved.get(ref_key, ref_key)

        relations = self.workspace.relations
        ends = {key, *(k for k, r in relations.items() if key in (r.source, r.target))}
        citing = [
            k for k, r in relations.items()
            if r.source != key and (r.target in moved or key in r.linked or (r.kind is RelationKind.UNDERCUT and r.target in ends))
        ]
        reach = self._reach_sources(citing)
        reach.setdefault(stem, Reach()).around.add(local)
        if place is None:
            reach.setdefault(to_map, Reach()).last = True
        else:
            reach.setdefault(to_map, Reach()).after.add(place)

        def edit(data: Callable[[str], CommentedMap]) -> None:
            node = ops.take_claim(data(stem), local)
            for other in reach:
                ops.rewrite_refs(data(other), other, other, rename)
            ops.put_claim(data(to_map), local, node, place)
            ops.rewrite_refs(data(to_map), to_map, stem, rename, only=local)

        return self._apply(f"move claim {local} to {to_map}", edit, reach=reach, moved={to_map: self._lines_of(stem, local, to_map)})

    def _lines_of(self, stem: str, local: str, to_map: str) -> list[str]:
        """Claim ``local``'s lines in map ``stem`` as written, the lines right above it that go
        with it included (none where its claims are not blocks of lines), to move to map
        ``to_map``: with their line ends where either map
        mixes line ends (so that a move back gives them back), else without (they take
        ``to_map``'s)."""
        texts = self._history.current.texts
        try:
            found = claim_lines(texts[self.path(stem)], or_parse=True)
        except NotBlockClaims:
            return []
        if local not in found.starts:
            return []
        position = found.order.index(local)
        start, end = found.span(position)
        above = found.lines[found.starts[found.order[position - 1]] + 1 : start] if position else []
        cut = len(above)  # the comment and blank lines between it and the claim above go with it (nodes.take_heading)
        while cut and (not above[cut - 1].strip() or above[cut - 1].lstrip().startswith("#")):
            cut -= 1
        lines = above[cut:] + found.lines[start:end]
        if mixes_line_ends(texts[self.path(stem)]) or mixes_line_ends(texts[self.path(to_map)]):
            return lines
        return [line.rstrip("\r\n") for line in lines]

    def rename_claim(self, key: str, new_id: str) -> Change:
        """Give a claim another id, rewriting every reference to it in every map.

        The claim keeps its place, lines and comments; references to it (``id`` in its map,
        ``map:id`` elsewhere, ends of ``"a -> b"`` undercut targets, linked premises) are
        rewritten as :meth:`move_claim` rewrites them.
        """
        stem, local = self._claim(key)
        if new_id == local:
            return Change(f"{local} is already called so", ())
        if not ID_PATTERN.match(new_id):
            raise self._refuse("bad-id", f"claim id {new_id!r} is not valid", stem, "use lower-case letters, digits and '-', starting with a letter or digit")
        new_key = claim_key(stem, new_id)
        if new_key in self.workspace.claims or new_key in self.workspace.relations:
            raise self._refuse("duplicate-id", f"map {stem!r} already has a claim or relation {new_id!r}", stem, "choose another id")

        def rename(ref_key: str) -> str:
            return new_key if ref_key == key else ref_key

        relations = self.workspace.relations
        ends = {k for k, r in relations.items() if key in (r.source, r.target)}
        citing = [
            k for k, r in relations.items()
            if r.source != key and (r.target == key or key in r.linked or (r.kind is RelationKind.UNDERCUT and r.target in ends))
        ]
        reach = self._reach_sources(citing)
        reach.setdefault(stem, Reach()).ids.add(local)

        def edit(data: Callable[[str], CommentedMap]) -> None:
            ops.rename_claim(data(stem), local, new_id)
            for other in reach:
                ops.rewrite_refs(data(other), other, other, rename)

        return self._apply(f"rename claim {local} to {new_id}", edit, reach=reach)

    def rename_local(self, section: str, stem: str, old: str, new_id: str) -> Change:
        """Give a speaker, source or side (``section``) of map ``stem`` another id, rewriting
        every reference to it; the map's lines and comments are kept."""
        what = section[:-1]
        path = self.path(stem)
        argmap = self.workspace.maps.get(stem)
        if argmap is None:
            raise self._refuse("unknown-map", f"map {stem!r} does not read", stem, f"fix the errors of {display(path)} first")
        known: Mapping[str, object] = {"speakers": argmap.speakers, "sources": argmap.sources, "sides": argmap.sides}[section]
        if old not in known:
            message, hint = f"no {what} {old!r} in map {stem!r}", did_you_mean(old, known)
            if section == "speakers":
                raise self._refuse("unknown-speaker", message, stem, hint)
            if section == "sources":
                raise self._refuse("unknown-source", message, stem, hint)
            raise self._refuse("unknown-side", message, stem, hint)
        if new_id == old:
            return Change(f"{old} is already called so", ())
        if not ID_PATTERN.match(new_id):
            raise self._refuse("bad-id", f"{what} id {new_id!r} is not valid", stem, "use lower-case letters, digits and '-', starting with a letter or digit")
        if new_id in known:
            raise self._refuse("duplicate-id", f"map {stem!r} already has a {what} {new_id!r}", stem, "choose another id")
        return self._apply(f"rename {what} {old} to {new_id}", lambda data: ops.rename_local(data(stem), section, old, new_id))

    def _reach_sources(self, relation_keys: Sequence[str]) -> dict[str, Reach]:
        """The claims that write these relations (an edit of them touches those claims)."""
        reach: dict[str, Reach] = {}
        for relation_key in relation_keys:
            stem, local = split_key(self._relation(relation_key).source)
            reach.setdefault(stem, Reach()).ids.add(local)
        return reach

    # -- history ---------------------------------------------------------------------------
    def undo(self) -> Change | None:
        """Undo the last change (saved or not); None when there is nothing to undo."""
        undone = self._history.undo()
        return self._moved(undone, f"undo {undone.description}") if undone else None

    def redo(self) -> Change | None:
        """Redo the last undone change; None when there is nothing to redo."""
        redone = self._history.redo()
        return self._moved(redone, f"redo {redone.description}") if redone else None

    def _moved(self, state: State[_Checked], description: str) -> Change:
        current = self._history.current.texts
        self._workspace = None  # checked again when asked for, or taken from the recent ones
        return Change(description, tuple(p for p in current if current[p] != state.texts.get(p)))

    # -- disk ---------------------------------------------------------------------------------
    def conflicts(self) -> tuple[Conflict, ...]:
        """Maps this session would save that changed on disk since they were read."""
        found = []
        for path, text in self._history.current.texts.items():
            if self._disk.get(path) == text.encode("utf-8"):
                continue
            try:
                now: bytes | None = path.read_bytes()
            except FileNotFoundError:
                now = None
            if now != self._disk.get(path):
                found.append(Conflict(path, text, now.decode("utf-8", errors="replace") if now is not None else None))
        return tuple(found)

    def save(self, *, force: bool = False) -> tuple[Path, ...]:
        """Write every changed map atomically; return the files written.

        Raises:
            ConflictError: a map to write changed on disk since it was read (nothing is
                written); ``force=True`` keeps this session's version.
        """
        if not force and (found := self.conflicts()):
            raise ConflictError(found)
        written = []
        for path, text in self._history.current.texts.items():
            data = text.encode("utf-8")
            if self._disk.get(path) != data:
                atomic_write_bytes(path, data)
                self._disk[path] = data
                written.append(path)
        memory.remember({
            path: (
                self._history.current.texts[path],
                memory.Kept(
                    {(c, k): v for (m, c, k), v in self._were_lone.items() if m == path.stem},
                    self._replaced.get(path, []),
                    self._earlier.others(path, self._history.current.texts[path]),
                ),
            )
            for path in written
        })
        return tuple(written)

    def reload(self) -> Change:
        """Take the maps as they are on disk now (an undo brings this session's back)."""
        texts = self._read_disk()
        self._checker.forget()  # source texts may have changed too
        workspace = self._checker(texts)
        current = self._history.current.texts
        changed = tuple(p for p in texts.keys() | current.keys() if texts.get(p) != current.get(p))
        for path in changed:  # changed outside this editor: no earlier text of it may come back
            if path in texts:
                self._earlier.start_again(path, texts[path])
        state = State(texts, "reload from disk", self._summary(workspace))
        self._history.push(state)
        self._workspace = workspace
        self._remember(state, workspace)
        return Change("reload from disk", changed)
