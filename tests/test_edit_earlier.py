"""An edit back to a map's earlier data writes that earlier text's bytes (argmap.edit.earlier, issue #18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.edit import Editor, earlier
from argmap.edit.earlier import fingerprint, patch, patched
from conftest import run_argmap

# a tagged claim key ('! b:') makes the claims no plain blocks of lines, so a moved claim has
# no lines as written to go by: ruamel re-spells its escape and its comment's gap
TAGGED = 'argmap: 1\ntitle: T\nclaims:\n  a:\n    text: A.\n  ! b:\n    text: "B, caf\\u00e9"   # b\n  c:\n    text: C.\n'
TWO = "argmap: 1\ntitle: Two\nclaims:\n  x: {text: X}\n"


def _folder(tmp_path: Path, one: str = TAGGED) -> tuple[Path, Path]:
    (tmp_path / "one.yaml").write_text(one, encoding="utf-8", newline="")
    (tmp_path / "two.yaml").write_text(TWO, encoding="utf-8")
    return tmp_path / "one.yaml", tmp_path / "two.yaml"


def _without_earlier(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(earlier.Earlier, "restore", lambda self, path, text: text)


def test_a_claim_moved_out_of_a_map_ruamel_respells_and_back_gives_the_bytes_back(tmp_path: Path) -> None:
    one, two = _folder(tmp_path)
    editor = Editor(tmp_path)
    editor.move_claim("one:b", "two")
    assert "  b:" in editor.texts[two] and "  ! b:" not in editor.texts[one]
    editor.move_claim("two:b", "one", "one:a")
    assert editor.texts == {one: TAGGED, two: TWO}


def test_without_the_earlier_texts_that_move_back_comes_back_respelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the layout above is one the pairing of lines does not give back: this is what the mechanism closes
    _without_earlier(monkeypatch)
    one, _ = _folder(tmp_path)
    editor = Editor(tmp_path)
    editor.move_claim("one:b", "two")
    editor.move_claim("two:b", "one", "one:a")
    assert editor.texts[one] != TAGGED


def test_an_edit_to_new_data_writes_what_it_wrote_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _folder(tmp_path)
    steps = (lambda e: e.link("one:c", "rebuts", "one:a"), lambda e: e.set_text("one:a", "A, said otherwise."), lambda e: e.add_claim("one:d", "D.", supports=["one:c"]))
    editor = Editor(tmp_path)
    made = [(step(editor), editor.texts)[1] for step in steps]
    _without_earlier(monkeypatch)
    plain = Editor(tmp_path)
    assert made == [(step(plain), plain.texts)[1] for step in steps]
    assert "rebuts: [a]" in made[0][tmp_path / "one.yaml"]


def test_undo_and_redo_step_through_the_restored_states(tmp_path: Path) -> None:
    one, two = _folder(tmp_path)
    editor = Editor(tmp_path)
    editor.move_claim("one:b", "two")
    moved = editor.texts
    editor.move_claim("two:b", "one", "one:a")
    assert editor.undo() is not None and editor.texts == moved
    assert editor.redo() is not None and editor.texts == {one: TAGGED, two: TWO}
    editor.undo()
    editor.undo()
    assert editor.texts == {one: TAGGED, two: TWO} and not editor.can_undo
    assert "one:b" in editor.workspace.claims


def test_no_text_from_before_a_reload_comes_back(tmp_path: Path) -> None:
    one, _ = _folder(tmp_path)
    editor = Editor(tmp_path)
    theirs = TAGGED.replace("  a:\n", "  # changed on disk by someone else\n  a:\n")  # the same data, other bytes
    one.write_text(theirs, encoding="utf-8", newline="")
    editor.reload()
    editor.move_claim("one:b", "two")
    editor.move_claim("two:b", "one", "one:a")
    assert editor.texts[one] == theirs


def test_large_texts_and_far_lengths_are_not_fingerprinted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = earlier.fingerprint
    monkeypatch.setattr(earlier, "fingerprint", lambda text: calls.append(len(text)) or real(text))
    _folder(tmp_path)
    editor = Editor(tmp_path)
    editor.set_text("one:a", "A much longer text. " * 20)  # 400 characters more than any earlier text: no parse
    assert calls == []
    editor.set_text("one:a", "A!")
    assert calls == []  # near in length, but the lines that differ differ in more than spelling
    editor.set_text("one:a", "A,")  # (a comma is spelling to the cheap test: the parse tells)
    assert calls
    monkeypatch.setattr(earlier, "MAX_CHARS", 50)
    calls.clear()
    editor.set_text("one:a", "A, again.")
    assert calls == []


def test_the_fingerprint_is_the_data_in_order_without_comments_or_layout() -> None:
    base = fingerprint("a: 1\nb: [x, y]  # c\n")
    assert base is not None
    assert fingerprint("# head\na:   1\nb:\n- 'x'\n- \"y\"\n") == base
    assert fingerprint("b: [x, y]\na: 1\n") != base  # order
    assert fingerprint("a: '1'\nb: [x, y]\n") != base  # a string is not a number
    assert fingerprint("a: 1.0\nb: [x, y]\n") != base
    assert fingerprint("a: 1\nb: [x, y]\na: 2\n") is None  # a duplicate key drops a value: no fingerprint
    assert fingerprint("a: [\n") is None


@pytest.fixture
def memory_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """argmap's cache on (it holds the edit memory), in the test's own folder."""
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)


@pytest.mark.usefixtures("memory_on")
def test_mv_and_mv_back_as_commands_give_back_both_files_ruamel_respells(tmp_path: Path) -> None:
    # the commands are separate processes: the edit memory keeps the texts a map had before
    one, two = _folder(tmp_path)
    assert run_argmap("mv", one, "b", "two").code == 0
    assert "  b:" in two.read_text(encoding="utf-8")
    result = run_argmap("mv", two, "b", "one", "--after", "a")
    assert result.code == 0, result.err
    assert (one.read_text(encoding="utf-8"), two.read_text(encoding="utf-8")) == (TAGGED, TWO)


@pytest.mark.usefixtures("memory_on")
def test_no_earlier_text_comes_back_after_an_edit_by_hand(tmp_path: Path) -> None:
    one, two = _folder(tmp_path)
    assert run_argmap("mv", one, "b", "two").code == 0
    by_hand = one.read_text(encoding="utf-8").replace("  a:\n", "  # by hand\n  a:\n")
    one.write_text(by_hand, encoding="utf-8", newline="")
    assert run_argmap("mv", two, "b", "one", "--after", "a").code == 0
    assert "  # by hand\n" in one.read_text(encoding="utf-8") and one.read_text(encoding="utf-8") != TAGGED


@pytest.mark.parametrize(("base", "text"), [("abcdef", "abXYef"), ("aaa", "aaaa"), ("", "x"), ("same", "same"), ("ab\r\ncd", "ab\ncd")])
def test_a_patch_gives_the_text_back_from_its_base(base: str, text: str) -> None:
    change = patch(base, text)
    assert patched(base, change) == text
    assert len(change[2]) <= max(len(text) - min(len(base), len(text)), 0) + 2
    assert patched("", (3, 0, "x")) is None
