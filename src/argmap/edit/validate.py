"""Check unsaved map texts with the loader itself, as ``argmap check`` would check them saved.

:func:`argmap.load.load_workspace` takes the text of maps not yet written (``texts=``), so
an edit is checked exactly as ``argmap check`` will check the saved file, with nothing
written anywhere. One thing is kept between checks: quote verification. Only an edited
claim's quote can change, so each (source file, quote text) is verified once per session
and its verdict reused, placed at the quote's current line; the problems come out in the
same order as the loader's own pass would give them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from argmap.errors import Problem
from argmap.load import ReadCache, load_workspace
from argmap.model import Quote, Workspace
from argmap.quotes import QuoteIndex

__all__ = ["Checker", "display"]


def display(path: Path) -> str:
    """A path as the user types it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class Checker:
    """Loads the workspace ``root`` as given texts would make it, quote verdicts remembered."""

    def __init__(self, root: Path, *, verify_quotes: bool = True, cache: ReadCache | None = None) -> None:
        """``cache``, if given, keeps what each map read as between checks (for an editor's keystrokes)."""
        self.root = root
        self.verify_quotes = verify_quotes
        self.cache = cache
        self._index = QuoteIndex()
        self._verdicts: dict[tuple[str, str], Problem | None] = {}  # by source file (as text: a Path hashes slowly) and quote

    def forget(self) -> None:
        """Drop remembered source texts and verdicts (the sources may have changed on disk)."""
        self._index = QuoteIndex()
        self._verdicts.clear()

    def __call__(self, texts: Mapping[Path, str]) -> Workspace:
        """The workspace with ``texts`` (map file → text) in place of what is on disk."""
        workspace = load_workspace([self.root], texts=texts, verify_quotes=False, cache=self.cache)
        if not self.verify_quotes:
            return workspace
        found: list[Problem] = []
        for argmap in workspace.maps.values():  # the loader's order: maps, then their claims
            for claim in argmap.claims.values():
                quote = claim.quote
                if quote is None:
                    continue
                path = argmap.sources[quote.source].text_path
                if path is None:
                    continue
                key = (str(path), quote.text)
                if key not in self._verdicts:
                    self._verdicts[key] = self._index.check(Quote(quote.source, quote.text, "", 1, 1), path)
                verdict = self._verdicts[key]
                if verdict is not None:
                    found.append(dataclasses.replace(verdict, location=quote.location))
        if not found:
            return workspace
        # the loader sorts once with quote problems last; a stable sort of the sorted rest gives the same order
        problems = sorted((*workspace.problems, *found), key=lambda p: (p.location.path, p.location.line, p.location.column))
        return dataclasses.replace(workspace, problems=tuple(problems))
