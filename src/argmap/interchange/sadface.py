"""Read and write SADFace, the JSON argument format of the Open Argumentation toolchain.

A SADFace document has ``nodes`` (``atom``: a statement with its ``text`` and the
``sources`` it was taken from; ``scheme``: a ``support``, ``conflict`` or named scheme),
``edges`` from premise atom to scheme to conclusion, and ``resources`` (the texts atoms
quote, by offset and length). Three layouts of the document's metadata occur: version 0.2
and later keep it in ``metadata.core``; the earlier flat layout puts ``analyst_name`` and
the rest at the top level beside an empty ``metadata``; nodes may carry ``metadata`` or not.
Import turns the document into an AIF graph (atom → I, support → RA, conflict → CA) for the
shared walk; ids need not be UUIDs. An edge the model does not allow (atom to atom, as early
argument-miner output has) is reported with its place and left out, never guessed at.
Export writes the 0.2 layout with an ``argmap`` metadata namespace that keeps the rest.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.interchange.aif import draft_from_graph, read_json
from argmap.interchange.record import RECORD, claim_record, map_record, relation_record
from argmap.interchange.writer import Draft, DraftSource, slug
from argmap.model import RelationKind, Workspace, split_key

__all__ = ["read_sadface", "to_sadface"]

_CONFLICTS = frozenset({"conflict", "attack", "rebut", "rebuttal", "undercut", "disagreement"})
_PLAIN = frozenset({"support", "conflict", ""})


def _lines(text: str, key: str) -> list[tuple[int, int]]:
    """Line and column of each element of the top-level array ``key`` of a JSON document,
    found by decoding the document piece by piece (``json`` keeps no positions)."""
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    def position(i: int) -> tuple[int, int]:
        return text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)

    i = skip(text.index("{") + 1)
    while i < len(text) and text[i] != "}":
        name, i = decoder.raw_decode(text, i)
        i = skip(skip(i) + 1)  # past ':'
        if name == key and text[i] == "[":
            found, i = [], skip(i + 1)
            while text[i] != "]":
                found.append(position(i))
                _, i = decoder.raw_decode(text, i)
                i = skip(i)
                i = skip(i + 1) if text[i] == "," else i
            return found
        _, i = decoder.raw_decode(text, i)
        i = skip(i)
        i = skip(i + 1) if text[i] == "," else i
    return []


def _metadata(doc: dict[str, Any]) -> dict[str, Any]:
    """The document's core metadata, whichever layout holds it."""
    meta = doc.get("metadata")
    core = meta.get("core") if isinstance(meta, dict) else None
    if isinstance(core, dict):
        return core
    return {key: value for key, value in doc.items() if key not in ("nodes", "edges", "resources", "metadata")}


