"""Benchmark the semantic diff and the merge driver beside git's own line diff and merge.

Each size generates a map (``argmap generate``) and versions of it that differ in 1 % of
its claims: a quarter of those get a new answer (a claim and a relation), a quarter a
note, half an edited text. *diff* compares the map with the 1 % version; *merge* merges
two versions made from it that each change a different half of those claims (a clean
merge). Times are medians of a few runs:

* ``git diff`` is ``git diff --no-index`` on the two files, ``git merge`` is
  ``git merge-file`` on the three (each a process: git's start-up is in its time);
* ``structure`` is argmap's own time for what changed (no analysis, as
  ``argmap diff --no-effects``), ``effects`` for the whole ``argmap diff`` (both versions
  loaded and analysed, at once in two processes on Linux), ``merge`` for the merge driver's
  merge: in this process, without the interpreter's start-up;
* ``diff cli`` and ``merge cli`` are the commands as git runs them, start-up included
  (``argmap --version`` alone is the last column);
* the CPU seconds of ``structure``, ``effects`` (its child process included) and ``merge``
  close the row: on a busy machine they say more than the wall clock.

Run ``python bench/bench_diff.py`` (10k and 100k claims) or ``--smoke`` (500 and 2,000;
seconds, for CI). Target: the diff and the merge of 10k-claim maps well under a second of
argmap's own time.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

__all__ = ["changed", "main", "measure"]

SIZES = (10_000, 100_000)
SMOKE_SIZES = (500, 2_000)
SHARE = 0.01  # of the claims that differ


def changed(text: str, picks: list[int], tag: str) -> str:
    """``text`` (a generated map) with the claims ``c<i>`` for ``i`` in ``picks`` changed."""
    lines = text.splitlines(keepends=True)
    at = {int(m.group(1)): n for n, line in enumerate(lines) if (m := re.match(r"  c(\d+):\n", line))}
    extra = []
    for order, number in sorted(enumerate(picks), key=lambda p: -at[p[1]]):  # from the end: insertions move no later line
        line = at[number]
        if order % 4 == 0:
            extra.append(f'  {tag}-answer-{number}:\n    text: "A new answer to c{number}."\n    by: ben\n    rebuts: [c{number}]\n')
        elif order % 4 == 1:
            end = line + 1
            while end < len(lines) and lines[end].startswith("    "):
                end += 1
            lines.insert(end, f"    note: {tag} looked at this\n")
        else:
            assert lines[line + 1].startswith('    text: "')
            lines[line + 1] = f'    text: "Edited ({tag}): {lines[line + 1][11:]}'
    return "".join(lines) + "".join(extra)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (a forked analysis, git)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _time(action: Callable[[], object], repeats: int, cpu: dict[str, float] | None = None, name: str = "") -> float:
    """Median wall seconds of ``action``; its median CPU seconds go into ``cpu[name]``."""
    times, used = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), _cpu()
        action()
        times.append(time.perf_counter() - start)
        used.append(_cpu() - start_cpu)
    if cpu is not None:
        cpu[name] = median(used)
    return median(times)


def _run(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run(args, capture_output=True, check=False)


def measure(size: int, repeats: int) -> dict[str, float]:
    """Seconds for each column on a map of ``size`` claims."""
    from argmap.analysis.links import Links
    from argmap.diff import semantic_diff
    from argmap.diff.merge import merge_texts
    from argmap.diff.report import as_text
    from argmap.diff.sides import pairs
    from argmap.generate import write_synthetic

    argmap = str(Path(sys.executable).parent / "argmap")
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as scratch:
        root = Path(scratch)
        for side in ("old", "new"):
            write_synthetic(root / side / "debate.yaml", size, 0)
        base = (root / "old" / "debate.yaml").read_text(encoding="utf-8")
        picks = random.Random(size).sample(range(size), max(2, int(size * SHARE)))
        (root / "new" / "debate.yaml").write_text(changed(base, picks, "x"), encoding="utf-8")
        half = len(picks) // 2
        ours, theirs = changed(base, picks[:half], "o"), changed(base, picks[half:], "t")
        for name, text in (("base.yaml", base), ("ours.yaml", ours), ("theirs.yaml", theirs)):
            (root / name).write_text(text, encoding="utf-8")
        old, new = str(root / "old" / "debate.yaml"), str(root / "new" / "debate.yaml")

        def diff(effects: bool) -> Callable[[], object]:
            def run() -> str:
                [workspaces] = pairs([old, new])
                try:
                    return as_text([semantic_diff(workspaces, effects=effects, links=Links.TEXTS, parallel=True)])
                finally:
                    workspaces.close()

            return run

        def merge() -> None:
            result = merge_texts(base, ours, theirs, path="debate.yaml")
            assert result.clean and result.fallback is None

        def merge_cli() -> None:
            shutil.copy(root / "ours.yaml", root / "result.yaml")
            subprocess.run([argmap, "merge-driver", str(root / "base.yaml"), str(root / "result.yaml"), str(root / "theirs.yaml"), "7", "debate.yaml"], check=True, capture_output=True)

        cpu: dict[str, float] = {}
        row = {
            "claims": size,
            "git diff": _time(_run("git", "diff", "--no-index", "--no-ext-diff", "--no-textconv", old, new), repeats),
            "structure": _time(diff(False), repeats, cpu, "structure"),
            "effects": _time(diff(True), repeats, cpu, "effects"),
            "diff cli": _time(_run(argmap, "diff", old, new), repeats),
            "git merge": _time(_run("git", "merge-file", "-p", str(root / "ours.yaml"), str(root / "base.yaml"), str(root / "theirs.yaml")), repeats),
            "merge": _time(merge, repeats, cpu, "merge"),
            "merge cli": _time(merge_cli, repeats),
            "start-up": _time(_run(argmap, "--version"), repeats),
        }
        row.update((f"{name} cpu", seconds) for name, seconds in cpu.items())
        return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, for CI")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (the median is shown)")
    args = parser.parse_args(argv)
    sizes = SMOKE_SIZES if args.smoke else SIZES
    columns = ("git diff", "structure", "effects", "diff cli", "git merge", "merge", "merge cli", "start-up")
    print(f"{'claims':>8} " + " ".join(f"{c + ' s':>12}" for c in columns) + f" {'(cpu: structure':>16} {'effects':>8} {'merge)':>8}")
    for size in sizes:
        row = measure(size, args.repeats if size <= 10_000 else 1)
        print(f"{size:>8} " + " ".join(f"{row[c]:>12.3f}" for c in columns) + f" {row['structure cpu']:>16.3f} {row['effects cpu']:>8.3f} {row['merge cpu']:>8.3f}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
