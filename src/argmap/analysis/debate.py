"""Debate analysis of a map: what stands, what was dropped, where the sides clash.

Everything here is a pure function of the graph of :mod:`argmap.graph`.

**Status** (IN / OUT / UNDEC) is Dung's grounded labelling of an abstract framework built
from the map as AFRA does for attacks on attacks (Baroni, Cerutti, Giacomin & Guida,
"AFRA: Argumentation framework with recursive attacks", IJAR 52, 2011): every claim *and
every relation* is an argument; a rebuttal or undercut attacks its target (a claim, or a
relation for an undercut, so counter-undercuts work); and whatever attacks a premise of a
relation also attacks the relation, since an inference from a defeated premise proves
nothing. A relation's premises are its stated claim and its linked premises (``with``), so
attacking any premise of a linked set defeats the reason it gives together.

Supports do not make a claim stand or fall: in a debate a claim stands until it is
answered, and knocking out one reason does not refute a conclusion that may have others
(the "secondary attacks" of Cayrol & Lagasquie-Schiex, ECSQARU 2005, would say it does).
Supports count in the **strength**, a gradual semantics over the bipolar graph of claims
(DF-QuAD by default, Rago et al., KR 2016), computed over the relations the grounded
labelling does not defeat: an undercut acts there by defeating the inference it targets.

**Dropped**: a claim of one side that no claim of another side attacks (the claim or an
inference it states) in the same or a later source. Source order is speech order; a
rebuttal in the same source counts, because a letter that reports a claim and answers it
has answered it. A relation tagged :data:`ANALYST_LINK` was drawn by whoever made the map,
not by the speakers: it counts for status and strength, but it is no answer a speaker gave.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np

from argmap import collector
from argmap.analysis.dung import Framework, Label, grounded_labelling
from argmap.graph import claims as graph_claims
from argmap.graph import incoming
from argmap.graph import relations as graph_relations
from argmap.model import Claim, ClaimKind, Relation, RelationKind, Workspace

__all__ = [
    "Chain",
    "Clash",
    "MapAnalysis",
    "SideSummary",
    "analyze",
    "attack_framework",
    "claim_sides",
    "clash_points",
    "dropped_claims",
    "rebuttal_chains",
]

ANALYST_LINK = "analyst-link"
"""The tag of a relation the map's author drew between texts that do not cite each other."""

MAX_CHAINS = 2_000
"""Rebuttal chains listed at most (a dense map has exponentially many paths)."""


@dataclass(frozen=True, slots=True)
class Clash:
    """A direct attack across sides: ``attacker`` rebuts or undercuts ``target``."""

    attacker: str
    target: str
    relation: str
    attacker_side: str | None
    target_side: str | None


@dataclass(frozen=True, slots=True)
class Chain:
    """A path of attacks with alternating sides: each claim answers the one before it.

    ``claims[0]`` is the claim under attack; ``claims[-1]`` has the last word, and
    ``last_word`` is its side (None for a claim of no side). ``cyclic`` chains end
    where every answer would repeat a claim already in the chain: nobody has the last word.
    """

    claims: tuple[str, ...]
    last_word: str | None
    cyclic: bool = False

    def __len__(self) -> int:
        return len(self.claims)


@dataclass(frozen=True, slots=True)
class SideSummary:
    """What stands of one side's case."""

    side: str | None
    label: str
    claims: int
    status: Mapping[str, int]
    theses: Mapping[str, str]  # thesis key → status name
    dropped_by_opponents: int  # this side's claims the others never answered


