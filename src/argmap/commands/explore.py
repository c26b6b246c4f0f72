"""``argmap explore``: open the terminal explorer over a map or a folder of maps."""

from __future__ import annotations

import argparse

from argmap.options import add_links_option

HELP = "explore maps in the terminal: tree, trace rebuttals, dropped, clashes, flow"
ORDER = 20


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Open an interactive explorer over map files or folders of maps. A map with errors "
        "opens too, on the list of its problems. The maps reload when the files change. "
        "--links chooses the links the verdicts rest on to start with; L switches."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a map file or a folder of maps")
    parser.add_argument("--no-watch", action="store_true", help="do not reload when the files change")
    parser.add_argument("--render-dir", type=Path, default=Path("renders"), metavar="DIR", help="where the render action writes (default: renders/)")
    parser.add_argument("--theme", choices=("dark", "light"), default="dark", help="colours to start with (light reads better on a projector); ctrl+p switches")
    add_links_option(parser)
    parser.add_argument("--since", metavar="REV", default=None, help="mark the claims new, changed or with another status since git revision REV (a branch, a tag, HEAD~3), and list them in a view (key 7)")


def run(args: argparse.Namespace) -> int:
    from argmap.errors import InputError, Location, Problem

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise InputError(Problem("not-found", "no such file or folder", Location(str(p))) for p in missing)
    from argmap.analysis.links import Links
    from argmap.background import BackgroundLoad

    # started before Textual is imported: the maps load on the other core meanwhile
    background = BackgroundLoad.start(args.paths, Links(args.links))
    from argmap.tui import make_app

    app = make_app(
        args.paths, poll_seconds=None if args.no_watch else 1.0, render_dir=args.render_dir, theme=args.theme, links=args.links, since=args.since,
        background=background,
    )
    app.run()
    return 0
