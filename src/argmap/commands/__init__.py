"""The subcommands of ``argmap``, one module each, found by :func:`argmap.cli.main`.

A command module defines ``HELP`` (one line for ``argmap --help``), ``ORDER`` (its place
in that list), ``configure(parser)`` and ``run(args) -> int`` (the exit status). It must
import heavy libraries (Textual, Graphviz, networkx) inside ``run``, never at the top:
every module here is imported for ``argmap --help``.
"""
