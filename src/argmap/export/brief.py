"""A case brief in Markdown, in the debater's idiom: contentions, blocks, dropped arguments.

Debaters prepare from *cards* — a tag (the claim), a cite (who, where, when) and the card
text (the verbatim quote) — filed as *contentions* (a side's case, each with its evidence),
*blocks* (prepared answers to each objection the other side raised, filed under "A2", answer
to) and a list of *drops* (what went unanswered, to extend or to cover). The brief is that
file, written from the map so every card carries the quote the map verified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from argmap.export.common import Debate, answers, citation, side_label, speaker_name, status_word
from argmap.graph import Role, incoming
from argmap.model import ClaimKind, RelationKind

__all__ = ["brief_markdown"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#~])")

_ROLE_ORDER = {Role.THESIS: 0, Role.OBJECTION: 1, Role.REBUTTAL: 2, Role.REASON: 3, Role.CLAIM: 4}


def _md(text: str) -> str:
    """User text as inline Markdown: one line, every character that could start markup escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _card(debate: Debate, key: str, indent: str, marker: str, out: list[str], *, what: str, tag: bool = True) -> str:
    """Write one evidence card (tag, cite, card text) as a list item; return the indentation
    of its body. ``what`` is the part the card plays where it is filed (a claim that is a
    reason under a contention may be an objection elsewhere); ``tag=False`` when a heading
    already gives the claim."""
    claim = debate.claim(key)
    body = indent + " " * len(marker)
    badges = [what]
    if claim.kind is ClaimKind.EVIDENCE and what != "evidence":
        badges.append("evidence")
    badges.append(status_word(debate.status(key)))
    if debate.dropped(key):
        badges.append("unanswered")
    if tag:
        out.append(f"{indent}{marker}**{_md(claim.text)}** — _{', '.join(badges)}_")
    else:
        out.append(f"{indent}{marker}_{', '.join(badges)}_")
    out.append("")
    out.append(f"{body}Cite: {_md(citation(debate.workspace, claim))}")
    out.append("")
    if claim.quote is not None:
        out.append(f"{body}> {_md(claim.quote.text)}")
    else:
        out.append(f"{body}> _No quote in the map: the tag is the analyst's paraphrase._")
    out.append("")
    if claim.note:
        out.append(f"{body}Coach's note: _{_md(claim.note)}_")
        out.append("")
    return body


def _reasons(debate: Debate, key: str, indent: str, level: int, seen: set[str], out: list[str]) -> None:
    """The cards that support ``key``, nested as deep as ``--depth`` allows."""
    if debate.depth is not None and level > debate.depth:
        return
    for rel in incoming(debate.graph, key, RelationKind.SUPPORT):
        if rel.source in seen or not debate.in_scope(rel.source):
            continue
        seen.add(rel.source)
        body = _card(debate, rel.source, indent, "- ", out, what="reason")
        if rel.linked:
            together = "; ".join(_md(debate.claim(k).text) for k in rel.linked)
            out.append(f"{body}Works only together with: {together}")
            out.append("")
        _reasons(debate, rel.source, body, level + 1, seen, out)


def _contentions(debate: Debate, side: str, out: list[str]) -> None:
    out.append("### Contentions")
    out.append("")
    found = debate.contentions(side)
    if not found:
        out.append("_This side states no contention in the map._")
        out.append("")
    for number, key in enumerate(found, 1):
        claim = debate.claim(key)
        out.append(f"#### Contention {number}: {_md(claim.text)}")
        out.append("")
        _card(debate, key, "", "", out, what="contention", tag=False)
        before = len(out)
        _reasons(debate, key, "", 1, {key}, out)
        if len(out) == before:
            out.append("_No evidence in the map supports this contention._")
            out.append("")


