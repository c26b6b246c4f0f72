"""What the explorer shows, computed once per load: a headless view of one workspace.

Every screen and widget of the explorer asks the same questions -- what is this claim's
role, side and status, which claims hang below it in the tree, who answers it, where is it
in the flow -- so they are answered here, once, from the model, the graph and the analysis,
and never re-derived by a widget. Nothing in this module imports Textual or Rich: it is
tested without a terminal, and the widgets stay thin.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import heapq
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.analysis.debate import MapAnalysis, Response
from argmap.analysis.links import ANALYST_LINK, Links, analyst_relations, bearing_on_primary, with_links
from argmap.background import analysing
from argmap.errors import Location, Problem
from argmap.graph import Graph, Role, build_adjacency, outgoing, role
from argmap.model import Claim, ClaimKind, Relation, RelationKind, Workspace

if TYPE_CHECKING:
    from argmap.background import BackgroundLoad
    from argmap.load import Progress

__all__ = [
    "ClaimFilter",
    "FlowSheet",
    "Link",
    "MapView",
    "Trace",
    "restrict",
]

UNKNOWN_STATUS = "?"
"""The status shown when the analysis could not run (a map with errors, say)."""

UNANSWERED = (Response.DROPPED, Response.NO_CHANCE, Response.NOT_ENGAGED)
"""The ways a claim goes unanswered, which the dropped view lists apart."""


def restrict(workspace: Workspace, stems: Iterable[str], primary: Sequence[str]) -> Workspace:
    """Only the maps ``stems`` of a workspace, ``primary`` the ones asked for (an editor
    checks the whole folder; the explorer keeps showing the maps it was opened on)."""
    keep = set(stems) & set(workspace.maps)
    maps = {stem: m for stem, m in workspace.maps.items() if stem in keep}
    files = {str(m.path.name) for m in maps.values()}
    return dataclasses.replace(
        workspace,
        maps=maps,
        claims={k: c for k, c in workspace.claims.items() if c.map in keep},
        relations={k: r for k, r in workspace.relations.items() if k.partition(":")[0] in keep},
        problems=tuple(p for p in workspace.problems if Path(p.location.path).name in files or not p.location.path),
        primary=tuple(s for s in primary if s in keep),
    )


@dataclass(frozen=True, slots=True)
class Link:
    """A claim reached along a relation: ``key`` is the claim at the other end.

    ``how`` reads from ``key`` towards the claim asked about: "supports", "rebuts",
    "undercuts" (an incoming link), or "supported by"-style words are left to the view.
    """

    key: str
    relation: Relation
    linked: bool = False  # reached as a linked premise ("with"), not the stated one


@dataclass(frozen=True, slots=True)
class FlowSheet:
    """A debate flow: one column per speech, each row a thread of answers left to right."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    complete: bool = True  # False when rows were left out (see MapView.flow's limit)


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims the lists show; ``None`` means any."""

    side: str | None = None
    role: Role | None = None
    status: str | None = None
    tag: str | None = None
    dropped: bool = False

    @property
    def active(self) -> bool:
        """True when the filter hides anything."""
        return self != ClaimFilter()


@dataclass
class Trace:
    """A walk along rebuttals, with browser-style history: back and forward keep the path."""

    path: list[str]
    index: int = 0

    @property
    def current(self) -> str:
        return self.path[self.index]

    def step(self, key: str) -> None:
        """Follow an answer: the forward history after the current claim is replaced."""
        del self.path[self.index + 1 :]
        self.path.append(key)
        self.index += 1

    def back(self) -> bool:
        """Step back one claim; False at the start."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def forward(self) -> bool:
        """Step forward again along the path walked; False at its end."""
        if self.index + 1 >= len(self.path):
            return False
        self.index += 1
        return True

    def goto(self, index: int) -> None:
        """Jump to a claim of the breadcrumb."""
        self.index = max(0, min(index, len(self.path) - 1))


