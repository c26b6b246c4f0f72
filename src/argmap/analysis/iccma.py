"""ICCMA file formats: read ``.apx``, ``.tgf`` and ICCMA 2023 frameworks, write extensions.

The formats are those of the International Competition on Computational Models of
Argumentation (ICCMA 2015-2021; Thimm & Villata, "The first international competition on
computational models of argumentation", AI Magazine 38(1), 2017; ICCMA 2023's rules):

* ``.apx``: one fact a line, ``arg(a1).`` and ``att(a1,a2).``;
* ``.tgf``: argument names one a line, a ``#`` line, then ``attacker target`` lines;
* ICCMA 2023 (``.i23``, ``.af``): a ``p af <n>`` line, then ``i j`` attack lines between the
  arguments 1..n, and ``#`` comment lines anywhere.

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
from argmap.errors import InputError, LimitError, Location, Problem

__all__ = ["I23_SUFFIXES", "MAX_I23_ARGUMENTS", "format_extensions", "format_witness", "is_i23", "natural_key", "read_apx", "read_framework", "read_i23", "read_tgf"]

MAX_I23_ARGUMENTS = 10_000_000
"""Most arguments an ICCMA 2023 p-line may declare: the line alone makes argmap name every one."""

FREE_I23_ARGUMENTS = 10_000
"""Arguments any ICCMA 2023 file may declare; past these, at most one per byte of the file."""


def _shown(digits: str) -> str:
    """A number as an error message shows it: whole, or its first digits and how many there are."""
    return digits if len(digits) <= 20 else f"{digits[:12]}… ({len(digits):,} digits)"


def _number(digits: str | bytes) -> int:
    """The number ``digits`` spell; any of more than 18 digits (past every limit here) as
    10**18, unconverted: Python refuses to convert more than 4,300 digits (ValueError)."""
    return int(digits) if len(digits) <= 18 else 10**18


def _most_arguments(size: int) -> int:
    """How many arguments a p-line of a file of ``size`` characters may declare.

    ICCMA's own files declare fewer than one argument per four bytes. Without a bound tied
    to the size, the 14 bytes of ``p af 10000000`` took 4 s and 1.6 GB to read and 6 s to
    solve; at one per byte, reading stays linear in the file (the fuzz campaign's rule).
    """
    return min(MAX_I23_ARGUMENTS, max(FREE_I23_ARGUMENTS, size))

I23_SUFFIXES = (".i23", ".af")
"""Suffixes of ICCMA 2023 frameworks; a file with another suffix is one when its first line is ``p af <n>``."""

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
_P_LINE = re.compile(r"^[ \t]*p[ \t]+af[ \t]+(\d+)[ \t]*\r?$", re.M)
_I23_ATTACK = re.compile(r"^[ \t]*(\d+)[ \t]+(\d+)[ \t]*\r?$", re.M)
_I23_OTHER = re.compile(r"^[ \t\r]*[^\s#]", re.M)  # a line that is neither blank nor comment
_PLAIN_I23 = re.compile(rb"p af ([0-9]+)\r?\n((?:[0-9]+ [0-9]+\r?\n)*+)")
"""A whole ICCMA 2023 text as the organisers' converter writes it, comments aside: the fast path."""
_COMMENT_LINES = re.compile(rb"^#[^\n]*\n", re.M)
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


def read_i23(source: str | os.PathLike[str]) -> Framework:
    """Read an ICCMA 2023 framework from a path, or from the text itself when given a ``str``.

    Arguments are named ``1`` … ``n`` after the ``p af <n>`` line. Real files have CRLF line
    ends, no final line end, blank lines and comments anywhere (also before the p-line, and
    with non-ASCII text), isolated arguments and self-attacks: all are accepted.

    Raises:
        InputError: No p-line or two of them, a line that is neither an attack nor a comment,
            or an attack on an argument outside 1..n; every such line, with line and column.
        OSError: The file cannot be read.
    """
    text, path = _text(source)
    with suppress(UnicodeEncodeError):
        framework = _plain_i23(text.encode("ascii"))
        if framework is not None:
            return framework
    headers = list(_P_LINE.finditer(text))
    pairs = _I23_ATTACK.findall(text)
    first = _I23_OTHER.search(text)
    if len(headers) == 1 and first is not None and first.start() == headers[0].start() and len(pairs) + 1 == len(_I23_OTHER.findall(text)):
        n = _number(headers[0].group(1))
        if n > _most_arguments(len(text)):
            line = text.count("\n", 0, headers[0].start()) + 1
            if n > MAX_I23_ARGUMENTS:
                raise LimitError(f"{path}:{line}:1: 'p af {_shown(headers[0].group(1))}' declares more than {MAX_I23_ARGUMENTS:,} arguments; argmap does not solve frameworks that large")
            raise LimitError(f"{path}:{line}:1: 'p af {n}' declares more arguments than the file has characters ({len(text):,}); "
                             f"argmap reads at most {FREE_I23_ARGUMENTS:,}, or one per character")
        with suppress(OverflowError, ValueError):  # a number too long for 64 bits is out of range anyway
            ends = np.array(pairs, dtype=np.int64).reshape(-1, 2) - 1
            if not ends.size or (ends.min() >= 0 and ends.max() < n):
                return Framework.from_indices([str(i) for i in range(1, n + 1)], ends[:, 0], ends[:, 1])
    raise InputError(_i23_problems(text, path))


def _plain_i23(data: bytes) -> Framework | None:
    """The framework of a plain ICCMA 2023 text (``p af n``, then ``i j`` lines; whole-line
    comments anywhere), or None when the slow path must read it: the numbers are parsed by
    numpy in one call, with no Python object per attack (five times faster)."""
    if not data.endswith(b"\n"):
        data += b"\n"
    if b"#" in data:
        data = _COMMENT_LINES.sub(b"", data)
    match = _PLAIN_I23.fullmatch(data)
    if match is None:
        return None
    n = _number(match.group(1))
    body = match.group(2)
    breaks = np.flatnonzero(np.frombuffer(body, np.uint8) == ord("\n"))
    if n > _most_arguments(len(data)) or (breaks.size and np.diff(breaks, prepend=-1).max() > 20):
        return None  # a p-line too large, or a number that may not fit 64 bits: the slow path says which
    ends = np.fromstring(body, dtype=np.int64, sep=" ") - 1 if body else np.zeros(0, dtype=np.int64)
    if len(ends) != 2 * len(breaks) or (ends.size and (ends.min() < 0 or ends.max() >= n)):
        return None
    return Framework.from_indices([str(i) for i in range(1, n + 1)], ends[0::2], ends[1::2])


def is_i23(path: str | os.PathLike[str]) -> bool:
    """Whether a file is an ICCMA 2023 framework: by its suffix, else by a ``p af`` first line."""
    if Path(path).suffix.lower() in I23_SUFFIXES:
        return True
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            head = file.read(4096)
    except OSError:  # reported as a file of unknown format
        return False
    first = next((line for line in head.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    return _P_LINE.match(first) is not None


def read_framework(path: str | os.PathLike[str]) -> Framework:
    """Read a framework file: ``.apx`` or ``.tgf`` by its suffix, ICCMA 2023 by :func:`is_i23`.

    Raises:
        InputError: The format cannot be told, or the file is malformed.
        OSError: The file cannot be read.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".apx":
        return read_apx(Path(path))
    if suffix == ".tgf":
        return read_tgf(Path(path))
    if is_i23(path):
        return read_i23(Path(path))
    raise InputError(
        [
            Problem(
                "iccma-format",
                f"unknown framework format {suffix or '(no suffix)'!r}",
                Location(str(path)),
                hint="name the file .apx, .tgf, .i23 or .af, or start it with the ICCMA 2023 line 'p af <n>'",
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


def format_witness(extension: Iterable[str]) -> str:
    """An extension in ICCMA 2023 output syntax: ``w 1 3`` (arguments in numeric order)."""
    return " ".join(["w", *sorted(extension, key=natural_key)])


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


def _i23_problems(text: str, path: str) -> list[Problem]:
    """Every malformed line of an ICCMA 2023 text, and every attack outside 1..n."""
    problems: list[Problem] = []
    n: int | None = None
    for number, line in _lines(text):
        stripped = line.strip()
        column = len(line) - len(line.lstrip()) + 1
        if not stripped or stripped.startswith("#"):
            continue
        header = _P_LINE.fullmatch(line)
        if header:
            if n is not None:
                problems.append(Problem("iccma-syntax", "a second 'p af' line", Location(path, number, column), hint="a framework has one p-line, before its attacks"))
            n = _number(header.group(1))
            continue
        attack = _I23_ATTACK.fullmatch(line)
        if attack is None:
            problems.append(Problem("iccma-syntax", f"expected an attack 'i j' or a '#' comment but found {stripped[:40]!r}", Location(path, number, column),
                                    hint="ICCMA 2023 allows the line 'p af <n>', attack lines 'i j' and comment lines starting with '#'"))
        elif n is None:
            problems.append(Problem("iccma-syntax", "an attack before the 'p af <n>' line", Location(path, number, column), hint="the file starts with 'p af <n>'"))
        else:
            problems.extend(
                Problem("iccma-undeclared", f"attack on argument {_shown(attack.group(group))}, but the p-line declares arguments 1..{n}",
                        Location(path, number, attack.start(group) + 1), hint="arguments are numbered from 1 to the p-line's n")
                for group in (1, 2)
                if not 1 <= _number(attack.group(group)) <= n
            )
    if n is None and not problems:
        problems.append(Problem("iccma-syntax", "no 'p af <n>' line", Location(path), hint="an ICCMA 2023 framework starts with 'p af <n>'"))
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
