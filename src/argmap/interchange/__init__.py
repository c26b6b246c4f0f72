"""Interchange with formats people already use: import AIF, Kialo, arg-microtexts and Verbatim; export AIF, Argdown and Verbatim.

Importers read a foreign file into a :class:`~argmap.interchange.writer.Draft` and
:func:`~argmap.interchange.writer.to_yaml` writes it as a map, so every format goes
through one serialiser and one check (``load_workspace``) before a user sees it.
Exporters read a loaded :class:`~argmap.model.Workspace`, never YAML.
"""

from __future__ import annotations

from pathlib import Path

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_texts
from argmap.interchange.aif import read_aif, to_aif
from argmap.interchange.argdown import to_argdown
from argmap.interchange.kialo import parse_kialo, read_kialo
from argmap.interchange.microtexts import read_microtext
from argmap.interchange.verbatim import read_verbatim
from argmap.interchange.writer import Draft, to_yaml

__all__ = [
    "FORMATS",
    "Draft",
    "detect_format",
    "parse_kialo",
    "read_aif",
    "read_foreign",
    "read_kialo",
    "read_microtext",
    "read_verbatim",
    "to_aif",
    "to_argdown",
    "to_yaml",
    "write_draft",
]

FORMATS = ("aif", "kialo", "microtext", "verbatim")


def detect_format(path: Path) -> str:
    """Guess a file's format from its suffix and first bytes.

    Raises:
        ArgmapError: the format cannot be told; the message says how to name it.
    """
    if path.is_dir() or path.suffix.lower() == ".docx":
        return "verbatim"  # a folder: a squad's Verbatim files
    try:
        head = path.read_bytes()[:4096].decode("utf-8-sig", errors="replace").lstrip()
    except OSError as err:
        raise ArgmapError(f"cannot read {path}: {err.strerror or err}") from err
    if path.suffix.lower() == ".json" or head.startswith("{"):
        return "aif"
    if path.suffix.lower() == ".xml" or head.startswith("<"):
        return "microtext"
    if head.startswith(("Discussion Title:", "Discussion Name:")) or head[:1].isdigit():
        return "kialo"
    raise ArgmapError(f"cannot tell the format of {path}; name it with --format ({', '.join(FORMATS)})")


def read_foreign(path: Path | str, fmt: str | None = None, side: str | None = None) -> Draft:
    """Read a file in one of :data:`FORMATS` (guessed when ``fmt`` is None) into a draft;
    ``side`` is the side of a Verbatim file's claims when its name and headings do not say."""
    path = Path(path)
    if not path.is_file() and not path.is_dir():
        raise ArgmapError(f"no such file: {path}")
    fmt = fmt or detect_format(path)
    readers = {"aif": read_aif, "kialo": read_kialo, "microtext": read_microtext}
    if fmt == "verbatim":
        return read_verbatim(path, side)
    if fmt not in readers:
        raise ArgmapError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return readers[fmt](path)


def write_draft(draft: Draft, output: Path, *, overwrite: bool = False) -> list[Path]:
    """Write the map and the files it needs (source texts) beside it; return what was written.

    A file already there is replaced only with ``overwrite``, or when it holds the very
    text that would be written (importing the same corpus twice shares its sources).

    Raises:
        ArgmapError: a file exists and ``overwrite`` is false.
    """
    texts = {output: to_yaml(draft)}
    for relative, text in draft.files.items():
        texts[output.parent / relative] = text
    if not overwrite:
        for path, text in texts.items():
            if path.exists() and (path == output or path.read_text(encoding="utf-8", errors="replace") != text):
                raise ArgmapError(f"{path} exists; use --force to replace it")
    atomic_write_texts(texts)  # a Verbatim import writes a source text per card
    return list(texts)
