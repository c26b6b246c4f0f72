"""Command-line options that several commands share, defined once so they read the same.

Not a command (every module under :mod:`argmap.commands` becomes one), and free of heavy
imports: command modules call it while ``argmap --help`` is built.
"""

from __future__ import annotations

import argparse

__all__ = ["LINKS_CHOICES", "add_links_option"]

LINKS_CHOICES = ("texts", "all")
"""The values of ``--links``: those of :class:`argmap.analysis.links.Links`."""


def add_links_option(parser: argparse.ArgumentParser) -> None:
    """``--links``, the same for every command that reaches a verdict."""
    parser.add_argument(
        "--links", choices=LINKS_CHOICES, default="texts",
        help="texts (default): judge the debate on the links the texts make themselves; all: count the analyst links too "
        "(relations tagged analyst-link, drawn by the map's author between texts that do not make them)",
    )
