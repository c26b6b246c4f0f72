"""Benchmark: map → SVG with argmap, side by side with ``dot`` alone on the same DOT.

Why: Graphviz does the layout, and it should be nearly all of the time. argmap's own
share (load, analysis, building the DOT) must stay under 15 % of the total from 1,000
claims up. Each size writes a synthetic map (``argmap.generate.write_synthetic``),
renders its whole-map view to SVG through argmap, and runs ``dot -Tsvg`` alone on the
DOT that argmap produced, in the same run. Each stage is the best of ``--repeat`` runs (the
machine may be busy; the best run is the least disturbed one). The two ``dot`` runs take
turns going first, so neither is always the one straight after argmap's own work: they lay
out the same DOT into byte-identical SVG, yet on a busy machine either one's time swings by
a third from run to run.

    python bench/bench_render.py            # 50, 200, 1,000 and 3,000 claims
    python bench/bench_render.py --smoke    # tiny sizes, seconds (CI)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argmap.analysis import analyze
from argmap.generate import write_synthetic
from argmap.graph import build_graph
from argmap.load import load_workspace
from argmap.render import RenderOptions, View, build_dot, render

__all__ = ["main", "measure"]

SIZES = (50, 200, 1_000, 3_000)
SMOKE_SIZES = (20, 60)
LIMIT = 0.15
LIMIT_FROM = 1_000


def measure(n: int, folder: Path, alone_first: bool = False) -> dict[str, float]:
    """Seconds for each stage of rendering an ``n``-claim map, and for dot alone."""
    path = folder / f"bench{n}.yaml"
    write_synthetic(path, n, seed=1)
    start = time.perf_counter()
    workspace = load_workspace([path], verify_quotes=False)
    loaded = time.perf_counter()
    graph = build_graph(workspace)
    analysis = analyze(workspace, graph)
    analysed = time.perf_counter()
    digraph = build_dot(workspace, graph, analysis, View.whole(), RenderOptions())
    source = digraph.source
    built = time.perf_counter()
    dot_file = folder / f"bench{n}.dot"
    dot_file.write_text(source, encoding="utf-8")
    dot_alone = 0.0
    if alone_first:
        dot_alone = _dot_alone(dot_file, folder / f"bench{n}-dot.svg")
    render_start = time.perf_counter()
    render(digraph, folder / f"bench{n}.svg", "svg")
    dot_in_argmap = time.perf_counter() - render_start
    if not alone_first:
        dot_alone = _dot_alone(dot_file, folder / f"bench{n}-dot.svg")
    return {
        "load": loaded - start,
        "analysis": analysed - loaded,
        "build": built - analysed,
        "dot_in_argmap": dot_in_argmap,
        "total": built - start + dot_in_argmap,
        "dot_alone": dot_alone,
    }


def _dot_alone(dot_file: Path, svg: Path) -> float:
    """Seconds ``dot -Tsvg`` takes on its own for the DOT argmap wrote."""
    start = time.perf_counter()
    subprocess.run(["dot", "-Tsvg", str(dot_file), "-o", str(svg)], check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes only, for CI")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; each stage's best is kept")
    args = parser.parse_args(argv)
    if shutil.which("dot") is None:
        print("Graphviz dot is not installed (apt-get install graphviz / brew install graphviz)", file=sys.stderr)
        return 2
    sizes = SMOKE_SIZES if args.smoke else SIZES
    header = f"{'claims':>7} {'load':>7} {'analysis':>9} {'build':>7} {'dot(argmap)':>12} {'total':>7} {'dot alone':>10} {'argmap share':>13}"
    print(header)
    print("-" * len(header))
    failed = False
    with tempfile.TemporaryDirectory() as temp:
        for n in sizes:
            runs = [measure(n, Path(temp), alone_first=i % 2 == 1) for i in range(1 if args.smoke else max(1, args.repeat))]
            t = {stage: min(run[stage] for run in runs) for stage in runs[0]}
            own = t["load"] + t["analysis"] + t["build"]
            share = own / (own + t["dot_alone"])
            over = n >= LIMIT_FROM and share >= LIMIT
            failed |= over
            print(
                f"{n:>7,} {t['load']:>6.2f}s {t['analysis']:>8.2f}s {t['build']:>6.2f}s {t['dot_in_argmap']:>11.2f}s "
                f"{t['total']:>6.2f}s {t['dot_alone']:>9.2f}s {share:>12.1%}{'  OVER' if over else ''}"
            )
    print(f"\nargmap share = (load + analysis + build) / (that + dot alone); limit {LIMIT:.0%} from {LIMIT_FROM:,} claims")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
