"""Dung abstract argumentation: frameworks, the grounded labelling and extension enumeration.

An argumentation framework is a set of arguments and an attack relation (Dung, "On the
acceptability of arguments", AIJ 77, 1995). The semantics are computed on labellings, each
argument IN, OUT or UNDEC (Caminada & Gabbay, "A logical account of formal argumentation",
Studia Logica 93, 2009): a labelling is *complete* when an argument is IN iff all its attackers
are OUT and OUT iff some attacker is IN; *grounded* is the complete labelling with the fewest
IN, *preferred* those with ⊆-maximal IN, *stable* those with no UNDEC.

The grounded labelling is the least fixpoint of "unattacked → IN, attacked by IN → OUT",
linear in the framework's size (the queue algorithm of Modgil & Caminada, "Proof theories and
algorithms for abstract argumentation frameworks", 2009). The framework keeps arguments as
integers with its attacks in arrays, so the fixpoint is taken in rounds over whole arrays with
numpy (every argument that became IN in one round settles its targets in the next) — about
half a second for a million arguments, where a Python loop over arguments takes two — and
finishes argument by argument once the rounds get small (a long chain of attacks would
otherwise take one numpy round per argument).
Enumerating the other semantics is intractable in general; it is a backtracking search over
labellings of the arguments that the grounded labelling leaves UNDEC, with propagation of the
complete-labelling rules, and it raises :class:`~argmap.errors.LimitError` when it needs more
than ``max_steps`` label assignments (:data:`MAX_SEARCH_STEPS` by default, a few seconds)
rather than run for hours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from itertools import chain

import numpy as np
import numpy.typing as npt

from argmap.analysis.grounded import IN as _IN
from argmap.analysis.grounded import OUT as _OUT
from argmap.analysis.grounded import UNDEC as _UNDEC
from argmap.analysis.grounded import finish
from argmap.analysis.label import Label
from argmap.errors import LimitError

__all__ = [
    "MAX_SEARCH_STEPS",
    "SEMANTICS",
    "Framework",
    "Label",
    "complete_extensions",
    "extensions",
    "find_extension",
    "grounded_extension",
    "grounded_labelling",
    "labelling_by_name",
    "preferred_extensions",
    "stable_extensions",
]

SEMANTICS = ("grounded", "complete", "preferred", "stable")
"""The semantics :func:`extensions` accepts."""

MAX_SEARCH_STEPS = 1_000_000
"""Default budget of label assignments for enumerating complete, preferred or stable extensions."""



class Framework:
    """An immutable argumentation framework: named arguments and attacks between them.

    Arguments are numbered 0..n-1 in the order given; attacks are two integer arrays
    (attacker, target). Duplicate attacks are harmless; self-attacks are allowed.

    Args:
        arguments: Argument names; repeats are ignored.
        attacks: (attacker, target) name pairs, both declared in ``arguments``.

    Raises:
        ValueError: An attack names an undeclared argument.
    """

    __slots__ = ("__dict__", "_attackers", "_names", "_targets")

    def __init__(self, arguments: Iterable[str], attacks: Iterable[tuple[str, str]] = ()) -> None:
        names = tuple(dict.fromkeys(arguments))
        index = {name: i for i, name in enumerate(names)}
        pairs = list(attacks)
        try:
            ends = np.fromiter(map(index.__getitem__, chain.from_iterable(pairs)), np.int64, 2 * len(pairs))
        except KeyError as err:
            raise ValueError(f"attack on undeclared argument {err.args[0]!r}") from None
        self._init(names, ends[0::2].copy(), ends[1::2].copy())
        self.__dict__["index"] = index

    @classmethod
    def from_indices(cls, names: Sequence[str], attackers: npt.ArrayLike, targets: npt.ArrayLike) -> Framework:
        """Build a framework from distinct names and attacks as indices into them (fast path).

        Raises:
            ValueError: Names repeat, the arrays differ in length or hold an index out of range.
        """
        names = tuple(names)
        if len(set(names)) != len(names):
            raise ValueError("argument names must be distinct")
        src = np.asarray(attackers, dtype=np.int64).ravel()
        dst = np.asarray(targets, dtype=np.int64).ravel()
        if src.shape != dst.shape:
            raise ValueError("attackers and targets differ in length")
        if src.size and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= len(names)):
            raise ValueError("attack index out of range")
        fw = cls.__new__(cls)
        fw._init(names, src.copy(), dst.copy())
        return fw

    def _init(self, names: tuple[str, ...], attackers: np.ndarray, targets: np.ndarray) -> None:
        attackers.flags.writeable = False
        targets.flags.writeable = False
        self._names = names
        self._attackers = attackers
        self._targets = targets

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"Framework({len(self._names)} arguments, {len(self._attackers)} attacks)"

    @property
    def arguments(self) -> tuple[str, ...]:
        """Argument names, in index order."""
        return self._names

    @property
    def attackers(self) -> np.ndarray:
        """Index of the attacking argument of each attack (read-only)."""
        return self._attackers

    @property
    def targets(self) -> np.ndarray:
        """Index of the attacked argument of each attack (read-only)."""
        return self._targets

    @property
    def attacks(self) -> list[tuple[str, str]]:
        """Attacks as (attacker, target) name pairs."""
        names = self._names
        return [(names[a], names[b]) for a, b in zip(self._attackers.tolist(), self._targets.tolist())]

    def distinct(self) -> Framework:
        """This framework with each attack once (itself if none repeats).

        The labelling search counts over an argument's attackers: 2,000 copies of one attack
        among three arguments (found by fuzzing) made a preferred enumeration take 19 s.
        """
        n = max(1, len(self._names))
        codes = self._attackers * n + self._targets  # below 2**63 for any framework that fits in memory
        unique = np.unique(codes)
        if len(unique) == len(codes):
            return self
        fw = Framework.__new__(Framework)
        fw._init(self._names, unique // n, unique % n)
        return fw

    @cached_property
    def index(self) -> dict[str, int]:
        """The index of each argument name."""
        return {name: i for i, name in enumerate(self._names)}

    @cached_property
    def _out_arrays(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Targets of each argument, CSR-style: ``targets[start[a]:start[a + 1]]``."""
        return _csr(self._attackers, self._targets, len(self._names))

    @cached_property
    def _out(self) -> tuple[list[int], list[int]]:
        """:attr:`_out_arrays` as Python lists: the loops below are fastest over lists."""
        start, targets = self._out_arrays
        return start.tolist(), targets.tolist()

    @cached_property
    def _in(self) -> tuple[list[int], list[int]]:
        """Attackers of each argument, CSR-style, as Python lists."""
        start, attackers = _csr(self._targets, self._attackers, len(self._names))
        return start.tolist(), attackers.tolist()


