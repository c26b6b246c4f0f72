"""What every export shares: the debates and claims the user chose, and how to cite a claim.

A brief, a flow sheet and a deck answer the same questions of a map — which claims are in
scope (``--side``, ``--thesis``, ``--depth``), what a side's contentions are, what answers
a claim, how a quote is cited — so they are answered once here, on top of the model, the
graph and the analysis, and every export reads the same :class:`Debate`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.analysis import MapAnalysis, analyze
from argmap.analysis.debate import Agreement, Response
from argmap.analysis.label import Label
from argmap.analysis.links import ANALYST_LINK, Links, analyst_relations, bearing_on_primary
from argmap.errors import ArgmapError, InputError, Severity
from argmap.graph import Graph, Role, incoming, outgoing, role
from argmap.model import ArgMap, Claim, ClaimKind, Relation, RelationKind, Workspace, split_key

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ANALYST_MARK",
    "CONCESSION_TAG",
    "UNANSWERED",
    "Debate",
    "analyst_links_bearing_on",
    "answers",
    "bearing_on",
    "citation",
    "is_analyst",
    "links_note",
    "load_debates",
    "prepare",
    "side_label",
    "speaker_name",
    "status_word",
]

ANALYST_MARK = "[analyst's link]"
"""How every export marks a relation the map's author drew and no speaker made."""

CONCESSION_TAG = "concession"
"""The tag the bundled maps give a point an author grants against their own case."""

UNANSWERED = (Response.DROPPED, Response.NO_CHANCE, Response.NOT_ENGAGED)
"""The ways a claim goes unanswered, which a report never lumps together: the other side
could have answered and did not, had no chance to, or never took up the speech at all."""

_STATUS_WORDS = {Label.IN: "stands", Label.OUT: "falls", Label.UNDEC: "undecided"}


@dataclass(frozen=True)
class Debate:
    """One map, seen through the analysis, cut down to what the user asked for.

    ``claims`` are the keys in scope in the order the maps declare them (claims of other
    maps are in scope when they bear on a claim of this one); ``sides`` are the side ids
    to write about (one with ``--side``). ``workspace`` and ``graph`` are the analysis'
    own: with ``Links.TEXTS`` they hold no analyst link. ``analyst_links`` counts the
    analyst links that bear on this map (left out or counted, as ``analysis.links`` says).
    """

    workspace: Workspace
    graph: nx.DiGraph
    analysis: MapAnalysis
    stem: str
    claims: tuple[str, ...]
    sides: tuple[str, ...]
    thesis: str | None
    depth: int | None
    analyst_links: int = 0

    @property
    def map(self) -> ArgMap:
        return self.workspace.maps[self.stem]

    def claim(self, key: str) -> Claim:
        return self.workspace.claims[key]

    def side_of(self, key: str) -> str | None:
        return self.workspace.side(self.workspace.claims[key])

    def role(self, key: str) -> Role:
        return role(self.graph, key)

    def in_scope(self, key: str) -> bool:
        return key in self._scope

    @property
    def _scope(self) -> frozenset[str]:
        # cached on first use: frozen dataclasses cannot assign, so go through __dict__
        cached = self.__dict__.get("_scope_set")
        if cached is None:
            cached = frozenset(self.claims)
            self.__dict__["_scope_set"] = cached
        return cached

    def contentions(self, side: str) -> list[str]:
        """A side's contentions in this map: its theses, else the claims it argues for
        that argue for nothing further (a side without written theses still has a case)."""
        mine = [k for k in self.claims if self.claim(k).map == self.stem and self.side_of(k) == side]
        theses = [k for k in mine if self.claim(k).kind is ClaimKind.THESIS]
        if self.thesis is not None:
            return [self.thesis] if self.thesis in theses or self.thesis in mine else []
        if theses:
            return theses
        return [k for k in mine if not any(r.source == k for r in outgoing(self.graph, k)) and incoming(self.graph, k)]

    def reasons(self, key: str, side: str) -> Iterator[tuple[Relation, int]]:
        """The supports of ``key`` by ``side`` (or by no side: neutral evidence), depth first,
        each with its depth (1 for a direct reason), as deep as ``--depth`` allows and each
        claim once. Another side's support is agreement, listed where the sides agree,
        never as one of this side's reasons."""
        seen = {key}

        def walk(target: str, level: int) -> Iterator[tuple[Relation, int]]:
            if self.depth is not None and level > self.depth:
                return
            for rel in incoming(self.graph, target, RelationKind.SUPPORT):
                if rel.source in seen or not self.in_scope(rel.source) or self.side_of(rel.source) not in (side, None):
                    continue
                seen.add(rel.source)
                yield rel, level
                yield from walk(rel.source, level + 1)

        return walk(key, 1)

    def status(self, key: str) -> Label:
        return self.analysis.status.get(key, Label.UNDEC)

    def dropped(self, key: str) -> bool:
        return key in self.analysis.dropped

    def response(self, key: str) -> Response | None:
        """What became of a claim of a side in this map (None for a claim of no side, or of another map)."""
        return self.analysis.responses.get(key)

    def reason(self, key: str) -> str:
        """Why the claim has its status, in words a student reads (:meth:`MapAnalysis.reason`)."""
        return self.analysis.reason(key)

    @property
    def links(self) -> Links:
        return self.analysis.links

    @property
    def links_wording(self) -> str:
        """The choice of links, as every report states it: ``as the texts argue it: 3 analyst link(s) left out …``."""
        return self.analysis.links.wording(self.analyst_links)

    def against_own_case(self, key: str) -> bool:
        """Whether a claim is a point its own side grants against its own case, and so no
        point for that side to extend: the map tags it ``concession`` (the bundled maps'
        tag for "a point an author grants that tells against their own case"), or it
        attacks a claim of its own side and that attack does not stand ("on the exterior
        this operation would be deemed a success", granted, then answered by its speaker)."""
        side = self.side_of(key)
        if side is None:
            return False
        if CONCESSION_TAG in self.claim(key).tags:
            return True
        return any(
            r.source == key and r.kind.is_attack and self.side_of_node(r.target) == side and self.status(r.key) is not Label.IN
            for r in outgoing(self.graph, key)
        )

    def concession(self, key: str) -> bool:
        """A point the claim's side grants: it only supports another side's claims
        (:attr:`Response.CONCESSION`), or it tells against its own case."""
        return self.response(key) is Response.CONCESSION or self.against_own_case(key)

    def side_of_node(self, node: str) -> str | None:
        """The side of a claim, or of the claim whose inference a relation key is."""
        data = self.graph.nodes[node]
        if data["type"] == "relation":
            return self.side_of_node(data["relation"].source)
        return self.side_of(node)

    def agreements(self) -> list[Agreement]:
        """Where the sides agree in this map: a claim of it granted, or granted by one of its claims."""
        found = []
        for agreement in self.analysis.agreements:
            keys = [agreement.claim, *([agreement.grantor_claim] if agreement.grantor_claim else [])]
            if any(self.claim(k).map == self.stem for k in keys):
                found.append(agreement)
        return found


