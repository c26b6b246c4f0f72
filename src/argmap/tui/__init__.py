"""argmap's terminal explorer (Textual): ``argmap explore MAP|FOLDER``.

The only part of argmap that imports Textual or Rich; everything else stays headless
(``tests/test_import_hygiene.py`` proves it). Build the app with :func:`make_app`.
"""

from __future__ import annotations

from argmap.tui.app import ArgmapApp, make_app

__all__ = ["ArgmapApp", "make_app"]