class MapAnalysis:
    """Every analysis of a workspace, read by all views.

    The grounded status is computed up front (everything else leans on it); the rest is
    computed the first time a view asks for it and kept, so a diagram that shows no
    chains or strengths does not pay for them.
    """

    def __init__(self, workspace: Workspace, graph: nx.DiGraph, status: Mapping[str, Label], strength_semantics: str = "dfquad") -> None:
        self.workspace = workspace
        self.graph = graph
        self.status = status  # claim and relation keys
        self.strength_semantics = strength_semantics

    def attackers_in(self, key: str) -> list[Relation]:
        """Why a claim or relation is OUT: the attacking relations that are IN."""
        return [r for r in _attacks_on(self.graph, key) if self.status.get(r.key) is Label.IN]

    @cached_property
    def _strength(self) -> tuple[dict[str, float], bool]:
        from argmap.analysis.strength import claim_strength

        return claim_strength(self.graph, self.status, self.strength_semantics)

    @property
    def strength(self) -> Mapping[str, float]:
        """Gradual strength per claim key, in [0, 1]."""
        return self._strength[0]

    @property
    def converged(self) -> bool:
        """Whether the strength computation converged (see :mod:`argmap.analysis.gradual`)."""
        return self._strength[1]

    @cached_property
    def dropped(self) -> frozenset[str]:
        return dropped_claims(self.workspace, self.graph)

    @cached_property
    def clashes(self) -> tuple[Clash, ...]:
        return clash_points(self.workspace, self.graph)

    @cached_property
    def chains(self) -> tuple[Chain, ...]:
        return rebuttal_chains(self.workspace, self.graph)

    @cached_property
    def _scope(self) -> list[Claim]:
        return [c for c in graph_claims(self.graph) if self.workspace.is_primary(c.key)]

    @cached_property
    def unsupported(self) -> frozenset[str]:
        """Claims (not evidence) of the maps asked for that nothing supports."""
        return frozenset(c.key for c in self._scope if c.kind is not ClaimKind.EVIDENCE and not incoming(self.graph, c.key, RelationKind.SUPPORT))

    @cached_property
    def isolated(self) -> frozenset[str]:
        """Claims of the maps asked for that take part in no relation."""
        return frozenset(c.key for c in self._scope if self.graph.degree(c.key) == 0)

    @cached_property
    def sides(self) -> tuple[SideSummary, ...]:
        """What stands of each side's case, in display order, then claims of no side."""
        workspace, status, dropped = self.workspace, self.status, self.dropped
        labels: dict[str | None, str] = {}
        for stem in (*workspace.primary, *workspace.maps):
            for side in workspace.maps[stem].sides.values():
                labels.setdefault(side.id, side.label)
        labels[None] = "no side"
        per_side: dict[str | None, list[Claim]] = defaultdict(list)
        for claim in self._scope:
            per_side[workspace.side(claim)].append(claim)
        return tuple(
            SideSummary(
                side,
                labels.get(side, str(side)),
                len(members),
                dict(Counter(status[c.key].name for c in members)),
                {c.key: status[c.key].name for c in members if c.kind is ClaimKind.THESIS},
                sum(c.key in dropped for c in members),
            )
            for side, members in sorted(per_side.items(), key=lambda item: list(labels).index(item[0]))
        )

    def __getstate__(self) -> dict[str, object]:
        """What a pickle (argmap's cache) keeps: the workspace, the status and what the
        explorer's first screen shows (strength, dropped claims), nothing else.

        The graph is left out: rebuilding it from the workspace is several times faster
        than unpickling networkx's dicts of dicts. So are the other lazy analyses (clashes,
        chains, …): they are computed again in the background after the first screen, as
        on a cold start, in a fraction of a second at 10k claims, while pickling them made
        the pickler's memo, and so the peak memory of caching a 100k-claim map, larger.
        """
        return {name: value for name, value in self.__dict__.items() if name in _PICKLED}

    def __setstate__(self, state: dict[str, object]) -> None:
        from argmap.graph import build_graph

        self.__dict__.update(state)
        self.graph = build_graph(self.workspace)

    def ready(self, name: str) -> bool:
        """Whether the lazy analysis ``name`` is computed (so a view can show it without waiting)."""
        return ("_strength" if name in ("strength", "converged") else name) in self.__dict__

    def compute_all(self) -> MapAnalysis:
        """Compute every lazy part now (before caching the analysis, say); returns self."""
        for name in ("strength", "dropped", "clashes", "chains", "unsupported", "isolated", "sides"):
            getattr(self, name)
        return self


