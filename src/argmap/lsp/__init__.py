"""argmap's language server (``argmap lsp``): maps checked, completed and navigated as you type.

:mod:`~argmap.lsp.text` reads the cursor's place from a buffer's lines, :mod:`~argmap.lsp.folder`
holds a folder of maps checked from the editor's buffers, :mod:`~argmap.lsp.features` makes each
answer, and :mod:`~argmap.lsp.server` wires them to the protocol with pygls.
"""

from __future__ import annotations

__all__: list[str] = []
