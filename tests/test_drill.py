"""The drill's model, without a terminal: cards, schedule, progress file, summary, command line.

The cards of the bundled IJM debate are counted from its YAML by a small counter of the
test's own; the schedule is checked against the fsrs package's own answer for the same
reviews; the progress file is read back, broken, and changed under a sitting.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fsrs
import pytest
import yaml

from argmap.analysis import analyze
from argmap.analysis.links import Links
from argmap.cli import main
from argmap.drill import Deck, DrillSession, Grade, Progress, Step, build_deck, default_progress_path
from argmap.errors import InputError
from argmap.load import load_workspace

REPO = Path(__file__).resolve().parents[1]
IJM = REPO / "arguments" / "ijm-vs-thrupkaew.yaml"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

SMALL = (Path(__file__).parent / "fixtures" / "drill" / "phones.yaml").read_text(encoding="utf-8")
"""A small debate: a rebuttal chain, and an attack on the motion nobody answers."""


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def deck_of(path: Path, side: str, **focus: Any) -> Deck:
    return build_deck(analyze(load_workspace([path]), links=Links.TEXTS), side, **focus)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "phones.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


# -- the cards -------------------------------------------------------------------------------


def _ijm_counts() -> tuple[set[str], set[str]]:
    """From the YAML alone: IJM's claims the critics must answer (neither conceded nor a mere
    concession), and those of them a critic answers on the texts' own links."""
    data = yaml.safe_load(IJM.read_text(encoding="utf-8"))
    side = {sid: s.get("side") for sid, s in data["speakers"].items()}
    claims = data["claims"]

    def entries(claim: dict[str, Any], field: str) -> list[dict[str, Any]]:
        return [e if isinstance(e, dict) else {"to": e} for e in claim.get(field, [])]

    relation_source: dict[str, str] = {}
    for cid, claim in claims.items():
        for field in ("supports", "rebuts"):
            for e in entries(claim, field):
                relation_source[e.get("id") or f"{cid} -> {e['to']}"] = cid
    ijm = {cid for cid, c in claims.items() if side.get(c.get("by")) == "ijm"}
    concessions = set()
    for cid in ijm:
        stated = [(f, e) for f in ("supports", "rebuts", "undercuts") for e in entries(claims[cid], f) if "analyst-link" not in e.get("tags", [])]
        if stated and all(f == "supports" and side.get(claims.get(e["to"], {}).get("by")) == "critics" for f, e in stated):
            concessions.add(cid)
    cards = {cid for cid in ijm if "conceded" not in claims[cid]} - concessions
    answered = set()
    for claim in claims.values():
        if side.get(claim.get("by")) != "critics":
            continue
        for e in entries(claim, "rebuts"):
            if "analyst-link" not in e.get("tags", []):
                answered.add(e["to"])
        for e in entries(claim, "undercuts"):
            if "analyst-link" not in e.get("tags", []):
                answered.add(relation_source.get(e["to"], e["to"].split(" -> ")[0]))
    return cards, answered & cards


def test_the_critics_drill_every_ijm_claim_they_must_answer() -> None:
    cards, answered = _ijm_counts()
    deck = deck_of(IJM, "critics")
    assert deck.side_label == "Noy Thrupkaew (The Nation)"
    assert {c.key.partition(":")[2] for c in deck.cards} == cards
    assert len(cards) == 35  # the count the counter gives today: a map edit shows up here
    assert {c.key.partition(":")[2] for c in deck.cards if c.answers} == answered
    dropped = deck_of(IJM, "critics", dropped=True)
    assert {c.key.partition(":")[2] for c in dropped.cards} == cards - answered
    assert all(c.said.side == "ijm" for c in deck.cards)


def test_the_back_of_a_card_is_the_analysis() -> None:
    analysis = analyze(load_workspace([IJM]), links=Links.TEXTS)
    deck = build_deck(analysis, "critics")
    card = deck.card("ijm-vs-thrupkaew:nation-manufactures-controversy")
    assert card is not None
    assert card.said.speaker and card.said.quote and card.said.source and "The Nation" in card.said.source
    assert card.said.status == analysis.status[card.key].name == "OUT"
    assert card.verdict == analysis.reason(card.key)
    [answer] = card.answers
    assert answer.said.key == "ijm-vs-thrupkaew:not-false-controversy"
    assert answer.reason == analysis.reason(answer.said.key)
    # the chain through the card and this answer ends with the answer: the critics' last word
    chains = [c for c in analysis.chains if c.claims[:2] == (card.key, answer.said.key)]
    assert chains and {c.claims[-1] for c in chains} == {e.key for e in answer.endings if e}
    assert [e.side for e in answer.endings if e] == ["critics"]


