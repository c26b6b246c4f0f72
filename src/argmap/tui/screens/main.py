"""The main screen: claim tree and list views on the left, the focused claim on the right.

The screen owns "the focused claim": whichever view last moved its cursor decides it, and
the detail pane follows. Jumps (from search, a relation, a list, a trace) land in the tree,
expanding the path from a thesis down to the claim.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static, TabbedContent, TabPane, Tree

from argmap.tui.labels import Palette, links_label
from argmap.tui.view import ClaimFilter, MapView
from argmap.tui.widgets.changes import show_since
from argmap.tui.widgets.claim_rows import ClaimRows
from argmap.tui.widgets.claim_tree import ClaimTree
from argmap.tui.widgets.clash_table import ClashTable
from argmap.tui.widgets.detail import DetailPane
from argmap.tui.widgets.filter_bar import FilterBar
from argmap.tui.widgets.flow_table import FlowTable
from argmap.tui.widgets.footer import KeyFooter
from argmap.tui.widgets.problem_list import ProblemList

__all__ = ["EDIT_COMMANDS", "VIEWS", "MainScreen"]

VIEWS = ("tree", "claims", "dropped", "clashes", "flow", "problems")
"""The tabs of the left pane, in order (keys 1-6)."""

EDIT_COMMANDS = (
    ("Add a claim", "A reason, objection or undercut of the focused claim (a)", "add_claim"),
    ("Edit the claim", "Text, speaker, kind, tags, note, weight (e)", "edit_claim"),
    ("Attach a quote", "Search the source text for the passage (\")", "quote_claim"),
    ("Delete the claim", "Shows what it takes with it first (d)", "delete_claim"),
    ("Move the claim to another map", "References are rewritten (m)", "move_claim"),
    ("Undo", "Undo the last change, saved or not (ctrl+z, u)", "undo"),
    ("Redo", "Redo the last undone change (ctrl+y, U)", "redo"),
)
"""Editing actions of the main screen, for the command palette: (title, help, action)."""


class MainScreen(Screen[None]):
    """Tree, lists and detail of one loaded workspace."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "app.find", "Find", id="find"),
        Binding("t", "trace", "Trace answers", id="trace"),
        Binding("a", "add_claim", "Add", id="add"),
        Binding("e", "edit_claim", "Edit", id="edit"),
        Binding("D", "app.drill", "Drill a side", show=False, id="drill"),
        Binding("L", "app.toggle_links", "Links", id="links", tooltip="Judge on the texts' own links, or count the analyst's links too"),
        Binding("quotation_mark", "quote_claim", "Attach a quote", show=False, id="quote"),
        Binding("d", "delete_claim", "Delete the claim", show=False, id="delete"),
        Binding("m", "move_claim", "Move the claim to another map", show=False, id="move"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="undo"),
        Binding("u", "undo", "Undo", show=False, id="undo-vim"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="redo"),
        Binding("U", "redo", "Redo", show=False, id="redo-vim"),
        Binding("f", "toggle_filters", "Filter", show=False, id="filter"),
        Binding("r", "render('svg')", "Render", show=False, id="render"),
        Binding("R", "render('png')", "Render PNG", show=False, id="render-png"),
        Binding("w", "focus_next_pane", "Switch pane", show=False, id="switch-pane"),
        *(
            Binding(str(n), f"show_view('{name}')", f"Show the {name} view", show=False, id=f"view-{name}")
            for n, name in enumerate(VIEWS, start=1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: MapView | None = None
        self.focused_key: str | None = None
        self.wanted = ClaimFilter()

    def on_mount(self) -> None:
        if getattr(self.app, "since_revision", None):
            self._bindings.bind("7", "show_view('changes')", "Show what changed since the revision", show=False)
        self.app.main_ready()  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield FilterBar(id="filters")
        with Horizontal(id="panes"):
            with TabbedContent(id="views", initial="tree"):
                with TabPane("Tree", id="tree"):
                    # a still message, not Textual's animated LoadingIndicator: its frames
                    # compete for the GIL with the load worker and doubled the load time
                    yield Static(Text("Loading the maps…", style="italic"), id="loading")
                    yield ClaimTree(id="claim-tree")
                with TabPane("Claims", id="claims"):
                    yield ClaimRows("No claim matches the filters (f to change them).", id="claim-list")
                with TabPane("Dropped", id="dropped"):
                    yield ClaimRows("Nothing left unanswered: every claim of a side was answered, conceded, or grants a point.", id="dropped-list")
                with TabPane("Clashes", id="clashes"):
                    yield ClashTable(id="clash-table")
                with TabPane("Flow", id="flow"):
                    yield FlowTable(id="flow-table")
                with TabPane("Problems", id="problems"):
                    yield ProblemList(id="problem-list")
                if getattr(self.app, "since_revision", None):  # explore --since REV
                    with TabPane(f"Since {self.app.since_revision} (…)", id="changes"):  # type: ignore[attr-defined]
                        yield ClaimRows("Nothing changed since then, in the maps shown.", id="changes-list")
            yield DetailPane(id="detail")
        yield KeyFooter()

    @property
    def palette(self) -> Palette:
        return Palette.of(self.app)

    @property
    def claim_tree(self) -> ClaimTree:
        return self.query_one(ClaimTree)

    # -- showing a loaded workspace ------------------------------------------------------

    def show_progress(self, message: str) -> None:
        """Say what a long load is doing, under "Loading the maps…" (shown until the first view)."""
        self.query_one("#loading", Static).update(Text.assemble(("Loading the maps…", "italic"), "\n\n", message))

    def show(self, view: MapView, keep: str | None = None) -> None:
        """Show ``view``; keep the cursor on ``keep`` when that claim still exists."""
        self.view = view
        self.focused_key = None  # the detail pane must redraw from the new view
        palette = self.palette
        tree = self.claim_tree
        self.query_one("#loading").display = False
        tree.display = True
        tree.palette = palette
        tree.wanted = self.wanted
        tree.show(view)
        self.query_one(FilterBar).show(view)
        problems = self.query_one(ProblemList)
        problems.show(view, palette)
        self._retitle(view)
        self._filled: set[str] = {"tree", "problems"}  # the others fill when first shown
        tabs = self.query_one(TabbedContent)
        if keep is not None and keep in view.workspace.claims:
            self.jump(keep)
        else:
            first = tree.first_claim()
            if first is not None:
                tree.place_cursor(first, scroll=False)  # the top of the tree stays in view
                self._focus_claim(first.data)
        if not view.workspace.ok and keep is None:
            tabs.active = "problems"
            problems.focus()
        elif tabs.active in self._filled:
            self._active_widget().focus()
        else:
            self._fill(tabs.active)

    def analysed(self, view: MapView) -> None:
        """The analyses the first screen did without are ready: count the clashes."""
        if view is self.view:
            self._retitle(view)

    def _retitle(self, view: MapView) -> None:
        tabs = self.query_one(TabbedContent)
        analysis = view.analysis
        counts = {
            "dropped": str(len(view.dropped())),
            # counted once the background analysis has them (opening the tab computes them)
            "clashes": "0" if analysis is None else str(len(analysis.clashes)) if analysis.ready("clashes") else "…",
            "problems": str(len(view.problems)),
        }
        for name, count in counts.items():
            tabs.get_tab(name).label = f"{name.title()} ({count})"
        workspace = view.workspace
        shown = [workspace.maps[stem] for stem in workspace.primary] or list(workspace.maps.values())
        title = shown[0].title if len(shown) == 1 else f"{len(shown)} maps in {workspace.root.name}/"
        claims = sum(len(m.claims) for m in shown)
        context = len(workspace.maps) - len(shown)
        # the links first: a long title is cut at the header's end
        self.app.sub_title = f"{links_label(view)} · {title} · {claims} claims" + (f" (+{context} map(s) of context)" if context else "")

    def _fill(self, name: str) -> None:
        """Fill a view the first time it is shown (the claims list and flow can be long)."""
        if self.view is None:
            return
        palette = self.palette
        if name == "claims":
            self.query_one("#claim-list", ClaimRows).show(self.view, self.view.filtered(self.wanted), palette)
        elif name == "dropped":
            sections = [(f"{r.value.capitalize()} ({len(keys)}): {r.meaning}", keys) for r, keys in self.view.unanswered(self.wanted)]
            self.query_one("#dropped-list", ClaimRows).show_sections(self.view, sections, palette)
        elif name == "clashes":
            self.query_one(ClashTable).show(self.view, palette)
            self._retitle(self.view)  # opening the tab may have computed them
        elif name == "flow":
            stem = self.view.claim(self.focused_key).map if self.focused_key else next(iter(self.view.workspace.maps))
            self.query_one(FlowTable).show(self.view, stem, palette)
        elif name == "changes":
            show_since(self, self.view, self.query_one("#changes-list", ClaimRows), palette)
        self._filled.add(name)

    def _active_widget(self) -> ClaimTree | ClaimRows | ClashTable | FlowTable | ProblemList:
        name = self.query_one(TabbedContent).active
        widgets: dict[str, ClaimTree | ClaimRows | ClashTable | FlowTable | ProblemList] = {
            "tree": self.claim_tree,
            "claims": self.query_one("#claim-list", ClaimRows),
            "dropped": self.query_one("#dropped-list", ClaimRows),
            "clashes": self.query_one(ClashTable),
            "flow": self.query_one(FlowTable),
            "problems": self.query_one(ProblemList),
        }
        if name == "changes":
            return self.query_one("#changes-list", ClaimRows)
        return widgets[name]

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = event.pane.id or "tree"
        flow = self.query_one(FlowTable)
        if name == "flow" and self.view is not None and self.focused_key is not None and flow.stem != self.view.claim(self.focused_key).map:
            self._filled.discard("flow")  # the flow follows the map of the focused claim
        if name not in getattr(self, "_filled", {"tree"}):
            self._fill(name)
        widget = self._active_widget()
        widget.focus()
        self._focus_claim(self._key_under_cursor(widget))

    def _key_under_cursor(self, widget: ClaimTree | ClaimRows | ClashTable | FlowTable | ProblemList) -> str | None:
        if isinstance(widget, ClaimTree):
            return widget.cursor_key
        if isinstance(widget, ClaimRows | ProblemList):
            return widget.key_at(widget.highlighted)
        if isinstance(widget, FlowTable):
            return widget.key_at(widget.cursor_coordinate.row, widget.cursor_coordinate.column)
        return widget.key_at(widget.cursor_row)

    # -- the focused claim ---------------------------------------------------------------

    def _focus_claim(self, key: str | None) -> None:
        if self.view is None or key is None or key == self.focused_key:
            return
        self.focused_key = key
        self.query_one(DetailPane).show(self.view, key, self.palette)

    @on(Tree.NodeHighlighted)
    def _tree_moved(self, event: Tree.NodeHighlighted[str]) -> None:
        self._focus_claim(self.claim_tree.cursor_key)  # the cursor now, not when the message was sent

    @on(OptionList.OptionHighlighted, "ProblemList")
    def _list_moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self._active_widget():  # lists filled in hidden tabs say nothing
            self._focus_claim(event.option_list.key_at(event.option_index))

    @on(OptionList.OptionSelected, "ProblemList")
    def _list_chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option_list.key_at(event.option_index)  # type: ignore[attr-defined]
        if key is not None:
            self.jump(key)

    @on(ClaimRows.Highlighted)
    def _rows_moved(self, event: ClaimRows.Highlighted) -> None:
        if event.rows is self._active_widget():
            self._focus_claim(event.rows.key_at(event.index))

    @on(ClaimRows.Selected)
    def _rows_chosen(self, event: ClaimRows.Selected) -> None:
        key = event.rows.key_at(event.index)
        if key is not None:
            self.jump(key)

    @on(DataTable.RowHighlighted, "ClashTable")
    def _clash_moved(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self._active_widget():
            self._focus_claim(self.query_one(ClashTable).key_at(event.cursor_row))

    @on(DataTable.CellHighlighted, "FlowTable")
    def _flow_moved(self, event: DataTable.CellHighlighted) -> None:
        if event.data_table is self._active_widget():
            self._focus_claim(self.query_one(FlowTable).key_at(event.coordinate.row, event.coordinate.column))

    @on(DataTable.RowSelected, "ClashTable")
    def _clash_chosen(self, event: DataTable.RowSelected) -> None:
        key = self.query_one(ClashTable).key_at(event.cursor_row)
        if key is not None:
            self.jump(key)

    @on(DataTable.CellSelected, "FlowTable")
    def _flow_chosen(self, event: DataTable.CellSelected) -> None:
        key = self.query_one(FlowTable).key_at(event.coordinate.row, event.coordinate.column)
        if key is not None:
            self.jump(key)

    @on(DetailPane.Jump)
    def _relation_chosen(self, event: DetailPane.Jump) -> None:
        self.jump(event.key, focus_tree=False)

    def jump(self, key: str, *, focus_tree: bool = True) -> bool:
        """Show ``key`` in the tree (switching to it) and focus it in the detail pane."""
        tabs = self.query_one(TabbedContent)
        if tabs.active != "tree":
            tabs.active = "tree"
        found = self.claim_tree.jump_to(key)
        if found:
            self._focus_claim(key)
            if focus_tree:
                self.claim_tree.focus()
        return found

    # -- actions -------------------------------------------------------------------------

    def action_show_view(self, name: str) -> None:
        self.query_one(TabbedContent).active = name

    def action_focus_next_pane(self) -> None:
        detail = self.query_one("#relations")
        (self._active_widget() if detail.has_focus else detail).focus()

    async def action_toggle_filters(self) -> None:
        bar = self.query_one(FilterBar)
        if bar.has_class("-shown"):
            bar.remove_class("-shown")
            self._active_widget().focus()
        else:
            await bar.open()
            bar.query_one("#filter-side").focus()

    @on(FilterBar.Changed)
    def _filters_changed(self, event: FilterBar.Changed) -> None:
        self.apply_filter(event.wanted)

    def apply_filter(self, wanted: ClaimFilter) -> None:
        """Narrow the lists to ``wanted`` and dim the tree lines that do not match."""
        self.wanted = wanted
        if self.view is None:
            return
        self.claim_tree.wanted = wanted
        self.claim_tree.relabel()
        self._filled -= {"claims", "dropped"}
        tabs = self.query_one(TabbedContent)
        if tabs.active == "tree" and wanted.active:
            tabs.active = "claims"  # a filter is a question about claims: show the answer
        elif tabs.active in ("claims", "dropped"):
            self._fill(tabs.active)

    def action_trace(self) -> None:
        if self.view is None or self.focused_key is None:
            self.notify("Move the cursor to a claim first.", severity="warning")
            return
        from argmap.tui.screens.trace import TraceScreen

        def back_from_trace(key: str | None) -> None:
            if key is not None:
                self.jump(key)

        self.app.push_screen(TraceScreen(self.view, self.focused_key), back_from_trace)

    def action_render(self, fmt: str) -> None:
        if self.focused_key is None:
            self.notify("Move the cursor to a claim first.", severity="warning")
            return
        self.app.render_focus(self.focused_key, fmt)  # type: ignore[attr-defined]

    # -- editing (the app's Editing does the work) ------------------------------------------

    def _editable(self) -> str | None:
        if self.view is None or self.focused_key is None:
            self.notify("Move the cursor to a claim first.", severity="warning")
            return None
        return self.focused_key

    def action_add_claim(self) -> None:
        if (key := self._editable()) is not None:
            self.app.editing.add(key)  # type: ignore[attr-defined]

    def action_edit_claim(self) -> None:
        if (key := self._editable()) is not None:
            self.app.editing.edit(key)  # type: ignore[attr-defined]

    def action_quote_claim(self) -> None:
        if (key := self._editable()) is not None:
            self.app.editing.quote(key)  # type: ignore[attr-defined]

    def action_delete_claim(self) -> None:
        if (key := self._editable()) is not None:
            self.app.editing.delete(key)  # type: ignore[attr-defined]

    def action_move_claim(self) -> None:
        if (key := self._editable()) is not None:
            self.app.editing.move(key)  # type: ignore[attr-defined]

    def action_undo(self) -> None:
        self.app.editing.undo(self.focused_key)  # type: ignore[attr-defined]

    def action_redo(self) -> None:
        self.app.editing.redo(self.focused_key)  # type: ignore[attr-defined]

    @on(DetailPane.RelationAction)
    def _relation_action(self, event: DetailPane.RelationAction) -> None:
        editing = self.app.editing  # type: ignore[attr-defined]
        (editing.remove_relation if event.action == "remove" else editing.retarget)(event.relation)

    def restyle(self) -> None:
        """Recolour everything after a theme change."""
        if self.view is None:
            return
        self.claim_tree.palette = self.palette
        self.claim_tree.relabel()
        self._filled = {"tree"}
        key, self.focused_key = self.focused_key, None
        self._focus_claim(key)
        self.query_one(ProblemList).show(self.view, self.palette)
        self._filled.add("problems")
        tabs = self.query_one(TabbedContent)
        if tabs.active != "tree":
            self._fill(tabs.active)
