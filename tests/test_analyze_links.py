"""``argmap analyze`` on all links: an agreement or a clash that only the analyst's link
makes is marked as such, in the JSON and in the text report (tests/debate_views.py)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from debate_views import write_debate


def test_analyst_links_are_marked_in_agreements_and_clashes(cli: Any, tmp_path: Path) -> None:
    path = write_debate(tmp_path)
    report = json.loads(cli("analyze", path, "--links", "all", "--format", "json").out)
    agreements = {(a["claim"], a["grantor_claim"]): a["analyst_link"] for a in report["agreements"]}
    assert agreements == {("d:agreed", "d:n-grant"): False, ("d:thesis", "d:n-echo"): True, ("d:marked", None): False}
    clashes = {(c["attacker"], c["target"]): c["analyst_link"] for c in report["clashes"]}
    assert clashes[("d:n-analyst", "d:dropped-point")] is True and clashes[("d:n-answer", "d:answered-point")] is False
    text = cli("analyze", path, "--links", "all").out
    assert "n-analyst [analyst's link]" in text and "[analyst's link: the texts do not make it]" in text
    texts = json.loads(cli("analyze", path, "--format", "json").out)  # on the texts' links, neither is there
    assert not any(a["analyst_link"] for a in texts["agreements"]) and not any(c["analyst_link"] for c in texts["clashes"])


def test_both_readings_of_the_links_come_from_one_reading_of_the_files(cli: Any, tmp_path: Path, monkeypatch: Any, map_loads: list[object]) -> None:
    # the report names the verdicts that rest on analyst links by analysing the maps on the
    # other choice of links too; with the cache off it read (and checked) every file twice
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    path = write_debate(tmp_path)
    for links in ("texts", "all"):
        map_loads.clear()
        report = json.loads(cli("analyze", path, "--links", links, "--format", "json").out)
        assert report["links"] == links and report["analyst_links"] == 2
        assert report["verdicts_resting_on_links"]  # the other reading was made, and told
        assert len(map_loads) == 1, links


def test_a_cache_entry_holds_what_the_explorer_shows_and_no_analysis_is_made_unasked(tmp_path: Path, monkeypatch: Any) -> None:
    # argmap analyze asks the other choice of links for status alone; computing all of it
    # to cache it made chains nobody read (0.5 s at 10k claims) and the entry keeps none
    from argmap import cache
    from argmap.analysis.links import Links

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    path = write_debate(tmp_path)
    a_minute_ago = time.time() - 60  # a file written just before it is read is not cached (its time stamp may lag)
    for written in tmp_path.rglob("*"):
        os.utime(written, (a_minute_ago, a_minute_ago))
    for links in Links:
        _, made = cache.load_analysed([path], links=links)
        assert made is not None and not made.ready("chains") and not made.ready("clashes")
        found = cache.cached([path], links=links)
        assert found is not None, links
        kept = found[1]
        assert kept.ready("strength") and kept.ready("dropped") and kept.ready("responses")  # the explorer's first screen
        assert kept.strength == made.strength and kept.dropped == made.dropped
