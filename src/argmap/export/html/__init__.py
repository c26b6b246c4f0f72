"""``argmap html``: the explorer as one self-contained HTML file that any browser opens offline.

:func:`plan_page` gathers what a page shows (the model of :mod:`.model`, the DOT of its
diagrams, the stylesheet and script of ``assets/``); :func:`write_html` draws the diagrams
with Graphviz and writes the file; :func:`fingerprint` hashes everything a page is made of
without running Graphviz, so ``renders/`` can tell when a page is out of date.

The page fetches nothing: its CSS and JavaScript are this package's own ``assets/`` files,
inlined; the data is JSON in a ``<script type="application/json">`` (with ``<``, ``>`` and
``&`` escaped, so no claim text can close it); the diagrams are gzipped SVG in base64.
Every text the script shows goes into the page as text (``textContent``), never as markup.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from argmap.analysis.links import Links
from argmap.export.common import links_note, prepare
from argmap.export.html.diagrams import Diagram, DiagramSet, draw, focus_sources, overview_source
from argmap.export.html.model import PageModel, build_model
from argmap.export.options import DEFAULT_DIAGRAMS
from argmap.model import Workspace
from argmap.render import RenderOptions

__all__ = ["DEFAULT_DIAGRAMS", "PAGE_VERSION", "PagePlan", "bundle_pages", "fingerprint", "page_json", "plan_page", "render_page"]

"""Claims that get a diagram of their neighbourhood unless ``--diagrams`` says otherwise
(those nearest the top of the tree): at about 1.5 KB a diagram, a 10k-claim page stays
near 10 MB, and drawing them takes seconds, not minutes."""

PAGE_VERSION = "1"
"""Bumped when pages change in a way their inputs would not show (see :func:`fingerprint`)."""

ASSETS = ("page.html", "app.css", "fsrs.js", "app.js")


def _asset(name: str) -> str:
    return resources.files(__name__).joinpath("assets", name).read_text(encoding="utf-8")


def page_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` (so no
    ``</script>`` or ``<!--``) and no line or paragraph separator appears as itself."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@dataclass
class PagePlan:
    """What a page will hold, before Graphviz has drawn anything."""

    model: PageModel
    focus: list[str]  # the claims that get a diagram, in order
    depth: int
    overviews: list[str]  # the maps that get an overview
    make_focus: Callable[[], Iterator[Diagram]]
    make_overviews: Callable[[], Iterator[Diagram]]
    notes: list[str] = field(default_factory=list)


def plan_page(
    workspace: Workspace, stems: Sequence[str], *, links: Links = Links.TEXTS, depth: int = 1,
    diagrams: int | None = DEFAULT_DIAGRAMS, title: str | None = None,
) -> PagePlan:
    """Analyse ``workspace`` (the whole workspace, analyst links and all) on ``links`` and
    plan the page of maps ``stems``; ``diagrams`` claims at most get a neighbourhood
    diagram (None: every claim of those maps)."""
    debates = prepare(workspace, stems, links=links)
    analysis = debates[0].analysis
    model = build_model(debates, workspace, title=title)
    budget = len(model.primary) if diagrams is None else max(0, diagrams)
    focus = model.primary[:budget]
    options = RenderOptions()
    notes_by_map: dict[str, str] = {}

    def note(stem: str) -> str:
        if stem not in notes_by_map:
            notes_by_map[stem] = links_note(workspace, links, stem)
        return notes_by_map[stem]

    overviews = [d.stem for d in debates] if diagrams != 0 else []
    plan = PagePlan(
        model, focus, depth, overviews,
        make_focus=lambda: focus_sources(analysis, focus, depth, options, note),
        make_overviews=lambda: (overview_source(analysis, stem, options, note(stem)) for stem in overviews),
    )
    left = len(model.primary) - len(focus)
    if left > 0:
        plan.notes.append(
            f"{len(focus)} of {len(model.primary)} claims have a diagram (those nearest the theses); "
            f"--diagrams all draws every one"
        )
    return plan


def bundle_pages(workspace: Workspace) -> dict[str, PagePlan]:
    """The pages of ``renders/``: one per map of the bundled workspace (every map loaded, as
    ``argmap render arguments/ --all`` loads them), by file name, judged on the texts' links."""
    import dataclasses

    return {
        f"{stem}.html": plan_page(dataclasses.replace(workspace, primary=(stem,)), [stem], links=Links.TEXTS, diagrams=None)
        for stem in sorted(workspace.maps)
    }


def fingerprint(plan: PagePlan) -> str:
    """SHA-256 of everything a page is drawn from: the model, the DOT of every diagram, the
    assets and :data:`PAGE_VERSION` (the SVG Graphviz makes of the DOT differs between
    machines; the DOT does not)."""
    digest = hashlib.sha256()
    digest.update(PAGE_VERSION.encode())
    digest.update(page_json(plan.model.data).encode("utf-8"))
    for diagram in (*plan.make_overviews(), *plan.make_focus()):
        digest.update(diagram.source.encode("utf-8"))
    for name in ASSETS:
        digest.update(_asset(name).encode("utf-8"))
    return digest.hexdigest()


def render_page(plan: PagePlan, progress: Callable[[str], None] | None = None) -> str:
    """Draw the diagrams and put the page together: one HTML document."""
    from argmap import __version__

    model = plan.model
    number = model._numbers

    def index(key: str) -> int:
        return number.get(key, -1)

    total = len(plan.focus) + len(plan.overviews)
    said = [0]

    def drawing(done: int) -> None:
        # a line a quarter of the way, not one a batch
        if progress is not None and len(plan.focus) >= 200 and (done == total or done - said[0] >= total // 4):
            said[0] = done
            progress(f"drew {done} of {total} diagrams")

    drawn = draw(_chain(plan.make_overviews(), plan.make_focus()), index, drawing) if plan.focus or plan.overviews else DiagramSet([], [], [])
    data = dict(model.data)
    overview_at = {stem: i for i, stem in enumerate(plan.overviews)}
    data["maps"] = [dict(m, overview=overview_at[m["stem"]]) if m["stem"] in overview_at else m for m in data["maps"]]
    first_focus = len(plan.overviews)
    data["diagrams"] = {"places": drawn.places, "labels": drawn.labels, "chunks": len(drawn.chunks), "depth": plan.depth}
    data["focus"] = {str(number[k]): first_focus + i for i, k in enumerate(plan.focus)}
    data["notes"] = plan.notes
    data["generator"] = f"argmap {__version__}"
    chunks = "".join(
        f'<script type="application/octet-stream" id="argmap-diagrams-{i}">{chunk}</script>\n' for i, chunk in enumerate(drawn.chunks)
    )
    parts = {
        "title": html.escape(str(data["title"])),
        "generator": html.escape(str(data["generator"])),
        "css": _asset("app.css"),
        "data": page_json(data),
        "js": _asset("fsrs.js") + "\n" + _asset("app.js"),
        "diagrams": chunks,
    }
    # one pass over the template: nothing inserted is read again for placeholders
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("page.html"))


def _chain(*iterators: Iterator[Diagram]) -> Iterator[Diagram]:
    for iterator in iterators:
        yield from iterator
