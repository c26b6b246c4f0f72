"""Pick a claim by typing words of it: where to re-point a relation.

The same search as the find palette (:meth:`MapView.find`), in a modal that answers with
the chosen claim's key instead of jumping to it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from argmap.tui.labels import Palette, claim_line
from argmap.tui.view import MapView

__all__ = ["ClaimPicker"]


class ClaimPicker(ModalScreen[str | None]):
    """Dismissed with the key of the claim chosen, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="pick.cancel"),
        Binding("down", "to_claims", "Claims", show=False, id="pick.down"),
    ]

    def __init__(self, title: str, view: MapView, palette: Palette, exclude: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.title_text = title
        self.view = view
        self.palette = palette
        self.exclude = exclude
        self.keys: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-body", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder="id or words of the claim", id="pick-query")
            yield OptionList(id="pick-claims")

    def on_mount(self) -> None:
        self.query_one("#pick-query", Input).focus()

    @on(Input.Changed, "#pick-query")
    def _search(self, event: Input.Changed) -> None:
        self.keys = [k for k, _ in self.view.find(event.value, limit=30) if k not in self.exclude]
        found = self.query_one("#pick-claims", OptionList)
        found.clear_options()
        found.add_options([Option(claim_line(self.view, k, self.palette, text_width=70)) for k in self.keys])
        found.highlighted = 0 if self.keys else None

    @on(Input.Submitted, "#pick-query")
    def action_to_claims(self) -> None:
        if self.keys:
            self.query_one("#pick-claims", OptionList).focus()

    @on(OptionList.OptionSelected, "#pick-claims")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.keys[event.option_index])
