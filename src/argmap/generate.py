"""Synthetic maps of N claims, shaped like real debates, for tests and benchmarks.

Two sides, three speakers each, speeches (sources) alternating between the sides, each
with a source text that holds the quotes. Every claim answers an earlier one: a claim
of the same side supports it, of the other side rebuts it, so theses gather reasons,
objections and rebuttals several levels deep. A few claims cross-link (support a second
claim), give linked premises, or undercut an inference of the other side. The same
seed gives the same map, byte for byte.

:func:`write_web` makes maps of another shape, so that no benchmark figure rests on one
generator's habits: a folder of several maps that refer to each other's claims, long
quotes in block scalars, rebuttal chains hundreds of claims deep, and a few hub claims
that hundreds of others answer.
"""

from __future__ import annotations

import random
from pathlib import Path

from argmap.fileio import atomic_write_text

__all__ = ["CLAIMS_PER_SPEECH", "synthetic_map", "web_maps", "write_synthetic", "write_web"]

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


WEB_CLAIMS_PER_MAP = 1_000
_WEB_SPEAKERS = (("ann", "pro"), ("ben", "con"), ("cat", "pro"), ("dan", "con"))


def _folded(rng: random.Random, low: int, high: int, indent: str) -> tuple[str, list[str]]:
    """A sentence, and the lines of a folded block scalar (``>-``) holding it."""
    words = " ".join(rng.choices(_WORDS, k=rng.randint(low, high))).capitalize() + "."
    lines, line = [], ""
    for word in words.split():
        if line and len(line) + len(word) > 72:
            lines.append(indent + line)
            line = ""
        line = f"{line} {word}" if line else word
    return words, [*lines, indent + line]


def web_maps(n: int, seed: int = 0, maps: int | None = None) -> dict[str, str]:
    """A workspace of ``n`` claims spread over ``maps`` maps, as text by relative path.

    Claim ``c{i}`` lives in map ``i % maps``, so nearly every relation crosses files. Claims
    come in runs of 50 to 400 that each answer the one before (the side alternates, so the
    run is a rebuttal chain); a third of them also answer one of the hub theses, and every
    run starts at one. Half carry a quote of 40 to 120 words, every claim a text of 15 to
    40, both folded over several lines.
    """
    rng = random.Random(seed)
    maps = max(1, min(n, maps or max(2, min(20, -(-n // WEB_CLAIMS_PER_MAP)))))  # no map without claims
    stems = [f"web-{m:02d}" for m in range(maps)]
    hubs = max(2, n // 1_000)
    texts: dict[str, list[str]] = {stem: [] for stem in stems}
    heads = {
        stem: [
            "# yaml-language-server: $schema=https://argmap.invalid/schema/argmap-1.json",
            f"# Generated web of {n} claims in {maps} maps, map {m + 1} (argmap.generate.write_web, seed {seed}).",
            "argmap: 1",
            f'title: "Web {seed}, part {m + 1} of {maps}"',
            "sides:",
            "  pro:",
            "    label: Proposition",
            "  con:",
            "    label: Opposition",
            "speakers:",
            *(line for sid, side in _WEB_SPEAKERS for line in (f"  {sid}:", f"    name: Speaker {sid.title()}", f"    side: {side}")),
            "sources:",
            "  s0:",
            f"    title: Collected statements, part {m + 1}",
            f"    text: sources/{stem}.txt",
            "claims:",
        ]
        for m, stem in enumerate(stems)
    }
    sides: list[str] = []
    relations: list[tuple[int, int]] = []
    run_left = 0
    for i in range(n):
        stem = stems[i % maps]
        lines = heads[stem]

        def ref(target: int, home: int = i % maps) -> str:
            return f"c{target}" if target % maps == home else f"{stems[target % maps]}:c{target}"

        opens_run = False
        if i < hubs:
            side = _WEB_SPEAKERS[i % 2][1]
        elif run_left == 0:  # a new run opens on a hub, from either side
            run_left, side, opens_run = rng.randint(50, 400), rng.choice(("pro", "con")), True
        else:
            side = "con" if sides[i - 1] == "pro" else "pro"
        run_left = max(0, run_left - 1)
        sides.append(side)
        sid = rng.choice([s for s, speaker_side in _WEB_SPEAKERS if speaker_side == side])
        _, text_lines = _folded(rng, 15, 40, "      ")
        lines += [f"  c{i}:", "    text: >-", *text_lines, f"    by: {sid}"]
        if i < hubs:
            lines.append("    kind: thesis")
        if rng.random() < 0.5:
            quote, quote_lines = _folded(rng, 40, 120, "        ")
            texts[stem].append(_sentence(rng, 5, 15) + " " + quote)
            lines += ["    quote:", "      source: s0", "      text: >-", *quote_lines]
        if i >= hubs:
            answers: dict[str, list[str]] = {"supports": [], "rebuts": [], "undercuts": []}
            targets = [rng.randrange(hubs)] if opens_run else [i - 1]
            if not opens_run and rng.random() < 0.33:
                targets.append(rng.randrange(hubs))
            for target in targets:
                kind = "supports" if sides[target] == side else "rebuts"
                if rng.random() < 0.1:
                    answers[kind] += [f"- to: {ref(target)}", "  note: Generated long-form relation."]
                    if rng.random() < 0.1:
                        answers[kind].append("  tags: [analyst-link]")
                else:
                    answers[kind].append(f"- {ref(target)}")
                relations.append((i, target))
            src, dst = relations[rng.randrange(len(relations))]
            if rng.random() < 0.02 and sides[src] != side and src != i:
                answers["undercuts"].append(f'- "{ref(src)} -> {ref(dst)}"')
            for name, items in answers.items():
                if items:
                    lines += [f"    {name}:", *(f"      {item}" for item in items)]
        if rng.random() < 0.2:
            lines += ["    tags:", f"      - {rng.choice(_TAGS)}"]
    files = {f"{stem}.yaml": "\n".join(lines) + "\n" for stem, lines in heads.items()}
    files.update({f"sources/{stem}.txt": "\n\n".join(parts) + "\n" for stem, parts in texts.items()})
    return files


def write_web(folder: Path, n: int, seed: int = 0, maps: int | None = None) -> list[Path]:
    """Write :func:`web_maps` into ``folder``; return the map files written."""
    written = []
    for relative, content in web_maps(n, seed, maps).items():
        atomic_write_text(Path(folder) / relative, content)
        if relative.endswith(".yaml"):
            written.append(Path(folder) / relative)
    return written
