"""``argmap brief``: a case brief in Markdown — contentions with cards, blocks, what became of each claim."""

from __future__ import annotations

import argparse
from pathlib import Path

from argmap.commands import emit
from argmap.export.options import add_scope_options
from argmap.options import add_links_option

HELP = "write a case brief (Markdown): contentions, evidence cards, blocks, drops, agreement"
ORDER = 60


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write a case brief in the debater's idiom: the choice of links, the resolution and each "
        "side's burden; each side's contentions with their evidence cards (tag, cite, verbatim "
        "quote, status and why), blocks answering each objection the other side raised, what "
        "became of each claim (dropped, no chance to reply, not engaged, answered in part, "
        "conceded), each in a list of its own; and where the sides agree. Analyst links are "
        "marked as such."
    )
    add_scope_options(parser)
    add_links_option(parser)
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="Markdown file to write (default: print it)")


def run(args: argparse.Namespace) -> int:
    from argmap.analysis.links import Links
    from argmap.export.brief import brief_markdown
    from argmap.export.common import load_debates

    debates = load_debates(args.paths, side=args.side, thesis=args.thesis, depth=args.depth, links=Links(args.links))
    text = brief_markdown(debates)
    emit(text, args.output)
    return 0
