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

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

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


def effects(
    workspaces: Workspaces, diff: FolderDiff, rename: Callable[[str], str], links: Links = Links.TEXTS, threshold: float = DEFAULT_THRESHOLD,
) -> Effects:
    """What ``diff`` does to the debate of ``workspaces``; ``rename`` takes an old claim
    key to the new one (moves)."""
    found = Effects(links.value, threshold)
    old_ws, new_ws = workspaces.load_old(), workspaces.load_new()
    for label, workspace in ((workspaces.old_label, old_ws), (workspaces.new_label, new_ws)):
        broken = _unreadable(workspace)
        if broken:
            found.notes.append(f"{label}: not analysed, a map does not read: {broken[0]}")
    if found.notes:
        return found
    old, new = analyze(old_ws, links=links), analyze(new_ws, links=links)
    pairs = [(key, rename(key)) for key in old.workspace.claims if old.workspace.is_primary(key)]
    pairs = [(a, b) for a, b in pairs if b in new.workspace.claims]
    for a, b in pairs:
        before, after = old.status.get(a), new.status.get(b)
        if before is not None and after is not None and before is not after:
            by = tuple(r.source for r in new.attackers_in(b)) if after is Label.OUT else ()
            found.status.append(StatusChange(b, before.name, after.name, new.reason(b), by))
    old_responses, new_responses = old.responses, new.responses
    for a, b in pairs:
        was, now = old_responses.get(a), new_responses.get(b)
        if was != now:
            found.responses.append(ResponseChange(b, was.value if was else None, now.value if now else None))
    old_strength, new_strength = old.strength, new.strength
    for a, b in pairs:
        if a in old_strength and b in new_strength and abs(new_strength[b] - old_strength[a]) >= threshold - 1e-12:
            found.strength.append(StrengthChange(b, old_strength[a], new_strength[b]))
    before_clashes = {(rename(c.attacker), rename(c.target)): c for c in old.clashes}
    after_clashes = {(c.attacker, c.target): c for c in new.clashes}
    for ends, clash in after_clashes.items():
        if ends not in before_clashes:
            found.clashes.append(ClashChange(ADDED, clash.attacker, clash.target, clash.attacker_side, clash.target_side, clash.partial))
    for ends, clash in before_clashes.items():
        if ends not in after_clashes:
            found.clashes.append(ClashChange(REMOVED, ends[0], ends[1], clash.attacker_side, clash.target_side, clash.partial))
    touched_new = _touched(diff)
    touched_old = {k for k in old.workspace.claims if rename(k) in touched_new} | {c.old_key or c.key for c in diff.claims if c.change == REMOVED}
    old_chains = {tuple(rename(k) for k in chain): word for chain, word in _chains(old, touched_old).items()}
    found.last_word = _last_words(old_chains, _chains(new, touched_new))
    for workspace, label in ((old_ws, workspaces.old_label), (new_ws, workspaces.new_label)):
        errors = sum(p.severity is Severity.ERROR for p in workspace.problems if p.code not in ("source-missing", "source-outside"))
        if errors:
            found.notes.append(f"{label} has {errors} error(s) 'argmap check' reports; the analysis leaves out what they break")
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
