"""``argmap render``: draw a map, or part of it, with Graphviz (SVG, PNG, PDF or DOT).

One view per call (whole map, overview, a claim's neighbourhood, a thesis, a rebuttal
chain, one side's case), or ``--all`` for the bundled overview and per-thesis diagrams
with their manifest. Large maps print a line on stderr per stage, so a long ``dot`` run
does not look like a hang.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time

from argmap.options import add_links_option

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    from argmap.analysis import MapAnalysis
    from argmap.analysis.links import Links
    from argmap.model import Workspace
    from argmap.render import RenderOptions

HELP = "draw maps with Graphviz: whole, overview, focus, thesis, chain, side"
ORDER = 40

LARGE = 500
"""Claims from which each stage reports on stderr."""


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Draw a map with Graphviz. Boxes carry role word and icon, speaker and side; supports are "
        "solid, attacks dashed; undercuts end on a diamond on the inference they attack. With "
        "--links all, analyst links are drawn grey and dotted, labelled 'analyst'; with texts "
        "(the default) they are not drawn, and status follows the links drawn. "
        "Writes to renders/ unless -o is given."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="MAP", help="a map file or a folder of maps")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write, - for standard output (default: renders/NAME.FORMAT)")
    parser.add_argument("--format", choices=["svg", "png", "pdf", "dot"], help="output format (default: from -o, else svg)")
    view = parser.add_mutually_exclusive_group()
    view.add_argument("--overview", action="store_true", help="theses, what bears on them directly, and where the sides clash")
    view.add_argument("--focus", metavar="CLAIM", help="a claim and its neighbours (see --depth)")
    view.add_argument("--thesis", metavar="CLAIM", help="a claim and everything that bears on it")
    view.add_argument("--chain", metavar="CLAIM", help="the rebuttal chains through a claim")
    view.add_argument("--side", metavar="SIDE", help="one side's case")
    view.add_argument(
        "--all", action="store_true",
        help="every map's overview and a diagram per thesis (SVG and PNG) on the texts' links, an overview "
        "with all links of each map that has analyst links, and the manifest",
    )
    parser.add_argument("--depth", type=int, default=1, metavar="N", help="relations away from the --focus claim (default 1)")
    parser.add_argument("--map", metavar="STEM", help="the map a whole, overview or side view is about (default: the one file given)")
    parser.add_argument("--overlay", default="status,dropped", metavar="LIST", help="status, strength, dropped, all or none (default status,dropped)")
    parser.add_argument("--theme", default="screen", choices=["screen", "print", "slides"], help="screen, print (page, pale headers) or slides (large text, 16:9)")
    parser.add_argument("--rankdir", default="BT", choices=["BT", "TB", "LR", "RL"], help="layout direction (default BT: theses on top)")
    parser.add_argument("--wrap", type=int, metavar="N", help="characters per line of claim text (default: the theme's)")
    parser.add_argument("--dpi", type=int, metavar="N", help="PNG resolution (default: the theme's)")
    parser.add_argument("--out-dir", type=Path, default=Path("renders"), metavar="DIR", help="folder for default outputs and --all (default renders/)")
    parser.add_argument("--check", action="store_true", help="with --all: render nothing, exit 1 if renders/ is out of date with the maps")
    add_links_option(parser)


def _say(message: str) -> None:
    print(f"argmap: {message}", file=sys.stderr, flush=True)


def _view(args: argparse.Namespace, home: str | None) -> tuple[tuple[object, ...], str]:
    """The view asked for, as the :class:`~argmap.render.views.View` constructor and its
    arguments (plain values: also what a remembered DOT is keyed by), and the file name
    (without suffix) it gets by default."""
    if args.overview:
        return ("overview", home), f"{home or 'workspace'}-overview"
    if args.focus:
        return ("focus", args.focus, args.depth), f"focus-{args.focus}-depth{args.depth}"
    if args.thesis:
        return ("thesis", args.thesis), f"thesis-{args.thesis}"
    if args.chain:
        return ("chain", args.chain), f"chain-{args.chain}"
    if args.side:
        return ("side_case", args.side, home), f"{home or 'workspace'}-side-{args.side}"
    return ("whole", home), home or "workspace"


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name)


def run(args: argparse.Namespace) -> int:
    if args.check and not args.all:
        from argmap.errors import ArgmapError

        raise ArgmapError("--check goes with --all (it checks the bundled renders)")
    if args.all and args.links != "texts":
        from argmap.errors import ArgmapError

        raise ArgmapError("--all draws both readings (every diagram on the texts' links, and overview-all-links with all); --links goes with one view")
    if args.all and args.output is not None:
        from argmap.errors import ArgmapError

        raise ArgmapError("--all writes every diagram into --out-dir; -o names the file of one view")
    if args.all:
        from argmap.render import RenderOptions, parse_overlays

        return _run_all(args, RenderOptions(args.theme, args.rankdir, args.wrap, parse_overlays(args.overlay)))
    if args.output is not None and str(args.output) == "-":
        return _to_stdout(args)
    from argmap import stamps
    from argmap.render.run import render_pieces, render_source

    home = args.map
    if home is None and len(args.paths) == 1 and args.paths[0].is_file():
        home = args.paths[0].stem
    view, name = _view(args, home)
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output and args.output.suffix else "svg")
    path = args.output or args.out_dir / f"{_safe_name(name)}.{fmt}"
    # the DOT of a view is remembered with the files it was drawn from: drawing it again
    # from unchanged maps (another format, a slide's refresh) runs dot alone, without
    # reading a map or importing the renderer
    drawing = [*view, args.overlay, args.theme, args.rankdir, args.wrap, args.links]
    drawn = stamps.recall("render", args.paths, drawing)
    if drawn is not None:
        _running_dot(drawn["dot"], fmt)
        render_source(drawn["dot"], path, fmt, dpi=args.dpi or drawn["png_dpi"])
    else:  # dot reads the DOT as it is built
        pieces = _Drawing(args, view, home, drawing)

        def whole(source: str) -> None:  # dot has all of it now, and lays it out meanwhile
            pieces.remember(source)
            _running_dot(source, fmt)

        render_pieces(pieces, path, fmt, dpi=args.dpi or pieces.png_dpi, then=whole)
    print(f"wrote {path}")
    return 0


def _to_stdout(args: argparse.Namespace) -> int:
    """Render one view as ``-o FILE`` does, into a file of our own, and copy it to standard
    output (``dot`` writes its output file whole, which is what a pipe should get)."""
    import tempfile
    from pathlib import Path

    fmt = args.format or "svg"
    if fmt in ("png", "pdf") and sys.stdout.isatty():
        from argmap.errors import ArgmapError

        raise ArgmapError(f"-o - would print {fmt.upper()} bytes on the terminal: pipe them on (argmap render … -o - | …), or name a file (-o out.{fmt})")
    with tempfile.TemporaryDirectory(prefix="argmap-render-") as folder:
        args.output, args.format = Path(folder) / f"view.{fmt}", fmt
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):  # its "wrote FILE" names a file about to go
            run(args)
        sys.stdout.flush()
        sys.stdout.buffer.write(args.output.read_bytes())
        sys.stdout.buffer.flush()
    return 0


LARGE_DOT = 500_000
"""Characters of DOT (about 500 claims) from which dot's run is announced on stderr."""


