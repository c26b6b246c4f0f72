"""The Graphviz renderer: argument maps as diagrams a coach can project, print or hand out.

:func:`build_dot` turns a view of a workspace into a ``graphviz.Digraph`` (no Graphviz
needed), :func:`render` runs ``dot`` on it, and :func:`render_focus` does both for one
claim's neighbourhood (the terminal explorer's "show me this as a diagram").
:mod:`argmap.render.bundle` keeps ``renders/`` in sync with ``arguments/``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same
if TYPE_CHECKING:  # the real imports are lazy (below): a cached render runs dot without them
    from pathlib import Path

    from argmap.analysis import MapAnalysis
    from argmap.model import Workspace
    from argmap.render.dot import DEFAULT_OVERLAYS, OVERLAYS, RANKDIRS, RenderOptions, build_dot, parse_overlays
    from argmap.render.run import FORMATS, INSTALL_HINT, render
    from argmap.render.themes import THEMES, Theme
    from argmap.render.views import Selection, View, ViewKind, resolve_claim, select

__all__ = [
    "DEFAULT_OVERLAYS",
    "FORMATS",
    "INSTALL_HINT",
    "OVERLAYS",
    "RANKDIRS",
    "THEMES",
    "RenderOptions",
    "Selection",
    "Theme",
    "View",
    "ViewKind",
    "build_dot",
    "parse_overlays",
    "render",
    "render_focus",
    "resolve_claim",
    "select",
]


_HOMES = {
    **dict.fromkeys(["DEFAULT_OVERLAYS", "OVERLAYS", "RANKDIRS", "RenderOptions", "build_dot", "parse_overlays"], "argmap.render.dot"),
    **dict.fromkeys(["FORMATS", "INSTALL_HINT", "render"], "argmap.render.run"),
    **dict.fromkeys(["THEMES", "Theme"], "argmap.render.themes"),
    **dict.fromkeys(["Selection", "View", "ViewKind", "resolve_claim", "select"], "argmap.render.views"),
}


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562): ``argmap.render.run`` is imported
    without networkx, the analyses and the graphviz package, as a cached render needs."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'argmap.render' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(home), name)


def render_focus(
    workspace: Workspace,
    claim_key: str,
    depth: int,
    path: Path | str,
    fmt: str = "svg",
    options: RenderOptions | None = None,
    *,
    analysis: MapAnalysis | None = None,
    links_note: str | None = None,
) -> Path:
    """Render ``claim_key`` and its neighbours up to ``depth`` relations away to ``path``.

    With ``analysis``, its workspace and graph are drawn, with its status (on the links it
    counts), and ``workspace`` is not read; ``links_note`` states that choice of links.

    Raises:
        ArgmapError: an unknown claim; ToolMissingError when ``dot`` is missing.
    """
    from argmap.graph import build_graph
    from argmap.render.dot import RenderOptions, build_dot
    from argmap.render.run import render
    from argmap.render.themes import theme
    from argmap.render.views import View

    options = options or RenderOptions()
    if analysis is not None:
        workspace, graph = analysis.workspace, analysis.graph
    else:
        graph = build_graph(workspace)
    digraph = build_dot(workspace, graph, analysis, View.focus(claim_key, depth), options, links_note=links_note)
    return render(digraph, path, fmt, dpi=theme(options.theme).png_dpi)
