"""argmap: write, check, analyse, explore and render argument maps of debates.

The public API: load maps with :func:`load_workspace`, view them as a graph with
:func:`build_graph`. Submodules hold the analyses, renderer and exporters.
"""

from __future__ import annotations

from argmap.errors import ArgmapError, InputError, LimitError, Location, Problem, Severity, ToolMissingError
from argmap.load import load_workspace
from argmap.model import ArgMap, Claim, ClaimKind, Quote, Relation, RelationKind, Side, Source, Speaker, Workspace

__version__ = "0.1.0"

__all__ = [
    "ArgMap",
    "ArgmapError",
    "Claim",
    "ClaimKind",
    "InputError",
    "LimitError",
    "Location",
    "Problem",
    "Quote",
    "Relation",
    "RelationKind",
    "Severity",
    "Side",
    "Source",
    "Speaker",
    "ToolMissingError",
    "Workspace",
    "__version__",
    "build_graph",
    "load_workspace",
]


def __getattr__(name: str) -> object:
    # build_graph imports networkx: load it only when asked for
    if name == "build_graph":
        from argmap.graph import build_graph

        return build_graph
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
