"""``argmap explore --since REV``: what changed since a revision, marked in the tree and listed."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from argmap.edit import Editor
from argmap.tui import ArgmapApp, make_app
from argmap.tui.screens.main import MainScreen
from argmap.tui.widgets.claim_rows import ClaimRows

pytestmark = [pytest.mark.asyncio, pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")]

REPO = Path(__file__).resolve().parents[1]
IJM = "ijm-vs-thrupkaew"
SIZE = (140, 40)
ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=ENV)


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of the bundled debates, with a claim added, one edited and a link made since HEAD."""
    repo = tmp_path / "squad"
    shutil.copytree(REPO / "arguments", repo / "arguments")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=S", "-c", "user.email=s@example.invalid", "add", "-A")
    git(repo, "-c", "user.name=S", "-c", "user.email=s@example.invalid", "commit", "-q", "-m", "case")
    editor = Editor(repo / "arguments")
    editor.add_claim(f"{IJM}:oversight", "Police work needs oversight.", by="roth", supports=[f"{IJM}:law-enforcement-essential"])
    editor.set_text(f"{IJM}:series-misrepresents-ijm", "The series gets IJM's work wrong.")
    editor.link(f"{IJM}:not-false-controversy", "rebuts", f"{IJM}:law-enforcement-essential")
    editor.save()
    monkeypatch.chdir(repo)
    return repo / "arguments" / f"{IJM}.yaml"


async def compared(app: ArgmapApp, pilot: Pilot[None]) -> MainScreen:
    deadline = time.monotonic() + 60
    while app.view is None or app.since is None:
        assert time.monotonic() < deadline, "the comparison never came"
        await pilot.pause(0.05)
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def test_since_marks_new_changed_and_status_changed_claims(edited: Path) -> None:
    app = make_app([Path("arguments") / edited.name], poll_seconds=None, since="HEAD")
    async with app.run_test(size=SIZE) as pilot:
        main = await compared(app, pilot)
        assert app.since is not None and app.since.error is None
        marks = app.since.marks
        assert marks[f"{IJM}:oversight"] == "new"
        assert marks[f"{IJM}:series-misrepresents-ijm"] == "changed"
        assert marks[f"{IJM}:not-false-controversy"] == "changed"
        assert marks[f"{IJM}:law-enforcement-essential"] == "was IN"  # it falls to the new rebuttal
        assert str(main.query_one(TabbedContent).get_tab("changes").label) == "Since HEAD (4)"
        main.jump(f"{IJM}:law-enforcement-essential")
        await pilot.pause()
        node = main.claim_tree.cursor_node
        assert node is not None and node.label.plain.rstrip().endswith("was IN")
        await pilot.press("7")
        await pilot.pause()
        rows = main.query_one("#changes-list", ClaimRows)
        assert main.query_one(TabbedContent).active == "changes"
        assert rows.claims == [f"{IJM}:oversight", f"{IJM}:series-misrepresents-ijm", f"{IJM}:not-false-controversy", f"{IJM}:law-enforcement-essential"]
        assert [rows.headings[i].split(" (")[0] for i in sorted(rows.headings)] == ["New since HEAD", "Changed since HEAD", "Status changed since HEAD"]
        await pilot.press("enter")  # jumps to the claim in the tree
        await pilot.pause()
        assert main.query_one(TabbedContent).active == "tree" and main.focused_key == f"{IJM}:oversight"


async def test_without_since_there_is_no_changes_view(edited: Path) -> None:
    app = make_app([Path("arguments")], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.monotonic() + 30
        while app.view is None:
            assert time.monotonic() < deadline
            await pilot.pause(0.05)
        tabs = app.screen.query_one(TabbedContent)
        assert "changes" not in [pane.id for pane in tabs.query("TabPane")]
        assert app.view.since == {}


async def test_a_revision_that_is_not_there_is_said_once(edited: Path) -> None:
    app = make_app([Path("arguments")], poll_seconds=None, since="no-such-branch")
    async with app.run_test(size=SIZE) as pilot:
        main = await compared(app, pilot)
        assert app.since is not None and app.since.error is not None and "no-such-branch" in app.since.error
        assert str(main.query_one(TabbedContent).get_tab("changes").label) == "Since no-such-branch (?)"
