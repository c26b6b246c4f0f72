"""The format itself: YAML reading, the JSON Schema, the starter map, generated maps."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import argmap
from argmap.generate import synthetic_map, web_maps, write_synthetic, write_web
from argmap.load import KEYS, load_workspace
from argmap.scaffold import starter_map
from argmap.schema import schema_text
from argmap.yamlread import MarkedMap, position, read_yaml_text
from conftest import ARGUMENTS, run_argmap


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", 1), ("-7", -7), ("0x1f", 31), ("1.5", 1.5), ("1e3", 1000.0), ("true", True), ("False", False),
        ("null", None), ("~", None), ("", None),
        # YAML 1.1 would turn these into booleans and dates; 1.2's core schema keeps text
        ("yes", "yes"), ("no", "no"), ("on", "on"), ("2009-11-05", "2009-11-05"), ("2009-11", "2009-11"),
        ('"1"', "1"), ("'true'", "true"), ("!!str 12", "12"),
        # only decimal integers take a sign in the core schema
        ("0o17", 15), ("+12", 12), ("-0x1f", "-0x1f"), ("+0o17", "+0o17"),
    ],
)
def test_scalars_resolve_as_yaml_1_2_core(text: str, value: object) -> None:
    data, problems = read_yaml_text(f"key: {text}\n", "f.yaml")
    assert problems == []
    assert data["key"] == value and type(data["key"]) is type(value)


def test_marks_are_one_based_line_and_column() -> None:
    data, _ = read_yaml_text("a:\n  b: [x, y]\n", "f.yaml")
    assert isinstance(data, MarkedMap)
    assert position(data.key_marks["a"]) == (1, 1)
    assert position(data["a"].key_marks["b"]) == (2, 3)
    assert position(data["a"].value_marks["b"]) == (2, 6)
    assert [position(m) for m in data["a"]["b"].marks] == [(2, 7), (2, 10)]
    assert position(data["a"]["b"].mark) == (2, 6)


def test_keys_are_always_text() -> None:
    data, _ = read_yaml_text("claims:\n  2003: {text: a year as an id}\n", "f.yaml")
    assert list(data["claims"]) == ["2003"]


def test_reads_the_same_values_as_pyyaml_on_the_bundled_maps() -> None:
    for path in sorted(ARGUMENTS.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        ours, problems = read_yaml_text(text, str(path))
        assert problems == []
        assert ours == yaml.safe_load(text), path


def schema() -> dict:
    return json.loads(schema_text())


def test_schema_describes_exactly_the_keys_the_loader_accepts() -> None:
    s = schema()
    objects = {"map": s, **{name: s["$defs"][name] for name in ("side", "speaker", "source", "claim", "quote", "relation")}}
    for name, node in objects.items():
        assert set(node["properties"]) == set(KEYS[name]), name
        assert set(node["required"]) == {k for k, required in KEYS[name].items() if required}, name
        assert node["additionalProperties"] is False, name


def test_bundled_maps_and_starter_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARGUMENTS.glob("*.yaml"))] + [starter_map("A title")]
    for text in texts:  # read as YAML 1.2, as yaml-language-server does (dates stay text)
        errors = list(validator.iter_errors(read_yaml_text(text, "m.yaml")[0]))
        assert errors == [], errors[:3]


def test_schema_rejects_what_check_rejects() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    bad = {"argmap": 1, "title": "t", "claims": {"a": {"text": "x", "colour": "red"}}}
    assert list(validator.iter_errors(bad))


def test_schema_command_prints_the_shipped_file(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("schema")
    assert result.code == 0 and json.loads(result.out) == schema()


def test_new_writes_a_map_that_checks_clean_and_refuses_to_overwrite(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "debate.yaml"
    assert cli("new", path, "--title", 'A "quoted": title').code == 0
    result = cli("check", "--strict", path)
    assert result.code == 0, result.out
    workspace = load_workspace([path])
    assert workspace.maps["debate"].title == 'A "quoted": title'
    assert {r.kind.value for r in workspace.relations.values()} == {"supports", "rebuts", "undercuts"}
    before = path.read_bytes()
    refused = cli("new", path)
    assert refused.code == 2 and "already exists" in refused.err
    assert path.read_bytes() == before


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n", [1, 7, 60, 450])
def test_generated_maps_check_clean(tmp_path: Path, n: int, seed: int) -> None:
    path = tmp_path / "g.yaml"
    write_synthetic(path, n, seed=seed)
    workspace = load_workspace([path])
    assert workspace.problems == ()
    assert len(workspace.claims) == n


def test_generated_maps_have_the_shape_of_a_debate(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    write_synthetic(path, 2000, seed=3)
    workspace = load_workspace([path])
    kinds = {r.kind.value for r in workspace.relations.values()}
    assert kinds == {"supports", "rebuts", "undercuts"}
    assert any(r.linked for r in workspace.relations.values())
    graph = argmap.build_graph(workspace)
    from argmap.graph import Role, role

    roles = {role(graph, key) for key in workspace.claims}
    assert roles >= {Role.THESIS, Role.REASON, Role.OBJECTION, Role.REBUTTAL}
    assert len(workspace.relations) > len(workspace.claims) * 0.9
    assert sum(c.quote is not None for c in workspace.claims.values()) > 1000


@pytest.mark.parametrize("n", [1, 2, 5, 300])
def test_web_maps_check_clean(tmp_path: Path, n: int) -> None:
    written = write_web(tmp_path, n, seed=n)
    workspace = load_workspace([tmp_path])
    assert workspace.problems == ()
    assert len(workspace.claims) == n
    assert sorted(p.name for p in written) == sorted(p.name for p in tmp_path.glob("*.yaml"))


def test_web_maps_differ_in_shape_from_the_synthetic_map(tmp_path: Path) -> None:
    """What the second generator is for: references across files, long quotes, deep
    rebuttal chains and wide fan-in, counted here from the YAML as any reader sees it."""
    write_web(tmp_path, 3000, seed=4)
    documents = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(tmp_path.glob("*.yaml"))}
    assert len(documents) == 3
    edges = []  # (from, to, kind) as global claim numbers
    for stem, doc in documents.items():
        for cid, claim in doc["claims"].items():
            for kind in ("supports", "rebuts"):
                for item in claim.get(kind, []):
                    target = item["to"] if isinstance(item, dict) else item
                    edges.append((stem, int(cid[1:]), target.partition(":")[0] or stem if ":" in target else stem, int(target.rpartition(":c")[2] if ":" in target else target[1:]), kind))
    crossing = sum(1 for stem, _, target_map, _, _ in edges if target_map != stem)
    assert crossing > len(edges) / 2
    fan_in: dict[int, int] = {}
    for *_, target, _ in edges:
        fan_in[target] = fan_in.get(target, 0) + 1
    assert max(fan_in.values()) >= 200
    rebuttal_depth: dict[int, int] = {}
    for _, source, _, target, kind in sorted(edges, key=lambda e: e[1]):  # every answer is to an earlier claim
        if kind == "rebuts":
            rebuttal_depth[source] = max(rebuttal_depth.get(source, 0), rebuttal_depth.get(target, 0) + 1)
    assert max(rebuttal_depth.values()) >= 40
    quotes = [c["quote"]["text"] for doc in documents.values() for c in doc["claims"].values() if "quote" in c]
    assert len(quotes) > 1000 and min(len(q.split()) for q in quotes) >= 40
    assert web_maps(200, seed=4) == web_maps(200, seed=4) != web_maps(200, seed=5)


def test_generation_is_deterministic() -> None:
    assert synthetic_map(300, seed=5) == synthetic_map(300, seed=5)
    assert synthetic_map(300, seed=5) != synthetic_map(300, seed=6)


def test_public_api_is_sorted_and_importable() -> None:
    assert argmap.__all__ == sorted(argmap.__all__)
    for name in argmap.__all__:
        assert getattr(argmap, name) is not None


def test_module_entry_point_runs() -> None:
    result = run_argmap("--version")
    assert result.code == 0 and result.out.startswith("argmap ")


def test_bundled_maps_check_clean_strict(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", "--strict", ARGUMENTS)
    assert result.code == 0, result.out
    assert "0 error(s), 0 warning(s)" in result.err
    workspace = load_workspace([ARGUMENTS])
    assert all(c.quote is not None for c in workspace.claims.values()), "every bundled claim quotes its source"


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from argmap.fileio import atomic_write_text

    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "new.yaml", "x")
        existing = tmp_path / "old.yaml"
        existing.write_text("y")
        existing.chmod(0o640)
        atomic_write_text(existing, "z")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644  # not the temp file's 0600
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert existing.read_text() == "z"


def test_load_can_check_unsaved_text(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: On disk\nclaims:\n  a: {text: A}\n")
    edited = "argmap: 1\ntitle: In the editor\nclaims:\n  a: {text: A, supports: [b]}\n"
    workspace = load_workspace([path], texts={path: edited})
    assert workspace.maps["m"].title == "In the editor"
    assert [p.code for p in workspace.problems] == ["unknown-claim"]
    assert workspace.problems[0].location.line == 4  # located in the text given
    assert load_workspace([path]).maps["m"].title == "On disk"
