"""The Graphviz renderer, checked on its DOT source: no ``dot`` binary needed.

Views select exactly the claims they promise, styles encode roles and relation kinds
without colour, hostile text comes out escaped, overlays appear when asked, a missing
``dot`` is one actionable line, and ``renders/`` is in sync with ``arguments/``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from argmap.analysis import analyze
from argmap.analysis.links import Links
from argmap.errors import ArgmapError, ToolMissingError
from argmap.graph import build_graph
from argmap.load import load_workspace
from argmap.model import Workspace
from argmap.render import RenderOptions, View, build_dot, parse_overlays, render, select
from argmap.render.bundle import ALL_LINKS, MANIFEST, manifest, plan, stale
from argmap.render.dot import ANALYST_COLOUR
from argmap.render.text import BREAK, display_width, dot_text, wrap
from conftest import DotLog
from debate_views import write_debate

REPO = Path(__file__).resolve().parents[1]
ARGUMENTS = REPO / "arguments"
NO_OVERLAYS = RenderOptions(overlays=frozenset())

# t is the thesis; a and e+f (linked) support it; b rebuts a; c supports a; d undercuts a -> t;
# g rebuts d.
SMALL: dict[str, Any] = {
    "argmap": 1,
    "title": "Small debate",
    "sides": {"pro": {"label": "Proposition"}, "con": {"label": "Opposition"}},
    "speakers": {"ann": {"name": "Ann", "side": "pro"}, "ben": {"name": "Ben", "side": "con"}},
    "claims": {
        "t": {"text": "The thesis.", "kind": "thesis", "by": "ann"},
        "a": {"text": "Reason a.", "by": "ann", "supports": ["t"]},
        "b": {"text": "Objection b.", "by": "ben", "rebuts": ["a"]},
        "c": {"text": "Reason c for a.", "by": "ann", "supports": ["a"]},
        "d": {"text": "Undercutter d.", "by": "ben", "undercuts": ["a -> t"]},
        "e": {"text": "Linked e.", "by": "ann", "supports": [{"to": "t", "with": ["f"]}]},
        "f": {"text": "Linked f.", "by": "ann"},
        "g": {"text": "Rebuttal g.", "by": "ann", "rebuts": ["d"]},
    },
}


def write_map(folder: Path, data: dict[str, Any], stem: str = "small") -> Path:
    path = folder / f"{stem}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def loaded(*paths: Path) -> tuple[Workspace, nx.DiGraph]:
    workspace = load_workspace(list(paths), verify_quotes=False)
    assert workspace.ok, [str(p) for p in workspace.problems]
    return workspace, build_graph(workspace)


@pytest.fixture
def small(tmp_path: Path) -> tuple[Workspace, nx.DiGraph]:
    return loaded(write_map(tmp_path, SMALL))


@pytest.fixture(scope="module")
def bundled() -> tuple[Workspace, nx.DiGraph]:
    return loaded(ARGUMENTS)


def ids(keys: Any) -> set[str]:
    return {key.partition(":")[2] for key in keys}


def node_lines(source: str) -> dict[str, str]:
    """DOT node name → its whole statement line."""
    return {m.group(1): m.group(0) for m in re.finditer(r"^\t(c\d+|r\d+) \[.*$", source, re.M)}


def edge_lines(source: str) -> list[str]:
    """Every edge statement with the edge defaults of its subgraph spelled out after it."""
    lines, defaults = [], ""
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == "{" or stripped == "}":
            defaults = ""
        elif stripped.startswith("edge ["):
            defaults = stripped[len("edge ") :]
        elif " -> " in line:
            lines.append(f"{stripped} {defaults}")
    return lines


# -- views ------------------------------------------------------------------


def test_focus_depth_one_is_exactly_the_claims_in_a_relation_with_it(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    assert ids(select(workspace, graph, View.focus("small:a", 1)).claims) == {"a", "t", "b", "c", "d"}
    assert ids(select(workspace, graph, View.focus("small:t", 1)).claims) == {"t", "a", "d", "e", "f"}
    assert ids(select(workspace, graph, View.focus("b", 1)).claims) == {"b", "a"}
    assert ids(select(workspace, graph, View.focus("b", 2)).claims) == {"b", "a", "t", "c", "d"}
    assert ids(select(workspace, graph, View.focus("b", 0)).claims) == {"b"}


def test_focus_counts_what_it_hides(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    selection = select(workspace, graph, View.focus("small:b", 1))
    hidden = selection.hidden["small:a"]
    assert (hidden.reasons, hidden.attacks) == (1, 0)  # c supports a; d attacks a's inference, not a
    assert ids(selection.claims) == {"a", "b"}
    assert "small:b" not in selection.hidden  # nothing bears on b


def test_thesis_view_is_the_thesis_and_everything_upstream(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    assert ids(select(workspace, graph, View.thesis("t")).claims) == {"t", "a", "b", "c", "d", "e", "f", "g"}
    assert ids(select(workspace, graph, View.thesis("a")).claims) == {"a", "b", "c"}


def test_side_view_keeps_one_side(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    assert ids(select(workspace, graph, View.side_case("con")).claims) == {"b", "d"}
    assert ids(select(workspace, graph, View.side_case("Proposition")).claims) == {"t", "a", "c", "e", "f", "g"}
    with pytest.raises(ArgmapError, match=r"no side 'pros'.*did you mean 'pro'"):
        select(workspace, graph, View.side_case("pros"))


def test_chain_view_follows_the_analysis_chains(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    analysis = analyze(workspace, graph)
    through_g = [set(c.claims) for c in analysis.chains if "small:g" in c.claims]
    assert through_g, "the analysis should find d's undercut answered by g"
    selection = select(workspace, graph, View.chain("g"), analysis)
    chained = set().union(*through_g)
    assert chained <= set(selection.claims)
    # the undercut by d needs the inference a -> t drawn to aim at
    assert {"small:a", "small:t"} <= set(selection.claims)
    assert set(selection.claims) - chained <= {"small:a", "small:t"}


def test_a_relation_is_drawn_only_with_all_its_ends(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    selection = select(workspace, graph, View.focus("small:e", 0))
    assert selection.relations == ()  # e's reason needs f and t
    selection = select(workspace, graph, View.focus("small:f", 1))
    assert ids(selection.claims) == {"f", "e", "t"}
    assert selection.relations == ("small:e->t",)


def test_unknown_and_ambiguous_claims_say_what_to_write(tmp_path: Path) -> None:
    first = write_map(tmp_path, SMALL, "one")
    second = write_map(tmp_path, SMALL, "two")
    workspace, graph = loaded(first, second)
    with pytest.raises(ArgmapError, match=r"in several maps; write one of one:a, two:a"):
        select(workspace, graph, View.thesis("a"))
    with pytest.raises(ArgmapError, match=r"no claim 'one:x'.*did you mean 'one:"):
        select(workspace, graph, View.thesis("one:x"))
    assert ids(select(workspace, graph, View.thesis("two:a")).claims) == {"a", "b", "c"}


def test_overview_of_a_bundled_debate_shows_theses_direct_bearers_and_clashes(bundled: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = bundled
    analysis = analyze(workspace, graph)
    stem = "ijm-vs-thrupkaew"
    selection = select(workspace, graph, View.overview(stem), analysis)
    shown = set(selection.claims)
    theses = [c.key for c in workspace.maps[stem].claims.values() if c.kind.value == "thesis"]
    assert set(theses) <= shown
    for thesis in theses:
        for rel in workspace.relations.values():
            if rel.target == thesis:
                assert set(rel.premises) <= shown, f"{rel.key} bears on a thesis but is hidden"
    assert len(shown) <= 40 < len(workspace.maps[stem].claims)
    assert any(c.attacker in shown and c.target in shown for c in analysis.clashes if workspace.claims[c.target].map == stem)


def test_whole_map_marks_claims_of_other_maps_as_external(bundled: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = bundled
    digraph = build_dot(workspace, graph, view=View.whole("ijm-vs-thrupkaew"), options=NO_OVERLAYS)
    external = [line for line in node_lines(digraph.source).values() if "from context" in line]
    assert external, "context claims related to the IJM map should appear"
    assert all('STYLE="dashed"' in line for line in external)
    own = [line for line in node_lines(digraph.source).values() if line.startswith("\tc") and "from context" not in line]
    assert all('STYLE="rounded"' in line for line in own)


# -- styles -----------------------------------------------------------------


def test_attacks_are_dashed_tees_and_supports_solid(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    source = build_dot(workspace, graph, view=View.whole(), options=NO_OVERLAYS).source
    names = {ids([k]).pop(): f"c{i}" for i, k in enumerate(select(workspace, graph, View.whole()).claims)}
    edges = edge_lines(source)
    rebut = next(e for e in edges if e.strip().startswith(f"{names['b']} -> {names['a']} "))
    assert "style=dashed" in rebut and "arrowhead=tee" in rebut
    support = next(e for e in edges if e.strip().startswith(f"{names['c']} -> {names['a']} "))
    assert "style=solid" in support and "arrowhead=normal" in support


def test_undercut_ends_on_a_diamond_on_the_inference_it_attacks(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    source = build_dot(workspace, graph, view=View.whole(), options=NO_OVERLAYS).source
    names = {ids([k]).pop(): f"c{i}" for i, k in enumerate(select(workspace, graph, View.whole()).claims)}
    diamonds = [name for name, line in node_lines(source).items() if "shape=diamond" in line]
    assert len(diamonds) == 1
    diamond = diamonds[0]
    edges = [e.strip() for e in edge_lines(source)]
    assert any(e.startswith(f"{names['a']} -> {diamond} ") and e.index("arrowhead=none") < e.index("arrowhead=normal") for e in edges)
    assert any(e.startswith(f"{diamond} -> {names['t']} ") for e in edges)
    undercut = next(e for e in edges if e.startswith(f"{names['d']} -> {diamond} "))
    assert "style=dashed" in undercut and "arrowhead=tee" in undercut
    assert not any(e.startswith(f"{names['a']} -> {names['t']} ") for e in edges)


def test_linked_premises_meet_in_one_junction_before_one_arrow(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    source = build_dot(workspace, graph, view=View.whole(), options=NO_OVERLAYS).source
    names = {ids([k]).pop(): f"c{i}" for i, k in enumerate(select(workspace, graph, View.whole()).claims)}
    junction = next(name for name, line in node_lines(source).items() if "shape=circle" in line)
    edges = [e.strip() for e in edge_lines(source)]
    assert any(e.startswith(f"{names['e']} -> {junction} ") for e in edges)
    assert any(e.startswith(f"{names['f']} -> {junction} ") for e in edges)
    assert sum(e.startswith(f"{junction} -> ") for e in edges) == 1


def test_every_box_names_its_role_speaker_and_side_in_words(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    lines = node_lines(build_dot(workspace, graph, view=View.whole(), options=NO_OVERLAYS).source)
    boxes = {html.unescape(line) for name, line in lines.items() if name.startswith("c")}
    by_text = {re.search(r"(The thesis|Reason a|Objection b|Rebuttal g|Linked f)\.", b).group(1): b for b in boxes if re.search(r"(The thesis|Reason a|Objection b|Rebuttal g|Linked f)\.", b)}  # type: ignore[union-attr]
    assert "★ THESIS" in by_text["The thesis"] and "PRO" in by_text["The thesis"] and "Ann" in by_text["The thesis"]
    assert "✚ REASON" in by_text["Reason a"]
    assert "✖ OBJECTION" in by_text["Objection b"] and "CON" in by_text["Objection b"] and "Ben" in by_text["Objection b"]
    assert "↺ REBUTTAL" in by_text["Rebuttal g"]
    assert "✚ REASON" in by_text["Linked f"]  # a linked premise reads as part of the reason


def test_legend_lists_roles_and_arrows_drawn(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    source = build_dot(workspace, graph, view=View.whole(), options=NO_OVERLAYS).source
    label = html.unescape(next(line for line in source.splitlines() if line.strip().startswith("graph [label=")))
    for words in ("Small debate", "★ THESIS", "✚ REASON", "✖ OBJECTION", "↺ REBUTTAL", "supports (solid)", "rebuts (dashed)", "undercuts", "linked premises"):
        assert words in label
    bare = build_dot(workspace, graph, view=View.whole(), options=RenderOptions(overlays=frozenset(), legend=False)).source
    assert "graph [label=" not in bare


# -- overlays ---------------------------------------------------------------


def test_overlays_appear_only_when_asked(bundled: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = bundled
    analysis = analyze(workspace, graph)
    view = View.whole("ijm-vs-thrupkaew")
    plain = html.unescape(build_dot(workspace, graph, analysis, view, NO_OVERLAYS).source)
    full = html.unescape(build_dot(workspace, graph, analysis, view, RenderOptions(overlays=parse_overlays("all"))).source)
    for mark in ("● IN", "○ OUT", "⚑ DROPPED", "strength █"):
        assert mark not in plain
        assert mark in full
    default = html.unescape(build_dot(workspace, graph, analysis, view, RenderOptions()).source)
    assert "○ OUT" in default and "⚑ DROPPED" in default and "strength █" not in default
    out = [k for k in workspace.maps["ijm-vs-thrupkaew"].claims.values() if analysis.status[k.key].name == "OUT"]
    assert out, "the IJM map has defeated claims"


def test_boxes_sharing_a_speaker_and_role_keep_their_own_status_and_flags(small: tuple[Workspace, nx.DiGraph]) -> None:
    # a and c are both Ann's reasons: their header bars and footers differ only by what the
    # analysis says of each (a is defeated by b and answered; c stands and was never answered)
    workspace, graph = small
    analysis = analyze(workspace, graph)
    source = build_dot(workspace, graph, analysis, View.whole(), RenderOptions(overlays=parse_overlays("all"))).source
    names = {ids([k]).pop(): f"c{i}" for i, k in enumerate(select(workspace, graph, View.whole()).claims)}
    lines = {claim: html.unescape(line) for claim, line in ((c, node_lines(source)[names[c]]) for c in ("a", "c"))}
    assert (analysis.status["small:a"].name, analysis.status["small:c"].name) == ("OUT", "IN")
    assert "○ OUT" in lines["a"] and "● IN" not in lines["a"]
    assert "● IN" in lines["c"] and "○ OUT" not in lines["c"]
    for claim, line in lines.items():
        assert ("⚑ DROPPED" in line) == (f"small:{claim}" in analysis.dropped)
        assert "✚ REASON" in line and "Ann" in line


def test_overlay_names_are_checked() -> None:
    assert parse_overlays("none") == frozenset()
    assert parse_overlays("status, strength") == {"status", "strength"}
    with pytest.raises(ArgmapError, match="unknown overlay 'colour'"):
        parse_overlays("status,colour")


# -- hostile text -----------------------------------------------------------

HOSTILE = (
    'He said "no" <b>bold</b> & \'quoted\' {braces} \\N \\ backslash\\ '
    "line\nbreak ]]> --> <!-- "
    + "x" * 120
    + " مرحبا بالعالم שלום 中文字符没有空格的很长的一段文字中文字符没有空格的很长的一段文字 \x00\x07 end\\"
)


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Workspace, nx.DiGraph]:
    data = json.loads(json.dumps(SMALL))
    data["title"] = 'Title <script>&"\\'
    data["speakers"]["ann"]["name"] = 'Ann "<the> & {one}\\'
    data["claims"]["t"]["text"] = HOSTILE.replace("\x00", "").replace("\x07", "")  # YAML cannot hold NUL
    data["claims"]["t"]["note"] = '<note> "\\n" & }'
    return loaded(write_map(tmp_path, data))


def test_hostile_text_is_escaped_in_labels_and_tooltips(hostile: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = hostile
    source = build_dot(workspace, graph, view=View.whole(), options=RenderOptions(wrap=30)).source
    thesis = node_lines(source)["c0"]
    label = thesis.split(" tooltip=")[0]
    assert "&quot;no&quot;" in label and "&lt;b&gt;bold&lt;/b&gt;" in label and "&amp;" in label
    labels = [line.split(" tooltip=")[0] for line in source.splitlines() if "label=<" in line]
    assert not any(tag in line for line in labels for tag in ("<b>", "<script>", "<the>", "<note>", "<!--"))
    assert any("&lt;script&gt;" in line for line in labels)
    body = re.search(r'CELLPADDING="6"><FONT COLOR="#111111">(.*?)</FONT>', label).group(1)  # type: ignore[union-attr]
    lines = [html.unescape(part) for part in body.split(BREAK)]
    assert all(display_width(line) <= 30 for line in lines), lines
    assert sum(line.count("x") for line in lines) == 120  # the long word is cut, not lost
    tooltip = thesis.split(" tooltip=", 1)[1]
    assert tooltip.startswith('"') and "\\\\N" in tooltip and '\\"no\\"' in tooltip


def test_attribute_values_are_quoted_exactly_as_graphviz_quotes_them() -> None:
    # dot.py quotes tooltips itself, without graphviz's regex: it must agree on hostile text
    from graphviz import quoting

    from argmap.render.dot import _quote

    texts = [HOSTILE, 'say \\"hi\\"', 'a \\\\" b', '\\', '"', "<b>not html</b>", "node", "1.5", "plain_id", "a\nb"]
    for value in [dot_text([text]) for text in texts] + [dot_text(texts), "#B23A00", "0.22", "none"]:
        assert _quote(value) == quoting.quote(value), value


def test_tooltips_are_quoted_exactly_as_graphviz_quotes_them() -> None:
    # dot.py writes tooltips from escaped lines without graphviz's quoting: it must agree on hostile text
    from graphviz import quoting

    from argmap.render.dot import _tooltip
    from argmap.render.text import clean, dot_escape

    texts = [HOSTILE, 'say \\"hi\\"', 'a \\\\" b', "\\", '"', "<b>not html</b>", "", "  ", "a\nb", "ends\\"]
    for lines in [[text, "map:claim"] for text in texts] + [[*texts, "m:a supports m:b"]]:
        assert _tooltip(dot_escape(clean(line)) for line in lines) == quoting.quote(dot_text(lines)), lines


def test_tooltip_text_can_never_close_its_quotes() -> None:
    value = dot_text(['ends in a backslash\\', 'has "quotes"', "<looks like html>"])
    assert "\\\\" in value and not str(value).startswith("<")
    from graphviz import quoting

    quoted = quoting.quote(value)
    assert quoted.startswith('"') and quoted.endswith('"')
    body = quoted[1:-1]
    assert (len(body) - len(body.rstrip("\\"))) % 2 == 0, "an odd run of backslashes would escape the closing quote"


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("one two three four", 9, ["one two", "three", "four"]),
        ("abcdefghijklmnop", 6, ["abcdef", "ghijkl", "mnop"]),
        ("中文字符中文字符", 6, ["中文字", "符中文", "字符"]),
        ("a\nb\tc\x00d", 20, ["a b c d"]),
        ("see https://example.org/a/very/long/path now", 12, ["see https://", "example.org/", "a/very/long/", "path now"]),
    ],
)
def test_wrap_counts_display_columns_and_cuts_long_words(text: str, width: int, expected: list[str]) -> None:
    assert wrap(text, width) == expected


@pytest.mark.parametrize("width", [4, 5, 9, 12, 34])
def test_plain_text_is_filled_as_word_by_word_wrapping_fills_it(width: int) -> None:
    # ASCII text whose words fit takes a faster path; it must break lines in the same places
    from argmap.render.text import _fill, _wrap_words

    texts = ["one two three four", "a bb ccc dddd", "abcd efgh ijkl", "x", "", "ab cd ef gh ij kl mn op qr", " ".join(["word"] * 40)]
    texts += ["a " + "y" * 12 + " b", "y" * 13, "long words " + "z" * width, "z" * (width + 1) + " end"]
    for text in texts:
        fits = max(map(len, text.split(" "))) <= width
        assert _fill(text, width) == (_wrap_words(text.split(" "), width) if fits else None), (text, width)


def test_wrap_ends_in_an_ellipsis_past_the_line_limit() -> None:
    lines = wrap(" ".join(["word"] * 100), 20, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…") and display_width(lines[-1]) <= 20


def test_same_input_same_dot(bundled: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = bundled
    view = View.overview("htc-vs-evolution")
    first = build_dot(workspace, graph, view=view).source
    again = build_dot(workspace, build_graph(workspace), view=view).source
    assert first == again


def test_bad_options_fail_with_one_line() -> None:
    with pytest.raises(ArgmapError, match="unknown theme 'poster'"):
        RenderOptions(theme="poster")
    with pytest.raises(ArgmapError, match="unknown rankdir"):
        RenderOptions(rankdir="UP")
    with pytest.raises(ArgmapError, match="wrap width"):
        RenderOptions(wrap=2)


def test_slides_theme_is_large_and_sixteen_by_nine(small: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, graph = small
    source = build_dot(workspace, graph, options=RenderOptions(theme="slides", overlays=frozenset())).source
    assert 'size="13.333,7.5"' in source and "fontsize=20" in source


# -- dot missing ------------------------------------------------------------


def test_missing_dot_is_one_line_saying_how_to_install(small: tuple[Workspace, nx.DiGraph], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace, graph = small
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    digraph = build_dot(workspace, graph, options=NO_OVERLAYS)
    with pytest.raises(ToolMissingError) as caught:
        render(digraph, tmp_path / "x.svg")
    message = str(caught.value)
    assert "\n" not in message
    for hint in ("apt-get install graphviz", "brew install graphviz", "https://graphviz.org/download"):
        assert hint in message
    assert not (tmp_path / "x.svg").exists()
    # DOT output needs no Graphviz at all
    assert render(digraph, tmp_path / "x.dot").read_text(encoding="utf-8") == digraph.source


def test_a_failing_dot_leaves_the_old_file_and_no_temporary_one(small: tuple[Workspace, nx.DiGraph], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # dot writes the output file itself (through a temporary file beside it): one that
    # dies half way must not replace the diagram that was there, nor leave its part behind
    workspace, graph = small
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "dot"
    fake.write_text('#!/bin/sh\nwhile [ "$1" != "-o" ]; do shift; done\nprintf "<svg half" > "$2"\necho "Error: syntax error in line 3" >&2\nexit 1\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    out = tmp_path / "out" / "x.svg"
    out.parent.mkdir()
    out.write_text("<svg>the old diagram</svg>", encoding="utf-8")
    with pytest.raises(ArgmapError, match="Graphviz dot failed to render svg: Error: syntax error in line 3"):
        render(build_dot(workspace, graph, options=NO_OVERLAYS), out)
    assert out.read_text(encoding="utf-8") == "<svg>the old diagram</svg>"
    assert [p.name for p in out.parent.iterdir()] == ["x.svg"]


def test_a_render_needs_no_fcntl(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipe to dot is widened where Linux allows it; without fcntl (Windows) the render
    is the same, through the default pipe."""
    import sys

    path = write_map(tmp_path, SMALL, "cli")
    assert cli("render", path, "-o", tmp_path / "linux.svg").code == 0
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl now raises ImportError
    assert cli("render", path, "-o", tmp_path / "elsewhere.svg").code == 0
    assert (tmp_path / "elsewhere.svg").read_bytes() == (tmp_path / "linux.svg").read_bytes()


