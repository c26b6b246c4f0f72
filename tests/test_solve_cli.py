"""``argmap solve`` prints the ICCMA references' answers for every shared instance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ARGUMENTS, corpus, corpus_cases

EXPECTED = sorted(corpus("iccma/expected").glob("*.json"))


def _parse(out: str) -> set[frozenset[str]]:
    """ICCMA output syntax → a set of extensions (argument order is not significant)."""
    text = out.strip()
    assert text.startswith("[") and text.endswith("]"), text
    inner = text[1:-1]
    if not inner:
        return set()
    return {frozenset(filter(None, part.strip("[]").split(","))) for part in inner.split("],[")}


@pytest.mark.corpus("iccma/instances", "iccma/expected")
@pytest.mark.parametrize("expected", corpus_cases(EXPECTED), ids=lambda p: p.name)
def test_solve_matches_the_reference(cli, expected: Path) -> None:  # type: ignore[no-untyped-def]
    instance, semantics = expected.name.removesuffix(".json").rsplit(".", 1)
    reference = json.loads(expected.read_text())
    extensions = reference["extensions"] if isinstance(reference, dict) else reference
    result = cli("solve", corpus("iccma/instances") / instance, "--semantics", semantics)
    assert result.code == 0, result.err
    got = _parse(result.out)
    want = {frozenset(str(a) for a in ext) for ext in extensions}
    if instance.endswith(".tgf") and not any(a.startswith("a") for ext in got for a in ext):
        want = {frozenset(a.removeprefix("a") for a in ext) for ext in want}  # AFGen .tgf names a17 as 17
    assert got == want
    assert (result.out.strip() == "[]") == (extensions == [])  # "no extension" and "only the empty one" differ


def test_solve_a_map_names_its_claims(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("solve", "--map", ARGUMENTS / "ijm-vs-thrupkaew.yaml", "--semantics", "grounded")
    assert result.code == 0
    (grounded,) = _parse(result.out)
    assert "law-enforcement-essential" in grounded
    assert "series-says-ijm-abandons-victims" not in grounded


def test_malformed_framework_is_one_line_with_location(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.apx"
    path.write_text("arg(a).\natt(a,b).\n")
    result = cli("solve", path, "--semantics", "grounded")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) >= 1 and lines[0].startswith(f"{path}:2:")
