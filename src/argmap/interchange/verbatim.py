"""Import debaters' Verbatim files (``.docx``): pockets, hats, blocks and tags as a map.

Verbatim keeps a squad's evidence in Word's heading styles: Pocket, Hat, Block and Tag are
aliases of ``Heading1``–``Heading4``, and each card is a Tag, a cite paragraph (the author
and year in the Cite style ``Style13ptBold``, then the full citation) and the card text,
whose read words are underlined (``StyleUnderline``, ``Emphasis``) and highlighted. Names
and aliases in real files are unreliable (pasted documents merge long alias lists into
them), style ids are not, so every mark is found by style id, following ``basedOn`` chains,
with the direct formatting real files use instead (``w:u``, ``w:b``, ``w:highlight``,
``w:shd``). Runs are read from the XML, so runs inside hyperlinks, smart tags and content
controls count, and paragraphs inside tables are read in document order.

How the file becomes a map (docs/verbatim.md says it for users): each Tag is a claim of its
file's side, tagged with where it is filed (``pocket › hat › block``); a card's cite becomes
a source whose text is the card, and its read text (from the first to the last highlighted
word, or underlined where nothing is highlighted) the claim's quote, so every quote is
verified; a tag with no card (an analytic) is a claim without quote. Blocks headed "A2:",
"AT:", "Answers to" or "2AC —" rebut the claim they name, "Ext"/"Extend" blocks support it;
a name that matches no tag or heading is reported for the user to link.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.interchange.writer import Draft, DraftClaim, DraftSource, DraftSpeaker, IdMaker, slug
from argmap.model import RelationKind

__all__ = [
    "LEVELS",
    "PLACE_SEPARATOR",
    "SIDES",
    "VerbatimStats",
    "answer_target",
    "flat",
    "import_verbatim",
    "name_key",
    "parse_cite",
    "place_tag",
    "read_verbatim",
    "side_named",
    "split_place",
    "target_names",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

LEVELS = ("pocket", "hat", "block", "tag")
"""Verbatim's heading levels, ``Heading1`` to ``Heading4``."""

SIDES = {"aff": "Affirmative", "neg": "Negative"}

PLACE_SEPARATOR = " › "
"""Between the pocket, hat and block of a claim's place tag; an absent level is ``·``."""
_NO_LEVEL = "·"

_HEADINGS = {f"Heading{n}": n for n in range(1, 5)}
_CITE_ID = "Style13ptBold"
_EMPHASIS_ID = "Emphasis"
_MAX_UNPACKED = 512 * 1024 * 1024  # a Verbatim file of 10,000 cards unpacks to ~60 MB
_MAX_RATIO = 200  # XML packs at 5–20x; a zip bomb at 1000x and more
_SPEECH = r"(?:1ac|2ac|1ar|2ar|1nc|2nc|1nr|2nr)"
_AFF_WORDS = frozenset({"aff", "affirmative", "1ac", "2ac", "1ar", "2ar", "pro"})
_NEG_WORDS = frozenset({"neg", "negative", "1nc", "2nc", "1nr", "2nr", "con", "cp", "da", "k", "t"})
_ANSWER = re.compile(r"\s*(?:a2|at|answers?\s+to|(?:2ac|1ar|2ar|2nc|1nr|2nr))\b\s*(?:[:\-–—]+|---)?\s*(?P<target>.*)\Z", re.IGNORECASE | re.DOTALL)
_EXTEND = re.compile(r"\s*(?:ext|extend|extension|extensions)\b\.?\s*(?:[:\-–—]+|---)?\s*(?P<target>.*)\Z", re.IGNORECASE | re.DOTALL)
_SPEECH_PREFIX = re.compile(rf"\s*{_SPEECH}\b\s*(?:[:\-–—]+|---)?\s*", re.IGNORECASE)
_DATE = re.compile(  # "Smith 21", "Smith '21", "Smith 12-19-24", "Roth 2009-11-05"
    r"(?P<who>.*?)[\s,]*(?:(?P<m>1[0-2]|0?[1-9])[-/.](?P<d>[12]\d|3[01]|0?[1-9])[-/.])?['’‘]?"
    r"(?:(?P<y>(?:19|20)\d\d)(?:-(?P<m2>1[0-2]|0[1-9])(?:-(?P<d2>[12]\d|3[01]|0[1-9]))?)?|(?P<yy>\d\d))"
)
_PARTS = re.compile(r"\s*-{2,}\s*|\s+[—–]\s+|\s*(?:a2|at)\s*:\s*", re.IGNORECASE)  # "AT: Theory---AT: PICs Bad---2NC"
_SPACES = re.compile(r"[ \t\r\n]+")
_UNDERCUT = " → "  # "A2: <premise> → <conclusion>" answers the inference, not either claim
_URL = re.compile(r"https?://[^\s\]\[<>\"“”]+")


