"""Gradual semantics against the test vectors in shared/data/gradual, and their cycles.

Hand-computed cases of our own for every semantics are in test_own_fixtures.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import gradual
from argmap.analysis.gradual import SEMANTICS, GradualResult, strengths
from conftest import corpus, corpus_cases

VECTORS = corpus("gradual/vectors.json")
OURS = {  # the vector file's names for our semantics
    "dfquad": "dfquad",
    "quad": "quad",
    "qe": "quadratic_energy",
    "euler": "euler",
    "hcat": "h_categorizer",
}
DATA: dict[str, Any] = json.loads(VECTORS.read_text()) if VECTORS.exists() else {}
CASES = [
    pytest.param(case, OURS[semantics], result, id=f"{name}-{semantics}")
    for name, case in DATA.items()
    for semantics, result in case["results"].items()
]


@pytest.mark.corpus("gradual/vectors.json")
def test_every_semantics_of_the_vectors_is_tested() -> None:
    assert {s for case in DATA.values() for s in case["results"]} == set(OURS)
    assert set(OURS.values()) == set(SEMANTICS)


@pytest.mark.corpus("gradual/vectors.json")
@pytest.mark.parametrize("arrays", [False, True], ids=["lists", "arrays"])
@pytest.mark.parametrize(("case", "semantics", "result"), corpus_cases(CASES, 3))
def test_vectors(case: dict[str, Any], semantics: str, result: dict[str, Any], arrays: bool) -> None:
    got = strengths(
        case["weights"],
        [(a, b) for a, b in case["attacks"]],
        [(a, b) for a, b in case["supports"]],
        semantics,
        arrays=arrays,
    )
    assert got.converged
    if result["method"] == "cyclic":
        # discrete iteration where it settles, else the continuous limit
        discrete = result["discrete_converged"]
        expected = result["discrete"] if discrete else result["continuous_rk4"]
        assert got.method == ("discrete" if discrete else "continuous-rk4")
        assert got.iterations > 0
    else:
        expected = result["strength"]
        assert (got.method, got.iterations) == ("acyclic-forward-pass", 0)
    assert list(got.strength) == list(case["weights"])
    assert got.strength == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("arrays", [False, True], ids=["lists", "arrays"])
def test_two_cycle_settles_at_one_half_not_oscillating(arrays: bool) -> None:
    cycle = [("a", "b"), ("b", "a")]
    got = strengths({"a": 1.0, "b": 1.0}, cycle, arrays=arrays)
    assert (got.method, got.converged) == ("continuous-rk4", True)
    assert got.strength == pytest.approx({"a": 0.5, "b": 0.5}, abs=1e-6)
    starved = strengths({"a": 1.0, "b": 1.0}, cycle, max_iterations=10, max_steps=3, arrays=arrays)
    assert (starved.method, starved.converged, starved.iterations) == ("continuous-rk4", False, 13)


@pytest.mark.parametrize("arrays", [False, True], ids=["lists", "arrays"])
def test_cycle_fed_from_upstream(arrays: bool) -> None:
    # c (final first) defeats a, so the a-b cycle settles by iteration: a = 0, b = 1
    got = strengths({"a": 1.0, "b": 1.0, "c": 1.0, "d": 0.5}, [("c", "a"), ("a", "b"), ("b", "a")], [("b", "d")], arrays=arrays)
    assert got.method == "discrete"
    assert got.strength == pytest.approx({"a": 0.0, "b": 1.0, "c": 1.0, "d": 1.0})


@pytest.mark.parametrize("arrays", [False, True], ids=["lists", "arrays"])
def test_deep_chain_is_exact(arrays: bool) -> None:
    n = 2000
    weights = {f"x{i}": 0.5 for i in range(n)}
    chain = [(f"x{i + 1}", f"x{i}") for i in range(n - 1)]
    got = strengths(weights, chain, semantics="h_categorizer", arrays=arrays)
    expected: dict[str, float] = {}
    value = 0.5
    for i in reversed(range(n)):
        expected[f"x{i}"] = value if i == n - 1 else 0.5 / (1 + expected[f"x{i + 1}"])
    assert got.method == "acyclic-forward-pass"
    assert got.strength == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("arrays", [False, True], ids=["lists", "arrays"])
def test_bad_input(arrays: bool) -> None:
    with pytest.raises(ValueError, match="unknown semantics"):
        strengths({"a": 0.5}, semantics="qad", arrays=arrays)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        strengths({"a": 1.5}, arrays=arrays)
    with pytest.raises(ValueError, match="'b'"):
        strengths({"a": 0.5}, [("b", "a")], arrays=arrays)
    assert strengths({}, arrays=arrays).strength == {}


@st.composite
def bipolar_frameworks(draw: st.DrawFn) -> tuple[dict[str, float], list[tuple[str, str]], list[tuple[str, str]]]:
    """Weighted bipolar frameworks of up to 9 arguments, cycles and self-loops included."""
    names = [f"a{i}" for i in range(draw(st.integers(0, 9)))]
    weights = {name: draw(st.sampled_from([0.0, 1.0]) | st.floats(0.0, 1.0)) for name in names}
    pairs = [(a, b) for a in names for b in names]
    edges = draw(st.lists(st.sampled_from(pairs), max_size=20)) if pairs else []
    kinds = draw(st.lists(st.booleans(), min_size=len(edges), max_size=len(edges)))
    return weights, [e for e, attack in zip(edges, kinds) if attack], [e for e, attack in zip(edges, kinds) if not attack]


@settings(max_examples=300, deadline=None)
@given(bipolar_frameworks(), st.sampled_from(SEMANTICS))
def test_the_lists_agree_with_the_arrays(
    framework: tuple[dict[str, float], list[tuple[str, str]], list[tuple[str, str]]], semantics: str
) -> None:
    # the same method in the same order: the same method, budget spent and strengths, but
    # for the last bits of exp and log (numpy's and the C library's)
    weights, attacks, supports = framework
    lists, arrays = (strengths(weights, attacks, supports, semantics, max_iterations=200, max_steps=500, arrays=a) for a in (False, True))
    assert (lists.method, lists.converged, lists.iterations) == (arrays.method, arrays.converged, arrays.iterations)
    assert list(lists.strength) == list(weights)
    assert lists.strength == pytest.approx(arrays.strength, abs=1e-9, nan_ok=True)


def test_the_bundled_maps_strengths_agree_with_the_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    # the explorer's first screen shows these (and the child that analyses the maps no
    # longer imports numpy for them): the arrays' figures, forced, are the reference
    from argmap.analysis.debate import analyze
    from argmap.load import load_workspace

    workspace = load_workspace([Path(__file__).parent.parent / "arguments"])
    lists = analyze(workspace).strength
    monkeypatch.setattr(gradual, "ARRAYS_FROM", 0)
    arrays = analyze(workspace).strength
    assert len(lists) == len(workspace.claims) > 200
    assert lists == pytest.approx(arrays, abs=1e-12)


def test_large_frameworks_and_large_cycles_go_to_the_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[int] = []

    def arrays(names: list[str], *args: Any) -> GradualResult:
        used.append(len(names))
        return GradualResult({}, True, "arrays", 0)

    import argmap.analysis.gradual_arrays

    monkeypatch.setattr(argmap.analysis.gradual_arrays, "array_strengths", arrays)

    def ring(n: int) -> tuple[dict[str, float], list[tuple[str, str]]]:
        return {f"x{i}": 0.5 for i in range(n)}, [(f"x{i}", f"x{(i + 1) % n}") for i in range(n)]

    limit = gradual.CYCLIC_ARRAYS_FROM
    assert strengths(*ring(limit)).method == "arrays"
    assert strengths(*ring(limit - 1)).method == "discrete"
    weights, edges = ring(limit)
    assert strengths(weights, edges[:-1]).method == "acyclic-forward-pass"  # no cycle left
    many = {f"y{i}": 0.5 for i in range(gradual.ARRAYS_FROM)}
    assert strengths(many).method == "arrays"
    assert used == [limit, len(many)]
