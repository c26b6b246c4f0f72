"""Pilot tests of the explorer: they drive the app by keys and assert what it shows.

Small synthetic maps pin the behaviour (a rebuttal chain with a known last word, a cycle,
brackets in claim text, a broken map); the bundled maps check it on real debates.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Select, TabbedContent

from argmap.tui import ArgmapApp, make_app
from argmap.tui.screens.help import HelpScreen
from argmap.tui.screens.main import MainScreen
from argmap.tui.screens.trace import TraceScreen
from argmap.tui.view import ClaimFilter, MapView
from argmap.tui.widgets.claim_rows import ClaimRows
from argmap.tui.widgets.claim_tree import CHUNK
from argmap.tui.widgets.detail import DetailPane
from argmap.tui.widgets.flow_table import FlowTable
from argmap.tui.widgets.problem_list import ProblemList

pytestmark = pytest.mark.asyncio

ARGUMENTS = Path(__file__).resolve().parents[1] / "arguments"
SIZE = (120, 40)

CHAIN_MAP = dedent(
    """\
    argmap: 1
    title: A chain and a cycle
    sides:
      pro: {label: Proposition}
      con: {label: Opposition}
    speakers:
      ann: {name: Ann, side: pro}
      bob: {name: Bob, side: con}
    claims:
      motion:
        text: Schools should ban phones [citation needed].
        kind: thesis
        by: ann
        tags: [phones]
      focus:
        text: Phones distract pupils.
        by: ann
        supports: [motion]
      emergencies:
        text: Parents need to reach children in emergencies.
        by: bob
        rebuts: [focus]
      office-phone:
        text: The school office phone covers emergencies.
        by: ann
        rebuts: [emergencies]
        tags: [phones]
      ping:
        text: Ping says pong is wrong.
        by: ann
        rebuts: [pong]
      pong:
        text: Pong says ping is wrong.
        by: bob
        rebuts: [ping]
    """
)


@pytest.fixture
def chain_map(tmp_path: Path) -> Path:
    path = tmp_path / "chain.yaml"
    path.write_text(CHAIN_MAP, encoding="utf-8")
    return path


async def loaded(app: ArgmapApp, pilot: Pilot[None]) -> MainScreen:
    """Wait for the load worker, return the main screen."""
    deadline = time.monotonic() + 30
    while app.view is None:
        assert time.monotonic() < deadline, "the maps never loaded"
        await pilot.pause(0.02)
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    return app.screen


def card_text(screen: MainScreen) -> str:
    return str(screen.query_one("#card").render())


async def test_opens_on_the_first_thesis_with_its_detail() -> None:
    app = make_app([ARGUMENTS], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        key = main.claim_tree.cursor_key
        assert key is not None and app.view is not None
        assert app.view.claim(key).kind.value == "thesis"
        assert main.focused_key == key
        assert " ".join(app.view.claim(key).text.split())[:40] in " ".join(card_text(main).split())
        assert app.focused is main.claim_tree


async def test_children_are_built_on_expand_only(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        node = main.claim_tree.cursor_node
        assert node is not None and node.data == "chain:motion"
        assert len(node.children) == 0 and not node.is_expanded
        await pilot.press("l")
        assert [c.data for c in node.children] == ["chain:focus"]
        await pilot.press("j")
        assert main.focused_key == "chain:focus"
        assert "Phones distract pupils." in card_text(main)


async def test_label_keeps_brackets_of_claim_text(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        node = main.claim_tree.cursor_node
        assert node is not None
        assert "[citation needed]" in node.label.plain
        assert "thesis" in node.label.plain and "IN" in node.label.plain  # role and status in words


async def test_cycle_is_cut_with_a_see_leaf(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        assert main.jump("chain:pong")
        pong = main.claim_tree.cursor_node
        assert pong is not None
        await pilot.press("l")
        (ping,) = pong.children
        main.claim_tree.populate(ping)
        (back,) = ping.children
        assert back.data == pong.data and not back.allow_expand
        assert back.label.plain.startswith("↺ see pong")


async def test_jump_reaches_a_thesis_beyond_the_first_chunk(tmp_path: Path) -> None:
    # theses past the first CHUNK wait behind a "… more" leaf at the top of the tree
    theses = "".join(f"  t{i}:\n    text: Thesis number {i}.\n    kind: thesis\n" for i in range(CHUNK + 10))
    path = tmp_path / "many.yaml"
    path.write_text(f"argmap: 1\ntitle: Many theses\nclaims:\n{theses}", encoding="utf-8")
    app = make_app([path], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        last = f"many:t{CHUNK + 9}"
        assert main.jump(last)
        assert main.claim_tree.cursor_key == last
        assert main.focused_key == last


async def test_jump_to_a_deep_claim_expands_its_path_with_every_sibling(tmp_path: Path) -> None:
    """A jump builds and expands its ancestors itself, without Textual's expand messages (70
    levels deep they cost more than the screen): each ancestor must still show all its
    children, lines must measure as Textual would, and a later expand must still build."""
    from textual.widgets import Tree

    from argmap.generate import write_synthetic

    path = tmp_path / "deep.yaml"
    write_synthetic(path, 2_000, seed=3)
    app = make_app([path], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        view = app.view
        assert view is not None
        deep = max(list(view.workspace.claims)[-200:], key=lambda k: len(view.path_to(k)))
        wanted = view.path_to(deep)
        assert len(wanted) > 5, "the map has no deep claim to jump to"
        assert main.jump(deep)
        await pilot.pause()
        tree = main.claim_tree
        node = tree.cursor_node
        assert node is not None and node.data == deep and main.focused_key == deep
        ancestors = []
        here = node.parent
        while here is not None and here is not tree.root:
            ancestors.insert(0, here)
            here = here.parent
        assert [a.data for a in ancestors] == wanted[:-1]
        for ancestor in ancestors:
            assert ancestor.is_expanded
            assert ancestor.data is not None
            every = list(dict.fromkeys(link.key for link in view.children(ancestor.data)))
            shown = [c.data for c in ancestor.children if c.data is not None]
            assert shown == every[: len(shown)] and len(shown) >= min(CHUNK, len(every))
            for child in ancestor.children:
                assert child.line >= 0  # on screen, under its expanded parent
                assert tree.get_label_width(child) == Tree.get_label_width(tree, child)
                if child.data is not None and not child.label.plain.startswith("↺"):
                    assert child.allow_expand == bool(view.children(child.data))
        closed = next(c for a in ancestors for c in a.children if c.allow_expand and not c.is_expanded)
        closed.expand()  # as a click does: through the expand message
        await pilot.pause()
        assert closed.children


async def test_relation_in_detail_jumps_the_tree(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        main.jump("chain:focus")
        detail = main.query_one(DetailPane)
        assert detail.targets == ["chain:emergencies", "chain:motion"]
        await pilot.press("w")  # to the relations list
        await pilot.press("enter")
        assert main.claim_tree.cursor_key == "chain:emergencies"
        assert main.focused_key == "chain:emergencies"
        assert detail.targets == ["chain:office-phone", "chain:focus"]


async def test_trace_walks_to_the_last_word_and_back(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        main.jump("chain:focus")
        await pilot.press("t")
        trace = app.screen
        assert isinstance(trace, TraceScreen)
        assert "Not the end" in str(trace.query_one("#verdict").render())
        await pilot.press("e")
        assert trace.trace.path == ["chain:focus", "chain:emergencies", "chain:office-phone"]
        verdict = str(trace.query_one("#verdict").render())
        assert "LAST WORD: Ann (pro)" in verdict
        crumb = str(trace.query_one("#breadcrumb").render())
        assert "focus › " in crumb and "step 3 of 3" in crumb
        await pilot.press("left")
        assert trace.trace.current == "chain:emergencies"
        assert "step 2 of 3" in str(trace.query_one("#breadcrumb").render())
        await pilot.press("right")
        assert trace.trace.current == "chain:office-phone"
        await pilot.press("left", "left", "enter")  # a new step replaces the forward history
        assert trace.trace.path == ["chain:focus", "chain:emergencies"]
        await pilot.press("o")
        assert isinstance(app.screen, MainScreen)
        assert main.claim_tree.cursor_key == "chain:emergencies"


async def test_trace_of_a_cycle_says_nobody_has_the_last_word(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        main.jump("chain:ping")
        await pilot.press("t", "enter")
        trace = app.screen
        assert isinstance(trace, TraceScreen)
        assert trace.trace.path == ["chain:ping", "chain:pong"]
        assert "CYCLE" in str(trace.query_one("#verdict").render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert main.claim_tree.cursor_key == "chain:ping"


async def test_find_jumps_to_a_claim_by_words_of_its_text() -> None:
    app = make_app([ARGUMENTS], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        assert app.view is not None
        target = "ijm-vs-thrupkaew:question-is-how-not-whether"
        await pilot.press("slash")
        await pilot.press(*"not whether but how")
        for _ in range(100):  # the search runs in a thread
            await pilot.pause(0.05)
            if app.screen.query("CommandList Option") or app.screen.query("#--results OptionList"):
                break
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert main.claim_tree.cursor_key == target


async def test_find_ranks_an_id_first() -> None:
    app = make_app([ARGUMENTS], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        assert app.view is not None
        assert app.view.find("question-is-how")[0][0] == "ijm-vs-thrupkaew:question-is-how-not-whether"
        assert app.view.find("qestion is how not whther")[0][0] == "ijm-vs-thrupkaew:question-is-how-not-whether"  # typos


async def test_filters_narrow_the_claims_list(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        await pilot.press("f")
        assert main.query_one("FilterBar").has_class("-shown")
        main.query_one("#filter-side", Select).value = "con"
        await pilot.pause()
        assert main.query_one(TabbedContent).active == "claims"
        assert main.query_one("#claim-list", ClaimRows).keys == ["chain:emergencies", "chain:pong"]
        main.query_one("#filter-tag", Select).value = "phones"
        await pilot.pause()
        assert main.query_one("#claim-list", ClaimRows).keys == []
        main.query_one("#filter-side", Select).clear()
        await pilot.pause()
        assert main.wanted == ClaimFilter(tag="phones")
        assert main.query_one("#claim-list", ClaimRows).keys == ["chain:motion", "chain:office-phone"]
        tree_line = main.claim_tree.cursor_node
        assert tree_line is not None and tree_line.label.plain  # the tree keeps every line, dimmed


async def test_views_beside_the_tree(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        assert app.view is not None
        await pilot.press("3")
        dropped = main.query_one("#dropped-list", ClaimRows)
        assert dropped.claims == [k for _, keys in app.view.unanswered() for k in keys]
        assert app.view.dropped() == dropped.claims[: len(app.view.dropped())]  # the dropped ones first
        if dropped.claims:
            assert main.focused_key == dropped.claims[0]
        await pilot.press("4")
        assert main.query_one(TabbedContent).active == "clashes"
        clashes = main.query_one("ClashTable")
        assert clashes.row_count == len(app.view.analysis.clashes) > 0  # type: ignore[union-attr]
        await pilot.press("5")
        flow = main.query_one(FlowTable)
        assert len(flow.columns) == 1  # no sources: one "(no quote)" column
        assert {k for row in flow.cells for k in row if k} == set(app.view.workspace.claims)


async def test_flow_of_a_bundled_map_has_a_column_per_speech() -> None:
    app = make_app([ARGUMENTS / "ijm-vs-thrupkaew.yaml"], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        await pilot.press("5")
        flow = main.query_one(FlowTable)
        sources = app.view.workspace.maps["ijm-vs-thrupkaew"].sources  # type: ignore[union-attr]
        assert len(flow.columns) in (len(sources), len(sources) + 1)
        assert sum(1 for row in flow.cells for k in row if k) == 53 or len(flow.cells) > 0


async def test_a_map_with_errors_opens_on_its_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(CHAIN_MAP.replace("rebuts: [focus]", "rebuts: [fokus]"), encoding="utf-8")
    app = make_app([broken], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        assert main.query_one(TabbedContent).active == "problems"
        problems = main.query_one(ProblemList)
        assert problems.keys and problems.keys[0] == "broken:emergencies"  # the claim the error is in
        assert "fokus" in str(problems.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert main.claim_tree.cursor_key == "broken:emergencies"  # the rest of the map loaded


async def test_live_reload_keeps_the_cursor_on_its_claim(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        main.jump("chain:office-phone")
        old = app.view
        text = chain_map.read_text(encoding="utf-8") + "  new-claim:\n    text: Added in an editor.\n    by: bob\n    rebuts: [office-phone]\n"
        chain_map.write_text(text, encoding="utf-8")
        deadline = time.monotonic() + 20
        while app.view is old:
            assert time.monotonic() < deadline, "no reload after the file changed"
            await pilot.pause(0.05)
        await pilot.pause()
        assert "chain:new-claim" in app.view.workspace.claims  # type: ignore[union-attr]
        assert main.claim_tree.cursor_key == "chain:office-phone"
        assert main.query_one(DetailPane).targets[0] == "chain:new-claim"


async def test_help_lists_every_key_of_the_main_screen() -> None:
    app = make_app([ARGUMENTS], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for binding in MainScreen.BINDINGS + TraceScreen.BINDINGS:
            assert (binding.tooltip or binding.description) in text  # type: ignore[union-attr]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_render_writes_the_focus_and_reports_it(chain_map: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.render

    calls = []

    def fake_render_focus(workspace: object, claim_key: str, depth: int, path: Path, fmt: str = "svg", **drawn: object) -> Path:
        calls.append((claim_key, depth, Path(path), fmt))
        assert drawn["analysis"] is app.view.analysis and drawn["links_note"] == app.view.links_wording  # type: ignore[union-attr]
        Path(path).write_text("<svg/>", encoding="utf-8")
        return Path(path)

    monkeypatch.setattr(argmap.render, "render_focus", fake_render_focus)
    app = make_app([chain_map], poll_seconds=None, render_dir=tmp_path / "out", open_viewer=False)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        main.jump("chain:focus")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [("chain:focus", 2, tmp_path / "out" / "chain-focus.svg", "svg")]
        assert any("Rendered" in n.message for n in app._notifications)


@pytest.mark.exe
async def test_render_with_graphviz(chain_map: Path, tmp_path: Path) -> None:
    app = make_app([chain_map], poll_seconds=None, render_dir=tmp_path, open_viewer=False)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        main.jump("chain:emergencies")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        svg = (tmp_path / "chain-emergencies.svg").read_text(encoding="utf-8")
        assert "<svg" in svg and "emergencies" in svg


async def test_a_large_view_has_a_short_repr(tmp_path: Path) -> None:
    """Textual describes a worker by the repr of its arguments; a view or workspace that
    spelled out every claim made that a string of hundreds of megabytes at 100k claims."""
    from argmap.generate import write_synthetic
    from argmap.tui.view import MapView

    path = tmp_path / "big.yaml"
    write_synthetic(path, 2_000, seed=3)
    view = MapView.load([path])
    assert len(view.workspace.claims) == 2_000
    assert len(repr(view.workspace)) < 300
    assert all(len(repr(m)) < 300 for m in view.workspace.maps.values())
    assert len(repr(view)) < 300


async def test_an_80_column_terminal_shows_compact_lines_whose_text_is_on_screen() -> None:
    app = make_app([ARGUMENTS / "ijm-vs-thrupkaew.yaml"], poll_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(app, pilot)
        tree = main.claim_tree
        node = tree.cursor_node
        assert node is not None and node.data is not None and app.view is not None
        text = " ".join(app.view.claim(node.data).text.split())
        width = tree.size.width

        def shown(label: str) -> str:  # what fits beside the guides and the ▶ of the line
            return label[: width - 4]

        label = str(node.label)
        assert label.startswith("◆ IN ") and "thesis" not in label  # icon, status, side, text: no role word or strength
        assert text[:12] in shown(label), label  # the claim's words are on screen
        await pilot.press("3")  # the dropped list is compact too
        dropped = main.query_one("#dropped-list", ClaimRows)
        row = dropped.highlighted  # the first claim, below its section's heading
        assert row is not None and dropped.keys[row] is not None
        first = dropped.line_at(row, dropped.scrollable_content_region.width).plain
        assert first.startswith(("◆ ", "+ ", "− ", "↩ ", "· ")) and " reason " not in first  # compact
        assert " ".join(app.view.claim(dropped.keys[row]).text.split())[:12] in first[: dropped.scrollable_content_region.width]  # type: ignore[arg-type]
        await pilot.press("1")
        await pilot.resize_terminal(140, 30)  # wide again: the full lines come back
        await pilot.pause()
        assert str(tree.cursor_node.label).startswith("◆ thesis    IN    ")  # type: ignore[union-attr]


async def test_the_explorer_can_start_in_the_light_theme() -> None:
    app = make_app([ARGUMENTS / "ijm-vs-thrupkaew.yaml"], poll_seconds=None, theme="light")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        assert app.theme == "argmap-light" and not app.current_theme.dark
    with pytest.raises(ValueError):
        make_app([ARGUMENTS], theme="sepia")


async def test_in_a_24_row_terminal_the_dialogs_keep_their_buttons_on_screen_and_a_tick_shows_the_filter() -> None:
    from textual.widgets import Button

    from argmap.tui.widgets.filter_bar import TickBox

    app = make_app([ARGUMENTS / "ijm-vs-thrupkaew.yaml"], poll_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        for key, button in (("a", "#form-apply"), ("d", "Button")):
            await pilot.press(key)
            await pilot.pause()
            shown = app.screen.query(button).first(Button)
            assert 0 < shown.region.height and shown.region.bottom <= 24, (key, shown.region)  # drawn, and inside the screen
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("f")
        tick = app.screen.query_one("#filter-dropped", TickBox)
        assert str(tick.render()).startswith("▐ ▌")  # off: an empty box, not a grey X
        tick.value = True
        await pilot.pause()
        assert str(tick.render()).startswith("▐✓▌")


async def test_a_jump_deep_down_a_chain_scrolls_sideways_to_the_claim_and_back(tmp_path: Path) -> None:
    lines = ["argmap: 1", "title: A long chain", "speakers:", "  ann: {name: Ann, side: pro}", "  bob: {name: Bob, side: con}", "sides:", "  pro: {label: Pro}", "  con: {label: Con}", "claims:", "  c0: {text: Claim zero., by: ann, kind: thesis}"]
    lines += [f"  c{i}: {{text: Claim number {i}., by: {'bob' if i % 2 else 'ann'}, rebuts: [c{i - 1}]}}" for i in range(1, 61)]
    path = tmp_path / "chain.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app([path], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        tree = main.claim_tree
        for key, sideways in (("chain:c60", True), ("chain:c0", False)):
            assert main.jump(key)
            await pilot.pause()
            region = tree._get_label_region(tree.cursor_line)
            assert region is not None and tree.cursor_key == key
            assert (tree.scroll_x > 0) is sideways, tree.scroll_x
            # the label starts inside the visible columns, not in the 120 columns of guides left of them
            assert tree.scroll_x <= region.x < tree.scroll_x + tree.scrollable_content_region.width


async def test_the_claims_view_of_a_large_map_draws_only_the_lines_on_screen(tmp_path: Path) -> None:
    from argmap.generate import write_synthetic

    path = tmp_path / "big.yaml"
    write_synthetic(path, 3_000, seed=3)
    app = make_app([path], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        rows = main.query_one("#claim-list", ClaimRows)
        assert len(rows.keys) == 3_000 and rows.highlighted == 0
        assert 0 < len(rows._lines) <= rows.size.height  # made as drawn, not 3,000 up front
        await pilot.press("G")
        await pilot.pause()
        assert rows.highlighted == 2_999 and main.focused_key == rows.keys[-1]  # the detail follows the cursor
        assert len(rows._lines) <= 2 * rows.size.height
        await pilot.press("k", "enter")
        await pilot.pause()
        assert main.query_one(TabbedContent).active == "tree" and main.claim_tree.cursor_key == rows.keys[-2]


async def test_long_flows_and_clash_lists_show_their_first_rows_and_say_how_many_more(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.tui.labels import short
    from argmap.tui.widgets import clash_table, flow_table
    from argmap.tui.widgets.clash_table import ClashTable

    monkeypatch.setattr(flow_table, "MAX_CELLS", 1)  # the fewest: 10 rows
    monkeypatch.setattr(clash_table, "MAX_ROWS", 5)
    app = make_app([ARGUMENTS / "ijm-vs-thrupkaew.yaml"], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        view = app.view
        assert view is not None
        full = view.flow("ijm-vs-thrupkaew")
        part = view.flow("ijm-vs-thrupkaew", limit=10)
        assert part.rows == full.rows[:10] and len(full.rows) > 10 and part.columns == full.columns
        assert full.complete and not part.complete and view.flow("ijm-vs-thrupkaew", limit=len(full.rows)).complete
        await pilot.press("5")
        await pilot.pause()
        flow = main.query_one(FlowTable)
        assert flow.row_count == 11 and flow.cells[:10] == list(full.rows[:10])
        assert str(flow.get_cell_at((10, 0))).startswith("… more rows follow") and flow.key_at(10, 0) is None
        monkeypatch.setattr(flow_table, "MAX_COLUMNS", 3)  # and only the first speeches
        flow.show(view, "ijm-vs-thrupkaew", main.palette)
        assert [str(c.label) for c in flow.ordered_columns][:2] == [short(c, 34) for c in full.columns[:2]]
        assert str(flow.ordered_columns[2].label) == f"… and {len(full.columns) - 2} more speeches"
        assert flow.cells[:10] == [(*row[:2], None) for row in full.rows[:10]]
        await pilot.press("4")
        while any(not w.is_finished for w in app.workers):
            await pilot.pause(0.02)
        await pilot.press("1", "4")  # shown again once the clash points are known
        await pilot.pause()
        clashes = main.query_one(ClashTable)
        total = len(view.analysis.clashes)  # type: ignore[union-attr]
        assert total > 5 and clashes.row_count == 6 and len(clashes.keys) == 5
        assert f"{total - 5:,} more clashes" in str(clashes.get_cell_at((5, 1)))


class _DoneAlready:
    """A background load (see argmap.background) that is done before the explorer asks:
    its progress report and its maps come before the main screen has its widgets."""

    def __init__(self, paths: list[Path]) -> None:
        from argmap.analysis import analyze
        from argmap.load import load_workspace

        workspace = load_workspace(paths)
        self.found = (workspace, analyze(workspace))
        self.read_since = time.time_ns()

    def cached(self) -> bool:
        return False

    def result(self, progress: Callable[[str], None] | None = None) -> object:
        if progress is not None:
            progress("Reading chain.yaml: 7 claims, 100%")
        return self.found


async def test_maps_loaded_before_the_main_screen_is_there_are_shown_once_it_is(chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None, background=_DoneAlready([chain_map]))  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        assert main.focused_key == "chain:motion"
        assert "Status" in card_text(main) and "Schools should ban phones" in card_text(main)
        assert main.claim_tree.display and not main.query_one("#loading").display


class _Slow(_DoneAlready):
    """A background load that reports its progress, then waits to be let go."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(paths)
        import threading

        self.go = threading.Event()

    def result(self, progress: Callable[[str], None] | None = None) -> object:
        if progress is not None:
            progress("Reading chain.yaml: 7 claims, 100%")
        self.go.wait(30)
        return self.found


