"""What git runs: the merge driver and the diff driver, on the files git hands over.

git calls a merge driver with three temporary files (base, ours, theirs), the marker size
and the path; the result goes into the "ours" file and the exit status says whether it
is clean. It calls a diff driver with the path and both versions' files, hashes and modes
(``GIT_EXTERNAL_DIFF`` conventions), and a *textconv* filter with one file. Files that are
not maps get git's own behaviour: a line merge, a unified diff, the text unchanged.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from pathlib import Path, PurePosixPath

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_bytes, atomic_write_text
from argmap.load import MAP_SUFFIXES

from .git import Repo, find_repo
from .merge import Elsewhere, line_merge, merge_texts
from .sides import is_map_text

__all__ = ["diff_files", "merge_files", "textconv"]


def _labels() -> tuple[str, str, str]:
    """Conflict labels as git's own merge writes them: HEAD, and the branch merged in."""
    names = [value for key, value in os.environ.items() if key.startswith("GITHEAD_")]
    if len(names) == 1:
        return "HEAD", "merged common ancestors", names[0]
    return "ours", "base", "theirs"


def _diff3() -> bool:
    repo = find_repo()
    style = repo.run("config", "--get", "merge.conflictStyle", check=False).strip() if repo else ""
    return style in ("diff3", "zdiff3")


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


_THEIRS = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "REBASE_HEAD")
"""What git names the commit being merged in, by operation."""


def _theirs_commit(repo: Repo) -> str | None:
    """The commit being merged in: git names it in GITHEAD_<hash> while it merges (its
    MERGE_HEAD and the like are written only after)."""
    named = [key.removeprefix("GITHEAD_") for key in os.environ if key.startswith("GITHEAD_")]
    if len(named) == 1 and repo.commit(named[0]):
        return named[0]
    return next((name for name in _THEIRS if repo.commit(name)), None)


def _elsewhere(path: str | None) -> Elsewhere | None:
    """Where a claim a side deleted from map ``path`` went: another map of its folder, in
    that side's commit (ours: HEAD; theirs: the commit being merged in)."""
    repo = find_repo()
    if repo is None or path is None:
        return None
    where = PurePosixPath(path)
    folder = "" if str(where.parent) == "." else str(where.parent)

    def find(claim_id: str, side: str) -> str | None:
        commit = "HEAD" if side == "ours" else _theirs_commit(repo)
        if commit is None:
            return None
        names = [p for p in repo.files(commit, folder) if p.endswith(MAP_SUFFIXES) and PurePosixPath(p).stem != where.stem]
        key = re.compile(rf"^[ ]+{re.escape(claim_id)}[ \t]*:", re.MULTILINE)
        for name, data in repo.read(commit, names).items():
            if key.search(data.decode("utf-8", "replace")):
                return PurePosixPath(name).stem
        return None

    return find


def merge_files(base: Path, ours: Path, theirs: Path, marker_size: int = 7, path: str | None = None) -> int:
    """Merge ``theirs`` into ``ours`` (written in place); 0 when clean, 1 with conflicts."""
    shown = path or str(ours)
    missing = [str(p) for p in (base, ours, theirs) if not p.is_file()]
    if missing:  # git always hands over three files (an empty base for add/add): this is a mistake
        raise ArgmapError(f"merge-driver: no such file: {', '.join(missing)} (git runs it as 'argmap merge-driver %O %A %B %L %P')")
    texts = [_text(p) for p in (base, ours, theirs)]
    labels = _labels()
    diff3 = _diff3()
    if any(t is None for t in texts) or not any(is_map_text(t or "") for t in texts):
        raw = [p.read_bytes().decode("utf-8", "surrogateescape") for p in (base, ours, theirs)]
        result = line_merge(*raw, marker_size=marker_size, labels=labels, diff3=diff3)
        atomic_write_bytes(ours, result.text.encode("utf-8", "surrogateescape"))
        return 1 if result.line_conflicts else 0
    result = merge_texts(texts[0] or "", texts[1] or "", texts[2] or "", path=shown, marker_size=marker_size, labels=labels, diff3=diff3, elsewhere=_elsewhere(path))
    atomic_write_text(ours, result.text)
    if result.fallback is not None:
        print(f"argmap merge: {shown}: merged line by line, as git does ({result.fallback})", file=sys.stderr)
        return 1 if result.line_conflicts else 0
    for conflict in result.conflicts:
        what = "claim" if conflict.section == "claims" else conflict.section.rstrip("s") if conflict.section != "map" else "map field"
        print(f"{shown}:{conflict.line}: merge conflict in {what} '{conflict.key}': {conflict.reason}", file=sys.stderr)
    return 1 if result.conflicts else 0


def textconv(path: Path) -> str:
    """A map as text whose line diff reads claim by claim (git's ``textconv``)."""
    from .textform import text_form

    text = _text(path)
    if text is None or not is_map_text(text):
        return path.read_bytes().decode("utf-8", "replace")
    return text_form(text, path.name)


def diff_files(path: str, old_file: str, new_file: str, *, colour: bool, effects: bool = True) -> str:
    """git's external diff of one path: argmap's semantic diff for a map, else a unified diff."""
    from .report import as_text
    from .sides import pairs_of_texts

    def read(name: str) -> str | None:
        if name == "/dev/null":
            return None
        return Path(name).read_bytes().decode("utf-8", "replace")

    old, new = read(old_file), read(new_file)
    if not any(t is not None and is_map_text(t) for t in (old, new)):
        lines = difflib.unified_diff((old or "").splitlines(True), (new or "").splitlines(True), f"a/{path}", f"b/{path}")
        return f"diff --git a/{path} b/{path}\n" + "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    from . import semantic_diff

    repo = find_repo()
    folder = (repo.top / path).parent if repo else None
    workspaces = pairs_of_texts(old, new, path, "a", "b", folder)
    try:
        diff = semantic_diff(workspaces, effects=effects, parallel=True)
    finally:
        workspaces.close()
    return as_text([diff], colour, header=f"diff --argmap a/{path} b/{path}")
