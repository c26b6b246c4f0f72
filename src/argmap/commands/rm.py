"""``argmap rm``: delete a claim, showing first what it would take with it."""

from __future__ import annotations

import argparse

HELP = "delete a claim and its relations (shows what it orphans; --force if that reaches other claims)"
ORDER = 33


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Delete claim ID of MAP with the relations it declares. Prints what the deletion orphans: "
        "relations in other claims that point at it, undercuts that lose their target, linked "
        "premises, claims left with no relation. If any of that touches other claims, nothing is "
        "done without --force (exit 2): a deletion should never silently edit lines you did not point at."
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="the map file")
    parser.add_argument("id", metavar="ID", help="the claim to delete")
    parser.add_argument("--force", action="store_true", help="delete even if it removes or strands other claims' relations")
    parser.add_argument("--dry-run", action="store_true", help="only print what would be removed")


def run(args: argparse.Namespace) -> int:
    import sys

    from argmap.cli import EXIT_ERRORS
    from argmap.edit.commandline import open_map, report

    editor, stem = open_map(args.map)
    key = editor.key(stem, args.id)
    orphans = editor.what_rm_orphans(key)
    if args.dry_run or (orphans.touches_others and not args.force):
        print(f"removing {args.id} would:")
        for line in orphans.lines() or ["remove only the claim itself"]:
            print(f"  {line}")
        if args.dry_run:
            return 0
        sys.stdout.flush()
        print(f"argmap: error: not removed: {args.id} is used by other claims; run again with --force to remove it and these relations", file=sys.stderr)
        return EXIT_ERRORS
    report(editor, editor.remove_claim(key))
    return 0
