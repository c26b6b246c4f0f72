"""Benchmark editing: open, one edit, undo and save on synthetic maps of 100 to 5,000 claims.

Each row edits a fresh copy of a generated map (``argmap generate``) with
:class:`argmap.edit.Editor`, as the explorer does: *open* reads and checks the folder,
*edit* replaces one claim's text in the middle of the map (checked as ``argmap check``
would), *add* adds a claim as a reason, *undo* undoes it (and re-reads the workspace),
*save* writes the file. *whole* is the same text edit with slicing turned off (the whole
document round-tripped, as before), so the ratio beside it is measured in the same run.

Run ``python bench/bench_edit.py`` (100, 1k, 5k) or ``--smoke`` (50, 200; seconds, for CI).
Target: an edit under 0.3 s at 1,000 claims, growing linearly.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from statistics import median

__all__ = ["main", "measure"]

SIZES = (100, 1_000, 5_000)
SMOKE_SIZES = (50, 200)
WHOLE_UP_TO = 1_000  # the whole-document path takes ~15 s an edit at 5k: measured up to here
REPEATS = 3


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(size: int, whole: bool) -> dict[str, float]:
    """Seconds for each step on a map of ``size`` claims (medians of a few edits)."""
    import argmap.edit.session as session
    from argmap.edit import Editor
    from argmap.edit.slices import SliceError
    from argmap.generate import write_synthetic

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        write_synthetic(path, size, 0)
        row: dict[str, float] = {"claims": size}
        editors: list[Editor] = []
        row["open"] = median(_time(lambda: editors.append(Editor(folder))) for _ in range(REPEATS))
        editor = editors[-1]
        keys = list(editor.workspace.claims)
        middle = keys[len(keys) // 2 :]
        row["edit"] = median(_time(partial(editor.set_text, middle[n], f"Edited text {n}.")) for n in range(REPEATS))
        row["add"] = median(_time(partial(editor.add_claim, f"big:new-{n}", "A new reason.", supports=[middle[n]])) for n in range(REPEATS))
        row["undo"] = median(_time(lambda: (editor.undo(), editor.workspace)) for _ in range(REPEATS))
        row["save"] = _time(editor.save)
        if whole:
            def refuse(*args: object, **kwargs: object) -> None:
                raise SliceError("benchmark: whole document")

            sliced = getattr(session, "Slice")  # noqa: B009 -- swapped out and back below
            setattr(session, "Slice", refuse)  # noqa: B010
            try:
                fresh = Editor(folder)
                fresh.set_text(middle[-1], "Warm the whole document.")  # the first whole edit also parses it
                row["whole"] = median(_time(partial(fresh.set_text, middle[n], f"Whole {n}.")) for n in range(REPEATS))
            finally:
                setattr(session, "Slice", sliced)  # noqa: B010
        return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    args = parser.parse_args(argv)
    sizes = SMOKE_SIZES if args.smoke else SIZES
    print(f"{'claims':>7} {'open s':>8} {'edit s':>8} {'add s':>8} {'undo s':>8} {'save s':>8} {'whole s':>8} {'whole/edit':>10}")
    for size in sizes:
        row = measure(size, whole=size <= WHOLE_UP_TO)
        whole = row.get("whole")
        ratio = f"{whole / row['edit']:>9.1f}x" if whole else f"{'-':>10}"
        whole_text = f"{whole:>8.3f}" if whole else f"{'-':>8}"
        print(f"{size:>7} {row['open']:>8.3f} {row['edit']:>8.3f} {row['add']:>8.3f} {row['undo']:>8.3f} {row['save']:>8.3f} {whole_text} {ratio}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
