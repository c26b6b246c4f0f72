"""A squad in git: ``argmap git-setup`` once, then real branches, merges and diffs.

Every test makes its own repository in a temporary folder (``git init``, the bundled
debates committed on ``main``), sets the drivers up with ``argmap git-setup``, and lets
git itself run them: ``git merge`` calls the merge driver, ``git diff`` the diff driver.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Result, run_argmap
from test_diff import SQUAD_SOURCE, squad

REPO = Path(__file__).resolve().parents[1]
IJM = "ijm-vs-thrupkaew"
ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_PAGER": "cat", "NO_COLOR": "1"}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=ENV, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def argmap(repo: Path, *args: object) -> Result:
    return run_argmap(*args, cwd=repo)


def edit(repo: Path, *args: str) -> None:
    """One editing command (add, link, rm, mv…) on the map files of the repository."""
    result = argmap(repo, *args)
    assert result.code == 0, result.err


def set_text(repo: Path, folder: str, key: str, text: str) -> None:
    from argmap.edit import Editor

    editor = Editor(repo / folder)
    editor.set_text(key, text)
    editor.save()


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def make_repo(root: Path, content: Path | None = None) -> Path:
    repo = root / "squad"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Squad Member")
    git(repo, "config", "user.email", "squad@example.invalid")
    shutil.copytree(content or REPO / "arguments", repo / "arguments")
    setup = argmap(repo, "git-setup")
    assert setup.code == 0, setup.err
    commit(repo, "the case so far")
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def branches(repo: Path, ours: list[tuple[str, ...]] | None = None, theirs: list[tuple[str, ...]] | None = None) -> None:
    """Edit on a branch 'feature' (theirs), then on 'main' (ours): each edit an argmap command."""
    git(repo, "checkout", "-q", "-b", "feature")
    for args in theirs or []:
        edit(repo, *args)
    commit(repo, "feature work")
    git(repo, "checkout", "-q", "main")
    for args in ours or []:
        edit(repo, *args)
    commit(repo, "main work")


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def test_git_setup_writes_attributes_and_config_once(repo: Path) -> None:
    attributes = (repo / ".gitattributes").read_text()
    assert "*.yaml diff=argmap merge=argmap" in attributes and "*.yml diff=argmap merge=argmap" in attributes
    assert git(repo, "config", "--local", "merge.argmap.driver").stdout.strip().endswith("merge-driver %O %A %B %L %P")
    assert git(repo, "check-attr", "merge", "diff", "--", f"arguments/{IJM}.yaml").stdout.count("argmap") == 2
    again = argmap(repo, "git-setup")
    assert again.code == 0 and "already set up (0 change(s))" in again.out
    assert again.out.count("already set:") == 7
    assert (repo / ".gitattributes").read_text() == attributes
    assert git(repo, "status", "--porcelain").stdout == ""


def test_git_setup_outside_a_repository_is_one_line_error(tmp_path: Path) -> None:
    result = argmap(tmp_path, "git-setup")
    assert result.code == 2 and result.err.startswith("argmap: error:") and len(result.err.splitlines()) == 1


def test_edits_to_different_claims_merge_clean_and_check(repo: Path) -> None:
    base = (repo / "arguments" / f"{IJM}.yaml").read_text()
    m = f"arguments/{IJM}.yaml"
    # both add a claim at the end of the map, and edit claims a few lines apart: a line merge conflicts
    branches(
        repo,
        ours=[("add", m, "ours-reason", "--text", "Police work needs oversight.", "--by", "roth", "--supports", "law-enforcement-essential"),
              ("link", m, "not-false-controversy", "rebuts", "law-enforcement-essential")],
        theirs=[("add", m, "theirs-objection", "--text", "Raids scatter victims.", "--by", "thrupkaew", "--rebuts", "law-enforcement-essential"),
                ("link", m, "problems-deserve-ijm-attention", "supports", "reforms-needed")],
    )
    versions = [git(repo, "show", f"{rev}:{m}").stdout for rev in ("main~1", "main", "feature")]
    line_merge = line_conflicts(repo, *versions)
    assert line_merge > 0, "the scenario should conflict line by line"
    merged = git(repo, "merge", "-q", "feature", "-m", "merge", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = (repo / m).read_text()
    assert "<<<<<<<" not in text
    check = argmap(repo, "check", "arguments/")
    assert check.code == 0, check.out + check.err
    assert comments(text) == comments(base)
    for claim in ("ours-reason", "theirs-objection"):
        assert f"  {claim}:" in text
    assert "rebuts: [nation-manufactures-controversy, law-enforcement-essential]" in text


def line_conflicts(repo: Path, base: str, ours: str, theirs: str) -> int:
    folder = repo.parent / "line-merge"
    folder.mkdir(exist_ok=True)
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        (folder / name).write_text(text)
    return subprocess.run(["git", "merge-file", "-p", "ours", "base", "theirs"], cwd=folder, capture_output=True, check=False).returncode


def test_the_same_claims_text_is_a_conflict_around_that_claim(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    set_text(repo, "arguments", f"{IJM}:law-enforcement-essential", "Theirs: the police are the only way.")
    set_text(repo, "arguments", f"{IJM}:not-false-controversy", "Theirs: no false controversy.")
    commit(repo, "feature")
    git(repo, "checkout", "-q", "main")
    set_text(repo, "arguments", f"{IJM}:law-enforcement-essential", "Ours: working with the police protects victims.")
    commit(repo, "main")
    merged = git(repo, "merge", "feature", "-m", "merge", check=False)
    assert merged.returncode != 0
    assert "CONFLICT" in merged.stdout
    text = (repo / "arguments" / f"{IJM}.yaml").read_text()
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.startswith("<<<<<<< ")]
    assert len(starts) == 1 and lines[starts[0]] == "  law-enforcement-essential:"
    assert lines[starts[0] - 1] == "<<<<<<< HEAD"
    assert any(line == ">>>>>>> feature" for line in lines)
    middle = lines.index("=======")
    assert lines[middle + 1] == "  law-enforcement-essential:"
    assert "Theirs: no false controversy." in text  # the other claim merged
    check = argmap(repo, "check", "arguments/")
    assert check.code == 2
    found = [line for line in check.out.splitlines() if "[merge-conflict]" in line]
    assert len(found) == 1 and found[0].startswith(f"arguments/{IJM}.yaml:{starts[0]}:1: error: unresolved merge conflict in 'law-enforcement-essential'")


def test_a_deletion_against_a_new_link_is_a_conflict_and_loses_nothing(repo: Path) -> None:
    m = f"arguments/{IJM}.yaml"
    branches(
        repo,
        ours=[("rm", m, "frontline-workers-deserve-better", "--force")],
        theirs=[("link", m, "question-is-how-not-whether", "rebuts", "frontline-workers-deserve-better")],
    )
    merged = git(repo, "merge", "feature", "-m", "merge", check=False)
    assert merged.returncode != 0
    assert "merge conflict in claim 'frontline-workers-deserve-better'" in merged.stderr
    text = (repo / m).read_text()
    assert "  frontline-workers-deserve-better:" in text and "deserve better from The Nation" in text
    assert "- frontline-workers-deserve-better" in text
    check = argmap(repo, "check", "arguments/")
    assert "[merge-conflict]" in check.out and "frontline-workers-deserve-better" in check.out


def test_reordered_lists_and_claims_merge_with_an_edit(repo: Path) -> None:
    m = repo / "arguments" / f"{IJM}.yaml"
    git(repo, "checkout", "-q", "-b", "feature")
    text = m.read_text()
    # a block list of rebuttals in the other order, and a claim moved up the file
    first = "      - to: corruption-argues-against-enforcement\n        id: r-essential-vs-corruption-argument\n"
    second_start = text.index("      - to: context:critics-law-enforcement-focus-police-coordination\n")
    second_end = text.index("\n\n", second_start) + 1
    second = text[second_start:second_end]
    assert text[second_start - len(first) : second_start] == first
    text = text[: second_start - len(first)] + second + first + text[second_end:]
    block = re.search(r"^  not-false-controversy:\n(?:(?:    .*)?\n)*", text, re.MULTILINE)
    assert block is not None
    moved = block.group(0)
    text = text.replace(moved, "")
    anchor = text.index("  frontline-workers-deserve-better:\n")
    text = text[:anchor] + moved + text[anchor:]
    m.write_text(text)
    assert argmap(repo, "check", "arguments/").code == 0
    commit(repo, "reorder")
    git(repo, "checkout", "-q", "main")
    set_text(repo, "arguments", f"{IJM}:law-enforcement-essential", "Ours: the police are essential.")
    set_text(repo, "arguments", f"{IJM}:not-false-controversy", "Ours: the reports are real.")
    commit(repo, "edit")
    merged = git(repo, "merge", "feature", "-m", "merge", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    result = m.read_text()
    assert argmap(repo, "check", "arguments/").code == 0
    assert "Ours: the police are essential." in result and "Ours: the reports are real." in result
    assert result.index("  not-false-controversy:") < result.index("  frontline-workers-deserve-better:")
    listed = result[result.index("  law-enforcement-essential:") :]
    assert listed.index("- to: context:critics-law-enforcement-focus-police-coordination") < listed.index("- to: corruption-argues-against-enforcement")


def move_against_edits(tmp_path: Path, edits: dict[str, str]) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The squad's case: 'feature' edits claims' texts, 'main' moves 'figure' to the evidence map; merged."""
    repo = make_repo(tmp_path, squad(tmp_path / "content"))
    git(repo, "checkout", "-q", "-b", "feature")
    for key, text in edits.items():
        set_text(repo, "arguments", key, text)
    commit(repo, "edit")
    git(repo, "checkout", "-q", "main")
    edit(repo, "mv", "arguments/case.yaml", "figure", "evidence")
    commit(repo, "move")
    return repo, git(repo, "merge", "feature", "-m", "merge", check=False)


