"""Check unsaved map texts with the loader itself, as ``argmap check`` would check them saved.

:func:`argmap.load.load_workspace` reads files, and an edit must be checked before
anything is written. So the texts go into a private temporary folder that mirrors the
workspace: the edited maps as text, every other map and every source text hard-linked
(copied where the file system cannot link), at the same relative paths, so references
between maps and quote checks behave as in the real folder. The workspace that comes back
is then relocated: every path and location points at the real files again, so a UI can
show it and problems name the file the user knows.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from argmap.errors import Location
from argmap.load import load_workspace
from argmap.model import Workspace

__all__ = ["check_texts", "display"]


def display(path: Path) -> str:
    """A path as the user types it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class _Relocator:
    """Rewrites shadow paths in a loaded workspace back to the real folder."""

    def __init__(self, shadow: Path, real: Path) -> None:
        self.shadow = shadow.resolve()
        self.real = real.resolve()
        self.shadow_display = display(self.shadow)
        self.locations: dict[str, str] = {}

    def path(self, path: Path) -> Path:
        try:
            return self.real / path.resolve().relative_to(self.shadow)
        except ValueError:
            return path

    def text(self, shown: str) -> str:
        if shown not in self.locations:
            candidate = Path(shown)
            absolute = candidate if candidate.is_absolute() else Path.cwd() / candidate
            relocated = self.path(absolute)
            self.locations[shown] = display(relocated) if relocated != absolute else shown
        return self.locations[shown]

    def __call__(self, value: Any) -> Any:
        if isinstance(value, Location):
            return Location(self.text(value.path), value.line, value.column) if value.path else value
        if isinstance(value, Path):
            return self.path(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: self(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return dataclasses.replace(value, **changes)
        if isinstance(value, Mapping):
            return {k: self(v) for k, v in value.items()}
        if isinstance(value, tuple):
            return tuple(self(v) for v in value)
        return value


def check_texts(root: Path, texts: Mapping[Path, str], others: list[Path], *, verify_quotes: bool = True) -> Workspace:
    """Load the workspace ``root`` as it would be with ``texts`` written.

    Args:
        root: the workspace folder.
        texts: map file → text, for every map file of the workspace.
        others: files the maps read (source texts), at their real paths under ``root``.
        verify_quotes: check quotes against source texts, as ``argmap check`` does.
    """
    root = root.resolve()
    with tempfile.TemporaryDirectory(prefix="argmap-edit-") as folder:
        shadow = Path(folder)
        for path, text in texts.items():
            (shadow / path.resolve().relative_to(root)).write_text(text, encoding="utf-8", newline="")
        for path in others:
            resolved = path.resolve()
            if resolved.is_relative_to(root) and resolved.is_file():
                _link(resolved, shadow / resolved.relative_to(root))
        loaded = load_workspace([shadow], verify_quotes=verify_quotes)
        workspace: Workspace = _Relocator(shadow, root)(loaded)
    return workspace
