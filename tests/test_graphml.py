"""GraphML in and out: the real yEd and Carneades drawings, argmap's own export, hostile XML.

The expected claims and relations of each drawing are worked out here straight from the
XML with ElementTree and the drawing conventions of shared/data/graphml/PROVENANCE.md
(keys looked up by name, types from ``nodeType`` or from shape and colour), not by the
importer; every imported map goes through the loader of ``argmap check``.
"""

from __future__ import annotations

import collections
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from argmap.interchange import detect_format, read_graphml, to_graphml
from argmap.load import load_workspace
from argmap.model import Workspace
from conftest import ARGUMENTS, corpus, corpus_cases
from fidelity import (
    BUNDLED,
    CYCLE_EDGES,
    CYCLE_NODES,
    assert_bundled_survives,
    assert_commands_round_trip,
    assert_conflict_cycle_left_out,
    assert_fixed_point,
    load_draft,
)
from test_interchange import _triples

GRAPHML_FILES = sorted(corpus("graphml").glob("*.graphml"))
OWN_FILES = sorted((Path(__file__).resolve().parent / "fixtures" / "formats" / "graphml").glob("*.graphml"))
G = "{http://graphml.graphdrawing.org/xmlns}"
Y = "{http://www.yworks.com/xml/graphml}"


def _drawing(path: Path) -> dict[str, object]:
    """Claims and relations as the drawing shows them: (premise texts, kind, target)."""
    root = ET.parse(path).getroot()
    names = {k.get("id"): k.get("attr.name") or k.get("yfiles.type") for k in root.iter(f"{G}key")}
    kind_of, text_of = {}, {}
    for node in root.iter(f"{G}node"):
        data = {names[d.get("key")]: d for d in node.findall(f"{G}data")}
        declared = (data["nodeType"].text or "").strip() if "nodeType" in data else ""
        drawing = data["nodegraphics"]
        label = " ".join("".join(drawing.find(f".//{Y}NodeLabel").itertext()).split())
        shape = drawing.find(f".//{Y}Shape")
        generic = drawing.find(f".//{Y}GenericNode")
        form = shape.get("type") if shape is not None else generic.get("configuration").split(".")[-1]
        fill = drawing.find(f".//{Y}Fill")
        colour = (fill.get("color2") or fill.get("color") or "") if fill is not None else ""
        by_colour = {"#99CC00": "RA-node", "#FF0000": "CA-node"}.get(colour.upper(), "")
        kind_of[node.get("id")] = declared or {"process": "I-node", "rectangle": "I-node", "decision": by_colour, "diamond": by_colour,
                                               "roundrectangle": "argument", "hexagon": "issue"}[form]
        claim = data.get("claim")
        text_of[node.get("id")] = " ".join((claim.text or "").split()) if claim is not None and (claim.text or "").strip() else label
    edges = []
    for edge in root.iter(f"{G}edge"):
        style = edge.find(f".//{Y}LineStyle")
        edges.append((edge.get("source"), edge.get("target"), style is not None and style.get("type") == "dashed"))

    def triple(scheme: str, target: str) -> tuple[object, str, object]:
        premises = frozenset(text_of[s] for s, t, dashed in edges if t == scheme and kind_of[s] == "I-node" and not dashed)
        if kind_of[target] == "I-node":
            return premises, "supports" if kind_of[scheme] in ("RA-node", "argument") else "rebuts", text_of[target]
        inner = next(t for s, t, _ in edges if s == target and kind_of[t] == "I-node")
        return premises, "undercuts", triple(target, inner)

    triples = {triple(s, t) for s, t, _ in edges if kind_of[s] in ("RA-node", "CA-node", "argument") and kind_of[t] != "issue"}
    triples |= {(frozenset({text_of[s]}), "undercuts", triple(t, next(c for a, c, _ in edges if a == t)))
                for s, t, dashed in edges if dashed and kind_of[t] == "argument"}
    for issue in (n for n, k in kind_of.items() if k == "issue"):
        positions = [s for s, t, _ in edges if t == issue]
        triples |= {(frozenset({text_of[a]}), "rebuts", text_of[b]) for a in positions for b in positions if a != b}
    return {"claims": sum(k == "I-node" for k in kind_of.values()), "triples": triples}


@pytest.mark.corpus("graphml")
@pytest.mark.parametrize("path", corpus_cases(GRAPHML_FILES) + OWN_FILES, ids=lambda p: p.name if p else "none")
def test_graphml_drawing_imports_with_every_relation(path: Path, tmp_path: Path) -> None:
    expected = _drawing(path)
    assert detect_format(path) == "graphml"
    ws = load_draft(read_graphml(path), tmp_path / "imported.yaml")
    assert not any(p.severity.value == "error" for p in ws.problems)
    assert len(ws.maps["imported"].claims) == expected["claims"]
    assert _triples(ws, "imported") == expected["triples"]
    assert len(ws.maps["imported"].relations) == len(expected["triples"])


