"""The flow: one column per speech (source) of a map, answers to the right of what they answer.

Debaters "flow" a round this way on paper; reading a row left to right follows one thread
of the argument through the speeches, and an empty cell after a claim is where it was dropped.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from argmap.tui.labels import ICONS, Palette, short
from argmap.tui.view import MapView

__all__ = ["FlowTable"]

CELL_WIDTH = 34
"""Characters of claim text per flow cell."""


class FlowTable(DataTable[Text]):
    """A map's flow sheet, cell cursor on claims."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="flow.down"),
        Binding("k", "cursor_up", "Up", show=False, id="flow.up"),
        Binding("h", "cursor_left", "Left", show=False, id="flow.left"),
        Binding("l", "cursor_right", "Right", show=False, id="flow.right"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.stem: str | None = None
        self.cells: list[tuple[str | None, ...]] = []

    def show(self, view: MapView, stem: str, palette: Palette) -> None:
        """Fill the table with the flow of map ``stem``."""
        sheet = view.flow(stem)
        self.stem = stem
        self.clear(columns=True)
        for title in sheet.columns:
            self.add_column(Text(short(title, CELL_WIDTH)), width=CELL_WIDTH)
        self.cells = list(sheet.rows)
        for row in sheet.rows:
            cells = []
            for key in row:
                if key is None:
                    cells.append(Text(""))
                    continue
                role = view.role(key)
                cell = Text(f"{ICONS[role]} ", palette.role(role))
                cell.append(short(view.claim(key).text, CELL_WIDTH - 2))
                cells.append(cell)
            self.add_row(*cells)

    def key_at(self, row: int, column: int) -> str | None:
        if 0 <= row < len(self.cells) and 0 <= column < len(self.cells[row]):
            return self.cells[row][column]
        return None
