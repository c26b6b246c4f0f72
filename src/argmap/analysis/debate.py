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

A **partial** attack answers part of its target: it is an answer, and it lowers the
target's strength, but it does not defeat it (the rest of the claim still stands).

**Responses** are what a judge asks of every claim: did the other side answer it? Sources
are speeches, in order, and a speech's sides are those of the claims quoted from it (a
claim tagged ``reported`` is another speaker's report, no speech of its own side's). An
unanswered claim is *dropped* only where another side spoke later (or in the same speech)
and took up that speech: it says it ``replies-to`` it, or one of its speakers links to a
claim of it. Otherwise it had *no chance of a reply* (nobody of another side spoke after
it) or was *not engaged* (they spoke, but never to this speech). A claim another side
grants (``conceded``, or supports) is *conceded*; a claim that only grants the other
side's is a *concession*: nobody answers agreement. A relation tagged ``analyst-link``
(:mod:`argmap.analysis.links`) is no answer a speaker gave; with ``Links.ALL`` it counts
for status and strength, never as an answer.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

from argmap import collector
from argmap.analysis.label import Label
from argmap.analysis.links import ANALYST_LINK, REPORTED, Links, analyst_relations, with_links
from argmap.graph import Adjacency, Graph, incoming, outgoing
from argmap.graph import claims as graph_claims
from argmap.graph import relations as graph_relations
from argmap.model import Claim, ClaimKind, Relation, RelationKind, Workspace

if TYPE_CHECKING:  # both imported where they compute: a cached analysis is read without them
    import networkx as nx

    from argmap.analysis.dung import Framework

__all__ = [
    "Agreement",
    "Chain",
    "Clash",
    "MapAnalysis",
    "Response",
    "SideSummary",
    "analyze",
    "attack_framework",
    "attack_indices",
    "claim_sides",
    "clash_points",
    "dropped_claims",
    "rebuttal_chains",
    "responses",
]

MAX_CHAINS = 2_000
"""Rebuttal chains listed at most (a dense map has exponentially many paths)."""


class Response(str, Enum):
    """What became of a claim of one side, as a judge reads the flow."""

    ANSWERED = "answered"
    ANSWERED_IN_PART = "answered in part"
    CONCEDED = "conceded"
    CONCESSION = "concession"
    DROPPED = "dropped"
    NO_CHANCE = "no chance to reply"
    NOT_ENGAGED = "not engaged"

    @property
    def meaning(self) -> str:
        """One line for a student."""
        return _MEANINGS[self]


_NOUNS = {RelationKind.SUPPORT: "support", RelationKind.REBUT: "rebuttal", RelationKind.UNDERCUT: "undercut"}

_MEANINGS = {
    Response.ANSWERED: "another side answered it",
    Response.ANSWERED_IN_PART: "another side answered part of it; the rest stands",
    Response.CONCEDED: "another side granted it",
    Response.CONCESSION: "it grants a point of another side; nobody answers agreement",
    Response.DROPPED: "another side spoke later, took up this speech, and left it unanswered",
    Response.NO_CHANCE: "nobody of another side spoke after it: no reply was possible",
    Response.NOT_ENGAGED: "another side spoke later but never took up this speech",
}


@dataclass(frozen=True, slots=True)
class Agreement:
    """Where sides agree: ``claim`` of one side is granted by ``by`` (a speaker), through
    ``relation`` (a support across sides) or by a ``conceded`` mark (``relation`` None)."""

    claim: str
    by: str | None
    grantor_claim: str | None
    relation: str | None


@dataclass(frozen=True, slots=True)
class Clash:
    """A direct attack across sides: ``attacker`` rebuts or undercuts ``target``."""

    attacker: str
    target: str
    relation: str
    attacker_side: str | None
    target_side: str | None
    partial: bool = False


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
    dropped_by_opponents: int  # this side's claims the others dropped
    responses: Mapping[str, int]  # response value → claims of this side
    burden: str | None = None