def is_analyst(rel: Relation) -> bool:
    """Whether a relation is the analyst's link, not one a speaker made."""
    return ANALYST_LINK in rel.tags


def analyst_links_bearing_on(workspace: Workspace, stem: str) -> int:
    """How many of ``workspace``'s analyst links (and the relations that rest on them) start
    or end in map ``stem``: the count :meth:`Links.wording` states. ``workspace`` is the
    whole workspace, before any link is left out."""
    relations = workspace.relations
    count = 0
    for key in analyst_relations(workspace):
        rel = relations[key]
        if stem in (split_key(key)[0], split_key(rel.source)[0], split_key(rel.target)[0]):
            count += 1
    return count


def status_word(label: Label) -> str:
    """``IN (stands)``: the label as analysis names it, with the word a coach would say."""
    return f"{label.name} ({_STATUS_WORDS[label]})"


def answers(graph: Graph, key: str) -> list[Relation]:
    """Attacks on a claim or on an inference it states: everything that answers it."""
    targets = [key, *(r.key for r in outgoing(graph, key) if r.source == key)]
    return [r for t in targets for r in incoming(graph, t) if r.kind.is_attack]


def bearing_on(graph: Graph, key: str, depth: int | None = None) -> dict[str, int]:
    """Every claim that bears on ``key`` — its reasons, objections, the answers to those —
    with its distance in relations (``key`` itself at 0), at most ``depth`` away."""
    found = {key: 0}
    frontier = [key]
    distance = 0
    while frontier and (depth is None or distance < depth):
        distance += 1
        nxt: list[str] = []
        for claim in frontier:
            targets = [claim, *(r.key for r in outgoing(graph, claim) if r.source == claim)]
            for target in targets:
                for rel in incoming(graph, target):
                    for premise in rel.premises:
                        if premise not in found:
                            found[premise] = distance
                            nxt.append(premise)
        frontier = nxt
    return found


def speaker_name(workspace: Workspace, claim: Claim) -> str:
    """Who said it, or a plain word for an unattributed claim."""
    speaker = workspace.speaker(claim)
    return speaker.name if speaker else "unattributed"


def side_label(workspace: Workspace, stem: str, side: str | None) -> str:
    """A side's label as its map gives it."""
    if side is None:
        return "no side"
    found = workspace.maps[stem].sides.get(side)
    return found.label if found else side


