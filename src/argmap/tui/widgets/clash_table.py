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


class ClashTable(DataTable[Text]):
    """One row per clash: who attacks, how, whom; each side and status in words."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.keys: list[str] = []

    def show(self, view: MapView, palette: Palette) -> None:
        """Fill the table from the analysis' clash points."""
        self.clear(columns=True)
        self.keys = []
        self.add_columns("attacker", "side", "status", "how", "target", "side", "status")
        clashes = view.analysis.clashes if view.analysis is not None else ()
        for clash in clashes:
            kind = view.workspace.relations[clash.relation].kind.value
            self.add_row(
                *self._claim_cells(view, clash.attacker, clash.attacker_side, palette),
                Text(kind, Style(italic=True)),
                *self._claim_cells(view, clash.target, clash.target_side, palette),
            )
            self.keys.append(clash.attacker)

    @staticmethod
    def _claim_cells(view: MapView, key: str, side: str | None, palette: Palette) -> tuple[Text, Text, Text]:
        role = view.role(key)
        status = view.status(key)
        return (
            Text(f"{ICONS[role]} {role.value} {short(view.claim(key).text, 44)}", palette.role(role)),
            Text(side or "-", palette.side(view.side_index(side))),
            Text(status, palette.status(status)),
        )

    def key_at(self, row: int) -> str | None:
        return self.keys[row] if 0 <= row < len(self.keys) else None