@dataclass
class VerbatimStats:
    """What a file held, counted as the importer read it (the command prints it)."""

    pockets: int = 0
    hats: int = 0
    blocks: int = 0
    tags: int = 0
    cards: int = 0
    empty_headings: int = 0


# -- styles ---------------------------------------------------------------------------------
@dataclass
class _Style:
    kind: str  # paragraph | character | table | numbering
    name: str
    based_on: str | None
    underline: bool | None  # the style's own w:u, None when it does not say
    bold: bool | None
    highlight: bool


@dataclass
class _Styles:
    """The marks each style id stands for, resolved along ``basedOn`` once per style."""

    table: dict[str, _Style]
    level: dict[str, int] = field(default_factory=dict)  # paragraph style id → heading level 1–4
    undertag_of: dict[str, bool] = field(default_factory=dict)  # paragraph style id → a note line under a tag
    read: dict[str, bool] = field(default_factory=dict)  # character style id → marks read text
    cite: dict[str, bool] = field(default_factory=dict)
    marked: dict[str, bool] = field(default_factory=dict)  # character style id → highlight

    def chain(self, sid: str) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        while sid in self.table and sid not in seen:
            seen.add(sid)
            yield sid, self.table[sid]
            sid = self.table[sid].based_on or ""

    def inherited(self, sid: str, attr: str) -> Any:
        return next((getattr(s, attr) for _, s in self.chain(sid) if getattr(s, attr) is not None), None)

    def paragraph_level(self, sid: str) -> int:
        if sid not in self.level:
            level = 0
            for cid, style in self.chain(sid):
                if cid in _HEADINGS or style.name.lower().startswith("analytic"):
                    level = _HEADINGS.get(cid, 4)
                    break
            self.level[sid] = level
        return self.level[sid]

    def is_undertag(self, sid: str) -> bool:
        if sid not in self.undertag_of:
            self.undertag_of[sid] = any(cid.lower() == "undertag" or s.name.lower() == "undertag" for cid, s in self.chain(sid))
        return self.undertag_of[sid]

    def char_marks(self, sid: str) -> tuple[bool, bool, bool]:
        """(read, cite, highlighted) for a character style id."""
        if sid not in self.read:
            ids = [cid for cid, _ in self.chain(sid)]
            self.read[sid] = _EMPHASIS_ID in ids or bool(self.inherited(sid, "underline"))
            self.cite[sid] = _CITE_ID in ids or (bool(self.inherited(sid, "bold")) and not self.read[sid])
            self.marked[sid] = any(s.highlight for _, s in self.chain(sid))
        return self.read[sid], self.cite[sid], self.marked[sid]


