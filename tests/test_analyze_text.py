"""The text report of ``argmap analyze``: its tables stay tables, whatever the claims hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from test_debate_verdicts import debate, q


def test_each_row_is_one_line_in_its_columns_whatever_the_text_holds(tmp_path: Path, cli: Any) -> None:
    path = debate(tmp_path, (
        '  t1: {text: "A thesis\\nover two lines, with a tab\\there", kind: thesis, by: a, ' + q("aff1") + "}\n"
        '  wide: {text: "広い文字の主張、とても長い文章がここに続きます", by: a, ' + q("aff1") + "}\n"
        "  a-very-long-claim-identifier-that-goes-on-and-on-and-on-past-sixty: {text: Long id, by: a, " + q("aff1") + "}\n"
        "  n1: {text: An answer, by: n, " + q("neg1") + ", rebuts: [t1, wide]}\n"
    ))
    done = cli("analyze", path)
    assert done.code == 0, done.err
    assert "\t" not in done.out  # a tab would break the columns (other control characters are refused as the map is read: yaml-control)
    lines = done.out.splitlines()
    report = json.loads(cli("analyze", path, "--format", "json").out)

    theses = lines.index("Theses")
    header, row, text = lines[theses + 1 : theses + 4]
    assert header.split() == ["thesis", "side", "status", "why"]
    assert row.startswith("t1 ") and text.startswith("  A thesis over two lines")  # the text under its row, on one line
    why = next(c["reason"] for c in report["claims"] if c["id"] == "t1")
    assert row.endswith(why) and len(why) > 60  # the last column is never cut

    clashes = next(i for i, line in enumerate(lines) if line.startswith("Clash points"))
    header, *body = lines[clashes + 1 : clashes + 6]
    status_at, by_at = cell_len(header[: header.index("status")]), cell_len(header[: header.index("attacked by")])
    for line in body[0::2]:  # the rows; under each, the texts of both claims, in their columns
        assert cell_len(line[: line.index("OUT")]) == status_at and cell_len(line[: line.index("n1")]) == by_at, (header, line)
    assert [line.lstrip()[:4] for line in body[1::2]] == ["A th", "広い文字"]
    assert [cell_len(line[: line.index("An answer")]) for line in body[1::2]] == [by_at + 2] * 2  # double-width characters counted as such

    cut = next(line for line in lines if line.startswith("a-very-long"))  # the list of what was dropped
    assert cell_len(cut.split("  ")[0]) == 60 and cut.split("  ")[0].endswith("…")  # a long id is cut to the column
