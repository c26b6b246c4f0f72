"""Editing in the explorer: every change through :class:`argmap.edit.Editor`, then redrawn.

The explorer never writes YAML itself. Each action opens a dialog, hands what the coach
chose to one :class:`~argmap.edit.Editor` operation (which checks the result as
``argmap check`` does and refuses a change that adds errors), and redraws from the editor's
workspace, so status and strength are those of the map as it now stands. The editor keeps
the history (undo and redo across saves) and refuses to save over a file changed on disk;
this module turns that into dialogs: a conflict asks "reload or keep mine", quitting with
unsaved changes asks first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.style import Style
from rich.text import Text

from argmap.errors import ArgmapError, one_line
from argmap.model import RelationKind, split_key
from argmap.tui.labels import Palette
from argmap.tui.screens.choice import ChoiceScreen
from argmap.tui.screens.claim_form import ClaimFields, ClaimForm
from argmap.tui.screens.claim_picker import ClaimPicker
from argmap.tui.screens.quote_picker import QuotePicker
from argmap.tui.view import MapView, restrict

if TYPE_CHECKING:
    from textual.app import App

    from argmap.edit import Change, Editor
    from argmap.tui.app import ArgmapApp

__all__ = ["DIRTY_MARK", "Editing", "slug"]

DIRTY_MARK = "●"
"""Shown after the title while some change is not saved."""


def slug(text: str, taken: set[str]) -> str:
    """A claim id made from the first words of ``text``, not one of ``taken``."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:5]
    base = "-".join(words) or "claim"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _refusal(err: ArgmapError) -> str:
    problems = getattr(err, "problems", ())
    if problems:
        return "Refused: " + "; ".join(one_line(p.message + (f" ({p.hint})" if p.hint else "")) for p in problems[:3])
    return str(err)


def _setter(key: str, field: str, value: object) -> Callable[[Editor], Change]:
    def set_field(editor: Editor) -> Change:
        return editor.set_field(key, field, value)

    return set_field