def _csr(keys: np.ndarray, values: np.ndarray, n: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Group ``values`` by ``keys``: (start of each key's group, the values in key order)."""
    start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=start[1:])
    return start, values[np.argsort(keys, kind="stable")]


MIN_ROUND = 256
"""Arguments turned IN in one round below which the grounded labelling goes on one by one:
a numpy round costs tens of microseconds whatever its size, the loop about one per argument."""


def _targets_of(start: npt.NDArray[np.int64], targets: npt.NDArray[np.int64], args: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Everything the arguments ``args`` attack (with repeats): their CSR slices, concatenated."""
    first = start[args]
    counts = start[args + 1] - first
    ends = np.cumsum(counts)
    found: npt.NDArray[np.int64] = targets[np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(first - (ends - counts), counts)]
    return found


def _grounded_codes(fw: Framework) -> npt.NDArray[np.int8]:
    """The grounded labelling as internal codes, in time linear in the framework's size.

    Unattacked arguments are IN; whatever an IN argument attacks is OUT; an argument whose
    attackers are all OUT becomes IN, and so on; the rest stay UNDEC. Rounds over arrays
    while many arguments turn IN at once, then the queue loop for the rest.
    """
    start, targets = fw._out_arrays
    alive = np.bincount(fw.targets, minlength=len(fw))  # attackers not yet OUT
    labels = np.full(len(fw), _UNDEC, dtype=np.int8)
    new_in = np.flatnonzero(alive == 0)
    labels[new_in] = _IN
    while len(new_in) >= max(MIN_ROUND, 1):
        hit = _targets_of(start, targets, new_in)
        new_out = np.unique(hit[labels[hit] == _UNDEC])
        labels[new_out] = _OUT
        freed, count = np.unique(_targets_of(start, targets, new_out), return_counts=True)
        alive[freed] -= count
        freed = freed[alive[freed] == 0]
        new_in = freed[labels[freed] == _UNDEC]
        labels[new_in] = _IN
    if len(new_in):
        return np.array(finish(*fw._out, labels.tolist(), alive.tolist(), new_in.tolist()), dtype=np.int8)
    return labels


_LABEL_OF_CODE = np.array([None, Label.IN, Label.OUT, None, Label.UNDEC], dtype=object)


def grounded_labelling(fw: Framework) -> list[Label]:
    """The grounded labelling: the label of each argument, in index order."""
    labels: list[Label] = _LABEL_OF_CODE[_grounded_codes(fw)].tolist()
    return labels


def labelling_by_name(fw: Framework, labels: Sequence[Label]) -> dict[str, Label]:
    """A labelling (in index order, as :func:`grounded_labelling` returns) keyed by name."""
    return dict(zip(fw.arguments, labels, strict=True))


def grounded_extension(fw: Framework) -> frozenset[str]:
    """The grounded extension: the arguments IN in the grounded labelling."""
    names = fw.arguments
    return frozenset(map(names.__getitem__, np.flatnonzero(_grounded_codes(fw) == _IN).tolist()))


class _Search:
    """Depth-first search over complete labellings that extend the grounded one.

    Each argument has a domain: the set of labels (bits) it may still take. A decision fixes
    one argument's label (IN, then OUT, then UNDEC) and propagation removes every label that
    the complete-labelling rule of some argument and its attackers cannot support (generalised
    arc consistency on that rule), so most dead ends show before the next decision. For each
    argument, counts over its attackers' domains are kept up to date, so that a rule is
    revised in constant time unless it may prune an attacker. Domain changes sit on a trail,
    undone on backtracking.
    """

    def __init__(self, fw: Framework, allow_undec: bool, max_steps: int) -> None:
        fw = fw.distinct()  # the counts below are per attack: a repeated one made revising quadratic
        self.fw = fw
        self.max_steps = max_steps
        self.steps = 0
        self.in_start, self.attackers = fw._in
        self.out_start, self.targets = fw._out
        grounded = _grounded_codes(fw).tolist()
        self.grounded_in = [a for a, code in enumerate(grounded) if code == _IN]
        # Decide first the arguments that attack the most: labelling one settles many others.
        start = self.out_start
        self.open = sorted(
            (a for a, code in enumerate(grounded) if code == _UNDEC),
            key=lambda a: start[a] - start[a + 1],
        )
        undecided = _IN | _OUT | (_UNDEC if allow_undec else 0)
        self.domains = [undecided if code == _UNDEC else code for code in grounded]
        self.trail: list[tuple[int, int]] = []  # (argument, its previous domain)
        # Over each argument's attackers: how many may be IN, may be UNDEC, may not be OUT,
        # must be IN. Start as if every domain were empty, then count the real ones in.
        n = len(fw)
        self.can_in, self.can_undec, self.must_in = [0] * n, [0] * n, [0] * n
        self.cannot_out: list[int] = np.bincount(fw.targets, minlength=n).tolist()
        for a in range(n):
            self._count(a, 0, self.domains[a])

    def labellings(self, prune: Callable[[list[int]], bool] | None = None) -> Iterator[list[int]]:
        """Yield every complete labelling (stable: without UNDEC) as label codes.

        ``prune`` sees the domains after each decision and its propagation and may cut the
        branch. The yielded list is live: it changes as the search goes on.
        """
        if not self._propagate(list(self.open)):
            return
        frames = [(len(self.trail), self._next_open())]  # (trail length before it, argument)
        tried: list[int] = [0]  # labels already tried for the argument of each frame
        while frames:
            mark, arg = frames[-1]
            self._undo(mark)
            if arg is None:  # every argument labelled
                frames.pop()
                tried.pop()
                yield self.domains
                continue
            options = self.domains[arg] & ~tried[-1]
            if not options:
                frames.pop()
                tried.pop()
                continue
            label = options & -options  # lowest bit: IN before OUT before UNDEC
            tried[-1] |= label
            self._restrict(arg, label)
            if self._propagate([arg]) and not (prune and prune(self.domains)):
                frames.append((len(self.trail), self._next_open()))
                tried.append(0)

    def _next_open(self) -> int | None:
        domains = self.domains
        return next((a for a in self.open if domains[a] & (domains[a] - 1)), None)

    def _undo(self, mark: int) -> None:
        trail, domains = self.trail, self.domains
        while len(trail) > mark:
            arg, domain = trail.pop()
            self._count(arg, domains[arg], domain)
            domains[arg] = domain

    def _restrict(self, arg: int, domain: int) -> None:
        self.trail.append((arg, self.domains[arg]))
        self._count(arg, self.domains[arg], domain)
        self.domains[arg] = domain
        self.steps += 1
        if self.steps > self.max_steps:
            raise LimitError(
                f"enumerating extensions needs more than {self.max_steps:,} search steps "
                f"({len(self.open):,} of {len(self.fw):,} arguments are undecided in the "
                "grounded labelling); raise max_steps or simplify the framework"
            )

    def _count(self, arg: int, old: int, new: int) -> None:
        """Update the counts of the arguments ``arg`` attacks for its domain ``old`` → ``new``."""
        targets = self.targets[self.out_start[arg] : self.out_start[arg + 1]]
        for counts, delta in (
            (self.can_in, (new & _IN) - (old & _IN)),
            (self.can_undec, ((new & _UNDEC) - (old & _UNDEC)) >> 2),
            (self.cannot_out, (old & _OUT) - (new & _OUT) >> 1),
            (self.must_in, (new == _IN) - (old == _IN)),
        ):
            if delta:
                for t in targets:
                    counts[t] += delta

    def _propagate(self, changed: list[int]) -> bool:
        """Revise the rules touching the arguments whose domain changed; False if one empties."""
        while changed:
            arg = changed.pop()
            if not self._revise(arg, changed):
                return False
            for target in self.targets[self.out_start[arg] : self.out_start[arg + 1]]:
                if not self._revise(target, changed):
                    return False
        return True

    def _revise(self, a: int, changed: list[int]) -> bool:
        """Keep only labels of ``a`` and its attackers that the rule for ``a`` supports.

        The rule: ``a`` is IN iff every attacker is OUT, OUT iff some attacker is IN, else
        UNDEC.
        """
        domains = self.domains
        can_in, can_undec = self.can_in[a], self.can_undec[a]
        cannot_out, must_in = self.cannot_out[a], self.must_in[a]
        own = domains[a]
        if cannot_out:
            own &= ~_IN
        if not can_in:
            own &= ~_OUT
        if must_in or not can_undec:
            own &= ~_UNDEC
        if own != domains[a]:
            if not own:
                return False
            self._restrict(a, own)
            changed.append(a)
        if own & _OUT and can_in >= 2:  # then every attacker label has support
            return True
        for b in self.attackers[self.in_start[a] : self.in_start[a + 1]]:
            d = domains[b]
            # the counts over the other attackers
            others_in = can_in - (d & _IN)
            others_undec = can_undec - ((d & _UNDEC) >> 2)
            others_not_out = cannot_out - (not d & _OUT)
            others_must_in = must_in - (d == _IN)
            keep = d
            if not own & _OUT:
                keep &= ~_IN
            if not (
                (own & _IN and not others_not_out)
                or (own & _OUT and others_in)
                or (own & _UNDEC and not others_must_in and others_undec)
            ):
                keep &= ~_OUT
            if not ((own & _UNDEC and not others_must_in) or (own & _OUT and others_in)):
                keep &= ~_UNDEC
            if keep != d:
                if not keep:
                    return False
                self._restrict(b, keep)
                changed.append(b)
        return True


def _ins(search: _Search, labels: list[int]) -> tuple[int, ...]:
    """The IN arguments of a labelling found by ``search``, as a sorted index tuple."""
    return tuple(sorted(search.grounded_in + [a for a in search.open if labels[a] == _IN]))


def _named(fw: Framework, in_sets: Iterable[tuple[int, ...]]) -> list[frozenset[str]]:
    """Index tuples as name sets, in a deterministic order: by their sorted indices."""
    names = fw.arguments
    return [frozenset(names[a] for a in ins) for ins in sorted(in_sets)]


def complete_extensions(fw: Framework, *, max_steps: int = MAX_SEARCH_STEPS) -> list[frozenset[str]]:
    """Every complete extension.

    Raises:
        LimitError: The search needs more than ``max_steps`` label assignments.
    """
    search = _Search(fw, allow_undec=True, max_steps=max_steps)
    return _named(fw, [_ins(search, labels) for labels in search.labellings()])


def stable_extensions(fw: Framework, *, max_steps: int = MAX_SEARCH_STEPS) -> list[frozenset[str]]:
    """Every stable extension (there may be none): complete labellings without UNDEC.

    Raises:
        LimitError: The search needs more than ``max_steps`` label assignments.
    """
    search = _Search(fw, allow_undec=False, max_steps=max_steps)
    return _named(fw, [_ins(search, labels) for labels in search.labellings()])


def preferred_extensions(fw: Framework, *, max_steps: int = MAX_SEARCH_STEPS) -> list[frozenset[str]]:
    """Every preferred extension: the complete ones with ⊆-maximal IN.

    The search tries IN before OUT before UNDEC, so it reaches a complete labelling only after
    every one whose IN strictly contains it (where two first differ, the larger has IN, or
    OUT against UNDEC). Cutting each branch whose possible IN lies within a preferred
    extension already found therefore leaves exactly the preferred ones.

    Raises:
        LimitError: The search needs more than ``max_steps`` label assignments.
    """
    return _named(fw, list(_preferred(fw, max_steps)))


def _preferred(fw: Framework, max_steps: int) -> Iterator[tuple[int, ...]]:
    """The preferred extensions as sorted index tuples, each as soon as the search finds it."""
    search = _Search(fw, allow_undec=True, max_steps=max_steps)
    found: list[set[int]] = []  # the open arguments IN in each preferred extension

    def dominated(domains: list[int]) -> bool:
        could_be_in = {a for a in search.open if domains[a] & _IN}
        return any(could_be_in <= ins for ins in found)

    for labels in search.labellings(prune=dominated):
        found.append({a for a in search.open if labels[a] == _IN})
        yield _ins(search, labels)


def find_extension(fw: Framework, semantics: str, *, holding: str | None = None, lacking: str | None = None,
                   max_steps: int = MAX_SEARCH_STEPS) -> frozenset[str] | None:
    """One extension that holds the argument ``holding`` and lacks ``lacking`` (either may be
    None), or None if there is none: what a credulous or sceptical query needs as its witness.

    The search stops at the first one. For complete and stable extensions, a branch where
    ``holding`` can no longer be IN, or ``lacking`` can only be IN, is cut at once; preferred
    ones are tried as they are found (cutting there would let a non-maximal one through).

    Raises:
        ValueError: Unknown semantics, or an argument that is not in the framework.
        LimitError: The search needs more than ``max_steps`` label assignments.
    """
    want = None if holding is None else fw.index[holding]
    avoid = None if lacking is None else fw.index[lacking]

    def fits(ins: Iterable[int]) -> bool:
        chosen = set(ins)
        return (want is None or want in chosen) and (avoid is None or avoid not in chosen)

    if semantics == "grounded":
        labels = _grounded_codes(fw)
        found: Iterable[tuple[int, ...]] = [tuple(np.flatnonzero(labels == _IN).tolist())]
    elif semantics == "preferred":
        found = _preferred(fw, max_steps)
    elif semantics in _ENUMERATORS:
        search = _Search(fw, allow_undec=semantics == "complete", max_steps=max_steps)

        def hopeless(domains: list[int]) -> bool:
            return (want is not None and not domains[want] & _IN) or (avoid is not None and domains[avoid] == _IN)

        found = (_ins(search, labels) for labels in search.labellings(prune=hopeless))
    else:
        raise ValueError(f"unknown semantics {semantics!r}; expected one of {', '.join(SEMANTICS)}")
    return next((frozenset(fw.arguments[a] for a in ins) for ins in found if fits(ins)), None)


def extensions(fw: Framework, semantics: str, *, max_steps: int = MAX_SEARCH_STEPS) -> list[frozenset[str]]:
    """The extensions of ``fw`` under one of :data:`SEMANTICS` (grounded: a one-element list).

    Raises:
        ValueError: Unknown semantics.
        LimitError: Enumeration needs more than ``max_steps`` label assignments.
    """
    if semantics == "grounded":
        return [grounded_extension(fw)]
    enumerate_ = _ENUMERATORS.get(semantics)
    if enumerate_ is None:
        raise ValueError(f"unknown semantics {semantics!r}; expected one of {', '.join(SEMANTICS)}")
    return enumerate_(fw, max_steps=max_steps)


_ENUMERATORS: dict[str, Callable[..., list[frozenset[str]]]] = {
    "complete": complete_extensions,
    "preferred": preferred_extensions,
    "stable": stable_extensions,
}
