"""``argmap mv``: move a claim to another map of the workspace, rewriting references."""

from __future__ import annotations

import argparse

HELP = "move a claim to another map of the folder, rewriting map:id references both ways"
ORDER = 34


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Move claim ID from MAP to TO_MAP (a map of the same folder, by file or name). References "
        "to it become TO_MAP:ID in other maps and ID in TO_MAP. Its speaker and quote source must "
        "exist in TO_MAP; otherwise the move is refused (exit 2, files unchanged)."
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="the map file holding the claim")
    parser.add_argument("id", metavar="ID", help="the claim to move")
    parser.add_argument("to_map", metavar="TO_MAP", help="the map to move it to (its file or its name)")
    parser.add_argument("--after", metavar="ID", help="place it after this claim of TO_MAP (default: last); moving a claim back after its old predecessor gives the files back as they were")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from argmap.edit.commandline import open_map, report

    editor, stem = open_map(args.map)
    to_map = Path(args.to_map).stem
    after = editor.key(to_map, args.after) if args.after else None
    report(editor, editor.move_claim(editor.key(stem, args.id), to_map, after))
    return 0
