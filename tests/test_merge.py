"""The three-way merge by claim and relation id, on texts: what merges, what conflicts, and
that a clean merge is both sides' edits applied, with no claim a side kept ever lost.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.diff.markers import conflict_problems
from argmap.diff.merge import merge_texts
from argmap.edit import ChangeRefused, Editor
from argmap.generate import write_synthetic
from argmap.load import load_workspace
from argmap.yamlread import read_yaml_text

REPO = Path(__file__).resolve().parents[1]
IJM = "ijm-vs-thrupkaew"
BASE = (REPO / "arguments" / f"{IJM}.yaml").read_text(encoding="utf-8")

Edit = Callable[[Editor], object]


def edited(tmp_path: Path, name: str, edit: Edit) -> str:
    folder = tmp_path / name
    shutil.copytree(REPO / "arguments", folder)
    editor = Editor(folder)
    edit(editor)
    editor.save()
    return (folder / f"{IJM}.yaml").read_text(encoding="utf-8")


def merged(tmp_path: Path, ours: Edit, theirs: Edit) -> tuple[Any, str, str]:
    a, b = edited(tmp_path, "ours", ours), edited(tmp_path, "theirs", theirs)
    return merge_texts(BASE, a, b, path=f"arguments/{IJM}.yaml"), a, b


def checks(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "result"
    shutil.copytree(REPO / "arguments", folder, dirs_exist_ok=True)
    (folder / f"{IJM}.yaml").write_text(text, encoding="utf-8")
    return [str(p) for p in load_workspace([folder]).problems if p.severity.value == "error"]


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def key(claim: str) -> str:
    return f"{IJM}:{claim}"


def test_edits_to_different_claims_merge_and_keep_every_other_line(tmp_path: Path) -> None:
    result, ours, theirs = merged(
        tmp_path,
        lambda e: e.set_text(key("law-enforcement-essential"), "Ours: working with the police protects victims."),
        lambda e: e.set_text(key("not-false-controversy"), "Theirs: the reports are no false controversy."),
    )
    assert result.clean and result.fallback is None
    assert "Ours: working with the police" in result.text and "Theirs: the reports" in result.text
    assert checks(tmp_path, result.text) == []
    assert comments(result.text) == comments(BASE)
    # every line is one of ours or theirs, in place: the merge wrote nothing of its own
    assert set(result.text.splitlines()) <= set(ours.splitlines()) | set(theirs.splitlines())


def test_different_fields_of_one_claim_merge(tmp_path: Path) -> None:
    result, _, _ = merged(
        tmp_path,
        lambda e: e.set_text(key("law-enforcement-essential"), "Ours."),
        lambda e: e.set_tags(key("law-enforcement-essential"), ["police", "core"]),
    )
    assert result.clean
    claim = load_claims(result.text)["law-enforcement-essential"]
    assert claim["text"] == "Ours." and claim["tags"] == ["police", "core"]


def test_both_sides_adding_claims_and_relations_keeps_all(tmp_path: Path) -> None:
    result, _, _ = merged(
        tmp_path,
        lambda e: (e.add_claim(key("ours-new"), "Ours new.", by="roth", supports=[key("law-enforcement-essential")]),
                   e.link(key("question-is-how-not-whether"), "rebuts", key("series-misrepresents-ijm"))),
        lambda e: (e.add_claim(key("theirs-new"), "Theirs new.", by="thrupkaew", rebuts=[key("law-enforcement-essential")]),
                   e.link(key("question-is-how-not-whether"), "rebuts", key("nation-manufactures-controversy"))),
    )
    assert result.clean
    claims = load_claims(result.text)
    assert {"ours-new", "theirs-new"} <= set(claims)
    rebuts = [item if isinstance(item, str) else item["to"] for item in claims["question-is-how-not-whether"]["rebuts"]]
    assert {"series-misrepresents-ijm", "nation-manufactures-controversy", "frontline-workers-deserve-better"} - set(rebuts) == {"frontline-workers-deserve-better"}
    assert checks(tmp_path, result.text) == []


def test_the_same_text_changed_twice_is_a_conflict_around_that_claim_only(tmp_path: Path) -> None:
    result, _, _ = merged(
        tmp_path,
        lambda e: (e.set_text(key("law-enforcement-essential"), "Ours."), e.set_text(key("not-false-controversy"), "Elsewhere.")),
        lambda e: (e.set_text(key("law-enforcement-essential"), "Theirs."), e.set_tags(key("law-enforcement-essential"), ["theirs-tag"])),
    )
    [conflict] = result.conflicts
    assert conflict.key == "law-enforcement-essential" and "text" in conflict.reason
    lines = result.text.splitlines()
    start, middle, end = (next(n for n, line in enumerate(lines) if line.startswith(mark)) for mark in ("<<<<<<< ", "=======", ">>>>>>> "))
    assert conflict.line == start + 1
    ours_side, theirs_side = "\n".join(lines[start + 1 : middle]), "\n".join(lines[middle + 1 : end])
    assert ours_side.splitlines()[0] == theirs_side.splitlines()[0] == "  law-enforcement-essential:"
    assert "Ours." in ours_side and "Theirs." in theirs_side
    assert "theirs-tag" in ours_side and "theirs-tag" in theirs_side  # the other change is on both sides
    assert "Elsewhere." in "\n".join(lines[end:])  # the rest merged
    assert sum(line.startswith("<<<<<<<") for line in lines) == 1
    [problem] = conflict_problems(result.text, "m.yaml")
    assert (problem.code, problem.location.line) == ("merge-conflict", start + 1)
    assert "law-enforcement-essential" in problem.message


def test_deleting_a_claim_the_other_side_links_to_is_a_conflict(tmp_path: Path) -> None:
    result, _, _ = merged(
        tmp_path,
        lambda e: e.remove_claim(key("frontline-workers-deserve-better")),
        lambda e: e.link(key("question-is-how-not-whether"), "rebuts", key("frontline-workers-deserve-better")),
    )
    [conflict] = result.conflicts
    assert conflict.key == "frontline-workers-deserve-better" and "links to it" in conflict.reason
    # nothing lost: the claim is there (their side of the markers), and so is the link
    assert "  frontline-workers-deserve-better:" in result.text
    assert "NGO, government and police staff" in result.text
    assert "- frontline-workers-deserve-better" in result.text


def test_deleting_a_claim_the_other_side_changed_is_a_conflict(tmp_path: Path) -> None:
    result, _, _ = merged(
        tmp_path,
        lambda e: e.set_text(key("frontline-workers-deserve-better"), "Changed on ours."),
        lambda e: e.remove_claim(key("frontline-workers-deserve-better")),
    )
    [conflict] = result.conflicts
    assert "deleted" in conflict.reason and "Changed on ours." in result.text


def test_a_clean_deletion_takes_its_relations_and_keeps_the_comments(tmp_path: Path) -> None:
    result, _, _ = merged(
        tmp_path,
        lambda e: e.remove_claim(key("not-false-controversy")),
        lambda e: e.set_text(key("law-enforcement-essential"), "Theirs."),
    )
    assert result.clean and checks(tmp_path, result.text) == []
    assert "not-false-controversy" not in result.text
    assert comments(result.text) == comments(BASE)


def test_flow_style_claims_merge_as_values() -> None:
    base = "argmap: 1\ntitle: t\nclaims: {a: {text: A}, b: {text: B}}\n"
    result = merge_texts(base, base.replace("A}", "A1}"), base.replace("B}", "B1}"))
    assert result.clean and load_claims(result.text) == {"a": {"text": "A1"}, "b": {"text": "B1"}}
    result = merge_texts(base, base.replace("A}", "A1}"), base.replace("A}", "A2}"))
    assert [c.key for c in result.conflicts] == ["claims"]


def test_a_layout_the_merge_cannot_read_falls_back_to_git() -> None:
    base = 'argmap: 1\ntitle: t\nclaims:\n  "a":\n    text: A\n  "b":\n    text: B\n'
    result = merge_texts(base, base.replace("A\n", "A1\n"), base.replace("A\n", "A2\n"))
    assert result.fallback is not None and result.line_conflicts == 1 and "<<<<<<<" in result.text
    result = merge_texts(base, base.replace("A\n", "A1\n"), base.replace("B\n", "B1\n"))
    assert result.fallback is not None and result.clean and "A1" in result.text and "B1" in result.text


def test_crlf_and_a_byte_order_mark_are_kept() -> None:
    base = "\ufeffargmap: 1\r\ntitle: t\r\nclaims:\r\n  a:\r\n    text: A\r\n  b:\r\n    text: B\r\n"
    result = merge_texts(base, base.replace("A\r", "A1\r"), base.replace("B\r", "B1\r"))
    assert result.clean and result.text == base.replace("A\r", "A1\r").replace("B\r", "B1\r")


# -- property: a clean merge is both edit sequences applied; no kept claim is ever lost ------------
def load_claims(text: str) -> dict[str, Any]:
    value, problems = read_yaml_text(text, "merged")
    assert not problems, problems
    claims: dict[str, Any] = value["claims"]
    return claims


def normalised(text: str) -> dict[str, Any]:
    """A map's data with the order of claims, relations and tags left out (a merge keeps
    each side's order where it can, but two sides' additions have no one right order)."""
    value, problems = read_yaml_text(text, "map")
    assert not problems, problems
    out = dict(value)
    claims = {}
    for claim_id, claim in value["claims"].items():
        claim = dict(claim)
        for field in ("supports", "rebuts", "undercuts", "tags"):
            if field in claim:
                items = claim[field] if isinstance(claim[field], list) else [claim[field]]
                claim[field] = sorted(repr(item) for item in items)
        claims[claim_id] = claim
    out["claims"] = claims
    return out


def resolve(text: str, side: str) -> str:
    """``text`` with every conflict settled for ``side`` (ours or theirs)."""
    out, state = [], None
    for line in text.splitlines(keepends=True):
        if re.match(r"<{7} ", line):
            state = "ours"
        elif re.match(r"={7}\s*$", line) and state:
            state = "theirs"
        elif re.match(r">{7} ", line) and state:
            state = None
        elif state is None or state == side:
            out.append(line)
    return "".join(out)


Op = tuple[str, int, int, str]
Action = tuple[str, ...]

ops = st.lists(
    st.tuples(st.sampled_from(["text", "tags", "note", "add", "link", "unlink", "rm"]), st.integers(0, 40), st.integers(0, 40), st.sampled_from(["a", "b", "c"])),
    min_size=1, max_size=4,
)


def action(editor: Editor, op: Op, prefix: str, number: int) -> Action | None:
    """The edit a generated op stands for, on the claims the editor has now (None: no such edit)."""
    kind, i, j, word = op
    claims = sorted(editor.workspace.claims)
    a, b = claims[i % len(claims)], claims[j % len(claims)]
    if kind == "text":
        return ("text", a, f"{prefix} text {word} {number}.")
    if kind == "tags":
        return ("tags", a, f"{prefix}-{word}")
    if kind == "note":
        return ("note", a, f"{prefix} note {word}")
    if kind == "add":
        return ("add", f"synthetic:{prefix}-new-{number}", f"{prefix} new claim {word}.", b)
    if kind == "link":
        return ("link", a, "rebuts" if word == "a" else "supports", b)
    if kind == "unlink":
        targets = sorted(r.target for r in editor.workspace.relations.values() if r.source == a)
        return ("unlink", a, targets[j % len(targets)]) if targets else None
    return ("rm", a)


def perform(editor: Editor, act: Action) -> None:
    kind, *args = act
    if kind == "text":
        editor.set_text(args[0], args[1])
    elif kind == "tags":
        editor.set_tags(args[0], [args[1], "shared"])
    elif kind == "note":
        editor.set_note(args[0], args[1])
    elif kind == "add":
        editor.add_claim(args[0], args[1], by="ann", supports=[args[2]])
    elif kind == "link":
        editor.link(args[0], args[1], args[2])
    elif kind == "unlink":
        editor.unlink(args[0], args[1])
    else:
        editor.remove_claim(args[0])


def already_done(editor: Editor, act: Action) -> bool:
    """Whether an edit the editor refuses is one the other side made too (both removed the
    same claim or relation, or added the same relation): applying it twice is applying it once."""
    workspace = editor.workspace
    kind, *args = act
    if kind == "rm":
        return args[0] not in workspace.claims
    if kind == "unlink":
        return not any(r.source == args[0] and r.target == args[1] for r in workspace.relations.values())
    if kind == "link":
        return any(r.source == args[0] and r.target == args[2] for r in workspace.relations.values())
    return False


def edit(folder: Path, base: Path, sequences: list[tuple[str, list[Op]]]) -> tuple[str, list[Action]]:
    """Make each side's generated edits on a copy of ``base``; the text, and the edits made."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(base, folder)
    editor = Editor(folder, verify_quotes=False)
    done = []
    for prefix, sequence in sequences:
        for number, op in enumerate(sequence):
            act = action(editor, op, prefix, number)
            if act is None:
                continue
            try:
                perform(editor, act)
            except ChangeRefused:
                continue
            done.append(act)
    editor.save()
    return (folder / "synthetic.yaml").read_text(encoding="utf-8"), done


