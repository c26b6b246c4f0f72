"""One folder of maps as the language server holds it: the editor's buffers over the files.

A folder of maps is one argmap workspace, so it is checked as a whole, exactly as
``argmap check FOLDER`` would check it once the buffers were saved: the buffers go to the
loader as ``texts`` (:class:`argmap.edit.validate.Checker`), and a :class:`argmap.load.ReadCache`
keeps what each map read as, so after a keystroke only the claims it changed are read again
(the references, cycles and quotes of every map are checked each time: a change in one map
shows in the maps that point at it). A buffer of a map not saved yet counts as a map of the
folder, as it will once saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.edit.validate import Checker
from argmap.load import ReadCache, find_maps
from argmap.model import ArgMap, Workspace

if TYPE_CHECKING:
    from argmap.analysis import MapAnalysis

__all__ = ["Checked", "Folder"]


@dataclass(frozen=True, slots=True)
class Checked:
    """One check of a folder: the workspace and the buffer texts (with their versions) it read."""

    workspace: Workspace
    buffers: dict[Path, str]
    versions: dict[Path, int | None]
    maps: dict[Path, ArgMap] = field(default_factory=dict)  # by resolved file path

    def map_of(self, path: Path) -> ArgMap | None:
        return self.maps.get(path)


class Folder:
    """The maps of one folder: checked from the buffers the editor holds, analysed on demand."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._checker = Checker(root, cache=ReadCache())
        self.last: Checked | None = None
        self.good: dict[Path, ArgMap] = {}  # the last version of each map that loaded, for completion mid-keystroke
        self._analysis: tuple[Workspace, MapAnalysis] | None = None

    def check(self, buffers: dict[Path, str], versions: dict[Path, int | None]) -> Checked:
        """Check the folder with ``buffers`` (resolved path → text) in place of their files."""
        workspace = self._checker(buffers)
        maps = {m.path.resolve(): m for m in workspace.maps.values()}
        self.good.update(maps)
        checked = Checked(workspace, dict(buffers), dict(versions), maps)
        self.last = checked
        return checked

    def files(self) -> list[Path]:
        """The maps of the folder, resolved: its files, and the buffers of the last check not saved yet."""
        try:
            found = [p.resolve() for p in find_maps(self.root)]
        except OSError:
            found = []
        unsaved = [p for p in self.last.buffers if p.parent == self.root and p not in found] if self.last else []
        return sorted([*found, *unsaved], key=lambda p: p.name) if unsaved else found

    def analysis(self) -> MapAnalysis | None:
        """The analysis of the last check (status, strength, dropped claims), made once per check."""
        if self.last is None:
            return None
        workspace = self.last.workspace
        if self._analysis is None or self._analysis[0] is not workspace:
            from argmap.analysis import analyze
            from argmap.analysis.links import Links

            # on the links the texts make, as 'argmap analyze' reads a debate by default
            self._analysis = (workspace, analyze(workspace, links=Links.TEXTS))
        return self._analysis[1]
