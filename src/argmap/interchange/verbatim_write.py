"""Write Verbatim ``.docx`` files: a map (or a brief) as pockets, hats, blocks, tags and cards.

The styles carry Verbatim's style ids and names (``Heading1``–``Heading4`` named ``heading
1``–``heading 4`` with the aliases Pocket, Hat, Block and Tag; ``Style13ptBold`` "Style 13 pt
Bold" alias Cite; ``StyleUnderline`` "Style Underline" alias Underline; ``Emphasis``), so
Verbatim's navigation pane, send-to-speech and highlighting tools work on the file. The
definitions are written here from the template's documented properties, not copied from it.

A map is exported so that importing the file gives it back (docs/verbatim.md): a claim is
filed where its place tags say (``pocket › hat › block``), and every relation no place
states gets a block that states it — "A2: <claim>" for a rebuttal, "A2: <claim> → <claim>"
for an undercut, "Ext: <claim>" for a support — under a pocket for the claim's side.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from argmap.interchange.verbatim import (
    SIDES,
    answer_target,
    flat,
    name_key,
    parse_cite,
    side_named,
    split_place,
    target_names,
)
from argmap.model import Claim, Relation, RelationKind, Workspace

__all__ = ["STYLE_IDS", "VerbatimDocument", "card_passage", "to_verbatim", "write_card"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

STYLE_IDS = ("Normal", "Heading1", "Heading2", "Heading3", "Heading4", "Heading1Char", "Heading2Char", "Heading3Char", "Heading4Char",
             "Style13ptBold", "StyleUnderline", "Emphasis")
"""The template's style ids every exported file defines."""

_UNDERTAG = "Undertag"
_HEADING_LOOK = {  # level → (alias, paragraph properties, run properties): the template's look
    1: ("Pocket", '<w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:pBdr>'
        + "".join(f'<w:{edge} w:val="single" w:sz="24" w:space="{space}" w:color="auto"/>' for edge, space in (("top", 1), ("left", 4), ("bottom", 1), ("right", 4)))
        + '</w:pBdr><w:spacing w:before="240" w:after="0"/><w:jc w:val="center"/>', '<w:b/><w:sz w:val="52"/>'),
    2: ("Hat", '<w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:spacing w:before="40" w:after="0"/><w:jc w:val="center"/>', '<w:b/><w:sz w:val="44"/><w:u w:val="double"/>'),
    3: ("Block", '<w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:spacing w:before="40" w:after="0"/><w:jc w:val="center"/>', '<w:b/><w:sz w:val="32"/><w:u w:val="single"/>'),
    4: ("Tag", '<w:keepNext/><w:keepLines/><w:spacing w:before="40" w:after="0"/>', '<w:b/><w:sz w:val="26"/>'),
}
_FONT = '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:color w:val="000000"/>'
_SMALL = 16  # half-points: unread card text is shrunk to 8 pt, as debaters do
_HIGHLIGHT = "cyan"


def _style_xml(kind: str, sid: str, name: str, body: str, *, alias: str | None = None, custom: bool = False, default: bool = False) -> str:
    attrs = f'w:type="{kind}" w:styleId="{sid}"' + (' w:customStyle="1"' if custom else "") + (' w:default="1"' if default else "")
    aliases = f'<w:aliases w:val="{alias}"/>' if alias else ""
    return f'<w:style xmlns:w="{W_NS}" {attrs}><w:name w:val="{name}"/>{aliases}{body}</w:style>'


def _styles() -> list[str]:
    """Verbatim's styles as WordprocessingML, by the template's ids, names and aliases."""
    out = [_style_xml("paragraph", "Normal", "Normal", f'<w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr>{_FONT}<w:sz w:val="22"/></w:rPr>', alias="Normal/Card", default=True)]
    for level, (alias, ppr, rpr) in _HEADING_LOOK.items():
        link = f"Heading{level}Char"
        out.append(_style_xml("paragraph", f"Heading{level}", f"heading {level}",
                              f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="{link}"/><w:uiPriority w:val="{level}"/><w:qFormat/>'
                              f'<w:pPr>{ppr}<w:outlineLvl w:val="{level - 1}"/></w:pPr><w:rPr>{_FONT}{rpr}</w:rPr>', alias=alias))
        out.append(_style_xml("character", link, f"Heading {level} Char",
                              f'<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Heading{level}"/><w:rPr>{_FONT}{rpr}</w:rPr>', alias=f"{alias} Char", custom=True))
    out.append(_style_xml("character", "Style13ptBold", "Style 13 pt Bold", '<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:u w:val="none"/></w:rPr>', alias="Cite", custom=True))
    out.append(_style_xml("character", "StyleUnderline", "Style Underline", '<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:b w:val="0"/><w:sz w:val="22"/><w:u w:val="single"/></w:rPr>', alias="Underline", custom=True))
    out.append(_style_xml("character", "Emphasis", "Emphasis", f'<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr>{_FONT}<w:b/><w:i w:val="0"/><w:sz w:val="22"/><w:u w:val="single"/></w:rPr>'))
    out.append(_style_xml("paragraph", _UNDERTAG, _UNDERTAG, '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:i/><w:sz w:val="20"/></w:rPr>', custom=True))
    return out


