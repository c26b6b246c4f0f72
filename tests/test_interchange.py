"""Import and export against real third-party data: arg-microtexts, AIF (AIFdb, DialAM-2024), Kialo.

(Each importer is also tested on fixtures of our own in test_own_fixtures.py, which run
without the third-party data.)

Expected numbers are computed here, independently of the importers, straight from the
source files (ElementTree for the XML, ``json`` for AIF, the README's grammar regex for
Kialo), and every imported map goes through ``load_workspace`` — the loader of
``argmap check`` — so "imports" means "a map argmap accepts, quotes verified".
"""

from __future__ import annotations

import collections
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.interchange import (
    parse_kialo,
    read_aif,
    read_kialo,
    read_microtext,
    to_aif,
    to_argdown,
    to_yaml,
    write_draft,
)
from argmap.interchange.writer import Draft, DraftClaim, DraftSpeaker
from argmap.load import load_workspace
from argmap.model import RelationKind, Workspace
from conftest import ARGUMENTS, corpus, corpus_cases
from fidelity import beside_context, load_draft

MICROTEXTS = sorted(corpus("arg-microtexts/corpus").glob("*/*.xml"))
AIF_FILES = sorted(corpus("aif").glob("*/*.json"))
KIALO_FILES = sorted(corpus("kialo").glob("*.txt"))
B001 = "arg-microtexts/corpus/en/micro_b001.xml"
KIALO_GRAMMAR = re.compile(r"^((?:\d+\.)+) (?:(Pro|Con): )?(.*)$")


def _load(draft: Draft, folder: Path, stem: str = "imported") -> Workspace:
    """Write a draft as a map (with its source texts) and load it as ``argmap check`` does."""
    write_draft(draft, folder / f"{stem}.yaml")
    return load_workspace([folder / f"{stem}.yaml"])


def _triples(ws: Workspace, stem: str, name: str = "text") -> set[tuple[object, str, object]]:
    """The map's relations as (premises, kind, target), claims named by text (or id):
    an undercut's target is the triple of the relation it attacks. Ids may differ
    between two maps; these triples may not."""
    relations = ws.maps[stem].relations

    def claim(key: str) -> str:
        return getattr(ws.claims[key], name)

    def triple(key: str) -> tuple[object, str, object]:
        rel = relations[key]
        target = triple(rel.target) if rel.kind is RelationKind.UNDERCUT else claim(rel.target)
        return frozenset(claim(p) for p in rel.premises), rel.kind.value, target

    return {triple(key) for key in relations}


# -- arg-microtexts ----------------------------------------------------------------------
@pytest.mark.corpus("arg-microtexts/corpus")
def test_both_languages_of_the_corpus_are_complete() -> None:
    assert len([p for p in MICROTEXTS if p.parent.name == "en"]) == 62
    assert len([p for p in MICROTEXTS if p.parent.name == "de"]) == 62


