"""A cache of loaded and analysed workspaces, so large maps open fast the second time.

Parsing and checking a 10k-claim map takes about a second and analysing it another;
unpickling the result takes a fraction of that. Like mypy's cache, an entry is keyed by
what was asked for (the resolved paths and argmap's version) and is valid only while
every file it was built from — each map and each source text — is unchanged: same size
and modification time, or failing that the same SHA-256. Anything else, and the maps
are loaded afresh and the entry rewritten.

The cache lives in ``$ARGMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/argmap``, else
``~/.cache/argmap``; ``ARGMAP_NO_CACHE=1`` turns it off. It holds pickles, which run code
when loaded, so it is only ever read from that private folder of the user's own. A cache
that cannot be read or written is ignored: it can make argmap faster, never fail it.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.analysis import MapAnalysis, analyze
from argmap.load import load_workspace
from argmap.model import Workspace

__all__ = ["cache_dir", "cached", "load_analysed", "store"]

_FORMAT = 3  # bump when the pickled classes change shape


@dataclass(frozen=True, slots=True)
class _Stamp:
    """What a file was when an entry was built from it."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("ARGMAP_NO_CACHE"):
        return None
    if explicit := os.environ.get("ARGMAP_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "argmap"


def _sha256(path: Path) -> str:
    with path.open("rb") as f:  # in chunks: a 100k-claim map is 28 MB
        return hashlib.file_digest(f, "sha256").hexdigest()


def _stamp(path: Path) -> _Stamp:
    stat = path.stat()
    return _Stamp(str(path), stat.st_size, stat.st_mtime_ns, _sha256(path))


def _unchanged(stamp: _Stamp) -> bool:
    path = Path(stamp.path)
    try:
        stat = path.stat()
        if stat.st_size == stamp.size and stat.st_mtime_ns == stamp.mtime_ns:
            return True
        return stat.st_size == stamp.size and _sha256(path) == stamp.sha256
    except OSError:
        return False


def _inputs(paths: Sequence[Path | str]) -> list[Path]:
    """Every file an entry depends on that is known before loading: the maps asked for,
    and the map files of the folders named (a new map in a folder changes the workspace)."""
    files = []
    for raw in paths:
        path = Path(raw).resolve()
        files.extend(sorted(p for p in path.glob("*.y*ml")) if path.is_dir() else [path])
    return files


def _entry(paths: Sequence[Path | str], strength: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from argmap import __version__

    what = "\0".join([str(_FORMAT), __version__, strength, *(str(Path(p).resolve()) for p in paths)])
    return folder / f"{hashlib.sha256(what.encode()).hexdigest()[:32]}.pickle"


class _Pickler(pickle.Pickler):
    """Pickles the model's frozen dataclasses as calls of their constructor.

    Their default pickling restores each object through ``dataclasses``' own
    ``__setstate__``, which looks their fields up again for every one of the tens of
    thousands of claims, quotes and locations: loading took twice as long.
    """

    def __init__(self, file: Any, shared: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = shared

    def reducer_override(self, obj: Any) -> Any:
        fields = _positional_fields(type(obj))
        if fields is None:
            return NotImplemented
        return type(obj), tuple(getattr(obj, name) for name in fields)

    def persistent_id(self, obj: Any) -> int | None:
        """An object already written to the entry's table (see :func:`_write_entry`) is
        written as its place in the table, an int, which the unpickler looks up."""
        return self._shared.get(id(obj))


def _positional_fields(cls: type[Any]) -> tuple[str, ...] | None:
    """The fields a frozen, slotted dataclass is rebuilt from, in constructor order; None
    for any other class (and for one whose constructor does not take every field)."""
    if cls not in _FIELDS:
        params = getattr(cls, "__dataclass_params__", None)
        fields = dataclasses.fields(cls) if params is not None and params.frozen and "__slots__" in vars(cls) else None
        usable = fields is not None and all(f.init and not f.kw_only for f in fields)
        _FIELDS[cls] = tuple(f.name for f in fields) if fields is not None and usable else None
    return _FIELDS[cls]


_FIELDS: dict[type[Any], tuple[str, ...] | None] = {}


def cached(paths: Sequence[Path | str], *, strength_semantics: str = "dfquad") -> tuple[Workspace, MapAnalysis] | None:
    """The analysed workspace of ``paths`` from the cache, or None when there is no entry
    or something it was built from changed."""
    entry = _entry(paths, strength_semantics)
    if entry is None or not entry.is_file():
        return None
    collecting = gc.isenabled()
    gc.disable()  # unpickling builds a million objects and no cycle: a collector pass per few thousand made it quadratic
    try:
        with entry.open("rb") as f:
            stamps, folder_files = pickle.load(f)
            if folder_files != [str(p) for p in _inputs(paths)] or not all(_unchanged(s) for s in stamps):
                return None  # stale: the rest is not even read
            table: list[object] = []
            while True:
                unpickler = pickle.Unpickler(f)
                unpickler.persistent_load = table.__getitem__  # type: ignore[method-assign]
                part = unpickler.load()
                if type(part) is not list:
                    workspace, analysis = part
                    return workspace, analysis
                table.extend(part)
    except Exception:  # a stale or damaged entry is rebuilt, whatever is wrong with it
        pass
    finally:
        if collecting:
            gc.enable()
    return None


MTIME_SLACK_NS = 2_000_000_000
"""How far a file's modification time may lag the moment it was written: file systems
stamp writes with a coarse clock (FAT to 2 s)."""


def store(paths: Sequence[Path | str], workspace: Workspace, analysis: MapAnalysis, *, read_since: int, strength_semantics: str = "dfquad") -> None:
    """Cache a clean workspace of ``paths`` with its analysis (what of it is kept is
    :meth:`MapAnalysis.__getstate__`'s to say); a cache that cannot be written is skipped.

    ``read_since`` is :func:`time.time_ns` from before the maps were read. A file changed
    since then (an editor saving while the explorer analysed) would be stamped as it is
    now, beside a workspace read from what it was: such an entry is not written, or the
    next load would serve the old maps as new. Files changed just before the read are
    skipped too (their time stamp may lag); the next load caches them.
    """
    entry = _entry(paths, strength_semantics)
    if entry is None or not workspace.ok:
        return
    used = {m.path.resolve() for m in workspace.maps.values()}
    used |= {s.text_path for m in workspace.maps.values() for s in m.sources.values() if s.text_path is not None}
    try:
        stamps = [_stamp(p) for p in sorted(used)]
        if any(stamp.mtime_ns >= read_since - MTIME_SLACK_NS for stamp in stamps):
            return
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _write_entry(entry, (stamps, [str(p) for p in _inputs(paths)]), workspace, analysis)
    except (OSError, pickle.PicklingError):
        pass


CHUNK = 5_000
"""Claims or relations pickled together, each batch with a pickler (and memo) of its own."""


def _write_entry(entry: Path, header: tuple[object, ...], workspace: Workspace, analysis: MapAnalysis) -> None:
    """Write an entry atomically: pickles one after the other into a temporary file beside it.

    One pickle of everything cost as much memory again as the workspace: a pickler keeps
    a memo of every object it wrote (with the argument tuple of every dataclass it
    rebuilds) until the end, and ``dumps`` held the 46 MB result too; at 100k claims
    caching pushed the explorer's peak from 370 MB to 560 MB. So the header (checked
    before anything else is read), then the claims and relations in batches of
    :data:`CHUNK`, each batch pickled with its own memo, then the workspace and analysis,
    where a claim, a relation or a claim's key or id is written as its place in the table
    of what the batches held: the claim keys that relations, the workspace's dicts and the
    analysis refer to stay one string each, as the loader made them.

    The temporary file is the private 0600 one :func:`tempfile.mkstemp` makes: the cache
    is the user's alone. There is no fsync: an entry cut short by a crash fails to load
    and is rebuilt.
    """
    claims, relations = list(workspace.claims.values()), list(workspace.relations.values())
    shared: dict[int, int] = {}  # id of an object written → its place in the table
    table_size = 0

    def batch(objects: list[Any]) -> None:
        nonlocal table_size
        _Pickler(out, shared).dump(objects)
        for place, obj in enumerate(objects, table_size):  # after the batch: written before referred to
            shared.setdefault(id(obj), place)  # an object listed twice (an interned id, say) is found at its first place
        table_size += len(objects)

    handle, temp = tempfile.mkstemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            _Pickler(out, {}).dump(header)
            batch([text for c in claims for text in (c.key, c.id)] + [r.key for r in relations])
            for items in (claims, relations):
                for start in range(0, len(items), CHUNK):
                    batch(items[start : start + CHUNK])
            _Pickler(out, shared).dump((workspace, analysis))
        os.replace(temp, entry)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_analysed(paths: Sequence[Path | str], *, strength_semantics: str = "dfquad") -> tuple[Workspace, MapAnalysis | None]:
    """Load and analyse maps, from the cache when nothing they were built from changed.

    A workspace with errors comes back with its problems and no analysis, and is never
    cached.
    """
    found = cached(paths, strength_semantics=strength_semantics)
    if found is not None:
        return found
    read_since = time.time_ns()
    workspace = load_workspace(paths)
    analysis = analyze(workspace, strength_semantics=strength_semantics).compute_all() if workspace.ok else None
    if analysis is not None:
        store(paths, workspace, analysis, read_since=read_since, strength_semantics=strength_semantics)
    return workspace, analysis
