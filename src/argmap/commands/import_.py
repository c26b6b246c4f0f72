"""``argmap import``: turn a file of another argument format into an argmap map.

The map written is checked at once with the loader ``argmap check`` uses, so an import
never leaves a map that does not load; what the source held but the map cannot say is
reported as notes on stderr.
"""

from __future__ import annotations

import argparse
import sys

HELP = "import a map from AIF, Argdown, GraphML, SADFace, Kialo, arg-microtexts, brat, Carneades or Verbatim .docx"
ORDER = 80


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Import an argument map from another format: AIF/xAIF JSON (AIFdb, DialAM), Argdown "
        "(.argdown, with its @include files), GraphML "
        "(yEd AIF drawings, Carneades graphs, argmap's own export), SADFace JSON, a Kialo text "
        "export (old or newer format), an arg-microtexts XML graph, brat standoff annotations "
        "(an .ann with its .txt; labels from annotation.conf), a Carneades 4 YAML argument "
        "graph, or a debater's Verbatim .docx file (or a folder of them, as one map). Source texts that "
        "quotes are checked against are written to sources/ beside the map."
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the file to import (or a folder of brat documents or of Verbatim .docx files)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="MAP.yaml", help="map file to write")
    parser.add_argument(
        "--format", choices=["aif", "argdown", "brat", "carneades", "graphml", "kialo", "microtext", "sadface", "verbatim"], default=None,
        help="the file's format (default: guessed)",
    )
    parser.add_argument("--side", choices=["aff", "neg"], default=None, help="side of a Verbatim file's claims (default: from its name or headings)")
    parser.add_argument("--force", action="store_true", help="replace files that exist")


def run(args: argparse.Namespace) -> int:
    from argmap.errors import ArgmapError, InputError
    from argmap.interchange import read_foreign, write_draft
    from argmap.load import MAP_SUFFIXES, load_workspace

    if args.output.suffix not in MAP_SUFFIXES:
        raise ArgmapError(f"the map to write must end in .yaml or .yml, not {args.output.name!r}")
    draft = read_foreign(args.file, args.format, args.side)
    write_draft(draft, args.output, overwrite=args.force)
    for warning in draft.warnings:
        print(f"argmap: note: {warning}", file=sys.stderr)
    workspace = load_workspace([args.output])
    if not workspace.ok:
        raise InputError(workspace.problems)
    argmap = workspace.maps[args.output.stem]
    print(f"wrote {args.output}: {len(argmap.claims)} claims, {len(argmap.relations)} relations, {len(argmap.speakers)} speakers")
    return 0
