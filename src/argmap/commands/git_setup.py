"""``argmap git-setup``: make git diff and merge maps by claim (diff and merge drivers)."""

from __future__ import annotations

import argparse

HELP = "set up git to diff and merge maps by claim: .gitattributes and the repository's config"
ORDER = 61


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Set up the current git repository so that 'git diff' shows argmap's semantic diff for "
        "map files, 'git log -p' and 'git show' diff them claim by claim (add --ext-diff for "
        "the full semantic diff), and 'git merge', 'rebase' and 'cherry-pick' merge them by "
        "claim and relation id. Writes '*.yaml diff=argmap merge=argmap' (and *.yml) to "
        ".gitattributes and the drivers to the repository's own config (.git/config), and "
        "prints what it did. Safe to run again: what is already set is left as it is."
    )
    parser.add_argument("--repo", type=Path, default=None, metavar="DIR", help="the repository (default: the one holding the current folder)")


def run(args: argparse.Namespace) -> int:
    from argmap.diff.gitsetup import setup

    repo, steps = setup(args.repo)
    for step in steps:
        print(step)
    changed = sum(step.changed for step in steps)
    print(f"{repo.top}: {'set up' if changed else 'already set up'} ({changed} change(s)); commit .gitattributes so the whole squad gets it, and run 'argmap git-setup' once in each clone")
    print("note: 'git diff' now shows argmap's diff for maps ('git diff --no-ext-diff --no-textconv' for the YAML lines); 'git log -p --ext-diff' and 'git show --ext-diff' show it too")
    return 0
