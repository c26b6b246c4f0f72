"""A case brief in Markdown, in the debater's idiom: contentions, blocks, what became of each claim.

Debaters prepare from *cards* — a tag (the claim), a cite (who, where, when) and the card
text (the verbatim quote) — filed as *contentions* (a side's case, each with its evidence),
*blocks* (prepared answers to each objection the other side raised, filed under "A2", answer
to) and lists of *drops* (what went unanswered, to extend or to cover). The brief is that
file, written from the map so every card carries the quote the map verified, its status with
the reason for it, and what became of it (answered, dropped, no chance to reply, not
engaged, conceded), each kind in a list of its own.

A link the map's author drew and no speaker made (an analyst link, counted with
``--links all``) is marked as such wherever it shows, and is never filed as something a
speaker said: an objection that answers the case only in the analyst's reading is a block
of its own kind, and a reason of another side is agreement, not one of this side's reasons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from argmap.analysis.debate import Response
from argmap.analysis.dung import Label
from argmap.export.common import (
    ANALYST_MARK,
    Debate,
    answers,
    citation,
    is_analyst,
    side_label,
    speaker_name,
    status_word,
)
from argmap.graph import Role
from argmap.model import ClaimKind, Relation

__all__ = ["brief_markdown"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#~])")

_ROLE_ORDER = {Role.THESIS: 0, Role.OBJECTION: 1, Role.REBUTTAL: 2, Role.REASON: 3, Role.CLAIM: 4}

_NOT_SAID = "the texts do not make this link: the map's analyst does"

# what became of a side's claims, in the order a coach reads them: (response, heading for
# our claims, heading for theirs); concessions are listed apart, under neither
_OURS_AND_THEIRS = (
    (Response.DROPPED, "Extend: ours the other side dropped", "Cover: theirs we dropped"),
    (Response.NO_CHANCE, "Ours the other side had no chance to answer", "Theirs we had no chance to answer"),
    (Response.NOT_ENGAGED, "Ours the other side never engaged", "Theirs we never engaged"),
    (Response.ANSWERED_IN_PART, "Ours the other side answered only in part", "Theirs we answered only in part"),
    (Response.CONCEDED, "Ours the other side conceded", "Theirs we conceded"),
)


def _md(text: str) -> str:
    """User text as inline Markdown: one line, every character that could start markup escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _status_line(debate: Debate, key: str) -> str:
    """``IN — stands: nothing answers it``: the status and the reason for it in words."""
    return f"{debate.status(key).name} — {debate.reason(key)}"


def _reply_line(response: Response) -> str:
    return f"{response.value} — {response.meaning}"


def _card(debate: Debate, key: str, indent: str, marker: str, out: list[str], *, what: str, tag: bool = True, link: Relation | None = None) -> str:
    """Write one evidence card (tag, cite, card text, status and why, what became of it) as
    a list item; return the indentation of its body. ``what`` is the part the card plays
    where it is filed (a claim that is a reason under a contention may be an objection
    elsewhere); ``tag=False`` when a heading already gives the claim; ``link`` is the
    relation that files it here, marked when it is the analyst's."""
    claim = debate.claim(key)
    body = indent + " " * len(marker)
    badges = [what]
    if claim.kind is ClaimKind.EVIDENCE and what != "evidence":
        badges.append("evidence")
    badges.append(status_word(debate.status(key)))
    response = debate.response(key)
    if response is not None and response is not Response.ANSWERED:
        badges.append(response.value)
    mark = f" **{_md(ANALYST_MARK)}**" if link is not None and is_analyst(link) else ""
    if tag:
        out.append(f"{indent}{marker}**{_md(claim.text)}** — _{', '.join(badges)}_{mark}")
    else:
        out.append(f"{indent}{marker}_{', '.join(badges)}_{mark}")
    out.append("")
    if mark:
        out.append(f"{body}_Filed here only in the analyst's reading: {_NOT_SAID}._")
        out.append("")
    out.append(f"{body}Cite: {_md(citation(debate.workspace, claim))}")
    out.append("")
    if claim.quote is not None:
        out.append(f"{body}> {_md(claim.quote.text)}")
    else:
        out.append(f"{body}> _No quote in the map: the tag is the analyst's paraphrase._")
    out.append("")
    out.append(f"{body}Status: {_md(_status_line(debate, key))}")
    if response is not None:
        out.append(f"{body}Reply: {_md(_reply_line(response))}")
    out.append("")
    if claim.note:
        out.append(f"{body}Coach's note: _{_md(claim.note)}_")
        out.append("")
    return body


