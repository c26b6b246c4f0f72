"""Analyses of argument maps: pure functions of the graph, no UI.

* :mod:`argmap.analysis.dung` -- Dung semantics (grounded, complete, preferred, stable);
* :mod:`argmap.analysis.gradual` -- gradual strength (DF-QuAD, quadratic energy, Euler, h-categorizer);
* :mod:`argmap.analysis.iccma` -- the ICCMA file formats, for the research community's references;
* :mod:`argmap.analysis.debate` -- a map's status, strength, dropped claims, clashes, chains.
"""

from __future__ import annotations

from argmap.analysis.debate import Chain, Clash, MapAnalysis, SideSummary, analyze

__all__ = ["Chain", "Clash", "MapAnalysis", "SideSummary", "analyze"]
