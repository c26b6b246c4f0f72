"""A cache of loaded and analysed workspaces, so large maps open fast the second time.

Parsing and checking a 10k-claim map takes about a second and analysing it another;
unpickling the result takes a fraction of that. Like mypy's cache, an entry is keyed by
what was asked for (the resolved paths and argmap's code) and is valid only while every
file it was built from -- each map and each source text -- is unchanged, as
:mod:`argmap.stamps` decides. Anything else, and the maps are loaded afresh and the entry
rewritten.

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
from pathlib import Path
from typing import IO, Any, Protocol

from argmap.analysis.debate import MapAnalysis
from argmap.analysis.links import Links
from argmap.model import Claim, Relation, Workspace
from argmap.stamps import cache_dir, changed_since, code_version, folder_maps, stamp, unchanged

__all__ = ["cache_dir", "cached", "dump_analysed", "holds", "load_analysed", "read_dumped", "read_maps", "store"]

_FORMAT = 9  # bump when the pickled classes change shape (9: claims, quotes and relations pickled as their fields, model._reduce)


def _entry(paths: Sequence[Path | str], strength: str, links: Links = Links.ALL) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    what = "\0".join([str(_FORMAT), code_version(), strength, links.value, *(str(Path(p).resolve()) for p in paths)])
    return Path(folder) / f"{hashlib.sha256(what.encode()).hexdigest()[:32]}.pickle"


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
    try:
        stamps = [stamp(p) for p in sorted({str(p.resolve()) for p in workspace.files()})]
        if any(changed_since(s, read_since) for s in stamps):
            return
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _write_entry(entry, (stamps, folder_maps(paths)), workspace, analysis.compute_kept())
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
    batches (see :func:`_rebuilt_tables`).

    The temporary file is the private 0600 one :func:`tempfile.mkstemp` makes: the cache
    is the user's alone. There is no fsync: an entry cut short by a crash fails to load
    and is rebuilt.
    """
    signer = hmac.new(_key(entry.parent, create=True), digestmod="sha256")

    def write(file: IO[bytes]) -> None:
        out = _Signing(file, signer)
        _Pickler(out).dump(header)
        _write_body(out, workspace, analysis)
        file.write(signer.digest())

    _replace(entry, write)


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


def _write_body(out: _Writable, workspace: Workspace, analysis: MapAnalysis) -> None:
    """Pickle a workspace and its analysis into ``out`` as an entry holds them after its
    header, for :func:`_read_body`: the claims, then the relations, in batches, then the rest."""
    claims, relations = list(workspace.claims.values()), list(workspace.relations.values())
    stems = list(workspace.maps)
    rebuilt = _rebuilt_tables(stems, workspace.claims, workspace.relations)
    tables = {id(table): number for number, table in enumerate(_tables_of(workspace)) if _rebuilds(table, rebuilt[number].items())}
    _Pickler(out).dump((stems, len(claims), len(relations)))
    for start in range(0, len(claims), CHUNK):
        _Pickler(out).dump(claims[start : start + CHUNK])
    for start in range(0, len(relations), CHUNK):  # their ends are claim keys
        _Pickler(out, (workspace.claims,)).dump(relations[start : start + CHUNK])
    _Pickler(out, (workspace.claims, workspace.relations), tables).dump((workspace, analysis))


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
    """The dicts of claims and relations a workspace holds, numbered as :func:`_rebuilt_tables` numbers them."""
    found: list[Mapping[str, Any]] = [workspace.claims, workspace.relations]
    for m in workspace.maps.values():
        found += [m.claims, m.relations]
    return found


def _rebuilt_tables(stems: Sequence[str], claims: Mapping[str, Claim], relations: Mapping[str, Relation]) -> list[Mapping[str, Any]]:
    """Every dict of claims and relations of a workspace as the loader builds it, from all
    its claims and relations, numbered as :func:`_tables_of` numbers them: 0 the
    workspace's claims, 1 its relations, then each map's claims and relations. One pass
    over each (a pass per map cost a 10-map, 10k-claim workspace a fifth of a second)."""
    place = {stem: 2 + 2 * number for number, stem in enumerate(stems)}
    tables: list[dict[str, Any]] = [{} for _ in range(2 + 2 * len(stems))]
    for claim in claims.values():
        if (at := place.get(claim.map)) is not None:
            tables[at][claim.id] = claim
    for key, relation in relations.items():
        if (at := place.get(key.partition(":")[0])) is not None:
            tables[at + 1][key] = relation
    return [claims, relations, *tables[2:]]


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
    collecting = gc.isenabled()
    gc.disable()  # unpickling builds a million objects and no cycle: a collector pass per few thousand made it quadratic
    try:
        f = _fresh_entry(paths, strength_semantics, links)
        if f is None:
            return None
        with f:
            return _read_body(f)
    except Exception:  # a stale or damaged entry is rebuilt, whatever is wrong with it
        pass
    finally:
        if collecting:
            gc.enable()
    return None


def holds(paths: Sequence[Path | str], *, strength_semantics: str = "dfquad", links: Links = Links.ALL) -> bool:
    """Whether :func:`cached` would answer, found without unpickling the workspace."""
    try:
        f = _fresh_entry(paths, strength_semantics, links)
    except Exception:
        return False
    if f is None:
        return False
    f.close()
    return True