class Editing:
    """The app's editing session: made on the first change, kept for undo and redo."""

    def __init__(self, app: ArgmapApp) -> None:
        self.app = app
        self._editor: Editor | None = None
        self._stems: set[str] = set()
        self._primary: tuple[str, ...] = ()

    # -- the editor and the view -----------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._editor is not None and self._editor.dirty

    @property
    def active(self) -> bool:
        return self._editor is not None

    def editor(self) -> Editor:
        """The editor on the folder of the maps shown, opened on first use."""
        if self._editor is None:
            paths = self.app.paths
            folders = {p if p.is_dir() else p.parent for p in paths}
            if len(folders) != 1:
                raise ArgmapError("editing needs the maps of one folder: open 'argmap explore FOLDER'")
            assert self.app.view is not None
            self._stems = set(self.app.view.workspace.maps)
            self._primary = self.app.view.workspace.primary
            from argmap.edit import Editor  # on the first edit: the editing library is not for the first screen

            self._editor = Editor(folders.pop())
        return self._editor

    def refresh(self, focus: str | None = None) -> None:
        """Redraw from the editor's workspace (status and strength computed again)."""
        editor = self.editor()
        view = MapView.of(restrict(editor.workspace, self._stems, self._primary), links=self.app.links)
        self.app.show_view(view, keep=focus or self.app.main.focused_key)
        self.app.title = f"{self.app.TITLE} {DIRTY_MARK} unsaved" if editor.dirty else self.app.TITLE

    def apply(self, operation: Callable[[Editor], Change], focus: str | None = None) -> str | None:
        """Run one editor operation and redraw; return why it was refused, or None."""
        try:
            change = operation(self.editor())
        except ArgmapError as err:
            message = _refusal(err)
            self.app.notify(message, title="Not changed", severity="error", timeout=8)
            return message
        self.refresh(focus)
        extra = "".join(f"\n{w.message}" for w in change.warnings)
        self.app.notify(change.description + extra, severity="warning" if change.warnings else "information", timeout=4)
        return None

    @property
    def view(self) -> MapView:
        assert self.app.view is not None
        return self.app.view

    def palette(self) -> Palette:
        return Palette.of(cast("App[object]", self.app))

    # -- adding and editing claims ---------------------------------------------------------
    def add(self, focused: str, *, text: str = "", relation: str = "support", side: str | None = None, note: str | None = None) -> None:
        """Ask for a new claim to add as a reason, objection or undercut near ``focused``.

        A drill fills the form in: a student's ``text`` as an answer (``relation``
        "rebut") by the first speaker of ``side``, with a ``note`` for the coach.
        """
        view = self.view
        stem, local = split_key(focused)
        relations = [(f"a reason for (supports) {local}", "support"), (f"an objection to (rebuts) {local}", "rebut")]
        for link in [*view.links_in(focused), *view.links_out(focused)]:
            rel = link.relation
            if rel.kind is not RelationKind.UNDERCUT and not link.linked:
                label = f"undercuts the inference {split_key(rel.source)[1]} → {split_key(rel.target)[1]}"
                if (label, f"undercut:{rel.key}") not in relations:
                    relations.append((label, f"undercut:{rel.key}"))
        relations.append(("a claim on its own (no relation)", "none"))
        speakers = [(f"{s.name} ({s.side or 'no side'})", sid) for sid, s in view.workspace.maps[stem].speakers.items()]
        taken = {split_key(k)[1] for k in view.workspace.claims if k.startswith(stem + ":")}

        def submit(fields: ClaimFields) -> str | None:
            new = f"{stem}:{fields.id or slug(fields.text, taken)}"
            how = fields.relation or "none"
            return self.apply(
                lambda e: e.add_claim(
                    new, fields.text, kind=None if fields.kind == "claim" else fields.kind, by=fields.by,
                    supports=[focused] if how == "support" else (), rebuts=[focused] if how == "rebut" else (),
                    undercuts=[how.removeprefix("undercut:")] if how.startswith("undercut:") else (),
                    tags=fields.tags, note=fields.note, weight=fields.weight,
                ),
                focus=new,
            )

        by = next((sid for sid, s in view.workspace.maps[stem].speakers.items() if side is not None and s.side == side), None)
        initial = ClaimFields(text, by, "claim", (), note, None, relation=relation)
        self.app.push_screen(ClaimForm(f"Add a claim to {stem}", initial, speakers, submit, relations))

    def edit(self, focused: str) -> None:
        """Edit the text, speaker, kind, tags, note and weight of ``focused``."""
        claim = self.view.claim(focused)
        stem = claim.map
        speakers = [(f"{s.name} ({s.side or 'no side'})", sid) for sid, s in self.view.workspace.maps[stem].speakers.items()]
        initial = ClaimFields(" ".join(claim.text.split()), claim.by, claim.kind.value, tuple(claim.tags), claim.note, claim.weight)

        def submit(fields: ClaimFields) -> str | None:
            changes: list[tuple[str, object]] = []
            if fields.text != initial.text:
                changes.append(("text", fields.text))
            if fields.by != initial.by:
                changes.append(("by", fields.by))
            if fields.kind != initial.kind:
                changes.append(("kind", None if fields.kind == "claim" else fields.kind))
            if fields.tags != initial.tags:
                changes.append(("tags", list(fields.tags) or None))
            if fields.note != (" ".join(initial.note.split()) if initial.note else None) and fields.note != initial.note:
                changes.append(("note", fields.note))
            if fields.weight != initial.weight:
                changes.append(("weight", fields.weight))
            for name, value in changes:
                error = self.apply(_setter(focused, name, value), focus=focused)
                if error is not None:
                    return error
            return None

        self.app.push_screen(ClaimForm(f"Edit {focused}", initial, speakers, submit))

    def quote(self, focused: str) -> None:
        """Attach a quote to ``focused`` from a passage of one of its map's source texts."""
        claim = self.view.claim(focused)
        sources = [(s.title, sid) for sid, s in self.view.workspace.maps[claim.map].sources.items() if s.text_path is not None]
        if not sources:
            self.app.notify("This map has no source with a text to quote from (add 'text:' to a source).", severity="warning")
            return
        editor = self.editor()

        def search(source: str, query: str) -> list[str]:
            return [p.text for p in editor.find_passages(claim.map, source, query)]

        def attach(source: str, passage: str) -> str | None:
            return self.apply(lambda e: e.set_quote(focused, source, passage), focus=focused)

        query = " ".join(claim.quote.text.split()) if claim.quote else " ".join(claim.text.split()[:6])
        self.app.push_screen(QuotePicker(sources, query, search, attach))

    # -- deleting, re-linking, moving ------------------------------------------------------
    def delete(self, focused: str) -> None:
        """Show what deleting ``focused`` takes with it, then delete it if confirmed."""
        try:
            orphans = self.editor().what_rm_orphans(focused)
        except ArgmapError as err:
            self.app.notify(_refusal(err), severity="error")
            return
        body = Text()
        body.append(" ".join(self.view.claim(focused).text.split()) + "\n\n", Style(bold=True))
        lines = orphans.lines()
        body.append("This also:\n" if lines else "Nothing else changes: no relation touches it.\n")
        for line in lines:
            body.append(f"  • {line}\n", Style(color=self.palette().colours.get("status-out")) if "no relation" in line else Style())
        body.append("\nUndo (ctrl+z) brings it all back.", Style(italic=True))
        parents = self.view.parents(focused)

        def answered(result: str | None) -> None:
            if result == "delete":
                self.apply(lambda e: e.remove_claim(focused), focus=parents[0] if parents else None)

        self.app.push_screen(ChoiceScreen(f"Delete {focused}?", body, [("d", "Delete", "delete"), ("escape", "Keep it", "keep")]), answered)

    def remove_relation(self, relation: str) -> None:
        self.apply(lambda e: e.remove_relation(relation))

    def retarget(self, relation: str) -> None:
        """Point a relation at another claim (an undercut: at another inference of that claim)."""
        rel = self.view.workspace.relations[relation]

        def chosen(target: str | None) -> None:
            if target is None:
                return
            if rel.kind is RelationKind.UNDERCUT:
                inferences = [r.key for r in self.view.workspace.relations.values() if r.source == target and r.kind is not RelationKind.UNDERCUT]
                if not inferences:
                    self.app.notify(f"{target} states no inference to undercut.", severity="error")
                    return
                target = inferences[0]
            self.apply(lambda e: e.retarget(relation, target), focus=rel.source)

        title = f"Point {split_key(rel.source)[1]} {rel.kind.value} … at which claim?"
        self.app.push_screen(ClaimPicker(title, self.view, self.palette(), frozenset({rel.source})), chosen)

    def move(self, focused: str) -> None:
        """Move ``focused`` to another map of the workspace."""
        here = self.view.claim(focused).map
        others = [stem for stem in self.view.workspace.maps if stem != here]
        if not others:
            self.app.notify("There is no other map to move it to.", severity="warning")
            return
        choices = [(str(n), stem, stem) for n, stem in enumerate(others[:9], start=1)] + [("escape", "Cancel", "")]

        def answered(stem: str | None) -> None:
            if stem:
                self.apply(lambda e: e.move_claim(focused, stem), focus=f"{stem}:{split_key(focused)[1]}")

        self.app.push_screen(ChoiceScreen(f"Move {focused} to which map?", "References to it are rewritten in every map.", choices), answered)

    # -- history and disk ------------------------------------------------------------------
    def undo(self, focused: str | None) -> None:
        self._step(lambda e: e.undo(), "undo", focused)

    def redo(self, focused: str | None) -> None:
        self._step(lambda e: e.redo(), "redo", focused)

    def _step(self, step: Callable[[Editor], Change | None], word: str, focused: str | None) -> None:
        change = step(self._editor) if self._editor is not None else None
        if change is None:
            self.app.notify(f"Nothing to {word}.", timeout=2)
            return
        self.refresh(focused)
        self.app.notify(change.description, timeout=3)

    def save(self, *, then: Callable[[], None] | None = None) -> None:
        """Write the changed maps; on a conflict ask whether to reload or keep mine."""
        if self._editor is None or not self._editor.dirty:
            self.app.notify("Nothing to save.", timeout=2)
            if then:
                then()
            return
        from argmap.edit import ConflictError

        try:
            written = self._editor.save()
        except ConflictError as err:
            self.conflict(err.conflicts[0].path, saving=True, then=then)
            return
        except (ArgmapError, OSError) as err:
            self.app.notify(f"Could not save: {err}", severity="error", timeout=10)
            return
        self._saved(written)
        if then:
            then()

    def _saved(self, written: tuple[Path, ...]) -> None:
        self.app.remember_files()
        self.refresh()
        self.app.notify("Saved " + ", ".join(p.name for p in written), timeout=3)

    def conflict(self, path: Path, *, saving: bool, then: Callable[[], None] | None = None) -> None:
        """Ask what to do about ``path`` having changed on disk under unsaved changes."""
        body = Text(f"{path.name} changed on disk since it was read, and you have unsaved changes.\n\n")
        body.append("Reload: take the file as it is on disk (undo, ctrl+z, brings your version back).\n")
        body.append("Keep mine: " + ("save your version over it." if saving else "keep editing; saving will ask again."))

        def answered(result: str | None) -> None:
            editor = self.editor()
            if result == "reload":
                editor.reload()
                self.app.remember_files()
                self.refresh()
                self.app.notify("Reloaded from disk; ctrl+z brings your changes back.", timeout=5)
            elif result == "keep" and saving:
                self._saved(editor.save(force=True))
                if then:
                    then()

        self.app.push_screen(ChoiceScreen("Changed on disk", body, [("r", "Reload", "reload"), ("k", "Keep mine", "keep"), ("escape", "Cancel", "cancel")]), answered)

    def disk_changed(self) -> bool:
        """A watched file changed: take it in (True), or ask when unsaved changes would be lost."""
        if self._editor is None:
            return False
        if self._editor.dirty:
            conflicts = self._editor.conflicts()
            path = conflicts[0].path if conflicts else next(iter(self._editor.texts))
            self.conflict(path, saving=False)
            return True
        self._editor.reload()
        self.refresh(self.app.main.focused_key)
        return True

    def quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        if not self.dirty:
            self.app.exit()
            return

        def answered(result: str | None) -> None:
            if result == "save":
                self.save(then=lambda: None if self.dirty else self.app.exit())
            elif result == "discard":
                self.app.exit()

        body = "Some changes are not saved. Save them before quitting?"
        self.app.push_screen(ChoiceScreen("Unsaved changes", body, [("s", "Save and quit", "save"), ("d", "Quit without saving", "discard"), ("escape", "Cancel", "cancel")]), answered)
