"""User text made safe for Graphviz: cleaned, wrapped by display width, escaped.

Claim texts are written by people and may hold anything: quotes, angle brackets,
ampersands, backslashes, braces, newlines, control characters, 80-character URLs,
right-to-left scripts and CJK text with no spaces at all. Everything that reaches DOT
passes through here: :func:`html_text` for HTML-like labels (``html.escape``, and the
tags it returns are ours) and :func:`dot_text` for plain attributes such as tooltips
(backslashes doubled, so ``\\N`` or a trailing backslash stays literal). Wrapping counts
display columns (a CJK character is two) and cuts words longer than a line, so boxes
stay narrow whatever the text.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable

import graphviz

__all__ = ["BREAK", "clean", "display_width", "dot_escape", "dot_text", "html_lines", "html_text", "shorten", "wrap"]

BREAK = '<BR ALIGN="LEFT"/>'
"""A left-aligned line break inside an HTML-like label."""

_ELLIPSIS = "…"


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters (Unicode category Cc), lone surrogates and non-characters."""


def clean(text: str) -> str:
    """``text`` on one line: control characters, invalid code points and runs of white space
    become single spaces (XML, and so ``dot``, rejects most control characters)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # most text is clean already: printable text has no white space but " "
    return " ".join(_UNPRINTABLE.sub(" ", text).split())


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a proportional font, roughly: wide (CJK) characters count two."""
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def _cut(word: str, width: int, first: int) -> list[str]:
    """Cut a word too long for a line into pieces, the first at most ``first`` columns wide."""
    pieces, piece, used, limit = [], "", 0, first
    for char in word:
        w = _char_width(char)
        if used + w > limit and piece:
            pieces.append(piece)
            piece, used, limit = "", 0, width
        piece += char
        used += w
    if piece:
        pieces.append(piece)
    return pieces


def wrap(text: str, width: int, max_lines: int | None = None, *, cleaned: bool = False) -> list[str]:
    """``text`` cleaned and wrapped to lines of at most ``width`` columns.

    Words longer than a line are cut (URLs, CJK text without spaces); past ``max_lines``
    the last line ends in an ellipsis. ``cleaned`` says ``text`` is :func:`clean`'s
    output already (a claim's text, cleaned once for its box and its tooltip).
    """
    width = max(4, width)
    if not cleaned:
        text = clean(text)
    lines = _fill(text, width) if text.isascii() else None
    if lines is None:
        lines = _wrap_words(text.split(" "), width)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shorten(lines[-1] + " " + _ELLIPSIS, width)
    return lines or [""]


def _fill(text: str, width: int) -> list[str] | None:
    """Cleaned ASCII ``text`` wrapped the way :func:`_wrap_words` does it: each line the
    longest run of whole words at most ``width`` characters long (one regex instead of a
    Python step per word: most claim texts are like this).

    None when a word is longer than a line: the regex skips characters no line can hold,
    so the lines and the spaces between them no longer add up to the text (a cheaper test
    than measuring every word first).
    """
    lines = _line_pattern(width).findall(text)
    if text and sum(map(len, lines)) + len(lines) - 1 != len(text):
        return None
    return lines


@functools.cache
def _line_pattern(width: int) -> re.Pattern[str]:
    """The longest run of at most ``width`` characters that ends at the end of a word."""
    return re.compile(f"(.{{1,{width}}})(?: |$)")


def _wrap_words(words: list[str], width: int) -> list[str]:
    """Words wrapped to lines of at most ``width`` display columns, cutting words longer than a line."""
    lines: list[str] = []
    line, used = "", 0
    for word in words:
        if not word:
            continue
        w = display_width(word)
        gap = 1 if line else 0
        if used + gap + w <= width:
            line, used = line + " " * gap + word, used + gap + w
            continue
        if w <= width:
            lines.append(line)
            line, used = word, w
            continue
        room = width - used - gap
        pieces = _cut(word, width, room if room >= 4 else width)
        if room >= 4:
            line += " " * gap + pieces.pop(0)
        if line:
            lines.append(line)
        lines.extend(pieces[:-1])
        line = pieces[-1]
        used = display_width(line)
    if line:
        lines.append(line)
    return lines


def shorten(text: str, width: int) -> str:
    """``text`` cleaned and cut to ``width`` columns, ending in an ellipsis when cut."""
    text = clean(text)
    if display_width(text) <= width:
        return text
    return _cut(text, width, width - 1)[0].rstrip() + _ELLIPSIS


def html_text(text: str) -> str:
    """One piece of user text escaped for an HTML-like label."""
    return html.escape(clean(text), quote=True)


def html_lines(lines: Iterable[str]) -> str:
    """Lines of cleaned user text (as :func:`wrap` returns them) escaped and joined by
    left-aligned breaks. Cleaned text holds no newline, so the lines are escaped in one go."""
    return html.escape("\n".join(lines), quote=True).replace("\n", BREAK)


def dot_text(parts: Iterable[str]) -> str:
    """Pieces of user text as one plain DOT attribute value (a tooltip), a line each.

    Backslashes are doubled so none starts an escape sequence; the result is marked as
    not HTML, so text that happens to start with ``<`` and end with ``>`` is quoted.
    """
    lines = [clean(part).replace("\\", "\\\\") for part in parts]
    value: str = graphviz.nohtml("\\n".join(filter(None, lines)))
    return value


def dot_escape(text: str) -> str:
    """One line of *cleaned* user text escaped for the inside of a double-quoted DOT string:
    backslashes doubled, as :func:`dot_text` doubles them, then double quotes escaped.

    ``'"' + "\\n".join(lines) + '"'`` of such lines is exactly how ``graphviz`` quotes the
    :func:`dot_text` of the same lines whenever it quotes it: built this way, a diagram's
    thousands of tooltips need neither a second cleaning of text already clean nor a
    ``nohtml`` string and a quoting pass each.
    """
    return text.replace("\\", "\\\\").replace('"', '\\"')
