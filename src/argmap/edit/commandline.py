"""What the editing commands share: opening the map named on the command line, reporting.

``add``, ``link``, ``unlink``, ``rm`` and ``mv`` are thin: each parses its arguments,
calls one :class:`~argmap.edit.session.Editor` operation and saves, so scripts and the
explorer run the same code. A refused change raises before anything is written, so the
file stays byte-for-byte as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.load import MAP_SUFFIXES

from .session import Change, Editor
from .validate import display

__all__ = ["open_map", "report"]


def open_map(path: Path) -> tuple[Editor, str]:
    """An editor on the folder of map file ``path``, and the map's stem."""
    if not path.is_file() or path.suffix not in MAP_SUFFIXES:
        raise ArgmapError(f"no such map file: {path} (a map is a .yaml file; 'argmap new {path}' writes one)")
    return Editor(path.parent), path.stem


def report(editor: Editor, change: Change) -> None:
    """Save, then print what changed (stdout) and any warnings it added (stderr)."""
    written = editor.save()
    where = ", ".join(display(p) for p in written) or "no file changed"
    print(f"{where}: {change.description}")
    for line in change.details:
        print(f"  {line}")
    sys.stdout.flush()
    for warning in change.warnings:
        print(warning, file=sys.stderr)
