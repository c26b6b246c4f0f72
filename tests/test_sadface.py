"""SADFace in and out: the real documents (three metadata layouts, a miner's malformed output,
empty documents), a fixture of our own for what they lack, argmap's own export, bad input.

Expected claims and relations are counted here straight from the JSON by the SADFace model
(atoms; scheme nodes between atoms; a conflict on a scheme is an undercut), not by the importer.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest

import fidelity
from argmap.interchange import detect_format, read_sadface, to_sadface
from argmap.load import load_workspace
from argmap.model import Workspace
from conftest import ARGUMENTS, corpus, corpus_cases
from fidelity import BUNDLED, CYCLE_EDGES, CYCLE_NODES, load_draft
from test_interchange import _triples

SADFACE_FILES = sorted(corpus("sadface").glob("*.json"))
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "formats" / "sadface" / "resources.json"


def _expected(path: Path) -> dict[str, Any]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    nodes: dict[str, dict[str, Any]] = {}
    for node in doc["nodes"]:
        nodes.setdefault(node["id"], node)  # a repeated id means the first node
    edges = [(e["source_id"], e["target_id"]) for e in doc["edges"]]

    def triple(scheme: str, target: str) -> tuple[object, str, object]:
        premises = frozenset(nodes[s]["text"] for s, t in edges if t == scheme and nodes[s]["type"] == "atom")
        if nodes[target]["type"] == "atom":
            return premises, "rebuts" if nodes[scheme]["name"] == "conflict" else "supports", nodes[target]["text"]
        return premises, "undercuts", triple(target, next(t for s, t in edges if s == target))

    return {"claims": sum(n["type"] == "atom" for n in doc["nodes"]),
            "triples": {triple(s, t) for s, t in edges if nodes[s]["type"] == "scheme"},
            "atom-to-atom": [e for e in doc["edges"] if nodes[e["source_id"]]["type"] == nodes[e["target_id"]]["type"] == "atom"]}


@pytest.mark.corpus("sadface")
@pytest.mark.parametrize("path", [*corpus_cases(SADFACE_FILES), FIXTURE], ids=lambda p: p.name if p else "none")
def test_sadface_imports_with_every_relation(path: Path, tmp_path: Path) -> None:
    expected = _expected(path)
    assert detect_format(path) == "sadface"
    draft = read_sadface(path)
    ws = load_draft(draft, tmp_path / "imported.yaml")
    assert ws.problems == ()
    assert len(ws.maps["imported"].claims) == expected["claims"]
    assert _triples(ws, "imported") == expected["triples"]
    assert len(ws.maps["imported"].relations) == len(expected["triples"])
    # every atom-to-atom edge is reported at its own place in the file, and left out
    text = path.read_text(encoding="utf-8").splitlines()
    for edge in expected["atom-to-atom"]:
        warning = next(w for w in draft.warnings if f"edge {edge['id']!r}" in w)
        line = int(re.match(rf"{re.escape(str(path))}:(\d+):\d+: edges\[\d+\]", warning).group(1))
        assert any(f'"id": "{edge["id"]}"' in row for row in text[line - 1:line + 4])


@pytest.mark.corpus("sadface/canary-canarySADFace-2019-03-11.json")
def test_canary_output_is_imported_with_its_faults_reported(tmp_path: Path) -> None:
    draft = read_sadface(corpus("sadface/canary-canarySADFace-2019-03-11.json"))
    assert sum("straight to atom" in w for w in draft.warnings) == 4
    assert sum("a second node with id '2'" in w for w in draft.warnings) == 1


@pytest.mark.corpus("sadface/sadface-hangback.json", "sadface/sadface-hangback-2017.json")
def test_two_layouts_of_one_analysis_give_one_map(tmp_path: Path) -> None:
    new, old = (read_sadface(corpus(f"sadface/{name}")) for name in ("sadface-hangback.json", "sadface-hangback-2017.json"))
    assert new.title == "Hangback Example" and new.summary.startswith("An example SADFace document")
    assert any(line.startswith("Notes: This is incomplete") for line in new.origin)
    assert "Simon Wells" in " ".join(old.origin) and old.title == "sadface-hangback-2017"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _triples(load_draft(new, tmp_path / "a" / "m.yaml"), "m") == _triples(load_draft(old, tmp_path / "b" / "m.yaml"), "m")


def test_own_fixture_resources_offsets_and_metadata(tmp_path: Path) -> None:
    draft = read_sadface(FIXTURE)
    ws = load_draft(draft, tmp_path / "imported.yaml")
    claims = {c.text: c for c in ws.maps["imported"].claims.values()}
    thesis = claims["Night trains should return"]
    assert thesis.kind.value == "thesis" and thesis.quote.text == "night trains should come back"
    assert ws.maps["imported"].sources[thesis.quote.source].url == "https://example.org/op-ed"
    assert claims["A rail economist says night trains pay"].quote.text == "night trains can pay their way"  # verified by the loader
    # a-expert's offset is 0 where the text starts at 49: reported, and the text is what is quoted
    assert [w.split(": ", 2)[1] for w in draft.warnings] == ["nodes[1].sources[0]"]
    assert '"org.example.review": {"checked": true}' in claims["A rail economist says night trains pay"].note


def _export(ws: Workspace, stem: str, path: Path) -> None:
    path.write_text(json.dumps(to_sadface(ws, stem), indent=4), encoding="utf-8")


@pytest.mark.corpus("sadface")
@pytest.mark.parametrize("path", [*corpus_cases(SADFACE_FILES), FIXTURE], ids=lambda p: p.name if p else "none")
def test_sadface_import_export_import_is_a_fixed_point(path: Path, tmp_path: Path) -> None:
    fidelity.assert_fixed_point(read_sadface(path), tmp_path, _export, read_sadface, ".json")


@pytest.mark.parametrize("stem", BUNDLED)
def test_bundled_map_survives_sadface(stem: str, tmp_path: Path) -> None:
    fidelity.assert_bundled_survives(stem, tmp_path, _export, read_sadface, ".json")


def test_export_passes_the_reference_validators_rules(tmp_path: Path) -> None:
    """The rules of SADFace's validation.py: required blocks, UUID ids, edges with exactly
    id/source_id/target_id, atoms with text and sources, schemes with a name, and the
    quote's offset and length pointing at its text in the resource."""
    ws = load_workspace([ARGUMENTS])
    doc = to_sadface(ws, "ijm-vs-thrupkaew")
    assert to_sadface(ws, "ijm-vs-thrupkaew") == doc  # the same map, the same bytes
    core = doc["metadata"]["core"]
    assert {"analyst_email", "analyst_name", "created", "edited", "id", "version"} <= set(core)
    assert isinstance(doc["resources"], list) and doc["resources"]
    for edge in doc["edges"]:
        assert set(edge) == {"id", "source_id", "target_id"}
        for key in edge.values():
            uuid.UUID(key)
    contents = {r["id"]: r["content"] for r in doc["resources"]}
    for node in doc["nodes"]:
        uuid.UUID(node["id"])
        assert isinstance(node["metadata"], dict)
        if node["type"] == "atom":
            assert isinstance(node["text"], str) and isinstance(node["sources"], list)
            for source in node["sources"]:
                assert contents[source["resource_id"]][source["offset"]:source["offset"] + source["length"]] == source["text"]
        else:
            assert node["type"] == "scheme" and node["name"] in ("support", "conflict")
    quoted = sum(1 for c in ws.maps["ijm-vs-thrupkaew"].claims.values() if c.quote)
    assert sum(len(n.get("sources", [])) for n in doc["nodes"]) > quoted // 2  # quotes found verbatim are native sources


