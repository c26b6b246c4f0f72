"""The grounded labelling by a queue over plain lists: linear time, and no numpy.

Every map analysis asks for the grounded labelling first (a claim's status). Below
:data:`ARRAYS_FROM` arguments it is computed here: labelling a 1,000-claim map this way takes
about a millisecond, while importing numpy takes 70-120 ms of a command's start (the
whole-map ``render`` of such a map spent a quarter of its own time on that import).
:mod:`argmap.analysis.dung` labels larger frameworks in rounds over arrays, and finishes
with :func:`finish` once too few arguments turn IN in a round to pay for one.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.analysis.label import Label

__all__ = ["ARRAYS_FROM", "IN", "OUT", "UNDEC", "finish", "grounded_labels", "out_lists"]

# Label codes are bits, so that a set of labels still possible is a small int (dung's search).
IN, OUT, UNDEC = 1, 2, 4

ARRAYS_FROM = 50_000
"""Arguments from which dung's array rounds are used instead of the queue alone. Measured on
generated maps: at 10k claims (20k arguments) the queue takes 9 ms, the rounds 17 ms; at 100k
claims (200k arguments) 108 ms and 59 ms, the rounds' figure not counting numpy's import."""

_LABELS = {IN: Label.IN, OUT: Label.OUT, UNDEC: Label.UNDEC}


def out_lists(n: int, attackers: Sequence[int], targets: Sequence[int]) -> tuple[list[int], list[int]]:
    """What each argument attacks, CSR-style: argument ``a`` attacks
    ``attacked[start[a]:start[a + 1]]`` (attacks in the order given, repeats kept)."""
    start = [0] * (n + 1)
    for a in attackers:
        start[a + 1] += 1
    for i in range(n):
        start[i + 1] += start[i]
    attacked = [0] * len(targets)
    slot = start[:-1]
    for a, b in zip(attackers, targets):
        attacked[slot[a]] = b
        slot[a] += 1
    return start, attacked


def finish(start: list[int], attacked: list[int], labels: list[int], alive: list[int], queue: list[int]) -> list[int]:
    """Finish a grounded labelling from ``queue``, arguments just labelled IN.

    ``labels`` holds the codes so far, ``alive`` each argument's attackers not yet OUT.
    Whatever an IN argument attacks is OUT; an argument whose attackers are all OUT is IN,
    and joins the queue. Returns ``labels``, completed in place.
    """
    for a in queue:  # grows while it is walked
        for b in attacked[start[a] : start[a + 1]]:
            if labels[b] == UNDEC:
                labels[b] = OUT
                for c in attacked[start[b] : start[b + 1]]:
                    alive[c] -= 1
                    if alive[c] == 0 and labels[c] == UNDEC:
                        labels[c] = IN
                        queue.append(c)
    return labels


def grounded_labels(n: int, attackers: Sequence[int], targets: Sequence[int]) -> list[Label]:
    """The grounded labelling of arguments ``0..n-1`` under the attacks ``attackers[i]`` →
    ``targets[i]``: the label of each argument, in index order."""
    alive = [0] * n
    for b in targets:
        alive[b] += 1
    labels = [IN if count == 0 else UNDEC for count in alive]
    queue = [a for a, count in enumerate(alive) if count == 0]
    codes = finish(*out_lists(n, attackers, targets), labels, alive, queue)
    return list(map(_LABELS.__getitem__, codes))
