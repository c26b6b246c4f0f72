"""``argmap unlink``: remove the relation from one claim to another, checked first."""

from __future__ import annotations

import argparse

HELP = "remove the relation from one claim to another"
ORDER = 32


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Remove the relation written in claim FROM of MAP that points at TO (a claim, or the "
        "relation an undercut attacks). Refused (exit 2, file unchanged) if an undercut still "
        "attacks the relation; unlink that first."
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="the map file holding claim FROM")
    parser.add_argument("source", metavar="FROM", help="the claim the relation is written in")
    parser.add_argument("target", metavar="TO", help="what it points at, as written in the map")


def run(args: argparse.Namespace) -> int:
    from argmap.edit.commandline import open_map, report

    editor, stem = open_map(args.map)
    source = editor.key(stem, args.source)
    target = editor.key(stem, args.target)
    to_claim = any(r.source == source and r.target == target for r in editor.workspace.relations.values())
    if "->" in args.target or (not to_claim and target in editor.workspace.relations):
        target = editor.relation_key(stem, args.target)  # the relation an undercut attacks
    report(editor, editor.unlink(source, target))
    return 0
