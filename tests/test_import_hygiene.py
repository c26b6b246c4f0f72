"""Everything outside ``argmap.tui`` is headless: importing it loads neither Textual nor Rich.

Each module is imported in a fresh interpreter (an earlier import in this process would hide
a leak), as Harlequin's ``test_import_hygiene.py`` does. The CLI and every command module
are included: ``argmap --help`` imports them all, and must not pay for Textual.
"""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import argmap

HEADLESS = sorted(
    info.name
    for info in pkgutil.walk_packages(argmap.__path__, prefix="argmap.")
    # argmap.__main__ runs the CLI when imported; argmap.cli stands for it
    if info.name not in ("argmap.tui", "argmap.__main__") and not info.name.startswith("argmap.tui.")
)

PROBE = """
import importlib, sys
importlib.import_module(sys.argv[1])
if sys.argv[1] == "argmap.cli":
    importlib.import_module("argmap.cli")._commands()  # every command module, as --help does
leaked = sorted({m.partition(".")[0] for m in sys.modules} & {"textual", "rich"})
print(",".join(leaked))
"""


def test_the_headless_modules_are_found() -> None:
    assert {"argmap.cli", "argmap.load", "argmap.graph", "argmap.commands.explore", "argmap.analysis.debate"} <= set(HEADLESS)


@pytest.mark.parametrize("module", HEADLESS)
def test_module_imports_without_textual_or_rich(module: str) -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE, module], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"{module} imports {proc.stdout.strip()}"


def test_the_probe_sees_textual_when_it_is_imported() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE, "argmap.tui"], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "rich,textual"


