"""The deck as a teacher gets it: ``argmap slides MAP -o deck.pdf`` through LibreOffice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pptx
import pytest

ARGUMENTS = Path(__file__).resolve().parents[1] / "arguments"


@pytest.mark.office
@pytest.mark.exe
def test_pdf_has_one_page_per_slide(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert shutil.which("libreoffice") or shutil.which("soffice"), "LibreOffice is needed: apt-get install libreoffice-impress"
    deck, pdf = tmp_path / "deck.pptx", tmp_path / "deck.pdf"
    assert cli("slides", ARGUMENTS / "ijm-vs-thrupkaew.yaml", "-o", deck).code == 0
    result = cli("slides", ARGUMENTS / "ijm-vs-thrupkaew.yaml", "-o", pdf, "--theme", "dark")
    assert result.code == 0, result.err
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages == len(pptx.Presentation(str(deck)).slides)
    assert not list(tmp_path.glob(".deck.pdf.*"))  # no temporary file left behind
