"""ICCMA 2023: the ``p af n`` format and the harness's tasks, against every reference answer.

The reference extensions in shared/data/iccma2023/expected were computed by independent
solvers (clingo, pygarg, python-argumentation, brute force); our own fixture's extensions
below were worked out by hand from the definitions.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.analysis.dung import SEMANTICS, extensions, find_extension
from argmap.analysis.iccma import read_framework, read_i23
from argmap.errors import InputError, LimitError
from conftest import REPO, corpus, corpus_cases

OWN = Path(__file__).resolve().parent / "fixtures" / "formats" / "iccma2023" / "cycles.i23"
INSTANCES = corpus("iccma2023/instances")
EXPECTED = sorted(corpus("iccma2023/expected").glob("*.json"))
CODES = {"complete": "CO", "preferred": "PR", "stable": "ST", "grounded": "GR"}


def _reference(path: Path) -> tuple[Path, str, set[frozenset[str]], list[list[str]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    instance, semantics = path.name.removesuffix(".json").rsplit(".", 1)
    return INSTANCES / instance, semantics, {frozenset(ext) for ext in data["extensions"]}, data["extensions"]


def _extensions(out: str) -> set[frozenset[str]]:
    """ICCMA list syntax → a set of extensions."""
    inner = out.strip()[1:-1]
    return set() if not inner else {frozenset(filter(None, part.strip("[]").split(","))) for part in inner.split("],[")}


def _witness(line: str) -> frozenset[str]:
    assert line == "w" or line.startswith("w "), line
    return frozenset(line.split()[1:])


@pytest.mark.corpus("iccma2023/instances")
def test_every_instance_reads_with_the_counts_its_lines_give() -> None:
    for path in sorted(INSTANCES.iterdir()):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        (header,) = [line for line in lines if line.startswith("p af ")]
        attacks = {tuple(line.split()) for line in lines if line and line[0].isdigit()}
        framework = read_framework(path)
        assert len(framework) == int(header.split()[2]), path.name
        assert set(framework.attacks) == attacks, path.name


@pytest.mark.corpus("iccma2023/instances", "iccma2023/expected")
@pytest.mark.parametrize("reference", corpus_cases(EXPECTED), ids=lambda p: p.name.removesuffix(".json"))
def test_every_reference_answer(cli, reference: Path) -> None:  # type: ignore[no-untyped-def]
    instance, semantics, want, raw = _reference(reference)
    result = cli("solve", instance, "--semantics", semantics)
    assert result.code == 0, result.err
    assert _extensions(result.out) == want
    assert (result.out.strip() == "[]") == (raw == [])  # "none" and "only the empty one" differ
    # the harness's tasks on the same instance: SE, and DC / DS for some arguments
    framework = read_framework(instance)
    code = CODES[semantics]
    result = cli("solve", "-p", f"SE-{code}", "-f", instance)
    assert result.code == 0, result.err
    if want:
        assert _witness(result.out.strip()) in want
    else:
        assert result.out == "NO\n"
    names = framework.arguments
    for query in sorted({names[0], names[-1], names[len(names) // 2]}, key=int):
        holding = [ext for ext in want if query in ext]
        lacking = [ext for ext in want if query not in ext]
        result = cli("solve", "-p", f"DC-{code}", "-f", instance, "-a", query)
        lines = result.out.strip().splitlines()
        assert lines[0] == ("YES" if holding else "NO"), (query, lines)
        if holding:
            assert _witness(lines[1]) in holding and len(lines) == 2
        result = cli("solve", "-p", f"DS-{code}", "-f", instance, "-a", query)
        lines = result.out.strip().splitlines()
        assert lines[0] == ("NO" if lacking else "YES"), (query, lines)
        if lacking:
            assert _witness(lines[1]) in lacking and len(lines) == 2


# -- our own framework ------------------------------------------------------------------------
# cycles.i23: 1 <-> 2, 2 -> 3, an odd cycle 3 -> 4 -> 5 -> 3, argument 6 isolated; a comment before
# the p-line, CRLF line ends, a blank line, no final newline. By hand: grounded {6}; complete
# {6}, {1,6}, {2,4,6} (with 1 IN the odd cycle stays UNDEC; with 2 IN, 3 is OUT, 4 IN, 5 OUT);
# preferred {1,6}, {2,4,6}; stable {2,4,6}.
OWN_EXTENSIONS = {
    "grounded": {frozenset({"6"})},
    "complete": {frozenset({"6"}), frozenset({"1", "6"}), frozenset({"2", "4", "6"})},
    "preferred": {frozenset({"1", "6"}), frozenset({"2", "4", "6"})},
    "stable": {frozenset({"2", "4", "6"})},
}


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_own_framework_by_hand(semantics: str) -> None:
    framework = read_i23(OWN)
    assert framework.arguments == ("1", "2", "3", "4", "5", "6") and len(framework.attacks) == 6
    assert set(extensions(framework, semantics)) == OWN_EXTENSIONS[semantics]
    for query in framework.arguments:
        holding = find_extension(framework, semantics, holding=query)
        assert (holding is not None) == any(query in ext for ext in OWN_EXTENSIONS[semantics])
        assert holding is None or (holding in OWN_EXTENSIONS[semantics] and query in holding)
        lacking = find_extension(framework, semantics, lacking=query)
        assert (lacking is not None) == any(query not in ext for ext in OWN_EXTENSIONS[semantics])
        assert lacking is None or (lacking in OWN_EXTENSIONS[semantics] and query not in lacking)


TASKS = [
    (["-p", "DC-CO", "-a", "4"], "YES\nw 2 4 6\n"),
    (["-p", "DC-ST", "-a", "1"], "NO\n"),
    (["-p", "DC-GR", "-a", "6"], "YES\nw 6\n"),
    (["-p", "DS-PR", "-a", "6"], "YES\n"),
    (["-p", "DS-PR", "-a", "1"], "NO\nw 2 4 6\n"),
    (["-p", "DS-CO", "-a", "2"], "NO\nw 6\n"),
    (["-p", "SE-ST"], "w 2 4 6\n"),
    (["-p", "SE-CO"], "w 6\n"),
    (["-p", "SE-PR", "-fo", "i23"], "w 2 4 6\n"),  # either preferred extension would do: this one is found first
]


@pytest.mark.parametrize(("options", "output"), TASKS, ids=[" ".join(t[0]) for t in TASKS])
def test_own_framework_tasks(cli, options: list[str], output: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("solve", "-f", OWN, *options)
    assert (result.code, result.out, result.err) == (0, output, "")


def test_the_harness_can_call_a_wrapper_script(tmp_path: Path) -> None:
    """The ICCMA 2023 interface: a bare call names the solver, --problems lists the tasks,
    '-p TASK -f FILE [-a ARG]' answers, as a one-line wrapper script passes them on."""
    solver = tmp_path / "solver"
    solver.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m argmap solve "$@"\n', encoding="utf-8")
    solver.chmod(solver.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}

    def call(*args: str) -> str:
        done = subprocess.run([str(solver), *args], capture_output=True, text=True, env=env, timeout=120, check=True)
        assert done.stderr == ""
        return done.stdout

    assert call().startswith("argmap ")
    problems = call("--problems").strip()
    assert problems.startswith("[") and problems.endswith("]")
    assert set(problems[1:-1].split(",")) == {f"{p}-{s}" for p in ("DC", "DS", "SE") for s in ("CO", "PR", "ST", "GR")}
    assert call("-p", "DC-PR", "-f", str(OWN), "-a", "2") == "YES\nw 2 4 6\n"


BROKEN = [
    # (what, text, location, code)
    ("no p-line", "# only a comment\n1 2\n", "2:1", "iccma-syntax"),
    ("nothing at all", "# only a comment\n", "1:1", "iccma-syntax"),
    ("attack before the p-line", "1 2\np af 2\n", "1:1", "iccma-syntax"),
    ("two p-lines", "p af 2\np af 3\n1 2\n", "2:1", "iccma-syntax"),
    ("0-based ids", "p af 2\n0 1\n", "2:1", "iccma-undeclared"),
    ("id above n", "p af 2\n1 2\n2 3\n", "3:3", "iccma-undeclared"),
    ("p af 0 then attacks", "p af 0\n1 1\n", "2:1", "iccma-undeclared"),
    ("extra section", "p af 2\n1 2\n--attackless--\n", "3:1", "iccma-syntax"),
    ("apx line", "p af 2\natt(1,2).\n", "2:1", "iccma-syntax"),
    ("a number past 64 bits", "p af 2\n1 99999999999999999999999\n", "2:3", "iccma-undeclared"),
]


@pytest.mark.parametrize(("text", "where", "code"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_a_broken_framework_is_a_located_error(cli, tmp_path: Path, text: str, where: str, code: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.i23"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_i23(path)
    first = caught.value.problems[0]
    assert (f"{first.location.line}:{first.location.column}", first.code) == (where, code)
    result = cli("solve", "-p", "SE-GR", "-f", path)
    assert result.code == 2 and result.err.startswith(f"{path}:") and f"[{code}]" in result.err


def test_a_p_line_too_large_to_name_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "huge.af"
    path.write_text("p af 99999999999\n1 2\n", encoding="utf-8")
    with pytest.raises(LimitError):
        read_i23(path)
    result = cli("solve", "-p", "SE-GR", "-f", path)
    assert result.code == 2 and result.err.startswith(f"argmap: error: {path}:1:1: ")


@pytest.mark.parametrize("body", ["", "1 2\n", "# a comment\n1 2\n"])
def test_a_p_line_declaring_more_arguments_than_the_file_has_bytes_is_refused_quickly(cli, tmp_path: Path, body: str) -> None:  # type: ignore[no-untyped-def]
    # once (found while adding the solve-i23 fuzz target): the 14 bytes of `p af 10000000`
    # took 4 s and 1.6 GB to read, 6 s more to solve
    path = tmp_path / "few-bytes.i23"
    path.write_text("p af 10000000\n" + body, encoding="utf-8")
    started = time.process_time()
    with pytest.raises(LimitError, match="more arguments than the file has characters"):
        read_i23(path)
    assert time.process_time() - started < 0.5
    result = cli("solve", "-p", "SE-GR", "-f", path)
    assert result.code == 2 and result.err.startswith(f"argmap: error: {path}:1:1: ")


@pytest.mark.parametrize(("text", "said"), [("p af 2\n1 " + "9" * 4302 + "\n", "2:3: error: attack on argument 999999999999… (4,302 digits)"),
                                           ("p af " + "9" * 5000 + "\n1 2\n", "1:1: 'p af 999999999999… (5,000 digits)' declares more than")])
def test_numbers_of_more_than_4300_digits_are_errors_not_crashes(cli, tmp_path: Path, text: str, said: str) -> None:  # type: ignore[no-untyped-def]
    # once (the CI fuzz pass, on the new solve-i23 target): ValueError (int max str digits), exit 3
    path = tmp_path / "long.i23"
    path.write_text(text, encoding="utf-8")
    result = cli("solve", "-p", "SE-GR", "-f", path)
    assert result.code == 2 and said in result.err, result.err


def test_ten_thousand_isolated_arguments_read_from_any_file(tmp_path: Path) -> None:
    path = tmp_path / "isolated.i23"
    path.write_text("p af 10000\n1 2\n", encoding="utf-8")
    assert len(read_i23(path)) == 10_000
    path.write_text("p af 10001\n1 2\n", encoding="utf-8")
    with pytest.raises(LimitError):
        read_i23(path)


def test_the_format_is_told_by_the_p_line_or_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = OWN.read_bytes()
    named = tmp_path / "framework.txt"
    named.write_bytes(text)
    assert read_framework(named).arguments == read_i23(OWN).arguments
    hidden = tmp_path / "framework.apx"
    hidden.write_bytes(text)
    assert cli("solve", hidden, "-s", "grounded").code == 2  # read as .apx by its name …
    result = cli("solve", "-fo", "i23", "-f", hidden, "-s", "grounded")  # … unless told otherwise
    assert (result.code, result.out) == (0, "[[6]]\n")


def test_asking_wrongly_is_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    for args, words in (
        (["-p", "XX-CO", "-f", OWN], "unknown task"),
        (["-p", "DC-CO", "-f", OWN], "needs the argument"),
        (["-p", "DC-CO", "-f", OWN, "-a", "7"], "no argument '7'"),
        (["-f", OWN], "either --semantics"),
        (["-p", "SE-CO"], "name the framework file"),
    ):
        result = cli("solve", *args)
        assert result.code == 2 and words in result.err and len(result.err.strip().splitlines()) == 1, (args, result.err)
