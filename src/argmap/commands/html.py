"""``argmap html``: the explorer as one self-contained HTML file, for any browser, offline."""

from __future__ import annotations

import argparse
import sys
import time

from argmap.options import add_links_option

HELP = "write the explorer as one HTML file any browser opens offline (tree, trace, search, diagrams)"
ORDER = 62


def _diagrams(value: str) -> int | None:
    if value in ("all", "every"):
        return None
    if value == "none":
        return 0
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, 'all' or 'none', not {value!r}") from None
    if count < 0:
        raise argparse.ArgumentTypeError("the number of diagrams cannot be negative")
    return count


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    from argmap.export.options import DEFAULT_DIAGRAMS

    parser.description = (
        "Write one self-contained HTML file that does in a browser what 'argmap explore' does in "
        "the terminal: the claim tree per thesis with side, role, status and strength; each claim's "
        "quote, citation, status and why; tracing rebuttals to the last word; search, filters, the "
        "dropped arguments, clash points, flow and rebuttal chains; Graphviz diagrams of each claim's "
        "neighbourhood and of each map; the drill of 'argmap drill', with its progress kept in the browser. "
        "It loads nothing from the network: send it, open it anywhere. "
        "A link to PAGE.html#claim=ID&trace=1 opens the trace of claim ID."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="MAP", help="a map file or a folder of maps")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write (default: NAME.html in this folder)")
    parser.add_argument("--title", metavar="TEXT", help="the page's title (default: the map's)")
    parser.add_argument("--depth", type=int, default=1, metavar="N", help="relations away from a claim its diagram shows (default 1)")
    parser.add_argument(
        "--diagrams", type=_diagrams, default=DEFAULT_DIAGRAMS, metavar="N",
        help=f"claims that get a diagram, nearest the theses first: a number, all or none (default {DEFAULT_DIAGRAMS})",
    )
    add_links_option(parser)


def _say(message: str) -> None:
    print(f"argmap: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from argmap.analysis.links import Links
    from argmap.errors import ArgmapError, InputError, Severity
    from argmap.export.html import plan_page, render_page
    from argmap.fileio import atomic_write_text
    from argmap.load import find_maps, load_workspace

    if args.depth < 0:
        raise ArgmapError("--depth must be 0 or more")
    started = time.perf_counter()
    workspace = load_workspace(args.paths)
    errors = [p for p in workspace.problems if p.severity is Severity.ERROR]
    if errors:
        raise InputError(errors)
    stems = [found.stem for path in args.paths for found in (find_maps(path) if path.is_dir() else [path])]
    large = len(workspace.claims) >= 2000
    plan = plan_page(workspace, stems, links=Links(args.links), depth=args.depth, diagrams=args.diagrams, title=args.title)
    if large:
        _say(f"analysed {len(workspace.claims)} claims in {time.perf_counter() - started:.1f} s; drawing {len(plan.focus)} diagrams")
    page = render_page(plan, progress=_say if large else None)
    output = args.output or Path(f"{stems[0] if len(stems) == 1 else args.paths[0].resolve().name}.html")
    atomic_write_text(output, page)
    for note in plan.notes:
        _say(note)
    print(f"wrote {output} ({len(page.encode('utf-8')) / 1024:.0f} KB)")
    return 0