def read_sadface(path: Path | str) -> Draft:
    """Read a SADFace JSON document into a draft map.

    Raises:
        ArgmapError: not SADFace, a node without an id or type, or an edge that names a
            node the document lacks; the message starts ``path:line:column:``.
    """
    path = Path(path)
    doc = read_json(path, "SADFace JSON")
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list) or not isinstance(doc.get("edges"), list):
        raise ArgmapError(f"{path}:1:1: not SADFace: expected an object with 'nodes' and 'edges' lists")
    text = path.read_text(encoding="utf-8-sig")
    node_at, edge_at = _lines(text, "nodes"), _lines(text, "edges")

    def where(at: list[tuple[int, int]], n: int, json_path: str) -> str:
        line, column = at[n] if n < len(at) else (1, 1)
        return f"{path}:{line}:{column}: {json_path}"

    core = _metadata(doc)
    meta: dict[str, Any] = doc["metadata"] if isinstance(doc.get("metadata"), dict) else {}
    title = str(core["title"]) if isinstance(core.get("title"), str) and core["title"].strip() else path.stem.replace("_", " ")
    draft = Draft(title=title, origin=[f"Imported by 'argmap import' from {path.name} (SADFace JSON)."])
    if isinstance(core.get("analyst_name"), str):
        draft.origin.append(f"Analysed by {core['analyst_name']}" + (f", SADFace {core['version']}" if core.get("version") else "") + ".")
    if isinstance(core.get("notes"), str) and core["notes"].strip():
        draft.origin.append(f"Notes: {' '.join(core['notes'].split())}")
    own = isinstance(meta.get(RECORD), dict)
    aif: dict[str, Any] = {"nodes": [], "edges": []}
    if own:
        aif[RECORD] = meta[RECORD]
    source_of = _resources(doc, draft, own)

    kinds: dict[str, str] = {}
    for n, node in enumerate(doc["nodes"]):
        here = where(node_at, n, f"nodes[{n}]")
        if not isinstance(node, dict) or not isinstance(node.get("id"), str | int) or node.get("type") not in ("atom", "scheme"):
            raise ArgmapError(f"{here}: a node needs an 'id' and a 'type' of 'atom' or 'scheme'")
        nid = str(node["id"])
        if nid in kinds:
            draft.warnings.append(f"{here}: a second node with id {nid!r}; edges that name it mean the first")
            nid = f"{nid}#{n}"
        node_meta: dict[str, Any] = node["metadata"] if isinstance(node.get("metadata"), dict) else {}
        extra = dict(node_meta.get(RECORD) or {}) if own else {}
        if node["type"] == "atom":
            kinds[nid] = "I"
            if not own:
                extra["note"] = f"SADFace atom {node['id']}" + _others(node_meta)
                extra["kind"] = "thesis" if core.get("claim") == node["id"] else None
                quoted = [s for s in node.get("sources") or [] if isinstance(s, dict) and str(s.get("resource_id")) in source_of and s.get("text")]
                if quoted:  # argmap keeps one quote a claim: the first
                    source_id, content = source_of[str(quoted[0]["resource_id"])]
                    _check_offset(content, quoted[0], here, draft)
                    extra["quote"] = {"source": source_id, "text": str(quoted[0]["text"])}
            aif["nodes"].append({"nodeID": nid, "type": "I", "text": str(node.get("text", "")), RECORD: extra})
        else:
            name = str(node.get("name") or "")
            kinds[nid] = "CA" if name.lower() in _CONFLICTS else "MA" if name.lower() == "rephrase" else "RA"
            if not own:
                extra["note"] = f"SADFace scheme {node['id']}" + (f": {name}" if name.lower() not in _PLAIN else "") + _others(node_meta)
            aif["nodes"].append({"nodeID": nid, "type": kinds[nid], "text": name, RECORD: extra})
    for n, edge in enumerate(doc["edges"]):
        here = where(edge_at, n, f"edges[{n}]")
        if not isinstance(edge, dict):
            raise ArgmapError(f"{here}: an edge must be an object with 'source_id' and 'target_id'")
        ends = [str(edge.get(end)) for end in ("source_id", "target_id")]
        for end, key in zip(ends, ("source_id", "target_id"), strict=True):
            if end not in kinds:
                raise ArgmapError(f"{here}.{key}: edge {edge.get('id')!r} names node {end!r}, which the document does not have")
        if kinds[ends[0]] == "I" and kinds[ends[1]] == "I":
            draft.warnings.append(f"{here}: edge {edge.get('id')!r} links atom {ends[0]!r} straight to atom {ends[1]!r}, with no scheme "
                                  "between them (SADFace links atoms only through a support or conflict scheme): left out")
            continue
        aif["edges"].append({"fromID": ends[0], "toID": ends[1]})
    draft_from_graph(aif, draft, "SADFace", str(path))
    if not own:
        description = core.get("description")
        draft.summary = description if isinstance(description, str) and description.strip() else (
            f"Imported from SADFace {path.name}: claims {len(draft.claims)}, relations {len(draft.relations)}.")
    return draft


def _others(metadata: dict[str, Any]) -> str:
    """A node's metadata other than argmap's own, kept in the note as JSON."""
    rest = {space: values for space, values in metadata.items() if values and space != RECORD}
    return f"; metadata {json.dumps(rest, ensure_ascii=False, sort_keys=True)}" if rest else ""


