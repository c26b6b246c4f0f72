"""The case brief: contentions with cards, A2 blocks, dropped arguments, escaped Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.export.brief import brief_markdown
from argmap.export.common import load_debates

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


def test_each_side_has_contentions_blocks_and_drops(brief: str) -> None:
    sides = re.findall(r"^## (.+)$", brief, re.M)
    assert sides == ["International Justice Mission", "Noy Thrupkaew (The Nation)"]
    assert brief.count("### Contentions") == brief.count("### Blocks") == brief.count("### Dropped arguments") == 2


def test_contentions_are_the_sides_theses_with_verbatim_cards(brief: str) -> None:
    ijm = _section(brief, "## International Justice Mission", "##")
    contentions = re.findall(r"^#### Contention \d+: (.+)$", ijm, re.M)
    assert contentions == [
        "Thrupkaew's series contains many inaccuracies and mischaracterizations of IJM's work.",
        "Engaging law enforcement is the best and only sustainable way to protect victims of sex trafficking and to apprehend the perpetrators.",
    ]
    second = _section(ijm, "#### Contention 2", "####")
    # the reason's card: tag, cite naming speaker and source, then the quote verbatim
    assert "**Virtually every credible anti-trafficking organization" in second
    assert "Cite: Amy E. Roth, Director, media relations, International Justice Mission. “Letter: Amy E. Roth (IJM)”, The Nation, 2009-11" in second
    assert "> Today virtually every credible anti-trafficking organization–including UN agencies, NGOs and responsible governments–agrees" in second


def test_blocks_answer_the_other_sides_objections(brief: str) -> None:
    ijm_blocks = _section(_section(brief, "## International Justice Mission", "##"), "### Blocks", "###")
    training = _section(ijm_blocks, "#### A2: Training police and building their capacity is not enough.", "####")
    assert "> Training and capacity-building are insufficient." in training
    assert "**No answer in the map.**" in training
    critics_blocks = _section(_section(brief, "## Noy Thrupkaew (The Nation)", "##"), "### Blocks", "###")
    raid = _section(critics_blocks, "#### A2: IJM does not raid brothels.", "####")
    assert "They say (Amy E. Roth), against: IJM raids brothels." in raid
    assert "No answer in the map" in raid


def test_dropped_lists_follow_the_analysis(brief: str) -> None:
    from argmap.analysis import analyze
    from argmap.load import load_workspace

    workspace = load_workspace([IJM])
    dropped = analyze(workspace).dropped
    ijm = _section(brief, "## International Justice Mission", "##")
    cover = _section(ijm, "#### Cover: theirs, never answered", "####")
    listed = re.findall(r"^- \*\*(.+?)\*\* —", cover, re.M)
    expected = [
        c.text for c in workspace.maps["ijm-vs-thrupkaew"].claims.values()
        if c.key in dropped and workspace.side(c) == "critics"
    ]
    assert sorted(listed) == sorted(" ".join(t.split()) for t in expected)


def test_side_and_thesis_choose_what_goes_in() -> None:
    only = brief_markdown(load_debates([IJM], side="critics"))
    assert re.findall(r"^## (.+)$", only, re.M) == ["Noy Thrupkaew (The Nation)"]
    one = brief_markdown(load_debates([IJM], thesis="reforms-needed", depth=1))
    assert re.findall(r"^#### Contention \d+: (.+)$", one, re.M) == [
        "Counter-trafficking work needs further steps, among them independent bodies to investigate police brutality "
        "and corruption, legal representation for trafficking victims and consenting sex workers, and involving them "
        "in designing aftercare, police training, laws and policy."
    ]
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
