"""``argmap brief``: a case brief in Markdown — contentions with cards, blocks, what became of each claim."""

from __future__ import annotations

import argparse

from argmap.commands import emit
from argmap.export.options import add_scope_options
from argmap.options import add_links_option

HELP = "write a case brief (Markdown or Verbatim .docx): contentions, evidence cards, blocks, drops, agreement"
ORDER = 60


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

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
    parser.add_argument("--format", choices=["markdown", "docx"], default="markdown",
                        help="markdown (default), or docx: a Verbatim file, sides as pockets, contentions and A2 blocks as cards")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write (default: print it; docx needs one)")


def run(args: argparse.Namespace) -> int:
    from argmap.analysis.links import Links
    from argmap.export.brief import brief_markdown
    from argmap.export.common import load_debates

    if args.format == "docx" and (args.output is None or args.output.suffix.lower() != ".docx"):
        from argmap.errors import ArgmapError

        raise ArgmapError("a Verbatim brief is written to a file: give -o FILE.docx")
    debates = load_debates(args.paths, side=args.side, thesis=args.thesis, depth=args.depth, links=Links(args.links))
    if args.format == "docx":
        from argmap.export.brief_docx import brief_docx

        brief_docx(debates).save(args.output)
        print(f"wrote {args.output}")
        return 0
    text = brief_markdown(debates)
    emit(text, args.output)
    return 0
