"""Analyses of argument maps: pure functions of the graph, no UI.

* :mod:`argmap.analysis.dung` -- Dung semantics (grounded, complete, preferred, stable);
* :mod:`argmap.analysis.gradual` -- gradual strength (DF-QuAD, quadratic energy, Euler, h-categorizer);
* :mod:`argmap.analysis.iccma` -- the ICCMA file formats, for the research community's references;
* :mod:`argmap.analysis.debate` -- a map's status, strength, dropped claims, clashes, chains.
"""

from __future__ import annotations

TYPE_CHECKING = False  # as in argmap/__init__.py: typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:  # the real import is lazy (below): a submodule such as links needs none of debate
    from argmap.analysis.debate import Chain, Clash, MapAnalysis, SideSummary, analyze

__all__ = ["Chain", "Clash", "MapAnalysis", "SideSummary", "analyze"]


def __getattr__(name: str) -> object:
    """Import a public name from :mod:`argmap.analysis.debate` on first use (PEP 562)."""
    if name not in __all__:
        raise AttributeError(f"module 'argmap.analysis' has no attribute {name!r}")
    from argmap.analysis import debate

    return getattr(debate, name)
