"""Import Peldszus & Stede's argumentative microtexts (``arggraph`` XML) as argmap drafts.

The corpus annotates more than claims: an undercut (``und``) attacks an *edge*, possibly
another undercut, and an extra premise (``add``) joins an existing edge. Relations are
therefore kept addressable by their XML edge ids. Each ADU becomes a claim whose text is its
EDUs and whose quote is checked against the ``.txt`` beside the XML, copied next to the
map; ``pro``/``opp`` ADUs become two speakers on two sides, and the one ADU with no
outgoing argumentative edge is the thesis.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.interchange.writer import Draft, DraftClaim, DraftSource, DraftSpeaker, slug
from argmap.model import RelationKind

__all__ = ["read_microtext"]

_ASCII_DIGIT = re.compile(r"[0-9]")
_KINDS = {"sup": RelationKind.SUPPORT, "exa": RelationKind.SUPPORT, "reb": RelationKind.REBUT, "und": RelationKind.UNDERCUT}
_ROLES = {"pro": "proponent", "opp": "opponent"}


def read_microtext(path: Path | str) -> Draft:
    """Read one ``micro_*.xml`` (and the ``.txt`` beside it, if present) into a draft.

    Raises:
        ArgmapError: the file is not readable XML or not an argumentation graph.
    """
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError, LookupError, ValueError) as err:  # an encoding Python does not know, or expat cannot read
        raise ArgmapError(f"cannot read {path} as arg-microtexts XML: {err}") from err
    if root.tag != "arggraph":
        raise ArgmapError(f"{path} is not an arg-microtexts graph (root element <{root.tag}>, expected <arggraph>)")
    graph_id = root.get("id") or path.stem
    topic = root.get("topic_id")
    stance = root.get("stance")
    edus = {e.get("id", ""): " ".join((e.text or "").split()) for e in root.iter("edu")}
    adus = {a.get("id", ""): a.get("type", "pro") for a in root.iter("adu")}
    edges = {e.get("id", ""): (e.get("src", ""), e.get("trg", ""), e.get("type", "")) for e in root.iter("edge")}
    unknown = sorted({kind for _, _, kind in edges.values()} - {"seg", "add", *_KINDS})
    if unknown or not adus:
        raise ArgmapError(f"{path}: {'unknown edge types ' + ', '.join(unknown) if unknown else 'no ADUs'}")

    draft = Draft(
        title=f"{graph_id}: {topic.replace('_', ' ')}" if topic else graph_id,
        origin=[f"Imported by 'argmap import' from {path.name} (arg-microtexts, Peldszus & Stede, CC BY-NC-SA 4.0).",
                "Claims are ADUs (ids in their notes), relations keep the XML edge ids; edit freely."],
        summary=f"Argumentative microtext {graph_id}" + (f" on {topic.replace('_', ' ')}" if topic else "") + (f"; the author's stance: {stance}." if stance else "."),
        sides={"proponent": "Proponent", "opponent": "Opponent"},
        speakers={
            "proponent": DraftSpeaker("Proponent", role="the author, arguing for the central claim", side="proponent"),
            "opponent": DraftSpeaker("Opponent", role="objections the author raises and answers", side="opponent"),
        },
    )
    source_id = None
    text_file = path.with_suffix(".txt")
    if text_file.is_file():
        source_id = slug(graph_id)
        draft.sources[source_id] = DraftSource(f"{graph_id} (arg-microtexts)", text=f"sources/{text_file.name}")
        try:
            draft.files[f"sources/{text_file.name}"] = text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise ArgmapError(f"cannot read {text_file}, the text beside {path.name}, as UTF-8: {err}") from err

    segments: dict[str, list[str]] = {}
    for src, trg, kind in edges.values():
        if kind == "seg" and src in edus:
            segments.setdefault(trg, []).append(src)
    outgoing = {src for src, _, kind in edges.values() if kind != "seg"}
    examples = {src for src, _, kind in edges.values() if kind == "exa"}
    claim_of: dict[str, str] = {}
    for adu, role in adus.items():
        texts = [edus[e] for e in sorted(segments.get(adu, []), key=_number)]
        text = " ".join(texts) or f"(ADU {adu} has no text)"
        kind = "thesis" if adu not in outgoing else "evidence" if adu in examples else "claim"
        quote = (source_id, text) if source_id and texts else None
        claim_of[adu] = draft.add_claim(slug(text), DraftClaim(text, kind, _ROLES.get(role), quote, note=f"ADU {adu}"))

    # relations in an order where an undercut's target exists before the undercut
    dangling = sorted(eid for eid, (src, trg, kind) in edges.items()
                      if kind != "seg" and (src not in claim_of or (trg not in claim_of and trg not in edges)))
    if dangling:
        raise ArgmapError(f"{path}: edges {', '.join(dangling)} join nodes that are not ADUs or edges")
    linked: dict[str, list[str]] = {}
    for src, trg, kind in edges.values():
        if kind == "add":
            linked.setdefault(trg, []).append(claim_of[src])
    relation_of: dict[str, str] = {}
    pending = [eid for eid, (_, _, kind) in sorted(edges.items(), key=lambda item: _number(item[0])) if kind in _KINDS]
    while pending:
        ready = [eid for eid in pending if edges[eid][2] != "und" or edges[eid][1] in relation_of]
        if not ready:
            raise ArgmapError(f"{path}: undercuts {', '.join(pending)} target no argumentative edge")
        for eid in ready:
            src, trg, kind = edges[eid]
            target = relation_of[trg] if kind == "und" else claim_of.get(trg)
            if target is None:
                raise ArgmapError(f"{path}: edge {eid} ({kind}) must target an ADU, not {trg}")
            rel = draft.add_relation(_KINDS[kind], claim_of[src], target, linked=linked.get(eid, []), wanted_id=eid.lower(),
                                     tags=["example"] if kind == "exa" else None)
            if rel is not None:
                relation_of[eid] = rel.id
        done = set(ready)
        pending = [eid for eid in pending if eid not in done]
    return draft


def _number(xml_id: str) -> tuple[int, str, str]:
    """``"e12"`` → ``(2, "12", "e12")``: XML ids in numeric order.

    The digits compare by length, then as text: the same order as numbers, without
    converting (a run of 5,000 digits would be refused, and ``str.isdigit`` lets in ``²``).
    """
    digits = "".join(_ASCII_DIGIT.findall(xml_id)).lstrip("0")
    return (len(digits), digits, xml_id)
