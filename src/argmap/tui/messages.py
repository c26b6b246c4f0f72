"""Messages the explorer's parts send the app: load results and requests to move."""

from __future__ import annotations

from textual.message import Message

from argmap.tui.view import MapView

__all__ = ["Analysed", "JumpRequest", "LoadProgress", "Loaded"]


class JumpRequest(Message):
    """Put the tree cursor on a claim (from search, trace, a relation, a list)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class Loaded(Message):
    """A (re)load finished in its worker thread."""

    def __init__(self, view: MapView, reload: bool, relinked: bool = False) -> None:
        super().__init__()
        self.view = view
        self.reload = reload
        self.relinked = relinked  # loaded again for another choice of links


class LoadProgress(Message):
    """What a long load is doing (shown under "Loading the maps…" until the first view)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class Analysed(Message):
    """The analyses the first screen did without (clash points, …) are ready for ``view``."""

    def __init__(self, view: MapView) -> None:
        super().__init__()
        self.view = view