class MapAnalysis:
    """Every analysis of a workspace, read by all views.

    The grounded status is computed up front (everything else leans on it); the rest is
    computed the first time a view asks for it and kept, so a diagram that shows no
    chains or strengths does not pay for them. The analyses read the graph's tables
    (``adjacency``); the networkx ``graph`` over them is made when a view first asks for it.
    """

    def __init__(
        self, workspace: Workspace, graph: Graph, status: Mapping[str, Label], strength_semantics: str = "dfquad",
        links: Links = Links.ALL, left_out: frozenset[str] = frozenset(), index: _Index | None = None,
    ) -> None:
        self.workspace = workspace  # with only the relations ``links`` counts
        self.adjacency = graph  # an Adjacency, or the networkx graph a caller built
        self.status = status  # claim and relation keys
        self.strength_semantics = strength_semantics
        self.links = links
        self.left_out = left_out  # the analyst's relations not counted
        if index is not None:  # the status's (see analyze), shared with the analyses below
            self._index = index

    @cached_property
    def _index(self) -> _Index:
        return _Index.of(self.adjacency)

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The networkx graph of the workspace analysed (importing networkx: the explorer's
        first screen reads ``adjacency`` and does without it)."""
        from argmap.graph import as_digraph

        adjacency = self.adjacency
        return as_digraph(adjacency) if isinstance(adjacency, Adjacency) else adjacency

    def attackers_in(self, key: str) -> list[Relation]:
        """Why a claim or relation is OUT: the attacking relations that are IN."""
        return [r for r in _attacks_on(self.adjacency, key) if self.status.get(r.key) is Label.IN]

    def answers(self, key: str) -> list[Relation]:
        """Every attack on claim ``key`` itself, partial ones included."""
        return [r for r in incoming(self.adjacency, key) if r.kind.is_attack]

    def reason(self, key: str) -> str:
        """Why a claim has its status, in words a student reads: who answers it, where,
        and what became of that answer."""
        status = self.status[key]
        answers = self.answers(key)
        full = [r for r in answers if not r.partial]
        partial = [r for r in answers if r.partial]
        if status is Label.OUT:
            what = "; ".join(self._answer_phrase(r) for r in self.attackers_in(key))
            return f"falls: answered by {what}"
        if status is Label.UNDEC:
            open_ = [r for r in full if self.status.get(r.key) is not Label.OUT]
            what = "; ".join(self._answer_phrase(r, said=False) for r in open_)
            return f"open: answered by {what}, and the answers go round in a circle, so nobody has the last word"
        if not full:
            if partial:
                return f"stands: only answered in part, by {'; '.join(self._answer_phrase(r, said=False) for r in partial)}"
            inferences = [
                (stated, attack) for stated in outgoing(self.adjacency, key) for attack in incoming(self.adjacency, stated.key) if attack.kind.is_attack
            ]
            if inferences:
                what = "; ".join(f"its {_NOUNS[stated.kind]} of {self._name(stated.target)} is answered by {self._answer_phrase(attack, said=False)}" for stated, attack in inferences)
                return f"stands: nothing answers the claim itself, but {what}"
            return "stands: nothing answers it"
        fallen = "; ".join(f"{self._name(r.source)}{self._own_side(key, r)}, which {self._falls_to(r)}" for r in full)
        return f"stands: the objections to it fall ({fallen})"

    def _own_side(self, key: str, rel: Relation) -> str:
        """A marker for an objection a claim's own side raises (a caveat, not an answer)."""
        claims = self.workspace.claims
        mine, theirs = claims.get(key), claims.get(rel.source)
        if mine is None or theirs is None:
            return ""
        side = self.workspace.side(mine)
        return " [its own side's caveat]" if side is not None and side == self.workspace.side(theirs) else ""

    def _name(self, key: str) -> str:
        return self.workspace.display_id(key)

    def _answer_phrase(self, rel: Relation, said: bool = True) -> str:
        """``X (Speaker, in Source)``, marked when the link is the analyst's, and for an
        answer that stands, whether anyone answered it back."""
        claim = self.workspace.claims.get(rel.source)
        where = []
        if claim is not None:
            speaker = self.workspace.speaker(claim)
            source = self.workspace.source(claim)
            where = [speaker.name if speaker else "", f"in {source.title}" if source else ""]
        bits = ", ".join(w for w in where if w)
        phrase = self._name(rel.source) + (f" ({bits})" if bits else "")
        if rel.kind is RelationKind.UNDERCUT:
            phrase += ", which undercuts the inference"
        if ANALYST_LINK in rel.tags:
            phrase += " [an analyst's link: the texts do not make it]"
        if said:
            back = [r for r in incoming(self.adjacency, rel.source) if r.kind.is_attack and not r.partial]
            phrase += ", which nobody answered" if not back else ", whose answers fall"
        return phrase

    def _falls_to(self, rel: Relation) -> str:
        """Why an answer that is OUT does not count: its claim falls, or its inference does."""
        if self.status.get(rel.source) is Label.OUT:
            by = ", ".join(self._name(r.source) for r in self.attackers_in(rel.source))
            return f"falls to {by}"
        by = ", ".join(self._name(r.source) for r in self.attackers_in(rel.key))
        return f"loses its force to {by}" if by else "is open"

    @cached_property
    def _strength(self) -> tuple[dict[str, float], bool]:
        from argmap.analysis.strength import claim_strength

        return claim_strength(self.adjacency, self.status, self.strength_semantics)

    @property
    def strength(self) -> Mapping[str, float]:
        """Gradual strength per claim key, in [0, 1]."""
        return self._strength[0]

    @property
    def converged(self) -> bool:
        """Whether the strength computation converged (see :mod:`argmap.analysis.gradual`)."""
        return self._strength[1]

    @cached_property
    def responses(self) -> Mapping[str, Response]:
        """What became of each claim of a side in the maps asked for."""
        return responses(self.workspace, self.adjacency, index=self._index)

    @cached_property
    def dropped(self) -> frozenset[str]:
        """Claims the other side could have answered, took up the speech of, and did not."""
        return frozenset(key for key, response in self.responses.items() if response is Response.DROPPED)

    @cached_property
    def agreements(self) -> tuple[Agreement, ...]:
        return agreements(self.workspace, self.adjacency)

    @cached_property
    def clashes(self) -> tuple[Clash, ...]:
        return clash_points(self.workspace, self.adjacency)

    @cached_property
    def chains(self) -> tuple[Chain, ...]:
        return rebuttal_chains(self.workspace, self.adjacency, index=self._index)

    @cached_property
    def _scope(self) -> list[Claim]:
        return [c for c in graph_claims(self.adjacency) if self.workspace.is_primary(c.key)]

    @cached_property
    def unsupported(self) -> frozenset[str]:
        """Claims (not evidence) of the maps asked for that nothing supports."""
        return frozenset(c.key for c in self._scope if c.kind is not ClaimKind.EVIDENCE and not incoming(self.adjacency, c.key, RelationKind.SUPPORT))

    @cached_property
    def isolated(self) -> frozenset[str]:
        """Claims of the maps asked for that take part in no relation."""
        return frozenset(c.key for c in self._scope if self.adjacency.degree(c.key) == 0)

    @cached_property
    def sides(self) -> tuple[SideSummary, ...]:
        """What stands of each side's case, in display order, then claims of no side."""
        workspace, status, dropped = self.workspace, self.status, self.dropped
        labels: dict[str | None, str] = {}
        burdens: dict[str | None, str | None] = {}
        for stem in (*workspace.primary, *workspace.maps):
            for side in workspace.maps[stem].sides.values():
                labels.setdefault(side.id, side.label)
                burdens.setdefault(side.id, side.burden)
        responses = self.responses
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
                dict(Counter(responses[c.key].value for c in members if c.key in responses)),
                burdens.get(side),
            )
            for side, members in sorted(per_side.items(), key=lambda item: list(labels).index(item[0]))
        )

    def __getstate__(self) -> dict[str, object]:
        """What a pickle (argmap's cache) keeps: the workspace, the status and what the
        explorer's first screen shows (strength, dropped claims), nothing else.

        The graph is left out: rebuilding its tables from the workspace is several times
        faster than unpickling them, and networkx's graph over them is made when asked for. So are the other lazy analyses (clashes,
        chains, …): they are computed again in the background after the first screen, as
        on a cold start, in a fraction of a second at 10k claims, while pickling them made
        the pickler's memo, and so the peak memory of caching a 100k-claim map, larger.
        """
        return {name: value for name, value in self.__dict__.items() if name in _PICKLED}

    def __setstate__(self, state: dict[str, object]) -> None:
        from argmap.graph import build_adjacency

        self.__dict__.update(state)
        self.adjacency = build_adjacency(self.workspace)

    def ready(self, name: str) -> bool:
        """Whether the lazy analysis ``name`` is computed (so a view can show it without waiting)."""
        return ("_strength" if name in ("strength", "converged") else name) in self.__dict__

    def compute_all(self) -> MapAnalysis:
        """Compute every lazy part now (off the UI thread, say); returns self."""
        for name in ("strength", "responses", "dropped", "agreements", "clashes", "chains", "unsupported", "isolated", "sides"):
            getattr(self, name)
        return self

    def compute_kept(self) -> MapAnalysis:
        """Compute the lazy parts a pickle keeps (:meth:`__getstate__`), and no other: what
        a cache entry must hold for the explorer's first screen; returns self."""
        for name in ("strength", "responses", "dropped"):
            getattr(self, name)
        return self


