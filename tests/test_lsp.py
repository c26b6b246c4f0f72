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
import tempfile
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


def claim_ids(path: Path) -> set[str]:
    """The claim ids of a map, read by PyYAML (not by argmap's loader)."""
    import yaml

    return set(yaml.safe_load(path.read_text(encoding="utf-8"))["claims"])


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


# -- maps that exist only as a buffer ----------------------------------------------------------------------
def _new_map(other_claim: str) -> str:
    """A small map that refers to a claim of the IJM map (well) and to one of its own (mistyped)."""
    return (
        "argmap: 1\ntitle: A map not saved yet\nclaims:\n"
        "  raids-help:\n    text: Raids free people held in brothels.\n"
        f"    supports: [ijm-vs-thrupkaew:{other_claim}]\n"
        "  second:\n    text: And they deter traffickers.\n    supports: [raids-hlep]\n"
    )


async def _diagnostics_of(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    waited = 0.0
    while client.published_versions.get(uri) != version:  # type: ignore[attr-defined]
        await asyncio.sleep(0.02)
        waited += 0.02
        assert waited < WAIT, f"no diagnostics for version {version} of {uri}"
    return list(client.diagnostics[uri])


async def test_a_new_map_not_on_disk_is_checked_and_refers_to_saved_maps(client: LanguageClient, tmp_path: Path) -> None:
    new = ARGUMENTS / "a-new-map.yaml"
    assert not new.exists()
    other = sorted(claim_ids(IJM))[0]
    buffers = Buffers(client)
    buffers.open(new, _new_map(other))
    found = await buffers.diagnostics(new)
    line = line_of(buffers.texts[new], "raids-hlep")
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [("unknown-claim", line, buffers.texts[new].splitlines()[line].index("raids-hlep"))]
    assert "did you mean 'raids-help'?" in found[0].message
    assert published({new: found}) == [x for x in checked_on_disk(tmp_path, {new: buffers.texts[new]}) if x[0] == new.name]
    ref_line = line_of(buffers.texts[new], f"ijm-vs-thrupkaew:{other}")
    column = buffers.texts[new].splitlines()[ref_line].index(other) + 1
    got = await client.text_document_definition_async(types.DefinitionParams(text_document=_doc(new), position=_at(ref_line, column)))
    assert isinstance(got, types.Location) and got.uri == IJM.as_uri()  # its reference to a saved map resolves
    assert got.range.start.line == line_of(IJM.read_text(encoding="utf-8"), f"  {other}:")
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=_doc(new)))
    waited = 0.0
    while client.diagnostics.get(new.as_uri()) and waited < WAIT:  # closed unsaved: no map any more, no errors left behind
        await asyncio.sleep(0.05)
        waited += 0.05
    assert new.as_uri() in client.diagnostics and list(client.diagnostics[new.as_uri()]) == []


async def test_an_untitled_buffer_is_a_map_of_the_root_folder(client: LanguageClient, tmp_path: Path) -> None:
    uri = "untitled:Untitled-1"
    other = sorted(claim_ids(IJM))[0]
    text = _new_map(other)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    found = await _diagnostics_of(client, uri, 1)
    expected = [x[1:] for x in checked_on_disk(tmp_path, {ARGUMENTS / "untitled-1.yaml": text}) if x[0] == "untitled-1.yaml"]
    assert [(str(d.code), d.range.start.line, d.range.start.character) for d in found] == expected
    assert [x[0] for x in expected] == ["unknown-claim"]  # the mistyped local id; the other map's claim resolved
    fixed = text.replace("raids-hlep", "raids-help")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2), content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]
        )
    )
    assert await _diagnostics_of(client, uri, 2) == []
    refs = await client.text_document_references_async(
        types.ReferenceParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_at(3, 4), context=types.ReferenceContext(include_declaration=True))
    )
    assert refs is not None and sorted((r.uri, r.range.start.line) for r in refs) == [(uri, 3), (uri, line_of(fixed, "supports: [raids-help]"))]
    ref_line = line_of(fixed, f"ijm-vs-thrupkaew:{other}")
    position = _at(ref_line, fixed.splitlines()[ref_line].index(other) + 1)
    edit = await client.text_document_rename_async(types.RenameParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position, new_name=f"{other}-renamed"))
    assert edit is not None and edit.changes is not None and uri in edit.changes and IJM.as_uri() in edit.changes  # a rename reaches the buffer too
    assert f"ijm-vs-thrupkaew:{other}-renamed]" in _apply(fixed, list(edit.changes[uri]))


