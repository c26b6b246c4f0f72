"""``argmap solve``: extensions of an ICCMA framework (or a map), in ICCMA's output syntax."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "extensions of an ICCMA .apx/.tgf framework (or a map), in ICCMA syntax"
ORDER = 25

SEMANTICS = ("grounded", "complete", "preferred", "stable")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Print every extension of an abstract argumentation framework under a semantics, in "
        "the ICCMA output syntax: [[a1,a2],[a3]], [] when there is none, [[]] when the empty "
        "set is the only one. Reads ICCMA .apx and .tgf files; with --map, an argmap map "
        "(its claims, with rebuttals and undercuts as attacks)."
    )
    parser.add_argument("path", type=Path, metavar="FILE", help="an .apx or .tgf file (or a map with --map)")
    parser.add_argument("--semantics", "-s", choices=SEMANTICS, required=True, help="the semantics")
    parser.add_argument("--map", action="store_true", help="FILE is an argmap map: solve its claims")
    parser.add_argument("--max-steps", type=int, default=None, metavar="N", help="search budget for complete/preferred/stable (label assignments)")


def run(args: argparse.Namespace) -> int:
    from argmap.analysis.dung import MAX_SEARCH_STEPS, extensions
    from argmap.analysis.iccma import format_extensions, read_framework
    from argmap.errors import ArgmapError, InputError

    budget = args.max_steps or MAX_SEARCH_STEPS
    if args.map:
        from argmap.analysis.debate import attack_framework
        from argmap.graph import build_graph
        from argmap.load import load_workspace

        workspace = load_workspace([args.path])
        if not workspace.ok:
            raise InputError(workspace.problems)
        graph = build_graph(workspace)
        found = extensions(attack_framework(graph), args.semantics, max_steps=budget)
        # relations are arguments of the framework; report claims, by the names users write
        claims = {key for key, data in graph.nodes(data=True) if data["type"] == "claim"}
        found = list(dict.fromkeys(frozenset(workspace.display_id(k) for k in ext if k in claims) for ext in found))
    else:
        try:
            framework = read_framework(args.path)
        except OSError as err:
            raise ArgmapError(f"{args.path}: cannot read: {err.strerror or err}") from err
        found = extensions(framework, args.semantics, max_steps=budget)
    sys.stdout.write(format_extensions(found) + "\n")
    return 0