_PICKLED = frozenset({"workspace", "status", "strength_semantics", "links", "left_out", "_strength", "responses", "dropped"})
"""The attributes of a :class:`MapAnalysis` that :meth:`MapAnalysis.__getstate__` keeps."""


def _attacks_on(graph: Graph, key: str) -> Iterator[Relation]:
    """Attack relations that defeat ``key`` when IN: on it, or on one of its premises."""
    for rel in incoming(graph, key):
        if rel.kind.is_attack and not rel.partial:
            yield rel
    node = graph._node[key]
    if node["type"] == "relation":
        for premise in node["relation"].premises:
            for rel in incoming(graph, premise):
                if rel.kind.is_attack and not rel.partial:
                    yield rel


@dataclass(frozen=True, slots=True)
class _Index:
    """What the analyses below walk, indexed by claim in one pass over the relations (in
    the order :func:`~argmap.graph.incoming` and :func:`~argmap.graph.outgoing` give them):
    asking the graph for each claim again costs several times more at 10k claims."""

    attacks_on: Mapping[str, list[Relation]]  # claim or relation key → attacks on it, partial ones too
    stated: Mapping[str, list[Relation]]  # claim key → relations it states (as source)
    supports_of: Mapping[str, list[Relation]]  # claim key → supports of it

    @classmethod
    def of(cls, graph: Graph) -> _Index:
        attacks_on: dict[str, list[Relation]] = defaultdict(list)
        stated: dict[str, list[Relation]] = defaultdict(list)
        supports_of: dict[str, list[Relation]] = defaultdict(list)
        for rel in graph_relations(graph):
            stated[rel.source].append(rel)
            if rel.kind.is_attack:
                attacks_on[rel.target].append(rel)
            else:
                supports_of[rel.target].append(rel)
        return cls(attacks_on, stated, supports_of)

    def answers(self, key: str, *, speakers_only: bool = False) -> Iterator[Relation]:
        """Attacks on claim ``key`` or on an inference it states; with ``speakers_only``,
        not through an analyst's link. The answering claim is each relation's source."""
        for target in (key, *(r.key for r in self.stated.get(key, ()))):
            for rel in self.attacks_on.get(target, ()):
                if not (speakers_only and ANALYST_LINK in rel.tags):
                    yield rel


