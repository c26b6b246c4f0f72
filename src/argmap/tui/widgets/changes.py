"""What changed since a revision (``argmap explore --since REV``): marks and a view.

:meth:`Since.of` runs ``argmap diff REV`` on the maps explored (the revision against the
files as saved, with what that does to the debate) and keeps what the explorer shows of
it: a mark for each claim that is new, moved, changed or whose status changed (the tree
and the lists append it to the claim's line), and the sections of the changes view, each
claim in it a line to jump from. Run it off the UI thread: it loads both versions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import TabbedContent

if TYPE_CHECKING:  # the diff's model is read only with --since, in the worker that compares
    from argmap.diff.changes import FolderDiff
    from argmap.tui.labels import Palette
    from argmap.tui.screens.main import MainScreen
    from argmap.tui.view import MapView
    from argmap.tui.widgets.claim_rows import ClaimRows

__all__ = ["Since", "show_since", "since_changed"]


@dataclass(frozen=True)
class Since:
    """The changes since ``revision``: ``marks`` (claim key → a word or two for its line),
    ``sections`` (heading, claim keys) for the changes view, the claims ``removed``, and
    the ``error`` that kept the diff from being made (not a repository, no such revision)."""

    revision: str
    marks: dict[str, str] = field(default_factory=dict)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def count(self) -> int:
        """Claims marked, and claims removed."""
        return len(self.marks) + len(self.removed)

    @classmethod
    def of(cls, revision: str, paths: Sequence[Path]) -> Since:
        """The changes to the maps at ``paths`` since ``revision`` (of the repository holding them)."""
        from argmap.diff import semantic_diff
        from argmap.diff.sides import pairs
        from argmap.errors import ArgmapError

        try:
            folders = pairs([revision, *(str(p) for p in paths)])
            diffs = []
            for workspaces in folders:
                try:
                    diffs.append(semantic_diff(workspaces))
                finally:
                    workspaces.close()
        except ArgmapError as err:
            return cls(revision, error=str(err))
        return cls.collect(revision, diffs)

    @classmethod
    def collect(cls, revision: str, diffs: Sequence[FolderDiff]) -> Since:
        """What the explorer shows of the diffs of each folder since ``revision``."""
        from argmap.diff.changes import ADDED, CHANGED, MOVED, REMOVED

        new: list[str] = []
        moved: list[str] = []
        changed: list[str] = []
        removed: list[str] = []
        was: dict[str, str] = {}
        for diff in diffs:
            for claim in diff.claims:
                {ADDED: new, MOVED: moved, CHANGED: changed, REMOVED: removed}[claim.change].append(claim.key)
            for relation in diff.relations:
                if relation.change != REMOVED and relation.source not in new and relation.source not in changed:
                    changed.append(relation.source)
            if diff.effects is not None:
                was.update((status.key, status.old) for status in diff.effects.status)
        marks: dict[str, str] = {}
        for keys, word in ((new, "new"), (moved, "moved"), (changed, "changed")):
            for key in keys:
                marks.setdefault(key, word)
        for key, old in was.items():
            marks[key] = f"{marks[key]}, was {old}" if key in marks else f"was {old}"
        since = f"since {revision}"
        sections = [
            (f"New {since} ({len(new)})", new),
            (f"Moved to another map {since} ({len(moved)})", moved),
            (f"Changed {since} ({len(changed)}): text, quote, speaker, kind, relations…", changed),
            (f"Status changed {since} ({len(was)}): the line shows it now, the mark what it was", list(was)),
        ]
        if removed:
            sections.append((f"Removed {since} ({len(removed)}): " + ", ".join(key.partition(":")[2] for key in removed[:12]) + (" …" if len(removed) > 12 else ""), []))
        return cls(revision, marks, [(heading, keys) for heading, keys in sections if keys or heading.startswith("Removed")], removed)


def show_since(screen: MainScreen, view: MapView, rows: ClaimRows, palette: Palette) -> None:
    """Fill the changes view from the app's :class:`Since` (a line per claim the view has)."""
    since: Since | None = getattr(screen.app, "since", None)
    if since is None:
        rows.show_sections(view, [("Comparing with the revision…", [])], palette)
        return
    if since.error:
        rows.show_sections(view, [(f"No changes to show: {since.error}", [])], palette)
        return
    claims = view.workspace.claims
    rows.show_sections(view, [(heading, [k for k in keys if k in claims]) for heading, keys in since.sections], palette)


def since_changed(screen: MainScreen) -> None:
    """The changes since the revision were worked out (again): mark the tree, count them
    in the tab's label, refill the view if it was filled."""
    since: Since | None = getattr(screen.app, "since", None)
    view = screen.view
    if since is None or view is None:
        return
    view.since = since.marks
    screen.claim_tree.relabel()
    tabs = screen.query_one(TabbedContent)
    tabs.get_tab("changes").label = f"Since {since.revision} ({'?' if since.error else since.count})"
    filled: set[str] = getattr(screen, "_filled", set())
    if "changes" in filled or tabs.active == "changes":
        filled.discard("changes")
        if tabs.active == "changes":
            screen._fill("changes")
