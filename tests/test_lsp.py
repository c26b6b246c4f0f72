"""``argmap lsp`` driven as an editor drives it: JSON-RPC over the server's stdin and stdout.

Each test starts the server (``python -m argmap lsp``) through pytest-lsp's client, opens the
bundled maps of ``arguments/`` as buffers and edits them without saving. What the server
publishes is compared with what ``argmap check`` says of the same text saved to a copy of
the folder (the loader on disk, not the server's buffers and caches), and each error of the
bad-input list is also placed independently: at the line and column where the test wrote it.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import to_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from argmap.load import load_workspace

REPO = Path(__file__).resolve().parents[1]
ARGUMENTS = REPO / "arguments"
IJM = ARGUMENTS / "ijm-vs-thrupkaew.yaml"
HTC = ARGUMENTS / "htc-vs-evolution.yaml"
CONTEXT = ARGUMENTS / "context.yaml"

pytestmark = pytest.mark.asyncio


WAIT = 60.0  # seconds a test waits for the server before it fails (the machine may be busy)


def _record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    """pytest-lsp's handler, plus the version each file's diagnostics were made for."""
    client.diagnostics[params.uri] = params.diagnostics
    client.published_versions[params.uri] = params.version  # type: ignore[attr-defined]


def _make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published_versions = {}  # type: ignore[attr-defined]
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record_diagnostics})
    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"], client_factory=_make_client)


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=ARGUMENTS.as_uri()))
    yield lsp_client
    await lsp_client.shutdown_session()


class Buffers:
    """The documents a test has open, with their versions, as an editor keeps them."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.versions: dict[Path, int] = {}
        self.texts: dict[Path, str] = {}

    def open(self, path: Path, text: str | None = None) -> None:
        self.texts[path] = path.read_text(encoding="utf-8") if text is None else text
        self.versions[path] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=path.as_uri(), language_id="yaml", version=1, text=self.texts[path]))
        )

    def replace_all(self, path: Path, text: str) -> None:
        """Send a whole new text (a full-document change)."""
        self.versions[path] += 1
        self.texts[path] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=self.versions[path]),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def type_at(self, path: Path, line: int, column: int, inserted: str, removed: int = 0) -> None:
        """Send an incremental change: ``removed`` characters at line/column replaced by ``inserted``."""
        self.versions[path] += 1
        lines = self.texts[path].splitlines(keepends=True)
        lines[line] = lines[line][:column] + inserted + lines[line][column + removed :]
        self.texts[path] = "".join(lines)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=self.versions[path]),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=types.Position(line=line, character=column), end=types.Position(line=line, character=column + removed)),
                        text=inserted,
                    )
                ],
            )
        )

    async def diagnostics(self, path: Path) -> list[types.Diagnostic]:
        """The diagnostics published for the buffer's current version."""
        return (await self.all_diagnostics(path))[path]

    async def all_diagnostics(self, path: Path) -> dict[Path, list[types.Diagnostic]]:
        """Every map's diagnostics, once those of ``path``'s current version are in."""
        uri = path.as_uri()
        waited = 0.0
        while self.client.published_versions.get(uri) != self.versions.get(path):  # type: ignore[attr-defined]
            await asyncio.sleep(0.02)
            waited += 0.02
            assert waited < WAIT, f"no diagnostics for version {self.versions.get(path)} of {path.name}"
        return {Path(to_fs_path(u) or u): list(d) for u, d in self.client.diagnostics.items()}


def checked_on_disk(tmp_path: Path, texts: dict[Path, str]) -> list[tuple[str, str, int, int]]:
    """What ``argmap check`` says of the folder with ``texts`` saved: (file, code, line, column), 0-based."""
    copy = tmp_path / "arguments"
    if not copy.exists():
        shutil.copytree(ARGUMENTS, copy)
    for path, text in texts.items():
        (copy / path.name).write_text(text, encoding="utf-8")
    workspace = load_workspace([copy])
    return sorted((Path(p.location.path).name, p.code, p.location.line - 1, p.location.column - 1) for p in workspace.problems)


def published(found: dict[Path, list[types.Diagnostic]]) -> list[tuple[str, str, int, int]]:
    return sorted((path.name, str(d.code), d.range.start.line, d.range.start.character) for path, diagnostics in found.items() for d in diagnostics)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines()) if needle in line)


async def test_bundled_maps_open_clean(client: LanguageClient) -> None:
    buffers = Buffers(client)
    for path in (IJM, HTC, CONTEXT):
        buffers.open(path)
    for path in (IJM, HTC, CONTEXT):
        assert await buffers.diagnostics(path) == [], path.name


# -- the bad-input list, in an unsaved buffer ---------------------------------------------------------
def _edit_line(text: str, needle: str, old: str, new: str, occurrence: int = 0) -> tuple[str, int, int]:
    """``text`` with ``old`` replaced by ``new`` on the ``occurrence``-th line holding ``needle``;
    and that line's number and the column where ``new`` starts (0-based)."""
    lines = text.splitlines(keepends=True)
    number = [n for n, line in enumerate(lines) if needle in line][occurrence]
    column = lines[number].index(old)
    lines[number] = lines[number][:column] + new + lines[number][column + len(old) :]
    return "".join(lines), number, column


