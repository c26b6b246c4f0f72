"""Fuzz every reader of untrusted input with Atheris (coverage-guided, libFuzzer's mutations).

The targets and the invariant are ``tests/fuzz_targets.py``'s: each input is accepted or
refused with located one-line errors (exit 2), never an internal error (exit 3), in at most
2 s for a file under 1 MB, within the memory limit. A finding does not stop the campaign:
each distinct one (by exception and place) is written once to ``--out``/findings/ with the
input that caused it, and the fuzzer goes on. A worker that libFuzzer stops (timeout, out
of memory) is restarted for the time left. Seeds are read where they live (the bundled
maps, our fixtures, ``../shared/data/``) and copied only into ``--out``.

    python bench/fuzz.py --minutes 60                  # every target in turn, an hour in all
    python bench/fuzz.py --target map --minutes 10     # one target
    python bench/fuzz.py --runs 500 --seed 1           # a fixed, repeatable number of cases each
    python bench/fuzz.py --list

Run it under ``nice -n 19`` on a shared machine. A line per target gives the cases run, the
wall and CPU seconds and the findings (also written to ``--out``/stats.json); ``--minutes``
shares wall time, so on a busy machine the CPU is what to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

__all__ = ["ADDRESS_SPACE_MB", "cap_memory", "main"]

RSS_LIMIT_MB = 2048
ADDRESS_SPACE_MB = 2 * RSS_LIMIT_MB  # a hard cap: libFuzzer checks the RSS once a second, too late for one huge allocation
HARD_TIMEOUT_S = 30  # libFuzzer's own: an input still running after this kills the worker
MAX_LEN = 256 * 1024


def _worker(name: str, out: Path, args: list[str]) -> None:
    """Run libFuzzer on one target in this process (it exits the process when done)."""
    import atheris  # type: ignore[import-untyped]

    cap_memory()

    with atheris.instrument_imports(include=["argmap"]):  # argmap's own code guides (all of Python made it 10x slower)
        import fuzz_targets

        _import_readers()
    target = fuzz_targets.targets()[name]
    home = out / name
    work = home / "work"
    path = fuzz_targets.prepare(target, work)
    findings = home / "findings"
    findings.mkdir(parents=True, exist_ok=True)
    counter = home / "cases"  # read when libFuzzer stops the worker before its final stats
    seen = {p.stem for p in findings.glob("*.txt")}
    cases = 0

    def one(data: bytes) -> None:
        nonlocal cases
        finding = fuzz_targets.check_one(target, data, path)
        cases += 1
        if cases % 10 == 0:
            counter.write_text(str(cases))
        if finding is not None:
            key = _slug(finding.signature)
            if key not in seen:
                seen.add(key)
                (findings / f"{key}.txt").write_text(str(finding) + "\n", encoding="utf-8")
                (findings / f"{key}.input").write_bytes(data)
                print(f"FINDING {name}: {finding}", file=sys.stderr, flush=True)

    atheris.Setup([sys.argv[0], *args], one)
    atheris.Fuzz()


def cap_memory() -> None:
    """Cap this process's address space at :data:`ADDRESS_SPACE_MB`: an input asking for more
    fails with MemoryError, a finding like any other exception, and the machine stays up."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_MB << 20, ADDRESS_SPACE_MB << 20))


def _import_readers() -> None:
    """Import every module the targets reach, so Atheris instruments them for coverage."""
    import importlib

    for module in ("argmap.analysis", "argmap.analysis.dung", "argmap.analysis.iccma", "argmap.cache", "argmap.edit",
                   "argmap.interchange", "argmap.load", "argmap.quotes", "argmap.yamlread"):
        importlib.import_module(module)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text)[:100].strip("-")


def _seed_dir(name: str, out: Path) -> Path:
    """A folder of this target's seeds (copies, under ``out``, never in the repository)."""
    import fuzz_targets

    target = fuzz_targets.targets()[name]
    seeds = out / name / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir(parents=True)
    files = list(fuzz_targets.seed_files(target, fuzz_targets.shared_data()))
    if name == "cache":
        fuzz_targets.prepare(target, out / name / "work")
        files += list((out / name / "work" / "cache-seed").iterdir())
    for number, path in enumerate(files):
        shutil.copyfile(path, seeds / f"{number:04d}-{path.name}")
    return seeds


