"""Bad input: every item gets a one-line error with file:line:column, exit 2, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.errors import CONTROL_CHARACTER
from conftest import run_argmap

LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+) \[(?P<code>[a-z-]+)\]( \((?P<hint>.+)\))?$")

GOOD_HEAD = """\
argmap: 1
title: Test
sides:
  pro: {label: Pro}
  con: {label: Con}
speakers:
  ann: {name: Ann, side: pro}
  bob: {name: Bob, side: con}
sources:
  talk: {title: Talk, text: talk.txt}
claims:
"""
SOURCE_TEXT = "We say that raids “rescue” victims – and nothing\u00a0else.\nIt is   wrapped\nover lines.\n"


def write(tmp_path: Path, body: str, name: str = "m.yaml", head: str = GOOD_HEAD) -> Path:
    (tmp_path / "talk.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / name
    path.write_text(head + body, encoding="utf-8")
    return path


def problems(out: str) -> list[re.Match[str]]:
    """Parse check's output; every line must be a well-formed one-line problem."""
    found = []
    for line in out.splitlines():
        match = LINE.match(line)
        assert match, f"not a one-line problem: {line!r}"
        found.append(match)
    return found


def only(cli, path: Path, code: str, line: int | None = None, col: int | None = None, exit_code: int = 2):  # type: ignore[no-untyped-def]
    result = cli("check", path)
    assert result.code == exit_code, result
    found = problems(result.out)
    assert [m["code"] for m in found] == [code], result.out
    if line is not None:
        assert int(found[0]["line"]) == line, result.out
    if col is not None:
        assert int(found[0]["col"]) == col, result.out
    assert "Traceback" not in result.out + result.err
    return found[0]


def test_clean_map_passes(cli, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '  a: {text: A, by: ann, kind: thesis, quote: {source: talk, text: "raids “rescue” victims – and nothing\u00a0else."}}\n'
        '  b: {text: B, by: bob, rebuts: [a], quote: {source: talk, text: "It is wrapped over lines."}}\n',
    )
    result = cli("check", path)
    assert result.code == 0, result
    assert result.out == ""
    assert "2 claims, 1 relations, 2 quotes verified against their sources: 0 error(s), 0 warning(s)" in result.err


