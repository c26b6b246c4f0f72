"""Gradual semantics: the strength of each argument of a weighted bipolar framework.

Each argument has a base score in [0, 1] and direct attackers and supporters; its strength is
``f(base score, strengths of attackers, strengths of supporters)`` with ``f`` one of:

* ``dfquad``: DF-QuAD (Rago, Toni, Aurisicchio & Baroni, KR 2016);
* ``quad``: QuAD (Baroni, Romano, Toni, Aurisicchio & Bertanza, Argument & Computation 2015);
* ``quadratic_energy``: quadratic energy (Potyka, KR 2018);
* ``euler``: Euler-based (Amgoud & Ben-Naim, ECSQARU 2017);
* ``h_categorizer``: weighted h-categorizer (Besnard & Hunter 2001; Amgoud et al., IJCAI 2017),
  which ignores supports.

Strengths are computed component by component (strongly connected components, in topological
order), a generation of components at a time. An acyclic generation is one evaluation.
A cyclic one is iterated from its base scores (σ ← f(σ)) until no strength moves by more than
``tolerance``; if that does not happen within ``max_iterations`` it is integrated instead in
the continuous form dσ/dt = f(σ) − σ (Potyka, KR 2018) by classical Runge-Kutta steps of
``STEP`` until |f(σ) − σ| < ``tolerance``, within ``max_steps`` steps. The result says which
method decided and whether it converged, so non-convergence is never silent. On a two-cycle
of base score 1, discrete DF-QuAD oscillates 1, 0, 1, … for ever; the continuous form settles
at 0.5, and that is what is reported, with ``method="continuous-rk4"``.

Below :data:`ARRAYS_FROM` arguments and edges this is done over plain lists, here; larger
frameworks, and those whose cycles hold more than :data:`CYCLIC_ARRAYS_FROM` arguments, go to
:mod:`argmap.analysis.gradual_arrays`, which does the same in the same order over numpy
arrays. Every map analysis asks for the strengths (the explorer's first screen shows them):
at 1k claims the lists take a few milliseconds, and importing numpy took 0.1-0.2 s.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["ARRAYS_FROM", "CYCLIC_ARRAYS_FROM", "SEMANTICS", "STEP", "GradualResult", "strengths"]

SEMANTICS = ("dfquad", "quad", "quadratic_energy", "euler", "h_categorizer")
"""The gradual semantics :func:`strengths` accepts."""

STEP = 0.1
"""Time step of the Runge-Kutta integration of the continuous form."""

ARRAYS_FROM = 50_000
"""Arguments plus edges from which numpy's arrays are used instead of lists. Measured on
generated maps (DF-QuAD, numpy imported already): 1k claims 4 ms on lists, 10 ms on arrays;
10k claims 49 and 32 ms; 30k claims 247 and 178 ms. Importing numpy takes 0.1-0.2 s, and from
about 25k claims (50k arguments) the grounded labelling imports it anyway."""

CYCLIC_ARRAYS_FROM = 2_000
"""Arguments in generations with cycles from which numpy's arrays are used: a cycle may take
up to ``max_iterations`` evaluations plus four per Runge-Kutta step, each over its generation."""


@dataclass(frozen=True, slots=True)
class GradualResult:
    """Strengths and how they were obtained.

    Attributes:
        strength: Each argument's strength, in the order of the base scores given.
        converged: False when some cycle settled neither by iteration nor by integration
            within its budget; the strengths are then the last ones computed.
        method: ``acyclic-forward-pass`` (no cycle), ``discrete`` (every cycle settled by
            iteration) or ``continuous-rk4`` (some cycle needed the continuous form).
        iterations: Iterations plus Runge-Kutta steps spent on cycles (0 without cycles).
    """

    strength: dict[str, float]
    converged: bool
    method: str
    iterations: int


def strengths(
    weights: Mapping[str, float],
    attacks: Iterable[tuple[str, str]] = (),
    supports: Iterable[tuple[str, str]] = (),
    semantics: str = "dfquad",
    *,
    tolerance: float = 1e-9,
    max_iterations: int = 1000,
    max_steps: int = 10_000,
    arrays: bool | None = None,
) -> GradualResult:
    """The strength of every argument under a gradual semantics.

    Args:
        weights: Base score of each argument, in [0, 1].
        attacks: (attacker, attacked) pairs of argument names.
        supports: (supporter, supported) pairs of argument names.
        semantics: One of :data:`SEMANTICS`.
        tolerance: Largest change (or |f(σ) − σ|) accepted as settled.
        max_iterations: Budget of discrete iterations per group of cycles.
        max_steps: Budget of Runge-Kutta steps per group of cycles.
        arrays: Compute over numpy's arrays (True) or plain lists (False); by default by
            the framework's size (see the module).

    Raises:
        ValueError: Unknown semantics, a base score outside [0, 1] or an edge naming an
            argument without one.
    """
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; expected one of {', '.join(SEMANTICS)}")
    names = list(weights)
    w = [float(weights[name]) for name in names]
    if not all(0.0 <= x <= 1.0 for x in w):
        raise ValueError("base scores must lie in [0, 1]")
    index = {name: i for i, name in enumerate(names)}
    att, sup = _edges(attacks, index), _edges(supports, index)
    budget = (tolerance, max_iterations, max_steps)
    if arrays is False or (arrays is None and len(names) + len(att) + len(sup) < ARRAYS_FROM):
        cyclic_up_to = None if arrays is False else CYCLIC_ARRAYS_FROM
        result = _list_strengths(names, w, att, sup, semantics, budget, cyclic_up_to)
        if result is not None:
            return result
    from argmap.analysis.gradual_arrays import array_strengths

    return array_strengths(names, w, att, sup, semantics, *budget)


def _edges(pairs: Iterable[tuple[str, str]], index: dict[str, int]) -> list[tuple[int, int]]:
    """Edges as (source, target) index pairs."""
    try:
        return [(index[a], index[b]) for a, b in pairs]
    except KeyError as err:
        raise ValueError(f"edge names argument {err.args[0]!r}, which has no base score") from None


def _list_strengths(
    names: list[str],
    w: list[float],
    att: list[tuple[int, int]],
    sup: list[tuple[int, int]],
    semantics: str,
    budget: tuple[float, int, int],
    cyclic_up_to: int | None,
) -> GradualResult | None:
    """The strengths over plain lists, or None when the generations with cycles hold
    ``cyclic_up_to`` arguments or more (numpy's arrays iterate them faster)."""
    n = len(names)
    edges = att + sup
    generation = _generations(edges, n)
    if generation is not None:  # no cycle: every argument is a component of its own
        level = generation
    else:
        component, count = _strong_components(edges, n)
        generation = _generations([(component[a], component[b]) for a, b in edges], count)
        assert generation is not None  # the components form an acyclic graph
        level = [generation[c] for c in component]
    n_levels = max(generation, default=-1) + 1
    members: list[list[int]] = [[] for _ in range(n_levels)]
    position = [0] * n  # index of each node within its generation
    for node, g in enumerate(level):
        position[node] = len(members[g])
        members[g].append(node)
    into: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]] = [([], []) for _ in range(n_levels)]
    for kind, pairs in enumerate((att, sup)):
        for a, b in pairs:  # in the order given, as the arrays' stable sort keeps them
            into[level[b]][kind].append((a, b))
    cyclic = [g for g in range(n_levels) if any(level[a] == g for pairs in into[g] for a, _ in pairs)]
    if cyclic_up_to is not None and sum(len(members[g]) for g in cyclic) >= cyclic_up_to:
        return None
    n_att, n_sup = [0] * n, [0] * n
    for counts, pairs in ((n_att, att), (n_sup, sup)):
        for _, b in pairs:
            counts[b] += 1
    sigma = list(w)
    converged, continuous, spent = True, False, 0
    for g, nodes in enumerate(members):
        inputs = ([w[i] for i in nodes], [n_att[i] for i in nodes], [n_sup[i] for i in nodes])
        group = _Group(semantics, inputs, sigma, into[g], position, level, g)
        if group.internal:
            values, ok, used, by_rk4 = group.settle(*budget)
            converged &= ok
            continuous |= by_rk4
            spent += used
        else:
            values = group.apply([sigma[i] for i in nodes])
        for node, value in zip(nodes, values):
            sigma[node] = value
    method = "continuous-rk4" if continuous else "discrete" if cyclic else "acyclic-forward-pass"
    return GradualResult(dict(zip(names, sigma)), converged, method, spent)


