"""Whatever a map's texts hold, every output shows it as text and stays a valid document.

A map may come from anyone (an import, a shared file), and its outputs are opened in
browsers, spreadsheets and slide programs. So the same debate is written twice: once with
plain words, once with hostile ones (markup, formulas, Argdown and Markdown syntax, quotes,
bidi overrides) in every field a user writes — title, side labels, speaker names, source
titles, claim texts, notes — and each output of the hostile map must parse with a real
parser of its format, hold no element, attribute or token kind the plain one lacks (the
texts added no structure), and carry the texts themselves. CSV cells never start a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = [
    "<script>alert(1)</script>",
    "</text></svg><svg onload=alert(1)>",
    '"]; evil [label="x" URL="javascript:alert(1)"',
    "&amp; &lt; &#60; &",
    "]]> <![CDATA[ x",
    "<!-- open comment",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "# a heading? [link](javascript:alert(1)) *em* _u_ `code` <b>b</b>",
    "[title]: not a statement +> <arg>",
    "\u202eevil override\u202c and \u200b zero width",
    "'; DROP TABLE claims; --",
    "{{ template }} ${x} %s %n",
    "back\\slash \\n not a newline",
    "</script><script>alert(2)</script>",
]
FIELDS = ("title", "pro", "con", "ann", "bob", "s1", "s2", "a", "b", "c", "d", "note")


def _map(words: dict[str, str]) -> str:
    """The debate, with ``words`` for each field a user writes."""
    q = {name: json.dumps(text, ensure_ascii=False) for name, text in words.items()}
    return f"""argmap: 1
title: {q["title"]}
sides:
  pro: {{label: {q["pro"]}}}
  con: {{label: {q["con"]}}}
speakers:
  ann: {{name: {q["ann"]}, side: pro}}
  bob: {{name: {q["bob"]}, side: con}}
sources:
  s1: {{title: {q["s1"]}, author: ann}}
  s2: {{title: {q["s2"]}, author: bob, replies-to: s1}}
claims:
  a: {{text: {q["a"]}, kind: thesis, by: ann, note: {q["note"]}}}
  b: {{text: {q["b"]}, by: bob, rebuts: [a]}}
  c: {{text: {q["c"]}, by: ann, rebuts: [b]}}
  d: {{text: {q["d"]}, by: ann, supports: [a]}}
"""


def _plain() -> dict[str, str]:
    return {name: f"Plain {name} words" for name in FIELDS}


def _hostile(texts: list[str]) -> dict[str, str]:
    return {name: texts[i % len(texts)] + f" ({name})" for i, name in enumerate(FIELDS)}


def _write(folder: Path, words: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "m.yaml"
    path.write_text(_map(words), encoding="utf-8")
    return path


def _run(cli, *args: object) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert result.code == 0, result


# -- structure of each format -----------------------------------------------------------


class _Shape(HTMLParser):
    """Tag names and attribute names of an HTML document, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kinds: Counter[str] = Counter()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.kinds[tag] += 1
        for name, _ in attrs:
            self.kinds[f"{tag}@{name}"] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html_shape(text: str) -> tuple[set[str], int, str]:
    parser = _Shape()
    parser.feed(text)
    parser.close()
    return set(parser.kinds), parser.kinds["script"], " ".join("".join(parser.text).split())


def _xml_shape(data: bytes) -> tuple[set[str], str]:
    root = ET.fromstring(data)
    kinds = {el.tag for el in root.iter()} | {f"{el.tag}@{a}" for el in root.iter() for a in el.attrib}
    return kinds, " ".join(" ".join(root.itertext()).split())


def _shown(text: str) -> str:
    return " ".join(text.split())


# -- the fast formats, under Hypothesis ---------------------------------------------------

