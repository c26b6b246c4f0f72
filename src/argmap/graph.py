"""The graph view of a workspace: one networkx ``DiGraph`` that every view reads.

Relations are nodes too (as in AIF, where inferences and conflicts are nodes), so an
undercut can attack a relation and a counter-undercut can attack that undercut:

* a claim node ``"map:claim"`` has ``type="claim"`` and ``claim=`` its :class:`Claim`;
* a relation node ``"map:rel"`` has ``type="relation"`` and ``relation=`` its :class:`Relation`;
* edges run premise → relation (``role="from"`` for the claim that states the relation,
  ``role="with"`` for linked premises) and relation → target (``role="to"``).

The helpers below answer the questions views ask ("what attacks this?", "what is this
claim's role?") so no view re-derives them. They read only the graph's three tables
(nodes, successors, predecessors), so they answer the same from an :class:`Adjacency`,
those tables without networkx: importing networkx takes a quarter of a second, which the
explorer's first screen does not wait for (:func:`build_adjacency`, :func:`as_digraph`).
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, Mapping
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

from argmap import collector
from argmap.model import Claim, ClaimKind, Relation, RelationKind, Workspace

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Adjacency",
    "ClaimNode",
    "Graph",
    "RelationNode",
    "Role",
    "as_digraph",
    "build_adjacency",
    "build_graph",
    "claims",
    "incoming",
    "outgoing",
    "relations",
    "role",
]


class Role(str, Enum):
    """A claim's role, derived from its relations as classic argument maps colour them."""

    THESIS = "thesis"  # written kind: thesis
    REASON = "reason"  # supports something
    OBJECTION = "objection"  # rebuts or undercuts something that is not itself an attack
    REBUTTAL = "rebuttal"  # rebuts or undercuts an objection or a rebuttal
    CLAIM = "claim"  # relates to nothing

    @property
    def is_attack(self) -> bool:
        return self in (Role.OBJECTION, Role.REBUTTAL)


class _NodeData(Mapping[str, Any]):
    """The read-only attribute mapping of one node: ``{"type": …, <type>: the object}``.

    networkx lets node data be any dict-like object; a real dict costs 184 bytes a node,
    this one 40, which is 30 MB at 100k claims (two nodes a claim). It reads like the dict
    it replaces (``data["type"]``, ``data.get("relation")``, ``dict(data)``, iteration), but
    nothing can be written into it: the graph is rebuilt from the workspace, never edited.
    """

    __slots__ = ("_value",)
    _type: ClassVar[str]
    _keys: ClassVar[tuple[str, str]]

    def __init__(self, value: Claim | Relation) -> None:
        self._value = value

    def __getitem__(self, key: str) -> Any:
        if key == "type":
            return self._type
        if key == self._type:
            return self._value
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        # Mapping.get goes through a KeyError for every miss; analyses call this per node
        if key == "type":
            return self._type
        return self._value if key == self._type else default

    def __contains__(self, key: object) -> bool:
        return key == "type" or key == self._type

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return 2

    def copy(self) -> dict[str, Any]:
        """A plain, writable dict of the same items, as ``dict.copy`` gives: networkx's
        ``graph.copy()`` and ``subgraph(…).copy()`` copy node data this way."""
        return dict(self)

    def __repr__(self) -> str:
        return f"{{'type': {self._type!r}, {self._type!r}: {self._value!r}}}"


class ClaimNode(_NodeData):
    """A claim node's data: ``{"type": "claim", "claim": the Claim}``."""

    __slots__ = ()
    _type = "claim"
    _keys = ("type", "claim")


class RelationNode(_NodeData):
    """A relation node's data: ``{"type": "relation", "relation": the Relation}``."""

    __slots__ = ()
    _type = "relation"
    _keys = ("type", "relation")


