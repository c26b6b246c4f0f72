"""The loader reads claims one at a time: what that must not change, at the edges of a stream."""

from __future__ import annotations

from pathlib import Path

from argmap.load import load_workspace
from argmap.model import Workspace
from argmap.yamlread import MarkedMap, YamlDocument, position, read_yaml_text

HEAD = """\
argmap: 1
title: Test
speakers:
  ann: {name: Ann}
claims:
"""


def many(n: int) -> str:
    """``n`` claims, each but the first supporting the first."""
    return "".join(f"  c{i}: {{text: Claim {i}., by: ann{', supports: [c0]' if i else ''}}}\n" for i in range(n))


def load(tmp_path: Path, text: str) -> Workspace:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return load_workspace([path])


def codes(ws: Workspace) -> list[tuple[str, int, int]]:
    return [(p.code, p.location.line, p.location.column) for p in ws.problems]


def test_claims_are_handed_out_as_read_not_kept_in_the_tree() -> None:
    document = YamlDocument(HEAD + many(3), "m.yaml")
    entries = document.entries(("claims",))
    cid, value, key_mark, value_mark = next(entries)
    assert (cid, value["text"], position(key_mark), position(value_mark)) == ("c0", "Claim 0.", (6, 3), (6, 7))
    assert [e[0] for e in entries] == ["c1", "c2"]
    claims = document.root["claims"]
    assert isinstance(claims, MarkedMap) and len(claims) == 0  # nothing kept
    assert document.problems == []


def test_streamed_entries_are_the_entries_of_the_whole_tree(tmp_path: Path) -> None:
    text = HEAD + many(5) + "  flow: {text: x, quote: {source: s, text: y}, rebuts: [c1, {to: c2, with: [c3]}]}\n"
    whole, _ = read_yaml_text(text, "m.yaml")
    claims = whole["claims"]
    expected = [(k, claims[k], position(claims.key_marks[k]), position(claims.value_marks[k])) for k in claims]
    streamed = [(k, v, position(km), position(vm)) for k, v, km, vm in YamlDocument(text, "m.yaml").entries(("claims",))]
    assert streamed == expected


def test_a_duplicate_claim_id_far_apart_is_the_only_problem(tmp_path: Path) -> None:
    # claims read before the duplicate was found must not report anything of their own
    ws = load(tmp_path, HEAD + "  early: {text: x, by: nobody, supports: [missing]}\n" + many(300) + "  early: {text: y}\n")
    assert codes(ws) == [("duplicate-key", 307, 3)]
    assert "first defined at line 6" in str(ws.problems[0])
    assert ws.claims == {}


def test_an_error_inside_the_last_claim_is_the_only_problem(tmp_path: Path) -> None:
    ws = load(tmp_path, HEAD + "  early: {text: x, by: nobody}\n" + many(300) + "  last: {text: [}\n")
    assert codes(ws) == [("yaml-syntax", 307, 17)]


def test_a_flow_style_map_reads_like_a_block_one(tmp_path: Path) -> None:
    block = load(tmp_path, HEAD + "  a: {text: A, by: ann}\n  b: {text: B, by: bob, rebuts: [a]}\n")
    text = "{argmap: 1, title: Test, speakers: {ann: {name: Ann}}, claims: {a: {text: A, by: ann}, b: {text: B, by: bob, rebuts: [a]}}}\n"
    flow = load(tmp_path, text)
    assert [(c.key, c.text, c.by) for c in flow.claims.values()] == [(c.key, c.text, c.by) for c in block.claims.values()]
    assert list(flow.relations) == list(block.relations) == ["m:b->a"]
    assert codes(flow) == [("unknown-speaker", 1, text.index("bob") + 1)]


def test_speakers_and_sources_after_the_claims_still_count(tmp_path: Path) -> None:
    (tmp_path / "talk.txt").write_text("We said it.\n", encoding="utf-8")
    text = "argmap: 1\ntitle: Test\nclaims:\n  a: {text: A, by: ann, quote: {source: talk, text: said it}}\n" + many(2) + "speakers:\n  ann: {name: Ann}\nsources:\n  talk: {title: Talk, text: talk.txt}\n"
    ws = load(tmp_path, text)
    assert ws.problems == ()
    claim = ws.claims["m:a"]
    assert claim.by == "ann" and claim.quote is not None and claim.quote.source == "talk"
    assert list(ws.claims) == ["m:a", "m:c0", "m:c1"]


def test_the_same_problems_whichever_order_the_sections_come_in(tmp_path: Path) -> None:
    claims = "claims:\n  a: {text: A, by: bob}\n  B: {text: B, supports: [zz]}\n"
    speakers = "speakers:\n  ann: {name: Ann}\n"
    first = load(tmp_path, "argmap: 1\ntitle: T\n" + speakers + claims)
    last = load(tmp_path, "argmap: 1\ntitle: T\n" + claims + speakers)
    assert [(p.code, p.message) for p in first.problems] == [(p.code, p.message) for p in last.problems]
    assert [p.code for p in first.problems] == ["unknown-speaker", "bad-id", "unknown-claim"]


def test_a_large_map_reports_its_progress_as_it_reads_and_a_small_one_stays_quiet(tmp_path: Path) -> None:
    from argmap.load import PROGRESS_EVERY

    path = tmp_path / "m.yaml"
    path.write_text(HEAD + many(3 * PROGRESS_EVERY + 10), encoding="utf-8")
    heard: list[str] = []
    workspace = load_workspace([path], progress=heard.append)
    assert len(workspace.claims) == 3 * PROGRESS_EVERY + 10 and workspace.ok
    reading = [m for m in heard if m.startswith("Reading")]
    assert [int(m.split(": ")[1].split(" claims")[0].replace(",", "")) for m in reading] == [PROGRESS_EVERY, 2 * PROGRESS_EVERY, 3 * PROGRESS_EVERY]
    percents = [int(m.rsplit(" ", 1)[1].rstrip("%")) for m in reading]
    assert percents == sorted(percents) and 90 <= percents[-1] <= 100  # the last report comes near the end of the text
    assert str(path.name) in reading[0]
    assert heard[-1].startswith("Checking") and f"{len(workspace.claims):,}" in heard[-1]
    small = tmp_path / "small.yaml"
    small.write_text(HEAD + many(10), encoding="utf-8")
    quiet: list[str] = []
    load_workspace([small], progress=quiet.append)
    assert quiet == []
