"""The slide deck's structure: slides and titles, diagrams, reveal steps, notes with quotes."""

from __future__ import annotations

import io
from pathlib import Path

import pptx
import pytest

from argmap.analysis.links import Links
from argmap.errors import ArgmapError, ToolMissingError
from argmap.export.common import Debate, load_debates
from debate_views import reasons, write_debate

ARGUMENTS = Path(__file__).resolve().parents[1] / "arguments"
IJM = ARGUMENTS / "ijm-vs-thrupkaew.yaml"


@pytest.fixture(scope="module")
def debate() -> Debate:
    return load_debates([IJM])[0]


@pytest.fixture(scope="module")
def deck(debate: Debate):  # type: ignore[no-untyped-def]
    from argmap.export.slides import build_deck

    prs = build_deck([debate])
    buffer = io.BytesIO()
    prs.save(buffer)  # what is saved is what is checked
    return pptx.Presentation(io.BytesIO(buffer.getvalue()))


def _title(slide) -> str:  # type: ignore[no-untyped-def]
    return next(s for s in slide.shapes if s.name == "Title").text_frame.text


def _notes(slide) -> str:  # type: ignore[no-untyped-def]
    return slide.notes_slide.notes_text_frame.text


@pytest.mark.exe
def test_deck_order_title_overview_theses_clashes_chains_unanswered(deck, debate: Debate) -> None:  # type: ignore[no-untyped-def]
    titles = [_title(s) for s in deck.slides]
    assert titles[0] == debate.map.title
    assert titles[1:3] == ["Overview: where the contentions stand", "Overview: the map in outline"]
    theses = [debate.claim(k).text for s in debate.sides for k in debate.contentions(s)]
    assert len(theses) == 5  # IJM: Roth's two and the vice president's conclusion; Thrupkaew: two
    clashes = [t for t in titles if t.startswith("Clash: ")]
    assert 1 <= len(clashes) <= 6
    contention_titles = titles[3 : titles.index(clashes[0])]  # a thesis with many claims bearing on it takes several slides
    distinct = [t for i, t in enumerate(contention_titles) if i == 0 or t != contention_titles[i - 1]]
    assert len(distinct) == len(theses)
    for title, thesis in zip(distinct, theses):
        assert thesis.startswith(title.rstrip("…"))
    reveal = [t for t in titles if t.startswith("Rebuttal chain ")]
    assert reveal[:3] == ["Rebuttal chain 1: step 1 of 3", "Rebuttal chain 1: step 2 of 3", "Rebuttal chain 1: step 3 of 3"]
    assert titles[-1] == "Left unanswered"
    assert deck.slide_width == pptx.util.Inches(13.333) and deck.slide_height == pptx.util.Inches(7.5)


