"""The language server: pygls wiring for the answers of :mod:`argmap.lsp.features`.

Checking is the one slow thing (a 10k-claim folder takes a tenth of a second or more), so
it runs in a worker thread, one check at a time per server, and never queues up: a change
that arrives while a check runs marks its folder dirty, and when the check ends the folder
is checked once more with whatever the buffers hold by then. Typing fast thus costs at most
one check behind the last keystroke, with no fixed delay before the first (``debounce``
adds one, for slow machines). Errors are published as soon as the check ends; analysis
hints, when asked for, follow once the analysis is done, so they never hold errors back.

A buffer with no file yet is a map too: a new file's buffer belongs to its folder, and an
``untitled:`` buffer (VS Code's new, never-saved editor) to the workspace's root folder, as
a map named after its title; each is checked with the saved maps and may refer to them.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from argmap import __version__
from argmap.edit import ChangeRefused

from . import features
from .folder import Checked, Folder

__all__ = ["MapServer", "make_server"]

logger = logging.getLogger(__name__)

REQUEST_FAILED = -32803  # LSP's RequestFailed: the request was valid but could not be done


class MapServer(LanguageServer):
    """A language server for the map files of one or more folders."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.folders: dict[Path, Folder] = {}
        self.hints = False  # analysis hints (dropped, unsupported) as information diagnostics
        self.debounce = 0.0  # seconds to wait after a change before checking
        self._checks: dict[Path, asyncio.Task[None]] = {}
        self._dirty: set[Path] = set()
        self._published: dict[Path, tuple[int | None, list[types.Diagnostic]]] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-check")
        self._untitled: dict[Path, str] = {}  # the map path given to each untitled: buffer, to its URI
        self._hinted: dict[Path, tuple[str | None, list[types.Diagnostic]]] = {}  # last hints per map, with the buffer text they are for
        self._analysed: dict[Path, set[Path]] = {}  # per folder, the maps that read at its last analysis

    def path_of(self, uri: str) -> Path | None:
        """The map file a document is (resolved); an untitled buffer's is made up in the root folder."""
        if uri.startswith("untitled:"):
            title = uri.rpartition("/")[2].rpartition(":")[2]
            stem = re.sub(r"[^a-z0-9-]+", "-", Path(title).stem.lower() if title.endswith((".yaml", ".yml")) else title.lower()).strip("-")
            root = Path(self.workspace.root_path or ".")
            path = (root / f"{stem or 'untitled'}.yaml").resolve()
            self._untitled[path] = uri
            return path
        fs_path = to_fs_path(uri)
        return Path(fs_path).resolve() if fs_path else None

    def uri_of(self, path: Path) -> str:
        return self._untitled.get(path) or path.as_uri()

    # -- folders and buffers --------------------------------------------------------------------
    def folder(self, path: Path) -> Folder:
        root = path.parent
        if root not in self.folders:
            self.folders[root] = Folder(root)
        return self.folders[root]

    def buffers(self, folder: Folder) -> tuple[dict[Path, str], dict[Path, int | None]]:
        """The open documents of a folder's maps: text and version."""
        texts: dict[Path, str] = {}
        versions: dict[Path, int | None] = {}
        for uri, document in list(self.workspace.text_documents.items()):
            path = self.path_of(uri)
            if path is not None and path.parent == folder.root and path.suffix in (".yaml", ".yml"):
                texts[path] = document.source
                versions[path] = document.version
        return texts, versions

    def lines(self, folder: Folder, buffers: dict[Path, str] | None = None) -> features.Lines:
        """The folder's texts as the editor has them now (or ``buffers``), in its position units."""
        texts = self.buffers(folder)[0] if buffers is None else buffers
        return features.Lines(folder, texts, self.workspace.position_codec.client_num_units, self.uri_of)

    # -- checking ------------------------------------------------------------------------------------
    def schedule(self, path: Path) -> None:
        """Check the folder of ``path`` soon: now if idle, else once the running check ends."""
        folder = self.folder(path)
        running = self._checks.get(folder.root)
        if running is not None and not running.done():
            self._dirty.add(folder.root)
            return
        self._checks[folder.root] = asyncio.get_running_loop().create_task(self._check(folder))

    async def _check(self, folder: Folder) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.debounce)  # 0: let the rest of a burst of changes arrive first
            self._dirty.discard(folder.root)
            buffers, versions = self.buffers(folder)
            try:
                checked, found = await loop.run_in_executor(self._worker, self._diagnose, folder, buffers, versions)
                unread = {path for path in found if path not in checked.maps}
                stopped = unread & self._analysed.get(folder.root, set())
                if self.hints and stopped:
                    # a map that read and now does not (a quote half typed) says nothing new about
                    # the debate: no analysis of the whole folder, the other maps keep their hints
                    found = {path: found[path] + self._kept_hints(path, checked, unread) for path in found}
                self._publish(folder, checked, found)
                if self.hints and not stopped and folder.root not in self._dirty:
                    hints = await loop.run_in_executor(self._worker, self._hints, folder, checked)
                    if folder.last is checked and folder.root not in self._dirty:
                        self._analysed[folder.root] = set(checked.maps)
                        self._hinted.update((path, (checked.buffers.get(path), hints.get(path, []))) for path in found)
                        self._publish(folder, checked, {path: found.get(path, []) + extra for path, extra in hints.items()}, force=True)
            except Exception as err:  # a bug must not stop the next check
                logger.exception("check failed")
                self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"argmap: check failed: {type(err).__name__}: {err}"))
            if folder.root not in self._dirty:
                return

    def _diagnose(self, folder: Folder, buffers: dict[Path, str], versions: dict[Path, int | None]) -> tuple[Checked, dict[Path, list[types.Diagnostic]]]:
        """Check a folder and make its diagnostics (in the worker thread)."""
        checked = folder.check(buffers, versions)
        return checked, features.diagnostics(checked, self.lines(folder, buffers))

    def _hints(self, folder: Folder, checked: Checked) -> dict[Path, list[types.Diagnostic]]:
        logger.info("analysing %s for hints", folder.root)
        return features.hint_diagnostics(folder, self.lines(folder, checked.buffers))

    def _kept_hints(self, path: Path, checked: Checked, unread: set[Path]) -> list[types.Diagnostic]:
        """The hints last made for a map, if it reads and its text is the one they were made for."""
        text, hints = self._hinted.get(path, (None, []))
        return hints if path not in unread and text == checked.buffers.get(path) else []

    def _publish(self, folder: Folder, checked: Checked, found: dict[Path, list[types.Diagnostic]], force: bool = False) -> None:
        """Send the diagnostics of each file whose diagnostics or version changed; clear those
        of a map that is gone (an unsaved buffer closed)."""
        for path in [p for p in self._published if p.parent == folder.root and p not in found]:
            del self._published[path]
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=self.uri_of(path), diagnostics=[]))
            self._untitled.pop(path, None)
        for path, diagnostics in found.items():
            version = checked.versions.get(path)
            if not force and self._published.get(path) == (version, diagnostics):
                continue
            self._published[path] = (version, diagnostics)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=self.uri_of(path), diagnostics=diagnostics, version=version))