def _reasons(debate: Debate, key: str, side: str, out: list[str]) -> None:
    """The cards of ``side``'s reasons for ``key`` (:meth:`Debate.reasons`), each nested
    under the card it supports."""
    indents = {1: ""}
    for rel, level in debate.reasons(key, side):
        body = _card(debate, rel.source, indents[level], "- ", out, what="reason", link=rel)
        if rel.linked:
            together = "; ".join(_md(debate.claim(k).text) for k in rel.linked)
            out.append(f"{body}Works only together with: {together}")
            out.append("")
        indents[level + 1] = body


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
        _reasons(debate, key, side, out)
        if len(out) == before:
            out.append("_No evidence of this side in the map supports this contention._")
            out.append("")


def _blocks(debate: Debate, side: str, out: list[str]) -> None:
    """A2 blocks: each objection another side raised against this side, and our answers.
    An objection that answers the case only through analyst links is no objection a
    speaker raised: it is filed apart, marked, after those the texts make."""
    out.append("### Blocks")
    out.append("")
    targets: dict[str, dict[str, Relation]] = {}  # objection → our claims it answers, each by one relation
    for key in debate.claims:
        if debate.side_of(key) != side:
            continue
        for rel in answers(debate.graph, key):
            other = debate.side_of(rel.source)
            if other is not None and other != side and debate.in_scope(rel.source):
                targets.setdefault(rel.source, {}).setdefault(key, rel)
    if not targets:
        out.append("_The other side raised no objection to this case in the map._")
        out.append("")
    order = sorted(targets, key=lambda k: (all(map(is_analyst, targets[k].values())), debate.workspace.speech_order(debate.claim(k)) or 0, debate.claims.index(k)))
    for objection in order:
        analyst_only = all(map(is_analyst, targets[objection].values()))
        text = _md(debate.claim(objection).text)
        who = _md(speaker_name(debate.workspace, debate.claim(objection)))
        against = "; ".join(
            _md(debate.claim(k).text) + (" (answers it in part)" if r.partial else "")
            + (f" {_md(ANALYST_MARK)}" if is_analyst(r) and not analyst_only else "")
            for k, r in targets[objection].items()
        )
        if analyst_only:
            out.append(f"#### {_md(ANALYST_MARK)} Not said in reply, read as one: {text}")
            out.append("")
            out.append(f"{who} said this, but not in reply to this case: {_NOT_SAID}. The analyst reads it as an answer to: {against}")
        else:
            out.append(f"#### A2: {text}")
            out.append("")
            out.append(f"They say ({who}), against: {against}")
        out.append("")
        _card(debate, objection, "", "", out, what="their objection" if not analyst_only else "their claim", tag=False)
        ours: dict[str, Relation] = {}
        for rel in answers(debate.graph, objection):
            if debate.side_of(rel.source) == side:
                ours.setdefault(rel.source, rel)
        if not ours:
            out.append("**No answer in the map.** Prepare one, or this objection stands against the case.")
            out.append("")
            continue
        out.append("Answers:")
        out.append("")
        for number, (answer, rel) in enumerate(ours.items(), 1):
            _card(debate, answer, "", f"{number}. ", out, what="answer", link=rel)


def _item(debate: Debate, key: str) -> str:
    """One claim of a list: its text, role, speaker and speech, then its status and why."""
    claim = debate.claim(key)
    source = debate.workspace.source(claim)
    where = f", {_md(source.title)}" if source else ""
    return f"- **{_md(claim.text)}** — {debate.role(key).value}; {_md(speaker_name(debate.workspace, claim))}{where}. _{_md(_status_line(debate, key))}_"


def _claim_list(debate: Debate, keys: Iterable[str], out: list[str]) -> None:
    ordered = sorted(keys, key=lambda k: (_ROLE_ORDER[debate.role(k)], debate.claims.index(k)))
    if not ordered:
        out.append("_None._")
    out.extend(_item(debate, key) for key in ordered)
    out.append("")