def _on(element: Any) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``) as True/False, None when absent."""
    if element is None:
        return None
    return element.get(f"{W}val", "true").lower() not in ("0", "false", "off", "none")


def _underlined(rpr: Any) -> bool | None:
    u = rpr.find(f"{W}u") if rpr is not None else None
    return None if u is None else u.get(f"{W}val", "single") != "none"


def _shaded(rpr: Any) -> bool:
    """Highlight or run shading (a second marking channel some files use)."""
    if rpr is None:
        return False
    hl = rpr.find(f"{W}highlight")
    if hl is not None and hl.get(f"{W}val", "none") != "none":
        return True
    shd = rpr.find(f"{W}shd")
    return shd is not None and shd.get(f"{W}fill", "auto").lower() not in ("auto", "ffffff", "")


def _read_styles(root: Any) -> _Styles:
    table: dict[str, _Style] = {}
    for el in root.iter(f"{W}style"):
        sid = el.get(f"{W}styleId")
        if not sid:
            continue
        name = el.find(f"{W}name")
        based = el.find(f"{W}basedOn")
        rpr = el.find(f"{W}rPr")
        table[sid] = _Style(
            kind=el.get(f"{W}type", "paragraph"),
            name=name.get(f"{W}val", "") if name is not None else "",
            based_on=based.get(f"{W}val") if based is not None else None,
            underline=_underlined(rpr),
            bold=_on(rpr.find(f"{W}b")) if rpr is not None else None,
            highlight=_shaded(rpr),
        )
    return _Styles(table)


# -- the document -------------------------------------------------------------------------------
@dataclass
class _Para:
    level: int  # 0 body, 1–4 pocket/hat/block/tag
    text: str
    read: list[tuple[int, int]]  # spans of underlined/emphasised text
    lit: list[tuple[int, int]]  # spans of highlighted text
    cite: str  # the leading cite-marked text
    undertag: bool = False


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs in document order, through tables and content controls (not text boxes)."""
    for child in parent:
        tag = child.tag
        if tag == f"{W}p":
            yield child
        elif tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _blocks(child)


def _runs(p: Any) -> Iterator[Any]:
    """Runs of a paragraph, also those inside hyperlinks, smart tags, fields and insertions."""
    for child in p:
        tag = child.tag
        if tag == f"{W}r":
            yield child
        elif tag in (f"{W}hyperlink", f"{W}smartTag", f"{W}sdt", f"{W}sdtContent", f"{W}fldSimple", f"{W}ins", f"{W}customXml"):
            yield from _runs(child)


_T, _TAB, _BR, _CR, _NBH = f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"
_RPR, _RSTYLE, _U, _B, _HIGHLIGHT, _SHD = f"{W}rPr", f"{W}rStyle", f"{W}u", f"{W}b", f"{W}highlight", f"{W}shd"
_VAL = f"{W}val"
_PPR, _PSTYLE = f"{W}pPr", f"{W}pStyle"


def _run_text(run: Any) -> tuple[str, Any]:
    """A run's text (tabs and breaks as white space; field codes and deleted text left out)
    and its properties, in one pass over its children: lxml's ``find`` costs more than that."""
    parts = []
    rpr = None
    for el in run:
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _RPR:
            rpr = el
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append(" ")
        elif tag == _NBH:
            parts.append("\u2011")
    return "".join(parts), rpr


def _run_marks(rpr: Any, styles: _Styles) -> tuple[bool, bool, bool]:
    """(read, cite, highlighted) of a run: its character style, then its direct formatting."""
    read = cite = lit = False
    direct_u: bool | None = None
    style = ""
    for el in rpr:
        tag = el.tag
        if tag == _RSTYLE:
            style = el.get(_VAL, "")
            read, cite, lit = styles.char_marks(style)
        elif tag == _U:
            direct_u = el.get(_VAL, "single") != "none"
        elif tag == _B:
            cite = cite or bool(_on(el))
        elif tag == _HIGHLIGHT:
            lit = lit or el.get(_VAL, "none") != "none"
        elif tag == _SHD:
            lit = lit or el.get(f"{W}fill", "auto").lower() not in ("auto", "ffffff", "")
    if direct_u is not None and style != _EMPHASIS_ID:
        read = direct_u  # direct w:u overrides the style's, except on Emphasis (bold read words)
    return read, cite, lit


