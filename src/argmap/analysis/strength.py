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
from argmap.graph import Graph, claims, relations
from argmap.model import RelationKind

__all__ = ["DEFAULT_WEIGHT", "SEMANTICS", "claim_strength"]

DEFAULT_WEIGHT = 0.5
"""Base score of a claim that sets no ``weight``: no presumption either way."""


def claim_strength(graph: Graph, status: Mapping[str, Label], semantics: str = "dfquad") -> tuple[dict[str, float], bool]:
    """Strength per claim key under ``semantics``, and whether the computation converged."""
    # claims, then relations, in the graph's order (read straight from the workspace, not
    # through a node's data made for each: a third of this at 10k claims)
    weights = {claim.key: DEFAULT_WEIGHT if claim.weight is None else claim.weight for claim in claims(graph)}
    attacks: list[tuple[str, str]] = []
    supports: list[tuple[str, str]] = []
    for rel in relations(graph):
        if rel.kind is RelationKind.UNDERCUT or status.get(rel.key) is Label.OUT:
            continue
        (supports if rel.kind is RelationKind.SUPPORT else attacks).append((rel.source, rel.target))
    result = strengths(weights, attacks, supports, semantics)
    return result.strength, result.converged
