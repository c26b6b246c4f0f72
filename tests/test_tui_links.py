"""The explorer on either choice of links, and what became of each claim: the header says
which links the verdicts rest on, L switches, the detail pane gives each claim's status
with its reason and its reply, and the dropped view keeps dropped, no chance to reply and
not engaged apart. On the debate of every reply (tests/debate_views.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from argmap.analysis.debate import Response
from argmap.analysis.links import Links
from argmap.load import load_workspace
from argmap.tui import ArgmapApp, make_app
from argmap.tui.screens.main import MainScreen
from argmap.tui.view import MapView
from argmap.tui.widgets.claim_rows import ClaimRows
from argmap.tui.widgets.detail import DetailPane
from debate_views import reasons, write_debate
from test_tui import loaded

SIZE = (120, 40)


@pytest.fixture
def every_reply(tmp_path: Path) -> Path:
    return write_debate(tmp_path)


async def settled(app: ArgmapApp, pilot: Pilot[None]) -> MainScreen:
    """Wait for the load and then for every worker (a switch of links), return the main screen."""
    await loaded(app, pilot)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    return app.screen


def card(main: MainScreen) -> str:
    return " ".join(str(main.query_one("#card").render()).split())


@pytest.mark.asyncio
async def test_the_view_is_analysed_on_the_links_chosen(every_reply: Path) -> None:
    workspace = load_workspace([every_reply])
    texts = MapView.of(workspace)
    assert texts.links is Links.TEXTS and texts.analyst_links == 2
    assert "d:n-analyst->dropped-point" not in texts.workspace.relations and texts.full is workspace
    assert (
        texts.status("d:dropped-point") == "IN"
        and texts.reason("d:dropped-point") == reasons(every_reply)["dropped-point"]
    )
    every = texts.relinked(Links.ALL)
    assert (
        every.links is Links.ALL
        and every.analyst_links == 2
        and every.links_wording.startswith("as the analyst reads it: 2")
    )
    assert every.status("d:dropped-point") == "OUT"
    assert every.reason("d:dropped-point") == reasons(every_reply, "all")["dropped-point"]
    assert every.reason("d:dropped-point").startswith("falls:") and "n-analyst" in every.reason("d:dropped-point")
    assert every.response("d:dropped-point") is Response.DROPPED  # an analyst's link answers nothing
    groups = {response: [k.partition(":")[2] for k in keys] for response, keys in texts.unanswered()}
    assert groups == {
        Response.DROPPED: [
            "thesis",
            "dropped-point",
            "own-concession",
            "own-but",
            "n-answer",
            "n-partial",
            "n-analyst",
            "n-echo",
        ],
        Response.NO_CHANCE: ["a-last"],
        Response.NOT_ENGAGED: ["blog-point"],
    }


@pytest.mark.asyncio
async def test_the_header_states_the_links_and_L_switches_them(every_reply: Path) -> None:
    app = make_app([every_reply], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await settled(app, pilot)
        assert app.sub_title.startswith("links: texts (2 analyst links left out) · A debate of every reply")
        main.jump("d:dropped-point")
        assert f"Status IN — {reasons(every_reply)['dropped-point']}" in card(main)
        await pilot.press("L")
        main = await settled(app, pilot)
        assert app.links is Links.ALL and app.view is not None and app.view.links is Links.ALL
        assert app.sub_title.startswith("links: all (2 analyst links counted)")
        assert main.focused_key == "d:dropped-point"  # the cursor stays on its claim
        why = reasons(every_reply, "all")["dropped-point"]
        assert "n-analyst" in why and "analyst's link" in why and f"Status OUT — {why}" in card(main)
        relations = main.query_one(DetailPane).query_one("#relations")
        lines = [str(option.prompt) for option in relations._options]  # type: ignore[attr-defined]
        assert any("rebutted by  [analyst's link]" in line and "N-ANALYST" in line for line in lines)
        assert any("Links: as the analyst reads it: 2 analyst link(s) counted" in n.message for n in app._notifications)
        await pilot.press("L")
        await settled(app, pilot)
        assert app.sub_title.startswith("links: texts (2 analyst links left out)")


@pytest.mark.asyncio
async def test_the_explorer_can_start_on_all_links(every_reply: Path) -> None:
    app = make_app([every_reply], poll_seconds=None, links="all")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert app.view is not None and app.view.status("d:dropped-point") == "OUT"


@pytest.mark.asyncio
async def test_the_detail_pane_gives_the_reply_and_what_it_means(every_reply: Path) -> None:
    app = make_app([every_reply], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await settled(app, pilot)
        expected = {
            "d:blog-point": "Reply not engaged — another side spoke later but never took up this speech",
            "d:a-last": "Reply no chance to reply — nobody of another side spoke after it: no reply was possible",
            "d:thesis": "Reply dropped — another side spoke later, took up this speech, and left it unanswered",
            "d:partly": "Reply answered in part — another side answered part of it; the rest stands",
            "d:n-grant": "Reply concession — it grants a point of another side; nobody answers agreement",
        }
        for key, reply in expected.items():
            assert main.jump(key)
            assert reply in card(main), key
        main.jump("d:answered-point")
        why = reasons(every_reply)["answered-point"]
        assert "n-answer" in why and f"Status OUT — {why}" in card(main)


@pytest.mark.asyncio
async def test_the_dropped_view_keeps_each_way_of_going_unanswered_apart(every_reply: Path) -> None:
    app = make_app([every_reply], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await settled(app, pilot)
        await pilot.press("3")
        rows = main.query_one("#dropped-list", ClaimRows)
        headings = [rows.headings[i] for i in sorted(rows.headings)]
        assert headings == [
            "Dropped (8): another side spoke later, took up this speech, and left it unanswered",
            "No chance to reply (1): nobody of another side spoke after it: no reply was possible",
            "Not engaged (1): another side spoke later but never took up this speech",
        ]
        sections = [
            rows.keys[i + 1 : j] for i, j in zip(sorted(rows.headings), [*sorted(rows.headings)[1:], len(rows.keys)])
        ]
        assert sections[1] == ["d:a-last"] and sections[2] == ["d:blog-point"] and len(sections[0]) == 8
        assert rows.highlighted == 1 and main.focused_key == "d:thesis"  # on the first claim, not its heading
        await pilot.press("G")
        assert main.focused_key == "d:blog-point"
        await pilot.press("k")  # up over the heading "Not engaged" to the claim above it
        assert main.focused_key == "d:a-last" and rows.keys[rows.highlighted or 0] == "d:a-last"
        await pilot.press("k")
        assert main.focused_key == "d:n-echo"


@pytest.mark.asyncio
async def test_switching_links_while_editing_keeps_the_edits(every_reply: Path) -> None:
    from argmap.edit import Editor

    app = make_app([every_reply], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await settled(app, pilot)

        def reword(editor: Editor):  # type: ignore[no-untyped-def]
            return editor.set_field("d:blog-point", "text", "Reworded, not saved.")

        assert app.editing.apply(reword, focus="d:blog-point") is None
        await pilot.press("L")
        main = await settled(app, pilot)
        assert app.view is not None and app.view.links is Links.ALL
        assert app.view.claim("d:blog-point").text == "Reworded, not saved."
        assert "Reworded" not in every_reply.read_text(encoding="utf-8")
        assert main.focused_key == "d:blog-point"


def test_a_speakers_caveat_on_her_own_claim_never_takes_the_last_word(tmp_path: Path) -> None:
    # Thrupkaew's reply: "not whether ... but rather how" answers Roth, and her own
    # "although that question has vital implications" qualifies it; the last word on Roth's
    # claim is her answer, not her caveat on it

    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: t\nsides:\n  ijm: {label: IJM}\n  critics: {label: Critics}\n"
        "speakers:\n  roth: {name: Roth, side: ijm}\n  noy: {name: Noy, side: critics}\n"
        "claims:\n"
        "  essential: {text: E, by: roth}\n"
        "  how: {text: H, by: noy, rebuts: [essential]}\n"
        "  although: {text: A, by: noy, rebuts: [{to: how, partial: true}]}\n",
        encoding="utf-8",
    )
    view = MapView.load([path])
    assert view.last_word_path("m:essential") == ["m:essential", "m:how"]
    assert [a.key for a in view.answers("m:how")] == ["m:although"]  # still listed, as a caveat
    assert view.own_caveat("m:how", view.answers("m:how")[0])
