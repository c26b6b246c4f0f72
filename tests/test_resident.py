"""The resident argmap (:mod:`argmap.resident`): a command run through it must be the same
command a person would get in a process of its own -- output, errors, exit status, signals,
terminal -- and a resident must never serve a client it does not fit.

Every other test runs with ``ARGMAP_RESIDENT=0`` (conftest); these start residents in a
folder of their own and stop them at the end.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap import resident

REPO = Path(__file__).resolve().parents[1]
ARGUMENTS = REPO / "arguments"
CLIENT = [sys.executable, "-m", "argmap"]
NOT_SERVED = 99
"""The exit status of THROUGH when no resident ran its command (argmap never exits 99)."""
THROUGH = [
    sys.executable,
    "-c",
    "import sys; from argmap import resident; status = resident.forward(sys.argv[1:]);"
    f" sys.exit({NOT_SERVED} if status is None else status)",
]
"""A client that never runs a command itself: what it answers, a resident's fork answered.
(Its import path differs from CLIENT's, so it has residents of its own.)"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the resident is for POSIX systems (fork, Unix sockets)")


def _environ(folder: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ARGMAP_RESIDENT"}
    return {**env, "ARGMAP_RESIDENT_DIR": str(folder), **extra}


def _socket_of(folder: Path) -> Path:
    sockets = sorted(folder.glob("*.sock"))
    assert len(sockets) == 1, sockets
    return sockets[0]


def _pid_behind(address: Path) -> int:
    """The pid of the process listening at ``address`` (the kernel's word: SO_PEERCRED)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.connect(str(address))
        pid, _uid, _gid = struct.unpack(
            "3i", probe.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        )
    return pid


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _spare(folder: Path, ready: bool = False) -> int:
    """The pid of the spare the resident in ``folder`` holds (``ready``: warmed up and
    waiting); 0 when it has none."""
    (said,) = resident.residents(str(folder))
    return int(said["spare"]) if said["spare_ready"] or not ready else 0  # type: ignore[call-overload]


def _commands(pid: int, folder: Path) -> list[int]:
    """The resident's forks that run commands: its children but the spare waiting for one."""
    spare = _spare(folder)
    return [child for child in _children(pid) if child != spare]


def _ready_spare(folder: Path) -> int:
    deadline = time.monotonic() + 60
    while not (spare := _spare(folder, ready=True)):
        assert time.monotonic() < deadline, "the resident made no spare"
        time.sleep(0.02)
    return spare


def _start(folder: Path, cwd: Path, client: list[str] = CLIENT, **extra: str) -> int:
    """Run a first command (which starts a resident) and wait until the resident listens;
    return its pid."""
    subprocess.run([*client, "--version"], cwd=cwd, env=_environ(folder, **extra), capture_output=True, timeout=120)
    deadline = time.monotonic() + 60
    while not list(folder.glob("*.sock")) or list(folder.glob("*.starting")):
        assert time.monotonic() < deadline, (
            f"no resident came up in {folder}: {sorted(p.name for p in folder.iterdir())}"
        )
        time.sleep(0.05)
    return _pid_behind(_socket_of(folder))


@pytest.fixture
def residents() -> Iterator[Path]:
    """A folder for residents, all of them stopped at the end: a short path, as a Unix
    socket's must be (pytest's tmp_path can be too long)."""
    folder = Path(tempfile.mkdtemp(prefix="argmap-r-"))
    yield folder
    resident.stop(str(folder))
    shutil.rmtree(folder, ignore_errors=True)


def test_a_folder_too_deep_for_a_socket_means_no_resident(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = tmp_path / ("d" * 100)
    monkeypatch.setenv("ARGMAP_RESIDENT_DIR", str(deep))
    monkeypatch.delenv("ARGMAP_RESIDENT", raising=False)
    assert resident._address(b"identity") is None
    assert resident.forward(["--version"]) is None  # the command then runs in this process


def _run(argv: list[str], cwd: Path, env: dict[str, str], client: list[str] = CLIENT) -> tuple[int, str, str]:
    done = subprocess.run([*client, *argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_a_command_runs_in_a_fork_of_the_resident_in_the_clients_folder(residents: Path, tmp_path: Path) -> None:
    pid = _start(residents, tmp_path)
    # the language server waits on its stdin: while it does, it is a process we can look at
    client = _serving_lsp(_environ(residents), tmp_path)
    try:
        deadline = time.monotonic() + 30
        while not _commands(pid, residents):
            assert client.poll() is None, client.communicate()
            assert time.monotonic() < deadline, "the resident forked no command"
            time.sleep(0.02)
        (fork,) = _commands(pid, residents)
        assert Path(f"/proc/{fork}/cwd").resolve() == tmp_path.resolve()
        # the client's own streams, passed over the socket: the same pipe as the client holds
        assert os.readlink(f"/proc/{fork}/fd/0") == os.readlink(f"/proc/{client.pid}/fd/0")
    finally:
        client.communicate(timeout=30)  # stdin closed: the server ends
    assert client.returncode == 0
    deadline = time.monotonic() + 30  # the fork tells its status before it is torn down and reaped
    while _commands(pid, residents):
        assert time.monotonic() < deadline, "the resident never reaped its fork"
        time.sleep(0.02)


def test_a_command_runs_in_the_spare_and_a_new_spare_follows(residents: Path, tmp_path: Path) -> None:
    """The resident keeps one fork ready, warmed up, for the next command: the command runs
    in it, and another spare is made once the command has run a while (the language server
    and the explorer run for hours beside other commands). A spare that died is replaced,
    and the command that came meanwhile runs in a fork of its own."""
    pid = _start(residents, tmp_path, THROUGH)
    spare = _ready_spare(residents)
    client = _serving_lsp(_environ(residents), tmp_path, THROUGH)
    try:
        assert spare in _children(pid) and _spare(residents) != spare  # the spare is the command now
        assert Path(f"/proc/{spare}/cwd").resolve() == tmp_path.resolve()
        assert os.readlink(f"/proc/{spare}/fd/0") == os.readlink(f"/proc/{client.pid}/fd/0")
        second = _ready_spare(residents)  # made while the server runs on
        assert second != spare and client.poll() is None
        assert sorted(_children(pid)) == sorted([spare, second])
    finally:
        client.communicate(timeout=30)
    assert client.returncode == 0
    deadline = time.monotonic() + 30
    while _children(pid) != [second]:  # the server reaped, the spare still waiting
        assert time.monotonic() < deadline, _children(pid)
        time.sleep(0.02)
    os.kill(second, signal.SIGKILL)
    assert _run(["check", str(ARGUMENTS)], tmp_path, _environ(residents), THROUGH)[0] == 0
    third = _ready_spare(residents)
    assert third not in (spare, second)
    (said,) = resident.residents(str(residents))
    assert said["served"] == 2 and said["pid"] == pid


def test_a_resident_is_warm_and_runs_no_thread(residents: Path, tmp_path: Path) -> None:
    """It has run the everyday commands once before its first fork: what they import as they
    run is loaded (numpy, for strengths, is no import of a module it names up front), and
    no thread is left for a fork to inherit half of."""
    pid = _start(residents, tmp_path)
    assert "numpy" in Path(f"/proc/{pid}/maps").read_text(), "the warm-up did not run the analyses"
    assert [task.name for task in Path(f"/proc/{pid}/task").iterdir()] == [str(pid)]


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["check", "arguments"],
        ["check", "broken.yaml"],
        ["analyze", "arguments"],
        ["render", "arguments", "--format", "dot", "-o", "diagram.dot"],
        ["nonsense-command"],
        ["check", "--no-such-option"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_the_same_answer_as_a_process_of_its_own(residents: Path, tmp_path: Path, argv: list[str]) -> None:
    shutil.copytree(ARGUMENTS, tmp_path / "arguments", ignore=shutil.ignore_patterns("coverage"))
    (tmp_path / "broken.yaml").write_text("claims:\n  a: {text: [unclosed\n", encoding="utf-8")
    pid = _start(residents, tmp_path, THROUGH)
    through = _run(argv, tmp_path, _environ(residents), THROUGH)
    assert through[0] != NOT_SERVED, "no resident ran the command"
    written = {path.name: path.read_bytes() for path in tmp_path.glob("diagram.*")}
    alone = _run(argv, tmp_path, _environ(residents, ARGMAP_RESIDENT="0"))
    assert through == alone
    assert written == {path.name: path.read_bytes() for path in tmp_path.glob("diagram.*")}
    assert _pid_behind(_socket_of(residents)) == pid  # the same resident served it, still up


def _serving_lsp(env: dict[str, str], cwd: Path, client_argv: list[str] = CLIENT) -> subprocess.Popen[bytes]:
    """``argmap lsp``, once it has answered ``initialize`` (past start-up, in its loop)."""
    client = subprocess.Popen(
        [*client_argv, "lsp"], cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert client.stdin is not None and client.stdout is not None
    body = b'{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}'
    client.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    client.stdin.flush()
    assert client.stdout.readline().startswith(b"Content-Length:")
    return client


def test_a_signal_to_the_client_reaches_the_command(residents: Path, tmp_path: Path) -> None:
    """Ctrl+C and kill reach the command: its exit is the client's, as without a resident."""
    _start(residents, tmp_path, THROUGH)
    codes = {}
    for how, client_argv in (("resident", THROUGH), ("alone", CLIENT)):
        env = _environ(residents, **({"ARGMAP_RESIDENT": "0"} if how == "alone" else {}))
        for number in (signal.SIGINT, signal.SIGTERM):
            client = _serving_lsp(env, tmp_path, client_argv)
            client.send_signal(number)
            client.communicate(timeout=30)
            codes[how, number] = client.returncode
    assert codes["resident", signal.SIGINT] == codes["alone", signal.SIGINT]
    assert codes["resident", signal.SIGTERM] == codes["alone", signal.SIGTERM] == -signal.SIGTERM


def test_a_resident_whose_code_changed_serves_no_more(residents: Path, tmp_path: Path) -> None:
    """After an upgrade or an edit of argmap, the next command runs the new code."""
    package = tmp_path / "package"
    shutil.copytree(REPO / "src" / "argmap", package / "argmap", ignore=shutil.ignore_patterns("__pycache__"))
    env = _environ(residents, PYTHONPATH=str(package))
    old = _start(residents, tmp_path, PYTHONPATH=str(package))
    check = package / "argmap" / "commands" / "check.py"
    text = check.read_text(encoding="utf-8")
    assert 'HELP = "' in text
    check.write_text(text.replace('HELP = "', 'HELP = "(changed) ', 1), encoding="utf-8")
    code, out, _ = _run(["--help"], tmp_path, env)
    assert code == 0 and "(changed)" in out
    deadline = time.monotonic() + 30
    while Path(f"/proc/{old}").exists() and Path(f"/proc/{old}/status").read_text().find("State:\tZ") < 0:
        assert time.monotonic() < deadline, "the stale resident is still running"
        time.sleep(0.05)
    # and that command started a fresh resident, which serves the new code
    deadline = time.monotonic() + 60
    while not list(residents.glob("*.sock")) or list(residents.glob("*.starting")):
        assert time.monotonic() < deadline, "no fresh resident"
        time.sleep(0.05)
    fresh = _pid_behind(_socket_of(residents))
    assert fresh != old
    code, out, _ = _run(["--help"], tmp_path, env)
    assert code == 0 and "(changed)" in out


def test_what_a_resident_and_its_clients_must_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Modules read some variables when imported (Textual's TEXTUAL_*): a client that differs
    there needs a resident of its own; one that differs in what changes between commands of
    a shell, or in argmap's own variables (read as a command runs), does not."""
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)
    base = resident._identity()
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    assert resident._identity() != base
    monkeypatch.delenv("TEXTUAL_ANIMATIONS")
    changing = [("PWD", "/elsewhere"), ("OLDPWD", "/before"), ("ARGMAP_NO_CACHE", "1"), ("TMUX", "/tmp/tmux-0/x,1,2")]
    changing += [("GIT_DIR", "/repo/.git"), ("GITHEAD_0123abcd", "theirs")]  # a merge driver's, new each merge
    for name, value in changing:
        monkeypatch.setenv(name, value)
    assert resident._identity() == base


def test_a_user_has_a_few_residents_at_most(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Clients that differ start residents of their own, up to MAX_RESIDENTS; then none
    more start (commands run in their own processes), and a dead one's socket is cleared."""
    folder = tmp_path / "r"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("ARGMAP_RESIDENT_DIR", str(folder))
    monkeypatch.delenv("ARGMAP_RESIDENT", raising=False)
    for n in range(resident.MAX_RESIDENTS):
        (folder / f"other{n}.sock.starting").touch()  # others on their way up
    assert resident.forward(["--version"]) is None
    assert len(list(folder.iterdir())) == resident.MAX_RESIDENTS  # and no start of its own
    (folder / "other0.sock.starting").unlink()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(folder / "dead.sock"))  # bound, never listening: as a killed resident leaves it
    assert resident._residents(str(folder)) == resident.MAX_RESIDENTS - 1
    assert not (folder / "dead.sock").exists()


def test_stopping_where_no_resident_ever_was(tmp_path: Path) -> None:
    assert resident.stop(str(tmp_path / "never-made")) == 0


def test_no_resident_in_a_folder_others_can_reach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "open"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    monkeypatch.setenv("ARGMAP_RESIDENT_DIR", str(folder))
    assert resident._folder() is None
    folder.chmod(0o700)
    assert resident._folder() == str(folder)


def test_the_explorer_through_a_resident_follows_the_terminal(residents: Path, tmp_path: Path) -> None:
    """The explorer in a real terminal (tmux), run in the resident's fork: it draws, it
    follows a resize (SIGWINCH, passed on by the client), and q quits with status 0."""
    assert shutil.which("tmux"), "tmux is not installed (CI: apt-get install tmux)"
    server = f"argmap-resident-{os.getpid()}"

    # COLUMNS and LINES, where set (a test runner may set them), would fix the terminal's size for any process
    quiet = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", server, *args], capture_output=True, text=True, check=True, timeout=30, env=quiet
        ).stdout

    def screen_with(text: str) -> str:
        deadline = time.monotonic() + 60
        while text not in (screen := tmux("capture-pane", "-p", "-t", "r")):
            assert time.monotonic() < deadline, f"{text!r} never appeared:\n{screen}"
            time.sleep(0.1)
        return screen

    explore = " ".join([*CLIENT, "explore", str(ARGUMENTS), "; echo exit=$?; sleep 60"])
    command = " ".join([*CLIENT, "--version;", explore])
    try:
        tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "r",
            "-x",
            "120",
            "-y",
            "40",
            "-e",
            f"ARGMAP_RESIDENT_DIR={residents}",
            "-e",
            "ARGMAP_RESIDENT=1",
            command,
        )
        screen_with("Status")
        deadline = time.monotonic() + 60
        while not list(residents.glob("*.sock")) or list(residents.glob("*.starting")):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        tmux("send-keys", "-t", "r", "q")
        screen_with("exit=0")
        # now the resident is up: the same terminal again, through it
        pid = _pid_behind(_socket_of(residents))
        tmux(
            "respawn-pane", "-k", "-t", "r", " ".join([*CLIENT, "explore", str(ARGUMENTS), "; echo exit=$?; sleep 60"])
        )
        wide = screen_with("Status")
        assert _commands(pid, residents), "the explorer did not run in the resident's fork"
        assert max(len(line) for line in wide.splitlines()) > 100
        assert not wide.splitlines()[0].rstrip().endswith("…")  # the title line fits 120 columns
        tmux("resize-window", "-t", "r", "-x", "80", "-y", "30")
        screen_with("…")  # drawn again for 80 columns: the title cut short
        tmux("send-keys", "-t", "r", "q")
        screen_with("exit=0")
    finally:
        subprocess.run(["tmux", "-L", server, "kill-server"], capture_output=True)


def test_argmap_resident_shows_the_residents_and_stops_them(residents: Path, tmp_path: Path) -> None:
    pid = _start(residents, tmp_path, client=THROUGH)
    env = _environ(residents)
    for _ in range(2):
        assert _run(["check", str(ARGUMENTS)], tmp_path, env, client=THROUGH)[0] == 0
    deadline = time.monotonic() + 30  # a fork tells its status, and closes its streams, before it is torn down and reaped
    while (said := resident.residents(str(residents))[0])["running"]:
        assert time.monotonic() < deadline, "the resident never reaped its forks"
        time.sleep(0.02)
    assert said["pid"] == pid and said["served"] == 2
    assert said["python"] == sys.executable and said["socket"] == str(_socket_of(residents))
    assert 0 < int(said["rss"]) and 0 < float(said["idle_exit"]) <= resident.IDLE_SECONDS  # type: ignore[call-overload, arg-type]

    code, out, _ = _run(["resident"], tmp_path, env, client=THROUGH)  # run by that resident: itself not counted
    assert code == 0 and f"pid {pid}: " in out and "2 commands served, 0 running now" in out, out
    code, out, _ = _run(["resident", "--stop"], tmp_path, env, client=THROUGH)
    assert (code, out) == (0, "stopped 1 resident argmap\n")
    deadline = time.monotonic() + 30
    while Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z":
        assert time.monotonic() < deadline, "the resident did not exit"
        time.sleep(0.05)
    assert not list(residents.glob("*.sock"))
    code, out, _ = _run(["resident"], tmp_path, {**env, "ARGMAP_RESIDENT": "0"})
    assert (code, out) == (0, "no resident argmap: ARGMAP_RESIDENT=0 runs every command in its own process\n")


def test_asking_a_resident_about_itself_is_no_use_of_it(residents: Path, tmp_path: Path) -> None:
    """Its idle time runs on while ``argmap resident`` (or anyone) asks its status, and
    starts again from the end of each command, however long that command ran."""
    _start(residents, tmp_path, THROUGH, ARGMAP_RESIDENT_IDLE="600")

    def idle_exit() -> float:
        (said,) = resident.residents(str(residents))
        return float(said["idle_exit"])  # type: ignore[arg-type]

    first = idle_exit()
    time.sleep(1.5)
    second = idle_exit()
    assert second <= first - 1.4, (first, second)
    client = _serving_lsp(_environ(residents), tmp_path, THROUGH)  # a command that runs a while
    time.sleep(1.5)
    client.communicate(timeout=30)
    deadline = time.monotonic() + 30
    while (left := idle_exit()) < 599:  # counted again from the server's end
        assert time.monotonic() < deadline, left
        time.sleep(0.05)


def test_a_resident_keeps_its_warm_up_map_beside_its_socket_and_takes_it_away(residents: Path, tmp_path: Path) -> None:
    """The small map a resident and its spares warm up on lives in the residents' folder,
    named with the resident's pid; the resident removes it when it stops, and a resident
    killed before it could is cleaned up after by the next client that starts one."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a pid no process has now
    left = residents / f"0123abcd.sock.{gone.pid}.warm"
    left.mkdir()
    (left / "warm.yaml").write_text("claims: {}\n", encoding="utf-8")
    pid = _start(residents, tmp_path, THROUGH)
    assert not left.exists()
    (own,) = residents.glob("*.warm")
    assert own.name.endswith(f".{pid}.warm") and (own / "warm.yaml").is_file()
    resident.stop(str(residents))
    deadline = time.monotonic() + 30
    while own.exists():
        assert time.monotonic() < deadline, "the resident left its warm-up map behind"
        time.sleep(0.05)


def test_a_terminated_resident_takes_its_socket_with_it(residents: Path, tmp_path: Path) -> None:
    pid = _start(residents, tmp_path)
    address = _socket_of(residents)
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while address.exists():
        assert time.monotonic() < deadline, "the socket of a resident told to end is still there"
        time.sleep(0.05)
