"""Attach a quote by searching the source's text: only passages that exist are offered.

Typing searches the chosen source (:meth:`argmap.edit.Editor.find_passages`); choosing a
passage attaches it verbatim, so the quote always verifies under ``argmap check``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

__all__ = ["QuotePicker"]

Search = Callable[[str, str], list[str]]
"""(source id, query) → passages of that source's text, best first."""


class QuotePicker(ModalScreen[None]):
    """Pick a source and a passage of its text; ``attach(source, passage)`` returns an error or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="quote.cancel"),
        Binding("down", "to_passages", "Passages", show=False, id="quote.down"),
    ]

    def __init__(self, sources: Sequence[tuple[str, str]], query: str, search: Search, attach: Callable[[str, str], str | None]) -> None:
        """``sources`` are (label, source id) pairs of sources that have a text."""
        super().__init__()
        self.sources = list(sources)
        self.query_text = query
        self.search = search
        self.attach = attach
        self.passages: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="quote-body", classes="dialog"):
            yield Label("Attach a quote: search the source, enter on a passage", classes="dialog-title")
            yield Select(self.sources, value=self.sources[0][1], allow_blank=False, id="quote-source")
            yield Input(self.query_text, placeholder="words of the passage", id="quote-query")
            yield OptionList(id="quote-passages")
            yield Static(id="quote-error")

    def on_mount(self) -> None:
        self.query_one("#quote-query", Input).focus()
        self.refresh_passages()

    @property
    def source(self) -> str:
        return str(self.query_one("#quote-source", Select).value)

    @on(Input.Changed, "#quote-query")
    @on(Select.Changed, "#quote-source")
    def refresh_passages(self) -> None:
        """Search the source again for the query as typed."""
        query = self.query_one("#quote-query", Input).value
        self.passages = self.search(self.source, query) if query.strip() else []
        found = self.query_one("#quote-passages", OptionList)
        found.clear_options()
        found.add_options([Option(Text(p)) for p in self.passages] or [Option(Text("no passage matches", style="italic"), disabled=True)])
        found.highlighted = 0 if self.passages else None

    @on(Input.Submitted, "#quote-query")
    def action_to_passages(self) -> None:
        if self.passages:
            self.query_one("#quote-passages", OptionList).focus()

    @on(OptionList.OptionSelected, "#quote-passages")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.passages):
            error = self.attach(self.source, self.passages[event.option_index])
            if error is None:
                self.dismiss(None)
            else:
                self.query_one("#quote-error", Static).update(Text(error, style="bold"))
