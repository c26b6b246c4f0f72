"""Gradual strengths computed over numpy arrays, for frameworks too large for plain lists.

:func:`argmap.analysis.gradual.strengths` decides which is used and validates the input; the
method (components, generations, iteration then Runge-Kutta) is described there.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from argmap.analysis.gradual import STEP, GradualResult

__all__ = ["array_strengths"]


def array_strengths(
    names: list[str],
    weights: Sequence[float],
    attacks: Sequence[tuple[int, int]],
    supports: Sequence[tuple[int, int]],
    semantics: str,
    tolerance: float,
    max_iterations: int,
    max_steps: int,
) -> GradualResult:
    """The strength of every argument (``names``, with base scores ``weights`` and edges as
    (source, target) index pairs), vectorised over the attack and support arrays."""
    w = np.array(weights, dtype=np.float64)
    att = _edges(attacks)
    sup = _edges(supports)
    n = len(names)

    # Components, then their generations: a component's inputs all come from earlier ones.
    src = np.concatenate([att[0], sup[0]])
    dst = np.concatenate([att[1], sup[1]])
    generation = _generations(src, dst, n)
    if generation is not None:  # no cycle: every argument is a component of its own
        level = generation
    else:
        component = _strong_components(src, dst, n)
        generation = _generations(component[src], component[dst], component.max(initial=-1) + 1)
        assert generation is not None  # the components form an acyclic graph
        level = generation[component]

    # Nodes and edges sorted by generation (of the edge's target), so that each generation
    # is a slice: the cost stays linear however deep the graph is.
    by_level = np.argsort(level, kind="stable")
    n_levels = int(generation.max(initial=-1)) + 1
    node_bounds = np.searchsorted(level[by_level], np.arange(n_levels + 1))
    position = np.empty(n, dtype=np.int64)  # index of each node within its generation
    position[by_level] = np.arange(n) - node_bounds[level[by_level]]
    edges = []
    for src, dst in (att, sup):
        order = np.argsort(level[dst], kind="stable")
        src, dst = src[order], dst[order]
        bounds = np.searchsorted(level[dst], np.arange(n_levels + 1)).tolist()
        edges.append((src, dst, bounds))
    sigma = w.copy()
    converged, cyclic, continuous, spent = True, False, False, 0
    n_att = np.bincount(att[1], minlength=n)
    n_sup = np.bincount(sup[1], minlength=n)
    for g in range(n_levels):
        nodes = by_level[node_bounds[g] : node_bounds[g + 1]]
        slices = [(src[b[g] : b[g + 1]], dst[b[g] : b[g + 1]]) for src, dst, b in edges]
        inputs = (w[nodes], n_att[nodes], n_sup[nodes])
        group = _Group(semantics, inputs, sigma, slices, position, level, g)
        if not group.internal:
            sigma[nodes] = group.apply(sigma[nodes])
            continue
        cyclic = True
        values, ok, used, by_rk4 = group.settle(tolerance, max_iterations, max_steps)
        sigma[nodes] = values
        converged &= ok
        continuous |= by_rk4
        spent += used
    method = "continuous-rk4" if continuous else "discrete" if cyclic else "acyclic-forward-pass"
    return GradualResult(dict(zip(names, sigma.tolist())), converged, method, spent)


def _edges(pairs: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Edges as (source, target) index arrays."""
    array = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return array[:, 0], array[:, 1]


def _strong_components(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    """The strongly connected component of each node of the graph ``src → dst``."""
    # imported here: scipy.sparse.csgraph alone takes a quarter second to import, and
    # most maps have no cycle of supports and attacks, so never need it
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(src.size), (src, dst)), shape=(n, n))
    component: np.ndarray = connected_components(graph, directed=True, connection="strong")[1]
    return component


def _generations(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray | None:
    """Generation of each node of the graph ``src → dst`` (self-loops ignored), or None
    when the graph has a cycle.

    Generation 0 has no predecessor; every other node comes one after its latest one.
    """
    keep = src != dst
    src, dst = src[keep], dst[keep]
    start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=start[1:])
    successors = dst[np.argsort(src, kind="stable")].tolist()
    bounds = start.tolist()
    waiting = np.bincount(dst, minlength=n).tolist()
    generation = [0] * n
    queue = [c for c in range(n) if waiting[c] == 0]
    for c in queue:  # grows while it is walked: Kahn's algorithm
        for d in successors[bounds[c] : bounds[c + 1]]:
            generation[d] = max(generation[d], generation[c] + 1)
            waiting[d] -= 1
            if waiting[d] == 0:
                queue.append(d)
    if len(queue) < n:  # the nodes of a cycle never run out of predecessors
        return None
    return np.array(generation, dtype=np.int64)


