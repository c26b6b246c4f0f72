"""Exports for debate coaches: a case brief, a flow sheet, a slide deck.

Each export reads the same :class:`~argmap.export.common.Debate` (a map seen through the
analysis and cut down to the side, thesis and depth asked for). The names below load
their modules on first use, so importing the package costs nothing until an export runs.
"""

from __future__ import annotations

import importlib

__all__ = [
    "Debate",
    "DeckOptions",
    "brief_markdown",
    "build_deck",
    "flow_csv",
    "flow_html",
    "flow_sheet",
    "load_debates",
    "prepare",
    "write_deck",
]

_HOMES = {
    "Debate": "common",
    "DeckOptions": "slides",
    "brief_markdown": "brief",
    "build_deck": "slides",
    "flow_csv": "flow",
    "flow_html": "flow",
    "flow_sheet": "flow",
    "load_debates": "common",
    "prepare": "common",
    "write_deck": "slides",
}


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(importlib.import_module(f"argmap.export.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'argmap.export' has no attribute {name!r}")