# -- completion, hover, navigation, rename, actions, outline on the bundled debates ------------------------
def _doc(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=path.as_uri())


def _at(line: int, column: int) -> types.Position:
    return types.Position(line=line, character=column)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (ASCII lines: columns are characters) as an editor does, last first."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(position: types.Position) -> int:
        return offsets[min(position.line, len(lines))] + position.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def _opened(client: LanguageClient, *paths: Path) -> Buffers:
    buffers = Buffers(client)
    for path in paths:
        buffers.open(path)
    for path in paths:
        await buffers.diagnostics(path)
    return buffers


async def test_completion_of_claim_ids_local_and_of_other_maps(client: LanguageClient) -> None:
    buffers = await _opened(client, IJM)
    text = buffers.texts[IJM]
    line = line_of(text, "supports: [nation-manufactures-controversy]")
    column = text.splitlines()[line].index("[") + 1
    buffers.type_at(IJM, line, column, "nation-m, context:usaid-2", removed=len("nation-manufactures-controversy"))
    await buffers.diagnostics(IJM)
    local = await client.text_document_completion_async(types.CompletionParams(text_document=_doc(IJM), position=_at(line, column + len("nation-m"))))
    assert local is not None
    labels = [item.label for item in local.items]
    ids, context_ids = claim_ids(IJM), claim_ids(CONTEXT)
    assert labels[0] == "nation-manufactures-controversy" and set(labels) <= ids | {f"context:{i}" for i in context_ids}
    assert local.items[0].text_edit is not None and local.items[0].text_edit.range.start == _at(line, column)  # replaces the word typed
    other_column = column + len("nation-m, context:usaid-2")
    remote = await client.text_document_completion_async(types.CompletionParams(text_document=_doc(IJM), position=_at(line, other_column)))
    assert remote is not None
    expected = sorted(f"context:{i}" for i in context_ids if i.startswith("usaid-2"))
    assert sorted(item.label for item in remote.items if item.label.startswith("context:usaid-2")) == expected and expected


async def test_completion_of_speakers_sources_and_kinds(client: LanguageClient) -> None:
    buffers = await _opened(client, IJM)
    text = buffers.texts[IJM]
    speakers = set(re.findall(r"^  ([a-z0-9-]+):\n    name:", text.split("\nsources:")[0].split("\nspeakers:")[1], re.M))
    line = line_of(text, "    by: roth")
    got = await client.text_document_completion_async(types.CompletionParams(text_document=_doc(IJM), position=_at(line, len("    by: "))))
    assert got is not None and {item.label for item in got.items} == speakers
    line = line_of(text, "      source: roth-letter")
    got = await client.text_document_completion_async(types.CompletionParams(text_document=_doc(IJM), position=_at(line, len("      source: ro"))))
    sources = re.findall(r"^  (ro[a-z0-9-]*):", text.split("\nsources:")[1].split("\nclaims:")[0], re.M)
    assert got is not None and sorted(item.label for item in got.items) == sorted(sources) and sources
    line = line_of(text, "    kind: thesis")
    got = await client.text_document_completion_async(types.CompletionParams(text_document=_doc(IJM), position=_at(line, len("    kind: "))))
    assert got is not None and [item.label for item in got.items] == ["thesis", "claim", "evidence"]


