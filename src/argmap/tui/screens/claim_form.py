"""The claim form: add a claim (as a reason, objection or undercut) or edit one's fields.

The form only collects what the coach typed; the app applies it through the editing
library, which checks it as ``argmap check`` would. A refused change leaves the form open
with the reason shown under it, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from argmap.tui.screens.choice import DIALOG_BREAKPOINTS

__all__ = ["ClaimFields", "ClaimForm"]

KINDS = ("claim", "evidence", "thesis")


@dataclass(frozen=True, slots=True)
class ClaimFields:
    """What the form holds: ``relation`` and ``id`` only when adding (None when editing)."""

    text: str
    by: str | None
    kind: str
    tags: tuple[str, ...]
    note: str | None
    weight: float | None
    relation: str | None = None
    id: str | None = None


class ClaimForm(ModalScreen[None]):
    """Fields of one claim; ``submit`` applies them and returns an error to show, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Apply", id="form.apply", priority=True),
    ]
    VERTICAL_BREAKPOINTS = DIALOG_BREAKPOINTS

    def __init__(
        self,
        title: str,
        initial: ClaimFields,
        speakers: Sequence[tuple[str, str]],
        submit: Callable[[ClaimFields], str | None],
        relations: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``speakers`` and ``relations`` are (label, value) pairs; no relations: editing."""
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.speakers = list(speakers)
        self.relations = list(relations)
        self.submit = submit

    def compose(self) -> ComposeResult:
        first = self.initial
        with Vertical(id="form-body", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="form-fields"):
                if self.relations:
                    yield Label("As")
                    yield Select(self.relations, value=first.relation or self.relations[0][1], allow_blank=False, id="form-relation", compact=True)
                    yield Label("Id (lower-case letters, digits, -; empty: made from the text)")
                    yield Input(first.id or "", id="form-id", compact=True)
                yield Label("Text")
                yield Input(first.text, id="form-text", compact=True)
                yield Label("Said by")
                yield Select(self.speakers, value=first.by if first.by is not None else Select.NULL, prompt="nobody (no side)", id="form-by", compact=True)
                yield Label("Kind")
                yield Select([(k, k) for k in KINDS], value=first.kind, allow_blank=False, id="form-kind", compact=True)
                yield Label("Tags (comma-separated)")
                yield Input(", ".join(first.tags), id="form-tags", compact=True)
                yield Label("Coach's note")
                yield Input(first.note or "", id="form-note", compact=True)
                yield Label("Weight (0 to 1; empty: none)")
                yield Input("" if first.weight is None else str(first.weight), id="form-weight", compact=True)
            yield Static(id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", id="form-apply", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")

    def on_mount(self) -> None:
        self.query_one("#form-text", Input).focus()

    def fields(self) -> ClaimFields | str:
        """The fields as typed, or what is wrong with them."""
        def value(name: str) -> str:
            return self.query_one(f"#form-{name}", Input).value.strip()

        weight: float | None = None
        if value("weight"):
            try:
                weight = float(value("weight"))
            except ValueError:
                return f"weight {value('weight')!r} is not a number"
        by = self.query_one("#form-by", Select).value
        relation = self.query_one("#form-relation", Select).value if self.relations else None
        return ClaimFields(
            text=value("text"),
            by=by if isinstance(by, str) else None,
            kind=str(self.query_one("#form-kind", Select).value),
            tags=tuple(t.strip() for t in value("tags").split(",") if t.strip()),
            note=value("note") or None,
            weight=weight,
            relation=str(relation) if relation is not None else None,
            id=value("id") if self.relations else None,
        )

    def action_submit(self) -> None:
        fields = self.fields()
        if isinstance(fields, ClaimFields) and not fields.text:
            fields = "a claim needs a text"
        error = fields if isinstance(fields, str) else self.submit(fields)
        if error is None:
            self.dismiss(None)
        else:
            self.query_one("#form-error", Static).update(Text(error, style="bold"))

    @on(Input.Submitted)
    def _entered(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#form-apply")
    def _apply(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#form-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
