"""The command reference, ``docs/commands.md``, written from the CLI's own argument parser.

Every command's section comes from the parser :func:`argmap.cli.main` runs: its one-line
help, description, usage and arguments. So the reference cannot drift from the program;
``tests/test_docs.py`` fails when the committed file is not what this module writes now.

Regenerate it from the repository's root with::

    python3 -m argmap.docgen > docs/commands.md

The text is the same whatever the terminal: usage lines are wrapped at :data:`WIDTH`
columns (argparse would take the width from ``COLUMNS``), and each argument's line is
written here rather than by argparse's help formatter, whose layout changes between
Python versions.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence

__all__ = ["REGENERATE", "WIDTH", "main", "render"]

WIDTH = 88
"""Columns of the usage lines."""

REGENERATE = "python3 -m argmap.docgen > docs/commands.md"
"""The command that rewrites the reference (run from the repository's root)."""


def _usage(parser: argparse.ArgumentParser) -> str:
    """The usage line, wrapped at :data:`WIDTH` (written here: argparse's wrapping differs between versions)."""
    groups = {id(a): group for group in parser._mutually_exclusive_groups for a in group._group_actions}
    shown: set[int] = set()
    optionals: list[str] = []
    positionals: list[str] = []
    for action in parser._actions:
        if action.help is argparse.SUPPRESS:
            continue
        parts = optionals if action.option_strings else positionals
        group = groups.get(id(action))
        if group is None:
            parts.append(_usage_part(action, brackets=not action.required and bool(action.option_strings)))
        elif id(group) not in shown:
            shown.add(id(group))
            inner = " | ".join(_usage_part(a, brackets=False) for a in group._group_actions)
            parts.append(f"({inner})" if group.required else f"[{inner}]")
    line = " ".join([parser.prog, *optionals, *positionals])
    if len(line) <= WIDTH:
        return line
    # as argparse wraps: the options, then the positional arguments from a line of their own
    indent = " " * (len(parser.prog) + 1)
    lines = [parser.prog]
    for parts in (optionals, positionals):
        for i, part in enumerate(parts):
            if (i == 0 and parts is positionals) or len(lines[-1]) + 1 + len(part) > WIDTH:
                lines.append(indent + part)
            else:
                lines[-1] += " " + part
    return "\n".join(lines)


def _usage_part(action: argparse.Action, brackets: bool) -> str:
    if isinstance(action, argparse._SubParsersAction):
        return f"{_metavar(action)} ..."
    if action.option_strings:
        text = action.option_strings[0] if action.nargs == 0 else f"{action.option_strings[0]} {_value(action)}"
    else:
        text = _value(action)
    return f"[{text}]" if brackets else text


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, tuple[str, argparse.ArgumentParser]]:
    """Each command's name, one-line help and parser, in the order ``argmap --help`` lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return {name: (helps.get(name, ""), sub) for name, sub in action.choices.items()}
    return {}


def _metavar(action: argparse.Action) -> str:
    if action.metavar is not None:
        return str(action.metavar) if not isinstance(action.metavar, tuple) else " ".join(action.metavar)
    if action.choices is not None:
        return "{" + ",".join(map(str, action.choices)) + "}"
    return action.dest if not action.option_strings else action.dest.upper()


def _value(action: argparse.Action) -> str:
    """How an argument's values are written: ``PATH [PATH ...]``, ``FILE``, ``[N]``."""
    name = _metavar(action)
    nargs = action.nargs
    if nargs == "+":
        return f"{name} [{name} ...]"
    if nargs == "*":
        return f"[{name} ...]"
    if nargs == "?":
        return f"[{name}]"
    if isinstance(nargs, int):
        return " ".join([name] * nargs)
    return name


def _invocation(action: argparse.Action) -> str:
    """How an argument is written in full: ``PATH [PATH ...]``, ``-o FILE, --output FILE``, ``--strict``."""
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    if not action.option_strings:
        return _value(action)
    return ", ".join(f"{option} {_value(action)}" for option in action.option_strings)


def _meaning(action: argparse.Action) -> str:
    """An argument's help, with what argparse knows and the help does not say."""
    text = " ".join((action.help or "").split())
    if action.help and "%(" in action.help:
        text = text % {"default": action.default, "prog": "", "choices": action.choices}
    notes = []
    if action.option_strings and action.required:
        notes.append("required")
    shown_default = action.default not in (None, False, argparse.SUPPRESS) and action.nargs != 0
    if shown_default and "default" not in text:
        notes.append(f"default: {action.default}")
    if notes:
        text += f" ({'; '.join(notes)})"
    return text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _arguments(parser: argparse.ArgumentParser) -> Iterator[str]:
    """A table of the parser's arguments, then a line per group of options that exclude each other."""
    actions = [a for a in parser._actions if not isinstance(a, argparse._HelpAction | argparse._SubParsersAction)]
    if not actions:
        return
    yield "| argument | meaning |"
    yield "| --- | --- |"
    for action in actions:
        yield f"| `{_cell(_invocation(action))}` | {_cell(_meaning(action))} |"
    for group in parser._mutually_exclusive_groups:
        names = [f"`{a.option_strings[-1]}`" for a in group._group_actions]
        yield ""
        yield f"Give at most one of {', '.join(names[:-1])} and {names[-1]}."


def render() -> str:
    """The text of ``docs/commands.md``."""
    from argmap.cli import full_parser

    parser = full_parser()
    commands = _subcommands(parser)
    lines = [
        "# Command reference",
        "",
        "<!-- Generated from argmap's argument parser; do not edit by hand. -->",
        f"<!-- Regenerate from the repository's root: {REGENERATE} -->",
        "",
        "This page is written by `argmap.docgen` from the parser that `argmap` itself runs, so it",
        "lists exactly the commands and options of this version (`argmap COMMAND --help` prints",
        "them for the terminal). After a change to a command, regenerate it from the repository's",
        "root:",
        "",
        "```sh",
        REGENERATE,
        "```",
        "",
        "A command exits 0 when it has done its job and 2 when it reports an error: a wrong",
        "option, or a map with errors (one line per problem, as `argmap check` prints them).",
        "`check --strict` and `render --all --check` exit 1 as their options say, and 3 means a",
        "bug in argmap (please report it; `ARGMAP_DEBUG=1` shows the traceback).",
        "",
        "```text",
        _usage(parser),
        "```",
        "",
        " ".join((parser.description or "").split()),
        "",
        *_arguments(parser),
        "",
        "| command | what it does |",
        "| --- | --- |",
        *(f"| [`{name}`](#argmap-{name}) | {_cell(help_)} |" for name, (help_, _) in commands.items()),
    ]
    for name, (help_, sub) in commands.items():
        lines += ["", f"## argmap {name}", "", help_[:1].upper() + help_[1:] + ".", "", "```text", _usage(sub), "```"]
        if sub.description:
            lines += ["", " ".join(sub.description.split())]
        table = list(_arguments(sub))
        if table:
            lines += ["", *table]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python3 -m argmap.docgen [-o FILE]``: print the reference, or write it to FILE."""
    parser = argparse.ArgumentParser(prog="python3 -m argmap.docgen", description="Write the command reference (docs/commands.md) from argmap's parser.")
    parser.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    text = render()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from pathlib import Path

    from argmap.fileio import atomic_write_text

    atomic_write_text(Path(args.output), text)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