def _paragraph(p: Any, styles: _Styles) -> _Para:
    first = p[0] if len(p) else None
    pstyle = first.find(_PSTYLE) if first is not None and first.tag == _PPR else None
    sid = pstyle.get(_VAL, "Normal") if pstyle is not None else "Normal"
    level = styles.paragraph_level(sid)
    parts: list[str] = []
    read: list[tuple[int, int]] = []
    lit: list[tuple[int, int]] = []
    cite: list[str] = []
    cite_state = 0  # 0 before the cite, 1 in it, 2 after it
    at = 0
    for run in _runs(p):
        text, rpr = _run_text(run)
        if not text:
            continue
        is_read, is_cite, is_lit = _run_marks(rpr, styles) if rpr is not None else (False, False, False)
        end = at + len(text)
        if text.strip():
            if is_read:
                read.append((at, end))
            if is_lit:
                lit.append((at, end))
            if is_cite and cite_state < 2:
                cite.append(text)
                cite_state = 1
            elif cite_state == 1:
                cite_state = 2
        elif cite_state == 1:
            cite.append(text)
        parts.append(text)
        at = end
    return _Para(level, "".join(parts), read, lit, "".join(cite).strip(), styles.is_undertag(sid))


def _open(path: Path) -> tuple[Any, _Styles, tuple[str, str]]:
    """The document body and its styles, after the checks that keep a hostile file out.

    python-docx's package reader finds the parts by their relationships (so a document
    part under another name is found); the parts are parsed by plain lxml, without
    python-docx's element classes, whose proxies made the walk of every run several
    times slower than the parse itself.

    Raises:
        ArgmapError: not a .docx, a zip that unpacks too large, no document or no styles.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.pkgreader import PackageReader
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    # (a zip directory zipfile cannot read: a later zip version, a name flagged UTF-8 that is not)
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError) as err:
        raise ArgmapError(f"{path}: not a Word .docx file ({' '.join(str(err).split())}); save it from Word as .docx (Word Document), not .doc") from err
    unpacked = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members) or 1
    if unpacked > _MAX_UNPACKED or (unpacked > 16 * 1024 * 1024 and unpacked / packed > _MAX_RATIO):
        raise ArgmapError(f"{path}: unpacks to {unpacked:,} bytes from {packed:,} (a zip bomb?); a Verbatim file unpacks to a few times its size")
    try:
        parts = {reltype: blob for _, _, reltype, blob in PackageReader.from_file(str(path)).iter_sparts()}  # type: ignore[no-untyped-call]
    # a damaged member fails only when it is read: zlib's error, a short stream, a method or an encryption zipfile lacks
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as err:
        raise ArgmapError(f"{path}: cannot open as a Word document: {' '.join(str(err).split())}") from err
    if RT.OFFICE_DOCUMENT not in parts:
        raise ArgmapError(f"{path}: a zip, but not a Word document (no main document part)")
    if RT.STYLES not in parts:
        raise ArgmapError(f"{path}: the document has no styles (word/styles.xml), so no pockets, hats, blocks or tags; save it from Word with the Verbatim template")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        document, styles = (etree.fromstring(parts[rt], parser) for rt in (RT.OFFICE_DOCUMENT, RT.STYLES))
        core = etree.fromstring(parts[RT.CORE_PROPERTIES], parser) if RT.CORE_PROPERTIES in parts else None
    except etree.XMLSyntaxError as err:
        raise ArgmapError(f"{path}: a damaged part of the document: {' '.join(str(err).split())}") from err
    body = document.find(f"{W}body")
    if body is None:
        raise ArgmapError(f"{path}: the document has no body")
    properties = [(core.findtext(f"{{http://purl.org/dc/elements/1.1/}}{key}") or "").strip() if core is not None else "" for key in ("title", "subject")]
    return body, _read_styles(styles), (properties[0], properties[1].lower())


# -- cards ----------------------------------------------------------------------------------
@dataclass
class _Tag:
    text: str
    place: tuple[str, str, str]
    side: str | None
    paragraphs: list[_Para] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _span(paragraphs: Sequence[_Para]) -> tuple[str, tuple[int, int] | None]:
    """The card text (paragraphs a line each) and the span of its read text: from the first
    to the last highlighted character, or underlined where nothing is highlighted."""
    text = ""
    lit: list[tuple[int, int]] = []
    read: list[tuple[int, int]] = []
    for para in paragraphs:
        if text:
            text += "\n"
        base = len(text)
        lit += [(base + a, base + b) for a, b in para.lit]
        read += [(base + a, base + b) for a, b in para.read]
        text += para.text
    spans = lit or read
    if not spans:
        return text, None
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return text, (start, end) if end > start else None


def parse_cite(cite_run: str, citation: str) -> tuple[str | None, str | None]:
    """(author, date) from a cite such as ``Smith and Jones '21``, ``Williams 12-19-24`` or
    ``Roth 2009-11``: the date as ``2021``, ``2024-12-19`` or ``2009-11``."""
    found = _DATE.fullmatch(cite_run.strip()) if cite_run else None
    found = found or _DATE.match(citation[:120])
    if not found:
        return (cite_run or None), None
    who = found.group("who").strip(" ,;:.[(") or None
    year = found.group("y") or found.group("yy")
    if len(year) == 2:
        year = ("19" if int(year) > 40 else "20") + year
    month, day = (found.group("m"), found.group("d")) if found.group("m") else (found.group("m2"), found.group("d2"))
    parts = [year] + [f"{int(x):02d}" if found.group("m") else x for x in (month, day) if x]
    return who, "-".join(parts)


def name_key(text: str) -> str:
    """Text compared as a name: case, punctuation and spacing aside."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def flat(text: str) -> str:
    """Runs of ASCII white space as one space, as quotes are compared (a no-break space stays)."""
    return _SPACES.sub(" ", text).strip()


