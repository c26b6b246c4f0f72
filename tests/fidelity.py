"""Helpers for round-trip tests: a map's whole content as plain data, and a workspace copy.

``map_content`` reads the loaded model (never YAML text), so two maps written differently
but meaning the same compare equal, and a field an exporter forgets shows up as a difference.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.interchange import Draft, to_yaml, write_draft
from argmap.load import load_workspace
from argmap.model import Workspace
from conftest import ARGUMENTS

BUNDLED = ["ijm-vs-thrupkaew", "htc-vs-evolution", "context"]


def map_content(ws: Workspace, stem: str) -> dict[str, Any]:
    """Everything map ``stem`` says, without file positions."""
    argmap = ws.maps[stem]
    return {
        "title": argmap.title, "summary": argmap.summary, "resolution": argmap.resolution,
        "sides": {s.id: (s.label, s.burden) for s in argmap.sides.values()},
        "speakers": {s.id: (s.name, s.role, s.side, s.note) for s in argmap.speakers.values()},
        "sources": {s.id: (s.title, s.publisher, s.author, s.date, s.url, s.note, s.replies_to, s.order,
                           s.text_path.read_text(encoding="utf-8") if s.text_path else None) for s in argmap.sources.values()},
        "claims": {c.id: (c.text, c.kind.value, c.by, (c.quote.source, c.quote.text) if c.quote else None, c.tags, c.note, c.weight, c.conceded)
                   for c in argmap.claims.values()},
        "relations": {r.key: (r.kind.value, r.source, r.target, r.linked, r.tags, r.note, r.named, r.partial) for r in argmap.relations.values()},
    }


def beside_context(folder: Path, stem: str) -> Path:
    """A copy of the bundled maps (and their sources) in ``folder`` without map ``stem``, so a
    map imported there as ``stem`` finds the maps it refers to."""
    for path in ARGUMENTS.glob("*.yaml"):
        if path.stem != stem:
            shutil.copy(path, folder / path.name)
    shutil.copytree(ARGUMENTS / "sources", folder / "sources")
    return folder / f"{stem}.yaml"


def load_draft(draft: Draft, output: Path) -> Workspace:
    """Write a draft (and its source texts) at ``output`` and load it as ``argmap check`` does."""
    write_draft(draft, output, overwrite=True)
    ws = load_workspace([output])
    assert ws.ok, [str(p) for p in ws.problems]
    return ws


def two_trips(ws: Workspace, stem: str, output: Path, export: Callable[[Workspace, str, Path], None],
              read: Callable[[Path], Draft], suffix: str) -> tuple[Workspace, Draft, Draft]:
    """Export map ``stem`` and import it at ``output`` (the first trip), then export and import
    that again (the second): the loaded first import and both drafts.

    Both exports are written to the same file name, which import headers name."""
    exported = output.parent / f"exported{suffix}"
    export(ws, stem, exported)
    first = read(exported)
    back = load_draft(first, output)
    export(back, output.stem, exported)
    second = read(exported)
    assert second.files == first.files
    return back, first, second


def yaml_of(draft: Draft) -> str:
    return to_yaml(draft)


def assert_fixed_point(draft: Draft, folder: Path, export: Callable[[Workspace, str, Path], None],
                       read: Callable[[Path], Draft], suffix: str) -> None:
    """An imported map (``draft``) survives export and import as itself, and the second
    import is the first byte for byte."""
    (folder / "a").mkdir()
    ws = load_draft(draft, folder / "a" / "imported.yaml")
    (folder / "b").mkdir()
    back, first, second = two_trips(ws, "imported", folder / "b" / "imported.yaml", export, read, suffix)
    assert map_content(back, "imported") == map_content(ws, "imported")
    assert yaml_of(second) == yaml_of(first)


CYCLE_NODES = {"a": "I", "b": "I", "s": "RA", "c1": "CA", "c2": "CA"}
CYCLE_EDGES = [("a", "s"), ("s", "b"), ("a", "c1"), ("c1", "c2"), ("b", "c2"), ("c2", "c1")]
"""A support of b by a, and two conflicts that attack only each other: a cycle to write in each format."""


def assert_conflict_cycle_left_out(draft: Draft, folder: Path) -> None:
    """Two conflicts that attack only each other become no relation (each is reported); the
    support beside them is kept."""
    (folder / "out").mkdir()
    ws = load_draft(draft, folder / "out" / "imported.yaml")
    assert [r.kind.value for r in ws.relations.values()] == ["supports"]
    assert sum("points at CA node" in w for w in draft.warnings) == 2


def assert_commands_round_trip(cli: Callable[..., Any], source: Path, folder: Path, fmt: str, counts: str) -> None:
    """``argmap import`` writes a map that ``argmap check`` passes; ``argmap export --to fmt``
    and ``argmap import`` again give the same map."""
    first, again = folder / "map.yaml", folder / "again" / "map.yaml"
    result = cli("import", source, "-o", first)
    assert result.code == 0 and counts in result.out, result.err
    assert cli("check", first).code == 0
    result = cli("export", first, "--to", fmt, "-o", folder / f"exported.{fmt}")
    assert result.code == 0, result.err
    result = cli("import", folder / f"exported.{fmt}", "--format", fmt, "-o", again)
    assert result.code == 0, result.err
    assert map_content(load_workspace([again]), "map") == map_content(load_workspace([first]), "map")


def assert_bundled_survives(stem: str, folder: Path, export: Callable[[Workspace, str, Path], None],
                            read: Callable[[Path], Draft], suffix: str) -> None:
    """A bundled map exported and imported beside the maps it refers to is the same map, and
    a second trip gives the first import byte for byte."""
    original = load_workspace([ARGUMENTS])
    back, first, second = two_trips(original, stem, beside_context(folder, stem), export, read, suffix)
    assert map_content(back, stem) == map_content(original, stem)
    assert yaml_of(second) == yaml_of(first)
