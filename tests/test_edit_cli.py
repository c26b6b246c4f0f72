"""The editing commands: exit codes, output, and files left byte-for-byte alone on refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap.load import load_workspace

REPO = Path(__file__).resolve().parents[1]
IJM = "ijm-vs-thrupkaew"


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "arguments"
    shutil.copytree(REPO / "arguments", folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.yaml")}


def test_add_link_unlink_rm_round_trip_to_the_same_bytes(cli, maps: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(maps)
    m = maps / f"{IJM}.yaml"
    result = cli("add", m, "trained-police", "--text", "Trained police abuse less.", "--by", "roth", "--supports", "corruption-calls-for-training", "--tag", "police")
    assert result.code == 0, result.err
    assert "add claim trained-police" in result.out
    claim = load_workspace([maps]).claims[f"{IJM}:trained-police"]
    assert claim.text == "Trained police abuse less." and claim.tags == ("police",)
    assert cli("link", m, "trained-police", "rebuts", "series-says-ijm-raids-brothels").code == 0
    assert cli("link", m, "trained-police", "undercuts", "corruption-calls-for-training -> corruption-no-reason-to-deny-enforcement").code == 0
    assert f"{IJM}:trained-police->corruption-calls-for-training->corruption-no-reason-to-deny-enforcement" in load_workspace([maps]).relations
    assert cli("unlink", m, "trained-police", "corruption-calls-for-training -> corruption-no-reason-to-deny-enforcement").code == 0
    assert cli("unlink", m, "trained-police", "series-says-ijm-raids-brothels").code == 0
    result = cli("rm", m, "trained-police")
    assert result.code == 0, result.err
    assert "removes relation" in result.out
    assert snapshot(maps) == before


def test_add_with_a_quote_from_the_source(cli, maps: Path) -> None:  # type: ignore[no-untyped-def]
    m = maps / f"{IJM}.yaml"
    result = cli("add", m, "q", "--text", "Q.", "--by", "roth", "--quote-source", "roth-letter", "--quote", "hundreds of officers")
    assert result.code == 0, result.err
    assert load_workspace([maps]).claims[f"{IJM}:q"].quote is not None


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["add", "ID", "new", "--text", "x", "--by", "rothh", "--supports", "nope"], ["unknown-claim", "unknown-speaker"]),
        (["add", "ID", "law-enforcement-essential", "--text", "again"], ["duplicate-id"]),
        (["add", "ID", "q", "--text", "x", "--quote-source", "roth-letter", "--quote", "never said"], ["quote-not-found"]),
        (["link", "ID", "ngo-has-no-raid-authority", "supports", "ngo-has-no-raid-authority"], ["self-relation"]),
        (["link", "ID", "ngo-has-no-raid-authority", "undercuts", "a -> b"], ["unknown-relation"]),
        (["unlink", "ID", "series-police-corruption", "corruption-argues-against-enforcement"], ["unknown-relation"]),
        (["unlink", "ID", "ngo-has-no-raid-authority", "series-misrepresents-ijm"], ["unknown-relation"]),
        (["add", "ID", "new", "--text", "Raids \x1b[2Jwork."], ["yaml-control"]),
        (["add", "ID", "new", "--text", "x", "--tag", "ok", "--tag", "bell\x07"], ["yaml-control"]),
    ],
    ids=["unknown-refs", "duplicate", "bad-quote", "self-support", "no-such-inference", "undercut-would-dangle", "no-such-link", "escape-in-text", "bell-in-tag"],
)
def test_refusals_exit_2_print_one_line_per_problem_and_leave_files_alone(cli, maps: Path, args: list[str], codes: list[str]) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(maps)
    result = cli(*[maps / f"{IJM}.yaml" if a == "ID" else a for a in args])
    assert result.code == 2
    lines = result.err.splitlines()
    assert sorted(line.rsplit("[", 1)[1].split("]")[0] for line in lines) == codes
    assert all(f"{IJM}.yaml" in line and ": error: " in line for line in lines)
    assert result.out == ""
    assert snapshot(maps) == before


def test_rm_needs_force_when_it_reaches_other_claims(cli, maps: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(maps)
    m = maps / f"{IJM}.yaml"
    result = cli("rm", m, "corruption-argues-against-enforcement")
    assert result.code == 2
    assert "removes undercut" in result.out and "leaves claim" in result.out
    assert len(result.err.splitlines()) == 1 and "--force" in result.err
    assert snapshot(maps) == before
    assert cli("rm", m, "corruption-argues-against-enforcement", "--dry-run").code == 0
    assert snapshot(maps) == before
    result = cli("rm", m, "corruption-argues-against-enforcement", "--force")
    assert result.code == 0, result.err
    ws = load_workspace([maps])
    assert ws.ok and f"{IJM}:corruption-argues-against-enforcement" not in ws.claims


def test_mv_moves_and_rewrites_references(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "maps"
    shutil.copytree(REPO / "tests" / "fixtures" / "edit", folder)
    result = cli("mv", folder / "other.yaml", "counter", "styles")
    assert result.code == 0, result.err
    ws = load_workspace([folder])
    assert ws.ok and ws.relations["styles:counter->other:outside-view"].target == "other:outside-view"


def test_missing_map_file_is_one_line_exit_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", tmp_path / "nope.yaml", "x", "--text", "x")
    assert result.code == 2 and len(result.err.splitlines()) == 1 and "no such map file" in result.err


LONE = "argmap: 1\ntitle: T\nclaims:\n  a: {text: A}\n  b:\n    text: B.\nWRITTEN\n  c: {text: C}\n"


@pytest.mark.parametrize(
    "written",
    [
        "    rebuts: c",
        "    rebuts: 'c'   # the one",
        '    rebuts: "c"',
        "    rebuts:\n      to: c\n      note: why   # long form",
        "    rebuts: [c]",  # a list of one stays one
        "    rebuts:\n      - c",
    ],
)
def test_link_then_unlink_as_two_commands_gives_back_a_lone_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str) -> None:
    # once: each command is a process of its own, and the second could not know that the
    # list of one the link left had been one value: 'rebuts: c' came back 'rebuts: [c]'
    from conftest import run_argmap

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    path = tmp_path / "m.yaml"
    path.write_text(LONE.replace("WRITTEN", written), encoding="utf-8")
    before = path.read_bytes()
    assert run_argmap("link", path, "b", "rebuts", "a").code == 0
    assert load_workspace([path]).claims["m:b"] and path.read_bytes() != before
    result = run_argmap("unlink", path, "b", "a")
    assert result.code == 0, result.err
    assert path.read_bytes() == before


def test_a_lone_value_is_forgotten_after_an_edit_by_hand_or_with_the_cache_off(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    path = tmp_path / "m.yaml"
    path.write_text(LONE.replace("WRITTEN", "    rebuts: c"), encoding="utf-8")
    assert cli("link", path, "b", "rebuts", "a").code == 0
    assert cli("unlink", path, "b", "a").code == 0
    assert "    rebuts: [c]\n" in path.read_text(encoding="utf-8")
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    path.write_text(LONE.replace("WRITTEN", "    rebuts: c"), encoding="utf-8")
    assert cli("link", path, "b", "rebuts", "a").code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("text: B.", "text: B, by hand."), encoding="utf-8")
    assert cli("unlink", path, "b", "a").code == 0
    assert "    rebuts: [c]\n" in path.read_text(encoding="utf-8")
    (tmp_path / "cache" / "edit-memory.json").write_text('{"version": 1, "maps": {"' + str(path.resolve()) + '": [1, 2]}}', encoding="utf-8")
    assert cli("link", path, "b", "rebuts", "a").code == 0  # a damaged memory is ignored, and written anew
    assert cli("unlink", path, "b", "a").code == 0
    assert "    rebuts: [c]\n" in path.read_text(encoding="utf-8")
