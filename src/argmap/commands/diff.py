"""``argmap diff``: what changed between two versions of maps, by claim, and what it does to the debate."""

from __future__ import annotations

import argparse
import os
import sys

from argmap.options import add_links_option

HELP = "compare two versions of maps by claim and relation id, and what the change does to the debate"
ORDER = 40


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Compare maps by claim id, not by line: claims added, removed, moved or re-attributed, "
        "text and quote changes word by word, relations added, removed or retargeted, sources "
        "and speakers; then what it does to the debate: status changes and why, arguments newly "
        "dropped or answered, strength changes, clash points gained or lost, and who has the last "
        "word. OLD and NEW are map files, folders of maps or git revisions; one revision compares "
        "it with the working tree, none compares HEAD with it; paths after the revisions "
        "(or after '--') limit the maps compared. Exit 0 when nothing differs, 1 when something "
        "does, 2 on trouble."
    )
    parser.add_argument("sides", nargs="*", metavar="OLD NEW", help="two map files or folders; or up to two git revisions, then the paths to compare in them (after '--' if you like; options go before it)")
    parser.add_argument("--format", choices=["text", "json", "markdown"], default="text", help="a readable report (default), JSON for tools, or Markdown for a pull-request comment")
    parser.add_argument("--color", "--colour", choices=["auto", "always", "never"], default="auto", help="colour the text report (auto: on a terminal, unless NO_COLOR is set)")
    parser.add_argument("--threshold", type=float, default=0.1, metavar="X", help="report strength changes of at least X (default 0.1)")
    parser.add_argument("--no-effects", action="store_true", help="only what changed, not what it does to the debate (no analysis: faster)")
    add_links_option(parser)


def use_colour(choice: str) -> bool:
    """Whether to colour: asked for, or on a terminal (or git's pager) without NO_COLOR."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() or os.environ.get("GIT_PAGER_IN_USE") == "true"


def run(args: argparse.Namespace) -> int:
    from argmap.analysis.links import Links
    from argmap.diff import semantic_diff
    from argmap.diff.report import as_json, as_markdown, as_text
    from argmap.diff.sides import pairs

    folders = pairs(args.sides)
    try:
        diffs = [semantic_diff(w, effects=not args.no_effects, links=Links(args.links), threshold=args.threshold, parallel=True) for w in folders]
    finally:
        for workspaces in folders:
            workspaces.close()
    if args.format == "json":
        sys.stdout.write(as_json(diffs))
    elif args.format == "markdown":
        sys.stdout.write(as_markdown(diffs))
    else:
        sys.stdout.write(as_text(diffs, use_colour(args.color)))
    if any(diff.unreadable for diff in diffs):
        return 2  # trouble, as diff says: a version of a map does not read
    return 1 if any(diffs) else 0