@pytest.mark.parametrize(("after", "shown"), [(0.0, True), (60.0, False)])
async def test_a_load_says_what_it_does_only_once_it_has_taken_a_while(chain_map: Path, monkeypatch: pytest.MonkeyPatch, after: float, shown: bool) -> None:
    # each report redraws the screen while the load goes on: a short load makes none
    import argmap.tui.app

    monkeypatch.setattr(argmap.tui.app, "PROGRESS_AFTER", after)
    background = _Slow([chain_map])
    app = make_app([chain_map], poll_seconds=None, background=background)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)  # the report, if any, has arrived: the load is still waiting
        waiting = str(app.main.query_one("#loading").render())
        background.go.set()
        main = await loaded(app, pilot)
        assert main.focused_key == "chain:motion"
    assert ("Reading chain.yaml: 7 claims" in waiting) is shown, waiting
    assert "Loading the maps" in waiting


@pytest.mark.parametrize(("first_bytes", "child", "first"), [(8_000_000, False, True), (0, False, False), (8_000_000, True, False)])
async def test_maps_not_cached_are_loaded_before_the_first_screen_up_to_a_size(
    chain_map: Path, monkeypatch: pytest.MonkeyPatch, first_bytes: int, child: bool, first: bool
) -> None:
    # a load in the worker shared the interpreter with Textual drawing a loading screen that
    # nobody needed to see; up to LOAD_FIRST_BYTES the maps come with the first screen, unless
    # a child process is loading them (the worker takes them then, while Textual starts)
    import threading

    import argmap.tui.app

    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    monkeypatch.setattr(argmap.tui.app, "LOAD_FIRST_BYTES", first_bytes)
    loads: list[bool] = []  # whether each load ran on the UI thread
    original = MapView.load.__func__  # type: ignore[attr-defined]

    def load(cls: type[MapView], *args: object, **kwargs: object) -> MapView:
        loads.append(threading.current_thread() is threading.main_thread())
        return original(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(MapView, "load", classmethod(load))
    shown_at_mount: list[bool] = []
    ready = ArgmapApp.main_ready

    def main_ready(app: ArgmapApp) -> None:  # the main screen is mounted, not yet drawn
        shown_at_mount.append(app._pending is not None)
        ready(app)

    monkeypatch.setattr(ArgmapApp, "main_ready", main_ready)
    background = _DoneAlready([chain_map]) if child else None
    app = make_app([chain_map], poll_seconds=None, background=background)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        assert main.focused_key == "chain:motion"
        assert not main.query_one("#loading").display
    assert loads == [first]
    if first:  # (a tiny map's worker can also be done by then)
        assert shown_at_mount == [True]


async def test_a_workers_message_arriving_as_the_app_closes_is_let_go() -> None:
    # the background analysis (clash points, chains), a reload or a progress report can reach
    # the app after its main screen is gone: the explorer closing then raised StopIteration
    # (a CI run, test_tui_since, after the main screen became the default screen)
    from argmap.tui.messages import Analysed, Loaded

    app = make_app([ARGUMENTS], poll_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.view is None:
            await pilot.pause(0.02)
        view = app.view
    assert not any(isinstance(s, MainScreen) for s in app.screen_stack)
    app._analysed(Analysed(view))
    app._loaded(Loaded(view, reload=True))
    app._show_progress("reading the maps")


async def test_a_hubs_relations_all_arrive_after_the_first_frame_and_only_on_its_own_list(tmp_path: Path) -> None:
    answers = 70  # more than the 40 rows of the screen: the list is filled in two goes
    lines = ["argmap: 1", "title: Hub", "claims:", "  lone:", "    text: Nobody answers me.", "    kind: thesis", "  hub:", "    text: The hub.", "    kind: thesis"]
    for n in range(answers):
        lines += [f"  a{n}:", f"    text: Answer {n}.", "    rebuts: [hub]"]
    path = tmp_path / "hub.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app([path], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await loaded(app, pilot)
        detail = main.query_one(DetailPane)
        relations = detail.query_one("#relations", OptionList)
        assert main.focused_key == "hub:lone"
        main.jump("hub:hub")
        assert len(detail.targets) == answers and relations.option_count == SIZE[1]  # the screen's worth first
        await pilot.pause()
        assert relations.option_count == answers
        for index, key in enumerate(detail.targets):  # each line is the claim its target says
            assert f"Answer {key.removeprefix('hub:a')}." in str(relations.get_option_at_index(index).prompt)
        main.jump("hub:lone")
        await pilot.pause()
        main.jump("hub:hub")
        main.jump("hub:lone")  # before the hub's rest arrives: none of it may land on this list
        await pilot.pause()
        assert detail.targets == [] and relations.option_count == 1


class _Terminal:
    """Standard error as a terminal, keeping what is written to it."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(("after", "seconds", "noted"), [(0.05, 0.3, True), (5.0, 0.0, False)])
async def test_a_load_before_the_first_screen_says_so_only_if_it_is_slow(monkeypatch: pytest.MonkeyPatch, after: float, seconds: float, noted: bool) -> None:
    # before Textual takes the screen, a load of maps not cached shows nothing: a slow one
    # says so on the terminal, and the line goes when the explorer comes (async only as the
    # module's other tests are)
    import sys
    import threading

    from argmap.tui.app import noted_if_slow

    terminal = _Terminal()
    monkeypatch.setattr(sys, "__stderr__", terminal)
    threads = threading.active_count()
    with noted_if_slow(after, "argmap: reading the maps…"):  # (margins wide enough for a busy machine)
        time.sleep(seconds)
    assert threading.active_count() == threads  # the timer is gone (the resident forks only without threads)
    assert terminal.written == (["argmap: reading the maps…\n", "\x1b[1A\x1b[2K"] if noted else [])
