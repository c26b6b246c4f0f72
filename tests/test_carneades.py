"""Carneades 4 YAML import: the carneades-4 example graphs, and a graph of our own.

Expected numbers come from PyYAML's ``safe_load`` of each file and a few lines of counting
here (statements, arguments, undercutters, issue positions), not from the importer; every
imported map goes through ``load_workspace``, the loader of ``argmap check``. The files'
own expected labelling (``tests:``, ``labels:`` or a statement's ``value:``) is compared
with argmap's grounded statuses, and every difference is listed below with its reason.
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.analysis import analyze
from argmap.errors import ArgmapError, InputError, Severity
from argmap.interchange import detect_format, read_carneades
from argmap.model import RelationKind, Workspace
from conftest import corpus, corpus_cases
from test_interchange import _load

OWN = Path(__file__).resolve().parent / "fixtures" / "formats" / "carneades"
FILES = sorted(corpus("carneades").glob("*.yml"))
RULE_BASES = {"abduction.yml", "chr-leq.yml", "family-law.yml", "mcda-porsche.yml"}
INVALID = {"validateArguments.yml", "validateStatements.yml"}
EMPTY = {"empty.yml"}
UNDERCUTTER_KEYS = ("undercutter", "nas", "not app statement")

BURDEN = "burden of proof"
"""Carneades: a statement is in only if assumed or the conclusion of an applicable argument
(out when it has none, undecided when its only support is undecided, as in a support cycle);
argmap (Dung's grounded semantics over attacks): a support never makes a claim stand or fall,
so a claim that nothing attacks, or whose attackers are all out, stands."""

STANDARD = "proof standard and weights"
"""Carneades decides an issue by its proof standard (PE unless it says CCE or BRD) from the
weights of the applicable arguments for each position (schemes linked, cumulative,
factorized, constant …), and an assumed position holds; argmap's positions rebut each other
with no weight, so where nothing else decides, every position is undecided."""

DIFFERENCES: dict[str, dict[str, str]] = {
    "Porsche2.yml": {"safety(volvo,medium)": STANDARD, "safety(volvo,high)": STANDARD, "buy(porsche)": STANDARD, "buy(volvo)": STANDARD},
    "dung-attack-cycle.yml": {"ua": BURDEN, "ub": BURDEN},
    "even-loop.yml": {"p": BURDEN, "q": BURDEN},
    "frisian.yml": {"¬app(a1)": BURDEN},
    "jogging2.yml": {s: STANDARD for s in ("rain", "hot", "jog", "¬jog", "¬hot", "¬rain")},
    "library.yml": {"accessNotDenied": STANDARD, "accessDenied": STANDARD},
    "paraconsistency.yml": {s: STANDARD for s in ("p", "¬p", "q", "¬q")},
    "pollock-red-light.yml": {"s11395": BURDEN},
    "reinstatement.yml": {"p": STANDARD, "np": STANDARD},
    "risky-operation.yml": {s: STANDARD for s in ("¬riskyOperation", "¬badCirculation", "badCirculation", "riskyOperation")},
    "self-defeat.yml": {"p": BURDEN, "¬p": BURDEN},
    "sherlock.yml": {"afghanistan": STANDARD, "¬afghanistan": STANDARD},
    "support-loop.yml": {"p": BURDEN, "q": BURDEN},
    "tandem-2015.yml": {"jmt": STANDARD, "jst": STANDARD, "mst": STANDARD},
    "toulmin.yml": {"s11521": BURDEN},
    "unreliable-witness.yml": {"¬app(a1)": BURDEN, "reliable": STANDARD},
    "unsupported2.yml": {"p": BURDEN, "¬p": BURDEN, "q": BURDEN},
}
"""Every statement whose argmap status differs from the file's expected label, and why."""


def _raw(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    return data if isinstance(data, dict) else {}


def _expected_labels(raw: dict[str, Any]) -> dict[str, str]:
    """statement → in/out/undec, from ``tests:``, the older ``labels:``, or a statement's ``value:``."""
    found: dict[str, str] = {}
    for key in ("tests", "labels"):
        for label, ids in (raw.get(key) or {}).items():
            found.update({str(s): {"undecided": "undec"}.get(label, label) for s in ids or []})
    for statement, body in (raw.get("statements") or {}).items():
        if isinstance(body, dict) and (body.get("value") or body.get("label")):
            found.setdefault(str(statement), {"undecided": "undec"}.get(body.get("value") or body["label"], body.get("value") or body["label"]))
    return found


def _undercutter(argument: dict[str, Any]) -> str | None:
    return next((str(v) for k, v in argument.items() if k.lower() in UNDERCUTTER_KEYS and v), None)


def _premises(argument: dict[str, Any]) -> list[str]:
    value = next((v for k, v in argument.items() if k.lower() == "premises"), None) or []
    return [str(p) for p in (value.values() if isinstance(value, dict) else value)]


def _statement_keys(ws: Workspace) -> dict[str, str]:
    """Carneades statement id → claim key, from the claims' notes."""
    return {c.note.removeprefix("Carneades statement "): key for key, c in ws.claims.items() if c.note and c.note.startswith("Carneades statement ")}


GRAPHS = [p for p in FILES if p.name not in RULE_BASES | INVALID | EMPTY]


@pytest.mark.corpus("carneades")
def test_the_folder_holds_the_files_this_test_sorts() -> None:
    assert len(FILES) == 26
    assert {p.name for p in FILES} >= RULE_BASES | INVALID | EMPTY
    assert len(GRAPHS) == 19


def _check_counts(raw: dict[str, Any], ws: Workspace) -> None:
    """Claims, supports, undercuts and rebuttals of the map equal what the YAML holds."""
    statements = raw.get("statements") or {}
    arguments = raw.get("arguments") or {}
    argmap = next(iter(ws.maps.values()))
    bare = [a for a, body in arguments.items() if not _premises(body)]
    assert len(argmap.claims) == len(statements) + len(bare)
    kinds = collections.Counter(r.kind for r in argmap.relations.values())
    assert kinds[RelationKind.SUPPORT] == len(arguments)
    assert kinds[RelationKind.UNDERCUT] == sum(1 for body in arguments.values() if _undercutter(body))
    # each issue's positions rebut one another, except where an argument already joins the two
    # (argmap keeps one relation between two claims): the first premise and the conclusion
    joined = {(str(_premises(body)[0]), str(next(v for k, v in body.items() if k.lower() == "conclusion"))) for body in arguments.values() if _premises(body)}
    pairs = [(x, y) for issue in (raw.get("issues") or {}).values() for x in issue["positions"] for y in issue["positions"] if x != y]
    assert kinds[RelationKind.REBUT] == len([pair for pair in pairs if pair not in joined])
    # each argument is a support from exactly its premises to its conclusion, by the statements' texts
    keys = _statement_keys(ws)

    def text(statement: str) -> str:
        return ws.claims[keys[statement]].text

    supports = {(frozenset(ws.claims[p].text for p in r.premises), ws.claims[r.target].text) for r in argmap.relations.values() if r.kind is RelationKind.SUPPORT}
    expected = {(frozenset(text(str(p)) for p in _premises(body)) or frozenset({f"Argument {a} (it has no premises)"}),
                 text(str(next(v for k, v in body.items() if k.lower() == "conclusion")))) for a, body in arguments.items()}
    assert supports == expected
    assumed = {str(s) for s in raw.get("assumptions") or []} | {str(s) for s, b in statements.items() if isinstance(b, dict) and b.get("assumed")}
    assert {s for s, key in keys.items() if "assumed" in ws.claims[key].tags} == assumed & set(map(str, statements))


@pytest.mark.corpus("carneades")
@pytest.mark.parametrize("path", corpus_cases(GRAPHS), ids=lambda p: p.name)
def test_every_graph_imports_and_checks_with_every_statement_and_argument(path: Path, tmp_path: Path) -> None:
    assert detect_format(path) == "carneades"
    ws = _load(read_carneades(path), tmp_path)
    assert [p for p in ws.problems if p.severity is Severity.ERROR] == []
    # the one warning argmap check may give: arguments for each other in a circle (even-loop …)
    assert {p.code for p in ws.problems} <= {"support-cycle"}
    _check_counts(_raw(path), ws)


def _agreement(path: Path, tmp_path: Path) -> tuple[int, dict[str, tuple[str, str]]]:
    """How many expected labels argmap's grounded statuses match, and the differing ones (expected, argmap)."""
    expected = _expected_labels(_raw(path))
    ws = _load(read_carneades(path), tmp_path)
    status = analyze(ws).status
    keys = _statement_keys(ws)
    got = {s: status[keys[s]].value for s in expected}
    differing = {s: (label, got[s]) for s, label in expected.items() if got[s] != label}
    return len(expected) - len(differing), differing


LABELLED = [p for p in GRAPHS if _expected_labels(_raw(p))]


@pytest.mark.corpus("carneades")
@pytest.mark.parametrize("path", corpus_cases(LABELLED), ids=lambda p: p.name)
def test_statuses_agree_with_carneades_except_where_the_semantics_differ(path: Path, tmp_path: Path) -> None:
    _, differing = _agreement(path, tmp_path)
    reasons = DIFFERENCES.get(path.name, {})
    assert set(differing) == set(reasons), differing
    raw = _raw(path)
    positions = {str(s) for issue in (raw.get("issues") or {}).values() for s in issue["positions"]}
    assumed = {str(s) for s in raw.get("assumptions") or []}
    for statement, reason in reasons.items():
        if reason == STANDARD:  # only a position of an issue is decided by a proof standard
            assert statement in positions, statement
        else:  # argmap keeps in what Carneades leaves without an applicable argument
            assert statement not in assumed and differing[statement][1] == "in", statement


@pytest.mark.corpus("carneades")
def test_the_agreement_table(tmp_path: Path) -> None:
    """The table in docs/carneades.md is what the files give (one row per labelled file)."""
    table = (Path(__file__).resolve().parents[1] / "docs" / "carneades.md").read_text(encoding="utf-8")
    for i, path in enumerate(LABELLED):
        agree, differing = _agreement(path, tmp_path / str(i))
        row = f"| `{path.name}` | {agree} of {agree + len(differing)} |"
        assert row in table, row


@pytest.mark.corpus("carneades")
@pytest.mark.parametrize("name", sorted(RULE_BASES | EMPTY))
def test_rule_bases_and_empty_graphs_get_a_message_not_an_empty_map(cli, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("import", corpus(f"carneades/{name}"), "-o", tmp_path / "m.yaml")
    assert result.code == 2 and not (tmp_path / "m.yaml").exists()
    assert len(result.err.strip().splitlines()) == 1
    assert ("rule base" in result.err) == (name in RULE_BASES)
    assert ("empty Carneades graph" in result.err) == (name in EMPTY)


@pytest.mark.corpus("carneades")
def test_the_deliberately_invalid_files_are_located(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # their comments name the intended errors: a scalar 'premises', a weight above 1 and one that
    # is no number, a conclusion that is also the undercutter, a misspelled 'premise:'
    result = cli("import", corpus("carneades/validateArguments.yml"), "-o", tmp_path / "m.yaml")
    assert result.code == 2
    lines = [line.split(": error: ")[0].rsplit("/", 1)[1] for line in result.err.strip().splitlines()]
    assert lines == ["validateArguments.yml:30:15", "validateArguments.yml:31:18", "validateArguments.yml:32:13",
                     "validateArguments.yml:38:13", "validateArguments.yml:51:5"]
    result = cli("import", corpus("carneades/validateStatements.yml"), "-o", tmp_path / "m.yaml")
    assert result.code == 2 and "validateStatements.yml:13:15: error:" in result.err and "'un' is not a label" in result.err


@pytest.mark.corpus("carneades/Porsche2.yml")
def test_the_old_syntax_with_a_byte_order_mark_imports(tmp_path: Path) -> None:
    path = corpus("carneades/Porsche2.yml")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    draft = read_carneades(path)
    assert any("argument_schemes" in w for w in draft.warnings)  # said, not silently dropped
    assert _load(draft, tmp_path).problems == ()


# -- our own graph ------------------------------------------------------------------------------
def test_own_graph_maps_every_construct(tmp_path: Path) -> None:
    ws = _load(read_carneades(OWN / "bike-lanes.yml"), tmp_path)
    assert ws.problems == ()
    raw = _raw(OWN / "bike-lanes.yml")
    _check_counts(raw, ws)
    argmap = ws.maps["imported"]
    keys = _statement_keys(ws)
    assert len(argmap.claims) == 10 and len(argmap.relations) == 12  # 9 statements + a5; 5 supports, 1 undercut, 6 rebuttals
    by_note = {r.note: r for r in argmap.relations.values() if r.note}
    a1 = by_note["Carneades argument a1; premises evidence: count"]  # role map, capitalised keys
    assert a1.source == keys["count"] and a1.target == keys["cyclists"]
    undercut = next(r for r in argmap.relations.values() if r.kind is RelationKind.UNDERCUT)  # 'nas'
    assert undercut.source == keys["¬app(a1)"] and undercut.target == a1.key
    a3 = by_note["Carneades argument a3"]
    assert (a3.source, a3.linked) == (keys["narrow"], (keys["parking"],))
    assert "Carneades argument a2; scheme linked; weight 0.7" in by_note
    rebuttals = [r for r in argmap.relations.values() if r.kind is RelationKind.REBUT]
    assert {r.note for r in rebuttals} == {"Carneades issue i1 (proof standard CCE)"} and all(r.tags == ("issue",) for r in rebuttals)
    assert ws.claims[by_note["Carneades argument a5"].source].text == "Argument a5 (it has no premises)"
    assert {s for s, k in keys.items() if "assumed" in ws.claims[k].tags} == {"narrow", "count", "countOld"}
    assert argmap.title == "Bike lanes on Mill Street"


HOSTILE = [
    # (what, replace, by, expected location, code)
    ("dangling premise", "premises: [cyclists]", "premises: [cyclist]", "34:16", "carneades-reference"),
    ("dangling conclusion", "conclusion: ¬lanes", "conclusion: no-lanes", "40:17", "carneades-reference"),
    ("dangling position", "[lanes, ¬lanes, wait]", "[lanes, ¬lanes, later]", "25:32", "carneades-reference"),
    ("unknown standard", "standard: cce", "standard: beyond-doubt", "26:15", "carneades-format"),
    ("alias bomb", "  lanes: Mill Street should get bike lanes.", "  lanes: &a [x, x]\n  lanez: [*a, *a]", "13:11", "yaml-alias"),
    ("python tag", "  wait: Mill Street should wait a year.", "  wait: !!python/object:os.system ls", "14:9", "yaml-tag"),
    ("duplicate statement", "  wait: Mill Street should wait a year.", "  wait: a\n  wait: b", "15:3", "duplicate-key"),
    ("deep nesting", "  wait: Mill Street should wait a year.", "  wait: " + "[" * 80 + "]" * 80, "14:71", "yaml-depth"),
    ("not a mapping", "statements:", "statements: [a, b]\nstatementz:", "11:13", "carneades-format"),
]


@pytest.mark.parametrize(("old", "new", "where", "code"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_hostile_or_broken_yaml_is_one_located_error(cli, tmp_path: Path, old: str, new: str, where: str, code: str) -> None:  # type: ignore[no-untyped-def]
    text = (OWN / "bike-lanes.yml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "graph.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli("import", path, "-o", tmp_path / "out" / "m.yaml")
    assert result.code == 2
    first = result.err.strip().splitlines()[0]
    assert first.startswith(f"{path}:{where}: error: ") and f"[{code}]" in first, result.err
    assert not (tmp_path / "out").exists()


def test_a_huge_file_is_refused_before_it_is_parsed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "huge.yml"
    with open(path, "wb") as file:
        file.write(b"statements:\n")
        file.truncate(65 * 2**20)  # sparse
    result = cli("import", path, "-o", tmp_path / "m.yaml")
    assert result.code == 2 and "[file-too-large]" in result.err and len(result.err.strip().splitlines()) == 1


def test_a_typo_in_a_reference_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "graph.yml"
    path.write_text((OWN / "bike-lanes.yml").read_text(encoding="utf-8").replace("premises: [cyclists]", "premises: [cyclist]"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_carneades(path)
    assert [p.hint for p in caught.value.problems] == ["did you mean 'cyclists'?"]


def test_a_rule_base_is_told_apart_from_a_graph(tmp_path: Path) -> None:
    path = tmp_path / "rules.yml"
    path.write_text("language:\n  p/1: 'p(%v)'\nargument_schemes:\n  - id: s\n    premises: [q(X)]\n    conclusions: [p(X)]\n", encoding="utf-8")
    with pytest.raises(ArgmapError, match="rule base"):
        read_carneades(path)


def test_ids_are_compared_as_terms_and_unknown_top_level_keys_are_noted(tmp_path: Path) -> None:
    """As Carneades' loader does: layout inside a term does not matter (``¬app( a1 )`` is
    ``¬app(a1)``), a number assumes as true unless 0, and keys it has no use for are ignored
    (here with a note)."""
    text = (OWN / "bike-lanes.yml").read_text(encoding="utf-8")
    text = text.replace("nas: ¬app(a1)", "nas: ¬app( a1 )").replace("wait: Mill Street should wait a year.", "wait: {text: Mill Street should wait a year., assumed: 1}")
    path = tmp_path / "graph.yml"
    path.write_text(text + "colour: green\n", encoding="utf-8")
    draft = read_carneades(path)
    assert [w for w in draft.warnings if "unknown key 'colour' ignored" in w]
    ws = _load(draft, tmp_path / "map")
    assert ws.problems == ()
    assert sum(r.kind is RelationKind.UNDERCUT for r in ws.maps["imported"].relations.values()) == 1
    assert "assumed" in ws.claims[_statement_keys(ws)["wait"]].tags


def test_an_argmap_map_is_not_taken_for_a_carneades_graph() -> None:
    with pytest.raises(ArgmapError, match="cannot tell the format"):
        detect_format(Path(__file__).resolve().parents[1] / "arguments" / "context.yaml")
    assert detect_format(OWN / "bike-lanes.yml") == "carneades"