def replay(folder: Path, base: Path, sides: list[list[Action]]) -> str:
    """Each side's edits, one side after the other, on a copy of ``base``."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(base, folder)
    editor = Editor(folder, verify_quotes=False)
    for actions in sides:
        for number, act in enumerate(actions):
            try:
                perform(editor, act)
            except ChangeRefused:
                # the other side made this edit too, or this side went on to delete the claim
                removed_later = ("rm", act[1]) in actions[number + 1 :] and act[1] not in editor.workspace.claims
                assert already_done(editor, act) or removed_later, f"{act} cannot follow the other side's edits, yet the merge was clean"
    editor.save()
    return (folder / "synthetic.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    write_synthetic(folder / "synthetic.yaml", 30, 7)
    return folder


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ours_ops=ops, theirs_ops=ops)
def test_property_clean_merges_are_both_edits_and_nothing_kept_is_lost(generated: Path, tmp_path: Path, ours_ops: list[Op], theirs_ops: list[Op]) -> None:
    base = (generated / "synthetic.yaml").read_text(encoding="utf-8")
    ours, ours_done = edit(tmp_path / "ours", generated, [("o", ours_ops)])
    theirs, theirs_done = edit(tmp_path / "theirs", generated, [("t", theirs_ops)])
    result = merge_texts(base, ours, theirs, path="synthetic.yaml")
    assert result.fallback is None
    base_claims, ours_claims, theirs_claims = (load_claims(t) for t in (base, ours, theirs))

    # no claim a side kept is lost: each side's claims are in the result settled its way,
    # except a claim the other side deleted that this side left as it was
    for side, mine, other in (("ours", ours_claims, theirs_claims), ("theirs", theirs_claims, ours_claims)):
        settled = load_claims(resolve(result.text, side))
        for claim_id, claim in mine.items():
            deleted_there = claim_id in base_claims and claim_id not in other
            if not (deleted_there and claim == base_claims[claim_id]):
                assert claim_id in settled, f"{side} kept {claim_id}, the merge lost it"

    if result.clean:
        expected = replay(tmp_path / "both", generated, [ours_done, theirs_done])
        assert normalised(result.text) == normalised(expected)
        folder = tmp_path / "check"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(generated, folder)
        (folder / "synthetic.yaml").write_text(result.text, encoding="utf-8")
        assert [p for p in load_workspace([folder], verify_quotes=False).problems if p.severity.value == "error"] == []


def test_a_map_both_sides_added_merges_as_if_from_nothing() -> None:
    head = "argmap: 1\ntitle: New debate\nclaims:\n"
    ours = head + "  a:\n    text: A\n  shared:\n    text: Same on both.\n"
    theirs = head + "  shared:\n    text: Same on both.\n  b:\n    text: B\n"
    result = merge_texts("", ours, theirs)
    assert result.clean and result.fallback is None
    assert load_claims(result.text) == {"a": {"text": "A"}, "shared": {"text": "Same on both."}, "b": {"text": "B"}}
    result = merge_texts("", ours.replace("Same on both.", "Ours."), theirs.replace("Same on both.", "Theirs."))
    assert [c.key for c in result.conflicts] == ["shared"]
