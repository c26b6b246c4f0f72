"""Benchmark the explorer: launch to first screen, keypress to screen, memory, at 1k-100k claims.

Each size runs in a fresh interpreter (so peak memory is that size's alone) and drives the
real app through Textual's test harness (``run_test`` + pilot), as the tests do:

* *first screen*: from creating the app to the tree showing its first claim line (this
  includes loading the map in the worker: parse, check, graph, the analysis the tree shows --
  shown apart as *load*); the rest of the analysis follows in the background (*rest*);
* *keypress*: ``pilot.press`` until the app is idle again (``pilot.pause``), for a cursor
  move, an expand, a jump to a deep claim (the median of jumps to the five deepest of the
  last 200 claims; its depth is their median), a trace step, opening each view beside the
  tree (the slowest), and a search in the find palette's matcher (run in a thread by the
  palette);
* *peak RSS*: ``ru_maxrss`` of the process when the app has closed (before the load is
  timed again on its own).

Run ``python bench/bench_tui.py`` (1k, 10k, 100k) or ``--smoke`` (200, 1k; seconds, for CI).
Targets: first screen < 1 s at 10k, keypress < 50 ms at 10k, memory < 300 MB at 100k.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

__all__ = ["main", "measure"]

SIZES = (1_000, 10_000, 100_000)
SMOKE_SIZES = (200, 1_000)
REPEATS = 5


async def _press(pilot: Any, *keys: str) -> tuple[float, float]:
    """Wall and CPU seconds from pressing ``keys`` to the app being idle with the screen updated."""
    wall, cpu = time.perf_counter(), time.process_time()
    await pilot.press(*keys)
    await pilot.pause()
    return time.perf_counter() - wall, time.process_time() - cpu


def _median(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return median(s[0] for s in samples), median(s[1] for s in samples)


async def _measure(path: Path) -> dict[str, float]:
    results: dict[str, float] = {}
    await _drive(path, results)
    # the app's peak, before anything else runs in this process
    results["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gc.collect()
    # the load alone, once more, after the app is gone
    from argmap.tui.view import MapView

    start = time.perf_counter()
    MapView.load([path])
    results["load"] = time.perf_counter() - start
    return results


async def _drive(path: Path, results: dict[str, float]) -> None:
    """Launch the app on ``path`` and time its first screen and keys into ``results``."""
    from argmap.tui import make_app
    from argmap.tui.screens.main import MainScreen
    from argmap.tui.screens.trace import TraceScreen

    start = time.perf_counter()
    app = make_app([path], poll_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        results["first_paint"] = time.perf_counter() - start  # the screen, tree still loading
        while app.view is None:  # a plain sleep: pilot.pause repaints, stealing the worker's GIL
            await asyncio.sleep(0.01)
        view = app.view
        results["claims"] = len(view.workspace.claims)
        while not isinstance(app.screen, MainScreen) or app.screen.claim_tree.cursor_node is None:
            await asyncio.sleep(0.01)
        # the screen's pending events handled and the screen drawn; not pilot.pause(), which
        # waits for the whole process to idle, so also for the analyses that follow the screen
        await pilot.pause(0)
        results["first_screen"] = time.perf_counter() - start
        main = app.screen
        assert isinstance(main, MainScreen)
        while any(not w.is_finished for w in app.workers):  # the rest of the analysis, in the background
            await asyncio.sleep(0.01)
        results["analysed"] = time.perf_counter() - start
        await pilot.pause(0.2)
        # the harness floor: a key bound to nothing, through the same press-and-wait
        results["noop"], results["noop_cpu"] = _median([await _press(pilot, "x") for _ in range(REPEATS)])
        results["move"], results["move_cpu"] = _median([await _press(pilot, key) for key in "jkjkj"])
        expands = []
        tree = main.claim_tree
        for _ in range(REPEATS):
            # onto the next collapsed claim that has children, so "l" has something to expand
            while (node := tree.cursor_node) is None or not node.allow_expand or node.is_expanded:
                await _press(pilot, "j")
            expands.append(await _press(pilot, "l"))
            assert node.is_expanded and node.children, "the expand key expanded nothing"
        results["expand"], results["expand_cpu"] = _median(expands)
        # the deepest of the last claims declared: long paths to expand from their theses
        # (a median of several, as for the other keys: the first jump of a run also pays
        # for one-time work, and one sample swung from 38 to 59 ms between runs)
        deepest = sorted(list(view.workspace.claims)[-200:], key=lambda k: -len(view.path_to(k)))[:REPEATS]
        jumps = []
        for deep in deepest:
            wall, cpu = time.perf_counter(), time.process_time()
            found = main.jump(deep)
            await pilot.pause()
            jumps.append((time.perf_counter() - wall, time.process_time() - cpu))
            assert found and main.claim_tree.cursor_key == deep, "the jump did not reach its claim"
        results["jump"], results["jump_cpu"] = _median(jumps)
        results["jump_depth"] = median(len(view.path_to(deep)) for deep in deepest)
        # trace from the claim with the longest chain of answers among the first answered ones
        # (at 100k claims the first few hundred declared are answered by nobody)
        answered = itertools.islice((k for k in view.workspace.claims if view.answers(k)), 300)
        start_key = max(answered, key=lambda k: len(view.last_word_path(k)))
        assert main.jump(start_key), "the trace's claim is not in the tree"
        await pilot.pause()
        results["trace_depth"] = len(view.last_word_path(start_key))
        await _press(pilot, "t")
        trace = app.screen
        assert isinstance(trace, TraceScreen) and trace.trace.current == start_key, "t opened no trace"
        steps = []
        for _ in range(REPEATS):
            steps.append(await _press(pilot, "enter"))  # follow the first answer
            assert trace.trace.index == 1, "enter followed no answer"
            await _press(pilot, "left")
        results["trace_step"], results["trace_step_cpu"] = _median(steps)
        await _press(pilot, "escape")  # back to the main screen
        # each view beside the tree, opened the first time (when it is filled): the slowest
        opened = [await _press(pilot, key) for key in "2345"]
        assert isinstance(app.screen, MainScreen) and app.screen.query_one("TabbedContent").active == "flow", "the views did not open"
        results["views"], results["views_cpu"] = max(opened, key=lambda sample: sample[1])
        start = time.perf_counter()
        view.find("police training corruption")
        results["find"] = time.perf_counter() - start



def measure(path: Path) -> dict[str, float]:
    """Measure the explorer on the map at ``path`` (in this process)."""
    return asyncio.run(_measure(path))


def _child(path: Path, env: dict[str, str]) -> dict[str, float] | None:
    proc = subprocess.run([sys.executable, __file__, "--one", str(path)], capture_output=True, text=True, env=env)
    if proc.returncode:
        print(proc.stderr, file=sys.stderr)
        return None
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _row(r: dict[str, float], base: dict[str, float]) -> str:
    def key(name: str) -> str:
        return f"{r[name] * 1000:>5.0f}/{(r[name + '_cpu'] - r['noop_cpu']) * 1000:>3.0f}"

    return (
        f"{int(r['claims']):>7} {r['load']:>6.2f} {r['first_paint']:>5.2f} {r['first_screen']:>6.2f}"
        f" {r['first_screen'] / base['first_screen']:>5.1f}x {r['analysed'] - r['first_screen']:>5.2f}"
        f" {r['noop'] * 1000:>5.0f}/{r['noop_cpu'] * 1000:>3.0f}"
        f" {key('move')} {key('expand')} {key('jump')} ({int(r['jump_depth']):>3}) {key('trace_step')} {key('views')}"
        f" {r['find'] * 1000:>6.0f} {r['rss_mb']:>6.0f} {r['cached_screen']:>8.2f}"
    )


HEADER = """\
                  first  full          rest  harness  keypress to idle screen: wall ms / CPU ms above the floor
 claims load s paint s screen s ratio     s floor ms   move    expand     jump (depth)   trace     views   find ms RSS MB cached s"""

NOTES = """\
load: parse + check + graph + the analysis the tree shows (status, strength, dropped) + tree roots
(MapView.load), timed alone after the app closed.
first paint: the app on screen (the load worker may already be done at small sizes).
full screen: the tree and detail of the loaded map drawn. ratio: full screen relative to the smallest size.
rest: after the full screen, until the background analysis (clashes, chains, ...; MapView.finish) is done;
keys are timed after it.
floor: an unbound key through the same pilot press-and-wait (the harness' own cost, wall/CPU ms);
other keys: wall ms / CPU ms minus the floor's CPU, i.e. the work the key itself causes.
views: the slowest of opening the claims, dropped, clash and flow views (2-5) the first time, when they
are filled (a large map's flow and clash lists show their first rows). About 100 ms of it is Textual's
own tab switch (restyling the screen and footer, the tab's animation), whatever the map's size:
the column shows that a large map's views cost little more than a small one's.
cached: full screen of a second launch on the same, unchanged map, from argmap's cache (argmap.cache);
the other columns are a first launch, with no cache.
Targets: full screen < 1 s and keys < 50 ms at 10k claims; RSS < 300 MB at 100k."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds (CI)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child process: one map, JSON out
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(Path(args.one))))
        return 0
    from argmap.generate import write_synthetic

    sizes = SMOKE_SIZES if args.smoke else SIZES
    print(HEADER)
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"bench{n}.yaml"
            write_synthetic(path, n, seed=1)
            # dated a minute back: the cache does not store files written just before
            # they were read (argmap.cache.store), and the warm launch needs an entry
            a_minute_ago = time.time() - 60
            for written in [path, *Path(tmp).glob('sources/*')]:
                os.utime(written, (a_minute_ago, a_minute_ago))
            cold = {**os.environ, "ARGMAP_NO_CACHE": "1"}
            warm = {k: v for k, v in os.environ.items() if k != "ARGMAP_NO_CACHE"} | {"ARGMAP_CACHE_DIR": str(Path(tmp) / "cache")}
            first = _child(path, cold)
            _child(path, warm)  # fills the cache
            second = _child(path, warm)
            if first is None or second is None:
                return 1
            rows.append(first | {"cached_screen": second["first_screen"]})
        print(_row(rows[-1], rows[0]), flush=True)
    print(NOTES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
