"""Benchmark ``argmap lsp`` as an editor sees it: keystroke to diagnostics, and completion.

    python bench/bench_lsp.py            # 1k and 10k claims
    python bench/bench_lsp.py --smoke    # 200 and 1,000 claims, a few rounds (CI)

The server runs as a subprocess and is driven over its stdin and stdout by pygls's own
client, exactly as an editor drives it. For each size a map is generated (``argmap
generate``), opened, and then edited with incremental changes; each time is from sending
``textDocument/didChange`` to receiving ``textDocument/publishDiagnostics`` for that version
(the median and the 90th percentile of the rounds):

* *type in a text*: one character typed in a claim's text (the line count stays);
* *break a reference*: a character of a ``rebuts``/``supports`` target changed, so an
  unknown-claim error appears (and disappears on the next round);
* *new line*: a comment line inserted in the middle of the claims (every claim below moves);
* *syntax error*: an unclosed quote (the map cannot be read claim by claim: read whole);
* *completion*: a completion request in a relation list, to its answer.

A second table gives the processor time of one check in the benchmark's own process (the
server's :class:`~argmap.lsp.folder.Folder` and its diagnostics, after a character typed in
a claim's text): what a keystroke costs the server however busy the machine is, where the
first table also holds the time the two processes waited for a processor.

Targets (issue #19): under 100 ms at 1k claims, under 300 ms at 10k.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient


class Editor:
    """A client that keeps one document's text and version, and times the server's answers."""

    def __init__(self, client: LanguageClient, path: Path) -> None:
        self.client = client
        self.path = path
        self.uri = path.as_uri()
        self.text = path.read_text(encoding="utf-8")
        self.version = 1
        self.published: dict[int | None, float] = {}
        self.arrived = asyncio.Event()

    def on_diagnostics(self, params: types.PublishDiagnosticsParams) -> None:
        if params.uri == self.uri:
            self.published[params.version] = time.perf_counter()
            self.arrived.set()

    async def wait_version(self, version: int, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while version not in self.published:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), max(0.01, deadline - time.perf_counter()))
        return self.published[version]

    def change(self, line: int, column: int, inserted: str, removed: int = 0) -> int:
        lines = self.text.splitlines(keepends=True)
        lines[line] = lines[line][:column] + inserted + lines[line][column + removed :]
        self.text = "".join(lines)
        self.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=types.Position(line=line, character=column), end=types.Position(line=line, character=column + removed)),
                        text=inserted,
                    )
                ],
            )
        )
        return self.version

    async def timed_change(self, line: int, column: int, inserted: str, removed: int = 0) -> float:
        start = time.perf_counter()
        version = self.change(line, column, inserted, removed)
        return await self.wait_version(version) - start


async def measure(size: int, rounds: int, folder: Path) -> dict[str, list[float]]:
    from argmap.generate import write_synthetic

    path = folder / f"map{size}.yaml"
    write_synthetic(path, size)
    client = LanguageClient("bench", "1")
    editor = Editor(client, path)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        editor.on_diagnostics(params)

    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri()))
    client.initialized(types.InitializedParams())
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=editor.uri, language_id="yaml", version=1, text=editor.text)))
    await editor.wait_version(1)

    lines = editor.text.splitlines()
    middle = len(lines) // 2
    text_line = next(n for n in range(middle, len(lines)) if lines[n].startswith('    text: "'))
    ref_line = next(n for n in range(middle, len(lines)) if re.match(r"    (rebuts|supports): \[c\d+", lines[n]))
    ref_column = lines[ref_line].index("[c") + 2
    claim_line = next(n for n in range(middle, len(lines)) if re.match(r"  c\d+:", lines[n]))
    times: dict[str, list[float]] = {name: [] for name in ("type in a text", "break a reference", "new line", "syntax error", "completion")}
    for round_ in range(rounds):
        times["type in a text"].append(await editor.timed_change(text_line, len('    text: "'), "x"))
        times["break a reference"].append(await editor.timed_change(ref_line, ref_column, "x" if round_ % 2 == 0 else "", 0 if round_ % 2 == 0 else 1))
        times["new line"].append(await editor.timed_change(claim_line, 0, "  # a note\n"))
        start = time.perf_counter()
        await client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=editor.uri), position=types.Position(line=ref_line + 1, character=ref_column + 1))
        )
        times["completion"].append(time.perf_counter() - start)
        if round_ < max(2, rounds // 3):  # a whole read each: fewer rounds
            times["syntax error"].append(await editor.timed_change(text_line, len('    text: '), "'"))
            await editor.timed_change(text_line, len('    text: '), "", 1)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def check_cpu(size: int, rounds: int, folder: Path) -> dict[str, list[float]]:
    """Processor seconds of the server's check after each kind of keystroke, ``rounds`` of each."""
    from argmap.generate import write_synthetic
    from argmap.lsp import features
    from argmap.lsp.folder import Folder

    path = (folder / f"cpu{size}.yaml").resolve()
    write_synthetic(path, size)
    text = path.read_text(encoding="utf-8")
    checker = Folder(path.parent)
    checker.check({path: text}, {path: 1})
    lines = text.splitlines(keepends=True)
    middle = len(lines) // 2
    text_line = next(n for n in range(middle, len(lines)) if lines[n].startswith('    text: "'))
    ref_line = next(n for n in range(middle, len(lines)) if re.match(r"    (rebuts|supports): \[c\d+", lines[n]))
    claim_line = next(n for n in range(middle, len(lines)) if re.match(r"  c\d+:", lines[n]))
    edits = {
        "type in a text": lambda r: (text_line, lines[text_line].replace('text: "', 'text: "x', 1)),
        "break a reference": lambda r: (ref_line, lines[ref_line].replace("[c", "[cx", 1) if r % 2 == 0 else lines[ref_line].replace("[cx", "[c", 1)),
        "new line": lambda r: (claim_line, "  # a note\n" + lines[claim_line]),
    }
    spent: dict[str, list[float]] = {name: [] for name in edits}
    version = 1
    for round_ in range(rounds):
        for name, edit in edits.items():
            number, replaced = edit(round_)
            lines[number] = replaced
            text = "".join(lines)
            version += 1
            start = time.process_time()
            checked = checker.check({path: text}, {path: version})
            features.diagnostics(checked, features.Lines(checker, {path: text}))
            spent[name].append(time.process_time() - start)
            lines = text.splitlines(keepends=True)
    return spent


