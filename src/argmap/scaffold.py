"""``argmap new``: a valid, commented map to start from."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_text

__all__ = ["starter_map", "write_starter"]

_STARTER = """\
# yaml-language-server: $schema={schema}
# An argument map (argmap format 1). Check it with:  argmap check {name}
# Every key is described by:  argmap schema

argmap: 1
title: {title}
summary: >
  One or two sentences on what is at stake.
resolution: This house would pass the motion.   # the question, in neutral words

sides:                      # the positions that argue; order = display order
  pro: {{label: Proposition, burden: show that the motion does more good than harm}}
  con: {{label: Opposition, burden: show that it does more harm than good}}

speakers:                   # who said it; a claim takes its speaker's side
  alice: {{name: Alice Example, role: First speaker, side: pro}}
  bob:   {{name: Bob Example, role: Second speaker, side: con}}

sources:                    # where it was said; order = order of the speeches
  opening:
    title: Opening speech
    date: 2026-01-15
    # text: sources/opening.txt   # full text (inside this folder): quotes get verified
  reply:
    title: Reply
    replies-to: [opening]   # the earlier speeches it answers: what it leaves is "dropped"

claims:                     # ids: lower-case letters, digits and '-'
  main-thesis:
    kind: thesis            # thesis | claim | evidence
    text: The motion should pass.
    by: alice
    quote: {{source: opening, text: "We believe the motion should pass."}}

  first-reason:
    text: It solves the problem the motion is about.
    by: alice
    supports: [main-thesis]

  objection:
    text: It creates a bigger problem than it solves.
    by: bob
    rebuts: [main-thesis]   # an attack on a claim

  narrower-objection:
    text: It does not solve the problem everywhere.
    by: bob
    rebuts: [{{to: first-reason, partial: true}}]   # answers part of it; the rest stands

  answer:
    text: The bigger problem is already handled elsewhere.
    by: alice
    rebuts: [objection]     # a rebuttal: an attack on an attack
    tags: [example]
    note: A coach's note; never shown as the speaker's words.

  doubt:
    text: Solving a problem does not by itself justify the motion.
    by: bob
    undercuts: ["first-reason -> main-thesis"]   # attacks the inference, not the claim

  common-ground:
    text: Both sides want the problem solved.
    by: alice
    conceded: bob           # a speaker of the other side grants it
"""


def starter_map(title: str, name: str = "map.yaml", schema: str = "https://argmap.invalid/schema/argmap-1.json") -> str:
    """The text of a starter map."""
    safe_title = json.dumps(title, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    return _STARTER.format(title=safe_title, name=name, schema=schema)


def write_starter(path: Path, title: str = "A new debate", force: bool = False) -> None:
    """Write a starter map to ``path``; refuse to overwrite unless ``force``."""
    if path.exists() and not force:
        raise ArgmapError(f"{path} already exists (use --force to overwrite it)")
    if path.suffix not in (".yaml", ".yml"):
        raise ArgmapError(f"{path}: a map file name ends in .yaml")
    atomic_write_text(path, starter_map(title, path.name))
