"""The editing library: round-trip diffs, every operation, refusals, undo/redo, conflicts.

Every test edits a copy (of ``arguments/`` or of ``tests/fixtures/edit/``) in a temporary
folder, never the real files. "The diff is the lines of the edit" is checked with difflib:
the exact lines removed and added are asserted, so any stray re-wrap, re-quote, moved
comment or lost blank line fails the test.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from argmap.edit import ChangeRefused, ConflictError, Document, Editor, find_passages
from argmap.load import load_workspace
from argmap.model import RelationKind

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "edit"
IJM = "ijm-vs-thrupkaew"


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "arguments"
    shutil.copytree(REPO / "arguments", folder)
    return folder


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    shutil.copytree(FIXTURES, folder)
    return folder


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def diff(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, in order."""
    old, new = before.splitlines(), after.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def edit(folder: Path, stem: str, operation) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Apply ``operation(editor)``, save, check the saved workspace, return the diff of ``stem``."""
    path = folder / f"{stem}.yaml"
    before = read(path)
    editor = Editor(folder)
    operation(editor)
    editor.save()
    assert load_workspace([folder]).ok, [str(p) for p in load_workspace([folder]).problems]
    return diff(before, read(path))


# -- the round trip itself -------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted((REPO / "arguments").glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.name)
def test_an_unedited_document_renders_byte_for_byte(path: Path) -> None:
    text = read(path)
    assert Document(text, path.name).render() == text


def test_escapes_and_crlf_that_ruamel_rewrites_survive_an_edit_elsewhere(fixtures: Path) -> None:
    path = fixtures / "crlf.yaml"
    before = read(path)
    assert "\\u00e9" in before and "   \r\n" in before  # an escape, trailing spaces
    removed, added = edit(fixtures, "crlf", lambda e: e.set_text("crlf:c", "C, edited"))
    assert (removed, added) == (["    text: C"], ["    text: C, edited"])
    after = read(path)
    assert after.count("\r\n") == after.count("\n"), "every line keeps its CRLF"
    assert "\\u00e9" in after and "   \r\n" in after


# -- operations and their diffs on the bundled maps ----------------------------------------------
def test_adding_a_reason_appends_only_the_new_claims_lines(bundled: Path) -> None:
    removed, added = edit(bundled, IJM, lambda e: e.add_claim(f"{IJM}:training-works", "Trained police: fewer abuses", by="roth", supports=[f"{IJM}:corruption-calls-for-training"]))
    assert removed == []
    assert added == [
        "  training-works:",
        "    text: 'Trained police: fewer abuses'",
        "    by: roth",
        "    supports: [corruption-calls-for-training]",
    ]


def test_adding_a_claim_after_another_puts_it_there_and_keeps_the_blank_line(bundled: Path) -> None:
    path = bundled / f"{IJM}.yaml"
    removed, added = edit(bundled, IJM, lambda e: e.add_claim(f"{IJM}:x", "X.", after=f"{IJM}:ijm-trained-hundreds-of-officers"))
    assert removed == [] and added == ["  x:", "    text: X."]
    lines = read(path).splitlines()
    at = lines.index("  x:")
    assert lines[at - 1] == "    supports: [corruption-calls-for-training]"
    assert lines[at + 2] == "" and lines[at + 3] == "  series-says-ijm-abandons-victims:"


def test_link_appends_to_a_flow_list_on_its_line(bundled: Path) -> None:
    removed, added = edit(bundled, IJM, lambda e: e.link(f"{IJM}:ngo-has-no-raid-authority", "supports", f"{IJM}:series-misrepresents-ijm"))
    assert removed == ["    supports: [ijm-does-not-raid]"]
    assert added == ["    supports: [ijm-does-not-raid, series-misrepresents-ijm]"]


def test_link_adds_the_list_in_key_order(bundled: Path) -> None:
    # ijm-social-work-during-operations has text, by, quote, tags: rebuts goes before tags
    path = bundled / f"{IJM}.yaml"
    removed, added = edit(bundled, IJM, lambda e: e.link(f"{IJM}:ijm-social-work-during-operations", RelationKind.REBUT, f"{IJM}:series-says-ijm-raids-brothels"))
    assert removed == [] and added == ["    rebuts: [series-says-ijm-raids-brothels]"]
    lines = read(path).splitlines()
    at = lines.index("    rebuts: [series-says-ijm-raids-brothels]", lines.index("  ijm-social-work-during-operations:"))
    assert lines[at + 1] == "    tags: [raids, aftercare]"


def test_undercut_by_relation_key_is_written_as_the_relations_id(bundled: Path) -> None:
    removed, added = edit(bundled, IJM, lambda e: e.link(f"{IJM}:ngo-has-no-raid-authority", "undercuts", f"{IJM}:r-corruption-premise"))
    assert removed == [] and added == ["    undercuts: [r-corruption-premise]"]


def test_undercut_of_an_unnamed_relation_is_written_reason_arrow_claim(bundled: Path) -> None:
    key = f"{IJM}:ngo-has-no-raid-authority->ijm-does-not-raid"
    removed, added = edit(bundled, IJM, lambda e: e.link(f"{IJM}:siem-reap-tip", "undercuts", key))
    assert removed == [] and added == ["    undercuts: [ngo-has-no-raid-authority -> ijm-does-not-raid]"]


def test_editing_a_folded_text_refolds_only_its_own_lines(bundled: Path) -> None:
    new = "Thrupkaew's series contains many inaccuracies and mischaracterizations of the work IJM does on the ground, say its staff."
    removed, added = edit(bundled, IJM, lambda e: e.set_text(f"{IJM}:series-misrepresents-ijm", new))
    assert removed == ["      Thrupkaew's series contains many inaccuracies and mischaracterizations of IJM's work."]
    assert all(line.startswith("      ") and len(line) <= 100 for line in added) and len(added) == 2
    claim = load_workspace([bundled]).claims[f"{IJM}:series-misrepresents-ijm"]
    assert claim.text == new


def test_setting_and_removing_fields_touch_one_line_each(bundled: Path) -> None:
    key = f"{IJM}:siem-reap-tip"
    assert edit(bundled, IJM, lambda e: e.set_kind(key, "claim")) == (["    kind: evidence"], ["    kind: claim"])
    assert edit(bundled, IJM, lambda e: e.set_note(key, "checked")) == ([], ["    note: checked"])
    assert edit(bundled, IJM, lambda e: e.set_weight(key, 0.75)) == ([], ["    weight: 0.75"])
    assert edit(bundled, IJM, lambda e: e.set_tags(key, ["a", "b"])) == (["    tags: [siem-reap]"], ["    tags: [a, b]"])
    assert edit(bundled, IJM, lambda e: e.set_note(key, None)) == (["    note: checked"], [])
    assert edit(bundled, IJM, lambda e: e.set_speaker(key, "roth")) == (["    by: ijm-vp"], ["    by: roth"])


def test_unlink_removes_one_item_of_a_flow_list(bundled: Path) -> None:
    htc = "htc-vs-evolution"
    removed, added = edit(bundled, htc, lambda e: e.unlink(f"{htc}:swp-raids-criticised", f"{htc}:raids-traumatize"))
    assert removed == ["    supports: [raids-traumatize, raids-poorly-planned]"]
    assert added == ["    supports: [raids-poorly-planned]"]


def test_unlink_of_a_long_form_entry_removes_its_lines_only(bundled: Path) -> None:
    removed, added = edit(bundled, IJM, lambda e: e.unlink(f"{IJM}:ijm-casework-frees-victims", f"{IJM}:law-enforcement-essential"))
    assert added == []
    assert removed[0] == "      - to: law-enforcement-essential"
    assert len(removed) == 6 and all(line.startswith("        ") for line in removed[1:])
    after = read(bundled / f"{IJM}.yaml")
    assert "    supports:\n      - enforcement-indispensable-everywhere\n\n  ijm-asia-casework-figures:" in after


def test_retarget_rewrites_the_target_in_place(bundled: Path) -> None:
    key = f"{IJM}:ngo-has-no-raid-authority->ijm-does-not-raid"
    removed, added = edit(bundled, IJM, lambda e: e.retarget(key, f"{IJM}:series-misrepresents-ijm"))
    assert (removed, added) == (["    supports: [ijm-does-not-raid]"], ["    supports: [series-misrepresents-ijm]"])


def test_attach_a_quote_found_by_find_passages(bundled: Path) -> None:
    editor = Editor(bundled)
    passages = editor.find_passages(IJM, "roth-letter", "hundreds of officers")
    assert passages and passages[0].text == "hundreds of officers"
    before = read(bundled / f"{IJM}.yaml")
    editor.add_claim(f"{IJM}:q", "Q.", by="roth")
    editor.set_quote(f"{IJM}:q", "roth-letter", passages[1].text)
    editor.save()
    removed, added = diff(before, read(bundled / f"{IJM}.yaml"))
    assert removed == [] and added[-3:] == ["    quote:", "      source: roth-letter", f'      text: "{passages[1].text}"']
    assert load_workspace([bundled]).ok


def test_find_passages_only_offers_text_that_is_in_the_source() -> None:
    source = (FIXTURES / "sources" / "speech.txt").read_text()
    found = find_passages(source, "GRADES rose when the first   bell")
    assert found[0].text == "grades rose when the first bell"  # the source's own case
    assert found[1].text.startswith("Studies in three districts")
    normal = " ".join(source.split())
    assert all(p.text in normal and normal[p.start : p.end] == p.text for p in found)
    assert find_passages(source, "") == []


def test_remove_claim_removes_its_lines_and_the_blank_line_after_it(bundled: Path) -> None:
    key = f"{IJM}:ngo-has-no-raid-authority"
    editor = Editor(bundled)
    orphans = editor.what_rm_orphans(key)
    assert orphans.outgoing == (f"{IJM}:ngo-has-no-raid-authority->ijm-does-not-raid",)
    assert not orphans.touches_others
    lines = read(bundled / f"{IJM}.yaml").splitlines()
    start = lines.index("  ngo-has-no-raid-authority:")
    end = lines.index("  ijm-assists-police-operations:")
    assert lines[end - 2 : end] == ["    tags: [raids]", ""]
    removed, added = edit(bundled, IJM, lambda e: e.remove_claim(key))
    assert added == [] and len(removed) == end - start
    assert read(bundled / f"{IJM}.yaml").splitlines() == lines[:start] + lines[end:]


def test_what_rm_orphans_lists_incoming_undercuts_and_stranded_claims(bundled: Path) -> None:
    editor = Editor(bundled)
    orphans = editor.what_rm_orphans(f"{IJM}:corruption-argues-against-enforcement")
    assert f"{IJM}:r-corruption-premise" in orphans.incoming
    assert f"{IJM}:corruption-no-reason-to-deny-enforcement->r-corruption-premise" in orphans.undercuts
    assert f"{IJM}:series-police-corruption" in orphans.claims
    assert orphans.touches_others
    change = editor.remove_claim(f"{IJM}:corruption-argues-against-enforcement")
    assert editor.workspace.ok and len(change.details) == len(orphans.lines())
    assert f"{IJM}:r-corruption-premise" not in editor.workspace.relations


def test_move_claim_rewrites_references_both_ways(fixtures: Path) -> None:
    editor = Editor(fixtures)
    change = editor.move_claim("other:counter", "styles")
    assert {p.name for p in change.paths} == {"other.yaml", "styles.yaml"}
    ws = editor.workspace
    assert ws.ok and "styles:counter" in ws.claims and "other:counter" not in ws.claims
    assert ws.relations["styles:counter->other:outside-view"].target == "other:outside-view"
    editor.save()
    assert "    rebuts: [other:outside-view]" in read(fixtures / "styles.yaml").splitlines()
    editor.move_claim("other:outside-view", "styles")
    text = editor.texts[fixtures / "styles.yaml"]
    assert "    supports: ['later-start']" in text.splitlines()  # was 'styles:later-start', quotes kept
    assert "    rebuts: [outside-view]" in text.splitlines()  # was 'other:outside-view'


# -- the hand-written fixture -------------------------------------------------------------------
def test_fixture_edits_keep_comments_quotes_and_styles(fixtures: Path) -> None:
    assert edit(fixtures, "styles", lambda e: e.set_text("styles:bus-cost", "Buses: costly.")) == (
        ["    text: 'Buses cost money: the budget is thin.'"],
        ["    text: 'Buses: costly.'"],
    )
    assert edit(fixtures, "styles", lambda e: e.link("styles:teen-sleep", "rebuts", "styles:bus-cost")) == (
        [],
        ["    rebuts: [bus-cost]"],
    )
    # a lone value becomes a list on its own line
    assert edit(fixtures, "styles", lambda e: e.link("styles:bus-cost", "supports", "styles:dark-practice")) == (
        [],
        ["    supports: [dark-practice]"],
    )
    assert edit(fixtures, "styles", lambda e: e.link("styles:savings", "supports", "styles:later-start")) == ([], ["    supports: [later-start]"])
    # a literal block stays literal
    removed, added = edit(fixtures, "styles", lambda e: e.set_text("styles:savings", "Fewer absences pay for it."))
    assert (removed, added) == (["      Fewer absences pay for the buses."], ["      Fewer absences pay for it."])
    # a flow-style claim gains a key on its own line
    removed, added = edit(fixtures, "styles", lambda e: e.set_note("styles:dark-practice", "winter"))
    assert len(removed) == 1 and removed[0].startswith("  dark-practice: {") and added[0].endswith("note: winter}")


def test_fixture_block_list_at_column_of_its_key_gets_an_item(fixtures: Path) -> None:
    removed, added = edit(fixtures, "styles", lambda e: e.link("styles:grades-rose", "rebuts", "styles:bus-cost"))
    assert removed == [] and added == ["    rebuts: [bus-cost]"]
    path = fixtures / "styles.yaml"
    before = read(path)
    editor = Editor(fixtures)
    editor.unlink("styles:grades-rose", "styles:teen-sleep")
    editor.save()
    removed, added = diff(before, read(path))
    assert removed[0] == "    - teen-sleep        # block list, dash at the key's column"
    assert load_workspace([fixtures]).ok


def test_fixture_removal_keeps_the_section_comment_and_end_comment(fixtures: Path) -> None:
    path = fixtures / "styles.yaml"
    removed, added = edit(fixtures, "styles", lambda e: e.remove_claim("styles:not-all-districts"))
    assert added == [] and removed == ["  not-all-districts:", "    text: Three districts are not every district.", "    by: bo", "    undercuts: [r-grades]", "    note: a coach's note   # trailing", ""]
    assert read(path).endswith("  dark-practice: {text: Sports practice would end after dark in winter., by: bo, rebuts: [later-start]}\n\n# the end: a comment after the last claim\n")
    editor = Editor(fixtures)
    editor.add_claim("styles:z", "Z.")
    assert read(path).endswith("# the end: a comment after the last claim\n")
    assert editor.texts[path].splitlines()[-4:] == ["  z:", "    text: Z.", "", "# the end: a comment after the last claim"]


# -- refusals ---------------------------------------------------------------------------------------
def test_a_change_that_adds_errors_is_refused_and_changes_nothing(bundled: Path) -> None:
    editor = Editor(bundled)
    texts = editor.texts
    with pytest.raises(ChangeRefused) as refused:
        editor.add_claim(f"{IJM}:bad", "Bad.", by="rothh", supports=[f"{IJM}:nope"])
    codes = sorted(p.code for p in refused.value.problems)
    assert codes == ["unknown-claim", "unknown-speaker"]
    assert all("ijm-vs-thrupkaew.yaml" in str(p) for p in refused.value.problems)
    assert editor.texts == texts and not editor.dirty and not editor.can_undo


@pytest.mark.parametrize(
    "operation",
    [
        lambda e: e.add_claim(f"{IJM}:law-enforcement-essential", "Twice."),
        lambda e: e.add_claim(f"{IJM}:q", "Q.", quote=("roth-letter", "words Roth never wrote")),
        lambda e: e.link(f"{IJM}:ngo-has-no-raid-authority", "supports", f"{IJM}:ngo-has-no-raid-authority"),
        lambda e: e.link(f"{IJM}:ngo-has-no-raid-authority", "rebuts", f"{IJM}:ijm-does-not-raid"),
        lambda e: e.unlink(f"{IJM}:series-police-corruption", f"{IJM}:corruption-argues-against-enforcement"),
        lambda e: e.set_speaker(f"{IJM}:siem-reap-tip", "nobody"),
        lambda e: e.set_weight(f"{IJM}:siem-reap-tip", 2),
        lambda e: e.set_quote(f"{IJM}:siem-reap-tip", "no-such-source", "x"),
        lambda e: e.move_claim(f"{IJM}:siem-reap-tip", "context"),
    ],
    ids=["duplicate-id", "quote-not-in-source", "self-support", "support-and-rebut", "undercut-loses-target", "unknown-speaker", "bad-weight", "unknown-source", "move-without-speaker"],
)
def test_operations_that_would_break_the_map_are_refused(bundled: Path, operation) -> None:  # type: ignore[no-untyped-def]
    editor = Editor(bundled)
    texts = editor.texts
    with pytest.raises(ChangeRefused) as refused:
        operation(editor)
    assert refused.value.problems
    assert editor.texts == texts and not editor.can_undo
    assert editor.workspace.ok


def test_warnings_are_reported_not_refused(bundled: Path) -> None:
    editor = Editor(bundled)
    change = editor.link(f"{IJM}:corruption-calls-for-training", "supports", f"{IJM}:ijm-trained-hundreds-of-officers")
    assert [w.code for w in change.warnings] == ["support-cycle"]


# -- undo and redo --------------------------------------------------------------------------------
def test_undo_and_redo_walk_the_states_across_saves(bundled: Path) -> None:
    path = bundled / f"{IJM}.yaml"
    original = read(path)
    editor = Editor(bundled)
    editor.add_claim(f"{IJM}:one", "One.")
    after_one = editor.texts[path]
    editor.save()
    editor.link(f"{IJM}:one", "supports", f"{IJM}:law-enforcement-essential")
    after_two = editor.texts[path]
    assert editor.dirty
    assert editor.undo() is not None and editor.texts[path] == after_one and not editor.dirty
    assert f"{IJM}:one->law-enforcement-essential" not in editor.workspace.relations
    assert editor.undo() is not None and editor.texts[path] == original and editor.dirty  # undo past the save
    assert f"{IJM}:one" not in editor.workspace.claims
    assert editor.undo() is None
    editor.save()
    assert read(path) == original
    assert editor.redo() is not None and editor.redo() is not None and editor.texts[path] == after_two
    assert editor.redo() is None
    assert f"{IJM}:one->law-enforcement-essential" in editor.workspace.relations
    editor.undo()
    editor.set_note(f"{IJM}:one", "new branch")
    assert not editor.can_redo  # a new change drops the undone one


# -- conflicts ----------------------------------------------------------------------------------------
def test_saving_over_a_file_changed_on_disk_raises_with_both_versions(bundled: Path) -> None:
    path = bundled / f"{IJM}.yaml"
    editor = Editor(bundled)
    editor.set_note(f"{IJM}:siem-reap-tip", "mine")
    theirs = read(path).replace('title: "', 'title: "THEIRS ', 1)
    path.write_text(theirs, encoding="utf-8")
    with pytest.raises(ConflictError) as conflict:
        editor.save()
    assert conflict.value.path == path and conflict.value.theirs == theirs and "note: mine" in conflict.value.mine
    assert read(path) == theirs, "nothing was written"
    editor.save(force=True)
    assert read(path) == conflict.value.mine


def test_reload_takes_theirs_and_undo_brings_mine_back(bundled: Path) -> None:
    path = bundled / f"{IJM}.yaml"
    editor = Editor(bundled)
    editor.set_note(f"{IJM}:siem-reap-tip", "mine")
    mine = editor.texts[path]
    theirs = read(path).replace('title: "', 'title: "THEIRS ', 1)
    path.write_text(theirs, encoding="utf-8")
    editor.reload()
    assert editor.texts[path] == theirs and not editor.dirty
    assert editor.workspace.maps[IJM].title.startswith("THEIRS")
    editor.undo()
    assert editor.texts[path] == mine and editor.dirty
    editor.save()  # the session has seen theirs: keeping mine is now a choice, not an accident
    assert read(path) == mine


def test_an_unchanged_map_is_not_written_even_if_others_are(bundled: Path) -> None:
    editor = Editor(bundled)
    editor.set_note(f"{IJM}:siem-reap-tip", "x")
    (bundled / "context.yaml").write_text(read(bundled / "context.yaml") + "\n# edited elsewhere\n", encoding="utf-8")
    assert editor.save() == (bundled / f"{IJM}.yaml",)


# -- slices: editing a few claims gives exactly what editing the whole document gives ----------
def _random_session(folder: Path, whole: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    import random

    import argmap.edit.session as session
    from argmap.edit.slices import SliceError

    if whole:
        def refuse(*args: object, **kwargs: object) -> None:
            raise SliceError("whole document")

        monkeypatch.setattr(session, "Slice", refuse)
    editor = Editor(folder)
    chooser = random.Random(7)
    for step in range(40):
        key = chooser.choice(list(editor.workspace.claims))
        stem = key.partition(":")[0]
        try:
            match chooser.randrange(5):
                case 0:
                    editor.set_text(key, f"Edited {step}: [x]")
                case 1:
                    editor.remove_claim(key)
                case 2:
                    editor.add_claim(f"{stem}:n{step}", "New.", rebuts=[key], after=chooser.choice([None, key]))
                case 3:
                    editor.move_claim(key, chooser.choice([m for m in editor.workspace.maps if m != stem]))
                case _:
                    editor.set_note(key, f"note {step}")
        except ChangeRefused:
            pass
    monkeypatch.undo()
    return {p.name: t for p, t in editor.texts.items()}


def test_slice_edits_equal_whole_document_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sliced, whole = tmp_path / "sliced", tmp_path / "whole"
    shutil.copytree(REPO / "arguments", sliced)
    shutil.copytree(REPO / "arguments", whole)
    assert _random_session(sliced, False, monkeypatch) == _random_session(whole, True, monkeypatch)


def test_a_flow_style_claims_map_is_edited_whole(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("argmap: 1\ntitle: T\nclaims: {a: {text: A.}, b: {text: B.}}  # kept\n", encoding="utf-8")
    editor = Editor(tmp_path)
    editor.link("flow:b", "supports", "flow:a")
    editor.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("argmap: 1\ntitle: T\nclaims: {a: {text: A.}, b: {text: B., supports: [a]}}") and "# kept" in text


def test_quote_verdicts_are_reused_but_problems_match_the_loader(bundled: Path) -> None:
    editor = Editor(bundled)
    key = f"{IJM}:series-misrepresents-ijm"
    with pytest.raises(ChangeRefused):
        editor.set_quote(key, "nation-letters", "words that are not in the source at all")
    editor.set_text(f"{IJM}:ijm-does-not-raid", "Moved lines, same quotes.\nSecond line.")
    assert [str(p) for p in editor.workspace.problems] == [str(p) for p in load_workspace([bundled], texts=editor.texts).problems]