class _NodeTable(Mapping[str, Mapping[str, Any]]):
    """networkx's node dict (``graph._node``), read from the workspace.

    The workspace already maps every key to its claim or relation, so a node's data (a
    :class:`ClaimNode` or :class:`RelationNode`) is made when asked for rather than kept
    beside it: a dict entry and an object a node, 15 MB at 100k claims. The ends of
    relations that name nothing (a map with errors) are kept in a dict of their own.
    Read-only like the rest of the graph.
    """

    __slots__ = ("_claims", "_relations", "_unknown")

    def __init__(self, workspace: Workspace) -> None:
        self._claims = workspace.claims
        self._relations = workspace.relations
        self._unknown: dict[str, dict[str, Any]] = {}

    def _find(self, key: str) -> Mapping[str, Any] | None:
        claim = self._claims.get(key)
        if claim is not None:
            return ClaimNode(claim)
        rel = self._relations.get(key)
        if rel is not None:
            return RelationNode(rel)
        return self._unknown.get(key)

    def __getitem__(self, key: str) -> Mapping[str, Any]:
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        found = self._find(key)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        return key in self._claims or key in self._relations or key in self._unknown

    def __iter__(self) -> Iterator[str]:
        yield from self._claims
        yield from self._relations
        yield from self._unknown

    def __len__(self) -> int:
        return len(self._claims) + len(self._relations) + len(self._unknown)

    def items(self) -> ItemsView[str, Mapping[str, Any]]:
        return _NodeItems(self)

    def add_unknown(self, key: str) -> None:
        """A node for a key that names no claim or relation (with empty data)."""
        self._unknown[key] = {}


