"""``argmap mv``: move a claim to another map of the workspace, rewriting references."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "move a claim to another map of the folder, rewriting map:id references both ways"
ORDER = 34


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Move claim ID from MAP to TO_MAP (a map of the same folder, by file or name). References "
        "to it become TO_MAP:ID in other maps and ID in TO_MAP. Its speaker and quote source must "
        "exist in TO_MAP; otherwise the move is refused (exit 2, files unchanged)."
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="the map file holding the claim")
    parser.add_argument("id", metavar="ID", help="the claim to move")
    parser.add_argument("to_map", metavar="TO_MAP", help="the map to move it to (its file or its name)")


def run(args: argparse.Namespace) -> int:
    from argmap.edit.commandline import open_map, report

    editor, stem = open_map(args.map)
    report(editor, editor.move_claim(editor.key(stem, args.id), Path(args.to_map).stem))
    return 0
