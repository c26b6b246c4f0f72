"""Finding the third-party corpora, the skip/require switch, and ``python3 -m argmap.testdata fetch``.

Downloads come from a local ``http.server`` on 127.0.0.1 serving a folder laid out like the
remote (``OWNER/REPO/COMMIT/PATH``): these tests never touch the real network.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import conftest
from argmap import testdata
from argmap.testdata import Entry
from conftest import REPO, corpus

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@contextmanager
def serve(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port) in a thread; yield its URL and
    the list of paths requested so far."""
    requested: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self) -> None:
            requested.append(self.path)
            super().do_GET()

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requested
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy between us and 127.0.0.1, whatever the environment says."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv(testdata.ENV_BASE_URL, raising=False)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _publish(remote: Path, entry: Entry, data: bytes) -> None:
    """Put ``data`` where the remote serves ``entry`` (or its archive)."""
    path = remote / entry.repo / entry.commit / entry.remote
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    environment.update({"no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"}, **(env or {}))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=environment, cwd=cwd, timeout=300)


# -- where the data is looked for ----------------------------------------------------------
def test_user_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert testdata.user_dir() == tmp_path / "argmap" / "testdata"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert testdata.user_dir() == Path.home() / ".local" / "share" / "argmap" / "testdata"


def test_lookup_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conftest, "REPO", tmp_path / "clone")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ARGMAP_SHARED", raising=False)
    beside, user = tmp_path / "shared", tmp_path / "xdg" / "argmap" / "testdata"
    assert conftest.shared_roots() == [beside, user]
    (user / "data" / "kialo").mkdir(parents=True)
    (beside / "data" / "iccma").mkdir(parents=True)
    assert corpus("kialo") == user / "data" / "kialo"  # not beside the repo: the fetched copy
    assert corpus("iccma") == beside / "data" / "iccma"
    assert corpus("aif") == beside / "data" / "aif"  # absent: where the first root would have it
    (beside / "data" / "kialo").mkdir()
    assert corpus("kialo") == beside / "data" / "kialo"  # ../shared comes first
    monkeypatch.setenv("ARGMAP_SHARED", str(tmp_path / "elsewhere"))
    assert conftest.shared_roots() == [tmp_path / "elsewhere"]  # alone: it is never mixed with others
    assert not corpus("kialo").exists()
    assert conftest.missing_corpus("kialo") == (
        f"third-party data kialo not found in {tmp_path / 'elsewhere' / 'data'}; get it with: python3 -m argmap.testdata fetch kialo"
    )
    assert "not downloadable" in (conftest.missing_corpus("iccma/expected") or "")


# -- the skip / require switch -------------------------------------------------------------
CORPUS_TESTS = [
    "tests/test_gradual.py::test_every_semantics_of_the_vectors_is_tested",
    "tests/test_iccma.py::test_reference_extensions",  # parametrized over corpus files
]


def _pytest(shared: Path, require: bool) -> subprocess.CompletedProcess[str]:
    env = {"ARGMAP_SHARED": str(shared), "ARGMAP_REQUIRE_CORPORA": "1" if require else ""}
    return _run("-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider", *CORPUS_TESTS, env=env, cwd=REPO)


