"""One sitting of a drill: which card comes next, grading it, and the summary at the end.

Cards come in the order the schedule gives: those due first (the longest overdue first),
then new ones in the order the maps declare them. A card graded in this sitting comes back
in it when FSRS's learning steps make it due again soon (within :data:`LEARN_AHEAD`, as
flash-card programs learn ahead); otherwise it waits for a later sitting. In chain mode the
sitting walks whole rebuttal chains instead, answering each claim of the other side in turn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argmap.drill.cards import Deck, DrillCard
from argmap.drill.progress import CardProgress, Grade, Progress

__all__ = ["LEARN_AHEAD", "DrillSession", "Step", "Summary", "utc_now"]

LEARN_AHEAD = timedelta(minutes=20)
"""A card graded in a sitting comes back in it if it is due again within this long."""

Queued = tuple[str, tuple[str, ...], int]
"""A card to come: its key, and in chain mode the chain and the card's place in it."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Step:
    """The card on screen, what the student did with it before, and in chain mode the
    chain walked (``at`` is the card's place in it)."""

    card: DrillCard
    before: CardProgress | None  # None: a new card
    chain: tuple[str, ...] = ()
    at: int = 0

    @property
    def reworded(self) -> str | None:
        """The claim's words at the last review, when they have changed since."""
        if self.before is not None and self.before.text != self.card.said.text:
            return self.before.text
        return None

    @property
    def next_in_chain(self) -> str | None:
        """The claim that answers this card along the chain walked."""
        return self.chain[self.at + 1] if self.at + 1 < len(self.chain) else None


@dataclass(frozen=True, slots=True)
class Summary:
    """What a sitting did, for the student and the coach."""

    side_label: str
    stems: tuple[str, ...]
    started: datetime
    seen: int
    grades: Counter[Grade]
    missed: tuple[tuple[DrillCard, int, int], ...]  # card, "again" this sitting, "again" ever
    answers: tuple[tuple[DrillCard, str], ...]  # typed answers kept (--keep-answers)
    left: int  # cards still due or new, not reached
    next_due: datetime | None

    @property
    def reviews(self) -> int:
        return sum(self.grades.values())

    @property
    def again_rate(self) -> float:
        return self.grades[Grade.AGAIN] / self.reviews if self.reviews else 0.0

    def name(self, key: str) -> str:
        return key.partition(":")[2] if len(self.stems) == 1 else key

    def markdown(self) -> str:
        """The summary as Markdown, for the coach."""
        lines = [
            f"# Drill: answering as {self.side_label} ({', '.join(self.stems)})",
            "",
            f"{self.started:%Y-%m-%d %H:%M} UTC: {self.seen} card(s) seen, {self.reviews} review(s), "
            f"again-rate {self.again_rate:.0%} ({self.grades[Grade.AGAIN]} of {self.reviews}).",
            "",
            "Grades: " + ", ".join(f"{g.word} {self.grades[g]}" for g in Grade) + ".",
            "",
            "## Missed most",
            "",
        ]
        if self.missed:
            lines += ["| claim | again now | again ever | what they say |", "| --- | --- | --- | --- |"]
            lines += [f"| {self.name(card.key)} | {now} | {ever} | {_cell(card.said.text)} |" for card, now, ever in self.missed]
        else:
            lines.append("Nothing: no card was graded again.")
        if self.answers:
            lines += ["", "## Answers typed", ""]
            for card, answer in self.answers:
                lines += [f"- **{self.name(card.key)}** ({_cell(card.said.text)}): {_cell(answer)}"]
        lines += ["", "## Next", ""]
        when = f"the next card is due {self.next_due:%Y-%m-%d %H:%M} UTC" if self.next_due else "no card is scheduled"
        lines.append(f"{self.left} card(s) of this sitting were not reached; {when}.")
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text for one Markdown table cell or list item: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


