"""Benchmark every command as a person meets it: the whole process, from launch to answer.

The other benchmarks time argmap's work inside a warm interpreter. This one starts each
command as a new process, start-up and imports included, and sets it beside the floors it
cannot beat, measured in the same run on the same files:

* *pass*: ``python -c pass``, the interpreter alone;
* *yaml*: a process that parses the same map files with PyYAML's C loader (``CSafeLoader``);
* *dot*: Graphviz ``dot -Tsvg`` alone on the DOT that ``argmap render`` writes for the view;
* *textual*: a bare Textual app (one line of text) from launch to its first screen, beside
  the explorer.

``explore`` is timed from launch to its first full screen (the tree and the detail of the
claim under the cursor, with its status) in a tmux pane of 120x40: *cold* with the cache
off, *cached* on a second launch once the first has written the cache. ``check``,
``analyze`` and ``render`` remember their answer with the files it came from (:mod:`argmap.stamps`), and
``dot``'s pictures are remembered by content (:mod:`argmap.render.run`): their plain rows run
as a person's second run does, their *cold* rows with the cache off (as after an edit; the
render target is set on that row, since a second render of unchanged maps runs no ``dot``). Editing commands
(``add``, ``link``, ``unlink``, ``mv``, ``rm``) run in that order on a fresh copy of the
workspace each round; every other command runs with argmap's cache on (in a folder of the
benchmark's own), as a person's would.

Workspaces: the bundled ``arguments/`` and, at each size, one map from ``argmap generate``
(*gen*) and a folder of maps from :func:`argmap.generate.write_web` (*web*: many references
across files, long quotes, chains hundreds deep, hubs answered hundreds of times).
Commands run as a person's do: through the resident argmap (:mod:`argmap.resident`) that the
first command of a session starts, which the benchmark starts (in tmux too) before timing and
stops at the end; the rows marked *own* run without it, as that first command does.
Every figure is a median of ``--repeat`` runs; a command and its *pass* floor run one after
the other (taking turns going first), so the ratio compares runs that saw the same load.

    python bench/bench_cli.py              # arguments/, 1k and 10k claims
    python bench/bench_cli.py --huge       # and 100k (about an hour: the YAML alone is ~20 s a run)
    python bench/bench_cli.py --smoke      # tiny maps, one run each, no deck (CI)

Whole-map renders and slide decks are timed up to 1,000 claims, and no view whose DOT keeps
``dot`` alone busy for more than 30 s (``--all-views`` for all): ``dot`` takes minutes to lay
out a whole 10k-claim map (83 s for *gen*, more than 5 min for *web*), a 10k deck over 8 min.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from statistics import median, quantiles

__all__ = ["main"]

REPO = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000)
HUGE = 100_000
SMOKE_SIZES = (60,)
FULL_VIEWS_UP_TO = 1_000
DOT_AT_MOST = 30.0
"""Seconds of dot alone on a view's DOT above which the view is not rendered (without --all-views)."""
SLOW = 5.0
"""Seconds from which a command's later runs are cut to three: a median of three of them is steady enough."""
SHARE_ROUNDS = 15
"""Rounds of the row the render share's target is read from, whatever ``--repeat`` says. The
share is a difference of two noisy times: on a 2-core machine whose plain Python loop ran
0.21 to 0.41 s from one run to the next, medians of seven rounds put it at 8 % in one run of
the table and 28 % in another; the extra rounds cost about 15 s at 1k claims."""

TEXTUAL_FLOOR = """from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("Status IN")


Bare().run()
"""
YAML_FLOOR = "import sys, yaml\nfor p in sys.argv[1:]:\n    with open(p, 'rb') as f:\n        yaml.load(f, Loader=yaml.CSafeLoader)"
READY = re.compile(r"\bStatus +(IN|OUT|UNDEC)\b")
"""The detail pane's status line: drawn once the tree has a claim under its cursor."""


