"""``argmap check``: the format, references and quotes of maps, compiler-style."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.cli import EXIT_ERRORS, EXIT_OK, EXIT_WARNINGS

HELP = "check maps: format, references, quotes"
ORDER = 10


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check map files or folders of maps. Prints one line per problem: "
        "file:line:col: error|warning: message [code] (hint). "
        "Exit 0 clean, 1 warnings with --strict, 2 errors."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a map file or a folder of maps")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="output format (json for tools and CI)")
    parser.add_argument("--no-quotes", action="store_true", help="skip verifying quotes against source texts")
    parser.add_argument("--max-size", type=int, default=None, metavar="MIB", help="largest map file read, in MiB (default 64)")


def run(args: argparse.Namespace) -> int:
    from argmap.errors import Severity
    from argmap.load import load_workspace
    from argmap.yamlread import MAX_BYTES

    max_bytes = args.max_size * 2**20 if args.max_size else MAX_BYTES
    workspace = load_workspace(args.paths, verify_quotes=not args.no_quotes, max_bytes=max_bytes)
    errors = sum(p.severity is Severity.ERROR for p in workspace.problems)
    warnings = len(workspace.problems) - errors
    quotes = [c for c in workspace.claims.values() if c.quote is not None]
    checkable = sum(1 for c in quotes if (source := workspace.source(c)) is not None and source.text_path is not None)
    if args.format == "json":
        report = {
            "ok": errors == 0,
            "maps": sorted(workspace.maps),
            "claims": len(workspace.claims),
            "relations": len(workspace.relations),
            "quotes": len(quotes),
            "quotes_verified": 0 if args.no_quotes else checkable,
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_dict() for p in workspace.problems],
        }
        import json

        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in workspace.problems:
            print(problem)
        sys.stdout.flush()
        if args.no_quotes:
            quoted = f"{len(quotes)} quotes not verified"
        else:
            quoted = f"{checkable} quotes verified against their sources"
            if checkable < len(quotes):
                quoted += f" ({len(quotes) - checkable} cite a source with no text)"
        print(
            f"{len(workspace.maps)} map(s), {len(workspace.claims)} claims, {len(workspace.relations)} relations, "
            f"{quoted}: {errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    if errors:
        return EXIT_ERRORS
    return EXIT_WARNINGS if warnings and args.strict else EXIT_OK