def _running_dot(source: str, fmt: str) -> None:
    if len(source) >= LARGE_DOT and fmt != "dot":
        _say(f"running Graphviz dot -T{fmt} (can take a while)")


class _Drawing:
    """The DOT of the view ``spec`` (see :func:`_view`) drawn from the maps, given piece
    by piece as it is built (:func:`~argmap.render.dot.dot_pieces`), for ``dot`` to read
    while the rest is built; once it is whole, :meth:`remember` keeps it with the files it
    was drawn from (:mod:`argmap.stamps`) and the theme's PNG resolution."""

    def __init__(self, args: argparse.Namespace, spec: tuple[object, ...], home: str | None, drawing: list[object]) -> None:
        from argmap.render.themes import theme

        self.args, self.spec, self.home, self.drawing = args, spec, home, drawing
        self.png_dpi = theme(args.theme).png_dpi
        self.read_since = 0
        self.workspace: Workspace | None = None

    def __iter__(self) -> Iterator[str]:
        from argmap.analysis.links import Links, with_links
        from argmap.export.common import links_note
        from argmap.render import RenderOptions, View, ViewKind, parse_overlays
        from argmap.render.dot import dot_pieces

        args = self.args
        started = self.read_since = time.time_ns()
        options = RenderOptions(args.theme, args.rankdir, args.wrap, parse_overlays(args.overlay))
        make, *arguments = self.spec
        view = getattr(View, str(make))(*arguments)
        links = Links(args.links)
        analysed = bool(options.overlays) or view.kind in (ViewKind.CHAIN, ViewKind.OVERVIEW)
        workspace, analysis = _load(args.paths, links, analysed)
        self.workspace = workspace
        large = len(workspace.claims) >= LARGE

        def say(done: str) -> None:
            if large:
                _say(f"{done} in {(time.time_ns() - started) / 1e9:.1f} s")

        say(f"loaded {len(workspace.claims)} claims")
        if analysis is not None:
            drawn, graph = analysis.workspace, analysis.adjacency
        else:
            from argmap.graph import build_adjacency

            drawn = with_links(workspace, links)
            graph = build_adjacency(drawn)
        say("analysed")
        yield from dot_pieces(drawn, graph, analysis, view, options, links_note=links_note(workspace, links, self.home))
        say("built the diagram")

    def remember(self, source: str) -> None:
        """Keep the whole DOT ``source`` for a later render of the unchanged maps."""
        from argmap import stamps

        assert self.workspace is not None, "remembered before it was drawn"
        answer = {"dot": source, "png_dpi": self.png_dpi}
        stamps.remember("render", self.args.paths, self.drawing, self.workspace.files(), answer, read_since=self.read_since)