def test_malformed_yaml(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: [unclosed\n")
    found = only(cli, path, "yaml-syntax")
    assert int(found["line"]) >= 12


def test_tabs_are_named_in_the_hint(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a:\n\ttext: A\n")
    found = only(cli, path, "yaml-syntax", line=13, col=1)
    assert "tabs" in found["hint"]


def test_document_that_is_not_a_mapping(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "", head="- just\n- a list\n")
    found = only(cli, path, "wrong-type", line=1, col=1)
    assert "mapping" in found["msg"]


def test_empty_file(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "", head="")
    found = only(cli, path, "empty-map", line=1, col=1)
    assert "argmap new" in found["hint"]


def test_binary_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = cli("check", path)
    assert result.code == 2
    assert problems(result.out)[0]["code"] == "file-binary"


def test_non_utf8_file_points_at_the_byte(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"argmap: 1\ntitle: caf\xe9\n")
    only(cli, path, "file-encoding", line=2, col=11)


@pytest.mark.parametrize(
    ("body", "line", "col"),
    [
        ('  a: {text: "Raids \\e[2Jwork", by: ann}\n', 12, 13),  # ESC: clears the screen of whoever reads it
        ('  a: {text: A, by: ann}\n  b:\n    text: "B \\x9b31m"\n', 14, 11),  # CSI, the one-character ESC [
        ('  a: {text: "It works.\\rIt fails.", by: ann}\n', 12, 13),  # a carriage return alone overwrites its line
        ('  "a\\u0007": {text: A}\n', 12, 3),  # a bell, in a key
    ],
)
def test_control_characters_are_refused_where_they_are_written(cli, tmp_path: Path, body: str, line: int, col: int) -> None:
    path = write(tmp_path, body)
    found = only(cli, path, "yaml-control", line=line, col=col)
    assert "terminal" in found["hint"]
    assert CONTROL_CHARACTER.search(found.string) is None  # the report names it, and is itself plain text


def test_tabs_line_ends_and_literal_backslashes_are_text(cli, tmp_path: Path) -> None:
    path = write(tmp_path, '  a: {text: "Tab\\there,\\nthen a new line,\\r\\nand a Windows one", by: ann}\n  b: {text: \'a \\e is two characters here\', by: bob, rebuts: a}\n')
    result = cli("check", path)
    assert result.code == 0, result


def test_a_problem_line_shows_control_characters_it_quotes_without_obeying_them() -> None:
    from argmap.errors import Location, Problem

    shown = str(Problem("quote-not-found", "quote not found in its source", Location("m.yaml", 3, 5), hint="closest passage: \u201cred\x1b[31m text\x9b2J\u201d"))
    assert shown == "m.yaml:3:5: error: quote not found in its source [quote-not-found] (closest passage: \u201cred\ufffd[31m text\ufffd2J\u201d)"


@pytest.mark.parametrize(
    ("body", "line", "col"),
    [
        ("  a: {text: A}\n  a: {text: B}\n", 13, 3),  # duplicate claim id
        ("  a:\n    text: A\n    text: B\n", 14, 5),  # duplicate key in a claim
        ("  a:\n    text: A\n    quote: {source: talk, source: talk, text: x}\n", 14, 27),  # in a nested mapping
    ],
)
def test_duplicate_keys_at_any_depth(cli, tmp_path: Path, body: str, line: int, col: int) -> None:
    path = write(tmp_path, body)
    result = cli("check", path)
    assert result.code == 2
    dupes = [m for m in problems(result.out) if m["code"] == "duplicate-key"]
    assert len(dupes) == 1 and (int(dupes[0]["line"]), int(dupes[0]["col"])) == (line, col), result.out
    assert "first defined at line" in dupes[0]["hint"]


def test_duplicate_top_level_key(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A}\ntitle: Again\n")
    only(cli, path, "duplicate-key", line=13, col=1)


def test_duplicate_relation_ids(cli, tmp_path: Path) -> None:
    path = write(tmp_path, (
        "  a: {text: A}\n"
        "  b: {text: B, supports: [{to: a, id: r1}]}\n"
        "  c: {text: C, rebuts: [{to: a, id: r1}]}\n"
    ))
    found = only(cli, path, "duplicate-id", line=14)
    assert "r1" in found["msg"]


def test_relation_id_may_not_reuse_a_claim_id(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A}\n  b: {text: B, supports: [{to: a, id: a}]}\n")
    only(cli, path, "duplicate-id", line=13)


def test_unknown_key_gets_did_you_mean(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {txt: A}\n")
    result = cli("check", path)
    codes = {m["code"]: m for m in problems(result.out)}
    assert result.code == 2
    assert codes["unknown-key"]["hint"] == "did you mean 'text'?"
    assert (int(codes["unknown-key"]["line"]), int(codes["unknown-key"]["col"])) == (12, 7)
    assert "missing-key" in codes  # and text is then missing


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("  a: {text: [not, text]}\n", "must be text"),
        ("  a: {text: A, supports: 7}\n", "must be a list"),
        ("  a: {text: A, weight: high}\n", "number from 0 to 1"),
        ("  a: {text: A, tags: {x: 1}}\n", "must be a list"),
        ("  a: {text: A, kind: thesiss}\n", "unknown kind"),
        ("  a: {text: A, quote: quoted words}\n", "must be a mapping"),
    ],
)
def test_wrong_types(cli, tmp_path: Path, body: str, fragment: str) -> None:
    path = write(tmp_path, body)
    result = cli("check", path)
    assert result.code == 2
    found = problems(result.out)
    assert len(found) == 1 and fragment in found[0]["msg"], result.out
    assert int(found[0]["line"]) == 12


def test_wrong_type_of_format_version(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A}\n", head=GOOD_HEAD.replace("argmap: 1", "argmap: 2"))
    only(cli, path, "bad-version", line=1, col=9)


@pytest.mark.parametrize("missing", ["argmap", "title", "claims"])
def test_missing_required_top_level_keys(cli, tmp_path: Path, missing: str) -> None:
    head = "".join(line + "\n" for line in GOOD_HEAD.splitlines() if not line.startswith(missing + ":"))
    body = "" if missing == "claims" else "  a: {text: A}\n"
    if missing == "claims":
        head = head.replace("claims:\n", "")
    path = write(tmp_path, body, head=head)
    found = only(cli, path, "missing-key", line=1, col=1)
    assert repr(missing) in found["msg"]


@pytest.mark.parametrize(
    ("body", "code", "hint"),
    [
        ("  a: {text: A, by: an}\n", "unknown-speaker", "did you mean 'ann'?"),
        ("  a: {text: A, quote: {source: tlk, text: x}}\n", "unknown-source", "did you mean 'talk'?"),
        ("  abc: {text: A}\n  b: {text: B, supports: [abd]}\n", "unknown-claim", "did you mean 'abc'?"),
        ("  abc: {text: A}\n  b: {text: B, rebuts: [abd]}\n", "unknown-claim", "did you mean 'abc'?"),
        ("  abc: {text: A}\n  b: {text: B, supports: [{to: abc, with: [abd]}]}\n", "unknown-claim", "did you mean 'abc'?"),
        ("  abc: {text: A}\n  b: {text: B, undercuts: [abd -> abc]}\n", "unknown-claim", "did you mean 'abc'?"),
        ("  a: {text: A, supports: [nosuchmap:x]}\n", "unknown-map", None),
        # names that are no file of the folder: no crash, and no reading outside it
        ("  a: {text: A, supports: ['" + "x" * 300 + ":a']}\n", "unknown-map", None),
        ('  a: {text: A, supports: ["nul\\0map:a"]}\n', "yaml-control", None),  # refused as it is read
    ],
)
def test_dangling_references(cli, tmp_path: Path, body: str, code: str, hint: str | None) -> None:
    path = write(tmp_path, body)
    found = only(cli, path, code)
    if hint:
        assert found["hint"] == hint


def test_speaker_on_unknown_side(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A}\n", head=GOOD_HEAD.replace("side: con}", "side: cons}"))
    found = only(cli, path, "unknown-side", line=8)
    assert found["hint"] == "did you mean 'con'?"


