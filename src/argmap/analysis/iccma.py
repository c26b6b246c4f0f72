"""ICCMA file formats: read ``.apx`` and ``.tgf`` frameworks, write extensions.

The formats are those of the International Competition on Computational Models of
Argumentation (ICCMA 2015-2021; Thimm & Villata, "The first international competition on
computational models of argumentation", AI Magazine 38(1), 2017):

* ``.apx``: one fact a line, ``arg(a1).`` and ``att(a1,a2).``;
* ``.tgf``: argument names one a line, a ``#`` line, then ``attacker target`` lines.

Files seen in the wild have CRLF line ends, spaces inside the parentheses, blank lines,
self-attacks, isolated arguments and arguments declared out of order; all are accepted, and so
are ``%`` comment lines in ``.apx`` (its facts are ASP/Prolog syntax) and arguments declared
twice. An attack on an undeclared argument, or a line that is no fact, is an
:class:`~argmap.errors.InputError` whose problems give line and column.

A million arguments with two million attacks (57 MB of ``.apx``) read in about a second. An
``.apx`` file as the ICCMA generators write it (ASCII, one ``arg(a).`` or ``att(a,b).`` a line,
no spaces or comments) is checked by one regular expression over its bytes and cut into
names with numpy, without a Python object per name: each name is packed into 64-bit words,
hashed, and matched to its declaration by sorting (checked byte for byte, so a hash collision
only costs the slow path). Any other file takes that slow path: the whole text is matched by
regular expressions at once and names are looked up in a dict (about a microsecond each,
dominated by cache misses); lines are only walked one by one to locate errors.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import suppress
from itertools import chain
from pathlib import Path

import numpy as np
import numpy.typing as npt

from argmap.analysis.dung import Framework
from argmap.errors import InputError, Location, Problem

__all__ = ["format_extensions", "natural_key", "read_apx", "read_framework", "read_tgf"]

_NAME = r"([^\s,()]+)"
_ARG = re.compile(rf"^[ \t]*arg[ \t]*\([ \t]*{_NAME}[ \t]*\)[ \t]*\.[ \t]*\r?$", re.M)
_ATT = re.compile(rf"^[ \t]*att[ \t]*\([ \t]*{_NAME}[ \t]*,[ \t]*{_NAME}[ \t]*\)[ \t]*\.[ \t]*\r?$", re.M)
_APX_CONTENT = re.compile(r"^[ \t\r]*[^\s%]", re.M)  # a line that is neither blank nor comment
_TGF_NAME = re.compile(r"^[ \t]*(\S+)[ \t]*\r?$", re.M)
_TGF_ATTACK = re.compile(r"^[ \t]*(\S+)[ \t]+(\S+)[ \t]*\r?$", re.M)
_CONTENT = re.compile(r"^[ \t\r]*\S", re.M)
_DIGITS = re.compile(r"([0-9]+)")
_SEPARATOR = re.compile(r"^[ \t]*#[ \t]*\r?$", re.M)
_PLAIN_NAME = rb"[^\s,()\x00]+"
_PLAIN_APX = re.compile(rb"(?:(?:arg\(%s\)|att\(%s,%s\))\.\r?\n)*+" % ((_PLAIN_NAME,) * 3))
"""A whole ``.apx`` text as generators write it (with a final line end): the fast path."""


def read_apx(source: str | os.PathLike[str]) -> Framework:
    """Read an ``.apx`` framework from a path, or from the text itself when given a ``str``.

    Raises:
        InputError: A line is not an ``arg``/``att`` fact, or an attack names an undeclared
            argument; every such problem is reported, with its line and column.
        OSError: The file cannot be read.
    """
    text, path = _text(source)
    with suppress(UnicodeEncodeError):
        framework = _plain_apx(text.encode("ascii"))
        if framework is not None:
            return framework
    declared = _ARG.findall(text)
    pairs = _ATT.findall(text)
    names = dict.fromkeys(declared)
    if len(declared) + len(pairs) == len(_APX_CONTENT.findall(text)):
        with suppress(KeyError):
            return _framework(names, pairs)
    raise InputError(_apx_problems(text, path, names))


def read_tgf(source: str | os.PathLike[str]) -> Framework:
    """Read a ``.tgf`` framework from a path, or from the text itself when given a ``str``.

    Names are kept as written: the ICCMA generators name arguments ``17`` in ``.tgf`` where
    the ``.apx`` of the same graph says ``a17``. Without a ``#`` line every line is an argument.

    Raises:
        InputError: A name line holds spaces, an attack line is not two names, or an attack
            names an undeclared argument, with line and column.
        OSError: The file cannot be read.
    """
    text, path = _text(source)
    separator = _SEPARATOR.search(text)
    head, tail = (text[: separator.start()], text[separator.end() :]) if separator else (text, "")
    declared = _TGF_NAME.findall(head)
    pairs = _TGF_ATTACK.findall(tail)
    names = dict.fromkeys(declared)
    if len(declared) == len(_CONTENT.findall(head)) and len(pairs) == len(_CONTENT.findall(tail)):
        with suppress(KeyError):
            return _framework(names, pairs)
    first_attack_line = head.count("\n") + 2 if separator else 0
    raise InputError(_tgf_problems(text, path, names, first_attack_line))


def read_framework(path: str | os.PathLike[str]) -> Framework:
    """Read a framework file, choosing the format by its suffix (``.apx`` or ``.tgf``).

    Raises:
        InputError: The suffix is neither, or the file is malformed.
        OSError: The file cannot be read.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".apx":
        return read_apx(Path(path))
    if suffix == ".tgf":
        return read_tgf(Path(path))
    raise InputError(
        [
            Problem(
                "iccma-format",
                f"unknown framework format {suffix or '(no suffix)'!r}",
                Location(str(path)),
                hint="name the file .apx or .tgf",
            )
        ]
    )


