"""The drill of the HTML page without a browser: its cards are `argmap drill`'s, and its FSRS
(assets/fsrs.js, run in Node) gives the due dates the fsrs package gives for the same reviews."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs

from argmap.analysis import analyze
from argmap.analysis.links import Links
from argmap.drill import build_deck
from argmap.export.html import plan_page
from argmap.load import load_workspace

REPO = Path(__file__).resolve().parents[1]
FSRS_JS = REPO / "src" / "argmap" / "export" / "html" / "assets" / "fsrs.js"
IJM = REPO / "arguments" / "ijm-vs-thrupkaew.yaml"

RUN = """
var cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(cases.map(function (reviews) {
  var card = ArgmapFSRS.newCard(reviews[0][0]);
  reviews.forEach(function (r) { card = ArgmapFSRS.review(card, r[1], r[0]); });
  return card;
})));
"""


def test_the_pages_fsrs_gives_the_packages_due_dates() -> None:
    node = shutil.which("node")
    assert node, "Node.js is not installed (setup.sh: apt-get install nodejs)"
    rng = random.Random(20)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    histories, expected = [], []
    for _ in range(300):
        at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 10_000))
        card, reviews = fsrs.Card(card_id=1, due=at), []
        for _ in range(rng.randint(1, 14)):
            at += rng.choice([timedelta(minutes=rng.randint(0, 30)), timedelta(hours=rng.randint(1, 40)), timedelta(days=rng.randint(1, 120))])
            grade = rng.randint(1, 4)
            card, _ = scheduler.review_card(card, fsrs.Rating(grade), review_datetime=at)
            reviews.append([int(at.timestamp() * 1000), grade])
        histories.append(reviews)
        expected.append(card)
    out = subprocess.run([node, "-e", FSRS_JS.read_text(encoding="utf-8") + RUN], input=json.dumps(histories), capture_output=True, text=True, timeout=60, check=True)
    for want, got in zip(expected, json.loads(out.stdout), strict=True):
        assert datetime.fromisoformat(got["due"].replace("Z", "+00:00")) == want.due
        assert got["state"] == int(want.state) and got["step"] == want.step
        assert abs(got["stability"] - want.stability) <= 1e-9 * want.stability
        assert abs(got["difficulty"] - want.difficulty) <= 1e-9


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
