"""The few git plumbing commands the diff, the merge driver and ``git-setup`` need.

Every call runs ``git`` with a fixed argument list (never through a shell), from the
repository's top-level folder, and turns a failure into an
:class:`~argmap.errors.ArgmapError` whose message is git's own first line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from argmap.errors import ArgmapError, ToolMissingError

__all__ = ["Repo", "find_repo"]


def _git() -> str:
    found = shutil.which("git")
    if found is None:
        raise ToolMissingError("git is not installed (https://git-scm.com/downloads); argmap diff of revisions and the git drivers need it")
    return found


def _run(args: Sequence[str], cwd: Path, data: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    result = subprocess.run([_git(), *args], cwd=cwd, input=data, capture_output=True, env=env, check=False)
    if check and result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ArgmapError(f"git {args[0]}: {message[0] if message else f'exit status {result.returncode}'}")
    return result


def find_repo(start: Path | None = None) -> Repo | None:
    """The git repository holding ``start`` (default: the current folder), or None."""
    where = (start or Path.cwd()).resolve()
    if where.is_file():
        where = where.parent
    if shutil.which("git") is None:
        return None
    result = _run(["rev-parse", "--show-toplevel", "--show-prefix"], where, check=False)
    if result.returncode != 0:
        return None
    lines = result.stdout.decode("utf-8").splitlines()
    return Repo(Path(lines[0]), lines[1] if len(lines) > 1 else "")


class Repo:
    """A git repository: its top-level folder, and where the current folder is inside it."""

    def __init__(self, top: Path, prefix: str = "") -> None:
        self.top = top
        self.prefix = prefix  # the current folder, relative to top, with a trailing '/' (or "")

    def run(self, *args: str, data: bytes | None = None, check: bool = True) -> str:
        return _run(args, self.top, data, check).stdout.decode("utf-8", "surrogateescape")

    def status(self, *args: str) -> int:
        """Run git; return its exit status only."""
        return _run(args, self.top, check=False).returncode

    def commit(self, name: str) -> str | None:
        """The commit ``name`` names (a branch, tag, ``HEAD~3``, a hash), or None."""
        if not name or name.startswith("-"):
            return None
        result = _run(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"], self.top, check=False)
        return result.stdout.decode().strip() or None if result.returncode == 0 else None

    def pathspec(self, path: str) -> str:
        """A path as the user typed it (relative to the current folder) as a path from the top."""
        absolute = (self.top / self.prefix / path).resolve()
        try:
            relative = absolute.relative_to(self.top.resolve()).as_posix()
        except ValueError as err:
            raise ArgmapError(f"{path} is outside the repository {self.top}") from err
        return "" if relative == "." else relative

    def changed(self, old: str, new: str | None, pathspecs: Sequence[str]) -> list[str]:
        """Files (from the top) that differ between commit ``old`` and ``new`` (None: the
        working tree, untracked files included)."""
        specs = ["--", *pathspecs] if pathspecs else []
        args = ["-c", "core.quotepath=off", "diff", "--no-ext-diff", "--no-renames", "--name-only", "-z", old, *([new] if new else []), *specs]
        found = [p for p in self.run(*args).split("\0") if p]
        if new is None:
            others = self.run("ls-files", "-z", "--others", "--exclude-standard", *specs)
            found += [p for p in others.split("\0") if p]
        return sorted(set(found))

    def files(self, commit: str | None, folder: str) -> list[str]:
        """The files directly inside ``folder`` (from the top) at ``commit`` (None: the working tree)."""
        if commit is None:
            where = self.top / folder
            return sorted(f"{folder}/{p.name}" if folder else p.name for p in where.iterdir() if p.is_file()) if where.is_dir() else []
        listing = self.run("ls-tree", "-z", "--name-only", commit, "--", f"{folder}/" if folder else ".")
        return [p for p in listing.split("\0") if p]

    def read(self, commit: str, paths: Iterable[str]) -> dict[str, bytes]:
        """The content of files at ``commit``; a path that is not there is left out."""
        wanted = list(paths)
        if not wanted:
            return {}
        request = "".join(f"{commit}:{path}\n" for path in wanted).encode("utf-8")
        out = _run(["cat-file", "--batch"], self.top, request).stdout
        found: dict[str, bytes] = {}
        at = 0
        for path in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) < 3 or header[1] != b"blob":
                continue  # "missing", or a folder
            size = int(header[2])
            found[path] = out[at : at + size]
            at += size + 1
        return found

    def config(self, key: str) -> str | None:
        result = _run(["config", "--local", "--get", key], self.top, check=False)
        return result.stdout.decode("utf-8").rstrip("\n") if result.returncode == 0 else None

    def set_config(self, key: str, value: str) -> None:
        self.run("config", "--local", key, value)
