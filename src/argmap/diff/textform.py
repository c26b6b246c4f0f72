"""A map as plain lines that a line diff reads claim by claim (git's ``textconv``).

``git log -p`` and ``git show`` run no external diff program unless told to
(``--ext-diff``), but they do convert files through a textconv filter before their own
line diff. This form gives every claim a block headed ``claim ID``, one field a line and
one relation a line, so a change shows as the field or relation that changed, under its
claim's name in the hunk header (the ``xfuncname`` ``argmap git-setup`` sets).
"""

from __future__ import annotations

from typing import Any

from argmap.yamlread import read_yaml_text

from .written import RELATION_KEYS, canonical

__all__ = ["HUNK_HEADER", "text_form"]

HUNK_HEADER = r"^((map|side|speaker|source|claim) .*)$"
"""The lines git shows in hunk headers (``diff.argmap.xfuncname``)."""


def _one_line(value: Any) -> str:
    return " ".join(canonical(value).split())


def _relation(kind: str, item: Any) -> str:
    if not isinstance(item, dict):
        return f"  {kind} {_one_line(item)}"
    line = f"  {kind} {_one_line(item.get('to'))}"
    if item.get("with") is not None:
        line += " with " + ", ".join(_one_line(v) for v in (item["with"] if isinstance(item["with"], list) else [item["with"]]))
    if item.get("id") is not None:
        line += f" (id {item['id']})"
    if item.get("partial") is True:
        line += " [partial]"
    if item.get("tags") is not None:
        line += f" tags {_one_line(item['tags'])}"
    if item.get("note") is not None:
        line += f" note: {_one_line(item['note'])}"
    return line


def text_form(text: str, name: str) -> str:
    """The claim-by-claim form of map ``text`` (the text itself if it does not read)."""
    value, problems = read_yaml_text(text, name)
    if not isinstance(value, dict) or any(p.code.startswith("yaml-") for p in problems):
        return text
    out = [f"map {name}: {_one_line(value.get('title'))}"]
    for key in ("summary", "resolution"):
        if value.get(key) is not None:
            out.append(f"  {key}: {_one_line(value[key])}")
    for section, noun in (("sides", "side"), ("speakers", "speaker"), ("sources", "source")):
        entries = value.get(section)
        if not isinstance(entries, dict):
            continue
        for entry_id, entry in entries.items():
            out.append("")
            if not isinstance(entry, dict):
                out.append(f"{noun} {entry_id}: {_one_line(entry)}")
                continue
            head = next((entry[k] for k in ("label", "name", "title") if entry.get(k) is not None), "")
            out.append(f"{noun} {entry_id}: {_one_line(head)}")
            out += [f"  {k}: {_one_line(v)}" for k, v in entry.items() if k not in ("label", "name", "title")]
    claims = value.get("claims")
    for claim_id, claim in (claims.items() if isinstance(claims, dict) else []):
        out.append("")
        if not isinstance(claim, dict):
            out.append(f"claim {claim_id}: {_one_line(claim)}")
            continue
        head = f"claim {claim_id} [{_one_line(claim.get('kind') or 'claim')}]"
        if claim.get("by") is not None:
            head += f" by {_one_line(claim['by'])}"
        out.append(head)
        out.append(f"  text: {_one_line(claim.get('text'))}")
        quote = claim.get("quote")
        if isinstance(quote, dict):
            out.append(f"  quote {_one_line(quote.get('source'))}: \"{_one_line(quote.get('text'))}\"")
        elif quote is not None:
            out.append(f"  quote: {_one_line(quote)}")
        for kind in RELATION_KEYS:
            items = claim.get(kind)
            for item in items if isinstance(items, list) else [] if items is None else [items]:
                out.append(_relation(kind, item))
        for key in ("tags", "weight", "conceded", "note"):
            if claim.get(key) is not None:
                out.append(f"  {key}: {_one_line(claim[key])}")
    return "\n".join(out) + "\n"