_PICKLED = frozenset({"workspace", "status", "strength_semantics", "_strength", "dropped"})
"""The attributes of a :class:`MapAnalysis` that :meth:`MapAnalysis.__getstate__` keeps."""


def _attacks_on(graph: nx.DiGraph, key: str) -> Iterator[Relation]:
    """Attack relations that defeat ``key`` when IN: on it, or on one of its premises."""
    for rel in incoming(graph, key):
        if rel.kind.is_attack:
            yield rel
    node = graph._node[key]
    if node["type"] == "relation":
        for premise in node["relation"].premises:
            for rel in incoming(graph, premise):
                if rel.kind.is_attack:
                    yield rel


@dataclass(frozen=True, slots=True)
class _Index:
    """What the analyses below walk, indexed by claim in one pass over the relations (in
    the order :func:`~argmap.graph.incoming` and :func:`~argmap.graph.outgoing` give them):
    asking the graph for each claim again costs several times more at 10k claims."""

    attacks_on: Mapping[str, list[Relation]]  # claim or relation key → attacks on it
    stated: Mapping[str, list[Relation]]  # claim key → relations it states (as source)

    @classmethod
    def of(cls, graph: nx.DiGraph) -> _Index:
        attacks_on: dict[str, list[Relation]] = defaultdict(list)
        stated: dict[str, list[Relation]] = defaultdict(list)
        for rel in graph_relations(graph):
            stated[rel.source].append(rel)
            if rel.kind.is_attack:
                attacks_on[rel.target].append(rel)
        return cls(attacks_on, stated)

    def answers(self, key: str, *, speakers_only: bool = False) -> Iterator[Relation]:
        """Attacks on claim ``key`` or on an inference it states; with ``speakers_only``,
        not through an analyst's link. The answering claim is each relation's source."""
        for target in (key, *(r.key for r in self.stated.get(key, ()))):
            for rel in self.attacks_on.get(target, ()):
                if not (speakers_only and ANALYST_LINK in rel.tags):
                    yield rel


def attack_framework(graph: nx.DiGraph) -> Framework:
    """The AFRA-style Dung framework of a map: claims and relations as arguments.

    Each argument is attacked by the attacks on it and, for a relation, by the attacks on
    its premises (as :func:`_attacks_on` says, here read from one index of attacks).
    The attacks go straight into index arrays, not through a list of (attacker, target)
    name pairs: at 100k claims those were 200k tuples, 15 MB, on top of the graph.
    """
    attacks_on = _Index.of(graph).attacks_on
    number = {key: i for i, key in enumerate(graph._node)}
    attackers, targets = array("q"), array("q")
    for key, data in graph._node.items():
        at = number[key]
        for rel in attacks_on.get(key, ()):
            attackers.append(number[rel.key])
            targets.append(at)
        if data["type"] == "relation":
            for premise in data["relation"].premises:
                for rel in attacks_on.get(premise, ()):
                    attackers.append(number[rel.key])
                    targets.append(at)
    return Framework.from_indices(list(number), np.frombuffer(attackers, np.int64), np.frombuffer(targets, np.int64))


def claim_sides(workspace: Workspace) -> dict[str, str | None]:
    """Each claim's side (None for no side), looked up once: the analyses below ask it
    of every claim and every answer, often several times."""
    return {key: workspace.side(claim) for key, claim in workspace.claims.items()}


def _concedes(graph: nx.DiGraph, index: _Index, sides: Mapping[str, str | None], key: str, side: str) -> bool:
    """True when every relation the claim states supports another side: a concession,
    which the other side has no reason to answer."""
    stated = index.stated.get(key)
    if not stated:
        return False
    nodes = graph._node
    for rel in stated:
        if rel.kind.is_attack or "claim" not in nodes[rel.target] or sides[rel.target] in (None, side):
            return False
    return True