def test_a_move_on_one_side_and_an_edit_on_the_other(tmp_path: Path) -> None:
    repo, merged = move_against_edits(tmp_path, {"case:figure": "Nine in ten of the women were adults.", "case:manila": "Training worked in Manila, the report says."})
    assert merged.returncode != 0
    assert "merge conflict in claim 'figure': moved to map 'evidence' on ours and changed on theirs" in merged.stderr
    case, evidence = (repo / "arguments" / "case.yaml").read_text(), (repo / "arguments" / "evidence.yaml").read_text()
    # nothing lost: the edit waits in the markers, the moved claim is in its new map, the other edit merged
    assert "Nine in ten of the women were adults." in case and "  figure:" in evidence
    assert "Training worked in Manila, the report says." in case
    check = argmap(repo, "check", "arguments/")
    assert check.code == 2 and "arguments/case.yaml" in check.out and "[merge-conflict]" in check.out
    # settled as the move: the edit is redone on the claim where it now lives
    lines = case.splitlines()
    start, middle, end = lines.index("<<<<<<< HEAD"), lines.index("======="), lines.index(">>>>>>> feature")
    (repo / "arguments" / "case.yaml").write_text("\n".join(lines[:start] + lines[start + 1 : middle] + lines[end + 1 :]) + "\n")
    set_text(repo, "arguments", "evidence:figure", "Nine in ten of the women were adults.")
    assert argmap(repo, "check", "arguments/").code == 0


