"""The README and docs/ say what argmap does today: their examples run, their links resolve.

How the Markdown is read (the conventions the docs follow):

* A fenced block says what it holds. ```` ```sh ```` blocks are run: every command in them
  (a line, or lines joined by a trailing ``\\``; ``#`` comment lines are skipped) must exit 0.
  ```` ```console ```` blocks are run too: a line starting ``$ `` is a command, the lines
  after it are what it prints (stdout and stderr together, as a terminal shows them). In
  shown output a line holding only ``…`` stands for any number of lines, and ``…`` within a
  line for any text on that line; trailing spaces do not count. ```` ```yaml ```` blocks must
  be YAML. ```` ```text ```` and ```` ```json ```` blocks are only read. A fence with no
  language is refused, so output cannot be shown without being checked.
* An HTML comment on the line(s) right above a fence changes how it is taken:
  ``<!-- not run: REASON -->`` does not run it (the explorer is interactive, set-up installs
  programs); ``<!-- exit: N -->`` expects exit status N from each of its commands;
  ``<!-- fixture: NAME -->`` first puts the third-party file NAME (see :data:`FIXTURES`) in
  the folder the commands run in; ``<!-- excerpt of: PATH -->`` says a yaml block is copied
  verbatim from PATH (relative to the Markdown file), and checks that it is.
* The blocks of one file run in order, in a scratch folder holding copies of ``arguments/``
  and ``docs/`` (so ``argmap new arguments/my-debate.yaml`` in one block is edited by the
  next), with the folder of this Python first on the PATH: ``argmap`` is the console script
  installed beside it, as it is after ``source .venv/bin/activate``. Nothing in the repository
  is written.

Also here: every relative link of the README and docs/ resolves inside the repository,
docs/commands.md is what ``argmap.docgen`` writes now, and docs/format.md's table names
every problem code the source can report.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from conftest import REPO, corpora_required, corpus, missing_corpus

DOCS = REPO / "docs"
PAGES = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]
BIN = Path(sys.executable).parent

FIXTURES = {"micro_b001.xml": "arg-microtexts/corpus/en/micro_b001.xml"}
"""Files some examples take as given, by name: where they are in the third-party data."""

MOST_NOT_RUN = 6
"""How many blocks of all the docs together may be marked not run: keep it small."""

LANGUAGES = {"sh", "console", "yaml", "text", "json"}
MARKER = re.compile(r"<!--\s*(not run|exit|fixture|excerpt of)\s*:\s*(.*?)\s*-->\s*\Z")
FENCE = re.compile(r"(`{3,}|~{3,})\s*([\w-]*)\s*\Z")


@dataclass
class Block:
    """One fenced block of a Markdown file."""

    page: Path
    line: int  # of the opening fence, 1-based
    language: str
    text: str
    markers: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of ``page``, with the markers written above each."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence, language = opening.groups()
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence), None)
        assert end is not None, f"{page.relative_to(REPO)}:{i + 1}: a code fence that is never closed"
        markers = {}
        above = i - 1
        while above >= 0 and (match := MARKER.match(lines[above].strip())):
            markers[match.group(1)] = match.group(2)
            above -= 1
        found.append(Block(page, i + 1, language, "\n".join(lines[i + 1 : end]), markers))
        i = end + 1
    return found


def commands(text: str) -> list[str]:
    """The commands of a sh block: one a line, ``\\`` continuing a line, comment lines skipped."""
    found: list[str] = []
    pending = ""
    for line in text.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        pending += line[:-1] + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            found.append(pending.strip())
            pending = ""
    assert not pending, f"a command ends in a line continuation: {pending!r}"
    return found


def session(text: str) -> list[tuple[str, list[str]]]:
    """The commands of a console block, each with the output lines shown after it."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if found and found[-1][0].endswith("\\") and not found[-1][1]:  # a command's next line
            found[-1] = (found[-1][0][:-1] + " " + line.strip(), [])
        elif line.startswith("$ "):
            found.append((line[2:].strip(), []))
        else:
            assert found, f"console output before any '$ ' command: {line!r}"
            found[-1][1].append(line)
    return found


