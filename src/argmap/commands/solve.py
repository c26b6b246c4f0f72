"""``argmap solve``: extensions of an ICCMA framework (or a map), and the ICCMA 2023 tasks.

Two ways to ask. ``--semantics`` prints every extension in the ICCMA list syntax. ``-p TASK``
answers one of ICCMA's tasks the way the ICCMA 2023 harness calls a solver (``solver -p DC-CO
-f file -a 3``, ``solver --problems``, and ``solver`` alone for the version) and prints its
output format (``YES`` / ``NO`` and a ``w 1 3`` witness line), so a one-line wrapper script
makes argmap a solver the harness can run.
"""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same

if TYPE_CHECKING:
    from pathlib import Path

    from argmap.analysis.dung import Framework

HELP = "extensions of an ICCMA framework (.apx, .tgf, ICCMA 2023) or a map; ICCMA 2023 tasks"
ORDER = 25

SEMANTICS = ("grounded", "complete", "preferred", "stable")
TASK_SEMANTICS = {"CO": "complete", "PR": "preferred", "ST": "stable", "GR": "grounded"}
PROBLEMS = ("DC", "DS", "SE")
TASKS = tuple(f"{problem}-{sem}" for problem in PROBLEMS for sem in TASK_SEMANTICS)


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Print every extension of an abstract argumentation framework under a semantics, in "
        "the ICCMA output syntax: [[a1,a2],[a3]], [] when there is none, [[]] when the empty "
        "set is the only one. Reads ICCMA .apx and .tgf files and ICCMA 2023 files ('p af n' "
        "and 'i j' lines: .i23, .af, or any name when the first line says 'p af'); with --map, "
        "an argmap map (its claims, with rebuttals and undercuts as attacks). With -p TASK it "
        "answers an ICCMA task as the ICCMA 2023 harness calls a solver: 'argmap solve -p DC-CO "
        "-f file.i23 -a 3' prints YES and a witness line 'w 1 3', or NO; '--problems' lists the tasks."
    )
    parser.add_argument("path", type=Path, nargs="?", metavar="FILE", help="an .apx, .tgf or ICCMA 2023 file (or a map with --map)")
    parser.add_argument("-f", "--file", type=Path, metavar="FILE", help="the same as FILE, as the ICCMA harness passes it")
    parser.add_argument("--semantics", "-s", choices=SEMANTICS, help="print every extension under this semantics")
    parser.add_argument("-p", "--task", metavar="TASK", help=f"an ICCMA task, printed in ICCMA 2023 syntax: {', '.join(TASKS)}")
    parser.add_argument("-a", "--query", metavar="ARG", help="the argument a DC (credulous) or DS (sceptical) task asks about")
    parser.add_argument("-fo", "--input-format", choices=("apx", "tgf", "i23"), help="the file's format (default: by its suffix, and a 'p af' line)")
    parser.add_argument("--problems", action="store_true", help="list the ICCMA tasks supported, as [DC-CO,...], and exit")
    parser.add_argument("--map", action="store_true", help="FILE is an argmap map: solve its claims")
    parser.add_argument("--max-steps", type=int, default=None, metavar="N", help="search budget for complete/preferred/stable (label assignments)")


def run(args: argparse.Namespace) -> int:
    from argmap.errors import ArgmapError

    path = args.file or args.path
    if args.problems:
        print("[" + ",".join(TASKS) + "]")
        return 0
    if path is None and args.task is None and args.semantics is None:
        from argmap import __version__

        print(f"argmap {__version__}\nargmap solve: grounded, complete, preferred and stable semantics (ICCMA tasks DC, DS, SE)")
        return 0
    if path is None:
        raise ArgmapError("solve: name the framework file (FILE or -f FILE)")
    if (args.task is None) == (args.semantics is None):
        raise ArgmapError("solve: give either --semantics (every extension) or -p TASK (one ICCMA task)")
    if args.task is not None:
        if args.map:
            raise ArgmapError("solve: ICCMA tasks (-p) take framework files, not maps")
        sys.stdout.write(_task(path, args) + "\n")
        return 0
    sys.stdout.write(_enumerate(path, args) + "\n")
    return 0


def _framework(path: Path, fmt: str | None) -> Framework:
    """The framework in ``path``, in the format given or the one its name and first line say."""
    from argmap.analysis.iccma import read_apx, read_framework, read_i23, read_tgf
    from argmap.errors import ArgmapError

    readers = {"apx": read_apx, "tgf": read_tgf, "i23": read_i23}
    try:
        return readers[fmt](path) if fmt else read_framework(path)
    except OSError as err:
        raise ArgmapError(f"{path}: cannot read: {err.strerror or err}") from err


def _enumerate(path: Path, args: argparse.Namespace) -> str:
    """Every extension under ``--semantics``, in the ICCMA list syntax."""
    from argmap.analysis.dung import MAX_SEARCH_STEPS, extensions
    from argmap.analysis.iccma import format_extensions
    from argmap.errors import InputError

    budget = args.max_steps or MAX_SEARCH_STEPS
    if not args.map:
        return format_extensions(extensions(_framework(path, args.input_format), args.semantics, max_steps=budget))
    from argmap.analysis.debate import attack_framework
    from argmap.graph import build_graph
    from argmap.load import load_workspace

    workspace = load_workspace([path])
    if not workspace.ok:
        raise InputError(workspace.problems)
    graph = build_graph(workspace)
    found = extensions(attack_framework(graph), args.semantics, max_steps=budget)
    # relations are arguments of the framework; report claims, by the names users write
    claims = {key for key, data in graph.nodes(data=True) if data["type"] == "claim"}
    return format_extensions(dict.fromkeys(frozenset(workspace.display_id(k) for k in ext if k in claims) for ext in found))


def _task(path: Path, args: argparse.Namespace) -> str:
    """The answer to an ICCMA task, in ICCMA 2023's output syntax.

    DC (credulous): YES and an extension holding the query, or NO. DS (sceptical): YES, or NO
    and an extension without the query. SE: an extension, or NO. Each is one search that stops
    at its first witness. The grounded extension answers SE-CO and DS-CO: it is complete, and
    it is what every complete extension holds.
    """
    from argmap.analysis.dung import MAX_SEARCH_STEPS, find_extension
    from argmap.analysis.iccma import format_witness
    from argmap.errors import ArgmapError

    problem, _, code = str(args.task).upper().partition("-")
    if problem not in PROBLEMS or code not in TASK_SEMANTICS:
        raise ArgmapError(f"solve: unknown task {args.task!r}; argmap solves {', '.join(TASKS)}")
    framework = _framework(path, args.input_format)
    query = args.query
    if problem in ("DC", "DS"):
        if query is None:
            raise ArgmapError(f"solve: task {args.task} needs the argument it asks about: -a ARG")
        if query not in framework.index:
            raise ArgmapError(f"solve: {path} has no argument {query!r} (-a)")
    semantics = TASK_SEMANTICS[code]
    if semantics == "complete" and problem != "DC":
        semantics = "grounded"
    budget = args.max_steps or MAX_SEARCH_STEPS
    if problem == "SE":
        found = find_extension(framework, semantics, max_steps=budget)
        return "NO" if found is None else format_witness(found)
    if problem == "DC":
        found = find_extension(framework, semantics, holding=query, max_steps=budget)
        return "NO" if found is None else "YES\n" + format_witness(found)
    found = find_extension(framework, semantics, lacking=query, max_steps=budget)
    return "YES" if found is None else "NO\n" + format_witness(found)