def natural_key(name: str) -> tuple[str | tuple[int, str], ...]:
    """Sort key putting ``a2`` before ``a10``: digit runs compare as numbers.

    A run compares by its length without leading zeros, then as text: the order of the
    numbers, without converting them (a run of 5,000 digits is more than ``int`` takes).
    """
    parts: list[str | tuple[int, str]] = list(_DIGITS.split(name))
    for i in range(1, len(parts), 2):
        digits = str(parts[i]).lstrip("0")
        parts[i] = (len(digits), digits)
    return tuple(parts)


def format_extensions(extensions: Iterable[Iterable[str]]) -> str:
    """Extensions in ICCMA output syntax, e.g. ``[[a1,a2],[a3]]``.

    ``[]`` means there is no extension, ``[[]]`` that the empty set is the only one.
    Arguments are in :func:`natural_key` order within an extension and extensions in the
    order of those sorted lists, so the output is deterministic.
    """
    # each name's key is computed once: a grounded extension can hold a million names
    keyed = sorted(sorted((natural_key(name), name) for name in extension) for extension in extensions)
    return "[" + ",".join("[" + ",".join(name for _, name in names) + "]" for names in keyed) + "]"


def _text(source: str | os.PathLike[str]) -> tuple[str, str]:
    """The text to parse and the path to report problems against."""
    if isinstance(source, str):
        return source, "<string>"
    path = os.fspath(source)
    with open(path, encoding="utf-8", errors="replace", newline="") as file:
        return file.read(), path


def _framework(names: dict[str, None], pairs: list[tuple[str, str]]) -> Framework:
    """A framework from distinct names and attack pairs; KeyError on an undeclared name."""
    index = dict(zip(names, range(len(names))))
    ends = np.fromiter(map(index.__getitem__, chain.from_iterable(pairs)), np.int64, 2 * len(pairs))
    return Framework.from_indices(list(names), ends[0::2], ends[1::2])