def output_pattern(shown: list[str]) -> re.Pattern[str]:
    """A pattern for output that ``shown`` describes: ``…`` alone is any lines, within a line any text."""
    pieces = []
    for line in shown:
        line = line.rstrip()
        if line.strip() == "…":
            pieces.append(r"(?:[^\n]*\n)*?")
        else:
            pieces.append("[^\\n]*".join(re.escape(part) for part in line.split("…")) + r"\n")
    return re.compile("".join(pieces))


def printed(output: str) -> str:
    """Output as compared: trailing spaces and blank lines at the end dropped, one final newline."""
    lines = [line.rstrip() for line in output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "".join(line + "\n" for line in lines)


# -- running the examples -------------------------------------------------------------------
@pytest.fixture(scope="module")
def environment() -> dict[str, str]:
    """The environment examples run in: this Python's scripts first on the PATH."""
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", ARGMAP_NO_CACHE="1", PYTHONUTF8="1")
    found = shutil.which("argmap", path=env["PATH"])
    assert found is not None and Path(found).parent == BIN, (
        f"'argmap' on the PATH is {found}, not the console script beside {sys.executable}: "
        "install the package into this Python (./setup.sh, or pip install -e '.[test]')"
    )
    return env


def run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=180,
    )


def sandbox(tmp_path: Path) -> Path:
    """A folder laid out like the repository's root, holding copies of arguments/ and docs/."""
    for name in ("arguments", "docs"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def place_fixture(block: Block, cwd: Path) -> str | None:
    """Put the file a block takes as given into ``cwd``; or say why the block cannot run.

    Where the third-party data is absent the block is not run, with a warning (a failure
    where corpora are required, as in CI).
    """
    name = block.markers["fixture"]
    if name not in FIXTURES:
        return f"{block.where}: unknown fixture {name!r}; known: {', '.join(FIXTURES)}"
    missing = missing_corpus(FIXTURES[name])
    if missing is None:
        shutil.copy(corpus(FIXTURES[name]), cwd / name)
    return missing and f"{block.where}: not run: {missing}"


@dataclass
class PageRun:
    """What running a page's examples found: the first failure (later blocks build on earlier
    ones, so the run stops there), and blocks left out for want of a fixture."""

    failure: str | None = None
    skipped: list[str] = field(default_factory=list)


def run_page(page: Path, cwd: Path, env: dict[str, str]) -> PageRun:
    """Run the examples of ``page`` in order, in ``cwd``, comparing what they print with what it shows."""
    outcome = PageRun()
    for block in blocks(page):
        if block.language not in ("sh", "console") or "not run" in block.markers:
            continue
        if "fixture" in block.markers and (why := place_fixture(block, cwd)):
            outcome.skipped.append(why)
            continue
        status = int(block.markers.get("exit", "0"))
        steps = [(c, None) for c in commands(block.text)] if block.language == "sh" else session(block.text)
        if not steps:
            outcome.failure = f"{block.where}: a {block.language} block with no command"
            return outcome
        for command, shown in steps:
            result = run(command, cwd, env)
            said = printed(result.stdout)
            if result.returncode != status:
                outcome.failure = f"{block.where}: `{command}` exited {result.returncode}, not {status}:\n{said}"
                return outcome
            if shown is not None and not output_pattern(shown).fullmatch(said):
                outcome.failure = f"{block.where}: `{command}` no longer prints what the docs show.\n--- shown:\n" + "\n".join(shown) + f"\n--- printed:\n{said}"
                return outcome
    return outcome


@pytest.fixture(scope="module")
def page_runs(environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[Path, Future[PageRun]]]:
    """Every page's examples, run at once in threads (each page in a scratch folder of its own):
    the README's renders and decks take most of the time, and the other pages run meanwhile."""
    with ThreadPoolExecutor(max_workers=len(PAGES)) as pool:
        yield {page: pool.submit(run_page, page, sandbox(tmp_path_factory.mktemp("docs")), environment) for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(REPO)) for p in PAGES])
