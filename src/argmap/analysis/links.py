"""Whose link it is: the debate as the texts argue it, or as the analyst reads it.

A map's author may draw a link the texts never make (two pieces that never cite each
other, evidence a letter does not mention); such a relation carries the tag
:data:`ANALYST_LINK`. A judge decides on what was said, so by default every verdict is
reached on the links the texts make themselves (``Links.TEXTS``); ``Links.ALL`` counts the
analyst's links too. The choice is made once, here, by cutting the workspace down, so the
analysis, the diagrams and the exports all see the same debate.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from argmap.model import Workspace

__all__ = ["ANALYST_LINK", "REPORTED", "Links", "analyst_relations", "bearing_on_primary", "with_links"]

ANALYST_LINK = "analyst-link"
"""The tag of a relation the map's author drew, not the speakers."""

REPORTED = "reported"
"""The tag of a claim known only as another speaker reports it: it is no speech of its speaker's."""


class Links(str, Enum):
    """Which relations a verdict rests on."""

    TEXTS = "texts"  # the links the texts make themselves
    ALL = "all"  # and the analyst's links

    def wording(self, analyst_links: int) -> str:
        """How a report states the choice, given how many analyst links bear on the maps."""
        if self is Links.TEXTS:
            return f"as the texts argue it: {analyst_links} analyst link(s) left out (--links all counts them)"
        return f"as the analyst reads it: {analyst_links} analyst link(s) counted (--links texts leaves them out)"


def analyst_relations(workspace: Workspace) -> frozenset[str]:
    """Keys of the analyst's relations, and of every relation that rests on one (an
    undercut of an analyst's link has nothing to undercut once that link is gone)."""
    relations = workspace.relations
    dropped = {key for key, rel in relations.items() if ANALYST_LINK in rel.tags}
    if not dropped:
        return frozenset()
    grew = True
    while grew:
        grew = False
        for key, rel in relations.items():
            if key not in dropped and rel.target in dropped:
                dropped.add(key)
                grew = True
    return frozenset(dropped)


def with_links(workspace: Workspace, links: Links) -> Workspace:
    """``workspace`` with only the relations ``links`` counts (the same object when that is all)."""
    if links is Links.ALL:
        return workspace
    left_out = analyst_relations(workspace)
    if not left_out:
        return workspace
    kept = {key: rel for key, rel in workspace.relations.items() if key not in left_out}
    maps = {
        stem: replace(m, relations={key: rel for key, rel in m.relations.items() if key not in left_out})
        for stem, m in workspace.maps.items()
    }
    return replace(workspace, maps=maps, relations=kept)


def bearing_on_primary(workspace: Workspace, keys: frozenset[str]) -> frozenset[str]:
    """Those of the relation ``keys`` (of ``workspace``) that start or end in a map asked for."""
    relations = workspace.relations
    found = set()
    for key in keys:
        rel = relations.get(key)
        if rel is not None and (workspace.is_primary(key) or workspace.is_primary(rel.source) or workspace.is_primary(rel.target)):
            found.add(key)
    return frozenset(found)
