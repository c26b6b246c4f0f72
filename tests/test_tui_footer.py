"""The key footer is rebuilt when the keys it shows change, and only then."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from argmap.tui.widgets.footer import KeyFooter


class Counted(KeyFooter):
    def __init__(self) -> None:
        super().__init__()
        self.builds = 0

    def compose(self) -> ComposeResult:
        self.builds += 1
        yield from super().compose()


class Keyed(Button):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "cross", "Cross out")]

    def action_cross(self) -> None:
        pass


class Footed(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "save", "Save")]

    def __init__(self) -> None:
        super().__init__()
        self.can_save = True

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield Keyed("keyed", id="keyed")
        yield Counted()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "save" and not self.can_save else True

    def action_save(self) -> None:
        pass


def shown(app: App[None]) -> dict[str, bool]:
    """The footer's keys as drawn: description → enabled."""
    return {key.description: not key.has_class("-disabled") for key in app.query(FooterKey) if not key.has_class("-command-palette")}


@pytest.mark.asyncio
async def test_the_footer_is_rebuilt_only_when_its_keys_change() -> None:
    app = Footed()
    async with app.run_test() as pilot:
        footer = app.query_one(Counted)
        app.query_one("#one").focus()
        await pilot.pause()
        assert shown(app) == {"Save": True}
        builds = footer.builds
        app.query_one("#two").focus()  # the same keys: Textual's footer rebuilt itself here
        await pilot.pause()
        assert footer.builds == builds
        assert shown(app) == {"Save": True}

        app.query_one("#keyed").focus()  # a key more
        await pilot.pause()
        assert footer.builds > builds
        assert shown(app) == {"Save": True, "Cross out": True}

        app.query_one("#one").focus()  # and gone again
        await pilot.pause()
        assert shown(app) == {"Save": True}


@pytest.mark.asyncio
async def test_a_key_disabled_or_enabled_again_is_redrawn() -> None:
    app = Footed()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.can_save = False
        app.screen.refresh_bindings()  # as a widget's refresh_bindings does
        await pilot.pause()
        assert shown(app) == {"Save": False}
        app.can_save = True
        app.screen.refresh_bindings()  # as a widget's refresh_bindings does
        await pilot.pause()
        assert shown(app) == {"Save": True}
