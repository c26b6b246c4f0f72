"""Benchmark the Verbatim importer beside python-docx's bare open of the same file (the floor).

Two files: the largest real Verbatim file of the shared data (``data/verbatim``, where it
is present) and a generated one of 5,000 cards (500 with ``--smoke``), written by argmap's
own exporter: pockets, hats, A2 blocks and cards with highlighted read text. For each:

* ``docx open`` is ``docx.Document(path)`` in this process: python-docx unzips and parses
  every part, which the importer cannot avoid;
* ``read`` is :func:`import_verbatim` in this process: the open, the walk of every run and
  the draft (claims, sources, relations), nothing written;
* ``open cli`` is ``python -c "import docx; docx.Document(path)"`` as a process, ``import
  cli`` is ``argmap import FILE -o MAP.yaml`` (start-up, read, map and source texts written,
  the map loaded and every quote verified).

Times are medians of a few runs. Run ``python bench/bench_verbatim.py`` or ``--smoke``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

__all__ = ["generated", "main", "measure"]

REPO = Path(__file__).resolve().parents[1]
CARDS, SMOKE_CARDS = 5_000, 500
_WORDS = "the policy causes harm because markets respond to prices and regulators act slowly when evidence is uncertain".split()


def generated(path: Path, cards: int) -> Path:
    """A Verbatim file of ``cards`` cards: 5 pockets, 10 blocks each way, A2 blocks answering tags."""
    from argmap.interchange.verbatim_write import VerbatimDocument

    document = VerbatimDocument(f"{cards} generated cards", "aff")
    per_block = max(1, cards // 100)
    for n in range(cards):
        if n % (per_block * 20) == 0:
            document.heading(1, f"{'1AC' if n // (per_block * 20) % 2 == 0 else '1NC'} pocket {n}")
            document.heading(2, f"Hat {n}")
        if n % per_block == 0:
            document.heading(3, f"A2: Tag number {n - per_block}" if n and n % (per_block * 2) == 0 else f"Block {n}")
        document.heading(4, f"Tag number {n}")
        document.cite("", f"Author{n % 97} {n % 30:02d}", f", Professor of Things, “Title {n}”, https://example.org/{n}")
        text = " ".join(_WORDS[(n + i) % len(_WORDS)] for i in range(120))
        document.card([text[:300], text[300:]], (40, 260))
    document.save(path)
    return path


def measure(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return median(times)


def _process(args: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "ARGMAP_NO_CACHE": "1"}
    subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)


def _largest_real() -> Path | None:
    roots = [Path(os.environ["ARGMAP_SHARED"])] if os.environ.get("ARGMAP_SHARED") else [REPO.parent / "shared"]
    files = [p for root in roots for p in (root / "data" / "verbatim").glob("*.docx")]
    return max(files, key=lambda p: p.stat().st_size) if files else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a small generated file and one run each (seconds, for CI)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    import docx

    from argmap.interchange.verbatim import import_verbatim

    runs = 1 if args.smoke else 3
    with tempfile.TemporaryDirectory() as tmp:
        files = [generated(Path(tmp) / "generated.docx", SMOKE_CARDS if args.smoke else CARDS)]
        real = _largest_real()
        if real is not None:
            files.insert(0, real)
        print(f"{'file':<44} {'KB':>6} {'cards':>6} {'docx open':>10} {'read':>8} {'open cli':>9} {'import cli':>11}")
        for n, path in enumerate(files):
            _, stats = import_verbatim([path])
            out = Path(tmp) / f"m{n}" / "m.yaml"
            out.parent.mkdir()
            floor = measure(lambda p=path: docx.Document(str(p)), runs)
            read = measure(lambda p=path: import_verbatim([p]), runs)
            open_cli = measure(lambda p=path: _process(["-c", f"import docx; docx.Document({str(p)!r})"]), runs)
            import_cli = measure(lambda p=path, o=out: _process(["-m", "argmap", "import", str(p), "-o", str(o), "--force"]), runs)
            cards = sum(s.cards for s in stats.values())
            print(f"{path.name[:44]:<44} {path.stat().st_size // 1024:>6} {cards:>6} {floor:>9.2f}s {read:>7.2f}s {open_cli:>8.2f}s {import_cli:>10.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
