"""What the HTML explorer shows, as plain data: the page's JSON model.

The page is the terminal explorer's model in a browser, so it is built from the same
analysis and the same :class:`~argmap.export.common.Debate` view as the other exports: every
claim with its side, role, status, strength, what became of it and *why* it stands or falls
(:meth:`~argmap.analysis.MapAnalysis.reason`, word for word), its quote with the full
citation, and its relations both ways; each map's tree roots, flow sheet, clash points,
agreements and rebuttal chains. The browser only lays it out and walks it.

Claims are numbered in the workspace's order and everything refers to them by number: a
key repeated in every relation would be a tenth of a large page. Fields that hold their
default (no side, no note, no tags, …) are left out of a claim's record.

The tree is the explorer's: under a claim hang its reasons and objections (each premise
of a linked reason too) and whatever undercuts an inference it states; its roots are a
map's theses, then whatever no thesis reaches.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.analysis.debate import Response
from argmap.analysis.dung import Label
from argmap.export.common import ANALYST_MARK, Debate, citation, is_analyst, links_note
from argmap.export.flow import REPLY_MARKS, flow_sheet
from argmap.graph import Role, relations
from argmap.model import ClaimKind, Relation, RelationKind, Workspace

__all__ = ["KINDS", "RELATION_KINDS", "RESPONSES", "ROLES", "STATUSES", "PageModel", "build_model", "safe_url"]

ROLES = tuple(Role)
KINDS = tuple(ClaimKind)
STATUSES = (Label.IN, Label.OUT, Label.UNDEC)
RESPONSES = tuple(Response)
RELATION_KINDS = (RelationKind.SUPPORT, RelationKind.REBUT, RelationKind.UNDERCUT)

FORMAT = 1
"""The version of the model the page's script reads (bumped when a field changes meaning)."""


