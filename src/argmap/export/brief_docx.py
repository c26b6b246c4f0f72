"""The case brief as a Verbatim file: a pocket per side, contentions and A2 blocks as cards.

The same brief as :mod:`argmap.export.brief`, in the file debaters read from in round: each
side is a pocket; its contentions are blocks under the hat "Contentions", each the
contention's card and the cards of the reasons that support it; every objection the other
side raised is an "A2:" block under the hat "Blocks", the objection first, then this
side's answers. A card's status and what became of it are a note under its tag, and an
analyst's link is marked there. Cards are written by :func:`write_card`, so a brief's card
is an export's card: the source passage around the quote, the quote read.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.export.common import ANALYST_MARK, Debate, answers, is_analyst, side_label
from argmap.interchange.verbatim_write import VerbatimDocument, write_card
from argmap.model import Relation

__all__ = ["brief_docx"]


def _card(document: VerbatimDocument, debate: Debate, key: str, what: str, link: Relation | None = None) -> None:
    claim = debate.claim(key)
    status = f"{what}: {debate.status(key).name} — {debate.reason(key)}"
    response = debate.response(key)
    if response is not None:
        status += f"; {response.value}"
    if link is not None and is_analyst(link):
        status += f" {ANALYST_MARK}"
    write_card(document, debate.workspace, claim, note=status)


def _side(document: VerbatimDocument, debate: Debate, side: str) -> None:
    document.heading(1, side_label(debate.workspace, debate.stem, side))
    document.heading(2, "Contentions")
    for number, key in enumerate(debate.contentions(side), 1):
        document.heading(3, f"Contention {number}: {debate.claim(key).text}")
        _card(document, debate, key, "contention")
        for rel, _ in debate.reasons(key, side):
            _card(document, debate, rel.source, "reason", rel)
    targets: dict[str, list[Relation]] = {}
    for key in debate.claims:
        if debate.side_of(key) == side:
            for rel in answers(debate.graph, key):
                if debate.side_of(rel.source) not in (None, side) and debate.in_scope(rel.source):
                    targets.setdefault(rel.source, []).append(rel)
    if targets:
        document.heading(2, "Blocks")
    for objection, rels in targets.items():
        document.heading(3, f"A2: {debate.claim(objection).text}")
        _card(document, debate, objection, "their objection", rels[0])
        for rel in answers(debate.graph, objection):
            if debate.side_of(rel.source) == side:
                _card(document, debate, rel.source, "answer", rel)


def brief_docx(debates: Sequence[Debate]) -> VerbatimDocument:
    """The case brief of each debate as one Verbatim file."""
    title = "; ".join(debate.map.title for debate in debates)
    document = VerbatimDocument(f"Case brief: {title}")
    for debate in debates:
        for side in debate.sides:
            _side(document, debate, side)
    return document
