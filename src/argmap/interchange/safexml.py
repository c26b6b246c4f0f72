"""Parse untrusted XML with the standard library's expat, safely and with positions.

A foreign file may declare entities that expand a few hundred bytes into gigabytes (the
"billion laughs") or that pull in a local file or a URL (XXE). No format argmap reads needs
an entity declaration, so the parser refuses the first one it meets, never reads an external
DTD, and reports where: ``file:line:column``. Each element's position is kept as well, so
the importers can point at the node or edge at fault.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

from argmap.errors import ArgmapError
from argmap.yamlread import MAX_BYTES

__all__ = ["Positions", "parse_xml"]

Positions = dict[ET.Element, tuple[int, int]]


def _name(name: str) -> str:
    """expat's ``uri name`` (namespace_separator " ") → ElementTree's ``{uri}name``."""
    uri, _, local = name.rpartition(" ")
    return f"{{{uri}}}{local}" if uri else local


def parse_xml(path: Path, what: str) -> tuple[ET.Element, Positions]:
    """The root element of the XML file ``path`` and each element's 1-based (line, column).

    Raises:
        ArgmapError: the file is too large, unreadable, not well-formed, or declares an
            entity; the message starts ``path:line:column:``.
    """
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ArgmapError(f"{path}:1:1: the file is larger than {MAX_BYTES // 2**20} MiB, the most argmap imports")
        data = path.read_bytes()
    except OSError as err:
        raise ArgmapError(f"cannot read {path}: {err.strerror or err}") from err
    builder = ET.TreeBuilder()
    positions: Positions = {}
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)  # never fetch an external DTD
    parser.buffer_text = True

    def here() -> str:
        return f"{path}:{parser.CurrentLineNumber}:{parser.CurrentColumnNumber + 1}"

    def refuse_entity(name: str, *_: object) -> None:
        raise ArgmapError(f"{here()}: {what} declares the XML entity {name!r}; argmap refuses entity declarations "
                          "(they can expand a small file into gigabytes, or read other files)")

    def refuse_external(*_: object) -> int:
        raise ArgmapError(f"{here()}: {what} refers to an external XML entity; argmap reads no other files")

    def refuse_skipped(name: str, _is_parameter: bool) -> None:  # declared (if at all) in a DTD argmap does not read
        raise ArgmapError(f"{here()}: {what} uses the XML entity {name!r}, which it does not define; argmap reads no DTD")

    def start(name: str, attrs: dict[str, str]) -> None:
        element = builder.start(_name(name), {_name(key): value for key, value in attrs.items()})
        positions[element] = (parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    parser.EntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.SkippedEntityHandler = refuse_skipped
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(_name(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        raise ArgmapError(f"{path}:{err.lineno}:{err.offset + 1}: {what} is not well-formed XML: {expat.ErrorString(err.code)}") from err
    except RecursionError as err:
        raise ArgmapError(f"{here()}: {what} is nested too deeply") from err
    except (LookupError, ValueError) as err:  # the XML declaration names an encoding Python does not know, or expat cannot read
        raise ArgmapError(f"{path}:1:1: {what} declares an encoding argmap cannot read ({err}); save it as UTF-8") from err
    return builder.close(), positions