def _argmap() -> list[str]:
    """The ``argmap`` console script of this interpreter (what a person types), else ``-m``."""
    script = Path(sys.executable).parent / "argmap"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "argmap"]


@dataclass
class Workspace:
    """A workspace to time commands on, and what the commands need to know about it."""

    name: str
    template: Path  # a folder, copied afresh for each round of edits
    target: str  # what to pass on the command line: the folder or its one map, relative to the folder's parent
    claims: int
    maps: list[str]  # map files, relative as the target is
    edit: dict[str, str] = field(default_factory=dict)  # map, to_map, speaker, supports, link


def _prepare(name: str, folder: Path, target: str) -> Workspace:
    """Date the files a minute back (the cache stores no file written just before it was read)
    and pick the claims the edits use: one with a speaker another map also has, if any."""
    from argmap.load import load_workspace

    a_minute_ago = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (a_minute_ago, a_minute_ago))
    workspace = load_workspace([folder / target], verify_quotes=False)
    home = folder.parent.resolve()
    maps = sorted(str(m.path.resolve().relative_to(home)) for m in workspace.maps.values())
    edit: dict[str, str] = {}
    for stem, argmap_map in workspace.maps.items():
        others = [o for o in workspace.maps if o != stem]
        for claim in argmap_map.claims.values():
            if claim.by is None:
                continue
            homes = [o for o in others if claim.by in workspace.maps[o].speakers]
            if others and not homes:
                continue
            partner = next(c for c in argmap_map.claims.values() if c.id != claim.id)
            edit = {"map": str(argmap_map.path.resolve().relative_to(home)), "speaker": claim.by, "supports": claim.id, "link": partner.id}
            if homes:
                edit["to_map"] = homes[0]
            break
        if edit:
            break
    return Workspace(name, folder, str(Path(folder.name, target)), len(workspace.claims), maps, edit)


@dataclass
class Command:
    """A row of the table: how to run it, which floors stand beside it, and its target."""

    name: str
    argv: Callable[[Workspace, Path], list[str]]
    dot_view: list[str] | None = None  # the render options whose DOT is the dot floor
    cold: bool = False  # run with argmap's cache off
    own: bool = False  # run in a process of its own (ARGMAP_RESIDENT=0), as the first command of a session
    target: Callable[[Workspace, dict[str, float]], str] = lambda w, t: ""
    when: Callable[[Workspace, argparse.Namespace], bool] = lambda w, a: True
    rounds: int = 0  # at least this many, whatever --repeat says (not with --smoke)


def _at_most(times: float) -> Callable[[Workspace, dict[str, float]], str]:
    def target(w: Workspace, t: dict[str, float]) -> str:
        if w.name != "arguments":
            return ""
        return f"<= {times:g}x pass {'ok' if t['median'] <= times * t['pass'] else 'OVER'}"

    return target


def _first_screen(w: Workspace, t: dict[str, float]) -> str:
    limit = 0.5 if w.claims <= 1_000 else 1.0 if w.claims <= 10_000 else None
    if limit is None:
        return ""
    return f"< {limit:g} s {'ok' if t['median'] < limit else 'OVER'}"


def _share(w: Workspace, t: dict[str, float]) -> str:
    if w.claims < 1_000 or "share" not in t:
        return ""
    verdict = "ok" if t["share"] <= 0.15 else "OVER"
    return f"share <= 15% {verdict} (rounds {t['share_low']:.0%} to {t['share_high']:.0%})"


def _middle_half(shares: Sequence[float]) -> tuple[float, float]:
    """The quartiles of the rounds' shares (the extremes, for fewer than four rounds): how far
    one round's noise moves the share, which the target reads from the medians."""
    if len(shares) < 4:
        return min(shares), max(shares)
    low, _, high = quantiles(shares, n=4)
    return low, high


def _full_views(w: Workspace, a: argparse.Namespace) -> bool:
    return bool(a.all_views or w.claims <= FULL_VIEWS_UP_TO)