@pytest.mark.exe
def test_diagram_slides_carry_a_png_inside_the_slide(deck) -> None:  # type: ignore[no-untyped-def]
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    diagrams = [s for s in deck.slides if _title(s).startswith(("Overview: the map", "Clash: "))]
    diagrams += list(deck.slides)[3:7]
    for slide in diagrams:
        pictures = [p for p in slide.shapes if p.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1, _title(slide)
        picture = pictures[0]
        assert picture.image.content_type == "image/png"
        assert picture.left >= 0 and picture.top >= 0
        assert picture.left + picture.width <= deck.slide_width and picture.top + picture.height <= deck.slide_height


@pytest.mark.exe
def test_notes_hold_verbatim_quotes_with_full_citations(deck, debate: Debate) -> None:  # type: ignore[no-untyped-def]
    thesis = debate.claim("ijm-vs-thrupkaew:law-enforcement-essential")
    slide = next(s for s in deck.slides if thesis.text.startswith(_title(s).rstrip("…")))
    notes = _notes(slide)
    assert f"“{thesis.quote.text}”" in notes
    assert "Amy E. Roth, Director, media relations, International Justice Mission. “Letter: Amy E. Roth (IJM)”, The Nation, 2009-11, https://www.thenation.com/" in notes
    reason = debate.claim("ijm-vs-thrupkaew:consensus-on-law-enforcement")
    assert reason.quote is not None and f"“{reason.quote.text}”" in notes  # a claim the diagram shows


@pytest.mark.exe
def test_reveal_adds_one_step_per_slide_and_fades_the_rest(deck, debate: Debate) -> None:  # type: ignore[no-untyped-def]
    steps = [s for s in deck.slides if _title(s).startswith("Rebuttal chain 1:")]
    chain = next(c.claims for c in debate.analysis.chains if len(c.claims) == len(steps) and all(debate.in_scope(k) for k in c.claims))
    for number, slide in enumerate(steps, 1):
        boxes = [s for s in slide.shapes if s.name.startswith("Step ")]
        assert [b.name for b in boxes] == [f"Step {i} (faded)" for i in range(1, number)] + [f"Step {number} (new)"]
        new = debate.claim(chain[number - 1])
        assert " ".join(new.text.split()) in boxes[-1].text_frame.text
        assert f"“{new.quote.text}”" in _notes(slide)
        if number > 1:  # boxes stay where they were on the slide before
            before = [s for s in steps[number - 2].shapes if s.name.startswith("Step ")]
            assert [(b.left, b.top) for b in before] == [(b.left, b.top) for b in boxes[:-1]]


@pytest.mark.exe
def test_unanswered_slide_lists_each_sides_drops_apart_from_what_it_could_not_answer(deck, debate: Debate) -> None:  # type: ignore[no-untyped-def]
    slide = list(deck.slides)[-1]
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    for side in debate.sides:
        label = debate.map.sides[side].label
        assert f"{label} left unanswered:" in text
    for key in [k for k in debate.claims if debate.dropped(k) and not debate.concession(k)]:
        claim = debate.claim(key)
        if claim.quote is not None:
            assert f"“{claim.quote.text}”" in _notes(slide)


def _deck(path: Path, links: Links = Links.TEXTS):  # type: ignore[no-untyped-def]
    from argmap.export.slides import build_deck

    debate = load_debates([path], links=links)[0]
    buffer = io.BytesIO()
    build_deck([debate]).save(buffer)
    return pptx.Presentation(io.BytesIO(buffer.getvalue()))


def _texts(slide) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


@pytest.mark.exe
def test_title_and_overview_state_the_links_the_resolution_and_the_burdens(tmp_path: Path) -> None:
    path = write_debate(tmp_path)
    slides = list(_deck(path).slides)
    title, standing = _texts(slides[0]), _texts(slides[1])
    assert "Resolution: Should the motion pass?" in title and "Burden: Show the motion does more good than harm." in title
    for text in (title, standing):
        assert "Links: as the texts argue it: 2 analyst link(s) left out (--links all counts them)." in text
    every = list(_deck(path, Links.ALL).slides)
    assert "Links: as the analyst reads it: 2 analyst link(s) counted" in _texts(every[0])
    assert "Analyst links are grey and dotted in the diagrams." in _texts(every[0])
    outline = next(s for s in every if _title(s) == "Overview: the map in outline")
    assert "grey dotted “analyst”: an analyst's link" in _texts(outline)  # it draws both analyst links
    assert "grey dotted" not in _texts(next(s for s in slides if _title(s) == "Overview: the map in outline"))


@pytest.mark.exe
def test_the_unanswered_slide_keeps_dropped_no_chance_and_not_engaged_apart(tmp_path: Path) -> None:
    path = write_debate(tmp_path)
    slide = list(_deck(path).slides)[-1]
    assert _title(slide) == "Left unanswered"
    columns = [s.text_frame.text for s in slide.shapes if s.has_text_frame and "left unanswered:" in s.text_frame.text]
    aff, neg = columns
    # Aff left Neg's n-answer, n-partial, n-analyst, n-echo (it replied to neg1); n-grant grants Aff's point
    assert "Dropped (4): it could have answered them, and did not" in aff and "N-GRANT" not in aff
    assert "No chance to reply (0)" in aff and "Not engaged (0)" in aff
    # Neg dropped Aff's thesis, dropped-point and own-but; a-last came after Neg's last speech; Neg never took up the blog
    assert "Dropped (3)" in neg and "OWN-CONCESSION" not in neg  # Aff's point against itself asked for no answer
    assert "No chance to reply (1): it never spoke after them\n✖ Claim A-LAST says so." in neg
    assert "Not engaged (1): it spoke later, but never to their speech\n● Claim BLOG-POINT says so." in neg
    notes = _notes(slide)
    assert "Negative, no chance to reply (1): nobody of another side spoke after it: no reply was possible" in notes
    assert f"Status: IN — {reasons(path)['n-answer']}" in notes and "Reply: dropped — another side spoke later" in notes


@pytest.mark.exe
def test_an_agreement_slide_where_the_sides_agree(tmp_path: Path) -> None:
    path = write_debate(tmp_path)
    agree = next(s for s in _deck(path, Links.ALL).slides if _title(s) == "Where the sides agree")
    text = _texts(agree)
    assert "✔ Claim AGREED says so. (Affirmative) — granted by Ned\n" in text
    assert "✔ Claim THESIS says so. (Affirmative) — granted by Ned [analyst's link]" in text  # n-echo: the analyst's reading
    assert "✔ Claim MARKED says so. (Affirmative) — conceded by Ned" in text
    assert "The texts do not make this link" in _notes(agree)
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nsides:\n  a: {label: A}\n  b: {label: B}\nspeakers:\n  x: {name: X, side: a}\n  y: {name: Y, side: b}\n"
        "claims:\n  t: {text: T, kind: thesis, by: x}\n  o: {text: O, by: y, rebuts: [t]}\n",
        encoding="utf-8",
    )
    assert "Where the sides agree" not in [_title(s) for s in _deck(lone / "m.yaml").slides]


