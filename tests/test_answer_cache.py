"""Remembered answers (argmap.stamps): ``argmap check`` and ``argmap render`` answer from
the cache when nothing they were built from changed, and never when something did."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import argmap.load
from argmap import stamps
from argmap.cli import main
from conftest import ARGUMENTS

MAP = "ijm-vs-thrupkaew.yaml"


@pytest.fixture
def maps(cached_arguments: Path) -> Path:
    return cached_arguments


@pytest.fixture
def loads(map_loads: list[object]) -> list[object]:
    return map_loads


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def entries(maps: Path, kind: str) -> list[Path]:
    return sorted((maps.parent / "cache").glob(f"{kind}-*.json"))


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` with ``new`` (as long) and give the file back its times."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns


def test_a_second_check_reads_no_map_and_says_the_same(maps: Path, loads: list[object], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = check(capsys, str(maps))
    assert len(loads) == 1 and len(entries(maps, "check")) == 1
    second = check(capsys, str(maps))
    assert len(loads) == 1  # answered from the entry
    assert second == first and first[0] == 0 and first[2].startswith("3 map(s), ")
    remembered = check(capsys, "--format", "json", str(maps))
    assert len(loads) == 1
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    fresh = check(capsys, "--format", "json", str(maps))
    assert len(loads) == 2
    assert json.loads(remembered[1]) == json.loads(fresh[1])


def test_an_edit_that_keeps_size_and_times_is_seen(maps: Path, loads: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, str(maps))[0] == 0
    # a quote that no longer matches its source: same length, same mtime
    same_size_edit(maps / "sources" / "nation-letters.txt", "IJM does not “raid” brothels", "IJM does not “raid” brothelz")
    code, out, _ = check(capsys, str(maps))
    assert len(loads) == 2 and code == 2
    assert "nation-letters.txt" in out or "quote" in out


def test_a_map_edited_under_the_same_stamp_is_read_again(maps: Path, loads: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, str(maps))[0] == 0
    # a reference to a claim that is not there, under the file's old size and times
    same_size_edit(maps / MAP, "supports: [nation-manufactures-controversy]", "supports: [nation-manufactures-controversx]")
    code, out, _ = check(capsys, str(maps))
    assert len(loads) == 2
    assert code == 2 and "nation-manufactures-controversx" in out


def test_a_new_map_in_the_folder_is_counted(maps: Path, loads: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    _, _, before = check(capsys, str(maps))
    assert main(["new", str(maps / "fresh.yaml")]) == 0
    capsys.readouterr()
    _, _, after = check(capsys, str(maps))
    assert len(loads) == 2
    assert before.startswith("3 map(s)") and after.startswith("4 map(s)")


def test_a_report_with_problems_is_never_remembered(maps: Path, loads: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    (maps / "broken.yaml").write_text("title: broken\nclaims: [\n", encoding="utf-8")
    assert check(capsys, str(maps))[0] == 2
    assert entries(maps, "check") == []
    assert check(capsys, str(maps))[0] == 2
    assert len(loads) == 2


def test_a_damaged_or_foreign_entry_is_ignored_and_replaced(maps: Path, loads: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    first = check(capsys, str(maps))
    (entry,) = entries(maps, "check")
    for damage in (b"\x00\xff not json", b'{"key": 1}', json.dumps({"key": json.loads(entry.read_text())["key"], "maps": [], "stamps": [["x"]], "answer": {}}).encode()):
        entry.write_bytes(damage)
        assert check(capsys, str(maps)) == first
    assert len(loads) == 4
    assert check(capsys, str(maps)) == first and len(loads) == 4  # rewritten whole by the last miss


def test_another_argmap_code_is_never_served(maps: Path, loads: list[object], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    check(capsys, str(maps))
    monkeypatch.setattr(stamps, "_code", "0.0.0+another")
    check(capsys, str(maps))
    assert len(loads) == 2


def test_the_code_fingerprint_follows_an_edit_of_argmap(tmp_path: Path) -> None:
    # the same computation on a copy of the package: touching one file changes it
    package = tmp_path / "argmap"
    shutil.copytree(Path(argmap.load.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    probe = "import sys; sys.path.insert(0, sys.argv[1]); from argmap import stamps; print(stamps.code_version())"
    run = [sys.executable, "-c", probe, str(tmp_path)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    before = subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout
    (package / "load.py").write_text((package / "load.py").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout
    assert before.strip() and before != after


def test_a_remembered_render_draws_what_a_fresh_one_draws(maps: Path, loads: list[object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    view = ["render", str(maps / MAP), "--overview", "--format", "dot"]
    assert main([*view, "-o", str(tmp_path / "first.dot")]) == 0
    assert main([*view, "-o", str(tmp_path / "second.dot")]) == 0
    assert len(loads) == 1 and len(entries(maps, "render")) == 1
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert main([*view, "-o", str(tmp_path / "fresh.dot")]) == 0
    assert (tmp_path / "second.dot").read_bytes() == (tmp_path / "fresh.dot").read_bytes() == (tmp_path / "first.dot").read_bytes()
    monkeypatch.delenv("ARGMAP_NO_CACHE")
    # another view of the same map is drawn afresh, and an edit is drawn
    assert main(["render", str(maps / MAP), "--format", "dot", "-o", str(tmp_path / "whole.dot")]) == 0
    assert len(loads) == 3
    text = (maps / MAP).read_text(encoding="utf-8")
    (maps / MAP).write_text(text.replace('\ntitle: "', '\ntitle: "Edited ', 1), encoding="utf-8")
    assert main([*view, "-o", str(tmp_path / "edited.dot")]) == 0
    assert len(loads) == 4 and "Edited" in (tmp_path / "edited.dot").read_text(encoding="utf-8")
    capsys.readouterr()


@pytest.mark.parametrize(
    "argv", [["check", "arguments"], ["render", "arguments/" + MAP, "--overview", "-o", "{out}/o.svg"], ["analyze", "arguments"]], ids=" ".join
)
def test_a_remembered_answer_imports_no_map_reader(argv: list[str], tmp_path: Path) -> None:
    # what makes the second run fast: no YAML parser, no model, no graph library, no Rich
    probe = (
        "import contextlib, io, sys\n"
        "from argmap.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    code = main(sys.argv[1:])\n"
        "print(code, ','.join(sorted(m for m in sys.modules if m in ('yaml', 'argmap.model', 'argmap.load', 'networkx', 'graphviz', 'numpy', 'rich'))))\n"
    )
    env = {**{k: v for k, v in os.environ.items() if k != "ARGMAP_NO_CACHE"}, "ARGMAP_CACHE_DIR": str(tmp_path / "cache")}
    shutil.copytree(ARGUMENTS, tmp_path / "arguments")
    argv = [a.replace("{out}", str(tmp_path)) for a in argv]
    runs = [subprocess.run([sys.executable, "-c", probe, *argv], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout.split()[1:] != []  # the first run reads the maps
    assert runs[1].stdout.split() == ["0"]  # the second reads nothing


def analyze(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["analyze", *argv]) == 0
    return capsys.readouterr().out


def test_a_remembered_analysis_prints_what_a_fresh_one_prints_and_never_for_other_maps_or_terminals(
    maps: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.cache

    views = [["--links", "all"], ["--chains", "2"], ["--format", "json"], []]
    first = [analyze(capsys, str(maps), *view) for view in views]
    assert len(entries(maps, "analyze")) == len(views) and len(set(first)) == len(views)
    analyses: list[object] = []
    real = argmap.cache.load_analysed
    monkeypatch.setattr(argmap.cache, "load_analysed", lambda *a, **k: analyses.append(a) or real(*a, **k))
    assert [analyze(capsys, str(maps), *view) for view in views] == first and analyses == []  # all from memory
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert [analyze(capsys, str(maps), *view) for view in views] == first and analyses  # what a fresh run prints
    monkeypatch.delenv("ARGMAP_NO_CACHE")
    analyses.clear()
    monkeypatch.setenv("FORCE_COLOR", "1")  # another terminal: Rich colours the report, so it is made afresh
    coloured = analyze(capsys, str(maps))
    assert analyses and "\x1b[" in coloured and "\x1b[" not in first[-1]
    monkeypatch.delenv("FORCE_COLOR")
    same_size_edit(maps / MAP, "many inaccuracies and", "many inaccurasies and")  # a thesis, under the file's old size and times
    edited = analyze(capsys, str(maps))
    assert "inaccurasies" in edited and "inaccurasies" not in first[-1]


def test_a_report_too_large_is_not_remembered(maps: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.commands import analyze as command

    report = analyze(capsys, str(maps / MAP))
    assert len(entries(maps, "analyze")) == 1
    monkeypatch.setattr(command, "REMEMBERED_AT_MOST", len(report) // 2)
    assert analyze(capsys, str(maps / MAP), "--chains", "3") and len(entries(maps, "analyze")) == 1


def test_the_cache_keeps_the_newest_answers_only(maps: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stamps, "KEPT", 3)
    for size in range(1, 6):  # five answers: the option is part of the key
        check(capsys, "--max-size", str(size), str(maps))
    options = sorted(json.loads(json.loads(p.read_text(encoding="utf-8"))["key"])[3][1] for p in entries(maps, "check"))
    assert options == [3, 4, 5]
