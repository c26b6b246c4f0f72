"""A resident argmap: commands run in a fork of a process that has already imported argmap.

Most of what a small command costs is Python starting and importing Textual, networkx,
ruamel and argmap itself, not the command's work. So the ``argmap`` command first asks a
resident process (started by an earlier command, in the background) to run it: the
resident forks, the fork takes this process's terminal (its standard streams, passed
over a Unix socket), working folder, environment and arguments, and runs the command
from a state where every import is done; this process waits, passes on the signals it
gets (Ctrl+C, a resize, a hang-up) and exits with the command's status. Mercurial's
``chg`` and Android's zygote work the same way.

Each fork starts from the resident's state just after its imports, so one command's
work never shows in the next. The resident serves only a client started the same way:
the same Python, interpreter options, import path and environment (some modules read
the environment when imported), all checked on each request; a different one starts a
resident of its own. It exits when argmap's files or installed packages change (a
client then runs the command itself and starts a fresh one), after ``IDLE_SECONDS``
without a command, or when its socket is taken by a newer resident.

``ARGMAP_RESIDENT=0`` turns it off: every command then runs in its own process, as
the tests do. The client's path uses only modules Python has already loaded, so a
command run without a resident pays almost nothing for trying.
"""

from __future__ import annotations

import _socket
import marshal
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: the client imports nothing new
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import TextIO, TypeVar

    _T = TypeVar("_T")

IDLE_SECONDS = 1800.0
"""How long a resident waits for a command before it exits (``ARGMAP_RESIDENT_IDLE`` overrides)."""

VOLATILE = frozenset(
    {"_", "PWD", "OLDPWD", "SHLVL", "TMUX", "TMUX_PANE", "WINDOWID", "TERM_SESSION_ID", "COLUMNS", "LINES"}
)
"""Environment variables that change between commands of one shell and that nothing reads
at import: a client differing in these alone (or in those that start with one of
``RUN_TIME_PREFIXES``) still uses the resident; the fork gets the client's values."""

RUN_TIME_PREFIXES = ("ARGMAP_", "GIT")
"""argmap's own variables and git's (``GIT_DIR``, ``GITHEAD_<commit>`` for a merge driver),
read only as a command runs: git sets new ones for each merge, and a resident per merge
would pile up."""

MAX_RESIDENTS = 4
"""Residents a user's folder holds at most (one per identity): a client finding as many
does not start another, and runs its commands in their own processes."""

PRELOADED = (
    "argmap.cli",
    "argmap.load",
    "argmap.graph",
    "argmap.analysis",
    "argmap.render",
    "argmap.tui.app",
    "argmap.edit",
    "argmap.stamps",
    "argmap.cache",
    "networkx",
    "rich.console",
    "rich.table",
    "ruamel.yaml",
    "rapidfuzz",
    "graphviz",
)
"""What a resident imports before its first fork: what the everyday commands (check,
analyze, render, explore, the edits) import; running them once (:func:`_warm`) adds what
they import as they run (numpy, for strengths, among others). Rarer heavy libraries
(python-pptx, python-docx) stay out: a resident holds its memory for as long as it lives."""

SPARE_HEAP = 16 * 2**20
"""Bytes of heap a spare fork writes and frees while it waits for a command (glibc only):
a fork's first writes to memory fault page by page, 3,300 faults (10 ms) for a 1k-claim
render, and a spare takes them before the command comes rather than while it runs."""

SPARE_AFTER = 1.0
"""Seconds a command has run before the resident makes the next spare meanwhile: a spare's
warm-up would take the second core from a short command (and from its ``dot``), but the
explorer or the language server runs for hours, and the commands run beside them should
find a spare too. With no command running, the spare is made at once."""

SPARES_LOST_AT_MOST = 3
"""Spares that may die before being handed a command (killed, or crashed warming up) before
the resident makes no more, and forks each command as it comes."""

STARTING_SECONDS = 30.0
"""How long a resident may take to start before a client tries another."""

_FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGWINCH", "SIGUSR1", "SIGUSR2", "SIGCONT")


