"""Run Graphviz ``dot`` on a diagram's DOT source and write the result atomically.

``dot`` is run as a subprocess on the source text, so a render whose DOT is known (from
argmap's cache, :mod:`argmap.stamps`) needs neither the ``graphviz`` package nor the
model. Its failures never reach the user as a traceback: a missing program becomes
:class:`~argmap.errors.ToolMissingError` with a one-line install hint, and a failing one
an :class:`~argmap.errors.ArgmapError` with the first line ``dot`` printed. PNG
resolution is set for PNG only (``-Gdpi``): a ``dpi`` inside the graph zooms and clips
SVG output in Graphviz 2.43. :func:`render_pieces` starts ``dot`` before the DOT exists
and hands it each piece as it is built: ``dot`` reads (parses) its input as it comes, so
its start-up and its reading of a large diagram (0.04 s for a 1k-claim map's 1.2 MB)
overlap argmap's reading of the maps and building of the DOT instead of following them.

What ``dot`` made is remembered by content, in the cache folder's ``dot/`` (see
:mod:`argmap.stamps`; ``ARGMAP_NO_CACHE=1`` turns it off): the same DOT in the same format
from the same ``dot`` program gives the same file, so it is not laid out again. A deck of
the bundled debates runs ``dot`` 180 times, for 5-9 s; made again after an edit, only the
diagrams the edit changed are drawn.
"""

from __future__ import annotations

import os
import subprocess
import tempfile

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    import graphviz

__all__ = ["DEFAULT_PNG_DPI", "FORMATS", "INSTALL_HINT", "dot_bytes", "drawn_before", "remember_drawing", "render", "render_pieces", "render_source", "run_dot"]

FORMATS = ("svg", "png", "pdf", "dot")
DEFAULT_PNG_DPI = 110
INSTALL_HINT = (
    "Graphviz 'dot' was not found on PATH; install Graphviz: 'apt-get install graphviz' "
    "(Debian/Ubuntu), 'brew install graphviz' (macOS), or see https://graphviz.org/download/"
)


def run_dot(source: str, fmt: str, *, dpi: int | None = None, output: str | None = None) -> bytes:
    """``source`` (DOT) rendered by ``dot`` in format ``fmt`` (svg, png or pdf); with
    ``output``, dot writes it to that file itself and nothing is returned (b"").

    Raises:
        ToolMissingError: ``dot`` is not installed.
        ArgmapError: ``dot`` failed, or ``fmt`` is not one argmap writes.
    """
    dpi = _png_dpi(fmt, dpi)
    memo = _memo(source, fmt, dpi)
    if memo is not None and (found := _recall(memo, output)) is not None:
        return found
    try:
        done = subprocess.run(_command(fmt, dpi, output), input=source.encode("utf-8"), capture_output=True, check=False)
    except FileNotFoundError as err:
        raise _missing() from err
    if done.returncode != 0:
        raise _failed(fmt, done.returncode, done.stderr)
    if memo is not None:
        _keep(memo, output, done.stdout)
    return done.stdout


def render_pieces(
    pieces: Iterable[str], path: Path | str, fmt: str, *, dpi: int | None = None, then: Callable[[str], object] | None = None
) -> str:
    """Write the DOT that ``pieces`` make up to ``path`` as ``fmt``, as
    :func:`render_source` does, with ``dot`` reading each piece as soon as it is made;
    return the DOT.

    ``dot`` is started before the first piece is asked for, so its start-up and its
    reading of the DOT happen while the pieces are still being made (the maps read, the
    diagram built) rather than after. ``then`` is called with the whole DOT once ``dot``
    has it, while it lays it out. What ``dot`` made is remembered as :func:`run_dot`
    remembers it; the DOT, and so whether it was drawn before, is known only at its end:
    then the ``dot`` started is stopped, and the file it drew before written.

    Raises:
        ToolMissingError: ``dot`` is not installed.
        ArgmapError: ``dot`` failed, or the format is unknown; or what making the pieces raised.
    """
    from pathlib import Path

    from argmap.fileio import atomic_output, atomic_write_bytes

    path = Path(path)
    if fmt == "dot":
        whole = "".join(pieces)
        atomic_write_bytes(path, whole.encode("utf-8"))
        if then is not None:
            then(whole)
        return whole
    dpi = _png_dpi(fmt, dpi)
    with atomic_output(path) as temp, tempfile.TemporaryFile() as said:
        try:  # dot's messages go to a file: a pipe nobody reads while the pieces are written could fill and stop dot
            dot = subprocess.Popen(_command(fmt, dpi, temp), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=said)
        except FileNotFoundError as err:
            raise _missing() from err
        _widen(dot)
        memo = None
        try:
            source = _feed(dot, pieces)
            if source is not None:
                if then is not None:
                    then(source)
                memo = _memo(source, fmt, dpi)
                if memo is not None and os.path.exists(memo):  # drawn before: this run is not needed
                    _stop(dot)
                    run_dot(source, fmt, dpi=dpi, output=temp)  # the remembered file (or drawn, had it gone meanwhile)
                    return source
            status = dot.wait()
        except BaseException:
            _stop(dot)
            raise
        if status != 0 or source is None:
            said.seek(0)
            raise _failed(fmt, status, said.read())
        if memo is not None:
            _keep(memo, temp, b"")
    return source


