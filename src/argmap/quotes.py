"""Verify quotes against the source texts they cite.

A quote must occur in its source verbatim. Only runs of ASCII white space (space, tab,
newline, carriage return) are folded to one space, so a quote may be wrapped freely in
YAML; every other character — curly quotes, dashes, non-breaking spaces — must match
exactly, because the project promises verbatim quotes. A miss shows the closest passage
of the source (found with RapidFuzz's partial-ratio alignment, anchored first when the quote
or the source is long, so that any quote against any source takes well under a second),
so the fix is one look away.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.errors import Problem
from argmap.model import Quote

__all__ = ["QuoteIndex", "closest_passage", "normalize"]

_SPACES = re.compile(r"[ \t\r\n]+")


_OTHER_SPACES = re.compile("[\x0b\x0c\x1c-\x1f]")  # what str.split() also splits ASCII text on


def normalize(text: str) -> str:
    """Fold runs of ASCII white space into one space and trim the ends."""
    if text.isascii() and (text.isprintable() or _OTHER_SPACES.search(text) is None):
        return " ".join(text.split())  # the same here, and about 4x faster on a long source
    return _SPACES.sub(" ", text).strip()


_DIRECT_CELLS = 5_000_000
"""Largest quote length × source length aligned directly (under 0.1 s); beyond it, anchored."""

_WINDOWED = 400  # longest quote aligned within a window around an anchored start (about 10 ms)
_COMPARED = 4_000  # characters of a long quote scored against its passage: the hint shows far fewer
_GRAM = 12  # characters in an anchor: long enough to be rare in prose
_ANCHORS = 24  # anchors taken from a long quote, spread over it
_OCCURRENCES = 16  # occurrences of one anchor counted at most (a repeated phrase says little)
_WINDOWS = 3  # candidate places tried, best voted first


def closest_passage(quote: str, text: str) -> tuple[str, float]:
    """The passage of ``text`` most like ``quote``, and how alike they are (0–100).

    A short quote in a short source is aligned at every place (RapidFuzz's partial
    alignment). That grows with quote length × source length — a wrong 10,000-character
    quote took 22 s — so a longer pair is first *anchored*: pieces of the quote found
    verbatim in the source vote for where the quote would start, and only the best few
    places are aligned. A quote that shares no piece of 12 characters with its source has
    no close passage.
    """
    from rapidfuzz import fuzz  # only needed when a quote is wrong

    if len(quote) * len(text) <= _DIRECT_CELLS:
        found = fuzz.partial_ratio_alignment(quote, text)
        if found is None:
            return "", 0.0
        return text[found.dest_start : found.dest_end], found.score
    best: tuple[str, float] = ("", 0.0)
    for start in _anchored_starts(quote, text):
        if len(quote) <= _WINDOWED:  # align within a window around the start
            begin = max(0, start - len(quote) // 2)
            window = text[begin : start + len(quote) * 3 // 2]
            found = fuzz.partial_ratio_alignment(quote, window)
            if found is None:
                continue
            passage, score = window[found.dest_start : found.dest_end], found.score
        else:  # a long quote: compare it with the passage of its own length at the start
            passage = text[max(0, start) : start + len(quote)]
            score = fuzz.ratio(quote[:_COMPARED], passage[:_COMPARED])
        if score > best[1]:
            best = (passage, score)
    return best


def _anchored_starts(quote: str, text: str) -> list[int]:
    """Where in ``text`` the quote most likely starts, by votes of its pieces found there."""
    from collections import Counter

    votes: Counter[int] = Counter()
    last = len(quote) - _GRAM
    if last < 0:
        return []
    for offset in sorted({last * i // max(1, _ANCHORS - 1) for i in range(_ANCHORS)}):
        gram = quote[offset : offset + _GRAM]
        found = text.find(gram)
        for _ in range(_OCCURRENCES):
            if found < 0:
                break
            votes[found - offset] += 1
            found = text.find(gram, found + 1)
    # pieces on either side of a small slip vote for starts a few characters apart: pool them
    pooled: Counter[int] = Counter()
    for start, count in votes.items():
        pooled[start // 64] += count
    places = [bucket for bucket, _ in pooled.most_common(_WINDOWS)]
    return [max((s for s in votes if s // 64 == bucket), key=votes.__getitem__) for bucket in places]


def _first_difference(quote: str, passage: str) -> str:
    """Describe where ``quote`` first departs from ``passage``, naming the characters."""
    for i, (a, b) in enumerate(zip(quote, passage)):
        if a != b:
            return f"at character {i + 1} the quote has {a!r} (U+{ord(a):04X}) where the source has {b!r} (U+{ord(b):04X})"
    return "the quote is longer than the matching passage" if len(quote) > len(passage) else ""


class QuoteIndex:
    """Source texts read once each, normalised when needed, for checking many quotes."""

    def __init__(self) -> None:
        self._raw: dict[Path, str | None] = {}
        self._texts: dict[Path, str | None] = {}
        self._resume: dict[Path, int] = {}  # where the last quote found in a source starts

    def raw(self, path: Path) -> str | None:
        """The text of a source file as written, or None if it cannot be read as UTF-8."""
        try:
            return self._raw[path]  # one lookup: this runs per quote, and a Path hashes in Python
        except KeyError:
            pass
        try:
            raw: str | None = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raw = None
        self._raw[path] = raw
        return raw

    def text(self, path: Path) -> str | None:
        """The normalised text of a source file, or None if it cannot be read as UTF-8."""
        if path not in self._texts:
            raw = self.raw(path)
            self._texts[path] = None if raw is None else normalize(raw)
        return self._texts[path]

    def _in_raw(self, wanted: str, raw: str, path: Path) -> bool:
        """Whether ``wanted`` occurs in ``raw`` (the text of ``path``): ``wanted in raw``, sooner.

        Claims mostly quote a source in its own order, so the search starts where the
        last quote found in it starts and only then looks at the text before: still one
        pass over the text at most, but a short one for a map that follows its sources.
        """
        start = self._resume.get(path, 0)
        found = raw.find(wanted, start)
        if found < 0 and start:
            found = raw.find(wanted, 0, start + len(wanted) - 1)  # an occurrence starting before `start`
        if found < 0:
            return False
        self._resume[path] = found
        return True

    def check(self, quote: Quote, path: Path) -> Problem | None:
        """A problem if ``quote`` is not in the source at ``path``, else None."""
        raw = self.raw(path)
        if raw is None:
            return Problem("source-unreadable", f"source text {path.name} is not readable UTF-8 text", quote.location, hint="save it as UTF-8")
        wanted = normalize(quote.text)
        # A normalised quote (no leading, trailing or repeated white space) found in the
        # text as written is found in the normalised text too; most quotes are, so most
        # sources never need normalising.
        if self._in_raw(wanted, raw, path):
            return None
        text = self.text(path)
        assert text is not None
        if wanted in text:
            return None
        passage, score = closest_passage(wanted, text)
        if score < 50:
            return Problem("quote-not-found", "quote not found in its source", quote.location, hint=f"nothing in {path.name} is close; is it the right source?")
        shown = passage if len(passage) <= 160 else passage[:157] + "…"
        detail = _first_difference(wanted, passage)
        return Problem("quote-not-found", "quote not found in its source" + (f": {detail}" if detail else ""), quote.location, hint=f"closest passage of {path.name}: “{shown}”")
