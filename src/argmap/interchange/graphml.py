"""Read and write GraphML: argument maps drawn in yEd, Carneades graphs, and argmap's own export.

GraphML is only a graph, so each writer says what its nodes are in its own way. Import reads
three ways, then walks the result as an AIF graph (:func:`~argmap.interchange.aif.draft_from_graph`):

* a ``nodeType`` data value (``I-node``, ``RA-node``, ``CA-node``…), as AIF maps drawn in
  yEd carry it, and argmap's own export;
* else the drawing: a yEd flowchart *process* box or a *rectangle* is a proposition, a
  *decision* diamond or a *diamond* is a scheme node, an inference when green (``#99CC00``)
  and a conflict when red (``#FF0000``);
* Carneades argument graphs: *rectangle* statements, *roundrectangle* arguments (premises
  in, conclusion out, the weight on the conclusion edge, a dashed edge an undercutter) and
  *hexagon* issues, whose positions conflict with each other.

Key ids differ from file to file, so ``<data>`` is resolved through its ``<key>``'s
``attr.name`` (or ``yfiles.type``), never by id. Node text is the ``claim`` data, else the
``<y:NodeLabel>``. Export writes claims and relations as nodes (an AIF graph, so undercuts
and linked premises have somewhere to point) with every field as a typed attribute, through
networkx's writer, which yEd, Gephi and Cytoscape open; a map record as graph data keeps the
rest, so importing the export gives back the same map.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.interchange.aif import draft_from_graph
from argmap.interchange.record import RECORD, claim_record, map_record, relation_record
from argmap.interchange.safexml import parse_xml
from argmap.interchange.writer import Draft
from argmap.model import RelationKind, Workspace, split_key

__all__ = ["read_graphml", "to_graphml"]

_GREEN, _RED = "#99CC00", "#FF0000"
_CARNEADES_LABELS = {"#3AB54A": "in", "#FF0000": "out", "#FCEE21": "undecided"}
_CLAIM_FIELDS = ("id", "map", "kind", "by", "note", "weight", "conceded")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


@dataclass
class _Node:
    """A GraphML node: its data by attribute name, and what its drawing says."""

    id: str
    where: str
    data: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    shape: str = ""  # rectangle, diamond, roundrectangle, hexagon, process, decision…
    colours: tuple[str, ...] = ()
    underlined: bool = False


@dataclass
class _Edge:
    source: str
    target: str
    where: str
    data: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    dashed: bool = False


def _value(text: str | None, kind: str | None) -> Any:
    """A ``<data>`` or ``<default>`` text as its key's ``attr.type`` says."""
    text = text or ""
    if kind == "boolean":
        return text.strip().lower() in ("true", "1")
    if kind in ("int", "long", "float", "double"):
        try:
            return float(text) if kind in ("float", "double") else int(text)
        except ValueError:
            return None
    return text


def _graphics(element: ET.Element, node: _Node | None, edge: _Edge | None) -> None:
    """Label, shape, colours and line style from yEd's ``nodegraphics``/``edgegraphics``."""
    for part in element.iter():
        name = _local(part.tag)
        if node is not None:
            if name == "NodeLabel" and not node.label.strip():
                node.label = part.text or ""
                node.underlined = part.get("underlinedText") == "true"
            elif name == "Shape":
                node.shape = part.get("type", "")
            elif name in ("GenericNode", "GenericGroupNode") and part.get("configuration"):
                node.shape = part.get("configuration", "").rpartition(".")[2]
            elif name == "Fill":
                node.colours = tuple(c.upper() for c in (part.get("color2"), part.get("color")) if c)
        if edge is not None:
            if name == "EdgeLabel" and not edge.label.strip():
                edge.label = (part.text or "").strip()
            elif name == "LineStyle":
                edge.dashed = part.get("type", "line") != "line"