def test_building_the_command_line_loads_no_analysis_library() -> None:
    # every command, the git drivers included, pays for what --help imports: the page
    # builder's default once pulled networkx and numpy into each start-up (+0.5 s)
    probe = (
        "import sys, argmap.cli as cli\n"
        "cli.full_parser()\n"
        "print(','.join(sorted({m.partition('.')[0] for m in sys.modules} & {'networkx', 'numpy', 'scipy', 'graphviz', 'pptx'})))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


HEAVY = ("textual", "rich", "networkx", "numpy", "rapidfuzz", "graphviz", "pptx")


@pytest.mark.parametrize("argv", [["--help"], ["check", "arguments"], ["check", "--format", "json", "arguments"]], ids=" ".join)
def test_help_and_check_load_no_heavy_library(argv: list[str]) -> None:
    # the commands a person runs most, and expects at once: each of these costs a tenth of
    # a second or more to import, more than all the rest of their start-up
    probe = (
        "import contextlib, io, sys\n"
        "from argmap.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        "        code = main(sys.argv[1:])\n"
        "    except SystemExit as done:\n"
        "        code = done.code\n"
        f"print(code, ','.join(sorted({{m.partition('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent)
    assert proc.returncode == 0, proc.stderr
    code, leaked = proc.stdout.split()[0], proc.stdout.strip().partition(" ")[2]
    assert code == "0"  # the command did its work (a failure could stop before the heavy import)
    assert leaked == ""


@pytest.mark.parametrize("view", [[], ["--overview"]], ids=["whole", "overview"])
def test_render_after_an_edit_loads_no_analysis_library(tmp_path: Path, view: list[str]) -> None:
    # a diagram redrawn after an edit reads and analyses the maps again (nothing is
    # remembered for them): networkx and numpy were a third of that run at 1k claims, and the
    # grounded labelling, the graph's tables and the views need neither below 50k arguments
    probe = (
        "import contextlib, io, sys\n"
        "from argmap.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    code = main(sys.argv[1:])\n"
        f"print(code, ','.join(sorted({{m.partition('.')[0] for m in sys.modules}} & {set(HEAVY) - {'graphviz'}!r})))\n"
    )
    out = tmp_path / "whole.dot"
    argv = ["render", "arguments", *view, "--format", "dot", "-o", str(out)]
    env = {**os.environ, "ARGMAP_NO_CACHE": "1"}
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent, env=env)
    assert proc.returncode == 0, proc.stderr
    code, _, leaked = proc.stdout.strip().partition(" ")
    assert code == "0" and "grounded status: " in out.read_text(encoding="utf-8")  # drawn with the status overlay
    assert leaked == ""


def test_the_heavy_library_probe_sees_an_import() -> None:
    probe = "import sys, argmap.analysis.dung\nprint(','.join(sorted({m.partition('.')[0] for m in sys.modules} & {'networkx', 'numpy'})))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "numpy"


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"]], ids=" ".join)
def test_help_imports_nothing_it_does_not_print(argv: list[str]) -> None:
    # each of these costs a few milliseconds of a start-up whose target is three times
    # bare Python's: the command modules import pathlib and the model in their functions
    probe = (
        "import sys\n"
        "before = set(sys.modules)  # what the interpreter's start-up (site, .pth files) brought\n"
        "import contextlib, io\n"
        "from argmap.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(sys.argv[1:])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(','.join(sorted({'pathlib', 'typing', 'dataclasses', 'yaml', 'argmap.model', 'argmap.errors'} & (set(sys.modules) - before))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


FIRST_SCREEN = """
import asyncio, sys
from argmap.tui import make_app
from argmap.tui.app import ArgmapApp

ArgmapApp.finish = lambda self, view: None  # what follows the first screen is not asked about
HEAVY = {"networkx", "numpy", "scipy"}


def leaked() -> str:
    return ",".join(sorted({m.partition(".")[0] for m in sys.modules} & HEAVY)) or "-"


async def main() -> None:
    app = make_app(sys.argv[1:], poll_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.view is None or app.main.focused_key is None:
            await pilot.pause(0.05)
        await pilot.pause()
        view = app.view
        key = app.main.focused_key
        print("cached" if view._uncached is None else "parsed", view.status(key), leaked())
        view.analysis.graph  # a render or a drill asks for networkx's graph: the probe sees it
        print(leaked())


asyncio.run(main())
"""


def _cached_maps(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the bundled maps, and the environment of a cache that holds them (filled
    by the explorer's own load, in a process of its own)."""
    maps = tmp_path / "maps"
    shutil.copytree(Path(__file__).parent.parent / "arguments", maps)
    hour_ago = time.time_ns() - 3600 * 10**9  # the cache stores no file written in the last seconds
    for path in maps.iterdir():
        os.utime(path, ns=(hour_ago, hour_ago))
    env = {**os.environ, "ARGMAP_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("ARGMAP_NO_CACHE", None)
    fill = "import sys\nfrom argmap.tui.view import MapView\nMapView.load(sys.argv[1:]).finish()"
    subprocess.run([sys.executable, "-c", fill, str(maps)], check=True, env=env, timeout=120)
    assert list((tmp_path / "cache").glob("*.pickle"))
    return maps, env


def test_the_explorers_first_screen_from_the_cache_loads_no_analysis_library(tmp_path: Path) -> None:
    # the explorer's first screen reads the cached status and the graph's tables: importing
    # networkx and numpy for it took half a second, more than all the rest of a warm start
    maps, env = _cached_maps(tmp_path)
    proc = subprocess.run([sys.executable, "-c", FIRST_SCREEN, str(maps)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first, then = proc.stdout.splitlines()[-2:]
    source, status, leaked = first.split()
    assert source == "cached" and status in ("IN", "OUT", "UNDEC")
    assert leaked == "-"
    assert then == "networkx"


PARENT_FIRST_SCREEN = """
import asyncio, sys
from pathlib import Path

from argmap.analysis.links import Links
from argmap.background import BackgroundLoad

paths = [Path(sys.argv[2])]
background = BackgroundLoad.start(paths, Links.TEXTS) if sys.argv[1] == "background" else None
from argmap.tui import make_app
from argmap.tui.app import ArgmapApp

ArgmapApp.finish = lambda self, view: None  # what follows the first screen is not asked about
WATCHED = {"yaml", "numpy", "networkx", "argmap.load", "argmap.yamlread"}


def leaked() -> str:
    return ",".join(sorted(WATCHED & {n for m in sys.modules for n in (m, m.partition(".")[0])})) or "-"


async def main() -> None:
    app = make_app(paths, poll_seconds=None, background=background)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.view is None or app.main.focused_key is None:
            await pilot.pause(0.05)
        await pilot.pause()
        print("parsed" if app.view._uncached else "cached", app.view.status(app.main.focused_key), leaked())


asyncio.run(main())
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the background load forks")
@pytest.mark.parametrize("background", ["background", "here"])
def test_the_explorers_cold_first_screen_leaves_reading_and_analysing_to_its_child(background: str) -> None:
    # argmap explore forks a child that parses and analyses the maps while the explorer
    # imports Textual: the YAML reader and the loader are the child's to import, never the
    # explorer's before its first screen ("here": the probe sees them)
    env = {**os.environ, "ARGMAP_NO_CACHE": "1"}
    arguments = Path(__file__).parent.parent / "arguments"
    proc = subprocess.run([sys.executable, "-c", PARENT_FIRST_SCREEN, background, str(arguments)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    source, status, leaked = proc.stdout.splitlines()[-1].split()
    assert source == "parsed" and status in ("IN", "OUT", "UNDEC")
    if background == "background":
        assert leaked == "-"
    else:
        assert {"yaml", "argmap.load"} <= set(leaked.split(","))


def test_the_explorers_first_screen_from_the_cache_reads_no_yaml(tmp_path: Path) -> None:
    # a cache hit needs neither the YAML reader nor the loader (argmap.cache imports them
    # for a miss only): together a fiftieth of a second of a warm start
    maps, env = _cached_maps(tmp_path)
    proc = subprocess.run([sys.executable, "-c", PARENT_FIRST_SCREEN, "here", str(maps)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    source, status, leaked = proc.stdout.splitlines()[-1].split()
    assert source == "cached" and status in ("IN", "OUT", "UNDEC")
    assert leaked == "-"


CHILD = """
import io, pickle, sys
from pathlib import Path

from argmap.analysis.links import Links
from argmap.background import _answer

out = io.BytesIO()
_answer([Path(sys.argv[1])], Links.TEXTS, out)
out.seek(0)
said = [pickle.load(out)[0] for _ in range(2)]
print(",".join(said), ",".join(sorted({m.partition(".")[0] for m in sys.modules} & {"numpy", "scipy", "networkx"})) or "-")
"""


@pytest.mark.parametrize("maps", ["arguments", "generated"])
def test_the_child_of_a_cold_first_screen_loads_no_analysis_library(tmp_path: Path, maps: str) -> None:
    # the child that reads and analyses the maps while the explorer imports Textual is the
    # cold first screen's bottleneck on a busy machine: numpy, for the strengths it shows,
    # was half of its time at 1k claims (strengths are computed over plain lists below 50k)
    from argmap.generate import write_synthetic

    if maps == "arguments":
        target = Path(__file__).parent.parent / "arguments"
    else:
        target = tmp_path / "gen1k.yaml"
        write_synthetic(target, 1000, seed=1)
    env = {**os.environ, "ARGMAP_NO_CACHE": "1"}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(target)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    said, leaked = proc.stdout.split()
    assert said == "loading,analysed"  # the whole answer was made, strengths included
    assert leaked == "-"
