"""The bundled maps hold the relations their texts state, as listed in arguments/coverage/.

Each list was made by reading a text paragraph by paragraph and writing down every relation
the text itself states ("because", "but", "falsely suggests", a letter's conclusion…), with
the map relation that holds it. This test keeps the maps and the lists honest with each
other: a held row must name a relation the map has, and the share held stays above three
quarters (the issue's bar), so an edit that drops a stated relation fails here.
"""

from __future__ import annotations

import re

import pytest

from argmap.load import load_workspace
from conftest import ARGUMENTS

ROW = re.compile(r"^\| \d+ \|", re.M)


@pytest.fixture(scope="module")
def workspace():  # type: ignore[no-untyped-def]
    found = load_workspace([ARGUMENTS])
    assert found.ok
    return found


def held_rows(stem: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in (ARGUMENTS / "coverage" / f"{stem}.md").read_text(encoding="utf-8").splitlines():
        if not ROW.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[-1] == "yes":  # debate A: relation in a column of its own, held in the last
            match = re.match(r"([a-z0-9:-]+) (supports|rebuts|undercuts)→ \(?([a-z0-9:-]+)", cells[-2])
        else:  # debate B: '✓ source kind target' in the last column
            match = re.match(r"✓ ([a-z0-9:-]+) (supports|rebuts|undercuts) \(?([a-z0-9:-]+)", cells[-1])
        if match:
            rows.append(match.groups())
    return rows


@pytest.mark.parametrize("stem", ["ijm-vs-thrupkaew", "htc-vs-evolution"])
def test_every_held_relation_is_in_the_map_and_most_are_held(workspace, stem: str) -> None:  # type: ignore[no-untyped-def]
    def key(ref: str) -> str:
        return ref if ":" in ref else f"{stem}:{ref}"

    listed = len(ROW.findall((ARGUMENTS / "coverage" / f"{stem}.md").read_text(encoding="utf-8")))
    rows = held_rows(stem)
    assert listed >= 50 and len(rows) / listed >= 0.75, (len(rows), listed)
    for source, kind, target in rows:
        matching = [
            r for r in workspace.relations.values()
            if r.source == key(source) and r.kind.value == kind and (kind == "undercuts" or r.target == key(target))
        ]
        assert matching, f"{stem}: the list holds '{source} {kind} {target}', the map does not"
        assert not any("analyst-link" in r.tags for r in matching if r.target == key(target)), "a stated relation is the texts' own"
