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


def _command_modules() -> dict[str, str]:
    """The command modules' names, by command name, found without importing them.

    A module's name is its command's, with ``_`` as ``-`` and a trailing ``_`` dropped
    (``import_`` is ``import``: a Python keyword cannot name a module). A command imports
    its own module alone: importing all of them cost every command a few milliseconds.
    """
    import argmap.commands as package

    # the folder's files, not pkgutil.iter_modules: that imports inspect (ast, dis,
    # tokenize), a tenth of what --help costs above bare Python
    names = sorted(entry.name[:-3] for folder in package.__path__ for entry in os.scandir(folder) if entry.name.endswith(".py") and entry.name != "__init__.py")
    return {name.rstrip("_").replace("_", "-"): f"{package.__name__}.{name}" for name in names}


def _commands() -> dict[str, ModuleType]:
    """Every command module, by command name, in ORDER (the order of ``argmap --help``)."""
    modules = {name: importlib.import_module(module) for name, module in _command_modules().items()}
    return dict(sorted(modules.items(), key=lambda item: (getattr(item[1], "ORDER", 50), item[1].__name__)))


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and exit status 2 (its default, kept)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


DESCRIPTION = "Write, check, analyse, explore and render argument maps of debates."
EPILOG = "Run 'argmap COMMAND --help' for a command's options."


def _top_parser(commands: dict[str, ModuleType]) -> argparse.ArgumentParser:
    """``argmap`` without a command: its options, and the commands listed as argparse lists
    subcommands. A parser per command (argparse's subparsers) cost more to build than
    the rest of ``--help``; the command named gets its own, from :func:`_command_parser`."""
    parser = _Parser(prog="argmap", usage="%(prog)s [-h] [--version] COMMAND ...", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("command", nargs="?", choices=commands, metavar="COMMAND", help=argparse.SUPPRESS)
    listing = parser.add_argument_group("commands")
    for name, module in commands.items():
        listing.add_argument(name, nargs="?", help=module.HELP)  # shown, never parsed (see main)
    return parser


def _command_parser(name: str, module: ModuleType, parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """The parser of ``argmap NAME``: its module declares the options."""
    if parser is None:
        parser = _Parser(prog=f"argmap {name}")
    module.configure(parser)
    return parser


def full_parser() -> argparse.ArgumentParser:
    """Every command with every option, as argparse subparsers: for the command reference
    (:mod:`argmap.docgen`), which must list what :func:`main` parses."""
    parser = _Parser(prog="argmap", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module in _commands().items():
        _command_parser(name, module, sub.add_parser(name, help=module.HELP))
    return parser


def _fail(message: str, code: int = EXIT_ERRORS) -> int:
    print(f"argmap: error: {' '.join(message.split())}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    modules = _command_modules()
    # the first word that is not an option names the command (the top level's options take no value)
    at = next((i for i, a in enumerate(arguments) if not a.startswith("-")), len(arguments))
    name = arguments[at] if at < len(arguments) else None
    if name not in modules:
        commands = _commands()
        top = _top_parser(commands)
        at += 1  # an unknown command is the top parser's to refuse
    else:
        top = _Parser(prog="argmap", add_help=False)  # the options before the command
        top.add_argument("-h", "--help", action="store_true")
        top.add_argument("--version", action="store_true")
    head = top.parse_args(arguments[:at])
    if head.version:
        from argmap import __version__

        print(f"argmap {__version__}")
        return EXIT_OK
    if name not in modules:
        top.print_help()
        return EXIT_ERRORS
    module = importlib.import_module(modules[name])
    args = _command_parser(name, module).parse_args(arguments[at + 1 :] + (["--help"] if head.help else []))
    args.command = name
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as err:
        return _failed(err)


def _failed(err: Exception) -> int:
    """The exit status of a command that raised ``err``, after one line (or one per
    problem) on stderr. argmap.errors is imported here, not before every command: its
    dataclasses cost a cached ``argmap check`` a sixth of its time."""
    from argmap.errors import ArgmapError, InputError

    if isinstance(err, InputError):
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_ERRORS
    if isinstance(err, ArgmapError):
        return _fail(str(err))
    if os.environ.get("ARGMAP_DEBUG"):  # a bug in argmap, not in the user's input
        raise err
    return _fail(f"internal error: {type(err).__name__}: {err} (please report it; ARGMAP_DEBUG=1 shows the traceback)", EXIT_BUG)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
