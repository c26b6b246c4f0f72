"""The status of an argument in a labelling: IN, OUT or UNDEC.

Apart from :mod:`argmap.analysis.dung`, which computes labellings (and re-exports it), so
that whatever only reads a status -- a cached analysis being unpickled, the explorer's
first screen -- does not import numpy with the semantics.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["Label"]


class Label(str, Enum):
    """The status of an argument in a labelling."""

    IN = "in"
    OUT = "out"
    UNDEC = "undec"
