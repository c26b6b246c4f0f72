"""Argdown in and out: the real files of ../shared/data/argdown, the bundled maps, hostile input.

Counts on the real files come from a small counter written here from the Argdown syntax
reference (element starts, relation lines and inference lines), not from the importer.
Export → import → export must give the same text, and what argmap exports must parse in
the real Argdown CLI (``./setup.sh`` installs it in ``.venv/argdown/``), where present.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.interchange import read_argdown, to_argdown, write_draft
from argmap.interchange.argdown import MAX_BYTES, MAX_DEPTH
from argmap.interchange.writer import Draft, DraftClaim
from argmap.load import load_workspace
from argmap.model import RelationKind, Workspace
from conftest import ARGUMENTS, REPO, corpus, corpus_cases

ARGDOWN = corpus("argdown")
REAL = sorted(ARGDOWN.glob("*.argdown"))
CYCLE = {"include-test.argdown", "_partial1.argdown", "_partial2.argdown"}  # the three files include each other in a circle
BUNDLED = sorted(p.stem for p in ARGUMENTS.glob("*.yaml"))
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats" / "argdown"


# -- an independent counter ---------------------------------------------------------------
_COMMENTS = re.compile(r"<!--.*?-->|/\*.*?\*/|(?<![:\w\\])//[^\n]*", re.S)
_RELATION = re.compile(r"\s*(<_|<\+|<-|_>|\+>|->|><|_(?=\s)|\+|-(?!-))\s*(.*)")
_NUMBERED = re.compile(r"\s*\(\d+\)\s*(.*)")
_ITEM = re.compile(r"\s*(?:\*|\d+\.)\s+(.*)")
_DASHES = re.compile(r"\s*--")


def count(path: Path) -> dict[str, int]:
    """Statements (equivalence classes, untitled ones one each), arguments without a
    premise–conclusion structure, relation lines (a contradiction counts twice: it is
    an attack both ways) and inferences, counted from the text by the syntax reference."""
    text = _COMMENTS.sub(lambda m: "\0" * bool(m.group().strip()) if "\n" not in m.group() else "\0" + "\n\0" * m.group().count("\n"), path.read_text(encoding="utf-8"))
    lines = [line.replace("\0", "") for line in text.split("\n") if line.replace("\0", "").strip() or "\0" not in line]
    text = "\n".join(lines)
    if text.lstrip().startswith("==="):
        text = text.split("===", 2)[2]
    statements: set[str] = set()
    untitled = 0
    arguments: dict[str, bool] = {}  # title → has a premise–conclusion structure
    relations = inferences = 0
    last_argument = None
    for block in re.split(r"\n[ \t]*\n", text):
        rows = [row for row in block.split("\n") if row.strip()]
        if not rows or re.match(r"#+ ", rows[0]):
            last_argument = None
            continue
        starts: list[str] = []
        in_rule = False
        for index, row in enumerate(rows):
            if _DASHES.match(row):
                bare = not row.strip().strip("-").strip()
                if in_rule:
                    in_rule = False
                else:
                    inferences += 1
                    following = rows[index + 1] if index + 1 < len(rows) else ""
                    in_rule = bare and bool(following) and not _NUMBERED.match(following)
                continue
            if in_rule:
                continue
            if (number := _NUMBERED.match(row)) is not None:
                starts.append(number.group(1))
                if last_argument is not None:
                    arguments[last_argument] = True
            elif (relation := _RELATION.match(row)) is not None and index > 0:
                relations += 2 if relation.group(1) == "><" else 1
                starts.append(relation.group(2))
            elif (item := _ITEM.match(row)) is not None:
                starts.append(item.group(1))
            elif index == 0:
                starts.append(row.strip())
        last_argument = None
        for position, start in enumerate(starts):
            if (title := re.match(r"\[([^\]]+)\](?!\()", start)) is not None:
                statements.add(" ".join(title.group(1).split()))
            elif (title := re.match(r"<([^>]+)>", start)) is not None:
                name = " ".join(title.group(1).split())
                arguments.setdefault(name, False)
                if position == 0 and len(starts) == 1:
                    last_argument = name
            else:
                untitled += 1
    return {"claims": len(statements) + untitled + sum(not pcs for pcs in arguments.values()),
            "relations": relations + inferences, "inferences": inferences, "reconstructed": sum(arguments.values())}


# -- the real files ------------------------------------------------------------------------
def _load(draft_path: Path, folder: Path) -> Workspace:
    draft = read_argdown(draft_path)
    write_draft(draft, folder / "imported.yaml", overwrite=True)
    return load_workspace([folder / "imported.yaml"])


@pytest.mark.corpus("argdown")
@pytest.mark.parametrize("path", corpus_cases([p for p in REAL if p.name not in CYCLE]), ids=lambda p: p.stem)
def test_a_real_file_imports_with_every_statement_and_relation(path: Path, tmp_path: Path) -> None:
    draft = read_argdown(path)
    ws = _load(path, tmp_path)
    assert ws.ok, [str(p) for p in ws.problems]
    argmap = ws.maps["imported"]
    expected = count(path)
    assert len(argmap.claims) == expected["claims"]
    skipped = [w for w in draft.warnings if ": skipped " in w]  # each names the relation line it could not keep
    assert len(argmap.relations) + len(skipped) == expected["relations"], skipped
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: skipped ", w) for w in skipped)  # located in the file
    assert sum(r.named for r in argmap.relations.values()) == expected["reconstructed"]  # a titled argument with a PCS: one named relation


@pytest.mark.corpus("argdown")
@pytest.mark.parametrize("name", sorted(CYCLE))
def test_the_include_cycle_of_the_real_files_is_one_located_error(name: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("import", ARGDOWN / name, "-o", tmp_path / "x.yaml")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert re.match(r".*_partial[12]\.argdown:3:1: error: @include\(_partial[12]\.argdown\) closes a cycle: .* \[include-cycle\]", result.err)
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.corpus("argdown/state-censorship.argdown")
def test_state_censorship_reads_as_its_author_wrote_it(tmp_path: Path) -> None:
    ws = _load(ARGDOWN / "state-censorship.argdown", tmp_path)
    argmap = ws.maps["imported"]
    claims = {c.id: c for c in argmap.claims.values()}
    assert argmap.title == "Censorship from the State" and argmap.summary == "Some Pros and Cons Reconstructed in Detail"
    assert claims["absolute-freedom-of-speech"].text == "Freedom of speech is an absolute right."  # hard-wrapped in the file
    freedom = argmap.relations["imported:argument-from-freedom-of-speech"]
    assert freedom.named and freedom.tags == ("con",)  # removeTagsFromText: the tag is not in the text
    assert {claims[k.split(":")[1]].text for k in freedom.premises} == {
        "Freedom of speech is an absolute right.", "Censorship violates freedom of speech.",
        "Whatever violates an absolute right, is itself wrong in principle."}  # {uses: [1,2,3]}
    assert "Inference: Specification, Modus ponens" in (freedom.note or "")
    assert ws.claims[freedom.target].text == "Censorship is wrong in principle."
    # a two-step argument: (1),(2) ⊢ (3); (3),(4) ⊢ (5), which attacks [IRC-legislation]
    inclusive = argmap.relations["imported:importance-of-inclusive-public-debate"]
    step = next(r for r in argmap.relations.values() if r.target in inclusive.premises)
    assert {ws.claims[k].text[:40] for k in step.premises} == {"We will only have an open, maximally-inc", "If legislation against incitement to rac"}
    assert not step.named and len(inclusive.premises) == 2
    assert any(r.kind is RelationKind.REBUT and r.target == "imported:irc-legislation" for r in argmap.relations.values())
    assert "isInMap" in (claims["irc-legislation"].note or "")


@pytest.mark.corpus("argdown/semmelweis_betz.argdown")
def test_semmelweis_contradiction_is_an_attack_both_ways(tmp_path: Path) -> None:
    argmap = _load(ARGDOWN / "semmelweis_betz.argdown", tmp_path).maps["imported"]
    contradictions = {(r.source, r.target) for r in argmap.relations.values() if "contradiction" in r.tags}
    assert contradictions and all((t, s) in contradictions for s, t in contradictions)
    h1 = next(c for c in argmap.claims.values() if c.id == "epidemic-influence-hypothesis")
    assert "H1" in h1.tags and "group: Three Rival Hypotheses" in h1.tags
    assert not any(t.startswith("group: Arguments and Further") for c in argmap.claims.values() for t in c.tags)  # {isGroup: false}
    exported = to_argdown(load_workspace([tmp_path / "imported.yaml"]), "imported").splitlines()
    assert sum(line.strip().startswith(">< ") for line in exported) == len(contradictions) // 2  # written back as ><


# -- export → import → export -------------------------------------------------------------
@pytest.fixture(scope="module")
def bundled() -> Workspace:
    return load_workspace([ARGUMENTS])


def _round(text: str, folder: Path) -> tuple[Workspace, str]:
    """Import Argdown text as a map and export that map again."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "map.argdown").write_text(text, encoding="utf-8")
    ws = _load(folder / "map.argdown", folder)
    assert ws.ok, [str(p) for p in ws.problems][:3]
    return ws, to_argdown(ws, "imported")


