"""A short list of claims, each under its prefix: the answers on the trace screen.

An ``OptionList``, which wraps a long claim over lines: right for a handful of answers.
It builds and measures every option when filled, so the long lists (all claims, dropped
claims) are :class:`~argmap.tui.widgets.claim_rows.ClaimRows` instead. The list keeps the
claim keys in option order so the screen can map a highlighted row back to its claim.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from argmap.tui.labels import COMPACT_BELOW, Palette, claim_line
from argmap.tui.view import MapView

__all__ = ["ClaimList"]


class ClaimList(OptionList):
    """Claims, one line each: role, status, strength, side, text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]

    def __init__(self, empty: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[str] = []
        self._empty = empty
        self._compact = False  # whether the lines are drawn compact (see COMPACT_BELOW)
        self._shown: tuple[MapView, list[str] | None, Palette] | None = None

    def show(self, view: MapView, keys: list[str], palette: Palette, prefixes: list[str] | None = None) -> None:
        """Replace the list with ``keys``, each line after its prefix (e.g. "rebuts") if given."""
        self.clear_options()
        self.keys = list(keys)
        self._shown = (view, prefixes, palette)
        if keys:
            options = []
            for index, key in enumerate(keys):
                line = Text(f"{prefixes[index]:<10} ", style="italic") if prefixes else Text()
                line.append_text(claim_line(view, key, palette, compact=self._compact))
                options.append(Option(line))
            self.add_options(options)
            self.highlighted = 0
        else:
            self.add_option(Option(Text(self._empty, style="italic"), disabled=True))

    def on_resize(self, event: events.Resize) -> None:
        compact = 0 < event.size.width < COMPACT_BELOW
        if compact == self._compact:
            return
        self._compact = compact
        if self._shown is not None:  # draw the same lines again, the other way
            highlighted = self.highlighted
            view, prefixes, palette = self._shown
            self.show(view, self.keys, palette, prefixes)
            self.highlighted = highlighted

    def key_at(self, index: int | None) -> str | None:
        return self.keys[index] if index is not None and 0 <= index < len(self.keys) else None
