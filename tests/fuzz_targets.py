"""What the fuzzers feed and what they check: one target per reader of untrusted bytes.

Every reader of a file a user may be handed — the map loader and ``check``, each importer
of :data:`argmap.interchange.FORMATS` (and format detection), ``solve``'s ``.apx`` and
``.tgf`` and ICCMA 2023 (``.i23``) readers, the cache reader and the editing layer — is a :class:`Target`: bytes in,
written to a file of its own, read as the command line reads it. The invariant is the
command line's: the input is accepted, or refused with :class:`~argmap.errors.ArgmapError`
(exit 2) whose problems each name a file, a line and a column; never another exception
(exit 3), never more than :data:`SLOW` seconds for an input under 1 MB. Memory is bounded
by the fuzzer's own limit (``-rss_limit_mb``), and a child process in ``bench/fuzz.py``.

Targets are built from ``FORMATS`` and :func:`~argmap.interchange.detect_format` at run
time, so a format added to argmap is fuzzed without a change here. Seeds are read where
they live (``arguments/``, ``tests/fixtures/``, ``../shared/data/``), never copied into the
repository; ``tests/fixtures/fuzz/<target>/`` holds our own small seeds and every input
that once broke a reader.

Used by ``tests/test_fuzz.py`` (a short deterministic pass in CI) and ``bench/fuzz.py``
(Atheris, coverage-guided, as long as you like).
"""

from __future__ import annotations

import importlib
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from argmap.errors import ArgmapError, InputError, LimitError

__all__ = ["FIXTURES", "SLOW", "Finding", "Target", "check_one", "prepare", "seed_files", "targets"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "fuzz"
SLOW = 2.0
"""Seconds of CPU an input under 1 MB may take: more is a finding."""
MAX_SEED_BYTES = 1 << 20


@dataclass(frozen=True)
class Target:
    """One reader: how it reads a file, what the file is called, where its seeds are."""

    name: str
    filename: str
    read: Callable[[Path], None]
    seed_globs: tuple[str, ...]  # relative to the repository root or to ../shared/data ("data:")
    accepts: Callable[[Path], bool] = lambda _path: True  # which seed files suit it


@dataclass(frozen=True)
class Finding:
    """An input that broke the invariant: what happened, and a signature to tell repeats apart."""

    kind: str  # crash, slow, unlocated
    message: str
    signature: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


# -- the readers ---------------------------------------------------------------------------


def _read_map(path: Path) -> None:
    from argmap.analysis import analyze
    from argmap.load import load_workspace

    workspace = load_workspace([path])
    if not workspace.ok:
        raise InputError(workspace.problems)
    analyze(workspace).compute_all()


def _import(fmt: str | None) -> Callable[[Path], None]:
    def read(path: Path) -> None:
        from argmap.interchange import read_foreign, write_draft
        from argmap.load import load_workspace

        draft = read_foreign(path, fmt)
        output = path.parent / "imported" / "imported.yaml"
        write_draft(draft, output, overwrite=True)
        workspace = load_workspace([output])
        if not workspace.ok:
            raise InputError(workspace.problems)

    return read


def _solve(path: Path) -> None:
    from argmap.analysis.dung import extensions
    from argmap.analysis.iccma import read_framework

    framework = read_framework(path)
    for semantics in ("grounded", "preferred"):
        extensions(framework, semantics, max_steps=2_000)


def _read_cache(path: Path) -> None:
    """``path`` is taken as the cache entry of the map beside it: it must be ignored or served."""
    from argmap import cache

    folder = path.parent / "cached"
    entry = cache._entry([folder], "dfquad")
    assert entry is not None, "ARGMAP_CACHE_DIR is set by prepare()"
    entry.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, entry)
    found = cache.cached([folder])
    if found is not None:  # only an entry argmap wrote itself can be served, and then it is right
        workspace, _ = found
        assert set(workspace.claims) == _CACHED_CLAIMS, "the cache served a workspace that is not the folder's"


def _edit(path: Path) -> None:
    """Open the map for editing; add, link, unlink, remove, move to another map and back;
    each inverse gives the bytes back."""
    _add_link_remove(path)
    _move_and_back(path)


def _add_link_remove(path: Path) -> None:
    from argmap.edit import Editor

    editor = Editor(path.parent)
    workspace = editor.workspace
    stem = path.stem
    claims = [key for key, claim in workspace.claims.items() if claim.map == stem]
    if not claims:
        return  # (a map with errors is still edited: an edit is refused only for errors it adds)
    original = editor.texts
    added = f"{stem}:fuzz-added"
    if added in workspace.claims:
        return
    editor.add_claim(added, "Added by the fuzzer.", supports=[claims[0]])
    if claims[-1] != claims[0]:
        editor.link(added, "rebuts", claims[-1])
    editor.remove_claim(added)
    if editor.texts != original:
        raise _Broken("an added claim, removed again, did not give the file back byte for byte")
    if len(claims) > 1 and not any(r.source == claims[1] and r.target == claims[0] for r in workspace.relations.values()):
        try:
            editor.link(claims[1], "rebuts", claims[0])
        except ArgmapError:
            return
        editor.unlink(claims[1], claims[0])
        if editor.texts != original:
            raise _Broken("a link, unlinked again, did not give the file back byte for byte")
    editor.undo()


