"""The built package works outside the checkout: a wheel, a fresh virtual environment,
another folder, a copied map.

An editable install finds the schema and the explorer's stylesheet in ``src/`` whether or
not they are declared as package data; only a real wheel shows what a user gets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import uuid
import venv
from pathlib import Path

import pytest

from test_tui_tmux import tmux, wait_for

REPO = Path(__file__).resolve().parents[1]
MAP = "ijm-vs-thrupkaew"


def run(*command: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS", "LINES")}
    proc = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, f"{command} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with argmap installed from a wheel built from this checkout.

    The dependencies are not downloaded again: a ``.pth`` line lends the running
    environment's site-packages, which adds them to ``sys.path`` without running that
    environment's own ``.pth`` hooks, so its editable argmap stays out of sight.
    """
    root = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools reuses a checkout's build/ folder, stale files and all.
    source = root / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "renders"))
    wheels = root / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, source, cwd=root)
    (wheel,) = wheels.glob("argmap-*.whl")
    env = root / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=root).stdout.strip())
    (site / "lent-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel, cwd=root)
    return env


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the checkout holding a copy of the bundled maps and their sources."""
    folder = tmp_path_factory.mktemp("elsewhere") / "maps"
    shutil.copytree(REPO / "arguments", folder)
    return folder


@pytest.mark.slow
def test_the_wheel_imports_argmap_from_itself(installed: Path, elsewhere: Path) -> None:
    where = run(installed / "bin" / "python", "-c", "import argmap; print(argmap.__file__)", cwd=elsewhere).stdout
    assert str(installed) in where and str(REPO) not in where


@pytest.mark.slow
def test_the_wheel_checks_analyses_and_renders_a_copied_map(installed: Path, elsewhere: Path) -> None:
    argmap = installed / "bin" / "argmap"
    checked = run(argmap, "check", ".", cwd=elsewhere)
    assert "0 error(s)" in checked.stderr and "quotes verified" in checked.stderr
    report = json.loads(run(argmap, "analyze", f"{MAP}.yaml", "--format", "json", cwd=elsewhere).stdout)
    assert report["claims"], report.keys()
    run(argmap, "render", f"{MAP}.yaml", "-o", "map.svg", cwd=elsewhere)
    assert (elsewhere / "map.svg").read_text().lstrip().startswith(("<?xml", "<svg"))
    schema = json.loads(run(argmap, "schema", cwd=elsewhere).stdout)
    assert "claims" in schema["properties"]


@pytest.mark.slow
def test_the_wheel_opens_the_explorer_with_its_stylesheet(installed: Path, elsewhere: Path) -> None:
    assert shutil.which("tmux"), "tmux is not installed (CI: apt-get install tmux)"
    session = f"argmap-wheel-{uuid.uuid4().hex[:8]}"
    command = f"env -u COLUMNS -u LINES -u PYTHONPATH {installed / 'bin' / 'argmap'} explore --no-watch ."
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", str(elsewhere), command)
    try:
        screen = wait_for(session, "◆ thesis")
        # The stylesheet puts the detail pane (its "Relations" heading) right of the tree;
        # without it the panes would stack, each at column 0.
        assert "Trace answers" in screen
        assert any(line.find("Relations") > 40 for line in screen.splitlines()), screen
    finally:
        tmux("kill-session", "-t", session)