def _same(text: str) -> str:
    """Text compared as a card: case and spacing aside."""
    return " ".join(text.casefold().split())


def place_tag(place: Sequence[str]) -> str:
    """A claim's place in a Verbatim file as one tag: ``pocket › hat › block``."""
    return PLACE_SEPARATOR.join(p or _NO_LEVEL for p in place)


def split_place(tag: str) -> tuple[str, str, str] | None:
    """The (pocket, hat, block) of a place tag, or None for any other tag."""
    parts = tag.split(PLACE_SEPARATOR)
    if len(parts) != 3:
        return None
    pocket, hat, block = ("" if p == _NO_LEVEL else p for p in parts)
    return pocket, hat, block


def answer_target(heading: str) -> tuple[RelationKind, str] | None:
    """What a heading answers or extends: (rebut, undercut or support, the name it gives), or None."""
    for pattern, kind in ((_EXTEND, RelationKind.SUPPORT), (_ANSWER, RelationKind.REBUT)):
        found = pattern.match(heading)
        if found and found.group("target").strip():
            name = found.group("target").strip()
            return (RelationKind.UNDERCUT if kind is RelationKind.REBUT and _UNDERCUT in name else kind), name
    return None


def target_names(name: str) -> list[str]:
    """The names an answer heading may give its target by, most specific first: the whole
    name, then each part of a nested one ("AT: Theory---AT: PICs Bad---2NC"), last part first."""
    return list(dict.fromkeys(k for k in (name_key(n) for n in (name, *reversed(_PARTS.split(name)))) if k))


