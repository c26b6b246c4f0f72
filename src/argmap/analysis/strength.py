"""Gradual strength of a map's claims, from their base scores and the relations that stand.

The map becomes a weighted bipolar framework over claims: each claim's ``weight`` (default
:data:`DEFAULT_WEIGHT`) is its base score, each support an edge of support and each
rebuttal an edge of attack, from the claim that states the relation to its target. An
undercut has no place in such a framework; it acts through the grounded labelling
instead: a relation that is OUT there (undercut, or resting on a defeated premise) adds
nothing here. Linked premises likewise act through the labelling; the relation's own
claim carries it in the strength.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap.analysis.gradual import SEMANTICS, strengths
from argmap.analysis.label import Label
from argmap.graph import Graph
from argmap.model import RelationKind

__all__ = ["DEFAULT_WEIGHT", "SEMANTICS", "claim_strength"]

DEFAULT_WEIGHT = 0.5
"""Base score of a claim that sets no ``weight``: no presumption either way."""


def claim_strength(graph: Graph, status: Mapping[str, Label], semantics: str = "dfquad") -> tuple[dict[str, float], bool]:
    """Strength per claim key under ``semantics``, and whether the computation converged."""
    weights: dict[str, float] = {}
    attacks: list[tuple[str, str]] = []
    supports: list[tuple[str, str]] = []
    for key, data in graph._node.items():
        claim = data.get("claim")
        if claim is not None:
            weights[key] = DEFAULT_WEIGHT if claim.weight is None else claim.weight
            continue
        rel = data["relation"]
        if rel.kind is RelationKind.UNDERCUT or status.get(key) is Label.OUT:
            continue
        (supports if rel.kind is RelationKind.SUPPORT else attacks).append((rel.source, rel.target))
    result = strengths(weights, attacks, supports, semantics)
    return result.strength, result.converged
