"""A question with a few answers, each a button and a key: confirm a delete, quit, a conflict.

One modal serves every yes/no/which question of the explorer, so they all look and behave
alike: the body says what will happen (a deletion lists what it takes with it first), each
answer names its key, escape answers with the last choice (the one that changes nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

__all__ = ["DIALOG_BREAKPOINTS", "Choice", "ChoiceScreen"]

DIALOG_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
"""A dialog's screen is ``-short`` on a terminal under 34 rows (app.tcss keeps its buttons
on screen there). Set on the dialogs alone: set on the app, the main screen took the class
on its first resize and restyled its every widget again before the first screen was drawn."""

Choice = tuple[str, str, str]
"""(key, label, result) of one answer."""


class ChoiceScreen(ModalScreen[str]):
    """Ask ``title``, show ``body``, dismiss with the result of the answer chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]
    VERTICAL_BREAKPOINTS = DIALOG_BREAKPOINTS

    def __init__(self, title: str, body: Text | str, choices: Sequence[Choice]) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-body", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="choice-scroll"):
                yield Static(self.body, id="choice-text")
            with Horizontal(classes="dialog-buttons"):
                for number, (key, label, result) in enumerate(self.choices):
                    yield Button(f"{label} ({key})", id=f"choice-{result}", variant="primary" if number == 0 else "default")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def on_key(self, event: events.Key) -> None:
        for key, _, result in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(result)
                return

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1][2])