def run() -> None:
    """The ``argmap`` command: through a resident when one serves this client, else here."""
    status = forward(sys.argv[1:])
    if status is None:
        from argmap.cli import main

        sys.exit(main())
    # the command ran in a fork: this process has written nothing and holds nothing to tidy,
    # and the interpreter's teardown was a fifth of an `argmap --version`'s
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


def _identity() -> bytes:
    """What a resident and its clients must share: the interpreter, its options, the import
    path and the environment (bar ``VOLATILE``)."""
    environ = sorted((k, v) for k, v in os.environ.items() if k not in VOLATILE and not k.startswith(RUN_TIME_PREFIXES))
    # repr, not marshal: marshal's bytes for equal values differ with their objects' sharing
    return repr((sys.executable, tuple(sys.flags), sys.path, environ, sys.version)).encode()


def _folder() -> str | None:
    """The folder of the residents' sockets: the user's alone, or None (no resident)."""
    base = os.environ.get("ARGMAP_RESIDENT_DIR") or os.path.join(
        os.environ.get("XDG_RUNTIME_DIR") or "/tmp", f"argmap-{os.getuid()}"
    )
    try:
        os.mkdir(base, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    info = os.lstat(base)
    if info.st_uid != os.getuid() or info.st_mode & 0o077 or not os.path.isdir(base) or os.path.islink(base):
        return None  # another user's, or open to others: not a place to take commands from
    return base


def _address(identity: bytes) -> str | None:
    import zlib

    folder = _folder()
    if folder is None:
        return None
    address = os.path.join(folder, f"{zlib.crc32(identity):08x}{zlib.adler32(identity):08x}.sock")
    return address if len(os.fsencode(address)) < 100 else None  # Unix socket paths stop at 104-108 bytes


def _wanted() -> bool:
    if os.environ.get("ARGMAP_RESIDENT", "1") == "0" or os.name != "posix":
        return False
    # -X importtime, -X dev, -W: someone watching this process, not a fork of another
    return not (sys._xoptions or sys.warnoptions)


def forward(argv: list[str]) -> int | None:
    """Run ``argmap ARGV`` in a resident and return its exit status; None if no resident
    serves this client (then one is started for the next command)."""
    if not _wanted():
        return None
    identity = _identity()
    address = _address(identity)
    if address is None:
        return None
    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        client.connect(address)
    except OSError:
        client.close()
        _start(address)
        return None
    try:
        return _ask(client, identity, argv, address)
    finally:
        client.close()


def _ask(client: _socket.socket, identity: bytes, argv: list[str], address: str) -> int | None:
    # _signal, not signal: the same functions and numbers, without signal's enums (and the
    # enum, functools and collections it imports: 5 ms of each command's client)
    import _signal as signal  # type: ignore[import-not-found]  # (typeshed has no stub for it)

    umask = os.umask(0o022)
    os.umask(umask)
    fds = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))
    child = 0  # the fork's pid, once the resident has said it
    early: list[int] = []  # signals that came before it: passed on once it is known

    def pass_on(number: int, frame: object) -> None:
        if not child:
            early.append(number)
            return
        try:
            os.killpg(child, number)
        except OSError:
            pass

    def suspend(number: int, frame: object) -> None:  # Ctrl+Z: stop the command, then ourselves
        pass_on(signal.SIGTSTP, frame)
        os.kill(os.getpid(), signal.SIGSTOP)

    # from before the request: a Ctrl+C while the resident forks reaches the command, and
    # never stops this process with a traceback while the command runs on
    for name in _FORWARDED:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), pass_on)
    signal.signal(signal.SIGTSTP, suspend)
    try:
        request = marshal.dumps(
            (identity, argv, os.getcwd(), dict(os.environ), umask)
        )  # getcwd: the folder may be gone
        client.sendmsg([len(request).to_bytes(4, "big") + request], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
        answer = _receive(client, 5)
    except OSError:
        answer = b""
    if answer[:1] != b"P":
        for name in (*_FORWARDED, "SIGTSTP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL if name != "SIGINT" else signal.default_int_handler)
        if answer[:1] == b"N":  # a stale resident (argmap changed): it runs nothing, and stops
            _start(address)
        for number in early:  # as if they had come now, to the command run here instead
            os.kill(os.getpid(), number)
        return None
    child = int.from_bytes(answer[1:5], "big", signed=True)
    for number in early:
        pass_on(number, None)
    try:
        answer = _receive(client, 5)
    except OSError:
        answer = b""
    if answer[:1] != b"X":
        return 3  # the resident died under the command: nothing to report but a failure
    status = int.from_bytes(answer[1:5], "big", signed=True)
    if status < 0:  # killed by a signal: die of the same one, as the shell expects
        signal.signal(-status, signal.SIG_DFL)
        os.kill(os.getpid(), -status)
        return 128 - status
    return status


def stop(folder: str | None = None) -> int:
    """Ask every resident with a socket in ``folder`` (this user's folder by default) to
    exit; return how many said yes (``argmap resident --stop``; tests and benchmarks, which
    must not leave any behind). Each stops taking commands at once and exits when the
    commands it runs have ended."""
    return sum(answer == b"S" for _, answer in _asking(folder, "stop", lambda client: _receive(client, 1)))


def residents(folder: str | None = None) -> list[dict[str, object]]:
    """What each resident with a socket in ``folder`` (this user's folder by default) says
    of itself: ``pid``, ``python``, ``started`` (epoch seconds), ``served`` (commands run),
    ``running`` (commands running now), ``idle_exit`` (seconds before it exits unless a
    command comes, counted from the end of the last; asking this does not count), ``rss`` (bytes of memory),
    ``spare`` (the pid of the fork made for the next command; 0 when there is none) and
    ``spare_ready`` (whether it has warmed up and waits), and the ``socket`` asked."""
    found = []
    for address, said in _asking(folder, "status", _status_of):
        if isinstance(said, dict):
            found.append({**said, "socket": address})
    return found


def _status_of(client: _socket.socket) -> object:
    """A resident's answer to "status": its size, then the marshalled dictionary."""
    size = int.from_bytes(_receive(client, 4), "big")
    return marshal.loads(_receive(client, size)) if size else None


def starting(folder: str | None = None) -> int:
    """How many residents are on their way up in ``folder`` (this user's by default)."""
    folder = folder or _folder()
    if folder is None or not os.path.isdir(folder):
        return 0
    return sum(name.endswith(".starting") for name in os.listdir(folder))


def _asking(folder: str | None, request: str, read: Callable[[_socket.socket], _T]) -> Iterator[tuple[str, _T]]:
    """What each resident with a socket in ``folder`` (this user's by default) answers
    ``request``, as ``read`` reads it, with the socket's address; one that cannot be reached
    or whose answer cannot be read is passed over."""
    folder = folder or _folder()
    if folder is None or not os.path.isdir(folder):
        return
    said = marshal.dumps(request)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".sock"):
            continue
        address = os.path.join(folder, name)
        client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            client.settimeout(2.0)
            client.connect(address)
            client.sendall(len(said).to_bytes(4, "big") + said)
            answer = read(client)
        except (OSError, ValueError, EOFError, TypeError):
            continue
        finally:
            client.close()
        yield address, answer


def _receive(connection: _socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _residents(folder: str) -> int:
    """How many residents are up or starting in ``folder``; the socket and warm-up folder
    of one that died without removing them (killed) are removed on the way."""
    count = 0
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name.endswith(".warm") and not _alive(name.rsplit(".", 2)[-2]):
            _remove(path)
        if name.endswith(".sock"):
            probe = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
            try:
                probe.connect(path)
            except ConnectionRefusedError:
                os.unlink(path)
                continue
            except OSError:
                pass
            finally:
                probe.close()
        count += name.endswith((".sock", ".starting"))
    return count


def _alive(pid: str) -> bool:
    """Whether process ``pid`` (as written in a file name) is running."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except OSError:  # not ours to signal, but there
        return True
    return True


def _start(address: str) -> None:
    """Start a resident for this client's identity, detached, for the next command.

    One at a time: ``ADDRESS.starting`` marks a resident on its way up (it removes the
    mark once it listens), so clients arriving meanwhile do not start more; a mark older
    than ``STARTING_SECONDS`` is taken to be a start that failed."""
    import time

    if _residents(os.path.dirname(address)) >= MAX_RESIDENTS:
        return
    mark = f"{address}.starting"
    try:
        os.close(os.open(mark, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        try:
            if time.time() - os.stat(mark).st_mtime < STARTING_SECONDS:
                return
            os.utime(mark)
        except OSError:
            return
    except OSError:
        return
    try:
        import subprocess

        flags = subprocess._args_from_interpreter_flags()  # type: ignore[attr-defined]
        code = f"import sys; sys.path[:] = {sys.path!r}; from argmap.resident import serve; serve({address!r})"
        os.posix_spawn(
            sys.executable,
            [sys.executable, *flags, "-c", code],
            dict(os.environ),
            setsid=True,
            file_actions=[(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)],
        )
    except (OSError, AttributeError):
        pass  # no resident: every command runs in its own process, as before


# --- the resident ---------------------------------------------------------------------------


def _watched() -> dict[str, tuple[int, int]]:
    """argmap's files and folders, and the folders its libraries are installed in (an install,
    upgrade or removal changes them), with their modification times and sizes: any change
    there means this resident's imports are stale. Not every folder on the import path: the
    first is the working folder under ``python -m``, changed by every file a command writes."""
    import argmap

    paths: set[str] = set()
    for folder in argmap.__path__:
        for root, folders, files in os.walk(folder):
            folders[:] = [name for name in folders if name != "__pycache__"]  # written by any run
            paths.add(root)
            paths.update(os.path.join(root, name) for name in files if name.endswith(".py"))
    for name in {name.partition(".")[0] for name in PRELOADED}:
        where = getattr(sys.modules.get(name), "__file__", None)
        if where:
            paths.add(os.path.dirname(os.path.dirname(where)))  # site-packages, or src/
    marks = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        marks[path] = (info.st_mtime_ns, info.st_size)
    return marks


def _changed(marks: dict[str, tuple[int, int]]) -> bool:
    for path, mark in marks.items():
        try:
            info = os.stat(path)
        except OSError:
            return True
        if (info.st_mtime_ns, info.st_size) != mark:
            return True
    return False


def serve(address: str) -> None:
    """Import what commands need, then fork a child for each request at ``address``.

    A child takes on its client and runs the command, ending as ``argmap`` ends; the
    resident itself ends with ``os._exit`` once it has stopped listening and every
    command it started has ended (their clients wait for its word on their status).
    """
    import importlib

    os.chdir("/")
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except Exception:  # an optional part missing: its commands import it themselves
            pass
    from argmap import cli

    cli._commands()  # every command module
    warm = _warm(cli.main, f"{address}.{os.getpid()}.warm")
    import gc

    gc.freeze()  # what the imports made is never collected: forks leave those pages shared
    try:
        resident = _Resident(address, warm)
    except OSError:
        _remove(warm)
        os._exit(0)
    resident.loop()  # returns in a fork only
    try:
        status = cli.main()
    except SystemExit as stop:  # argparse's --help and usage errors; sys.exit anywhere
        status = _status(stop.code)
    _exit(status, resident.client)


def _warm(main: Callable[[list[str]], int], folder: str) -> str | None:
    """Run the everyday commands once, on a small generated map, before the first fork: a
    fork then finds what they import as they run already imported, and the caches they fill
    as they go (compiled patterns, Textual's parsed styles) filled. Best effort: a warm-up
    that fails leaves a resident that is merely less warm.

    The map is written in ``folder`` (made here, beside the resident's socket and named
    with its pid, so that a resident killed before it could remove it leaves it where the
    next one removes it: :func:`_residents`), and kept for the spares to warm up on
    (:meth:`_Resident._wait_as_spare`). Returns the folder, or None."""
    import asyncio
    import threading
    from pathlib import Path

    # numpy's OpenBLAS would start a thread per core when imported: a fork has none of them
    threads = os.environ.get("OPENBLAS_NUM_THREADS")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    made: str | None = None
    try:
        _remove(folder)  # named with this process's pid: another's only if that one died
        os.mkdir(folder, 0o700)
        made = folder
        from argmap.generate import write_synthetic

        path = Path(folder, "warm.yaml")
        write_synthetic(path, 40, seed=1)
        _quietly(main, [["check", str(path)], ["analyze", str(path)], _warm_render(folder)])
        asyncio.run(_explore_once(path))
    except Exception:  # best effort, as said above
        _remove(made)
        made = None
    finally:
        if threads is None:
            os.environ.pop("OPENBLAS_NUM_THREADS", None)
    native = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1  # Linux counts them all
    if threading.active_count() > 1 or native > 1:  # a fork would not have them
        _remove(made)
        os._exit(0)
    return made


def _warm_render(folder: str) -> list[str]:
    """The warm-up's render: the whole map, with its status, as DOT."""
    return ["render", os.path.join(folder, "warm.yaml"), "--format", "dot", "-o", os.path.join(folder, "warm.dot")]


def _quietly(main: Callable[[list[str]], int], commands: list[list[str]]) -> None:
    """Run ``commands`` with argmap's cache off (the user's cache is not the warm-up's),
    what they print dropped."""
    import contextlib
    import io

    was = os.environ.get("ARGMAP_NO_CACHE")
    os.environ["ARGMAP_NO_CACHE"] = "1"
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            for argv in commands:
                main(argv)
    finally:
        if was is None:
            del os.environ["ARGMAP_NO_CACHE"]
        else:
            os.environ["ARGMAP_NO_CACHE"] = was


def _remove(folder: str | None) -> None:
    if folder is not None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def _prefault_heap() -> None:
    """Have glibc keep what this process frees (up to a bound), then write and free
    :data:`SPARE_HEAP` bytes: the command that follows allocates from pages already faulted
    in. Without glibc (``mallopt``), nothing."""
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's <malloc.h>
    mallopt(m_trim_threshold, 4 * SPARE_HEAP)  # freed memory stays for the next allocation
    mallopt(m_mmap_threshold, 32 * 2**20)  # glibc's most: a large string comes from the heap
    written = bytearray(SPARE_HEAP)
    written[:: 2**12] = bytes(SPARE_HEAP // 2**12)  # a write to every page (calloc may skip fresh ones)
    del written


async def _explore_once(path: object) -> None:
    """Open the explorer on ``path`` headless until it shows the map, then close it."""
    import asyncio

    from argmap.tui import make_app

    app = make_app([path], poll_seconds=None)  # type: ignore[list-item]
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(500):
            if app.view is not None:
                break
            await asyncio.sleep(0.01)
        await pilot.pause()


def _status(code: object) -> int:
    """The exit status Python gives ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _exit(status: int, client: _socket.socket | None) -> None:
    """End the fork as Python ends a process, but for freeing every module one by one (with
    all of argmap's imports loaded that took 0.2 s, longer than most commands), and tell the
    client its status before the kernel tears this process down (the resident tells it
    again once it has reaped the fork, and alone when the fork dies of a signal)."""
    import atexit

    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()  # wait for non-daemon threads, as Python does first
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            if stream is sys.stdout:
                status = status or 120  # Python's own status when flushing stdout at exit fails
    # the client's streams are closed before the kernel tears down this fork of a large
    # process: whoever reads them through a pipe (a shell's `| less`, a script) has its end
    # of file now, not 5 ms later when the teardown is over
    os.closerange(0, 3)
    if client is not None:
        try:
            client.sendall(b"X" + status.to_bytes(4, "big", signed=True))
        except OSError:
            pass
    os._exit(status)


class _Resident:
    """The listening socket, the commands running in forks with their clients, and the
    spare: a fork made ahead of the next command, which it is handed (see :meth:`_spare_up`)."""

    def __init__(self, address: str, warm: str | None = None) -> None:
        import signal

        self.address = address
        self.warm = warm  # the warm-up's folder, for the spares; removed when the resident ends
        self.identity = _identity()
        self.marks = _watched()
        self.idle = float(os.environ.get("ARGMAP_RESIDENT_IDLE") or IDLE_SECONDS)
        self.listener: _socket.socket | None = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        staging = f"{address}.{os.getpid()}"
        self.listener.bind(staging)
        self.listener.listen(16)
        os.replace(staging, address)  # atomically: a newer resident takes over an older one's socket
        self.inode = os.stat(address).st_ino
        try:
            os.unlink(f"{address}.starting")
        except OSError:
            pass
        self.waiting: dict[int, _socket.socket] = {}  # a running command's pid: its client's connection
        self.client: _socket.socket | None = None  # in a fork: the connection of the client it serves
        self.spare = 0  # the spare's pid (0: none)
        self.spare_channel: _socket.socket | None = None  # the resident's end of the spare's socket pair
        self.spare_ready = False  # the spare has warmed up and waits for a command
        self.spares_lost = 0  # spares that died before they were handed a command
        self.command_started = 0.0  # when the last command was handed or forked (monotonic)
        self.started = _clock()
        self.served = 0  # commands forked
        self.last = _now()  # when the last command came or ended (asking the status is no use of it)
        self.terminated = False  # a SIGTERM came: stop listening, as for "stop"
        self.wake_read, wake_write = os.pipe()
        os.set_blocking(wake_write, False)
        signal.set_wakeup_fd(wake_write)  # a SIGCHLD or SIGTERM wakes the select below
        signal.signal(signal.SIGCHLD, lambda number, frame: None)
        signal.signal(signal.SIGTERM, lambda number, frame: setattr(self, "terminated", True))

    def loop(self) -> None:
        """Serve until told to stop, stale, idle or replaced; return in a fork."""
        import select

        while self.listener is not None or self.waiting:
            wait = 5.0
            if self.listener is not None and not self.spare and self.spares_lost < SPARES_LOST_AT_MOST:
                busy = SPARE_AFTER - (_now() - self.command_started) if self.waiting else 0.0
                if busy > 0:
                    wait = busy  # the command that just started has the other core to itself that long
                elif self._spare_up():
                    return  # the spare, handed a command
            sockets = [self.wake_read] + ([self.listener.fileno()] if self.listener is not None else [])
            if self.spare_channel is not None and not self.spare_ready:
                sockets.append(self.spare_channel.fileno())
            ready, _, _ = select.select(sockets, [], [], wait)
            if self.wake_read in ready:
                os.read(self.wake_read, 512)
            self._reap()
            if self.spare_channel is not None and self.spare_channel.fileno() in ready:
                self.spare_ready = self.spare_channel.recv(1) == b"R"
                if not self.spare_ready:  # it died warming up
                    self._drop_spare(lost=True)
            if self.listener is not None and self.listener.fileno() in ready:
                if self._accept():  # this is the fork: leave the resident's state behind
                    self._leave()
                    return
            if self.listener is not None and (self.terminated or self._replaced() or (not self.waiting and self._idle_left() < 0)):
                self._stop_listening()  # the socket goes first: no client connects to a resident on its way out
        _remove(self.warm)
        os._exit(0)

    def _leave(self) -> None:
        """In a fork: let go of what is the resident's (its socket, its spare, its signals)."""
        import signal

        assert self.listener is not None
        self.listener.close()
        if self.spare_channel is not None:
            self.spare_channel.close()
        signal.set_wakeup_fd(-1)
        os.close(self.wake_read)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def _spare_up(self) -> bool:
        """Fork the spare; True in the spare once it has been handed a command.

        Made when no command runs, or when one has run for :data:`SPARE_AFTER`, it runs
        the warm-up's render and writes :data:`SPARE_HEAP` bytes of heap, says it is ready,
        and waits. A command then starts without a fork of its own and without faulting in
        the pages the fork would have shared, or first written, as it went."""
        mine, theirs = _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            pid = os.fork()
        except OSError:
            mine.close()
            theirs.close()
            return False
        if pid:
            theirs.close()
            self.spare, self.spare_channel, self.spare_ready = pid, mine, False
            return False
        mine.close()
        self._leave()
        for other in self.waiting.values():
            other.close()
        self._wait_as_spare(theirs)
        return True

    def _wait_as_spare(self, channel: _socket.socket) -> None:
        """Warm up, say so, and wait for a command; exit when the resident closes the channel."""
        if self.warm is not None:
            from argmap import cli

            try:
                _quietly(cli.main, [_warm_render(self.warm)])
            except Exception:  # best effort: a spare merely less warm
                pass
        _prefault_heap()
        try:
            channel.sendall(b"R")
            message, fds = _read_message(channel, 4)
        except OSError:  # the resident let this spare go
            os._exit(0)
        channel.close()
        if len(fds) != 4:  # the resident sends the client's streams and connection or nothing
            os._exit(0)
        argv, cwd, environ, umask = marshal.loads(message)
        self.client = _socket.socket(fileno=fds[3])
        _become(list(fds[:3]), argv, cwd, environ, umask, self.client)

    def _hand_to_spare(self, request: tuple[list[str], str, dict[str, str], int], fds: list[int], connection: _socket.socket) -> int:
        """Give the command to the spare if it is ready; its pid, else 0."""
        if not self.spare_ready or self.spare_channel is None:
            return 0
        said = marshal.dumps(request)
        try:
            self.spare_channel.sendmsg(
                [len(said).to_bytes(4, "big") + said],
                [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, b"".join(fd.to_bytes(4, sys.byteorder) for fd in (*fds, connection.fileno())))],
            )
        except OSError:
            self._drop_spare(lost=True)
            return 0
        pid = self.spare
        self._drop_spare()  # it is the command's fork now: the next spare is another
        return pid

    def _drop_spare(self, lost: bool = False) -> None:
        """Let the spare go (``lost``: it died): closing its channel ends it, and it is reaped
        with the commands."""
        if self.spare_channel is not None:
            self.spare_channel.close()
            self.spares_lost += lost
        self.spare, self.spare_channel, self.spare_ready = 0, None, False

    def _idle_left(self) -> float:
        """Seconds before the resident exits for want of a command."""
        return self.idle - (_now() - self.last)

    def _status(self) -> dict[str, object]:
        rss = 0
        try:
            with open("/proc/self/statm") as statm:
                rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            pass
        return {
            "pid": os.getpid(),
            "python": sys.executable,
            "started": self.started,
            "served": self.served,
            "running": len(self.waiting),
            "idle_exit": self._idle_left(),
            "rss": rss,
            "spare": self.spare,
            "spare_ready": self.spare_ready,
        }

    def _replaced(self) -> bool:
        try:
            return os.stat(self.address).st_ino != self.inode
        except OSError:
            return True

    def _stop_listening(self) -> None:
        if self.listener is None:
            return
        if not self._replaced():
            try:
                os.unlink(self.address)
            except OSError:
                pass
        self.listener.close()
        self.listener = None
        spare = self.spare
        self._drop_spare()
        if spare:  # ended and reaped now: one still warming up would write its map again once removed
            import signal

            try:
                os.kill(spare, signal.SIGKILL)
                os.waitpid(spare, 0)
            except OSError:
                pass

    def _reap(self) -> None:
        """Tell each finished command's client its exit status; forget a spare that died."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid == self.spare:
                self._drop_spare(lost=True)
            connection = self.waiting.pop(pid, None)
            if connection is not None:
                self.last = _now()  # idle from when the last command ended, not began
                try:
                    connection.sendall(b"X" + os.waitstatus_to_exitcode(status).to_bytes(4, "big", signed=True))
                except OSError:
                    pass
                connection.close()

    def _accept(self) -> bool:
        """Take one request and give its command to the spare, or fork it; True in the fork."""
        import struct

        assert self.listener is not None
        fd, _ = self.listener._accept()  # type: ignore[attr-defined]
        connection = _socket.socket(fileno=fd)
        fds: list[int] = []
        try:
            connection.settimeout(2.0)
            peer = connection.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, struct.calcsize("3i"))
            if struct.unpack("3i", peer)[1] != os.getuid():
                raise OSError("another user")
            message, fds = _read_message(connection, 3)
            request = marshal.loads(message)
            if request == "status":
                said = marshal.dumps(self._status())
                connection.sendall(len(said).to_bytes(4, "big") + said)
                raise OSError("answered")
            stale = _changed(self.marks)
            if request == "stop" or stale:
                connection.sendall(b"S" if request == "stop" else b"N")
                self._stop_listening()
                raise OSError("stopped")
            identity, argv, cwd, environ, umask = request
            if len(fds) != 3 or identity != self.identity:
                connection.sendall(b"N")  # not this resident's client: it runs the command itself
                raise OSError("another client")
        except (OSError, ValueError, EOFError, TypeError):
            connection.close()
            for passed_fd in fds:
                os.close(passed_fd)
            return False
        pid = self._hand_to_spare((argv, cwd, environ, umask), fds, connection)
        if not pid:
            pid = os.fork()
            if pid == 0:
                for other in self.waiting.values():
                    other.close()
                self.client = connection
                _become(fds, argv, cwd, environ, umask, connection)
                return True
        for passed_fd in fds:
            os.close(passed_fd)
        self.served += 1
        self.command_started = self.last = _now()
        self.waiting[pid] = connection  # the command tells the client its pid (see _become)
        return False


def _read_message(connection: _socket.socket, most_fds: int) -> tuple[bytes, list[int]]:
    """A message (its size, then its bytes) and the descriptors passed with it, which are
    closed again if the message is cut short.

    Raises:
        OSError: the message was cut short, or could not be read.
    """
    import array

    data, ancillary, _, _ = connection.recvmsg(65536, _socket.CMSG_SPACE(most_fds * 4))
    fds = array.array("i")
    for level, kind, payload in ancillary:
        if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    size = int.from_bytes(data[:4], "big")
    try:
        while len(data) < size + 4:
            chunk = connection.recv(size + 4 - len(data))
            if not chunk:
                raise OSError("message cut short")
            data += chunk
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    return data[4:], list(fds)


def _now() -> float:
    import time

    return time.monotonic()


def _clock() -> float:
    import time

    return time.time()


def _become(fds: list[int], argv: list[str], cwd: str, environ: dict[str, str], umask: int, client: _socket.socket) -> None:
    """Make this fork look like the client's own process: its streams, folder, environment;
    then tell the client its pid. The command says it, not the resident: a spare handed a
    quick command could otherwise tell its status before the resident told its pid."""
    import signal

    os.setpgid(0, 0)  # a group of its own: the client signals it and the programs it runs
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        if fd > 2:
            os.close(fd)
    os.chdir(cwd)
    os.umask(umask)
    os.environ.clear()
    os.environ.update(environ)
    sys.argv = ["argmap", *argv]
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # as Python opens them at start-up, on the client's descriptors: the encodings are the
    # resident's own (same environment and options), line-buffered on a terminal
    sys.stdin, sys.stdout, sys.stderr = [
        _stream(fd, like) for fd, like in enumerate((sys.__stdin__, sys.__stdout__, sys.__stderr__))
    ]
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr  # type: ignore[misc, assignment]
    try:  # once in a group of its own: signals the client passes on from now reach it
        client.sendall(b"P" + os.getpid().to_bytes(4, "big", signed=True))
    except OSError:
        pass


def _stream(fd: int, like: TextIO | None) -> TextIO:
    import io

    encoding, errors = (like.encoding, like.errors) if like is not None else ("utf-8", "strict")
    if fd == 0:
        return io.TextIOWrapper(io.BufferedReader(io.FileIO(fd, "r", closefd=False)), encoding, errors)
    tty = os.isatty(fd)
    return io.TextIOWrapper(
        io.BufferedWriter(io.FileIO(fd, "w", closefd=False)),
        encoding,
        errors,
        line_buffering=tty or fd == 2,
        write_through=fd == 2,
    )


if __name__ == "__main__":
    run()
