"""Word diffs of two texts, for claim texts and quotes: what a reader sees changed.

A text is cut into words, runs of white space and single punctuation marks, and the two
sequences are compared with :mod:`difflib`; the result is a list of ``(op, text)`` runs,
``op`` one of ``=`` (kept), ``-`` (removed) and ``+`` (added).
"""

from __future__ import annotations

import difflib
import re

__all__ = ["word_diff"]

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The runs that turn ``old`` into ``new``, word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
            continue
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        # a change between two kept words: keep the white space around it out of the change
        add("-", removed)
        add("+", added)
    return _tidy(runs)


def _tidy(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Merge a kept run of only white space between two changes into them, so that
    ``[-a b-]{+c d+}`` reads as one change, not four."""
    out: list[tuple[str, str]] = []
    for index, (op, text) in enumerate(runs):
        between = 0 < index < len(runs) - 1 and op == "=" and not text.strip() and runs[index - 1][0] != "=" and runs[index + 1][0] != "="
        if between:
            out.append(("-", text))
            out.append(("+", text))
            continue
        out.append((op, text))
    merged: list[tuple[str, str]] = []
    removed, added = "", ""
    for op, text in out:
        if op == "-":
            removed += text
        elif op == "+":
            added += text
        else:
            if removed:
                merged.append(("-", removed))
            if added:
                merged.append(("+", added))
            removed, added = "", ""
            merged.append((op, text))
    if removed:
        merged.append(("-", removed))
    if added:
        merged.append(("+", added))
    return merged