def _move_and_back(path: Path) -> None:
    """Move the map's first claim that follows another to a map of its own folder and back after that one."""
    import json

    from argmap.claimlines import NotBlockClaims, claim_lines, mixes_line_ends
    from argmap.edit import Editor

    opened = Editor(path.parent, verify_quotes=False)
    argmap = opened.workspace.maps.get(path.stem)
    claims = [key for key, claim in opened.workspace.claims.items() if claim.map == path.stem]
    try:  # in the file's order: an entry that is not a claim (it has errors) may stand between two
        order = [f"{path.stem}:{local}" for local in claim_lines(opened.texts.get(path, ""), or_parse=True).order]
        claims = next(([a, b] for a, b in pairwise(order) if a in claims and b in claims), [])
    except NotBlockClaims:
        pass
    if argmap is None or len(claims) < 2 or path not in opened.texts:
        return
    other = path.parent / "other.yaml"  # never written: the editor holds it as a new map of the folder
    speakers = ", ".join(f"{json.dumps(s)}: {{name: S}}" for s in argmap.speakers)
    sources = ", ".join(f"{json.dumps(s)}: {{title: T}}" for s in argmap.sources)
    text = f"argmap: 1\ntitle: Other\nspeakers: {{{speakers}}}\nsources: {{{sources}}}\nclaims:\n  other-claim:\n    text: Other.\n"
    editor = Editor(path.parent, verify_quotes=False, texts={other: text})
    original = editor.texts
    local = claims[1].split(":", 1)[1]
    try:
        editor.move_claim(claims[1], "other")
    except ArgmapError:
        return  # refused: it would add errors (a reference the other map cannot make)
    try:
        editor.move_claim(f"other:{local}", path.stem, claims[0])
    except ArgmapError as err:
        raise _Broken(f"a moved claim could not be moved back: {err}") from err
    if editor.texts == original:
        return
    if not mixes_line_ends(original[path]) or {p: _lf(t) for p, t in editor.texts.items()} != {p: _lf(t) for p, t in original.items()}:
        raise _Broken("a claim moved to another map and back after its predecessor did not give the files back byte for byte")
    # (a map that mixes line ends gets its lines back, not every end: removing the claim left one
    # run of the blank lines around it, and a claim whose ends were the only odd ones leaves none)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Broken(Exception):
    """An invariant of a target broke (not a refusal of bad input)."""


def _suffix_is(*suffixes: str) -> Callable[[Path], bool]:
    return lambda path: path.suffix.lower() in suffixes


def _detected_as(fmt: str) -> Callable[[Path], bool]:
    def accepts(path: Path) -> bool:
        from argmap.interchange import detect_format

        try:
            return detect_format(path) == fmt
        except ArgmapError:
            return False

    return accepts


_FOREIGN_SEEDS = ("tests/fixtures/formats/**/*", "data:**/*")
_CACHED_CLAIMS: set[str] = set()


def targets() -> dict[str, Target]:
    """Every target, by name; one ``import-FORMAT`` per format argmap reads today."""
    from argmap.interchange import FORMATS

    found = [
        Target("map", "input.yaml", _read_map, ("arguments/*.yaml", "tests/fixtures/edit/*.yaml", "docs/examples/*.yaml", "data:carneades/*.yml"), _suffix_is(".yaml", ".yml")),
        *(Target(f"import-{fmt}", f"input{_SUFFIXES.get(fmt, '')}", _import(fmt), _FOREIGN_SEEDS, _detected_as(fmt)) for fmt in FORMATS),
        Target("import-detect", "input", _import(None), _FOREIGN_SEEDS, lambda path: path.suffix.lower() not in (".yaml", ".yml", ".md")),
        Target("solve-apx", "input.apx", _solve, ("tests/fixtures/formats/iccma/*", "data:iccma*/**/*"), _suffix_is(".apx")),
        Target("solve-tgf", "input.tgf", _solve, ("tests/fixtures/formats/iccma/*", "data:iccma*/**/*"), _suffix_is(".tgf")),
        Target("solve-i23", "input.i23", _solve, ("tests/fixtures/formats/iccma/*", "tests/fixtures/formats/iccma2023/*", "data:iccma*/**/*"), _suffix_is(".i23", ".af")),
        Target("cache", "entry.pickle", _read_cache, ()),
        Target("edit", "input.yaml", _edit, ("arguments/*.yaml", "tests/fixtures/edit/*.yaml", "docs/examples/*.yaml"), _suffix_is(".yaml", ".yml")),
    ]
    return {target.name: target for target in found}


_SUFFIXES = {"aif": ".json", "microtext": ".xml", "kialo": ".txt"}  # only to look like the real thing; detection is fuzzed apart


# -- running one input ---------------------------------------------------------------------


