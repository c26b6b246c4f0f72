"""Debate analysis: status over rebuttals and undercuts, dropped, clashes, chains."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis import analyze
from argmap.analysis.debate import Response
from argmap.analysis.dung import Label
from argmap.analysis.links import ANALYST_LINK, Links
from argmap.load import load_workspace
from conftest import ARGUMENTS

HEAD = """\
argmap: 1
title: T
sides:
  pro: {label: Pro}
  con: {label: Con}
speakers:
  p: {name: P, side: pro}
  c: {name: C, side: con}
sources:
  first: {title: First}
  second: {title: Second}
  third: {title: Third}
claims:
"""


def analysed(tmp_path: Path, body: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + body)
    workspace = load_workspace([path])
    assert workspace.ok, workspace.problems
    return workspace, analyze(workspace)


def status(analysis, **_: object) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {key.partition(":")[2]: label.name for key, label in analysis.status.items() if "->" not in key}


def test_rebuttal_defeats_and_counter_rebuttal_reinstates(tmp_path: Path) -> None:
    _, analysis = analysed(tmp_path, (
        "  t: {text: T, by: p}\n"
        "  o: {text: O, by: c, rebuts: [t]}\n"
        "  r: {text: R, by: p, rebuts: [o]}\n"
    ))
    assert status(analysis) == {"t": "IN", "o": "OUT", "r": "IN"}


def test_undercut_defeats_the_rebuttal_not_its_author(tmp_path: Path) -> None:
    _, analysis = analysed(tmp_path, (
        "  t: {text: T, by: p}\n"
        "  o: {text: O, by: c, rebuts: [t]}\n"
        "  u: {text: U, by: p, undercuts: [o -> t]}\n"
    ))
    assert status(analysis) == {"t": "IN", "o": "IN", "u": "IN"}
    assert analysis.status["m:o->t"] is Label.OUT


def test_counter_undercut_reinstates_the_attack(tmp_path: Path) -> None:
    _, analysis = analysed(tmp_path, (
        "  t: {text: T, by: p}\n"
        "  o: {text: O, by: c, rebuts: [{to: t, id: att}]}\n"
        "  u: {text: U, by: p, undercuts: [{to: att, id: und}]}\n"
        "  v: {text: V, by: c, undercuts: [und]}\n"
    ))
    assert analysis.status["m:und"] is Label.OUT
    assert analysis.status["m:att"] is Label.IN
    assert analysis.status["m:t"] is Label.OUT


def test_attack_on_a_linked_premise_defeats_the_joint_reason(tmp_path: Path) -> None:
    _, analysis = analysed(tmp_path, (
        "  t: {text: T, by: p}\n"
        "  a: {text: A, by: c}\n"
        "  b: {text: B, by: c, rebuts: [{to: t, id: joint, with: [a]}]}\n"
        "  x: {text: X, by: p, rebuts: [a]}\n"
    ))
    assert analysis.status["m:a"] is Label.OUT
    assert analysis.status["m:joint"] is Label.OUT  # b alone does not carry the objection
    assert analysis.status["m:t"] is Label.IN


def test_mutual_rebuttal_is_undecided(tmp_path: Path) -> None:
    _, analysis = analysed(tmp_path, "  a: {text: A, by: p, rebuts: [b]}\n  b: {text: B, by: c, rebuts: [a]}\n")
    assert status(analysis) == {"a": "UNDEC", "b": "UNDEC"}
    chain = next(c for c in analysis.chains)
    assert chain.cyclic and chain.last_word is None


def test_supports_do_not_decide_status(tmp_path: Path) -> None:
    _, analysis = analysed(tmp_path, (
        "  t: {text: T, by: p}\n"
        "  reason: {text: R, by: p, supports: [t]}\n"
        "  o: {text: O, by: c, rebuts: [reason]}\n"
    ))
    assert status(analysis) == {"t": "IN", "reason": "OUT", "o": "IN"}


def test_dropped_follows_speech_order(tmp_path: Path) -> None:
    quote = "quote: {{source: {}, text: x}}"
    body = (
        f"  a: {{text: A, by: p, {quote.format('second')}}}\n"
        f"  late: {{text: L, by: c, rebuts: [a], {quote.format('third')}}}\n"  # answers a later: a is answered
        f"  b: {{text: B, by: p, {quote.format('second')}}}\n"
        f"  early: {{text: E, by: c, rebuts: [b], {quote.format('first')}}}\n"  # 'answers' b before b was said
        f"  c2: {{text: C, by: p, {quote.format('second')}}}\n"
        f"  same: {{text: S, by: c, rebuts: [c2], {quote.format('second')}}}\n"  # same source counts
        f"  agree: {{text: G, by: c, supports: [a], {quote.format('third')}}}\n"  # a concession
    )
    path = tmp_path / "m.yaml"
    (tmp_path / "t.txt").write_text("x")
    path.write_text(HEAD.replace("{title: First}", "{title: First, text: t.txt}").replace("{title: Second}", "{title: Second, text: t.txt}").replace("{title: Third}", "{title: Third, text: t.txt}") + body)
    workspace = load_workspace([path])
    assert workspace.ok, workspace.problems
    analysis = analyze(workspace)
    responses = {k.partition(":")[2]: r.value for k, r in analysis.responses.items()}
    assert responses == {
        "a": "answered", "c2": "answered",
        "b": "dropped",  # 'early' came before b was said
        "early": "dropped", "same": "dropped",  # pro spoke in the second speech and left them
        "late": "no chance to reply",  # nobody of pro spoke after the third speech
        "agree": "concession",  # nobody answers agreement
    }
    assert {k.partition(":")[2] for k in analysis.dropped} == {"b", "early", "same"}


def test_clash_of_an_undercut_is_with_the_conclusion(tmp_path: Path) -> None:
    _, analysis = analysed(tmp_path, "  t: {text: T, by: p}\n  r: {text: R, by: p, supports: [t]}\n  u: {text: U, by: c, undercuts: [r -> t]}\n")
    assert [(c.attacker, c.target) for c in analysis.clashes] == [("m:u", "m:t")]


# -- the bundled debates: expectations justified from the texts ----------------------

@pytest.fixture(scope="module")
def ijm():  # type: ignore[no-untyped-def]
    workspace = load_workspace([ARGUMENTS / "ijm-vs-thrupkaew.yaml"])
    assert workspace.ok
    return workspace, analyze(workspace)


@pytest.fixture(scope="module")
def htc():  # type: ignore[no-untyped-def]
    workspace = load_workspace([ARGUMENTS / "htc-vs-evolution.yaml"])
    assert workspace.ok
    return workspace, analyze(workspace)


def test_abandonment_charge_falls(ijm) -> None:  # type: ignore[no-untyped-def]
    # Roth and the vice president answer "abandons" with aftercare facts; the reply
    # never defends the charge, so every attack on it stands.
    _, analysis = ijm
    key = "ijm-vs-thrupkaew:series-says-ijm-abandons-victims"
    assert analysis.status[key] is Label.OUT
    assert key not in analysis.dropped  # IJM answered it in the letter that reports it


def test_siem_reap_case_is_dropped_by_the_reply(ijm) -> None:  # type: ignore[no-untyped-def]
    # Thrupkaew's reply never mentions the Siem Reap operation or Eliza
    workspace, analysis = ijm
    dropped = {workspace.display_id(k) for k in analysis.dropped}
    assert any(k.startswith("siem-reap") for k in dropped)
    assert any(k.startswith("eliza") for k in dropped)


def test_reply_has_the_last_word_on_corruption(ijm) -> None:  # type: ignore[no-untyped-def]
    # The series (as Roth reports it) says corruption argues against enforcement; Roth
    # answers that law enforcement is essential; the reply says the question is how, not whether.
    workspace, analysis = ijm
    chains = [tuple(workspace.display_id(k) for k in c.claims) for c in analysis.chains]
    assert ("corruption-argues-against-enforcement", "law-enforcement-essential", "question-is-how-not-whether") in chains
    chain = next(c for c in analysis.chains if workspace.display_id(c.claims[-1]) == "question-is-how-not-whether")
    assert chain.last_word == "critics"


def test_analysis_of_one_map_reports_only_that_map(ijm) -> None:  # type: ignore[no-untyped-def]
    workspace, analysis = ijm
    assert workspace.primary == ("ijm-vs-thrupkaew",)
    assert "context" in workspace.maps  # read as context for cross-map links
    assert all(k.startswith("ijm-vs-thrupkaew:") for k in analysis.dropped)
    assert sum(s.claims for s in analysis.sides) == len(workspace.maps["ijm-vs-thrupkaew"].claims)


def test_nobody_could_answer_the_reply(ijm) -> None:  # type: ignore[no-untyped-def]
    # "Thrupkaew Replies" is the last text of the exchange (nation-letters.txt, l.50-58):
    # whatever she says there, IJM had no speech left to answer it, so nothing of hers is dropped
    workspace, analysis = ijm
    reply = {k: r for k, r in analysis.responses.items() if (s := workspace.source(workspace.claims[k])) and s.id == "thrupkaew-reply"}
    assert len(reply) >= 10
    assert not {k for k, r in reply.items() if r is Response.DROPPED}
    assert all(r in (Response.NO_CHANCE, Response.CONCESSION, Response.ANSWERED, Response.ANSWERED_IN_PART) for r in reply.values())


def test_what_the_reply_leaves_of_the_letters_is_dropped(ijm) -> None:  # type: ignore[no-untyped-def]
    # The reply answers the letters (it follows them under "Thrupkaew Replies") but says
    # nothing of raids (l.14), of Siem Reap (l.23-29) or of Eliza (l.35-45): dropped.
    workspace, analysis = ijm
    responses = {workspace.display_id(k): r for k, r in analysis.responses.items()}
    for claim in ("ijm-does-not-raid", "siem-reap-outcome", "eliza-rescued-2006"):
        assert responses[claim] is Response.DROPPED, claim
    # "I do not doubt that IJM has had important successes" (l.58) grants the casework
    assert responses["ijm-casework-frees-victims"] is Response.CONCEDED
    # "Training and capacity-building are insufficient" (l.56) answers Roth's call for
    # training only in part: she lists law-enforcement training among her own reforms
    assert responses["corruption-calls-for-training"] is Response.ANSWERED_IN_PART
    assert analysis.status["ijm-vs-thrupkaew:corruption-calls-for-training"] is Label.IN


def test_the_2014_and_2020_texts_never_engage(htc) -> None:  # type: ignore[no-untyped-def]
    # The 2020 piece never cites the HTC post: nothing HTC said is dropped, only not engaged;
    # nothing HTC wrote came after 2020, so the 2020 claims had no chance of a reply.
    _, analysis = htc
    assert not analysis.dropped
    sides = {s.side: dict(s.responses) for s in analysis.sides}
    assert set(sides["evolution"]) == {"no chance to reply"}
    assert "answered" not in sides["htc"] and "dropped" not in sides["htc"]
    assert sides["htc"]["not engaged"] >= 30


def test_verdicts_rest_only_on_the_texts_by_default_and_say_so(htc) -> None:  # type: ignore[no-untyped-def]
    workspace, analysis = htc
    assert analysis.links is Links.ALL  # analyze() itself counts everything unless told
    texts = analyze(workspace, links=Links.TEXTS)
    # every link between the two texts is the analyst's: on the texts alone no claim of one
    # side bears on a claim of the other
    assert not texts.clashes and not texts.agreements
    assert all(ANALYST_LINK in workspace.relations[k].tags or workspace.relations[k].target in texts.left_out for k in texts.left_out)
    # the theses stand either way: the 2020 piece's answers to HTC are partial (it grants the
    # early raids were flawed and says the practice changed)
    for thesis in ("htc-raids-flawed", "htc-reduce-reliance", "evo-thesis"):
        key = f"htc-vs-evolution:{thesis}"
        assert texts.status[key] is Label.IN and analysis.status[key] is Label.IN, thesis


def test_the_sides_of_debate_b_agree_more_than_they_clash(htc) -> None:  # type: ignore[no-untyped-def]
    # the two texts converge (both say early raids were naive or flawed, both want victim-centred
    # work with law enforcement and social workers): every clash between them is partial
    _, analysis = htc
    inside = "htc-vs-evolution:"
    agreements = [a for a in analysis.agreements if a.claim.startswith(inside) and (a.grantor_claim or "").startswith(inside)]
    between = [c for c in analysis.clashes if c.attacker.startswith(inside) and c.target.startswith(inside)]
    assert len(agreements) > len(between) > 0
    assert all(c.partial for c in between)


def test_an_analysts_link_is_no_answer(tmp_path: Path) -> None:
    _, analysis = analysed(tmp_path, (
        "  a: {text: A, by: p}\n"
        "  b: {text: B, by: c, rebuts: [{to: a, tags: [analyst-link], note: the texts do not cite each other}]}\n"
    ))
    assert "m:a" in analysis.dropped  # nobody on the con side answered a; the analyst did
    assert analysis.status["m:a"] is Label.OUT  # but the link still counts for what stands
    assert [(c.attacker, c.target) for c in analysis.clashes] == [("m:b", "m:a")]


def test_graph_node_data_reads_like_the_dict_it_replaces_and_cannot_be_written() -> None:
    import networkx as nx

    from argmap.graph import build_graph

    workspace = load_workspace([ARGUMENTS / "ijm-vs-thrupkaew.yaml"])
    graph = build_graph(workspace)
    claim_key, claim = next(iter(workspace.claims.items()))
    rel_key, rel = next(iter(workspace.relations.items()))
    assert dict(graph.nodes[claim_key]) == {"type": "claim", "claim": claim}
    assert dict(graph.nodes[rel_key]) == {"type": "relation", "relation": rel}
    assert graph.nodes[claim_key].get("relation") is None and graph.nodes[rel_key].get("relation") is rel
    assert "claim" in graph.nodes[claim_key] and "relation" not in graph.nodes[claim_key]
    with pytest.raises(KeyError):
        graph.nodes[claim_key]["relation"]
    assert dict(graph.nodes(data=True))[rel_key]["type"] == "relation"
    copy = graph.copy()  # networkx copies node data with .copy(): a plain dict, the graph's untouched
    copy.nodes[claim_key]["note"] = "x"
    assert dict(copy.nodes[claim_key]) == {"type": "claim", "claim": claim, "note": "x"}
    with pytest.raises(TypeError):
        nx.set_node_attributes(graph, {claim_key: "x"}, "note")


@pytest.mark.parametrize("seed", [1, 2])
def test_the_framework_and_the_why_pane_agree_on_who_attacks_what(tmp_path: Path, seed: int) -> None:
    """The attack relation is read in two places: built into index arrays for the
    semantics (attack_framework) and walked per argument to say why it is OUT
    (attackers_in). They must name the same attackers, on the bundled maps and on
    generated maps with linked premises and undercuts."""
    from argmap.analysis.debate import _attacks_on, attack_framework
    from argmap.generate import write_synthetic
    from argmap.graph import build_graph

    path = tmp_path / "gen.yaml"
    write_synthetic(path, 400, seed=seed)
    for workspace in (load_workspace([ARGUMENTS], verify_quotes=False), load_workspace([path], verify_quotes=False)):
        graph = build_graph(workspace)
        framework = attack_framework(graph)
        from_framework: dict[str, set[str]] = {key: set() for key in framework.arguments}
        for attacker, target in framework.attacks:
            from_framework[target].add(attacker)
        walked = {key: {rel.key for rel in _attacks_on(graph, key)} for key in framework.arguments}
        assert from_framework == walked
        assert any(from_framework.values())


def test_graph_adjacency_is_what_add_edge_builds_and_cannot_be_written() -> None:
    import networkx as nx

    from argmap.graph import build_graph

    workspace = load_workspace([ARGUMENTS / "htc-vs-evolution.yaml"])  # undercuts and linked premises
    graph = build_graph(workspace)
    reference = nx.DiGraph()
    reference.add_nodes_from(graph)
    for key, rel in workspace.relations.items():
        reference.add_edge(rel.source, key, role="from")
        reference.add_edges_from(((premise, key) for premise in rel.linked), role="with")
        reference.add_edge(key, rel.target, role="to")
    for adjacency, expected in ((graph._succ, reference._succ), (graph._pred, reference._pred)):
        assert list(adjacency) == list(expected)
        for node, neighbours in expected.items():
            compact = adjacency[node]
            assert list(compact.items()) == list(neighbours.items()), node  # same neighbours, same order
            assert len(compact) == len(neighbours) and all(n in compact for n in neighbours)
    assert any(len(n) > 1 for n in graph._pred.values()) and any(len(n) == 0 for n in graph._pred.values())
    assert sorted(graph.degree) == sorted(reference.degree)
    claim_key = next(k for k in workspace.claims if len(graph._succ[k]) == 0)
    rel_key = next(k for k in workspace.relations if len(graph._succ[k]) == 1)
    for u, v in ((claim_key, rel_key), (rel_key, claim_key)):
        with pytest.raises(TypeError):
            graph.add_edge(u, v)
    copy = graph.copy()
    copy.add_edge(claim_key, rel_key, role="x")  # a copy is plain networkx, writable
    assert copy[claim_key][rel_key] == {"role": "x"} and nx.utils.graphs_equal(nx.DiGraph(graph), graph)


def test_graph_nodes_read_from_the_workspace_as_networkx_reads_a_dict(tmp_path: Path) -> None:
    import dataclasses

    from argmap.graph import build_graph, claims, relations

    loaded, _ = analysed(tmp_path, "  t: {text: T, by: p}\n  a: {text: A, by: c, rebuts: [t]}\n  b: {text: B, by: p, rebuts: [a]}\n")
    # a relation whose target is not in the workspace (a map shown without the one it refers to)
    workspace = dataclasses.replace(loaded, claims={k: c for k, c in loaded.claims.items() if k != "m:t"})
    graph = build_graph(workspace)
    assert list(graph.nodes)[-1] == "m:t" and dict(graph.nodes["m:t"]) == {} and graph.has_edge("m:a->t", "m:t")
    expected = [*({"type": "claim", "claim": c} for c in workspace.claims.values()), *({"type": "relation", "relation": r} for r in workspace.relations.values())]
    known = len(workspace.claims) + len(workspace.relations)
    assert [dict(data) for _, data in graph.nodes(data=True)][:known] == expected
    assert list(graph.nodes) == [*workspace.claims, *workspace.relations, *list(graph.nodes)[known:]]
    assert [dict(d) for d in graph._node.values()][:known] == expected and len(graph) == len(list(graph.nodes))
    assert list(claims(graph)) == list(workspace.claims.values()) and list(relations(graph)) == list(workspace.relations.values())
    copy = graph.copy()  # plain networkx: the same nodes, data and edges
    assert list(copy.nodes(data=True)) == [(k, dict(d)) for k, d in graph.nodes(data=True)] and set(copy.edges) == set(graph.edges)
    assert "m:t" in graph and "nowhere" not in graph and graph._node.get("nowhere") is None
    with pytest.raises(KeyError):
        graph.nodes["nowhere"]
