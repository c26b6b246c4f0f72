"""The command-line options every export takes, defined once so they read the same everywhere.

Kept free of heavy imports: command modules call it while ``argmap --help`` is built.
"""

from __future__ import annotations

import argparse

__all__ = ["DEFAULT_DIAGRAMS", "add_scope_options"]

DEFAULT_DIAGRAMS = 1000
"""Claims of an HTML page that get a neighbourhood diagram, nearest the theses first (here,
not in :mod:`argmap.export.html`, so ``argmap --help`` does not import the page builder)."""


def add_scope_options(parser: argparse.ArgumentParser) -> None:
    """Add MAP paths and the ``--side`` / ``--thesis`` / ``--depth`` choices of what goes in."""
    from pathlib import Path  # here: --help imports this module, and pathlib is a tenth of its time
    parser.add_argument("paths", nargs="+", type=Path, metavar="MAP", help="a map file or a folder of maps")
    parser.add_argument("--side", metavar="SIDE", help="only this side's case (a side id of the map)")
    parser.add_argument("--thesis", metavar="CLAIM", help="only this thesis and what bears on it (claim id, or map:claim)")
    parser.add_argument("--depth", type=int, metavar="N", help="only claims at most N relations from a contention")