def side_named(text: str) -> str | None:
    """The side a file name or heading names ("AFF", "1NC", "neg"), if exactly one."""
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    aff, neg = bool(words & _AFF_WORDS), bool(words & _NEG_WORDS)
    return "aff" if aff and not neg else "neg" if neg and not aff else None


# -- the importer -------------------------------------------------------------------------------
@dataclass
class _Import:
    draft: Draft
    stats: dict[str, VerbatimStats] = field(default_factory=dict)
    by_card: dict[tuple[str, str, str], str] = field(default_factory=dict)
    by_analytic: dict[tuple[str | None, str], str] = field(default_factory=dict)
    by_source: dict[tuple[str, str], str] = field(default_factory=dict)
    source_ids: IdMaker = field(default_factory=IdMaker)
    titles: list[str] = field(default_factory=list)  # each file's own title (its properties), if any
    resolved: int = 0  # relations made from answer and extension blocks
    unresolved: int = 0  # tags under answer and extension blocks whose target no tag or heading names
    sides: dict[str, str | None] = field(default_factory=dict)  # claim id → side
    places: list[tuple[tuple[str, str, str], str | None, str]] = field(default_factory=list)  # (place, side, claim id) in order

    def speaker(self, side: str | None) -> str | None:
        if side is None:
            return None
        self.draft.sides.setdefault(side, SIDES[side])
        self.draft.speakers.setdefault(side, DraftSpeaker(SIDES[side], role="the squad's file", side=side))
        return side

    def add(self, tag: _Tag, stats: VerbatimStats) -> None:
        body = [p for p in tag.paragraphs if p.text.strip()]
        note = " ".join(tag.notes) or None
        quote: tuple[str, str] | None = None
        if len(body) >= 2 and body[0].cite:
            stats.cards += 1
            cite, card = body[0], body[1:]
            text, span = _span(card)
            if span is None:
                span = (0, len(text.rstrip()))
            key = (_same(cite.text), _same(text), text[span[0]:span[1]])
            if key in self.by_card:
                self.locate(self.by_card[key], tag)
                return
            source = self.source(cite, text)
            quote = (source, text[span[0]:span[1]])
        else:
            if body:
                note = " ".join([*tag.notes, *(flat(p.text) for p in body)])
            key2 = (tag.side, name_key(tag.text))
            if key2 in self.by_analytic:
                self.locate(self.by_analytic[key2], tag)
                return
        cid = self.draft.add_claim(slug(tag.text), DraftClaim(text=flat(tag.text), by=self.speaker(tag.side), quote=quote, note=note))
        self.sides[cid] = tag.side
        if quote is not None:
            self.by_card[key] = cid
        else:
            self.by_analytic[key2] = cid
        self.locate(cid, tag)

    def locate(self, cid: str, tag: _Tag) -> None:
        label = place_tag(tag.place)
        claim = self.draft.claims[cid]
        if any(tag.place) and label not in claim.tags:
            claim.tags.append(label)
        self.places.append((tag.place, tag.side, cid))

    def source(self, cite: _Para, text: str) -> str:
        key = (_same(cite.text), _same(text))
        if key in self.by_source:
            return self.by_source[key]
        citation = flat(cite.text)
        title = flat(cite.cite) or citation  # what debaters call the card: "Smith 21"
        author, year = parse_cite(title, citation)
        url = _URL.search(citation)
        surname = re.split(r"\s+(?:and|&|et\.?)\s+|,|;", author or "")[0].split()
        sid = self.source_ids.make(slug(f"{surname[-1] if surname else title} {year or ''}", words=4))
        path = f"sources/{sid}.txt"
        self.draft.sources[sid] = DraftSource(title=title, url=url.group().rstrip(".,;)") if url else None, text=path,
                                              note=citation if citation != title else None, author=author, date=year)
        self.draft.files[path] = text + "\n"
        self.by_source[key] = sid
        return sid