def test_a_move_and_an_edit_of_another_claim_merge_clean(tmp_path: Path) -> None:
    repo, merged = move_against_edits(tmp_path, {"case:harm": "Raids harm the women they mean to help."})
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert argmap(repo, "check", "arguments/").code == 0
    assert (repo / "arguments" / "speech.txt").read_text() == SQUAD_SOURCE


def test_git_diff_log_and_show_speak_of_claims(repo: Path) -> None:
    m = f"arguments/{IJM}.yaml"
    edit(repo, "link", m, "not-false-controversy", "rebuts", "law-enforcement-essential")
    diff = git(repo, "diff").stdout
    assert f"diff --argmap a/{m} b/{m}" in diff
    assert "+ not-false-controversy rebuts law-enforcement-essential" in diff
    assert "law-enforcement-essential: IN → OUT" in diff
    assert "@@" not in diff
    commit(repo, "link")
    log = git(repo, "log", "-p", "-1").stdout
    assert re.search(r"^@@ .* @@ claim not-false-controversy \[claim\] by thrupkaew$", log, re.MULTILINE)
    assert "+  rebuts law-enforcement-essential" in log
    show = git(repo, "show", "--ext-diff", "HEAD").stdout
    assert "+ not-false-controversy rebuts law-enforcement-essential" in show
    assert "+    rebuts: [nation-manufactures-controversy, law-enforcement-essential]" in git(repo, "diff", "--no-ext-diff", "--no-textconv", "HEAD~1").stdout


