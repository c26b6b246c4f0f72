"""Pilot tests of the drill screen: the card, turning it over, grading, the schedule's next
card, the countdown, the summary, opening it from the explorer and adding an answer to the map."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, Select

from argmap.analysis import analyze
from argmap.analysis.links import Links
from argmap.drill import DrillSession, Grade, Progress, build_deck
from argmap.load import load_workspace
from argmap.tui import ArgmapApp, make_app
from argmap.tui.screens.claim_form import ClaimForm
from argmap.tui.screens.drill import DrillPlan, DrillScreen, DrillSummaryScreen
from argmap.tui.screens.main import MainScreen

pytestmark = pytest.mark.asyncio

REPO = Path(__file__).resolve().parents[1]
IJM = REPO / "arguments" / "ijm-vs-thrupkaew.yaml"
SIZE = (120, 40)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SMALL = (Path(__file__).parent / "fixtures" / "drill" / "phones.yaml").read_text(encoding="utf-8")


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "phones.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def session_on(path: Path, side: str, store: Path, clock: Clock | None = None, **options: object) -> DrillSession:
    deck = build_deck(analyze(load_workspace([path]), links=Links.TEXTS), side)
    return DrillSession(deck, Progress.load(store), clock=clock or Clock(), **options)  # type: ignore[arg-type]


async def drill_screen(app: ArgmapApp, pilot: Pilot[None]) -> DrillScreen:
    deadline = time.monotonic() + 30
    while not isinstance(app.screen, DrillScreen):
        assert time.monotonic() < deadline, "the drill never opened"
        await pilot.pause(0.02)
    await pilot.pause()
    return app.screen


def text(screen: DrillScreen, name: str) -> str:
    return " ".join(str(screen.query_one(f"#{name}").render()).split())


async def test_card_reveal_grade_and_the_next_card_by_schedule(small: Path, tmp_path: Path) -> None:
    clock = Clock()
    session = session_on(small, "con", tmp_path / "p.json", clock)
    app = make_app([small], poll_seconds=None, drill=DrillPlan(session))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(app, pilot)
        front = text(screen, "drill-card")
        assert "Schools should ban phones." in front and "Ann (pro)" in front
        assert not screen.query_one("#drill-back").display
        assert isinstance(app.focused, Input)
        await pilot.press("3")  # typed into the answer, not a grade: the card is not turned over
        assert session.log == [] and screen.query_one("#drill-answer", Input).value == "3"
        screen.query_one("#drill-answer", Input).value = ""
        await pilot.press("enter")
        assert session.revealed and screen.query_one("#drill-back").display
        back = text(screen, "drill-back")
        assert "YOUR SIDE'S ANSWERS IN THE MAP: 1" in back and "rebuts cost" in back
        assert "Lockers for phones cost money." in back and "last word: Bob (con) with cost, which stands (IN)" in back
        assert "Their claim: OUT — falls: answered by cost" in back
        await pilot.press("1")  # again: due in a minute, so it comes back later in this sitting
        assert session.log == [("phones:motion", Grade.AGAIN)]
        assert "Phones distract pupils." in text(screen, "drill-card")
        assert not screen.query_one("#drill-back").display and not screen.query_one("#drill-answer", Input).disabled
        await pilot.press("enter", "4")
        clock.now += timedelta(minutes=2)
        await pilot.press("enter", "4")  # office-phone; now motion is due again, before anything new
        assert session.current is not None and session.current.card.key == "phones:motion"
        assert "motion" in text(screen, "drill-card")
        assert (tmp_path / "p.json").exists()


async def test_an_unanswered_card_says_so(tmp_path: Path) -> None:
    session = session_on(IJM, "critics", tmp_path / "p.json")
    app = make_app([IJM], poll_seconds=None, drill=DrillPlan(session))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(app, pilot)
        assert "Amy E. Roth (ijm)" in text(screen, "drill-card") and "— Letter: Amy E. Roth (IJM)" in text(screen, "drill-card")
        await pilot.press("enter")
        assert "YOUR SIDE LEFT THIS UNANSWERED" in text(screen, "drill-back")


async def test_the_countdown_turns_the_card_over(small: Path, tmp_path: Path) -> None:
    session = session_on(small, "con", tmp_path / "p.json")
    app = make_app([small], poll_seconds=None, drill=DrillPlan(session, timed=2.5))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(app, pilot)
        assert re.search(r"⏱ 0:0[1-3] left", text(screen, "drill-status"))
        assert not session.revealed
        deadline = time.monotonic() + 10
        while not session.revealed:
            assert time.monotonic() < deadline, "the countdown never ended"
            await pilot.pause(0.1)
        assert session.revealed and session.timed_out and screen.query_one("#drill-back").display
        assert "time's up" in text(screen, "drill-status")
        await pilot.press("2")
        entry = session.progress.get("con", "phones:motion")
        assert entry is not None and entry.reviews[-1].timed_out
        assert not session.revealed and "left" in text(screen, "drill-status")  # the next card's countdown


async def test_the_summary_ends_the_sitting_and_is_written(small: Path, tmp_path: Path) -> None:
    session = session_on(small, "con", tmp_path / "p.json", keep_answers=True)
    summary = tmp_path / "coach" / "summary.md"
    app = make_app([small], poll_seconds=None, drill=DrillPlan(session, summary_path=summary))
    async with app.run_test(size=SIZE) as pilot:
        await drill_screen(app, pilot)
        await pilot.press(*"Lockers", "enter", "1")
        await pilot.press("enter", "3", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DrillSummaryScreen)
        shown = app.screen.query_one(Markdown).source
        assert "2 card(s) seen, 2 review(s), again-rate 50% (1 of 2)" in shown
        assert summary.read_text(encoding="utf-8") == shown
        assert "**motion** (Schools should ban phones.): Lockers" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_last_card_ends_on_the_summary(small: Path, tmp_path: Path) -> None:
    session = session_on(small, "pro", tmp_path / "p.json", new_limit=1)
    app = make_app([small], poll_seconds=None, drill=DrillPlan(session))
    async with app.run_test(size=SIZE) as pilot:
        await drill_screen(app, pilot)
        await pilot.press("enter", "4")
        await pilot.pause()
        assert isinstance(app.screen, DrillSummaryScreen)
        assert "1 card(s) seen" in app.screen.query_one(Markdown).source


async def test_explore_opens_a_drill_with_d(small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    app = make_app([small], poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        while app.view is None:
            await pilot.pause(0.02)
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("2")  # the second side: con
        screen = await drill_screen(app, pilot)
        assert screen.session.deck.side == "con"
        await pilot.press("enter", "3")
        assert (tmp_path / "data" / "argmap" / "drill" / "progress.json").exists()


async def test_n_makes_the_typed_answer_a_claim_in_the_map(small: Path, tmp_path: Path) -> None:
    session = session_on(small, "con", tmp_path / "p.json")
    app = make_app([small], poll_seconds=None, drill=DrillPlan(session))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(app, pilot)
        await pilot.press(*"Bans cut bullying", "enter", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.query_one("#form-text", Input).value == "Bans cut bullying"
        assert form.query_one("#form-relation", Select).value == "rebut"
        assert form.query_one("#form-by", Select).value == "bob"  # a speaker of the drilled side
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and session.revealed  # back on the card, still to grade
        assert app.view is not None
        added = app.view.workspace.claims["phones:bans-cut-bullying"]
        assert added.by == "bob" and app.view.workspace.relations["phones:bans-cut-bullying->motion"].kind.value == "rebuts"
        assert app.editing.dirty  # saved like any edit, with ctrl+s


async def test_a_reworded_claim_keeps_its_progress_and_says_so(small: Path, tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    first = session_on(small, "con", store, new_limit=1)
    first.grade(Grade.AGAIN)
    small.write_text(small.read_text(encoding="utf-8").replace("Schools should ban phones.", "Schools should ban phones in class."), encoding="utf-8")
    later = Clock()
    later.now = T0 + timedelta(minutes=5)
    session = session_on(small, "con", store, later)
    app = make_app([small], poll_seconds=None, drill=DrillPlan(session))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(app, pilot)
        front = text(screen, "drill-card")
        assert "Schools should ban phones in class." in front
        assert "Reworded since your last review; it said: Schools should ban phones." in front and "New card." not in front
