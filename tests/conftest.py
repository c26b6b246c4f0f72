"""Shared fixtures: where the third-party data lives, and how to run the CLI.

Tests that read third-party data (never copied into this repo) carry ``@pytest.mark.corpus(path)``:
where that data is absent they skip with one line saying how to get it, or fail when
``ARGMAP_REQUIRE_CORPORA=1`` (CI). Every reader also has small fixtures of our own in
``tests/fixtures/formats/``, so a clone without the data still tests each code path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from argmap import testdata

REPO = Path(__file__).resolve().parents[1]

# Tests never read or write the user's cache of analysed maps (tests/test_cache.py turns
# it on in a folder of its own); subprocesses inherit this.
os.environ["ARGMAP_NO_CACHE"] = "1"
# Nor does any CLI run go through a resident argmap (tests/test_resident.py starts its own):
# each test sees the process it started, and no resident outlives the run.
os.environ["ARGMAP_RESIDENT"] = "0"
ARGUMENTS = REPO / "arguments"


REQUIRE_CORPORA = "ARGMAP_REQUIRE_CORPORA"
"""Set to 1 (CI does) and a missing third-party corpus fails its tests instead of skipping them."""


def shared_roots() -> list[Path]:
    """Folders that may hold the third-party ``data/``, in the order they are searched.

    ``$ARGMAP_SHARED`` alone when it is set; else ``../shared`` beside the repo (CI has it),
    then the per-user folder that ``python3 -m argmap.testdata fetch`` fills.
    """
    if os.environ.get("ARGMAP_SHARED"):
        return [Path(os.environ["ARGMAP_SHARED"])]
    return [REPO.parent / "shared", testdata.user_dir()]


def corpus(relative: str) -> Path:
    """``data/<relative>`` (a file or folder of the third-party data) in the first root that
    has it; where none has it, the path it would have in the first root (globbing it finds
    nothing, and the ``corpus`` marker skips the tests that need it)."""
    roots = shared_roots()
    for root in roots:
        if (root / "data" / relative).exists():
            return root / "data" / relative
    return roots[0] / "data" / relative


def shared_dir() -> Path:
    """The first root that holds a ``data/`` folder (else the first root searched)."""
    roots = shared_roots()
    return next((root for root in roots if (root / "data").is_dir()), roots[0])


def corpora_required() -> bool:
    return os.environ.get(REQUIRE_CORPORA, "") not in ("", "0")


def missing_corpus(relative: str) -> str | None:
    """One line saying that ``data/<relative>`` is absent and how to get it, or None if it is there."""
    if corpus(relative).exists():
        return None
    looked = " or ".join(str(root / "data") for root in shared_roots())
    entries = [e for e in testdata.MANIFEST if e.path == relative or e.path.startswith(relative.rstrip("/") + "/")]
    if entries and all(e.why_not for e in entries):
        how = f"not downloadable, {entries[0].why_not}: set ARGMAP_SHARED to a copy of the project's shared/ folder"
    else:
        how = f"get it with: {testdata.FETCH_COMMAND} {relative.split('/')[0]}"
    return f"third-party data {relative} not found in {looked}; {how}"


def corpus_cases(cases: list[Any], n: int = 1) -> list[Any]:
    """Parameters of a test over corpus files: ``cases``, or where there are none (the corpus
    is absent) one placeholder of ``n`` Nones, so that collection never fails and the test's
    ``corpus`` marker reports the absence once."""
    return cases or [pytest.param(*([None] * n), id="corpus-missing", marks=pytest.mark.corpus(empty=True))]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "corpus(*paths): needs these files or folders of the third-party data (shared/data); skips where they "
        f"are absent, fails with {REQUIRE_CORPORA}=1",
    )


def _corpus_problem(item: pytest.Item) -> tuple[str, bool] | None:
    """What keeps the test from its third-party data, and whether that data is absent
    (rather than there but giving no cases, which is always a failure); None if nothing."""
    marks = list(item.iter_markers("corpus"))
    for relative in (path for mark in marks for path in mark.args):
        message = missing_corpus(relative)
        if message:
            return message, True
    if any(mark.kwargs.get("empty") for mark in marks):
        return f"{item.nodeid}: the third-party data is there but gave no test cases", False
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a test whose corpus is absent (before its fixtures), unless corpora are required."""
    problem = _corpus_problem(item)
    if problem and problem[1] and not corpora_required():
        pytest.skip(problem[0])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    """Where corpora are required (CI), an absent one is a failure of the test itself."""
    problem = _corpus_problem(item)
    if problem:
        message, absent = problem
        pytest.fail(f"{message} ({REQUIRE_CORPORA}=1)" if absent else message, pytrace=False)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The folder holding the third-party ``data/``: skips (fails if required) where there is none."""
    path = shared_dir()
    if not (path / "data").is_dir():
        looked = " or ".join(str(root / "data") for root in shared_roots())
        message = f"third-party data not found in {looked}; get it with: {testdata.FETCH_COMMAND}"
        if corpora_required():
            pytest.fail(f"{message} ({REQUIRE_CORPORA}=1)", pytrace=False)
        pytest.skip(message)
    return path


@dataclass
class Result:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def cached_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled maps in a folder of the test's own, with argmap's cache on
    (in that folder's ``cache``; every other test runs with it off)."""
    import shutil

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    shutil.copytree(ARGUMENTS, tmp_path / "arguments")
    return tmp_path / "arguments"


@pytest.fixture(autouse=True)
def _cache_off_for_each_test() -> Iterator[None]:
    """Every test starts as this module set the process up (the cache off, no cache folder),
    whatever the one before it did: the fuzz targets' ``prepare()`` turns the cache on for the
    whole process, as a fuzzing process needs, and every test after one of them once ran with
    it on."""
    saved = {name: os.environ.get(name) for name in ("ARGMAP_NO_CACHE", "ARGMAP_CACHE_DIR")}
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@dataclass(frozen=True)
class DotLog:
    """What the real ``dot`` was given, through the wrapper of :func:`dot_log`: a file per
    run holding its input (runs may be concurrent)."""

    folder: Path

    def runs(self) -> int:
        """Times ``dot`` has run."""
        return len(list(self.folder.iterdir()))

    def graphs(self) -> int:
        """Graphs it was given to draw (argmap's diagrams are each one ``digraph argmap``)."""
        return sum(run.read_bytes().count(b"digraph argmap {") for run in self.folder.iterdir())


@pytest.fixture
def dot_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DotLog:
    """The real ``dot`` behind a wrapper that keeps each run's input, first on PATH, with
    argmap's cache on in the test's folder."""
    import shutil

    real = shutil.which("dot")
    assert real is not None, "Graphviz dot is needed"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = DotLog(tmp_path / "dot-runs")
    log.folder.mkdir()
    wrapper = bin_dir / "dot"
    wrapper.write_text(f'#!/bin/sh\ntee "$(mktemp "{log.folder}/run.XXXXXX")" | "{real}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{Path(real).parent}")
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    return log


@pytest.fixture
def map_loads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every time something reads maps (``argmap.load.load_workspace``) from now on: a
    cached answer must leave it empty."""
    import argmap.load

    calls: list[object] = []
    real = argmap.load.load_workspace

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(argmap.load, "load_workspace", counted)
    return calls


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
