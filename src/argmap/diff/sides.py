"""The two sides of a diff: map files, folders of maps, or git revisions, paired map by map.

``argmap diff OLD NEW`` takes a file, a folder or a revision on each side (one revision:
against the working tree). Whatever they are, :func:`pairs` turns them into
:class:`Workspaces`: a folder's maps in both versions, each map's two texts, and a way to
load either whole folder for the analysis (a revision's maps are written to a temporary
folder for that, nothing else of the revision).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from argmap.errors import ArgmapError
from argmap.load import MAP_SUFFIXES, find_maps
from argmap.model import Workspace

from .git import Repo, find_repo

__all__ = ["MapPair", "Workspaces", "is_map_text", "pairs", "pairs_of_texts"]

_MAP_KEY = re.compile(r"^argmap[ \t]*:", re.MULTILINE)


def is_map_text(text: str) -> bool:
    """Whether a YAML text is an argument map (it has the top-level key ``argmap:``)."""
    return _MAP_KEY.search(text) is not None


@dataclass(slots=True)
class MapPair:
    """One map in both versions; a text is None where the map is not there."""

    old_stem: str
    new_stem: str
    old_path: str | None  # as shown
    new_path: str | None
    old_text: str | None
    new_text: str | None

    @property
    def stem(self) -> str:
        return self.new_stem if self.new_text is not None else self.old_stem

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text


Loader = Callable[[], Workspace]


@dataclass(slots=True)
class Workspaces:
    """A folder of maps in both versions: its maps that differ, and both workspaces on demand."""

    label: str  # the folder, as shown
    maps: list[MapPair]
    load_old: Loader
    load_new: Loader
    old_label: str = "old"
    new_label: str = "new"
    _cleanup: list[tempfile.TemporaryDirectory[str]] = field(default_factory=list)

    def close(self) -> None:
        for folder in self._cleanup:
            folder.cleanup()
        self._cleanup.clear()


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ArgmapError(f"cannot read {path}: {getattr(err, 'strerror', None) or err}") from err


def _load(paths: Sequence[Path]) -> Loader:
    def load() -> Workspace:
        from argmap.load import load_workspace

        return load_workspace(list(paths), verify_quotes=False)

    return load


def _maps_of(folder: Path) -> dict[str, Path]:
    return {p.name: p for p in find_maps(folder) if is_map_text(_read(p))}


def _on_disk(old: Path, new: Path) -> Workspaces:
    """Two files, or two folders, on disk."""
    if old.is_file() != new.is_file():
        raise ArgmapError(f"cannot compare a file with a folder: {old} and {new}")
    if old.is_file():
        pair = MapPair(old.stem, new.stem, str(old), str(new), _read(old), _read(new))
        return Workspaces(str(new.parent), [pair], _load([old]), _load([new]), str(old), str(new))
    before, after = _maps_of(old), _maps_of(new)
    found = []
    for name in sorted(before.keys() | after.keys()):
        a, b = before.get(name), after.get(name)
        found.append(MapPair(Path(name).stem, Path(name).stem, str(a) if a else None, str(b) if b else None, _read(a) if a else None, _read(b) if b else None))
    return Workspaces(str(new), [p for p in found if p.changed], _load([old]), _load([new]), str(old), str(new))


def pairs_of_texts(old_text: str | None, new_text: str | None, path: str, old_label: str = "old", new_label: str = "new", folder: Path | None = None) -> Workspaces:
    """One map in two versions given as texts (``path`` its name as shown), the other maps
    of its workspace taken from ``folder`` as they are now (the git diff driver's case)."""
    stem = PurePosixPath(path).stem
    pair = MapPair(stem, stem, path, path, old_text, new_text)
    holder: list[tempfile.TemporaryDirectory[str]] = []

    def loader(text: str | None) -> Loader:
        def load() -> Workspace:
            from argmap.load import load_workspace

            scratch = tempfile.TemporaryDirectory(prefix="argmap-diff-")
            holder.append(scratch)
            root = Path(scratch.name)
            if folder is not None and folder.is_dir():
                for other in find_maps(folder):
                    if other.stem != stem:
                        (root / other.name).write_bytes(other.read_bytes())
            target = root / PurePosixPath(path).name
            if text is not None:
                target.write_text(text, encoding="utf-8")
            return load_workspace([target] if text is not None else [root], verify_quotes=False)

        return load

    result = Workspaces(str(PurePosixPath(path).parent), [pair], loader(old_text), loader(new_text), old_label, new_label)
    result._cleanup = holder
    return result


def _git_side(repo: Repo, commit: str | None, folder: str, holder: list[tempfile.TemporaryDirectory[str]]) -> Loader:
    """Load ``folder`` (from the top) as it is at ``commit`` (None: the working tree)."""
    if commit is None:
        return _load([repo.top / folder])

    def load() -> Workspace:
        from argmap.load import load_workspace

        names = [p for p in repo.files(commit, folder) if p.endswith(MAP_SUFFIXES)]
        scratch = tempfile.TemporaryDirectory(prefix="argmap-diff-")
        holder.append(scratch)
        root = Path(scratch.name) / (folder or "maps")
        root.mkdir(parents=True, exist_ok=True)
        for name, data in repo.read(commit, names).items():
            (root / PurePosixPath(name).name).write_bytes(data)
        return load_workspace([root], verify_quotes=False)

    return load


def _git(repo: Repo, old: str, new: str | None, old_name: str, new_name: str, paths: Sequence[str]) -> list[Workspaces]:
    specs = [repo.pathspec(p) for p in paths]
    changed = [p for p in repo.changed(old, new, [s for s in specs if s]) if p.endswith(MAP_SUFFIXES)]
    before = repo.read(old, changed)
    after = repo.read(new, changed) if new else {}
    folders: dict[str, list[MapPair]] = {}
    for path in changed:
        a = before.get(path)
        if new:
            b = after.get(path)
        else:
            on_disk = repo.top / path
            b = on_disk.read_bytes() if on_disk.is_file() else None
        old_text = a.decode("utf-8-sig", "replace") if a is not None else None
        new_text = b.decode("utf-8-sig", "replace") if b is not None else None
        if not any(t is not None and is_map_text(t) for t in (old_text, new_text)):
            continue
        stem = PurePosixPath(path).stem
        folder = str(PurePosixPath(path).parent)
        folder = "" if folder == "." else folder
        folders.setdefault(folder, []).append(MapPair(stem, stem, path if a is not None else None, path if b is not None else None, old_text, new_text))
    found = []
    for folder, maps in sorted(folders.items()):
        holder: list[tempfile.TemporaryDirectory[str]] = []
        workspaces = Workspaces(folder or ".", maps, _git_side(repo, old, folder, holder), _git_side(repo, new, folder, holder), old_name, new_name)
        workspaces._cleanup = holder
        found.append(workspaces)
    return found


def pairs(arguments: Sequence[str]) -> list[Workspaces]:
    """What ``argmap diff`` compares, from its arguments: two files or two folders; or up to
    two git revisions followed by paths (files or folders, as in the working tree or in
    the revisions) to look at only.

    No revision: HEAD against the working tree. One: it against the working tree.
    """
    repo = find_repo()
    on_disk = [Path(a).exists() for a in arguments]
    if len(arguments) == 2 and all(on_disk):
        return [_on_disk(Path(arguments[0]), Path(arguments[1]))]
    if repo is None:
        missing = next((a for a, there in zip(arguments, on_disk) if not there), None)
        if missing is not None:
            raise ArgmapError(f"no such file or folder: {missing} (and not in a git repository, so not a revision either)")
        raise ArgmapError("argmap diff needs two files or folders (OLD NEW), or a git repository to compare revisions in")
    commits: list[tuple[str, str]] = []
    paths: list[str] = []
    for argument, there in zip(arguments, on_disk):
        commit = None if paths or there or len(commits) == 2 else repo.commit(argument)
        if commit is not None:
            commits.append((argument, commit))
        elif there or commits:
            paths.append(argument)  # `argmap diff main feature arguments/`: where to look
        else:
            raise ArgmapError(f"{argument!r} is neither a file or folder nor a git revision")
    if not commits:
        commits = [("HEAD", repo.commit("HEAD") or "HEAD")]
    if len(commits) == 1:
        ((name, commit),) = commits
        return _git(repo, commit, None, name, "working tree", paths)
    (old_name, old), (new_name, new) = commits
    return _git(repo, old, new, old_name, new_name, paths)