def _file_side(path: Path, paragraphs: Sequence[_Para], forced: str | None, subject: str) -> str | None:
    """--side, else the side the file's properties (argmap's export), name or headings say."""
    if forced:
        return forced
    side = (subject if subject in SIDES else None) or side_named(path.stem.replace("_", " "))
    if side:
        return side
    named = {side_named(p.text) for p in paragraphs if p.level in (1, 2) and p.text.strip()} - {None}
    return named.pop() if len(named) == 1 else None  # pockets of both sides: each says its own


def _read_file(path: Path, job: _Import, forced_side: str | None) -> None:
    body, styles, (title, subject) = _open(path)
    job.titles.append(title)
    paragraphs = [_paragraph(p, styles) for p in _blocks(body)]
    stats = job.stats.setdefault(path.name, VerbatimStats())
    file_side = _file_side(path, paragraphs, forced_side, subject)
    side = file_side
    place = ["", "", ""]
    seen: list[set[tuple[str, ...]]] = [set(), set(), set()]
    current: _Tag | None = None
    for para in paragraphs:
        if para.level:
            if current is not None:
                job.add(current, stats)
                current = None
            text = flat(para.text)
            if not text:
                stats.empty_headings += 1
                continue
            if para.level == 4:
                stats.tags += 1
                current = _Tag(text, (place[0], place[1], place[2]), side)
                for depth in range(3):
                    if place[depth]:
                        seen[depth].add(tuple(place[: depth + 1]))
                continue
            place[para.level - 1] = text
            for lower in range(para.level, 3):
                place[lower] = ""
            if para.level == 1 and not forced_side:  # a pocket that names a side (a speech, "Aff — …") holds that side's claims
                side = side_named(text) or file_side
        elif current is not None:
            if para.undertag and not current.paragraphs and para.text.strip():
                current.notes.append(flat(para.text))
            else:
                current.paragraphs.append(para)
    if current is not None:
        job.add(current, stats)
    stats.pockets, stats.hats, stats.blocks = (len(s) for s in seen)
    if not stats.tags and not (stats.pockets or any(p.level and p.text.strip() for p in paragraphs)):
        raise ArgmapError(f"{path}: no pocket, hat, block or tag with text ({stats.empty_headings:,} empty heading(s)); is it a Verbatim file?")
    if not stats.tags:
        job.draft.warnings.append(f"{path.name}: no Tag (Heading 4) paragraph, so no claim: mark each card's claim line with Verbatim's Tag style and import again")
    if file_side is None and not any(job.sides.values()):
        job.draft.warnings.append(f"{path.name}: neither its name nor its headings say aff or neg; its claims have no side (give one with --side)")


