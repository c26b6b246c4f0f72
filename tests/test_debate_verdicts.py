"""What a judge reads first: who answered what, who could have, and whose links decide.

Small debates built for one category each (a last speech, a concession, a partial answer,
two texts that never engage, an analyst's link), each expectation argued from the rules a
debate judge applies, not taken from argmap's output.
"""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.debate import Response, analyze
from argmap.analysis.dung import Label
from argmap.analysis.links import Links
from argmap.load import load_workspace

TEXT = "Aff says it. Neg answers it. Aff answers back. Neg grants this. Neg adds more."


def debate(tmp_path: Path, claims: str, sources: str | None = None, extra: str = "") -> Path:
    """A two-sided map: aff speaks first and third, neg second and fourth (unless ``sources``)."""
    (tmp_path / "t.txt").write_text(TEXT)
    sources = sources or (
        "  aff1: {title: Aff constructive, text: t.txt}\n"
        "  neg1: {title: Neg constructive, text: t.txt, replies-to: [aff1]}\n"
        "  aff2: {title: Aff rebuttal, text: t.txt, replies-to: [neg1]}\n"
        "  neg2: {title: Neg rebuttal, text: t.txt, replies-to: [aff2]}\n"
    )
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: t\n" + extra
        + "sides:\n  aff: {label: Aff}\n  neg: {label: Neg}\n"
        + "speakers:\n  a: {name: A, side: aff}\n  n: {name: N, side: neg}\n"
        + "sources:\n" + sources + "claims:\n" + claims
    )
    return path


def q(source: str, text: str = "it") -> str:
    return f"quote: {{source: {source}, text: {text}}}"


def responses(path: Path, links: Links = Links.ALL) -> dict[str, str]:
    workspace = load_workspace([path])
    assert workspace.ok, workspace.problems
    return {k.partition(":")[2]: r.value for k, r in analyze(workspace, links=links).responses.items()}


def test_only_a_side_that_spoke_later_can_drop(tmp_path: Path) -> None:
    path = debate(tmp_path, (
        f"  a-first: {{text: A1, by: a, {q('aff1')}}}\n"  # neg replied to aff1 and left it
        f"  n-other: {{text: N1, by: n, {q('neg1')}}}\n"
        f"  n-last: {{text: N2, by: n, {q('neg2')}}}\n"  # the last speech: aff could not reply
    ))
    # aff says nothing after neg1 in this map, so n-other had no reply either
    assert responses(path) == {"a-first": "dropped", "n-other": "no chance to reply", "n-last": "no chance to reply"}


def test_a_reply_answers_and_what_it_leaves_is_dropped(tmp_path: Path) -> None:
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('aff1')}}}\n"
        f"  a2: {{text: A2, by: a, {q('aff1')}}}\n"
        f"  n1: {{text: N1, by: n, rebuts: [a1], {q('neg1')}}}\n"
        f"  a3: {{text: A3, by: a, rebuts: [n1], {q('aff2')}}}\n"
    ))
    assert responses(path) == {"a1": "answered", "a2": "dropped", "n1": "answered", "a3": "no chance to reply"}
    # ... unless neg speaks after a3: then neg dropped it
    sources = (
        "  aff1: {title: A, text: t.txt}\n  neg1: {title: N, text: t.txt}\n"
        "  aff2: {title: A2, text: t.txt}\n  neg2: {title: N2, text: t.txt, replies-to: [aff2]}\n"
    )
    path = debate(tmp_path, (
        f"  a3: {{text: A3, by: a, {q('aff2')}}}\n"
        f"  n2: {{text: N2, by: n, {q('neg2')}}}\n"
    ), sources)
    assert responses(path)["a3"] == "dropped"


def test_two_texts_that_never_engage_drop_nothing(tmp_path: Path) -> None:
    sources = "  essay: {title: 2014 essay, text: t.txt}\n  later: {title: 2020 piece, text: t.txt}\n"
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('essay')}}}\n"
        f"  n1: {{text: N1, by: n, {q('later')}}}\n"
        # the map's author sees a clash the texts never state: that is no answer
        f"  n2: {{text: N2, by: n, {q('later')}, rebuts: [{{to: a1, tags: [analyst-link]}}]}}\n"
    ), sources)
    assert responses(path) == {"a1": "not engaged", "n1": "no chance to reply", "n2": "no chance to reply"}
    # a speaker's own link between the two texts is engagement: then a1's siblings are dropped
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('essay')}}}\n"
        f"  a2: {{text: A2, by: a, {q('essay')}}}\n"
        f"  n1: {{text: N1, by: n, {q('later')}, rebuts: [a1]}}\n"
    ), sources)
    assert responses(path) == {"a1": "answered", "a2": "dropped", "n1": "no chance to reply"}


