"""``argmap slides``: a slide deck (.pptx, or .pdf through LibreOffice) to present a debate."""

from __future__ import annotations

import argparse

from argmap.export.options import add_scope_options
from argmap.options import add_links_option

HELP = "write a slide deck (.pptx or .pdf): theses, clashes, rebuttal reveal, notes with quotes"
ORDER = 62


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Write a slide deck: title (resolution, burdens and the choice of links), overview, one "
        "diagram slide per thesis and per major clash, a step-by-step reveal of the longest "
        "rebuttal chains, where the sides agree, and what each side left unanswered (dropped, no "
        "chance to reply and not engaged apart); speaker notes hold the verbatim quotes with full "
        "citations and each claim's status with its reason. A .pdf output is converted by "
        "LibreOffice (apt-get install libreoffice-impress)."
    )
    add_scope_options(parser)
    add_links_option(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="deck.pptx or deck.pdf")
    parser.add_argument("--theme", choices=["light", "dark"], default="light", help="slide colours (default light)")
    parser.add_argument("--clashes", type=int, default=6, metavar="N", help="clash slides at most (default 6)")
    parser.add_argument("--chains", type=int, default=2, metavar="N", help="rebuttal chains revealed step by step (default 2)")


def run(args: argparse.Namespace) -> int:
    from argmap.analysis.links import Links
    from argmap.export.common import load_debates
    from argmap.export.slides import DeckOptions, write_deck

    options = DeckOptions(theme=args.theme, depth=1 if args.depth is None else args.depth, clashes=args.clashes, chains=args.chains)
    debates = load_debates(args.paths, side=args.side, thesis=args.thesis, depth=args.depth, links=Links(args.links))
    write_deck(debates, args.output, options)
    print(f"wrote {args.output}")
    return 0