def test_examples_run_and_print_what_they_show(page: Path, page_runs: dict[Path, Future[PageRun]]) -> None:
    outcome = page_runs[page].result()
    for why in outcome.skipped:
        if corpora_required():
            pytest.fail(why)
        warnings.warn(why, stacklevel=1)
    if outcome.failure:
        pytest.fail(outcome.failure, pytrace=False)


def test_blocks_say_what_they_hold() -> None:
    not_run = []
    for page in PAGES:
        for block in blocks(page):
            assert block.language in LANGUAGES, (
                f"{block.where}: a fenced block must name its language, one of {', '.join(sorted(LANGUAGES))} "
                "(sh is run; console is run and its output compared)"
            )
            if "not run" in block.markers:
                assert block.markers["not run"], f"{block.where}: say why the block is not run"
                assert block.language in ("sh", "console"), f"{block.where}: only commands are run"
                not_run.append(block.where)
            if "exit" in block.markers:
                assert block.markers["exit"].isdigit(), f"{block.where}: <!-- exit: N --> takes a number"
    assert len(not_run) <= MOST_NOT_RUN, f"too many examples are not run ({len(not_run)}): {', '.join(not_run)}"


def test_yaml_examples_are_yaml_and_excerpts_are_verbatim() -> None:
    for page in PAGES:
        for block in blocks(page):
            if block.language != "yaml":
                continue
            if "excerpt of" in block.markers:
                origin = (page.parent / block.markers["excerpt of"]).resolve()
                assert origin.is_file(), f"{block.where}: no file {block.markers['excerpt of']}"
                assert "\n" + block.text + "\n" in "\n" + origin.read_text(encoding="utf-8"), (
                    f"{block.where}: the block is not a verbatim excerpt of {origin.relative_to(REPO)}; copy it again"
                )
            else:
                try:
                    list(yaml.safe_load_all(block.text))
                except yaml.YAMLError as err:
                    pytest.fail(f"{block.where}: not YAML: {err}")


def test_shown_output_patterns() -> None:
    pattern = output_pattern(["a: 1…", "…", "end"])
    assert pattern.fullmatch("a: 1 and more\nb\nc\nend\n")
    assert pattern.fullmatch("a: 1\nend\n")
    assert not pattern.fullmatch("a: 1\nend\nafter\n")
    assert not pattern.fullmatch("b: 1\nend\n")
    assert session("$ argmap x \\\n  --y\nout\n$ argmap z") == [("argmap x  --y", ["out"]), ("argmap z", [])]
    assert commands("# comment\nargmap a \\\n  b   # note\n\nargmap c") == ["argmap a    b   # note", "argmap c"]


# -- links ------------------------------------------------------------------------------------
LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.MULTILINE)
CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1\s*$|`+[^`\n]*`+", re.MULTILINE | re.DOTALL)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[`*_]|<[^>]+>", "", heading.strip().lower())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = CODE.sub("", page.read_text(encoding="utf-8"))
    return {slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.MULTILINE)}


def links(page: Path) -> list[str]:
    text = CODE.sub("", page.read_text(encoding="utf-8"))
    return [m.group(1) for m in LINK.finditer(text)] + [m.group(1) for m in REFERENCE.finditer(text)]


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(REPO)) for p in PAGES])
def test_links_resolve_inside_the_repository(page: Path) -> None:
    name = page.relative_to(REPO)
    for target in links(page):
        assert "shared/" not in target, f"{name}: link to {target}: a clone has no ../shared; link to docs/ instead"
        if re.match(r"[a-z][a-z0-9+.-]*:", target):
            continue  # a web address
        path, _, fragment = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.is_relative_to(REPO), f"{name}: link to {target} leaves the repository"
        assert resolved.exists(), f"{name}: link to {target}: no such file"
        if fragment and resolved.suffix == ".md":
            assert fragment in anchors(resolved), f"{name}: link to {target}: {resolved.name} has no heading #{fragment}"


def test_readme_links_to_the_docs() -> None:
    found = {(REPO / target.partition("#")[0]).resolve() for target in links(REPO / "README.md")}
    for doc in ("format.md", "tutorial.md", "commands.md"):
        assert DOCS / doc in found, f"README.md does not link to docs/{doc}"


