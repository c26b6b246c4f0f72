"""Trace mode: follow a claim's rebuttals, and theirs, to whoever has the last word.

The screen shows where you are (a breadcrumb of the path walked, the current claim's card)
and who answers it. Enter follows an answer, ``e`` follows the strongest answer each time to
the end of the chain, back and forward move through the path as in a browser. The verdict
line says in words who has the last word, so the end of a chain is never left to colour.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, Static

from argmap.tui.labels import ICONS, Palette, claim_card
from argmap.tui.view import MapView, Trace
from argmap.tui.widgets.claim_list import ClaimList
from argmap.tui.widgets.footer import KeyFooter

__all__ = ["TraceScreen"]


class TraceScreen(Screen[str | None]):
    """Walk the answers to a claim; dismissed with the claim to show in the tree, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "to_end", "Last word", id="trace.end"),
        # priority: the answers list would otherwise take left/right for scrolling
        Binding("left", "back", "Back", id="trace.back", priority=True),
        Binding("h,backspace", "back", "Back", show=False, id="trace.back-vim"),
        Binding("right", "forward", "Forward", id="trace.forward", priority=True),
        Binding("l", "forward", "Forward", show=False, id="trace.forward-vim"),
        Binding("o", "open_in_tree", "Show in tree", show=False, id="trace.open"),
        Binding("escape", "close", "Close", id="trace.close"),
    ]

    def __init__(self, view: MapView, start: str) -> None:
        super().__init__()
        self.view = view
        self.trace = Trace([start])

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static(id="breadcrumb")
        with Horizontal(id="trace-panes"):
            with VerticalScroll(id="trace-card-scroll"):
                yield Static(id="trace-card")
            with Vertical(id="answers-pane"):
                yield Static(id="verdict")
                yield Label(id="answers-title")
                yield ClaimList("Nobody answers this claim.", id="answers")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_trace()
        self.query_one("#answers", ClaimList).focus()

    @property
    def palette(self) -> Palette:
        return Palette.of(self.app)

    def refresh_trace(self) -> None:
        """Redraw breadcrumb, card, answers and verdict for the current claim."""
        view, trace, palette = self.view, self.trace, self.palette
        key = trace.current
        self.query_one("#breadcrumb", Static).update(self._breadcrumb())
        self.query_one("#trace-card", Static).update(claim_card(view, key, palette))
        # a claim's own side's objections are caveats: listed after the answers, never the last word
        fresh = [a for a in view.answers(key) if a.key not in trace.path[: trace.index + 1]]
        answers = [a for a in fresh if not view.own_caveat(key, a)]
        caveats = [a for a in fresh if view.own_caveat(key, a)]
        cycle = any(not view.own_caveat(key, a) for a in view.answers(key)) and not answers
        listing = self.query_one("#answers", ClaimList)
        listing.show(view, [a.key for a in answers + caveats], palette, [a.relation.kind.value for a in answers] + ["own side's caveat"] * len(caveats))
        title = f"Who answers this? {len(answers)} answer{'s' if len(answers) != 1 else ''}"
        if caveats:
            title += f", {len(caveats)} caveat{'s' if len(caveats) != 1 else ''} of its own side"
        self.query_one("#answers-title", Label).update(title + (" — enter: follow one" if answers else ""))
        verdict = Text()
        if answers:
            verdict.append("Not the end: ", Style(bold=True))
            verdict.append("enter follows the highlighted answer; e follows the strongest answer each time to the last word.")
        elif cycle:
            verdict.append("↺ A CYCLE: ", Style(bold=True))
            verdict.append("every answer to this claim is already on the path, so nobody has the last word.")
        else:
            side = view.side(key)
            who = view.speaker_name(key) or "a claim with no speaker"
            verdict.append("■ LAST WORD: ", Style(bold=True))
            verdict.append(f"{who} ", Style(bold=True))
            verdict.append(f"({side or 'no side'})", palette.side(view.side_index(side)))
            verdict.append(f" — nobody answers this claim. Status: {view.status(key)}.")
        self.query_one("#verdict", Static).update(verdict)

    def _breadcrumb(self) -> Text:
        crumb = Text("Trace  ", Style(bold=True))
        for index, key in enumerate(self.trace.path):
            if index:
                crumb.append(" › ", Style(dim=True))
            role = self.view.role(key)
            item = f"{ICONS[role]} {key.partition(':')[2]}"
            if index == self.trace.index:
                crumb.append(f"[{item}]", Style(bold=True, reverse=True))
            else:
                crumb.append(item, Style(dim=index > self.trace.index))
        crumb.append(f"   step {self.trace.index + 1} of {len(self.trace.path)}", Style(italic=True, dim=True))
        return crumb

    @on(OptionList.OptionSelected, "#answers")
    def _answer_chosen(self, event: OptionList.OptionSelected) -> None:
        key = self.query_one("#answers", ClaimList).key_at(event.option_index)
        if key is not None:
            self.trace.step(key)
            self.refresh_trace()

    def action_to_end(self) -> None:
        """Follow the highlighted answer, then the strongest answer each time, to the end."""
        listing = self.query_one("#answers", ClaimList)
        first = listing.key_at(listing.highlighted)
        if first is None:
            self.notify("This claim has the last word: nobody answers it.")
            return
        walked = set(self.trace.path[: self.trace.index + 1])
        self.trace.step(first)
        walked.add(first)
        while answers := [a for a in self.view.answers(self.trace.current) if a.key not in walked and not self.view.own_caveat(self.trace.current, a)]:
            self.trace.step(answers[0].key)
            walked.add(answers[0].key)
        self.refresh_trace()

    def action_back(self) -> None:
        if self.trace.back():
            self.refresh_trace()

    def action_forward(self) -> None:
        if self.trace.forward():
            self.refresh_trace()

    def action_open_in_tree(self) -> None:
        self.dismiss(self.trace.current)

    def action_close(self) -> None:
        self.dismiss(None)

    def reload(self, view: MapView) -> None:
        """Follow a live reload: keep the path up to the first claim that no longer exists."""
        self.view = view
        alive = [k for k in self.trace.path if k in view.workspace.claims]
        if not alive:
            self.dismiss(None)
            return
        cut = next((i for i, k in enumerate(self.trace.path) if k not in view.workspace.claims), len(self.trace.path))
        self.trace = Trace(self.trace.path[:cut] or alive[:1], min(self.trace.index, max(cut - 1, 0)))
        self.refresh_trace()