class _Group:
    """The arguments of one generation, with their inputs from earlier ones already final.

    Built from the group's (base scores, attack counts, support counts), the strengths so
    far, the (source, target) attack and support edges into it, each node's position in its
    generation and each node's generation. Sums and log-products over the edges from earlier
    generations are computed once; only the edges inside the group (those of its cycles) are
    aggregated again at each evaluation.
    """

    def __init__(
        self,
        semantics: str,
        inputs: tuple[np.ndarray, np.ndarray, np.ndarray],
        sigma: np.ndarray,
        slices: list[tuple[np.ndarray, np.ndarray]],
        position: np.ndarray,
        level: np.ndarray,
        g: int,
    ) -> None:
        self.semantics = semantics
        self.w, self.n_att, self.n_sup = inputs
        m = self.w.size
        self.internal = False
        parts = []
        for src, dst in slices:
            inside = level[src] == g
            external = _aggregate(sigma[src[~inside]], position[dst[~inside]], m)
            parts.append((external, position[src[inside]], position[dst[inside]]))
            self.internal |= bool(inside.any())
        self.att, self.sup = parts

    def apply(self, x: np.ndarray) -> np.ndarray:
        """f(σ) for the group, given its own current strengths ``x``."""
        (att_ext, att_src, att_dst), (sup_ext, sup_src, sup_dst) = self.att, self.sup
        m = x.size
        att_sum, att_log = att_ext + _aggregate(x[att_src], att_dst, m)
        sup_sum, sup_log = sup_ext + _aggregate(x[sup_src], sup_dst, m)
        return _combine(self.semantics, self.w, att_sum, att_log, sup_sum, sup_log, self.n_att, self.n_sup)

    def settle(self, tolerance: float, max_iterations: int, max_steps: int) -> tuple[np.ndarray, bool, int, bool]:
        """Strengths of a cyclic group: (values, converged, iterations + steps, by RK4)."""
        x = self.w.copy()
        for iteration in range(1, max_iterations + 1):
            new = self.apply(x)
            change = np.abs(new - x).max()
            x = new
            if change < tolerance:
                return x, True, iteration, False
        x = self.w.copy()
        h = STEP
        for step in range(1, max_steps + 1):
            k1 = self.apply(x) - x
            if np.abs(k1).max() < tolerance:
                return x, True, max_iterations + step - 1, True
            k2 = self.apply(x + h / 2 * k1) - (x + h / 2 * k1)
            k3 = self.apply(x + h / 2 * k2) - (x + h / 2 * k2)
            k4 = self.apply(x + h * k3) - (x + h * k3)
            x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        return x, False, max_iterations + max_steps, True


def _aggregate(values: np.ndarray, targets: np.ndarray, m: int) -> np.ndarray:
    """Per target: the sum of ``values`` and the sum of log(1 − value) (a log-product)."""
    with np.errstate(divide="ignore"):  # log(0) = -inf: a strength of 1 zeroes the product
        logs = np.log1p(-np.minimum(values, 1.0))
    return np.stack(
        [np.bincount(targets, weights=values, minlength=m), np.bincount(targets, weights=logs, minlength=m)]
    )


def _combine(
    semantics: str,
    w: np.ndarray,
    att_sum: np.ndarray,
    att_log: np.ndarray,
    sup_sum: np.ndarray,
    sup_log: np.ndarray,
    n_att: np.ndarray,
    n_sup: np.ndarray,
) -> np.ndarray:
    """The strength function of each semantics, from aggregates over attackers and supporters.

    ``*_sum`` is Σ strengths, ``*_log`` is Σ log(1 − strength) and ``n_*`` counts the edges.
    """
    strength: np.ndarray
    energy = sup_sum - att_sum
    if semantics == "dfquad":
        # F(v1..vn) = 1 − ∏(1 − vi); the base score moves toward 0 or 1 by the difference
        va, vs = 1.0 - np.exp(att_log), 1.0 - np.exp(sup_log)
        strength = np.where(va >= vs, w - w * (va - vs), w + (1.0 - w) * (vs - va))
    elif semantics == "quad":
        # attack: w·∏(1 − vi); support: 1 − (1 − w)·∏(1 − vi); both present: their mean
        va, vs = w * np.exp(att_log), 1.0 - (1.0 - w) * np.exp(sup_log)
        both = (va + vs) / 2
        strength = np.where(n_att > 0, np.where(n_sup > 0, both, va), np.where(n_sup > 0, vs, w))
    elif semantics == "quadratic_energy":
        gain, loss = (np.maximum(x, 0.0) ** 2 for x in (energy, -energy))
        strength = w - w * loss / (1.0 + loss) + (1.0 - w) * gain / (1.0 + gain)
    elif semantics == "euler":
        with np.errstate(over="ignore"):  # e^E = inf gives strength 1, as it should
            strength = 1.0 - (1.0 - w * w) / (1.0 + w * np.exp(energy))
    else:  # h_categorizer
        strength = w / (1.0 + att_sum)
    return strength