async def test_quote_completion_offers_passages_of_the_cited_source(client: LanguageClient, tmp_path: Path) -> None:
    buffers = await _opened(client, IJM)
    text = buffers.texts[IJM]
    line = line_of(text, "engagement with law enforcement is the best")
    start = text.splitlines()[line].index('"')
    buffers.type_at(IJM, line, start, '"engagement with law', removed=len(text.splitlines()[line]) - start)
    await buffers.diagnostics(IJM)
    got = await client.text_document_completion_async(types.CompletionParams(text_document=_doc(IJM), position=_at(line, start + len('"engagement with law'))))
    assert got is not None and got.items
    source = re.sub(r"[ \t\r\n]+", " ", (ARGUMENTS / "sources" / "nation-letters.txt").read_text(encoding="utf-8"))  # the format folds ASCII white space only
    for item in got.items:
        assert item.text_edit is not None
        quoted = item.text_edit.new_text
        assert quoted.startswith('"') and quoted.endswith('"')
        assert quoted[1:-1].replace('\\"', '"') in source  # every passage offered is verbatim
    first = got.items[0]
    assert first.text_edit is not None and first.text_edit.new_text.lower().startswith('"engagement with law')
    completed = _apply(buffers.texts[IJM], [first.text_edit])
    assert [p for p in checked_on_disk(tmp_path, {IJM: completed}) if p[1] == "quote-not-found"] == []


async def test_hover_on_claims_speakers_and_quotes(client: LanguageClient) -> None:
    buffers = await _opened(client, IJM)
    text = buffers.texts[IJM]
    line = line_of(text, "supports: [nation-manufactures-controversy]")
    got = await client.text_document_hover_async(types.HoverParams(text_document=_doc(IJM), position=_at(line, text.splitlines()[line].index("nation") + 3)))
    assert got is not None and isinstance(got.contents, types.MarkupContent)
    import yaml

    claim = yaml.safe_load(text)["claims"]["nation-manufactures-controversy"]
    assert claim["text"].strip() in got.contents.value and "Amy E. Roth" in got.contents.value
    assert re.search(r"status: \*\*(stands|falls|open)\*\*", got.contents.value) and re.search(r"strength: 0\.\d\d|strength: 1\.00", got.contents.value)
    line = line_of(text, "    by: roth")
    got = await client.text_document_hover_async(types.HoverParams(text_document=_doc(IJM), position=_at(line, len("    by: r"))))
    assert got is not None and isinstance(got.contents, types.MarkupContent) and "Amy E. Roth" in got.contents.value and "Director, media relations" in got.contents.value
    line = line_of(text, "contain numerous inaccuracies")
    got = await client.text_document_hover_async(types.HoverParams(text_document=_doc(IJM), position=_at(line, 30)))
    assert got is not None and isinstance(got.contents, types.MarkupContent)
    assert "I offer the following clarifications" in got.contents.value  # the passage after the quote, from the source


async def test_definition_and_references_across_files(client: LanguageClient) -> None:
    await _opened(client, HTC, CONTEXT, IJM)
    claim = "critics-law-enforcement-focus-police-coordination"
    htc = HTC.read_text(encoding="utf-8")
    line = line_of(htc, f"context:{claim}")
    column = htc.splitlines()[line].index("context:") + len("context:") + 2
    got = await client.text_document_definition_async(types.DefinitionParams(text_document=_doc(HTC), position=_at(line, column)))
    assert isinstance(got, types.Location)
    assert got.uri == CONTEXT.as_uri() and got.range.start == _at(line_of(CONTEXT.read_text(encoding="utf-8"), f"  {claim}:"), 2)
    refs = await client.text_document_references_async(
        types.ReferenceParams(text_document=_doc(HTC), position=_at(line, column), context=types.ReferenceContext(include_declaration=False))
    )
    assert refs is not None
    counted: dict[str, int] = {}
    for path in (IJM, HTC, CONTEXT):  # an independent count of the written references
        pattern = rf"context:{claim}(?![\w-])" if path != CONTEXT else rf"(?<![\w:-]){claim}(?![\w:-])"
        counted[path.as_uri()] = sum(len(re.findall(pattern, line)) for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(f"  {claim}:"))
    assert {uri: sum(r.uri == uri for r in refs) for uri in counted} == counted
    for ref in refs:  # each range covers the id itself
        lines = Path(to_fs_path(ref.uri) or "").read_text(encoding="utf-8").splitlines()
        assert lines[ref.range.start.line][ref.range.start.character : ref.range.end.character] == claim


