"""Benchmark: argmap's grounded labelling against clingo and python-argumentation.

Random frameworks of n arguments and 2n attacks (seeded), timed side by side in one run:

* argmap, building the framework from names and pairs, then labelling (the label time is
  also shown alone, and the target is clingo/argmap ≥ 5× at a million arguments);
* argmap, reading the same framework from an ``.apx`` file, then labelling;
* ``argmap solve -s grounded`` on that file: the whole command, start-up, reading and the
  printed answer included;
* clingo (PyPI ``clingo``) on the same file with the standard encoding below, whose unique
  answer set is the grounded extension (the least fixpoint of the characteristic function);
* python-argumentation (``py_arg``), only up to ``PY_ARG_LIMIT`` arguments: it is quadratic.

Every answer is checked against argmap's. Run ``python bench/bench_grounded.py --smoke`` in CI.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import clingo
import numpy as np
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

from argmap.analysis.dung import Framework, grounded_extension
from argmap.analysis.iccma import read_apx

__all__ = ["main"]

GROUNDED_ASP = """
defeated(X) :- in(Y), att(Y,X).
in(X) :- arg(X), defeated(Y) : att(Y,X).
#show in/1.
"""
PY_ARG_LIMIT = 1_000
T = TypeVar("T")


def _timed(run: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def _clingo(path: Path) -> frozenset[str]:
    control = clingo.Control(["--warn=none"])
    control.load(str(path))
    control.add("base", [], GROUNDED_ASP)
    control.ground([("base", [])])
    found: list[frozenset[str]] = []
    control.solve(on_model=lambda m: found.append(frozenset(str(s.arguments[0]) for s in m.symbols(shown=True))))
    (extension,) = found
    return extension


def _solve(path: Path) -> frozenset[str]:
    """The grounded extension as ``argmap solve`` prints it, in a process of its own."""
    out = subprocess.run(
        [sys.executable, "-m", "argmap", "solve", "-s", "grounded", str(path)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert out.startswith("[[") and out.endswith("]]"), out[:80]
    return frozenset(filter(None, out[2:-2].split(",")))


def _py_arg(names: list[str], pairs: list[tuple[str, str]]) -> frozenset[str]:
    arguments = {name: Argument(name) for name in names}
    defeats = [Defeat(arguments[a], arguments[b]) for a, b in pairs]
    af = AbstractArgumentationFramework("bench", list(arguments.values()), defeats)
    return frozenset(argument.name for argument in get_grounded_extension(af))


def bench(n: int, seed: int, folder: Path) -> list[str]:
    """One row of the table for ``n`` arguments."""
    rng = np.random.default_rng(seed)
    names = [f"a{i}" for i in range(n)]
    pairs = [(names[a], names[b]) for a, b in rng.integers(0, n, size=(2 * n, 2)).tolist()]
    path = folder / f"random-{n}.apx"
    path.write_text("".join(f"arg({name}).\n" for name in names) + "".join(f"att({a},{b}).\n" for a, b in pairs))
    build, framework = _timed(lambda: Framework(names, pairs))
    label, expected = _timed(lambda: grounded_extension(framework))
    built = build + label
    read, from_file = _timed(lambda: grounded_extension(read_apx(path)))
    solve, printed = _timed(lambda: _solve(path))
    asp, by_clingo = _timed(lambda: _clingo(path))
    assert from_file == by_clingo == expected == printed, "solvers disagree"
    row = [f"{n:,}", f"{label:.2f}", f"{built:.2f}", f"{read:.2f}", f"{solve:.2f}", f"{asp:.2f}", f"{asp / built:.1f}×", f"{asp / read:.1f}×"]
    if n <= PY_ARG_LIMIT:
        slow, by_py_arg = _timed(lambda: _py_arg(names, pairs))
        assert by_py_arg == expected, "python-argumentation disagrees"
        row += [f"{slow:.2f}", f"{slow / built:.0f}×"]
    else:
        row += ["–", "–"]
    return row


def main(argv: list[str] | None = None) -> int:
    """Print the table for the sizes asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated n")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = [100, 500] if args.smoke else [int(size) for size in args.sizes.split(",")]
    header = [
        "arguments",
        "argmap label s",
        "argmap build+label s",
        "argmap read .apx+label s",
        "argmap solve s",
        "clingo s",
        "clingo/(build+label)",
        "clingo/(read+label)",
        "py_arg s",
        "py_arg/argmap",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            print("| " + " | ".join(bench(n, args.seed, Path(folder))) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
