"""Maps in git: a semantic diff by claim and relation id, and a three-way merge.

* :mod:`~argmap.diff.outline` -- where each entry of a map's text is, without parsing it;
* :mod:`~argmap.diff.compare` -- what changed, claim by claim (:mod:`~argmap.diff.changes`);
* :mod:`~argmap.diff.effects` -- what that does to the debate (status, dropped, clashes…);
* :mod:`~argmap.diff.report` -- the diff as text, Markdown or JSON;
* :mod:`~argmap.diff.sides` -- files, folders and git revisions as the two sides;
* :mod:`~argmap.diff.merge` -- the three-way merge git's merge driver runs;
* :mod:`~argmap.diff.markers` -- conflict markers left in a map, as ``argmap check`` reports them;
* :mod:`~argmap.diff.gitsetup` -- ``argmap git-setup``: the drivers in a repository's config.

This package imports nothing heavy when imported: the loader asks
:mod:`~argmap.diff.markers` about every map it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.analysis.links import Links

    from .changes import FolderDiff
    from .sides import Workspaces

__all__ = ["semantic_diff"]


def semantic_diff(
    workspaces: Workspaces, *, effects: bool = True, links: Links | None = None, threshold: float | None = None, parallel: bool = False,
) -> FolderDiff:
    """What differs between the two versions of a folder of maps, and (``effects``) what
    that does to the debate, on the links ``links`` counts (default: the texts').
    ``parallel`` analyses the two versions at once, in two processes (the command line
    does; a caller running threads must not)."""
    from argmap.analysis.links import Links

    from .compare import compare, differs_for_analysis
    from .effects import DEFAULT_THRESHOLD
    from .effects import effects as debate_effects

    diff = compare(workspaces)
    if effects and diff:
        if differs_for_analysis(diff):
            diff.effects = debate_effects(workspaces, diff, diff.rename, links or Links.TEXTS, DEFAULT_THRESHOLD if threshold is None else threshold, parallel)
        else:
            from .changes import Effects

            diff.effects = Effects((links or Links.TEXTS).value, DEFAULT_THRESHOLD if threshold is None else threshold)
    return diff
