"""``argmap check``: the format, references and quotes of maps, compiler-style."""

from __future__ import annotations

import argparse
import sys

from argmap.cli import EXIT_ERRORS, EXIT_OK, EXIT_WARNINGS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from argmap.errors import Problem

HELP = "check maps: format, references, quotes"
ORDER = 10


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check map files or folders of maps. Prints one line per problem: "
        "file:line:col: error|warning: message [code] (hint). "
        "Exit 0 clean, 1 warnings with --strict, 2 errors."
    )
    # plain strings, not pathlib.Path: a remembered report is printed without importing pathlib (a tenth of it)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a map file or a folder of maps")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="output format (json for tools and CI)")
    parser.add_argument("--no-quotes", action="store_true", help="skip verifying quotes against source texts")
    parser.add_argument("--max-size", type=int, default=None, metavar="MIB", help="largest map file read, in MiB (default 64)")


def run(args: argparse.Namespace) -> int:
    from argmap import stamps

    # a clean report is remembered with the files it was read from: checking them again
    # unchanged (a pre-commit hook, an editor's on-save run, CI's second step) prints it
    # without parsing a map or importing the loader -- three times faster on small maps
    options = [not args.no_quotes, args.max_size]
    report = stamps.recall("check", args.paths, options)
    problems: Sequence[Problem] = ()
    if report is None:
        report, problems = _check(args.paths, verify_quotes=not args.no_quotes, max_size=args.max_size, options=options)
    if args.format == "json":
        import json

        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
        sys.stdout.flush()
        quotes, verified = report["quotes"], report["quotes_verified"]
        if args.no_quotes:
            quoted = f"{quotes} quotes not verified"
        else:
            quoted = f"{verified} quotes verified against their sources"
            if verified < quotes:
                quoted += f" ({quotes - verified} cite a source with no text)"
        print(
            f"{len(report['maps'])} map(s), {report['claims']} claims, {report['relations']} relations, "
            f"{quoted}: {report['errors']} error(s), {report['warnings']} warning(s)",
            file=sys.stderr,
        )
    if report["errors"]:
        return EXIT_ERRORS
    return EXIT_WARNINGS if report["warnings"] and args.strict else EXIT_OK


def _check(paths: Sequence[str], *, verify_quotes: bool, max_size: int | None, options: list[object]) -> tuple[dict[str, Any], Sequence[Problem]]:
    """Load and check the maps: the report (as ``--format json`` prints it) and the
    problems. A report without problems is remembered (:mod:`argmap.stamps`)."""
    import time

    from argmap import stamps
    from argmap.errors import Severity
    from argmap.load import load_workspace
    from argmap.yamlread import MAX_BYTES

    read_since = time.time_ns()
    workspace = load_workspace(paths, verify_quotes=verify_quotes, max_bytes=max_size * 2**20 if max_size else MAX_BYTES)
    errors = sum(p.severity is Severity.ERROR for p in workspace.problems)
    quotes = [c for c in workspace.claims.values() if c.quote is not None]
    checkable = sum(1 for c in quotes if (source := workspace.source(c)) is not None and source.text_path is not None)
    report = {
        "ok": errors == 0,
        "maps": sorted(workspace.maps),
        "claims": len(workspace.claims),
        "relations": len(workspace.relations),
        "quotes": len(quotes),
        "quotes_verified": checkable if verify_quotes else 0,
        "errors": errors,
        "warnings": len(workspace.problems) - errors,
        "problems": [p.as_dict() for p in workspace.problems],
    }
    if not workspace.problems:  # a problem may come from a file that is missing: never remembered
        stamps.remember("check", paths, options, workspace.files(), report, read_since=read_since)
    return report, workspace.problems