async def test_rename_a_claim_across_files_keeps_comments(client: LanguageClient, tmp_path: Path) -> None:
    buffers = await _opened(client, HTC, CONTEXT, IJM)
    claim = "critics-law-enforcement-focus-police-coordination"
    context = buffers.texts[CONTEXT]
    line = line_of(context, f"  {claim}:")
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=_doc(CONTEXT), position=_at(line, 5)))
    assert isinstance(prepared, types.PrepareRenamePlaceholder) and prepared.placeholder == claim
    edit = await client.text_document_rename_async(types.RenameParams(text_document=_doc(CONTEXT), position=_at(line, 5), new_name="police-coordination-focus"))
    assert edit is not None and edit.changes is not None
    renamed = {path: _apply(buffers.texts[path], edit.changes.get(path.as_uri(), [])) for path in (IJM, HTC, CONTEXT)}
    for path, text in renamed.items():
        before = buffers.texts[path]
        assert len(re.findall(rf"{claim}(?![\w-])", text)) == 0
        assert len(re.findall(r"police-coordination-focus(?![\w-])", text)) == len(re.findall(rf"{claim}(?![\w-])", before))
        assert [x for x in before.splitlines() if x.lstrip().startswith("#")] == [x for x in text.splitlines() if x.lstrip().startswith("#")]
        assert len(text.splitlines()) == len(before.splitlines())
    assert checked_on_disk(tmp_path, renamed) == []
    taken = sorted(claim_ids(CONTEXT) - {claim})[0]
    with pytest.raises(Exception, match="already has a claim"):
        await client.text_document_rename_async(types.RenameParams(text_document=_doc(CONTEXT), position=_at(line, 5), new_name=taken))


def _local_refs(text: str, section: str, name: str) -> int:
    """How often a map writes speaker or source ``name``: its key under ``section:`` and each
    reference (``by``/``conceded``, or ``source`` and ``replies-to`` items), counted by pattern."""
    declared = re.search(rf"^{section}:\n(?:(?:  .*|#.*|)\n)*?  {re.escape(name)}:", text, re.M) is not None
    fields = "by|conceded" if section == "speakers" else "source|replies-to"
    written = 0
    for line in text.splitlines():
        found = re.match(rf"\s+(?:{fields}): (.*)$", line)
        if found:
            written += len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", found.group(1)))
    return declared + written


@pytest.mark.parametrize(("section", "name", "new_name", "field"), [("speakers", "roth", "amy-roth", "by: roth"), ("sources", "roth-letter", "letter-of-roth", "source: roth-letter")])
async def test_references_and_rename_of_speakers_and_sources(client: LanguageClient, tmp_path: Path, section: str, name: str, new_name: str, field: str) -> None:
    buffers = await _opened(client, HTC, CONTEXT, IJM)
    text = buffers.texts[IJM]
    line = line_of(text, field)
    column = text.splitlines()[line].index(name) + 1
    got = await client.text_document_definition_async(types.DefinitionParams(text_document=_doc(IJM), position=_at(line, column)))
    assert isinstance(got, types.Location) and got.range.start == _at(line_of(text, f"  {name}:"), 2)
    refs = await client.text_document_references_async(
        types.ReferenceParams(text_document=_doc(IJM), position=_at(line, column), context=types.ReferenceContext(include_declaration=True))
    )
    assert refs is not None and {r.uri for r in refs} == {IJM.as_uri()}  # speakers and sources belong to their map
    assert len(refs) == _local_refs(text, section, name) > 2
    for ref in refs:
        assert text.splitlines()[ref.range.start.line][ref.range.start.character : ref.range.end.character] == name
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=_doc(IJM), position=_at(line, column)))
    assert isinstance(prepared, types.PrepareRenamePlaceholder) and prepared.placeholder == name
    edit = await client.text_document_rename_async(types.RenameParams(text_document=_doc(IJM), position=_at(line, column), new_name=new_name))
    assert edit is not None and edit.changes is not None and set(edit.changes) == {IJM.as_uri()}
    renamed = _apply(text, list(edit.changes[IJM.as_uri()]))
    assert _local_refs(renamed, section, name) == 0 and _local_refs(renamed, section, new_name) == len(refs)
    assert [x for x in text.splitlines() if x.lstrip().startswith("#")] == [x for x in renamed.splitlines() if x.lstrip().startswith("#")]
    assert len(renamed.splitlines()) == len(text.splitlines())
    assert checked_on_disk(tmp_path, {IJM: renamed}) == []
    taken = "thrupkaew" if section == "speakers" else "vp-letter"
    with pytest.raises(Exception, match="already has a"):
        await client.text_document_rename_async(types.RenameParams(text_document=_doc(IJM), position=_at(line, column), new_name=taken))