class VerbatimDocument:
    """A Verbatim file being written: headings, tags and cards in document order."""

    def __init__(self, title: str, side: str | None = None) -> None:
        import docx
        from docx.oxml import parse_xml

        self.document = docx.Document()
        styles = self.document.styles.element
        for xml in _styles():
            element = parse_xml(xml)
            old = styles.find(f'{{{W_NS}}}style[@{{{W_NS}}}styleId="{element.get(f"{{{W_NS}}}styleId")}"]')
            if old is not None:
                styles.replace(old, element)
            else:
                styles.append(element)
        properties = self.document.core_properties
        properties.title = title
        properties.subject = side or ""  # read back by the importer: the file's side
        properties.author = "argmap"
        body = self.document.element.body
        for p in body.findall(f"{{{W_NS}}}p"):
            body.remove(p)
        self._body = body

    def _paragraph(self, style: str, text: str = "") -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), style)
        ppr.append(pstyle)
        p.append(ppr)
        if text:
            self._run(p, text)
        self._body.insert(len(self._body) - 1, p)  # before the section properties
        return p

    @staticmethod
    def _run(p: Any, text: str, style: str | None = None, *, size: int | None = None, highlight: bool = False) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = OxmlElement("w:r")
        if style or size or highlight:
            rpr = OxmlElement("w:rPr")
            if style:
                rstyle = OxmlElement("w:rStyle")
                rstyle.set(qn("w:val"), style)
                rpr.append(rstyle)
            if highlight:
                mark = OxmlElement("w:highlight")
                mark.set(qn("w:val"), _HIGHLIGHT)
                rpr.append(mark)
            if size:
                sz = OxmlElement("w:sz")
                sz.set(qn("w:val"), str(size))
                rpr.append(sz)
            run.append(rpr)
        t = OxmlElement("w:t")
        t.text = _xml_safe(text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)
        p.append(run)

    def heading(self, level: int, text: str) -> None:
        """A pocket (1), hat (2), block (3) or tag (4)."""
        self._paragraph(f"Heading{level}", flat(text))

    def undertag(self, text: str) -> None:
        self._paragraph(_UNDERTAG, flat(text))

    def cite(self, before: str, cite: str, after: str) -> None:
        """The cite line: the author and date in the Cite style, in the full citation."""
        p = self._paragraph("Normal")
        if before:
            self._run(p, before)
        self._run(p, cite, "Style13ptBold")
        if after:
            self._run(p, after)

    def card(self, paragraphs: Sequence[str], span: tuple[int, int] | None) -> None:
        """Card text, one paragraph a line; the read text (``span`` of the lines joined by
        newlines) underlined and highlighted, the rest small."""
        at = 0
        for line in paragraphs:
            p = self._paragraph("Normal")
            start, end = at, at + len(line)
            cuts = sorted({start, end, *(min(max(x, start), end) for x in (span or ()))})
            for a, b in itertools.pairwise(cuts):
                piece = line[a - start : b - start]
                if not piece:
                    continue
                read = span is not None and span[0] <= a and b <= span[1]
                if read:
                    self._run(p, piece, "StyleUnderline", highlight=True)
                else:
                    self._run(p, piece, size=_SMALL)
            at = end + 1

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def save(self, path: Path) -> None:
        from argmap.fileio import atomic_write_bytes

        atomic_write_bytes(path, self.to_bytes())


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)


