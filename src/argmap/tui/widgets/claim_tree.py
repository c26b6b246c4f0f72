"""The claim tree: one branch per map, its theses at the top, answers nested below.

Built collapsed; a node's children are created only when it is first expanded (Textual's
``Tree`` rebuilds its list of visible lines on every expand, so a 100k-claim map must never
be expanded whole). A claim reached by several paths appears under each parent; a claim
that would repeat one of its own ancestors (a rebuttal cycle) becomes a "↺ see …" leaf.
Long child lists come in chunks behind a "… more" leaf. ``TreeNode.data`` is the claim key.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text, TextType
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from argmap.model import ClaimKind
from argmap.tui.labels import COMPACT_BELOW, Palette, claim_line
from argmap.tui.view import ClaimFilter, MapView

__all__ = ["CHUNK", "ClaimTree"]

CHUNK = 250
"""Children created per expand; the rest wait behind a "… more" leaf."""


class ClaimTree(Tree[str]):
    """A lazily built tree of claims, with vim-style movement."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("g", "scroll_home", "First line", show=False, id="tree.first"),
        Binding("G", "scroll_end", "Last line", show=False, id="tree.last"),
        Binding("l,right", "expand", "Expand", show=False, id="tree.expand"),
        Binding("h,left", "collapse", "Collapse or go to parent", show=False, id="tree.collapse"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("argmap"), id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.view: MapView | None = None
        self.palette = Palette({})
        self.wanted = ClaimFilter()
        self._populated: set[int] = set()
        self._pending: dict[int, tuple[list[str], int]] = {}  # "… more" leaf id → (links, next offset)
        self._refs: set[int] = set()  # "↺ see" leaves
        self._groups: dict[int, list[str]] = {}  # group node id → its claims, added on expand
        self._compact = False  # whether the claim lines are drawn compact (see COMPACT_BELOW)

    # -- building ------------------------------------------------------------------------

    def show(self, view: MapView) -> None:
        """Replace the tree with the roots of ``view``, maps expanded, everything else collapsed."""
        self.view = view
        self.clear()
        self._populated.clear()
        self._pending.clear()
        self._refs.clear()
        self._groups.clear()
        several = len(view.roots) > 1
        # maps with theses first: a folder's shared-evidence map has no thesis to start from
        maps = sorted(((stem, view.workspace.maps[stem]) for stem in view.roots), key=lambda item: not view.has_theses(item[0]))
        for stem, argmap in maps:
            roots = view.roots[stem]
            if several:
                label = Text(f"▣ {argmap.title}", Style(bold=True))
                label.append(f"  ({len(argmap.claims)} claims)", Style(dim=True))
                parent = self.root.add(label, None, expand=True, allow_expand=bool(roots))
            else:
                parent = self.root
            self._populated.add(parent.id)
            theses = [k for k in roots if view.claim(k).kind is ClaimKind.THESIS]
            others = [k for k in roots if view.claim(k).kind is not ClaimKind.THESIS]
            if theses and others:
                # claims no thesis reaches wait in one collapsed group, so theses lead
                self._add_chunk(parent, theses, 0)
                label = Text(f"Other claims, under no thesis ({len(others)})", Style(italic=True))
                self._groups[parent.add(label, None).id] = others
            else:
                self._add_chunk(parent, roots, 0)

    def _label(self, key: str, leaf: bool) -> Text:
        assert self.view is not None
        dim = self.wanted.active and not self.view.matches(key, self.wanted)
        line = claim_line(self.view, key, self.palette, dim=dim, compact=self._compact)
        return Text("  ") + line if leaf else line  # line up with the ▶ of expandable siblings

    def _add_chunk(self, parent: TreeNode[str], keys: list[str], offset: int) -> None:
        assert self.view is not None
        ancestors = {n.data for n in _ancestry(parent) if n.data is not None}
        for key in keys[offset : offset + CHUNK]:
            if key in ancestors:
                label = Text(f"↺ see {key.partition(':')[2]} (above: a cycle of answers)", Style(italic=True))
                self._refs.add(parent.add_leaf(label, key).id)
            else:
                leaf = not self.view.has_children(key)
                parent.add(self._label(key, leaf), key, allow_expand=not leaf)
        rest = len(keys) - offset - CHUNK
        if rest > 0:
            more = parent.add_leaf(Text(f"… {rest} more (enter to show)", Style(italic=True)))
            self._pending[more.id] = (keys, offset + CHUNK)

    def process_label(self, label: TextType) -> Text:
        """A one-line ``Text`` as it is: Textual copies every label to cut it to its first
        line, and a jump adds the children of every ancestor."""
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def get_label_width(self, node: TreeNode[str]) -> int:
        """A line's width without its guides, as ``render_label`` draws it, without drawing it:
        Textual measures every shown line each time it rebuilds its list of lines (after an
        expand), and its default renders and copies each label to measure it."""
        icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else ""
        label = node.label
        return cell_len(icon) + (label.cell_len if isinstance(label, Text) else cell_len(label))

    def populate(self, node: TreeNode[str]) -> None:
        """Create a claim node's children, once."""
        if node.id in self._populated or self.view is None:
            return
        if node.id in self._groups:
            self._populated.add(node.id)
            self._add_chunk(node, self._groups[node.id], 0)
        elif node.data is not None:
            self._populated.add(node.id)
            self._add_chunk(node, list(dict.fromkeys(link.key for link in self.view.children(node.data))), 0)

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        self.populate(event.node)

    def _on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        node = event.node
        if node.id in self._pending:
            event.stop()
            keys, offset = self._pending.pop(node.id)
            parent = node.parent
            assert parent is not None
            node.remove()
            self._add_chunk(parent, keys, offset)
        elif node.id in self._refs and node.data is not None:
            event.stop()
            self.jump_to(node.data)
        elif node.allow_expand:
            node.toggle()

    # -- moving --------------------------------------------------------------------------

    def jump_to(self, key: str) -> bool:
        """Expand the path from a root to ``key`` and put the cursor there."""
        if self.view is None or key not in self.view.workspace.claims:
            return False
        path = self.view.path_to(key)
        # each node is populated here, so its expand message (which populates on a click)
        # would only bubble up the DOM for nothing: 70 of them for a claim 70 levels deep
        with self.prevent(Tree.NodeExpanded):
            node = self._find_root_node(path[0])
            if node is None:
                return False
            for step in path[1:]:
                self.populate(node)
                node.expand()
                child = self._find_child(node, step)
                if child is None:
                    return False
                node = child
        self.place_cursor(node)
        return True

    def place_cursor(self, node: TreeNode[str], *, scroll: bool = True) -> None:
        """Put the cursor on a node just added or revealed (its line is known only after
        the tree re-indexes its lines, which Textual otherwise does on the next idle)."""
        self._tree_lines  # noqa: B018 -- the property re-indexes the lines when stale
        if scroll:
            self.move_cursor(node)
        else:
            self.cursor_line = node.line

    def first_claim(self) -> TreeNode[str] | None:
        """The first claim line (the first thesis, usually)."""
        for top in self.root.children:
            if top.data is not None:
                return top
            if top.is_expanded and top.children:
                return top.children[0]
        return None

    def _find_root_node(self, key: str) -> TreeNode[str] | None:
        """The top-level node of a root claim, inside its map and group, all expanded;
        "… more" chunks are loaded on the way (a map may have thousands of theses)."""
        stack = [self.root]
        while stack:
            parent = stack.pop()
            self.populate(parent)
            node = self._find_child(parent, key)
            if node is not None:
                for ancestor in _ancestry(node)[1:]:
                    if ancestor is not self.root:
                        ancestor.expand()
                return node
            stack.extend(reversed([c for c in parent.children if c.data is None and c.allow_expand]))
        return None

    def _find_child(self, node: TreeNode[str], key: str) -> TreeNode[str] | None:
        """The child showing ``key``, loading "… more" chunks until it appears."""
        while True:
            for child in node.children:
                if child.data == key and child.id not in self._refs:
                    return child
            more = next((c for c in node.children if c.id in self._pending), None)
            if more is None:
                return None
            keys, offset = self._pending.pop(more.id)
            more.remove()
            self._add_chunk(node, keys, offset)

    def scroll_to_line(self, line: int, animate: bool = True) -> None:
        """Scroll to a line, and sideways to its label when the indentation hides it.

        Textual's tree never scrolls sideways (rarely needed, jarring); a claim 70 answers
        deep sits 140 columns in, so a jump showed a pane of guide lines and no claim.
        Sideways only when the label is out of view: moving in a shallow tree stays still.
        """
        super().scroll_to_line(line, animate=animate)
        self.call_after_refresh(self._reveal_label, line)  # once the tree knows its new width

    def _reveal_label(self, line: int) -> None:
        region = self._get_label_region(line)
        if region is None or line != self.cursor_line:
            return
        width = self.scrollable_content_region.width
        left = self.scroll_x
        if region.x < left or region.x + min(region.width, width // 2) > left + width:
            self.scroll_to(x=max(0, region.x - width // 4), animate=False)

    @property
    def cursor_key(self) -> str | None:
        """The claim under the cursor (a "see" leaf counts as the claim it points at)."""
        node = self.cursor_node
        return node.data if node is not None else None

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            self.populate(node)
            node.expand()
        elif node.is_expanded and node.children:
            self.action_cursor_down()

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    # -- restyling -----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        compact = 0 < event.size.width < COMPACT_BELOW
        if compact != self._compact:
            self._compact = compact
            self.relabel()

    def relabel(self) -> None:
        """Redraw every created claim line (after a theme or filter change)."""
        if self.view is None:
            return
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.data is not None and node.id not in self._refs and node.data in self.view.workspace.claims:
                node.set_label(self._label(node.data, not node.allow_expand))
            stack.extend(node.children)


def _ancestry(node: TreeNode[str]) -> list[TreeNode[str]]:
    found = []
    here: TreeNode[str] | None = node
    while here is not None:
        found.append(here)
        here = here.parent
    return found
