"""Synthetic maps of N claims, shaped like real debates, for tests and benchmarks.

Two sides, three speakers each, speeches (sources) alternating between the sides, each
with a source text that holds the quotes. Every claim answers an earlier one: a claim
of the same side supports it, of the other side rebuts it, so theses gather reasons,
objections and rebuttals several levels deep. A few claims cross-link (support a second
claim), give linked premises, or undercut an inference of the other side. The same
seed gives the same map, byte for byte.
"""

from __future__ import annotations

import random
from pathlib import Path

from argmap.fileio import atomic_write_text

__all__ = ["CLAIMS_PER_SPEECH", "synthetic_map", "write_synthetic"]

CLAIMS_PER_SPEECH = 200

_WORDS = (
    "police raid rescue victim court law evidence study trafficking shelter aftercare "
    "consent brothel officer training corruption report survey outreach health worker "
    "migrant detention deportation trust community program funding policy justice "
    "reform abuse safety harm benefit the a of and in to for that is was not with "
    "many most some every local national independent public private long short term"
).split()
_TAGS = ("police", "aftercare", "consent", "funding", "evidence", "health", "law")
_SPEAKERS = (("ann", "pro"), ("ben", "con"), ("cat", "pro"), ("dan", "con"), ("eve", "pro"), ("fay", "con"))


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(_WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def synthetic_map(n: int, seed: int = 0, stem: str = "synthetic") -> tuple[str, dict[str, str]]:
    """A map of ``n`` claims as YAML text, and its source texts by relative path."""
    rng = random.Random(seed)
    speeches = max(1, -(-n // CLAIMS_PER_SPEECH))
    lines = [
        "# yaml-language-server: $schema=https://argmap.invalid/schema/argmap-1.json",
        f"# Synthetic map of {n} claims (argmap generate {n} --seed {seed}).",
        "argmap: 1",
        f'title: "Synthetic debate {seed} ({n} claims)"',
        "summary: A generated map for tests and benchmarks.",
        "sides:",
        "  pro: {label: Proposition}",
        "  con: {label: Opposition}",
        "speakers:",
        *(f"  {sid}: {{name: Speaker {sid.title()}, role: Debater, side: {side}}}" for sid, side in _SPEAKERS),
        "sources:",
    ]
    texts: dict[str, list[str]] = {}
    for s in range(speeches):
        path = f"sources/{stem}-{s:05d}.txt"
        texts[path] = []
        lines.append(f'  s{s}: {{title: "Speech {s + 1}", date: 2026-01-{1 + s % 28:02d}, text: {path}}}')
    lines.append("claims:")

    sides: list[str] = []
    relations: list[tuple[int, int]] = []  # (from, to) of supports and rebuts
    theses = max(1, n // 50)
    for i in range(n):
        speech = min(i // CLAIMS_PER_SPEECH, speeches - 1)
        sid, side = _SPEAKERS[(speech * 2 + (i % 3 == 0)) % len(_SPEAKERS)] if i >= theses else _SPEAKERS[i % 2]
        sides.append(side)
        text = _sentence(rng, 8, 30)
        entry = [f"  c{i}:", f'    text: "{text}"', f"    by: {sid}"]
        if i < theses:
            entry.append("    kind: thesis")
        elif rng.random() < 0.15:
            entry.append("    kind: evidence")
        if rng.random() < 0.7:
            quote = _sentence(rng, 6, 20)
            source_text = texts[f"sources/{stem}-{speech:05d}.txt"]
            source_text.append(_sentence(rng, 5, 15) + " " + quote)
            entry.append(f'    quote: {{source: s{speech}, text: "{quote}"}}')
        if i >= theses:
            # answer an earlier claim, favouring recent ones so that chains grow deep
            target = max(0, i - 1 - int(rng.expovariate(1 / 30)))
            answers: dict[str, list[str]] = {"supports": [], "rebuts": [], "undercuts": []}
            item = f"c{target}"
            partner = next((j for j in range(i - 1, max(-1, i - 40), -1) if sides[j] == side and j != target), None)
            if partner is not None and rng.random() < 0.03:
                item = f"{{to: c{target}, id: r{i}, with: [c{partner}]}}"
            answers["supports" if sides[target] == side else "rebuts"].append(item)
            relations.append((i, target))
            second = rng.randrange(i)
            if rng.random() < 0.05 and second != target and sides[second] == side:
                answers["supports"].append(f"c{second}")
                relations.append((i, second))
            src, dst = relations[rng.randrange(len(relations))]
            if rng.random() < 0.02 and sides[src] != side:
                answers["undercuts"].append(f'"c{src} -> c{dst}"')
            for name, items in answers.items():
                if items:
                    entry.append(f"    {name}: [{', '.join(items)}]")
        if rng.random() < 0.3:
            entry.append(f"    tags: [{rng.choice(_TAGS)}]")
        lines.extend(entry)
    return "\n".join(lines) + "\n", {path: "\n\n".join(parts) + "\n" for path, parts in texts.items()}


def write_synthetic(path: Path, n: int, seed: int = 0) -> None:
    """Write a synthetic map of ``n`` claims to ``path`` and its source texts beside it."""
    text, sources = synthetic_map(n, seed, Path(path).stem)
    for relative, content in sources.items():
        atomic_write_text(Path(path).parent / relative, content)
    atomic_write_text(Path(path), text)