@pytest.mark.slow
def test_absent_corpora_skip_or_fail_with_one_line(tmp_path: Path) -> None:
    skipped = _pytest(tmp_path, require=False)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "2 skipped" in skipped.stdout and "failed" not in skipped.stdout
    reasons = [line for line in skipped.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(reasons) == 2
    assert any("gradual/vectors.json not found in" in r and "not downloadable" in r for r in reasons)
    assert any("iccma/instances not found in" in r and "python3 -m argmap.testdata fetch iccma" in r for r in reasons)

    failed = _pytest(tmp_path, require=True)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "2 failed" in failed.stdout and "skipped" not in failed.stdout
    assert "ARGMAP_REQUIRE_CORPORA=1" in failed.stdout


@pytest.mark.slow
def test_a_corpus_that_is_there_but_gives_no_cases_fails(tmp_path: Path) -> None:
    for folder in ("iccma/instances", "iccma/expected", "gradual"):
        (tmp_path / "data" / folder).mkdir(parents=True)
    (tmp_path / "data" / "gradual" / "vectors.json").write_text("{}")
    result = _pytest(tmp_path, require=False)
    assert result.returncode == 1
    assert "gave no test cases" in result.stdout and "skipped" not in result.stdout


# -- fetch, on a manifest of our own -------------------------------------------------------
def _template(member: bytes) -> bytes:
    """A zip archive (as a Word template is) holding ``member`` at word/styles.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", member)
    return buffer.getvalue()


PLAIN = b"arg(a).\r\narg(b).\r\natt(a,b)."
NESTED = "Discussion Title: t\n\n1. A claim with ünïcödé\n".encode()
STYLES = b"<w:styles/>"
TEMPLATE = _template(STYLES)


@pytest.fixture
def own_manifest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, list[Entry]]:
    """A manifest of four files (two plain, one a member of an archive, one not downloadable)
    and a folder laid out like the remote that serves them."""
    entries = [
        Entry("own/frameworks/plain.apx", _sha(PLAIN), "someone/frameworks", COMMIT, "examples/plain file.apx"),
        Entry("own/kialo/nested.txt", _sha(NESTED), "other/kialo", COMMIT, "deep/er/nested.txt"),
        Entry("own/styles.xml", _sha(STYLES), "org/template", COMMIT, "desktop/Debate.dotm", "word/styles.xml", _sha(TEMPLATE)),
        Entry("own/expected.json", _sha(b"{}"), why_not="computed for the project"),
    ]
    monkeypatch.setattr(testdata, "MANIFEST", tuple(entries))
    remote = tmp_path / "remote"
    for entry, data in zip(entries, (PLAIN, NESTED, TEMPLATE)):
        _publish(remote, entry, data)
    return remote, entries


def _fetch(base: str, dest: Path, capsys: pytest.CaptureFixture[str], *prefixes: str) -> tuple[int, str, str]:
    code = testdata.main(["fetch", *prefixes, "--base-url", base, "--dest", str(dest)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.usefixtures("local_only")
def test_fetch_lays_files_out_and_skips_what_is_there(own_manifest, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    remote, _ = own_manifest
    dest = tmp_path / "user"
    with serve(remote) as (base, requested):
        code, out, err = _fetch(base, dest, capsys)
        assert (code, err) == (0, "")
        assert (dest / "data/own/frameworks/plain.apx").read_bytes() == PLAIN
        assert (dest / "data/own/kialo/nested.txt").read_bytes() == NESTED
        assert (dest / "data/own/styles.xml").read_bytes() == STYLES  # extracted from the archive
        assert not (dest / "data/own/expected.json").exists()
        assert "3 fetched, 0 already there, 0 failed" in out
        assert "not downloadable: own/expected.json (1 files): computed for the project" in out
        assert sorted(requested) == sorted([
            f"/someone/frameworks/{COMMIT}/examples/plain%20file.apx",
            f"/other/kialo/{COMMIT}/deep/er/nested.txt",
            f"/org/template/{COMMIT}/desktop/Debate.dotm",
        ])

        requested.clear()
        code, out, err = _fetch(base, dest, capsys)
        assert (code, err, requested) == (0, "", [])  # a second run downloads nothing
        assert "0 fetched, 3 already there, 0 failed" in out

        (dest / "data/own/kialo/nested.txt").write_bytes(b"edited by hand")
        code, out, err = _fetch(base, dest, capsys, "own/kialo")
        assert (code, err) == (0, "")
        assert (dest / "data/own/kialo/nested.txt").read_bytes() == NESTED  # a wrong copy is replaced
        assert requested == [f"/other/kialo/{COMMIT}/deep/er/nested.txt"]


@pytest.mark.usefixtures("local_only")
def test_fetch_refuses_a_corrupted_file(own_manifest, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    remote, entries = own_manifest
    _publish(remote, entries[0], PLAIN + b"\r\natt(b,a).")  # not what the manifest pins
    dest = tmp_path / "user"
    with serve(remote) as (base, _):
        code, out, err = _fetch(base, dest, capsys)
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith("argmap.testdata: error: own/frameworks/plain.apx: sha256 mismatch")
    assert "Traceback" not in err
    assert not (dest / "data/own/frameworks").exists() or not any((dest / "data/own/frameworks").iterdir())  # nor a temp file
    assert (dest / "data/own/kialo/nested.txt").read_bytes() == NESTED  # the others still land
    assert "2 fetched, 0 already there, 1 failed" in out


@pytest.mark.usefixtures("local_only")
def test_fetch_reports_each_unreachable_file_in_one_line(own_manifest, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    remote, entries = own_manifest
    shutil.rmtree(remote / "org")  # the archive is gone: 404
    (remote / entries[0].repo / COMMIT / entries[0].remote).unlink()
    with serve(remote) as (base, _):
        code, _, err = _fetch(base, tmp_path / "user", capsys)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 2 and all("HTTP 404" in line for line in lines)
    assert {line.split(": ")[2] for line in lines} == {"own/frameworks/plain.apx", "own/styles.xml"}

    code, _, err = _fetch("http://127.0.0.1:9", tmp_path / "other", capsys, "own/kialo")  # nothing listens
    assert code == 2 and len(err.splitlines()) == 1 and "own/kialo/nested.txt" in err
    code, _, err = _fetch("ftp://example.org", tmp_path / "user", capsys)
    assert code == 2 and "http" in err
    code, _, err = _fetch("http://127.0.0.1:9", tmp_path / "user", capsys, "no/such/folder")
    assert code == 2 and "no corpus file under no/such/folder" in err


def test_list_and_where(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert testdata.main(["list", "kialo"]) == 0
    out = capsys.readouterr().out
    assert "kialo/should-hate-speech-be-illegal-6148.txt" in out
    assert "https://raw.githubusercontent.com/edoguido/Kialo-Parser/" in out
    assert testdata.main(["where", "--dest", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'data'}\n0 of ")


# -- the real manifest -------------------------------------------------------------------------
def test_manifest_is_sound() -> None:
    paths = [e.path for e in testdata.MANIFEST]
    assert len(paths) == len(set(paths))
    for entry in testdata.MANIFEST:
        assert len(entry.sha256) == 64 and int(entry.sha256, 16) >= 0
        if entry.why_not:
            assert not entry.repo
        else:
            assert entry.repo.count("/") == 1 and len(entry.commit) == 40 and entry.remote
    used = ["arg-microtexts/corpus", "aif", "kialo", "iccma/instances", "gradual/RagoEtAlEDemocracy.bag"]
    assert all(any(e.path.startswith(u) and not e.why_not for e in testdata.MANIFEST) for u in used)


@pytest.mark.corpus("kialo", "gradual", "iccma/instances/ex1.apx")
@pytest.mark.usefixtures("local_only")
def test_fetch_command_on_copies_of_real_files(tmp_path: Path) -> None:
    """``python3 -m argmap.testdata fetch`` against a local copy of a few real files."""
    wanted = ["kialo", "gradual", "iccma/instances/ex1.apx"]
    entries = [e for e in testdata.MANIFEST if any(e.path == w or e.path.startswith(w + "/") for w in wanted)]
    remote, dest = tmp_path / "remote", tmp_path / "user"
    for entry in entries:
        if not entry.why_not:
            _publish(remote, entry, corpus(entry.path).read_bytes())
    with serve(remote) as (base, requested):
        first = _run("-m", "argmap.testdata", "fetch", *wanted, "--base-url", base, "--dest", str(dest))
        assert first.returncode == 0, first.stderr
        for entry in entries:
            if not entry.why_not:
                assert (dest / "data" / entry.path).read_bytes() == corpus(entry.path).read_bytes()
        assert "not downloadable: gradual/vectors.json (1 files)" in first.stdout
        assert not (dest / "data/gradual/vectors.json").exists()

        requested.clear()
        again = _run("-m", "argmap.testdata", "fetch", *wanted, "--base-url", base, "--dest", str(dest))
        assert again.returncode == 0 and requested == []

        kialo = next(e for e in entries if e.path.startswith("kialo/"))
        _publish(remote, kialo, b"1. tampered\n")
        (dest / "data" / kialo.path).unlink()
        corrupt = _run("-m", "argmap.testdata", "fetch", "kialo", "--base-url", base, "--dest", str(dest))
    assert corrupt.returncode == 2
    assert len(corrupt.stderr.splitlines()) == 1 and "sha256 mismatch" in corrupt.stderr and "Traceback" not in corrupt.stderr
    assert not (dest / "data" / kialo.path).exists()
    assert [p.name for p in (dest / "data/kialo").iterdir() if p.name.startswith(".")] == []  # no temp file left
