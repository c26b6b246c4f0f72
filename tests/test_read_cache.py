"""The loader's :class:`~argmap.load.ReadCache` changes how fast a map is read, never what it reads as.

An editor's language server reloads a folder after every keystroke with the cache; ``argmap
check`` reads without it. For a random walk of small edits to the bundled maps (typing,
deleting, new lines, broken YAML, new claims) every load through the cache must equal a
fresh load of the same texts: the same problems at the same places, the same claims and
relations.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.load import ReadCache, load_workspace

ARGUMENTS = Path(__file__).resolve().parents[1] / "arguments"
MAPS = sorted(ARGUMENTS.glob("*.yaml"))
TEXTS = {path: path.read_text(encoding="utf-8") for path in MAPS}
PIECES = ["", "x", "\n", "  ", ": ", '"', "'", "[", "]", "{", "}", ", ", "#", "- ", "\n    rebuts: [x]", "\n  new-claim:\n    text: hi\n", "\t", "c1"]

edit = st.tuples(st.sampled_from(MAPS), st.floats(0, 1), st.sampled_from([0, 0, 1, 3, 12]), st.sampled_from(PIECES), st.booleans())


def _same(a: object, b: object) -> None:
    assert a.problems == b.problems  # type: ignore[attr-defined]
    assert list(a.claims.items()) == list(b.claims.items())  # type: ignore[attr-defined]
    assert a.relations == b.relations  # type: ignore[attr-defined]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=6))
def test_loading_through_the_cache_equals_a_fresh_load(edits: list[tuple[Path, float, int, str, bool]]) -> None:
    _walk(dict(TEXTS), edits)


def _ends(text: str, style: str) -> str:
    """``text`` with its line ends in ``style``: CR, CRLF, or the three in turn."""
    lines = text.split("\n")
    ends = ["\r", "\r\n", "\n"] if style == "mixed" else [style]
    return "".join(line + ends[n % len(ends)] for n, line in enumerate(lines[:-1])) + lines[-1]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["\r", "\r\n", "mixed"]), st.lists(st.tuples(*edit.wrapped_strategy.element_strategies[:3], st.sampled_from([*PIECES, "\r", "\r\n", "\r  c9: {text: x}\r"]), st.booleans()), min_size=1, max_size=6))  # type: ignore[attr-defined]
def test_the_same_holds_with_lone_crs_and_mixed_line_ends(style: str, edits: list[tuple[Path, float, int, str, bool]]) -> None:
    # the claim finder once refused a lone CR; the cache counted lines by "\n" alone
    _walk({path: _ends(text, style) for path, text in TEXTS.items()}, edits)


def _walk(texts: dict[Path, str], edits: list[tuple[Path, float, int, str, bool]]) -> None:
    """Load ``texts`` after each edit through one cache and afresh: the two must be the same."""
    cache = ReadCache()
    _same(load_workspace([ARGUMENTS], texts=texts, cache=cache, verify_quotes=False), load_workspace([ARGUMENTS], texts=texts, verify_quotes=False))
    for path, where, removed, inserted, keep in edits:
        text = texts[path]
        at = int(where * len(text))
        changed = text[:at] + inserted + text[at + removed :]
        trial = {**texts, path: changed}
        _same(load_workspace([ARGUMENTS], texts=trial, cache=cache, verify_quotes=False), load_workspace([ARGUMENTS], texts=trial, verify_quotes=False))
        if keep:
            texts = trial


def _counted(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Calls of the loader's function ``name`` from now on, each one's first argument."""
    import argmap.load as load

    calls: list[object] = []
    original = getattr(load, name)

    def counting(*args: Any) -> Any:
        calls.append(args[0])
        return original(*args)

    monkeypatch.setattr(load, name, counting)
    return calls


def _warmed(path: Path = MAPS[0]) -> tuple[ReadCache, Path, str]:
    """A cache that has read bundled map ``path`` once, the map and its text."""
    cache = ReadCache()
    load_workspace([ARGUMENTS], texts={path: TEXTS[path]}, cache=cache, verify_quotes=False)
    return cache, path, TEXTS[path]


