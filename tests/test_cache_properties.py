"""The cache never serves a stale analysis, and ignores an entry it did not write whole.

Stale: an edit that keeps a map's size and modification time (``touch -r``, ``rsync -t``, a
clock set back), several processes loading and storing while the map changes under them.
Ignored: an entry cut short, with bytes flipped, of random bytes, a pickle of something
else, a pickle that would call a function (it must not be called), a folder in its place;
none of these even reaches the unpickler (the entry's HMAC does not match), and the ones
forged with the folder's key are refused by the unpickler.
"""

from __future__ import annotations

import hmac
import io
import os
import pickle
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap import cache

FUZZ_CACHE = Path(__file__).resolve().parent / "fixtures" / "fuzz" / "cache"
HOUR_AGO = time.time_ns() - 3600 * 10**9


def _map(title: str) -> str:
    return f"argmap: 1\ntitle: {title}\nclaims:\n  a: {{text: A, kind: thesis}}\n  b: {{text: B, rebuts: [a]}}\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    maps = tmp_path / "maps"
    maps.mkdir()
    _write(maps / "m.yaml", _map("Version A"))
    return maps


def _write(path: Path, text: str) -> None:
    """Write ``text`` with the same modification time every time: an hour ago."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(HOUR_AGO, HOUR_AGO))


def _title(folder: Path) -> str:
    workspace, _ = cache.load_analysed([folder])
    return workspace.maps["m"].title


def test_an_edit_keeping_size_and_mtime_is_seen(folder: Path) -> None:
    assert _title(folder) == "Version A"
    assert cache.cached([folder]) is not None  # stored: the file is an hour old
    _write(folder / "m.yaml", _map("Version B"))  # same size, same mtime
    assert _title(folder) == "Version B"
    assert _title(folder) == "Version B"


def test_a_clock_set_back_does_not_make_an_old_entry_current(folder: Path) -> None:
    assert _title(folder) == "Version A"
    path = folder / "m.yaml"
    path.write_text(_map("Version C"), encoding="utf-8")
    earlier = HOUR_AGO - 10**9  # the clock went back: the edit is stamped before the entry's file
    os.utime(path, ns=(earlier, earlier))
    assert _title(folder) == "Version C"


def test_a_file_stamped_in_the_future_is_not_cached(folder: Path) -> None:
    later = time.time_ns() + 3600 * 10**9  # written before the clock was set back an hour
    os.utime(folder / "m.yaml", ns=(later, later))
    _title(folder)
    assert cache.cached([folder]) is None


_LOADER = """
import sys
from argmap.cache import load_analysed
for _ in range(int(sys.argv[2])):
    workspace, analysis = load_analysed([sys.argv[1]])
    # the file is rewritten in place: a read between truncation and write sees a broken map
    assert workspace.maps["m"].title.startswith("Version") if "m" in workspace.maps else workspace.problems
"""


def test_processes_loading_and_storing_at_once_never_leave_a_stale_entry(folder: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    loaders = [subprocess.Popen([sys.executable, "-c", _LOADER, str(folder), "8"], env=env, stderr=subprocess.PIPE) for _ in range(3)]
    rng = random.Random(7)
    while any(p.poll() is None for p in loaders):
        _write(folder / "m.yaml", _map(rng.choice(["Version A", "Version B"])))
        time.sleep(rng.uniform(0, 0.05))
    for p in loaders:
        assert p.wait() == 0, p.stderr.read() if p.stderr else ""
    for final in ("Version A", "Version B", "Version A"):
        _write(folder / "m.yaml", _map(final))
        assert _title(folder) == final
    leftovers = [p.name for p in (folder.parent / "cache").iterdir() if p.suffix != ".pickle" and p.name != "key"]
    assert leftovers == []


def _entry_bytes(folder: Path) -> tuple[Path, bytes]:
    _title(folder)
    entry = cache._entry([folder], "dfquad")
    assert entry is not None and entry.is_file()
    return entry, entry.read_bytes()


def _damaged(data: bytes) -> list[tuple[str, bytes]]:
    rng = random.Random(3)
    cases = [(f"cut at {n}", data[:n]) for n in (0, 1, 10, len(data) // 3, len(data) // 2, len(data) - 1)]
    for i in range(8):
        flipped = bytearray(data)
        for _ in range(1 + i):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        cases.append((f"{1 + i} bits flipped", bytes(flipped)))
    cases += [(p.name, p.read_bytes()) for p in sorted(FUZZ_CACHE.iterdir())]
    cases.append(("another pickle", pickle.dumps(([], []))))
    return cases


def _forged(entry: Path, body: bytes) -> bytes:
    """``body`` signed with the cache folder's own key, as only argmap (or its user) can."""
    return body + hmac.digest((entry.parent / "key").read_bytes(), body, "sha256")


def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry, data = _entry_bytes(folder)
    called = []
    import colorsys

    monkeypatch.setattr(colorsys, "rgb_to_hsv", lambda *a: called.append(a))  # what runs-code.pickle would call
    forged = [(f"{label}, forged", _forged(entry, body)) for label, body in _damaged(data) if label != "memo-index.pickle"]  # (that one, signed, would fill 8 GB)
    for label, damaged in _damaged(data) + forged:
        entry.write_bytes(damaged)
        found = cache.cached([folder])
        assert found is None or found[0].maps["m"].title == "Version A", label
        assert _title(folder) == "Version A", label
        assert called == [], f"{label}: a foreign pickle ran code"
        assert entry.read_bytes() == data or found is not None, f"{label}: the entry was not rebuilt"


def test_a_pickle_naming_a_function_is_refused_before_its_module_is_imported(folder: Path) -> None:
    entry, _ = _entry_bytes(folder)
    entry.write_bytes(b"\x80\x04\x95\x1a\x00\x00\x00\x00\x00\x00\x00\x8c\x0bantigravity\x94\x8c\x03fly\x94\x93\x94)R\x94.")
    sys.modules.pop("antigravity", None)
    assert cache.cached([folder]) is None
    assert "antigravity" not in sys.modules  # importing it would open a web browser


def test_a_folder_in_place_of_the_entry_is_ignored(folder: Path) -> None:
    entry, _ = _entry_bytes(folder)
    entry.unlink()
    entry.mkdir()
    assert _title(folder) == "Version A"
    shutil.rmtree(entry)


def test_an_unsigned_entry_never_reaches_the_unpickler(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # once (fuzzing the cache): an entry made a process take 12 GB. CPython's unpickler trusts
    # a memo index read from the pickle and fills a table that long: `r` (LONG_BINPUT) 2**31
    # is 16 GB. memo-index.pickle asks for 2**30 (8 GB); signed, an entry is argmap's own.
    entry, data = _entry_bytes(folder)
    unpickled = []
    monkeypatch.setattr(cache, "_Unpickler", lambda f: unpickled.append(f) or pickle.Unpickler(io.BytesIO(pickle.dumps(None))))
    for label, damaged in _damaged(data):
        entry.write_bytes(damaged)
        assert cache.cached([folder]) is None, label
    assert unpickled == []
    entry.write_bytes(data)
    assert cache.cached([folder]) is None and len(unpickled) == 1  # the real entry is read (here: as nothing)
