"""The page's diagrams: each claim's neighbourhood and each map's overview, drawn by Graphviz
when the page is written, exactly as ``argmap render --focus`` and ``--overview`` draw them.

Speed: ``build_dot`` selects a view from the whole graph, which at 10k claims costs a tenth
of a second a diagram; a claim's neighbourhood is drawn here from a workspace cut down to
the claims within ``depth + 2`` relations of it (everything a box's role, its hidden counts
and the relations drawn depend on), which gives the same DOT, byte for byte (tested), in a
few milliseconds. Graphviz reads many graphs from one input, so ``dot`` runs once per batch
of diagrams, on every core, instead of once per diagram (two orders of magnitude fewer
processes).

Size: the SVG is trimmed of what the page does not use (comments, ids — which would clash
between diagrams in one document —, tooltips: the detail pane says it all) and each box is
tagged with the number of its claim, so a click on it moves there. Diagrams are stored in
chunks, each a gzip of a JSON list of SVG texts in base64, unpacked by the browser
(``DecompressionStream``) when a diagram of the chunk is first shown: neighbourhoods repeat
each other's boxes, so a chunk compresses twelvefold.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import graphviz

from argmap.analysis import MapAnalysis
from argmap.errors import ArgmapError, ToolMissingError
from argmap.graph import build_graph, relations
from argmap.model import Workspace
from argmap.render import RenderOptions, View, build_dot, select
from argmap.render.run import INSTALL_HINT
from argmap.render.views import _within, members  # the claims within N relations, as a focus view selects them

__all__ = ["CHUNK_BYTES", "PAGE_SVG", "Diagram", "DiagramSet", "clean", "draw", "focus_sources", "minify"]

CHUNK_BYTES = 600_000
"""SVG text per chunk, before compression: unpacked in a few milliseconds when first needed."""
BATCH = 64
"""Diagrams per ``dot`` process."""


@dataclass(frozen=True, slots=True)
class Diagram:
    """One diagram to draw: its DOT source, the claim keys of its boxes in DOT order
    (``c0``, ``c1``, …), and what it shows, for the page to say."""

    source: str
    boxes: tuple[str, ...]
    label: str


@dataclass
class DiagramSet:
    """The drawn diagrams, as the page stores them: ``chunks`` (base64 of gzipped JSON
    lists of SVG) and where diagram ``n`` is, ``places[n] = (chunk, position)``."""

    chunks: list[str]
    places: list[tuple[int, int]]
    labels: list[str]


class _Neighbourhoods:
    """Cut-down workspaces around single claims (see the module's docstring)."""

    def __init__(self, workspace: Workspace, analysis: MapAnalysis) -> None:
        self.workspace = workspace
        self.graph = analysis.graph
        self.adjacent: dict[str, set[str]] = {}
        self.rels_of: dict[str, list[str]] = {}
        self.members: dict[str, list[str]] = {}
        for rel in relations(self.graph):
            group = members(self.graph, rel)
            self.members[rel.key] = group
            for claim in group:
                self.adjacent.setdefault(claim, set()).update(c for c in group if c != claim)
                self.rels_of.setdefault(claim, []).append(rel.key)
        self.claim_order = {k: i for i, k in enumerate(workspace.claims)}
        self.rel_order = {k: i for i, k in enumerate(workspace.relations)}

    def around(self, key: str, depth: int) -> Workspace:
        """The workspace cut down to the claims within ``depth + 2`` of ``key`` and the
        relations among them, in the workspace's order; its maps are the whole maps (a
        diagram counts the claims of its map it leaves out)."""
        near = _within(self.adjacent, key, depth + 2)
        rels = {r for c in near for r in self.rels_of.get(c, ()) if all(m in near for m in self.members[r])}
        claims = self.workspace.claims
        return dataclasses.replace(
            self.workspace,
            claims={k: claims[k] for k in sorted(near, key=self.claim_order.__getitem__)},
            relations={k: self.workspace.relations[k] for k in sorted(rels, key=self.rel_order.__getitem__)},
        )


def focus_sources(
    analysis: MapAnalysis, keys: Sequence[str], depth: int, options: RenderOptions, notes: Callable[[str], str],
) -> Iterator[Diagram]:
    """The DOT of each claim's neighbourhood up to ``depth`` relations away, as
    ``argmap render --focus KEY --depth DEPTH`` draws it; ``notes(stem)`` states the links."""
    workspace = analysis.workspace
    cut = _Neighbourhoods(workspace, analysis)
    for key in keys:
        local = cut.around(key, depth)
        graph = build_graph(local)
        view = View.focus(key, depth)
        digraph = build_dot(local, graph, analysis, view, options, links_note=notes(workspace.claims[key].map))
        selection = select(local, graph, view, analysis)
        yield Diagram(digraph.source, selection.claims, f"Diagram of {workspace.display_id(key)} and its neighbours up to {depth} step{'s' * (depth != 1)} away")


def overview_source(analysis: MapAnalysis, stem: str, options: RenderOptions, note: str) -> Diagram:
    """The DOT of a map's overview, as ``argmap render --overview`` draws it."""
    view = View.overview(stem)
    digraph = build_dot(analysis.workspace, analysis.graph, analysis, view, options, links_note=note)
    selection = select(analysis.workspace, analysis.graph, view, analysis)
    return Diagram(digraph.source, selection.claims, f"Overview of {analysis.workspace.maps[stem].title}")


PAGE_SVG = "page.svg"
"""What the memo of dot's drawings (:mod:`argmap.render.run`) calls a diagram as the page
keeps it: dot's SVG without what the page does not use (:func:`clean`). Not dot's bytes: drawn
many to a process, a graph's ids count the graphs before it, and the page drops them."""


def _page_svgs(sources: list[str]) -> list[str]:
    """Each DOT source's SVG as the page keeps it (:func:`clean`): as drawn before, else from
    one ``dot`` process for all that were not."""
    from argmap.render.run import drawn_before, remember_drawing

    found = [drawn_before(source, PAGE_SVG) for source in sources]
    missing = [i for i, svg in enumerate(found) if svg is None]
    if missing:
        for i, svg in zip(missing, _run_dot([sources[i] for i in missing]), strict=True):
            found[i] = kept = clean(svg).encode("utf-8")
            remember_drawing(sources[i], PAGE_SVG, kept)
    return [svg.decode("utf-8") for svg in found if svg is not None]


def _run_dot(sources: list[str]) -> list[str]:
    """SVG of each DOT source, from one ``dot`` process."""
    try:
        out: bytes = graphviz.pipe("dot", "svg", "".join(sources).encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound as err:
        raise ToolMissingError(f"{INSTALL_HINT} (or write the page without diagrams: --diagrams 0)") from err
    except graphviz.CalledProcessError as err:
        said = err.stderr.decode("utf-8", "replace") if isinstance(err.stderr, bytes) else str(err.stderr or "")
        first = next((line.strip() for line in said.splitlines() if line.strip()), f"exit status {err.returncode}")
        raise ArgmapError(f"Graphviz dot failed to draw a diagram: {first}") from err
    text = out.decode("utf-8")
    svgs = [part + "</svg>" for part in text.split("</svg>")[:-1]]
    if len(svgs) != len(sources):
        raise ArgmapError(f"Graphviz dot drew {len(svgs)} diagrams of {len(sources)}")
    return svgs


_DROP = re.compile(
    r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|\s(?:id|xlink:title|width|height)=\"[^\"]*\"(?=[\s/>])|\sfont-family=\"Arial\"",
    re.S,
)
_LINKS = re.compile(r"<a>|</a>")  # the tooltips' links, empty once their titles are gone
_NODE = re.compile(r'<g class="node"><title>c(\d+)</title>')
_TITLE = re.compile(r"<title>[^<]*</title>")


def clean(svg: str) -> str:
    """Graphviz's SVG without what the page does not use, whatever the page: the XML header,
    comments, ids, sizes, tooltips' links and white space between tags."""
    return re.sub(r">\s+<", "><", _LINKS.sub("", _DROP.sub("", svg))).strip()


def minify(svg: str, boxes: Sequence[int]) -> str:
    """Graphviz's SVG, :func:`clean`, each claim's box tagged ``data-c="N"`` (the claim's
    number in the page; -1 for a claim the page does not hold) and the titles gone."""
    return _tag(clean(svg), boxes)


def _tag(cleaned: str, boxes: Sequence[int]) -> str:
    tagged = _NODE.sub(lambda m: f'<g class="node" data-c="{boxes[int(m.group(1))]}">', cleaned)
    return _TITLE.sub("", tagged)


def _pack(svgs: list[str]) -> str:
    raw = json.dumps(svgs, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def draw(diagrams: Iterator[Diagram], number: Callable[[str], int], progress: Callable[[int], None] | None = None) -> DiagramSet:
    """Run ``dot`` on every diagram (batches in parallel, while the next are built), trim
    the SVG and pack it into chunks."""
    pending: list[tuple[Future[list[str]], list[Diagram]]] = []
    batch: list[Diagram] = []
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for diagram in diagrams:
            batch.append(diagram)
            if len(batch) == BATCH:
                pending.append((pool.submit(_page_svgs, [d.source for d in batch]), batch))
                batch = []
        if batch:
            pending.append((pool.submit(_page_svgs, [d.source for d in batch]), batch))
        chunks: list[str] = []
        places: list[tuple[int, int]] = []
        labels: list[str] = []
        current: list[str] = []
        size = 0
        done = 0
        for future, drawn in pending:
            for diagram, svg in zip(drawn, future.result()):
                small = _tag(svg, [number(k) for k in diagram.boxes])
                places.append((len(chunks), len(current)))
                labels.append(diagram.label)
                current.append(small)
                size += len(small)
                if size >= CHUNK_BYTES:
                    chunks.append(_pack(current))
                    current, size = [], 0
            done += len(drawn)
            if progress is not None:
                progress(done)
        if current:
            chunks.append(_pack(current))
    return DiagramSet(chunks, places, labels)