def _fresh_entry(paths: Sequence[Path | str], strength_semantics: str, links: Links) -> IO[bytes] | None:
    """The entry of ``paths``, signed and open after its header, if nothing it was built
    from changed; None when there is no such entry (an OSError or unpickling error when
    it is damaged)."""
    entry = _entry(paths, strength_semantics, links)
    if entry is None or not entry.is_file():
        return None
    f = _signed(entry)
    try:
        stamps, folder_files = _Unpickler(f).load()
        if folder_files == folder_maps(paths) and all(unchanged(s) for s in stamps):
            return f
    except BaseException:
        f.close()
        raise
    f.close()  # stale: the rest is not even read
    return None


def _read_body(f: IO[bytes]) -> tuple[Workspace, MapAnalysis] | None:
    """What :func:`_write_body` wrote, or None when it is not a workspace and its
    analysis (unpickled with nothing but argmap's model classes, see :class:`_Unpickler`).

    Raises:
        Exception: whatever a damaged or cut-short stream makes the unpickler raise.
    """
    stems, claim_count, relation_count = _Unpickler(f).load()
    claims: dict[str, Claim] = {}
    while len(claims) < claim_count:
        claims.update((c.key, c) for c in _Unpickler(f).load())
    relations: dict[str, Relation] = {}
    while len(relations) < relation_count:
        unpickler = _Unpickler(f)
        unpickler.persistent_load = lambda key: claims[key].key  # type: ignore[method-assign]
        relations.update((r.key, r) for r in unpickler.load())

    rebuilt: list[Mapping[str, Any]] = []

    def table(number: int) -> Mapping[str, Any]:
        if number == 1 or (number == 3 and len(stems) == 1):  # one map: it holds the workspace's dict
            return relations
        if number == 0:
            return claims
        if not rebuilt:
            rebuilt.extend(_rebuilt_tables(stems, claims, relations))
        return rebuilt[number]

    unpickler = _Unpickler(f)
    unpickler.persistent_load = lambda pid: table(pid) if pid.__class__ is int else (claims[pid] if pid in claims else relations[pid]).key  # type: ignore[method-assign]
    return _analysed(unpickler.load())


def _analysed(found: object) -> tuple[Workspace, MapAnalysis] | None:
    """``found`` if it is a workspace and its analysis, else None (a damaged entry that
    still unpickles: never served)."""
    match found:
        case (Workspace() as workspace, MapAnalysis() as analysis):
            return workspace, analysis
    return None


class _OnePickler(pickle.Pickler):
    """:class:`_Pickler` without its references to what was written before: for one pickle of everything."""

    reducer_override = _Pickler.reducer_override


def dump_analysed(out: IO[bytes], workspace: Workspace, analysis: MapAnalysis) -> None:
    """Pickle a workspace and its analysis into ``out`` at once, for :func:`read_dumped`:
    twice as fast to write as an entry's batches, and as much memory again as the workspace
    (the pickler's memo), so for handing moderate maps to another process (:mod:`argmap.background`)."""
    _OnePickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump((workspace, analysis))


def read_dumped(f: IO[bytes]) -> tuple[Workspace, MapAnalysis] | None:
    """What :func:`dump_analysed` wrote (with nothing but argmap's model classes, as an
    entry is read), or None when it is something else.

    Raises:
        Exception: whatever a damaged or cut-short stream makes the unpickler raise.
    """
    collecting = gc.isenabled()
    gc.disable()  # as in cached(): a million objects, no cycle
    try:
        return _analysed(_Unpickler(f).load())
    finally:
        if collecting:
            gc.enable()


def read_maps(paths: Sequence[Path | str]) -> tuple[Workspace, int]:
    """The maps of ``paths`` read now (every link, quotes verified), and when reading began
    (``time.time_ns()``, as :func:`store` is told it)."""
    from argmap.load import load_workspace  # for a miss only: a hit reads no YAML

    read_since = time.time_ns()
    return load_workspace(paths), read_since


def load_analysed(
    paths: Sequence[Path | str], *, strength_semantics: str = "dfquad", links: Links = Links.ALL,
    read: Callable[[], tuple[Workspace, int]] | None = None,
) -> tuple[Workspace, MapAnalysis | None]:
    """Load and analyse maps on the relations ``links`` counts, from the cache when
    nothing they were built from changed. The workspace comes back as the analysis saw
    it: with ``Links.TEXTS``, without the analyst's links.

    A workspace with errors comes back with its problems and no analysis, and is never
    cached. ``read`` gives the maps on a miss (:func:`read_maps`' answer): a caller
    analysing them on both choices of links passes one that reads them once for both.
    """
    found = cached(paths, strength_semantics=strength_semantics, links=links)
    if found is not None:
        return found[1].workspace, found[1]
    # imported only for a miss: a hit needs neither the YAML reader nor the analyses' code
    from argmap.analysis.debate import analyze

    workspace, read_since = read() if read is not None else read_maps(paths)
    # the rest of the analysis (chains, clashes, …) is computed as the caller asks for it:
    # argmap analyze asks the other choice of links only for status (at web 10k, the chains
    # made and never read took 0.5 s)
    analysis = analyze(workspace, strength_semantics=strength_semantics, links=links) if workspace.ok else None
    if analysis is not None:
        store(paths, workspace, analysis, read_since=read_since, strength_semantics=strength_semantics)
        return analysis.workspace, analysis
    return workspace, analysis
