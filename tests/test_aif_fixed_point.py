"""map → AIF → map is a fixed point (and → GraphML, → SADFace): the second import equals the first, byte for byte, and
the first import says what the map said (claim ids, kinds, sides, sources and quotes, tags,
relation ids, rephrases, questions) — on the bundled maps, every real AIF, Kialo and
microtext file, and the fixtures of our own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.interchange import read_aif, read_foreign, read_graphml, read_sadface, to_aif, to_graphml, to_sadface
from argmap.load import load_workspace
from argmap.model import Workspace
from conftest import ARGUMENTS, corpus, corpus_cases
from fidelity import (
    BUNDLED,
    assert_bundled_survives,
    assert_fixed_point,
    load_draft,
)

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
FOREIGN = sorted([*corpus("aif").glob("*/*.json"), *corpus("kialo").glob("*.txt"),
                  *corpus("arg-microtexts/corpus").glob("*/micro_*.xml")])
OWN = sorted(p for p in FORMATS.glob("*/*") if p.suffix in (".json", ".txt", ".xml") and p.parent.name in ("aif", "kialo", "microtexts")
             and not (p.suffix == ".txt" and p.parent.name == "microtexts"))


def export_aif(ws: Workspace, stem: str, path: Path) -> None:
    path.write_text(json.dumps(to_aif(ws, stem), ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("stem", BUNDLED)
def test_bundled_map_survives_aif(stem: str, tmp_path: Path) -> None:
    assert_bundled_survives(stem, tmp_path, export_aif, read_aif, ".json")


def _foreign(path: Path, tmp_path: Path) -> None:
    assert_fixed_point(read_foreign(path), tmp_path, export_aif, read_aif, ".json")


@pytest.mark.corpus("aif", "kialo", "arg-microtexts/corpus")
@pytest.mark.parametrize("path", corpus_cases(FOREIGN), ids=lambda p: p.name)
def test_real_file_survives_aif(path: Path, tmp_path: Path) -> None:
    _foreign(path, tmp_path)


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_own_fixture_survives_aif(path: Path, tmp_path: Path) -> None:
    _foreign(path, tmp_path)


def test_aif_export_says_it_in_aif_not_only_in_the_record(tmp_path: Path) -> None:
    """What AIF has a place for is written there, for tools that never read argmap's record:
    speakers as participants, a question as its YA illocution, a rephrase as an MA node, an
    undercut id as the CA node's id, a quote as the locution's words."""
    ws = load_draft(read_aif(FORMATS / "aif" / "participants.json"), tmp_path / "imported.yaml")
    aif = to_aif(ws, "imported")
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    edges = {(e["fromID"], e["toID"]) for e in aif["edges"]}
    assert {(p["firstname"], p["surname"]) for p in aif["participants"]} == {("Maya", "Chen"), ("Ravi", "Patel")}
    question = next(n for n in aif["nodes"] if n["text"] == "Who would pay the staff on Sundays?")
    asked = [src for src, dst in edges if dst == question["nodeID"] and nodes[src]["type"] == "YA"]
    assert [nodes[ya]["text"] for ya in asked] == ["Pure Questioning"]
    rephrase = next(n for n in aif["nodes"] if n["text"] == "Weekend opening costs money")
    assert ("7", question["nodeID"]) in edges and (rephrase["nodeID"], "7") in edges and nodes["7"]["type"] == "MA"
    speaker_of = {loc["nodeID"]: loc["personID"] for loc in aif["locutions"]}
    names = {p["participantID"]: f"{p['firstname']} {p['surname']}" for p in aif["participants"]}
    said = {nodes[loc]["text"]: names[person] for loc, person in speaker_of.items()}
    assert said["Ravi Patel: Who would pay the staff on Sundays?"] == "Ravi Patel"


@pytest.mark.corpus("kialo/should-hate-speech-be-illegal-6148.txt")
def test_kialo_ids_and_undercut_ids_do_not_drift(tmp_path: Path) -> None:
    ws = load_draft(read_foreign(corpus("kialo/should-hate-speech-be-illegal-6148.txt")), tmp_path / "imported.yaml")
    ids = {n["nodeID"] for n in to_aif(ws, "imported")["nodes"] if n["type"] == "I"}
    assert ids == set(ws.maps["imported"].claims) and "c-1-2" in ids
    undercut = load_workspace([ARGUMENTS])
    cas = {n["nodeID"] for n in to_aif(undercut, "htc-vs-evolution")["nodes"] if n["type"] == "CA"}
    named = {r.key.split(":")[1] for r in undercut.maps["htc-vs-evolution"].relations.values() if r.named and r.kind.is_attack}
    assert named and named <= cas


def export_graphml(ws: Workspace, stem: str, path: Path) -> None:
    path.write_text(to_graphml(ws, stem), encoding="utf-8")


def export_sadface(ws: Workspace, stem: str, path: Path) -> None:
    path.write_text(json.dumps(to_sadface(ws, stem)), encoding="utf-8")


SAMPLE = [p for p in FOREIGN if "micro_" not in p.name or p.name < "micro_b006"]


@pytest.mark.corpus("aif", "kialo", "arg-microtexts/corpus")
@pytest.mark.parametrize("fmt", ["graphml", "sadface"])
@pytest.mark.parametrize("path", corpus_cases(SAMPLE), ids=lambda p: p.name if p else "none")
def test_real_file_of_another_format_survives_graphml_and_sadface(path: Path, fmt: str, tmp_path: Path) -> None:
    """Maps imported from AIF, Kialo and microtexts (ids, speakers, sides, quoted sources,
    undercuts of undercuts) are the same after a trip through GraphML or SADFace."""
    if fmt == "graphml":
        assert_fixed_point(read_foreign(path), tmp_path, export_graphml, read_graphml, ".graphml")
    else:
        assert_fixed_point(read_foreign(path), tmp_path, export_sadface, read_sadface, ".json")