def _deck(w: Workspace, a: argparse.Namespace) -> bool:
    return _full_views(w, a) and not a.smoke  # a deck takes 15 s even of 60 claims (a dot run per slide)


def _edit(w: Workspace, _a: argparse.Namespace) -> bool:
    return bool(w.edit)


COMMANDS = [
    Command("--help", lambda w, out: ["--help"], target=_at_most(3), when=lambda w, a: w.name == "arguments"),
    Command("--help own", lambda w, out: ["--help"], own=True, when=lambda w, a: w.name == "arguments"),
    Command("check", lambda w, out: ["check", w.target], target=_at_most(3)),
    Command("check own", lambda w, out: ["check", w.target], own=True),
    Command("check (cold)", lambda w, out: ["check", w.target], cold=True),
    Command("analyze", lambda w, out: ["analyze", w.target]),
    Command("analyze (cold)", lambda w, out: ["analyze", w.target], cold=True),
    Command("render", lambda w, out: ["render", w.target, "-o", str(out / "whole.svg")], dot_view=[], when=_full_views),
    Command("render (cold)", lambda w, out: ["render", w.target, "-o", str(out / "whole.svg")], dot_view=[], cold=True, target=_share, when=_full_views, rounds=SHARE_ROUNDS),
    Command("render (cold) own", lambda w, out: ["render", w.target, "-o", str(out / "whole.svg")], dot_view=[], cold=True, own=True, when=_full_views),
    Command("render --overview", lambda w, out: ["render", w.target, "--overview", "-o", str(out / "overview.svg")], dot_view=["--overview"]),
    Command("brief", lambda w, out: ["brief", w.target, "-o", str(out / "brief.md")]),
    Command("flow", lambda w, out: ["flow", w.target, "-o", str(out / "flow.html")]),
    Command("slides", lambda w, out: ["slides", w.target, "-o", str(out / "deck.pptx")], when=_deck),
    Command("explore (cold)", lambda w, out: ["explore", w.target], target=_first_screen),
    Command("explore (cached)", lambda w, out: ["explore", w.target], target=_first_screen),
    Command("explore (cold) own", lambda w, out: ["explore", w.target], own=True),
    Command("explore (cached) own", lambda w, out: ["explore", w.target], own=True),
    Command("solve --map", lambda w, out: ["solve", "--map", w.maps[0], "-s", "grounded"]),
    Command("add", lambda w, out: ["add", w.edit["map"], "bench-new", "--text", "A claim the benchmark adds.", "--by", w.edit["speaker"], "--supports", w.edit["supports"]], when=_edit),
    Command("link", lambda w, out: ["link", w.edit["map"], "bench-new", "supports", w.edit["link"]], when=_edit),
    Command("unlink", lambda w, out: ["unlink", w.edit["map"], "bench-new", w.edit["link"]], when=_edit),
    Command("mv", lambda w, out: ["mv", w.edit["map"], "bench-new", w.edit["to_map"]], when=lambda w, a: "to_map" in w.edit),
    Command("rm", lambda w, out: ["rm", str(Path(w.edit["map"]).with_name(w.edit["to_map"] + ".yaml")) if "to_map" in w.edit else w.edit["map"], "bench-new", "--force"], when=_edit),
]
EDITS = ("add", "link", "unlink", "mv", "rm")


