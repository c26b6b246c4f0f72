"""Clash points: every attack across sides, as a table of attacker → target."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from argmap.tui.labels import ICONS, Palette, short
from argmap.tui.view import MapView

__all__ = ["ClashTable"]

MAX_ROWS = 1_000
"""Clashes shown in the explorer (a debate has tens; a 100k-claim map tens of thousands)."""


class ClashTable(DataTable[Text]):
    """One two-line row per clash: the attacker over how it attacks whom, each side and
    status in words beside its claim.

    Two lines rather than seven columns: the pane beside the detail is about 70 columns
    wide, and a one-line row pushed the target -- half of what a clash is -- off screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
    ]

    TEXT = 30
    """Characters of each claim's text shown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.keys: list[str] = []

    def show(self, view: MapView, palette: Palette) -> None:
        """Fill the table from the analysis' clash points."""
        self.clear(columns=True)
        self.keys = []
        self.add_columns("side", "attacker, and how it attacks what", "status")
        clashes = view.analysis.clashes if view.analysis is not None else ()
        for clash in clashes[:MAX_ROWS]:
            kind = view.workspace.relations[clash.relation].kind.value
            attacker, target = self._claim(view, clash.attacker, palette), self._claim(view, clash.target, palette)
            a_status, t_status = view.status(clash.attacker), view.status(clash.target)
            self.add_row(
                Text.assemble(self._side(view, clash.attacker_side, palette), "\n", self._side(view, clash.target_side, palette)),
                Text.assemble(attacker, "\n", (f"  {kind} ", Style(italic=True)), target),
                Text.assemble((a_status, palette.status(a_status)), "\n", (t_status, palette.status(t_status))),
                height=2,
            )
            self.keys.append(clash.attacker)
        if len(clashes) > MAX_ROWS:  # DataTable measures every row it holds: 45k took seconds
            self.add_row(Text(""), Text(f"… {len(clashes) - MAX_ROWS:,} more clashes: argmap analyze lists them all", style="italic"), Text(""))

    def _claim(self, view: MapView, key: str, palette: Palette) -> Text:
        role = view.role(key)
        return Text(f"{ICONS[role]} {role.value} {short(view.claim(key).text, self.TEXT)}", palette.role(role))

    @staticmethod
    def _side(view: MapView, side: str | None, palette: Palette) -> Text:
        return Text(side or "-", palette.side(view.side_index(side)))

    def key_at(self, row: int) -> str | None:
        return self.keys[row] if 0 <= row < len(self.keys) else None
