"""Run Graphviz ``dot`` on a diagram and write the result atomically.

``dot`` is found and run by the ``graphviz`` package. Its failures never reach the user
as a traceback: a missing program becomes :class:`~argmap.errors.ToolMissingError` with
a one-line install hint, and a failing one an :class:`~argmap.errors.ArgmapError` with
the first line ``dot`` printed. PNG resolution is set on a copy of the graph for PNG
only: a ``dpi`` inside the graph zooms and clips SVG output in Graphviz 2.43.
"""

from __future__ import annotations

from pathlib import Path

import graphviz

from argmap.errors import ArgmapError, ToolMissingError
from argmap.fileio import atomic_write_bytes, atomic_write_text

__all__ = ["DEFAULT_PNG_DPI", "FORMATS", "INSTALL_HINT", "dot_bytes", "render"]

FORMATS = ("svg", "png", "pdf", "dot")
DEFAULT_PNG_DPI = 110
INSTALL_HINT = (
    "Graphviz 'dot' was not found on PATH; install Graphviz: 'apt-get install graphviz' "
    "(Debian/Ubuntu), 'brew install graphviz' (macOS), or see https://graphviz.org/download/"
)


def dot_bytes(digraph: graphviz.Digraph, fmt: str, *, dpi: int | None = None) -> bytes:
    """The diagram rendered by ``dot`` in format ``fmt`` (svg, png or pdf).

    Raises:
        ToolMissingError: ``dot`` is not installed.
        ArgmapError: ``dot`` failed, or ``fmt`` is not one argmap writes.
    """
    if fmt not in FORMATS or fmt == "dot":
        raise ArgmapError(f"unknown format {fmt!r} for dot; choose one of {', '.join(FORMATS)}")
    if fmt == "png":
        digraph = digraph.copy()
        digraph.attr("graph", dpi=str(dpi or DEFAULT_PNG_DPI))
    try:
        data: bytes = graphviz.pipe("dot", fmt, digraph.source.encode("utf-8"), quiet=True)
        return data
    except graphviz.ExecutableNotFound as err:
        raise ToolMissingError(INSTALL_HINT) from err
    except graphviz.CalledProcessError as err:
        said = err.stderr.decode("utf-8", "replace") if isinstance(err.stderr, bytes) else str(err.stderr or "")
        first = next((line.strip() for line in said.splitlines() if line.strip()), f"exit status {err.returncode}")
        raise ArgmapError(f"Graphviz dot failed to render {fmt}: {first}") from err


def render(digraph: graphviz.Digraph, path: Path | str, fmt: str | None = None, *, dpi: int | None = None) -> Path:
    """Write the diagram to ``path`` as ``fmt`` (default: the path's suffix); return the path.

    ``dot`` writes the DOT source itself and needs no Graphviz; ``dpi`` applies to PNG.

    Raises:
        ToolMissingError: ``dot`` is not installed.
        ArgmapError: ``dot`` failed, or the format is unknown.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "svg").lower()
    if fmt == "dot":
        atomic_write_text(path, digraph.source)
    else:
        atomic_write_bytes(path, dot_bytes(digraph, fmt, dpi=dpi))
    return path
