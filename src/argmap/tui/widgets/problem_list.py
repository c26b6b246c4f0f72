"""Problems ``argmap check`` finds, one line each, as the command prints them."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from argmap.errors import Severity
from argmap.tui.labels import Palette
from argmap.tui.view import MapView

__all__ = ["ProblemList"]


class ProblemList(OptionList):
    """Errors and warnings of the loaded maps; the claim each is in, when there is one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="problems.down"),
        Binding("k", "cursor_up", "Up", show=False, id="problems.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[str | None] = []

    def show(self, view: MapView, palette: Palette) -> None:
        self.clear_options()
        self.keys = []
        options = []
        for problem in view.problems:
            error = problem.severity is Severity.ERROR
            line = Text()
            line.append(f"{problem.severity.value.upper():<8}", palette.status("OUT" if error else "UNDEC") + Style(bold=True))
            line.append(str(problem))
            options.append(Option(line))
            self.keys.append(view.claim_at(problem.location))
        if view.analysis_error:
            options.append(Option(Text(f"NOTE    {view.analysis_error}", style="italic")))
            self.keys.append(None)
        if not options:
            options.append(Option(Text("No problems: argmap check finds nothing wrong.", style="italic"), disabled=True))
        self.add_options(options)
        self.highlighted = 0

    def key_at(self, index: int | None) -> str | None:
        return self.keys[index] if index is not None and 0 <= index < len(self.keys) else None
