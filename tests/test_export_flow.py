"""The flow sheet: speech-order columns, answers across from what they answer, every kind of reply marked."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

import pytest

from argmap.analysis.links import Links
from argmap.export.common import load_debates
from argmap.export.flow import FlowSheet, flow_csv, flow_html, flow_sheet, reply_mark
from debate_views import WORDS, reasons, write_debate

ARGUMENTS = Path(__file__).resolve().parents[1] / "arguments"
IJM = ARGUMENTS / "ijm-vs-thrupkaew.yaml"


@pytest.fixture(scope="module")
def sheet() -> FlowSheet:
    return flow_sheet(load_debates([IJM])[0])


def test_columns_are_the_speeches_in_order(sheet: FlowSheet) -> None:
    assert [c.title for c in sheet.columns] == [
        "Letter: Amy E. Roth (IJM)",
        "Letter: IJM vice president, government relations",
        "Letter: IJM director, Manila field office",
        "Thrupkaew Replies",
    ]
    sources = sheet.debate.map.sources
    for cell in sheet.cells:
        claim = sheet.debate.claim(cell.key)
        assert claim.quote is not None and cell.column == sources[claim.quote.source].order


def test_every_claim_once_and_no_two_in_one_place(sheet: FlowSheet) -> None:
    assert sorted(c.key for c in sheet.cells) == sorted(sheet.debate.claims)
    assert len({(c.row, c.column) for c in sheet.cells}) == len(sheet.cells)


def test_answers_sit_across_from_what_they_answer(sheet: FlowSheet) -> None:
    for cell in sheet.cells:
        if cell.parent is None:
            continue
        parent = sheet.cell(cell.parent)
        assert cell.block == parent.block
        assert cell.row >= parent.row
        if cell.column > parent.column and cell.row > parent.row:
            # pushed down only because its own column was taken at the parent's row
            assert any(c.column == cell.column and parent.row <= c.row < cell.row for c in sheet.cells)
    training = sheet.cell("ijm-vs-thrupkaew:training-insufficient")
    assert training.parent == "ijm-vs-thrupkaew:corruption-calls-for-training" and training.how == "answers"
    assert training.row == sheet.cell(training.parent).row


def test_csv_grid_has_speech_columns_and_marks_replies(sheet: FlowSheet) -> None:
    rows = list(csv.reader(io.StringIO(flow_csv([sheet]))))
    assert rows[0] == [f"{i}. {c.title}" for i, c in enumerate(sheet.columns, 1)]
    assert len(rows) == sheet.rows + 2
    assert rows[-1][0].startswith("Links: as the texts argue it: ")
    texts = {" ".join(sheet.debate.claim(k).text.split()): k for k in sheet.debate.claims}
    seen = 0
    for line in rows[1:-1]:
        for column, value in enumerate(line):
            if not value:
                continue
            seen += 1
            key = next(k for t, k in texts.items() if t in value)
            assert sheet.cell(key).column == column
            mark = reply_mark(sheet.debate, key)
            assert value.endswith(f"[{mark}]") if mark else not value.endswith("]")
            assert value.endswith("[DROPPED]") == sheet.debate.dropped(key)
            assert value.startswith("#")  # never read as a spreadsheet formula
    assert seen == len(sheet.cells)


def test_csv_refuses_several_debates(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("flow", ARGUMENTS, "-o", tmp_path / "f.csv")
    assert result.code == 2 and "one debate" in result.err
    assert not (tmp_path / "f.csv").exists()


def test_html_is_self_contained_escaped_and_marks_drops(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: '<i>T</i>'\nsides:\n  a: {label: A}\n  b: {label: B}\n"
        "speakers:\n  x: {name: '<b>X</b>', side: a}\n  y: {name: Y, side: b}\n"
        "claims:\n"
        "  t: {text: '<script>alert(1)</script> & \"q\"', kind: thesis, by: x}\n"
        "  o: {text: 'Nope', by: y, rebuts: [t]}\n",
        encoding="utf-8",
    )
    page = flow_html([flow_sheet(d) for d in load_debates([path])])
    assert "<script" not in page and "<b>X" not in page and "<i>T" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;" in page
    assert "<link" not in page and "src=" not in page and "@import" not in page
    assert "size: landscape" in page
    cells = page.split('<div class="claim"')[1:]
    assert len(cells) == 2
    assert ["DROPPED" in c for c in cells] == [False, True]  # "Nope" is never answered; the thesis is


def test_cli_writes_html(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "flow.html"
    result = cli("flow", IJM, "-o", out)
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert page.count("<th>") == 4
    assert "Training and capacity-building are not enough." in page


def test_each_cell_says_what_became_of_its_claim(tmp_path: Path) -> None:
    sheet = flow_sheet(load_debates([write_debate(tmp_path)])[0])
    rows = list(csv.reader(io.StringIO(flow_csv([sheet]))))
    marks = {}
    for value in (v for line in rows[1:-1] for v in line if v):
        key = next(k for k, words in WORDS.items() if words in value)
        marks[key] = value.rpartition(" [")[2].rstrip("]") if value.endswith("]") else None
    assert marks == {
        "blog-point": "NOT ENGAGED", "thesis": "DROPPED", "dropped-point": "DROPPED", "answered-point": None,
        "partly": "ANSWERED IN PART", "agreed": "CONCEDED", "marked": "CONCEDED", "own-concession": "DROPPED",
        "own-but": "DROPPED", "a-last": "NO CHANCE TO REPLY", "n-thesis": None, "n-answer": "DROPPED",
        "n-partial": "DROPPED", "n-grant": "CONCESSION", "n-analyst": "DROPPED", "n-echo": "DROPPED",
    }


def test_the_sheet_states_its_links_and_marks_the_analysts(tmp_path: Path) -> None:
    path = write_debate(tmp_path)
    texts = flow_html([flow_sheet(d) for d in load_debates([path])])
    assert "Links: as the texts argue it: 2 analyst link(s) left out (--links all counts them)" in texts
    assert "[analyst&#x27;s link]: a link" in texts  # the legend
    assert "answers #3" not in texts  # on the texts' links, n-analyst answers nothing
    page = flow_html([flow_sheet(d) for d in load_debates([path], links=Links.ALL)])
    assert "Links: as the analyst reads it: 2 analyst link(s) counted" in page
    cell = next(c for c in page.split('<div class="claim"')[1:] if "N-ANALYST" in c)
    assert "answers #3 [analyst&#x27;s link]" in cell
    assert f'<div class="why">{html.escape(reasons(path, "all")["n-analyst"], quote=True)}</div>' in cell
    echo = next(c for c in page.split('<div class="claim"')[1:] if "N-ECHO" in c)
    assert "also bears on #2 [analyst&#x27;s link]" in echo
    fallen = next(c for c in page.split('<div class="claim"')[1:] if "DROPPED-POINT" in c)
    why = reasons(path, "all")["dropped-point"]
    assert why.startswith("falls:") and "n-analyst" in why and "analyst's link" in why
    assert "OUT (falls)" in fallen and html.escape(why, quote=True) in fallen
    for mark in ("DROPPED", "NO CHANCE TO REPLY", "NOT ENGAGED", "ANSWERED IN PART", "CONCEDED", "CONCESSION"):
        assert f">{mark}</span>" in page.split("<table>")[1], mark  # on some cell, not only in the legend


def test_cli_flow_takes_links(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "f.csv"
    result = cli("flow", write_debate(tmp_path), "-o", out, "--links", "all")
    assert result.code == 0, result.err
    assert "as the analyst reads it" in out.read_text(encoding="utf-8").splitlines()[-1]