def safe_url(url: str | None) -> str | None:
    """A source's address, when it is one a page may link to (http or https only)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@dataclass
class PageModel:
    """The model, and what the diagrams need to know of it.

    ``data`` is what goes into the page as JSON; ``claims`` are the keys in the order the
    model numbers them; ``primary`` the claims of the maps asked for (the ones a focus
    diagram is drawn for), nearest a root of the tree first.
    """

    data: dict[str, Any]
    claims: list[str]
    primary: list[str] = field(default_factory=list)

    def index(self, key: str) -> int:
        return self._numbers[key]

    @property
    def _numbers(self) -> dict[str, int]:
        found: dict[str, int] | None = self.__dict__.get("_number_cache")
        if found is None:
            found = self.__dict__["_number_cache"] = {k: i for i, k in enumerate(self.claims)}
        return found


def _shown(debates: Sequence[Debate]) -> list[str]:
    """The claims a page holds: the maps' own, and every claim of another map that takes
    part in a relation with one of them (it hangs in the tree, as context), in workspace order."""
    first = debates[0]
    workspace, graph = first.workspace, first.graph
    own = {k for d in debates for k in d.claims}
    wanted = set(own)
    for rel in relations(graph):
        group = _members(workspace, rel)
        if any(k in own for k in group):
            wanted.update(group)
    return [k for k in workspace.claims if k in wanted]


def _members(workspace: Workspace, rel: Relation) -> list[str]:
    """The claims a relation joins: its premises and its target claim (for an undercut,
    those of the relation it attacks, recursively)."""
    found = list(rel.premises)
    seen = {rel.key}
    target = rel.target
    while target in workspace.relations and target not in seen:
        seen.add(target)
        inner = workspace.relations[target]
        found.extend(inner.premises)
        target = inner.target
    if target in workspace.claims:
        found.append(target)
    return found


def _target_claim(workspace: Workspace, rel: Relation) -> str:
    """The claim at the far end of a relation: its target, or for an undercut the claim
    that states the inference it attacks."""
    target = rel.target
    inner = workspace.relations.get(target)
    return inner.source if inner is not None else target


class _Builder:
    """Fills the model one table at a time; every string table is interned."""

    def __init__(self, debates: Sequence[Debate], whole: Workspace) -> None:
        self.debates = debates
        self.whole = whole
        first = debates[0]
        self.analysis = first.analysis
        self.workspace = first.workspace
        self.graph = first.graph
        self.keys = _shown(debates)
        self.number = {k: i for i, k in enumerate(self.keys)}
        self.maps = list(dict.fromkeys([*(d.stem for d in debates), *(self.workspace.claims[k].map for k in self.keys)]))
        self.sides: list[str] = []
        self.side_rows: list[dict[str, Any]] = []
        for stem in self.maps:
            for side in self.workspace.maps[stem].sides.values():
                if side.id not in self.sides:
                    self.sides.append(side.id)
                    self.side_rows.append(_compact({"id": side.id, "label": side.label, "burden": side.burden}))
        self.speakers: dict[tuple[str, str], int] = {}
        self.speaker_rows: list[dict[str, Any]] = []
        self.cites: dict[str, int] = {}
        self.cite_rows: list[dict[str, Any]] = []
        self.tags: dict[str, int] = {}
        self.rels: dict[str, int] = {}
        self.rel_rows: list[dict[str, Any]] = []
        self._links: tuple[dict[str, list[tuple[str, Relation, bool]]], dict[str, list[tuple[str, Relation]]]] | None = None

    # -- tables ----------------------------------------------------------------------

    def speaker(self, stem: str, speaker_id: str | None) -> int:
        if speaker_id is None:
            return -1
        found = self.speakers.get((stem, speaker_id))
        if found is None:
            speaker = self.workspace.maps[stem].speakers.get(speaker_id)
            if speaker is None:
                return -1
            found = self.speakers[stem, speaker_id] = len(self.speaker_rows)
            side = self.sides.index(speaker.side) if speaker.side in self.sides else -1
            self.speaker_rows.append(_compact({"name": speaker.name, "role": speaker.role, "side": side}))
        return found

    def cite(self, key: str) -> int:
        claim = self.workspace.claims[key]
        if claim.quote is None:
            return -1
        text = citation(self.workspace, claim)
        found = self.cites.get(text)
        if found is None:
            found = self.cites[text] = len(self.cite_rows)
            source = self.workspace.source(claim)
            self.cite_rows.append(_compact({"text": text, "url": safe_url(source.url if source else None)}))
        return found

    def tag(self, name: str) -> int:
        return self.tags.setdefault(name, len(self.tags))

    def relation(self, rel: Relation) -> int:
        found = self.rels.get(rel.key)
        if found is None:
            found = self.rels[rel.key] = len(self.rel_rows)
            row: dict[str, Any] = {
                "k": RELATION_KINDS.index(rel.kind),
                "s": self.number[rel.source],
                "t": self.number[_target_claim(self.workspace, rel)],
                "st": STATUSES.index(self.analysis.status.get(rel.key, Label.UNDEC)),
            }
            if rel.linked:
                row["l"] = [self.number[k] for k in rel.linked]
            if rel.partial:
                row["p"] = 1
            if is_analyst(rel):
                row["a"] = 1
            if rel.note:
                row["n"] = " ".join(rel.note.split())
            self.rel_rows.append(row)
        return found

    # -- claims ----------------------------------------------------------------------

    def below(self) -> tuple[dict[str, list[tuple[str, Relation, bool]]], dict[str, list[tuple[str, Relation]]]]:
        """Each claim's links: what hangs below it in the tree (a claim, the relation, whether
        it is a linked premise), and what it bears on (a claim, the relation)."""
        if self._links is not None:
            return self._links
        shown = self.number
        under: dict[str, list[tuple[str, Relation, bool]]] = {k: [] for k in self.keys}
        over: dict[str, list[tuple[str, Relation]]] = {k: [] for k in self.keys}
        workspace = self.workspace
        for rel in relations(self.graph):
            if not all(k in shown for k in _members(workspace, rel)):
                continue
            # under the target claim; an undercut hangs under the claim whose inference it attacks
            parent = _target_claim(workspace, rel)
            under[parent].append((rel.source, rel, False))
            under[parent].extend((premise, rel, True) for premise in rel.linked)
            for premise in rel.premises:
                over[premise].append((parent, rel))
        self._links = (under, over)
        return under, over

    def claims(self) -> list[dict[str, Any]]:
        workspace, analysis = self.workspace, self.analysis
        by_stem = {d.stem: d for d in self.debates}
        debate = self.debates[0]
        under, over = self.below()
        strength = analysis.strength
        responses = analysis.responses
        rows = []
        for key in self.keys:
            claim = workspace.claims[key]
            stem = claim.map
            row: dict[str, Any] = {
                "k": key,
                "i": workspace.display_id(key),
                "m": self.maps.index(stem),
                "t": claim.text,
                "kd": KINDS.index(claim.kind),
                "r": ROLES.index(debate.role(key)),
                "st": STATUSES.index(analysis.status.get(key, Label.UNDEC)),
                "y": analysis.reason(key),
                "at": f"{Path(claim.path).name}:{claim.line}",
            }
            speaker = self.speaker(stem, claim.by)
            if speaker >= 0:
                row["sp"] = speaker
                side = self.speaker_rows[speaker].get("side", -1)
                if side >= 0:
                    row["s"] = side
            if key in strength:
                row["g"] = round(strength[key], 2)
            if key in responses:
                row["rs"] = RESPONSES.index(responses[key])
            if claim.quote is not None:
                row["q"] = claim.quote.text
                row["c"] = self.cite(key)
            if claim.tags:
                row["tg"] = [self.tag(t) for t in claim.tags]
            if claim.note:
                row["n"] = " ".join(claim.note.split())
            if claim.conceded:
                row["cd"] = _speaker_name(workspace, stem, claim.conceded)
            owner = by_stem.get(stem)
            if owner is not None and owner.concession(key):
                row["cs"] = 1
            if not workspace.is_primary(key):
                row["x"] = 1
            links_in = [[self.number[k], self.relation(rel), int(linked)] for k, rel, linked in under[key]]
            if links_in:
                row["in"] = links_in
            links_out = [[self.number[k], self.relation(rel)] for k, rel in over[key]]
            if links_out:
                row["out"] = links_out
            rows.append(row)
        return rows

    # -- per map ---------------------------------------------------------------------

    def roots(self, stem: str, under: dict[str, list[tuple[str, Relation, bool]]], over: dict[str, list[tuple[str, Relation]]]) -> tuple[list[int], list[int]]:
        """A map's theses, and the tops of whatever no thesis reaches (claims that bear on
        nothing, then one claim of each cycle), as the explorer's tree has them."""
        claims = [k for k in self.keys if self.workspace.claims[k].map == stem]
        reached: set[str] = set()

        def reach(start: str) -> None:
            queue = deque([start])
            reached.add(start)
            while queue:
                for child, _, _ in under[queue.popleft()]:
                    if child not in reached:
                        reached.add(child)
                        queue.append(child)

        theses = []
        for key in claims:
            if self.workspace.claims[key].kind is ClaimKind.THESIS:
                theses.append(self.number[key])
                reach(key)
        others = []
        for tops_only in (True, False):
            for key in claims:
                if key not in reached and (not tops_only or not over[key]):
                    others.append(self.number[key])
                    reach(key)
        return theses, others


