"""Atomic file writes: a reader or a crash sees the old file or the new one, never half.

The text goes to a temporary file in the same folder, is flushed and fsynced, then
renamed over the target (``os.replace`` is atomic on POSIX and Windows), and the folder
is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_output", "atomic_write_bytes", "atomic_write_text", "atomic_write_texts"]


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permissions if it exists.

    A new file gets the permissions a plain ``open()`` would give it (0666 less the
    umask), not the 0600 of a temporary file.
    """
    with atomic_output(path) as temp:
        with open(temp, "wb") as out:
            out.write(data)


@contextmanager
def atomic_output(path: Path | str) -> Iterator[str]:
    """A temporary file beside ``path`` for something else to fill (a program told to
    write there, say), then made ``path`` atomically as :func:`atomic_write_bytes` does:
    fsynced, given ``path``'s permissions (or a new file's), renamed over it, the folder
    fsynced. If the block raises, the temporary file is removed and ``path`` is untouched."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        yield temp
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform; the rename is still atomic
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    """The process's umask (reading it means setting it; it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_texts(texts: Mapping[Path, str]) -> None:
    """Replace many files atomically at the cost of one sync, not two fsyncs each.

    An import writes a source text per card, thousands of them: each file's bytes go to a
    temporary file, one ``os.sync`` makes them all durable, then each is renamed over its
    target and each folder is fsynced once. Where ``os.sync`` is missing, file by file.
    """
    if not hasattr(os, "sync") or len(texts) < 8:
        for path, text in texts.items():
            atomic_write_text(path, text)
        return
    temps: list[tuple[str, Path, int]] = []
    try:
        for path, text in texts.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((temp, path, mode))
            with os.fdopen(handle, "wb") as out:
                out.write(text.encode("utf-8"))
        os.sync()
        for temp, path, mode in temps:
            os.chmod(temp, mode)
            os.replace(temp, path)
    except BaseException:
        for temp, _, _ in temps:
            Path(temp).unlink(missing_ok=True)
        raise
    for folder in {path.parent for _, path, _ in temps}:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
