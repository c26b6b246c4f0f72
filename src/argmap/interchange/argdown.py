"""Write a map as Argdown (https://argdown.org), the Markdown-like syntax for argument maps.

Every claim becomes a statement definition ``[id]: text #tags`` (Argdown's equivalence
class title is the argmap id, so references stay stable). A plain support or rebuttal is
a relation line under its target: ``+ [reason]`` or ``- [objection]`` (Argdown's loose
mode reads both as support and attack between statements). Argdown's undercut ``_``
attacks an *argument*, not a statement, so a relation that is undercut or has linked
premises is written as an argument ``<title>``: its premises point at it (``<+ [p]``),
it points at its target (``+>``, ``->``, or ``_>`` for an undercut) and its undercutters
hang under it (``_ [claim]``). Text is escaped (``\\``) where Argdown would read syntax,
and ``=`` is kept out of the front matter's title, which ``===`` delimits.
"""

from __future__ import annotations

import json
import re

from argmap.model import ArgMap, Relation, RelationKind, Workspace, split_key

__all__ = ["to_argdown"]

_SPECIAL = re.compile(r"([\\@#*_\[\]<>{}/])")
_PLAIN_TAG = re.compile(r"[A-Za-z0-9-]+\Z")
_SYMBOL = {RelationKind.SUPPORT: "+", RelationKind.REBUT: "-", RelationKind.UNDERCUT: "_"}
_OUTGOING = {RelationKind.SUPPORT: "+>", RelationKind.REBUT: "->", RelationKind.UNDERCUT: "_>"}
_INDENT = "    "


def _escape(text: str) -> str:
    """One line of statement text, with Argdown's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _tag(tag: str) -> str:
    return f"#{tag}" if _PLAIN_TAG.match(tag) else "#(" + tag.replace(")", "").replace("(", "") + ")"


def to_argdown(ws: Workspace, stem: str) -> str:
    """Map ``stem`` of a workspace as Argdown text (claims of other maps it uses included)."""
    argmap: ArgMap = ws.maps[stem]

    def title(key: str) -> str:
        other, local = split_key(key)
        return local if other == stem else key

    relations = list(argmap.relations.values())
    undercut = {r.target for r in relations if r.kind is RelationKind.UNDERCUT}
    as_argument = {r.key for r in relations if r.linked or r.key in undercut}

    def argument_title(rel: Relation) -> str:
        if rel.named:
            return title(rel.key)
        target = argument_title(argmap.relations[rel.target]) if rel.kind is RelationKind.UNDERCUT and rel.target in argmap.relations else title(rel.target)
        return f"{title(rel.source)} {rel.kind.value} {target}".replace(">", "")

    out = ["===", f"title: {json.dumps(argmap.title.replace('=', '-'), ensure_ascii=False)}", "===", "",
           f"// Exported by argmap from map '{stem}'. Statement titles are argmap claim ids;",
           "// a relation that is undercut or has linked premises is an argument <title>.", ""]
    keys = [f"{stem}:{cid}" for cid in argmap.claims]
    own = set(keys)
    keys += sorted({k for r in relations for k in (*r.premises, r.target) if k in ws.claims and k not in own})
    for key in keys:
        claim = ws.claims[key]
        line = f"[{title(key)}]: {_escape(claim.text)}"
        if claim.tags:
            line += " " + " ".join(_tag(t) for t in claim.tags)
        data = {"kind": claim.kind.value} if claim.kind.value != "claim" else {}
        if claim.by:
            data["by"] = claim.by
        if data:
            line += " {" + ", ".join(f"{k}: {v}" for k, v in data.items()) + "}"
        out += [line, ""]

    by_target: dict[str, list[Relation]] = {}
    for rel in relations:
        if rel.key not in as_argument and rel.kind is not RelationKind.UNDERCUT:
            by_target.setdefault(rel.target, []).append(rel)
    for target in [k for k in keys if k in by_target]:
        out.append(f"[{title(target)}]")
        out += [f"{_INDENT}{_SYMBOL[r.kind]} [{title(r.source)}]" for r in by_target[target]]
        out.append("")

    undercutters: dict[str, list[Relation]] = {}
    for rel in relations:
        if rel.kind is RelationKind.UNDERCUT and rel.key not in as_argument:
            undercutters.setdefault(rel.target, []).append(rel)
    for rel in relations:
        if rel.key not in as_argument:
            continue
        names = " together with ".join(f"@[{title(p)}]" for p in rel.premises)
        out.append(f"<{argument_title(rel)}>: {names}.")
        out += [f"{_INDENT}<+ [{title(p)}]" for p in rel.premises]
        if rel.kind is RelationKind.UNDERCUT:
            if rel.target in argmap.relations:
                out.append(f"{_INDENT}_> <{argument_title(argmap.relations[rel.target])}>")
        else:
            out.append(f"{_INDENT}{_OUTGOING[rel.kind]} [{title(rel.target)}]")
        out += [f"{_INDENT}_ [{title(attack.source)}]" for attack in undercutters.get(rel.key, [])]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
