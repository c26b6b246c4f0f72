"""Help (F1 or ?): every key, read from the bindings themselves, and how to read a line.

The key list is generated from the ``BINDINGS`` of the app, screens and widgets, so it
cannot fall out of date when a binding changes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from argmap.graph import Role
from argmap.tui.labels import ICONS

__all__ = ["HelpScreen", "bindings_of"]

LEGEND = (
    ("Reading a line", ""),
    ("", "role     STATUS strength side     text"),
    ("", "− objection OUT  0.31  critics  Police are corrupt, so …"),
    ("Roles", "  ".join(f"{ICONS[r]} {r.value}" for r in Role)),
    ("Status", "IN stands (every attack on it is answered) · OUT defeated by a standing attack · UNDEC caught in a cycle"),
    ("Strength", "0.00-1.00: how well supported it is once attacks count (-- when not analysed)"),
    ("Reply", "what became of a claim: answered, answered in part, conceded, concession (it grants a point), or unanswered:"),
    ("", "dropped (the other side spoke later, took up its speech, and left it), no chance to reply (nobody of"),
    ("", "theirs spoke after it), not engaged (they spoke, never to that speech); view 3 lists the three apart"),
    ("Links", "L: judge on the texts' own links (the default), or count the analyst's links too; the header says which"),
    ("Trace", "t on a claim: who answers it, who answers them, … to who has the last word"),
)


def bindings_of(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares, its own first, then those it inherits."""
    found: list[Binding] = []
    seen: set[str] = set()
    for cls in node_class.__mro__:
        for item in cls.__dict__.get("BINDINGS", []):
            binding = item if isinstance(item, Binding) else Binding(*item)
            if binding.action in seen and binding.description:
                # a second binding of one action (vim keys beside arrows): list its keys together
                index = next(i for i, b in enumerate(found) if b.action == binding.action)
                found[index] = Binding(f"{found[index].key},{binding.key}", binding.action, found[index].description)
            elif binding.description:
                seen.add(binding.action)
                found.append(binding)
    return found


class HelpScreen(ModalScreen[None]):
    """A modal listing every key of the explorer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._text(), id="help-text")

    def _text(self) -> Text:
        text = Text()
        text.append("argmap explore — keys\n", Style(bold=True))
        text.append("escape closes this help. The mouse works too: click, scroll, click tabs.\n", Style(italic=True))
        for title, bindings in self.sections:
            text.append(f"\n{title}\n", Style(bold=True, underline=True))
            for binding in bindings:
                keys = ", ".join(self.app.get_key_display(Binding(k, "")) for k in binding.key.split(","))
                text.append(f"  {keys:<22}", Style(bold=True))
                text.append(f"{binding.tooltip or binding.description}\n")  # the footer's word, or the longer one
        text.append("\n")
        for title, body in LEGEND:
            if title:
                text.append(f"{title:<10}", Style(bold=True))
            else:
                text.append(" " * 10)
            text.append(f"{body}\n")
        return text
