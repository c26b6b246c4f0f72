"""Pilot tests of editing in the explorer: each flow driven by keys, the saved file checked.

Every test edits a copy of a map in ``tmp_path``. "The diff is exactly the edit" is asserted
line by line (difflib), and a saved map is checked with the loader as ``argmap check`` does.
"""

from __future__ import annotations

import difflib
import shutil
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from argmap.load import load_workspace
from argmap.tui import ArgmapApp, make_app
from argmap.tui.screens.choice import ChoiceScreen
from argmap.tui.screens.claim_form import ClaimForm
from argmap.tui.screens.claim_picker import ClaimPicker
from argmap.tui.screens.main import MainScreen
from argmap.tui.screens.quote_picker import QuotePicker
from argmap.tui.widgets.detail import DetailPane
from test_tui import ARGUMENTS, CHAIN_MAP, SIZE, loaded

pytestmark = pytest.mark.asyncio


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with the chain map and a second, empty-ish map to move claims into."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "chain.yaml").write_text(CHAIN_MAP, encoding="utf-8")
    (maps / "other.yaml").write_text("argmap: 1\ntitle: Other\nspeakers:\n  ann: {name: Ann}\n  bob: {name: Bob}\nclaims:\n  seed:\n    text: A seed.\n", encoding="utf-8")
    return maps


def diff(before: str, after: str) -> tuple[list[str], list[str]]:
    removed: list[str] = []
    added: list[str] = []
    old, new = before.splitlines(), after.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


async def open_at(app: ArgmapApp, pilot: Pilot[None], key: str) -> MainScreen:
    main = await loaded(app, pilot)
    assert main.jump(key)
    await pilot.pause()
    return main


async def fill_form(pilot: Pilot[None], **values: str) -> ClaimForm:
    form = pilot.app.screen
    assert isinstance(form, ClaimForm)
    for name, value in values.items():
        if name in ("relation", "by", "kind"):
            form.query_one(f"#form-{name}", Select).value = value
        else:
            form.query_one(f"#form-{name}", Input).value = value
    await pilot.pause()
    return form


def check_clean(folder: Path) -> None:
    workspace = load_workspace([folder])
    assert workspace.ok, [str(p) for p in workspace.problems]


async def test_add_a_reason_and_save_writes_exactly_its_lines(folder: Path) -> None:
    path = folder / "chain.yaml"
    before = path.read_text(encoding="utf-8")
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_at(app, pilot, "chain:focus")
        await pilot.press("a")
        await fill_form(pilot, text="Screens cut sleep.", by="ann", id="sleep")
        await pilot.press("ctrl+s")  # apply the form
        assert isinstance(app.screen, MainScreen)
        assert main.focused_key == "chain:sleep"
        assert app.view is not None and app.view.status("chain:sleep") == "IN"
        assert "●" in app.title
        assert path.read_text(encoding="utf-8") == before  # nothing written before saving
        await pilot.press("ctrl+s")
        assert "●" not in app.title
    assert diff(before, path.read_text(encoding="utf-8")) == ([], ["  sleep:", "    text: Screens cut sleep.", "    by: ann", "    supports: [focus]"])
    check_clean(folder)


async def test_add_a_rebuttal_changes_the_status_at_once(folder: Path) -> None:
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "chain:office-phone")
        assert app.view is not None and app.view.status("chain:emergencies") == "OUT"
        await pilot.press("a")
        await fill_form(pilot, relation="rebut", text="The office is closed at night.", by="bob")
        await pilot.press("ctrl+s")
        view = app.view
        assert view is not None
        key = "chain:the-office-is-closed-at"  # id made from the text
        assert view.claim(key).by == "bob"
        assert [r.kind.value for r in view.workspace.relations.values() if r.source == key] == ["rebuts"]
        assert view.status("chain:office-phone") == "OUT" and view.status("chain:emergencies") == "IN"


async def test_add_an_undercut_of_an_inference(folder: Path) -> None:
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "chain:focus")
        await pilot.press("a")
        await fill_form(pilot, relation="undercut:chain:focus->motion", text="Distraction is no reason to ban.", id="no-ban")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert app.view is not None
        assert [r.target for r in app.view.workspace.relations.values() if r.source == "chain:no-ban"] == ["chain:focus->motion"]
        await pilot.press("ctrl+s")
    assert "    undercuts: [focus -> motion]" in (folder / "chain.yaml").read_text(encoding="utf-8")
    check_clean(folder)


async def test_a_refused_add_keeps_the_form_open_with_the_reason(folder: Path) -> None:
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "chain:focus")
        await pilot.press("a")
        form = await fill_form(pilot, text="Again.", id="motion")  # an id that exists
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "already exists" in str(form.query_one("#form-error").render())


async def test_edit_text_and_tags_diff_is_those_lines(folder: Path) -> None:
    path = folder / "chain.yaml"
    before = path.read_text(encoding="utf-8")
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "chain:office-phone")
        await pilot.press("e")
        await fill_form(pilot, text="The office phone covers emergencies [always].", tags="phones, school")
        await pilot.press("ctrl+s")
        assert app.view is not None and app.view.claim("chain:office-phone").tags == ("phones", "school")
        await pilot.press("ctrl+s")
    assert diff(before, path.read_text(encoding="utf-8")) == (
        ["    text: The school office phone covers emergencies.", "    tags: [phones]"],
        ["    text: The office phone covers emergencies [always].", "    tags: [phones, school]"],
    )


