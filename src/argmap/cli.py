"""The ``argmap`` command line: one subcommand per job, each a thin view of the library.

Start-up is kept cheap: a subcommand imports what it needs when it runs, so ``argmap
--help`` and ``argmap check`` never pay for Textual, Graphviz or networkx. Every failure
the user can cause ends in one line on stderr and exit status 2; a bug in argmap itself
ends in one line asking for a report (``ARGMAP_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

__all__ = ["main"]

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS, EXIT_BUG = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    """Register the function that runs subcommand ``name``."""

    def register(handler: Handler) -> Handler:
        _COMMANDS[name] = handler
        return handler

    return register


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Write, check, analyse, explore and render argument maps of debates.",
        epilog="Run 'argmap COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="check maps: format, references, quotes", description="Check map files or folders of maps. Prints one line per problem: file:line:col: error|warning: message [code] (hint). Exit 0 clean, 1 warnings with --strict, 2 errors.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a map file or a folder of maps")
    p.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (json for tools and CI)")
    p.add_argument("--no-quotes", action="store_true", help="skip verifying quotes against source texts")
    p.add_argument("--max-size", type=int, default=None, metavar="MIB", help="largest map file read, in MiB (default 64)")

    p = sub.add_parser("schema", help="print the JSON Schema of the map format", description="Print the JSON Schema of the map format, for editors (yaml-language-server).")

    p = sub.add_parser("new", help="write a commented starter map", description="Write a valid, commented map to start from.")
    p.add_argument("path", type=Path, metavar="FILE", help="the map file to create (e.g. arguments/my-debate.yaml)")
    p.add_argument("--title", default="A new debate", help="the debate's title")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = sub.add_parser("generate", help="write a synthetic map of N claims (tests, benchmarks)", description="Write a synthetic but realistically shaped map: theses, reasons, objections, rebuttals, quotes with a source text, cross-links.")
    p.add_argument("claims", type=int, metavar="N", help="number of claims")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="map file to write (its source text is written beside it)")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same map)")
    return parser


def _fail(message: str, code: int = EXIT_ERRORS) -> int:
    print(f"argmap: error: {' '.join(message.split())}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        from argmap import __version__

        print(f"argmap {__version__}")
        return EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_ERRORS
    from argmap.errors import ArgmapError, InputError

    try:
        return _COMMANDS[args.command](args)
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_ERRORS
    except ArgmapError as err:
        return _fail(str(err))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as err:  # a bug in argmap, not in the user's input
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        return _fail(f"internal error: {type(err).__name__}: {err} (please report it; ARGMAP_DEBUG=1 shows the traceback)", EXIT_BUG)


@command("check")
def _check(args: argparse.Namespace) -> int:
    from argmap.errors import Severity
    from argmap.load import load_workspace
    from argmap.yamlread import MAX_BYTES

    max_bytes = args.max_size * 2**20 if args.max_size else MAX_BYTES
    workspace = load_workspace(args.paths, verify_quotes=not args.no_quotes, max_bytes=max_bytes)
    errors = sum(p.severity is Severity.ERROR for p in workspace.problems)
    warnings = len(workspace.problems) - errors
    quotes = sum(c.quote is not None for c in workspace.claims.values())
    if args.format == "json":
        report = {
            "ok": errors == 0,
            "maps": sorted(workspace.maps),
            "claims": len(workspace.claims),
            "relations": len(workspace.relations),
            "quotes": quotes,
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_dict() for p in workspace.problems],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in workspace.problems:
            print(problem)
        verified = "not verified" if args.no_quotes else "verified"
        print(
            f"{len(workspace.maps)} map(s), {len(workspace.claims)} claims, {len(workspace.relations)} relations, "
            f"{quotes} quotes {verified}: {errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    if errors:
        return EXIT_ERRORS
    return EXIT_WARNINGS if warnings and args.strict else EXIT_OK


@command("schema")
def _schema(args: argparse.Namespace) -> int:
    from argmap.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


@command("new")
def _new(args: argparse.Namespace) -> int:
    from argmap.scaffold import write_starter

    write_starter(args.path, title=args.title, force=args.force)
    print(f"wrote {args.path}; check it with: argmap check {args.path}")
    return EXIT_OK


@command("generate")
def _generate(args: argparse.Namespace) -> int:
    from argmap.generate import write_synthetic

    if args.claims < 1:
        return _fail("N must be at least 1")
    write_synthetic(args.output, args.claims, seed=args.seed)
    print(f"wrote {args.output} ({args.claims} claims)")
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