def test_argmap_diff_of_revisions(repo: Path) -> None:
    m = f"arguments/{IJM}.yaml"
    branches(repo, theirs=[("link", m, "not-false-controversy", "rebuts", "law-enforcement-essential")])
    git(repo, "checkout", "-q", "feature")
    edit(repo, "add", m, "uncommitted", "--text", "Not committed yet.", "--by", "roth")
    since = argmap(repo, "diff", "main", "--color", "never")  # main against the working tree
    assert since.code == 1, since.err
    assert "+ not-false-controversy rebuts law-enforcement-essential" in since.out and "+ uncommitted" in since.out
    between = argmap(repo, "diff", "--format", "markdown", "main", "feature", "--", "arguments/")
    assert between.code == 1 and "`not-false-controversy` rebuts `law-enforcement-essential`" in between.out
    assert "uncommitted" not in between.out
    assert argmap(repo, "diff", "feature", "feature").code == 0
    head = argmap(repo, "diff", "HEAD", "--no-effects")
    assert head.code == 1 and "+ uncommitted" in head.out and "What it does" not in head.out
    elsewhere = argmap(repo, "diff", "main", "feature", "--", "docs/")
    assert elsewhere.code == 0 and elsewhere.out.strip() == "no changes"
    bad = argmap(repo, "diff", "no-such-branch")
    assert bad.code == 2 and "neither a file or folder nor a git revision" in bad.err


def test_files_that_are_not_maps_get_gits_own_diff_and_merge(repo: Path) -> None:
    other = repo / "ci.yaml"
    other.write_text("jobs:\n  test:\n    runs: pytest\n  lint:\n    runs: ruff\n")
    commit(repo, "ci")
    git(repo, "checkout", "-q", "-b", "feature")
    other.write_text(other.read_text().replace("runs: pytest", "runs: pytest -x"))
    commit(repo, "feature")
    git(repo, "checkout", "-q", "main")
    other.write_text(other.read_text().replace("runs: pytest", "runs: pytest -q"))
    diff = git(repo, "diff").stdout
    assert "-    runs: pytest\n+    runs: pytest -q" in diff and "diff --argmap" not in diff
    commit(repo, "main")
    merged = git(repo, "merge", "feature", "-m", "merge", check=False)
    assert merged.returncode != 0
    assert other.read_text().count("<<<<<<<") == 1 and "runs: ruff" in other.read_text()


def test_a_map_added_on_both_branches_merges_by_claim(repo: Path) -> None:
    head = "argmap: 1\ntitle: A new round\nclaims:\n"
    new = repo / "arguments" / "round.yaml"
    git(repo, "checkout", "-q", "-b", "feature")
    new.write_text(head + "  theirs:\n    text: Their first claim.\n")
    commit(repo, "feature")
    git(repo, "checkout", "-q", "main")
    new.write_text(head + "  ours:\n    text: Our first claim.\n")
    commit(repo, "main")
    merged = git(repo, "merge", "feature", "-m", "merge", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = new.read_text()
    assert "  ours:" in text and "  theirs:" in text and "<<<<<<<" not in text


def test_a_move_on_their_side_is_found_in_the_commit_merged_in(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, squad(tmp_path / "content"))
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, "mv", "arguments/case.yaml", "figure", "evidence")
    commit(repo, "move")
    git(repo, "checkout", "-q", "main")
    set_text(repo, "arguments", "case:figure", "Nine in ten of the women were adults.")
    commit(repo, "edit")
    merged = git(repo, "merge", "feature", "-m", "merge", check=False)
    assert merged.returncode != 0
    assert "merge conflict in claim 'figure': moved to map 'evidence' on theirs and changed on ours" in merged.stderr


def test_merge_driver_refuses_missing_files_and_writes_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ours = tmp_path / "ours.yaml"
    result = cli("merge-driver", tmp_path / "base.yaml", ours, tmp_path / "theirs.yaml")
    assert result.code == 2 and "no such file" in result.err and result.err.count("\n") == 1
    assert not ours.exists()  # a typo never leaves a merged file behind for git to take
