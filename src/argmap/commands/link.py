"""``argmap link``: make one claim support, rebut or undercut another, checked first."""

from __future__ import annotations

import argparse

HELP = "link two claims: supports, rebuts or undercuts (checked before it is written)"
ORDER = 31


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Add a relation written in claim FROM of MAP. TO is a claim id (map:id for another map), "
        "or for undercuts a relation: 'reason -> claim' or a relation id. Refused (exit 2, file "
        "unchanged) if it would add errors."
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="the map file holding claim FROM")
    parser.add_argument("source", metavar="FROM", help="the claim that gives the reason or objection")
    parser.add_argument("kind", choices=["supports", "rebuts", "undercuts"], help="the relation")
    parser.add_argument("target", metavar="TO", help="the claim (or, for undercuts, the relation) it bears on")


def run(args: argparse.Namespace) -> int:
    from argmap.edit.commandline import open_map, report

    editor, stem = open_map(args.map)
    target = editor.relation_key(stem, args.target) if args.kind == "undercuts" else editor.key(stem, args.target)
    report(editor, editor.link(editor.key(stem, args.source), args.kind, target))
    return 0