async def test_code_actions_did_you_mean_and_curly_quotes(client: LanguageClient, tmp_path: Path) -> None:
    buffers = await _opened(client, IJM)
    text = buffers.texts[IJM]
    broken, _, _ = _edit_line(text, "supports: [nation-manufactures-controversy]", "nation-manufactures-controversy", "nation-manufactures-controversi")
    broken, _, _ = _edit_line(broken, "mischaracterizations of IJM’s work", "IJM’s", "IJM's")
    buffers.replace_all(IJM, broken)
    diagnostics = await buffers.diagnostics(IJM)
    assert sorted(str(d.code) for d in diagnostics) == ["quote-not-found", "unknown-claim"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=_doc(IJM), range=diagnostics[0].range, context=types.CodeActionContext(diagnostics=diagnostics))
    )
    assert actions is not None
    titles = sorted(a.title for a in actions if isinstance(a, types.CodeAction))
    assert titles == ["Replace 'nation-manufactures-controversi' with 'nation-manufactures-controversy'", "Use the source's curly quotes"]
    edits = [e for a in actions if isinstance(a, types.CodeAction) and a.edit and a.edit.changes for e in a.edit.changes[IJM.as_uri()]]
    fixed = _apply(broken, edits)
    assert fixed == text
    assert checked_on_disk(tmp_path, {IJM: fixed}) == []


async def test_document_symbols_outline_every_claim_theses_first(client: LanguageClient) -> None:
    await _opened(client, IJM)
    got = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=_doc(IJM)))
    assert got is not None

    def walk(symbols: list[types.DocumentSymbol]) -> list[types.DocumentSymbol]:
        return [s for symbol in symbols for s in (symbol, *walk(symbol.children or []))]

    import yaml

    claims = yaml.safe_load(IJM.read_text(encoding="utf-8"))["claims"]
    everything = walk([s for s in got if isinstance(s, types.DocumentSymbol)])
    assert sorted(s.name for s in everything) == sorted(claims)
    theses = [name for name, claim in claims.items() if claim.get("kind") == "thesis"]
    assert [s.name for s in got if isinstance(s, types.DocumentSymbol)][: len(theses)] == theses
    assert all(s.kind == types.SymbolKind.Class for s in got[: len(theses)] if isinstance(s, types.DocumentSymbol))


# -- hostile buffers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("binary", "yaml-syntax"),
        ("ten megabytes", None),
        ("deep nesting", "yaml-depth"),
    ],
)
async def test_a_hostile_buffer_never_kills_the_server(client: LanguageClient, case: str, code: str | None) -> None:
    buffers = await _opened(client, IJM)
    hostile = {
        "binary": "\x00\x01\x02\xff\ufffe" * 2000,
        "ten megabytes": "argmap: 1\ntitle: big\nclaims:\n" + "".join(f"  c{i}:\n    text: {'x' * 60}\n" for i in range(130_000)),
        "deep nesting": "claims: " + "[" * 100_000,
    }[case]
    buffers.replace_all(IJM, hostile)
    found = await buffers.diagnostics(IJM)
    if code is not None:
        assert [d.code for d in found][:1] == [code]
    buffers.replace_all(IJM, IJM.read_text(encoding="utf-8"))
    assert await buffers.diagnostics(IJM) == []
    line = line_of(buffers.texts[IJM], "    by: roth")
    got = await client.text_document_hover_async(types.HoverParams(text_document=_doc(IJM), position=_at(line, len("    by: r"))))
    assert got is not None  # still answering