def _speaker_name(workspace: Workspace, stem: str, speaker_id: str) -> str:
    speaker = workspace.maps[stem].speakers.get(speaker_id)
    return speaker.name if speaker else speaker_id


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    """A record without its empty fields."""
    return {k: v for k, v in row.items() if v is not None and v != "" and v != []}


def _flow(builder: _Builder, debate: Debate) -> dict[str, Any]:
    sheet = flow_sheet(debate)
    number = builder.number
    cells = []
    for cell in sheet.cells:
        if cell.key not in number:
            continue
        cells.append([
            number[cell.key], cell.row, cell.column, cell.number,
            number.get(cell.parent, -1) if cell.parent else -1, cell.how or "",
            [number[k] for k in cell.also if k in number], int(cell.analyst),
        ])
    return {"cols": [[c.title, c.detail] for c in sheet.columns], "rows": sheet.rows, "cells": cells}


def _tree_order(keys: Iterable[str], roots: Sequence[int], under: dict[str, list[tuple[str, Relation, bool]]], number: dict[str, int]) -> list[str]:
    """Claims nearest a root first (breadth first down the tree), then the rest: the order
    in which claims get a diagram when a page cannot hold one for every claim."""
    by_number = {number[k]: k for k in keys}
    wanted = set(by_number.values())
    order: dict[str, None] = {}
    queue = deque(by_number[r] for r in roots if r in by_number)
    while queue:
        key = queue.popleft()
        if key in order:
            continue
        order[key] = None
        queue.extend(child for child, _, _ in under.get(key, ()) if child in wanted and child not in order)
    for key in wanted:
        order.setdefault(key, None)
    return list(order)