def _load(paths: Sequence[Path], links: Links, analysed: bool) -> tuple[Workspace, MapAnalysis | None]:
    """The maps, and their analysis if the view needs one: from argmap's cache when the
    explorer or ``argmap analyze`` left an entry for these files as they are now.

    Parsing and analysing the maps took twice as long as building the DOT at 1k claims;
    an entry is read in a fraction of that. A miss loads as before and writes no entry:
    the maps are read without verifying quotes, and an entry vouches for a checked map.
    """
    from argmap.errors import InputError, Severity

    if analysed:
        from argmap import cache

        found = cache.cached(paths, links=links)
        if found is not None:
            return found
    from argmap.load import load_workspace

    workspace = load_workspace(paths, verify_quotes=False)
    errors = [p for p in workspace.problems if p.severity is Severity.ERROR]
    if errors:
        raise InputError(errors)
    if not analysed:
        return workspace, None
    from argmap.analysis import analyze

    return workspace, analyze(workspace, links=links)


def _run_all(args: argparse.Namespace, options: RenderOptions) -> int:
    from argmap.render.bundle import MANIFEST, render_all, stale

    if args.check:
        reasons = stale(args.paths, args.out_dir, options)
        for reason in reasons:
            print(reason)
        if not reasons:
            print(f"{args.out_dir / MANIFEST}: every diagram is in sync with its maps", file=sys.stderr)
        return 1 if reasons else 0
    written = render_all(args.paths, args.out_dir, options, progress=_say)
    print(f"wrote {len(written)} files and {args.out_dir / MANIFEST}")
    return 0
