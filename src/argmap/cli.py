"""The ``argmap`` command line: one subcommand per module of :mod:`argmap.commands`.

Start-up is kept cheap: command modules import what they need when they run, so
``argmap --help`` and ``argmap check`` never pay for Textual, Graphviz or networkx.
Every failure the user can cause ends in one line on stderr and exit status 2; a bug
in argmap itself ends in one line asking for a report (``ARGMAP_DEBUG=1`` shows the
traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

__all__ = ["EXIT_BUG", "EXIT_ERRORS", "EXIT_OK", "EXIT_WARNINGS", "main", "run"]

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS, EXIT_BUG = 0, 1, 2, 3


def _commands() -> dict[str, ModuleType]:
    """The command modules, by command name, in ORDER.

    A module's name is its command's, with ``_`` as ``-`` and a trailing ``_`` dropped
    (``import_`` is ``import``: a Python keyword cannot name a module).
    """
    import argmap.commands as package

    # the folder's files, not pkgutil.iter_modules: that imports inspect (ast, dis,
    # tokenize), a tenth of what --help costs above bare Python
    names = sorted(entry.name[:-3] for folder in package.__path__ for entry in os.scandir(folder) if entry.name.endswith(".py") and entry.name != "__init__.py")
    modules = [importlib.import_module(f"{package.__name__}.{name}") for name in names]
    modules.sort(key=lambda m: (getattr(m, "ORDER", 50), m.__name__))
    return {m.__name__.rpartition(".")[2].rstrip("_").replace("_", "-"): m for m in modules}


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and exit status 2 (its default, kept)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser(commands: dict[str, ModuleType], only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``only``, the options of that command alone are declared
    (the others are listed by name and help): declaring all of them cost more than
    most commands' own start-up."""
    parser = _Parser(
        prog="argmap",
        description="Write, check, analyse, explore and render argument maps of debates.",
        epilog="Run 'argmap COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module in commands.items():
        command = sub.add_parser(name, help=module.HELP)
        if only is None or name == only:
            module.configure(command)
    return parser


def _fail(message: str, code: int = EXIT_ERRORS) -> int:
    print(f"argmap: error: {' '.join(message.split())}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    commands = _commands()
    arguments = sys.argv[1:] if argv is None else list(argv)
    # the first word that is not an option names the command (the top level's options take no value)
    named = next((a for a in arguments if not a.startswith("-")), None)
    parser = _parser(commands, only=named if named in commands else None)
    args = parser.parse_args(arguments)
    if args.version:
        from argmap import __version__

        print(f"argmap {__version__}")
        return EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_ERRORS
    from argmap.errors import ArgmapError, InputError

    try:
        return int(commands[args.command].run(args))
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


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