def test_cli_turns_a_missing_dot_into_exit_2(cli: Any, small: tuple[Workspace, nx.DiGraph], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_map(tmp_path, SMALL, "cli")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli("render", path, "-o", tmp_path / "out.png")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "apt-get install graphviz" in result.err


def test_cli_writes_dot_for_a_view(cli: Any, tmp_path: Path) -> None:
    path = write_map(tmp_path, SMALL, "cli")
    result = cli("render", path, "--focus", "a", "--depth", "1", "--format", "dot", "--out-dir", tmp_path / "out")
    assert result.code == 0, result.err
    written = tmp_path / "out" / "focus-a-depth1.dot"
    assert written.is_file() and "digraph" in written.read_text(encoding="utf-8")
    bad = cli("render", path, "--thesis", "zzz", "--format", "dot", "--out-dir", tmp_path / "out")
    assert bad.code == 2 and "no claim 'zzz'" in bad.err


# -- renders/ in sync -------------------------------------------------------


def test_renders_are_in_sync_with_the_bundled_maps() -> None:
    reasons = stale([ARGUMENTS], REPO / "renders")
    assert reasons == [], "\n".join(reasons)


def test_bundle_plans_an_overview_and_a_diagram_per_thesis(bundled: tuple[Workspace, nx.DiGraph]) -> None:
    workspace, _ = bundled
    names = [d.name for d in plan(workspace)]
    for stem in ("ijm-vs-thrupkaew", "htc-vs-evolution", "context"):
        assert f"{stem}/overview" in names
        assert f"{stem}/{ALL_LINKS}" in names  # every bundled map has analyst links
        for claim in workspace.maps[stem].claims.values():
            if claim.kind.value == "thesis":
                assert f"{stem}/thesis-{claim.id}" in names


def test_stale_notices_a_changed_map_and_a_missing_file(tmp_path: Path) -> None:
    maps = tmp_path / "arguments"
    maps.mkdir()
    write_map(maps, SMALL)
    out = tmp_path / "renders"
    workspace, _ = loaded(maps)
    options = RenderOptions()
    recorded = manifest(workspace, options)
    out.mkdir()
    (out / MANIFEST).write_text(json.dumps(recorded), encoding="utf-8")
    for entry in recorded["diagrams"].values():  # type: ignore[attr-defined]
        for file in entry["files"]:
            (out / file).parent.mkdir(parents=True, exist_ok=True)
            (out / file).write_bytes(b"")
    assert stale([maps], out) == []
    (out / "small" / "overview.png").unlink()
    assert any("overview.png: missing" in r for r in stale([maps], out))
    (out / "small" / "overview.png").write_bytes(b"")
    changed = json.loads(json.dumps(SMALL))
    changed["claims"]["c"]["text"] = "Reason c, reworded."
    write_map(maps, changed)
    reasons = stale([maps], out)
    assert reasons and all("small.yaml changed" in r for r in reasons)
    shutil.rmtree(out)
    assert "cannot read the manifest" in stale([maps], out)[0]


# -- analyst links --------------------------------------------------------------


def _analyst_edges(source: str) -> list[str]:
    """The edge statements of analyst links: their tooltip says so."""
    return [e for e in edge_lines(source) if "an analyst\\'s link" in e or "an analyst's link" in e]


def _label(source: str) -> str:
    return html.unescape(next(line for line in source.splitlines() if line.strip().startswith("graph [label=")))


def test_analyst_links_are_left_out_on_the_texts_and_drawn_apart_with_all(tmp_path: Path) -> None:
    workspace = load_workspace([write_debate(tmp_path)])
    texts, every = analyze(workspace, links=Links.TEXTS), analyze(workspace, links=Links.ALL)
    left = build_dot(texts.workspace, texts.graph, texts).source
    assert "xlabel=analyst" not in left and "style=dotted" not in left and not _analyst_edges(left)
    assert "Links: as the texts argue it: analyst links left out" in _label(left)
    drawn = build_dot(every.workspace, every.graph, every).source
    analyst = _analyst_edges(drawn)
    assert len(analyst) == 2  # n-analyst rebuts dropped-point, n-echo supports the thesis
    for edge in analyst:
        own = edge.split("]")[0]  # the edge's own attributes, before its subgraph's defaults
        assert "style=dotted" in own and f'color="{ANALYST_COLOUR}' in own and "xlabel=analyst" in own
    speakers = [e for e in edge_lines(drawn) if e not in analyst]
    assert len(speakers) == len(edge_lines(left)) and not any("style=dotted" in e.split("]")[0] for e in speakers)
    label = _label(drawn)
    assert "grey dotted, “analyst”: an analyst's link; the texts do not make it" in label
    assert "Links: as the analyst reads it" in label
    note = build_dot(every.workspace, every.graph, every, links_note="as the analyst reads it: 2 analyst link(s) counted").source
    assert "Links: as the analyst reads it: 2 analyst link(s) counted" in _label(note)


def test_status_follows_the_links_chosen(tmp_path: Path) -> None:
    workspace = load_workspace([write_debate(tmp_path)])
    boxes = {}
    for links in Links:
        analysis = analyze(workspace, links=links)
        lines = node_lines(build_dot(analysis.workspace, analysis.graph, analysis).source)
        boxes[links] = html.unescape(next(line for line in lines.values() if "DROPPED-POINT" in line))
    assert "● IN" in boxes[Links.TEXTS] and "○ OUT" in boxes[Links.ALL]  # it falls only to the analyst's link


def test_the_bundle_has_an_all_links_overview_where_analyst_links_bear_on_a_map(tmp_path: Path) -> None:
    write_debate(tmp_path)
    write_map(tmp_path, SMALL)
    workspace, _ = loaded(tmp_path)
    names = {d.name: d for d in plan(workspace)}
    assert f"d/{ALL_LINKS}" in names and f"small/{ALL_LINKS}" not in names  # small has no analyst link
    assert names[f"d/{ALL_LINKS}"].links is Links.ALL and names["d/overview"].links is Links.TEXTS
    recorded = manifest(workspace, RenderOptions())["diagrams"]
    assert recorded[f"d/{ALL_LINKS}"]["links"] == "all" and recorded["d/overview"]["links"] == "texts"
    assert recorded[f"d/{ALL_LINKS}"]["files"] == [f"d/{ALL_LINKS}.svg", f"d/{ALL_LINKS}.png"]
    assert recorded[f"d/{ALL_LINKS}"]["dot_sha256"] != recorded["d/overview"]["dot_sha256"]


def test_cli_render_takes_links(cli: Any, tmp_path: Path) -> None:
    path = write_debate(tmp_path)
    for links in ("texts", "all"):
        result = cli("render", path, "--links", links, "--format", "dot", "-o", tmp_path / f"{links}.dot")
        assert result.code == 0, result.err
    assert not _analyst_edges((tmp_path / "texts.dot").read_text(encoding="utf-8"))
    assert len(_analyst_edges((tmp_path / "all.dot").read_text(encoding="utf-8"))) == 2
    assert "2 analyst link(s) left out" in _label((tmp_path / "texts.dot").read_text(encoding="utf-8"))
    refused = cli("render", tmp_path, "--all", "--links", "all", "--out-dir", tmp_path / "out")
    assert refused.code == 2 and "--all draws both readings" in refused.err and not (tmp_path / "out").exists()


# -- staggering wide fans -----------------------------------------------------


def fan_map(reasons: int, depth: int) -> dict[str, Any]:
    """A thesis with ``reasons`` direct reasons, each on top of a chain of ``depth`` reasons."""
    claims: dict[str, Any] = {"t": {"text": "The thesis.", "kind": "thesis", "by": "ann"}}
    for i in range(reasons):
        claims[f"r{i}"] = {"text": f"Reason {i}.", "by": "ann", "supports": ["t"]}
        for level in range(depth):
            above = f"r{i}" if level == 0 else f"r{i}x{level - 1}"
            claims[f"r{i}x{level}"] = {"text": f"Reason {i} level {level}.", "by": "ann", "supports": [above]}
    return {**SMALL, "title": "Fan", "claims": claims}


def thesis_edge_lengths(source: str) -> list[int]:
    """The ``minlen`` of every arrow into the thesis (``c0``), 1 where none is set."""
    return [int(m.group(1)) if (m := re.search(r"minlen=(\d+)", line)) else 1 for line in edge_lines(source) if " -> c0 " in line]


def test_a_wide_fan_of_reasons_with_their_own_answers_is_staggered(tmp_path: Path) -> None:
    # eight reasons, each with one reason of its own: 16 boxes in two rows, 4:1 unstaggered
    workspace, graph = loaded(write_map(tmp_path, fan_map(8, 1)))
    lengths = thesis_edge_lengths(build_dot(workspace, graph, options=NO_OVERLAYS).source)
    assert len(lengths) == 8
    assert lengths.count(1) >= 2 and lengths.count(2) >= 2, lengths


def test_a_fan_already_taller_than_wide_is_not_staggered(tmp_path: Path) -> None:
    # the same eight reasons on chains seven boxes deep: staggering would only make it taller
    workspace, graph = loaded(write_map(tmp_path, fan_map(8, 6)))
    assert set(thesis_edge_lengths(build_dot(workspace, graph, options=NO_OVERLAYS).source)) == {1}


# -- what dot made, remembered by content ------------------------------------------------------


def test_dot_lays_out_each_diagram_once(small: tuple[Workspace, nx.DiGraph], dot_log: DotLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.render import run

    workspace, graph = small
    source = build_dot(workspace, graph, options=NO_OVERLAYS).source
    first = run.render_source(source, tmp_path / "one.svg").read_bytes()
    assert dot_log.runs() == 1 and first.startswith(b"<?xml")
    # the same DOT again, to a file and to memory: what dot wrote, without running it
    assert run.render_source(source, tmp_path / "two.svg").read_bytes() == first
    assert run.run_dot(source, "svg") == first
    assert dot_log.runs() == 1
    # the user's alone, as the rest of the cache (the first render may be what makes the folder)
    (memo,) = (tmp_path / "cache" / "dot").iterdir()
    assert [p.stat().st_mode & 0o777 for p in (tmp_path / "cache", memo.parent, memo)] == [0o700, 0o700, 0o600]
    # anything that changes the picture is drawn afresh: the resolution, the DOT, the format
    png = run.run_dot(source, "png", dpi=60)
    assert run.run_dot(source, "png", dpi=90) != png
    assert run.run_dot(source + "\n// an edit\n", "svg") is not None
    assert run.run_dot(source, "pdf").startswith(b"%PDF")
    assert dot_log.runs() == 5
    assert run.run_dot(source, "png", dpi=60) == png and dot_log.runs() == 5
    # with the cache off, dot runs every time
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert run.run_dot(source, "svg") == first
    assert dot_log.runs() == 6


def test_another_dot_program_draws_afresh(small: tuple[Workspace, nx.DiGraph], dot_log: DotLog, tmp_path: Path) -> None:
    # an upgraded Graphviz may lay the same DOT out otherwise: its pictures are its own
    from argmap.render import run

    workspace, graph = small
    source = build_dot(workspace, graph, options=NO_OVERLAYS).source
    run.run_dot(source, "svg")
    wrapper = tmp_path / "bin" / "dot"
    wrapper.write_text(wrapper.read_text(encoding="utf-8") + "# Graphviz, upgraded\n", encoding="utf-8")
    run._dot_programs.clear()  # a new process looks the program up again
    run.run_dot(source, "svg")
    assert dot_log.runs() == 2


def test_a_memo_that_cannot_be_read_is_drawn_again(small: tuple[Workspace, nx.DiGraph], dot_log: DotLog, tmp_path: Path) -> None:
    from argmap.render import run

    workspace, graph = small
    source = build_dot(workspace, graph, options=NO_OVERLAYS).source
    first = run.run_dot(source, "svg")
    (memo,) = (tmp_path / "cache" / "dot").iterdir()
    memo.unlink()
    memo.mkdir()  # in the way: neither readable nor replaceable
    assert run.run_dot(source, "svg") == first
    assert run.render_source(source, tmp_path / "out.svg").read_bytes() == first
    assert dot_log.runs() == 3


def test_the_memo_keeps_to_its_size_dropping_the_least_recently_used(small: tuple[Workspace, nx.DiGraph], dot_log: DotLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from argmap.render import run

    workspace, graph = small
    source = build_dot(workspace, graph, options=NO_OVERLAYS).source
    sources = [f"{source}\n// {n}\n" for n in range(4)]
    size = len(run.run_dot(sources[0], "svg"))
    monkeypatch.setattr(run, "MEMO_BYTES", int(2.5 * size))  # room for two
    folder = tmp_path / "cache" / "dot"
    (zero,) = folder.iterdir()
    os.utime(zero, (1, 1))  # used long ago
    run.run_dot(sources[1], "svg")
    (one,) = set(folder.iterdir()) - {zero}
    os.utime(one, (2, 2))  # used after 0 (times set: the clock's tick is coarser than these steps)
    run.run_dot(sources[0], "svg")  # used again: now the most recent
    run.run_dot(sources[2], "svg")  # over the budget: 1 goes, the least recently used
    assert len(list(folder.iterdir())) == 2
    runs = dot_log.runs()
    run.run_dot(sources[0], "svg")
    run.run_dot(sources[2], "svg")
    assert dot_log.runs() == runs
    run.run_dot(sources[1], "svg")
    assert dot_log.runs() == runs + 1


def test_a_deck_made_again_runs_dot_only_for_what_an_edit_changed(cli: Any, dot_log: DotLog, tmp_path: Path) -> None:
    maps = tmp_path / "arguments"
    shutil.copytree(Path(__file__).parent.parent / "arguments", maps)
    assert cli("slides", maps, "-o", tmp_path / "one.pptx").code == 0
    first = dot_log.runs()
    assert first >= 20  # several layouts a diagram, and its picture
    assert cli("slides", maps, "-o", tmp_path / "two.pptx").code == 0
    assert dot_log.runs() == first
    # an edit to one claim's text redraws the diagrams that show it, and only those
    path = maps / "ijm-vs-thrupkaew.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("Thrupkaew's series contains many inaccuracies", "Thrupkaew's series has many inaccuracies", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    graphs = dot_log.graphs()
    assert cli("slides", maps, "-o", tmp_path / "three.pptx").code == 0
    assert first > dot_log.runs() - first > 0
    assert 0 < dot_log.graphs() - graphs < graphs / 4


def test_the_memo_is_pruned_once_a_process_not_once_a_drawing(small: tuple[Workspace, nx.DiGraph], dot_log: DotLog, monkeypatch: pytest.MonkeyPatch) -> None:
    # pruning stats every entry (18 ms for 4,000): a deck of 180 new drawings paid it 180 times
    from argmap.render import run

    workspace, graph = small
    source = build_dot(workspace, graph, options=NO_OVERLAYS).source
    monkeypatch.setattr(run, "_kept_since_pruning", None)
    pruned: list[str] = []
    real = run._prune
    monkeypatch.setattr(run, "_prune", lambda folder: pruned.append(folder) or real(folder))
    for n in range(6):
        run.run_dot(f"{source}\n// {n}\n", "svg")
    assert dot_log.runs() == 6 and len(pruned) == 1
    monkeypatch.setattr(run, "MEMO_BYTES", 1)  # over budget: every drawing kept prunes again
    run.run_dot(f"{source}\n// 6\n", "svg")
    assert len(pruned) == 2


# -- dot reads the diagram as it is built -------------------------------------------------------


def test_the_pieces_of_a_diagram_make_up_its_source(bundled: tuple[Workspace, nx.DiGraph]) -> None:
    from argmap.render.dot import BOXES_A_PIECE, dot_pieces

    workspace, graph = bundled
    analysis = analyze(workspace)
    for view in (View.whole(), View.whole("ijm-vs-thrupkaew"), View.overview(), View.focus("htc-raids-flawed", 2)):
        for options in (RenderOptions(), NO_OVERLAYS, RenderOptions(theme="slides", legend=False)):
            pieces = list(dot_pieces(workspace, graph, analysis, view, options))
            assert "".join(pieces) == build_dot(workspace, graph, analysis, view, options).source
    # the whole map's boxes come in several pieces, for dot to read while the rest is built
    boxes = sum(len(node_lines(piece)) for piece in dot_pieces(workspace, graph, analysis))
    assert boxes > 2 * BOXES_A_PIECE
    assert max(len(node_lines(piece)) for piece in dot_pieces(workspace, graph, analysis)) <= BOXES_A_PIECE


def fake_dot(folder: Path, script: str) -> str:
    """A ``dot`` of our own, and a PATH where it comes first (``$out``: the file it was told to write)."""
    folder.mkdir(exist_ok=True)
    fake = folder / "dot"
    fake.write_text(f'#!/bin/sh\nfor a in "$@"; do out="$a"; done\n{script}\n', encoding="utf-8")
    fake.chmod(0o755)
    return os.pathsep.join([str(folder), os.environ.get("PATH", "")])


def test_dot_runs_while_the_maps_are_read(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # dot's start and its reading of the DOT overlap argmap's reading of the maps and
    # building of the diagram, instead of following them
    import time

    from argmap.commands import render as command

    started = tmp_path / "dot-started"
    real = shutil.which("dot")
    assert real is not None, "Graphviz dot is needed"
    monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", f': > "{started}"\nexec "{real}" "$@"'))
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    seen = []
    patience = [10.0]
    load = command._load

    def loading(*args: Any) -> Any:
        waited = time.monotonic()
        while not started.exists() and time.monotonic() - waited < patience[0]:
            time.sleep(0.01)
        seen.append(started.exists())
        return load(*args)

    monkeypatch.setattr(command, "_load", loading)
    path = write_map(tmp_path, SMALL)
    assert cli("render", path, "-o", tmp_path / "x.svg").code == 0
    assert seen == [True]
    started.unlink()
    patience[0] = 0.5
    assert cli("render", path, "--format", "dot", "-o", tmp_path / "x.dot").code == 0
    assert seen == [True, False]  # no dot for DOT: nothing was started
    # what dot was given is the DOT argmap writes
    alone = subprocess.run([real, "-Tsvg", tmp_path / "x.dot"], capture_output=True, check=True).stdout
    assert (tmp_path / "x.svg").read_bytes() == alone


def test_a_dot_failing_half_way_through_the_diagram_is_one_line_and_leaves_nothing(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # dot reads the DOT while argmap still builds it: one that fails part way (here after
    # 4 KB of a diagram of 300 KB) stops the render with its message, writes no picture and
    # leaves no DOT remembered but the whole one
    from argmap.generate import write_synthetic

    path = tmp_path / "maps" / "big.yaml"
    write_synthetic(path, 250, seed=3)
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", 'head -c 4096 > /dev/null\nprintf "<svg half" > "$out"\necho "Error: syntax error in line 3 near \'<\'" >&2\nexit 1'))
    out = tmp_path / "out" / "x.svg"
    out.parent.mkdir()
    out.write_text("<svg>the old diagram</svg>", encoding="utf-8")
    result = cli("render", path, "-o", out)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Graphviz dot failed to render svg: Error: syntax error in line 3" in result.err
    assert out.read_text(encoding="utf-8") == "<svg>the old diagram</svg>"
    assert [p.name for p in out.parent.iterdir()] == ["x.svg"]
    # a dot that ends well without reading it all drew something else: a failure too
    fake_dot(tmp_path / "bin", 'head -c 4096 > /dev/null\nprintf "<svg/>" > "$out"')
    result = cli("render", path, "-o", out)
    assert result.code == 2 and result.err.count("\n") == 1 and "Graphviz dot failed to render svg: exit status 0" in result.err
    assert out.read_text(encoding="utf-8") == "<svg>the old diagram</svg>"
    # what is remembered of the view is its whole DOT
    assert cli("render", path, "--format", "dot", "-o", tmp_path / "remembered.dot").code == 0
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert cli("render", path, "--format", "dot", "-o", tmp_path / "fresh.dot").code == 0
    assert (tmp_path / "remembered.dot").read_text(encoding="utf-8") == (tmp_path / "fresh.dot").read_text(encoding="utf-8")


def test_a_map_that_fails_to_draw_stops_the_dot_started_for_it(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen[bytes]] = []

    class Recorded(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(subprocess, "Popen", Recorded)
    path = write_map(tmp_path, SMALL)
    out = tmp_path / "out" / "x.svg"
    result = cli("render", path, "--thesis", "zzz", "-o", out)
    assert result.code == 2 and result.err.count("\n") == 1 and "zzz" in result.err
    (dot,) = started
    assert dot.args[0] == "dot" and dot.returncode is not None  # ended and waited for
    with pytest.raises(ProcessLookupError):
        os.kill(dot.pid, 0)
    assert list(out.parent.iterdir()) == []


def test_a_remembered_picture_runs_no_dot(cli: Any, dot_log: DotLog, tmp_path: Path) -> None:
    import time

    path = write_map(tmp_path, SMALL)
    os.utime(path, (time.time() - 60, time.time() - 60))  # not written just before it is read: its DOT is remembered
    assert cli("render", path, "-o", tmp_path / "one.svg").code == 0
    assert dot_log.runs() == 1
    # the maps unchanged: the view's DOT and dot's picture of it are remembered
    assert cli("render", path, "-o", tmp_path / "two.svg").code == 0
    assert dot_log.runs() == 1
    # an edit that draws the same DOT: dot is started while it is built, then stopped
    # unread, and the picture it drew before is written
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert cli("render", path, "-o", tmp_path / "three.svg").code == 0
    assert (tmp_path / "two.svg").read_bytes() == (tmp_path / "three.svg").read_bytes() == (tmp_path / "one.svg").read_bytes()
    assert len(list((tmp_path / "cache" / "dot").iterdir())) == 1