class DrillSession:
    """A sitting over one deck: :attr:`current` is the card shown; :meth:`reveal`, then
    :meth:`grade` (which saves the progress file) moves on; :attr:`current` is None at the end."""

    def __init__(
        self, deck: Deck, progress: Progress, *, clock: Callable[[], datetime] = utc_now, chain: bool = False,
        new_limit: int | None = None, keep_answers: bool = False,
    ) -> None:
        self.deck = deck
        self.progress = progress
        self.clock = clock
        self.chain = chain
        self.keep_answers = keep_answers
        self.started = clock()
        self.revealed = False
        self.timed_out = False
        self.log: list[tuple[str, Grade]] = []
        self.typed: list[tuple[str, str]] = []
        self._learning: dict[str, datetime] = {}
        self._cards = {c.key: c for c in deck.cards}
        now = self.started
        due = sorted((e.due, c.key) for c in deck.cards if (e := self._entry(c.key)) is not None and e.due <= now)
        new = [c.key for c in deck.cards if self._entry(c.key) is None][:new_limit]
        due_keys = [key for _, key in due]
        self._steps = self._chain_steps(set(due_keys), new) if chain else [(key, (), 0) for key in due_keys + new]
        queued = {key for key, _, _ in self._steps}  # counted for the sitting, not the deck
        self.due_at_start, self.new_at_start = len(queued & set(due_keys)), len(queued & set(new))
        self.current: Step | None = None
        self._advance()

    def _entry(self, key: str) -> CardProgress | None:
        return self.progress.get(self.deck.side, key)

    def _chain_steps(self, due: set[str], new: list[str]) -> list[Queued]:
        """The deck's chains that hold a card due or new, those with due cards first; in
        each, every card of the other side not met in an earlier chain of the sitting."""
        wanted = due | set(new)
        order = {key: i for i, key in enumerate(new)}

        def rank(chain: tuple[str, ...]) -> tuple[int, float]:
            dues = [e.due.timestamp() for k in chain if k in due and (e := self._entry(k)) is not None]
            return (0, min(dues)) if dues else (1, min(order.get(k, len(order)) for k in chain))

        steps: list[Queued] = []
        met: set[str] = set()
        for chain in sorted((c for c in self.deck.chains if wanted & set(c)), key=rank):
            for at, key in enumerate(chain):
                if key in self._cards and key not in met:
                    met.add(key)
                    steps.append((key, chain, at))
        return steps

    def _advance(self) -> None:
        """Show the next card: a card of this sitting due again now, else the next of the
        queue, else one due again soon (learning ahead); None when there is nothing left."""
        self.revealed = self.timed_out = False
        now = self.clock()
        again = sorted((due, key) for key, due in self._learning.items())
        step: Queued
        if again and again[0][0] <= now:
            step = (again[0][1], (), 0)
        elif self._steps:
            step = self._steps.pop(0)
        elif again and again[0][0] <= now + LEARN_AHEAD:
            step = (again[0][1], (), 0)
        else:
            self.current = None
            return
        key, chain, at = step
        self._learning.pop(key, None)
        self.current = Step(self._cards[key], self._entry(key), chain, at)

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def remaining(self) -> int:
        """Cards still to come in this sitting (the one shown not counted)."""
        return len(self._steps) + len(self._learning)

    def reveal(self, *, timed_out: bool = False) -> None:
        """Turn the card over (``timed_out``: because its time ran out)."""
        self.revealed = True
        self.timed_out = self.timed_out or timed_out

    def grade(self, grade: Grade, answer: str = "") -> CardProgress:
        """Grade the card shown, save the progress file, and move on to the next card.

        Raises:
            InputError: the progress file on disk is no longer one (it is left alone).
            OSError: it could not be written.
        """
        step = self.current
        assert step is not None, "no card to grade"
        answer = answer.strip()
        entry = self.progress.record(
            self.deck.side, step.card.key, step.card.said.text, grade, self.clock(),
            answer=answer if self.keep_answers else None, timed_out=self.timed_out,
        )
        self.log.append((step.card.key, grade))
        if answer and self.keep_answers:
            self.typed.append((step.card.key, answer))
        if not self.chain and entry.due <= self.clock() + LEARN_AHEAD:
            self._learning[step.card.key] = entry.due
        self.progress.save()
        self._advance()
        return entry

    def summary(self) -> Summary:
        """What this sitting did so far."""
        again_now = Counter(key for key, grade in self.log if grade is Grade.AGAIN)
        missed = []
        for key, count in again_now.most_common(5):
            entry = self._entry(key)
            missed.append((self._cards[key], count, entry.lapses if entry else count))
        dues = [e.due for c in self.deck.cards if (e := self._entry(c.key)) is not None]
        return Summary(
            self.deck.side_label, self.deck.stems, self.started, len({key for key, _ in self.log}),
            Counter(grade for _, grade in self.log), tuple(missed),
            tuple((self._cards[key], answer) for key, answer in self.typed),
            self.remaining + (self.current is not None), min(dues) if dues else None,
        )
