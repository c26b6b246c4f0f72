"""``argmap merge-driver``: git's merge driver for maps (``argmap git-setup`` installs it)."""

from __future__ import annotations

import argparse

HELP = "three-way merge of a map by claim and relation id (git runs it; see git-setup)"
ORDER = 62


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Merge two versions of a map made from a common base, by claim and relation id: edits "
        "to different claims merge whatever their lines, both sides' new claims are kept, and "
        "only an entry changed differently on both sides (or deleted on one side and changed "
        "or linked to on the other) is left between conflict markers, which 'argmap check' "
        "reports. Every other line is kept as it was. Writes the result into OURS; exit 0 when "
        "clean, 1 with conflicts. git runs it as 'argmap merge-driver %O %A %B %L %P' once "
        "'argmap git-setup' has set it up."
    )
    parser.add_argument("base", type=Path, metavar="BASE", help="the common ancestor's version")
    parser.add_argument("ours", type=Path, metavar="OURS", help="our version, and where the result is written")
    parser.add_argument("theirs", type=Path, metavar="THEIRS", help="their version")
    parser.add_argument("marker_size", type=int, nargs="?", default=7, metavar="MARKER_SIZE", help="length of the conflict markers (default 7)")
    parser.add_argument("path", nargs="?", default=None, metavar="PATH", help="the map's path in the repository, for messages and map:id references")


def run(args: argparse.Namespace) -> int:
    from argmap.diff.driver import merge_files

    return merge_files(args.base, args.ours, args.theirs, args.marker_size, args.path)