@pytest.mark.corpus("graphml")
@pytest.mark.parametrize("path", corpus_cases(GRAPHML_FILES) + OWN_FILES, ids=lambda p: p.name if p else "none")
def test_graphml_import_export_import_is_a_fixed_point(path: Path, tmp_path: Path) -> None:
    assert_fixed_point(read_graphml(path), tmp_path, _export, read_graphml, ".graphml")


def test_a_dialogue_drawing_names_its_speakers(tmp_path: Path) -> None:
    """dialogue.graphml: L nodes "Assistant: …" and "Occupant: …" assert I nodes through YA
    nodes (one "Pure Questioning"), a TA joins the two locutions."""
    ws = load_draft(read_graphml(OWN_FILES[[p.name for p in OWN_FILES].index("dialogue.graphml")]), tmp_path / "imported.yaml")
    by = {c.text: ws.speaker(c).name for c in ws.claims.values() if c.by}
    assert by == {"Turn the heating down at night": "Assistant", "Is the house warm enough by morning?": "Occupant"}
    question = next(c for c in ws.claims.values() if c.text.endswith("?"))
    assert question.tags == ("pure-questioning",)


def test_a_yed_group_is_read_for_the_nodes_it_holds(tmp_path: Path) -> None:
    """A yEd group node (a node holding a <graph>) drawn as a round rectangle is not a
    Carneades argument: its nodes are read, it is not."""
    def box(nid: str, label: str, shape: str, colour: str = "#E8EEF7") -> str:
        return (f'<node id="{nid}"><data key="g"><y:ShapeNode><y:Fill color="{colour}"/><y:NodeLabel>{label}</y:NodeLabel>'
                f'<y:Shape type="{shape}"/></y:ShapeNode></data></node>')
    inner = box("g::a", "Rents rose", "rectangle") + box("g::b", "Wages did not", "rectangle") + box("g::r", "", "diamond", "#FF0000")
    group = ('<node id="g" yfiles.foldertype="group"><data key="g"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>'
             '<y:NodeLabel>Housing</y:NodeLabel><y:Shape type="roundrectangle"/></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>'
             f'<graph edgedefault="directed" id="g:">{inner}</graph></node>')
    edges = '<edge source="g::b" target="g::r"/><edge source="g::r" target="g::a"/>'
    path = tmp_path / "group.graphml"
    path.write_text(HEAD + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">'
                    f'<key for="node" id="g" yfiles.type="nodegraphics"/><graph edgedefault="directed">{group}{edges}</graph></graphml>',
                    encoding="utf-8")
    draft = read_graphml(path)
    (tmp_path / "out").mkdir()
    ws = load_draft(draft, tmp_path / "out" / "imported.yaml")
    assert _triples(ws, "imported") == {(frozenset({"Wages did not"}), "rebuts", "Rents rose")}
    assert any("is a group" in w for w in draft.warnings)


def _export(ws: Workspace, stem: str, path: Path) -> None:
    path.write_text(to_graphml(ws, stem), encoding="utf-8")


@pytest.mark.parametrize("stem", BUNDLED)
def test_bundled_map_survives_graphml(stem: str, tmp_path: Path) -> None:
    assert_bundled_survives(stem, tmp_path, _export, read_graphml, ".graphml")


def test_graphml_export_is_plain_graphml_with_every_field(tmp_path: Path) -> None:
    """What Gephi or Cytoscape see (read here by networkx's own reader): a node per claim
    and per relation, premise and conclusion edges, fields as typed attributes."""
    ws = load_workspace([ARGUMENTS])
    path = tmp_path / "ijm.graphml"
    _export(ws, "ijm-vs-thrupkaew", path)
    graph = nx.read_graphml(path)
    argmap = ws.maps["ijm-vs-thrupkaew"]
    claims = {n: d for n, d in graph.nodes(data=True) if d["nodeType"] == "I-node" and ":" not in n}
    relations = [d for _, d in graph.nodes(data=True) if d["nodeType"] != "I-node"]
    assert set(claims) == set(argmap.claims)
    assert len(relations) == len(argmap.relations)
    assert collections.Counter(d["relation"] for d in relations) == collections.Counter(r.kind.value for r in argmap.relations.values())
    assert graph.number_of_edges() == sum(len(r.premises) + 1 for r in argmap.relations.values())
    for cid, claim in argmap.claims.items():
        assert claims[cid]["text"] == claim.text and claims[cid]["label"] == claim.text
        if claim.quote:
            assert (claims[cid]["quote_source"], claims[cid]["quote"]) == (claim.quote.source, claim.quote.text)
        if claim.weight is not None:
            assert claims[cid]["weight"] == claim.weight
    assert sum(d.get("partial") is True for d in relations) == sum(r.partial for r in argmap.relations.values()) > 0