def _same_load(cache: ReadCache, texts: dict[Path, str]) -> None:
    _same(load_workspace([ARGUMENTS], texts=texts, cache=cache, verify_quotes=False), load_workspace([ARGUMENTS], texts=texts, verify_quotes=False))


def test_a_keystroke_rereads_only_its_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the cache: after one character typed, one claim is read as YAML again."""
    cache, path, text = _warmed()
    calls = _counted(monkeypatch, "_read_claim")
    at = text.index("\n    text:", len(text) // 2) + len("\n    text:")
    typed = text[:at] + " x" + text[at:]
    _same_load(cache, {path: typed})
    assert len(calls) == 1


def test_a_new_line_between_claims_finds_no_claim_but_its_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    """A comment line typed above a claim moves every claim below it, but the map is not cut
    into claims again: only the two claims around the edit are looked at."""
    cache, path, text = _warmed()
    cuts = _counted(monkeypatch, "claim_lines")
    at = text.index("\n  ", text.index("\nclaims:") + len(text) // 3) + 1
    typed = text[:at] + "  # a note\n" + text[at:]
    _same_load(cache, {path: typed})
    assert cuts == []


BREAKS = ["'", '"', "\t", "[", "{", "- ", ": x: ", "!!python/object ", "&a "]


@pytest.mark.parametrize("piece", BREAKS)
def test_yaml_that_stops_reading_in_a_claim_is_reported_as_a_whole_read_reports_it(monkeypatch: pytest.MonkeyPatch, piece: str) -> None:
    """A syntax error typed in one claim is found by parsing from that claim on, not the whole
    map: the problems must still be those of the whole read, at the same places, wherever
    in the map the error is typed (first claim, middle, last) and whatever follows it."""
    for path in MAPS:
        cache, _, text = _warmed(path)
        starts = [n for n in range(len(text)) if text.startswith("\n    text:", n)]
        for at in (starts[0], starts[len(starts) // 2], starts[-1]):
            at += len("\n    text: ")
            _same_load(cache, {path: text[:at] + piece + text[at:]})
            _same_load(cache, {path: text})  # and mended again


def test_a_syntax_error_is_found_without_reading_the_map_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of parsing from the broken claim on: no whole read, which at 10k claims takes
    a third of a second, for a quote opened and not yet closed."""
    cache, path, text = _warmed()
    wholes = _counted(monkeypatch, "_read_whole")
    at = text.index("\n    text:", len(text) // 2) + len("\n    text: ")
    broken = text[:at] + "'" + text[at:]
    found = load_workspace([ARGUMENTS], texts={path: broken}, cache=cache, verify_quotes=False)
    assert [p.code for p in found.problems if p.location.path.endswith(path.name)] == ["yaml-syntax"]
    assert wholes == []


def test_lines_typed_above_claims_move_the_last_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line typed between claims moves the relations below it without resolving them again;
    what that makes must be what a fresh load makes: relations (undercuts and linked premises
    too) and problems (a broken reference, in the moved part or above it) at their new lines."""
    import argmap.load as load

    shifted: list[bool] = []
    original = load._shifted

    def counting(*args: Any) -> Any:
        found = original(*args)
        shifted.append(found is not None)
        return found

    monkeypatch.setattr(load, "_shifted", counting)
    for path in MAPS:
        cache, _, text = _warmed(path)
        claims = [m.group(1) for m in re.finditer(r"\n  ([a-z0-9][\w-]*):\n", text) if m.start() > text.index("\nclaims:")]
        where = (f"\n  {claims[len(claims) // 3]}:\n", f"\n  {claims[2 * len(claims) // 3]}:\n")
        at = text.index("\n    supports: [", text.index(where[1])) + len("\n    supports: [")
        text = text[:at] + "no-such-claim, " + text[at:]  # a problem below both places
        _same_load(cache, {path: text})
        for key in (*where, *where):
            place = text.index(key) + 1
            text = text[:place] + "  # a note\n" + text[place:]
            _same_load(cache, {path: text})
        _same_load(cache, {path: text.replace("  # a note\n", "")})
    assert shifted.count(True) >= 4 * len(MAPS)
