"""``argmap drill``: practise answering the other side's claims, scheduled by FSRS, in the explorer."""

from __future__ import annotations

import argparse

from argmap.options import add_links_option

HELP = "practise answering the other side: flash cards from the map, spaced repetition"
ORDER = 21


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Drill a side's answers. Each card is a claim of another side as its speaker said it; "
        "answer it (type, or just think), turn it over to see the side's rebuttals and undercuts "
        "in the map and who has the last word, and grade yourself (1 again, 2 hard, 3 good, 4 easy). "
        "FSRS schedules the next review: cards due come first, then new ones. Progress is kept in "
        "one file per student, outside the maps. See docs/drill.md."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a map file or a folder of maps")
    parser.add_argument("--side", required=True, help="the side whose answers you practise (a side id of the map)")
    parser.add_argument("--progress", type=Path, metavar="FILE", default=None, help="the student's progress file (default: argmap/drill/progress.json in the user's data folder, $XDG_DATA_HOME or ~/.local/share)")
    parser.add_argument("--dropped", action="store_true", help="only the claims the side left unanswered in the map: invent the answer")
    parser.add_argument("--chain", action="store_true", help="walk whole rebuttal chains, answering at each step")
    parser.add_argument("--timed", type=float, metavar="SECONDS", default=None, help="a countdown per card; the card turns over when it ends")
    parser.add_argument("--tag", action="append", default=[], metavar="TAG", help="only claims with this tag (repeat for several)")
    parser.add_argument("--thesis", metavar="CLAIM", default=None, help="only claims that bear on this thesis")
    parser.add_argument("--new", type=int, metavar="N", default=None, help="at most N new cards this sitting (default: all)")
    parser.add_argument("--keep-answers", action="store_true", help="keep the answers typed in the progress file, for the coach")
    parser.add_argument("--summary", type=Path, metavar="FILE", default=None, help="write the sitting's summary as Markdown to FILE when it ends")
    add_links_option(parser)


def run(args: argparse.Namespace) -> int:
    from argmap.errors import ArgmapError, InputError, Location, Problem

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise InputError(Problem("not-found", "no such file or folder", Location(str(p))) for p in missing)
    if args.timed is not None and args.timed <= 0:
        raise ArgmapError(f"--timed needs a number of seconds above 0, not {args.timed:g}")
    if args.new is not None and args.new < 0:
        raise ArgmapError(f"--new needs a number of cards, 0 or more, not {args.new}")
    from argmap.analysis import analyze
    from argmap.analysis.links import Links
    from argmap.drill import DrillSession, Progress, build_deck, default_progress_path
    from argmap.errors import Severity
    from argmap.load import load_workspace

    workspace = load_workspace(args.paths)
    errors = [p for p in workspace.problems if p.severity is Severity.ERROR]
    if errors:
        raise InputError(errors)  # a drill on a broken map would teach what it does not say
    deck = build_deck(analyze(workspace, links=Links(args.links)), args.side, tags=args.tag, thesis=args.thesis, dropped=args.dropped)
    if not deck.cards:
        raise ArgmapError(f"no card to drill: no claim of another side matches (side {args.side!r}{', ' + ', '.join(f'tag {t!r}' for t in args.tag) if args.tag else ''}{', dropped only' if args.dropped else ''})")
    progress_path = args.progress or default_progress_path()
    session = DrillSession(deck, Progress.load(progress_path), chain=args.chain, new_limit=args.new, keep_answers=args.keep_answers)
    if session.finished:
        dues = [e.due for c in deck.cards if (e := session.progress.get(deck.side, c.key)) is not None]
        when = f"; the next is due {min(dues):%Y-%m-%d %H:%M} UTC" if dues else ""
        unseen = f", {len(deck.cards) - len(dues)} new card(s) left for --new" if len(dues) < len(deck.cards) else ""
        print(f"Nothing due: {len(dues)} of {len(deck.cards)} card(s) reviewed{unseen}{when} ({progress_path}).")
        return 0
    from argmap.tui import make_app
    from argmap.tui.screens.drill import DrillPlan

    make_app(args.paths, poll_seconds=None, links=args.links, drill=DrillPlan(session, args.timed, args.summary)).run()
    return 0
