"""``argmap git-setup``: argmap's diff and merge drivers in a repository, once.

Two things make git use them: ``.gitattributes`` at the top of the repository gives map
files the attributes ``diff=argmap merge=argmap``, and the repository's own config (never
the user's global one) says what those drivers run. Running it again changes nothing
that is already right, and says so.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_text

from .git import Repo, find_repo
from .textform import HUNK_HEADER

__all__ = ["PATTERNS", "Step", "argmap_command", "setup"]

PATTERNS = ("*.yaml", "*.yml")
"""What the attributes apply to: every YAML file (files that are not maps get git's own
diff and merge from the drivers)."""

ATTRIBUTES = "diff=argmap merge=argmap"
COMMENT = "# argmap: semantic diff and merge of argument maps (written by 'argmap git-setup')"


@dataclass(frozen=True, slots=True)
class Step:
    """One thing set up: what, and whether it was changed now or already so."""

    what: str
    changed: bool

    def __str__(self) -> str:
        return f"{'set' if self.changed else 'already set'}: {self.what}"


def argmap_command() -> str:
    """How git should run argmap: the ``argmap`` on the PATH when it is this one, else this
    Python with ``-m argmap`` (a virtual environment not activated when git runs)."""
    found = shutil.which("argmap")
    here = Path(sys.executable).parent / "argmap"
    if found is not None and Path(found).resolve() == here.resolve():
        return "argmap"
    if here.exists():
        return shlex.quote(str(here))
    return f"{shlex.quote(sys.executable)} -m argmap"


def _attributes(repo: Repo, patterns: tuple[str, ...]) -> list[Step]:
    path = repo.top / ".gitattributes"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines()
    steps = []
    added = []
    for pattern in patterns:
        wanted = f"{pattern} {ATTRIBUTES}"
        if any(line.split() == wanted.split() for line in lines):
            steps.append(Step(f".gitattributes: {wanted}", False))
        else:
            added.append(wanted)
            steps.append(Step(f".gitattributes: {wanted}", True))
    if added:
        block = ([] if COMMENT in lines else [COMMENT]) + added
        prefix = text if not text or text.endswith("\n") else text + "\n"
        atomic_write_text(path, prefix + "\n".join(block) + "\n")
    return steps


def setup(start: Path | None = None, command: str | None = None) -> tuple[Repo, list[Step]]:
    """Set up the drivers in the repository holding ``start``; what was done, step by step."""
    repo = find_repo(start)
    if repo is None:
        raise ArgmapError(f"{(start or Path.cwd())} is not in a git repository ('git init' makes one)")
    run = command or argmap_command()
    config = {
        "diff.argmap.command": f"{run} diff-driver",
        "diff.argmap.textconv": f"{run} diff-driver --textconv",
        "diff.argmap.xfuncname": HUNK_HEADER,
        "merge.argmap.name": "argmap: three-way merge of argument maps by claim and relation id",
        "merge.argmap.driver": f"{run} merge-driver %O %A %B %L %P",
    }
    steps = _attributes(repo, PATTERNS)
    for key, value in config.items():
        same = repo.config(key) == value
        if not same:
            repo.set_config(key, value)
        steps.append(Step(f"git config --local {key} {shlex.quote(value)}", not same))
    return repo, steps
