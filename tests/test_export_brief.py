"""The case brief: contentions with cards, A2 blocks, what became of each claim, escaped Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.analysis.links import Links
from argmap.errors import ArgmapError
from argmap.export.brief import brief_markdown
from argmap.export.common import load_debates
from argmap.load import load_workspace
from debate_views import WORDS, reasons, write_debate

ARGUMENTS = Path(__file__).resolve().parents[1] / "arguments"
IJM = ARGUMENTS / "ijm-vs-thrupkaew.yaml"


@pytest.fixture(scope="module")
def brief() -> str:
    return brief_markdown(load_debates([IJM]))


def _section(text: str, heading: str, level: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    start = text.index(heading)
    rest = text[start + len(heading):]
    nxt = re.search(rf"^#{{1,{len(level)}}} ", rest, re.M)
    return rest[: nxt.start()] if nxt else rest


def test_each_side_has_contentions_blocks_and_what_became_of_its_claims(brief: str) -> None:
    sides = re.findall(r"^## (.+)$", brief, re.M)
    assert sides == ["International Justice Mission", "Noy Thrupkaew (The Nation)", "Where the sides agree"]
    for heading in ("### Contentions", "### Blocks", "### What became of our claims", "### What became of theirs"):
        assert brief.count(heading) == 2, heading


def test_contentions_are_the_sides_theses_with_verbatim_cards(brief: str) -> None:
    ijm = _section(brief, "## International Justice Mission", "##")
    contentions = re.findall(r"^#### Contention \d+: (.+)$", ijm, re.M)
    # IJM's theses in map order: Roth's two, then the vice president's conclusion (l.29)
    workspace = load_workspace([IJM])
    theses = [c.text for c in workspace.maps["ijm-vs-thrupkaew"].claims.values() if c.kind.value == "thesis" and c.by in ("roth", "ijm-vp", "ijm-manila")]
    assert contentions == [" ".join(t.split()) for t in theses]
    assert contentions[:2] == [
        "Thrupkaew's series contains many inaccuracies and mischaracterizations of IJM's work.",
        "Engaging law enforcement is the best and only sustainable way to protect victims of sex trafficking and to apprehend the perpetrators.",
    ]
    assert len(contentions) == 3
    second = _section(ijm, "#### Contention 2", "####")
    # the reason's card: tag, cite naming speaker and source, then the quote verbatim
    assert "**Virtually every credible anti-trafficking organization" in second
    assert "Cite: Amy E. Roth, Director, media relations, International Justice Mission. “Letter: Amy E. Roth (IJM)”, The Nation, 2009-11" in second
    assert "> Today virtually every credible anti-trafficking organization–including UN agencies, NGOs and responsible governments–agrees" in second


def test_blocks_answer_the_other_sides_objections(brief: str) -> None:
    ijm_blocks = _section(_section(brief, "## International Justice Mission", "##"), "### Blocks", "###")
    training = _section(ijm_blocks, "#### A2: Training and capacity-building are not enough.", "####")
    assert "> Training and capacity-building are insufficient." in training
    # "insufficient" grants training its place: it answers Roth's call for training only in part
    assert "against: Police corruption is instead a strong argument for training police and building their capacity. (answers it in part)" in training
    assert "**No answer in the map.**" in training
    critics_blocks = _section(_section(brief, "## Noy Thrupkaew (The Nation)", "##"), "### Blocks", "###")
    raid = _section(critics_blocks, '#### A2: IJM does not "raid" brothels.', "####")
    assert "They say (Amy E. Roth), against: IJM raids brothels." in raid
    assert "No answer in the map" in raid


def test_dropped_lists_follow_the_analysis(brief: str) -> None:
    from argmap.analysis import analyze
    from argmap.load import load_workspace

    workspace = load_workspace([IJM])
    dropped = analyze(workspace, links=Links.TEXTS).dropped
    ijm = _section(brief, "## International Justice Mission", "##")
    cover = _section(ijm, "#### Cover: theirs we dropped", "####")
    listed = re.findall(r"^- \*\*(.+?)\*\* —", cover, re.M)
    expected = [
        c.text for c in workspace.maps["ijm-vs-thrupkaew"].claims.values()
        if c.key in dropped and workspace.side(c) == "critics"
    ]
    assert sorted(listed) == sorted(" ".join(t.split()) for t in expected)


def test_side_and_thesis_choose_what_goes_in() -> None:
    only = brief_markdown(load_debates([IJM], side="critics"))
    assert re.findall(r"^## (.+)$", only, re.M) == ["Noy Thrupkaew (The Nation)", "Where the sides agree"]
    one = brief_markdown(load_debates([IJM], thesis="reforms-needed", depth=1))
    reforms = load_workspace([IJM]).maps["ijm-vs-thrupkaew"].claims["reforms-needed"].text
    assert re.findall(r"^#### Contention \d+: (.+)$", one, re.M) == [" ".join(reforms.split())]
    assert "\n  - **" not in one  # depth 1: no reason of a reason
    assert "\n  - **" in brief_markdown(load_debates([IJM], thesis="reforms-needed"))


def test_unknown_thesis_and_side_are_one_line_errors(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("brief", IJM, "--thesis", "reforms-neded")
    assert result.code == 2
    assert "did you mean 'reforms-needed'?" in result.err and result.err.count("\n") == 1
    with pytest.raises(ArgmapError, match="no such side"):
        load_debates([IJM], side="nobody")


def test_user_text_cannot_inject_markdown(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: T\nsides:\n  a: {label: A}\n  b: {label: B}\n"
        "speakers:\n  x: {name: X, side: a}\n  y: {name: Y, side: b}\n"
        "claims:\n"
        "  t: {text: 'Main [link](http://evil) *bold* <b>', kind: thesis, by: x}\n"
        "  o: {text: '# not a heading', by: y, rebuts: [t]}\n",
        encoding="utf-8",
    )
    text = brief_markdown(load_debates([path]))
    assert "Main \\[link\\](http://evil) \\*bold\\* \\<b\\>" in text
    assert "#### A2: \\# not a heading" in text
    assert "[link](" not in text


# -- the debate of every reply (tests/debate_views.py) -----------------------------------


def _md(text: str) -> str:
    """Text as the brief escapes it for Markdown."""
    return re.sub(r"([\\`*_\[\]<>#~])", r"\\\1", text)


def _items(section: str) -> list[str]:
    """The claims a list of the brief names, by their key (the text says CLAIM <KEY>)."""
    return [m.lower() for m in re.findall(r"^- \*\*Claim (\S+) says so\.\*\*", section, re.M)]


@pytest.fixture
def every_reply(tmp_path: Path) -> Path:
    return write_debate(tmp_path)


def test_the_top_states_the_links_the_resolution_and_the_burdens(every_reply: Path) -> None:
    texts = brief_markdown(load_debates([every_reply]))
    top = texts[: texts.index("\n## ")]
    assert "_Links: as the texts argue it: 2 analyst link(s) left out (--links all counts them)._" in top
    assert "**Resolution:** Should the motion pass?" in top
    assert "**Affirmative**: Ann — burden: Show the motion does more good than harm." in top
    every = brief_markdown(load_debates([every_reply], links=Links.ALL))
    assert "_Links: as the analyst reads it: 2 analyst link(s) counted (--links texts leaves them out)._" in every


def test_every_card_gives_its_status_with_the_reason_and_what_became_of_it(every_reply: Path) -> None:
    text = brief_markdown(load_debates([every_reply]))
    why = reasons(every_reply)
    assert why["answered-point"].startswith("falls:") and "n-answer (Ned, in Neg constructive)" in why["answered-point"]
    card = _section(text, "**Claim ANSWERED-POINT says so.**", "-")
    assert f"Status: OUT — {_md(why['answered-point'])}" in card
    assert "Reply: answered — another side answered it" in card
    card = _section(text, "**Claim PARTLY says so.**", "-")
    assert "n-partial" in why["partly"] and f"Status: IN — {_md(why['partly'])}" in card
    assert "Reply: answered in part — another side answered part of it; the rest stands" in card


def test_each_kind_of_reply_has_a_list_of_its_own(every_reply: Path) -> None:
    aff = _section(brief_markdown(load_debates([every_reply])), "## Affirmative", "##")
    ours, theirs = _section(aff, "### What became of our claims", "###"), _section(aff, "### What became of theirs", "###")
    # the thesis, dropped-point and own-but: Neg took up aff1 and left them; own-concession is a point Aff grants itself
    assert sorted(_items(_section(ours, "#### Extend: ours the other side dropped (3)", "####"))) == ["dropped-point", "own-but", "thesis"]
    assert _items(_section(ours, "#### Ours the other side had no chance to answer (1)", "####")) == ["a-last"]
    assert _items(_section(ours, "#### Ours the other side never engaged (1)", "####")) == ["blog-point"]
    assert _items(_section(ours, "#### Ours the other side answered only in part (1)", "####")) == ["partly"]
    assert _items(_section(ours, "#### Ours the other side conceded (2)", "####")) == ["agreed", "marked"]
    assert _items(_section(ours, "#### Our concessions: points we grant (1)", "####")) == ["own-concession"]
    assert sorted(_items(_section(theirs, "#### Cover: theirs we dropped (4)", "####"))) == ["n-analyst", "n-answer", "n-echo", "n-partial"]
    assert _items(_section(theirs, "#### Their concessions: points they grant (1)", "####")) == ["n-grant"]
    listed = _items(ours) + _items(theirs)
    assert sorted(listed) == sorted(k for k in WORDS if k not in ("answered-point", "n-thesis"))  # each once: nothing lumped


def test_a_dropped_claim_that_falls_is_not_offered_for_extension(every_reply: Path) -> None:
    # with the analyst's link, dropped-point falls (to n-analyst) though no speaker answered it
    aff = _section(brief_markdown(load_debates([every_reply], links=Links.ALL)), "## Affirmative", "##")
    extend = _section(aff, "#### Extend: ours the other side dropped (3)", "####")
    standing, _, falling = extend.partition("Dropped, but they do not stand all the same")
    assert sorted(_items(standing)) == ["own-but", "thesis"]
    assert _items(falling) == ["dropped-point"]
    why = reasons(every_reply, "all")["dropped-point"]
    assert why.startswith("falls:") and "n-analyst" in why and "analyst's link" in why
    assert _md(why) in falling


def test_analyst_links_are_marked_and_never_filed_as_what_a_speaker_said(every_reply: Path) -> None:
    text = brief_markdown(load_debates([every_reply], links=Links.ALL))
    aff = _section(text, "## Affirmative", "##")
    contention = _section(aff, "#### Contention 1: Claim THESIS says so.", "###")
    # n-echo supports Aff's thesis only in the analyst's reading: Neg's claim is no reason of Aff's
    assert "ECHO" not in contention
    assert set(_items(contention.replace("  - **", "- **"))) == {"dropped-point", "answered-point", "partly", "agreed"}
    blocks = _section(aff, "### Blocks", "###")
    assert "#### A2: Claim N-ANSWER says so." in blocks  # a speaker's answer is a block
    assert "#### A2: Claim N-ANALYST" not in blocks and "They say (Ned), against: Claim DROPPED-POINT" not in blocks
    analyst = _section(blocks, "#### \\[analyst's link\\] Not said in reply, read as one: Claim N-ANALYST says so.", "####")
    assert "Ned said this, but not in reply to this case: the texts do not make this link" in analyst
    agree = _section(text, "## Where the sides agree", "##")
    lines = {line.split("**")[1]: line for line in agree.splitlines() if line.startswith("- ")}
    assert "\\[analyst's link\\]" in lines["Claim THESIS says so."] and "granted by Ned (Negative): Claim N-ECHO" in lines["Claim THESIS says so."]
    assert "\\[analyst's link\\]" not in lines["Claim AGREED says so."]  # Ned's own support: agreement in the texts
    # on the texts' links alone, neither analyst link shows anywhere
    texts = brief_markdown(load_debates([every_reply]))
    assert "\\[analyst's link\\] Not said" not in texts and "N-ECHO says so." not in _section(texts, "## Where the sides agree", "##")


def test_where_the_sides_agree(every_reply: Path) -> None:
    agree = _section(brief_markdown(load_debates([every_reply])), "## Where the sides agree", "##")
    assert "- **Claim AGREED says so.** (Affirmative) — granted by Ned (Negative): Claim N-GRANT says so." in agree
    assert "- **Claim MARKED says so.** (Affirmative) — conceded by Ned." in agree


def test_cli_brief_takes_links(cli, every_reply: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("brief", every_reply, "--links", "all")
    assert result.code == 0, result.err
    assert "as the analyst reads it: 2 analyst link(s) counted" in result.out
