"""``argmap add``: add a claim to a map, as a reason, objection or undercut, checked first."""

from __future__ import annotations

import argparse

HELP = "add a claim to a map (checked like 'argmap check' before it is written)"
ORDER = 30


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Add a claim to MAP, keeping the file's comments and layout. The change is checked like "
        "'argmap check'; if it would add errors nothing is written, the errors are printed one per "
        "line and the exit status is 2."
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="the map file")
    parser.add_argument("id", metavar="ID", help="the new claim's id (lower-case letters, digits, '-')")
    parser.add_argument("--text", required=True, help="what the claim says")
    parser.add_argument("--by", metavar="SPEAKER", help="the speaker id (the claim's side is the speaker's)")
    parser.add_argument("--kind", choices=["thesis", "claim", "evidence"], help="thesis, claim (default) or evidence")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--supports", metavar="ID", help="a claim this one gives a reason for (map:id for another map)")
    target.add_argument("--rebuts", metavar="ID", help="a claim this one argues against")
    target.add_argument("--undercuts", metavar="RELATION", help="an inference this one attacks: 'reason -> claim' or a relation id")
    parser.add_argument("--quote-source", metavar="SOURCE", help="the source id of the quote (with --quote)")
    parser.add_argument("--quote", metavar="TEXT", help="verbatim words from the source's text (with --quote-source)")
    parser.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    parser.add_argument("--note", help="a coach's note")
    parser.add_argument("--weight", type=float, help="base weight from 0 to 1")
    parser.add_argument("--after", metavar="ID", help="place the claim after this claim (default: last)")


def run(args: argparse.Namespace) -> int:
    from argmap.edit.commandline import open_map, report
    from argmap.errors import ArgmapError

    if (args.quote is None) != (args.quote_source is None):
        raise ArgmapError("--quote and --quote-source go together: the words, and the source they are from")
    editor, stem = open_map(args.map)
    change = editor.add_claim(
        f"{stem}:{args.id}",
        args.text,
        kind=args.kind,
        by=args.by,
        supports=[editor.key(stem, args.supports)] if args.supports else [],
        rebuts=[editor.key(stem, args.rebuts)] if args.rebuts else [],
        undercuts=[editor.relation_key(stem, args.undercuts)] if args.undercuts else [],
        quote=(args.quote_source, args.quote) if args.quote is not None else None,
        tags=args.tag,
        note=args.note,
        weight=args.weight,
        after=editor.key(stem, args.after) if args.after else None,
    )
    report(editor, change)
    return 0
