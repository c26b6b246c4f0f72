"""``argmap diff``: by claim and relation id, never by line, and what a change does to the debate.

The bundled debates are the fixtures: diffed against themselves nothing differs, and each
editing command's change is named exactly, as that edit and nothing else.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from argmap.diff.outline import Outline, OutlineError
from argmap.diff.words import word_diff
from argmap.generate import synthetic_map
from argmap.yamlread import read_yaml_text

REPO = Path(__file__).resolve().parents[1]
IJM = "ijm-vs-thrupkaew"
BUNDLED = sorted((REPO / "arguments").glob("*.yaml"))


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "arguments"
    shutil.copytree(REPO / "arguments", folder)
    return folder


def diff_json(cli: Any, old: Path, new: Path, *more: str) -> dict[str, Any]:
    result = cli("diff", old, new, "--format", "json", *more)
    assert result.code in (0, 1), result.err
    data: dict[str, Any] = json.loads(result.out)
    assert (result.code == 1) == data["changed"]
    return data


def only(data: dict[str, Any]) -> dict[str, Any]:
    [workspace] = data["workspaces"]
    return workspace


def names(items: list[dict[str, Any]], *fields: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(item[f] for f in fields) for item in items)


# -- the outline: where each entry is, as the YAML parser sees it ------------------------------
@pytest.mark.parametrize("path", [*BUNDLED, REPO / "docs" / "tutorial" / "mill-street.yaml"], ids=lambda p: p.stem)
def test_the_outline_finds_every_entry_the_parser_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    check_outline(text)


@pytest.mark.parametrize("seed", range(3))
def test_the_outline_of_generated_maps(seed: int) -> None:
    check_outline(synthetic_map(300, seed)[0])


def check_outline(text: str) -> None:
    data, problems = read_yaml_text(text, "map")
    assert not problems
    outline = Outline(text)
    assert list(outline.top.entries) == list(data)
    for section in ("sides", "speakers", "sources", "claims"):
        block = outline.section(section)
        assert block is not None and list(block.entries) == list(data[section])
        for key in block.entries:
            value, problems = read_yaml_text(block.text(key), key)
            assert not problems and value == {key: data[section][key]}, key
            child = block.child(key)
            if isinstance(data[section][key], dict) and child is not None:
                assert list(child.entries) == list(data[section][key])


def test_the_outline_is_not_fooled_by_multi_line_scalars_and_flows() -> None:
    text = (
        "argmap: 1\ntitle: t\nclaims:\n"
        '  a:\n    text: "a quote\n  b: not a key\n  still quoted"\n    rebuts: [x,\n  c: also not a key]\n'
        "  d:\n    text: |\n      literal\n    # a comment inside d\n"
        "# a heading for e\n\n  e:\n    text: >-\n      folded\n"
    )
    data, problems = read_yaml_text(text, "m")
    assert not problems
    memo: dict[str, Any] = {}
    elsewhere = Outline("argmap: 1\nclaims:\n  b: not a key\n  c: also not a key]\n", memo)  # the same lines, as keys
    assert list(elsewhere.section("claims").entries) == ["b", "c"]  # type: ignore[union-attr]
    claims = Outline(text, memo).section("claims")
    assert claims is not None and list(claims.entries) == list(data["claims"]) == ["a", "d", "e"]
    assert "# a comment inside d" in claims.text("d")
    assert claims.gap("e") == "# a heading for e\n\n"


def test_a_layout_the_outline_cannot_read_is_refused() -> None:
    with pytest.raises(OutlineError):
        Outline("argmap: 1\n---\nclaims: {}\n").top  # noqa: B018 -- two documents
    with pytest.raises(OutlineError):
        Outline('argmap: 1\nclaims:\n  "quoted key": {text: x}\n').section("claims")


def test_word_diff_marks_only_the_words_that_changed() -> None:
    old, new = "Police raids free victims.", "Police raids rarely free victims; courts convict."
    runs = word_diff(old, new)
    assert "".join(t for op, t in runs if op != "-") == new and "".join(t for op, t in runs if op != "+") == old
    assert [t.strip() for op, t in runs if op == "+"] == ["rarely", "; courts convict"]


# -- the bundled debates -------------------------------------------------------------------
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_bundled_debate_against_itself_is_empty(cli: Any, path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    result = cli("diff", path, copy)
    assert result.code == 0, result.out + result.err
    assert result.out.strip() == "no changes"


def test_the_bundled_folder_against_itself_is_empty(cli: Any, maps: Path) -> None:
    data = diff_json(cli, REPO / "arguments", maps)
    assert data == {"changed": False, "summary": "no changes", "workspaces": [{**only(data)}]} and not only(data)["claims"]


def test_add_is_the_claim_and_its_relation(cli: Any, maps: Path, tmp_path: Path) -> None:
    before = snapshot(maps, tmp_path)
    assert cli("add", maps / f"{IJM}.yaml", "trained-police", "--text", "Trained police abuse less.", "--by", "roth", "--supports", "corruption-calls-for-training").code == 0
    diff = only(diff_json(cli, before, maps, "--no-effects"))
    assert names(diff["claims"], "change", "key", "by", "side", "text") == [("added", f"{IJM}:trained-police", "roth", "ijm", "Trained police abuse less.")]
    assert names(diff["relations"], "change", "source", "kind", "target", "with_claim") == [
        ("added", f"{IJM}:trained-police", "supports", f"{IJM}:corruption-calls-for-training", "added")
    ]
    assert diff["entries"] == []


def test_link_and_unlink_are_one_relation_each(cli: Any, maps: Path, tmp_path: Path) -> None:
    before = snapshot(maps, tmp_path)
    m = maps / f"{IJM}.yaml"
    assert cli("link", m, "not-false-controversy", "rebuts", "law-enforcement-essential").code == 0
    diff = only(diff_json(cli, before, maps))
    assert diff["claims"] == [] and diff["entries"] == []
    assert names(diff["relations"], "change", "source", "kind", "target") == [("added", f"{IJM}:not-false-controversy", "rebuts", f"{IJM}:law-enforcement-essential")]
    # what it does: the thesis falls to the new rebuttal, which nobody answers
    effects = diff["effects"]
    status = {s["key"]: s for s in effects["status"]}
    assert status[f"{IJM}:law-enforcement-essential"]["old"] == "IN" and status[f"{IJM}:law-enforcement-essential"]["new"] == "OUT"
    assert status[f"{IJM}:law-enforcement-essential"]["by"] == [f"{IJM}:not-false-controversy"]
    assert "not-false-controversy" in status[f"{IJM}:law-enforcement-essential"]["reason"]
    assert [(c["change"], c["attacker"], c["target"]) for c in effects["clashes"]] == [("added", f"{IJM}:not-false-controversy", f"{IJM}:law-enforcement-essential")]
    assert any(w["chain"][-2:] == [f"{IJM}:law-enforcement-essential", f"{IJM}:not-false-controversy"] and w["new"] == "critics" for w in effects["last_word"])

    middle = snapshot(maps, tmp_path, "middle")
    assert cli("unlink", m, "not-false-controversy", "law-enforcement-essential").code == 0
    diff = only(diff_json(cli, middle, maps, "--no-effects"))
    assert names(diff["relations"], "change", "source", "kind", "target") == [("removed", f"{IJM}:not-false-controversy", "rebuts", f"{IJM}:law-enforcement-essential")]
    assert diff["claims"] == [] and diff["effects"] is None
    assert diff_json(cli, before, maps)["changed"] is False


def test_rm_is_the_claim_and_the_relations_it_took(cli: Any, maps: Path, tmp_path: Path) -> None:
    before = snapshot(maps, tmp_path)
    result = cli("rm", maps / f"{IJM}.yaml", "not-false-controversy", "--force")
    assert result.code == 0, result.err
    diff = only(diff_json(cli, before, maps))
    assert names(diff["claims"], "change", "key") == [("removed", f"{IJM}:not-false-controversy")]
    removed = names(diff["relations"], "change", "source", "target")
    taken = [line.split("removes relation ")[1] for line in result.out.splitlines() if "removes relation" in line]
    assert len(removed) == len(taken) == 3 and all(r[0] == "removed" for r in removed)
    assert {f"{s}->{t.partition(':')[2]}" for _, s, t in removed} == set(taken)
    # the claim it answered stands again, and the other side dropped it no more
    status = {s["key"]: (s["old"], s["new"]) for s in diff["effects"]["status"]}
    assert status[f"{IJM}:nation-manufactures-controversy"] == ("OUT", "IN")
    assert {c["key"]: (c["old"], c["new"]) for c in diff["effects"]["responses"]}[f"{IJM}:nation-manufactures-controversy"] == ("answered", "dropped")


def test_a_text_edit_is_a_word_diff_and_changes_no_verdict(cli: Any, maps: Path, tmp_path: Path) -> None:
    from argmap.edit import Editor

    before = snapshot(maps, tmp_path)
    editor = Editor(maps)
    editor.set_text(f"{IJM}:law-enforcement-essential", "Engaging the police is the best and only sustainable way to protect victims.")
    editor.save()
    diff = only(diff_json(cli, before, maps))
    [change] = diff["claims"]
    assert change["change"] == "changed" and [f["field"] for f in change["fields"]] == ["text"]
    assert diff["relations"] == [] and diff["effects"]["status"] == []
    text = cli("diff", before, maps, "--color", "never").out
    assert "text: Engaging [-law enforcement-]{+the police+} is the best" in text
    assert "no verdict changes" in text
    markdown = cli("diff", before, maps, "--format", "markdown").out
    assert "~~law enforcement~~ **the police**" in markdown and "`law-enforcement-essential`" in markdown


def test_mv_is_a_move_not_a_removal_and_an_addition(cli: Any, tmp_path: Path) -> None:
    folder = squad(tmp_path / "case")
    before = snapshot(folder, tmp_path)
    result = cli("mv", folder / "case.yaml", "figure", "evidence")
    assert result.code == 0, result.err
    diff = only(diff_json(cli, before, folder))
    assert names(diff["claims"], "change", "key", "old_key") == [("moved", "evidence:figure", "case:figure")]
    assert diff["relations"] == [] and diff["entries"] == []
    assert diff["effects"]["status"] == [] and diff["effects"]["clashes"] == []


def test_speakers_sources_and_attribution(cli: Any, maps: Path, tmp_path: Path) -> None:
    before = snapshot(maps, tmp_path)
    path = maps / f"{IJM}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    side: ijm\n    note: Letter datelined Washington, D.C.", "    side: critics\n    note: Letter datelined Washington, D.C.", 1)
    text = text.replace("sources:\n", "sources:\n  extra-letter: {title: A letter that came later}\n", 1)
    path.write_text(text, encoding="utf-8")
    diff = only(diff_json(cli, before, maps, "--no-effects"))
    entries = names(diff["entries"], "section", "change", "id")
    assert entries == [("sources", "added", "extra-letter"), ("speakers", "changed", "roth")]
    # every claim of the speaker changed side with them
    sides = [c for c in diff["claims"] if c["change"] == "changed"]
    assert sides and all([f["field"] for f in c["fields"]] == ["side"] and c["by"] == "roth" for c in sides)


def test_diff_names_files_lines_and_exits_like_diff(cli: Any, maps: Path, tmp_path: Path) -> None:
    before = snapshot(maps, tmp_path)
    assert cli("diff", before, maps).code == 0
    assert cli("link", maps / f"{IJM}.yaml", "not-false-controversy", "rebuts", "law-enforcement-essential").code == 0
    result = cli("diff", before / f"{IJM}.yaml", maps / f"{IJM}.yaml", "--color", "never")
    assert result.code == 1
    line = next(n for n, text in enumerate((maps / f"{IJM}.yaml").read_text().splitlines(), 1) if text.strip() == "rebuts: [nation-manufactures-controversy, law-enforcement-essential]")
    assert f"+ not-false-controversy rebuts law-enforcement-essential  {maps / IJM}.yaml:{line}" in result.out
    bad = cli("diff", maps / "nope.yaml", maps / f"{IJM}.yaml")
    assert bad.code == 2 and bad.err.startswith("argmap: error:") and len(bad.err.splitlines()) == 1


def snapshot(folder: Path, tmp_path: Path, name: str = "before") -> Path:
    copy = tmp_path / name / folder.name
    shutil.copytree(folder, copy)
    return copy


SQUAD_SOURCE = "The police must be trained. Training works in Manila. Raids harm women. Nine in ten were adults.\n"


def squad(folder: Path) -> Path:
    """A two-map workspace whose maps share speakers and a source, so claims can move between them."""
    folder.mkdir(parents=True)
    (folder / "speech.txt").write_text(SQUAD_SOURCE, encoding="utf-8")
    head = (
        "argmap: 1\ntitle: {title}\n"
        "sides:\n  pro: {{label: For}}\n  con: {{label: Against}}\n"
        "speakers:\n  ann: {{name: Ann, side: pro}}\n  bo: {{name: Bo, side: con}}\n"
        "sources:\n  speech: {{title: The speech, text: speech.txt}}\n"
    )
    (folder / "case.yaml").write_text(
        "# The squad's case\n"
        + head.format(title="The case")
        + "claims:\n"
        "  # the thesis\n"
        "  train:\n    kind: thesis\n    text: Train the police.\n    by: ann\n"
        "    quote: {source: speech, text: The police must be trained.}\n\n"
        "  manila:\n    text: Training worked in Manila.\n    by: ann\n    supports: [train]\n\n"
        "  # their objection\n"
        "  harm:\n    text: Raids harm women.\n    by: bo\n    rebuts: [train]\n\n"
        "  figure:\n    kind: evidence\n    text: Nine in ten were adults.\n    by: bo\n"
        "    quote: {source: speech, text: Nine in ten were adults.}\n    supports: [harm]\n",
        encoding="utf-8",
    )
    (folder / "evidence.yaml").write_text(
        "# Evidence both speeches use\n" + head.format(title="Evidence") + "claims:\n  manila-report:\n    kind: evidence\n    text: A report on Manila.\n    supports: ['case:manila']\n",
        encoding="utf-8",
    )
    return folder


def test_the_versions_analysed_in_two_processes_say_the_same(cli: Any, maps: Path, tmp_path: Path) -> None:
    from argmap.diff import semantic_diff
    from argmap.diff.sides import pairs

    before = snapshot(maps, tmp_path)
    assert cli("rm", maps / f"{IJM}.yaml", "not-false-controversy", "--force").code == 0
    [serial_side] = pairs([str(before), str(maps)])
    [parallel_side] = pairs([str(before), str(maps)])
    serial, parallel = semantic_diff(serial_side), semantic_diff(parallel_side, parallel=True)
    assert serial.effects is not None and serial.effects.status
    assert serial.as_dict() == parallel.as_dict()


def test_a_version_that_does_not_read_is_named_not_diffed(cli: Any, maps: Path, tmp_path: Path) -> None:
    before = snapshot(maps, tmp_path)
    path = maps / f"{IJM}.yaml"
    path.write_text(path.read_text().replace("  law-enforcement-essential:\n", "<<<<<<< HEAD\n  law-enforcement-essential:\n", 1))
    result = cli("diff", before, maps, "--color", "never")
    assert result.code == 2
    assert "not compared: its " in result.out and "[merge-conflict]" in result.out
    assert "removed" not in result.out  # its claims are not taken for removed
