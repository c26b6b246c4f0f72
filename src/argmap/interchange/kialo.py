"""Import Kialo discussion exports (plain text, the old and the newer format).

Kialo numbers every claim by its place in the tree (``1.2.3.`` is a child of ``1.2.``) and
marks it ``Pro`` or ``Con`` its parent; ``-> See 1.2.2.`` re-uses a claim elsewhere in the
tree. Claims keep that numbering as ids (``c-1-2-3``), so a reader can find them on Kialo.
Two layouts exist: the old one, one entry a line (``1.1. Con: text``) under ``Discussion
Title:``; and the newer one, under ``Discussion Name:``, with a header line per entry
(``1.1. Con:``), the text on the lines after it, indented, and footnotes ``[n]`` resolved
in a closing ``Sources:`` section. Links, footnotes and excerpts go to the claim's note;
Markdown escapes are undone so the claim text reads as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.interchange.writer import Draft, DraftClaim
from argmap.model import RelationKind

__all__ = ["parse_kialo", "read_kialo"]

_OLD_ENTRY = re.compile(r"((?:\d+\.)+) (?:(Pro|Con): )?(.*)\Z")
_NEW_ENTRY = re.compile(r"\s*((?:\d+\.)+)\s+(Thesis|Pro|Con):\s*(.*)\Z")
_SEE = re.compile(r"->\s*See\s+((?:\d+\.)+)\s*\Z")
_ESCAPABLE = r"[\\`*_{}\[\]()#+\-.!|<>~]"
_ESCAPE = re.compile(rf"\\({_ESCAPABLE})")
# an escape is consumed before a link can start, so "\[" never opens a link
_ESCAPE_OR_LINK = re.compile(rf"\\({_ESCAPABLE})|\[((?:[^\]\\]|\\.)*)\]\(((?:[^()\\\s]|\\.)*)\)")
_NEWLINE_ESCAPE = re.compile(r"(?<!\\)\\n")
_FOOTNOTE = re.compile(r"\[(\d+)\]")
_SOURCE = re.compile(r"\[(\d+)\]\s*(.*)\Z")


@dataclass
class _Entry:
    number: str  # "1.2.3."
    stance: str | None  # "Pro", "Con", or None for a thesis
    lines: list[str] = field(default_factory=list)

    @property
    def parent(self) -> str | None:
        parts = self.number.rstrip(".").split(".")
        return ".".join(parts[:-1]) + "." if len(parts) > 1 else None

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _claim_id(number: str) -> str:
    return "c-" + number.rstrip(".").replace(".", "-")


def _clean(raw: str) -> tuple[str, list[str]]:
    """Kialo's Markdown as plain text, and the URLs of its links."""
    links: list[str] = []

    def unescape_or_link(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        links.append(_ESCAPE.sub(r"\1", match.group(3)))
        return _ESCAPE.sub(r"\1", match.group(2))

    text = _ESCAPE_OR_LINK.sub(unescape_or_link, _NEWLINE_ESCAPE.sub("\n", raw))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip(), links


def parse_kialo(text: str, name: str = "kialo export") -> Draft:
    """Parse the text of a Kialo export (either format) into a draft.

    Raises:
        ArgmapError: no Kialo entries were found.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    title, newer, start = _header(lines)
    entries: list[_Entry] = []
    sources: dict[str, list[str]] = {}
    in_sources = False
    current: _Entry | None = None
    for line in lines[start:]:
        if newer and line.strip() == "Sources:":
            in_sources, current = True, None
            continue
        if in_sources:
            match = _SOURCE.match(line.strip())
            if match:
                current_source = match.group(1)
                sources[current_source] = [match.group(2).strip()]
            elif line.strip() and sources:
                sources[list(sources)[-1]].append(line.strip())
            continue
        match = (_NEW_ENTRY if newer else _OLD_ENTRY).match(line)
        if match:
            stance = match.group(2) if match.group(2) in ("Pro", "Con") else None
            current = _Entry(match.group(1), stance, [match.group(3)] if match.group(3) else [])
            entries.append(current)
        elif current is not None and (line.strip() or newer):
            current.lines.append(line.strip())
    if not entries:
        raise ArgmapError(f"{name}: no Kialo entries found (expected lines like '1.1. Pro: …' after 'Discussion Title:')")

    draft = Draft(
        title=title or name,
        origin=[f"Imported by 'argmap import' from {name} (Kialo export, {'newer' if newer else 'old'} format).",
                "Claim ids keep Kialo's numbering: c-1-2 is entry 1.2.; Pro supports its parent, Con rebuts it."],
        summary=f"Kialo discussion: {title}" if title else None,
    )
    claim_of: dict[str, str] = {}
    see: dict[str, str] = {}
    for entry in entries:
        seen = _SEE.match(entry.text)
        if seen:
            see[entry.number] = seen.group(1)
            continue
        body, links = _clean(entry.text)
        notes = []
        if links:
            notes.append("Links: " + " ; ".join(links))
        cited = [n for n in dict.fromkeys(_FOOTNOTE.findall(body)) if n in sources]
        for n in cited:
            url, *excerpt = sources[n]
            notes.append(f"[{n}] {url}" + (f" — {' '.join(excerpt)}" if excerpt else ""))
        kind = "thesis" if entry.stance is None and entry.parent is None else "claim"
        claim = DraftClaim(body or f"(Kialo entry {entry.number} has no text)", kind, note="\n".join(notes) or None)
        claim_of[entry.number] = draft.add_claim(_claim_id(entry.number), claim)
    uncited = [n for n in sources if not any(f"[{n}]" in (c.text) for c in draft.claims.values())]
    if uncited:
        listed = "; ".join(f"[{n}] {' '.join(sources[n])}" for n in uncited)
        draft.summary = f"{draft.summary or ''} Sources not cited by any claim: {listed}".strip()

    def resolve(number: str | None, hops: int = 0) -> str | None:
        """The claim an entry stands for, following ``-> See`` links (targets may come later)."""
        if number is None or hops > len(see):
            return None
        if number in claim_of:
            return claim_of[number]
        return resolve(see.get(number), hops + 1)

    for entry in entries:
        if entry.stance is None:
            if entry.parent is not None:
                draft.warnings.append(f"entry {entry.number} is neither Pro nor Con: no relation to {entry.parent}")
            continue
        parent = resolve(entry.parent)
        source = resolve(entry.number)
        if parent is None or source is None:
            draft.warnings.append(f"entry {entry.number}: {'link target' if source is None else 'parent'} not found, relation skipped")
            continue
        kind = RelationKind.SUPPORT if entry.stance == "Pro" else RelationKind.REBUT
        draft.add_relation(kind, source, parent, tags=["kialo-link"] if entry.number in see else None)
    return draft


def _header(lines: list[str]) -> tuple[str, bool, int]:
    """The discussion's title, whether the export is the newer format, and where entries start.

    The old format says ``Discussion Title: …`` on one line; the newer one says
    ``Discussion Name:`` and puts the title on the next non-blank line.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return "", False, 0
    first = filled[0]
    label, _, rest = lines[first].partition(":")
    if label.strip() not in ("Discussion Title", "Discussion Name"):
        return "", any(_NEW_ENTRY.match(line) and not _OLD_ENTRY.match(line) for line in lines), first
    newer = label.strip() == "Discussion Name"
    if rest.strip() or len(filled) < 2:
        return rest.strip(), newer, first + 1
    return lines[filled[1]].strip(), newer, filled[1] + 1


def read_kialo(path: Path | str) -> Draft:
    """Read a Kialo text export from a file.

    Raises:
        ArgmapError: the file cannot be read or holds no Kialo entries.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ArgmapError(f"cannot read {path} as a Kialo export: {err}") from err
    return parse_kialo(text, path.name)
