"""brat standoff import: the Argument Annotated Essays and AbstRCT, and fixtures of our own.

Expected numbers come from a small counter written here from brat's line grammar (split on
TABs, nothing else), not from the importer; every imported map goes through
``load_workspace``, the loader of ``argmap check``, so every quote is verified against the
source text the import wrote beside the map.
"""

from __future__ import annotations

import collections
import os
import shutil
from pathlib import Path

import pytest

from argmap.errors import ArgmapError, InputError
from argmap.interchange import detect_format, read_brat
from argmap.model import RelationKind
from conftest import corpus, corpus_cases
from test_interchange import _load

OWN = Path(__file__).resolve().parent / "fixtures" / "formats" / "brat"
ESSAYS = sorted(corpus("aae-brat").glob("**/*.ann"))


def _count(ann: Path) -> dict[str, object]:
    """What the .ann says, by brat's grammar: spans (id → label, start, end), relations
    (type, Arg1, Arg2) and attribute values, with the text each span covers in the .txt."""
    text = ann.with_suffix(".txt").read_bytes().decode("utf-8")  # a BOM stays: offsets count it
    spans, relations, stance = {}, [], {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T"):
            label, start, end = fields[1].split(" ")
            spans[fields[0]] = (label, text[int(start):int(end)])
        elif line.startswith("R"):
            kind, arg1, arg2 = fields[1].split(" ")
            relations.append((kind, arg1.split(":")[1], arg2.split(":")[1]))
        elif line.startswith("A"):
            _, tid, value = fields[1].split(" ")
            stance[tid] = value
    return {"spans": spans, "relations": relations, "stance": stance}


@pytest.mark.corpus("aae-brat")
def test_the_corpus_folders_hold_essays_and_abstracts() -> None:
    assert len([p for p in ESSAYS if p.parent.name == "aae-brat"]) == 7
    assert len([p for p in ESSAYS if p.parent.name == "abstrct"]) == 2


@pytest.mark.corpus("aae-brat")
@pytest.mark.parametrize("ann", corpus_cases(ESSAYS), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_span_and_relation_is_imported_and_every_quote_verifies(ann: Path, tmp_path: Path) -> None:
    counted = _count(ann)
    spans: dict[str, tuple[str, str]] = counted["spans"]  # type: ignore[assignment]
    relations: list[tuple[str, str, str]] = counted["relations"]  # type: ignore[assignment]
    stance: dict[str, str] = counted["stance"]  # type: ignore[assignment]
    assert detect_format(ann) == "brat"
    ws = _load(read_brat(ann), tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    # every span is a claim quoting exactly its stretch of the text; the loader verified each
    assert len(argmap.claims) == len(spans)
    assert sorted((c.tags[0], c.quote.text) for c in argmap.claims.values() if c.quote) == sorted(spans.values())
    assert all(ws.source(c).text_path.read_bytes() == ann.with_suffix(".txt").read_bytes() for c in argmap.claims.values())
    majors = [tid for tid, (label, _) in spans.items() if label == "MajorClaim"]
    assert sorted(c.quote.text for c in argmap.claims.values() if c.kind.value == "thesis" and c.quote) == sorted(spans[t][1] for t in majors)
    # relations: each R line, and each stance as a relation to every major claim
    kinds = collections.Counter(r.kind for r in argmap.relations.values())
    named = collections.Counter(kind.lower() for kind, _, _ in relations)
    assert kinds[RelationKind.SUPPORT] == named["supports"] + named["support"] + list(stance.values()).count("For") * len(majors)
    assert kinds[RelationKind.REBUT] == named["attacks"] + named["attack"] + named["partial-attack"] + list(stance.values()).count("Against") * len(majors)
    assert sum(r.partial for r in argmap.relations.values()) == named["partial-attack"]
    quote_of = {c.key: c.quote.text for c in argmap.claims.values() if c.quote}
    got = {(quote_of[r.source], r.kind, quote_of[r.target], r.partial) for r in argmap.relations.values() if "stance" not in r.tags}
    meaning = {"supports": RelationKind.SUPPORT, "support": RelationKind.SUPPORT}
    want = {(spans[a][1], meaning.get(k.lower(), RelationKind.REBUT), spans[b][1], k == "Partial-Attack") for k, a, b in relations}
    assert got == want
    # sides: a claim's stance; a premise takes the side of what it supports, the other of what it attacks
    if stance:
        side_of = {quote_of[c.key]: ws.side(c) for c in argmap.claims.values()}
        for tid, value in stance.items():
            assert side_of[spans[tid][1]] == ("for" if value == "For" else "against")
        for kind, a, b in relations:
            same = kind == "supports"
            assert (side_of[spans[a][1]] == side_of[spans[b][1]]) == same, (kind, a, b)
    else:
        assert not argmap.sides


@pytest.mark.corpus("aae-brat/abstrct/23203707.txt")
def test_offsets_count_the_byte_order_mark(tmp_path: Path) -> None:
    ann = corpus("aae-brat/abstrct/23203707.ann")
    assert ann.with_suffix(".txt").read_bytes().startswith(b"\xef\xbb\xbf")
    ws = _load(read_brat(ann), tmp_path)
    claim = next(c for c in ws.claims.values() if c.note and c.note.startswith("brat T1 "))
    assert claim.quote is not None and claim.quote.text == "Preservative-free latanoprost has the same efficacy as BPL, with improved local tolerance."
    partial = [r for r in ws.maps["imported"].relations.values() if r.partial]
    assert len(partial) == 1 and partial[0].target == claim.key


# -- our own scheme ---------------------------------------------------------------------------
# towns.ann (written for this test): labels Thesis/Reason from our annotation.conf, relation types
# supports / attacks / partially-attacks, a Position attribute (For/Against) and a flag Uncertain;
# a BOM, a TAB in the text, a discontinuous span T6 ("footfall rose" + "after the ban"), an
# AnnotatorNotes line, a trailing TAB after T6's text and an equivalence line (skipped, noted);
# then a note on relation R1, an attribute Confidence on R2, an event E1 and a note on it.
def _own(tmp_path: Path) -> Path:
    """A copy of our fixture folder (conf and document) to spoil."""
    shutil.copytree(OWN, tmp_path / "brat")
    return tmp_path / "brat" / "towns" / "towns.ann"


def test_own_scheme_labels_come_from_the_conf(tmp_path: Path) -> None:
    draft = read_brat(OWN / "towns" / "towns.ann")
    assert [w for w in draft.warnings if "equivalence" in w]
    ws = _load(draft, tmp_path)
    assert ws.problems == ()
    claims = {c.note.split()[1]: c for c in ws.claims.values() if c.note}
    assert [t for t, c in claims.items() if c.kind.value == "thesis"] == ["T1"]
    assert claims["T3"].tags == ("Reason", "Uncertain") and "council report" in (claims["T3"].note or "")
    assert claims["T6"].text == "footfall rose … after the ban" and claims["T6"].quote is not None and claims["T6"].quote.text == "footfall rose"
    triples = {(r.source, r.kind, r.target, r.partial) for r in ws.maps["imported"].relations.values()}
    key = {t: c.key for t, c in claims.items()}
    assert triples == {
        (key["T3"], RelationKind.SUPPORT, key["T2"], False),
        (key["T5"], RelationKind.REBUT, key["T4"], False),
        (key["T6"], RelationKind.REBUT, key["T4"], True),
        (key["T2"], RelationKind.SUPPORT, key["T1"], False),  # Position For
        (key["T4"], RelationKind.REBUT, key["T1"], False),  # Position Against
    }
    assert {t: ws.side(c) for t, c in claims.items()} == {"T1": "for", "T2": "for", "T3": "for", "T4": "against", "T5": "for", "T6": "for"}
    assert [t for t, c in claims.items() if "reported" in c.tags] == ["T4"]  # the author states the opposing view
    # a note and an attribute on relations; an event line skipped, and the note on it with it
    relations = {(r.source, r.target): r for r in ws.maps["imported"].relations.values()}
    assert relations[key["T3"], key["T2"]].note == "the council's own reading"
    assert relations[key["T5"], key["T4"]].tags == ("Confidence=Low",)
    assert [w for w in draft.warnings if "event line skipped" in w]


def test_a_conf_in_a_folder_above_is_found(tmp_path: Path) -> None:
    ann = _own(tmp_path)
    deeper = ann.parent / "a" / "b"
    deeper.mkdir(parents=True)
    for suffix in (".ann", ".txt"):
        shutil.move(ann.with_suffix(suffix), deeper / f"towns{suffix}")
    assert len(read_brat(deeper / "towns.ann").claims) == 6
    (tmp_path / "brat" / "annotation.conf").unlink()
    with pytest.raises(ArgmapError, match=r"no annotation\.conf"):
        read_brat(deeper / "towns.ann")


SPOILED = [
    # (what, replace this in the .ann, by this, expected line:column, code, words in the message);
    # a span's text that differs is pointed at where it first differs
    ("offset past the end", "T5\tReason 201 223", "T5\tReason 201 9999", "6:11", "brat-span", "outside the text"),
    ("offsets shifted by one", "T2\tReason 83 126", "T2\tReason 82 125", "2:18", "brat-span", "first difference at character 1"),
    ("text that is not there", "\tmost accidents involve a car", "\tmost accidents involve a bus", "3:44", "brat-span", "reads 'involve a car'"),
    ("dangling relation end", "Arg2:T2\t", "Arg2:T22\t", "11:26", "brat-reference", "'T22'"),
    ("attribute on a missing span", "A1\tPosition T2 For", "A1\tPosition T9 For", "8:13", "brat-reference", "'T9'"),
    ("label not in the conf", "T1\tThesis", "T1\tMajorClaim", "1:4", "brat-syntax", "not an entity"),
    ("relation type not in the conf", "R1\tsupports", "R1\tjustifies", "11:4", "brat-syntax", "not in annotation.conf"),
    ("attribute value not in the conf", "Position T4 Against", "Position T4 Neutral", "9:16", "brat-syntax", "allows For|Against"),
    ("a span id twice", "T2\tReason 83", "T1\tThesis 41 81\tTowns should ban cars from their centres\nT2\tReason 83", "2:1", "brat-syntax", "defined twice"),
    ("a relation id twice", "R3\tpartially", "R1\tpartially", "13:1", "brat-syntax", "relation id R1 is defined twice"),
    ("garbage line", "A3\tUncertain T3", "hello world", "10:1", "brat-syntax", "not a brat standoff line"),
    ("offsets not numbers", "T1\tThesis 41 81", "T1\tThesis 41 eighty", "1:11", "brat-syntax", "offsets of T1"),
]


@pytest.mark.parametrize(("old", "new", "where", "code", "words"), [case[1:] for case in SPOILED], ids=[case[0] for case in SPOILED])
def test_a_spoiled_line_is_one_located_error(cli, tmp_path: Path, old: str, new: str, where: str, code: str, words: str) -> None:  # type: ignore[no-untyped-def]
    ann = _own(tmp_path)
    text = ann.read_text(encoding="utf-8")
    assert old in text
    ann.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli("import", ann, "-o", tmp_path / "out" / "m.yaml")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{ann}:{where}: error: ") and f"[{code}]" in lines[0] and words in lines[0], lines[0]
    assert not (tmp_path / "out").exists()


def test_every_bad_line_is_reported(tmp_path: Path) -> None:
    ann = _own(tmp_path)
    text = ann.read_text(encoding="utf-8").replace("Arg2:T2\t", "Arg2:T22\t").replace("T5\tReason 201 223", "T5\tReason 201 9999")
    ann.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_brat(ann)
    assert sorted(p.location.line for p in caught.value.problems) == [6, 11]


def test_a_huge_or_binary_file_is_refused_before_it_is_read(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ann = _own(tmp_path)
    with open(ann.with_suffix(".txt"), "r+b") as file:
        file.truncate(65 * 2**20)  # sparse: nothing is written to disk
    result = cli("import", ann, "-o", tmp_path / "m.yaml")
    assert result.code == 2 and "file-too-large" in result.err and len(result.err.strip().splitlines()) == 1
    ann.with_suffix(".txt").write_bytes(b"\xff\xfe binary")
    result = cli("import", ann, "-o", tmp_path / "m.yaml")
    assert result.code == 2 and "file-encoding" in result.err


def test_a_missing_text_says_what_a_brat_document_is(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ann = _own(tmp_path)
    os.remove(ann.with_suffix(".txt"))
    result = cli("import", ann, "-o", tmp_path / "m.yaml")
    assert result.code == 2 and "the .txt beside it" in result.err


@pytest.mark.corpus("aae-brat")
def test_a_folder_imports_as_one_map_with_a_source_per_document(tmp_path: Path) -> None:
    folder = corpus("aae-brat")
    anns = sorted(folder.glob("*.ann"))
    assert detect_format(folder) == "brat"
    ws = _load(read_brat(folder), tmp_path)
    assert ws.problems == ()
    argmap = ws.maps["imported"]
    assert len(argmap.sources) == len(anns) == 7
    assert len(argmap.claims) == sum(len(_count(ann)["spans"]) for ann in anns)  # type: ignore[arg-type]
    counted = [_count(ann) for ann in anns]
    majors = [sum(label == "MajorClaim" for label, _ in c["spans"].values()) for c in counted]  # type: ignore[attr-defined]
    stances = [len(c["stance"]) for c in counted]  # type: ignore[arg-type]
    # each stance links a claim to the major claims of its own essay only
    assert len(argmap.relations) == sum(len(c["relations"]) + s * m for c, s, m in zip(counted, stances, majors))  # type: ignore[arg-type]


def test_a_folder_with_no_documents_says_so(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("import", tmp_path, "-o", tmp_path / "m.yaml")
    assert result.code == 2 and "neither brat documents" in result.err