def _generations(edges: Sequence[tuple[int, int]], n: int) -> list[int] | None:
    """Generation of each node of the graph of ``edges`` (self-loops ignored), or None
    when the graph has a cycle.

    Generation 0 has no predecessor; every other node comes one after its latest one.
    """
    successors: list[list[int]] = [[] for _ in range(n)]
    waiting = [0] * n
    for a, b in edges:
        if a != b:
            successors[a].append(b)
            waiting[b] += 1
    generation = [0] * n
    queue = [c for c in range(n) if waiting[c] == 0]
    for c in queue:  # grows while it is walked: Kahn's algorithm
        for d in successors[c]:
            generation[d] = max(generation[d], generation[c] + 1)
            waiting[d] -= 1
            if waiting[d] == 0:
                queue.append(d)
    return None if len(queue) < n else generation


def _strong_components(edges: Sequence[tuple[int, int]], n: int) -> tuple[list[int], int]:
    """The strongly connected component of each node of the graph of ``edges``, and how
    many there are (Tarjan's algorithm, with a stack of its own instead of recursion)."""
    successors: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        successors[a].append(b)
    order, low, component = [-1] * n, [0] * n, [-1] * n
    on_stack = [False] * n
    stack: list[int] = []
    count = seen = 0
    for root in range(n):
        if order[root] != -1:
            continue
        order[root] = low[root] = seen
        seen += 1
        stack.append(root)
        on_stack[root] = True
        walk = [(root, 0)]
        while walk:
            v, i = walk[-1]
            if i < len(successors[v]):
                walk[-1] = (v, i + 1)
                u = successors[v][i]
                if order[u] == -1:
                    order[u] = low[u] = seen
                    seen += 1
                    stack.append(u)
                    on_stack[u] = True
                    walk.append((u, 0))
                elif on_stack[u]:
                    low[v] = min(low[v], order[u])
                continue
            walk.pop()
            if walk:
                parent = walk[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == order[v]:  # v roots a component: it is what the stack holds above v
                while True:
                    u = stack.pop()
                    on_stack[u] = False
                    component[u] = count
                    if u == v:
                        break
                count += 1
    return component, count


def _log_complement(value: float) -> float:
    """log(1 − value); -inf for a strength of 1 (it zeroes a product of complements)."""
    return math.log1p(-value) if value < 1.0 else -math.inf


class _Group:
    """One generation's arguments, their inputs from earlier generations final: the arrays'
    group of :mod:`argmap.analysis.gradual_arrays` over lists, summing in the same order.
    Only the edges inside the group (its cycles) are summed again at each evaluation."""

    def __init__(
        self,
        semantics: str,
        inputs: tuple[list[float], list[int], list[int]],
        sigma: list[float],
        into: tuple[list[tuple[int, int]], list[tuple[int, int]]],
        position: list[int],
        level: list[int],
        g: int,
    ) -> None:
        self.semantics = semantics
        self.w, self.n_att, self.n_sup = inputs
        m = len(self.w)
        self.internal = False
        parts = []
        for pairs in into:
            sums, logs = [0.0] * m, [0.0] * m
            inside = []
            for a, b in pairs:
                if level[a] == g:
                    inside.append((position[a], position[b]))
                else:
                    sums[position[b]] += sigma[a]
                    logs[position[b]] += _log_complement(sigma[a])
            parts.append((sums, logs, inside))
            self.internal |= bool(inside)
        self.att, self.sup = parts

    def apply(self, x: list[float]) -> list[float]:
        """f(σ) for the group, given its own current strengths ``x``."""
        aggregates = []
        for sums, logs, inside in (self.att, self.sup):
            if inside:
                m = len(x)
                more_sums, more_logs = [0.0] * m, [0.0] * m
                for a, b in inside:
                    more_sums[b] += x[a]
                    more_logs[b] += _log_complement(x[a])
                sums = [s + t for s, t in zip(sums, more_sums)]
                logs = [s + t for s, t in zip(logs, more_logs)]
            aggregates.append((sums, logs))
        (att_sum, att_log), (sup_sum, sup_log) = aggregates
        combine = _COMBINE[self.semantics]
        return [combine(*args) for args in zip(self.w, att_sum, att_log, sup_sum, sup_log, self.n_att, self.n_sup)]

    def settle(self, tolerance: float, max_iterations: int, max_steps: int) -> tuple[list[float], bool, int, bool]:
        """Strengths of a cyclic group: (values, converged, iterations + steps, by RK4)."""
        x = list(self.w)
        for iteration in range(1, max_iterations + 1):
            new = self.apply(x)
            change = max(abs(a - b) for a, b in zip(new, x))
            x = new
            if change < tolerance:
                return x, True, iteration, False
        x = list(self.w)
        h = STEP

        def slope(y: list[float]) -> list[float]:
            return [f - v for f, v in zip(self.apply(y), y)]

        for step in range(1, max_steps + 1):
            k1 = slope(x)
            if max(abs(k) for k in k1) < tolerance:
                return x, True, max_iterations + step - 1, True
            k2 = slope([v + h / 2 * k for v, k in zip(x, k1)])
            k3 = slope([v + h / 2 * k for v, k in zip(x, k2)])
            k4 = slope([v + h * k for v, k in zip(x, k3)])
            x = [v + h / 6 * (a + 2 * b + 2 * c + d) for v, a, b, c, d in zip(x, k1, k2, k3, k4)]
        return x, False, max_iterations + max_steps, True


def _exp(x: float) -> float:
    """e^x, inf where it overflows (as numpy has it)."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


# The strength function of each semantics, from (base score, Σ attackers' strengths,
# Σ log(1 − attacker's strength), the same two over supporters, attack count, support count).


def _dfquad(w: float, att_sum: float, att_log: float, sup_sum: float, sup_log: float, n_att: int, n_sup: int) -> float:
    # F(v1..vn) = 1 − ∏(1 − vi); the base score moves toward 0 or 1 by the difference
    va, vs = 1.0 - math.exp(att_log), 1.0 - math.exp(sup_log)
    return w - w * (va - vs) if va >= vs else w + (1.0 - w) * (vs - va)


def _quad(w: float, att_sum: float, att_log: float, sup_sum: float, sup_log: float, n_att: int, n_sup: int) -> float:
    # attack: w·∏(1 − vi); support: 1 − (1 − w)·∏(1 − vi); both present: their mean
    va, vs = w * math.exp(att_log), 1.0 - (1.0 - w) * math.exp(sup_log)
    if n_att > 0:
        return (va + vs) / 2 if n_sup > 0 else va
    return vs if n_sup > 0 else w


def _quadratic_energy(w: float, att_sum: float, att_log: float, sup_sum: float, sup_log: float, n_att: int, n_sup: int) -> float:
    energy = sup_sum - att_sum
    gain, loss = (max(x, 0.0) ** 2 for x in (energy, -energy))
    return w - w * loss / (1.0 + loss) + (1.0 - w) * gain / (1.0 + gain)


def _euler(w: float, att_sum: float, att_log: float, sup_sum: float, sup_log: float, n_att: int, n_sup: int) -> float:
    return 1.0 - (1.0 - w * w) / (1.0 + w * _exp(sup_sum - att_sum))  # e^E = inf gives 1, as it should


def _h_categorizer(w: float, att_sum: float, att_log: float, sup_sum: float, sup_log: float, n_att: int, n_sup: int) -> float:
    return w / (1.0 + att_sum)


_COMBINE = {"dfquad": _dfquad, "quad": _quad, "quadratic_energy": _quadratic_energy, "euler": _euler, "h_categorizer": _h_categorizer}
