"""``argmap html`` without a browser: the page's model, its safety, its diagrams, the command.

What the page does in a browser is tested in ``test_html_browser.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import graphviz
import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.links import Links
from argmap.cli import main
from argmap.errors import ToolMissingError
from argmap.export.common import prepare
from argmap.export.html import page_json, plan_page, render_page
from argmap.export.html.diagrams import _Neighbourhoods, focus_sources, minify
from argmap.load import load_workspace
from argmap.model import Workspace
from argmap.render import RenderOptions, View, build_dot
from conftest import DotLog
from test_wheel import elsewhere, installed, run  # noqa: F401 -- a wheel in a fresh venv, a copy of the maps

REPO = Path(__file__).resolve().parents[1]
ARGUMENTS = REPO / "arguments"
IJM = "ijm-vs-thrupkaew"


def _data(page: str) -> dict[str, object]:
    start = page.index('id="argmap-data">') + len('id="argmap-data">')
    return dict(json.loads(page[start : page.index("</script>", start)]))


@given(st.text())
def test_page_json_never_closes_its_script(text: str) -> None:
    encoded = page_json({"t": text, "k": [text]})
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == {"t": text, "k": [text]}


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    return load_workspace([ARGUMENTS])


def test_the_model_is_the_analysis(workspace: Workspace) -> None:
    plan = plan_page(workspace, [IJM], links=Links.TEXTS, diagrams=0)
    data = plan.model.data
    analysis = prepare(workspace, [IJM], links=Links.TEXTS)[0].analysis
    claims = data["claims"]
    by_key = {c["k"]: c for c in claims}
    own = [k for k in workspace.claims if k.startswith(f"{IJM}:")]
    assert set(own) <= set(by_key)
    for key, claim in by_key.items():
        assert claim["y"] == analysis.reason(key)
        assert data["statuses"][claim["st"]] == analysis.status[key].name
        assert ("x" in claim) == (not key.startswith(f"{IJM}:"))  # context claims are marked
    dropped = [k for k in own if by_key[k].get("rs") == [r[0] for r in data["responses"]].index("dropped")]
    assert sorted(dropped) == sorted(k for k in analysis.dropped if k.startswith(f"{IJM}:"))
    # every relation is listed from both ends, and the analyst's links are left out on the texts' reading
    for index, claim in enumerate(claims):
        for other, rel, _ in claim.get("in", []):
            assert any(r == rel for _, r in claims[other].get("out", [])), (claim["k"], other)
            assert data["rels"][rel]["t"] == index
    assert not any(r.get("a") for r in data["rels"])
    assert len(data["clashes"]) == len([c for c in analysis.clashes if c.attacker in by_key and c.target in by_key])
    ijm = next(m for m in data["maps"] if m["stem"] == IJM)
    assert [claims[i]["k"] for i in ijm["theses"]] == [k for k in own if workspace.claims[k].kind.value == "thesis"]
    assert "analyst link" in ijm["links"]


def test_all_links_marks_the_analysts(workspace: Workspace) -> None:
    data = plan_page(workspace, [IJM], links=Links.ALL, diagrams=0).model.data
    assert any(r.get("a") for r in data["rels"])
    assert data["links"] == "all"


@pytest.mark.parametrize("depth", [1, 2])
def test_a_neighbourhood_drawn_from_its_cut_down_workspace_is_the_same_diagram(workspace: Workspace, depth: int) -> None:
    """The speed-up of :mod:`argmap.export.html.diagrams` changes nothing: the DOT of every
    claim's neighbourhood is byte for byte what ``argmap render --focus`` builds."""
    from argmap.analysis import analyze

    analysis = analyze(workspace, links=Links.TEXTS)
    keys = list(analysis.workspace.claims)
    options = RenderOptions()
    fast = list(focus_sources(analysis, keys, depth, options, lambda stem: "links"))
    for key, diagram in zip(keys, fast):
        slow = build_dot(analysis.workspace, analysis.graph, analysis, View.focus(key, depth), options, links_note="links")
        assert diagram.source == slow.source, key
    cut = _Neighbourhoods(analysis.workspace, analysis)
    assert len(cut.around(keys[0], depth).claims) < len(keys)


