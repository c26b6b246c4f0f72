"""The explorer app: loads maps in a worker, shows them, reloads them when they change.

:func:`make_app` builds it for the CLI (``argmap explore``) and the tests alike. The app
holds the current :class:`~argmap.tui.view.MapView` and swaps it whole on every (re)load
or edit. Edits go through :class:`~argmap.tui.editing.Editing` (the editing library, with
undo, redo and safe saves); while changes are unsaved, a file changed on disk is never
reloaded silently: the coach is asked.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES, Theme
from textual.worker import get_current_worker

from argmap.analysis.links import Links
from argmap.background import BackgroundLoad, maps_size
from argmap.tui.editing import Editing
from argmap.tui.labels import THEME_VARIABLES, links_label
from argmap.tui.messages import Analysed, JumpRequest, Loaded, LoadProgress
from argmap.tui.screens.choice import ChoiceScreen
from argmap.tui.screens.help import HelpScreen, bindings_of
from argmap.tui.screens.main import EDIT_COMMANDS, VIEWS, MainScreen
from argmap.tui.screens.trace import TraceScreen
from argmap.tui.view import MapView
from argmap.tui.widgets.changes import Since, since_changed
from argmap.tui.widgets.claim_rows import ClaimRows
from argmap.tui.widgets.claim_search import ClaimSearch
from argmap.tui.widgets.claim_tree import ClaimTree
from argmap.tui.widgets.detail import RelationList
from argmap.tui.widgets.flow_table import FlowTable

if TYPE_CHECKING:  # imported when a drill starts: the screen brings a Markdown renderer
    from argmap.tui.screens.drill import DrillPlan

__all__ = ["ArgmapApp", "make_app"]

POLL_SECONDS = 1.0
"""How often the maps' modification times are checked for a live reload."""

PROGRESS_AFTER = 0.6
"""Seconds a load runs before it says what it is doing under "Loading the maps…": each
report redrew the screen on the UI thread, while the load waited for it and then shared the
interpreter with the drawing (four reports at 10k claims, about 0.1 s of a first screen of
1.2-1.5 s, measured in tmux); a load shorter than this says nothing, a long one (a minute
at 100k claims) still does."""

FOCUS_DEPTH = 2
"""Relations rendered around the focused claim by the render action."""

LIGHT_VARIABLES = {
    # darker tones for light backgrounds (labels.THEME_VARIABLES suit dark ones): each at
    # least 4.5:1 against the light theme's surface, background and panel, as WCAG asks of
    # text (tested)
    "role-thesis": "#2a54a9",
    "role-reason": "#176533",
    "role-objection": "#a72428",
    "role-rebuttal": "#844709",
    "role-claim": "#585858",
    "status-in": "#176533",
    "status-out": "#a72428",
    "status-undec": "#6b5500",
    "side-1": "#1d5a91",
    "side-2": "#873787",
    "side-3": "#0f6161",
    "side-4": "#725307",
}


WARM_START_BYTES = 16_000_000
"""Maps of up to this many bytes in all (some 30k claims) are read from argmap's cache
before the first screen is drawn (:meth:`ArgmapApp.first_view`); larger ones load in a
worker while the screen says so."""

LOAD_FIRST_BYTES = 8_000_000
"""Maps of up to this many bytes in all (10k claims of long quotes, 30k of short ones) that
the cache does not hold are loaded and analysed before the first screen is drawn too
(:meth:`ArgmapApp.first_view`): in about a second at 10k claims, and a load that takes
longer than :data:`PROGRESS_AFTER` says so on the terminal meanwhile (:func:`noted_if_slow`).
Larger ones load in a worker, and the screen says what the load is doing."""