def test_cross_map_reference_to_missing_claim(cli, tmp_path: Path) -> None:
    write(tmp_path, "  fact: {text: F}\n", name="other.yaml")
    path = write(tmp_path, "  a: {text: A, supports: [other:fakt]}\n")
    found = only(cli, path, "unknown-claim", line=12)
    assert found["hint"] == "did you mean 'fact'?"


def test_cross_map_reference_resolves(cli, tmp_path: Path) -> None:
    write(tmp_path, "  fact: {text: F}\n", name="other.yaml")
    path = write(tmp_path, "  a: {text: A, supports: [other:fact]}\n  b: {text: B, undercuts: ['a -> other:fact']}\n")
    result = cli("check", path)
    assert result.code == 0, result.out


def test_undercut_of_a_relation_that_does_not_exist(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A}\n  b: {text: B}\n  c: {text: C, undercuts: [a -> b]}\n")
    found = only(cli, path, "unknown-relation", line=14)
    assert "neither supports nor rebuts" in found["msg"]


def test_undercut_of_unknown_relation_id(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A}\n  b: {text: B, supports: [{to: a, id: r-one}]}\n  c: {text: C, undercuts: [r-on]}\n")
    found = only(cli, path, "unknown-relation", line=14)
    assert found["hint"] == "did you mean 'r-one'?"


def test_counter_undercut_resolves(cli, tmp_path: Path) -> None:
    path = write(tmp_path, (
        "  a: {text: A}\n"
        "  b: {text: B, supports: [a]}\n"
        "  c: {text: C, undercuts: [{to: b -> a, id: u1}]}\n"
        "  d: {text: D, undercuts: [u1]}\n"
    ))
    assert cli("check", path).code == 0


def test_self_support(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A, supports: [a]}\n")
    only(cli, path, "self-relation", line=12)


def test_support_cycle_is_a_warning(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A, supports: [b]}\n  b: {text: B, supports: [c]}\n  c: {text: C, supports: [a]}\n")
    found = only(cli, path, "support-cycle", exit_code=0)
    assert found["sev"] == "warning"
    assert "a → b → c → a" in found["msg"] or "b → c → a → b" in found["msg"] or "c → a → b → c" in found["msg"]
    assert cli("check", "--strict", path).code == 1


def test_quote_not_in_source_shows_closest_passage(cli, tmp_path: Path) -> None:
    # a straight quote where the source has curly ones: the classic verbatim slip
    path = write(tmp_path, '  a: {text: A, quote: {source: talk, text: "raids \\"rescue\\" victims"}}\n')
    found = only(cli, path, "quote-not-found", line=12)
    assert "U+0022" in found["msg"] and "U+201C" in found["msg"]
    assert "raids “rescue” victims" in found["hint"]


def test_non_breaking_space_must_match(cli, tmp_path: Path) -> None:
    path = write(tmp_path, '  a: {text: A, quote: {source: talk, text: "nothing else."}}\n')
    found = only(cli, path, "quote-not-found")
    assert "U+00A0" in found["msg"]