def _read(path: Path) -> tuple[dict[str, Any], list[_Node], list[_Edge]]:
    """The graph data, nodes and edges of a GraphML file, data resolved through the keys."""
    root, positions = parse_xml(path, "GraphML")

    def where(element: ET.Element) -> str:
        line, column = positions.get(element, (1, 1))
        return f"{path}:{line}:{column}"

    if _local(root.tag) != "graphml":
        raise ArgmapError(f"{where(root)}: not GraphML: the root element is <{_local(root.tag)}>, not <graphml>")
    keys: dict[str, tuple[str, str | None, Any]] = {}  # id → (name, attr.type, default)
    for key in root:
        if _local(key.tag) == "key" and key.get("id"):
            name = key.get("attr.name") or key.get("yfiles.type") or str(key.get("id"))
            default = next((_value(d.text, key.get("attr.type")) for d in key if _local(d.tag) == "default"), None)
            keys[str(key.get("id"))] = (name, key.get("attr.type"), default)
    graph = next((g for g in root if _local(g.tag) == "graph"), None)
    if graph is None:
        raise ArgmapError(f"{where(root)}: GraphML without a <graph>")

    def data_of(element: ET.Element, node: _Node | None = None, edge: _Edge | None = None) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for data in element:
            if _local(data.tag) != "data":
                continue
            name, kind, _ = keys.get(data.get("key", ""), (data.get("key", ""), None, None))
            if name in ("nodegraphics", "edgegraphics"):
                _graphics(data, node, edge)
            else:
                values[name] = _value("".join(data.itertext()), kind)
        return values

    nodes: dict[str, _Node] = {}
    edges: list[_Edge] = []
    for element in graph.iter():
        name = _local(element.tag)
        if name == "node":
            node = _Node(element.get("id", ""), where(element))
            if not node.id:
                raise ArgmapError(f"{node.where}: a GraphML node has no id")
            if node.id in nodes:
                raise ArgmapError(f"{node.where}: a second node with id {node.id!r} (the first is at {nodes[node.id].where})")
            node.data = data_of(element, node=node)
            if any(_local(child.tag) == "graph" for child in element):
                node.shape = "group"  # a yEd group: a box around nodes, read for what it holds
            nodes[node.id] = node
        elif name == "edge":
            edge = _Edge(element.get("source", ""), element.get("target", ""), where(element))
            edge.data = data_of(element, edge=edge)
            edges.append(edge)
        elif name == "hyperedge":
            raise ArgmapError(f"{where(element)}: a GraphML hyperedge; argmap reads only edges between two nodes")
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in nodes:
                raise ArgmapError(f"{edge.where}: an edge names node {end!r}, which the graph does not have")
    for node in nodes.values():  # keys' defaults for the data a node leaves out
        for key_name, _, default in keys.values():
            if default is not None and default != "":
                node.data.setdefault(key_name, default)
    return data_of(graph), list(nodes.values()), edges


def _type(node: _Node) -> str:
    """I, RA, CA, MA…, or ``argument``/``issue`` (Carneades), or "" when nothing tells."""
    declared = str(node.data.get("nodeType") or "").strip().upper().removesuffix("-NODE").removesuffix(" NODE")
    if declared:
        return declared
    if node.shape in ("process", "rectangle"):
        return "I"
    if node.shape in ("decision", "diamond"):
        if _GREEN in node.colours:
            return "RA"
        if _RED in node.colours:
            return "CA"
        return node.label.strip().upper() if node.label.strip().upper() in ("RA", "CA", "MA") else ""
    return {"roundrectangle": "argument", "hexagon": "issue"}.get(node.shape, "")


def _text(node: _Node) -> str:
    for value in (node.data.get("claim"), node.label, node.data.get("description")):
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def _note(node: _Node, text: str) -> str:
    """Where a node came from, and the data that is not its text: its name, description, URL."""
    ident = str(node.data.get("id") or "").strip()
    note = f"GraphML node {node.id}" + (f" ({ident})" if ident and ident != text else "")
    extras = [str(node.data[key]).strip() for key in ("description", "url") if str(node.data.get(key) or "").strip()]
    label = " ".join(node.label.split())
    if label and label != text:
        extras.insert(0, label)
    extras = [e for e in dict.fromkeys(extras) if e != text]
    return note + (": " + "; ".join(extras) if extras else "")


