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

MAX_COLUMNS = 40
"""Speeches of a flow shown in the explorer (a debate has a handful; a 100k-claim map 501)."""

MAX_CELLS = 8_000
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
        """Fill the table with the flow of map ``stem``: the first MAX_COLUMNS speeches and as
        many rows as fill MAX_CELLS cells, then a line saying what is left out.

        Textual's DataTable measures every row it holds and draws every column of a line on
        screen: the 7,854 rows by 51 speeches of a 10k-claim map's flow took 4 s and 128 MB
        when the tab opened, the 501 speeches of a 100k-claim one 3 s more to draw. A flow
        that large is read in the exported sheet (``argmap flow``).
        """
        speeches = min(len(view.workspace.maps[stem].sources) + 1, MAX_COLUMNS)  # and "(no quote)"
        sheet = view.flow(stem, limit=max(10, MAX_CELLS // speeches))
        self.stem = stem
        self.clear(columns=True)
        titles = list(sheet.columns[:MAX_COLUMNS])
        hidden = len(sheet.columns) - len(titles)
        if hidden:
            titles[-1] = f"… and {hidden + 1} more speeches"
        for title in titles:
            self.add_column(Text(short(title, CELL_WIDTH)), width=CELL_WIDTH)
        width = len(titles) - (1 if hidden else 0)
        self.cells = [row[:width] + ((None,) if hidden else ()) for row in sheet.rows]
        # an empty cell (most are) is the empty string, drawn only when on screen
        self.add_rows([self._cell(view, key, palette) if key is not None else "" for key in row] for row in self.cells)
        if not sheet.complete or hidden:
            notes = ["… more rows follow" if not sheet.complete else "", "all of it: argmap flow … -o flow.html"]
            self.add_row(*(Text(notes[i], style="italic") if i < len(notes) else "" for i in range(len(titles))))
            self.cells.append(tuple(None for _ in titles))

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
