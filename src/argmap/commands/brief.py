"""``argmap brief``: a case brief in Markdown — contentions with cards, blocks, drops."""

from __future__ import annotations

import argparse
from pathlib import Path

from argmap.commands import emit
from argmap.export.options import add_scope_options

HELP = "write a case brief (Markdown): contentions, evidence cards, blocks, drops"
ORDER = 60


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write a case brief in the debater's idiom: each side's contentions with their evidence "
        "cards (tag, cite, verbatim quote), blocks answering each objection the other side "
        "raised, and the dropped arguments."
    )
    add_scope_options(parser)
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="Markdown file to write (default: print it)")


def run(args: argparse.Namespace) -> int:
    from argmap.export.brief import brief_markdown
    from argmap.export.common import load_debates

    debates = load_debates(args.paths, side=args.side, thesis=args.thesis, depth=args.depth)
    text = brief_markdown(debates)
    emit(text, args.output)
    return 0
