"""``argmap flow``: a flow sheet (HTML or CSV) — a column per speech, answers side by side."""

from __future__ import annotations

import argparse

from argmap.export.options import add_scope_options
from argmap.options import add_links_option

HELP = "write a flow sheet (HTML or CSV): one column per speech, each kind of reply marked"
ORDER = 61


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Write a flow sheet: one column per source in speech order, each claim across from what "
        "it answers, marked with what became of it (dropped, no chance to reply, not engaged, "
        "answered in part, conceded, concession) and, in HTML, its status with the reason; the "
        "sheet states the choice of links, and marks an answer only an analyst's link makes. The "
        "format follows the output's suffix: .html (self-contained, prints landscape) or .csv (one debate)."
    )
    add_scope_options(parser)
    add_links_option(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="flow.html or flow.csv")
    parser.add_argument("--theme", choices=["light", "dark"], default="light", help="HTML colours on screen (print is always light)")


def run(args: argparse.Namespace) -> int:
    from argmap.analysis.links import Links
    from argmap.errors import ArgmapError
    from argmap.export.common import load_debates
    from argmap.export.flow import flow_csv, flow_html, flow_sheet
    from argmap.fileio import atomic_write_text

    suffix = args.output.suffix.lower()
    if suffix not in (".html", ".htm", ".csv"):
        raise ArgmapError(f"{args.output}: write a flow to a .html or .csv file")
    debates = load_debates(args.paths, side=args.side, thesis=args.thesis, depth=args.depth, links=Links(args.links))
    sheets = [flow_sheet(d) for d in debates]
    text = flow_csv(sheets) if suffix == ".csv" else flow_html(sheets, dark=args.theme == "dark")
    atomic_write_text(args.output, text)
    print(f"wrote {args.output}")
    return 0
