"""``argmap resident``: show the resident argmap that runs commands, or stop it."""

from __future__ import annotations

import argparse

HELP = "show the resident argmap that runs commands fast, or stop it"
ORDER = 98


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "The first argmap command of a session starts a resident argmap in the background; later "
        "commands run in a fork of it, with every import done (docs/resident.md). This lists the "
        "residents of this user: their process, memory, commands served and when they exit for "
        "want of a command. --stop stops them (the next command starts a fresh one); "
        "ARGMAP_RESIDENT=0 runs every command in its own process instead."
    )
    parser.add_argument("--stop", action="store_true", help="stop every resident of this user")


def run(args: argparse.Namespace) -> int:
    import os
    import time

    from argmap import resident

    if args.stop:
        stopped = resident.stop()
        print(f"stopped {stopped} resident argmap{'s' * (stopped != 1)}")
        return 0
    found = resident.residents()
    if not found:
        if os.environ.get("ARGMAP_RESIDENT") == "0":
            print("no resident argmap: ARGMAP_RESIDENT=0 runs every command in its own process")
        else:
            print("no resident argmap running" + ("; one is starting" if resident.starting() else ": the next command starts one"))
        return 0
    now = time.time()
    for said in found:
        served, running = int(said["served"]), int(said["running"])  # type: ignore[call-overload]
        if said["pid"] == os.getppid():  # the one running this command: not counted as its work
            served, running = served - 1, running - 1
        print(
            f"pid {said['pid']}: up {_span(now - float(said['started']))}, {served} command{'s' * (served != 1)} served, "  # type: ignore[arg-type]
            f"{running} running now, {int(said['rss']) / 2**20:.0f} MiB; exits after {_span(float(said['idle_exit']))} without a command"  # type: ignore[call-overload, arg-type]
        )
        print(f"  {said['python']}, socket {said['socket']}")
    return 0


def _span(seconds: float) -> str:
    """A duration as a person reads it: 45 s, 12 min, 3 h 5 min."""
    seconds = max(0.0, seconds)
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 90 else f"{minutes // 60} h {minutes % 60} min"
