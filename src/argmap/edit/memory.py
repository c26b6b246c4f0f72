"""What an editing session knew that the file cannot say, kept from one command to the next.

``argmap link`` on a claim that writes one value, ``rebuts: x``, makes it a list,
``rebuts: [x, y]``; ``argmap unlink … y`` gives back ``rebuts: x`` only if it knows the
list was one value, and ``[x]`` written by hand reads the same. And where the user wrote
that value on the line below its key, only the lines the link replaced say so (ruamel
writes ``rebuts: x``). An :class:`~argmap.edit.Editor` remembers both for as long as it is
open; the commands are separate processes, so on saving it leaves that memory here and the
next session on the same file takes it up: per map file, the SHA-256 of the text saved, the
lone values that became lists in it (claim, relation kind, the value as YAML, so that its
quoting comes back too), the last lines edits replaced in it, and the texts it had before in
the session (as patches of the text saved), so that ``argmap unlink`` after ``argmap link``
gives back the bytes linked.

The memory is taken up only while the file holds exactly the bytes saved: an edit by hand in
between forgets it. It lives in argmap's cache folder (``ARGMAP_NO_CACHE=1``: nothing is kept,
and ``unlink`` leaves a list of one), and a file there that cannot be read is ignored: the
memory can give back bytes, never fail an edit.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.fileio import atomic_write_text
from argmap.stamps import cache_dir

from .earlier import WINDOW, patch, patched

__all__ = ["KEPT_LINES", "Kept", "Lone", "recall", "remember"]

Lone = dict[tuple[str, str], Any]
"""(claim id, relation kind) → the lone value a link made a list, as ruamel read it."""

KEPT_MAPS = 200
"""Map files remembered at most; the oldest are forgotten first."""

KEPT_LINES = 400
"""Lines replaced by edits remembered at most per map (a session's too); the oldest go first."""

KEPT_EARLIER = 8
"""Earlier texts remembered at most per map; the oldest go first."""


@dataclass(slots=True)
class Kept:
    """What is remembered of one map: lone values that became lists, lines edits replaced,
    and the texts it had before (kept as patches of the text saved, so only what edits changed)."""

    lone: Lone = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)  # texts the map had before, oldest first (argmap.edit.earlier)

_VERSION = 1


def _store() -> Path | None:
    folder = cache_dir()
    return Path(folder) / "edit-memory.json" if folder else None


def _read(store: Path) -> dict[str, Any]:
    try:
        found = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    maps = found.get("maps") if isinstance(found, dict) and found.get("version") == _VERSION else None
    return maps if isinstance(maps, dict) else {}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30
    return yaml


def recall(texts: Mapping[Path, str]) -> dict[Path, Kept]:
    """What is remembered of each map of ``texts`` that still holds its text as saved."""
    store = _store()
    maps = _read(store) if store is not None else {}
    found: dict[Path, Kept] = {}
    for path, text in texts.items():
        entry = maps.get(os.path.realpath(path))
        if not isinstance(entry, dict) or entry.get("sha256") != _digest(text):
            continue
        kept = found[path] = Kept()
        lines = entry.get("lines")
        if isinstance(lines, list):
            kept.lines = [line for line in lines[-KEPT_LINES:] if isinstance(line, str)]
        earlier = entry.get("earlier")
        for item in earlier if isinstance(earlier, list) else []:
            if isinstance(item, list) and len(item) == 3 and isinstance(item[0], int) and isinstance(item[1], int) and isinstance(item[2], str):
                before = patched(text, (item[0], item[1], item[2]))
                if before is not None:
                    kept.earlier.append(before)
        lone = entry.get("lone")
        yaml = _yaml()
        for item in lone if isinstance(lone, list) else []:
            try:
                claim, kind, written = item
                kept.lone[str(claim), str(kind)] = yaml.load(written)["lone"]
            except Exception:  # a damaged entry is forgotten, whatever ruamel or the unpacking raises
                continue
    return found


def remember(saved: Mapping[Path, tuple[str, Kept]]) -> None:
    """Keep, for each map saved, what is to be remembered of the text it now holds (nothing:
    forget the map)."""
    store = _store()
    if store is None:
        return
    maps = _read(store)
    before = dict(maps)
    for path, (text, kept) in saved.items():
        key = os.path.realpath(path)
        maps.pop(key, None)
        changes = [change for change in (patch(text, before) for before in kept.earlier[-KEPT_EARLIER:]) if len(change[2]) <= WINDOW]  # (no more could be compared)
        if kept.lone or kept.lines or changes:
            yaml = _yaml()
            written = []
            for (claim, kind), value in kept.lone.items():
                out = io.StringIO()
                yaml.dump({"lone": value}, out)
                written.append([claim, kind, out.getvalue()])
            maps[key] = {"sha256": _digest(text), "lone": written, "lines": kept.lines[-KEPT_LINES:], "earlier": [list(change) for change in changes]}
    if maps == before:
        return
    try:
        store.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_text(store, json.dumps({"version": _VERSION, "maps": dict(list(maps.items())[-KEPT_MAPS:])}))
    except OSError:
        pass  # a cache that cannot be written only forgets