class Runner:
    """Runs processes in a scratch folder and times them; the explorer in tmux."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        # bytecode as an installed package has it: with PYTHONDONTWRITEBYTECODE set, every
        # launch compiled argmap's modules afresh (a third of --help's time)
        dropped = ("ARGMAP_NO_CACHE", "ARGMAP_CACHE_DIR", "PYTHONDONTWRITEBYTECODE")
        self.env = {k: v for k, v in os.environ.items() if k not in dropped}
        self.use_cache(scratch / "cache")
        self.residents = scratch / "resident"  # the benchmark's own: stopped at the end
        self.env["ARGMAP_RESIDENT_DIR"] = str(self.residents)
        self.env.pop("ARGMAP_RESIDENT", None)
        self.socket = f"argmap-bench-{os.getpid()}"
        self.sessions = itertools.count()
        self.tmux = shutil.which("tmux") is not None
        import argmap

        subprocess.run([sys.executable, "-m", "compileall", "-q", *argmap.__path__], check=True, env=self.env)
        self.control: subprocess.Popen[str] | None = None
        if self.tmux:  # the server, started once, outside any timing
            subprocess.run(["tmux", "-L", self.socket, "new-session", "-d", "-s", "idle", "sleep 86400"], check=True, env=self.env)
            # one client in control mode asks for every screen: a `tmux capture-pane` process
            # per look cost 2 ms of CPU, and looking every 5 ms took a third of a core from
            # the explorer being timed (its child process loads the maps on the other core)
            self.control = subprocess.Popen(
                ["tmux", "-L", self.socket, "-C", "attach-session", "-f", "no-output", "-t", "idle"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, env=self.env,
            )
            self._send("display-message -p ready")
            while "ready" not in self._reply():  # past the attach's own reply
                pass

    def use_cache(self, folder: Path) -> None:
        """Give argmap's cache this folder from now on (one per workspace: an entry is
        found by the paths asked for, and each workspace's copy is elsewhere)."""
        self.cache = folder
        self.env["ARGMAP_CACHE_DIR"] = str(folder)

    def close(self) -> None:
        from argmap import resident

        resident.stop(str(self.residents))
        if self.control is not None:
            self.control.terminate()
        if self.tmux:
            subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def warm(self, argmap: list[str], cwd: Path) -> None:
        """Have argmap's residents up, for commands run here and in tmux (whose environment
        differs): the first command of a session starts one, the others use it."""
        self.time([*argmap, "--version"], cwd)
        if self.tmux:
            name = f"s{next(self.sessions)}"
            self._tmux(shlex.join(["new-session", "-d", "-s", name, "-c", str(cwd), shlex.join([*argmap, "--version"]) + "; sleep 60"]))
            try:
                while "argmap " not in self._screen(name):
                    time.sleep(0.01)
            finally:
                self._tmux(f"kill-session -t ={name}", check=False)
        deadline = time.perf_counter() + 60
        while any(self.residents.glob("*.starting")) and time.perf_counter() < deadline:
            time.sleep(0.05)

    def time(self, argv: Sequence[str], cwd: Path, timeout: float | None = None, cold: bool = False, own: bool = False) -> float:
        """Seconds ``argv`` took (``cold``: with argmap's cache off; ``own``: without a
        resident); ``inf`` when it was stopped after ``timeout`` seconds."""
        env = {**self.env, **({"ARGMAP_NO_CACHE": "1"} if cold else {}), **({"ARGMAP_RESIDENT": "0"} if own else {})}
        start = time.perf_counter()
        try:
            proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return float("inf")
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{shlex.join(argv)} exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
        return elapsed

    def first_screen(self, argv: Sequence[str], cwd: Path, cached: bool, fill: bool = False, own: bool = False) -> float:
        """Seconds from launching the explorer in a tmux pane to its first full screen
        (``own``: without a resident).

        With ``fill`` the explorer is left running until it has written its cache entry."""
        name = f"s{next(self.sessions)}"
        setting = [f"ARGMAP_CACHE_DIR={self.cache}"] if cached else ["ARGMAP_NO_CACHE=1"]
        setting += ["ARGMAP_RESIDENT=0"] if own else []
        command = shlex.join(["env", "-u", "ARGMAP_CACHE_DIR", "-u", "ARGMAP_NO_CACHE", *setting, *argv])
        entries = set(self.cache.glob("*.pickle"))
        start = time.perf_counter()
        self._tmux(shlex.join(["new-session", "-d", "-x", "120", "-y", "40", "-s", name, "-c", str(cwd), command]))
        try:
            while not READY.search(self._screen(name)):
                if time.perf_counter() - start > 300:
                    raise RuntimeError(f"{shlex.join(argv)}: no first screen after 300 s:\n{self._screen(name)}")
                time.sleep(0.005)
            elapsed = time.perf_counter() - start
            while fill and set(self.cache.glob("*.pickle")) == entries and time.perf_counter() - start < 600:
                time.sleep(0.05)
        finally:
            self._tmux(f"kill-session -t ={name}", check=False)
        return elapsed

    def _screen(self, name: str) -> str:
        return self._tmux(f"capture-pane -p -t ={name}:")

    def _tmux(self, command: str, check: bool = True) -> str:
        """The output of a tmux command run by the control-mode client (one reply block
        of ``%begin`` ... ``%end`` or ``%error`` per command, notifications between)."""
        self._send(command)
        return self._reply(command if check else None)

    def _send(self, command: str) -> None:
        assert self.control is not None and self.control.stdin is not None
        self.control.stdin.write(command + "\n")
        self.control.stdin.flush()

    def _reply(self, checked: str | None = None) -> str:
        """The next reply block's lines; an error reply raises when ``checked`` names its command."""
        assert self.control is not None and self.control.stdout is not None
        lines: list[str] | None = None
        for line in self.control.stdout:
            if line.startswith("%begin "):
                lines = []
            elif lines is not None and line.startswith(("%end ", "%error ")):
                if line.startswith("%error ") and checked is not None:
                    raise RuntimeError(f"tmux {checked}: {''.join(lines).strip()}")
                return "".join(lines)
            elif lines is not None:
                lines.append(line)
        raise RuntimeError("tmux: the control client has gone")


