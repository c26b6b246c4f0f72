"""Load and analyse maps in a child process while this one starts its interface.

The explorer spends its first quarter of a second importing Textual and building its
screen, on one core; a cold start then parsed and analysed the maps after that, in a
thread that shared the interpreter with the screen being drawn. Started first, a forked
child does that work on the other core meanwhile, and sends the result down a pipe as one
pickle (:func:`argmap.cache.dump_analysed`), which the explorer reads in a fraction of the
time the work took.

The child answers in pickles, one after the other: ``("cached",)`` when argmap's cache
holds the maps as they are (the explorer reads them from there as before), else
``("loading",)`` at once, ``("progress", text)`` as loading goes on, then ``("analysed",)``
and the workspace with its analysis; ``("failed",)`` or nothing at all for anything else (a map with errors, say):
the explorer then loads the maps itself, and says what is wrong with them. Nothing in this
module imports Textual, the YAML reader or the analyses in the parent: the child imports
what it needs after the fork.

Only for maps of up to :data:`FORK_BYTES`: pickling and unpickling grow with the maps and
the time saved does not (the parent's start-up it overlaps), and at 10k claims they cost
more than the overlap saves. Only where :func:`os.fork` exists, and only while the process
runs no other thread (a child forked from a threaded process may inherit a lock held by a
thread it does not have).
"""

from __future__ import annotations

import os
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.analysis.debate import MapAnalysis
    from argmap.analysis.links import Links
    from argmap.model import Workspace

__all__ = ["FORK_BYTES", "BackgroundLoad", "analysing", "maps_size"]

FORK_BYTES = 2_000_000
"""Maps of up to this many bytes in all (5k claims of short ones, 2k of long quotes) load in
a child. Measured on a 2-core machine: handing over 1k claims (0.4 MB) costs 0.04 s against
the 0.3 s of start-up it overlaps, 10k claims (4-9 MB) 0.5-0.8 s."""


def maps_size(paths: Sequence[Path]) -> int | None:
    """The bytes of the map files of ``paths`` (files, and the maps of folders), None
    when one cannot be read (the load will say why)."""
    size = 0
    for path in paths:
        for file in path.glob("*.y*ml") if path.is_dir() else [path]:
            try:
                size += file.stat().st_size
            except OSError:
                return None
    return size


def analysing(claims: int) -> str:
    """What a large load says while it analyses the maps it has read."""
    return f"Analysing {claims:,} claims: what stands, how strong, what was dropped"


class BackgroundLoad:
    """The maps of ``paths`` as a forked child loads and analyses them (see the module).

    Start it with :meth:`start`; ask :meth:`cached` whether the cache holds the maps (then
    read them from there), else take the result from :meth:`result` (blocking until the
    child is done). Either closes the pipe and reaps the child. A parent that exits
    without asking closes the pipe too, and the child stops at its next write.
    """

    def __init__(self, pid: int, pipe: IO[bytes], read_since: int) -> None:
        self.pid = pid
        self.read_since = read_since  # time.time_ns() before the child read anything: the cache's store needs it
        self._pipe: IO[bytes] | None = pipe
        self._first: tuple[object, ...] | None = None

    @classmethod
    def start(cls, paths: Sequence[Path], links: Links) -> BackgroundLoad | None:
        """Fork the child, or None where that cannot be done safely (no fork, other threads)
        or would not pay (maps larger than :data:`FORK_BYTES`)."""
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return None
        size = maps_size(paths)
        if size is None or size > FORK_BYTES:
            return None
        read_since = time.time_ns()
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return None
        if pid == 0:  # the child: never returns
            os.close(reading)
            _child(list(paths), links, writing)
        os.close(writing)
        return cls(pid, os.fdopen(reading, "rb"), read_since)

    def _message(self) -> tuple[object, ...]:
        """The child's next message; ``("failed",)`` once it has nothing more to say."""
        if self._pipe is None:
            return ("failed",)
        try:  # the plain unpickler: nothing but our own child writes into this pipe
            message = pickle.load(self._pipe)
        except Exception:  # the child died or said something else: load in this process
            message = ("failed",)
        return message if isinstance(message, tuple) and message else ("failed",)

    def cached(self) -> bool:
        """Whether argmap's cache holds the maps as they are (the child has stopped then);
        waits for the child's first word, a few milliseconds after it started."""
        if self._first is None:
            self._first = self._message()
        if self._first == ("cached",):
            self._close()
            return True
        return False

    def result(self, progress: Callable[[str], None] | None = None) -> tuple[Workspace, MapAnalysis] | None:
        """The workspace and its analysis, as the child made them, once it is done (None
        if it could not: the caller loads the maps itself); ``progress`` hears the child's
        progress reports meanwhile."""
        from argmap import cache

        message, self._first = self._first or self._message(), None
        try:
            while message[0] in ("loading", "progress"):
                if message[0] == "progress" and progress is not None:
                    progress(str(message[1]))
                message = self._message()
            if message != ("analysed",) or self._pipe is None:
                return None
            try:
                return cache.read_dumped(self._pipe)
            except Exception:
                return None
        finally:
            self._close()

    def _close(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
            try:
                os.waitpid(self.pid, 0)  # the child has finished or is killed: reap it
            except ChildProcessError:
                pass


def _child(paths: list[Path], links: Links, fd: int) -> None:
    """The forked child's work: answer as the module says, then exit without running
    anything of the parent's (its atexit handlers, its buffered output)."""
    try:
        with os.fdopen(fd, "wb") as out:
            _answer(paths, links, out)
    except BaseException:  # the parent notices the silence and loads the maps itself
        pass
    finally:
        os._exit(0)


def _answer(paths: list[Path], links: Links, out: IO[bytes]) -> None:
    from argmap import cache

    def say(*message: object) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    if cache.holds(paths, links=links):
        say("cached")
        return
    say("loading")  # the parent waits for the verdict on the cache, not for the load
    from argmap.analysis.debate import analyze
    from argmap.load import PROGRESS_EVERY, load_workspace

    workspace = load_workspace(paths, progress=lambda text: say("progress", text))
    if not workspace.ok:
        say("failed")  # the parent loads it again, to show the problems where they are
        return
    if len(workspace.claims) >= PROGRESS_EVERY:
        say("progress", analysing(len(workspace.claims)))
    analysis = analyze(workspace, links=links)
    analysis.strength  # noqa: B018 -- what the first screen shows (see MapView.of)
    analysis.dropped  # noqa: B018
    say("analysed")
    cache.dump_analysed(out, workspace, analysis)