def _own_record(node: _Node) -> dict[str, Any]:
    """The fields argmap's own export wrote as node attributes, as a claim or relation record."""
    record = {key: node.data[key] for key in _CLAIM_FIELDS if node.data.get(key) not in (None, "")}
    if node.data.get("quote_source"):
        record["quote"] = {"source": node.data["quote_source"], "text": str(node.data.get("quote", ""))}
    if node.data.get("tags"):
        try:
            record["tags"] = json.loads(node.data["tags"])
        except (TypeError, json.JSONDecodeError) as err:
            raise ArgmapError(f"{node.where}: tags of node {node.id!r} are not a JSON list") from err
    if node.data.get("partial") is True:
        record["partial"] = True
    return record


def read_graphml(path: Path | str) -> Draft:
    """Read a GraphML argument map (yEd AIF drawing, Carneades graph, argmap export) into a draft.

    Raises:
        ArgmapError: the file is not GraphML, is unsafe XML, or an edge names a missing node;
            the message starts ``path:line:column:``.
    """
    path = Path(path)
    graph_data, nodes, edges = _read(path)
    draft = Draft(title=path.stem.replace("_", " "), origin=[f"Imported by 'argmap import' from {path.name} (GraphML)."])
    record = graph_data.get(RECORD)
    aif: dict[str, Any] = {"nodes": [], "edges": []}
    if record:
        try:
            aif[RECORD] = json.loads(record)
        except json.JSONDecodeError as err:
            raise ArgmapError(f"{path}: the graph's argmap record is not JSON: {err}") from err
        draft.origin.append("Exported by argmap: every claim and relation field is read back.")
    else:
        draft.origin.append("Claims are statements (I-nodes), supports inferences (RA), rebuts and undercuts conflicts "
                            "(CA, Carneades issues and undercutters); GraphML node ids are in the notes.")
    types = {node.id: _type(node) for node in nodes}
    carneades = any(t in ("argument", "issue") for t in types.values())
    for node in nodes:
        kind = types[node.id]
        text = str(node.data.get("text", "")) if record else _text(node)
        if kind == "I":
            extra: dict[str, Any] = _own_record(node) if record else {"note": _note(node, text)}
            if not record and carneades:
                label = next((_CARNEADES_LABELS[c] for c in node.colours if c in _CARNEADES_LABELS), None)
                extra["note"] += f"; Carneades label: {label}" if label else ""
                extra["tags"] = ["assumption"] if node.underlined else []
            elif not record and node.data.get("known") is True:
                extra["tags"] = ["known"]
            aif["nodes"].append({"nodeID": node.id, "type": "I", "text": text, RECORD: extra})
        elif kind in ("RA", "CA", "MA", "argument"):
            extra = _own_record(node) if record else {"note": _note(node, "")}
            if kind == "argument":
                weights = [e.label for e in edges if e.source == node.id and e.label]
                extra["note"] = f"Carneades argument {' '.join(node.label.split())}" + (f", weight {weights[0]}" if weights else "")
            aif["nodes"].append({"nodeID": node.id, "type": "RA" if kind == "argument" else kind, "text": " ".join(node.label.split()), RECORD: extra})
        elif kind in ("L", "YA", "TA"):  # the dialogue: who said what (L → YA → I), and replies
            aif["nodes"].append({"nodeID": node.id, "type": kind, "text": _text(node)})
        elif node.shape == "group":
            draft.warnings.append(f"GraphML node {node.id} ({node.where}) is a group: its nodes are read, the group itself is not")
        elif kind != "issue":
            draft.warnings.append(f"GraphML node {node.id} ({node.where}) is neither a statement nor an inference or conflict: skipped")
    ordered = sorted(edges, key=lambda e: (e.target, e.data.get("position", 0))) if record else edges  # premises in order
    for edge in ordered:
        if types[edge.target] == "issue":
            continue
        if types[edge.target] == "argument" and edge.dashed:  # an undercutter: a conflict on the argument
            ca = f"{edge.source}~undercuts~{edge.target}"
            aif["nodes"].append({"nodeID": ca, "type": "CA", "text": "", RECORD: {"note": f"Carneades undercutter of {edge.target}"}})
            aif["edges"] += [{"fromID": edge.source, "toID": ca}, {"fromID": ca, "toID": edge.target}]
            continue
        aif["edges"].append({"fromID": edge.source, "toID": edge.target})
    for issue in (n for n in nodes if types[n.id] == "issue"):  # positions of one issue conflict
        options = [e.source for e in edges if e.target == issue.id and types[e.source] == "I"]
        label = " ".join(issue.label.split())
        for attacker in options:
            for attacked in options:
                if attacker != attacked:
                    ca = f"{issue.id}~{attacker}~{attacked}"
                    aif["nodes"].append({"nodeID": ca, "type": "CA", "text": "", RECORD: {"note": f"Carneades issue {label}: rival positions"}})
                    aif["edges"] += [{"fromID": attacker, "toID": ca}, {"fromID": ca, "toID": attacked}]
    draft_from_graph(aif, draft, "GraphML", str(path))
    if not record:
        draft.summary = f"Imported from GraphML {path.name}: claims {len(draft.claims)}, relations {len(draft.relations)}."
    return draft


