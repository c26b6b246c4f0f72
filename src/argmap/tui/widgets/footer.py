"""The key footer: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["KeyFooter"]


class KeyFooter(Footer):
    """Textual's :class:`~textual.widgets.Footer`, rebuilt only when what it shows changes.

    Textual's footer throws its keys away and builds them again on every change of focus,
    shown keys or not: six times while the explorer starts (each move of the focus as the
    screen is built, and again once the maps are shown), 30-40 ms of styling each, taken
    from the maps' load by the interpreter lock. The keys of one screen rarely change, so
    the footer keeps what it last showed and is rebuilt only when that differs.
    """

    _shown: Hashable = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            super().bindings_changed(screen)  # Textual's own rules for a footer it will not rebuild now
            return
        shown = self._showing(screen)
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def _showing(self, screen: Screen[object]) -> Hashable:
        """What :meth:`compose` makes of ``screen``'s keys: each shown key with its label,
        whether it is enabled, its group; and the settings that change their look."""
        app = self.app
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (key, app.get_key_display(binding), binding.description, binding.action, enabled, tooltip, binding.group)
                for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
        )
