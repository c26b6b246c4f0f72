"""Drill: students practise answering the other side's claims, scheduled by FSRS.

Headless, like everything outside :mod:`argmap.tui`: :mod:`~argmap.drill.cards` picks the
cards and reads the map's answers from the analysis, :mod:`~argmap.drill.progress` keeps a
student's progress file, :mod:`~argmap.drill.session` runs one sitting. The terminal screen
is :mod:`argmap.tui.screens.drill`; ``argmap drill`` opens it.
"""

from __future__ import annotations

from argmap.drill.cards import Answer, Deck, DrillCard, Said, build_deck
from argmap.drill.progress import CardProgress, Grade, Progress, Review, default_progress_path
from argmap.drill.session import DrillSession, Step, Summary

__all__ = [
    "Answer",
    "CardProgress",
    "Deck",
    "DrillCard",
    "DrillSession",
    "Grade",
    "Progress",
    "Review",
    "Said",
    "Step",
    "Summary",
    "build_deck",
    "default_progress_path",
]
