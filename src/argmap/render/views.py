"""Views: which claims and relations one diagram shows.

A whole map of 50–90 claims is already too big to present from, and a 1,000-claim map
laid out whole is hundreds of inches wide. A view picks the part a coach wants on the
screen — the whole map, an overview, one claim's neighbourhood, one thesis and what bears
on it, one rebuttal chain, one side's case — and counts, for every claim shown, the
reasons and objections it leaves out, so the diagram can say what is hidden.

Views read the graph of :mod:`argmap.graph` (and the rebuttal chains of the analysis);
they never parse YAML and know nothing of Graphviz.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError
from argmap.graph import Graph, incoming, relations
from argmap.model import ClaimKind, Relation, Workspace

if TYPE_CHECKING:
    from argmap.analysis import MapAnalysis
    from argmap.analysis.debate import Clash

__all__ = [
    "OVERVIEW_BUDGET",
    "Hidden",
    "Selection",
    "View",
    "ViewKind",
    "bearers",
    "members",
    "resolve_claim",
    "resolve_side",
    "select",
]

OVERVIEW_BUDGET = 40
"""Boxes an overview shows at most (beyond the theses and their direct reasons and
objections, which it always shows): about what stays legible on one projected slide."""


class ViewKind(str, Enum):
    """What a diagram shows."""

    WHOLE = "whole"
    OVERVIEW = "overview"
    FOCUS = "focus"
    THESIS = "thesis"
    CHAIN = "chain"
    SIDE = "side"
    PART = "part"


@dataclass(frozen=True, slots=True)
class View:
    """A choice of what to draw. Build one with the class methods.

    ``map`` restricts whole, overview and side views to one map of the workspace and
    makes claims of other maps *external* (drawn, but marked as coming from elsewhere).
    """

    kind: ViewKind = ViewKind.WHOLE
    claim: str | None = None
    depth: int = 1
    side: str | None = None
    map: str | None = None
    budget: int = OVERVIEW_BUDGET
    others: tuple[str, ...] = ()

    @classmethod
    def whole(cls, map: str | None = None) -> View:
        """Every claim (of one map, with the claims of other maps it touches)."""
        return cls(ViewKind.WHOLE, map=map)

    @classmethod
    def overview(cls, map: str | None = None, budget: int = OVERVIEW_BUDGET) -> View:
        """Theses and their direct reasons and objections, then as many further levels as fit."""
        return cls(ViewKind.OVERVIEW, map=map, budget=budget)

    @classmethod
    def focus(cls, claim: str, depth: int = 1) -> View:
        """A claim and every claim at most ``depth`` relations away."""
        if depth < 0:
            raise ArgmapError(f"depth must be 0 or more, not {depth}")
        return cls(ViewKind.FOCUS, claim=claim, depth=depth)

    @classmethod
    def thesis(cls, claim: str) -> View:
        """A claim and everything that bears on it, directly or through other claims."""
        return cls(ViewKind.THESIS, claim=claim)

    @classmethod
    def chain(cls, claim: str) -> View:
        """The rebuttal chains (from the analysis) that pass through a claim."""
        return cls(ViewKind.CHAIN, claim=claim)

    @classmethod
    def part(cls, claim: str, others: Sequence[str]) -> View:
        """A claim and some of the claims bearing on it: one page of a neighbourhood too
        large for one slide (what is left out is counted on the claim's box)."""
        return cls(ViewKind.PART, claim=claim, others=tuple(others))

    @classmethod
    def side_case(cls, side: str, map: str | None = None) -> View:
        """One side's claims, with the neutral evidence they rest on."""
        return cls(ViewKind.SIDE, side=side, map=map)


@dataclass(frozen=True, slots=True)
class Hidden:
    """Claims bearing directly on a shown claim that the view leaves out."""

    reasons: int = 0
    attacks: int = 0

    def __bool__(self) -> bool:
        return bool(self.reasons or self.attacks)


@dataclass(frozen=True)
class Selection:
    """What a view selected: claims and relations in a stable order, and what it hides.

    ``home`` is the map the diagram is about (claims of other maps are external), or None
    when every map is home. A relation is selected only when all its premises and its
    target are drawn, so no arrow ever dangles.
    """

    view: View
    claims: tuple[str, ...]
    relations: tuple[str, ...]
    hidden: Mapping[str, Hidden]
    home: str | None
    description: str
    focus: str | None = None
    omitted: int = 0  # claims of the home map(s) not shown at all
    levels: int | None = field(default=None)  # overview: levels of reasons shown below the theses


def resolve_claim(workspace: Workspace, name: str) -> str:
    """The key of the claim ``name`` means: a key ``map:id``, or an id unique in the workspace.

    Raises:
        ArgmapError: no such claim (with a "did you mean" hint) or an ambiguous id.
    """
    from argmap.load import did_you_mean

    if name in workspace.claims:
        return name
    matches = [key for key, claim in workspace.claims.items() if claim.id == name]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ArgmapError(f"claim {name!r} is in several maps; write one of {', '.join(sorted(matches))}")
    hint = did_you_mean(name, [*workspace.claims, *(c.id for c in workspace.claims.values())])
    raise ArgmapError(f"no claim {name!r} in {', '.join(sorted(workspace.maps)) or 'the workspace'}" + (f" ({hint})" if hint else ""))


def resolve_side(workspace: Workspace, name: str) -> str:
    """``name`` if some map declares that side (by id, or by its label, ignoring case)."""
    from argmap.load import did_you_mean

    sides = {side.id: side.label for m in workspace.maps.values() for side in m.sides.values()}
    if name in sides:
        return name
    by_label = [sid for sid, label in sides.items() if label.casefold() == name.casefold()]
    if by_label:
        return by_label[0]
    hint = did_you_mean(name, sides)
    raise ArgmapError(f"no side {name!r}; the sides are {', '.join(sides) or 'none'}" + (f" ({hint})" if hint else ""))


def members(graph: Graph, relation: Relation) -> list[str]:
    """The claims a relation needs drawn: its premises and its target claim — for an
    undercut, the claims of the relation it attacks, recursively."""
    found = list(relation.premises)
    target = graph._node[relation.target]
    if target["type"] == "relation":
        found.extend(members(graph, target["relation"]))
    else:
        found.append(relation.target)
    return found


def bearers(graph: Graph, claim: str) -> tuple[list[str], list[str]]:
    """The claims bearing directly on ``claim``: (reasons, attackers). Attackers include
    those undercutting an inference *to* the claim, which bear on it as much as a rebuttal."""
    reasons: list[str] = []
    attackers: list[str] = []
    for rel in incoming(graph, claim):
        (attackers if rel.kind.is_attack else reasons).extend(rel.premises)
        for undercut in incoming(graph, rel.key):
            attackers.extend(undercut.premises)
    return list(dict.fromkeys(reasons)), list(dict.fromkeys(attackers))


def _neighbours(graph: Graph) -> dict[str, set[str]]:
    """Claims that take part in a relation together (premises, target, undercut inference)."""
    adjacent: dict[str, set[str]] = {}
    for rel in relations(graph):
        group = members(graph, rel)
        for claim in group:
            adjacent.setdefault(claim, set()).update(c for c in group if c != claim)
    return adjacent


def _within(adjacent: Mapping[str, set[str]], start: str, depth: int) -> set[str]:
    seen = {start}
    frontier = deque([(start, 0)])
    while frontier:
        claim, distance = frontier.popleft()
        if distance == depth:
            continue
        for other in adjacent.get(claim, ()):
            if other not in seen:
                seen.add(other)
                frontier.append((other, distance + 1))
    return seen


def _drawable(graph: Graph, chosen: set[str]) -> list[str]:
    """Relations whose premises and target are all drawn, in graph order.

    Undercuts are drawable once the relation they attack is, so relations are taken
    target first: a relation waits on the relation it targets.
    """
    rels = {rel.key: rel for rel in relations(graph)}  # not a node's data made per question
    ready = {key: all(p in chosen for p in rel.premises) for key, rel in rels.items()}
    drawn: dict[str, bool] = {}

    def drawable(key: str, seen: frozenset[str] = frozenset()) -> bool:
        if key not in drawn:
            target = rels[key].target
            if not ready[key] or key in seen:
                drawn[key] = False
            elif target in rels:  # an undercut: drawn with the relation it attacks
                drawn[key] = drawable(target, seen | {key})
            else:
                drawn[key] = target in chosen
        return drawn[key]

    return [key for key in rels if drawable(key)]


def _with_undercut_inferences(graph: Graph, chosen: set[str]) -> set[str]:
    """``chosen`` plus the claims of every inference an undercut by a chosen claim attacks
    when the inference's own reason is chosen, so the undercut has something to aim at."""
    result = set(chosen)
    for rel in relations(graph):
        if rel.source not in chosen or graph._node[rel.target]["type"] != "relation":
            continue
        attacked = graph._node[rel.target]["relation"]
        if attacked.source in chosen:
            result.update(members(graph, rel))
    return result


def _upstream(workspace: Workspace, graph: Graph, start: str) -> set[str]:
    """``start`` and every claim that bears on it through any chain of relations, stopping at
    other theses: a thesis that attacks this one is shown, but its own case is its own
    diagram (without the stop, two opposing theses each pull in the whole debate)."""
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        if node != start and graph._node[node]["type"] == "claim" and workspace.claims[node].kind is ClaimKind.THESIS:
            continue
        for pred in graph._pred[node]:
            if pred not in seen:
                seen.add(pred)
                stack.append(pred)
    return {k for k in seen if graph._node[k]["type"] == "claim"}


def _home_claims(workspace: Workspace, home: str | None) -> list[str]:
    if home is None:
        return list(workspace.claims)
    return [c.key for c in workspace.maps[home].claims.values()]


def _touching(graph: Graph, claims: Iterable[str]) -> set[str]:
    """``claims`` and every claim in a relation with one of them (for external claims)."""
    wanted = set(claims)
    result = set(wanted)
    for rel in relations(graph):
        group = members(graph, rel)
        if any(c in wanted for c in group):
            result.update(group)
    return result


def _overview(workspace: Workspace, graph: Graph, home: str | None, budget: int, clashes: Iterable[Clash]) -> tuple[set[str], int]:
    """The skeleton of a debate: theses, what bears on them directly, and where the sides clash.

    Every thesis and its direct reasons and objections are always shown. Then each clash
    (an attack across sides), nearest the theses first, with the line of claims that
    connects it to its thesis, while the budget of boxes lasts; then whole further levels
    of reasons and objections while they fit. Returns the claims and the levels shown in full.
    """
    pool = _home_claims(workspace, home)
    roots = [k for k in pool if workspace.claims[k].kind is ClaimKind.THESIS]
    if not roots:  # no thesis written: the claims everything else leads up to
        roots = [k for k in pool if not _stated(graph, k) and graph.degree(k)]
    parent: dict[str, str | None] = dict.fromkeys(roots)
    levels: list[list[str]] = [list(roots)]
    while levels[-1]:
        level = []
        for claim in levels[-1]:
            reasons, attackers = bearers(graph, claim)
            for other in (*reasons, *attackers):
                if other not in parent:
                    parent[other] = claim
                    level.append(other)
        levels.append(level)
    chosen = set(levels[0]) | set(levels[1])
    depth = {claim: i for i, level in enumerate(levels) for claim in level}
    home_claims = set(pool)
    # clashes that touch a thesis's case: a clash between two side remarks is not the skeleton
    wanted = [c for c in clashes if (c.attacker in home_claims or c.target in home_claims) and (c.target in parent or c.attacker in parent)]
    for clash in sorted(wanted, key=lambda c: min(depth.get(c.target, len(levels)), depth.get(c.attacker, len(levels)))):
        group = set(members(graph, workspace.relations[clash.relation]))
        step: str | None = clash.target if clash.target in parent else clash.attacker
        while step is not None and step not in chosen:
            group.add(step)
            step = parent.get(step)
        if len(chosen | group) <= budget:
            chosen |= group
    shown = 1 if levels[1] else 0
    for level in levels[2:]:
        if not level or len(chosen | set(level)) > budget:
            break
        chosen.update(level)
        shown += 1
    return chosen, shown


def _stated(graph: Graph, claim: str) -> list[Relation]:
    return [graph._node[s]["relation"] for s in graph._succ[claim] if graph._node[s]["type"] == "relation"]


def _order(workspace: Workspace, chosen: set[str]) -> tuple[str, ...]:
    """Workspace order (map by map, as declared): the same input gives the same DOT."""
    return tuple(k for k in workspace.claims if k in chosen)


def select(workspace: Workspace, graph: Graph, view: View, analysis: MapAnalysis | None = None) -> Selection:
    """The claims and relations ``view`` shows.

    Args:
        workspace: the loaded maps.
        graph: their graph (:func:`argmap.graph.build_graph`).
        view: what to show.
        analysis: needed only for the chain view (its rebuttal chains).

    Raises:
        ArgmapError: an unknown claim, side or map, or a chain view of a claim no chain passes.
    """
    home = view.map
    if home is not None and home not in workspace.maps:
        raise ArgmapError(f"no map {home!r} in the workspace; the maps are {', '.join(sorted(workspace.maps))}")
    focus: str | None = None
    levels: int | None = None
    if view.kind is ViewKind.WHOLE:
        # one map's claims and the claims of other maps in a relation with them; with one map, every claim
        chosen = _touching(graph, _home_claims(workspace, home)) if home and len(workspace.maps) > 1 else set(workspace.claims)
        description = "Whole map"
    elif view.kind is ViewKind.OVERVIEW:
        if analysis is not None:
            clashes = analysis.clashes
        else:
            from argmap.analysis.debate import clash_points

            clashes = clash_points(workspace, graph)
        chosen, levels = _overview(workspace, graph, home, view.budget, clashes)
        reach = "what bears on them directly" if levels <= 1 else f"{levels} levels of what bears on them"
        description = f"Overview: the theses, {reach}, and where the sides clash"
    elif view.kind is ViewKind.SIDE:
        side = resolve_side(workspace, view.side or "")
        own = {k for k in _home_claims(workspace, home) if workspace.side(workspace.claims[k]) == side}
        neutral = {b for k in own for b in bearers(graph, k)[0] if workspace.side(workspace.claims[b]) is None}
        chosen = own | neutral
        label = next(s.label for m in workspace.maps.values() for s in m.sides.values() if s.id == side)
        description = f"The case of {label}"
    else:
        focus = resolve_claim(workspace, view.claim or "")
        home = home or workspace.claims[focus].map
        if view.kind is ViewKind.FOCUS:
            chosen = _within(_neighbours(graph), focus, view.depth)
            description = f"Claim {workspace.claims[focus].id} and its neighbours up to {view.depth} step{'s' * (view.depth != 1)} away"
        elif view.kind is ViewKind.PART:
            chosen = {focus, *(resolve_claim(workspace, k) for k in view.others)}
            description = f"Claim {workspace.claims[focus].id} and {len(chosen) - 1} of the claims bearing on it"
        elif view.kind is ViewKind.THESIS:
            chosen = _upstream(workspace, graph, focus)
            description = f"{workspace.claims[focus].id} and everything that bears on it (other theses are shown, not expanded)"
        else:
            if analysis is None:
                raise ArgmapError("the chain view needs the analysis (its rebuttal chains)")
            chains = [chain for chain in analysis.chains if focus in chain.claims]
            if not chains:
                raise ArgmapError(f"no rebuttal chain passes through {focus} (nothing across sides answers it, and it answers nothing)")
            chosen = _with_undercut_inferences(graph, {c for chain in chains for c in chain.claims})
            description = f"Rebuttal chain{'s' * (len(chains) > 1)} through {workspace.claims[focus].id}"
    relations = _drawable(graph, chosen)
    pool = _home_claims(workspace, home)
    omitted = sum(k not in chosen for k in pool)
    hidden = {} if chosen.issuperset(workspace.claims) else _hidden(graph, chosen)  # all shown: none hidden
    return Selection(view, _order(workspace, chosen), tuple(relations), hidden, home, description, focus, omitted, levels)


def _hidden(graph: Graph, chosen: set[str]) -> dict[str, Hidden]:
    """For each chosen claim that has any, the claims bearing on it that are not chosen."""
    hidden = {}
    for claim in chosen:
        reasons, attackers = bearers(graph, claim)
        count = Hidden(sum(c not in chosen for c in reasons), sum(c not in chosen for c in attackers))
        if count:
            hidden[claim] = count
    return hidden
