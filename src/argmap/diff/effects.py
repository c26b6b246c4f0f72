"""The debate half of a semantic diff: what the changes do to the verdicts.

Both versions of a folder are loaded and analysed (:func:`argmap.analysis.analyze`, on
the links the user chose), and compared claim by claim through the diff's renames (a
moved claim is the same claim): status (IN, OUT, UNDEC) with the new reason, what became
of each claim (newly dropped, newly answered…), strength changes at or above a threshold,
clash points gained or lost, and who has the last word in each dispute.

Rebuttal chains are listed only for the disputes a change can reach — a large map has
more chains than :data:`~argmap.analysis.debate.MAX_CHAINS`, and comparing two lists cut
at different places would report changes nobody made.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from argmap.analysis import MapAnalysis, analyze
from argmap.analysis.debate import MAX_CHAINS, rebuttal_chains
from argmap.analysis.dung import Label
from argmap.analysis.links import Links
from argmap.errors import Severity
from argmap.model import Workspace

from .changes import (
    ADDED,
    REMOVED,
    ClashChange,
    Effects,
    FolderDiff,
    LastWordChange,
    ResponseChange,
    StatusChange,
    StrengthChange,
)
from .sides import Workspaces

__all__ = ["DEFAULT_THRESHOLD", "effects"]

DEFAULT_THRESHOLD = 0.1
"""Strength changes smaller than this are not reported."""

_READ_PROBLEMS = frozenset({"yaml-syntax", "yaml-alias", "yaml-tag", "yaml-documents", "yaml-key", "yaml-depth", "file-too-large", "file-unreadable", "file-binary", "file-encoding", "empty-map", "merge-conflict", "wrong-type", "bad-version", "missing-key"})


def _unreadable(workspace: Workspace) -> list[str]:
    """Problems that keep a map from being analysed at all, as ``path:line: message``."""
    return [f"{p.location}: {p.message} [{p.code}]" for p in workspace.problems if p.severity is Severity.ERROR and p.code in _READ_PROBLEMS]


def _answers(workspace: Workspace) -> dict[str, set[str]]:
    """Claim → the claims it answers (attacks, or attacks an inference of)."""
    relations = workspace.relations
    found: dict[str, set[str]] = defaultdict(set)
    for rel in relations.values():
        if not rel.kind.is_attack:
            continue
        target = rel.target
        # an undercut answers the claim that states the inference it attacks
        found[rel.source].add(relations[target].source if target in relations else target)
    return found


def _closure(start: Iterable[str], edges: Mapping[str, Iterable[str]]) -> set[str]:
    seen = set(start)
    todo = list(seen)
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _chains(analysis: MapAnalysis, touched: set[str]) -> dict[tuple[str, ...], str]:
    """The rebuttal chains ``touched`` claims can reach, each with who has its last word."""
    workspace = analysis.workspace
    answers = _answers(workspace)
    answered_by: dict[str, set[str]] = defaultdict(set)
    for source, targets in answers.items():
        for target in targets:
            answered_by[target].add(source)
    reached = _closure((k for k in touched if k in workspace.claims), answers)
    attacking = {source for source, targets in answers.items() if targets}
    roots = {k for k in reached if k in answered_by and k not in attacking and workspace.is_primary(k)}
    if not roots:
        return {}
    keep = _closure(roots, answered_by)
    relations = {k: r for k, r in workspace.relations.items() if r.source in keep and (r.target in keep or r.target in workspace.relations)}
    maps = {
        stem: replace(m, claims={k: c for k, c in m.claims.items() if c.key in keep}, relations={k: r for k, r in m.relations.items() if k in relations})
        for stem, m in workspace.maps.items()
    }
    sub = replace(workspace, claims={k: c for k, c in workspace.claims.items() if k in keep}, relations=relations, maps=maps)
    from argmap.graph import build_graph

    return {
        chain.claims: "nobody (a circle)" if chain.cyclic else chain.last_word or "no side"
        for chain in rebuttal_chains(sub, build_graph(sub), limit=MAX_CHAINS)
        if chain.claims[0] in roots
    }


def _last_words(old: dict[tuple[str, ...], str], new: dict[tuple[str, ...], str]) -> list[LastWordChange]:
    """Chains whose last word changed: a chain answered further (or less far) is the same
    chain, its last word passing to another side; a chain with no such partner is new or gone."""
    found = []
    gone = {chain: word for chain, word in old.items() if chain not in new}
    came = {chain: word for chain, word in new.items() if chain not in old}
    matched: set[tuple[str, ...]] = set()
    for chain, word in came.items():
        partner = max((o for o in gone if chain[: len(o)] == o or o[: len(chain)] == chain), key=len, default=None)
        if partner is not None:
            matched.add(partner)
            if gone[partner] == word:
                continue
        found.append(LastWordChange(chain, gone[partner] if partner is not None else None, word))
    for chain, word in gone.items():
        if chain not in matched:
            found.append(LastWordChange(chain, word, None))
    return found


@dataclass
class _Version:
    """What the analysis of one version says, as plain data (it may come from a child process)."""

    unreadable: list[str]
    errors: int = 0
    primary: list[str] = field(default_factory=list)  # claim keys of the maps compared
    status: dict[str, str] = field(default_factory=dict)
    responses: dict[str, str] = field(default_factory=dict)
    strength: dict[str, float] = field(default_factory=dict)
    clashes: list[tuple[str, str, str | None, str | None, bool]] = field(default_factory=list)
    chains: dict[tuple[str, ...], str] = field(default_factory=dict)


def _version(load: Callable[[], Workspace], links: Links, touched: Callable[[Workspace], set[str]]) -> tuple[_Version, MapAnalysis | None]:
    """Load and analyse one version; its summary, and the analysis itself."""
    workspace = load()
    unreadable = _unreadable(workspace)
    if unreadable:
        return _Version(unreadable), None
    analysis = analyze(workspace, links=links)
    claims = analysis.workspace.claims
    summary = _Version(
        [],
        sum(p.severity is Severity.ERROR for p in workspace.problems if p.code not in ("source-missing", "source-outside")),
        [key for key in claims if workspace.is_primary(key)],
        {key: label.name for key, label in analysis.status.items() if key in claims},
        {key: response.value for key, response in analysis.responses.items()},
        dict(analysis.strength),
        [(c.attacker, c.target, c.attacker_side, c.target_side, c.partial) for c in analysis.clashes],
        _chains(analysis, touched(analysis.workspace)),
    )
    return summary, analysis


def _apart(work: Callable[[], _Version], parallel: bool) -> Callable[[], _Version]:
    """Start ``work`` in a child process (Linux, when ``parallel``); return how to get its result.

    The two versions' loads and analyses are independent and take most of a diff's time;
    a forked child does one while this process does the other. Anything the child fails
    at is done again here.
    """
    if not parallel or not sys.platform.startswith("linux"):
        return work
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send(work())
        except BaseException:  # anything: the parent does the work again, and reports it
            send.send(None)

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def result() -> _Version:
        try:
            found = receive.recv()
        except EOFError:
            found = None
        process.join()
        return found if isinstance(found, _Version) else work()

    return result


def effects(
    workspaces: Workspaces, diff: FolderDiff, rename: Callable[[str], str], links: Links = Links.TEXTS,
    threshold: float = DEFAULT_THRESHOLD, parallel: bool = False,
) -> Effects:
    """What ``diff`` does to the debate of ``workspaces``; ``rename`` takes an old claim
    key to the new one (moves). ``parallel``: analyse the old version in a child process
    meanwhile (not where threads run: a fork copies only the calling thread)."""
    found = Effects(links.value, threshold)
    touched_new = _touched(diff)
    removed = {c.old_key or c.key for c in diff.claims if c.change == REMOVED}

    def touched_old(workspace: Workspace) -> set[str]:
        return {k for k in workspace.claims if rename(k) in touched_new} | removed

    def old_version() -> _Version:
        return _version(workspaces.load_old, links, touched_old)[0]

    pending = _apart(old_version, parallel)
    new_version, new = _version(workspaces.load_new, links, lambda _: touched_new)
    old_version_ = pending()
    for label, version in ((workspaces.old_label, old_version_), (workspaces.new_label, new_version)):
        if version.unreadable:
            found.notes.append(f"{label}: not analysed, a map does not read: {version.unreadable[0]}")
    if found.notes or new is None:
        return found
    pairs = [(a, rename(a)) for a in old_version_.primary]
    pairs = [(a, b) for a, b in pairs if b in new.workspace.claims]
    for a, b in pairs:
        before, after = old_version_.status.get(a), new_version.status.get(b)
        if before is not None and after is not None and before != after:
            by = tuple(r.source for r in new.attackers_in(b)) if after == Label.OUT.name else ()
            found.status.append(StatusChange(b, before, after, new.reason(b), by))
    for a, b in pairs:
        was, now = old_version_.responses.get(a), new_version.responses.get(b)
        if was != now:
            found.responses.append(ResponseChange(b, was, now))
    old_strength, new_strength = old_version_.strength, new_version.strength
    for a, b in pairs:
        if a in old_strength and b in new_strength and abs(new_strength[b] - old_strength[a]) >= threshold - 1e-12:
            found.strength.append(StrengthChange(b, old_strength[a], new_strength[b]))
    before_clashes = {(rename(c[0]), rename(c[1])): c for c in old_version_.clashes}
    after_clashes = {(c[0], c[1]): c for c in new_version.clashes}
    for ends, clash in after_clashes.items():
        if ends not in before_clashes:
            found.clashes.append(ClashChange(ADDED, *clash))
    for ends, clash in before_clashes.items():
        if ends not in after_clashes:
            found.clashes.append(ClashChange(REMOVED, ends[0], ends[1], *clash[2:]))
    old_chains = {tuple(rename(k) for k in chain): word for chain, word in old_version_.chains.items()}
    found.last_word = _last_words(old_chains, new_version.chains)
    for version, label in ((old_version_, workspaces.old_label), (new_version, workspaces.new_label)):
        if version.errors:
            found.notes.append(f"{label} has {version.errors} error(s) 'argmap check' reports; the analysis leaves out what they break")
    return found


def _touched(diff: FolderDiff) -> set[str]:
    """The claims (new keys) a change touches: changed claims and both ends of changed relations."""
    touched = {c.key for c in diff.claims}
    for rel in diff.relations:
        touched.add(rel.source)
        for target in (rel.target, rel.old_target):
            if target:
                touched.update(end for end in target.split(" -> "))
    return touched