def _same(text: str) -> str:
    return re.sub(r"from map '[^']*'", "from map 'M'", text)


def _shape(ws: Workspace, stem: str) -> set[tuple[object, ...]]:
    """Relations as (premises, kind, target, tags, note), claims by their one-line text."""
    relations = ws.maps[stem].relations

    def text(key: str) -> str:
        return " ".join(ws.claims[key].text.split())

    def shape(key: str) -> tuple[object, ...]:
        rel = relations[key]
        target = shape(rel.target) if rel.kind is RelationKind.UNDERCUT else text(rel.target)
        return frozenset(map(text, rel.premises)), rel.kind.value, target, rel.tags, " ".join((rel.note or "").split()), rel.partial

    return {shape(key) for key in relations if relations[key].kind is not RelationKind.UNDERCUT or relations[key].target in relations}


@pytest.mark.parametrize("stem", BUNDLED)
def test_a_bundled_map_survives_export_and_import_and_the_export_is_a_fixed_point(bundled: Workspace, stem: str, tmp_path: Path) -> None:
    first = to_argdown(bundled, stem)
    ws, second = _round(first, tmp_path / "a")
    assert _same(second) == _same(first)
    _, third = _round(second, tmp_path / "b")
    assert third == second
    back = ws.maps["imported"]
    original = bundled.maps[stem]
    used = {k for r in original.relations.values() for k in (*r.premises, r.target) if k in bundled.claims}
    assert len(back.claims) == len(used | {c.key for c in original.claims.values()})  # claims of other maps it uses come along
    assert _shape(ws, "imported") == _shape(bundled, stem)
    assert {(s.id, s.label) for s in back.sides.values()} == {(s.id, s.label) for s in original.sides.values()}
    people = {(p.id, p.name, p.role, p.side, p.note) for p in original.speakers.values()}
    assert people <= {(p.id, p.name, p.role, p.side, p.note) for p in back.speakers.values()}
    by_text = {" ".join(c.text.split()): c for c in back.claims.values()}
    for claim in original.claims.values():
        twin = by_text[" ".join(claim.text.split())]
        assert (twin.kind, twin.tags, twin.note, twin.by, twin.weight, twin.conceded) == (claim.kind, claim.tags, claim.note, claim.by, claim.weight, claim.conceded), claim.id
        assert (twin.quote.source, twin.quote.text) == (claim.quote.source, claim.quote.text) if claim.quote else twin.quote is None
    assert {(s.id, s.title, s.url) for s in back.sources.values()} == {(s.id, s.title, s.url) for s in original.sources.values()}