def measure(runner: Runner, w: Workspace, args: argparse.Namespace) -> list[tuple[str, dict[str, float]]]:
    """Median seconds of each command on ``w``, with the floors of the same run."""
    argmap = _argmap()
    work = runner.scratch / "work"  # the commands' folder; the workspace is copied into it
    copy = work / w.template.name
    out = runner.scratch / "out"
    out.mkdir(exist_ok=True)
    runner.use_cache(runner.scratch / "cache" / w.template.name)
    commands = [c for c in COMMANDS if c.when(w, args) and (runner.tmux or not c.name.startswith("explore"))]
    if args.smoke and w.name == "arguments":  # the targets' rows; the rest is timed on the generated maps
        commands = [c for c in commands if c.name.split()[0] in ("--help", "check")]
    shutil.copytree(w.template, copy)
    dots: dict[str, Path] = {}  # the DOT of each view drawn, by its options
    for c in list(commands):  # the DOT of each rendered view, for dot alone
        if c.dot_view is not None:
            view = " ".join(c.dot_view)
            if view not in dots:
                dots[view] = out / f"{len(dots)}.dot"
                runner.time([*argmap, "render", w.target, *c.dot_view, "--format", "dot", "-o", str(dots[view])], work, cold=True)
            probe = ["dot", "-Tsvg", str(dots[view]), "-o", str(out / "alone.svg")]
            if not args.all_views and runner.time(probe, work, timeout=DOT_AT_MOST) > DOT_AT_MOST:
                print(f"({w.name}: {c.name} not timed: dot alone takes more than {DOT_AT_MOST:.0f} s on its DOT)", flush=True)
                commands.remove(c)
    runner.warm(argmap, work)
    if any(c.name.startswith("explore (cached)") for c in commands):
        runner.first_screen([*argmap, "explore", w.target], work, cached=True, fill=True)
    samples: dict[str, list[float]] = {c.name: [] for c in commands}
    shares: dict[str, list[float]] = {c.name: [] for c in commands}  # argmap's share in each round, beside the floor of that turn
    floors: dict[str, list[float]] = {"pass": [], "yaml": [], "textual": [], **{f"dot {view}": [] for view in dots}}
    bare_app = runner.scratch / "bare_textual_app.py"
    bare_app.write_text(TEXTUAL_FLOOR, encoding="utf-8")
    pass_argv = [sys.executable, "-c", "pass"]
    yaml_argv = [sys.executable, "-c", YAML_FLOOR, *w.maps]
    for round_ in range(1 if args.smoke else max([args.repeat, *(c.rounds for c in commands)])):
        shutil.rmtree(copy)
        shutil.copytree(w.template, copy)  # the edits of the last round undone
        if round_ < args.repeat:
            floors["yaml"].append(runner.time(yaml_argv, work))
        for c in commands:
            if round_ >= max(args.repeat, c.rounds) or (round_ >= 3 and median(samples[c.name]) > SLOW):
                continue
            command = [*argmap, *c.argv(w, out)]
            turn: list[tuple[list[float], Callable[[], float]]] = [(floors["pass"], partial(runner.time, pass_argv, work))]
            if c.name.startswith("explore"):
                turn.append((samples[c.name], partial(runner.first_screen, command, work, cached="cached" in c.name, own=c.own)))
                turn.append((floors["textual"], partial(runner.first_screen, [sys.executable, str(bare_app)], work, cached=False)))
            else:
                turn.append((samples[c.name], partial(runner.time, command, work, cold=c.cold, own=c.own)))
            if c.dot_view is not None:
                view = " ".join(c.dot_view)
                turn.append((floors[f"dot {view}"], partial(runner.time, ["dot", "-Tsvg", str(dots[view]), "-o", str(out / "alone.svg")], work)))
            for times, run in turn if round_ % 2 == 0 else reversed(turn):
                times.append(run())
            if c.dot_view is not None and c.cold:  # the rows whose share is read (see below)
                whole, alone = samples[c.name][-1], floors[f"dot {' '.join(c.dot_view)}"][-1]
                shares[c.name].append((whole - alone) / whole)
    base = {name: median(times) for name, times in floors.items() if times}
    rows = []
    for c in commands:
        t = {"median": median(samples[c.name]), "runs": len(samples[c.name]), "pass": base["pass"], "yaml": base["yaml"]}
        if c.dot_view is not None:
            t["floor"] = base[f"dot {' '.join(c.dot_view)}"]
            if c.cold:  # a plain row runs no dot (its picture is remembered): no share of dot's time to read
                t["share"] = (t["median"] - t["floor"]) / t["median"]
                t["share_low"], t["share_high"] = _middle_half(shares[c.name])
        elif c.name.startswith("explore"):
            t["floor"] = base["textual"]
            t["share"] = (t["median"] - t["floor"]) / t["median"]
        t["target"] = c.target(w, t)  # type: ignore[assignment]
        rows.append((c.name, t))
    return rows


