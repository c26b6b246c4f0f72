"""A student's drill progress: one JSON file per student, outside the maps, scheduled by FSRS.

The file holds, per side drilled, one entry per card keyed by the claim's key
(``map-stem:claim-id``): the FSRS state (:class:`fsrs.Card`, as its own ``to_dict`` writes
it), the claim's words when it was last reviewed, and every review. Keys, not texts, are
what identify a card, so a map edited since keeps the progress of the claims that are
still there; a reworded claim keeps its schedule and is marked reworded until its next
review; a claim that is gone keeps its entry (it comes back if the claim does) and is
simply not drilled; a new claim is a new card.

Writes are atomic and merge: the entries reviewed in this session replace theirs in the
file as it is on disk at that moment, so two sessions on one file never lose each other's
reviews. A file that is not JSON, or not an argmap drill progress file, is an error and is
never written over.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from functools import cache
from pathlib import Path
from typing import Any

import fsrs

from argmap.errors import InputError, Location, Problem
from argmap.fileio import atomic_write_text

__all__ = ["FORMAT_KEY", "CardProgress", "Grade", "Progress", "Review", "default_progress_path", "scheduler"]

FORMAT_KEY = "argmap-drill-progress"
"""The key whose value (the format's version) marks a file as a drill progress file."""

VERSION = 1

HINT = "this file is left as it is: pass another one with --progress FILE, or move it away"


class Grade(IntEnum):
    """How the student graded an answer; the values are FSRS's ratings."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def word(self) -> str:
        return self.name.lower()


@cache
def scheduler() -> fsrs.Scheduler:
    """FSRS with its default parameters and no fuzz: a coach can predict, and test, when a
    card comes back (fuzz spreads reviews of large decks; a block file is small)."""
    return fsrs.Scheduler(enable_fuzzing=False)


def default_progress_path() -> Path:
    """Where progress lives unless ``--progress`` says: the user's data folder
    (``$XDG_DATA_HOME``, else ``~/.local/share``; ``%LOCALAPPDATA%`` on Windows)."""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    elif sys.platform == "darwin" and not os.environ.get("XDG_DATA_HOME"):
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "argmap" / "drill" / "progress.json"


@dataclass(frozen=True, slots=True)
class Review:
    """One grading: when, how, and (with ``--keep-answers``) what the student answered."""

    at: datetime
    grade: Grade
    answer: str | None = None
    timed_out: bool = False

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"at": self.at.isoformat(), "grade": self.grade.word}
        if self.answer:
            found["answer"] = self.answer
        if self.timed_out:
            found["timed-out"] = True
        return found


@dataclass
class CardProgress:
    """What a student has done with one card: its FSRS state and its reviews."""

    card: fsrs.Card
    text: str  # the claim's words at the last review
    reviews: list[Review] = field(default_factory=list)

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def lapses(self) -> int:
        """Times graded "again", ever."""
        return sum(r.grade is Grade.AGAIN for r in self.reviews)

    def to_json(self) -> dict[str, Any]:
        return {"fsrs": self.card.to_dict(), "text": self.text, "reviews": [r.to_json() for r in self.reviews]}


def _card_id(side: str, key: str) -> int:
    """A stable number for FSRS's ``card_id`` (it only pairs cards with review logs)."""
    return zlib.crc32(f"{side}|{key}".encode())


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return at.astimezone(UTC)


class Progress:
    """The progress file of one student, read once, written after every grade."""

    def __init__(self, path: Path, sides: dict[str, dict[str, CardProgress]] | None = None) -> None:
        self.path = path
        self.sides: dict[str, dict[str, CardProgress]] = sides or {}
        self._touched: set[tuple[str, str]] = set()

    @classmethod
    def load(cls, path: Path) -> Progress:
        """Read ``path`` (a missing file is a fresh start).

        Raises:
            InputError: the file is not an argmap drill progress file (``progress-syntax``,
                ``progress-foreign``); it is never written to afterwards.
        """
        return cls(path, _read(path))

    def get(self, side: str, key: str) -> CardProgress | None:
        return self.sides.get(side, {}).get(key)

    def record(self, side: str, key: str, text: str, grade: Grade, at: datetime, *, answer: str | None = None, timed_out: bool = False) -> CardProgress:
        """Schedule a card graded ``grade`` at ``at`` (FSRS) and remember the review."""
        at = _utc(at)
        entry = self.get(side, key)
        card = entry.card if entry is not None else fsrs.Card(card_id=_card_id(side, key), due=at)
        card, _ = scheduler().review_card(card, fsrs.Rating(int(grade)), review_datetime=at)
        reviews = [*(entry.reviews if entry is not None else ()), Review(at, grade, answer or None, timed_out)]
        updated = CardProgress(card, text, reviews)
        self.sides.setdefault(side, {})[key] = updated
        self._touched.add((side, key))
        return updated

    def save(self) -> None:
        """Write the entries reviewed here into the file as it is now, atomically.

        Raises:
            InputError: the file on disk is no longer a progress file; it is left alone.
        """
        on_disk = _read(self.path)
        for side, key in self._touched:
            on_disk.setdefault(side, {})[key] = self.sides[side][key]
        self.sides = on_disk
        document = {
            FORMAT_KEY: VERSION,
            "scheduler": "FSRS (the fsrs package), default parameters, no fuzz",
            "sides": {side: {key: entries[key].to_json() for key in sorted(entries)} for side, entries in sorted(self.sides.items())},
        }
        atomic_write_text(self.path, json.dumps(document, indent=1, ensure_ascii=False) + "\n")


def problem(code: str, path: Path, message: str, line: int = 1, column: int = 1) -> InputError:
    """The error for a file that is no progress file (the name is one tests/test_docs.py reads codes from)."""
    return InputError([Problem(code, message, Location(str(path), line, column), hint=HINT)])


def _read(path: Path) -> dict[str, dict[str, CardProgress]]:
    """The entries of the progress file at ``path``, checked; {} when there is none."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise problem("progress-syntax", path, f"cannot read the progress file: {err.strerror or err}") from err
    try:
        text = raw.decode("utf-8")
        document = json.loads(text)
    except UnicodeDecodeError as err:
        raise problem("progress-syntax", path, f"not a progress file: byte {err.start} is not UTF-8") from err
    except json.JSONDecodeError as err:
        raise problem("progress-syntax", path, f"not a progress file: its JSON is broken ({err.msg})", err.lineno, err.colno) from err
    if not isinstance(document, dict) or FORMAT_KEY not in document:
        raise problem("progress-foreign", path, f"not an argmap drill progress file (it has no {FORMAT_KEY!r} key)")
    if document[FORMAT_KEY] != VERSION:
        raise problem("progress-foreign", path, f"a progress file of format {document[FORMAT_KEY]!r}; this argmap reads format {VERSION}")
    sides = document.get("sides", {})
    if not isinstance(sides, dict):
        raise problem("progress-foreign", path, "'sides' is not a mapping of sides to cards", *_where(text, '"sides"'))
    found: dict[str, dict[str, CardProgress]] = {}
    for side, entries in sides.items():
        if not isinstance(entries, dict):
            raise problem("progress-foreign", path, f"side {side!r} does not map claims to their progress", *_where(text, json.dumps(side)))
        for key, entry in entries.items():
            try:
                found.setdefault(side, {})[key] = _entry(entry)
            except (KeyError, TypeError, ValueError) as err:
                raise problem("progress-foreign", path, f"the entry of {key!r} (side {side!r}) is not a card's progress: {err}", *_where(text, json.dumps(key))) from err
    return found


def _entry(entry: Any) -> CardProgress:
    card = fsrs.Card.from_dict(entry["fsrs"])
    if card.due.tzinfo is None:
        raise ValueError("its due date has no time zone")
    if not isinstance(entry["text"], str):
        raise TypeError("'text' is not text")
    reviews = [
        Review(_utc(datetime.fromisoformat(r["at"])), Grade[r["grade"].upper()], r.get("answer"), bool(r.get("timed-out", False)))
        for r in entry.get("reviews", [])
    ]
    return CardProgress(card, entry["text"], reviews)


def _where(text: str, needle: str) -> tuple[int, int]:
    """The 1-based line and column of the first ``needle`` in ``text`` (1, 1 if absent)."""
    at = text.find(needle)
    if at < 0:
        return 1, 1
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1
