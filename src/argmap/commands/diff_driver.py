"""``argmap diff-driver``: git's diff driver for maps (``argmap git-setup`` installs it)."""

from __future__ import annotations

import argparse
import sys

HELP = "show a map's changes as argmap diff does, for git diff (git runs it; see git-setup)"
ORDER = 63


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "What git runs to show a map's changes: with git's seven arguments (PATH OLD-FILE "
        "OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE) it prints argmap's semantic diff, the other "
        "maps of the folder read as they are in the working tree; with --textconv FILE it "
        "prints the map one claim a block, one field or relation a line, which 'git log -p' "
        "and 'git show' diff line by line. Files that are not maps get a plain diff, or their text."
    )
    parser.add_argument("args", nargs="*", metavar="ARG", help="git's arguments to an external diff: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE")
    parser.add_argument("--textconv", metavar="FILE", help="print FILE in the claim-by-claim form instead")
    parser.add_argument("--no-effects", action="store_true", help="only what changed, not what it does to the debate")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from argmap.commands.diff import use_colour
    from argmap.diff.driver import diff_files, textconv
    from argmap.errors import ArgmapError

    if args.textconv:
        sys.stdout.write(textconv(Path(args.textconv)))
        return 0
    if len(args.args) == 1:  # an unmerged path: git has nothing to compare yet
        print(f"* Unmerged path {args.args[0]}")
        return 0
    if len(args.args) < 7:
        raise ArgmapError("argmap diff-driver takes git's seven arguments (PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE), or --textconv FILE")
    path, old_file, _, _, new_file = args.args[:5]
    sys.stdout.write(diff_files(path, old_file, new_file, colour=use_colour("auto"), effects=not args.no_effects))
    return 0
