"""A cache of loaded and analysed workspaces, so large maps open fast the second time.

Parsing and checking a 10k-claim map takes about a second and analysing it another;
unpickling the result takes a fraction of that. Like mypy's cache, an entry is keyed by
what was asked for (the resolved paths and argmap's version) and is valid only while
every file it was built from — each map and each source text — is unchanged: same size,
modification time, change time and inode, or failing that the same SHA-256. (The
modification time alone is not enough: ``touch -r``, ``rsync -t`` or a clock set back can
give an edited file of the same size its old one; the change time only the kernel sets.)
Anything else, and the maps are loaded afresh and the entry rewritten.

The cache lives in ``$ARGMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/argmap``, else
``~/.cache/argmap``; ``ARGMAP_NO_CACHE=1`` turns it off. It holds pickles, read only from
that private folder of the user's own. Each entry ends with an HMAC of its bytes, keyed
by a random secret kept in that folder (``key``, 0600), and nothing is unpickled before it
is checked: CPython's unpickler trusts numbers in the pickle (a memo index of 2**31 makes it
fill 16 GB), so a damaged or foreign entry must never reach it. Behind that, the unpickler
rebuilds nothing but argmap's own model classes and paths: even an entry forged with the
key cannot run code. A cache that cannot be read or written, or holds anything else, is
ignored: it can make argmap faster, never fail it.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from argmap.analysis import MapAnalysis, analyze
from argmap.analysis.links import Links
from argmap.load import load_workspace
from argmap.model import Claim, Relation, Workspace

__all__ = ["cache_dir", "cached", "load_analysed", "store"]

_FORMAT = 8  # bump when the pickled classes change shape


@dataclass(frozen=True, slots=True)
class _Stamp:
    """What a file was when an entry was built from it."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
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
    return _Stamp(str(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, _sha256(path))


def _unchanged(stamp: _Stamp) -> bool:
    path = Path(stamp.path)
    try:
        stat = path.stat()
        if (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino) == (stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.inode):
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


def _entry(paths: Sequence[Path | str], strength: str, links: Links = Links.ALL) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from argmap import __version__

    what = "\0".join([str(_FORMAT), __version__, strength, links.value, *(str(Path(p).resolve()) for p in paths)])
    return folder / f"{hashlib.sha256(what.encode()).hexdigest()[:32]}.pickle"


_NO_TABLES: Mapping[int, int] = {}


class _Pickler(pickle.Pickler):
    """Pickles the model's frozen dataclasses as calls of their constructor, and what the
    entry holds already (see :func:`_write_entry`) as a reference to it.

    Their default pickling restores each object through ``dataclasses``' own
    ``__setstate__``, which looks their fields up again for every one of the tens of
    thousands of claims, quotes and locations: loading took twice as long.
    """

    def __init__(self, file: Any, keys: Sequence[Mapping[str, object]] = (), tables: Mapping[int, int] = _NO_TABLES) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._keys = keys
        self._tables = tables

    def reducer_override(self, obj: Any) -> Any:
        fields = _positional_fields(type(obj))
        if fields is None:
            return NotImplemented
        return type(obj), tuple(getattr(obj, name) for name in fields)

    def persistent_id(self, obj: Any) -> str | int | None:
        """A text equal to a key of one of ``keys`` is written as that key (and read back
        as the one string the loaded claim or relation holds); a dict of ``tables`` as its
        number (and rebuilt from the claims and relations read before it)."""
        if obj.__class__ is str:
            return obj if any(obj in keys for keys in self._keys) else None
        return self._tables.get(id(obj))


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
    entry = _entry(paths, strength_semantics, analysis.links)
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

    One pickle of everything cost as much memory again as the workspace: a pickler keeps a
    memo of every object it wrote until the end, and ``dumps`` held the 46 MB result too.
    A table of every object written, by id, to refer to it later, still cost 40 MB at 100k
    claims. So: the header (checked before anything else is read); the claims, then the
    relations, in batches of :data:`CHUNK`, each with a memo of its own; then the
    workspace and analysis. Whatever refers to a claim or relation key (a relation's ends,
    the analysis' dicts) writes the key, and the loader hands back the string the loaded
    claim holds, so a key stays one string however often it is used, as the loader made
    it; the dicts of claims and relations are written as a number, and rebuilt from the
    batches (see :func:`_rebuilt_items`).

    The temporary file is the private 0600 one :func:`tempfile.mkstemp` makes: the cache
    is the user's alone. There is no fsync: an entry cut short by a crash fails to load
    and is rebuilt.
    """
    claims, relations = list(workspace.claims.values()), list(workspace.relations.values())
    stems = list(workspace.maps)
    tables = {
        id(table): number
        for number, table in enumerate(_tables_of(workspace))
        if _rebuilds(table, _rebuilt_items(number, stems, workspace.claims, workspace.relations))
    }
    signer = hmac.new(_key(entry.parent, create=True), digestmod="sha256")

    def write(file: IO[bytes]) -> None:
        out = _Signing(file, signer)
        _Pickler(out).dump(header)
        _Pickler(out).dump((stems, len(claims), len(relations)))
        for start in range(0, len(claims), CHUNK):
            _Pickler(out).dump(claims[start : start + CHUNK])
        for start in range(0, len(relations), CHUNK):  # their ends are claim keys
            _Pickler(out, (workspace.claims,)).dump(relations[start : start + CHUNK])
        _Pickler(out, (workspace.claims, workspace.relations), tables).dump((workspace, analysis))
        file.write(signer.digest())

    _replace(entry, write)


def _replace(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` through a private (0600) temporary file beside it, renamed over it."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class _Signing:
    """A file to pickle into that feeds what is written to an HMAC as well."""

    def __init__(self, file: IO[bytes], signer: hmac.HMAC) -> None:
        self.file, self.signer = file, signer

    def write(self, data: bytes) -> int:
        self.signer.update(data)
        return self.file.write(data)


_KEY_BYTES = 32
_DIGEST_BYTES = hashlib.sha256().digest_size


def _key(folder: Path, *, create: bool = False) -> bytes:
    """The secret that signs this cache folder's entries (made on first use when ``create``)."""
    path = folder / "key"
    try:
        key = path.read_bytes()
        if len(key) == _KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    if not create:
        raise OSError(f"{path}: no key")
    key = secrets.token_bytes(_KEY_BYTES)
    _replace(path, lambda out: out.write(key))  # two processes racing: the loser's entries are rebuilt once
    return key


def _signed(entry: Path) -> IO[bytes]:
    """The entry, open at its start, once its HMAC has been checked (read in chunks: an
    entry of 100k claims is 46 MB); OSError when it does not match."""
    f = entry.open("rb")
    try:
        left = os.fstat(f.fileno()).st_size - _DIGEST_BYTES
        signer = hmac.new(_key(entry.parent), digestmod="sha256")
        while left > 0 and (chunk := f.read(min(left, 1 << 20))):
            signer.update(chunk)
            left -= len(chunk)
        if left != 0 or not hmac.compare_digest(signer.digest(), f.read()):
            raise OSError(f"{entry}: not an entry this cache wrote")
        f.seek(0)
        return f
    except BaseException:
        f.close()
        raise


def _tables_of(workspace: Workspace) -> list[Mapping[str, Any]]:
    """The dicts of claims and relations a workspace holds, numbered as :func:`_rebuilt_items` numbers them."""
    found: list[Mapping[str, Any]] = [workspace.claims, workspace.relations]
    for m in workspace.maps.values():
        found += [m.claims, m.relations]
    return found


def _rebuilt_items(number: int, stems: Sequence[str], claims: Mapping[str, Claim], relations: Mapping[str, Relation]) -> Iterable[tuple[str, Any]]:
    """The items of a workspace's dict ``number`` as the loader builds it, from all its
    claims and relations: 0 the workspace's claims, 1 its relations, then each map's."""
    if number < 2:
        return claims.items() if number == 0 else relations.items()
    stem = stems[(number - 2) // 2]
    if number % 2 == 0:
        return ((c.id, c) for c in claims.values() if c.map == stem)
    return ((k, r) for k, r in relations.items() if k.partition(":")[0] == stem)


def _rebuilds(table: Mapping[str, Any], items: Iterable[tuple[str, Any]]) -> bool:
    """Whether ``table`` holds ``items`` (the same keys, objects and order): a dict for
    which it does not is pickled as it is."""
    try:
        return all(ka == kb and a is b for (ka, a), (kb, b) in zip(table.items(), items, strict=True))
    except ValueError:  # not as many
        return False


_PATHS = frozenset({"Path", "PosixPath", "WindowsPath", "PurePath", "PurePosixPath", "PureWindowsPath"})


class _Unpickler(pickle.Unpickler):
    """An unpickler that rebuilds only classes of argmap's model and analyses, and paths.

    A pickle names the callables that rebuild it; one put in the cache folder by anything
    but argmap could name ``os.system``. The module is checked before it is imported, so
    nothing outside argmap is even imported.
    """

    def find_class(self, module: str, name: str) -> Any:
        if module == "pathlib" and name in _PATHS:
            return super().find_class(module, name)
        if module in ("argmap.model", "argmap.errors", "argmap.cache") or module.startswith("argmap.analysis."):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of an argmap cache entry")


def cached(paths: Sequence[Path | str], *, strength_semantics: str = "dfquad", links: Links = Links.ALL) -> tuple[Workspace, MapAnalysis] | None:
    """The analysed workspace of ``paths`` from the cache, or None when there is no entry
    or something it was built from changed."""
    entry = _entry(paths, strength_semantics, links)
    if entry is None or not entry.is_file():
        return None
    collecting = gc.isenabled()
    gc.disable()  # unpickling builds a million objects and no cycle: a collector pass per few thousand made it quadratic
    try:
        with _signed(entry) as f:
            stamps, folder_files = _Unpickler(f).load()
            if folder_files != [str(p) for p in _inputs(paths)] or not all(_unchanged(s) for s in stamps):
                return None  # stale: the rest is not even read
            stems, claim_count, relation_count = _Unpickler(f).load()
            claims: dict[str, Claim] = {}
            while len(claims) < claim_count:
                claims.update((c.key, c) for c in _Unpickler(f).load())
            relations: dict[str, Relation] = {}
            while len(relations) < relation_count:
                unpickler = _Unpickler(f)
                unpickler.persistent_load = lambda key: claims[key].key  # type: ignore[method-assign]
                relations.update((r.key, r) for r in unpickler.load())

            def table(number: int) -> Mapping[str, Any]:
                if number == 1 or (number == 3 and len(stems) == 1):  # one map: it holds the workspace's dict
                    return relations
                return claims if number == 0 else dict(_rebuilt_items(number, stems, claims, relations))

            unpickler = _Unpickler(f)
            unpickler.persistent_load = lambda pid: table(pid) if pid.__class__ is int else (claims[pid] if pid in claims else relations[pid]).key  # type: ignore[method-assign]
            workspace, analysis = unpickler.load()
            if isinstance(workspace, Workspace) and isinstance(analysis, MapAnalysis):
                return workspace, analysis
            return None  # a damaged entry that still unpickles: never served
    except Exception:  # a stale or damaged entry is rebuilt, whatever is wrong with it
        pass
    finally:
        if collecting:
            gc.enable()
    return None


def load_analysed(paths: Sequence[Path | str], *, strength_semantics: str = "dfquad", links: Links = Links.ALL) -> tuple[Workspace, MapAnalysis | None]:
    """Load and analyse maps on the relations ``links`` counts, from the cache when
    nothing they were built from changed. The workspace comes back as the analysis saw
    it: with ``Links.TEXTS``, without the analyst's links.

    A workspace with errors comes back with its problems and no analysis, and is never
    cached.
    """
    found = cached(paths, strength_semantics=strength_semantics, links=links)
    if found is not None:
        return found[1].workspace, found[1]
    read_since = time.time_ns()
    workspace = load_workspace(paths)
    analysis = analyze(workspace, strength_semantics=strength_semantics, links=links).compute_all() if workspace.ok else None
    if analysis is not None:
        store(paths, workspace, analysis, read_since=read_since, strength_semantics=strength_semantics)
        return analysis.workspace, analysis
    return workspace, analysis
