"""A short, deterministic fuzz pass over every reader (the long one is ``bench/fuzz.py``).

Each target of ``fuzz_targets`` reads its seeds (the bundled maps, our fixtures, the shared
data when present), every input kept in ``tests/fixtures/fuzz/<target>/`` (our own seeds and
each input that once broke a reader), and seeded mutations of them: bytes flipped, cut,
repeated, spliced, and tokens that broke readers before (huge numbers, YAML's special
floats, deep nesting, aliases, tabs, BOM, CRLF, NUL). The same cases every run.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

import fuzz_targets

TOKENS = [
    b"9" * 4301, b"-" + b"1" * 5000, b".nan", b".inf", b"-.inf", b"1e999", b"0x" + b"f" * 5000,
    b"[" * 200, b"{" * 200, b"&a [x]", b"*a", b"!!python/object:os.system", b"\t", b"\xef\xbb\xbf", b"\r\n", b"\x00",
    b"\xff\xfe", b"'", b'"', b": ", b" #", b"- ", b"->", b"<!ENTITY x \"&#38;\">", b"&x;", b"%", b"\\u0000", b"\xe2\x80\xa8",
]
MUTATIONS_PER_SEED = 6
SEEDS_PER_TARGET = 8


def _mutations(data: bytes, rng: random.Random, count: int = MUTATIONS_PER_SEED) -> list[bytes]:
    """``count`` mutants of ``data``, chosen by ``rng``."""
    out = []
    for _ in range(count):
        at = rng.randrange(len(data) + 1)
        match rng.randrange(5):
            case 0:  # flip bytes
                mutant = bytearray(data)
                for _ in range(1 + rng.randrange(8)):
                    if mutant:
                        mutant[rng.randrange(len(mutant))] = rng.randrange(256)
                out.append(bytes(mutant))
            case 1:  # cut
                out.append(data[:at])
            case 2:  # a token that broke a reader before
                out.append(data[:at] + rng.choice(TOKENS) + data[at:])
            case 3:  # a line repeated many times
                line_start = data.rfind(b"\n", 0, at) + 1
                line_end = data.find(b"\n", at)
                line = data[line_start : line_end + 1 if line_end >= 0 else len(data)]
                out.append(data[:line_start] + line * rng.choice((2, 50, 2000)) + data[line_start:])
            case _:  # spliced with its own tail
                other = rng.randrange(len(data) + 1)
                out.append(data[:at] + data[other:])
    return out


def _cases(target: fuzz_targets.Target, work: Path) -> list[tuple[str, bytes]]:
    rng = random.Random(target.name)
    seeds = list(fuzz_targets.seed_files(target, fuzz_targets.shared_data()))
    if target.name == "cache":
        seeds += list((work / "cache-seed").iterdir())
    own = [p for p in seeds if fuzz_targets.FIXTURES in p.parents]
    others = [p for p in seeds if p not in own]
    chosen = rng.sample(others, min(SEEDS_PER_TARGET, len(others)))
    per_seed = MUTATIONS_PER_SEED * SEEDS_PER_TARGET // max(1, len(chosen))  # as many cases for a target with few seeds
    cases = [(path.name, path.read_bytes()) for path in own]
    for path in chosen:
        data = path.read_bytes()
        cases.append((path.name, data))
        cases += [(f"{path.name} mutant {i}", mutant) for i, mutant in enumerate(_mutations(data, rng, per_seed))]
    return cases


@pytest.mark.parametrize("name", list(fuzz_targets.targets()))
def test_no_input_breaks_a_reader(name: str, tmp_path: Path) -> None:
    target = fuzz_targets.targets()[name]
    path = fuzz_targets.prepare(target, tmp_path)
    cases = _cases(target, tmp_path)
    assert len(cases) >= 10
    broken = [f"{label}: {finding}" for label, data in cases if (finding := fuzz_targets.check_one(target, data, path)) is not None]
    assert broken == []


def test_every_format_and_reader_is_a_target() -> None:
    from argmap.interchange import FORMATS

    names = set(fuzz_targets.targets())
    assert {f"import-{fmt}" for fmt in FORMATS} <= names
    assert {"map", "import-detect", "solve-apx", "solve-tgf", "solve-i23", "cache", "edit"} <= names


ATHERIS_IN_CI = ("map", "import-detect", "solve-tgf")  # about 8 s each, mostly start-up; every reader is in the pass above


def test_a_fixed_atheris_run(tmp_path: Path) -> None:
    """The coverage-guided fuzzer itself: 40 cases past the seeds, a fixed seed, a few targets."""
    pytest.importorskip("atheris", reason="atheris (optional: it does not build on every platform) is not installed")
    bench = Path(__file__).resolve().parent.parent / "bench" / "fuzz.py"
    targets = [arg for name in ATHERIS_IN_CI for arg in ("--target", name)]
    result = subprocess.run([sys.executable, str(bench), *targets, "--runs", "40", "--seed", "1", "--out", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if " cases " in line]
    assert [row[0] for row in rows] == list(ATHERIS_IN_CI)
    assert all(int(row[1].replace(",", "")) >= 40 for row in rows), result.stdout


def test_an_input_asking_for_more_memory_than_the_cap_is_a_finding(tmp_path: Path) -> None:
    # the cache target once took 12 GB before libFuzzer's once-a-second RSS check saw it; a
    # worker's address space is capped, so the allocation fails and is reported. (bytes(n) is
    # calloc'd: without the cap it takes address space, not memory, so this test is safe.)
    bench = Path(__file__).resolve().parent.parent / "bench"
    code = (
        "import sys; from pathlib import Path; sys.path[:0] = [sys.argv[1]]\n"
        "import fuzz, fuzz_targets\n"
        "fuzz.cap_memory()\n"
        "greedy = fuzz_targets.Target('greedy', 'input', lambda path: bytes(2 * fuzz.ADDRESS_SPACE_MB << 20), ())\n"
        "print(fuzz_targets.check_one(greedy, b'x', Path(sys.argv[2]) / 'input'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(bench), str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("crash: MemoryError"), result.stdout + result.stderr
