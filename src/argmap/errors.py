"""Errors and problems: what argmap reports when input is wrong.

Every failure a user can cause is reported, never raised as a traceback. Two shapes:

* :class:`Problem` -- one finding about an input (a map, an ICCMA file), with a stable
  code, a location (file, 1-based line and column) and an optional hint. Checking collects
  all of them before reporting.
* Exceptions, for callers of the library::

      ArgmapError
      ├── InputError(ValueError)         bad input; carries the problems found
      ├── LimitError(ValueError)         input larger than a documented limit allows
      └── ToolMissingError(RuntimeError)  an external program (Graphviz ``dot``) is absent
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "CONTROL_CHARACTER",
    "CONTROL_HINT",
    "ArgmapError",
    "InputError",
    "LimitError",
    "Location",
    "Problem",
    "Severity",
    "ToolMissingError",
    "control_named",
    "one_line",
    "without_controls",
]


_set = object.__setattr__

CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
"""A control character other than tab, line feed and the carriage return of a Windows line
end (C0, DEL, C1): in text shown on a terminal, ESC and CSI start escape sequences that
move the cursor, retitle the window or rewrite what is on screen, and a carriage return
alone goes back to overwrite its line."""

CONTROL_HINT = "a map holds text, and escape sequences would rewrite the terminal of whoever reads it"
"""Why a map refuses a control character (``yaml-control``), for the hints that say so."""

_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "backspace", "\x0b": "vertical tab", "\x0c": "form feed", "\r": "carriage return", "\x1b": "ESC", "\x7f": "DEL", "\x85": "NEL", "\x9b": "CSI"}


def control_named(char: str) -> str:
    """A control character as a message names it: ``U+001B (ESC)``."""
    name = _CONTROL_NAMES.get(char)
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def without_controls(text: str) -> str:
    """``text`` with each control character (:data:`CONTROL_CHARACTER`) made U+FFFD."""
    return text if text.isprintable() else CONTROL_CHARACTER.sub("\ufffd", text)


def one_line(text: str) -> str:
    """``text`` as a terminal should show it: on one line, and with each control character
    shown as U+FFFD, never obeyed (a source's passage quoted in a hint may hold anything)."""
    return " ".join(without_controls(text).split())


class Severity(str, Enum):
    """How bad a problem is: errors fail a check, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a path and a 1-based line and column.

    A problem with the file as a whole (missing, binary, too large) points at 1:1, so
    every message has the same shape for editors and tools.
    """

    path: str
    line: int = 1
    column: int = 1

    def __init__(self, path: str, line: int = 1, column: int = 1) -> None:
        # What dataclass writes for a frozen class, with object.__setattr__ looked up once:
        # the loader makes a location for every claim, quote and relation of a map.
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "column", column)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about an input, printed compiler-style on one line."""

    code: str
    message: str
    location: Location
    severity: Severity = Severity.ERROR
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"
        if self.hint:
            text += f" ({self.hint})"
        return one_line(text)

    def as_dict(self) -> dict[str, object]:
        """The problem as plain data, for ``--format json``."""
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class ArgmapError(Exception):
    """Root of every error argmap raises on purpose."""


class InputError(ArgmapError, ValueError):
    """The input is invalid; ``problems`` says every way in which it is."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = str(self.problems[0]) if self.problems else "invalid input"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))


class LimitError(ArgmapError, ValueError):
    """The input exceeds a documented limit (size, nesting, extensions to enumerate)."""


class ToolMissingError(ArgmapError, RuntimeError):
    """An external program argmap needs is not installed; the message says how to get it."""