def _fates(debate: Debate, side: str, out: list[str]) -> None:
    """What became of our claims and of theirs, one list per kind of reply, never lumped
    together: dropped, no chance to reply, not engaged, answered in part, conceded, and
    each side's own concessions."""
    in_map = [k for k in debate.claims if debate.claim(k).map == debate.stem]
    ours = [k for k in in_map if debate.side_of(k) == side]
    theirs = [k for k in in_map if debate.side_of(k) not in (side, None)]
    for title, keys, index in (("What became of our claims", ours, 1), ("What became of theirs", theirs, 2)):
        out.append(f"### {title}")
        out.append("")
        granted = [k for k in keys if debate.concession(k)]
        for response, *headings in _OURS_AND_THEIRS:
            listed = [k for k in keys if debate.response(k) is response and k not in granted]
            out.append(f"#### {headings[index - 1]} ({len(listed)})")
            out.append("")
            out.append(f"_{_md(response.value.capitalize())}: {_md(response.meaning)}._")
            out.append("")
            if response is Response.DROPPED and index == 1:
                standing = [k for k in listed if debate.status(k) is Label.IN]
                _claim_list(debate, standing, out)
                falling = [k for k in listed if k not in standing]
                if falling:
                    out.append("_Dropped, but they do not stand all the same, so extending them does not help:_")
                    out.append("")
                    _claim_list(debate, falling, out)
            else:
                _claim_list(debate, listed, out)
        out.append(f"#### {'Our' if index == 1 else 'Their'} concessions: points {'we' if index == 1 else 'they'} grant ({len(granted)})")
        out.append("")
        out.append("_A point a side grants, to the other side or against its own case: nobody extends it or answers it._")
        out.append("")
        _claim_list(debate, granted, out)


def _agreement(debate: Debate, out: list[str]) -> None:
    """Where the sides agree: claims a speaker of another side grants."""
    out.append("## Where the sides agree")
    out.append("")
    found = debate.agreements()
    if not found:
        out.append("_Nowhere in the map: no speaker grants a claim of another side._")
        out.append("")
        return
    workspace = debate.workspace
    for agreement in found:
        claim = debate.claim(agreement.claim)
        label = _md(side_label(workspace, claim.map, debate.side_of(agreement.claim)))
        if agreement.grantor_claim is None:
            speaker = workspace.maps[claim.map].speakers.get(agreement.by or "")
            who = _md(speaker.name) if speaker else _md(agreement.by or "another side")
            out.append(f"- **{_md(claim.text)}** ({label}) — conceded by {who}.")
            continue
        grantor = debate.claim(agreement.grantor_claim)
        relation = workspace.relations.get(agreement.relation or "")
        other = side_label(workspace, grantor.map, debate.side_of(agreement.grantor_claim))
        who = speaker_name(workspace, grantor)
        who = who if who.casefold() in other.casefold() else f"{who} ({other})"
        line = f"- **{_md(claim.text)}** ({label}) — granted by {_md(who)}: {_md(grantor.text)}"
        if relation is not None and is_analyst(relation):
            line += f" **{_md(ANALYST_MARK)}** _Agreement only in the analyst's reading: {_NOT_SAID}._"
        out.append(line)
    out.append("")


def _header(debate: Debate, out: list[str]) -> None:
    argmap = debate.map
    out.append(f"# Case brief: {_md(argmap.title)}")
    out.append("")
    out.append(f"_Links: {_md(debate.links_wording)}._")
    out.append("")
    if argmap.resolution:
        out.append(f"**Resolution:** {_md(argmap.resolution)}")
        out.append("")
    if argmap.summary:
        out.append(_md(argmap.summary))
        out.append("")
    for side in argmap.sides.values():
        names = ", ".join(_md(s.name) for s in argmap.speakers.values() if s.side == side.id)
        burden = f" — burden: {_md(side.burden)}" if side.burden else ""
        out.append(f"- **{_md(side.label)}**: {names or 'no speaker'}{burden}")
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
        "UNDEC undecided; the reason says who answers the claim and what became of that answer. "
        "Reply says what became of a claim: answered, answered in part, dropped (the other side "
        "could have answered and did not), no chance to reply (nobody of the other side spoke "
        "after it), not engaged (they spoke, but never to that speech), conceded. Card text is "
        f"the verbatim quote the map checked against its source. {_md(ANALYST_MARK)} marks a "
        "link the map's analyst drew and no speaker made._"
    )
    out.append("")


def brief_markdown(debates: Sequence[Debate]) -> str:
    """The case brief of each debate: the choice of links, the resolution and burdens; per
    side, contentions with cards, A2 blocks, and what became of each claim; then where the
    sides agree."""
    out: list[str] = []
    for debate in debates:
        _header(debate, out)
        for side in debate.sides:
            out.append(f"## {_md(side_label(debate.workspace, debate.stem, side))}")
            out.append("")
            _contentions(debate, side, out)
            _blocks(debate, side, out)
            _fates(debate, side, out)
        _agreement(debate, out)
    return "\n".join(out).rstrip("\n") + "\n"
