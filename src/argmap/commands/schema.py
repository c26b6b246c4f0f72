"""``argmap schema``: print the JSON Schema of the map format."""

from __future__ import annotations

import argparse
import sys

HELP = "print the JSON Schema of the map format"
ORDER = 90


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Print the JSON Schema of the map format, for editors (yaml-language-server)."


def run(args: argparse.Namespace) -> int:
    from argmap.schema import schema_text

    sys.stdout.write(schema_text())
    return 0