_PIECES = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff"), min_size=1, max_size=12))
_TEXTS = st.lists(_PIECES, min_size=1, max_size=4).map(lambda parts: " ".join(parts)).filter(str.strip)


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(_TEXTS, min_size=1, max_size=5))
def test_aif_argdown_markdown_and_csv_keep_any_text_as_text(cli, tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    outputs = {}
    for which, words in (("plain", _plain()), ("hostile", _hostile(texts))):
        folder = tmp_path_factory.mktemp(which)
        path = _write(folder, words)
        _run(cli, "export", path, "--to", "aif", "-o", folder / "m.json")
        _run(cli, "export", path, "--to", "argdown", "-o", folder / "m.argdown")
        _run(cli, "brief", path, "-o", folder / "brief.md")
        _run(cli, "flow", path, "-o", folder / "flow.csv")
        outputs[which] = (words, folder)
    words, folder = outputs["hostile"]
    plain_folder = outputs["plain"][1]

    aif = json.loads((folder / "m.json").read_text(encoding="utf-8"))
    i_texts = {n["text"] for n in aif["nodes"] if n.get("type") == "I"}
    assert {words[c] for c in "abcd"} <= i_texts  # the very texts, as JSON strings

    def shape_of_argdown(text: str) -> list[str]:
        # each line's syntax: indentation and the relation or statement marker before the words
        return [re.sub(r"(\]|>)\s.*", r"\1", line)[:12] for line in text.splitlines() if line.strip()]

    hostile_argdown = (folder / "m.argdown").read_text(encoding="utf-8")
    plain_argdown = (plain_folder / "m.argdown").read_text(encoding="utf-8")
    assert len(hostile_argdown.splitlines()) == len(plain_argdown.splitlines())
    assert [s[:4] for s in shape_of_argdown(hostile_argdown)] == [s[:4] for s in shape_of_argdown(plain_argdown)]
    unescaped = re.sub(r"\\(.)", r"\1", hostile_argdown)
    for claim in "abcd":
        assert _shown(words[claim]) in unescaped

    md = MarkdownIt("commonmark")

    def token_kinds(text: str) -> Counter[str]:
        kinds: Counter[str] = Counter()
        for token in md.parse(text):
            kinds[token.type] += 1
            for child in token.children or []:
                kinds[child.type] += 1
        return kinds

    hostile_md, plain_md = token_kinds((folder / "brief.md").read_text(encoding="utf-8")), token_kinds((plain_folder / "brief.md").read_text(encoding="utf-8"))
    assert not {"html_inline", "html_block", "link_open", "image", "code_inline"} & (set(hostile_md) - set(plain_md))
    assert {k: v for k, v in hostile_md.items() if k != "text" and k != "softbreak"} == {k: v for k, v in plain_md.items() if k != "text" and k != "softbreak"}

    rows = list(csv.reader(io.StringIO((folder / "flow.csv").read_text(encoding="utf-8"))))
    plain_rows = list(csv.reader(io.StringIO((plain_folder / "flow.csv").read_text(encoding="utf-8"))))
    assert [len(r) for r in rows] == [len(r) for r in plain_rows]
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], "a cell starts a formula"
    joined = " ".join(cells)
    for claim in "abcd":
        assert _shown(words[claim]).lstrip("=+-@") in joined


# -- the slow formats, once with every hostile text ---------------------------------------


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, str], Path]]:
    made = {}
    for which, words in (("plain", _plain()), ("hostile", _hostile(HOSTILE))):
        folder = tmp_path_factory.mktemp(which)
        _write(folder, words)
        made[which] = (words, folder)
    return made


@pytest.mark.exe
def test_svg_keeps_any_text_as_text(cli, both) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("dot") is None:
        pytest.skip("needs Graphviz dot")
    shapes = {}
    for which, (_, folder) in both.items():
        _run(cli, "render", folder / "m.yaml", "--format", "svg", "-o", folder / "m.svg")
        shapes[which] = _xml_shape((folder / "m.svg").read_bytes())
    words = both["hostile"][0]
    kinds, text = shapes["hostile"]
    assert kinds <= shapes["plain"][0], kinds - shapes["plain"][0]
    assert not any(k.endswith("}script") or "@on" in k for k in kinds)
    flat = text.replace(" ", "")
    for claim in "abcd":  # wrapped over lines, so compared without spaces
        assert _shown(words[claim]).replace(" ", "")[:20] in flat


def test_html_page_keeps_any_text_as_text(cli, both) -> None:  # type: ignore[no-untyped-def]
    shapes = {}
    for which, (_, folder) in both.items():
        _run(cli, "html", folder / "m.yaml", "--diagrams", "0", "-o", folder / "m.html")
        shapes[which] = _html_shape((folder / "m.html").read_text(encoding="utf-8"))
    kinds, scripts, _ = shapes["hostile"]
    assert kinds <= shapes["plain"][0], kinds - shapes["plain"][0]
    assert scripts == shapes["plain"][1], "a text opened or closed a <script>"


def test_flow_html_keeps_any_text_as_text(cli, both) -> None:  # type: ignore[no-untyped-def]
    shapes = {}
    for which, (_, folder) in both.items():
        _run(cli, "flow", folder / "m.yaml", "-o", folder / "flow.html")
        shapes[which] = _html_shape((folder / "flow.html").read_text(encoding="utf-8"))
    words = both["hostile"][0]
    kinds, scripts, text = shapes["hostile"]
    assert kinds <= shapes["plain"][0], kinds - shapes["plain"][0]
    assert scripts == shapes["plain"][1]
    for claim in "abcd":
        assert _shown(words[claim]) in text


def test_slides_keep_any_text_as_text(cli, both) -> None:  # type: ignore[no-untyped-def]
    from pptx import Presentation

    texts = {}
    for which, (_, folder) in both.items():
        _run(cli, "slides", folder / "m.yaml", "-o", folder / "m.pptx")
        deck = Presentation(str(folder / "m.pptx"))
        texts[which] = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    words = both["hostile"][0]
    flat = " ".join(texts["hostile"].split())
    for claim in "abcd":
        assert _shown(words[claim])[:30] in flat