@pytest.mark.corpus("argdown")
@pytest.mark.parametrize("path", corpus_cases([p for p in REAL if p.name not in CYCLE]), ids=lambda p: p.stem)
def test_a_real_file_exported_again_is_a_fixed_point(path: Path, tmp_path: Path) -> None:
    ws = _load(path, tmp_path)
    first = to_argdown(ws, "imported")
    again, second = _round(first, tmp_path / "a")
    assert _same(second) == _same(first)
    assert (len(again.maps["imported"].claims), len(again.maps["imported"].relations)) == (len(ws.maps["imported"].claims), len(ws.maps["imported"].relations))
    assert _shape(again, "imported") == _shape(ws, "imported")


def test_the_own_fixture_exported_again_is_a_fixed_point(tmp_path: Path) -> None:
    ws = _load(FIXTURES / "uniforms.argdown", tmp_path)
    first = to_argdown(ws, "imported")
    again, second = _round(first, tmp_path / "a")
    assert _same(second) == _same(first) and _shape(again, "imported") == _shape(ws, "imported")
    assert "<bullying>: Uniforms stop bullying over clothes. #pro" in first.splitlines()


# -- the real Argdown CLI ------------------------------------------------------------------
def _argdown_cli() -> str | None:
    local = [REPO / ".venv/argdown/node_modules/.bin/argdown", Path("/tmp/argdown/node_modules/.bin/argdown")]
    return shutil.which("argdown") or next((str(path) for path in local if path.exists()), None)


