"""A map's own fields as plain JSON data, for the formats that have no place for them.

AIF, GraphML and SADFace hold claims, relations and who said what, but not a claim's kind,
a side's burden, a source's text or a relation's id. argmap's exports write those under an
``argmap`` key — on the document and on each node — that other tools pass over, and the
importers read them back, so that a map exported and imported again is the same map.
The record is authoritative for what it holds; text and structure always come from the
format itself, so an edit made in another tool is kept.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

from argmap.errors import ArgmapError
from argmap.interchange.writer import Draft, DraftClaim, DraftSource, DraftSpeaker
from argmap.model import Claim, Relation, Workspace, split_key

__all__ = ["apply_map_record", "claim_from_record", "claim_record", "map_record", "relation_record"]

RECORD = "argmap"  # the key every argmap export uses for its record


def _drop_empty(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in (None, "", [], {}, ())}


def map_record(ws: Workspace, stem: str) -> dict[str, Any]:
    """The map's title, sides, speakers and sources (with the texts quotes are checked against)."""
    argmap = ws.maps[stem]
    sources: dict[str, Any] = {}
    for sid, src in argmap.sources.items():
        content = None
        if src.text_path is not None and src.text_path.is_file():
            content = src.text_path.read_text(encoding="utf-8-sig")
        relative = None
        if src.text_path is not None:  # as the map says it: relative to the map's folder
            relative = Path(os.path.relpath(src.text_path.resolve(), argmap.path.parent.resolve())).as_posix()
        sources[sid] = _drop_empty({"title": src.title, "publisher": src.publisher, "author": src.author, "date": src.date,
                                    "url": src.url, "text": relative, "replies-to": list(src.replies_to), "note": src.note,
                                    "content": content})
    return _drop_empty({
        "argmap": 1,
        "title": argmap.title,
        "summary": argmap.summary,
        "resolution": argmap.resolution,
        "sides": {sid: _drop_empty({"label": side.label, "burden": side.burden}) for sid, side in argmap.sides.items()},
        "speakers": {pid: _drop_empty({"name": sp.name, "role": sp.role, "side": sp.side, "note": sp.note})
                     for pid, sp in argmap.speakers.items()},
        "sources": sources,
    })


def claim_record(claim: Claim, stem: str) -> dict[str, Any]:
    """A claim's fields other than its text; ``map`` names the map of a claim of another map."""
    other, local = split_key(claim.key)
    return _drop_empty({
        "id": local,
        "map": other if other != stem else None,
        "kind": claim.kind.value if claim.kind.value != "claim" else None,
        "by": claim.by,
        "quote": {"source": claim.quote.source, "text": claim.quote.text} if claim.quote else None,
        "tags": list(claim.tags),
        "note": claim.note,
        "weight": claim.weight,
        "conceded": claim.conceded,
    })


def relation_record(rel: Relation) -> dict[str, Any]:
    """A relation's fields other than its ends: its id when it has one, tags, note, partial."""
    return _drop_empty({
        "id": split_key(rel.key)[1] if rel.named else None,
        "tags": list(rel.tags),
        "note": rel.note,
        "partial": rel.partial or None,
    })


# -- import -------------------------------------------------------------------------------
def _text(value: object, what: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ArgmapError(f"{where}: {what} must be text, not {type(value).__name__} (argmap record)")
    return str(value)


def _table(value: object, what: str, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ArgmapError(f"{where}: {what} must map ids to objects (argmap record)")
    return value


def _strings(value: object, what: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ArgmapError(f"{where}: {what} must be a list of text (argmap record)")
    return list(value)


def source_path(value: str, where: str) -> str:
    """A source text's path from a file, refused unless it stays below the map's folder."""
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value or ":" in value or not path.parts:
        raise ArgmapError(f"{where}: source text path {value!r} leaves the map's folder (argmap record)")
    return path.as_posix()


def apply_map_record(draft: Draft, record: object, where: str) -> None:
    """Set the draft's title, sides, speakers and sources (and their texts) from a map record.

    Raises:
        ArgmapError: the record is not shaped as :func:`map_record` writes it.
    """
    if not isinstance(record, dict):
        raise ArgmapError(f"{where}: the argmap record must be an object")
    draft.title = _text(record.get("title"), "title", where) or draft.title
    draft.summary = _text(record.get("summary"), "summary", where)
    draft.resolution = _text(record.get("resolution"), "resolution", where)
    for sid, side in _table(record.get("sides"), "sides", where).items():
        draft.sides[sid] = _text(side.get("label"), "a side's label", where) or sid
        draft.side_details[sid] = {key: text for key in ("burden", "note") if (text := _text(side.get(key), key, where))}
    for pid, sp in _table(record.get("speakers"), "speakers", where).items():
        draft.speakers[pid] = DraftSpeaker(_text(sp.get("name"), "a speaker's name", where) or pid,
                                           role=_text(sp.get("role"), "role", where), side=_text(sp.get("side"), "side", where),
                                           note=_text(sp.get("note"), "note", where))
    for sid, src in _table(record.get("sources"), "sources", where).items():
        text = _text(src.get("text"), "a source's text", where)
        content = _text(src.get("content"), "a source's content", where)
        if text is not None:
            text = source_path(text, where)
            if content is not None:
                draft.files[text] = content
        draft.sources[sid] = DraftSource(
            _text(src.get("title"), "a source's title", where) or sid, url=_text(src.get("url"), "url", where), text=text,
            note=_text(src.get("note"), "note", where), publisher=_text(src.get("publisher"), "publisher", where),
            author=_text(src.get("author"), "author", where), date=_text(src.get("date"), "date", where),
            replies_to=_strings(src.get("replies-to"), "replies-to", where))


def claim_from_record(text: str, record: dict[str, Any], where: str) -> DraftClaim:
    """A draft claim of ``text`` with the fields a claim record holds."""
    quote = record.get("quote")
    if quote is not None and not (isinstance(quote, dict) and isinstance(quote.get("source"), str) and isinstance(quote.get("text"), str)):
        raise ArgmapError(f"{where}: a quote must be an object with 'source' and 'text' (argmap record)")
    weight = record.get("weight")
    if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int | float)):
        raise ArgmapError(f"{where}: weight must be a number (argmap record)")
    return DraftClaim(
        text,
        kind=_text(record.get("kind"), "kind", where) or "claim",
        by=_text(record.get("by"), "by", where),
        quote=(quote["source"], quote["text"]) if quote else None,
        tags=_strings(record.get("tags"), "tags", where),
        note=_text(record.get("note"), "note", where),
        weight=weight,
        conceded=_text(record.get("conceded"), "conceded", where),
    )