def build_model(debates: Sequence[Debate], whole: Workspace, *, title: str | None = None) -> PageModel:
    """The page model of ``debates`` (one per map asked for, from one analysis);
    ``whole`` is the workspace before any analyst link was left out (for the links note)."""
    builder = _Builder(debates, whole)
    workspace, analysis = builder.workspace, builder.analysis
    claims = builder.claims()
    under, over = builder.below()
    maps = []
    primary_order: list[str] = []
    primary_stems = [d.stem for d in debates]
    for stem in builder.maps:
        argmap = workspace.maps[stem]
        row: dict[str, Any] = _compact({
            "stem": stem,
            "title": argmap.title,
            "summary": argmap.summary,
            "resolution": argmap.resolution,
            "sides": [builder.sides.index(s) for s in argmap.sides],
        })
        if stem in primary_stems:
            debate = debates[primary_stems.index(stem)]
            theses, others = builder.roots(stem, under, over)
            row.update({"primary": 1, "theses": theses, "others": others, "flow": _flow(builder, debate)})
            row["links"] = links_note(whole, analysis.links, stem)
            own = [k for k in builder.keys if workspace.claims[k].map == stem]
            primary_order.extend(_tree_order(own, [*theses, *others], under, builder.number))
        maps.append(row)
    number = builder.number
    clashes = [
        [number[c.attacker], number[c.target], builder.relation(workspace.relations[c.relation]), int(c.partial)]
        for c in analysis.clashes
        if c.attacker in number and c.target in number and c.relation in workspace.relations
    ]
    agreements = []
    for agreement in analysis.agreements:
        if agreement.claim not in number or (agreement.grantor_claim is not None and agreement.grantor_claim not in number):
            continue
        stem = workspace.claims[agreement.grantor_claim or agreement.claim].map
        by = _speaker_name(workspace, stem, agreement.by) if agreement.by else ""
        agreements.append([
            number[agreement.claim], by,
            number[agreement.grantor_claim] if agreement.grantor_claim else -1,
        ])
    chains = [
        [[number[k] for k in chain.claims], builder.sides.index(chain.last_word) if chain.last_word in builder.sides else -1, int(chain.cyclic)]
        for chain in analysis.chains
        if all(k in number for k in chain.claims)
    ]
    shown = [workspace.maps[d.stem] for d in debates]
    data: dict[str, Any] = {
        "format": FORMAT,
        "title": title or (shown[0].title if len(shown) == 1 else f"{len(shown)} maps"),
        "links": analysis.links.value,
        "linksNote": links_note(whole, analysis.links) if len(debates) > 1 else maps[0].get("links", ""),
        "analystMark": ANALYST_MARK,
        "roles": [r.value for r in ROLES],
        "kinds": [k.value for k in KINDS],
        "statuses": [s.name for s in STATUSES],
        "responses": [[r.value, r.meaning, REPLY_MARKS.get(r, "")] for r in RESPONSES],
        "relationKinds": [k.value for k in RELATION_KINDS],
        "maps": maps,
        "sides": builder.side_rows,
        "speakers": builder.speaker_rows,
        "cites": builder.cite_rows,
        "tags": list(builder.tags),
        "claims": claims,
        "rels": builder.rel_rows,
        "clashes": clashes,
        "agreements": agreements,
        "chains": chains,
        "drill": _drill(builder, primary_stems),
        "strength": analysis.strength_semantics,
    }
    return PageModel(data, builder.keys, primary_order)


def _drill(builder: _Builder, stems: Sequence[str]) -> list[list[Any]]:
    """The drill's decks, one per side of the maps asked for: ``[side, cards]``, each card
    ``[claim, answers]`` and each answer ``[claim, relation kind, partial, analyst's link,
    the claims that end the chains through it (-1 for a cycle)]`` -- the cards of
    ``argmap drill`` (:func:`argmap.drill.build_deck`), by number."""
    from argmap.drill.cards import build_deck

    number, decks = builder.number, []
    sides = dict.fromkeys(side for stem in stems for side in builder.workspace.maps[stem].sides)
    for side in sides:
        cards = []
        for card in build_deck(builder.analysis, side).cards:
            answers = [
                [number[a.said.key], RELATION_KINDS.index(a.kind), int(a.partial), int(a.analyst), [number[e.key] if e else -1 for e in a.endings if e is None or e.key in number]]
                for a in card.answers if a.said.key in number
            ]
            if card.key in number:
                cards.append([number[card.key], answers])
        decks.append([builder.sides.index(side), cards])
    return decks