# -- hostile input ------------------------------------------------------------------------
HEAD = '<?xml version="1.0"?>\n'
GRAPH = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph edgedefault="directed">\n{}\n</graph>\n</graphml>\n'
HOSTILE = {
    "billion-laughs": (HEAD + '<!DOCTYPE g [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
                       + GRAPH.format('<node id="n"><data key="d">&b;</data></node>'), ":3:", "declares the XML entity 'a'"),
    "external-entity": (HEAD + '<!DOCTYPE g [\n<!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
                        + GRAPH.format('<node id="n"><data key="d">&secret;</data></node>'), ":3:", "declares the XML entity 'secret'"),
    "external-dtd": (HEAD + '<!DOCTYPE g SYSTEM "http://example.invalid/evil.dtd">\n' + GRAPH.format('<node id="n">&x;</node>'),
                     ":5:", "uses the XML entity 'x'"),
    "dangling-edge": (HEAD + GRAPH.format('<node id="n1"/>\n<edge source="n1" target="n9"/>'), ":5:1:", "names node 'n9'"),
    "duplicate-node": (HEAD + GRAPH.format('<node id="n1"/>\n<node id="n1"/>'), ":5:1:", "a second node with id 'n1'"),
    "not-graphml": (HEAD + "<svg/>\n", ":2:1:", "not GraphML"),
    "broken-xml": (HEAD + GRAPH.format("<node id='n1'>"), ":5:3:", "not well-formed XML"),
    "hyperedge": (HEAD + GRAPH.format('<node id="n1"/>\n<hyperedge><endpoint node="n1"/></hyperedge>'), ":5:1:", "hyperedge"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_graphml_is_one_located_error(name: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text, position, message = HOSTILE[name]
    path = tmp_path / f"{name}.graphml"
    path.write_text(text, encoding="utf-8")
    result = cli("import", path, "-o", tmp_path / "out.yaml")
    assert result.code == 2, result.err
    assert result.err.startswith(f"argmap: error: {path}{position}") and message in result.err, result.err
    assert len(result.err.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def test_a_huge_graphml_file_is_refused_before_reading(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "huge.graphml"
    with path.open("wb") as handle:  # sparse: 65 MiB on paper, nothing on disk
        handle.write(HEAD.encode())
        handle.truncate(65 * 2**20)
    result = cli("import", path, "-o", tmp_path / "out.yaml")
    assert result.code == 2 and result.err.startswith(f"argmap: error: {path}:1:1: the file is larger than 64 MiB")


def test_conflict_cycles_and_self_loops_import(tmp_path: Path) -> None:
    """Two conflicts that attack each other, and an edge from a node to itself: no hang, no crash."""
    nodes = "".join(f'<node id="{n}"><data key="t">{kind}-node</data><data key="x">{n.upper()}</data></node>' for n, kind in CYCLE_NODES.items())
    edges = "".join(f'<edge source="{s}" target="{t}"/>' for s, t in [*CYCLE_EDGES, ("b", "b")])
    path = tmp_path / "cycle.graphml"
    path.write_text(HEAD + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="t" for="node" attr.name="nodeType"/>'
                    '<key id="x" for="node" attr.name="claim"/><graph>' + nodes + edges + "</graph></graphml>", encoding="utf-8")
    assert_conflict_cycle_left_out(read_graphml(path), tmp_path)


@pytest.mark.corpus("graphml/library.graphml")
def test_import_and_export_commands(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert_commands_round_trip(cli, corpus("graphml/library.graphml"), tmp_path, "graphml", "5 claims, 5 relations")


def test_export_of_a_map_given_by_a_relative_path(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Source texts are found however the map was named (a relative path used to crash)."""
    shutil.copytree(ARGUMENTS, tmp_path / "arguments")
    monkeypatch.chdir(tmp_path)
    for fmt in ("graphml", "aif", "sadface"):
        result = cli("export", "arguments/context.yaml", "--to", fmt, "-o", f"context.{fmt}")
        assert result.code == 0, result.err
        result = cli("import", f"context.{fmt}", "--format", fmt, "-o", f"arguments/context-{fmt}.yaml")
        assert result.code == 0, result.err
    assert cli("check", "arguments").code == 0