# -- a map as a Verbatim file ------------------------------------------------------------------
_LONG_SOURCE = 5000  # a source text longer than this is cut to the passage around the quote
_CONTEXT = 600


def card_passage(text: str, quote: str) -> tuple[list[str], tuple[int, int] | None]:
    """The card for ``quote``: the source passage around it, as paragraphs, and the span of
    the quote in those paragraphs joined by newlines (None when the quote is not found).

    A text of blank-line paragraphs (an article) longer than a card is cut to the quote's
    paragraph, and that to sentences around the quote; a text of one paragraph a line (a
    card that was imported) is kept whole, so it imports back as it was.
    """
    article = re.search(r"\n[ \t]*\n", text) is not None
    if article:
        paragraphs = [flat(block) for block in re.split(r"\n[ \t]*\n", text) if block.strip()]
    else:
        paragraphs = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    joined = "\n".join(paragraphs)
    words = flat(quote).split(" ")
    found = re.search(r"[ \t\r\n]+".join(map(re.escape, words)), joined) if words != [""] else None
    if found is None:
        return paragraphs[:1] if article and len(joined) > _LONG_SOURCE else paragraphs, None
    if not article or len(joined) <= _LONG_SOURCE:
        return paragraphs, found.span()
    start = joined.rfind("\n", 0, found.start()) + 1
    end = joined.find("\n", found.end())
    end = len(joined) if end < 0 else end
    if found.start() - start > _CONTEXT:  # cut at a sentence boundary within the context
        cut = joined.find(". ", found.start() - _CONTEXT, found.start())
        start = cut + 2 if cut >= 0 else found.start()
    if end - found.end() > _CONTEXT:
        cut = joined.rfind(". ", found.end(), found.end() + _CONTEXT)
        end = cut + 1 if cut >= 0 else found.end()
    return joined[start:end].split("\n"), (found.start() - start, found.end() - start)


def _cite_line(workspace: Workspace, claim: Claim) -> tuple[str, str, str]:
    """The cite paragraph of a claim's source as (before, cite, after): an imported card's own
    cite line as it was, the cite where it stood; otherwise "Author Date", then the title,
    publisher and address."""
    source = workspace.source(claim)
    if source is None:
        return "", "", ""
    if source.note and source.title in source.note:
        before, _, after = source.note.partition(source.title)
        return before, source.title, after
    if not source.note and parse_cite(source.title, source.title) == (source.author, source.date):
        return "", source.title, ""  # a cite with no citation after it
    cite = " ".join(p for p in (source.author or source.publisher or "", source.date or "") if p) or source.title
    return "", cite, " " + ", ".join([f"“{source.title}”"] + [p for p in (source.publisher, source.url) if p])


def _source_text(workspace: Workspace, claim: Claim) -> str | None:
    source = workspace.source(claim)
    if source is None or source.text_path is None:
        return None
    try:
        return source.text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_card(document: VerbatimDocument, workspace: Workspace, claim: Claim, *, note: str | None = None) -> None:
    """A claim as Verbatim writes a card: tag, note (the claim's own, unless ``note`` is
    given), cite and card text with the quote read."""
    document.heading(4, claim.text)
    note = claim.note if note is None else note
    if note:
        document.undertag(note)
    if claim.quote is None or not claim.quote.text.strip():
        return
    before, cite, after = _cite_line(workspace, claim)
    document.cite(before, cite or "Unattributed", after)
    text = _source_text(workspace, claim)
    paragraphs, span = card_passage(text, claim.quote.text) if text is not None else ([], None)
    if span is None:  # no text to cut the card from: the quote is the card
        paragraphs = [flat(claim.quote.text)]
        span = (0, len(paragraphs[0]))
    document.card(paragraphs, span)


Place = tuple[str, str, str]


def _aff_neg(side_ids: Sequence[str]) -> dict[str, str]:
    """Each side as aff or neg: aff and neg as they are, else the first side aff, the second neg."""
    words = {sid: sid for sid in side_ids if sid in SIDES}
    free = [w for w in SIDES if w not in words.values()]
    for sid in side_ids:
        if sid not in words and free:
            words[sid] = free.pop(0)
    return words