def attack_framework(graph: Graph) -> Framework:
    """The AFRA-style Dung framework of a map: claims and relations as arguments (as
    :func:`attack_indices` numbers them)."""
    return _framework(*attack_indices(graph))


def _framework(names: list[str], attackers: array[int], targets: array[int]) -> Framework:
    import numpy as np

    from argmap.analysis.dung import Framework

    return Framework.from_indices(names, np.frombuffer(attackers, np.int64), np.frombuffer(targets, np.int64))


def attack_indices(graph: Graph, *, index: _Index | None = None) -> tuple[list[str], array[int], array[int]]:
    """The arguments of a map's framework (its claims and relations, numbered in graph order)
    and its attacks, as two arrays of indices: attack ``i`` is ``attackers[i]`` → ``targets[i]``.

    Each argument is attacked by the attacks on it and, for a relation, by the attacks on
    its premises (as :func:`_attacks_on` says, here read from one index of attacks).
    The attacks go straight into index arrays, not through a list of (attacker, target)
    name pairs: at 100k claims those were 200k tuples, 15 MB, on top of the graph.
    ``index``: the graph's, if the caller has it (:func:`responses` and
    :func:`rebuttal_chains` take one too: made once, it is 20-30 ms less each at 10k claims).
    """
    attacks_on = (index or _Index.of(graph)).attacks_on
    number = {key: i for i, key in enumerate(graph._node)}
    attackers, targets = array("q"), array("q")
    premises_of = {rel.key: rel.premises for rel in graph_relations(graph)}  # not a node's data made for each
    for key, at in number.items():
        for rel in attacks_on.get(key, ()):
            if not rel.partial:  # a partial answer leaves its target standing
                attackers.append(number[rel.key])
                targets.append(at)
        for premise in premises_of.get(key, ()):
            for rel in attacks_on.get(premise, ()):
                if not rel.partial:
                    attackers.append(number[rel.key])
                    targets.append(at)
    return list(number), attackers, targets