def _plain_apx(data: bytes) -> Framework | None:
    """The framework of a plain ASCII ``.apx`` text, or None when the slow path must read it
    (another layout, an undeclared argument, a hash collision)."""
    if not data.endswith(b"\n"):
        data += b"\n"
    if _PLAIN_APX.fullmatch(data) is None:  # an empty text is no plain one
        return None
    buf = np.frombuffer(data, np.uint8)
    ends = np.flatnonzero(buf == ord("\n"))
    starts = np.concatenate(([0], ends[:-1] + 1))
    close = ends - 2 - (buf[ends - 1] == ord("\r"))  # each line's ")"
    is_arg = buf[starts + 2] == ord("g")  # arg( or att(
    commas = np.flatnonzero(buf == ord(","))  # one per attack, in order: names hold none
    # every name as a [begin, end) byte range: the declared ones, then attackers, then targets
    begin = np.concatenate((starts[is_arg] + 4, starts[~is_arg] + 4, commas + 1))
    end = np.concatenate((close[is_arg], commas, close[~is_arg]))
    words = _packed(buf, begin, end - begin)
    n_declared, n_attacks = int(is_arg.sum()), len(commas)
    if not n_declared:
        return None  # attacks on undeclared arguments
    declared, tokens = words[:n_declared], words[n_declared:]
    keys, token_keys = _hashed(declared), _hashed(tokens)
    order = np.argsort(keys, kind="stable")  # of repeated declarations, the first comes first
    ranked, ranked_keys = declared[order], keys[order]
    first = np.ones(n_declared, dtype=bool)
    first[1:] = ranked_keys[1:] != ranked_keys[:-1]
    if not (ranked[1:][~first[1:]] == ranked[:-1][~first[1:]]).all():
        return None  # two names with one hash
    kept = np.zeros(n_declared, dtype=bool)
    kept[order[first]] = True
    number = np.cumsum(kept) - 1  # the argument number of each kept declaration
    unique_keys = ranked_keys[first]
    by_key = np.argsort(token_keys)  # searching sorted keys is cache-friendly: 3× faster
    found = np.empty(len(token_keys), dtype=np.int64)
    found[by_key] = np.minimum(np.searchsorted(unique_keys, token_keys[by_key]), len(unique_keys) - 1)
    if not ((unique_keys[found] == token_keys).all() and (ranked[first][found] == tokens).all()):
        return None  # an undeclared argument (or a hash collision)
    indices = number[order[first]][found]
    names = b"\n".join(declared[kept].view(f"S{8 * words.shape[1]}").ravel().tolist()).decode("ascii").split("\n")
    return Framework.from_indices(names, indices[:n_attacks], indices[n_attacks:])


def _packed(buf: npt.NDArray[np.uint8], begin: npt.NDArray[np.int64], length: npt.NDArray[np.int64]) -> npt.NDArray[np.uint64]:
    """The byte ranges of ``buf`` zero-padded to whole 64-bit words: one row of words each."""
    width = -(-int(length.max(initial=1)) // 8) * 8
    matrix = np.zeros((len(begin), width), dtype=np.uint8)
    for j in range(width):  # a column at a time: a (names × width) index array would be huge
        matrix[:, j] = buf.take(begin + j, mode="clip") * (length > j)
    return matrix.view(np.uint64)


def _hashed(words: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """One 64-bit key per row of words: the word itself for names of up to 8 bytes."""
    key = words[:, 0].copy()
    for j in range(1, words.shape[1]):
        key = key * np.uint64(0x9E3779B97F4A7C15) + words[:, j]
    return key


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines numbered from 1 without their line ends, split as the patterns above split them."""
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.removesuffix("\r")


def _apx_problems(text: str, path: str, names: dict[str, None]) -> list[Problem]:
    """Every malformed line and undeclared argument of an ``.apx`` text."""
    problems = []
    for number, line in _lines(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        if _ARG.fullmatch(line):
            continue
        match = _ATT.fullmatch(line)
        if match is None:
            column = len(line) - len(line.lstrip()) + 1
            problems.append(
                Problem(
                    "iccma-syntax",
                    f"expected arg(name). or att(name,name). but found {stripped[:40]!r}",
                    Location(path, number, column),
                )
            )
            continue
        problems.extend(_undeclared(match, path, number, names))
    return problems


def _tgf_problems(text: str, path: str, names: dict[str, None], first_attack_line: int) -> list[Problem]:
    """Every malformed line and undeclared argument of a ``.tgf`` text."""
    problems = []
    for number, line in _lines(text):
        if not line.strip() or number == first_attack_line - 1:
            continue
        column = len(line) - len(line.lstrip()) + 1
        if first_attack_line and number >= first_attack_line:
            match = _TGF_ATTACK.fullmatch(line)
            if match is None:
                problems.append(
                    Problem(
                        "iccma-syntax",
                        f"expected an attack 'attacker target' but found {line.strip()[:40]!r}",
                        Location(path, number, column),
                    )
                )
            else:
                problems.extend(_undeclared(match, path, number, names))
        elif not _TGF_NAME.fullmatch(line):
            problems.append(
                Problem(
                    "iccma-syntax",
                    f"expected one argument name but found {line.strip()[:40]!r}",
                    Location(path, number, column),
                    hint="names cannot hold spaces; attacks come after a '#' line",
                )
            )
    return problems


def _undeclared(match: re.Match[str], path: str, number: int, names: dict[str, None]) -> list[Problem]:
    """A problem for each argument of an attack (two match groups) that was never declared."""
    return [
        Problem(
            "iccma-undeclared",
            f"attack on undeclared argument {match.group(group)!r}",
            Location(path, number, match.start(group) + 1),
            hint="declare every argument of an attack",
        )
        for group in (1, 2)
        if match.group(group) not in names
    ]
