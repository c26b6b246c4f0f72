"""Run Graphviz ``dot`` on a diagram's DOT source and write the result atomically.

``dot`` is run as a subprocess on the source text, so a render whose DOT is known (from
argmap's cache, :mod:`argmap.stamps`) needs neither the ``graphviz`` package nor the
model. Its failures never reach the user as a traceback: a missing program becomes
:class:`~argmap.errors.ToolMissingError` with a one-line install hint, and a failing one
an :class:`~argmap.errors.ArgmapError` with the first line ``dot`` printed. PNG
resolution is set for PNG only (``-Gdpi``): a ``dpi`` inside the graph zooms and clips
SVG output in Graphviz 2.43.
"""

from __future__ import annotations

import subprocess

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same
if TYPE_CHECKING:
    from pathlib import Path

    import graphviz

__all__ = ["DEFAULT_PNG_DPI", "FORMATS", "INSTALL_HINT", "dot_bytes", "render", "render_source", "run_dot"]

FORMATS = ("svg", "png", "pdf", "dot")
DEFAULT_PNG_DPI = 110
INSTALL_HINT = (
    "Graphviz 'dot' was not found on PATH; install Graphviz: 'apt-get install graphviz' "
    "(Debian/Ubuntu), 'brew install graphviz' (macOS), or see https://graphviz.org/download/"
)


def run_dot(source: str, fmt: str, *, dpi: int | None = None, output: str | None = None) -> bytes:
    """``source`` (DOT) rendered by ``dot`` in format ``fmt`` (svg, png or pdf); with
    ``output``, dot writes it to that file itself and nothing is returned (b"").

    Raises:
        ToolMissingError: ``dot`` is not installed.
        ArgmapError: ``dot`` failed, or ``fmt`` is not one argmap writes.
    """
    # argmap.errors is imported where it is raised: its dataclasses cost a cached render a sixth of its start-up
    if fmt not in FORMATS or fmt == "dot":
        from argmap.errors import ArgmapError

        raise ArgmapError(f"unknown format {fmt!r} for dot; choose one of {', '.join(FORMATS)}")
    command = ["dot", f"-T{fmt}", *([f"-Gdpi={dpi or DEFAULT_PNG_DPI}"] if fmt == "png" else []), *(["-o", output] if output else [])]
    try:
        done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, check=False)
    except FileNotFoundError as err:
        from argmap.errors import ToolMissingError

        raise ToolMissingError(INSTALL_HINT) from err
    if done.returncode != 0:
        from argmap.errors import ArgmapError

        said = done.stderr.decode("utf-8", "replace")
        first = next((line.strip() for line in said.splitlines() if line.strip()), f"exit status {done.returncode}")
        raise ArgmapError(f"Graphviz dot failed to render {fmt}: {first}")
    return done.stdout


def dot_bytes(digraph: graphviz.Digraph, fmt: str, *, dpi: int | None = None) -> bytes:
    """The diagram rendered by ``dot`` in format ``fmt`` (see :func:`run_dot`)."""
    return run_dot(digraph.source, fmt, dpi=dpi)


def render_source(source: str, path: Path | str, fmt: str | None = None, *, dpi: int | None = None) -> Path:
    """Write DOT ``source`` to ``path`` as ``fmt`` (default: the path's suffix); return the path.

    ``dot`` writes the DOT source itself and needs no Graphviz; ``dpi`` applies to PNG.

    Raises:
        ToolMissingError: ``dot`` is not installed.
        ArgmapError: ``dot`` failed, or the format is unknown.
    """
    from pathlib import Path

    from argmap.fileio import atomic_output, atomic_write_bytes

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "svg").lower()
    if fmt == "dot":
        atomic_write_bytes(path, source.encode("utf-8"))
    else:
        with atomic_output(path) as temp:  # dot writes the file: a large SVG need not pass through argmap
            run_dot(source, fmt, dpi=dpi, output=temp)
    return path


def render(digraph: graphviz.Digraph, path: Path | str, fmt: str | None = None, *, dpi: int | None = None) -> Path:
    """Write the diagram to ``path`` as ``fmt`` (see :func:`render_source`)."""
    return render_source(digraph.source, path, fmt, dpi=dpi)
