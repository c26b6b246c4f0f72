"""The cache of analysed workspaces: used when nothing changed, never when something did."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from argmap import cache
from argmap.analysis import analyze
from argmap.load import load_workspace


@pytest.fixture
def maps(cached_arguments: Path) -> Path:
    return cached_arguments


def entries(maps: Path) -> list[Path]:
    return sorted((maps.parent / "cache").glob("*.pickle"))


def test_second_load_comes_from_the_cache_and_equals_a_fresh_one(maps: Path, map_loads: list[object]) -> None:
    first, _ = cache.load_analysed([maps])
    assert len(entries(maps)) == 1
    map_loads.clear()
    second, second_analysis = cache.load_analysed([maps])
    assert map_loads == []  # nothing was parsed
    assert second.claims == first.claims and second.relations == first.relations
    fresh = analyze(load_workspace([maps]))
    assert second_analysis is not None
    assert dict(second_analysis.status) == dict(fresh.status)
    assert second_analysis.dropped == fresh.dropped


@pytest.mark.parametrize("changed", ["ijm-vs-thrupkaew.yaml", "sources/nation-letters.txt"])
def test_a_changed_map_or_source_text_invalidates_the_entry(maps: Path, changed: str) -> None:
    cache.load_analysed([maps])
    path = maps / changed
    text = path.read_text(encoding="utf-8")
    if changed.endswith(".yaml"):
        assert '\ntitle: "' in text
        text = text.replace('\ntitle: "', '\ntitle: "Edited — ', 1)
    else:
        assert "IJM does not “raid” brothels" in text
        text = text.replace("IJM does not “raid” brothels", "IJM does not raid brothels", 1)  # a quote no longer verifies
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with a stale mtime, the content hash tells
    workspace, _ = cache.load_analysed([maps])
    if changed.endswith(".yaml"):
        assert workspace.maps["ijm-vs-thrupkaew"].title.startswith("Edited —")
    else:
        assert any(p.code == "quote-not-found" for p in workspace.problems)


def test_a_new_map_in_the_folder_invalidates_the_entry(maps: Path) -> None:
    cache.load_analysed([maps])
    (maps / "new.yaml").write_text("argmap: 1\ntitle: New\nclaims:\n  a: {text: A}\n")
    workspace, _ = cache.load_analysed([maps])
    assert "new" in workspace.maps


def test_a_map_with_errors_is_not_cached(maps: Path) -> None:
    (maps / "broken.yaml").write_text("argmap: 1\ntitle: B\nclaims:\n  a: {text: A, by: nobody}\n")
    workspace, analysis = cache.load_analysed([maps])
    assert analysis is None and not workspace.ok
    assert entries(maps) == []


def test_a_damaged_entry_is_rebuilt(maps: Path) -> None:
    cache.load_analysed([maps])
    (entry,) = entries(maps)
    entry.write_bytes(b"not a pickle")
    workspace, analysis = cache.load_analysed([maps])
    assert workspace.ok and analysis is not None
    assert entry.read_bytes() != b"not a pickle"


def test_caching_can_be_turned_off(maps: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    cache.load_analysed([maps])
    assert entries(maps) == []


def test_the_entry_keeps_what_the_first_screen_shows_and_the_rest_is_recomputed_equal(maps: Path) -> None:
    _, first = cache.load_analysed([maps])
    assert first is not None and not first.ready("clashes")  # a cold load computes what the entry keeps, the rest when asked
    _, second = cache.load_analysed([maps])
    assert second is not None
    assert second.ready("strength") and second.ready("dropped")  # shown at once, from the cache
    assert not second.ready("clashes") and not second.ready("chains")  # not pickled: recomputed
    assert dict(second.strength) == dict(first.strength) and second.converged == first.converged
    assert second.clashes == first.clashes and second.chains == first.chains
    assert second.sides == first.sides and second.unsupported == first.unsupported and second.isolated == first.isolated


def test_an_entry_that_cannot_be_written_leaves_no_temporary_file(maps: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    cache.load_analysed([maps])  # never fails for the cache's sake
    assert entries(maps) == [] and list((maps.parent / "cache").iterdir()) == []


@pytest.mark.parametrize("which", [".", "htc-vs-evolution.yaml"])
def test_a_cached_workspace_shares_its_claims_and_keys_as_a_loaded_one_does(maps: Path, which: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 7)  # many batches, each pickled with its own memo
    first, _ = cache.load_analysed([maps / which])
    workspace, analysis = cache.load_analysed([maps / which])
    assert workspace is not first and analysis is not None
    assert workspace.claims == first.claims and workspace.relations == first.relations and workspace.maps == first.maps
    assert [list(m.claims) for m in workspace.maps.values()] == [list(m.claims) for m in first.maps.values()]
    assert [list(m.relations) for m in workspace.maps.values()] == [list(m.relations) for m in first.maps.values()]
    for key, claim in workspace.claims.items():
        assert key is claim.key and workspace.maps[claim.map].claims[claim.id] is claim
    for m in workspace.maps.values():
        assert all(cid is claim.id for cid, claim in m.claims.items())
    for rel in workspace.relations.values():  # one string per claim key, not one per reference
        assert rel.source is workspace.claims[rel.source].key
        assert all(p is workspace.claims[p].key for p in rel.linked)
        assert rel.kind.value == "undercuts" or rel.target is workspace.claims[rel.target].key
        assert workspace.maps[rel.key.partition(":")[0]].relations[rel.key] is rel
    assert all(key is workspace.claims[key].key for key in analysis.strength)
    assert all(key is (workspace.claims.get(key) or workspace.relations[key]).key for key in analysis.status)


@pytest.mark.parametrize("changed", ["ijm-vs-thrupkaew.yaml", "sources/nation-letters.txt"])
def test_a_file_saved_while_the_maps_were_analysed_is_not_cached_as_the_old_content(maps: Path, changed: str) -> None:
    """The explorer stores its entry after the first screen; an editor may save between
    the read and the store. The entry must not pair the new file's stamp with the old
    workspace, or the next load (the live reload itself) would show the old maps."""
    read_since = time.time_ns()
    workspace = load_workspace([maps])
    analysis = analyze(workspace)
    path = maps / changed
    path.write_text(path.read_text(encoding="utf-8") + "\n# saved meanwhile\n", encoding="utf-8")
    cache.store([maps], workspace, analysis, read_since=read_since)
    assert cache.cached([maps]) is None


def test_maps_unchanged_since_well_before_the_read_are_stored(maps: Path) -> None:
    read_since = time.time_ns()
    workspace = load_workspace([maps])
    cache.store([maps], workspace, analyze(workspace), read_since=read_since)
    found = cache.cached([maps])
    assert found is not None and found[0].claims == workspace.claims


def test_render_draws_from_the_entry_what_it_draws_from_the_files(maps: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from argmap.analysis.links import Links
    from argmap.cli import main

    def render(name: str) -> str:
        out = tmp_path / name
        assert main(["render", str(maps), "--overview", "--format", "dot", "-o", str(out)]) == 0
        return out.read_text(encoding="utf-8")

    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    from_files = render("files.dot")
    monkeypatch.delenv("ARGMAP_NO_CACHE")
    cache.load_analysed([maps], links=Links.TEXTS)  # the entry explore or analyze leaves
    reads = request.getfixturevalue("map_loads")
    assert render("entry.dot") == from_files
    assert reads == []  # no YAML parsed
    path = maps / "ijm-vs-thrupkaew.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('\ntitle: "', '\ntitle: "Edited — ', 1), encoding="utf-8")
    edited = render("edited.dot")
    assert reads != []  # a changed map is read afresh
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert edited == render("edited-files.dot")
