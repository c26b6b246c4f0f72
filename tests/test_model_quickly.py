"""Claims, quotes and relations made by ``quickly`` (the loader's way, and the cache's) are
the same frozen records ``__init__`` makes: equal, hashed alike, immutable, and pickled and
copied as themselves."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from argmap.model import Claim, ClaimKind, Located, Quote, Relation, RelationKind

QUOTE = ("s0", "We never said that.", "debate.yaml", 12, 9)
CLAIM = ("debate:c1", "c1", "Raids help.", ClaimKind.THESIS, "ann", Quote(*QUOTE), ("analyst-link",), "a note", 0.7, "debate.yaml", 10, 3)
RELATION = ("debate:r1", RelationKind.REBUT, "debate:c2", "debate:c1", ("debate:c3",), ("partial",), None, True, "debate.yaml", 20, 5, True)

CASES = [(Quote, QUOTE), (Claim, CLAIM), (Relation, RELATION)]


@pytest.mark.parametrize(("cls", "values"), CASES, ids=["quote", "claim", "relation"])
def test_made_quickly_is_what_init_makes(cls: type[Located], values: tuple[Any, ...]) -> None:
    quick, slow = cls.quickly(*values), cls(*values)
    assert type(quick) is cls
    assert quick == slow and hash(quick) == hash(slow) and repr(quick) == repr(slow)
    assert [getattr(quick, f.name) for f in dataclasses.fields(quick)] == list(values) + [  # type: ignore[arg-type]
        f.default for f in dataclasses.fields(slow)[len(values) :]  # type: ignore[arg-type]
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.line = 1


@pytest.mark.parametrize(("cls", "values"), CASES, ids=["quote", "claim", "relation"])
def test_pickled_and_copied_as_themselves(cls: type[Located], values: tuple[Any, ...]) -> None:
    original = cls(*values)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(original, protocol=protocol))
        assert type(back) is cls and back == original
    assert copy.copy(original) == original and copy.deepcopy(original) == original
    assert type(dataclasses.replace(original, line=99)) is cls


def test_a_default_is_given_as_init_gives_it() -> None:
    claim = Claim.quickly(*CLAIM)  # without `conceded`
    assert claim.conceded is None and claim == Claim(*CLAIM)
    with pytest.raises(TypeError):  # too many values, as __init__ would refuse them
        Claim.quickly(*CLAIM, None, "one too many")
