"""The subcommands of ``argmap``, one module each, found by :func:`argmap.cli.main`.

A command module defines ``HELP`` (one line for ``argmap --help``), ``ORDER`` (its place
in that list), ``configure(parser)`` and ``run(args) -> int`` (the exit status). It must
import heavy libraries (Textual, Graphviz, networkx) inside ``run``, never at the top:
every module here is imported for ``argmap --help``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same
if TYPE_CHECKING:
    from pathlib import Path


def emit(text: str, output: Path | None) -> None:
    """Write a command's text result to ``output`` (atomically), or to stdout when None."""
    if output is None:
        print(text, end="")
        return
    from argmap.fileio import atomic_write_text

    atomic_write_text(output, text)
    print(f"wrote {output}")
