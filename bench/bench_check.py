"""Benchmark ``argmap check`` against its floor, and argmap's start-up against Python's.

    python bench/bench_check.py            # 1k, 10k and 100k claims
    python bench/bench_check.py --smoke    # small sizes, a few seconds (CI)

Each measurement runs in a fresh process, side by side in one run:

* *floor*: ``yaml.load(text, Loader=yaml.CSafeLoader)`` on the same file -- the parse
  alone, with libyaml's C loader; ``argmap check`` should stay within 2x of it;
* *events*: libyaml's event stream fetched and dropped (``CSafeLoader.get_event`` in a
  loop) -- what the loader reads YAML through, so no load can be faster than this;
* *check*: ``argmap check FILE`` (format, references, support cycles, every quote);
* peak memory (ru_maxrss) of each process, to show memory grows linearly with the map;
* start-up: ``argmap --help`` and ``argmap check`` on a 5-claim map against
  ``python -c pass`` (target: under 3x), the median of several runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEASURE = """
import resource, sys, time
path = sys.argv[2]
start = time.perf_counter()
if sys.argv[1] == "floor":
    import yaml
    with open(path, encoding="utf-8") as f:
        yaml.load(f.read(), Loader=yaml.CSafeLoader)
    code = 0
elif sys.argv[1] == "events":
    import yaml
    with open(path, encoding="utf-8") as f:
        get_event = yaml.CSafeLoader(f.read()).get_event
    while not isinstance(get_event(), yaml.StreamEndEvent):
        pass
    code = 0
else:
    from argmap.cli import main
    code = main(["check", "--max-size", "1024", path])
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code, file=sys.stderr)
"""


def measure(kind: str, path: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one fresh-process run of ``kind`` on ``path``."""
    proc = subprocess.run([sys.executable, "-c", MEASURE, kind, str(path)], capture_output=True, text=True, check=False)
    elapsed, rss, code = proc.stderr.strip().splitlines()[-1].split()
    if kind == "check" and int(code) != 0:
        raise SystemExit(f"argmap check failed on {path}:\n{proc.stdout[:2000]}")
    return float(elapsed), int(rss) / 1024


def wall(command: list[str], repeats: int) -> float:
    """Median wall time of a whole command, start-up included."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="claims per generated map, comma-separated")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    args = parser.parse_args()
    sizes = [200, 1000] if args.smoke else [int(s) for s in args.sizes.split(",")]
    repeats = 3 if args.smoke else 9

    from argmap.generate import write_synthetic

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'claims':>8} {'MiB':>7} {'floor s':>8} {'events s':>9} {'check s':>8} {'ratio':>6} {'floor MiB':>10} {'check MiB':>10} {'MiB/claim-k':>12}")
        for n in sizes:
            path = folder / f"m{n}.yaml"
            write_synthetic(path, n, seed=1)
            size = path.stat().st_size / 2**20
            floor_s, floor_mb = measure("floor", path)
            events_s, _ = measure("events", path)
            check_s, check_mb = measure("check", path)
            print(f"{n:>8} {size:>7.1f} {floor_s:>8.3f} {events_s:>9.3f} {check_s:>8.3f} {check_s / floor_s:>6.2f} {floor_mb:>10.0f} {check_mb:>10.0f} {check_mb / n * 1000:>12.1f}")

        small = folder / "small.yaml"
        from argmap.scaffold import write_starter

        write_starter(small)
        base = wall([sys.executable, "-c", "pass"], repeats)
        helptime = wall([sys.executable, "-m", "argmap", "--help"], repeats)
        checktime = wall([sys.executable, "-m", "argmap", "check", str(small)], repeats)
        print()
        print(f"{'start-up (median of ' + str(repeats) + ')':<28} {'s':>7} {'x python -c pass':>17}")
        print(f"{'python -c pass':<28} {base:>7.3f} {1:>17.2f}")
        print(f"{'argmap --help':<28} {helptime:>7.3f} {helptime / base:>17.2f}")
        print(f"{'argmap check (5 claims)':<28} {checktime:>7.3f} {checktime / base:>17.2f}")


if __name__ == "__main__":
    main()