def claim_sides(workspace: Workspace) -> dict[str, str | None]:
    """Each claim's side (None for no side), looked up once: the analyses below ask it
    of every claim and every answer, often several times."""
    return {key: workspace.side(claim) for key, claim in workspace.claims.items()}


def _concedes(graph: Graph, index: _Index, sides: Mapping[str, str | None], key: str, side: str) -> bool:
    """True when every relation the claim's speaker states supports another side: a
    concession, which the other side has no reason to answer. An analyst's link is no
    statement of the speaker's, so it makes nothing a concession."""
    stated = [rel for rel in index.stated.get(key, ()) if ANALYST_LINK not in rel.tags]
    if not stated:
        return False
    nodes = graph._node
    for rel in stated:
        if rel.kind.is_attack or "claim" not in nodes[rel.target] or sides[rel.target] in (None, side):
            return False
    return True


def _speeches(workspace: Workspace, sides: Mapping[str, str | None]) -> dict[tuple[str, str | None], set[str]]:
    """The sides that speak in each source of each map: ``(map, source id)`` → sides.

    Claims without a quote make up a speech of their own, ``(map, None)``: when they were
    said is unknown. A claim tagged ``reported`` is another speaker's report of it, so it
    makes nobody a speaker of that source.
    """
    speaking: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for key, claim in workspace.claims.items():
        side = sides[key]
        if side is not None and REPORTED not in claim.tags:
            speaking[claim.map, claim.quote.source if claim.quote else None].add(side)
    return speaking


def _engagements(workspace: Workspace, graph: Graph, sides: Mapping[str, str | None]) -> set[tuple[str, str | None, str | None]]:
    """``(map, later source, earlier source)``: a later speech took up an earlier one, by
    saying it ``replies-to`` it or by a speaker's link (any kind, either way) between them."""
    taken: set[tuple[str, str | None, str | None]] = set()
    for stem, m in workspace.maps.items():
        for source in m.sources.values():
            for earlier in source.replies_to:
                taken.add((stem, source.id, earlier))
    claims, relations = workspace.claims, workspace.relations
    for rel in graph_relations(graph):
        if ANALYST_LINK in rel.tags:
            continue
        target = rel.target
        if target not in claims:  # an undercut: it takes up the speech of the relation's claim
            target = relations[target].source if target in relations else target
        a, b = claims.get(rel.source), claims.get(target)
        if a is None or b is None:
            continue
        stem = a.key.partition(":")[0]  # a.map, without a property call per relation
        if stem != b.key.partition(":")[0] or sides[a.key] == sides[b.key]:
            continue
        qa, qb = (a.quote.source if a.quote else None), (b.quote.source if b.quote else None)
        taken.add((stem, qa, qb))
        taken.add((stem, qb, qa))
    return taken