# -- the command reference ----------------------------------------------------------------------
def test_command_reference_is_up_to_date() -> None:
    from argmap.docgen import REGENERATE, render

    committed = (DOCS / "commands.md").read_text(encoding="utf-8")
    assert committed == render(), f"docs/commands.md is stale: regenerate it with `{REGENERATE}` (from the repository's root)"


def test_command_reference_does_not_depend_on_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.docgen import render

    monkeypatch.setenv("COLUMNS", "40")
    narrow = render()
    monkeypatch.setenv("COLUMNS", "250")
    assert render() == narrow


def test_command_reference_documents_every_command_and_option() -> None:
    from argmap.cli import _commands, full_parser

    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    parser = full_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subparsers.choices) == list(_commands())
    for name, sub in subparsers.choices.items():
        assert f"\n## argmap {name}\n" in text, f"argmap {name} has no section in docs/commands.md"
        section = text.split(f"\n## argmap {name}\n", 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option} " in section or f"`{option}`" in section or f", {option}" in section, f"argmap {name} {option} is not in docs/commands.md"


# -- problem codes ------------------------------------------------------------------------------
REPORTERS = {"Problem", "error", "problem", "_refuse"}
"""What source code reports a problem through: the class, and the helpers that make one from
a code (``_FileReader.error``, ``YamlDocument.problem``, ``Editor._refuse``)."""

CODE_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+\Z")


def problem_codes() -> dict[str, list[str]]:
    """Every problem code the source can report, with where: from the calls that report one.

    A code is the first argument (or ``code=``) of a call to :class:`argmap.errors.Problem`
    or to a helper of :data:`REPORTERS`. Such a call with a code that is not written out is
    allowed only inside those helpers, so a code cannot be reported without being seen here.
    """
    found: dict[str, list[str]] = {}
    for path in sorted((REPO / "src" / "argmap").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        inside_helpers = {
            id(call)
            for helper in ast.walk(tree)
            if isinstance(helper, ast.FunctionDef) and helper.name in REPORTERS
            for call in ast.walk(helper)
            if isinstance(call, ast.Call)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name not in REPORTERS:
                continue
            argument = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "code"), None)
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                if CODE_NAME.match(argument.value):
                    found.setdefault(argument.value, []).append(where)
                continue
            assert id(node) in inside_helpers, (
                f"{where}: a problem whose code is not written out in the call; write it there "
                f"(tests/test_docs.py finds codes in calls of {', '.join(sorted(REPORTERS))})"
            )
    return found


def documented_codes() -> set[str]:
    """The codes in docs/format.md: rows of the tables under "Problem codes" that start with a code in backticks."""
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    assert "\n## Problem codes\n" in text, "docs/format.md has no section 'Problem codes'"
    section = text.split("\n## Problem codes\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\|\s*`([a-z0-9-]+)`\s*\|", section, re.MULTILINE))


def test_every_key_is_documented() -> None:
    from argmap.load import KEYS

    documented = set(re.findall(r"^\|\s*`([a-z-]+)`\s*\|", (DOCS / "format.md").read_text(encoding="utf-8"), re.MULTILINE))
    for kind, keys in KEYS.items():
        missing = sorted(set(keys) - documented)
        assert not missing, f"docs/format.md has no table row for the {kind} key(s) {', '.join(missing)}"


def test_problem_codes_are_found_in_the_source() -> None:
    codes = problem_codes()
    # a few of every kind, so a change to how they are reported cannot empty the list unnoticed
    for code in ("yaml-syntax", "duplicate-key", "file-encoding", "unknown-key", "unknown-speaker", "quote-not-found", "support-cycle", "iccma-syntax", "not-found"):
        assert code in codes, code


def test_every_problem_code_is_documented() -> None:
    codes = problem_codes()
    documented = documented_codes()
    missing = sorted(set(codes) - documented)
    assert not missing, "docs/format.md has no row for: " + ", ".join(f"{c} ({codes[c][0]})" for c in missing)
    stale = sorted(documented - set(codes))
    assert not stale, f"docs/format.md documents codes the source never reports: {', '.join(stale)}"