def _table(results: dict[int, dict[str, list[float]]]) -> None:
    """Print the median (and 90th percentile) of each kind of measurement, one row per size."""
    names = list(next(iter(results.values())))
    print(f"{'claims':>8} | " + " | ".join(f"{name:>22}" for name in names))
    print("-" * 9 + "|" + "|".join("-" * 24 for _ in names))
    for size, times in results.items():
        cells = []
        for name in names:
            values = sorted(times[name])
            p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
            cells.append(f"{statistics.median(values) * 1000:7.0f} ms (p90 {p90 * 1000:5.0f})")
        print(f"{size:>8} | " + " | ".join(f"{cell:>22}" for cell in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="claims per generated map, comma-separated")
    parser.add_argument("--rounds", type=int, default=15, help="edits of each kind per size")
    parser.add_argument("--smoke", action="store_true", help="small sizes and few rounds, for CI")
    args = parser.parse_args()
    sizes = [200, 1000] if args.smoke else [int(s) for s in args.sizes.split(",")]
    rounds = 4 if args.smoke else args.rounds
    results: dict[int, dict[str, list[float]]] = {}
    cpu: dict[int, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            results[size] = asyncio.run(measure(size, rounds, folder))
            cpu[size] = check_cpu(size, rounds, folder)
    _table(results)
    print("\nmedian of the rounds (90th percentile); from didChange sent to publishDiagnostics received, completion request to answer")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} processors\n")
    print("processor time of one check after a keystroke, in process (the server's work, however busy the machine):")
    _table(cpu)


if __name__ == "__main__":
    main()
