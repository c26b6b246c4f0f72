"""The Neovim set-up of docs/editors.md, run: a real Neovim, headless, with ``argmap lsp``.

The Lua lines are taken from the page itself (only the command is this checkout's Python),
so the set-up a coach copies is the one tested. Neovim opens a copy of the bundled maps,
and a script inside it types a mistyped id, waits for the server's diagnostics, mends it,
and renames a claim of ``context.yaml`` from a reference in the IJM map; what the buffers
then hold is compared with references counted in the files by pattern here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CLAIM = "critics-law-enforcement-focus-police-coordination"
RENAMED = "police-coordination-focus"

# a machine without Neovim skips these; CI (ARGMAP_REQUIRE_CORPORA=1, after setup.sh installed it) fails instead
pytestmark = pytest.mark.skipif(
    shutil.which("nvim") is None and not os.environ.get("ARGMAP_REQUIRE_CORPORA"), reason="Neovim (nvim) is not installed; apt-get install neovim (setup.sh does)"
)

SCRIPT = r"""
local result = {}
local buf = vim.api.nvim_get_current_buf()
local published = {}
local show = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, params, ctx, config)
  published[params.uri] = params.version
  return show(err, params, ctx, config)
end
local function settled()  -- the server has published for the buffer's current text
  return vim.wait(60000, function() return published[vim.uri_from_bufnr(buf)] == vim.b[buf].changedtick end, 20)
end
local function codes()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(found, { d.code, d.lnum, d.col }) end
  return found
end
result.attached = vim.wait(60000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 20)
local line = vim.fn.search("supports: \\[nation-manufactures-controversy\\]") - 1
local text = vim.api.nvim_buf_get_lines(buf, line, line + 1, true)[1]
local at = #text - 1
vim.api.nvim_buf_set_text(buf, line, at, line, at, { "xy" })  -- typed, not saved
result.typed = settled()
result.typo = { line = line, codes = codes() }
vim.api.nvim_buf_set_text(buf, line, at, line, at + 2, { "" })
result.mended = settled()
result.clean = codes()
local ref = vim.fn.search("context:" .. CLAIM) - 1
vim.api.nvim_win_set_cursor(0, { ref + 1, vim.fn.getline(ref + 1):find(CLAIM, 1, true) + 2 })
vim.lsp.buf.rename(RENAMED)
result.renamed = vim.wait(60000, function()
  local other = vim.fn.bufnr("arguments/context.yaml")
  return other > 0 and vim.fn.bufloaded(other) == 1 and table.concat(vim.api.nvim_buf_get_lines(other, 0, -1, false), "\n"):find(RENAMED, 1, true) ~= nil
end, 20)
result.buffers = {}
for _, name in ipairs({ "context", "htc-vs-evolution", "ijm-vs-thrupkaew" }) do
  local other = vim.fn.bufadd("arguments/" .. name .. ".yaml")
  vim.fn.bufload(other)
  result.buffers[name] = table.concat(vim.api.nvim_buf_get_lines(other, 0, -1, false), "\n") .. "\n"
end
vim.fn.writefile({ vim.fn.json_encode(result) }, OUT)
vim.cmd("qa!")
"""


def documented_setup() -> str:
    """The Neovim lines of docs/editors.md, starting this checkout's server."""
    page = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    blocks: list[str] = re.findall(r"```text\n(.*?)```", page, re.S)
    lua = next(block for block in blocks if "vim.lsp.start_client" in block)
    command = ", ".join(json.dumps(part) for part in (sys.executable, "-m", "argmap", "lsp"))
    assert '{ "argmap", "lsp" }' in lua
    return lua.replace('{ "argmap", "lsp" }', "{ " + command + " }")


def test_neovim_shows_errors_as_typed_and_renames_across_maps(tmp_path: Path) -> None:
    shutil.copytree(REPO / "arguments", tmp_path / "arguments")
    (tmp_path / "init.lua").write_text(documented_setup(), encoding="utf-8")
    out = tmp_path / "result.json"
    script = f"local CLAIM, RENAMED, OUT = {json.dumps(CLAIM)}, {json.dumps(RENAMED)}, {json.dumps(str(out))}\n" + SCRIPT
    (tmp_path / "run.lua").write_text(script, encoding="utf-8")
    before = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "arguments").glob("*.yaml")}
    subprocess.run(
        ["nvim", "--headless", "-u", "init.lua", "arguments/ijm-vs-thrupkaew.yaml", "-c", "luafile run.lua"],
        cwd=tmp_path, timeout=240, check=False, stdin=subprocess.DEVNULL, capture_output=True,
    )
    assert out.exists(), "Neovim did not finish the script"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["attached"] and result["typed"] and result["mended"] and result["renamed"]
    line = result["typo"]["line"]
    assert before["ijm-vs-thrupkaew"].splitlines()[line].endswith("supports: [nation-manufactures-controversy]")
    assert result["typo"]["codes"] == [["unknown-claim", line, before["ijm-vs-thrupkaew"].splitlines()[line].index("nation-")]]
    assert result["clean"] == []
    for name, text in before.items():  # every reference renamed, in each map's own way of writing it
        written = rf"context:{CLAIM}(?![\w-])" if name != "context" else rf"(?<![\w:-]){CLAIM}(?![\w-])"
        count = len(re.findall(written, text))
        assert count > 0, name
        assert result["buffers"][name] == re.sub(written, (f"context:{RENAMED}" if name != "context" else RENAMED), text), name
    assert {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "arguments").glob("*.yaml")} == before  # nothing saved
