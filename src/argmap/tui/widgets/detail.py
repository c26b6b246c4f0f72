"""The detail pane: everything about the focused claim, and its relations to jump along.

The card is one ``Static`` of Rich ``Text`` (no markup: claim texts hold brackets); the
relations are an ``OptionList`` so a claim with hundreds of answers costs one widget.
Choosing a relation posts :class:`DetailPane.Jump`; the screen decides where jumping goes.
``x`` and ``p`` on a relation post :class:`DetailPane.RelationAction` (delete, re-point).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from argmap.tui.labels import Palette, claim_card, link_line
from argmap.tui.view import MapView

__all__ = ["DetailPane", "RelationList"]


class RelationList(OptionList):
    """The focused claim's relations, with vim-style movement."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="relations.down"),
        Binding("k", "cursor_up", "Up", show=False, id="relations.up"),
        Binding("g", "first", "First", show=False, id="relations.first"),
        Binding("G", "last", "Last", show=False, id="relations.last"),
        Binding("x", "relation('remove')", "Delete the relation", show=False, id="relations.remove"),
        Binding("p", "relation('retarget')", "Point the relation at another claim", show=False, id="relations.retarget"),
    ]

    def action_relation(self, action: str) -> None:
        pane = next(a for a in self.ancestors if isinstance(a, DetailPane))
        relation = pane.relation_at(self.highlighted)
        if relation is not None:
            self.post_message(DetailPane.RelationAction(action, relation))


class DetailPane(Vertical):
    """The focused claim: its card, then every incoming and outgoing relation."""

    class Jump(Message):
        """The user chose a relation: go to the claim at its other end."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class RelationAction(Message):
        """Delete (``"remove"``) or re-point (``"retarget"``) the relation under the cursor."""

        def __init__(self, action: str, relation: str) -> None:
            super().__init__()
            self.action = action
            self.relation = relation

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.key: str | None = None
        self._targets: list[str] = []
        self._relations: list[str] = []
        self._shown = object()  # which call of show() the options being added belong to

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="card-scroll"):
            yield Static(Text("Loading…"), id="card")
        yield Label("Relations · enter go · x delete · p re-point", id="relations-title")
        yield RelationList(id="relations")

    def show(self, view: MapView, key: str | None, palette: Palette) -> None:
        """Show ``key`` (None: nothing focused)."""
        self.key = key
        shown = self._shown = object()
        card = self.query_one("#card", Static)
        relations = self.query_one("#relations", RelationList)
        relations.clear_options()
        self._targets = []
        self._relations = []
        if key is None or key not in view.workspace.claims:
            card.update(Text("No claim selected.", style="italic"))
            return
        card.update(claim_card(view, key, palette))
        self.query_one("#card-scroll", VerticalScroll).scroll_home(animate=False)
        links = [(link, incoming) for incoming, found in ((True, view.links_in(key)), (False, view.links_out(key))) for link in found]
        self._targets = [link.key for link, _ in links]
        self._relations = [link.relation.key for link, _ in links]
        # height auto makes Textual measure every option at every layout (a hub answered
        # 300 times: a tenth of a second before the first screen); with at least a line an
        # option and as many as the screen has rows, auto would stop at max-height anyway
        rows = self.app.size.height
        relations.set_class(len(links) >= rows, "-long")
        if not links:
            relations.add_option(Option(Text("no relations: nothing supports, rebuts or answers this claim", style="italic"), disabled=True))
            return
        # what the screen can show first; the rest once it is drawn: the OptionList lays out
        # every option it holds, and a hub's 170 were 0.1 s of the first frame (web 1k)
        relations.add_options([Option(link_line(view, link, palette, incoming)) for link, incoming in links[:rows]])
        relations.highlighted = 0

        def add_the_rest() -> None:
            if self._shown is shown:
                relations.add_options([Option(link_line(view, link, palette, incoming)) for link, incoming in links[rows:]])

        if len(links) > rows:
            self.call_after_refresh(add_the_rest)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._targets):
            self.post_message(self.Jump(self._targets[event.option_index]))

    def relation_at(self, index: int | None) -> str | None:
        """The key of the relation at a line of the list, or None."""
        return self._relations[index] if index is not None and 0 <= index < len(self._relations) else None

    @property
    def targets(self) -> list[str]:
        """The claim keys of the relation list, in order (for tests and the screen)."""
        return list(self._targets)