def _places(workspace: Workspace, stem: str, keys: Sequence[str]) -> dict[Place, list[str]]:
    """Where each claim is filed, in the order claims ``keys`` are walked: its own place
    tags, then a block for each relation they do not state, else the side's case."""
    argmap = workspace.maps[stem]
    aff_neg = _aff_neg(list(argmap.sides))
    outgoing: dict[str, list[str]] = {}
    for rel in workspace.relations.values():
        outgoing.setdefault(rel.source, []).append(rel.key)
    places: dict[Place, list[str]] = {}
    for key in keys:
        claim = workspace.claims[key]
        side = workspace.side(claim)
        label = argmap.sides[side].label if side is not None and side in argmap.sides else ""
        word = aff_neg.get(side or "", "")
        pocket = "Evidence" if side is None else word.capitalize() if SIDES.get(side) == label else f"{word.capitalize()} — {label}".strip(" —")
        own = [p for p in map(split_place, claim.tags) if p is not None]
        mine = list(own)
        for rel, target in _unstated(workspace, own, outgoing.get(key, [])):
            mine.append((pocket, "Extensions", f"Ext: {target}") if rel.kind is RelationKind.SUPPORT else (pocket, "Answers", f"A2: {target}"))
        for place in mine or [(pocket, "Case", "Claims")]:
            listed = places.setdefault(place, [])
            if key not in listed:
                listed.append(key)
    return {place: places[place] for place in sorted(places, key=lambda p: bool(p[0]))}  # no pocket first: a pocket before it would claim it


def _unstated(workspace: Workspace, own: Sequence[Place], relations: Sequence[str]) -> list[tuple[Relation, str]]:
    """The relations (with the name of their target) that no answer or extension heading of
    a claim's own places states: each heading states one relation of its kind, the one it
    names if any (import resolved it by that name, or by a heading of that name)."""
    headings = [found for place in own if (found := next((answer_target(h) for h in reversed(place[1:]) if h and answer_target(h)), None))]
    open_headings = [(kind, target_names(name)) for kind, name in headings]
    left: list[tuple[Relation, str]] = []
    for rel in (workspace.relations[r] for r in relations):
        target = _relation_name(workspace, rel.target)
        if target is None:
            continue
        match = next((h for h in open_headings if h[0] is rel.kind and name_key(target) in h[1]), None)
        if match is not None:
            open_headings.remove(match)
        else:
            left.append((rel, target))
    for rel, target in list(left):  # stated by a heading that names a heading, not the claim
        match = next((h for h in open_headings if h[0] is rel.kind), None)
        if match is not None:
            open_headings.remove(match)
            left.remove((rel, target))
    return left


def to_verbatim(workspace: Workspace, stem: str) -> VerbatimDocument:
    """Map ``stem`` as a Verbatim file that imports back into the same claims, quotes and relations.

    A claim filed in several places is written in each; importing the file orders claims
    by where they first appear, so the claims are walked again in that order until the
    file no longer changes (at once for an imported map), and the export of the import is
    the same file.
    """
    argmap = workspace.maps[stem]
    keys = [k for k, c in workspace.claims.items() if c.map == stem]
    for _ in range(16):
        places = _places(workspace, stem, keys)
        appearing = list(dict.fromkeys(k for listed in places.values() for k in listed))
        if appearing == keys:
            break
        keys = appearing
    # the file's side, for the claims filed under pockets that name none: their commonest side
    unnamed = Counter(workspace.side(workspace.claims[k]) for place, listed in places.items() if not side_named(place[0]) for k in listed)
    common = unnamed.most_common(1)[0][0] if unnamed else None
    document = VerbatimDocument(argmap.title, _aff_neg(list(argmap.sides)).get(common) if common else None)
    written: Place = ("", "", "")
    for place, listed in places.items():
        depth = next((d for d in range(3) if place[d] != written[d]), 3)
        if depth < 3 and not place[depth] and written[depth] and depth > 0:
            depth -= 1  # "P › · › B" after "P › H › …": the pocket again closes the hat
        for d in range(depth, 3):
            if place[d]:
                document.heading(d + 1, place[d])
        written = place
        for key in listed:
            write_card(document, workspace, workspace.claims[key])
    return document


def _relation_name(workspace: Workspace, target: str) -> str | None:
    """What an answer block names: the claim's text, or for an undercut "premise → conclusion"."""
    if target in workspace.claims:
        return workspace.claims[target].text
    relation = workspace.relations.get(target)
    if relation is None or relation.target not in workspace.claims:
        return None
    return f"{workspace.claims[relation.source].text} → {workspace.claims[relation.target].text}"