def test_an_undercut_of_an_inference_the_card_states_is_an_answer() -> None:
    card = deck_of(IJM, "critics").card("ijm-vs-thrupkaew:law-enforcement-essential")
    assert card is not None
    assert [(a.said.key.partition(":")[2], a.kind.value) for a in card.answers] == [("question-is-how-not-whether", "undercuts")]


def test_focus_by_tag_and_thesis(small: Path) -> None:
    assert [c.key for c in deck_of(IJM, "critics", tags=["siem-reap"]).cards] == [
        c.key for c in deck_of(IJM, "critics").cards if "siem-reap" in c.tags
    ]
    assert deck_of(IJM, "critics", tags=["siem-reap"]).cards
    # the opposition's cards that bear on the motion: the proposition's claims, all of them
    assert [c.key for c in deck_of(small, "con", thesis="motion").cards] == ["phones:motion", "phones:focus", "phones:office-phone"]
    # and the proposition's: both of the opposition's, the emergencies one through focus
    assert [c.key for c in deck_of(small, "pro", thesis="focus").cards] == ["phones:emergencies"]


def test_unknown_side_and_thesis_are_input_errors(small: Path) -> None:
    with pytest.raises(InputError, match="no side 'judges'") as err:
        deck_of(small, "judges")
    assert err.value.problems[0].code == "unknown-side" and "pro, con" in (err.value.problems[0].hint or "")
    with pytest.raises(InputError, match="no claim 'nonsense'"):
        deck_of(small, "pro", thesis="nonsense")


# -- the schedule ---------------------------------------------------------------------------


def test_due_dates_are_fsrs_own_for_a_review_history(small: Path, tmp_path: Path) -> None:
    history = [(T0, Grade.GOOD), (T0 + timedelta(minutes=11), Grade.GOOD), (T0 + timedelta(days=3), Grade.AGAIN),
               (T0 + timedelta(days=3, minutes=12), Grade.HARD), (T0 + timedelta(days=9), Grade.EASY)]
    reference = fsrs.Scheduler(enable_fuzzing=False)
    expected = fsrs.Card(card_id=1, due=T0)
    store = tmp_path / "progress.json"
    for at, grade in history:
        expected, _ = reference.review_card(expected, fsrs.Rating(int(grade)), review_datetime=at)
        # a new sitting each time, reading the file the last one wrote
        session = DrillSession(deck_of(small, "con"), Progress.load(store), clock=Clock(at))
        assert session.current is not None and session.current.card.key == "phones:motion"  # due, so first
        entry = session.grade(grade)
        assert entry.due == expected.due, (at, grade)
        saved = json.loads(store.read_text())["sides"]["con"]["phones:motion"]["fsrs"]
        assert datetime.fromisoformat(saved["due"]) == expected.due
        assert saved["stability"] == pytest.approx(expected.stability)
    assert [r.grade for r in Progress.load(store).get("con", "phones:motion").reviews] == [g for _, g in history]  # type: ignore[union-attr]