def test_source_path_escaping_the_workspace(cli, tmp_path: Path) -> None:
    inner = tmp_path / "maps"
    inner.mkdir()
    (tmp_path / "secret.txt").write_text("x")
    path = write(inner, "  a: {text: A}\n", head=GOOD_HEAD.replace("text: talk.txt", "text: ../secret.txt"))
    only(cli, path, "source-outside", line=10)


def test_missing_source_file(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A}\n", head=GOOD_HEAD.replace("text: talk.txt", "text: gone.txt"))
    only(cli, path, "source-missing", line=10)


def test_reference_cannot_reach_a_map_outside_the_folder(cli, tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "other.yaml").write_text("argmap: 1\ntitle: Other\nclaims:\n  b: {text: B}\n", encoding="utf-8")
    path = write(inner, "  a: {text: A, supports: ['../other:b']}\n")
    only(cli, path, "unknown-map")


@pytest.mark.parametrize(("name", "code"), [("x" * 300 + ".txt", "source-missing"), ('"nul\\0.txt"', "yaml-control")])
def test_impossible_source_file_name(cli, tmp_path: Path, name: str, code: str) -> None:
    path = write(tmp_path, "  a: {text: A}\n", head=GOOD_HEAD.replace("text: talk.txt", f"text: {name}"))
    only(cli, path, code, line=10)


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    path = tmp_path / "m.yaml"
    path.write_text("\n".join(lines) + "\n")
    result = run_argmap("check", path, timeout=20)  # a real expansion would take minutes and gigabytes
    assert result.code == 2
    found = problems(result.out)
    assert [m["code"] for m in found] == ["yaml-alias"]
    assert (int(found[0]["line"]), int(found[0]["col"])) == (2, 8)


def _big_map(path: Path, megabytes: int) -> int:
    """Write a valid map of about ``megabytes`` MiB; return its number of claims."""
    (path.parent / "talk.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    with path.open("w") as out:
        out.write(GOOD_HEAD)
        line = "  c{}: {{text: " + "x" * 180 + "}}\n"
        count = megabytes * 2**20 // len(line) + 1
        for i in range(count):
            out.write(line.format(i))
    return count


def test_fifty_megabyte_file_is_checked_in_memory_linear_in_its_size(tmp_path: Path) -> None:
    import resource

    path = tmp_path / "m.yaml"
    claims = _big_map(path, 50)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = run_argmap("check", path)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert result.code == 0, result.err
    assert f" {claims} claims" in result.err
    # measured ~11 bytes of memory per byte of map (bench/bench_check.py); 16 leaves room
    assert max(peak_kib, before) * 1024 < 16 * path.stat().st_size


def test_file_over_the_size_limit_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    _big_map(path, 2)
    result = cli("check", "--max-size", "1", path)
    assert result.code == 2
    found = problems(result.out)[0]
    assert found["code"] == "file-too-large"
    assert "1 MiB limit" in found["msg"] and "--max-size" in found["hint"]


def test_claim_text_of_one_megabyte_is_checked(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a:\n    text: " + "word " * 200_000 + "\n")
    result = cli("check", path)
    assert result.code == 0, result.out[:500]


def test_deeply_nested_yaml(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("claims: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run_argmap("check", path, timeout=20)  # PyYAML's compose would crash the interpreter here
    assert result.code == 2, result
    found = problems(result.out)
    assert [m["code"] for m in found] == ["yaml-depth"]


def test_no_such_path(cli, tmp_path: Path) -> None:
    result = cli("check", tmp_path / "nope.yaml")
    assert result.code == 2
    assert problems(result.out)[0]["code"] == "no-such-file"


def test_json_output_lists_every_problem(cli, tmp_path: Path) -> None:
    import json

    path = write(tmp_path, "  a: {text: A, by: nobody}\n  b: {text: B, supports: [zz]}\n")
    result = cli("check", "--format", "json", path)
    report = json.loads(result.out)
    assert result.code == 2 and report["ok"] is False and report["errors"] == 2
    assert {p["code"] for p in report["problems"]} == {"unknown-speaker", "unknown-claim"}
    assert all(p["line"] > 0 and p["column"] > 0 for p in report["problems"])


def test_all_problems_are_collected_before_reporting(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "  a: {text: A, by: nobody, colour: red}\n  b: {text: B, supports: [zz]}\n  c: {kind: claim}\n")
    result = cli("check", path)
    assert result.code == 2
    assert len(problems(result.out)) == 4
