"""The drill screen: a claim of the other side, the student's answer, the map's answers, a grade.

The card shows the claim as its speaker said it (words, speaker, quote and citation). The
student types an answer or just thinks one, and enter turns the card over: the drilled
side's answers in the map, their quotes, whether each stands and who has the last word
along the chain -- all read from the analysis (:mod:`argmap.drill.cards`). Keys 1-4 grade
(again, hard, good, easy); the schedule (:class:`~argmap.drill.DrillSession`) picks the next
card and saves the progress file. With a time limit a countdown runs, and the card turns
over by itself when it ends. ``n`` makes the typed answer a new claim in the map, through
the explorer's checked editing.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Markdown, Static

from argmap.drill import DrillSession, Grade, Said, Step
from argmap.errors import ArgmapError
from argmap.model import RelationKind
from argmap.tui.labels import Palette
from argmap.tui.widgets.footer import KeyFooter

__all__ = ["DrillPlan", "DrillScreen", "DrillSummaryScreen"]

TICK_SECONDS = 0.2
"""How often the countdown is redrawn."""


@dataclass(frozen=True, slots=True)
class DrillPlan:
    """A sitting to open: the session, a time limit per card, where the summary goes."""

    session: DrillSession
    timed: float | None = None
    summary_path: Path | None = None


def _name(key: str) -> str:
    return key.partition(":")[2] or key


class DrillScreen(Screen[None]):
    """One sitting of a drill; ends on the summary."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "reveal", "Reveal", id="drill.reveal"),
        Binding("1", "grade('AGAIN')", "Again", id="drill.again"),
        Binding("2", "grade('HARD')", "Hard", id="drill.hard"),
        Binding("3", "grade('GOOD')", "Good", id="drill.good"),
        Binding("4", "grade('EASY')", "Easy", id="drill.easy"),
        Binding("n", "add_answer", "Answer → map", id="drill.add"),
        Binding("escape,q", "finish", "End", id="drill.end"),
    ]

    def __init__(self, plan: DrillPlan, *, side_order: list[str]) -> None:
        super().__init__()
        self.session = plan.session
        self.side_order = side_order
        self.timed = plan.timed
        self.summary_path = plan.summary_path
        self._deadline: float | None = None
        self._ticker: Timer | None = None
        self._shown_left = -1

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static(id="drill-status")
        with VerticalScroll(id="drill-scroll"):
            yield Static(id="drill-chain")
            yield Static(id="drill-card")
            yield Input(placeholder="Your answer: type it, or just think it. Enter turns the card over.", id="drill-answer")
            yield Static(id="drill-back")
        yield Static(id="drill-keys")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "argmap drill"
        self.sub_title = f"{self.session.deck.side_label} answers {', '.join(self.session.deck.stems)}"
        if self.timed:
            self._ticker = self.set_interval(TICK_SECONDS, self._tick, name="drill-countdown")
        self.show_card()

    @property
    def palette(self) -> Palette:
        return Palette.of(self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grades only once the card is turned over; reveal only before."""
        revealed = self.session.revealed
        if action in ("grade", "add_answer"):
            return revealed
        if action == "reveal":
            return not revealed
        return True

    # -- drawing -------------------------------------------------------------------------

    def show_card(self) -> None:
        """Draw the current card's front, or end on the summary when there is none."""
        step = self.session.current
        if step is None:
            self.action_finish()
            return
        answer = self.query_one("#drill-answer", Input)
        answer.value = ""
        answer.disabled = False
        answer.focus()
        self.query_one("#drill-chain", Static).update(self._chain(step))
        self.query_one("#drill-card", Static).update(self._front(step))
        back = self.query_one("#drill-back", Static)
        back.update("")
        back.display = False
        self._deadline = time.monotonic() + self.timed if self.timed else None
        self._status()
        self.query_one("#drill-keys", Static).update(Text("enter: turn the card over   esc: end the drill", Style(dim=True)))
        self.refresh_bindings()
        self.query_one("#drill-scroll", VerticalScroll).scroll_home(animate=False)

    def _status(self) -> None:
        session = self.session
        line = Text()
        line.append(f"Answer as {session.deck.side_label}", Style(bold=True))
        line.append(f"  ·  {len(session.log)} reviewed, {session.remaining} to come  ·  due {session.due_at_start}, new {session.new_at_start}")
        if self._deadline is not None and not session.revealed:
            left = math.ceil(max(0.0, self._deadline - time.monotonic()))  # "0:00" only when it is over
            line.append(f"  ·  ⏱ {left // 60}:{left % 60:02d} left", Style(bold=True, reverse=left <= 5))
        elif session.timed_out:
            line.append("  ·  ⏱ time's up", Style(bold=True, reverse=True))
        self.query_one("#drill-status", Static).update(line)

    def _side_style(self, side: str | None) -> Style:
        return self.palette.side(self.side_order.index(side) if side in self.side_order else None)

    def _said(self, said: Said, into: Text, indent: str = "") -> None:
        """Who said it, the quote and its citation."""
        who = said.speaker or "nobody in particular"
        into.append(f"{indent}{who} ", Style(bold=True))
        into.append(f"({said.side or 'no side'})", self._side_style(said.side))
        if said.quote:
            into.append(f"\n{indent}“{' '.join(said.quote.split())}”", Style(italic=True))
            if said.source:
                into.append(f"\n{indent}— {said.source}", Style(dim=True))
        else:
            into.append(f"\n{indent}(not quoted from a source)", Style(dim=True))

    def _front(self, step: Step) -> Text:
        said = step.card.said
        card = Text()
        card.append("THEY SAY", Style(bold=True, dim=True))
        card.append(f"   {_name(said.key)} · {said.kind.value}\n\n", Style(dim=True))
        card.append(" ".join(said.text.split()), Style(bold=True))
        card.append("\n\n")
        self._said(said, card)
        if step.reworded:
            card.append(f"\n\nReworded since your last review; it said: {' '.join(step.reworded.split())}", Style(italic=True))
        if step.before is None:
            card.append("\n\nNew card.", Style(dim=True))
        card.append("\n")
        return card

    def _chain(self, step: Step) -> Text:
        """Chain mode: the chain walked, this card marked."""
        if not step.chain:
            return Text()
        crumb = Text("Chain  ", Style(bold=True))
        for at, key in enumerate(step.chain):
            if at:
                crumb.append(" › ", Style(dim=True))
            crumb.append(f"[{_name(key)}]" if at == step.at else _name(key), Style(bold=True, reverse=True) if at == step.at else Style(dim=at > step.at))
        crumb.append(f"   step {step.at + 1} of {len(step.chain)}\n", Style(italic=True, dim=True))
        return crumb

    def _back(self, step: Step) -> Text:
        card, palette = step.card, self.palette
        back = Text()
        side = self.session.deck.side_label
        if card.unanswered:
            back.append("YOUR SIDE LEFT THIS UNANSWERED", Style(bold=True))
            response = f" ({card.response.value}: {card.response.meaning})" if card.response else ""
            back.append(f"\nThe map has no answer of {side} to it{response}. The answer is yours to invent: n adds it to the map.\n")
        else:
            back.append(f"YOUR SIDE'S ANSWERS IN THE MAP: {len(card.answers)}\n", Style(bold=True))
        for answer in card.answers:
            said = answer.said
            verb = "undercuts the inference" if answer.kind is RelationKind.UNDERCUT else "rebuts"
            back.append("\n↩ ")
            back.append(f"{verb}{' in part' if answer.partial else ''}", Style(bold=True))
            back.append(f"  {_name(said.key)}  ")
            back.append(said.status, palette.status(said.status))
            if said.key == step.next_in_chain:
                back.append("  ◀ along this chain", Style(bold=True))
            if answer.analyst:
                back.append("  [an analyst's link: the texts do not make it]", Style(dim=True))
            back.append(f"\n  {' '.join(said.text.split())}\n")
            self._said(said, back, indent="  ")
            back.append(f"\n  {answer.reason}", Style(dim=True))
            for end in answer.endings:
                back.append("\n  ■ ")
                if end is None:
                    back.append("the chain goes round in a circle: nobody has the last word")
                else:
                    back.append("last word: ")
                    back.append(f"{end.speaker or 'nobody'} ", Style(bold=True))
                    back.append(f"({end.side or 'no side'})", self._side_style(end.side))
                    back.append(f" with {_name(end.key)}, which {'stands' if end.status == 'IN' else 'falls' if end.status == 'OUT' else 'is open'} ({end.status})")
            back.append("\n")
        back.append("\nTheir claim: ", Style(bold=True))
        back.append(card.said.status, palette.status(card.said.status))
        back.append(f" — {card.verdict}\n")
        return back

    def _tick(self) -> None:
        if self._deadline is None or self.session.revealed or self.session.current is None:
            return
        left = self._deadline - time.monotonic()
        if left <= 0:
            self.action_reveal(timed_out=True)
        elif math.ceil(left) != self._shown_left:  # redrawn once a second, not at every tick
            self._shown_left = math.ceil(left)
            self._status()

    # -- actions -------------------------------------------------------------------------

    @on(Input.Submitted, "#drill-answer")
    def _answered(self) -> None:
        self.action_reveal()

    def action_reveal(self, timed_out: bool = False) -> None:
        """Turn the card over: the map's answers, and the keys to grade."""
        step = self.session.current
        if step is None or self.session.revealed:
            return
        self.session.reveal(timed_out=timed_out)
        answer = self.query_one("#drill-answer", Input)
        answer.disabled = True
        back = self.query_one("#drill-back", Static)
        back.update(self._back(step))
        back.display = True
        typed = " · n: your answer into the map" if answer.value.strip() else ""
        self.query_one("#drill-keys", Static).update(Text(f"How did you do?  1 again · 2 hard · 3 good · 4 easy{typed}   esc: end", Style(bold=True)))
        self._status()
        self.refresh_bindings()
        self.query_one("#drill-scroll", VerticalScroll).focus()

    def action_grade(self, name: str) -> None:
        """Grade the card (FSRS schedules it, the progress file is saved) and show the next."""
        if not self.session.revealed:
            return
        try:
            self.session.grade(Grade[name], self.query_one("#drill-answer", Input).value)
        except (ArgmapError, OSError) as err:
            self.notify(f"Progress not saved: {err}", severity="error", timeout=10)
            return
        self.show_card()

    def action_add_answer(self) -> None:
        """Make the typed answer a new claim answering the card, through the checked editing."""
        step = self.session.current
        text = self.query_one("#drill-answer", Input).value.strip()
        if step is None or not text:
            self.notify("Type an answer first: it becomes the claim's text.", severity="warning")
            return
        editing = getattr(self.app, "editing", None)
        if editing is None:
            return
        try:
            editing.add(step.card.key, text=text, relation="rebut", side=self.session.deck.side, note="Written in a drill: check the words and give it a quote.")
        except ArgmapError as err:
            self.notify(str(err), severity="error", timeout=8)

    def action_finish(self) -> None:
        """End the sitting on its summary (written to ``--summary`` when given)."""
        if self._ticker is not None:
            self._ticker.stop()
        summary = self.session.summary()
        if self.summary_path is not None:
            from argmap.fileio import atomic_write_text

            try:
                atomic_write_text(self.summary_path, summary.markdown())
                self.notify(f"Summary written to {self.summary_path}", timeout=5)
            except OSError as err:
                self.notify(f"Could not write the summary: {err}", severity="error", timeout=10)
        self.app.switch_screen(DrillSummaryScreen(summary.markdown()))


class DrillSummaryScreen(Screen[None]):
    """The summary of a sitting: cards seen, again-rate, the claims missed most."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the map", id="drill.close"),
        Binding("q", "app.quit", "Quit", id="drill.quit"),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with VerticalScroll(id="drill-summary"):
            yield Markdown(self.markdown)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title, self.sub_title = "argmap drill", "summary"
        self.query_one("#drill-summary", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