def _blocks(debate: Debate, side: str, out: list[str]) -> None:
    """A2 blocks: each objection another side raised against this side, and our answers."""
    out.append("### Blocks")
    out.append("")
    targets: dict[str, list[str]] = {}
    for key in debate.claims:
        if debate.side_of(key) != side:
            continue
        for rel in answers(debate.graph, key):
            other = debate.side_of(rel.source)
            if other is not None and other != side and debate.in_scope(rel.source):
                targets.setdefault(rel.source, []).append(key)
    if not targets:
        out.append("_The other side raised no objection to this case in the map._")
        out.append("")
    order = sorted(targets, key=lambda k: (debate.workspace.speech_order(debate.claim(k)) or 0, debate.claims.index(k)))
    for objection in order:
        out.append(f"#### A2: {_md(debate.claim(objection).text)}")
        out.append("")
        against = "; ".join(_md(debate.claim(k).text) for k in dict.fromkeys(targets[objection]))
        out.append(f"They say ({_md(speaker_name(debate.workspace, debate.claim(objection)))}), against: {against}")
        out.append("")
        _card(debate, objection, "", "", out, what="their objection", tag=False)
        ours = [r.source for r in answers(debate.graph, objection) if debate.side_of(r.source) == side]
        if not ours:
            out.append("**No answer in the map.** Prepare one, or this objection stands against the case.")
            out.append("")
            continue
        out.append("Answers:")
        out.append("")
        for number, answer in enumerate(dict.fromkeys(ours), 1):
            _card(debate, answer, "", f"{number}. ", out, what="answer")


def _drop_list(debate: Debate, keys: Iterable[str], out: list[str]) -> None:
    ordered = sorted(keys, key=lambda k: (_ROLE_ORDER[debate.role(k)], debate.claims.index(k)))
    if not ordered:
        out.append("_None._")
    for key in ordered:
        claim = debate.claim(key)
        source = debate.workspace.source(claim)
        where = f", {_md(source.title)}" if source else ""
        out.append(f"- **{_md(claim.text)}** — {debate.role(key).value}; {_md(speaker_name(debate.workspace, claim))}{where}")
    out.append("")


def _dropped(debate: Debate, side: str, out: list[str]) -> None:
    out.append("### Dropped arguments")
    out.append("")
    mine = [k for k in debate.claims if debate.dropped(k) and debate.side_of(k) == side]
    theirs = [k for k in debate.claims if debate.dropped(k) and debate.side_of(k) not in (side, None)]
    out.append("#### Extend: ours, never answered")
    out.append("")
    _drop_list(debate, mine, out)
    out.append("#### Cover: theirs, never answered")
    out.append("")
    _drop_list(debate, theirs, out)


def _header(debate: Debate, out: list[str]) -> None:
    argmap = debate.map
    out.append(f"# Case brief: {_md(argmap.title)}")
    out.append("")
    if argmap.summary:
        out.append(_md(argmap.summary))
        out.append("")
    for side in argmap.sides.values():
        names = ", ".join(_md(s.name) for s in argmap.speakers.values() if s.side == side.id)
        out.append(f"- **{_md(side.label)}**: {names or 'no speaker'}")
    out.append("")
    if argmap.sources:
        out.append("Speeches, in order:")
        out.append("")
        for number, source in enumerate(sorted(argmap.sources.values(), key=lambda s: s.order), 1):
            extra = ", ".join(_md(p) for p in (source.publisher, source.date) if p)
            out.append(f"{number}. {_md(source.title)}" + (f" ({extra})" if extra else ""))
        out.append("")
    scope = []
    if debate.thesis:
        scope.append(f"thesis {debate.thesis}")
    if debate.depth is not None:
        scope.append(f"depth {debate.depth}")
    if scope:
        out.append(f"_Limited to {_md(', '.join(scope))}._")
        out.append("")
    out.append(
        "_Status is the map's grounded labelling: IN stands, OUT falls to an answer that stands, "
        "UNDEC undecided. Card text is the verbatim quote the map checked against its source._"
    )
    out.append("")


def brief_markdown(debates: Sequence[Debate]) -> str:
    """The case brief of each debate: per side, contentions with cards, A2 blocks, drops."""
    out: list[str] = []
    for debate in debates:
        _header(debate, out)
        for side in debate.sides:
            out.append(f"## {_md(side_label(debate.workspace, debate.stem, side))}")
            out.append("")
            _contentions(debate, side, out)
            _blocks(debate, side, out)
            _dropped(debate, side, out)
    return "\n".join(out).rstrip("\n") + "\n"
