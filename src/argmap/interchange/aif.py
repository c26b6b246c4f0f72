"""Read and write AIF (Argument Interchange Format) JSON, as AIFdb and xAIF use it.

AIF is a graph of *information* nodes (``I``, propositions) and *scheme* nodes between
them: ``RA`` (inference: premises → RA → conclusion), ``CA`` (conflict: attacker → CA →
attacked I or scheme node) and ``MA`` (rephrase). The dialogue side — ``L`` locutions,
``YA`` illocutions anchoring them, ``TA`` transitions — says who said what. Import maps
I → claims, RA → supports (several premises into one RA are linked premises), CA → rebuts
(or undercuts when it attacks an RA or CA), MA → a note, and a proposition's speaker from
the locution that asserts it. Real files are messy, so ids may be strings or integers,
an annotator's duplicate L node ("Annotator: Speaker: words") is followed to the original,
and an ``L`` node used as a premise is read as the proposition it really is.
Export writes the reverse, one RA or CA per relation.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.interchange.record import (
    RECORD,
    apply_map_record,
    claim_from_record,
    claim_record,
    map_record,
    relation_record,
)
from argmap.interchange.writer import Draft, DraftSpeaker, slug
from argmap.model import ArgMap, RelationKind, Workspace, split_key
from argmap.yamlread import MAX_BYTES

__all__ = ["draft_from_graph", "read_aif", "read_json", "to_aif"]

_PLAIN_SCHEMES = frozenset({"", "RA", "CA", "MA", "Default Inference", "Default Conflict", "Default Rephrase"})
_PLAIN_ILLOCUTIONS = frozenset({"Asserting", "Analysing", "Arguing", "Disagreeing", "Restating", "Agreeing", "Default Illocuting"})
_SPEAKER = re.compile(r"\s*([^:]{1,80}?)\s*:\s")


def _whole_number(digits: str) -> int:
    """A JSON integer; one longer than Python converts (its time grows with the square) is an error."""
    if len(digits) > 4300:
        raise ValueError(f"a number of {len(digits):,} digits is too long")
    return int(digits)


def _load(path: Path) -> dict[str, Any]:
    data = read_json(path, "AIF JSON")
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):  # xAIF wraps the graph
        data = data["AIF"]
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ArgmapError(f"{path}:1:1: not AIF JSON: expected an object with 'nodes' and 'edges' lists")
    return data


def read_json(path: Path, what: str) -> Any:
    """A JSON file's data; a file too large, unreadable or not JSON is one located error.

    Raises:
        ArgmapError: the message starts ``path:line:column:``.
    """
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ArgmapError(f"{path}:1:1: the file is larger than {MAX_BYTES // 2**20} MiB, the most argmap imports")
        return json.loads(path.read_text(encoding="utf-8-sig"), parse_int=_whole_number)
    except json.JSONDecodeError as err:
        raise ArgmapError(f"{path}:{err.lineno}:{err.colno}: cannot read as {what}: {err.msg}") from err
    except (OSError, ValueError, RecursionError) as err:  # ValueError: not UTF-8, or a number too long
        raise ArgmapError(f"cannot read {path} as {what}: {err}") from err


def _list(value: object) -> list[Any]:
    """``value`` if it is a list, else an empty one: an optional list of a file may hold anything."""
    return value if isinstance(value, list) else []


def _is_id(value: object) -> bool:
    """Whether ``value`` can be an AIF node id: text or a whole number (files use both)."""
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def read_aif(path: Path | str) -> Draft:
    """Read an AIF or xAIF JSON file into a draft map.

    Raises:
        ArgmapError: the file is not AIF JSON.
    """
    path = Path(path)
    data = _load(path)
    draft = Draft(
        title=path.stem.replace("_", " "),
        origin=[f"Imported by 'argmap import' from {path.name} (AIF JSON).",
                "Claims are I-nodes, supports RA nodes, rebuts and undercuts CA nodes; AIF node ids are in the notes."],
    )
    draft_from_graph(data, draft, "AIF", str(path))
    if RECORD not in data:
        draft.summary = f"Imported from AIF {path.name}: propositions {len(draft.claims)}, relations {len(draft.relations)}, speakers {len(draft.speakers)}."
    return draft


def _ext(node: dict[str, Any], where: str) -> dict[str, Any]:
    record = node.get(RECORD) or {}
    if not isinstance(record, dict):
        raise ArgmapError(f"{where}: node {node.get('nodeID')}: the argmap record must be an object")
    return record


def draft_from_graph(data: dict[str, Any], draft: Draft, fmt: str, where: str) -> None:
    """Fill ``draft`` from an AIF graph (``nodes``, ``edges``, ``locutions``, ``participants``).

    GraphML and SADFace are read by turning them into this graph, so one walk serves all
    three. A node's ``argmap`` record (see :mod:`argmap.interchange.record`) overrides what
    the walk would derive; a document-level record marks argmap's own export, whose claim
    and relation ids are kept.
    """
    own = isinstance(data.get(RECORD), dict)
    if own:
        apply_map_record(draft, data[RECORD], where)
    nodes: dict[str, dict[str, Any]] = {}
    for node in data["nodes"]:
        if isinstance(node, dict) and _is_id(node.get("nodeID")):
            nodes[str(node["nodeID"])] = node
    into: dict[str, list[str]] = defaultdict(list)
    out_of: dict[str, list[str]] = defaultdict(list)
    for edge in data["edges"]:
        if not isinstance(edge, dict) or not _is_id(edge.get("fromID")) or not _is_id(edge.get("toID")):
            continue
        source, target = str(edge["fromID"]), str(edge["toID"])
        if source in nodes and target in nodes:
            out_of[source].append(target)
            into[target].append(source)
    ext = {nid: _ext(node, where) for nid, node in nodes.items()}
    if own:  # the record is authoritative: a note it leaves out is no note
        draft.ids.reserved |= {str(e["id"]) for e in ext.values() if e.get("id") and not e.get("map")}
        ext = {nid: {"note": None, **e} for nid, e in ext.items()}

    def kind(nid: str) -> str:
        return str(nodes[nid].get("type", ""))

    def text(nid: str) -> str:
        raw = str(nodes[nid].get("text", ""))
        return raw if own and raw.strip() == raw else " ".join(raw.split())  # argmap's own text is exact

    scheme_kinds = {"RA", "CA", "MA"}
    # propositions: I-nodes, and L-nodes that an annotator wired into an inference or conflict
    propositions = [nid for nid in nodes if kind(nid) == "I"]
    for nid in nodes:
        if kind(nid) == "L" and any(kind(t) in scheme_kinds for t in out_of[nid]):
            propositions.append(nid)
            draft.warnings.append(f"node {nid} is typed L but is a premise of {', '.join(t for t in out_of[nid] if kind(t) in scheme_kinds)}: read as a proposition")

    people = _people(data, nodes, out_of, kind, text)
    if not own:
        for speaker_id, name, note in people.values():  # everyone who spoke, even with no proposition of their own
            draft.speakers.setdefault(speaker_id, DraftSpeaker(name, note=note))
    claim_of: dict[str, str] = {}
    for nid in propositions:
        record = ext[nid]
        if own and record.get("map") and record.get("id"):  # a claim of another map: refer to it
            claim_of[nid] = f"{record['map']}:{record['id']}"
            continue
        claim_text = text(nid) or f"({fmt} node {nid} has no text)"
        claim = claim_from_record(claim_text, record, where)
        speaker, illocution = _asserted_by(nid, nodes, into, kind, people)
        if "by" not in record and not own and speaker:
            claim.by = speaker[0]
        if "tags" not in record and illocution and illocution not in _PLAIN_ILLOCUTIONS:
            claim.tags = [slug(illocution)]
        if "note" not in record and not own:
            claim.note = f"{fmt} node {nid}"
        wanted = str(record["id"]) if own and record.get("id") else slug(claim_text)
        claim_of[nid] = draft.add_claim(wanted, claim)

    relation_of: dict[str, str] = {}
    pending = {nid: None for nid in nodes if kind(nid) in {"RA", "CA"}}  # an ordered set
    while pending:
        # a CA on a scheme node waits until that node's relation exists
        ready = [nid for nid in pending if not any(t in pending for t in out_of[nid])]
        if not ready:  # conflicts attacking each other in a circle: undercut what exists
            ready = [next(iter(pending))]
        for nid in ready:
            _scheme(nid, draft, nodes[nid], ext[nid], into, out_of, kind, claim_of, relation_of)
            del pending[nid]
    for nid in nodes:
        if kind(nid) == "MA":
            sources = [claim_of[s] for s in into[nid] if claim_of.get(s) in draft.claims]
            targets = [claim_of[t] for t in out_of[nid] if t in claim_of]
            for s in sources:
                claim = draft.claims[s]
                remark = f"AIF MA {nid}: rephrases {', '.join(targets) or 'nothing'}"
                claim.note = f"{claim.note}; {remark}" if claim.note else remark


def _people(data: dict[str, Any], nodes: dict[str, dict[str, Any]], out_of: dict[str, list[str]],
            kind: Callable[[str], str], text: Callable[[str], str]) -> dict[str, tuple[str, str, str | None]]:
    """Each locution (L node id) → (speaker id, name, note), from ``personID`` and the
    "Name: words" convention; an annotator's copy is followed to the original locution."""
    person_of = {str(loc.get("nodeID")): str(loc.get("personID")) for loc in _list(data.get("locutions")) if isinstance(loc, dict) and loc.get("personID") is not None}
    names_of_person: dict[str, str] = {}
    for person in _list(data.get("participants")):  # xAIF names its speakers here
        if isinstance(person, dict) and person.get("participantID") is not None:
            full_name = " ".join(str(person.get(part) or "").strip() for part in ("firstname", "surname")).strip()
            if full_name:
                names_of_person[str(person["participantID"])] = full_name
    result: dict[str, tuple[str, str, str | None]] = {}
    originals = {}
    by_text = {text(nid): nid for nid in nodes if kind(nid) == "L" and nid in person_of}
    for nid in nodes:
        if kind(nid) != "L":
            continue
        # an annotator's copy "Annotator: Speaker: words": linked by a YA "Analysing" to
        # the original (DialAM), or only by its text (AIFdb)
        copies = [t for ya in out_of[nid] if kind(ya) == "YA" and text(ya) == "Analysing" for t in out_of[ya] if kind(t) == "L"]
        prefix = _SPEAKER.match(text(nid))
        if not copies and nid not in person_of and prefix and text(nid)[prefix.end():] in by_text:
            copies = [by_text[text(nid)[prefix.end():]]]
        if copies:
            originals[nid] = copies[0]
    for nid in nodes:
        if kind(nid) != "L" or nid in originals:
            continue
        match = _SPEAKER.match(text(nid))
        person = person_of.get(nid)
        if match and person:
            names_of_person.setdefault(person, match.group(1))
    for nid in nodes:
        if kind(nid) != "L":
            continue
        original = originals.get(nid, nid)
        match = _SPEAKER.match(text(original))
        person = person_of.get(original)
        name = names_of_person.get(person or "") or (match.group(1) if match else None)
        if name is None and person is not None:
            name = f"Person {person}"
        if name is not None:
            note = f"AIF personID {person}" if person is not None else None
            result[nid] = (slug(name, words=4), name, note)
    return result