def responses(workspace: Workspace, graph: Graph, *, index: _Index | None = None) -> dict[str, Response]:
    """What became of each claim of a side in the maps asked for (see the module's docstring);
    ``index``: the graph's, if the caller has it."""
    sides = claim_sides(workspace)
    index = index or _Index.of(graph)
    claims = workspace.claims
    speaking = _speeches(workspace, sides)
    taken = _engagements(workspace, graph, sides)
    # when each claim was said, and in which map: asked of every claim and of every answer
    said_of = {key: (key.partition(":")[0], workspace.speech_order(claim)) for key, claim in claims.items()}
    found: dict[str, Response] = {}
    fates: dict[tuple[str, str | None, str], Response] = {}
    for claim in graph_claims(graph):
        side = sides[claim.key]
        if side is None or not workspace.is_primary(claim.key):
            continue
        stem, said = said_of[claim.key]
        partly = False
        answered = False
        for rel in index.answers(claim.key, speakers_only=True):
            other = sides[rel.source]
            if other is None or other == side:
                continue
            where, when = said_of[rel.source]
            if said is None or when is None or where != stem or when >= said:
                if rel.partial:
                    partly = True
                else:
                    answered = True
                    break
        if answered:
            found[claim.key] = Response.ANSWERED
        elif partly:
            found[claim.key] = Response.ANSWERED_IN_PART
        elif claim.conceded or any(_grants(r, side, sides) for r in index.supports_of.get(claim.key, ())):
            found[claim.key] = Response.CONCEDED
        elif _concedes(graph, index, sides, claim.key, side):
            found[claim.key] = Response.CONCESSION
        else:
            # the same for every claim of this side in this speech: worked out once per speech
            speech = (claim.map, claim.quote.source if claim.quote else None, side)
            fate = fates.get(speech)
            if fate is None:
                fate = fates[speech] = _unanswered(workspace, claim, side, said, speaking, taken)
            found[claim.key] = fate
    return found


def _grants(rel: Relation, side: str, sides: Mapping[str, str | None]) -> bool:
    """A support a speaker of another side gives: agreement in the texts."""
    other = sides.get(rel.source)
    return other is not None and other != side and ANALYST_LINK not in rel.tags


def _unanswered(
    workspace: Workspace, claim: Claim, side: str, said: int | None,
    speaking: Mapping[tuple[str, str | None], set[str]], taken: set[tuple[str, str | None, str | None]],
) -> Response:
    """Dropped, not engaged, or beyond reply: who of another side spoke after it, and to what.

    The same speech counts as a chance to answer: a letter that quotes its opponent has
    the floor to answer what it quotes. A claim with no quote could have been answered in
    any speech of the map.
    """
    stem, mine = claim.map, (claim.quote.source if claim.quote else None)
    sources = workspace.maps[stem].sources.values()
    candidates = [*(s.id for s in sources), None] if said is None else [s.id for s in sources if s.order >= said]
    chances = [s for s in candidates if speaking.get((stem, s), set()) - {side}]
    if not chances:
        return Response.NO_CHANCE
    if said is None or any(s == mine or (stem, s, mine) in taken for s in chances):
        return Response.DROPPED
    return Response.NOT_ENGAGED


def dropped_claims(workspace: Workspace, graph: Graph) -> frozenset[str]:
    """Claims another side could have answered, took up the speech of, and did not."""
    return frozenset(key for key, response in responses(workspace, graph).items() if response is Response.DROPPED)