@contextmanager
def noted_if_slow(after: float, note: str) -> Iterator[None]:
    """Say ``note`` on the terminal (standard error) if the block runs longer than ``after``
    seconds, and take it back when it ends: for work done before the explorer's first
    screen, while the terminal still shows the command typed (Textual's ``on_load`` comes
    before it takes the screen). Nothing when standard error is not a terminal."""
    stream = sys.__stderr__
    if stream is None or not stream.isatty():
        yield
        return
    said = threading.Event()

    def say() -> None:
        stream.write(note + "\n")
        stream.flush()
        said.set()

    timer = threading.Timer(after, say)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()  # no thread left behind (the resident forks only while it has none)
        if said.is_set():
            stream.write("\x1b[1A\x1b[2K")  # the line up, erased
            stream.flush()


THEMES = ("dark", "light")
"""The explorer's themes, ``argmap-<name>``."""


def _themes() -> list[Theme]:
    """argmap-dark and argmap-light: Textual's own, with the argument-map colours."""
    dark, light = BUILTIN_THEMES["textual-dark"], BUILTIN_THEMES["textual-light"]
    return [
        replace(dark, name="argmap-dark", variables={**dark.variables, **THEME_VARIABLES}),
        replace(light, name="argmap-light", variables={**light.variables, **THEME_VARIABLES, **LIGHT_VARIABLES}),
    ]