def _cases_run(log: Path, counter: Path) -> int:
    """Inputs a worker ran: libFuzzer's final count (initial corpus included), else the worker's own."""
    found = re.findall(r"stat::number_of_executed_units: (\d+)", log.read_text(errors="replace"))
    if found:
        return int(found[-1])
    return int(counter.read_text()) if counter.is_file() else 0


def _campaign(name: str, out: Path, seconds: float | None, runs: int | None, seed: int | None) -> dict[str, object]:
    """Fuzz one target for ``seconds`` (restarting a worker libFuzzer stops) or ``runs`` cases."""
    seeds = _seed_dir(name, out)
    corpus = out / name / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    cpu_before = _children_cpu()
    restarts = cases = 0
    while True:
        (out / name / "cases").unlink(missing_ok=True)
        flags = [f"-rss_limit_mb={RSS_LIMIT_MB}", f"-timeout={HARD_TIMEOUT_S}", f"-max_len={MAX_LEN}", f"-artifact_prefix={out / name}/",
                 "-print_final_stats=1", "-close_fd_mask=1"]
        if runs is not None:
            flags.append(f"-runs={runs}")
        else:
            assert seconds is not None
            left = seconds - (time.monotonic() - started)
            if left < 5:
                break
            flags.append(f"-max_total_time={int(left)}")
        if seed is not None:
            flags.append(f"-seed={seed}")
        command = [sys.executable, __file__, "--worker", name, "--out", str(out), "--", *flags, str(corpus), str(seeds)]
        log = out / name / f"log-{restarts}.txt"
        with log.open("w") as sink:
            code = subprocess.call(command, stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        cases += _cases_run(log, out / name / "cases")
        if runs is not None or code == 0:
            break
        restarts += 1  # a timeout or out-of-memory stop: libFuzzer wrote the input as crash-/timeout-/oom-*
    findings = sorted(p.read_text(encoding="utf-8").strip() for p in (out / name / "findings").glob("*.txt"))
    stopped = sorted(p.name for p in (out / name).glob("*-*") if p.name.split("-")[0] in ("crash", "timeout", "oom", "leak"))
    return {"target": name, "cases": cases, "seconds": round(time.monotonic() - started), "cpu_seconds": round(_children_cpu() - cpu_before),
            "findings": findings, "libfuzzer_stops": stopped, "restarts": restarts}


def _children_cpu() -> float:
    """CPU seconds of the workers that have ended: at nice 19 on a busy machine, far less than the wall time."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", action="append", help="a target to fuzz (repeatable; default: all)")
    parser.add_argument("--minutes", type=float, default=None, help="total time, shared by the targets (default 1 per target)")
    parser.add_argument("--runs", type=int, default=None, help="a fixed number of cases per target instead of a time")
    parser.add_argument("--seed", type=int, default=None, help="libFuzzer's random seed, for a repeatable run")
    parser.add_argument("--out", type=Path, default=Path("bench/out/fuzz"), help="where corpora, findings and stats go")
    parser.add_argument("--list", action="store_true", help="list the targets and their seed counts")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.worker:
        _worker(args.worker, args.out, [a for a in rest if a != "--"])
        return 0
    import fuzz_targets

    names = args.target or list(fuzz_targets.targets())
    if args.list:
        for name in names:
            target = fuzz_targets.targets()[name]
            print(f"{name:16} {sum(1 for _ in fuzz_targets.seed_files(target, fuzz_targets.shared_data())):5} seeds")
        return 0
    per_target = None if args.runs is not None else 60.0 * (args.minutes if args.minutes is not None else len(names)) / len(names)
    stats = []
    for name in names:
        result = _campaign(name, args.out, per_target, args.runs, args.seed)
        stats.append(result)
        print(f"{name:16} {result['cases']:>9,} cases {result['seconds']:>6} s {result['cpu_seconds']:>6} s CPU  {len(result['findings'])} finding(s)  {len(result['libfuzzer_stops'])} stop(s)", flush=True)  # type: ignore[arg-type]
        for finding in result["findings"]:  # type: ignore[attr-defined]
            print(f"    {finding}")
        (args.out / "stats.json").write_text(json.dumps(stats, indent=2))
    return 1 if any(r["findings"] or r["libfuzzer_stops"] for r in stats) else 0


if __name__ == "__main__":
    sys.exit(main())
