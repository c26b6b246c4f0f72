"""The filter bar: narrow the lists (and dim the tree) by side, role, status, tag, dropped."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Checkbox, Select

from argmap.graph import Role
from argmap.tui.view import ClaimFilter, MapView

__all__ = ["FilterBar"]

STATUSES = ("IN", "OUT", "UNDEC")


class TickBox(Checkbox):
    """A checkbox ticked when on and empty when off. Textual's draws the same X both ways,
    told apart by colour alone, which a monochrome or colour-blind reader cannot see."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # the name Textual's ToggleButton reads
        return "✓" if self.value else " "


class FilterBar(Horizontal):
    """Select boxes for each filter; any change posts :class:`FilterBar.Changed`.

    The boxes are made when the bar is first opened (:meth:`open`): a third of the main
    screen's widgets, hidden until then, they were styled and laid out before every first
    screen, which shows none of them.
    """

    class Changed(Message):
        def __init__(self, wanted: ClaimFilter) -> None:
            super().__init__()
            self.wanted = wanted

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: MapView | None = None

    def _boxes(self) -> ComposeResult:
        yield Select[str]([], prompt="any side", id="filter-side")
        yield Select[str]([(r.value, r.value) for r in Role], prompt="any role", id="filter-role")
        yield Select[str]([(s, s) for s in STATUSES], prompt="any status", id="filter-status")
        yield Select[str]([], prompt="any tag", id="filter-tag")
        yield TickBox("dropped only", id="filter-dropped")

    @property
    def made(self) -> bool:
        """Whether the boxes exist (the bar was opened once)."""
        return bool(self.children)

    async def open(self) -> None:
        """Show the bar, making its boxes the first time."""
        if not self.made:
            await self.mount_all(self._boxes())
            if self._view is not None:
                self._offer(self._view)
        self.add_class("-shown")

    def show(self, view: MapView) -> None:
        """Offer the sides and tags of ``view`` (once the boxes exist)."""
        self._view = view
        if self.made:
            self._offer(view)

    def _offer(self, view: MapView) -> None:
        self.query_one("#filter-side", Select).set_options([(f"{s} ({view.side_label(s)})", s) for s in view.side_order])
        self.query_one("#filter-tag", Select).set_options([(t, t) for t in view.tags()])

    @property
    def wanted(self) -> ClaimFilter:
        if not self.made:
            return ClaimFilter()

        def value(selector: str) -> Any:
            chosen = self.query_one(selector, Select).value
            return None if chosen is Select.NULL else chosen

        role = value("#filter-role")
        return ClaimFilter(
            side=value("#filter-side"),
            role=Role(role) if role else None,
            status=value("#filter-status"),
            tag=value("#filter-tag"),
            dropped=self.query_one("#filter-dropped", Checkbox).value,
        )

    def clear(self) -> None:
        if not self.made:
            return
        for select in self.query(Select):
            select.clear()
        self.query_one("#filter-dropped", Checkbox).value = False

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.wanted))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.wanted))