@dataclass(repr=False)
class MapView:
    """A loaded workspace with its graph and analysis, and the answers views need.

    Build it with :meth:`load` (slow: parse, graph, analysis; run it off the UI thread).
    ``workspace`` and ``adjacency`` (the graph's tables, read without networkx: the first
    screen does not wait for its import) are what the analysis saw: on ``Links.TEXTS``
    they hold no analyst link. ``full`` is the workspace as loaded, to analyse again on the other
    choice (:meth:`relinked`); ``analyst_links`` counts the analyst links that bear on the
    maps shown, left out or counted.
    """

    workspace: Workspace
    adjacency: Graph
    analysis: MapAnalysis | None
    analysis_error: str | None = None
    roots: dict[str, list[str]] = field(default_factory=dict)
    side_order: list[str] = field(default_factory=list)
    links: Links = Links.TEXTS
    full: Workspace | None = None
    analyst_links: int = 0
    since: dict[str, str] = field(default_factory=dict)  # claim key → what changed since a revision (explore --since)
    _roles: dict[str, Role] = field(default_factory=dict, repr=False)
    _uncached: tuple[list[Path], int] | None = field(default=None, repr=False)  # paths to cache it under, and when reading began
    _claim_lines: dict[str, tuple[list[int], list[str]]] | None = field(default=None, repr=False)

    @classmethod
    def load(
        cls, paths: Sequence[Path], *, freeze: bool = False, progress: Progress | None = None, links: Links = Links.TEXTS,
        background: BackgroundLoad | None = None,
    ) -> MapView:
        """Load maps, build the graph and what the first screen shows; never raises for
        bad maps. :meth:`finish` computes the rest (run it after the first screen).

        A clean workspace comes from argmap's cache when its files have not changed
        since the last time (:mod:`argmap.cache`): a large map opens in a fraction of
        the time it takes to parse.

        With ``freeze``, the loaded workspace is moved out of the garbage collector's sight
        (:func:`gc.freeze`): it holds no reference cycle, yet every full collection would
        scan its million objects again -- a tenth of a second at 10k claims, before the
        first screen and in the middle of keypresses after it. Whoever asks for it calls
        :func:`gc.unfreeze` before loading again, as the explorer does.

        ``progress`` hears what is being done while a large map loads (see
        :data:`argmap.load.Progress`). ``links`` chooses the links the verdicts rest on.
        ``background``, started on the same paths and links, has a child process load and
        analyse them meanwhile (:mod:`argmap.background`); if it fails, they load here.
        """
        if background is not None and not background.cached():
            found = background.result(progress)
            if found is not None:
                if freeze:
                    gc.freeze()
                view = cls.of(*found)
                view._uncached = (list(paths), background.read_since)
                return view
        read_since = time.time_ns()
        cached = cls.cached(paths, freeze=freeze, links=links)
        if cached is not None:
            return cached
        from argmap.load import PROGRESS_EVERY, load_workspace  # not for a hit: it needs no YAML reader

        workspace = load_workspace(paths, progress=progress)
        if freeze:
            gc.freeze()
        if progress is not None and len(workspace.claims) >= PROGRESS_EVERY:
            progress(analysing(len(workspace.claims)))
        view = cls.of(workspace, links=links)
        view._uncached = (list(paths), read_since)
        return view

    @classmethod
    def cached(cls, paths: Sequence[Path], *, freeze: bool = False, links: Links = Links.TEXTS) -> MapView | None:
        """The view of ``paths`` from argmap's cache, or None when it holds none of them as
        they are now (:meth:`load` parses them then). ``freeze`` as for :meth:`load`."""
        from argmap import cache

        found = cache.cached(paths, links=links)
        if found is None:
            return None
        if freeze:
            gc.freeze()
        return cls.of(*found)

    @classmethod
    def of(cls, workspace: Workspace, analysis: MapAnalysis | None = None, *, links: Links = Links.TEXTS) -> MapView:
        """The view of an already loaded workspace (after an edit, say), analysed on the
        links ``links`` counts unless an analysis of it is given (whose links it then
        shows): status, strength and dropped claims, which every tree line shows; the other
        analyses wait until asked for (or :meth:`finish`)."""
        error: str | None = None
        full = workspace
        links = analysis.links if analysis is not None else links
        try:
            if analysis is None:
                from argmap.analysis import analyze

                analysis = analyze(workspace, links=links)
            shown, adjacency = analysis.workspace, analysis.adjacency
            analysis.strength  # noqa: B018 -- computed now, off the UI thread
            analysis.dropped  # noqa: B018
        except Exception as err:  # a partial or broken map must still open: show why analysis is missing
            analysis = None
            error = f"analysis unavailable: {type(err).__name__}: {err}"
            shown = with_links(workspace, links)
            adjacency = build_adjacency(shown)
        left = analysis.left_out if analysis is not None and links is Links.TEXTS else analyst_relations(full)
        view = cls(workspace=shown, adjacency=adjacency, analysis=analysis, analysis_error=error, links=links, full=full)
        view.analyst_links = len(bearing_on_primary(full, frozenset(left)))
        view.roots = view._find_roots()
        for m in workspace.maps.values():
            view.side_order.extend(s for s in m.sides if s not in view.side_order)
        return view

    def finish(self) -> None:
        """Compute every analysis the first screen did not need (clash points, chains, …),
        then cache the whole if it was loaded afresh, so the next launch starts at once."""
        if self.analysis is None:
            return
        whole = self.full or self.workspace
        if self._uncached is not None and whole.ok:
            # stored first: the entry holds only what is computed already (see
            # MapAnalysis.__getstate__), and the pickler's memory is given back before the
            # other analyses take theirs rather than on top of it
            from argmap import cache

            paths, read_since = self._uncached
            cache.store(paths, whole, self.analysis, read_since=read_since)
            self._uncached = None
        self.analysis.compute_all()

    def relinked(self, links: Links) -> MapView:
        """The view of the same maps analysed on ``links`` (slow as :meth:`of`: off the UI thread)."""
        return MapView.of(self.full or self.workspace, links=links)

    @property
    def links_wording(self) -> str:
        """The choice of links in the words every report uses."""
        return self.links.wording(self.analyst_links)

    # -- one claim ---------------------------------------------------------------------

    def claim(self, key: str) -> Claim:
        return self.workspace.claims[key]

    def role(self, key: str) -> Role:
        """A claim's role, worked out the first time a line shows it: the first screen
        shows a few dozen claims, not all of them."""
        found = self._roles.get(key)
        if found is None:
            found = self._roles[key] = role(self.adjacency, key)
        return found

    def side(self, key: str) -> str | None:
        return self.workspace.side(self.workspace.claims[key])

    def side_index(self, side: str | None) -> int | None:
        """The position of a side in display order (its colour), None for no side."""
        return self.side_order.index(side) if side in self.side_order else None

    def side_label(self, side: str | None) -> str:
        return self.workspace.side_label(side)

    def speaker_name(self, key: str) -> str | None:
        speaker = self.workspace.speaker(self.workspace.claims[key])
        return speaker.name if speaker else None

    def status(self, key: str) -> str:
        """IN, OUT or UNDEC (grounded status), or ``?`` when there is no analysis."""
        if self.analysis is None or key not in self.analysis.status:
            return UNKNOWN_STATUS
        return self.analysis.status[key].name

    def strength(self, key: str) -> float | None:
        return self.analysis.strength.get(key) if self.analysis is not None else None

    def is_dropped(self, key: str) -> bool:
        return self.analysis is not None and key in self.analysis.dropped

    def response(self, key: str) -> Response | None:
        """What became of a claim of a side in the maps shown (None: no side, another map, no analysis)."""
        return self.analysis.responses.get(key) if self.analysis is not None else None

    def reason(self, key: str) -> str:
        """Why the claim has its status, in words a student reads (or why there is no status)."""
        if self.analysis is None or key not in self.analysis.status:
            return self.analysis_error or "not analysed"
        return self.analysis.reason(key)

    @staticmethod
    def is_analyst(rel: Relation) -> bool:
        """Whether a relation is the analyst's link, not one a speaker made."""
        return ANALYST_LINK in rel.tags

    def attackers_in(self, key: str) -> list[Relation]:
        """Why a claim is OUT: the attacks on it that stand."""
        return self.analysis.attackers_in(key) if self.analysis is not None else []

    # -- the claim tree ------------------------------------------------------------------

    def children(self, key: str) -> list[Link]:
        """What hangs below a claim in the tree: its reasons and objections, and what
        undercuts the inferences it states (shown under it, since it is their premise)."""
        return [Link(*link) for link in self._below(key)]

    def has_children(self, key: str) -> bool:
        """Whether anything hangs below a claim (its tree node can expand), without listing it."""
        return next(self._below(key), None) is not None

    def _below(self, key: str) -> Iterator[tuple[str, Relation, bool]]:
        """:meth:`children` as plain (key, relation, linked) tuples, read straight from the
        graph's adjacency: walking the whole tree for its roots asks this of every claim."""
        relation, pred = self.workspace.relations.get, self.adjacency._pred
        for rel_key in pred[key]:
            rel = relation(rel_key)
            if rel is not None:
                yield rel.source, rel, False
                for premise in rel.linked:
                    yield premise, rel, True
        for rel_key in self.adjacency._succ[key]:
            stated = relation(rel_key)
            if stated is not None and stated.source == key:
                for under_key in pred[rel_key]:
                    under = relation(under_key)
                    if under is not None:
                        yield under.source, under, False

    def parents(self, key: str) -> list[str]:
        """The claims a claim hangs below in the tree (the inverse of :meth:`children`)."""
        found = []
        for rel in outgoing(self.adjacency, key):
            target = self.adjacency._node[rel.target]
            found.append(target["relation"].source if target["type"] == "relation" else rel.target)
        return found

    def _find_roots(self) -> dict[str, list[str]]:
        """The top of each map's tree: its theses, then whatever no thesis reaches
        (a claim that relates to nothing, or one representative of an unanchored cycle).

        Only the maps asked for have a tree; maps read because they are referred to
        appear where their claims bear on these (marked as context).
        """
        claims = {key: claim for key, claim in self.workspace.claims.items() if self.workspace.is_primary(key)}
        roots: dict[str, list[str]] = {stem: [] for stem in self.workspace.primary}
        reached: set[str] = set()

        def reach(start: str) -> None:
            queue = deque([start])
            reached.add(start)
            while queue:
                for child, _, _ in self._below(queue.popleft()):
                    if child not in reached:
                        reached.add(child)
                        queue.append(child)

        for key, claim in claims.items():
            if claim.kind is ClaimKind.THESIS:
                roots[claim.map].append(key)
                reach(key)
        # the tops of what is left first (claims that bear on nothing), then cycles
        for key in claims:
            if key not in reached and not self.parents(key):
                roots[claims[key].map].append(key)
                reach(key)
        for key in claims:
            if key not in reached:
                roots[claims[key].map].append(key)
                reach(key)
        return roots

    def has_theses(self, stem: str) -> bool:
        return any(c.kind is ClaimKind.THESIS for c in self.workspace.maps[stem].claims.values())

    def path_to(self, key: str) -> list[str]:
        """A shortest path of claims from a root of the tree down to ``key``."""
        root_set = {r for rs in self.roots.values() for r in rs}
        previous: dict[str, str | None] = {key: None}
        queue = deque([key])
        while queue:
            here = queue.popleft()
            if here in root_set:
                path = [here]
                while (nxt := previous[path[-1]]) is not None:
                    path.append(nxt)
                return path
            for parent in self.parents(here):
                if parent not in previous:
                    previous[parent] = here
                    queue.append(parent)
        return [key]  # unreachable only if roots are stale; show the claim alone

    # -- relations, for the detail pane and trace ---------------------------------------

    def links_in(self, key: str) -> list[Link]:
        """Relations that bear on a claim or on an inference it states, by their source."""
        return self.children(key)

    def links_out(self, key: str) -> list[Link]:
        """Relations a claim takes part in, by the claim at their other end."""
        found = []
        for rel in outgoing(self.adjacency, key):
            target = self.adjacency._node[rel.target]
            found.append(Link(target["relation"].source if target["type"] == "relation" else rel.target, rel))
        return found

    def answers(self, key: str) -> list[Link]:
        """Who answers a claim: rebuttals of it and undercuts of the inferences it states,
        the other sides' before its own side's caveats, strongest standing first (IN before
        UNDEC before OUT), so following the first answer leads to the last word."""
        found = [link for link in self.children(key) if link.relation.kind.is_attack and not link.linked]
        rank = {"IN": 0, "UNDEC": 1, UNKNOWN_STATUS: 1, "OUT": 2}
        found.sort(key=lambda link: (self.own_caveat(key, link), rank[self.status(link.key)]))
        return found

    def own_caveat(self, key: str, link: Link) -> bool:
        """Whether an attack on ``key`` comes from its own side: a caveat, not an answer."""
        side = self.side(key)
        return side is not None and self.side(link.key) == side

    def last_word_path(self, key: str) -> list[str]:
        """From ``key``, follow the first answer of another side each time until nobody of
        another side answers (or a cycle): a speaker's caveat on her own claim is not the
        other side's reply, so it never takes the last word from her."""
        path = [key]
        while answers := [a for a in self.answers(path[-1]) if a.key not in path and not self.own_caveat(path[-1], a)]:
            path.append(answers[0].key)
        return path

    # -- lists --------------------------------------------------------------------------

    def tags(self) -> list[str]:
        return sorted({t for c in self.workspace.claims.values() for t in c.tags})

    def matches(self, key: str, wanted: ClaimFilter) -> bool:
        """Whether a claim passes a filter."""
        claim = self.workspace.claims[key]
        return (
            (wanted.side is None or self.side(key) == wanted.side)
            and (wanted.role is None or self.role(key) is wanted.role)
            and (wanted.status is None or self.status(key) == wanted.status)
            and (wanted.tag is None or wanted.tag in claim.tags)
            and (not wanted.dropped or self.is_dropped(key))
        )

    def filtered(self, wanted: ClaimFilter, keys: Iterable[str] | None = None) -> list[str]:
        return [k for k in (self.workspace.claims if keys is None else keys) if self.matches(k, wanted)]

    def dropped(self) -> list[str]:
        """Dropped claims, in the order the maps declare them."""
        if self.analysis is None:
            return []
        return [k for k in self.workspace.claims if k in self.analysis.dropped]

    def unanswered(self, wanted: ClaimFilter | None = None) -> list[tuple[Response, list[str]]]:
        """The claims that went unanswered, each way apart (dropped, no chance to reply, not
        engaged), in the order the maps declare them; with ``wanted``, those it passes."""
        if self.analysis is None:
            return [(response, []) for response in UNANSWERED]
        groups: dict[Response, list[str]] = {response: [] for response in UNANSWERED}
        responses = self.analysis.responses
        for key in self.workspace.claims:
            response = responses.get(key)
            if response in groups and (wanted is None or self.matches(key, wanted)):
                groups[response].append(key)
        return list(groups.items())

    def search_texts(self) -> Iterator[str]:
        """One lower-case haystack per claim (id, text, speaker, tags), in claim order.

        Made afresh for each search rather than kept: kept, they were a second copy of
        every claim's text, 20 MB at 100k claims, to save a tenth of a second a search
        there (a hundredth at 10k) in a palette that searches off the UI thread.
        """
        name = self.speaker_name
        for key, claim in self.workspace.claims.items():
            yield f"{claim.id} {claim.text} {name(key) or ''} {' '.join(claim.tags)}".lower()

    def find(self, query: str, limit: int = 40) -> list[tuple[str, float]]:
        """Claims matching ``query`` best first, as (key, score in [0, 1]).

        Every word found (in the id, text, speaker or tags) ranks first, an id match above
        a text match; a typo still finds something through fuzzy matching (rapidfuzz's
        ``partial_ratio``, the fastest scorer that tolerates it at 100k claims).
        """
        from rapidfuzz import fuzz, process

        words = query.lower().split()
        if not words:
            return []
        keys = list(self.workspace.claims)
        found: dict[str, float] = {}
        for index, text in enumerate(self.search_texts()):
            if all(w in text for w in words):
                claim_id = keys[index].partition(":")[2]
                found[keys[index]] = 1.0 if claim_id.startswith(words[0]) else 0.9 - 0.1 * (text.find(words[0]) / max(len(text), 1))
        ranked = sorted(found.items(), key=lambda item: -item[1])[:limit]
        if len(ranked) < limit:
            fuzzy = process.extract_iter(" ".join(words), self.search_texts(), scorer=fuzz.partial_ratio, score_cutoff=60)
            best = heapq.nlargest(limit, ((score, i) for _, score, i in fuzzy if keys[i] not in found), key=lambda match: match[0])
            ranked.extend((keys[i], score / 200) for score, i in best[: limit - len(ranked)])
        return ranked

    def flow(self, stem: str, limit: int | None = None) -> FlowSheet:
        """The flow sheet of one map: a column per source in speech order (and one for
        claims with no quote), each answer placed right of what it answers, on the same row
        when that cell is free. With ``limit``, the first rows only, and only the claims
        that they hold are placed: a 100k-claim map's flow of 78k rows by 501 speeches took
        seconds and 300 MB, to show its first screenfuls."""
        argmap = self.workspace.maps[stem]
        sources = sorted(argmap.sources.values(), key=lambda s: s.order)
        columns = [s.title for s in sources]
        position = {s.order: i for i, s in enumerate(sources)}
        column_of: dict[str, int] = {}
        for claim in argmap.claims.values():
            order = self.workspace.speech_order(claim)
            column_of[claim.key] = position.get(order, -1) if order is not None else -1
        unquoted = -1 in column_of.values()
        offset = 1 if unquoted else 0
        if unquoted:
            columns.insert(0, "(no quote)")
        keep = len(argmap.claims) if limit is None else limit
        rows: list[dict[int, str]] = []  # the cells of the rows kept
        last: list[int] = []  # every row's rightmost column: where its thread may go on
        placed: set[str] = set()

        def place(key: str, col: int, row: int | None) -> int:
            if row is None or last[row] >= col:  # a new thread, or no room right of it
                row = len(last)
                last.append(-1)
                if row < keep:
                    rows.append({})
            last[row] = col
            if row < keep:
                rows[row][col] = key
            return row

        complete = True
        for start in argmap.claims.values():
            if start.key in placed or any(p in column_of for p in self.parents(start.key)):
                continue
            if len(last) >= keep:  # a new thread starts a new row: none of the kept ones
                complete = False
                break
            stack: list[tuple[str, int | None]] = [(start.key, None)]
            while stack:
                key, at = stack.pop()
                if key in placed:
                    continue
                placed.add(key)
                row = place(key, column_of[key] + offset, at)
                answers = [link.key for link in self.children(key) if link.key in column_of and link.key not in placed]
                answers.sort(key=lambda k: column_of[k])
                stack.extend((a, row) for a in reversed(answers))
        # whatever only a cycle reaches
        for claim in argmap.claims.values() if complete else ():
            if claim.key not in placed:
                placed.add(claim.key)
                place(claim.key, column_of[claim.key] + offset, None)
        width = len(columns)
        return FlowSheet(tuple(columns), tuple(tuple(r.get(c) for c in range(width)) for r in rows), complete and len(last) == len(rows))

    def claim_at(self, location: Location) -> str | None:
        """The claim whose YAML entry holds a location (to jump from a problem to it)."""
        if self._claim_lines is None:
            index: dict[str, list[tuple[int, str]]] = {}
            for key, claim in self.workspace.claims.items():
                index.setdefault(str(claim.location.path), []).append((claim.location.line, key))
            self._claim_lines = {}
            for path, entries in index.items():
                entries.sort()
                self._claim_lines[path] = ([line for line, _ in entries], [key for _, key in entries])
        lines, keys = self._claim_lines.get(str(location.path), ([], []))
        at = bisect.bisect_right(lines, location.line) - 1
        return keys[at] if at >= 0 and location.line else None

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.workspace.problems

    def watched_files(self) -> list[Path]:
        """Files whose change means a reload: every map and every source text."""
        return self.workspace.files()

    @staticmethod
    def relation_words(rel: Relation) -> str:
        return {RelationKind.SUPPORT: "supports", RelationKind.REBUT: "rebuts", RelationKind.UNDERCUT: "undercuts"}[rel.kind]