def test_concessions_and_conceded_claims_are_agreement(tmp_path: Path) -> None:
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('aff1')}}}\n"
        f"  a2: {{text: A2, by: a, {q('aff1')}, conceded: n}}\n"  # marked: neg grants it
        f"  grant: {{text: G, by: n, supports: [a1], {q('neg1', 'Neg grants this')}}}\n"
    ))
    workspace = load_workspace([path])
    analysis = analyze(workspace)
    assert {k.partition(":")[2]: r.value for k, r in analysis.responses.items()} == {"a1": "conceded", "a2": "conceded", "grant": "concession"}
    assert {(a.claim, a.grantor_claim) for a in analysis.agreements} == {("m:a1", "m:grant"), ("m:a2", None)}
    assert not analysis.dropped


def test_a_partial_answer_answers_but_does_not_defeat(tmp_path: Path) -> None:
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('aff1')}}}\n"
        f"  n1: {{text: N1, by: n, {q('neg1')}, rebuts: [{{to: a1, partial: true}}]}}\n"
    ))
    workspace = load_workspace([path])
    analysis = analyze(workspace)
    assert analysis.responses["m:a1"] is Response.ANSWERED_IN_PART
    assert analysis.status["m:a1"] is Label.IN  # the rest of the claim stands
    assert analysis.reason("m:a1").startswith("stands: only answered in part, by n1")
    assert analysis.strength["m:a1"] < 0.5  # but it is weaker for it
    (clash,) = analysis.clashes
    assert clash.partial


def test_a_reported_claim_makes_nobody_a_speaker(tmp_path: Path) -> None:
    # aff's letter reports what neg said elsewhere; neg never speaks in the map, so an
    # unanswered aff claim is beyond neg's reply, not dropped
    sources = "  letter: {title: Aff letter, text: t.txt}\n"
    path = debate(tmp_path, (
        f"  said: {{text: S, by: n, tags: [reported], {q('letter')}}}\n"
        f"  a1: {{text: A1, by: a, rebuts: [said], {q('letter')}}}\n"
        f"  a2: {{text: A2, by: a, {q('letter')}}}\n"
    ), sources)
    assert responses(path) == {"said": "answered", "a1": "no chance to reply", "a2": "no chance to reply"}


def test_verdicts_say_which_links_they_rest_on(tmp_path: Path) -> None:
    sources = "  essay: {title: 2014 essay, text: t.txt}\n  later: {title: 2020 piece, text: t.txt}\n"
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('essay')}}}\n"
        f"  n1: {{text: N1, by: n, {q('later')}, rebuts: [{{to: a1, id: link, tags: [analyst-link]}}]}}\n"
        f"  a2: {{text: A2, by: a, {q('essay')}, undercuts: [link]}}\n"  # rests on the analyst's link
    ), sources)
    workspace = load_workspace([path])
    texts, everything = analyze(workspace, links=Links.TEXTS), analyze(workspace, links=Links.ALL)
    assert texts.left_out == {"m:link", "m:a2->link"}
    assert "m:link" not in texts.workspace.relations and "m:link" in everything.workspace.relations
    assert texts.status["m:a1"] is Label.IN and texts.reason("m:a1") == "stands: nothing answers it"
    assert everything.status["m:link"] is Label.OUT  # undercut by a2
    assert everything.status["m:a1"] is Label.IN
    # without the undercut the analyst's link decides, and the reason says whose link it is
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('essay')}}}\n"
        f"  n1: {{text: N1, by: n, {q('later')}, rebuts: [{{to: a1, tags: [analyst-link]}}]}}\n"
    ), sources)
    everything = analyze(load_workspace([path]), links=Links.ALL)
    assert everything.status["m:a1"] is Label.OUT
    assert everything.reason("m:a1") == "falls: answered by n1 (N, in 2020 piece) [an analyst's link: the texts do not make it], which nobody answered"
    assert everything.responses["m:a1"] is Response.NOT_ENGAGED  # an analyst's link answers nothing


def test_reasons_name_the_answer_and_its_fate(tmp_path: Path) -> None:
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('aff1')}}}\n"
        f"  n1: {{text: N1, by: n, rebuts: [a1], {q('neg1')}}}\n"
        f"  a2: {{text: A2, by: a, rebuts: [n1], {q('aff2')}}}\n"
        f"  x: {{text: X, by: a, {q('aff1')}}}\n"
        f"  y: {{text: Y, by: n, rebuts: [x], {q('neg1')}}}\n"
    ))
    analysis = analyze(load_workspace([path]))
    assert analysis.reason("m:a1") == "stands: the objections to it fall (n1, which falls to a2)"
    assert analysis.reason("m:n1") == "falls: answered by a2 (A, in Aff rebuttal), which nobody answered"
    assert analysis.reason("m:x") == "falls: answered by y (N, in Neg constructive), which nobody answered"