def _asserted_by(nid: str, nodes: dict[str, dict[str, Any]], into: dict[str, list[str]], kind: Callable[[str], str],
                 people: dict[str, tuple[str, str, str | None]]) -> tuple[tuple[str, str, str | None] | None, str | None]:
    """Who asserted proposition ``nid`` (L → YA → I), and with which illocution."""
    for ya in into[nid]:
        if kind(ya) != "YA":
            continue
        for loc in into[ya]:
            if kind(loc) == "L" and loc in people:
                return people[loc], str(nodes[ya].get("text") or "")
    illocutions = [str(nodes[ya].get("text") or "") for ya in into[nid] if kind(ya) == "YA"]
    return None, illocutions[0] if illocutions else None


def _scheme(nid: str, draft: Draft, node: dict[str, Any], record: dict[str, Any], into: dict[str, list[str]], out_of: dict[str, list[str]],
            kind: Callable[[str], str], claim_of: dict[str, str], relation_of: dict[str, str]) -> None:
    """One RA or CA node → relations (one per conclusion or attacked node)."""
    premises = [claim_of[p] for p in into[nid] if p in claim_of]
    premises.sort(key=lambda key: ":" in key)  # the claim that states a relation is one of this map
    scheme = str(node.get("scheme") or node.get("text") or "")
    note = f"AIF scheme: {scheme}" if scheme not in _PLAIN_SCHEMES else None
    if "note" in record:
        note = str(record["note"]) if record["note"] is not None else None
    if not premises or ":" in premises[0]:
        draft.warnings.append(f"{kind(nid)} node {nid} has no premise in this map: skipped")
        return
    tags = [str(t) for t in record.get("tags") or []]
    for target in out_of[nid]:
        relation_kind: RelationKind
        if target in claim_of:
            relation_kind = RelationKind.SUPPORT if kind(nid) == "RA" else RelationKind.REBUT
            goal = claim_of[target]
        elif kind(nid) == "CA" and target in relation_of:
            relation_kind, goal = RelationKind.UNDERCUT, relation_of[target]
        else:
            if kind(target) != "YA":
                draft.warnings.append(f"{kind(nid)} node {nid} points at {kind(target)} node {target}, which argmap cannot express: skipped")
            continue
        wanted = str(record["id"]) if record.get("id") else f"{kind(nid).lower()}-{nid}"
        rel = draft.add_relation(relation_kind, premises[0], goal, linked=premises[1:], wanted_id=wanted, tags=tags, note=note)
        if rel is not None:
            rel.partial = record.get("partial") is True and relation_kind.is_attack
            rel.named = bool(record.get("id"))
            relation_of.setdefault(nid, rel.id)


