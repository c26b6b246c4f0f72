"""A long list of claims, one line each, drawn only where it is on screen.

The claims view lists every claim of a map and the dropped view most of them: 10k and
more. An ``OptionList`` builds and measures every option when it is filled -- 1.5 s and
40 MB for the claims tab of a 10k-claim map, minutes and gigabytes at 100k. This list
keeps only the keys, and makes the line of a claim when the line is drawn (Textual's
line API, as its ``DataTable`` and ``Log`` do), so filling it costs nothing and drawing
it the height of the pane. A list may come in sections (:meth:`ClaimRows.show_sections`):
each opens with a heading row, which holds no claim and which the cursor steps over.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from argmap.tui.labels import COMPACT_BELOW, Palette, claim_line
from argmap.tui.view import MapView

__all__ = ["ClaimRows"]

KEPT_LINES = 1_000
"""Lines kept once made (a few screenfuls), so scrolling back does not make them again."""


class _RowMessage(Message):
    def __init__(self, rows: ClaimRows, index: int) -> None:
        super().__init__()
        self.rows = rows
        self.index = index


class ClaimRows(ScrollView, can_focus=True):
    """Claims, one line each (role, status, strength, side, text; compact when narrow),
    with a cursor: moving it posts :class:`Highlighted`, enter or a click :class:`Selected`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", show=False, id="rows.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="rows.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="rows.pagedown"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="rows.pageup"),
        Binding("home,g", "first", "First", show=False, id="rows.first"),
        Binding("end,G", "last", "Last", show=False, id="rows.last"),
        Binding("enter", "select", "Go to the claim", show=False, id="rows.select"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"claim-rows--cursor"}
    DEFAULT_CSS = """
    ClaimRows > .claim-rows--cursor {
        background: $block-cursor-blurred-background;
    }
    ClaimRows:focus > .claim-rows--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True)
    """The row under the cursor (None when the list is empty)."""

    class Highlighted(_RowMessage):
        """The cursor moved to row ``index``."""

    class Selected(_RowMessage):
        """Row ``index`` was chosen (enter, or a click)."""

    def __init__(self, empty: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[str | None] = []  # a row's claim; None for a section's heading
        self.headings: dict[int, str] = {}  # row → the heading it shows
        self._empty = empty
        self._view: MapView | None = None
        self._palette = Palette({})
        self._lines: dict[tuple[int, bool], Text] = {}  # (row, compact) → its line, as drawn so far

    def show(self, view: MapView, keys: Sequence[str], palette: Palette) -> None:
        """Replace the rows with ``keys``, the cursor on the first."""
        self._fill(view, list(keys), {}, palette)

    def show_sections(self, view: MapView, sections: Sequence[tuple[str, Sequence[str]]], palette: Palette) -> None:
        """Replace the rows with sections, each a heading and then its claims; the cursor
        on the first claim. The empty message shows only when no section has a claim."""
        rows: list[str | None] = []
        headings: dict[int, str] = {}
        if any(keys for _, keys in sections):
            for heading, keys in sections:
                headings[len(rows)] = heading
                rows.append(None)
                rows.extend(keys)
        self._fill(view, rows, headings, palette)

    def _fill(self, view: MapView, rows: list[str | None], headings: dict[int, str], palette: Palette) -> None:
        self._view, self._palette = view, palette
        self.keys, self.headings = rows, headings
        self._lines.clear()
        self.virtual_size = Size(self.size.width, max(len(self.keys), 1))
        self.scroll_to(0, 0, animate=False)
        first = self._claim_row(0, 1)
        self.highlighted = first
        self.refresh()

    @property
    def claims(self) -> list[str]:
        """The claims listed, in order, without the headings."""
        return [key for key in self.keys if key is not None]

    def key_at(self, index: int | None) -> str | None:
        return self.keys[index] if index is not None and 0 <= index < len(self.keys) else None

    def _claim_row(self, index: int, step: int) -> int | None:
        """The first row from ``index`` on, going ``step`` (1 or -1), that holds a claim."""
        while 0 <= index < len(self.keys):
            if self.keys[index] is not None:
                return index
            index += step
        return None

    def line_at(self, index: int, width: int) -> Text:
        """The line of row ``index`` as a pane ``width`` columns wide shows it (before the cursor)."""
        compact = width < COMPACT_BELOW
        line = self._lines.get((index, compact))
        if line is None:
            assert self._view is not None
            if len(self._lines) >= KEPT_LINES:  # scrolled through thousands: keep what is near
                self._lines.clear()
            key = self.keys[index]
            if key is None:
                line = Text(self.headings.get(index, ""), style=Style(bold=True, underline=True), no_wrap=True, overflow="ellipsis")
            else:
                line = claim_line(self._view, key, self._palette, compact=compact)
            self._lines[index, compact] = line
        return line

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        base = self.rich_style
        if not self.keys:
            text = Text(self._empty if y == 0 else "", style=Style(italic=True))
        elif index >= len(self.keys):
            return Strip.blank(width, base)
        else:
            text = self.line_at(index, width).copy()
            if index == self.highlighted:
                text.stylize(self.get_component_rich_style("claim-rows--cursor"))
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(text.render(self.app.console)), width).apply_style(base)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, max(len(self.keys), 1))
        if self.highlighted is not None:  # shown at last (see watch_highlighted): the cursor in view
            self.scroll_to_region(Region(0, self.highlighted, 1, 1), animate=False, force=True)

    # -- the cursor ----------------------------------------------------------------------

    def watch_highlighted(self, index: int | None) -> None:
        if index is None:
            return
        if self.size.height:  # a list filled while hidden (a tab not open) has no height: it would
            # scroll its cursor to the top, past the heading above it (the dropped view's snapshot)
            self.scroll_to_region(Region(0, index, 1, 1), animate=False, force=True)
        self.refresh()
        self.post_message(self.Highlighted(self, index))

    def _move_to(self, index: int, step: int = 1) -> None:
        """Put the cursor on row ``index``, or the nearest claim from it going ``step`` (a
        heading holds none), or back the other way at the end of the list."""
        if self.keys:
            index = max(0, min(index, len(self.keys) - 1))
            found = self._claim_row(index, step)
            found = found if found is not None else self._claim_row(index, -step)
            if found is not None:
                self.highlighted = found

    def action_move(self, step: int) -> None:
        self._move_to((self.highlighted or 0) + step, 1 if step > 0 else -1)

    def action_page(self, direction: int) -> None:
        self._move_to((self.highlighted or 0) + direction * max(1, self.scrollable_content_region.height - 1), direction)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self.keys) - 1, -1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y
        if 0 <= index < len(self.keys) and self.keys[index] is not None:
            self.highlighted = index
            self.post_message(self.Selected(self, index))
