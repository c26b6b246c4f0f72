"""Every reader and algorithm on fixtures of our own: these run in a clone without shared/.

The fixtures in ``tests/fixtures/formats/`` were written for these tests from the formats'
definitions (see shared/data/README.md), not copied from the third-party corpora, and every
expected value below was worked out by hand from those definitions or from the published
formulas — never by running argmap. The same readers on the real corpora are tested in
test_interchange.py, test_iccma.py, test_gradual.py and test_solve_cli.py.
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import pytest

from argmap.analysis.dung import SEMANTICS as DUNG_SEMANTICS
from argmap.analysis.dung import extensions
from argmap.analysis.gradual import SEMANTICS, strengths
from argmap.analysis.iccma import read_framework
from argmap.interchange import parse_kialo, read_aif, read_argdown, read_kialo, read_microtext
from argmap.model import RelationKind
from test_interchange import _load, _triples

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


# -- AIF ----------------------------------------------------------------------------------
# uniforms.json: RA 4 joins premises 2, 3 (and the L node 27, a stray L → RA edge) to 1;
# CA 6 attacks RA 4 (an undercut), CA 8 attacks CA 6 (an undercut of that undercut), CA 10
# attacks I 1 (a rebut); MA 12 says 11 rephrases 9. L 20 (Priya, person 7) asserts 1 and
# L 22 (Tom, person 8) asserts 5 through YA nodes; L 24 is the annotator Sam's copy of L 22
# (YA "Analysing"), TA 26 a transition. String ids throughout.
AIF_SUPPORT = (
    frozenset({"Uniforms reduce bullying over clothes", "Bullying harms learning", "Priya: uniforms save time in the morning"}),
    "supports",
    "Schools should require uniforms",
)
AIF_UNDERCUT = (frozenset({"Bullies just pick on something else"}), "undercuts", AIF_SUPPORT)
AIF_TRIPLES = {
    AIF_SUPPORT,
    AIF_UNDERCUT,
    (frozenset({"Studies found less bullying after uniforms came in"}), "undercuts", AIF_UNDERCUT),
    (frozenset({"Uniforms cost poor families money"}), "rebuts", "Schools should require uniforms"),
}


@pytest.mark.parametrize("wrapped", [False, True], ids=["aif", "xaif"])
def test_aif_undercut_of_an_undercut_and_locutions(wrapped: bool, tmp_path: Path) -> None:
    source = FORMATS / "aif" / "uniforms.json"
    if wrapped:  # xAIF (DialAM) puts the graph under "AIF"
        data = json.loads(source.read_text(encoding="utf-8"))
        source = tmp_path / "uniforms.json"
        source.write_text(json.dumps({"AIF": data, "text": "…"}), encoding="utf-8")
    (tmp_path / "map").mkdir()
    ws = _load(read_aif(source), tmp_path / "map")
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    # I nodes 1, 2, 3, 5, 7, 9, 11 and the L node used as a premise
    assert len(argmap.claims) == 8
    assert _triples(ws, "imported") == AIF_TRIPLES
    assert {s.name for s in argmap.speakers.values()} == {"Priya", "Tom"}  # not the annotator Sam
    by = {c.text: ws.speaker(c).name for c in argmap.claims.values() if c.by}
    assert by["Schools should require uniforms"] == "Priya"
    assert by["Bullies just pick on something else"] == "Tom"
    support = next(r for r in argmap.relations.values() if r.kind is RelationKind.SUPPORT)
    assert support.note == "AIF scheme: Argument From Consequences"
    rephrase = next(c for c in argmap.claims.values() if c.text == "Uniforms are expensive for families on low incomes")
    assert "rephrases" in (rephrase.note or "")


# -- Kialo ---------------------------------------------------------------------------------
def test_kialo_old_format(tmp_path: Path) -> None:
    source = FORMATS / "kialo" / "old-format.txt"
    raw = source.read_bytes()
    assert b"\r\n" in raw and not raw.endswith(b"\n")  # the quirks the fixture is for survived git
    draft = read_kialo(source)
    assert draft.title == "Should homework be abolished?"
    ws = _load(draft, tmp_path)
    assert ws.problems == ()
    claims = ws.maps["imported"].claims
    # 1.1.1. is a link (-> See 1.2.1., which comes later): an edge, not a claim
    assert set(claims) == {"c-1", "c-1-1", "c-1-1-2", "c-1-2", "c-1-2-1", "c-1-2-2"}
    assert claims["c-1"].kind.value == "thesis"
    assert claims["c-1-1-2"].text == "Play builds social skills (see this review)."
    assert "https://example.org/play-review" in (claims["c-1-1-2"].note or "")
    assert claims["c-1-2-1"].text == "Practice at home spreads learning over time.\nSpacing beats cramming."
    assert claims["c-1-2-2"].text == "Most homework is busywork [citation needed]."
    assert _triples(ws, "imported", name="id") == {
        (frozenset({"c-1-1"}), "supports", "c-1"),
        (frozenset({"c-1-1-2"}), "supports", "c-1-1"),
        (frozenset({"c-1-2-1"}), "rebuts", "c-1-1"),  # 1.1.1. Con: -> See 1.2.1.
        (frozenset({"c-1-2"}), "rebuts", "c-1"),
        (frozenset({"c-1-2-1"}), "supports", "c-1-2"),
        (frozenset({"c-1-2-2"}), "rebuts", "c-1-2"),
    }


def test_kialo_new_format(tmp_path: Path) -> None:
    draft = read_kialo(FORMATS / "kialo" / "new-format.txt")
    assert draft.title == "Should towns plant more street trees?"
    ws = _load(draft, tmp_path)
    assert ws.problems == ()
    claims = ws.maps["imported"].claims
    assert set(claims) == {"c-1", "c-1-1", "c-1-2", "c-1-2-1"}
    assert claims["c-1"].text == "Towns should plant more street trees."
    assert claims["c-1"].kind.value == "thesis"
    assert claims["c-1-2"].text.startswith("Roots break pavements,\nwhich costs money to repair")
    assert claims["c-1-1"].note == '[1] https://example.org/heat — "Shaded streets were three degrees cooler at noon."'
    assert claims["c-1-2"].note == "[2] https://example.org/pavements"
    assert _triples(ws, "imported", name="id") == {
        (frozenset({"c-1-1"}), "supports", "c-1"),
        (frozenset({"c-1-2"}), "rebuts", "c-1"),
        (frozenset({"c-1-2-1"}), "supports", "c-1-2"),
        (frozenset({"c-1-2-1"}), "rebuts", "c-1-1"),  # 1.1.1. Con: -> See 1.2.1. (later)
    }



@pytest.mark.parametrize(("line", "claim"), [
    (r"1.1. Pro: groups \[race, religion\] [as examples](http://x.org/a), end.", "groups [race, religion] as examples, end."),
    (r"1.1. Pro: a [link with \[brackets\]](http://x.org/b) then \[x\]", "a link with [brackets] then [x]"),
    (r"1.1. Pro: an escaped backslash \\[opens](http://x.org/c) a link", "an escaped backslash \\opens a link"),
])
def test_kialo_escaped_brackets_around_a_link(line: str, claim: str) -> None:
    # Kialo escapes Markdown's brackets in claim text; an escaped "[" must not open the link
    draft = parse_kialo(f"Discussion Title: t\n\n1. Thesis\n{line}\n")
    assert draft.claims["c-1-1"].text == claim



# -- Argdown ------------------------------------------------------------------------------
# uniforms.argdown (with _evidence.argdown included): [Uniforms] defined twice (an equivalence
# class, the second text a note), front-matter title and subTitle, data kind/by, a >< contradiction,
# an attack line, a two-step PCS whose first inference uses only (1), an argument written the way
# argmap exports one (<+ premises, _> target), a sketched argument, an undercut of <Bullying>,
# headings as groups ({isGroup: false} is none), emphasis, an escape, a link and a list.
def test_argdown_own_fixture(tmp_path: Path) -> None:
    draft = read_argdown(FORMATS / "argdown" / "uniforms.argdown")
    assert draft.warnings == []
    ws = _load(draft, tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    assert (argmap.title, argmap.summary) == ("Should schools require uniforms?", "A small debate written for argmap's tests")
    claims = {c.id: c for c in argmap.claims.values()}
    assert set(claims) == {"uniforms", "cost", "free", "lost-property", "shoes-compete", "no-rule-for-shoes", "competition",
                           "competition-over-clothes-leads-to", "less-bullying", "if-uniforms-reduce-bullying-schools", "sketch",
                           "a-list-item-with-a"}
    uniforms = claims["uniforms"]
    assert (uniforms.text, uniforms.kind.value, uniforms.by) == ("Schools should require uniforms.", "thesis", "priya")
    assert uniforms.note == "Also stated as: Pupils should wear uniforms at school."
    assert uniforms.tags == ("thesis-tag", "group: Claims")
    assert claims["shoes-compete"].tags == ("group: Claims",)  # included inside the heading's section
    assert claims["competition"].tags == ()  # "# Arguments {isGroup: false}"
    assert claims["free"].text == "Schools can hand uniforms out for free."
    assert claims["sketch"].text == "A reason written [only] as a sketch."
    assert claims["lost-property"].text == "Uniforms get lost, as @[Cost] shows."
    assert claims["a-list-item-with-a"].note == "Links: https://example.org/uniforms"
    bullying = argmap.relations["imported:bullying"]
    assert bullying.named and bullying.tags == ("pro",) and bullying.note == "Uniforms stop bullying over clothes."
    assert _triples(ws, "imported", name="id") == {
        (frozenset({"competition"}), "supports", "less-bullying"),  # {uses: [1]}
        (frozenset({"less-bullying", "if-uniforms-reduce-bullying-schools"}), "supports", "uniforms"),
        (frozenset({"shoes-compete", "no-rule-for-shoes"}), "undercuts", (frozenset({"less-bullying", "if-uniforms-reduce-bullying-schools"}), "supports", "uniforms")),
        (frozenset({"lost-property"}), "undercuts", (frozenset({"less-bullying", "if-uniforms-reduce-bullying-schools"}), "supports", "uniforms")),
        (frozenset({"cost"}), "rebuts", "free"),  # >< is an attack both ways
        (frozenset({"free"}), "rebuts", "cost"),
        (frozenset({"lost-property"}), "rebuts", "free"),
        (frozenset({"sketch"}), "rebuts", "cost"),
    }


# -- arg-microtexts ------------------------------------------------------------------------
MICRO = {  # ADU → its EDU's text (one EDU each)
    "a1": "Schools should require uniforms.",
    "a2": "They stop pupils competing over clothes,",
    "a3": "and that competition distracts from lessons.",
    "a4": "Some say pupils just compete over shoes instead.",
    "a5": "But uniform rules usually cover shoes too.",
    "a6": "Admittedly, uniforms cost families money.",
    "a7": "In Japan, for example, almost every school has one.",
}


def test_microtext_undercut_of_an_undercut_and_a_linked_premise(tmp_path: Path) -> None:
    ws = _load(read_microtext(FORMATS / "microtexts" / "micro_own1.xml"), tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    support = (frozenset({MICRO["a2"], MICRO["a3"]}), "supports", MICRO["a1"])  # c8, with c9 (add)
    undercut = (frozenset({MICRO["a4"]}), "undercuts", support)  # c10 attacks edge c8
    assert _triples(ws, "imported") == {
        support,
        undercut,
        (frozenset({MICRO["a5"]}), "undercuts", undercut),  # c11 attacks edge c10
        (frozenset({MICRO["a6"]}), "rebuts", MICRO["a1"]),  # c12
        (frozenset({MICRO["a7"]}), "supports", MICRO["a1"]),  # c13 (exa)
    }
    assert [c.text for c in argmap.claims.values() if c.kind.value == "thesis"] == [MICRO["a1"]]
    sides = {c.text: ws.side(c) for c in argmap.claims.values()}
    assert sides == {text: "opponent" if adu in ("a4", "a6") else "proponent" for adu, text in MICRO.items()}
    assert all(c.quote is not None and c.quote.text == c.text for c in argmap.claims.values())


def test_import_command_on_our_own_microtext(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "own.yaml"
    result = cli("import", FORMATS / "microtexts" / "micro_own1.xml", "-o", out)
    assert result.code == 0, result.err
    assert "7 claims, 5 relations, 2 speakers" in result.out
    assert (tmp_path / "sources" / "micro_own1.txt").is_file()
    assert cli("check", out).code == 0


# -- ICCMA ---------------------------------------------------------------------------------
ICCMA_EXPECTED = json.loads((FORMATS / "iccma" / "expected.json").read_text(encoding="utf-8"))
FRAMEWORKS = sorted(name for name in ICCMA_EXPECTED if name != "about")


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_framework_reads_as_written(name: str) -> None:
    fw = read_framework(FORMATS / "iccma" / name)
    assert list(fw.arguments) == ICCMA_EXPECTED[name]["arguments"]
    assert sorted(fw.attacks) == sorted(tuple(pair) for pair in ICCMA_EXPECTED[name]["attacks"])


@pytest.mark.parametrize("semantics", DUNG_SEMANTICS)
@pytest.mark.parametrize("name", FRAMEWORKS)
def test_hand_computed_extensions(name: str, semantics: str) -> None:
    expected = ICCMA_EXPECTED[name][semantics]
    got = extensions(read_framework(FORMATS / "iccma" / name), semantics)
    assert len(got) == len(expected)  # [] (none) and [[]] (only the empty set) differ
    assert set(map(frozenset, got)) == set(map(frozenset, expected))


@pytest.mark.parametrize("semantics", DUNG_SEMANTICS)
def test_solve_prints_the_hand_computed_extensions(cli, semantics: str) -> None:  # type: ignore[no-untyped-def]
    for name in FRAMEWORKS:
        result = cli("solve", FORMATS / "iccma" / name, "--semantics", semantics)
        assert result.code == 0, result.err
        # ICCMA output: extensions as [a,b], sorted; "[]" is no extension, "[[]]" the empty one
        want = sorted(sorted(ext) for ext in ICCMA_EXPECTED[name][semantics])
        assert result.out.strip() == "[" + ",".join("[" + ",".join(ext) + "]" for ext in want) + "]"


# -- gradual semantics -----------------------------------------------------------------------
# Small acyclic cases, worked through the formulas in shared/data/README.md (w = base score):
#   DF-QuAD: F(v1..vn) = 1 − ∏(1 − vi); σ = w − w·(va − vs) if va ≥ vs else w + (1 − w)·(vs − va)
#   QuAD (Baroni et al. 2015): attackers only w·∏(1 − vi); supporters only 1 − (1 − w)·∏(1 − vi);
#       both: the mean of the two
#   quadratic energy: E = Σ sup − Σ att, h(x) = max(x,0)²/(1 + max(x,0)²), σ = w − w·h(−E) + (1 − w)·h(E)
#   Euler-based: σ = 1 − (1 − w²)/(1 + w·e^E)
#   h-categorizer: σ = w/(1 + Σ att)
# Arguments with no attacker or supporter keep their base score (F() = 0, E = 0) under all five.
def _euler(w: float, energy: float) -> float:
    return 1 - (1 - w * w) / (1 + w * math.exp(energy))


# Case "chain": d attacks b, b attacks a, c supports a; w: a .5, b .4, c .6, d .8
_CHAIN_QE_B = 0.4 - 0.4 * Fraction(16, 41)  # E = −0.8, h(0.8) = 0.64/1.64 = 16/41; = 10/41
_CHAIN_QE_E = Fraction(6, 10) - _CHAIN_QE_B  # = 73/205
_CHAIN_EULER_B = _euler(0.4, -0.8)  # 1 − 0.84/(1 + 0.4·e^−0.8) ≈ 0.287974
GRADUAL = {
    "chain": (
        {"a": 0.5, "b": 0.4, "c": 0.6, "d": 0.8},
        [("d", "b"), ("b", "a")],
        [("c", "a")],
        {
            # b: va = .8, vs = 0 → .4 − .4·.8 = .08; a: va = .08 < vs = .6 → .5 + .5·(.6 − .08) = .76
            "dfquad": {"a": 0.76, "b": 0.08},
            # b: .4·(1 − .8) = .08; a: attack .5·(1 − .08) = .46, support 1 − .5·(1 − .6) = .8, mean .63
            "quad": {"a": 0.63, "b": 0.08},
            # b: 10/41; a: E = .6 − 10/41 = 73/205 > 0 → .5 + .5·E²/(1 + E²) = .5 + .5·5329/47354
            "quadratic_energy": {"a": float(Fraction(1, 2) + Fraction(1, 2) * Fraction(5329, 47354)), "b": float(_CHAIN_QE_B)},
            # b: as above; a: E = .6 − σ(b) ≈ .312026 → 1 − .75/(1 + .5·e^E) ≈ .554392
            "euler": {"a": _euler(0.5, 0.6 - _CHAIN_EULER_B), "b": _CHAIN_EULER_B},
            # b: .4/(1 + .8) = 2/9; a: .5/(1 + 2/9) = 9/22 (the support is ignored)
            "h_categorizer": {"a": 9 / 22, "b": 2 / 9},
        },
    ),
    "two attackers, one supporter": (
        {"x": 0.6, "y": 0.5, "z": 0.5, "s": 0.3},
        [("y", "x"), ("z", "x")],
        [("s", "x")],
        {
            # va = 1 − .5·.5 = .75 ≥ vs = .3 → .6 − .6·.45 = .33
            "dfquad": {"x": 0.33},
            # attack .6·.5·.5 = .15, support 1 − .4·.7 = .72, mean .435
            "quad": {"x": 0.435},
            # E = .3 − 1 = −.7, h(.7) = .49/1.49 = 49/149 → .6 − .6·49/149 = 60/149
            "quadratic_energy": {"x": 60 / 149},
            # 1 − .64/(1 + .6·e^−.7) ≈ .506915
            "euler": {"x": _euler(0.6, -0.7)},
            # .6/(1 + .5 + .5) = .3
            "h_categorizer": {"x": 0.3},
        },
    ),
    "supporters only": (
        {"t": 0.2, "u": 0.5, "v": 0.5},
        [],
        [("u", "t"), ("v", "t")],
        {
            # vs = 1 − .5·.5 = .75, va = 0 → .2 + .8·.75 = .8
            "dfquad": {"t": 0.8},
            # 1 − .8·.5·.5 = .8
            "quad": {"t": 0.8},
            # E = 1, h(1) = 1/2 → .2 + .8·.5 = .6
            "quadratic_energy": {"t": 0.6},
            # 1 − .96/(1 + .2·e) ≈ .378100
            "euler": {"t": _euler(0.2, 1.0)},
            # no attackers: .2
            "h_categorizer": {"t": 0.2},
        },
    ),
}


def test_the_hand_computed_cases_cover_every_semantics() -> None:
    assert all(set(expected) == set(SEMANTICS) for _, _, _, expected in GRADUAL.values())


@pytest.mark.parametrize("semantics", SEMANTICS)
@pytest.mark.parametrize("case", GRADUAL)
def test_gradual_by_hand(case: str, semantics: str) -> None:
    weights, attacks, supports, expected = GRADUAL[case]
    got = strengths(weights, attacks, supports, semantics)
    assert (got.method, got.converged, got.iterations) == ("acyclic-forward-pass", True, 0)
    leaves = {name: w for name, w in weights.items() if not any(t == name for _, t in (*attacks, *supports))}
    assert got.strength == pytest.approx({**leaves, **expected[semantics]}, abs=1e-12)


def test_xaif_participants_name_the_speakers(tmp_path: Path) -> None:
    # participants.json: locutions carry no "Name:" prefix; persons 0 and 1 are named only in
    # the xAIF participants list. I 4 is asked (YA "Pure Questioning"); MA 7 says 6 rephrases 4.
    (tmp_path / "map").mkdir()
    ws = _load(read_aif(FORMATS / "aif" / "participants.json"), tmp_path / "map")
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    assert {s.name for s in argmap.speakers.values()} == {"Maya Chen", "Ravi Patel"}
    by = {c.text: ws.speaker(c).name for c in argmap.claims.values() if c.by}
    assert by == {"The library should open on Sundays": "Maya Chen", "Students have nowhere quiet to work at weekends": "Maya Chen",
                  "Who would pay the staff on Sundays?": "Ravi Patel"}
    question = next(c for c in argmap.claims.values() if c.text == "Who would pay the staff on Sundays?")
    assert question.tags == ("pure-questioning",)
    rephrase = next(c for c in argmap.claims.values() if c.text == "Weekend opening costs money")
    assert rephrase.note.endswith(f"AIF MA 7: rephrases {question.id}")