HEADER = f"{'workspace':<14} {'claims':>7} {'command':<20} {'runs':>4} {'median s':>9} {'pass s':>7} {'x pass':>7} {'yaml s':>7} {'x yaml':>7} {'floor s':>7} {'argmap %':>8}  target"


def _line(w: Workspace, name: str, t: dict[str, float]) -> str:
    floor = f"{t['floor']:>7.2f}" if "floor" in t else f"{'':>7}"
    share = f"{t['share']:>8.0%}" if "share" in t else f"{'':>8}"
    return (
        f"{w.name:<14} {w.claims:>7,} {name:<20} {int(t['runs']):>4} {t['median']:>9.3f} {t['pass']:>7.3f} {t['median'] / t['pass']:>6.1f}x"
        f" {t['yaml']:>7.3f} {t['median'] / t['yaml']:>6.1f}x {floor} {share}  {t['target']}"
    )


NOTES = """\
median s: the command as a whole process, launch to exit (explore: to its first full screen in tmux).
pass: python -c pass; yaml: the workspace's map files parsed by PyYAML's C loader in a process of its own;
floor: for render, dot -Tsvg alone on the DOT of the same view; for explore, a bare Textual app's first screen;
argmap %: (median - floor) / median, argmap's share, on the rows that run what the floor runs (a plain
render row shows dot's floor, what its remembered picture saves); (rounds a to b) beside its target: the
middle half of the shares of single rounds, each beside dot alone run in the same turn (a noisy machine moves them).
(cold): argmap's cache off (a first run); the other rows run with it on, as a person's second run does.
Every row but those marked own runs through the resident argmap that the session's first command started
(docs/resident.md); own: in a process of its own (ARGMAP_RESIDENT=0), as that first command does.
x pass, x yaml: the median over the floor's median, both from the same rounds.
Targets: --help and check of the bundled maps <= 3x pass; explore's first screen < 0.5 s up to 1k claims,
< 1 s at 10k, cold and cached; render's argmap share <= 15% from 1k claims (the whole-map view), on its
(cold) row: the maps read, the DOT built and dot run, as after an edit. Its plain row draws nothing new:
the view's DOT and dot's picture of it are remembered."""