def citation(workspace: Workspace, claim: Claim) -> str:
    """The full cite of a claim's quote, as a card gives it: who (and their qualification),
    where, when, and the address — every part the map records, nothing guessed."""
    speaker = workspace.speaker(claim)
    who = speaker.name if speaker else "Unattributed"
    if speaker and speaker.role:
        who += f", {speaker.role}"
    source = workspace.source(claim)
    if source is None:
        return who
    parts = [f"“{source.title}”"]
    if source.author and not (speaker and (source.author == speaker.name or (speaker.role and source.author.startswith(speaker.role)))):
        parts.append(f"by {source.author}")
    parts.extend(p for p in (source.publisher, source.date, source.url) if p)
    return f"{who}. {', '.join(parts)}"


def links_note(workspace: Workspace, links: Links, stem: str | None = None) -> str:
    """The choice of links in the words every report uses, counting the analyst links that
    bear on map ``stem`` (on the maps asked for, without one). ``workspace`` is the whole
    workspace, before any link is left out."""
    if stem is not None:
        return links.wording(analyst_links_bearing_on(workspace, stem))
    return links.wording(len(bearing_on_primary(workspace, analyst_relations(workspace))))


def _resolve_thesis(workspace: Workspace, stems: Sequence[str], thesis: str) -> str:
    candidates = [thesis] if ":" in thesis else [f"{stem}:{thesis}" for stem in stems]
    for key in candidates:
        if key in workspace.claims:
            return key
    known = [k.partition(":")[2] if ":" not in thesis else k for k in workspace.claims if k.partition(":")[0] in stems]
    close = difflib.get_close_matches(thesis, known, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ArgmapError(f"--thesis {thesis!r}: no such claim in {', '.join(stems)}{hint}")


def _check_side(workspace: Workspace, stems: Sequence[str], side: str) -> None:
    known = sorted({s for stem in stems for s in workspace.maps[stem].sides})
    if side not in known:
        close = difflib.get_close_matches(side, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"sides: {', '.join(known) or 'none'}"
        raise ArgmapError(f"--side {side!r}: no such side ({hint})")


def prepare(
    workspace: Workspace,
    stems: Iterable[str],
    *,
    side: str | None = None,
    thesis: str | None = None,
    depth: int | None = None,
    analysis: MapAnalysis | None = None,
    links: Links = Links.TEXTS,
) -> list[Debate]:
    """The debates to export, one per map in ``stems``, with the claims in scope.

    ``side`` chooses whose case is written; ``thesis`` and ``depth`` cut the claims down to
    what bears on the chosen contentions (a brief for one side still lists what the other
    side said, so a side alone does not cut claims). Runs the analysis once for all of
    them, on the links ``links`` counts (an ``analysis`` given is used as it is, whatever
    its links); ``workspace`` is the whole workspace, analyst links and all.

    Raises:
        ArgmapError: an unknown side or thesis, a negative depth, or no map to export.
    """
    stems = [s for s in dict.fromkeys(stems) if s in workspace.maps]
    if not stems:
        raise ArgmapError("no map to export")
    if depth is not None and depth < 0:
        raise ArgmapError("--depth must be 0 or more")
    if side is not None:
        _check_side(workspace, stems, side)
    thesis_key = _resolve_thesis(workspace, stems, thesis) if thesis else None
    if thesis_key is not None:
        stems = [workspace.claims[thesis_key].map]
    full = workspace
    analysis = analysis if analysis is not None else analyze(workspace, links=links)
    workspace, graph = analysis.workspace, analysis.graph
    debates = []
    for stem in stems:
        argmap = workspace.maps[stem]
        sides = (side,) if side is not None else tuple(argmap.sides)
        own = [k for k in workspace.claims if workspace.claims[k].map == stem]
        count = analyst_links_bearing_on(full, stem)
        if thesis_key is None and depth is None:
            scope = own
        else:
            draft = Debate(workspace, graph, analysis, stem, tuple(own), sides, thesis_key, depth, count)
            roots = [c for s in sides for c in draft.contentions(s)]
            reach: dict[str, int] = {}
            for root in roots:
                reach.update(bearing_on(graph, root, depth))
            scope = [k for k in workspace.claims if k in reach]
        debates.append(Debate(workspace, graph, analysis, stem, tuple(scope), sides, thesis_key, depth, count))
    return debates



def load_debates(
    paths: Sequence[Path], *, side: str | None = None, thesis: str | None = None, depth: int | None = None,
    links: Links = Links.TEXTS,
) -> list[Debate]:
    """Load the maps a command names and prepare them for export, judged on the links
    ``links`` counts.

    Only the maps named (or found in the folders named) are exported; maps they merely
    reference are loaded for their claims, as context.

    Raises:
        InputError: a map has errors (an export of a broken map would mislead).
    """
    from argmap.load import find_maps, load_workspace

    workspace = load_workspace(paths)
    errors = [p for p in workspace.problems if p.severity is Severity.ERROR]
    if errors:
        raise InputError(errors)
    stems = [found.stem for path in paths for found in (find_maps(path) if path.is_dir() else [path])]
    return prepare(workspace, stems, side=side, thesis=thesis, depth=depth, links=links)
