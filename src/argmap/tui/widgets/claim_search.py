"""Jump to any claim: a command-palette provider over ids, texts, speakers and tags.

Textual's own fuzzy matcher scores every candidate in Python (seconds at 100k claims), so
matching is :meth:`MapView.find` (word containment, then rapidfuzz), run in a thread so
typing never waits for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from argmap.tui.labels import ICONS, short
from argmap.tui.messages import JumpRequest
from argmap.tui.view import MapView

__all__ = ["ClaimSearch"]


class ClaimSearch(Provider):
    """Claims of the loaded maps; choosing one puts the tree cursor on it."""

    def _view(self) -> MapView | None:
        return getattr(self.app, "view", None)

    def _jump(self, key: str) -> Callable[[], None]:
        def jump() -> None:
            self.app.post_message(JumpRequest(key))

        return jump

    def _prompt(self, view: MapView, key: str) -> Text:
        claim = view.claim(key)
        role = view.role(key)
        prompt = Text(f"{ICONS[role]} {role.value:<9} ", Style(bold=True))
        prompt.append(f"{claim.id}  ", Style(dim=True))
        prompt.append(short(claim.text, 70))
        return prompt

    def _help(self, view: MapView, key: str) -> str:
        claim = view.claim(key)
        who = view.speaker_name(key) or "no speaker"
        tags = f" · tags: {', '.join(claim.tags)}" if claim.tags else ""
        return f"{who} · {view.side(key) or 'no side'} · {view.status(key)}{tags}"

    async def discover(self) -> Hits:
        view = self._view()
        if view is None:
            return
        for keys in view.roots.values():
            for key in keys[:20]:
                yield DiscoveryHit(self._prompt(view, key), self._jump(key), help=self._help(view, key))

    async def search(self, query: str) -> Hits:
        view = self._view()
        if view is None:
            return
        for key, score in await asyncio.to_thread(view.find, query):
            yield Hit(score, self._prompt(view, key), self._jump(key), text=view.claim(key).id, help=self._help(view, key))