def test_due_cards_come_first_then_new_ones_and_again_comes_back(small: Path, tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    clock = Clock()
    first = DrillSession(deck_of(small, "con"), Progress.load(store), clock=clock)
    assert first.current is not None and first.current.card.key == "phones:motion"  # new cards in map order
    first.grade(Grade.GOOD)
    assert first.current is not None and first.current.card.key == "phones:focus"
    first.grade(Grade.AGAIN)  # due again in a minute: comes back in this sitting
    assert first.current is not None and first.current.card.key == "phones:office-phone"
    clock.now += timedelta(minutes=2)
    first.grade(Grade.EASY)
    assert first.current is not None and first.current.card.key == "phones:focus"
    assert first.current.before is not None and first.current.before.reviews[-1].grade is Grade.AGAIN
    first.grade(Grade.EASY)
    # the good card is due in ten minutes: learnt ahead, then nothing is left
    assert first.current is not None and first.current.card.key == "phones:motion"
    first.grade(Grade.GOOD)
    assert first.finished
    summary = first.summary()
    assert (summary.seen, summary.reviews, summary.grades[Grade.AGAIN]) == (3, 5, 1)
    assert summary.again_rate == pytest.approx(0.2)
    assert [(c.key, now, ever) for c, now, ever in summary.missed] == [("phones:focus", 1, 1)]
    # tomorrow: what is due comes first, longest overdue first, and nothing else is new
    later = clock.now + timedelta(days=30)
    progress = Progress.load(store)
    dues = sorted((progress.get("con", k).due, k) for k in ("phones:motion", "phones:focus", "phones:office-phone"))  # type: ignore[union-attr]
    tomorrow = DrillSession(deck_of(small, "con"), progress, clock=Clock(later))
    assert (tomorrow.due_at_start, tomorrow.new_at_start) == (3, 0)
    order = []
    while tomorrow.current is not None:
        order.append(tomorrow.current.card.key)
        tomorrow.grade(Grade.GOOD)
    assert order == [k for _, k in dues]


def test_nothing_due_and_new_limit(small: Path, tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    session = DrillSession(deck_of(small, "pro"), Progress.load(store), clock=Clock(), new_limit=1)
    assert session.current is not None and session.remaining == 0
    session.grade(Grade.EASY)
    assert session.finished
    again = DrillSession(deck_of(small, "pro"), Progress.load(store), clock=Clock(T0 + timedelta(hours=1)), new_limit=1)
    assert again.current is not None and again.current.card.key == "phones:cost"  # the next new one


def test_chain_mode_walks_a_chain_card_by_card(small: Path, tmp_path: Path) -> None:
    session = DrillSession(deck_of(small, "con"), Progress.load(tmp_path / "p.json"), clock=Clock(), chain=True)
    seen = []
    while session.current is not None:
        step = session.current
        seen.append((step.card.key, step.chain, step.at, step.next_in_chain))
        session.grade(Grade.GOOD)
    chain = ("phones:focus", "phones:emergencies", "phones:office-phone")
    assert ("phones:focus", chain, 0, "phones:emergencies") in seen
    assert ("phones:office-phone", chain, 2, None) in seen
    assert [s[0] for s in seen].count("phones:focus") == 1  # a card met in an earlier chain is not asked again


# -- the progress file ---------------------------------------------------------------------


def test_progress_round_trip(small: Path, tmp_path: Path) -> None:
    store = tmp_path / "sub" / "p.json"
    session = DrillSession(deck_of(small, "con"), Progress.load(store), clock=Clock(), keep_answers=True)
    session.reveal(timed_out=True)
    session.grade(Grade.HARD, "  Bans work in France.  ")
    back = Progress.load(store).get("con", "phones:motion")
    assert back is not None
    assert back.card.to_dict() == session.progress.get("con", "phones:motion").card.to_dict()  # type: ignore[union-attr]
    assert back.text == "Schools should ban phones."
    [review] = back.reviews
    assert (review.at, review.grade, review.answer, review.timed_out) == (T0, Grade.HARD, "Bans work in France.", True)
    assert session.summary().answers[0][1] == "Bans work in France."
    # answers are kept only when asked
    plain = DrillSession(deck_of(small, "pro"), Progress.load(store), clock=Clock())
    plain.grade(Grade.GOOD, "not kept")
    assert "not kept" not in store.read_text()
    assert set(json.loads(store.read_text())["sides"]) == {"con", "pro"}


@pytest.mark.parametrize(
    ("content", "code", "where"),
    [
        (b'{"argmap-drill-progress": 1, "sides": {', "progress-syntax", ":1:"),
        (b"\xff\xfe not text", "progress-syntax", ":1:1"),
        (b'{"name": "my anki deck", "cards": []}\n', "progress-foreign", ":1:1"),
        (b'[1, 2]\n', "progress-foreign", ":1:1"),
        (b'{"argmap-drill-progress": 2}\n', "progress-foreign", ":1:1"),
        (b'{"argmap-drill-progress": 1,\n "sides": {"con": {"phones:motion": {"fsrs": {}}}}}\n', "progress-foreign", ":2:"),
    ],
)
def test_a_file_that_is_no_progress_file_is_an_error_and_left_alone(small: Path, tmp_path: Path, content: bytes, code: str, where: str) -> None:
    store = tmp_path / "p.json"
    store.write_bytes(content)
    with pytest.raises(InputError) as err:
        Progress.load(store)
    problem = err.value.problems[0]
    assert problem.code == code and where in str(problem) and "--progress" in (problem.hint or "")
    assert main(["drill", str(small), "--side", "con", "--progress", str(store)]) == 2
    assert store.read_bytes() == content


def test_a_file_broken_during_a_sitting_is_not_written_over(small: Path, tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    session = DrillSession(deck_of(small, "con"), Progress.load(store), clock=Clock())
    store.write_text("not json any more", encoding="utf-8")
    with pytest.raises(InputError, match="JSON is broken"):
        session.grade(Grade.GOOD)
    assert store.read_text(encoding="utf-8") == "not json any more"


def test_two_sittings_on_one_file_keep_each_others_reviews(small: Path, tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    one = DrillSession(deck_of(small, "con"), Progress.load(store), clock=Clock())
    two = DrillSession(deck_of(small, "pro"), Progress.load(store), clock=Clock())
    one.grade(Grade.GOOD)
    two.grade(Grade.GOOD)
    sides = json.loads(store.read_text())["sides"]
    assert set(sides["con"]) == {"phones:motion"} and set(sides["pro"]) == {"phones:emergencies"}


def test_a_map_changed_between_sittings(small: Path, tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    clock = Clock()
    session = DrillSession(deck_of(small, "con"), Progress.load(store), clock=clock)
    while session.current is not None:
        session.grade(Grade.EASY)
    # the coach rewords one claim, deletes another and adds a third
    text = SMALL.replace("Phones distract pupils.", "Phones distract pupils in lessons.")
    text = text.replace("  office-phone:\n    text: The school office phone covers emergencies.\n    by: ann\n    rebuts: [emergencies]\n", "")
    text += "  bullying:\n    text: Phones spread bullying.\n    by: ann\n    supports: [motion]\n"
    small.write_text(text, encoding="utf-8")
    later = Clock(T0 + timedelta(days=60))
    again = DrillSession(deck_of(small, "con"), Progress.load(store), clock=later)
    steps: dict[str, Step] = {}
    while again.current is not None:
        steps.setdefault(again.current.card.key, again.current)  # its first showing
        again.grade(Grade.GOOD)
    assert set(steps) == {"phones:motion", "phones:focus", "phones:bullying"}
    assert steps["phones:bullying"].before is None  # new
    assert steps["phones:motion"].before is not None and steps["phones:motion"].reworded is None
    assert steps["phones:focus"].reworded == "Phones distract pupils."  # kept its schedule, marked
    kept = json.loads(store.read_text())["sides"]["con"]
    assert "phones:office-phone" in kept  # gone from the map, kept in the file: it comes back if the claim does
    assert kept["phones:focus"]["text"] == "Phones distract pupils in lessons."


def test_default_progress_path_is_in_the_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_progress_path() == tmp_path / "argmap" / "drill" / "progress.json"


# -- summary and command line ---------------------------------------------------------------


def test_summary_markdown(small: Path, tmp_path: Path) -> None:
    session = DrillSession(deck_of(small, "con"), Progress.load(tmp_path / "p.json"), clock=Clock(), keep_answers=True)
    session.grade(Grade.AGAIN, "Bans | work")
    session.grade(Grade.GOOD)
    text = session.summary().markdown()
    assert text.startswith("# Drill: answering as Opposition (phones)\n")
    assert "2 card(s) seen, 2 review(s), again-rate 50% (1 of 2)." in text
    assert "| motion | 1 | 1 | Schools should ban phones. |" in text
    assert "Bans \\| work" in text  # a pipe cannot break the table or the list


def test_the_command_says_when_nothing_is_due(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "p.json"
    session = DrillSession(deck_of(small, "pro"), Progress.load(store))
    while session.current is not None:
        session.grade(Grade.EASY)
    assert main(["drill", str(small), "--side", "pro", "--progress", str(store)]) == 0
    assert "Nothing due: 2 of 2 card(s) reviewed; the next is due" in capsys.readouterr().out
    fresh = tmp_path / "fresh.json"
    assert main(["drill", str(small), "--side", "pro", "--new", "0", "--progress", str(fresh)]) == 0
    assert "Nothing due: 0 of 2 card(s) reviewed, 2 new card(s) left for --new (" in capsys.readouterr().out
    assert not fresh.exists()


def test_the_command_refuses_bad_options(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drill", str(small), "--side", "judges", "--progress", str(tmp_path / "p.json")]) == 2
    assert "[unknown-side]" in capsys.readouterr().err
    assert main(["drill", str(small), "--side", "pro", "--timed", "0"]) == 2
    assert "--timed" in capsys.readouterr().err
    assert main(["drill", str(small), "--side", "pro", "--tag", "nothing-has-it", "--progress", str(tmp_path / "p.json")]) == 2
    assert "no card to drill" in capsys.readouterr().err
    assert not (tmp_path / "p.json").exists()