def system_viewer() -> list[str] | None:
    """The command that opens a file in the desktop's viewer, or None on a bare terminal
    (xdg-open there would start a text browser inside our own terminal)."""
    if sys.platform == "darwin":
        return ["open"] if shutil.which("open") else None
    if os.name == "nt":
        return ["explorer"]
    if (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and shutil.which("xdg-open"):
        return ["xdg-open"]
    return None


class ArgmapApp(App[None]):
    """Explore argument maps: tree, detail, trace, lists, live reload."""

    CSS_PATH = "app.tcss"
    TITLE = "argmap explore"
    COMMANDS = App.COMMANDS | {ClaimSearch}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+r", "reload", "Reload the maps", show=False, id="reload"),
    ]

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        poll_seconds: float | None = POLL_SECONDS,
        render_dir: Path = Path("renders"),
        open_viewer: bool = True,
        theme: str = "dark",
        links: Links = Links.TEXTS,
        since: str | None = None,
        drill: DrillPlan | None = None,
        background: BackgroundLoad | None = None,
    ) -> None:
        super().__init__()
        self.background = background  # the first load's child process (argmap explore), used once
        self.paths = list(paths)
        self.drill_plan = drill  # argmap drill: opened over the maps once they are shown
        self.links = links  # what the verdicts rest on: L switches
        self.poll_seconds = poll_seconds
        self.render_dir = render_dir
        self.open_viewer = open_viewer
        self.view: MapView | None = None
        self._main_ready = False  # whether the main screen's widgets are there to show a load in
        self._pending: Loaded | None = None  # a load that came before them (first_view's, say), shown by main_ready
        self._pending_progress: str | None = None  # and what the load said it was doing, until then
        self.since_revision = since  # explore --since REV: what changed since is marked and listed
        self.since: Since | None = None
        self._stamps: dict[Path, float] = {}
        self.editing = Editing(self)
        for argmap_theme in _themes():
            self.register_theme(argmap_theme)
        self.theme = f"argmap-{theme}"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_VARIABLES)

    def get_default_screen(self) -> MainScreen:
        """The main screen, as the app's first: it is composed before :meth:`on_mount`, and
        shows the maps in the first frame drawn."""
        return MainScreen()

    def on_load(self) -> None:
        """Read the maps, or start loading them, before the main screen is composed: a cold
        load of 10k claims began a tenth of a second later from on_mount."""
        first = self.first_view()
        if first is not None:
            self._loaded(Loaded(first, reload=False))
        else:
            self.load(reload=False)

    def on_mount(self) -> None:
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self._check_files, name="watch-maps")

    def on_unmount(self) -> None:
        gc.unfreeze()  # the loaded maps were frozen for the app's life (MapView.load); let them go

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def _open_main(self) -> MainScreen | None:
        """The main screen, or None once it is gone: a worker's message (an analysis, a
        comparison, a reload) can arrive while the app is closing."""
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    # -- loading and live reload ---------------------------------------------------------

    def main_ready(self) -> None:
        """The main screen is mounted: show the maps read by :meth:`first_view`, or loaded
        before it was (a background load can finish first), before it is first drawn."""
        self._main_ready = True
        if self._pending_progress is not None and self._pending is None:
            self._show_progress(self._pending_progress)
        pending, self._pending = self._pending, None
        if pending is not None:
            self._loaded(pending)

    @on(LoadProgress)
    def _progress(self, message: LoadProgress) -> None:
        self._show_progress(message.text)

    def _show_progress(self, message: str) -> None:
        main = self._open_main() if self._main_ready else None
        if main is not None:
            main.show_progress(message)
        else:  # a report can come before the main screen has its widgets: shown once it has them
            self._pending_progress = message

    def first_view(self) -> MapView | None:
        """The maps' view, made on the UI thread before the first screen is drawn, when that
        is quick: read from argmap's cache for maps of up to :data:`WARM_START_BYTES`, loaded
        and analysed for maps of up to :data:`LOAD_FIRST_BYTES`. Otherwise None, and
        :meth:`load` runs in a worker while the screen says what it is doing; so it does
        when a child process is loading the maps (:mod:`argmap.background`, for small maps),
        which is done sooner than Textual has started (the bundled maps' first screen came
        0.37 s after launch waiting for it here, 0.25-0.26 s with it in the worker).

        A load in the worker shared the interpreter (and this machine's cores) with Textual
        starting up and drawing a "Loading the maps…" screen that was drawn again when the
        maps came: a cold 10k-claim map took 0.65-0.86 s of CPU to read in the worker against
        0.5-0.7 s alone, and its first screen came 1.36-1.74 s after launch. Read first, it
        comes once, with the maps (measured in tmux, bench/bench_cli.py).
        """
        if self.background is not None and not self.background.cached():
            return None  # a child is loading them: Textual starts meanwhile, and the worker takes them
        size = maps_size(self.paths)
        if size is None:
            return None  # the worker says what is wrong with them
        try:
            if size <= LOAD_FIRST_BYTES:
                with noted_if_slow(PROGRESS_AFTER, "argmap: reading the maps…"):  # nothing is on screen yet
                    return MapView.load(self.paths, freeze=True, links=self.links)
            if size <= WARM_START_BYTES:
                return MapView.cached(self.paths, freeze=True, links=self.links)
        except Exception:  # never die on a map: the worker loads it again and says why it cannot
            return None
        return None

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, reload: bool, relinked: bool = False) -> None:
        """Load (or reload) the maps off the UI thread; the result arrives as :class:`Loaded`
        (``relinked``: loaded again for another choice of links)."""
        gc.unfreeze()  # the view shown so far may go: let the collector see it again
        worker = get_current_worker()
        started = time.monotonic()

        def report(message: str) -> None:  # a few times a load, from this thread
            if not worker.is_cancelled and time.monotonic() - started >= PROGRESS_AFTER:
                self.post_message(LoadProgress(message))  # not call_from_thread: the load goes on meanwhile

        background, self.background = self.background, None
        try:
            view = MapView.load(self.paths, freeze=True, progress=report, links=self.links, background=background)
        except Exception as err:  # never die on a map: say what went wrong and keep the old view
            self.call_from_thread(self.notify, f"Could not load the maps: {err}", severity="error", timeout=10)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(Loaded(view, reload, relinked))

    @work(thread=True, exclusive=True, group="finish", exit_on_error=False, description="finish the analysis")
    def finish(self, view: MapView) -> None:
        """Compute what the first screen did without, off the UI thread; :class:`Analysed` follows."""
        try:
            view.finish()
        except Exception as err:  # the first screen stands; only the extra views are missing
            self.call_from_thread(self.notify, f"Could not analyse the maps: {err}", severity="error", timeout=10)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(Analysed(view))

    def reload(self) -> None:
        """Load the maps again (after an edit on disk), keeping the cursor on its claim."""
        self.load(reload=True)

    def action_toggle_links(self) -> None:
        """Judge on the texts' own links, or count the analyst's too (L): the maps shown
        (edits and all) are analysed again on the other choice, off the UI thread."""
        if self.view is None:
            return
        self.links = Links.ALL if self.links is Links.TEXTS else Links.TEXTS
        self.notify("Analysing again " + ("with the analyst's links…" if self.links is Links.ALL else "on the texts' own links…"), timeout=2)
        if self.editing.active:  # the maps as edited, saved or not
            self.relink(self.view, self.links)
        else:  # the files as they are now (and the cache of this choice, if it has them)
            self.load(reload=True, relinked=True)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def relink(self, view: MapView, links: Links) -> None:
        """The view of ``view``'s maps on ``links``; shown when done, unless a load or
        another switch came after."""
        try:
            new = view.relinked(links)
        except Exception as err:
            self.call_from_thread(self.notify, f"Could not analyse the maps: {err}", severity="error", timeout=10)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._relinked, new)

    def _relinked(self, view: MapView) -> None:
        if view.links is not self.links:  # switched back meanwhile
            return
        self.show_view(view, keep=self.main.focused_key)
        self._say_links(view)

    def _say_links(self, view: MapView) -> None:
        self.notify(f"Links: {view.links_wording}.", timeout=5)

    def action_reload(self) -> None:
        if not self.editing.disk_changed():
            self.reload()

    def action_save(self) -> None:
        self.editing.save()

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q), asking first when some change is not saved."""
        self.editing.quit()

    def remember_files(self) -> None:
        """Take the files as they are now as seen (after our own save or reload)."""
        self._stamps = self._file_stamps()

    def show_view(self, view: MapView, keep: str | None = None) -> None:
        """Show a new view of the maps (after a load or an edit), cursor kept on ``keep``;
        the analyses it does not show yet follow once the screen is drawn."""
        self.view = view
        if self.since is not None:
            view.since = self.since.marks  # until they are worked out again for this view
        main = self.main
        main.show(view, keep=keep)
        for screen in self.screen_stack:
            if isinstance(screen, TraceScreen):
                screen.reload(view)
        self.call_after_refresh(self.finish, view)
        if self.since_revision:
            self.call_after_refresh(self.compare_since)

    @work(thread=True, exclusive=True, group="since", exit_on_error=False, description="compare with the revision")
    def compare_since(self) -> None:
        """Work out what changed since ``--since``'s revision, off the UI thread (the files as saved)."""
        assert self.since_revision is not None
        since = Since.of(self.since_revision, self.paths)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._since_ready, since)

    def _since_ready(self, since: Since) -> None:
        if since.error and (self.since is None or self.since.error != since.error):
            self.notify(f"Cannot compare with {since.revision}: {since.error}", severity="error", timeout=10)
        elif self.since is None:
            self.notify(f"{since.count} claim(s) changed since {since.revision}: marked in the tree, listed in view 7.", timeout=6)
        self.since = since
        if (main := self._open_main()) is not None:
            since_changed(main)

    @on(Analysed)
    def _analysed(self, message: Analysed) -> None:
        main = self._open_main()
        if message.view is self.view and main is not None:
            main.analysed(message.view)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if not self._main_ready:
            self._pending = message
            return
        if self._open_main() is None:  # closing
            return
        self.show_view(message.view, keep=self.main.focused_key if message.reload else None)
        self._stamps = self._file_stamps()  # after show_view: the view's source texts count too
        if self.drill_plan is not None and not message.reload:
            from argmap.tui.screens.drill import DrillScreen

            plan, self.drill_plan = self.drill_plan, None
            self.push_screen(DrillScreen(plan, side_order=message.view.side_order))
        if message.relinked:
            self._say_links(message.view)
        elif message.reload:
            problems = len(message.view.problems)
            self.notify(f"Reloaded: {len(message.view.workspace.claims)} claims, {problems} problem(s).", timeout=3)

    def _file_stamps(self) -> dict[Path, float]:
        files = set(self.view.watched_files()) if self.view is not None else set()
        for path in self.paths:  # a map added to a watched folder counts too
            if path.is_dir():
                files.update(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            else:
                files.add(path)
        stamps = {}
        for file in files:
            try:
                stamps[file] = file.stat().st_mtime
            except OSError:
                stamps[file] = -1.0
        return stamps

    def _check_files(self) -> None:
        if self.view is not None and self._file_stamps() != self._stamps:
            self._stamps = self._file_stamps()
            if not self.editing.disk_changed():
                self.reload()

    # -- actions -------------------------------------------------------------------------

    @on(JumpRequest)
    def _jump(self, message: JumpRequest) -> None:
        while not isinstance(self.screen, MainScreen):
            self.pop_screen()
        self.main.jump(message.key)

    def action_find(self) -> None:
        """Open the jump-to-claim palette."""
        self.push_screen(CommandPalette(providers=[ClaimSearch], placeholder="Find a claim: id, words of its text, speaker, tag…"))

    def action_drill(self) -> None:
        """Practise answering the other side (D): ask which side, then drill it on the
        student's default progress file (``argmap drill`` offers every option)."""
        view = self.view
        if view is None or view.analysis is None:
            self.notify("The maps are not analysed: nothing to drill.", severity="error")
            return
        choices = [(str(n), view.side_label(side), side) for n, side in enumerate(view.side_order[:9], start=1)]
        body = "The cards are the other sides' claims; you answer each as the side you choose."

        def chosen(side: str | None) -> None:
            if side:
                self.start_drill(side)

        self.push_screen(ChoiceScreen("Drill: answer as which side?", body, [*choices, ("c", "Cancel", "")]), chosen)

    def start_drill(self, side: str) -> None:
        from argmap.drill import DrillSession, Progress, build_deck, default_progress_path
        from argmap.errors import ArgmapError
        from argmap.tui.screens.drill import DrillPlan, DrillScreen

        assert self.view is not None and self.view.analysis is not None
        try:
            session = DrillSession(build_deck(self.view.analysis, side), Progress.load(default_progress_path()))
        except ArgmapError as err:
            self.notify(str(err), severity="error", timeout=10)
            return
        if session.finished:
            self.notify("Nothing to drill now: no card is due or new.", timeout=6)
            return
        self.push_screen(DrillScreen(DrillPlan(session), side_order=self.view.side_order))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        from argmap.tui.screens.drill import DrillScreen

        sections = [
            ("Everywhere", [*bindings_of(type(self)), Binding("ctrl+p", "command_palette", "Command palette: every action, claims, themes")]),
            ("Main screen", bindings_of(MainScreen)),
            ("Relations list (detail pane)", bindings_of(RelationList)),
            ("Claim tree", bindings_of(ClaimTree)),
            ("Lists and tables", bindings_of(ClaimRows) + bindings_of(FlowTable)[2:]),
            ("Trace screen", bindings_of(TraceScreen)),
            ("Drill screen", bindings_of(DrillScreen)),
        ]
        self.push_screen(HelpScreen(sections))

    def render_focus(self, key: str, fmt: str) -> None:
        """Render ``key``'s neighbourhood to a file (in a worker) and open it if we can."""
        self.notify(f"Rendering {key} as {fmt.upper()}…", timeout=2)
        self._render(key, fmt)

    @work(thread=True, group="render", exit_on_error=False)
    def _render(self, key: str, fmt: str) -> None:
        from argmap.errors import ArgmapError

        assert self.view is not None
        try:
            from argmap.render import render_focus
        except ImportError as err:
            self.call_from_thread(self.notify, f"Rendering is not available: {err}", severity="error")
            return
        stem, _, claim_id = key.partition(":")
        target = self.render_dir / f"{stem}-{claim_id}.{fmt}"
        view = self.view
        try:
            self.render_dir.mkdir(parents=True, exist_ok=True)
            note = view.links_wording if view.analysis is not None else None
            out = render_focus(view.workspace, key, FOCUS_DEPTH, target, fmt=fmt, analysis=view.analysis, links_note=note)
        except (ArgmapError, OSError) as err:
            self.call_from_thread(self.notify, f"Could not render: {err}", severity="error", timeout=10)
            return
        viewer = system_viewer() if self.open_viewer else None
        if viewer is not None:
            subprocess.Popen([*viewer, str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.call_from_thread(self.notify, f"Rendered {out}" + (" (opened)" if viewer else ""), timeout=6)

    def watch_theme(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.restyle()
            elif isinstance(screen, TraceScreen):
                screen.refresh_trace()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self._open_main()
        if main is None:
            return
        yield SystemCommand("Find a claim", "Jump to a claim by id, text, speaker or tag (/)", self.action_find)
        yield SystemCommand("Trace answers", "Follow the focused claim's rebuttals to the last word (t)", main.action_trace)
        yield SystemCommand("Drill a side", "Practise answering the other side's claims, scheduled for review (D)", self.action_drill)
        yield SystemCommand("Filter claims", "By side, role, status, tag, dropped (f)", main.action_toggle_filters)
        other = "count the analyst's links too" if self.links is Links.TEXTS else "judge on the texts' own links only"
        yield SystemCommand("Switch links", f"Now {links_label(self.view)}: {other} (L)" if self.view else f"{other} (L)", self.action_toggle_links)
        yield SystemCommand("Render focus as SVG", "Draw the focused claim's neighbourhood (r)", lambda: main.action_render("svg"))
        yield SystemCommand("Render focus as PNG", "Draw the focused claim's neighbourhood (R)", lambda: main.action_render("png"))
        for title, help_text, action in EDIT_COMMANDS:
            yield SystemCommand(title, help_text, getattr(main, f"action_{action}"))
        yield SystemCommand("Reload the maps", "Read the files again (ctrl+r; happens by itself when they change)", self.reload)
        for number, name in enumerate(VIEWS, start=1):
            yield SystemCommand(f"Show {name}", f"Switch the left pane to the {name} view ({number})", lambda name=name: main.action_show_view(name))


def make_app(
    paths: Sequence[Path | str],
    *,
    poll_seconds: float | None = POLL_SECONDS,
    render_dir: Path = Path("renders"),
    open_viewer: bool = True,
    theme: str = "dark",
    links: Links | str = Links.TEXTS,
    since: str | None = None,
    drill: DrillPlan | None = None,
    background: BackgroundLoad | None = None,
) -> ArgmapApp:
    """Build the explorer over map files or folders (the CLI and the tests both use this).

    Args:
        paths: Map files or folders of maps.
        poll_seconds: How often to check the files for a live reload; None turns it off.
        render_dir: Where the render action writes its SVG/PNG files.
        open_viewer: Open rendered files with the system viewer when there is one.
        theme: ``dark`` or ``light`` (a projector in a lit room reads light better); the
            command palette switches later.
        links: ``texts`` (judge on the links the texts make) or ``all`` (count the
            analyst's links too); ``L`` switches later.
        since: A git revision: claims changed since it are marked, and listed in a view.
        drill: A drill to open over the maps once they are shown (``argmap drill``).
        background: A child process already loading ``paths`` on ``links``
            (:class:`~argmap.background.BackgroundLoad`): the first load takes its result.
    """
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}: use one of {', '.join(THEMES)}")
    return ArgmapApp(
        [Path(p) for p in paths], poll_seconds=poll_seconds, render_dir=render_dir, open_viewer=open_viewer, theme=theme, links=Links(links), since=since, drill=drill,
        background=background,
    )
