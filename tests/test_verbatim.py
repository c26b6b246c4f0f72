"""Verbatim .docx in and out: real squad files import, exports look like Verbatim's, and export → import is a fixed point.

The counts the importer must reach come from a small counter of this file's own, walking
the document's XML with zipfile and ElementTree (never the importer): paragraphs by style
id along ``basedOn`` (Heading1–Heading4; a style named "Analytic…" is Tag-level, as
Verbatim's own macros treat it), cites by the Cite style ``Style13ptBold`` or bold.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from argmap.interchange.verbatim import import_verbatim, split_place
from argmap.interchange.verbatim_write import STYLE_IDS
from argmap.load import load_workspace
from argmap.quotes import normalize
from conftest import corpus

ARGUMENTS = Path(__file__).resolve().parents[1] / "arguments"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VERBATIM = "verbatim"
REAL = sorted(corpus(VERBATIM).glob("*.docx"))
DEBATES = ["ijm-vs-thrupkaew", "htc-vs-evolution", "context"]


# -- an independent counter --------------------------------------------------------------------
@dataclass
class Counted:
    places: list[set[tuple[str, ...]]] = field(default_factory=lambda: [set(), set(), set()])
    tags: int = 0
    cards: int = 0
    card_keys: set[tuple[str, str]] = field(default_factory=set)


def _chain(styles: dict[str, tuple[str | None, str, ET.Element | None]], sid: str) -> Iterator[str]:
    seen = set()
    while sid in styles and sid not in seen:
        seen.add(sid)
        yield sid
        sid = styles[sid][0] or ""


def count_xml(path: Path) -> Counted:
    """Pockets, hats and blocks (distinct heading paths holding a tag), tags and cards."""
    with zipfile.ZipFile(path) as z:
        style_root = ET.fromstring(z.read("word/styles.xml"))
        body = ET.fromstring(z.read("word/document.xml")).find(f"{W}body")
    styles: dict[str, tuple[str | None, str, ET.Element | None]] = {}
    for s in style_root.iter(f"{W}style"):
        based = s.find(f"{W}basedOn")
        name = s.find(f"{W}name")
        styles[s.get(f"{W}styleId", "")] = (based.get(f"{W}val") if based is not None else None, name.get(f"{W}val", "") if name is not None else "", s.find(f"{W}rPr"))

    def level(p: ET.Element) -> int:
        ps = p.find(f"{W}pPr/{W}pStyle")
        for sid in _chain(styles, ps.get(f"{W}val", "") if ps is not None else "Normal"):
            if re.fullmatch(r"Heading[1-4]", sid):
                return int(sid[-1])
            if styles[sid][1].lower().startswith("analytic"):
                return 4
        return 0

    def bold(rpr: ET.Element | None) -> bool:
        b = rpr.find(f"{W}b") if rpr is not None else None
        return b is not None and b.get(f"{W}val", "true") not in ("0", "false")

    def is_cite(p: ET.Element) -> bool:
        for r in p.iter(f"{W}r"):
            if not "".join(t.text or "" for t in r.iter(f"{W}t")).strip():
                continue
            rpr = r.find(f"{W}rPr")
            rs = rpr.find(f"{W}rStyle") if rpr is not None else None
            chain = list(_chain(styles, rs.get(f"{W}val", ""))) if rs is not None else []
            underlined = any((u := styles[c][2]) is not None and (x := u.find(f"{W}u")) is not None and x.get(f"{W}val") != "none" for c in chain[:1])
            if "Style13ptBold" in chain or bold(rpr) or (any(bold(styles[c][2]) for c in chain[:1]) and not underlined and "Emphasis" not in chain):
                return True
        return False

    def paragraphs(node: ET.Element) -> Iterator[ET.Element]:
        for child in node:
            if child.tag == f"{W}p":
                yield child
            elif child.tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent"):
                yield from paragraphs(child)

    counted = Counted()
    path_now = ["", "", ""]
    tag_body: list[ET.Element] | None = None

    def undertag(p: ET.Element) -> bool:
        ps = p.find(f"{W}pPr/{W}pStyle")
        return ps is not None and ps.get(f"{W}val", "").lower() == "undertag"

    def close(body_paragraphs: list[ET.Element] | None) -> None:
        texts = [p for p in body_paragraphs or [] if text_of(p).strip()]
        while texts and undertag(texts[0]):  # a note line under the tag, before its cite
            texts.pop(0)
        if len(texts) >= 2 and is_cite(texts[0]):
            counted.cards += 1
            key = " ".join(text_of(texts[0]).casefold().split()), " ".join("\n".join(text_of(p) for p in texts[1:]).casefold().split())
            counted.card_keys.add(key)

    for p in paragraphs(body):
        lv = level(p)
        if lv:
            close(tag_body)
            tag_body = None
            text = " ".join(text_of(p).split())
            if not text:
                continue
            if lv == 4:
                counted.tags += 1
                tag_body = []
                for d in range(3):
                    if path_now[d]:
                        counted.places[d].add(tuple(path_now[: d + 1]))
            else:
                path_now[lv - 1] = text
                for lower in range(lv, 3):
                    path_now[lower] = ""
        elif tag_body is not None:
            tag_body.append(p)
    close(tag_body)
    return counted


def text_of(p: ET.Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def map_places(workspace_claims: list[tuple[str, ...]]) -> list[set[tuple[str, ...]]]:
    out: list[set[tuple[str, ...]]] = [set(), set(), set()]
    for tags in workspace_claims:
        for tag in tags:
            place = split_place(tag)
            if place is None:
                continue
            for d in range(3):
                if place[d]:
                    out[d].add(tuple(" ".join(x.split()) for x in place[: d + 1]))
    return out


# -- real files ---------------------------------------------------------------------------------
@pytest.mark.corpus(VERBATIM)
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_real_file_imports_with_the_counts_of_its_xml(cli, tmp_path: Path, path: Path) -> None:  # type: ignore[no-untyped-def]
    expected = count_xml(path)
    result = cli("import", path, "-o", tmp_path / "squad.yaml")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    workspace = load_workspace([tmp_path / "squad.yaml"])
    assert workspace.ok, workspace.problems[:3]
    claims = list(workspace.claims.values())
    pockets, hats, blocks = map_places([c.tags for c in claims])
    assert (len(pockets), len(hats), len(blocks)) == tuple(len(s) for s in expected.places)
    _, stats = import_verbatim([path])
    assert (stats[path.name].tags, stats[path.name].cards) == (expected.tags, expected.cards)
    assert len(workspace.maps["squad"].sources) == len(expected.card_keys)  # one source per distinct card
    assert len(claims) <= expected.tags
    check = cli("check", tmp_path / "squad.yaml", "--format", "json")
    assert check.code == 0, check.out + check.err
    report = json.loads(check.out)
    quoted = [c for c in claims if c.quote is not None]
    assert report["quotes"] == report["quotes_verified"] == len(quoted) >= len(expected.card_keys)  # every quote verified against its card


@pytest.mark.corpus(VERBATIM)
def test_a_squad_folder_imports_as_one_map_with_duplicate_cards_merged(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    squad = tmp_path / "squad"
    squad.mkdir()
    first = corpus(f"{VERBATIM}/verbatim-parser_1nc.docx")
    shutil.copy(first, squad / "a-1nc.docx")
    shutil.copy(first, squad / "b-1nc-again.docx")  # the same cards cut twice
    single = cli("import", first, "-o", tmp_path / "one" / "one.yaml")
    both = cli("import", squad, "-o", tmp_path / "both" / "both.yaml")
    assert single.code == both.code == 0, both.err
    one = load_workspace([tmp_path / "one" / "one.yaml"])
    two = load_workspace([tmp_path / "both" / "both.yaml"])
    assert two.ok
    assert len(two.claims) == len(one.claims)
    assert len(two.maps["both"].sources) == len(one.maps["one"].sources)


# -- export -----------------------------------------------------------------------------------------
def _styles_of(data: bytes) -> dict[str, tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ET.fromstring(z.read("word/styles.xml"))
    out = {}
    for s in root.iter(f"{W}style"):
        name, alias = s.find(f"{W}name"), s.find(f"{W}aliases")
        out[s.get(f"{W}styleId", "")] = (name.get(f"{W}val", "") if name is not None else "", alias.get(f"{W}val", "") if alias is not None else "")
    return out


@pytest.mark.corpus(VERBATIM)
def test_export_has_the_templates_style_ids_names_and_aliases(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = ET.fromstring(corpus(f"{VERBATIM}/Debate.dotm_word-styles.xml").read_bytes())
    wanted = {}
    for s in template.iter(f"{W}style"):
        sid = s.get(f"{W}styleId", "")
        if sid in STYLE_IDS:
            alias = s.find(f"{W}aliases")
            wanted[sid] = (s.find(f"{W}name").get(f"{W}val", ""), alias.get(f"{W}val", "") if alias is not None else "")  # type: ignore[union-attr]
    assert set(wanted) == set(STYLE_IDS)
    out = tmp_path / "ijm.docx"
    assert cli("export", ARGUMENTS / "ijm-vs-thrupkaew.yaml", "--to", "docx", "-o", out).code == 0
    got = _styles_of(out.read_bytes())
    assert {sid: got[sid] for sid in STYLE_IDS} == wanted


def _claims_view(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[str, str, str]]]:
    workspace = load_workspace([path])
    assert workspace.ok, workspace.problems[:3]
    claims = []
    for c in workspace.claims.values():
        source = workspace.source(c)
        text = source.text_path.read_text(encoding="utf-8") if source and source.text_path else None
        claims.append((c.id, c.text, workspace.side(c), c.quote.text if c.quote else None, c.tags, c.note,
                       (source.title, source.author, source.date, source.url, source.note, text) if source else None))
    relations = sorted((r.source, r.kind.value, r.target) for r in workspace.relations.values())
    return claims, relations


def _round(cli, source: Path, where: Path) -> Path:  # type: ignore[no-untyped-def]
    where.mkdir(parents=True)
    docx = where / "file.docx"
    assert cli("export", source, "--to", "docx", "-o", docx).code == 0
    result = cli("import", docx, "-o", where / "m.yaml")
    assert result.code == 0, result.err
    return where / "m.yaml"


@pytest.mark.parametrize("stem", DEBATES)
def test_bundled_debate_survives_export_and_import(cli, tmp_path: Path, stem: str) -> None:  # type: ignore[no-untyped-def]
    original = load_workspace([ARGUMENTS])
    first = _round(cli, ARGUMENTS / f"{stem}.yaml", tmp_path / "1")
    second = _round(cli, first, tmp_path / "2")
    assert _claims_view(first) == _claims_view(second)  # a fixed point from the first export on
    back = load_workspace([first])
    mine = {c.key: c for c in original.claims.values() if c.map == stem}
    by_text = {c.text: c for c in back.claims.values()}
    assert set(by_text) == {c.text for c in mine.values()}
    sides = {original.side(c): back.side(by_text[c.text]) for c in mine.values()}
    assert len(set(sides.values())) == len(sides)  # the sides stay apart
    for claim in mine.values():
        again = by_text[claim.text]
        assert (normalize(again.quote.text) if again.quote else None) == (normalize(claim.quote.text) if claim.quote else None)
        if claim.quote:
            source, new = original.source(claim), back.source(again)
            assert (new.date, new.url) == (source.date, source.url)  # type: ignore[union-attr]
            named = source.author or source.publisher or (None if source.date else source.title)  # type: ignore[union-attr]
            assert new.author == named  # type: ignore[union-attr]  # what the cite names

    def named(ws, rel) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
        target = ws.claims[rel.target].text if rel.target in ws.claims else "→".join(ws.claims[k].text for k in (ws.relations[rel.target].source, ws.relations[rel.target].target))
        return ws.claims[rel.source].text, rel.kind.value, target

    inside = {named(original, r) for r in original.relations.values() if r.source in mine and all(
        (original.claims.get(k) or original.claims[original.relations[k].source]).map == stem for k in [r.target] if k in original.claims or k in original.relations)}
    assert inside <= {named(back, r) for r in back.relations.values()}


@pytest.mark.corpus(VERBATIM)
@pytest.mark.parametrize("path", [p for p in REAL if "pf-2017" not in p.name], ids=lambda p: p.stem)
def test_real_file_export_import_is_a_fixed_point(cli, tmp_path: Path, path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "0").mkdir()
    assert cli("import", path, "-o", tmp_path / "0" / "m.yaml").code == 0
    first = _round(cli, tmp_path / "0" / "m.yaml", tmp_path / "1")
    second = _round(cli, first, tmp_path / "2")
    assert _claims_view(first) == _claims_view(second)
    zero, one = _claims_view(tmp_path / "0" / "m.yaml"), _claims_view(first)
    assert sorted(map(repr, zero[0])) == sorted(map(repr, one[0]))  # the same claims, quotes, sources (order aside)
    assert zero[1] == one[1]


# -- a file of our own: marks, wrappers and answer blocks ------------------------------------------
_RPR = {"cite": '<w:rStyle w:val="Style13ptBold"/>', "read": '<w:rStyle w:val="StyleUnderline"/><w:highlight w:val="yellow"/>',
        "u": '<w:u w:val="single"/>', "bold": "<w:b/>", "": ""}


def _run(text: str, mark: str = "") -> str:
    return f'<w:r><w:rPr>{_RPR[mark]}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _p(style: str, *runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{"".join(runs)}</w:p>'


def make_docx(path: Path, body: str, *, styles: bool = True) -> Path:
    """A minimal Word document: content types, the document and (optionally) styles."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    style_xml = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/><w:basedOn w:val="Normal"/></w:style>' for n in range(1, 5)
    ) + ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
         '<w:style w:type="character" w:styleId="Style13ptBold"><w:name w:val="Style 13 pt Bold"/><w:rPr><w:b/></w:rPr></w:style>'
         '<w:style w:type="character" w:styleId="StyleUnderline"><w:name w:val="Style Underline"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>'
         '<w:style w:type="paragraph" w:styleId="Analytic"><w:name w:val="Analytic"/><w:basedOn w:val="Heading4"/></w:style>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        overrides = '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        if styles:
            overrides += '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        rels = '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' if styles else ""
        z.writestr("word/_rels/document.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
        if styles:
            z.writestr("word/styles.xml", f'<?xml version="1.0"?><w:styles {ns}>{style_xml}</w:styles>')
    return path


def test_own_file_marks_wrappers_sides_and_answer_blocks(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = "".join([
        _p("Heading1", _run("1AC")),
        _p("Heading3", _run("Warming advantage")),
        _p("Heading4", _run("Warming causes extinction")),
        _p("Normal", _run("Smith 21", "cite"), _run(", Professor, “Heat”, https://example.org/heat")),
        _p("Normal", _run("Unread lead-in. "), '<w:hyperlink r:id="rId9">' + _run("Warming will", "read") + "</w:hyperlink>",
           _run(" (unread) "), '<w:smartTag w:uri="x" w:element="place">' + _run("end us all", "read") + "</w:smartTag>", _run(" trailing.")),
        _p("Normal", _run("Jones 2019-03", "bold"), _run(" Report")),  # a cite paragraph made with direct bold, outside a tag: ignored
        _p("Heading1", _run("1NC")),
        _p("Heading3", _run("A2: Warming causes extinction")),
        _p("Heading4", _run("Adaptation solves")),
        _p("Normal", _run("Lee 20", "bold"), _run(" Journal")),
        _p("Normal", _run("People "), _run("adapt to heat", "u"), _run(" over time.")),
        _p("Analytic", _run("No timeframe for extinction")),
        _p("Heading3", _run("AT: Some argument nobody made")),
        _p("Heading4", _run("It is wrong")),
        _p("Heading1", _run("2AC")),
        _p("Heading3", _run("Ext: Warming causes extinction")),
        _p("Heading4", _run("More heat data")),
    ])
    path = make_docx(tmp_path / "squad.docx", body)
    result = cli("import", path, "-o", tmp_path / "map" / "squad.yaml")
    assert result.code == 0, result.err
    assert "unresolved" in result.err and "Some argument nobody made" in result.err
    workspace = load_workspace([tmp_path / "map" / "squad.yaml"])
    assert workspace.ok, workspace.problems[:3]
    claims = {c.text: c for c in workspace.claims.values()}
    warming = claims["Warming causes extinction"]
    assert warming.quote is not None and warming.quote.text == "Warming will (unread) end us all"  # runs in a hyperlink and a smart tag count
    source = workspace.source(warming)
    assert source is not None and (source.title, source.author, source.date, source.url) == ("Smith 21", "Smith", "2021", "https://example.org/heat")
    assert claims["Adaptation solves"].quote.text == "adapt to heat"  # type: ignore[union-attr]  # direct underline, no highlight
    assert claims["No timeframe for extinction"].quote is None  # an analytic
    assert {workspace.side(c) for c in (claims["Adaptation solves"], claims["No timeframe for extinction"])} == {"neg"}
    assert workspace.side(warming) == "aff"
    relations = {(workspace.claims[r.source].text, r.kind.value, workspace.claims[r.target].text) for r in workspace.relations.values()}
    assert relations == {
        ("Adaptation solves", "rebuts", "Warming causes extinction"),
        ("No timeframe for extinction", "rebuts", "Warming causes extinction"),
        ("More heat data", "supports", "Warming causes extinction"),
    }


# -- hostile files ------------------------------------------------------------------------------------
def _one_line_error(result) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 2, result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.err, result.err


def test_not_a_zip(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "file.docx"
    path.write_text("just text, saved with the wrong name\n")
    result = cli("import", path, "-o", tmp_path / "m.yaml")
    _one_line_error(result)
    assert "not a Word .docx" in result.err


def test_zip_bomb(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))
        z.writestr("word/styles.xml", b"<x/>")
    assert path.stat().st_size < 200_000
    result = cli("import", path, "-o", tmp_path / "m.yaml")
    _one_line_error(result)
    assert "zip bomb" in result.err


def test_document_without_styles(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_docx(tmp_path / "plain.docx", _p("Heading4", _run("A tag")), styles=False)
    result = cli("import", path, "-o", tmp_path / "m.yaml")
    _one_line_error(result)
    assert "no styles" in result.err


def test_ten_thousand_empty_tags(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_docx(tmp_path / "empty.docx", _p("Heading4") * 10_000)
    result = cli("import", path, "-o", tmp_path / "m.yaml")
    _one_line_error(result)
    assert "10,000 empty heading(s)" in result.err
    assert not (tmp_path / "m.yaml").exists()


# -- the brief as a Verbatim file, through LibreOffice ----------------------------------------------------
@pytest.mark.office
@pytest.mark.exe
@pytest.mark.parametrize("stem", DEBATES)
def test_brief_docx_converts_to_pdf_with_verbatim_styles(cli, tmp_path: Path, stem: str) -> None:  # type: ignore[no-untyped-def]
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed: apt-get install libreoffice-writer"
    out = tmp_path / f"{stem}.docx"
    result = cli("brief", ARGUMENTS / f"{stem}.yaml", "--format", "docx", "-o", out)
    assert result.code == 0, result.err
    assert set(STYLE_IDS) <= set(_styles_of(out.read_bytes()))
    with zipfile.ZipFile(out) as z:
        used = set(re.findall(r'w:(?:pStyle|rStyle) w:val="([^"]+)"', z.read("word/document.xml").decode()))
    assert {"Heading1", "Heading2", "Heading3", "Heading4", "Style13ptBold", "StyleUnderline"} <= used
    done = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, timeout=180, check=False)
    pdf = tmp_path / f"{stem}.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) >= 2