# -- bad input ------------------------------------------------------------------------------
HOSTILE = {
    "not-json": ('{"nodes": [,]}', ":1:12:", "cannot read as SADFace JSON"),
    "dangling-edge": ('{"nodes": [\n  {"id": "a", "type": "atom", "text": "A"}\n],\n"edges": [\n  {"id": "e", "source_id": "a", "target_id": "zz"}\n]}',
                      ":5:3: edges[0].target_id:", "names node 'zz'"),
    "node-without-type": ('{"nodes": [\n  {"id": "a", "text": "A"}\n], "edges": []}', ":2:3: nodes[0]:", "'type' of 'atom' or 'scheme'"),
    "not-an-object": ('[1, 2]', ":1:1:", "not SADFace"),
    "escaping-source-text": ('{"nodes": [], "edges": [], "metadata": {"core": {}, "argmap": {"title": "t", "sources": '
                             '{"s": {"title": "S", "text": "../../outside.txt", "content": "x"}}}}}', "", "leaves the map's folder"),
    "deep": ('{"nodes": ' + "[" * 100000 + "]" * 100000 + ', "edges": []}', "", "SADFace JSON"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_bad_sadface_is_one_located_error(name: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text, position, message = HOSTILE[name]
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    result = cli("import", path, "--format", "sadface", "-o", tmp_path / "out.yaml")
    assert result.code == 2 and message in result.err and len(result.err.splitlines()) == 1, result.err
    assert result.err.startswith(f"argmap: error: {path}{position}" if position else "argmap: error: "), result.err


def test_conflicts_attacking_each_other_import(tmp_path: Path) -> None:
    """Two conflict schemes that attack each other (a cycle), beside a support: no hang."""
    doc = {"nodes": [{"id": n, "type": "atom", "text": n.upper()} if kind == "I" else {"id": n, "type": "scheme", "name": "support" if kind == "RA" else "conflict"}
                     for n, kind in CYCLE_NODES.items()],
           "edges": [{"id": f"e{n}", "source_id": s, "target_id": t} for n, (s, t) in enumerate(CYCLE_EDGES)]}
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    fidelity.assert_conflict_cycle_left_out(read_sadface(path), tmp_path)


@pytest.mark.corpus("sadface/sadface-hangback.json")
def test_import_and_export_commands(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fidelity.assert_commands_round_trip(cli, corpus("sadface/sadface-hangback.json"), tmp_path, "sadface", "4 claims, 2 relations")


def test_a_huge_json_file_is_refused_before_reading(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: 65 MiB on paper, nothing on disk
        handle.write(b'{"nodes": [')
        handle.truncate(65 * 2**20)
    for fmt in ("sadface", "aif"):
        result = cli("import", path, "--format", fmt, "-o", tmp_path / "out.yaml")
        assert result.code == 2 and result.err.startswith(f"argmap: error: {path}:1:1: the file is larger than 64 MiB"), result.err
