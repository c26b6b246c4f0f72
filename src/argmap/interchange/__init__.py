"""Interchange with formats people already use: import AIF, Argdown, GraphML, SADFace, Kialo, arg-microtexts, brat, Carneades and Verbatim; export AIF, Argdown, GraphML, SADFace and Verbatim.

Importers read a foreign file into a :class:`~argmap.interchange.writer.Draft` and
:func:`~argmap.interchange.writer.to_yaml` writes it as a map, so every format goes
through one serialiser and one check (``load_workspace``) before a user sees it.
Exporters read a loaded :class:`~argmap.model.Workspace`, never YAML.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_texts
from argmap.interchange.aif import read_aif, to_aif
from argmap.interchange.argdown import read_argdown, to_argdown
from argmap.interchange.brat import read_brat
from argmap.interchange.carneades import read_carneades
from argmap.interchange.graphml import read_graphml, to_graphml
from argmap.interchange.kialo import parse_kialo, read_kialo
from argmap.interchange.microtexts import read_microtext
from argmap.interchange.sadface import read_sadface, to_sadface
from argmap.interchange.verbatim import read_verbatim
from argmap.interchange.writer import Draft, to_yaml

__all__ = [
    "FORMATS",
    "Draft",
    "detect_format",
    "parse_kialo",
    "read_aif",
    "read_argdown",
    "read_brat",
    "read_carneades",
    "read_foreign",
    "read_graphml",
    "read_kialo",
    "read_microtext",
    "read_sadface",
    "read_verbatim",
    "to_aif",
    "to_argdown",
    "to_graphml",
    "to_sadface",
    "to_yaml",
    "write_draft",
]

FORMATS = ("aif", "argdown", "brat", "carneades", "graphml", "kialo", "microtext", "sadface", "verbatim")

_CARNEADES_KEY = re.compile(r"^(?:meta|statements|arguments|issues|assumptions|argument_schemes|language):", re.M)
"""A top-level key of a Carneades graph: an argmap map (``argmap: 1``) has none of them."""


def detect_format(path: Path) -> str:
    """Guess a file's format from its suffix and first bytes.

    Raises:
        ArgmapError: the format cannot be told; the message says how to name it.
    """
    if path.is_dir():
        if any(path.glob("*.ann")):
            return "brat"
        if any(path.glob("*.docx")):
            return "verbatim"  # a squad's Verbatim files
        raise ArgmapError(f"{path} is a folder of neither brat documents (.ann) nor Verbatim files (.docx): only those import a folder at a time")
    if path.suffix.lower() == ".docx":
        return "verbatim"
    try:
        with open(path, "rb") as file:  # the head only: the file may be huge
            head = file.read(4096).decode("utf-8-sig", errors="replace").lstrip()
    except OSError as err:
        raise ArgmapError(f"cannot read {path}: {err.strerror or err}") from err
    if path.suffix.lower() in (".argdown", ".ad"):
        return "argdown"
    if path.suffix.lower() == ".ann":
        return "brat"
    if path.suffix.lower() in (".yml", ".yaml") and _CARNEADES_KEY.search(head):
        return "carneades"
    if path.suffix.lower() == ".json" or head.startswith("{"):
        sadface = '"nodeID"' not in head and any(key in head for key in ('"source_id"', '"analyst_name"', '"atom"'))
        return "sadface" if sadface else "aif"
    if path.suffix.lower() == ".graphml" or "<graphml" in head:
        return "graphml"
    if path.suffix.lower() == ".xml" or head.startswith("<"):
        return "microtext"
    if head.startswith(("Discussion Title:", "Discussion Name:")) or head[:1].isdigit():
        return "kialo"
    raise ArgmapError(f"cannot tell the format of {path}; name it with --format ({', '.join(FORMATS)})")


def read_foreign(path: Path | str, fmt: str | None = None, side: str | None = None) -> Draft:
    """Read a file in one of :data:`FORMATS` (guessed when ``fmt`` is None) into a draft;
    ``side`` is the side of a Verbatim file's claims when its name and headings do not say."""
    path = Path(path)
    if not path.exists():
        raise ArgmapError(f"no such file: {path}")
    fmt = fmt or detect_format(path)
    readers = {
        "aif": read_aif, "argdown": read_argdown, "brat": read_brat, "carneades": read_carneades, "graphml": read_graphml,
        "kialo": read_kialo, "microtext": read_microtext, "sadface": read_sadface,
    }
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
