"""``argmap lsp``: the language server, for editors (diagnostics, completion, navigation, rename)."""

from __future__ import annotations

import argparse

HELP = "run the language server (for editors; speaks LSP on stdin/stdout)"
ORDER = 75


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Run argmap's language server on stdin and stdout, for an editor to start: errors as you "
        "type (what 'argmap check' reports, across the folder), completion of ids and quotes, hover, "
        "go to definition, references, rename, outline and quick fixes. See docs/editors.md for "
        "Neovim, Helix and VS Code."
    )
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default; editors often pass it)")
    parser.add_argument("--log", metavar="FILE", default=None, help="write the server's log to FILE")


def run(args: argparse.Namespace) -> int:
    import logging

    from argmap.lsp.server import make_server

    if args.log:
        logging.basicConfig(filename=args.log, level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    make_server().start_io()
    return 0