@pytest.mark.corpus("arg-microtexts/corpus")
@pytest.mark.parametrize("path", corpus_cases(MICROTEXTS), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_microtext_imports_with_every_relation(path: Path, tmp_path: Path) -> None:
    root = ET.parse(path).getroot()
    edus = {e.get("id"): " ".join((e.text or "").split()) for e in root.iter("edu")}
    adus = {a.get("id"): a.get("type") for a in root.iter("adu")}
    edges = {e.get("id"): (e.get("src"), e.get("trg"), e.get("type")) for e in root.iter("edge")}
    text_of = {trg: edus[src] for src, trg, kind in edges.values() if kind == "seg"}
    added = collections.defaultdict(set)
    for src, trg, kind in edges.values():
        if kind == "add":
            added[trg].add(text_of[src])

    def expected(eid: str) -> tuple[object, str, object]:
        src, trg, kind = edges[eid]
        name = {"sup": "supports", "exa": "supports", "reb": "rebuts", "und": "undercuts"}[kind]
        return frozenset({text_of[src], *added[eid]}), name, expected(trg) if kind == "und" else text_of[trg]

    ws = _load(read_microtext(path), tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    assert len(argmap.claims) == len(adus)
    counts = collections.Counter(r.kind for r in argmap.relations.values())
    types = collections.Counter(kind for _, _, kind in edges.values())
    assert counts[RelationKind.SUPPORT] == types["sup"] + types["exa"]
    assert counts[RelationKind.REBUT] == types["reb"]
    assert counts[RelationKind.UNDERCUT] == types["und"]
    assert sum(len(r.linked) for r in argmap.relations.values()) == types["add"]
    assert _triples(ws, "imported") == {expected(e) for e, (_, _, kind) in edges.items() if kind in ("sup", "exa", "reb", "und")}
    central = [a for a in adus if not any(src == a and kind != "seg" for src, _, kind in edges.values())]
    theses = [c for c in argmap.claims.values() if c.kind.value == "thesis"]
    assert [c.text for c in theses] == [text_of[central[0]]]
    sides = {c.text: ws.side(c) for c in argmap.claims.values()}
    assert sides == {text_of[a]: {"pro": "proponent", "opp": "opponent"}[t] for a, t in adus.items()}
    # every claim quotes its EDU, and the loader verified each against the .txt
    assert all(c.quote is not None and c.quote.text == c.text for c in argmap.claims.values())
    assert all(ws.source(c).text_path.read_text(encoding="utf-8") == path.with_suffix(".txt").read_text(encoding="utf-8") for c in argmap.claims.values())


@pytest.mark.corpus("arg-microtexts/corpus/de/micro_b001.xml")
def test_a_german_microtext_keeps_its_umlauts(tmp_path: Path) -> None:
    ws = _load(read_microtext(corpus("arg-microtexts/corpus/de/micro_b001.xml")), tmp_path)
    texts = {c.text for c in ws.claims.values()}
    assert "Ja, seinen Müll immer ordentlich zu trennen ist nervig und mühselig." in texts
    assert "imported:ja-seinen-muell-immer-ordentlich" in ws.claims


# -- AIF ---------------------------------------------------------------------------------
def _aif_expected(path: Path) -> dict[str, object]:
    """Counts and triples straight from the JSON: I-nodes (plus an L node wired in as a
    premise, the annotation slip the README mentions), RA → supports, CA → rebuts or
    undercuts, speaker names from the "Name: words" text of each locution."""
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes = {str(n["nodeID"]): n for n in data["nodes"]}
    into, out = collections.defaultdict(list), collections.defaultdict(list)
    for e in data["edges"]:
        out[str(e["fromID"])].append(str(e["toID"]))
        into[str(e["toID"])].append(str(e["fromID"]))
    props = {n for n, node in nodes.items() if node["type"] == "I" or (node["type"] == "L" and any(nodes[t]["type"] in ("RA", "CA") for t in out[n]))}

    def triple(sid: str, target: str) -> tuple[object, str, object]:
        premises = frozenset(" ".join(nodes[p]["text"].split()) for p in into[sid] if p in props)
        if target in props:
            return premises, "supports" if nodes[sid]["type"] == "RA" else "rebuts", " ".join(nodes[target]["text"].split())
        return premises, "undercuts", triple(target, next(t for t in out[target] if t in props))

    triples = {triple(s, t) for s, node in nodes.items() if node["type"] in ("RA", "CA") for t in out[s] if nodes[t]["type"] in ("I", "RA", "CA")}
    names = set()
    for loc in data.get("locutions", []):
        node = nodes.get(str(loc["nodeID"]))
        if node is not None and (m := re.match(r"\s*([^:]+?)\s*:\s", node["text"])):
            names.add(m.group(1))
    return {"claims": len(props), "triples": triples, "names": names,
            "kinds": collections.Counter(kind for _, kind, _ in triples)}


@pytest.mark.corpus("aif")
@pytest.mark.parametrize("path", corpus_cases(AIF_FILES), ids=lambda p: p.stem)
def test_aif_imports_with_every_relation_and_speaker(path: Path, tmp_path: Path) -> None:
    expected = _aif_expected(path)
    ws = _load(read_aif(path), tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    assert len(argmap.claims) == expected["claims"]
    assert _triples(ws, "imported") == expected["triples"]
    assert collections.Counter(r.kind.value for r in argmap.relations.values()) == expected["kinds"]
    assert {s.name for s in argmap.speakers.values()} == expected["names"]
    if expected["names"]:
        assert sum(c.by is not None for c in argmap.claims.values()) >= len(argmap.claims) // 2


@pytest.mark.corpus("aif/dialam2024/test_map1.json")
def test_aif_reads_speakers_from_locutions_not_annotators(tmp_path: Path) -> None:
    ws = _load(read_aif(corpus("aif/dialam2024/test_map1.json")), tmp_path)
    names = {s.name for s in ws.maps["imported"].speakers.values()}
    assert "Steffi" not in names  # the annotator of the duplicate "Steffi: Speaker: …" L nodes
    claim = next(c for c in ws.claims.values() if c.text == "My parents both had COVID")
    assert ws.speaker(claim).name == "AudienceMember 20210912QT02"
    stray = next(c for c in ws.claims.values() if c.text == "my parents are from south London")
    assert any(r.source == stray.key or stray.key in r.linked for r in ws.relations.values())


UNDERCUT_AIF = {
    "nodes": [
        {"nodeID": 1, "text": "Taxes on sugar should rise", "type": "I"},
        {"nodeID": 2, "text": "Sugar makes children ill", "type": "I"},
        {"nodeID": 3, "text": "A tax lowers consumption", "type": "I"},
        {"nodeID": 4, "text": "RA", "type": "RA", "scheme": "Argument From Consequences"},
        {"nodeID": 5, "text": "Poor families just pay more; they buy the same", "type": "I"},
        {"nodeID": 6, "text": "CA", "type": "CA"},
        {"nodeID": 7, "text": "Mexico's tax cut purchases by 12%", "type": "I"},
        {"nodeID": 8, "text": "CA", "type": "CA"},
        {"nodeID": 9, "text": "Taxes on sugar should not rise", "type": "I"},
        {"nodeID": 10, "text": "CA", "type": "CA"},
        {"nodeID": 11, "text": "Ana: Taxes on sugar should rise", "type": "L"},
        {"nodeID": 12, "text": "Asserting", "type": "YA"},
        {"nodeID": 13, "text": "Bo: poor families just pay more", "type": "L"},
        {"nodeID": 14, "text": "Asserting", "type": "YA"},
        {"nodeID": 15, "text": "Kim: Bo: poor families just pay more", "type": "L"},
        {"nodeID": 16, "text": "Analysing", "type": "YA"},
    ],
    "edges": [
        {"edgeID": 1, "fromID": 2, "toID": 4}, {"edgeID": 2, "fromID": 3, "toID": 4}, {"edgeID": 3, "fromID": 4, "toID": 1},
        {"edgeID": 4, "fromID": 5, "toID": 6}, {"edgeID": 5, "fromID": 6, "toID": 4},
        {"edgeID": 6, "fromID": 7, "toID": 8}, {"edgeID": 7, "fromID": 8, "toID": 6},
        {"edgeID": 8, "fromID": 9, "toID": 10}, {"edgeID": 9, "fromID": 10, "toID": 1},
        {"edgeID": 10, "fromID": 11, "toID": 12}, {"edgeID": 11, "fromID": 12, "toID": 1},
        {"edgeID": 12, "fromID": 13, "toID": 14}, {"edgeID": 13, "fromID": 14, "toID": 5},
        {"edgeID": 14, "fromID": 15, "toID": 16}, {"edgeID": 15, "fromID": 16, "toID": 13},
    ],
    "locutions": [{"nodeID": 11, "personID": 1}, {"nodeID": 13, "personID": 2}],
}


def test_aif_undercuts_linked_premises_and_integer_ids(tmp_path: Path) -> None:
    source = tmp_path / "undercut.json"
    source.write_text(json.dumps(UNDERCUT_AIF), encoding="utf-8")
    (tmp_path / "map").mkdir()
    ws = _load(read_aif(source), tmp_path / "map")
    assert ws.problems == ()
    support = (frozenset({"Sugar makes children ill", "A tax lowers consumption"}), "supports", "Taxes on sugar should rise")
    undercut = (frozenset({"Poor families just pay more; they buy the same"}), "undercuts", support)
    assert _triples(ws, "imported") == {
        support, undercut,
        (frozenset({"Mexico's tax cut purchases by 12%"}), "undercuts", undercut),
        (frozenset({"Taxes on sugar should not rise"}), "rebuts", "Taxes on sugar should rise"),
    }
    by = {c.text: ws.speaker(c).name for c in ws.claims.values() if c.by}
    assert by == {"Taxes on sugar should rise": "Ana", "Poor families just pay more; they buy the same": "Bo"}
    rel = next(r for r in ws.relations.values() if r.kind is RelationKind.SUPPORT)
    assert rel.note == "AIF scheme: Argument From Consequences"


# -- Kialo -------------------------------------------------------------------------------
def _kialo_expected(path: Path) -> dict[str, object]:
    entries = [m for line in path.read_text(encoding="utf-8").splitlines() if (m := KIALO_GRAMMAR.match(line))]
    links = [m for m in entries if m.group(3).startswith("-> See ")]

    def cid(number: str) -> str:
        return "c-" + number.rstrip(".").replace(".", "-")

    link_relations = {(cid(m.group(3).removeprefix("-> See ").strip()), "supports" if m.group(2) == "Pro" else "rebuts", cid(m.group(1).rsplit(".", 2)[0] + "."))
                      for m in links}
    return {"entries": len(entries), "claims": len(entries) - len(links),
            "pro": sum(m.group(2) == "Pro" for m in entries), "con": sum(m.group(2) == "Con" for m in entries),
            "links": link_relations}


@pytest.mark.corpus("kialo")
@pytest.mark.parametrize("path", corpus_cases(KIALO_FILES), ids=lambda p: p.stem)
def test_kialo_export_imports_with_every_pro_and_con(path: Path, tmp_path: Path) -> None:
    expected = _kialo_expected(path)
    assert expected["entries"] in (98, 106)  # the README's counts: entries, links included
    ws = _load(read_kialo(path), tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    assert len(argmap.claims) == expected["claims"]
    kinds = collections.Counter(r.kind.value for r in argmap.relations.values())
    assert kinds == {"supports": expected["pro"], "rebuts": expected["con"]}
    single = {(next(iter(premises)), kind, target) for premises, kind, target in _triples(ws, "imported", name="id")}
    assert expected["links"] and expected["links"] <= single
    assert [c.id for c in argmap.claims.values() if c.kind.value == "thesis"] == ["c-1"]
    assert not any("\r" in c.text or "\\n" in c.text or "\\(" in c.text or "](" in c.text for c in argmap.claims.values())


@pytest.mark.corpus("kialo/did-the-exodus-really-happen-14445.txt")
def test_kialo_markdown_is_read_as_text(tmp_path: Path) -> None:
    ws = _load(read_kialo(corpus("kialo/did-the-exodus-really-happen-14445.txt")), tmp_path)
    burden = ws.claims["imported:c-1-1-2-1"]
    assert burden.text.startswith("The burden of proof lies on those making the claim.")
    assert "https://en.wikipedia.org/wiki/Burden_of_proof_(philosophy)" in burden.note
    jericho = ws.claims["imported:c-1-2-2"]
    assert "(Joshua 6:20-21)" in jericho.text  # escaped parentheses around a link
    bricks = ws.claims["imported:c-1-2-3-1"]
    assert "\nKenneth Kitchen" in bricks.text  # a literal \n is a line break


KIALO_NEW = (
    "Discussion Name:\r\n"
    "Should cities ban cars from their centres?\r\n"
    "\r\n"
    "1. Thesis:\r\n"
    "  Cities should ban private cars\r\n"
    "  from their centres.\r\n"
    "\r\n"
    "  1.1. Pro:\r\n"
    "    Car-free centres have cleaner air [1].\r\n"
    "\r\n"
    "    1.1.1. Con:\r\n"
    "      -> See 1.2.1.\r\n"
    "\r\n"
    "  1.2. Con:\r\n"
    "    Shops in the centre lose customers who come by car [2].\r\n"
    "\r\n"
    "    1.2.1. Pro:\r\n"
    "      Most air pollution in centres comes from \\[heating\\], not cars.\r\n"
    "\r\n"
    "Sources:\r\n"
    "[1] https://example.org/air\r\n"
    "  \"Nitrogen dioxide fell by a third\r\n"
    "  within a year.\"\r\n"
    "[2] https://example.org/shops"
)


def test_kialo_newer_format(tmp_path: Path) -> None:
    draft = parse_kialo(KIALO_NEW, "cars.txt")
    assert draft.title == "Should cities ban cars from their centres?"
    ws = _load(draft, tmp_path)
    assert ws.problems == ()
    claims = ws.maps["imported"].claims
    assert set(claims) == {"c-1", "c-1-1", "c-1-2", "c-1-2-1"}
    assert claims["c-1"].text == "Cities should ban private cars\nfrom their centres."
    assert claims["c-1"].kind.value == "thesis"
    assert claims["c-1-2-1"].text == "Most air pollution in centres comes from [heating], not cars."
    assert claims["c-1-1"].note == '[1] https://example.org/air — "Nitrogen dioxide fell by a third within a year."'
    assert claims["c-1-2"].note == "[2] https://example.org/shops"
    assert _triples(ws, "imported", name="id") == {
        (frozenset({"c-1-1"}), "supports", "c-1"), (frozenset({"c-1-2"}), "rebuts", "c-1"),
        (frozenset({"c-1-2-1"}), "supports", "c-1-2"),
        (frozenset({"c-1-2-1"}), "rebuts", "c-1-1"),  # -> See a claim that comes later
    }


# -- the writer --------------------------------------------------------------------------
TRICKY = ["yes", "null", "1.5", "2009-11", "- a list?", "key: value", "a # not a comment", "'quoted'",
          '"double"', "tab\there", "line\nbreak", "trailing ", "Ünïcödé, with a comma", "\u2028 separator", "{a: b}", "@at", "~"]


def test_writer_keeps_every_text_exactly(tmp_path: Path) -> None:
    draft = Draft(title="yes: a title", origin=["a header", "line two"], summary="null")
    draft.speakers["no"] = DraftSpeaker("Null, Person", role="on", side=None)
    ids = [draft.add_claim("t", DraftClaim(text, by="no", tags=[text.strip() or "x"], note=text)) for text in TRICKY]
    for a, b in itertools.pairwise(ids):
        draft.add_relation(RelationKind.SUPPORT, a, b)
    text = to_yaml(draft)
    assert text.startswith("# a header\n# line two\n")
    assert to_yaml(draft) == text
    ws = _load(draft, tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    assert argmap.title == "yes: a title" and argmap.summary == "null"
    assert [c.text for c in argmap.claims.values()] == TRICKY
    assert [c.note for c in argmap.claims.values()] == TRICKY
    assert argmap.speakers["no"].name == "Null, Person"
    assert len(argmap.relations) == len(TRICKY) - 1


def test_writer_turns_control_characters_into_replacement_characters(tmp_path: Path) -> None:
    # a map refuses control characters (yaml-control); an imported file may hold stray
    # escapes, and its map must still read, showing where they were
    draft = Draft(title="A \x1b]0;title\x07 of sorts", origin=[])
    draft.speakers["ann"] = DraftSpeaker("Ann\x9b2J", side=None)
    draft.add_claim("t", DraftClaim("Raids \x1b[31mwork\x1b[0m.\r\nTab\tkept, CR\r alone not", by="ann"))
    ws = _load(draft, tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    assert argmap.title == "A \ufffd]0;title\ufffd of sorts" and argmap.speakers["ann"].name == "Ann\ufffd2J"
    assert [c.text for c in argmap.claims.values()] == ["Raids \ufffd[31mwork\ufffd[0m.\r\nTab\tkept, CR\ufffd alone not"]


def test_writer_refuses_a_second_relation_between_two_claims() -> None:
    draft = Draft(title="t", origin=[])
    a, b = draft.add_claim("a", DraftClaim("A")), draft.add_claim("b", DraftClaim("B"))
    assert draft.add_relation(RelationKind.SUPPORT, a, b) is not None
    assert draft.add_relation(RelationKind.REBUT, a, b) is None
    assert draft.add_relation(RelationKind.SUPPORT, a, a) is None
    assert len(draft.relations) == 1 and len(draft.warnings) == 2


# -- export: AIF round trip, Argdown structure ---------------------------------------------
BUNDLED = ["ijm-vs-thrupkaew", "htc-vs-evolution", "context"]


@pytest.fixture(scope="module")
def bundled() -> Workspace:
    ws = load_workspace([ARGUMENTS])
    assert ws.ok
    return ws


@pytest.mark.parametrize("stem", BUNDLED)
def test_aif_round_trip_keeps_claims_relations_and_speakers(bundled: Workspace, stem: str, tmp_path: Path) -> None:
    aif = tmp_path / f"{stem}.json"
    aif.write_text(json.dumps(to_aif(bundled, stem)), encoding="utf-8")
    (tmp_path / "back").mkdir()
    back = load_draft(read_aif(aif), beside_context(tmp_path / "back", stem))  # beside the maps it refers to
    assert back.problems == ()
    assert _triples(back, stem) == _triples(bundled, stem)
    original = bundled.maps[stem]
    texts = {c.text for c in back.maps[stem].claims.values()}
    assert {c.text for c in original.claims.values()} <= texts
    speakers = {c.text: bundled.speaker(c).name for c in original.claims.values() if c.by}
    assert {c.text: back.speaker(c).name for c in back.maps[stem].claims.values() if c.text in speakers} == speakers
    assert any(r.kind is RelationKind.UNDERCUT for r in original.relations.values())


def test_argdown_escapes_its_syntax_in_claim_text(tmp_path: Path) -> None:
    draft = Draft(title="t", origin=[])
    draft.add_claim("a", DraftClaim("See [this] <that> #tag @me // not a comment", tags=["two words"]))
    ws = _load(draft, tmp_path)
    text = to_argdown(ws, "imported")
    assert r"[a]: See \[this\] \<that\> \#tag \@me \/\/ not a comment #(two words)" in text


# -- the commands ------------------------------------------------------------------------
@pytest.mark.corpus(B001)
def test_import_command_writes_a_checked_map_and_its_source(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "b001.yaml"
    result = cli("import", corpus(B001), "-o", out)
    assert result.code == 0, result.err
    assert "5 claims, 3 relations, 2 speakers" in result.out
    assert (tmp_path / "sources/micro_b001.txt").is_file()
    assert cli("check", out).code == 0
    again = cli("import", corpus(B001), "-o", out)
    assert again.code == 2 and "use --force" in again.err and len(again.err.splitlines()) == 1
    assert cli("import", corpus(B001), "-o", out, "--force").code == 0


def test_import_command_reports_bad_input_in_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = cli("import", broken, "-o", tmp_path / "x.yaml")
    assert result.code == 2 and result.err.startswith(f"argmap: error: {broken}:1:2: cannot read") and len(result.err.splitlines()) == 1
    assert not (tmp_path / "x.yaml").exists()


def test_export_command_writes_aif_and_argdown(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("export", ARGUMENTS / "ijm-vs-thrupkaew.yaml", "--to", "aif", "-o", tmp_path / "m.json")
    assert result.code == 0, result.err
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert {n["type"] for n in data["nodes"]} >= {"I", "RA", "CA", "L", "YA"}
    result = cli("export", ARGUMENTS, "--to", "argdown")
    assert result.code == 2 and "--map" in result.err
    result = cli("export", ARGUMENTS, "--map", "context", "--to", "argdown")
    assert result.code == 0 and result.out.startswith("===\ntitle: ")


@pytest.mark.parametrize("text", [
    "<arggraph id='x'><adu id='a1' type='pro'/><edge id='c1' src='a1' trg='a9' type='sup'/></arggraph>",
    "<arggraph id='x'><adu id='a1' type='pro'/><edge id='c1' src='a1' trg='a1' type='zap'/></arggraph>",
    "<notagraph/>",
    "<arggraph",
])
def test_a_broken_microtext_is_one_error_not_a_crash(text: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.xml"
    broken.write_text(text, encoding="utf-8")
    result = cli("import", broken, "-o", tmp_path / "x.yaml")
    assert result.code == 2 and result.err.startswith("argmap: error: ") and len(result.err.splitlines()) == 1
