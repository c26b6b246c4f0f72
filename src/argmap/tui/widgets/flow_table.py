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

MAX_CELLS = 20_000
"""Cells of a flow shown in the explorer: the first rows that hold this many (a debate's flow
has tens of rows of a few speeches; a 100k-claim map's 78k rows of 501)."""


class FlowTable(DataTable[Text | str]):
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
        speeches = len(view.workspace.maps[stem].sources) + 1  # and "(no quote)"
        sheet = view.flow(stem, limit=max(10, MAX_CELLS // speeches))
        self.stem = stem
        self.clear(columns=True)
        for title in sheet.columns:
            self.add_column(Text(short(title, CELL_WIDTH)), width=CELL_WIDTH)
        # Textual's DataTable measures every row it holds: the 7,854 rows by 51 speeches of a
        # 10k-claim map's flow took 4 s and 128 MB when the tab opened. A flow that long is
        # read in the exported sheet; here its first MAX_CELLS cells' rows, and a line saying so.
        self.cells = list(sheet.rows)
        # an empty cell (most are) is the empty string, drawn only when on screen
        self.add_rows([self._cell(view, key, palette) if key is not None else "" for key in row] for row in sheet.rows)
        if sheet.more:
            notes = [f"… {sheet.more:,} more rows", "all of them: argmap flow … -o flow.html"]
            self.add_row(*(Text(notes[i], style="italic") if i < len(notes) else "" for i in range(len(sheet.columns))))
            self.cells.append(tuple(None for _ in sheet.columns))

    @staticmethod
    def _cell(view: MapView, key: str, palette: Palette) -> Text:
        role = view.role(key)
        cell = Text(f"{ICONS[role]} ", palette.role(role))
        cell.append(short(view.claim(key).text, CELL_WIDTH - 2))
        return cell

    def key_at(self, row: int, column: int) -> str | None:
        if 0 <= row < len(self.cells) and 0 <= column < len(self.cells[row]):
            return self.cells[row][column]
        return None