@pytest.mark.exe
def test_notes_carry_each_claims_status_with_its_reason(tmp_path: Path) -> None:
    path = write_debate(tmp_path)
    slides = list(_deck(path, Links.ALL).slides)
    notes = "\n".join(_notes(s) for s in slides)
    why = reasons(path, "all")
    assert why["dropped-point"].startswith("falls:") and "n-analyst" in why["dropped-point"] and "analyst's link" in why["dropped-point"]
    assert f"Status: OUT — {why['dropped-point']}" in notes
    assert "n-partial" in why["partly"] and f"Status: IN — {why['partly']}" in notes


def test_pdf_without_libreoffice_is_a_one_line_install_hint(monkeypatch: pytest.MonkeyPatch, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import argmap.export.slides as slides

    monkeypatch.setattr(slides.shutil, "which", lambda name: None)
    with pytest.raises(ToolMissingError, match="apt-get install libreoffice-impress"):
        slides.convert_to_pdf(b"not used")
    result = cli("slides", IJM, "-o", tmp_path / "deck.pdf", "--links", "all")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "apt-get install libreoffice-impress" in result.err
    assert not (tmp_path / "deck.pdf").exists()


def test_unknown_suffix_and_options_are_refused(debate: Debate, tmp_path: Path) -> None:
    from argmap.export.slides import DeckOptions, write_deck

    with pytest.raises(ArgmapError, match=r"\.pptx or \.pdf"):
        write_deck([debate], tmp_path / "deck.key")
    with pytest.raises(ArgmapError, match="unknown slide theme"):
        DeckOptions(theme="neon")


@pytest.mark.exe
def test_contention_diagrams_stay_readable_from_the_back_of_the_room(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.export.slides as slides

    drawn = []
    real = slides._diagram

    def spy(debate, view, area):  # type: ignore[no-untyped-def]
        picture = real(debate, view, area)
        drawn.append((view.kind.value, view.claim, picture.text_points))
        return picture

    monkeypatch.setattr(slides, "_diagram", spy)
    htc = load_debates([ARGUMENTS / "htc-vs-evolution.yaml"])[0]  # its first thesis has 17 claims bearing on it
    slides.build_deck([htc])
    pages = [d for d in drawn if d[0] != "overview"]
    assert sum(1 for d in pages if d[1] == "htc-vs-evolution:htc-raids-flawed") >= 3  # split over several slides
    assert min(points for _, _, points in pages) >= 8  # was under 6 pt with the whole neighbourhood on one slide
