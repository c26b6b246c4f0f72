"""The JSON Schema of the map format, shipped for editors (yaml-language-server).

The loader is the authority on what a valid map is; this schema describes the same
keys and types for editors, and a test keeps the two in step.
"""

from __future__ import annotations

from importlib import resources

__all__ = ["SCHEMA_FILE", "schema_text"]

SCHEMA_FILE = "argmap.schema.json"


def schema_text() -> str:
    """The schema as JSON text."""
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