async def test_attach_a_quote_from_the_passage_picker_verifies(tmp_path: Path) -> None:
    folder = tmp_path / "arguments"
    shutil.copytree(ARGUMENTS, folder)
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        key = "ijm-vs-thrupkaew:series-misrepresents-ijm"
        await open_at(app, pilot, key)
        await pilot.press("quotation_mark")
        picker = app.screen
        assert isinstance(picker, QuotePicker)
        picker.query_one("#quote-query", Input).value = "local police"
        await pilot.pause()
        assert picker.passages and all("local police" in p.lower() for p in picker.passages[:1])
        chosen = picker.passages[0]
        await pilot.press("enter", "enter")  # to the passages, choose the first
        assert isinstance(app.screen, MainScreen)
        quote = app.view.claim(key).quote  # type: ignore[union-attr]
        assert quote is not None and quote.text == chosen
        await pilot.press("ctrl+s")
    check_clean(folder)  # the quote verifies against its source


async def test_delete_shows_the_orphans_first_then_undo_brings_it_back(folder: Path) -> None:
    path = folder / "chain.yaml"
    before = path.read_text(encoding="utf-8")
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_at(app, pilot, "chain:emergencies")
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        body = str(dialog.query_one("#choice-text").render())
        assert "removes relation chain:office-phone->emergencies" in body
        assert "leaves claim chain:office-phone with no relation" in body
        await pilot.press("escape")  # keep it
        assert "chain:emergencies" in app.view.workspace.claims  # type: ignore[union-attr]
        await pilot.press("d", "d")
        assert "chain:emergencies" not in app.view.workspace.claims  # type: ignore[union-attr]
        assert main.focused_key == "chain:focus"  # the cursor goes to what it answered
        await pilot.press("ctrl+z")
        assert "chain:emergencies" in app.view.workspace.claims  # type: ignore[union-attr]
        await pilot.press("U")  # redo (vim habit)
        assert "chain:emergencies" not in app.view.workspace.claims  # type: ignore[union-attr]
        await pilot.press("u")
        await pilot.press("ctrl+s")
        assert "●" not in app.title
    assert path.read_text(encoding="utf-8") == before  # undone: the file is what it was


async def test_delete_and_repoint_a_relation_from_the_detail_pane(folder: Path) -> None:
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_at(app, pilot, "chain:office-phone")
        await pilot.press("w")  # to the relations list: "rebuts emergencies"
        await pilot.press("p")
        picker = app.screen
        assert isinstance(picker, ClaimPicker)
        picker.query_one("#pick-query", Input).value = "focus"
        await pilot.pause()
        await pilot.press("enter", "enter")
        relations = app.view.workspace.relations  # type: ignore[union-attr]
        assert [r.target for r in relations.values() if r.source == "chain:office-phone"] == ["chain:focus"]
        assert main.focused_key == "chain:office-phone"
        main.query_one("#relations", OptionList).focus()
        await pilot.pause()
        await pilot.press("x")
        relations = app.view.workspace.relations  # type: ignore[union-attr]
        assert not [r for r in relations.values() if r.source == "chain:office-phone"]
        assert main.focused_key == "chain:office-phone"
        assert main.query_one(DetailPane).targets == []


async def test_move_a_claim_to_another_map(folder: Path) -> None:
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_at(app, pilot, "chain:office-phone")
        await pilot.press("m")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("1")  # the only other map
        assert main.focused_key == "other:office-phone"
        await pilot.press("ctrl+s")
    assert "  office-phone:" in (folder / "other.yaml").read_text(encoding="utf-8")
    assert "rebuts: ['chain:emergencies']" in (folder / "other.yaml").read_text(encoding="utf-8") or "chain:emergencies" in (folder / "other.yaml").read_text(encoding="utf-8")
    assert "office-phone" not in (folder / "chain.yaml").read_text(encoding="utf-8")
    check_clean(folder)


async def test_save_over_a_file_changed_on_disk_asks_and_keep_mine_writes(folder: Path) -> None:
    path = folder / "chain.yaml"
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "chain:focus")
        await pilot.press("e")
        await fill_form(pilot, text="Phones distract pupils a lot.")
        await pilot.press("ctrl+s")
        theirs = path.read_text(encoding="utf-8").replace("Pong says", "Pong claims")
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceScreen) and "changed on disk" in str(app.screen.query_one("#choice-text").render())
        assert path.read_text(encoding="utf-8") == theirs  # never overwritten silently
        await pilot.press("k")
        assert "●" not in app.title
    text = path.read_text(encoding="utf-8")
    assert "Phones distract pupils a lot." in text and "Pong says" in text


async def test_live_reload_with_unsaved_edits_asks_instead_of_discarding(folder: Path) -> None:
    path = folder / "chain.yaml"
    app = make_app([folder], poll_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "chain:focus")
        await pilot.press("e")
        await fill_form(pilot, text="Mine.")
        await pilot.press("ctrl+s")
        path.write_text(path.read_text(encoding="utf-8").replace("Pong says", "Pong claims").replace("Mine.", "Phones distract pupils."), encoding="utf-8")
        deadline = time.monotonic() + 10
        while not isinstance(app.screen, ChoiceScreen):
            assert time.monotonic() < deadline, "no conflict shown"
            await pilot.pause(0.05)
        assert app.view is not None and app.view.claim("chain:focus").text == "Mine."  # not discarded
        await pilot.press("r")  # take theirs
        assert app.view.claim("chain:pong").text.startswith("Pong claims")
        assert "●" not in app.title
        await pilot.press("ctrl+z")  # mine comes back
        assert app.view.claim("chain:focus").text == "Mine."


async def test_quit_with_unsaved_changes_asks_first(folder: Path) -> None:
    app = make_app([folder], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(app, pilot, "chain:focus")
        await pilot.press("d", "d")
        await pilot.press("q")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen) and app.is_running
        await pilot.press("q", "s")  # save and quit
        await pilot.pause()
        assert not app.is_running
    assert "focus:" not in (folder / "chain.yaml").read_text(encoding="utf-8")
