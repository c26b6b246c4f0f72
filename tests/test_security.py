"""What argmap promises about untrusted maps and imports (docs/security.md), watched by audit hooks.

Python raises an audit event for every file opened, socket connected, process started and
pickle global looked up (PEP 578). Each command a user may run on a file they were sent runs
here with a hook recording those events, on a folder whose maps try every escape: sources
at ``../`` paths, absolute paths and symlinks out of the folder, YAML tags naming Python
functions. Then: no file outside the folder (and argmap's own installation) was opened, no
socket used, no process started, no pickle global looked up outside a cache entry.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_EVENTS: list[tuple[str, tuple[object, ...]]] | None = None  # recording when a list


def _hook(event: str, args: tuple[object, ...]) -> None:
    if _EVENTS is not None and (event in ("open", "os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "pickle.find_class", "urllib.Request", "webbrowser.open") or event.startswith("socket.")):
        _EVENTS.append((event, args))


sys.addaudithook(_hook)  # a hook cannot be removed: it records only inside `_recording`


@pytest.fixture
def recording() -> Iterator[list[tuple[str, tuple[object, ...]]]]:
    global _EVENTS
    _EVENTS = []
    try:
        yield _EVENTS
    finally:
        _EVENTS = None


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder of maps that try to read outside it or to run code."""
    folder = tmp_path / "maps"
    (folder / "sources").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    (folder / "sources" / "link.txt").symlink_to(secret)
    (folder / "sources" / "talk.txt").write_text("We said it.", encoding="utf-8")
    (folder / "escape.yaml").write_text(
        "argmap: 1\ntitle: Escape\nsources:\n"
        "  up: {title: Up, text: ../secret.txt}\n"
        f"  absolute: {{title: Absolute, text: {secret}}}\n"
        "  link: {title: Link, text: sources/link.txt}\n"
        "  talk: {title: Talk, text: sources/talk.txt, url: 'http://127.0.0.1:9/never-fetched'}\n"
        "claims:\n"
        "  a: {text: A, quote: {source: up, text: the secret}}\n"
        "  b: {text: B, quote: {source: link, text: the secret}}\n"
        "  c: {text: C, quote: {source: absolute, text: the secret}}\n"
        "  d: {text: D, quote: {source: talk, text: We said it.}}\n"
        "  e: {text: E, other: 'escape:../../secret'}\n",
        encoding="utf-8",
    )
    (folder / "tags.yaml").write_text("argmap: 1\ntitle: !!python/object/apply:os.system ['touch pwned']\nclaims:\n  a: {text: !!python/name:os.getcwd ''}\n", encoding="utf-8")
    return folder


def _outside(events: list[tuple[str, tuple[object, ...]]], allowed: list[Path]) -> list[str]:
    """Files opened outside the ``allowed`` folders, Python's installation and argmap's code."""
    inside = [*(p.resolve() for p in allowed), Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(__file__).resolve().parent.parent / "src"]
    found = []
    for event, args in events:
        if event != "open" or not isinstance(args[0], (str, bytes, os.PathLike)):
            continue
        path = Path(os.fsdecode(args[0])).resolve()
        if str(path).startswith(("/dev/", "/proc/", "/sys/", "/etc/localtime", "/usr/share/zoneinfo")):
            continue
        if not any(path.is_relative_to(root) for root in inside):
            found.append(str(path))
    return found


def _forbidden(events: list[tuple[str, tuple[object, ...]]]) -> list[str]:
    return [f"{event} {args[:2]!r}" for event, args in events if event != "open"]


def test_checking_a_hostile_folder_reads_only_inside_it_and_runs_nothing(cli, hostile: Path, recording, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    result = cli("check", hostile)
    assert result.code == 2
    codes = [line.rsplit("[", 1)[1].split("]")[0] for line in result.out.splitlines()]
    assert codes.count("source-outside") == 3, result.out  # ../, an absolute path, a symlink out
    assert codes.count("yaml-tag") == 1
    assert "the secret" not in result.out + result.err
    assert _outside(recording, [hostile]) == []
    assert _forbidden(recording) == []
    assert not (hostile / "pwned").exists() and not Path("pwned").exists()


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    """Files one might be sent: maps, an AIF, Kialo and microtexts file, ICCMA frameworks."""
    work = tmp_path / "work"
    formats = FIXTURES / "formats"
    shutil.copytree(FIXTURES / "edit", work / "maps")
    for name in ("aif/uniforms.json", "kialo/new-format.txt", "microtexts/micro_own1.xml"):
        shutil.copy(formats / name, work)
    shutil.copytree(formats / "iccma", work / "iccma")
    return work


def test_every_reader_of_a_sent_file_stays_in_its_folder_offline(cli, sent: Path, recording, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    work = sent
    runs = [
        ("check", work / "maps"),
        ("import", work / "uniforms.json", "-o", work / "out" / "aif.yaml"),
        ("import", work / "new-format.txt", "-o", work / "out" / "kialo.yaml"),
        ("import", work / "micro_own1.xml", "-o", work / "out" / "micro.yaml"),
        ("export", work / "maps" / "styles.yaml", "--to", "aif", "-o", work / "out" / "styles.json"),
        ("export", work / "maps" / "styles.yaml", "--to", "argdown", "-o", work / "out" / "styles.argdown"),
        ("brief", work / "maps" / "styles.yaml", "-o", work / "out" / "brief.md"),
        ("flow", work / "maps" / "styles.yaml", "-o", work / "out" / "flow.csv"),
        ("html", work / "maps" / "styles.yaml", "--diagrams", "0", "-o", work / "out" / "page.html"),
        ("solve", work / "iccma" / "quirks.apx", "--semantics", "preferred"),
        ("add", work / "maps" / "styles.yaml", "new-claim", "--text", "New.", "--supports", "later-start"),
        ("rm", work / "maps" / "styles.yaml", "new-claim"),
    ]
    for args in runs:
        result = cli(*args)
        assert result.code == 0, (args, result)
    assert _outside(recording, [work]) == []
    assert _forbidden(recording) == []


def test_the_cache_looks_up_only_argmap_classes(cli, tmp_path: Path, recording, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from argmap import cache

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    maps = tmp_path / "maps"
    shutil.copytree(FIXTURES / "edit", maps)
    for path in maps.rglob("*"):
        os.utime(path, (1, 1))  # old enough to be cached
    cache.load_analysed([maps])
    assert cache.cached([maps]) is not None
    looked_up = {(str(args[0]), str(args[1])) for event, args in recording if event == "pickle.find_class"}
    assert looked_up and all(module.startswith("argmap.") or module == "pathlib" for module, _ in looked_up), looked_up