def _feed(dot: subprocess.Popen[bytes], pieces: Iterable[str]) -> str | None:
    """Write each piece to ``dot``'s input as it is made, then close it; return the DOT
    they make up, or None when ``dot`` stopped reading (it ends so when it fails)."""
    assert dot.stdin is not None
    made = []
    try:
        for piece in pieces:
            made.append(piece)
            dot.stdin.write(piece.encode("utf-8"))
        dot.stdin.close()
    except BrokenPipeError:  # the rest of the diagram is not needed
        return None
    return "".join(made)


PIPE_BYTES = 2**20
"""How much of the DOT the pipe to ``dot`` holds (Linux; 64 KB by default): ``dot`` reads a
large diagram more slowly than argmap writes it, and with a small pipe argmap waits on
every piece instead of finishing the DOT (a 1k-claim map's 1.2 MB: 34 ms against 19)."""


def _widen(dot: subprocess.Popen[bytes]) -> None:
    """Give the pipe to ``dot`` :data:`PIPE_BYTES` where the system allows it."""
    try:
        import fcntl

        fcntl.fcntl(dot.stdin.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[union-attr]
    except (ImportError, AttributeError, OSError):  # not Linux (no fcntl on Windows), or more than an unprivileged user may have
        pass


def _stop(dot: subprocess.Popen[bytes]) -> None:
    """End a ``dot`` whose output is not wanted, and wait for it."""
    dot.kill()
    dot.wait()
    if dot.stdin is not None:
        try:
            dot.stdin.close()
        except BrokenPipeError:
            pass


def _png_dpi(fmt: str, dpi: int | None) -> int | None:
    """The resolution ``dot`` is given for ``fmt``: PNG's (by default :data:`DEFAULT_PNG_DPI`), else none.

    Raises:
        ArgmapError: ``fmt`` is not one ``dot`` writes for argmap.
    """
    # argmap.errors is imported where it is raised: its dataclasses cost a cached render a sixth of its start-up
    if fmt not in FORMATS or fmt == "dot":
        from argmap.errors import ArgmapError

        raise ArgmapError(f"unknown format {fmt!r} for dot; choose one of {', '.join(FORMATS)}")
    return (dpi or DEFAULT_PNG_DPI) if fmt == "png" else None


def _command(fmt: str, dpi: int | None, output: str | None) -> list[str]:
    return ["dot", f"-T{fmt}", *([f"-Gdpi={dpi}"] if dpi else []), *(["-o", output] if output else [])]


def _missing() -> Exception:
    from argmap.errors import ToolMissingError

    return ToolMissingError(INSTALL_HINT)


def _failed(fmt: str, status: int, said: bytes) -> Exception:
    """The error of a ``dot`` that failed: the first line it printed, else its exit status."""
    from argmap.errors import ArgmapError

    lines = said.decode("utf-8", "replace").splitlines()
    first = next((line.strip() for line in lines if line.strip()), f"exit status {status}")
    return ArgmapError(f"Graphviz dot failed to render {fmt}: {first}")


def drawn_before(source: str, fmt: str) -> bytes | None:
    """What ``dot -T{fmt}`` made of ``source`` before, if it is remembered (SVG or PDF: a PNG's
    resolution is :func:`run_dot`'s to set). For a caller that runs ``dot`` itself, on many
    diagrams at once."""
    memo = _memo(source, fmt, None)
    return None if memo is None else _recall(memo, None)


def remember_drawing(source: str, fmt: str, made: bytes) -> None:
    """Keep what ``dot -T{fmt}`` made of ``source`` alone (the bytes it writes for that one
    graph), for :func:`run_dot` and :func:`drawn_before`."""
    memo = _memo(source, fmt, None)
    if memo is not None:
        _keep(memo, None, made)


MEMO_BYTES = 256 * 2**20
"""Bytes of ``dot``'s outputs kept; beyond, the least recently used go. (A slide's PNG is
50-400 KB; a whole-map SVG of 1k claims 1.5 MB.)"""

MEMO_LARGEST = 32 * 2**20
"""Outputs larger than this are not kept: one would crowd out hundreds of slides."""

_dot_programs: dict[str, tuple[str, int, int] | None] = {}  # by PATH
_kept_since_pruning: int | None = None
"""Bytes this process has kept since it last pruned (None: not yet). Pruning stats every
entry, 18 ms for 4,000: a deck of 180 new drawings pruned after each spent 3 s on it; now
once a process, and again each time it has kept an eighth of :data:`MEMO_BYTES`."""


def _memo(source: str, fmt: str, dpi: int | None) -> str | None:
    """The file that holds (or will hold) what ``dot`` makes of ``source``; None when the
    cache is off or there is no ``dot`` to run. Keyed by the DOT, the format, the PNG
    resolution and the ``dot`` program itself (path, size and modification time), so an
    upgraded Graphviz draws afresh. (Fonts installed or removed since are not noticed:
    ``ARGMAP_NO_CACHE=1``, or deleting the folder, draws afresh.)"""
    from argmap.stamps import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    path = os.environ.get("PATH", "")
    if path not in _dot_programs:
        import shutil

        found = shutil.which("dot", path=path)
        info = os.stat(found) if found else None
        _dot_programs[path] = (os.path.realpath(found), info.st_size, info.st_mtime_ns) if found and info else None
    program = _dot_programs[path]
    if program is None:
        return None
    import hashlib

    key = hashlib.sha256(f"{program}\0{fmt}\0{dpi}\0".encode())
    key.update(source.encode("utf-8"))
    return os.path.join(folder, "dot", f"{key.hexdigest()}.{fmt}")


def _recall(memo: str, output: str | None) -> bytes | None:
    """What ``dot`` made before (copied to ``output`` when given, then b""), or None."""
    try:
        if output is not None:
            import shutil

            shutil.copyfile(memo, output)
            found = b""
        else:
            with open(memo, "rb") as f:
                found = f.read()
        os.utime(memo)  # recently used: the last to be pruned
        return found
    except OSError:
        return None


def _keep(memo: str, output: str | None, made: bytes) -> None:
    """Remember what ``dot`` made (the file ``output``, else ``made``); a cache that cannot
    be written is skipped."""
    try:
        size = os.path.getsize(output) if output is not None else len(made)
        if size > MEMO_LARGEST:
            return
        folder = os.path.dirname(memo)
        for made_folder in (os.path.dirname(folder), folder):  # the user's alone, as the rest of the cache
            os.makedirs(made_folder, mode=0o700, exist_ok=True)  # (the mode is given to the last folder only)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                if output is not None:
                    with open(output, "rb") as f:
                        while chunk := f.read(1 << 20):
                            out.write(chunk)
                else:
                    out.write(made)
            os.replace(temp, memo)  # whole or not at all: a file here is always one dot wrote
        except BaseException:
            os.unlink(temp)
            raise
        global _kept_since_pruning
        if _kept_since_pruning is None or _kept_since_pruning >= MEMO_BYTES // 8:
            _prune(folder)
            _kept_since_pruning = 0
        _kept_since_pruning += size
    except OSError:
        pass


def _prune(folder: str) -> None:
    """Keep the folder under :data:`MEMO_BYTES`, and clear what a crashed writer left."""
    import time

    entries = []
    for entry in os.scandir(folder):
        info = entry.stat()
        if not entry.name.startswith("."):
            entries.append((info, entry.path))
        elif info.st_mtime < time.time() - 3600:  # a temporary file no writer finished
            os.unlink(entry.path)
    total = sum(info.st_size for info, _ in entries)
    if total <= MEMO_BYTES:
        return
    for info, path in sorted(entries, key=lambda e: e[0].st_mtime_ns):
        os.unlink(path)
        total -= info.st_size
        if total <= MEMO_BYTES:
            return


def dot_bytes(digraph: graphviz.Digraph, fmt: str, *, dpi: int | None = None) -> bytes:
    """The diagram rendered by ``dot`` in format ``fmt`` (see :func:`run_dot`)."""
    return run_dot(digraph.source, fmt, dpi=dpi)


def render_source(source: str, path: Path | str, fmt: str | None = None, *, dpi: int | None = None) -> Path:
    """Write DOT ``source`` to ``path`` as ``fmt`` (default: the path's suffix); return the path.

    ``dot`` writes the DOT source itself and needs no Graphviz; ``dpi`` applies to PNG.

    Raises:
        ToolMissingError: ``dot`` is not installed.
        ArgmapError: ``dot`` failed, or the format is unknown.
    """
    from pathlib import Path

    from argmap.fileio import atomic_output, atomic_write_bytes

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "svg").lower()
    if fmt == "dot":
        atomic_write_bytes(path, source.encode("utf-8"))
    else:
        with atomic_output(path) as temp:  # dot writes the file: a large SVG need not pass through argmap
            run_dot(source, fmt, dpi=dpi, output=temp)
    return path


def render(digraph: graphviz.Digraph, path: Path | str, fmt: str | None = None, *, dpi: int | None = None) -> Path:
    """Write the diagram to ``path`` as ``fmt`` (see :func:`render_source`)."""
    return render_source(digraph.source, path, fmt, dpi=dpi)
