"""What a cached answer was built from, and whether it still holds; and a cache of small
answers (``argmap check``'s report, a view's DOT) that a command can give without
reading a map.

An answer is valid only while every file it was built from -- each map and each source
text -- is unchanged: same size, modification time, change time and inode, or failing
that the same SHA-256. (The modification time alone is not enough: ``touch -r``,
``rsync -t`` or a clock set back can give an edited file of the same size its old one;
the change time only the kernel sets.) A folder's list of maps is kept too: a new map in
the folder changes the workspace. And argmap's own code counts: an answer from another
version of argmap (or an edited checkout of it) is never served.

This module is imported on the fast path of the commands a person runs most: it imports
nothing but the standard library's lightest modules, and ``hashlib`` only when a file's
stat differs from its stamp.

The cache lives in ``$ARGMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/argmap``, else
``~/.cache/argmap``; ``ARGMAP_NO_CACHE=1`` turns it off. An entry that cannot be read,
or holds anything else, is ignored: the cache can make argmap faster, never fail it.
"""

from __future__ import annotations

import json
import os
import zlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path
    from typing import Any

__all__ = ["MTIME_SLACK_NS", "Stamp", "cache_dir", "changed_since", "code_version", "folder_maps", "recall", "remember", "stamp", "unchanged"]

Stamp = tuple[str, int, int, int, int, str]
"""A file as an answer was built from it: path, size, mtime_ns, ctime_ns, inode, SHA-256."""

MTIME_SLACK_NS = 2_000_000_000
"""How far a file's modification time may lag the moment it was written (file systems
stamp writes with a coarse clock, FAT to 2 s): a file changed this shortly before a read
began is not stamped, and the next read caches it instead."""

_ANSWERS = 1  # bump when an answer entry changes shape


def cache_dir() -> str | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("ARGMAP_NO_CACHE"):
        return None
    if explicit := os.environ.get("ARGMAP_CACHE_DIR"):
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "argmap")


_code: str | None = None


def code_version() -> str:
    """argmap's version and a fingerprint of its code: the count, total size and latest
    modification of its Python files. A checkout edited in place gets a new one, so no
    answer of the old code is served (about a millisecond: one stat per file)."""
    global _code
    if _code is None:
        from argmap import __version__

        package = os.path.dirname(os.path.abspath(__file__))
        count = size = latest = 0
        for folder, _, names in os.walk(package):
            for name in names:
                if name.endswith(".py"):
                    info = os.stat(os.path.join(folder, name))
                    count, size, latest = count + 1, size + info.st_size, max(latest, info.st_mtime_ns)
        _code = f"{__version__}+{count}.{size}.{latest}"
    return _code


def _sha256(path: str) -> str:
    import hashlib

    with open(path, "rb") as f:  # in chunks: a 100k-claim map is 28 MB
        return hashlib.file_digest(f, "sha256").hexdigest()


def stamp(path: str | Path) -> Stamp:
    """The stamp of a file as it is now (OSError if it cannot be read)."""
    path = str(path)
    info = os.stat(path)
    return (path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, _sha256(path))


def changed_since(stamp: Stamp, read_since: int) -> bool:
    """Whether the file may have changed after a read that began at ``read_since``
    (:func:`time.time_ns`): then it is stamped as it is now beside what was read from
    what it was, and nothing may be kept. The modification time is allowed its lag; the
    change time counts too, since ``touch -d`` or ``os.utime`` can date a file back but
    not its change time, which the kernel sets."""
    return stamp[2] >= read_since - MTIME_SLACK_NS or stamp[3] >= read_since


def unchanged(stamp: Sequence[object]) -> bool:
    """Whether a file is still what ``stamp`` says it was."""
    path, size, mtime_ns, ctime_ns, inode, sha256 = stamp
    try:
        info = os.stat(str(path))
        if (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) == (size, mtime_ns, ctime_ns, inode):
            return True
        return info.st_size == size and _sha256(str(path)) == sha256
    except (OSError, TypeError):
        return False


def folder_maps(paths: Sequence[str | Path]) -> list[str]:
    """Every file an answer depends on that is known before loading: the maps asked for,
    and the map files of the folders named (a new map in a folder changes the workspace)."""
    files: list[str] = []
    for raw in paths:
        path = os.path.realpath(raw)
        if os.path.isdir(path):
            files.extend(sorted(e.path for e in os.scandir(path) if e.name.endswith((".yaml", ".yml"))))
        else:
            files.append(path)
    return files


def _entry(kind: str, paths: Sequence[str | Path], options: Sequence[object]) -> tuple[str, str] | None:
    """The entry file of an answer, and the key it must hold (None: caching is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    key = json.dumps([_ANSWERS, code_version(), kind, list(options), [os.path.realpath(p) for p in paths]])
    return os.path.join(folder, f"{kind}-{zlib.crc32(key.encode()):08x}{zlib.adler32(key.encode()):08x}.json"), key


def recall(kind: str, paths: Sequence[str | Path], options: Sequence[object]) -> dict[str, Any] | None:
    """The answer of ``kind`` for these paths and options, if one was remembered and
    nothing it was built from has changed since."""
    entry = _entry(kind, paths, options)
    if entry is None:
        return None
    try:
        with open(entry[0], encoding="utf-8") as f:
            found = json.load(f)
        if found["key"] != entry[1] or found["maps"] != folder_maps(paths) or not all(unchanged(s) for s in found["stamps"]):
            return None
        answer = found["answer"]
        return answer if isinstance(answer, dict) else None
    except (OSError, ValueError, KeyError, TypeError):  # absent, damaged or foreign: answered afresh
        return None


def remember(kind: str, paths: Sequence[str | Path], options: Sequence[object], files: Iterable[str | Path], answer: dict[str, Any], *, read_since: int) -> None:
    """Keep ``answer`` for :func:`recall`, stamped with the ``files`` it was built from.

    ``read_since`` is :func:`time.time_ns` from before the files were read: a file changed
    since (an editor saving meanwhile) would be stamped as it is now, beside an answer
    read from what it was, so nothing is kept then. A cache that cannot be written is skipped.
    """
    entry = _entry(kind, paths, options)
    if entry is None:
        return
    try:
        stamps = [stamp(f) for f in sorted({str(f) for f in files})]
        if any(changed_since(s, read_since) for s in stamps):
            return
        os.makedirs(os.path.dirname(entry[0]), mode=0o700, exist_ok=True)
        text = json.dumps({"key": entry[1], "maps": folder_maps(paths), "stamps": stamps, "answer": answer}, ensure_ascii=False)
        _replace(entry[0], text.encode("utf-8"))
        _prune(os.path.dirname(entry[0]))
    except OSError:
        pass


KEPT = 256
"""Answers kept in the cache folder; beyond, the least recently written go (a view's DOT
of a large map is megabytes, and every view, theme and folder asked for makes one)."""


def _prune(folder: str) -> None:
    entries = [e for e in os.scandir(folder) if e.name.endswith(".json") and not e.name.startswith(".")]
    if len(entries) > KEPT:
        entries.sort(key=lambda e: e.stat().st_mtime_ns)
        for old in entries[: len(entries) - KEPT]:
            os.unlink(old.path)


def _replace(path: str, data: bytes) -> None:
    """Write an entry atomically, private to the user (mkstemp's 0600). No fsync: an entry
    cut short by a crash fails to parse and is answered afresh."""
    import tempfile

    handle, temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=os.path.dirname(path))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
