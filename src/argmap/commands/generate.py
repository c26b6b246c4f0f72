"""``argmap generate``: a synthetic map of N claims, for tests and benchmarks."""

from __future__ import annotations

import argparse

HELP = "write a synthetic map of N claims (tests, benchmarks)"
ORDER = 95


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Write a synthetic but realistically shaped map: theses, reasons, objections, "
        "rebuttals, quotes with source texts, cross-links, linked premises, undercuts."
    )
    parser.add_argument("claims", type=int, metavar="N", help="number of claims")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="map file to write (source texts go to sources/ beside it)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same map)")


def run(args: argparse.Namespace) -> int:
    from argmap.errors import ArgmapError
    from argmap.generate import write_synthetic

    if args.claims < 1:
        raise ArgmapError("N must be at least 1")
    write_synthetic(args.output, args.claims, seed=args.seed)
    print(f"wrote {args.output} ({args.claims} claims)")
    return 0