class _NodeItems(ItemsView[str, Mapping[str, Any]]):
    """The items of a :class:`_NodeTable`, made from the workspace's dicts in one pass
    (``graph.nodes(data=True)`` iterates these), not looked up key by key."""

    _mapping: _NodeTable

    def __iter__(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        table = self._mapping
        for key, claim in table._claims.items():
            yield key, ClaimNode(claim)
        for key, rel in table._relations.items():
            yield key, RelationNode(rel)
        yield from table._unknown.items()


class _OneNeighbour(Mapping[str, Any]):
    """The adjacency of a node with one neighbour, ``{key: edge data}``, read-only.

    Most nodes have one: a relation has one target and mostly one premise, a claim mostly
    states one relation and is answered once. A dict of one entry costs 184 bytes, this
    48: 50 MB at 100k claims. Nodes with none share :data:`_NO_NEIGHBOURS`; nodes with
    more have a plain dict. Like the node data, nothing can be written into it: the graph
    is rebuilt from the workspace, never edited (``graph.copy()`` gives a writable one).
    """

    __slots__ = ("_data", "_key")

    def __init__(self, key: str, data: dict[str, str]) -> None:
        self._key = key
        self._data = data

    def __getitem__(self, key: str) -> dict[str, str]:
        if key == self._key:
            return self._data
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter((self._key,))

    def __len__(self) -> int:
        return 1

    def __contains__(self, key: object) -> bool:
        return key == self._key

    def copy(self) -> dict[str, dict[str, str]]:
        return {self._key: self._data}

    def __repr__(self) -> str:
        return repr(self.copy())


_NO_NEIGHBOURS: Mapping[str, Any] = MappingProxyType({})


class Adjacency:
    """The tables of a map's graph without networkx: what :func:`as_digraph` wraps.

    ``_node`` maps a key to its node data, ``_succ`` and ``_pred`` a key to its neighbours
    and their edge data, named and shaped as in networkx's ``DiGraph`` so that the helpers
    of this module (and the explorer's tree) read either. Read-only, like the graph.
    """

    __slots__ = ("_node", "_pred", "_succ")

    def __init__(self, nodes: _NodeTable, succ: dict[str, Any], pred: dict[str, Any]) -> None:
        self._node = nodes
        self._succ = succ
        self._pred = pred

    def degree(self, key: str) -> int:
        """Edges in and out of ``key`` (networkx's ``graph.degree(key)``)."""
        return len(self._succ[key]) + len(self._pred[key])


Graph: TypeAlias = "Adjacency | nx.DiGraph"
"""What the helpers below read: a map's tables, with or without networkx around them."""


@collector.paused()
def build_adjacency(workspace: Workspace) -> Adjacency:
    """The tables of the graph of every claim and relation in ``workspace``, without networkx.

    The adjacency is filled directly rather than through networkx's ``add_edge``: at 100k
    claims that is several times faster. Being read-only, the graph is also smaller than
    networkx's own: the node table reads the workspace (:class:`_NodeTable`), a node with
    one neighbour holds it in a :class:`_OneNeighbour`, and the edge attributes are one
    shared dict per role (read them, never write them).
    """
    nodes = _NodeTable(workspace)
    succ: dict[str, Any] = {}
    pred: dict[str, Any] = {}
    for key in nodes:
        succ[key] = pred[key] = _NO_NEIGHBOURS

    def add(adjacency: dict[str, Any], u: str, v: str, data: dict[str, str]) -> None:
        present = adjacency[u]
        if present is _NO_NEIGHBOURS:
            adjacency[u] = _OneNeighbour(v, data)
        elif present.__class__ is _OneNeighbour:
            adjacency[u] = {present._key: present._data, v: data}
        else:
            present[v] = data

    def edge(u: str, v: str, data: dict[str, str]) -> None:
        for end in (u, v):
            if end not in succ:  # a relation to an unknown claim (a map with errors)
                nodes.add_unknown(end)
                succ[end] = pred[end] = _NO_NEIGHBOURS
        add(succ, u, v, data)
        add(pred, v, u, data)

    for key, rel in workspace.relations.items():
        edge(rel.source, key, _FROM)
        for premise in rel.linked:
            edge(premise, key, _WITH)
        edge(key, rel.target, _TO)
    return Adjacency(nodes, succ, pred)


def as_digraph(adjacency: Adjacency) -> nx.DiGraph:
    """The networkx ``DiGraph`` over ``adjacency``'s tables (shared, not copied): for the
    analyses and views that use networkx's API. Imports networkx."""
    import networkx as nx

    graph = nx.DiGraph()
    graph._node = adjacency._node
    graph._succ = adjacency._succ  # networkx's setter makes it ``_adj`` too
    graph._pred = adjacency._pred
    return graph


def build_graph(workspace: Workspace) -> nx.DiGraph:
    """Build the graph of every claim and relation in ``workspace`` (see :func:`build_adjacency`)."""
    return as_digraph(build_adjacency(workspace))


_FROM, _WITH, _TO = {"role": "from"}, {"role": "with"}, {"role": "to"}


def claims(graph: Graph) -> Iterator[Claim]:
    """Every claim of the graph, in the order the maps declare them."""
    nodes = graph._node
    if nodes.__class__ is _NodeTable:  # straight from the workspace
        yield from nodes._claims.values()
        return
    for _, data in nodes.items():
        if data["type"] == "claim":
            yield data["claim"]


def relations(graph: Graph) -> Iterator[Relation]:
    """Every relation of the graph."""
    nodes = graph._node
    if nodes.__class__ is _NodeTable:
        yield from nodes._relations.values()
        return
    for _, data in nodes.items():
        if data["type"] == "relation":
            yield data["relation"]


def incoming(graph: Graph, node: str, kind: RelationKind | None = None) -> list[Relation]:
    """The relations that bear on ``node`` (a claim or a relation), optionally of one kind."""
    return _relations_among(graph, graph._pred[node], kind)


def outgoing(graph: Graph, claim: str, kind: RelationKind | None = None) -> list[Relation]:
    """The relations ``claim`` takes part in as a premise (stated or linked)."""
    return _relations_among(graph, graph._succ[claim], kind)


def _relations_among(graph: Graph, neighbours: Iterable[str], kind: RelationKind | None) -> list[Relation]:
    # networkx's adjacency dicts directly: views ask this hundreds of thousands of times,
    # and its view objects cost more than the answer
    nodes = graph._node
    relation = nodes._relations.get if nodes.__class__ is _NodeTable else lambda key: nodes[key].get("relation")
    found = []
    for key in neighbours:
        rel = relation(key)
        if rel is not None and (kind is None or rel.kind is kind):
            found.append(rel)
    return found


def role(graph: Graph, claim: str) -> Role:
    """The role of a claim: thesis, reason, objection, rebuttal, or plain claim.

    A claim that both supports and attacks is shown by its attack: the attack is what the
    other side has to answer. A rebuttal is an attack on an attacker (a claim whose own
    relations attack) or on an attack relation.
    """
    nodes = graph._node
    data: Claim = nodes[claim]["claim"]
    if data.kind is ClaimKind.THESIS:
        return Role.THESIS
    stated = [r for r in outgoing(graph, claim) if r.source == claim]
    attacks = [r for r in stated if r.kind.is_attack]
    if attacks:
        for rel in attacks:
            target = nodes[rel.target]
            if target["type"] == "relation":
                if target["relation"].kind.is_attack:
                    return Role.REBUTTAL
            elif any(r.kind.is_attack and r.source == rel.target for r in outgoing(graph, rel.target)):
                return Role.REBUTTAL
        return Role.OBJECTION
    if stated:
        return Role.REASON
    return Role.CLAIM
