"""An edit that brings a map back to data it held earlier in the session writes that state's bytes.

ruamel re-spells some of what it round-trips (a comment's column, a quoted text's lines, an
escape, a value below its key), and each layout it re-spells had to be paired back by hand
for an edit and its inverse (add and remove, link and unlink, a move and the move back) to
give the file back. This closes that whole class by construction: the editor keeps the texts
each map has had in the session, each with a fingerprint of its YAML *data* (read with
argmap's own reader, in order; comments and layout left out), and when an edit's text holds
the data of an earlier text of the same map, that earlier text is written instead, byte for
byte. Only texts this editor held are reused: they are in memory, so nobody changed them, and
a reload from disk starts a map's list again.

A fingerprint costs a parse of the whole map, so it is taken only where it can pay off: for
a map under :data:`MAX_CHARS` whose length is within :data:`SLACK` of an earlier text's (an
inverse edit gives back the data, so the length moves only by what ruamel re-spelled), where
the lines in which they differ (at most :data:`WINDOW` characters) hold the same characters
but for what ruamel re-spells. Neither test says the data is the same; they only spare the
parse where it cannot be.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argmap.yamlread import read_yaml_text

__all__ = ["KEPT", "MAX_CHARS", "SLACK", "WINDOW", "Earlier", "Patch", "fingerprint", "patch", "patched"]

KEPT = 20
"""Texts kept per map (the text it was opened with counts as one)."""

MAX_CHARS = 1 << 20
"""Longer texts are never fingerprinted: a parse of one takes over 0.15 s (about 3,500 claims)."""

SLACK = 256
"""How far (in characters) an edit's text may be from an earlier text's length to be compared."""

WINDOW = 16 * 1024
"""Most characters in which an edit's text may differ from an earlier text's to be compared (an
inverse edit differs only where ruamel re-spelled the claims it touched)."""


def fingerprint(text: str) -> bytes | None:
    """A digest of the YAML data of ``text`` in order (comments and layout left out); None
    where it does not read cleanly (a duplicate key drops a value, so two texts could differ
    in what the digest shows alike)."""
    data, problems = read_yaml_text(text, "")
    if problems or data is None:
        return None
    # the reader makes only dicts, lists, str, int, float, bool and None: repr tells them all apart, in order
    return hashlib.blake2b(repr(data).encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(slots=True, eq=False)
class _Text:
    text: str
    digest: bytes | None = None
    known: bool = False  # whether digest was computed (None is a result too)

    def fingerprint(self) -> bytes | None:
        if not self.known:
            self.digest, self.known = fingerprint(self.text), True
        return self.digest


@dataclass
class Earlier:
    """The texts each map has had in one editing session, newest last."""

    kept: dict[Path, list[_Text]] = field(default_factory=dict)
    _measured: dict[Path, _Text] = field(default_factory=dict)  # the last edit's texts, fingerprinted by restore()

    @classmethod
    def of(cls, texts: Mapping[Path, str], before: Mapping[Path, Sequence[str]] | None = None) -> Earlier:
        """The maps opened with ``texts``; ``before``: texts some of them had earlier (oldest first)."""
        before = before or {}
        return cls({path: [*(_Text(t) for t in before.get(path, ()) if t != text), _Text(text)][-KEPT:] for path, text in texts.items()})

    def others(self, path: Path, text: str) -> list[str]:
        """The earlier texts of map ``path`` (oldest first) other than ``text``, short enough to compare."""
        return [t.text for t in self.kept.get(path, []) if t.text != text and len(t.text) <= MAX_CHARS]

    def restore(self, path: Path, text: str) -> str:
        """The text map ``path`` is to hold after an edit that rendered ``text``: the earlier
        text with its data, if there is one, else ``text``. :meth:`keep` it once accepted."""
        texts = self.kept.get(path, [])
        if len(text) > MAX_CHARS or any(t.text == text for t in texts):
            return text
        new = _Text(text)
        for earlier in reversed(texts):
            if abs(len(earlier.text) - len(text)) <= SLACK and _alike(earlier.text, text):
                self._measured[path] = new
                if new.fingerprint() is None:
                    return text
                if earlier.fingerprint() == new.digest:
                    return earlier.text
        return text

    def keep(self, path: Path, text: str) -> None:
        """Map ``path`` holds ``text`` after an edit: remember it as its newest text."""
        texts = self.kept.setdefault(path, [])
        measured = self._measured.pop(path, None)
        same = next((t for t in texts if t.text == text), None) or (measured if measured and measured.text == text else _Text(text))
        texts[:] = [*(t for t in texts if t is not same), same][-KEPT:]

    def start_again(self, path: Path, text: str) -> None:
        """Map ``path`` now holds ``text`` from outside this editor: forget what it held before."""
        self.kept[path] = [_Text(text)]


Patch = tuple[int, int, str]
"""A text as another one changed: the length of their common start, of their common end, and what is between."""


_CHUNK = 4096


def _common_start(a: str, b: str) -> int:
    """The length of the common start of ``a`` and ``b``, a chunk at a time (compares run in C)."""
    most, start = min(len(a), len(b)), 0
    while start < most and a[start : start + _CHUNK] == b[start : start + _CHUNK]:
        start += _CHUNK
    end = min(start + _CHUNK, most)
    while start < end and a[start] == b[start]:
        start += 1
    return min(start, most)


def _common_end(a: str, b: str, most: int) -> int:
    """The length of the common end of ``a`` and ``b``, at most ``most``, a chunk at a time."""
    end = 0
    while end + _CHUNK <= most and a[len(a) - end - _CHUNK : len(a) - end] == b[len(b) - end - _CHUNK : len(b) - end]:
        end += _CHUNK
    while end < most and a[len(a) - end - 1] == b[len(b) - end - 1]:
        end += 1
    return end


def patch(base: str, text: str) -> Patch:
    """``text`` as a change of ``base``: what an edit changed is a few lines, so this is small."""
    start = _common_start(base, text)
    end = _common_end(base, text, min(len(base), len(text)) - start)
    return start, end, text[start : len(text) - end]


_ESCAPE = re.compile(r"\\(?:(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})|.)", re.DOTALL)
_SPELLING = re.compile(r"[\s'\"\\,\[\]{}>|!?:-]+")


def _alike(a: str, b: str) -> bool:
    """Whether the lines where ``a`` and ``b`` differ hold the same characters but for
    what ruamel re-spells (spaces, line breaks, quotes, escapes, tags, flow, block and key punctuation):
    a cheap test before a parse, which alone says whether the data is the same."""
    start, end, _ = patch(a, b)
    if max(len(a), len(b)) - start - end > WINDOW:
        return False
    start = a.rfind("\n", 0, start) + 1
    stop = a.find("\n", len(a) - end)
    end = len(a) - (len(a) if stop < 0 else stop)
    return _spelled(a[start : len(a) - end]) == _spelled(b[start : len(b) - end])


def _unescaped(escape: re.Match[str]) -> str:
    """The character a numbered escape stands for; nothing for the others (mostly line
    breaks, tabs and quotes, all left out of the comparison anyway)."""
    number = escape.group(1)
    code = int(number[1:], 16) if number else -1
    return chr(code) if 0 <= code <= 0x10FFFF else ""


def _spelled(window: str) -> str:
    decoded = _ESCAPE.sub(_unescaped, window)
    return _SPELLING.sub("", decoded)


def patched(base: str, change: Patch) -> str | None:
    """The text ``change`` makes of ``base``; None where it does not fit ``base``."""
    start, end, middle = change
    if start < 0 or end < 0 or start + end > len(base):
        return None
    return base[:start] + middle + base[len(base) - end :]
