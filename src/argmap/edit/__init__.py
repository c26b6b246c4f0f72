"""Edit maps safely: round-trip YAML, every change checked, undo/redo, atomic saves.

The one implementation behind the ``add``, ``link``, ``unlink``, ``rm`` and ``mv``
commands and the explorer's editing: open an :class:`Editor` on a folder of maps, call an
operation per change, read :attr:`Editor.workspace` to redraw, ``save()`` when done.
"""

from __future__ import annotations

from .ops import Orphans, Passage, find_passages
from .roundtrip import Document
from .session import Change, ChangeRefused, Conflict, ConflictError, Editor

__all__ = [
    "Change",
    "ChangeRefused",
    "Conflict",
    "ConflictError",
    "Document",
    "Editor",
    "Orphans",
    "Passage",
    "find_passages",
]
