"""The renderer with the real Graphviz ``dot``: hostile text, every format, the bundle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.graph import build_graph
from argmap.load import load_workspace
from argmap.render import RenderOptions, build_dot, render, render_focus
from argmap.render.bundle import MANIFEST, render_all, stale
from conftest import run_argmap

pytestmark = pytest.mark.exe

REPO = Path(__file__).resolve().parents[1]
ARGUMENTS = REPO / "arguments"
MAGIC = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}

HOSTILE_MAP: dict[str, Any] = {
    "argmap": 1,
    "title": 'Hostile <title> & "quotes" \\ {braces}',
    "sides": {"pro": {"label": "Pro <side> & co"}, "con": {"label": "Con\\side"}},
    "speakers": {"ann": {"name": 'Ann "<x>" \\', "side": "pro"}, "ben": {"name": "بن 中文", "side": "con"}},
    "claims": {
        "t": {"text": 'A "thesis" with <b>tags</b> & {braces} \\N \\l \\ and a trailing backslash\\', "kind": "thesis", "by": "ann",
              "note": '<!-- "note" --> \\'},
        "a": {"text": "y" * 300, "by": "ann", "supports": ["t"]},
        "b": {"text": "مرحبا بالعالم، هذا اعتراض طويل جدا على الحجة " * 3, "by": "ben", "rebuts": ["a"]},
        "c": {"text": "中文字符没有空格的很长的一段文字" * 6, "by": "ben", "undercuts": ["a -> t"]},
        "d": {"text": "line one\nline two\r\n]]> </TD></TR></TABLE>> ]; digraph { x }", "by": "ann", "supports": [{"to": "t", "with": ["e"]}]},
        "e": {"text": "&amp; &lt; already escaped?", "by": "ann"},
    },
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(HOSTILE_MAP, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_hostile_text_renders_in_every_format(hostile: Path, tmp_path: Path, fmt: str) -> None:
    workspace = load_workspace([hostile], verify_quotes=False)
    assert workspace.ok
    graph = build_graph(workspace)
    digraph = build_dot(workspace, graph, options=RenderOptions(overlays=frozenset({"status", "strength", "dropped"})))
    out = render(digraph, tmp_path / f"hostile.{fmt}")
    data = out.read_bytes()
    assert data.startswith(MAGIC[fmt])
    if fmt == "svg":
        text = data.decode("utf-8")
        assert "&lt;b&gt;tags&lt;/b&gt;" in text and "<b>tags" not in text
        assert "中文字" in text and "مرحبا" in text


def test_every_theme_and_direction_renders(hostile: Path, tmp_path: Path) -> None:
    workspace = load_workspace([hostile], verify_quotes=False)
    graph = build_graph(workspace)
    for theme in ("screen", "print", "slides"):
        for rankdir in ("BT", "LR"):
            out = render(build_dot(workspace, graph, options=RenderOptions(theme=theme, rankdir=rankdir)), tmp_path / f"{theme}-{rankdir}.svg")
            assert out.read_bytes().startswith(MAGIC["svg"])


def test_render_focus_draws_a_bundled_claim(tmp_path: Path) -> None:
    workspace = load_workspace([ARGUMENTS], verify_quotes=False)
    out = render_focus(workspace, "ijm-vs-thrupkaew:law-enforcement-essential", 1, tmp_path / "focus.png", "png")
    assert out.read_bytes().startswith(MAGIC["png"])
    svg = render_focus(workspace, "ijm-vs-thrupkaew:law-enforcement-essential", 1, tmp_path / "focus.svg").read_text(encoding="utf-8")
    assert "THESIS" in svg and "REASON" in svg


def test_cli_renders_each_view_of_a_bundled_map(cli: Any, tmp_path: Path) -> None:
    stem = ARGUMENTS / "htc-vs-evolution.yaml"
    for args in (["--overview"], ["--thesis", "evo-thesis"], ["--side", "htc"], ["--focus", "evo-thesis", "--depth", "2"], []):
        result = cli("render", stem, *args, "--out-dir", tmp_path, "--format", "svg")
        assert result.code == 0, (args, result.err)
    workspace = load_workspace([ARGUMENTS], verify_quotes=False)
    from argmap.analysis import analyze
    from argmap.analysis.links import Links

    chained = analyze(workspace, links=Links.TEXTS).chains[0].claims[-1]  # render's --links default
    result = cli("render", ARGUMENTS, "--chain", chained, "-o", tmp_path / "chain.png")
    assert result.code == 0, result.err
    assert (tmp_path / "chain.png").read_bytes().startswith(MAGIC["png"])


def test_render_all_writes_the_bundle_and_its_manifest(tmp_path: Path) -> None:
    maps = tmp_path / "arguments"
    maps.mkdir()
    (maps / "hostile.yaml").write_text(yaml.safe_dump(HOSTILE_MAP, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "renders"
    written = render_all([maps], out)
    assert {p.relative_to(out).as_posix() for p in written} == {"hostile/overview.svg", "hostile/overview.png", "hostile/thesis-t.svg", "hostile/thesis-t.png", "hostile.html"}
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["diagrams"]["hostile/thesis-t"]["view"] == "thesis"
    assert stale([maps], out) == []


def test_render_all_writes_both_readings_of_a_map_with_analyst_links(tmp_path: Path) -> None:
    from debate_views import write_debate

    maps = tmp_path / "arguments"
    maps.mkdir()
    write_debate(maps)
    out = tmp_path / "renders"
    written = {p.relative_to(out).as_posix() for p in render_all([maps], out)}
    assert {"d/overview.svg", "d/overview.png", "d/overview-all-links.svg", "d/overview-all-links.png"} <= written
    texts, every = ((out / "d" / f"{name}.svg").read_text(encoding="utf-8") for name in ("overview", "overview-all-links"))
    assert ">analyst<" not in texts and every.count(">analyst<") == 2  # the label beside each analyst link
    assert "as the texts argue it: 2 analyst link(s) left out" in texts and "as the analyst reads it: 2 analyst link(s) counted" in every
    assert stale([maps], out) == []


def test_render_to_standard_output_gives_the_file_it_would_write(tmp_path: Path) -> None:
    import subprocess
    import sys

    stem = ARGUMENTS / "htc-vs-evolution.yaml"
    written = tmp_path / "overview.svg"
    assert run_argmap("render", stem, "--overview", "-o", written, cwd=tmp_path).code == 0
    piped = run_argmap("render", stem, "--overview", "-o", "-", cwd=tmp_path)
    assert piped.code == 0, piped.err
    assert piped.out == written.read_text(encoding="utf-8")  # the picture alone: no "wrote …" line in it
    assert not (tmp_path / "-").exists()
    png = subprocess.run([sys.executable, "-m", "argmap", "render", stem, "--overview", "--format", "png", "-o", "-"], capture_output=True, cwd=tmp_path, timeout=120)
    assert png.returncode == 0 and png.stdout.startswith(MAGIC["png"])
    together = run_argmap("render", stem, "--all", "-o", "-", cwd=tmp_path)
    assert together.code == 2 and "--all" in together.err and "Traceback" not in together.err
