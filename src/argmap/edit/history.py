"""Undo and redo as a history of document states.

A state is the text of every map at one moment, so undoing is putting texts back:
nothing has to be inverted, an undo can never disagree with the edit it undoes, and
saving does not cut the history (an undo after a save makes the buffer differ from the
file again, and the next save writes it). Texts are shared between states when unchanged,
so a state costs only the maps an edit touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

__all__ = ["History", "State"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class State(Generic[T]):
    """The maps' texts after a change, what the change was, and what it was checked to be."""

    texts: dict[Path, str]
    description: str
    checked: T


class History(Generic[T]):
    """A line of states with a cursor; a new change after undos drops the undone ones."""

    def __init__(self, initial: State[T], limit: int = 500) -> None:
        self._states: list[State[T]] = [initial]
        self._cursor = 0
        self._limit = limit

    @property
    def current(self) -> State[T]:
        return self._states[self._cursor]

    @property
    def can_undo(self) -> bool:
        return self._cursor > 0

    @property
    def can_redo(self) -> bool:
        return self._cursor < len(self._states) - 1

    def push(self, state: State[T]) -> None:
        """Record a new state after the current one, forgetting any undone states."""
        del self._states[self._cursor + 1 :]
        self._states.append(state)
        if len(self._states) > self._limit:
            del self._states[0]
        self._cursor = len(self._states) - 1

    def undo(self) -> State[T] | None:
        """Step back; return the state that was undone, or None at the start."""
        if not self.can_undo:
            return None
        undone = self._states[self._cursor]
        self._cursor -= 1
        return undone

    def redo(self) -> State[T] | None:
        """Step forward again; return the state redone, or None at the end."""
        if not self.can_redo:
            return None
        self._cursor += 1
        return self._states[self._cursor]