# -- analysis hints, when the client asks for them ------------------------------------------------------------
HINTING = types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=ARGUMENTS.as_uri(), initialization_options={"analysisHints": True})


@pytest_lsp.fixture(config=SERVER)
async def hinting_client(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    await lsp_client.initialize_session(HINTING)
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_analysis_hints_are_information_as_analyze_reports_them(hinting_client: LanguageClient) -> None:
    import json
    import subprocess

    buffers = Buffers(hinting_client)
    buffers.open(IJM)
    report = json.loads(subprocess.run([sys.executable, "-m", "argmap", "analyze", str(ARGUMENTS), "--format", "json"], capture_output=True, text=True, check=True).stdout)
    expected = {(d["key"], "dropped") for d in report["dropped"]} | {(key, "unsupported") for key in report["unsupported"]}
    assert {code for _, code in expected} == {"dropped", "unsupported"}
    waited = 0.0
    while True:  # the hints follow the errors, once the analysis is done
        found = await buffers.all_diagnostics(IJM)
        hints = {
            (f"{path.stem}:{path.read_text(encoding='utf-8').splitlines()[d.range.start.line][d.range.start.character : d.range.end.character]}", str(d.code))
            for path, diagnostics in found.items() for d in diagnostics if d.severity == types.DiagnosticSeverity.Information
        }
        if hints == expected or waited > WAIT:
            break
        await asyncio.sleep(0.1)
        waited += 0.1
    assert hints == expected
    assert not [d for diagnostics in found.values() for d in diagnostics if d.severity != types.DiagnosticSeverity.Information]


LOG = Path(tempfile.mkdtemp(prefix="argmap-lsp-")) / "server.log"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[*SERVER.server_command, "--log", str(LOG)], client_factory=_make_client))
async def logged_hinting_client(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    await lsp_client.initialize_session(HINTING)
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_a_map_that_does_not_read_costs_no_analysis_and_the_others_keep_their_hints(logged_hinting_client: LanguageClient) -> None:
    client = logged_hinting_client
    buffers = Buffers(client)
    buffers.open(ARGUMENTS / "scratch.yaml", "claims: [\n")  # a new map that never read holds nothing back
    buffers.open(IJM)
    buffers.open(HTC)

    def analyses() -> int:
        return LOG.read_text(encoding="utf-8").count("for hints") if LOG.exists() else 0

    async def hints_of(path: Path, after: int) -> list[types.Diagnostic]:
        """Once the analysis number ``after`` is done: the hints published for ``path``."""
        waited = 0.0
        while analyses() < after or not [d for d in client.diagnostics.get(path.as_uri(), []) if d.severity == types.DiagnosticSeverity.Information]:
            await asyncio.sleep(0.05)
            waited += 0.05
            assert waited < WAIT, "no hints"
        await buffers.diagnostics(path)
        return [d for d in client.diagnostics[path.as_uri()] if d.severity == types.DiagnosticSeverity.Information]

    before = await hints_of(IJM, 1)
    done = analyses()
    text = buffers.texts[HTC]
    at = text.index("\n    text: ", len(text) // 2) + len("\n    text: ")
    buffers.replace_all(HTC, text[:at] + "'" + text[at:])  # a quote opened, not closed yet
    assert [d.code for d in await buffers.diagnostics(HTC)] == ["yaml-syntax"]
    assert [d for d in client.diagnostics[IJM.as_uri()] if d.severity == types.DiagnosticSeverity.Information] == before
    buffers.replace_all(HTC, text)  # closed again: analysed again, once
    assert await hints_of(IJM, done + 1) == before
    assert analyses() == done + 1
