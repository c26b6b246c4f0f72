"""Conflict markers left in a map by a merge, found before the YAML is read.

A merge that could not settle an entry leaves git's markers around it::

    <<<<<<< ours
      the-claim:
        text: Our version.
    =======
      the-claim:
        text: Their version.
    >>>>>>> theirs

The marker lines are not YAML, so a map holding them would only show a syntax error at
the first marker. The loader asks :func:`conflict_problems` first and reports each region
as ``merge-conflict``, naming the entry it is about and both sides' lines, instead of
reading the file. Importing this module costs nothing: the loader reads every map through it.
"""

from __future__ import annotations

import re

from argmap.errors import Location, Problem

__all__ = ["conflict_problems", "has_markers"]

_START = re.compile(r"^<{7,}(?: .*)?$", re.MULTILINE)
_MIDDLE = re.compile(r"^={7,}[ \t]*$")
_BASE = re.compile(r"^\|{7,}(?: .*)?$")
_END = re.compile(r"^>{7,}(?: .*)?$")
_KEY = re.compile(r"^[ \t]*([A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)")


def has_markers(text: str) -> bool:
    """Whether ``text`` holds a conflict-marker line (cheap: one substring search first)."""
    return "<<<<<<<" in text and _START.search(text) is not None


def _entry(lines: list[str]) -> tuple[str | None, int]:
    """The key of the first entry in a side of a conflict, and its indentation."""
    for line in lines:
        match = _KEY.match(line)
        if match is not None:
            return match.group(1), len(line) - len(line.lstrip(" "))
    return None, -1


def conflict_problems(text: str, path: str) -> list[Problem]:
    """One ``merge-conflict`` problem per region of conflict markers in ``text``."""
    if not has_markers(text):
        return []
    lines = text.splitlines()
    problems = []
    number = 0
    while number < len(lines):
        if not _START.match(lines[number]):
            number += 1
            continue
        start = number
        ours: list[str] = []
        theirs: list[str] = []
        part = ours
        middle = end = None
        number += 1
        while number < len(lines):
            line = lines[number]
            if _BASE.match(line) and middle is None:
                part = []
            elif _MIDDLE.match(line) and middle is None:
                middle = number
                part = theirs
            elif _END.match(line):
                end = number
                break
            elif _START.match(line):
                break
            else:
                part.append(line)
            number += 1
        key, _ = _entry(ours)
        other, _ = _entry(theirs)
        name = key or other
        what = f"'{name}'" if name else "an entry"
        if end is None or middle is None:
            message = f"unfinished merge conflict markers around {what}"
            hint = "a '<<<<<<<' line needs its '=======' and '>>>>>>>' lines; fix the markers or take one side"
        else:
            sides = []
            if not any(line.strip() for line in ours):
                sides.append("deleted on one side")
            if not any(line.strip() for line in theirs):
                sides.append("deleted on the other")
            why = f" ({', '.join(sides)})" if sides else ""
            message = f"unresolved merge conflict in {what}{why}: lines {start + 2}-{middle} are one side's version, lines {middle + 2}-{end} the other's"
            hint = "keep one version (or combine them) and delete the marker lines, then run 'argmap check'"
        problems.append(Problem("merge-conflict", message, Location(path, start + 1, 1), hint=hint))
        number = (end + 1) if end is not None else number
    return problems