def agreements(workspace: Workspace, graph: Graph) -> tuple[Agreement, ...]:
    """Where the sides agree: supports across sides a speaker gives, and conceded claims."""
    sides = claim_sides(workspace)
    found = []
    for rel in graph_relations(graph):
        if rel.kind is not RelationKind.SUPPORT or rel.target not in workspace.claims:
            continue
        a, b = sides.get(rel.source), sides.get(rel.target)
        if a is None or b is None or a == b or not (workspace.is_primary(rel.source) or workspace.is_primary(rel.target)):
            continue
        found.append(Agreement(rel.target, workspace.claims[rel.source].by, rel.source, rel.key))
    for key, claim in workspace.claims.items():
        if claim.conceded and workspace.is_primary(key):
            found.append(Agreement(key, claim.conceded, None, None))
    return tuple(found)


def clash_points(workspace: Workspace, graph: Graph) -> tuple[Clash, ...]:
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
            found.append(Clash(rel.source, target, rel.key, a_side, t_side, rel.partial))
    return tuple(found)


def rebuttal_chains(workspace: Workspace, graph: Graph, limit: int = MAX_CHAINS, *, index: _Index | None = None) -> tuple[Chain, ...]:
    """Maximal alternating attack paths, from each claim that is answered but answers nothing.

    A chain ends where nobody answers (that claim has the last word) or where it would
    revisit a claim (``cyclic``: nobody has the last word).
    """
    sides = claim_sides(workspace)
    index = index or _Index.of(graph)
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
        """Every path from ``start``, depth first, answers in order: one path, grown and cut
        back, with a set of the claims on it (asking a path of hundreds whether it held each
        answer made chains hundreds deep quadratic: 4 s at 10k claims)."""
        path, on_path = [start], {start}
        covered.add(start)  # every claim walked ends up in a chain (or the limit ends the walks)
        unwalked: list[Iterator[str]] = []  # per claim of the path: its answers not walked yet
        while len(chains) < limit:
            answers = attackers(path[-1])
            fresh = [a for a in answers if a not in on_path]
            if not answers:
                chains.append(Chain(tuple(path), sides[path[-1]]))
            elif not fresh:
                chains.append(Chain(tuple(path), None, cyclic=True))
            unwalked.append(iter(fresh))
            while unwalked:  # on to the next answer of the deepest claim that has one left
                following = next(unwalked[-1], None)
                if following is not None:
                    path.append(following)
                    on_path.add(following)
                    covered.add(following)
                    break
                unwalked.pop()
                on_path.discard(path.pop())
            else:
                return

    for start in starts:
        walk(start)
    for key in attacked:  # disputes that are pure cycles have no such start
        if key not in covered:
            walk(key)
    return tuple(chains)


@collector.paused()
def analyze(workspace: Workspace, graph: Graph | None = None, *, strength_semantics: str = "dfquad", links: Links = Links.ALL) -> MapAnalysis:
    """Analyse ``workspace`` on the relations ``links`` counts (building its graph's tables
    unless given a graph of the workspace as cut down to those): status now, the rest on demand."""
    from argmap.analysis.grounded import ARRAYS_FROM, grounded_labels
    from argmap.graph import build_adjacency

    left_out = analyst_relations(workspace) if links is Links.TEXTS else frozenset()
    if left_out:
        workspace = with_links(workspace, links)
        graph = None
    graph = graph if graph is not None else build_adjacency(workspace)
    index = _Index.of(graph)
    names, attackers, targets = attack_indices(graph, index=index)
    if len(names) < ARRAYS_FROM:  # the queue alone: no numpy to import
        labels = grounded_labels(len(names), attackers, targets)
    else:
        from argmap.analysis.dung import grounded_labelling

        labels = grounded_labelling(_framework(names, attackers, targets))
    status = dict(zip(names, labels))
    return MapAnalysis(workspace, graph, status, strength_semantics, links, left_out, index)