def _resources(doc: dict[str, Any], draft: Draft, own: bool) -> dict[str, tuple[str, str]]:
    """Text resources as sources whose texts are written beside the map: resource id →
    (source id, content)."""
    found: dict[str, tuple[str, str]] = {}
    resources = doc.get("resources")
    for n, resource in enumerate(resources if isinstance(resources, list) else []):
        if not (isinstance(resource, dict) and isinstance(resource.get("content"), str) and resource.get("id") is not None):
            continue
        sid = slug(str(resource["id"]), words=8, limit=60)
        sid = sid if sid not in draft.sources else f"{sid}-{n}"
        found[str(resource["id"])] = (sid, resource["content"])
        if own:
            continue  # the map record already holds the sources and their texts
        core = (resource.get("metadata") or {}).get("core") or {}
        relative = f"sources/{sid}.txt"
        draft.sources[sid] = DraftSource(str(core.get("title") or f"SADFace resource {resource['id']}"), url=core.get("url"), text=relative)
        draft.files[relative] = resource["content"]
    return found


def _check_offset(content: str, source: dict[str, Any], where: str, draft: Draft) -> None:
    """Note a source whose offset and length do not point at its text (the text is what is quoted)."""
    offset, length, text = source.get("offset"), source.get("length"), str(source.get("text", ""))
    if isinstance(offset, int) and isinstance(length, int) and content[offset:offset + length] != text:
        draft.warnings.append(f"{where}.sources[0]: offset {offset} and length {length} do not point at the source's text; "
                              "the text is quoted and checked against the resource")


# -- export -------------------------------------------------------------------------------
def to_sadface(ws: Workspace, stem: str) -> dict[str, Any]:
    """Map ``stem`` as a SADFace 0.2 document, dated when the map file was last changed."""
    argmap = ws.maps[stem]
    edited = datetime.fromtimestamp(argmap.path.stat().st_mtime, UTC).replace(microsecond=0, tzinfo=None).isoformat()

    def uid(key: str) -> str:  # the same map gives the same ids on every export
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"argmap:{stem}:{key}"))

    record = map_record(ws, stem)
    resources, contents = [], {}
    for sid, source in record.get("sources", {}).items():
        if "content" in source:
            contents[sid] = source["content"]
            resources.append({"id": uid(f"source/{sid}"), "content": source["content"], "type": "text",
                              "metadata": {"core": {k: source[k] for k in ("title", "url") if k in source}}})
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    done: set[str] = set()

    def atom(key: str) -> str:
        if key not in done:
            done.add(key)
            claim = ws.claims[key]
            sources = []
            if claim.quote and claim.quote.source in contents and claim.quote.text in contents[claim.quote.source]:
                offset = contents[claim.quote.source].index(claim.quote.text)
                sources.append({"resource_id": uid(f"source/{claim.quote.source}"), "text": claim.quote.text,
                                "offset": offset, "length": len(claim.quote.text)})
            nodes.append({"id": uid(key), "type": "atom", "text": claim.text, "sources": sources,
                          "metadata": {"core": {}, RECORD: claim_record(claim, stem)}})
        return uid(key)

    for cid in argmap.claims:
        atom(f"{stem}:{cid}")
    for rel in argmap.relations.values():
        if rel.kind is RelationKind.UNDERCUT and split_key(rel.target)[0] != stem:
            continue  # an undercut of another map's relation: nothing here to point at
        nodes.append({"id": uid(rel.key), "type": "scheme", "name": "support" if rel.kind is RelationKind.SUPPORT else "conflict",
                      "metadata": {"core": {}, RECORD: relation_record(rel)}})
        for premise in rel.premises:
            edges.append({"id": uid(f"edge/{premise}/{rel.key}"), "source_id": atom(premise), "target_id": uid(rel.key)})
        target = uid(rel.target) if rel.kind is RelationKind.UNDERCUT else atom(rel.target)
        edges.append({"id": uid(f"edge/{rel.key}"), "source_id": uid(rel.key), "target_id": target})
    theses = [uid(f"{stem}:{c.id}") for c in argmap.claims.values() if c.kind.value == "thesis"]
    core = {"analyst_email": "", "analyst_name": "argmap", "created": edited, "edited": edited, "id": uid("document"),
            "title": argmap.title, "version": "0.2"}
    if argmap.summary:
        core["description"] = argmap.summary
    if len(theses) == 1:
        core["claim"] = theses[0]
    return {"edges": edges, "metadata": {"core": core, RECORD: record}, "nodes": nodes, "resources": resources}
