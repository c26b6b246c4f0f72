"""The loader's :class:`~argmap.load.ReadCache` changes how fast a map is read, never what it reads as.

An editor's language server reloads a folder after every keystroke with the cache; ``argmap
check`` reads without it. For a random walk of small edits to the bundled maps (typing,
deleting, new lines, broken YAML, new claims) every load through the cache must equal a
fresh load of the same texts: the same problems at the same places, the same claims and
relations.
"""

from __future__ import annotations

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


def test_a_keystroke_rereads_only_its_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the cache: after one character typed, one claim is read as YAML again."""
    cache = ReadCache()
    path = MAPS[0]
    text = TEXTS[path]
    load_workspace([ARGUMENTS], texts={path: text}, cache=cache, verify_quotes=False)
    calls = _counted(monkeypatch, "_read_claim")
    at = text.index("\n    text:", len(text) // 2) + len("\n    text:")
    typed = text[:at] + " x" + text[at:]
    _same(load_workspace([ARGUMENTS], texts={path: typed}, cache=cache, verify_quotes=False), load_workspace([ARGUMENTS], texts={path: typed}, verify_quotes=False))
    assert len(calls) == 1


def test_a_new_line_between_claims_finds_no_claim_but_its_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    """A comment line typed above a claim moves every claim below it, but the map is not cut
    into claims again: only the two claims around the edit are looked at."""
    cache = ReadCache()
    path = MAPS[0]
    text = TEXTS[path]
    load_workspace([ARGUMENTS], texts={path: text}, cache=cache, verify_quotes=False)
    cuts = _counted(monkeypatch, "claim_lines")
    at = text.index("\n  ", text.index("\nclaims:") + len(text) // 3) + 1
    typed = text[:at] + "  # a note\n" + text[at:]
    _same(load_workspace([ARGUMENTS], texts={path: typed}, cache=cache, verify_quotes=False), load_workspace([ARGUMENTS], texts={path: typed}, verify_quotes=False))
    assert cuts == []