# -- export -------------------------------------------------------------------------------
def to_graphml(ws: Workspace, stem: str) -> str:
    """Map ``stem`` as GraphML text: a node per claim and per relation, every field an attribute."""
    import networkx as nx

    argmap = ws.maps[stem]
    graph = nx.DiGraph(title=argmap.title)
    graph.graph[RECORD] = json.dumps(map_record(ws, stem), ensure_ascii=False)

    def local(key: str) -> str:
        other, name = split_key(key)
        return name if other == stem else key

    def claim_node(key: str) -> str:
        name = local(key)
        if name not in graph:
            claim = ws.claims[key]
            record = claim_record(claim, stem)
            speaker = ws.speaker(claim)
            attrs: dict[str, Any] = {"nodeType": "I-node", "label": claim.text, "text": claim.text}
            attrs |= {k: record[k] for k in _CLAIM_FIELDS if k in record}
            if claim.quote:
                attrs |= {"quote_source": claim.quote.source, "quote": claim.quote.text}
            if claim.tags:
                attrs["tags"] = json.dumps(list(claim.tags), ensure_ascii=False)
            if speaker is not None:  # for a viewer's colours and labels; import reads 'by'
                attrs["speaker"] = speaker.name
                if speaker.side:
                    attrs["side"] = speaker.side
            graph.add_node(name, **attrs)
        return name

    for cid in argmap.claims:
        claim_node(f"{stem}:{cid}")
    node_of = {rel.key: f"_r{n}" for n, rel in enumerate(argmap.relations.values(), start=1)}
    for rel in argmap.relations.values():
        if rel.kind is RelationKind.UNDERCUT and rel.target not in node_of:
            continue  # an undercut of another map's relation: nothing here to point at
        record = relation_record(rel)
        attrs: dict[str, Any] = {"nodeType": "RA-node" if rel.kind is RelationKind.SUPPORT else "CA-node", "label": rel.kind.value, "relation": rel.kind.value}
        attrs |= {k: record[k] for k in ("id", "note") if k in record}
        if rel.tags:
            attrs["tags"] = json.dumps(list(rel.tags), ensure_ascii=False)
        if rel.partial:
            attrs["partial"] = True
        graph.add_node(node_of[rel.key], **attrs)
        for position, premise in enumerate(rel.premises):
            graph.add_edge(claim_node(premise), node_of[rel.key], role="premise", position=position)
        target = node_of[rel.target] if rel.kind is RelationKind.UNDERCUT else claim_node(rel.target)
        graph.add_edge(node_of[rel.key], target, role="conclusion", position=0)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(nx.generate_graphml(graph)) + "\n"