def test_a_sides_own_caveat_is_not_called_an_answer(tmp_path: Path) -> None:
    # "On the exterior this would be deemed a success ... but" (the HTC post's Jakarta
    # example): an author's objection to her own claim, which she then answers herself
    path = debate(tmp_path, (
        f"  claim: {{text: C, by: a, {q('aff1')}}}\n"
        f"  caveat: {{text: V, by: a, rebuts: [claim], {q('aff1')}}}\n"
        f"  but: {{text: B, by: a, undercuts: [caveat -> claim], {q('aff1')}}}\n"
    ))
    analysis = analyze(load_workspace([path]))
    assert analysis.reason("m:claim") == "stands: the objections to it fall (caveat [its own side's caveat], which loses its force to but)"


def test_loader_checks_the_debate_keys(tmp_path: Path) -> None:
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('aff1')}, conceded: a}}\n"
        f"  n1: {{text: N1, by: n, {q('neg1')}, supports: [{{to: a1, partial: true}}]}}\n"
    ), "  aff1: {title: A, text: t.txt, replies-to: [neg1]}\n  neg1: {title: N, text: t.txt, replies-to: [nope]}\n",
        extra="resolution: Is it so?\n")
    problems = [(p.code, p.location.line) for p in load_workspace([path]).problems]
    assert problems == [("unknown-source", 11), ("unknown-source", 12), ("bad-concession", 14), ("partial-support", 15)]
    path = debate(tmp_path, f"  a1: {{text: A1, by: a, {q('aff1')}}}\n", extra="resolution: Is it so?\n")
    workspace = load_workspace([path])
    assert workspace.maps["m"].resolution == "Is it so?"
    assert workspace.maps["m"].sources["neg1"].replies_to == ("aff1",)


def test_analyze_states_its_links_and_the_verdicts_that_rest_on_analyst_links(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import json

    sources = "  essay: {title: 2014 essay, text: t.txt}\n  later: {title: 2020 piece, text: t.txt}\n"
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('essay')}}}\n"
        f"  n1: {{text: N1, by: n, {q('later')}, rebuts: [{{to: a1, tags: [analyst-link]}}]}}\n"
    ), sources, extra="resolution: Should it be so?\n")
    texts = cli("analyze", path)
    assert texts.code == 0, texts.err
    assert "Resolution: Should it be so?" in texts.out
    assert "Links: as the texts argue it: 1 analyst link(s) left out (--links all counts them)" in texts.out
    assert "Not engaged (1)" in texts.out and "Dropped: none" in texts.out
    report = json.loads(cli("analyze", path, "--format", "json").out)
    assert report["links"] == "texts"
    (changed,) = report["verdicts_resting_on_links"]
    assert (changed["id"], changed["status"], changed["other_status"]) == ("a1", "IN", "OUT")
    assert changed["other_reason"].startswith("falls: answered by n1")
    everything = json.loads(cli("analyze", path, "--format", "json", "--links", "all").out)
    assert everything["links"] == "all" and everything["analyst_links"] == 1
    assert {c["id"]: c["status"] for c in everything["claims"]} == {"a1": "OUT", "n1": "IN"}
    assert [c["id"] for c in everything["responses"]["not engaged"]] == ["a1"]


def test_an_analysts_support_across_sides_makes_no_concession(tmp_path: Path) -> None:
    # the 2020 piece's thesis agrees with the 2014 post only in the analyst's reading:
    # the piece grants nothing, so with every link counted it is still no concession
    sources = "  essay: {title: 2014 essay, text: t.txt}\n  later: {title: 2020 piece, text: t.txt}\n"
    path = debate(tmp_path, (
        f"  a1: {{text: A1, by: a, {q('essay')}}}\n"
        f"  n1: {{text: N1, by: n, {q('later')}, supports: [{{to: a1, tags: [analyst-link]}}]}}\n"
    ), sources)
    assert responses(path, Links.ALL) == {"a1": "not engaged", "n1": "no chance to reply"}


def test_analyze_names_an_inference_only_an_analysts_undercut_defeats(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # the Siem Reap pattern: IJM's own case, read by the analyst against another IJM letter's step
    import json

    sources = "  letter: {title: Letter, text: t.txt}\n  case: {title: Case, text: t.txt}\n"
    path = debate(tmp_path, (
        f"  step: {{text: S, by: a, {q('letter')}, supports: [{{to: goal, id: inference}}]}}\n"
        f"  goal: {{text: G, by: a, {q('letter')}}}\n"
        f"  case: {{text: C, by: a, {q('case')}, undercuts: [{{to: inference, tags: [analyst-link]}}]}}\n"
    ), sources)
    report = json.loads(cli("analyze", path, "--format", "json").out)
    assert report["verdicts_resting_on_links"] == []
    (inference,) = report["inferences_resting_on_links"]
    assert (inference["relation"], inference["status"], inference["other_status"], inference["by"]) == ("m:inference", "IN", "OUT", ["m:case"])
    assert "The inference step supports goal: IN here, OUT with analyst links (defeated by case)" in cli("analyze", path).out
