"""Dung semantics, cross-checked against python-argumentation, pygarg and the definitions."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_complete_extensions import get_complete_extensions
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions
from pygarg.dung.solver import extension_enumeration

from argmap.analysis.dung import (
    Framework,
    Label,
    complete_extensions,
    extensions,
    grounded_extension,
    grounded_labelling,
    labelling_by_name,
    preferred_extensions,
    stable_extensions,
)
from argmap.errors import LimitError


@st.composite
def frameworks(draw: st.DrawFn, max_arguments: int = 7) -> Framework:
    """Small frameworks: self-attacks, isolated arguments and empty ones included."""
    names = [f"a{i}" for i in range(draw(st.integers(0, max_arguments)))]
    pairs = [(a, b) for a in names for b in names]
    attacks = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    return Framework(names, attacks)


def _py_arg(fw: Framework) -> AbstractArgumentationFramework:
    arguments = {name: Argument(name) for name in fw.arguments}
    defeats = [Defeat(arguments[a], arguments[b]) for a, b in fw.attacks]
    return AbstractArgumentationFramework("af", list(arguments.values()), defeats)


def _names(extensions_: object) -> set[frozenset[str]]:
    return {frozenset(argument.name for argument in ext) for ext in extensions_}  # type: ignore[attr-defined]


def _by_definition(fw: Framework) -> set[frozenset[str]]:
    """Complete extensions straight from Dung's definition: conflict-free fixpoints of F."""
    attackers = {name: {a for a, b in fw.attacks if b == name} for name in fw.arguments}
    result = set()
    for size in range(len(fw) + 1):
        for chosen in combinations(fw.arguments, size):
            ext = frozenset(chosen)
            if any(a in ext for b in ext for a in attackers[b]):
                continue
            attacked = {b for a, b in fw.attacks if a in ext}
            defended = {x for x in fw.arguments if attackers[x] <= attacked}
            if defended == ext:
                result.add(ext)
    return result


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_agrees_with_python_argumentation(fw: Framework) -> None:
    af = _py_arg(fw)
    assert grounded_extension(fw) == _names([get_grounded_extension(af)]).pop()
    assert set(complete_extensions(fw)) == _names(get_complete_extensions(af))
    assert set(preferred_extensions(fw)) == _names(get_preferred_extensions(af))
    assert set(stable_extensions(fw)) == _names(get_stable_extensions(af))


@given(frameworks())
def test_the_queue_without_numpy_agrees_with_python_argumentation(fw: Framework) -> None:
    """The pure-Python grounded labelling every map below 50k arguments is analysed with:
    its IN arguments are py_arg's grounded extension, and it labels as the numpy rounds do."""
    from argmap.analysis.grounded import grounded_labels

    labels = grounded_labels(len(fw), fw.attackers.tolist(), fw.targets.tolist())
    assert {name for name, label in zip(fw.arguments, labels) if label is Label.IN} == _names([get_grounded_extension(_py_arg(fw))]).pop()
    assert labels == grounded_labelling(fw)


@settings(max_examples=100, deadline=None)
@given(frameworks())
def test_agrees_with_pygarg(fw: Framework) -> None:
    args = list(fw.arguments)
    atts = [[a, b] for a, b in fw.attacks]
    for semantics, code in (("complete", "CO"), ("preferred", "PR"), ("stable", "ST")):
        expected = {frozenset(ext) for ext in extension_enumeration(args, atts, code)}
        assert set(extensions(fw, semantics)) == expected, semantics


@settings(max_examples=150, deadline=None)
@given(frameworks(max_arguments=6))
def test_complete_matches_the_definition(fw: Framework) -> None:
    assert set(complete_extensions(fw)) == _by_definition(fw)


@settings(max_examples=200, deadline=None)
@given(frameworks(max_arguments=9))
def test_semantics_relate_as_they_must(fw: Framework) -> None:
    grounded = grounded_extension(fw)
    complete = complete_extensions(fw)
    preferred = preferred_extensions(fw)
    stable = stable_extensions(fw)
    for result in (complete, preferred, stable):
        assert len(result) == len(set(result))
        assert result == sorted(result, key=lambda ext: sorted(fw.index[a] for a in ext))
    assert grounded in complete
    assert all(grounded <= ext for ext in complete)
    assert set(preferred) == {e for e in complete if not any(e < other for other in complete)}
    assert set(stable) <= set(preferred)
    for ext in stable:
        attacked = {b for a, b in fw.attacks if a in ext}
        assert attacked == set(fw.arguments) - ext
    labels = labelling_by_name(fw, grounded_labelling(fw))
    assert {a for a, label in labels.items() if label is Label.IN} == grounded
    assert {b for a, b in fw.attacks if a in grounded} == {a for a, label in labels.items() if label is Label.OUT}


def test_edge_cases() -> None:
    empty = Framework([])
    for semantics in ("grounded", "complete", "preferred", "stable"):
        assert extensions(empty, semantics) == [frozenset()]
    loop = Framework(["a", "b"], [("a", "a")])
    assert grounded_labelling(loop) == [Label.UNDEC, Label.IN]
    assert complete_extensions(loop) == preferred_extensions(loop) == [frozenset({"b"})]
    assert stable_extensions(loop) == []
    odd = Framework("abc", [("a", "b"), ("b", "c"), ("c", "a")])
    assert preferred_extensions(odd) == [frozenset()]
    assert stable_extensions(odd) == []


def test_grounded_follows_a_long_chain() -> None:
    n = 100_000
    names = [f"x{i}" for i in range(n)]
    fw = Framework.from_indices(names, range(n - 1), range(1, n))
    labels = grounded_labelling(fw)
    assert labels[0] is Label.IN and labels[-1] is (Label.IN if n % 2 else Label.OUT)
    assert len(grounded_extension(fw)) == (n + 1) // 2


def test_enumeration_stops_at_its_budget() -> None:
    names = [f"{side}{i}" for i in range(40) for side in "ab"]
    attacks = [(f"{x}{i}", f"{y}{i}") for i in range(40) for x, y in ("ab", "ba")]
    fw = Framework(names, attacks)  # 3**40 complete extensions
    with pytest.raises(LimitError, match="more than 10,000 search steps"):
        complete_extensions(fw, max_steps=10_000)
    assert len(preferred_extensions(Framework(names[:16], attacks[:16]))) == 2**8


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="undeclared argument 'c'"):
        Framework(["a"], [("a", "c")])
    with pytest.raises(ValueError, match="out of range"):
        Framework.from_indices(["a"], [0], [1])
    with pytest.raises(ValueError, match="distinct"):
        Framework.from_indices(["a", "a"], [], [])
    with pytest.raises(ValueError, match="unknown semantics"):
        extensions(Framework([]), "ideal")


@settings(max_examples=300, deadline=None)
@given(frameworks(max_arguments=12), st.integers(1, 4))
def test_grounded_rounds_agree_with_the_queue_loop(fw: Framework, min_round: int) -> None:
    """The numpy rounds (forced on tiny frameworks) give the labelling the queue loop gives."""
    import argmap.analysis.dung as dung

    saved = dung.MIN_ROUND
    try:
        dung.MIN_ROUND = 10**9  # the queue loop alone
        expected = grounded_labelling(fw)
        dung.MIN_ROUND = min_round
        assert grounded_labelling(fw) == expected
    finally:
        dung.MIN_ROUND = saved
