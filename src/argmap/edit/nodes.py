"""Insert and remove YAML entries without moving the user's comments and blank lines.

ruamel.yaml hangs the comment lines and blank lines that follow an entry on that entry
(on the deepest last value of it): the blank line and ``# Letter 2`` heading before the
next claim belong, in ruamel's model, to the last field of the claim above. Inserting a
field after that one, or deleting that claim, would then carry the heading along to the
wrong place. These helpers move that "rest" so it stays just before the entry it was
before, which keeps the diff of an edit to the lines of the edit.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

__all__ = ["append_item", "insert_key", "remove_item", "remove_key", "take_heading"]

Container = CommentedMap | CommentedSeq


def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _slot_index(container: Container) -> int:
    """Where ruamel keeps the comment after an entry: value slot 2 in maps, 0 in sequences."""
    return 2 if isinstance(container, CommentedMap) else 0


def _tail(container: Container, key: Any) -> tuple[Container, Any]:
    """The container and key whose comment slot holds what follows entry ``key``."""
    while True:
        slots = container.ca.items.get(key)
        token = slots[_slot_index(container)] if slots is not None else None
        value = container[key]
        if token is not None and not (_is_block(value) and str(token.value).count("\n") <= 1):
            return container, key  # (on a key whose value is a block, one line is the key line's own comment)
        if not _is_block(value):
            return container, key
        container, key = value, (next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1)


def _take_rest(container: Container, key: Any) -> str:
    """Detach and return the lines after entry ``key``'s own line (blank lines, comments)."""
    holder, slot_key = _tail(container, key)
    slots = holder.ca.items.get(slot_key)
    index = _slot_index(holder)
    token = slots[index] if slots else None
    if token is None:
        return ""
    if isinstance(holder[slot_key], (FoldedScalarString, LiteralScalarString)):
        # a block scalar ends with its own line break: the token holds only what follows, the
        # first line's indentation kept as the token's column
        slots[index] = None
        return " " * (getattr(token, "column", 0) or 0) + str(token.value)
    eol, newline, rest = str(token.value).partition("\n")
    if not rest:
        return ""
    if eol.strip():
        token.value = eol + newline
    else:
        slots[index] = None
    return rest


def _give_rest(container: Container, key: Any, rest: str) -> None:
    """Attach ``rest`` after entry ``key``, behind any end-of-line comment it has."""
    if not rest:
        return
    holder, slot_key = _tail(container, key)
    index = _slot_index(holder)
    slots = holder.ca.items.setdefault(slot_key, [None, None, None, None])
    token = slots[index]
    if token is None:  # (after a block scalar, which ends with its own line break, the token holds only what follows)
        lead = "" if isinstance(holder[slot_key], (FoldedScalarString, LiteralScalarString)) else "\n"
        slots[index] = CommentToken(lead + rest, CommentMark(0), None)
    else:
        token.value = token.value + rest if token.value.endswith("\n") else token.value + "\n" + rest


def _has_comment(rest: str) -> bool:
    return any(line.strip() for line in rest.splitlines())


def _merge_rests(before: str, after: str) -> str:
    """What stays between two entries when the one between them is deleted."""
    if not before or (not _has_comment(after) and not _has_comment(before)):
        return before or after
    if not _has_comment(after):
        return before
    if not _has_comment(before):
        return after
    return before + after


def insert_key(mapping: CommentedMap, key: str, value: Any, after: str | None, comments: list[Any] | None = None) -> None:
    """Insert ``key: value`` right after the entry ``after`` (first if None), with the
    ``comments`` :func:`remove_key` returned if it comes from elsewhere."""
    if comments is not None and any(comments):
        mapping.ca.items[key] = comments
    if after is None:
        mapping.insert(0, key, value)
        return
    rest = _take_rest(mapping, after) if _is_block(mapping) else ""
    mapping.insert(list(mapping).index(after) + 1, key, value)
    _give_rest(mapping, key, rest)


def append_item(sequence: CommentedSeq, value: Any) -> None:
    """Append ``value`` to a sequence, after the last item's own line."""
    rest = _take_rest(sequence, len(sequence) - 1) if _is_block(sequence) else ""
    sequence.append(value)
    _give_rest(sequence, len(sequence) - 1, rest)


def _keep_before_first(container: Container, key: Any, rest: str) -> None:
    """Put comment lines that followed a deleted first entry before the new first entry."""
    if _has_comment(rest):
        slots = container.ca.items.setdefault(key, [None, None, None, None])
        slots[1] = [CommentToken(rest, CommentMark(0), None), *(slots[1] or [])]


def remove_key(mapping: CommentedMap, key: str) -> list[Any]:
    """Delete an entry with its own lines, keeping the comments around it; return the comments
    ruamel held on the entry's key (its own line's, for one moving elsewhere)."""
    keys = list(mapping)
    position = keys.index(key)
    rest = _take_rest(mapping, key) if _is_block(mapping) else ""
    if rest == "" and position + 1 < len(keys) and _is_block(mapping):
        rest = _blank_lead(mapping, keys[position + 1], take=True)
    del mapping[key]
    own: list[Any] = mapping.ca.items.pop(key, None) or [None, None, None, None]
    if not rest:
        return own
    if position > 0:
        previous = keys[position - 1]
        _give_rest(mapping, previous, _merge_rests(_take_rest(mapping, previous), rest))
    elif len(keys) > 1:
        _keep_before_first(mapping, keys[1], rest)
    return own


def _blank_lead(mapping: CommentedMap, key: str, *, take: bool) -> str:
    """The blank lines ruamel holds before entry ``key`` (it does after a flow value), if
    that is all it holds there; detached if ``take``: for :func:`remove_key` they are the
    rest of the entry above."""
    slots = mapping.ca.items.get(key)
    tokens = slots[1] if slots else None
    if not tokens or any(str(token.value).strip() for token in tokens):
        return ""
    if take:
        slots[1] = None
    return "".join(str(token.value) for token in tokens)


def remove_item(sequence: CommentedSeq, index: int) -> None:
    """Delete a sequence item with its own lines, keeping the comments around it."""
    rest = _take_rest(sequence, index) if _is_block(sequence) else ""
    del sequence[index]
    if not rest:
        return
    if index > 0:
        _give_rest(sequence, index - 1, _merge_rests(_take_rest(sequence, index - 1), rest))
    elif sequence:
        _keep_before_first(sequence, 0, rest)


def take_heading(mapping: CommentedMap, key: str) -> list[CommentToken]:
    """Detach the comment and blank lines between entry ``key`` and the entry above it,
    wherever ruamel holds them: before the key, or in the rest of the entry above it. An entry
    moved with them and put back after the entry that was above it gives the lines back as
    they were, however the entries around it are spaced. (All of them: a heading set off by a
    blank line that stayed would stand above the next entry, and the entry put back would go
    in above it.)"""
    slots = mapping.ca.items.get(key)
    if slots and slots[1]:
        heading: list[CommentToken] = slots[1]
        slots[1] = None
        return heading
    keys = list(mapping)
    position = keys.index(key)
    if position == 0 or not _is_block(mapping):
        return []
    rest = _take_rest(mapping, keys[position - 1])
    return [CommentToken(rest, CommentMark(0), None)] if rest else []
