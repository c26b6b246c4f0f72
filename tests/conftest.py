"""Shared fixtures: where the third-party data lives, and how to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Tests never read or write the user's cache of analysed maps (tests/test_cache.py turns
# it on in a folder of its own); subprocesses inherit this.
os.environ["ARGMAP_NO_CACHE"] = "1"
ARGUMENTS = REPO / "arguments"


def shared_dir() -> Path:
    """``../shared`` beside the repo (CI always has it), or ``$ARGMAP_SHARED``."""
    return Path(os.environ.get("ARGMAP_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    assert (path / "data").is_dir(), f"third-party test data not found at {path}/data (set ARGMAP_SHARED)"
    return path


@dataclass
class Result:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``argmap`` in-process: ``cli("check", path)`` → Result."""
    from argmap.cli import main

    def run(*args: object) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_argmap(*args: object, cwd: Path | None = None, timeout: float = 120) -> Result:
    """Run ``python -m argmap`` in a fresh process (for crashes, memory and start-up)."""
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