# -- export -------------------------------------------------------------------------------
_ILLOCUTIONS = {slug(name): name for name in (
    "Questioning", "Pure Questioning", "Assertive Questioning", "Rhetorical Questioning", "Challenging",
    "Pure Challenging", "Assertive Challenging", "Rhetorical Challenging", "Popular Concession", "Conceding")}
_REPHRASE = re.compile(r"AIF MA (\S+): rephrases (.+)\Z")


def _rephrases(note: str | None) -> tuple[str | None, list[tuple[str, list[str]]]]:
    """A note without the "AIF MA n: rephrases a, b" remarks an import wrote, and those remarks."""
    if not note:
        return note, []
    kept, found = [], []
    for part in note.split("; "):
        match = _REPHRASE.match(part)
        if match:
            targets = [] if match.group(2) == "nothing" else match.group(2).split(", ")
            found.append((match.group(1), targets))
        else:
            kept.append(part)
    return "; ".join(kept) or None, found


def to_aif(ws: Workspace, stem: str) -> dict[str, Any]:
    """Map ``stem`` of a workspace as AIF JSON.

    I nodes for claims (those of other maps it refers to included), one RA or CA per
    relation, L and YA nodes, locutions and participants for who said what (the quote, when
    there is one, is the locution), an illocution tag as its YA node, a rephrase remark as
    an MA node; an ``argmap`` record on the document and on each node keeps the rest.
    """
    argmap: ArgMap = ws.maps[stem]
    node_ids: dict[str, str] = {}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    person_of = {pid: n for n, pid in enumerate(argmap.speakers, start=1)}
    participants = []
    for pid, n in person_of.items():  # xAIF's participants; import joins the two names again
        first, _, last = argmap.speakers[pid].name.rpartition(" ")
        participants.append({"participantID": n, "firstname": first or last, "surname": last if first else ""})

    def local(key: str) -> str:
        other, name = split_key(key)
        return name if other == stem else key

    def claim_node(key: str) -> str:
        if key in node_ids:
            return node_ids[key]
        claim = ws.claims[key]
        nid = node_ids[key] = local(key)
        record = claim_record(claim, stem)
        record["note"], rephrases = _rephrases(claim.note)
        nodes.append({"nodeID": nid, "text": claim.text, "type": "I", RECORD: {k: v for k, v in record.items() if v is not None}})
        illocution = next((_ILLOCUTIONS[t] for t in claim.tags if t in _ILLOCUTIONS), "Asserting")
        speaker = ws.speaker(claim) if claim.map == stem else None
        if speaker is not None or illocution != "Asserting":
            ya = f"YA-{nid}"
            nodes.append({"nodeID": ya, "text": illocution, "type": "YA"})
            edge(ya, nid)
            if speaker is not None:
                loc = f"L-{nid}"
                said = claim.quote.text if claim.quote else claim.text
                nodes.append({"nodeID": loc, "text": f"{speaker.name}: {said}", "type": "L"})
                edge(loc, ya)
                locution: dict[str, Any] = {"nodeID": loc, "personID": person_of[speaker.id]}
                if claim.quote:
                    locution["source"] = claim.quote.source
                locutions.append(locution)
        for ma, targets in rephrases:
            pending_rephrases.append((nid, ma, targets))
        return nid

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": src, "toID": dst})

    pending_rephrases: list[tuple[str, str, list[str]]] = []
    for key in argmap.claims:
        claim_node(f"{stem}:{key}")
    scheme_of: dict[str, str] = {}
    ordered = sorted(argmap.relations.values(), key=lambda r: r.kind is RelationKind.UNDERCUT)
    for rel in ordered:
        scheme_type = "RA" if rel.kind is RelationKind.SUPPORT else "CA"
        scheme_of[rel.key] = local(rel.key) if rel.named else f"{scheme_type}-{local(rel.key)}"
    for rel in ordered:
        sid = scheme_of[rel.key]
        if rel.kind is RelationKind.UNDERCUT:
            target = scheme_of.get(rel.target)
            if target is None:  # an undercut of another map's relation: nothing to attach it to
                continue
        else:
            target = claim_node(rel.target)
        scheme_type = "RA" if rel.kind is RelationKind.SUPPORT else "CA"
        scheme = rel.note.removeprefix("AIF scheme: ") if rel.note and rel.note.startswith("AIF scheme: ") else None
        text = scheme or ("Default Inference" if scheme_type == "RA" else "Default Conflict")
        nodes.append({"nodeID": sid, "text": text, "type": scheme_type, RECORD: relation_record(rel)})
        for premise in rel.premises:
            edge(claim_node(premise), sid)
        edge(sid, target)
    for nid, ma, targets in pending_rephrases:
        nodes.append({"nodeID": ma, "text": "Default Rephrase", "type": "MA"})
        edge(nid, ma)
        for target in targets:
            if target in node_ids.values():
                edge(ma, target)
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants, RECORD: map_record(ws, stem)}
