"""SVG snapshots of each explorer screen at 120x40 (pytest-textual-snapshot).

Deterministic: a fixed small map written by the test, no clock in the header, no live
reload timer, and every snapshot taken after the load worker has finished. Review the SVGs
before accepting a change with ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from argmap.tui import make_app
from argmap.tui.screens.main import MainScreen
from test_tui import CHAIN_MAP

SIZE = (120, 40)


@pytest.fixture
def chain_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The chain map as ``chain.yaml`` in the working directory: locations print the same every run."""
    monkeypatch.chdir(tmp_path)
    Path("chain.yaml").write_text(CHAIN_MAP, encoding="utf-8")
    return Path("chain.yaml")


def after(*keys: str, jump: str | None = None, settled: bool = False) -> Any:
    """A ``run_before`` that waits for the load (with ``settled``, for every worker: the
    background analysis, a search), optionally jumps, then presses ``keys``."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        deadline = time.monotonic() + 30
        while getattr(app, "view", None) is None or (settled and any(not w.is_finished for w in app.workers)):
            assert time.monotonic() < deadline
            await pilot.pause(0.02)
        await pilot.pause()
        if jump is not None:
            assert isinstance(app.screen, MainScreen) and app.screen.jump(jump)
        await pilot.press(*keys)
        await pilot.pause()
        while settled and any(not w.is_finished for w in app.workers):
            assert time.monotonic() < deadline
            await pilot.pause(0.02)
        # a tab switch slides its underline: under load the shot caught it halfway (CI, full suite)
        await pilot.wait_for_scheduled_animations()
        # and a view may still be filling in after its worker ended (a shot in a full CI run caught
        # the dropped list before its heading): wait until two screens in a row are the same
        previous = None
        while (screen := app.export_screenshot()) != previous:
            assert time.monotonic() < deadline
            previous = screen
            await pilot.pause(0.05)

    return run_before


def test_main_screen(snap_compare: Any, chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("l", "j"))


def test_trace_screen_at_the_last_word(snap_compare: Any, chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("t", "e", jump="chain:focus"))


def test_help_screen(snap_compare: Any, chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("question_mark"))


def test_flow_view(snap_compare: Any) -> None:
    app = make_app([Path(__file__).resolve().parents[1] / "arguments" / "ijm-vs-thrupkaew.yaml"], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("5"))


def test_problems_view_of_a_broken_map(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    broken = Path("broken.yaml")
    broken.write_text(CHAIN_MAP.replace("rebuts: [focus]", "rebuts: [fokus]"), encoding="utf-8")
    app = make_app([broken], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after())


def test_filter_bar_and_claims_list(snap_compare: Any, chain_map: Path) -> None:
    async def filter_con(pilot: Pilot[None]) -> None:
        await after("f")(pilot)
        from textual.widgets import Select

        pilot.app.screen.query_one("#filter-side", Select).value = "con"
        await pilot.pause()

    app = make_app([chain_map], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=filter_con)


def test_add_claim_dialog(snap_compare: Any, chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("a", *"Screens cut sleep.", jump="chain:focus"))


def test_delete_shows_what_it_orphans(snap_compare: Any, chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("d", jump="chain:emergencies"))


def test_dropped_view(snap_compare: Any) -> None:
    app = make_app([Path(__file__).resolve().parents[1] / "arguments" / "ijm-vs-thrupkaew.yaml"], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("3", settled=True))


def test_clashes_view(snap_compare: Any) -> None:
    app = make_app([Path(__file__).resolve().parents[1] / "arguments" / "ijm-vs-thrupkaew.yaml"], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("4", settled=True))


def test_find_palette(snap_compare: Any, chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=after("slash", *"phone", settled=True))


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_argmap_colour_reads_on_its_theme_as_wcag_asks_of_text(theme: str) -> None:
    from textual.color import Color

    from argmap.tui.app import _themes

    def luminance(colour: Color) -> float:  # WCAG 2 relative luminance
        def channel(value: int) -> float:
            v = value / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)

    def contrast(a: Color, b: Color) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    found = next(t for t in _themes() if t.name == f"argmap-{theme}")
    generated = found.to_color_system().generate()  # Textual's own surfaces for the theme
    grounds = [Color.parse(generated[name]) for name in ("surface", "background", "panel")]
    ours = {k: v for k, v in found.variables.items() if k.startswith(("role-", "status-", "side-"))}
    assert len(ours) == 12
    low = {k: round(min(contrast(Color.parse(v), g) for g in grounds), 2) for k, v in ours.items()}
    assert all(ratio >= 4.5 for ratio in low.values()), low



def test_main_screen_in_the_light_theme(snap_compare: Any, chain_map: Path) -> None:
    app = make_app([chain_map], poll_seconds=None, theme="light")
    assert snap_compare(app, terminal_size=SIZE, run_before=after("l", "j"))
