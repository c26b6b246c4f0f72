"""Gradual strength of a map's claims (provisional: wired to argmap.analysis.gradual next)."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from argmap.analysis.dung import Label

__all__ = ["claim_strength"]


def claim_strength(graph: nx.DiGraph, status: Mapping[str, Label], semantics: str) -> tuple[dict[str, float], bool]:
    """Strength per claim key, and whether the computation converged."""
    return {key: 0.5 for key, data in graph.nodes(data=True) if data["type"] == "claim"}, True