def prepare(target: Target, workdir: Path) -> Path:
    """Make ``workdir`` ready for ``target``; return the path each input is written to.

    Map targets get the bundled maps' source texts beside them (so quotes are verified and
    closest passages searched); the cache target a small map and a real entry of it.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["ARGMAP_CACHE_DIR"] = str(workdir / "cache")
    os.environ.pop("ARGMAP_NO_CACHE", None)
    if target.name in ("map", "edit"):
        for sources in (ROOT / "arguments" / "sources", ROOT / "tests" / "fixtures" / "edit" / "sources", ROOT / "docs" / "examples" / "sources"):
            if sources.is_dir():
                shutil.copytree(sources, workdir / "sources", dirs_exist_ok=True)
    if target.name == "cache":
        _cache_seed(workdir)
    _warm_up()
    return workdir / target.filename


def _warm_up() -> None:
    """Import what the readers import lazily, so that the first input is not timed with it."""
    for module in ("argmap.analysis", "argmap.edit", "argmap.graph", "argmap.interchange", "networkx", "rapidfuzz.fuzz", "ruamel.yaml"):
        importlib.import_module(module)


def _cache_seed(workdir: Path) -> None:
    """A folder with one small map, analysed once so that its entry exists to mutate."""
    from argmap import cache

    folder = workdir / "cached"
    folder.mkdir(exist_ok=True)
    (folder / "m.yaml").write_text(
        "argmap: 1\ntitle: Cached\nclaims:\n  a: {text: A, kind: thesis}\n  b: {text: B, rebuts: [a]}\n  c: {text: C, supports: [a]}\n",
        encoding="utf-8",
    )
    old = time.time() - 3600  # older than the store's slack, so the entry is written
    os.utime(folder / "m.yaml", (old, old))
    workspace, analysis = cache.load_analysed([folder])
    assert analysis is not None
    _CACHED_CLAIMS.clear()
    _CACHED_CLAIMS.update(workspace.claims)
    entry = cache._entry([folder], "dfquad")
    assert entry is not None and entry.is_file()
    seeds = workdir / "cache-seed"
    seeds.mkdir(exist_ok=True)
    shutil.copyfile(entry, seeds / "entry.pickle")


def check_one(target: Target, data: bytes, path: Path) -> Finding | None:
    """Feed ``data`` to ``target`` through the file ``path``; the finding, if the invariant broke."""
    path.write_bytes(data)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        target.read(path)
    except InputError as err:
        for problem in err.problems:
            where = problem.location
            if not where.path or where.line < 1 or where.column < 1 or "\n" in str(problem):
                return Finding("unlocated", f"problem without a place: {problem}", f"unlocated {problem.code}")
    except LimitError:
        pass  # a documented limit of the whole input (search steps, size): nothing to locate
    except ArgmapError as err:
        message = str(err)
        if path.name not in message and "imported" not in message:
            return Finding("unlocated", f"error that names no file: {message}", "unlocated " + message[:40])
    except (Exception, RecursionError) as err:
        return _crash(err)
    # CPU time, so that a busy machine does not make findings (libFuzzer's -timeout catches a hang)
    cpu, elapsed = time.process_time() - cpu, time.perf_counter() - started
    if cpu > SLOW and len(data) < MAX_SEED_BYTES:
        return Finding("slow", f"{cpu:.1f} s of CPU ({elapsed:.1f} s) for {len(data):,} bytes", f"slow {target.name} {len(data) // 10_000}")
    return None


def _crash(err: BaseException) -> Finding:
    frames = traceback.extract_tb(err.__traceback__)
    ours = [f for f in frames if "/argmap/" in f.filename or "fuzz_targets" in f.filename] or frames
    last = ours[-1] if ours else None
    where = f"{Path(last.filename).name}:{last.lineno} in {last.name}" if last else "?"
    return Finding("crash", f"{type(err).__name__}: {' '.join(str(err).split())[:300]} at {where}", f"{type(err).__name__} {where}")


# -- seeds ---------------------------------------------------------------------------------


def seed_files(target: Target, shared_data: Path | None = None) -> Iterator[Path]:
    """The seed files of ``target``: the repository's and the shared data's, then our own fixtures."""
    seen: set[Path] = set()
    for pattern in target.seed_globs:
        base, glob = (shared_data, pattern[5:]) if pattern.startswith("data:") else (ROOT, pattern)
        if base is None or not base.is_dir():
            continue
        for path in sorted(base.glob(glob)):
            if path in seen or not path.is_file() or path.stat().st_size > MAX_SEED_BYTES or path.name in ("MANIFEST.sha256", "LICENSE"):
                continue
            if target.accepts(path):
                seen.add(path)
                yield path
    own = FIXTURES / target.name
    if own.is_dir():
        yield from sorted(p for p in own.iterdir() if p.is_file())


def shared_data() -> Path | None:
    """``../shared/data`` beside the repository, if it is there."""
    path = ROOT.parent / "shared" / "data"
    return path if path.is_dir() else None