def _argdown_json(text: str, folder: Path) -> dict[str, Any]:
    """What the real Argdown CLI makes of ``text`` (its JSON export); the test fails on a parser error."""
    program = _argdown_cli()
    if program is None:
        pytest.skip("the Argdown CLI is absent: ./setup.sh installs it in .venv/argdown/")
    (folder / "map.argdown").write_text(text, encoding="utf-8")
    result = subprocess.run([program, "json", "map.argdown", "out"], cwd=folder, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_COLOR": "1"}, check=False)
    said = result.stdout + result.stderr
    assert result.returncode == 0 and "error" not in said.lower(), said[-2000:]
    data: dict[str, Any] = json.loads((folder / "out" / "map.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.exe
@pytest.mark.parametrize("stem", BUNDLED)
def test_the_argdown_cli_parses_what_argmap_exports(bundled: Workspace, stem: str, tmp_path: Path) -> None:
    data = _argdown_json(to_argdown(bundled, stem), tmp_path)
    original = bundled.maps[stem]
    statements = data["statements"]
    assert {c.id for c in original.claims.values()} <= set(statements)
    for claim in original.claims.values():
        members = statements[claim.id]["members"]
        assert members[0]["text"].strip() == " ".join(claim.text.split()), claim.id
    undercut = {r.target for r in original.relations.values() if r.kind is RelationKind.UNDERCUT}
    as_arguments = [r for r in original.relations.values() if r.linked or r.named or r.note or r.tags or r.partial or r.key in undercut]
    assert len(data["arguments"]) == len(as_arguments)
    kinds = {"support": 0, "attack": 0, "undercut": 0}
    for relation in data["relations"]:
        kinds[relation["relationType"]] = kinds.get(relation["relationType"], 0) + 1
    attacks = sum(1 for r in original.relations.values() if r.kind is RelationKind.REBUT)
    assert kinds["attack"] == attacks


# -- hostile input -------------------------------------------------------------------------
@pytest.mark.parametrize(("files", "located", "code"), [
    ({"m.argdown": "A\n\n@include(../outside.argdown)\n"}, "m.argdown:3:1", "include-outside"),
    ({"m.argdown": "A\n  + B @include(m.argdown)\n"}, "m.argdown:2:7", "include-cycle"),
    ({"m.argdown": "@include(gone.argdown)\n"}, "m.argdown:1:1", "include-missing"),
    ({"m.argdown": "<A>\n\n(1) P\n(2) Q\n--\nModus ponens {uses: [1, 7]}\n--\n(3) C\n"}, "m.argdown:5:1", "argdown-reference"),
    ({"m.argdown": "(1) P\n----\n"}, "m.argdown:2:1", "argdown-syntax"),
    ({"m.argdown": "===\ntitle: t\n\nA\n"}, "m.argdown:1:1", "argdown-syntax"),
    ({"m.argdown": "===\ntitle: [t\n===\nA\n"}, "m.argdown:", "argdown-syntax"),
    ({"m.argdown": "A \xff\n"}, "m.argdown:1:1", "file-encoding"),
])
def test_hostile_input_is_one_located_error(files: dict[str, str], located: str, code: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "outside.argdown").write_text("X\n", encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    result = cli("import", folder / "m.argdown", "-o", tmp_path / "x.yaml")
    assert result.code == 2, result.err
    assert len(result.err.splitlines()) == 1 and f"[{code}]" in result.err
    assert result.err.startswith(str(folder / located)), result.err
    assert not (tmp_path / "x.yaml").exists()


def test_deep_nesting_is_one_located_error_not_a_crash(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    deep = tmp_path / "deep.argdown"
    deep.write_text("A\n" + "".join(f"{' ' * (i + 1)}+ B{i}\n" for i in range(5000)), encoding="utf-8")
    result = cli("import", deep, "-o", tmp_path / "x.yaml")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert result.err.startswith(f"{deep}:{MAX_DEPTH + 2}:") and "[argdown-syntax]" in result.err  # the 101st level
    for i in range(300):  # a chain of includes, each file including the next
        (tmp_path / f"c{i}.argdown").write_text(f"C{i}\n\n@include(c{i + 1}.argdown)\n", encoding="utf-8")
    result = cli("import", tmp_path / "c0.argdown", "-o", tmp_path / "x.yaml")
    assert result.code == 2 and len(result.err.splitlines()) == 1 and "includes deep [include-cycle]" in result.err


def test_a_huge_file_is_refused_before_it_is_parsed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    huge = tmp_path / "huge.argdown"
    with huge.open("w", encoding="utf-8") as out:
        line = "[t]: " + "x" * 1000 + "\n"
        out.write(line * (MAX_BYTES // len(line) + 1))
    result = cli("import", huge, "-o", tmp_path / "x.yaml")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert result.err.startswith(f"{huge}:1:1: error: ") and "[file-too-large]" in result.err


def test_a_file_included_twice_is_read_once_as_argdown_does(tmp_path: Path) -> None:
    (tmp_path / "a.argdown").write_text("[A]: From a.\n", encoding="utf-8")
    (tmp_path / "b.argdown").write_text("@include(a.argdown)\n\n[B]: From b.\n  + [A]\n", encoding="utf-8")
    (tmp_path / "m.argdown").write_text("@include(a.argdown)\n\n@include(b.argdown)\n", encoding="utf-8")
    draft = read_argdown(tmp_path / "m.argdown")
    assert [c.text for c in draft.claims.values()] == ["From a.", "From b."]
    assert [(r.source, r.kind.value, r.target) for r in draft.relations] == [("a", "supports", "b")]
    assert any("b.argdown:1:1: a.argdown was included before" in w for w in draft.warnings)


ARGDOWN_TEXT = st.text(alphabet=st.sampled_from([*"aZ9 .,:;!?'\"-+_*#@/\\[](){}<>=~`|%&$^", "é", "–", "中", "\u00a0"]), min_size=1, max_size=30).filter(lambda s: s.strip())
TAG = st.text(alphabet=st.sampled_from([*"aZ9 -_:#@/.é"]), min_size=1, max_size=8).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=ARGDOWN_TEXT, other=ARGDOWN_TEXT, note=ARGDOWN_TEXT, tags=st.lists(TAG, max_size=2, unique_by=lambda t: " ".join(t.split())))
def test_any_text_survives_export_and_import(text: str, other: str, note: str, tags: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("text")
    tags = [" ".join(t.split()) for t in tags]
    draft = Draft(title=note, origin=[])
    draft.add_claim("a", DraftClaim(text, tags=tags, note=note))
    draft.add_claim("b", DraftClaim(other, kind="thesis"))
    draft.add_relation(RelationKind.SUPPORT, "a", "b", note=note, tags=tags)
    write_draft(draft, folder / "m.yaml")
    ws = load_workspace([folder / "m.yaml"])
    assert ws.ok
    back, _ = _round(to_argdown(ws, "m"), folder / "back")
    claims = {c.id: c for c in back.maps["imported"].claims.values()}
    assert (claims["a"].text, claims["a"].tags, claims["a"].note) == (" ".join(text.split()), tuple(tags), note)
    assert (claims["b"].text, claims["b"].kind.value) == (" ".join(other.split()), "thesis")
    (relation,) = back.maps["imported"].relations.values()
    assert (relation.source, relation.target, relation.tags, relation.note) == ("imported:a", "imported:b", tuple(tags), " ".join(note.split()))
    assert back.maps["imported"].title == " ".join(note.split())


@pytest.mark.exe
@pytest.mark.corpus("argdown")
@pytest.mark.parametrize("path", corpus_cases([p for p in REAL if p.name not in CYCLE]), ids=lambda p: p.stem)
def test_the_argdown_cli_parses_a_real_file_exported_again(path: Path, tmp_path: Path) -> None:
    ws = _load(path, tmp_path)
    data = _argdown_json(to_argdown(ws, "imported"), tmp_path)
    assert set(data["statements"]) == {c.id for c in ws.maps["imported"].claims.values()}