def _bad_inputs(text: str) -> dict[str, tuple[str, str, int, int]]:
    """Each error of the bad-input list made in the IJM map: the text, the code, and where it is."""
    cases: dict[str, tuple[str, str, int, int]] = {}
    broken, line, column = _edit_line(text, "    kind: thesis", "thesis", "thesis: x")
    cases["malformed YAML"] = (broken, "yaml-syntax", line, column + len("thesis"))
    lines = text.splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("    by: roth"))
    cases["duplicate key"] = ("".join([*lines[: at + 1], "    by: roth\n", *lines[at + 1 :]]), "duplicate-key", at + 1, 4)
    broken, line, column = _edit_line(text, "supports: [nation-manufactures-controversy]", "nation-manufactures-controversy", "{to: nation-manufactures-controversy, id: law-enforcement-essential}")
    cases["duplicate id"] = (broken, "duplicate-id", line, column + len("{to: "))
    broken, line, column = _edit_line(text, "supports: [nation-manufactures-controversy]", "nation-manufactures-controversy", "nation-manufactures-controversi")
    cases["dangling reference"] = (broken, "unknown-claim", line, column)
    broken, line, column = _edit_line(text, "supports: [frontline-workers-deserve-better]", "frontline-workers-deserve-better", "frontline-workers-deserve-better, series-misrepresents-ijm")
    cases["cycle"] = (broken, "support-cycle", line, column + len("frontline-workers-deserve-better, "))
    broken, line, column = _edit_line(text, "    kind: thesis", "thesis", "[thesis]")
    cases["wrong type"] = (broken, "wrong-type", line, column)
    broken, line, column = _edit_line(text, "contain numerous inaccuracies", "numerous", "numerus")
    cases["quote not in source"] = (broken, "quote-not-found", line, text.splitlines()[line].index('"'))
    return cases


@pytest.mark.parametrize("case", ["malformed YAML", "duplicate key", "duplicate id", "dangling reference", "cycle", "wrong type", "quote not in source"])
async def test_each_bad_input_is_reported_as_check_reports_it(client: LanguageClient, tmp_path: Path, case: str) -> None:
    buffers = Buffers(client)
    buffers.open(IJM)
    assert await buffers.diagnostics(IJM) == []
    broken, code, line, column = _bad_inputs(IJM.read_text(encoding="utf-8"))[case]
    buffers.replace_all(IJM, broken)
    found = await buffers.all_diagnostics(IJM)
    mine = [d for d in found[IJM] if d.code == code]
    assert mine, f"{case}: no {code} among {[d.code for d in found[IJM]]}"
    if case == "cycle":  # reported at one of the supports of the circle: the one written or the new one
        series = line_of(broken, "supports: [nation-manufactures-controversy]")
        assert {(d.range.start.line, d.range.start.character) for d in mine} <= {(line, column), (series, broken.splitlines()[series].index("nation"))}
    else:
        assert (mine[0].range.start.line, mine[0].range.start.character) == (line, column)
    assert mine[0].range.end.line == mine[0].range.start.line and mine[0].range.end.character > mine[0].range.start.character
    assert mine[0].source == "argmap"
    assert published(found) == checked_on_disk(tmp_path, {IJM: broken})  # the same as 'argmap check', file by file
    # the file on disk never changed
    assert "numerus" not in IJM.read_text(encoding="utf-8")


async def test_typing_fixes_the_error_again(client: LanguageClient) -> None:
    buffers = Buffers(client)
    buffers.open(IJM)
    text = IJM.read_text(encoding="utf-8")
    line = line_of(text, "supports: [nation-manufactures-controversy]")
    column = text.splitlines()[line].index("controversy]") + len("controvers")
    buffers.type_at(IJM, line, column, "i", removed=1)  # "controversi": a dangling reference
    (error,) = await buffers.diagnostics(IJM)
    assert error.code == "unknown-claim" and "did you mean 'nation-manufactures-controversy'" in error.message
    buffers.type_at(IJM, line, column, "y", removed=1)
    assert await buffers.diagnostics(IJM) == []


async def test_a_change_in_one_map_rechecks_the_maps_that_refer_to_it(client: LanguageClient, tmp_path: Path) -> None:
    buffers = Buffers(client)
    for path in (IJM, HTC, CONTEXT):
        buffers.open(path)
    claim = "critics-law-enforcement-focus-police-coordination"
    renamed, _, _ = _edit_line(CONTEXT.read_text(encoding="utf-8"), f"  {claim}:", claim, claim + "-x")
    await buffers.all_diagnostics(HTC)
    buffers.replace_all(CONTEXT, renamed)
    # an independent count: each line of another map that names the claim, and the claim's own map's bare references
    expected = {path: sum(f"context:{claim}" in line for line in path.read_text(encoding="utf-8").splitlines()) for path in (IJM, HTC)}
    expected[CONTEXT] = sum(re.search(rf"(?<![\w:-]){claim}(?![\w-])", line) is not None and not line.startswith(f"  {claim}:") for line in renamed.splitlines())
    assert expected[HTC] == 2 and expected[IJM] == 1

    def counts(found: dict[Path, list[types.Diagnostic]]) -> dict[Path, int]:
        return {path: sum(d.code == "unknown-claim" for d in found.get(path, [])) for path in (IJM, HTC, CONTEXT)}

    found = await buffers.all_diagnostics(CONTEXT)
    waited = 0.0
    while counts(found) != expected and waited < WAIT:  # the other maps' diagnostics follow the changed one's
        await asyncio.sleep(0.05)
        waited += 0.05
        found = await buffers.all_diagnostics(CONTEXT)
    assert counts(found) == expected
    assert published(found) == checked_on_disk(tmp_path, {CONTEXT: renamed})
