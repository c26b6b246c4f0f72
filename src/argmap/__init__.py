"""argmap: write, check, analyse, explore and render argument maps of debates.

The public API: load maps with :func:`load_workspace`, view them as a graph with
:func:`build_graph`. Submodules hold the analyses, renderer and exporters.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (8 ms): mypy reads it the same
if TYPE_CHECKING:  # the real imports are lazy (below): `argmap --help` should not pay for them
    from argmap.errors import ArgmapError, InputError, LimitError, Location, Problem, Severity, ToolMissingError
    from argmap.graph import build_graph
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


_HOMES = {
    "build_graph": "argmap.graph",
    "load_workspace": "argmap.load",
    **dict.fromkeys(["ArgmapError", "InputError", "LimitError", "Location", "Problem", "Severity", "ToolMissingError"], "argmap.errors"),
    **dict.fromkeys(["ArgMap", "Claim", "ClaimKind", "Quote", "Relation", "RelationKind", "Side", "Source", "Speaker", "Workspace"], "argmap.model"),
}


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(home), name)