def dropped_claims(workspace: Workspace, graph: nx.DiGraph) -> frozenset[str]:
    """Claims of a side, in the maps asked for, that no other side answers in the same
    or a later source. Concessions (claims that only support another side) are not
    dropped: nobody answers agreement."""
    sides = claim_sides(workspace)
    index = _Index.of(graph)
    claims = workspace.claims
    dropped = set()
    for claim in graph_claims(graph):
        side = sides[claim.key]
        if side is None or not workspace.is_primary(claim.key) or _concedes(graph, index, sides, claim.key, side):
            continue
        said = workspace.speech_order(claim)
        answered = False
        for rel in index.answers(claim.key, speakers_only=True):
            other = sides[rel.source]
            if other is None or other == side:
                continue
            answer = claims[rel.source]
            when = workspace.speech_order(answer)
            if said is None or when is None or answer.map != claim.map or when >= said:
                answered = True
                break
        if not answered:
            dropped.add(claim.key)
    return frozenset(dropped)


def clash_points(workspace: Workspace, graph: nx.DiGraph) -> tuple[Clash, ...]:
    """Every rebuttal or undercut across sides that touches a map asked for."""
    sides = claim_sides(workspace)
    nodes = graph._node
    found = []
    for rel in graph_relations(graph):
        if not rel.kind.is_attack:
            continue
        target = rel.target
        if nodes[target]["type"] == "relation":
            target = nodes[target]["relation"].target  # an undercut clashes with the conclusion
            if nodes[target]["type"] == "relation":
                continue
        if not (workspace.is_primary(rel.source) or workspace.is_primary(target)):
            continue
        a_side, t_side = sides[rel.source], sides[target]
        if a_side is not None and t_side is not None and a_side != t_side:
            found.append(Clash(rel.source, target, rel.key, a_side, t_side))
    return tuple(found)


def rebuttal_chains(workspace: Workspace, graph: nx.DiGraph, limit: int = MAX_CHAINS) -> tuple[Chain, ...]:
    """Maximal alternating attack paths, from each claim that is answered but answers nothing.

    A chain ends where nobody answers (that claim has the last word) or where it would
    revisit a claim (``cyclic``: nobody has the last word).
    """
    sides = claim_sides(workspace)
    index = _Index.of(graph)
    answering: dict[str, list[str]] = {}

    def attackers(key: str) -> list[str]:
        """Claims of another side that attack ``key`` or an inference it states (kept:
        a walk asks again for every path through a claim)."""
        found = answering.get(key)
        if found is None:
            side = sides[key]
            found = answering[key] = list(dict.fromkeys(r.source for r in index.answers(key) if sides[r.source] != side))
        return found

    chains: list[Chain] = []
    attacked = [c.key for c in graph_claims(graph) if workspace.is_primary(c.key) and attackers(c.key)]
    # start where a dispute begins: an attacked claim that attacks nothing itself
    starts = [key for key in attacked if not any(r.kind.is_attack for r in index.stated.get(key, ()))]
    covered: set[str] = set()

    def walk(start: str) -> None:
        stack: list[tuple[str, ...]] = [(start,)]
        while stack and len(chains) < limit:
            path = stack.pop()
            answers = attackers(path[-1])
            fresh = [a for a in answers if a not in path]
            if not answers:
                chains.append(Chain(path, sides[path[-1]]))
                covered.update(path)
            elif not fresh:
                chains.append(Chain(path, None, cyclic=True))
                covered.update(path)
            for a in reversed(fresh):
                stack.append((*path, a))

    for start in starts:
        walk(start)
    for key in attacked:  # disputes that are pure cycles have no such start
        if key not in covered:
            walk(key)
    return tuple(chains)


@collector.paused()
def analyze(workspace: Workspace, graph: nx.DiGraph | None = None, *, strength_semantics: str = "dfquad") -> MapAnalysis:
    """Analyse ``workspace`` (building its graph unless given): status now, the rest on demand."""
    from argmap.graph import build_graph

    graph = graph if graph is not None else build_graph(workspace)
    framework = attack_framework(graph)
    status = dict(zip(framework.arguments, grounded_labelling(framework)))
    return MapAnalysis(workspace, graph, status, strength_semantics)
