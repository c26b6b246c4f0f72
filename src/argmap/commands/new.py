"""``argmap new``: write a commented starter map."""

from __future__ import annotations

import argparse

HELP = "write a commented starter map"
ORDER = 5


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = "Write a valid, commented map to start from."
    parser.add_argument("path", type=Path, metavar="FILE", help="the map file to create (e.g. arguments/my-debate.yaml)")
    parser.add_argument("--title", default="A new debate", help="the debate's title")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    from argmap.scaffold import write_starter

    write_starter(args.path, title=args.title, force=args.force)
    print(f"wrote {args.path}; check it with: argmap check {args.path}")
    return 0