def _settings(server: MapServer, options: Any) -> None:
    """Read ``{"analysisHints": bool, "debounce": milliseconds}`` (also under an ``argmap`` key)."""
    if not isinstance(options, dict):
        return
    options = options.get("argmap", options) if isinstance(options.get("argmap", options), dict) else options
    if "analysisHints" in options:
        server.hints = bool(options["analysisHints"])
    if isinstance(options.get("debounce"), (int, float)):
        server.debounce = max(0.0, float(options["debounce"]) / 1000)


def _located(server: MapServer, uri: str) -> tuple[Folder, features.Lines, Path] | None:
    path = server.path_of(uri)
    if path is None:
        return None
    folder = server.folder(path)
    return folder, server.lines(folder), path


_T = TypeVar("_T")


def _at(ls: MapServer, uri: str, position: types.Position, answer: Callable[..., _T], *args: Any) -> _T | None:
    """Call ``answer(folder, lines, path, line, column, *args)`` for a cursor in document ``uri``."""
    if (found := _located(ls, uri)) is None:
        return None
    folder, lines, path = found
    return answer(folder, lines, path, *_server_position(lines, path, position), *args)


def _server_position(lines: features.Lines, path: Path, position: types.Position) -> tuple[int, int]:
    """A client position as a 0-based line and a column in characters."""
    text = lines.of(path)
    if position.line < len(text) and not text[position.line].isascii():
        return _codec_position(lines, text, position)
    return position.line, position.character


def _codec_position(lines: features.Lines, text: list[str], position: types.Position) -> tuple[int, int]:
    line = text[position.line]
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return position.line, index
        units += lines.units(char)
    return position.line, len(line)


def make_server() -> MapServer:
    """A server with every feature registered."""
    server = MapServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: MapServer, params: types.InitializeParams) -> None:
        _settings(ls, params.initialization_options)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: MapServer, params: types.DidChangeConfigurationParams) -> None:
        _settings(ls, params.settings)
        for folder in ls.folders.values():
            for path in ls.buffers(folder)[0]:
                ls.schedule(path)
                break

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: MapServer, params: types.DidOpenTextDocumentParams) -> None:
        if (path := ls.path_of(params.text_document.uri)) is not None:
            ls.schedule(path)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: MapServer, params: types.DidChangeTextDocumentParams) -> None:
        if (path := ls.path_of(params.text_document.uri)) is not None:
            ls.schedule(path)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: MapServer, params: types.DidSaveTextDocumentParams) -> None:
        if (path := ls.path_of(params.text_document.uri)) is not None:
            ls.schedule(path)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: MapServer, params: types.DidCloseTextDocumentParams) -> None:
        if (path := ls.path_of(params.text_document.uri)) is not None:
            ls.schedule(path)  # the file on disk counts again

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ",", ":", '"', "'"]))
    def completion(ls: MapServer, params: types.CompletionParams) -> types.CompletionList | None:
        return _at(ls, params.text_document.uri, params.position, features.complete)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MapServer, params: types.HoverParams) -> types.Hover | None:
        return _at(ls, params.text_document.uri, params.position, features.hover)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: MapServer, params: types.DefinitionParams) -> types.Location | None:
        return _at(ls, params.text_document.uri, params.position, features.definition)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: MapServer, params: types.ReferenceParams) -> list[types.Location]:
        return _at(ls, params.text_document.uri, params.position, features.references, params.context.include_declaration) or []

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: MapServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
        return _at(ls, params.text_document.uri, params.position, features.prepare_rename)

    @server.feature(types.TEXT_DOCUMENT_RENAME)  # pygls offers prepareRename to clients that support it
    def rename(ls: MapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        try:
            return _at(ls, params.text_document.uri, params.position, features.rename_edits, params.new_name)
        except ChangeRefused as err:
            raise JsonRpcException(code=REQUEST_FAILED, message=str(err)) from err

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: MapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        if (found := _located(ls, params.text_document.uri)) is None:
            return []
        folder, lines, path = found
        return features.symbols(folder, lines, path)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: MapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        if (found := _located(ls, params.text_document.uri)) is None:
            return []
        folder, lines, path = found
        return features.code_actions(folder, lines, path, list(params.context.diagnostics))

    return server