def _link(job: _Import) -> None:
    """Blocks that answer or extend something → rebuttals or supports of what they name."""
    draft = job.draft
    by_text: dict[str, list[str]] = {}
    for cid, claim in draft.claims.items():
        by_text.setdefault(name_key(claim.text), []).append(cid)
    first_under: dict[str, list[str]] = {}
    for place, _, cid in job.places:
        for heading in place:
            if heading:
                for name in (heading, _SPEECH_PREFIX.sub("", heading, count=1)):
                    ids = first_under.setdefault(name_key(name), [])
                    if cid not in ids and not ids:
                        ids.append(cid)
    unresolved: dict[str, int] = {}
    undercuts: list[tuple[str, str, str]] = []
    linked: set[tuple[str, str]] = set()  # (claim, target) pairs already related: a claim filed twice under one block

    def find(name: str, side: str | None, other: bool, cid: str) -> str | None:
        """The claim a heading names: of the side it should be (the other side for an
        answer); of either side only where a tag's whole text is the name."""
        names = target_names(name)
        whole = name_key(name)
        for n, candidates in [(n, by_text.get(n, [])) for n in names] + [(n, first_under.get(n, [])) for n in names]:
            candidates = [t for t in candidates if t != cid]
            fitting = [t for t in candidates if (job.sides.get(t) != side or side is None) == other]
            if fitting:
                return fitting[0]
            if candidates and n == whole and candidates[0] in by_text.get(whole, []):
                return candidates[0]
        return None

    for place, side, cid in job.places:
        found = next((h for h in reversed(place[1:]) if h and answer_target(h)), None)  # a pocket is a speech or a file part
        if found is None:
            continue
        heading = found
        kind, name = answer_target(heading)  # type: ignore[misc]
        if kind is RelationKind.UNDERCUT:
            if find(name, side, True, cid) is None:
                undercuts.append((heading, cid, name))
                continue
            kind = RelationKind.REBUT  # a claim whose text has an arrow
        target = find(name, side, kind is RelationKind.REBUT, cid)
        if target is None:
            unresolved[heading] = unresolved.get(heading, 0) + 1
        elif (cid, target) not in linked:
            linked.add((cid, target))
            draft.add_relation(kind, cid, target, wanted_id=f"{cid}-{kind.value}")
    inferences = {(r.source, r.target): r for r in draft.relations}
    for heading, cid, name in undercuts:  # "A2: <premise> → <conclusion>": an attack on that inference
        premise, _, conclusion = name.partition(_UNDERCUT)
        ends = (find(premise, None, False, cid), find(conclusion, None, False, cid))
        relation = inferences.get((ends[0] or "", ends[1] or ""))
        if relation is None:
            unresolved[heading] = unresolved.get(heading, 0) + 1
        elif (cid, relation.id) not in linked:
            linked.add((cid, relation.id))
            draft.add_relation(RelationKind.UNDERCUT, cid, relation.id, wanted_id=f"{cid}-undercut")
    job.resolved = len(draft.relations)
    job.unresolved = sum(unresolved.values())
    for heading, count in unresolved.items():
        draft.warnings.append(f"unresolved: {count} tag(s) under {heading!r} name no tag or heading of the map; link them with 'argmap link'")


def import_verbatim(paths: Sequence[Path], side: str | None = None) -> tuple[Draft, dict[str, VerbatimStats]]:
    """Read Verbatim files (one, or a squad's folder) into one draft, and what each held.

    Raises:
        ArgmapError: a file is not a Word document, is hostile, or holds no Verbatim structure.
    """
    if side is not None and side not in SIDES:
        raise ArgmapError(f"unknown side {side!r}; use aff or neg")
    names = ", ".join(p.name for p in paths)
    draft = Draft(
        title=paths[0].stem if len(paths) == 1 else f"{paths[0].parent.name or 'squad'} ({len(paths)} Verbatim files)",
        origin=[f"Imported by 'argmap import' from {names} (Verbatim).",
                "Tags are claims, tagged with their place (pocket › hat › block); cards are sources; quotes are the read text."],
    )
    job = _Import(draft)
    for path in paths:
        _read_file(path, job, side)
    if len(paths) == 1 and job.titles[0]:
        draft.title = job.titles[0]
    for name, counted in job.stats.items():
        draft.origin.append(f"{name}: {counted.pockets} pockets, {counted.hats} hats, {counted.blocks} blocks, {counted.tags} tags, {counted.cards} cards.")
    _link(job)
    if job.resolved or job.unresolved:
        draft.warnings.append(f"{job.resolved} relation(s) from answer and extension blocks; {job.unresolved} tag(s) under such blocks left unresolved")
    return draft, job.stats


def read_verbatim(path: Path | str, side: str | None = None) -> Draft:
    """Read a Verbatim ``.docx``, or every ``.docx`` of a folder, into one draft."""
    path = Path(path)
    paths = sorted(p for p in path.iterdir() if p.suffix.lower() == ".docx" and not p.name.startswith(("~$", "."))) if path.is_dir() else [path]
    if not paths:
        raise ArgmapError(f"{path}: no .docx file in the folder")
    return import_verbatim(paths, side)[0]
