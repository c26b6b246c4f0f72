"""``python -m argmap``: the same as the ``argmap`` command."""

from argmap.resident import run

run()
