"""The drill of the HTML page without a browser: its cards are `argmap drill`'s (its schedule
is checked against the fsrs package in a browser, in tests/test_html_browser.py)."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis import analyze
from argmap.analysis.links import Links
from argmap.drill import build_deck
from argmap.export.html import plan_page
from argmap.load import load_workspace

REPO = Path(__file__).resolve().parents[1]
IJM = REPO / "arguments" / "ijm-vs-thrupkaew.yaml"

def test_the_pages_cards_are_the_drills() -> None:
    workspace = load_workspace([IJM])
    model = plan_page(workspace, ["ijm-vs-thrupkaew"], diagrams=0).model
    data = model.data
    key = {number: k for number, k in enumerate(model.claims)}
    analysis = analyze(workspace, links=Links.TEXTS)
    decks = {data["sides"][side]["id"]: cards for side, cards in data["drill"]}
    assert set(decks) == {"ijm", "critics"}
    for side, cards in decks.items():
        deck = build_deck(analysis, side)
        assert [key[c[0]] for c in cards] == [c.key for c in deck.cards]
        for (_, answers), card in zip(cards, deck.cards, strict=True):
            assert [(key[a[0]], bool(a[2]), bool(a[3])) for a in answers] == [(a.said.key, a.partial, a.analyst) for a in card.answers]
            assert [[key[e] if e >= 0 else None for e in a[4]] for a in answers] == [[e.key if e else None for e in a.endings] for a in card.answers]
    assert len(decks["critics"]) == 35