def _workspaces(scratch: Path, sizes: Sequence[int], smoke: bool) -> list[tuple[str, Path, str]]:
    from argmap.generate import write_synthetic, write_web

    made = []
    bundled = scratch / "maps" / "arguments"
    shutil.copytree(REPO / "arguments", bundled, ignore=shutil.ignore_patterns("coverage"))
    made.append(("arguments", bundled, "."))
    for n in sizes:
        label = f"{n // 1000}k" if n >= 1000 else str(n)
        gen = scratch / "maps" / f"gen-{label}"
        write_synthetic(gen / f"gen{label}.yaml", n, seed=1)
        made.append((f"gen {label}", gen, f"gen{label}.yaml"))
        web = scratch / "maps" / f"web-{label}"
        write_web(web, n, seed=1, maps=2 if smoke else None)
        made.append((f"web {label}", web, "."))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny maps, one run each (CI)")
    parser.add_argument("--huge", action="store_true", help=f"also {HUGE:,} claims (about an hour)")
    parser.add_argument("--repeat", type=int, default=5, help=f"runs of each command (default 5; 3 for a command slower than 5 s; render (cold), the share target's row, at least {SHARE_ROUNDS})")
    parser.add_argument("--all-views", action="store_true", help=f"whole-map renders and slides above {FULL_VIEWS_UP_TO:,} claims too")
    parser.add_argument("--only", metavar="LIST", help="comma-separated commands to time (default: all)")
    parser.add_argument("--sizes", metavar="LIST", help="comma-separated claim counts (default 1000,10000)")
    args = parser.parse_args(argv)
    if shutil.which("dot") is None:
        print("Graphviz dot is not installed (apt-get install graphviz / brew install graphviz)", file=sys.stderr)
        return 2
    sizes = SMOKE_SIZES if args.smoke else tuple(int(s) for s in args.sizes.split(",")) if args.sizes else SIZES + ((HUGE,) if args.huge else ())
    if args.only:
        wanted = set(args.only.split(","))
        COMMANDS[:] = [c for c in COMMANDS if c.name in wanted or c.name.split()[0] in wanted]
    load = os.getloadavg()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    if shutil.which("tmux") is None:
        print("(tmux is not installed: explore is not timed)")
    print(HEADER)
    print("-" * len(HEADER))
    failed = False
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as temp:
        scratch = Path(temp)
        runner = Runner(scratch)
        try:
            for name, folder, target in _workspaces(scratch, sizes, args.smoke):
                w = _prepare(name, folder, target)
                for command, t in measure(runner, w, args):
                    print(_line(w, command, t), flush=True)
                    failed |= str(t["target"]).endswith("OVER")
        finally:
            runner.close()
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(NOTES)
    return 1 if failed and not args.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
