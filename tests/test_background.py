"""The explorer's background load: a forked child loads and analyses the maps, or says to
read them from the cache, or leaves them to the parent when it cannot."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from argmap import cache
from argmap.analysis import analyze
from argmap.analysis.links import Links
from argmap.background import FORK_BYTES, BackgroundLoad, maps_size
from argmap.generate import write_synthetic
from argmap.load import PROGRESS_EVERY, load_workspace
from argmap.tui.view import MapView

ARGUMENTS = Path(__file__).parent.parent / "arguments"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the background load forks; without fork the explorer loads in-process")


def started(paths: list[Path], links: Links = Links.TEXTS) -> BackgroundLoad:
    background = BackgroundLoad.start(paths, links)
    assert background is not None  # the test process runs no other thread
    return background


@pytest.mark.parametrize("links", list(Links))
def test_the_child_sends_what_a_load_and_analysis_here_would_make(links: Links) -> None:
    background = started([ARGUMENTS], links)
    assert not background.cached()  # the tests run with the cache off
    found = background.result()
    assert found is not None
    workspace, analysis = found
    fresh = load_workspace([ARGUMENTS])
    expected = analyze(fresh, links=links)
    assert workspace.claims == fresh.claims and workspace.relations == fresh.relations
    assert analysis.links is links
    assert dict(analysis.status) == dict(expected.status)
    assert dict(analysis.strength) == dict(expected.strength)
    assert analysis.dropped == expected.dropped
    with pytest.raises(ChildProcessError):  # reaped: no zombie is left behind
        os.waitpid(background.pid, os.WNOHANG)


def test_the_view_of_a_background_load_is_the_view_of_a_load_here() -> None:
    shown = MapView.load([ARGUMENTS], background=started([ARGUMENTS]))
    here = MapView.load([ARGUMENTS])
    assert shown._uncached is not None  # loaded afresh: finish() caches it
    assert shown.roots == here.roots and shown.side_order == here.side_order
    assert {k: shown.status(k) for k in here.workspace.claims} == {k: here.status(k) for k in here.workspace.claims}
    assert shown.analyst_links == here.analyst_links


def test_a_cached_map_is_left_to_the_cache(cached_arguments: Path, map_loads: list[object]) -> None:
    cache.load_analysed([cached_arguments], links=Links.TEXTS)
    map_loads.clear()
    background = started([cached_arguments])
    assert background.cached()
    view = MapView.load([cached_arguments], background=background)
    assert view._uncached is None and map_loads == []  # read from the cache here, parsed nowhere


def test_a_map_with_errors_is_loaded_here_to_show_its_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text((ARGUMENTS / "htc-vs-evolution.yaml").read_text(encoding="utf-8") + "\nclaims: [not, a, mapping\n", encoding="utf-8")
    background = started([broken])
    assert not background.cached()
    assert background.result() is None
    view = MapView.load([broken], background=started([broken]))
    assert view.problems and view.problems[0].location.path.endswith("broken.yaml")


def test_a_child_that_dies_leaves_the_load_to_the_parent() -> None:
    background = started([ARGUMENTS])
    os.kill(background.pid, signal.SIGKILL)
    assert background.result() is None
    view = MapView.load([ARGUMENTS], background=started([ARGUMENTS]))
    assert len(view.workspace.claims) == len(load_workspace([ARGUMENTS]).claims)


def test_a_large_load_reports_its_progress_from_the_child(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    write_synthetic(big, PROGRESS_EVERY, seed=3)
    heard: list[str] = []
    started_at = time.perf_counter()
    found = started([big]).result(heard.append)
    assert found is not None and len(found[0].claims) == PROGRESS_EVERY
    assert any(line.startswith("Reading ") and "big.yaml: 5,000 claims" in line for line in heard), heard
    assert heard[-1].startswith(f"Analysing {PROGRESS_EVERY:,} claims")
    assert time.perf_counter() - started_at < 60


def test_maps_too_large_to_pay_for_the_handing_over_load_in_the_explorer(tmp_path: Path) -> None:
    small = tmp_path / "small.yaml"
    text = (ARGUMENTS / "htc-vs-evolution.yaml").read_text(encoding="utf-8")
    small.write_text(text, encoding="utf-8")
    large = tmp_path / "large.yaml"
    large.write_text(text + "# " + "x" * FORK_BYTES + "\n", encoding="utf-8")
    assert maps_size([tmp_path]) == small.stat().st_size + large.stat().st_size
    assert BackgroundLoad.start([large], Links.TEXTS) is None
    assert maps_size([ARGUMENTS]) < FORK_BYTES
    assert started([ARGUMENTS]).result() is not None


def test_the_verdict_on_the_cache_comes_before_the_load(tmp_path: Path) -> None:
    # the explorer asks for it on its UI thread: it must not wait there for the whole load
    maps = tmp_path / "maps.yaml"
    write_synthetic(maps, 3_000, seed=5)  # below PROGRESS_EVERY: no report to come first either
    begun = time.perf_counter()
    background = started([maps])
    assert not background.cached()
    verdict = time.perf_counter() - begun
    assert background.result() is not None
    assert verdict < 0.5 * (time.perf_counter() - begun)