@pytest.mark.exe
def test_the_page_is_one_file_that_fetches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert main(["html", str(ARGUMENTS / f"{IJM}.yaml"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<link\b|\ssrc=|@import|url\(|<iframe|<object|<embed", page)
    assert len(page.encode("utf-8")) < 400_000, "the bundled debate's page is a few hundred KB at most"
    data = _data(page)
    assert data["diagrams"]["chunks"] >= 1  # type: ignore[index]
    assert len(data["focus"]) == len([c for c in data["claims"] if "x" not in c])  # type: ignore[arg-type, union-attr]
    # the same maps give the same bytes
    again = tmp_path / "again.html"
    assert main(["html", str(ARGUMENTS / f"{IJM}.yaml"), "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.exe
def test_minified_diagrams_are_well_formed_and_tag_their_boxes(workspace: Workspace) -> None:
    import xml.dom.minidom

    from argmap.analysis import analyze

    analysis = analyze(workspace, links=Links.TEXTS)
    keys = [k for k in analysis.workspace.claims if k.startswith(f"{IJM}:")][:8]
    number = {k: i for i, k in enumerate(analysis.workspace.claims)}
    for diagram in focus_sources(analysis, keys, 1, RenderOptions(), lambda stem: "links"):
        svg = graphviz.pipe("dot", "svg", diagram.source.encode("utf-8")).decode("utf-8")
        small = minify(svg, [number[k] for k in diagram.boxes])
        document = xml.dom.minidom.parseString(small)
        tagged = {int(g.getAttribute("data-c")) for g in document.getElementsByTagName("g") if g.getAttribute("data-c")}
        assert tagged == {number[k] for k in diagram.boxes}
        assert " id=" not in small and "<title>" not in small and "xlink:title" not in small


@pytest.mark.exe
def test_a_diagram_drawn_in_a_batch_is_kept_as_dot_draws_it_alone(workspace: Workspace) -> None:
    # the page draws its diagrams many to a dot process and remembers each as the page keeps
    # it: that must not depend on the batch (dot numbers a graph's ids by the graphs before it)
    from argmap.analysis import analyze
    from argmap.export.html.diagrams import _run_dot, clean
    from argmap.render.run import run_dot

    analysis = analyze(workspace, links=Links.TEXTS)
    keys = [k for k in analysis.workspace.claims if k.startswith(f"{IJM}:")][:5]
    sources = [d.source for d in focus_sources(analysis, keys, 1, RenderOptions(), lambda stem: "links")]
    batched = _run_dot(sources)
    alone = [run_dot(source, "svg").decode("utf-8") for source in sources]
    assert batched[1:] != alone[1:]  # the ids differ ...
    assert [clean(svg) for svg in batched] == [clean(svg) for svg in alone]  # ... and nothing else


@pytest.mark.exe
def test_a_page_made_again_runs_dot_only_for_what_an_edit_changed(tmp_path: Path, dot_log: DotLog) -> None:
    import shutil

    maps = tmp_path / "arguments"
    shutil.copytree(ARGUMENTS, maps)
    assert main(["html", str(maps), "-o", str(tmp_path / "one.html")]) == 0
    first = dot_log.runs()
    graphs = dot_log.graphs()
    assert graphs > 200  # a diagram for each claim, and one of each map
    assert main(["html", str(maps), "-o", str(tmp_path / "two.html")]) == 0
    assert dot_log.runs() == first
    assert (tmp_path / "two.html").read_bytes() == (tmp_path / "one.html").read_bytes()
    path = maps / f"{IJM}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Thrupkaew's series contains many inaccuracies", "Thrupkaew's series has many inaccuracies", 1), encoding="utf-8")
    assert main(["html", str(maps), "-o", str(tmp_path / "three.html")]) == 0
    assert (tmp_path / "three.html").read_bytes() != (tmp_path / "one.html").read_bytes()
    assert 0 < dot_log.graphs() - graphs < graphs / 10  # the diagrams that show the edited claim


def test_a_page_without_diagrams_needs_no_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dot(*args: object, **kwargs: object) -> bytes:
        raise graphviz.ExecutableNotFound(("dot",))

    monkeypatch.setattr(graphviz, "pipe", no_dot)
    out = tmp_path / "plain.html"
    assert main(["html", str(ARGUMENTS / f"{IJM}.yaml"), "-o", str(out), "--diagrams", "none"]) == 0
    data = _data(out.read_text(encoding="utf-8"))
    assert data["focus"] == {} and data["diagrams"]["chunks"] == 0  # type: ignore[index]
    workspace = load_workspace([ARGUMENTS / f"{IJM}.yaml"])
    with pytest.raises(ToolMissingError, match="--diagrams 0"):
        render_page(plan_page(workspace, [IJM], diagrams=2))


def test_the_command_refuses_a_broken_map_and_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\ntitle: x\nclaims:\n  a: {text: A, by: nobody}\n", encoding="utf-8")
    assert main(["html", str(broken), "-o", str(tmp_path / "x.html")]) == 2
    assert "unknown speaker" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(SystemExit):
        main(["html", str(broken), "--diagrams", "lots"])


def test_a_folder_page_holds_every_map(tmp_path: Path) -> None:
    out = tmp_path / "all.html"
    assert main(["html", str(ARGUMENTS), "-o", str(out), "--diagrams", "3"]) == 0
    data = _data(out.read_text(encoding="utf-8"))
    primary = [m["stem"] for m in data["maps"] if m.get("primary")]  # type: ignore[attr-defined, union-attr]
    assert primary == ["context", "htc-vs-evolution", IJM]
    assert len(data["focus"]) == 3  # type: ignore[arg-type]
    # with several maps, claims are named by their full key
    assert all(c["i"] == c["k"] for c in data["claims"])  # type: ignore[attr-defined, union-attr]


@pytest.mark.exe
def test_the_wheel_ships_the_pages_assets(installed: Path, elsewhere: Path) -> None:  # noqa: F811 -- the fixtures imported above
    """A wheel built from this checkout writes a page with its stylesheet and script inlined
    (they are package data: an editable install would find them anyway)."""
    run(installed / "bin" / "argmap", "html", f"{IJM}.yaml", "-o", "page.html", "--diagrams", "2", cwd=elsewhere)
    page = (elsewhere / "page.html").read_text(encoding="utf-8")
    assert "function VList(" in page and ".vlist {" in page and "{{" not in page.split('id="argmap-data"')[0]
