"""One smoke test of the real app in a real terminal: tmux, keys in, screen text out.

Pilot tests run the app headless; this one runs ``python -m argmap explore arguments/`` as a
user would, so it catches what only a terminal shows (start-up, the first screen, quitting).
It fails -- never skips -- when tmux is missing: CI must install it (apt-get install tmux).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


SOCKET = f"argmap-test-{uuid.uuid4().hex[:8]}"
"""A tmux server of our own: never the user's, never one still shutting down from a last run."""


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=True, timeout=30).stdout


def wait_for(session: str, text: str, timeout: float = 60) -> str:
    """Capture the pane until ``text`` appears and the screen is still (a terminal may be
    caught halfway through a redraw); fail with the last screen otherwise."""
    deadline = time.monotonic() + timeout
    screen = previous = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen and screen == previous:
            return screen
        previous = screen
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def quit_with_q(session: str) -> None:
    """Press q and wait until the app (and its tmux session) has gone."""
    tmux("send-keys", "-t", session, "q")
    deadline = time.monotonic() + 10
    while session in subprocess.run(["tmux", "-L", SOCKET, "ls"], capture_output=True, text=True).stdout:
        assert time.monotonic() < deadline, "q did not quit the app"
        time.sleep(0.2)


def test_trace_a_rebuttal_to_the_last_word_in_tmux() -> None:
    assert shutil.which("tmux"), "tmux is not installed (CI: apt-get install tmux)"
    session = f"argmap-{uuid.uuid4().hex[:8]}"
    # COLUMNS/LINES inherited from the test runner would override the pane's real size
    command = f"env -u COLUMNS -u LINES {sys.executable} -m argmap explore --no-watch arguments/"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", str(REPO), command)
    try:
        first = wait_for(session, "◆ thesis")  # loaded: the footer alone shows while loading
        assert " claims" in first and "Trace answers" in first and "Quit" in first
        tmux("send-keys", "-t", session, "/")
        wait_for(session, "Find a claim")
        tmux("send-keys", "-t", session, "-l", "law-enforcement-essential")
        time.sleep(1.0)
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "Amy E. Roth")  # the detail pane shows Roth's thesis
        tmux("send-keys", "-t", session, "t")
        trace = wait_for(session, "Who answers this?")
        assert "[◆ law-enforcement-essential]" in trace and "step 1 of 1" in trace
        tmux("send-keys", "-t", session, "e")
        end = wait_for(session, "LAST WORD")
        assert "law-enforcement-essential › " in end and "question-is-how-not-whether]" in end
        assert "Noy Thrupkaew (critics)" in end, end
        tmux("send-keys", "-t", session, "Escape")
        wait_for(session, "Trace answers")
        quit_with_q(session)
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)


def test_a_short_drill_on_the_bundled_debate_in_tmux(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is not installed (CI: apt-get install tmux)"
    session = f"argmap-{uuid.uuid4().hex[:8]}"
    progress, summary = tmp_path / "student.json", tmp_path / "summary.md"
    command = (
        f"env -u COLUMNS -u LINES {sys.executable} -m argmap drill arguments/ijm-vs-thrupkaew.yaml --side critics "
        f"--new 2 --keep-answers --progress {progress} --summary {summary}"
    )
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", str(REPO), command)
    try:
        first = wait_for(session, "THEY SAY")
        assert "series-misrepresents-ijm" in first and "Amy E. Roth (ijm)" in first and "due 0, new 2" in first
        tmux("send-keys", "-t", session, "-l", "Name one inaccuracy")
        tmux("send-keys", "-t", session, "Enter")
        back = wait_for(session, "How did you do?")
        assert "YOUR SIDE LEFT THIS UNANSWERED" in back
        tmux("send-keys", "-t", session, "4")
        second = wait_for(session, "series-omits-ijm-views")
        assert "1 reviewed" in second
        tmux("send-keys", "-t", session, "Enter")
        back = wait_for(session, "How did you do?")
        assert "rebuts in part  series-included-ijm-successes" in back and "last word: Noy Thrupkaew (critics)" in back
        tmux("send-keys", "-t", session, "4")  # easy twice: both wait days, so the sitting ends
        end = wait_for(session, "Missed most")
        assert "2 card(s) seen, 2 review(s), again-rate 0%" in end
        assert "Name one inaccuracy" in summary.read_text(encoding="utf-8")
        quit_with_q(session)
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    # the next sitting, with no new cards allowed: nothing is due yet, and it says so
    again = subprocess.run(
        [sys.executable, "-m", "argmap", "drill", "arguments/ijm-vs-thrupkaew.yaml", "--side", "critics", "--new", "0", "--progress", str(progress)],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )
    assert again.returncode == 0 and "Nothing due" in again.stdout, again.stderr
