"""Gradual semantics against the test vectors in shared/data/gradual, and their cycles.

Hand-computed cases of our own for every semantics are in test_own_fixtures.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from argmap.analysis.gradual import SEMANTICS, strengths
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
@pytest.mark.parametrize(("case", "semantics", "result"), corpus_cases(CASES, 3))
def test_vectors(case: dict[str, Any], semantics: str, result: dict[str, Any]) -> None:
    got = strengths(
        case["weights"],
        [(a, b) for a, b in case["attacks"]],
        [(a, b) for a, b in case["supports"]],
        semantics,
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


def test_two_cycle_settles_at_one_half_not_oscillating() -> None:
    cycle = [("a", "b"), ("b", "a")]
    got = strengths({"a": 1.0, "b": 1.0}, cycle)
    assert (got.method, got.converged) == ("continuous-rk4", True)
    assert got.strength == pytest.approx({"a": 0.5, "b": 0.5}, abs=1e-6)
    starved = strengths({"a": 1.0, "b": 1.0}, cycle, max_iterations=10, max_steps=3)
    assert (starved.method, starved.converged, starved.iterations) == ("continuous-rk4", False, 13)


def test_cycle_fed_from_upstream() -> None:
    # c (final first) defeats a, so the a-b cycle settles by iteration: a = 0, b = 1
    got = strengths({"a": 1.0, "b": 1.0, "c": 1.0, "d": 0.5}, [("c", "a"), ("a", "b"), ("b", "a")], [("b", "d")])
    assert got.method == "discrete"
    assert got.strength == pytest.approx({"a": 0.0, "b": 1.0, "c": 1.0, "d": 1.0})


def test_deep_chain_is_exact() -> None:
    n = 2000
    weights = {f"x{i}": 0.5 for i in range(n)}
    chain = [(f"x{i + 1}", f"x{i}") for i in range(n - 1)]
    got = strengths(weights, chain, semantics="h_categorizer")
    expected, value = {}, 0.5
    for i in reversed(range(n)):
        expected[f"x{i}"] = value if i == n - 1 else 0.5 / (1 + expected[f"x{i + 1}"])
    assert got.method == "acyclic-forward-pass"
    assert got.strength == pytest.approx(expected, abs=1e-12)


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown semantics"):
        strengths({"a": 0.5}, semantics="qad")
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        strengths({"a": 1.5})
    with pytest.raises(ValueError, match="'b'"):
        strengths({"a": 0.5}, [("b", "a")])
    assert strengths({}).strength == {}
