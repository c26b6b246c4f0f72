"""A semantic diff for people: text for a terminal (coloured, or not), Markdown for a pull
request comment, JSON for tools. All three say the same: what changed, claim by claim and
relation by relation, then what it does to the debate.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from .changes import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    RETARGETED,
    ClaimChange,
    EntryChange,
    FieldChange,
    FolderDiff,
    RelationChange,
)
from .words import word_diff

__all__ = ["as_json", "as_markdown", "as_text", "summary"]

_WORDED = frozenset({"text", "quote", "note", "summary", "resolution", "title", "label", "burden", "name", "role"})
"""Fields shown as word diffs; the others as ``old → new``."""

_SECTION_NOUN = {"sides": "side", "speakers": "speaker", "sources": "source", "map": "map"}

_ANSWERED = ("answered", "answered in part")


def _newly_dropped(old: str | None, new: str | None) -> bool:
    return new == "dropped"


def _newly_answered(old: str | None, new: str | None) -> bool:
    return new in _ANSWERED and old not in _ANSWERED


def _no_longer_answered(old: str | None, new: str | None) -> bool:
    return old in _ANSWERED and new not in (*_ANSWERED, "dropped")


def _no_longer_dropped(old: str | None, new: str | None) -> bool:
    return old == "dropped" and new not in _ANSWERED


_RESPONSE_GROUPS: tuple[tuple[str, Callable[[str | None, str | None], bool]], ...] = (
    ("newly dropped", _newly_dropped),
    ("newly answered", _newly_answered),
    ("no longer answered", _no_longer_answered),
    ("no longer dropped", _no_longer_dropped),
)


class _Style:
    """ANSI colours, or none."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[m" if self.colour and text else text

    def add(self, text: str) -> str:
        return self("32", text)

    def remove(self, text: str) -> str:
        return self("31", text)

    def change(self, text: str) -> str:
        return self("33", text)

    def head(self, text: str) -> str:
        return self("1", text)

    def dim(self, text: str) -> str:
        return self("2", text)


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]" if value else "[]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return " ".join(str(value).split())


def _words(old: Any, new: Any, removed: Callable[[str], str], added: Callable[[str], str]) -> str:
    if old is None:
        return added(_value(new))
    if new is None:
        return removed(_value(old))
    out = []
    for op, text in word_diff(_value(old), _value(new)):
        out.append(text if op == "=" else removed(text) if op == "-" else added(text))
    return "".join(out)


def _field(change: FieldChange, removed: Callable[[str], str], added: Callable[[str], str], arrow: str = " → ") -> str:
    if change.field in _WORDED and isinstance(change.old or change.new, str):
        return f"{change.field}: {_words(change.old, change.new, removed, added)}"
    return f"{change.field}: {removed(_value(change.old))}{arrow}{added(_value(change.new))}"


def _who(change: ClaimChange) -> str:
    bits = [change.kind]
    if change.by:
        bits.append(f"by {change.by}")
    if change.side:
        bits.append(change.side)
    return ", ".join(bits)


def _relation(diff: FolderDiff, rel: RelationChange) -> str:
    target = diff.name(rel.target)
    named = f" (id {rel.id})" if rel.id else ""
    return f"{diff.name(rel.source)} {rel.kind} {target}{named}"


def _counts(diff: FolderDiff) -> list[str]:
    parts = []
    for what, items in (("claim", diff.claims), ("relation", diff.relations)):
        counted: dict[str, int] = {}
        for item in items:
            counted[item.change] = counted.get(item.change, 0) + 1
        if counted:
            plural = "s" if len(items) != 1 else ""
            parts.append(f"{len(items)} {what}{plural} (" + ", ".join(f"{n} {c}" for c, n in counted.items()) + ")")
    if diff.entries:
        parts.append(f"{len(diff.entries)} other entr{'ies' if len(diff.entries) != 1 else 'y'}")
    effects = diff.effects
    if effects:
        if effects.status:
            parts.append(f"{len(effects.status)} status change{'s' if len(effects.status) != 1 else ''}")
    return parts


def summary(diffs: Sequence[FolderDiff]) -> str:
    """One line: how much changed."""
    parts = [part for diff in diffs for part in _counts(diff)]
    unreadable = sum(len(diff.unreadable) for diff in diffs)
    if unreadable:
        parts.append(f"{unreadable} map(s) not compared")
    return "; ".join(parts) if parts else "no changes"


# -- text ----------------------------------------------------------------------------------
def as_text(diffs: Sequence[FolderDiff], colour: bool = False, header: str | None = None) -> str:
    """The readable report, for a terminal (``colour``: ANSI colours)."""
    style = _Style(colour)
    out: list[str] = []
    if header:
        out.append(style.head(header))
    for diff in diffs:
        if not diff and not diff.notes and not diff.unreadable:
            continue
        folder = _text_folder(diff, style)
        out.extend(folder[1:] if header else folder)  # the header names the file already
    if not out or (header and len(out) == 1):
        out.append("no changes")
    else:
        out.append(style.dim(summary(diffs)))
    return "\n".join(out) + "\n"


def _where(path: str, line: int, style: _Style) -> str:
    return style.dim(f"  {path}:{line}") if path else ""


def _text_folder(diff: FolderDiff, style: _Style) -> list[str]:
    out = []
    out.append(style.head(diff.title()))
    for path in diff.maps_added:
        out.append(style.add(f"  + map {path}"))
    for path in diff.maps_removed:
        out.append(style.remove(f"  - map {path}"))
    if diff.claims:
        out.append(style.head("Claims"))
        for change in diff.claims:
            out.extend(_text_claim(diff, change, style))
    if diff.relations:
        out.append(style.head("Relations"))
        for rel in diff.relations:
            out.append(_text_relation(diff, rel, style))
    if diff.entries:
        out.append(style.head("Map, sides, speakers and sources"))
        for entry in diff.entries:
            out.extend(_text_entry(entry, style))
    for note in diff.notes:
        out.append(style.dim(f"  ({note})"))
    for note in diff.unreadable:
        out.append(style.remove(f"  {note}"))
    if diff.effects is not None:
        out.extend(_text_effects(diff, style))
    return out


def _text_claim(diff: FolderDiff, change: ClaimChange, style: _Style) -> list[str]:
    name = diff.name(change.key)
    lines = []
    if change.change == ADDED:
        lines.append(style.add(f"  + {name}") + f" ({_who(change)})" + _where(change.path, change.line, style))
        lines.append("      " + style.add(_value(change.text)))
    elif change.change == REMOVED:
        lines.append(style.remove(f"  - {name}") + f" ({_who(change)})" + _where(change.path, change.line, style))
        lines.append("      " + style.remove(_value(change.text)))
    elif change.change == MOVED:
        lines.append(style.change(f"  → {name}") + f" moved from {diff.name(change.old_key or '')}" + _where(change.path, change.line, style))
    else:
        lines.append(style.change(f"  ~ {name}") + _where(change.path, change.line, style))
    for field in change.fields:
        lines.append("      " + _field(field, lambda t: style.remove(f"[-{t}-]") if not style.colour else style.remove(t), lambda t: style.add(f"{{+{t}+}}") if not style.colour else style.add(t)))
    return lines


def _text_relation(diff: FolderDiff, rel: RelationChange, style: _Style) -> str:
    where = _where(rel.path, rel.line, style)
    if rel.change == ADDED:
        extra = " (with the new claim)" if rel.with_claim else ""
        return style.add(f"  + {_relation(diff, rel)}") + style.dim(extra) + where
    if rel.change == REMOVED:
        extra = " (with its claim)" if rel.with_claim else ""
        return style.remove(f"  - {_relation(diff, rel)}") + style.dim(extra) + where
    if rel.change == RETARGETED:
        rest = "".join(f"; {_field(f, style.remove, style.add)}" for f in rel.fields)
        return style.change(f"  ~ {diff.name(rel.source)} {rel.kind} ") + style.remove(diff.name(rel.old_target or "")) + " → " + style.add(diff.name(rel.target)) + rest + where
    fields = "; ".join(_field(f, style.remove, style.add) for f in rel.fields)
    return style.change(f"  ~ {_relation(diff, rel)}: ") + fields + where


def _text_entry(entry: EntryChange, style: _Style) -> list[str]:
    noun = _SECTION_NOUN.get(entry.section, entry.section)
    where = _where(entry.path, entry.line, style)
    about = f" {entry.summary!r}" if entry.summary else ""
    if entry.section == "map":
        return [style.change(f"  ~ {entry.map}: ") + _field(entry.fields[0], _bracket(style, "-"), _bracket(style, "+")) + where]
    if entry.change == ADDED:
        return [style.add(f"  + {noun} {entry.id}") + about + where]
    if entry.change == REMOVED:
        return [style.remove(f"  - {noun} {entry.id}") + about + where]
    lines = [style.change(f"  ~ {noun} {entry.id}") + about + where]
    lines += ["      " + _field(f, _bracket(style, "-"), _bracket(style, "+")) for f in entry.fields]
    return lines


def _bracket(style: _Style, op: str) -> Callable[[str], str]:
    if op == "-":
        return (lambda t: style.remove(t)) if style.colour else (lambda t: f"[-{t}-]")
    return (lambda t: style.add(t)) if style.colour else (lambda t: f"{{+{t}+}}")


def _text_effects(diff: FolderDiff, style: _Style) -> list[str]:
    effects = diff.effects
    assert effects is not None
    out = []
    name = diff.name
    if not effects and not effects.notes:
        out.append(style.head("What it does to the debate") + style.dim(f" (links: {effects.links}): no verdict changes"))
        return out
    out.append(style.head("What it does to the debate") + style.dim(f" (links: {effects.links})"))
    for note in effects.notes:
        out.append(style.dim(f"  ({note})"))
    if effects.status:
        out.append(style.head("  Status"))
        for status in effects.status:
            colour = style.remove if status.new == "OUT" else style.add if status.new == "IN" else style.change
            out.append(f"    {name(status.key)}: {status.old} → " + colour(status.new))
            out.append(style.dim(f"      {status.reason}"))
    groups = _response_groups(effects.responses)
    for title, items in groups:
        out.append(style.head(f"  {title[0].upper()}{title[1:]}"))
        for change in items:
            out.append(f"    {name(change.key)}: {change.old or '(no side)'} → {change.new or '(no side)'}")
    if effects.strength:
        out.append(style.head(f"  Strength (changes of {effects.threshold:g} or more)"))
        for strength in sorted(effects.strength, key=lambda s: -abs(s.new - s.old)):
            colour = style.add if strength.new > strength.old else style.remove
            out.append(f"    {name(strength.key)}: {strength.old:.2f} → " + colour(f"{strength.new:.2f}"))
    if effects.clashes:
        out.append(style.head("  Clash points"))
        for clash in effects.clashes:
            sign, colour = ("+", style.add) if clash.change == ADDED else ("-", style.remove)
            partial = " (in part)" if clash.partial else ""
            out.append(colour(f"    {sign} {name(clash.attacker)} ({clash.attacker_side}) answers {name(clash.target)} ({clash.target_side}){partial}"))
    if effects.last_word:
        out.append(style.head("  Last word"))
        for word in effects.last_word:
            chain = " ← ".join(name(k) for k in word.chain)
            if word.old is None:
                out.append(f"    {chain}: " + style.add(f"{word.new} (a new chain)"))
            elif word.new is None:
                out.append(f"    {chain}: " + style.remove(f"{word.old} (the chain is gone)"))
            else:
                out.append(f"    {chain}: {word.old} → " + style.change(word.new))
    return out


def _response_groups(changes: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for change in changes:
        title = next((t for t, test in _RESPONSE_GROUPS if test(change.old, change.new)), "what became of claims")
        groups.setdefault(title, []).append(change)
    order = [t for t, _ in _RESPONSE_GROUPS] + ["what became of claims"]
    return [(t, groups[t]) for t in order if t in groups]


# -- Markdown ----------------------------------------------------------------------------------
_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|~"})


def _md(text: Any) -> str:
    return _value(text).translate(_MD_SPECIAL)


def _code(key: str) -> str:
    """An id or key as a code span (ids hold no backticks)."""
    return f"`{key}`"


def _md_words(change: FieldChange) -> str:
    if change.field in _WORDED and isinstance(change.old or change.new, str) and change.old is not None and change.new is not None:
        out = []
        previous = "="
        for op, text in word_diff(_value(change.old), _value(change.new)):
            if op == "=":
                out.append(" ".join(text.split(" ")).replace("\n", " ").translate(_MD_SPECIAL))
            else:
                core = text.strip()
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                if previous == "-" and op == "+" and not lead:
                    lead = " "
                out.append(lead + (f"~~{_md(core)}~~" if op == "-" else f"**{_md(core)}**") + trail if core else text)
            previous = op
        return f"{change.field}: " + "".join(out)
    return f"{change.field}: {_md(change.old)} → {_md(change.new)}"


def as_markdown(diffs: Sequence[FolderDiff]) -> str:
    """The report as Markdown, for a pull request comment."""
    out: list[str] = []
    for diff in diffs:
        if not diff and not diff.notes and not diff.unreadable:
            continue
        out.append(f"### {_md(diff.title())}")
        out += [f"- ⚠️ {_md(note)}" for note in diff.unreadable]
        out.append("")
        for path in diff.maps_added:
            out.append(f"- new map `{path}`")
        for path in diff.maps_removed:
            out.append(f"- map removed: `{path}`")
        if diff.claims:
            out += ["**Claims**", ""]
            for change in diff.claims:
                name = f"**{_code(diff.name(change.key))}**"
                if change.change == ADDED:
                    out.append(f"- ➕ {name} ({_md(_who(change))}): {_md(change.text)}")
                elif change.change == REMOVED:
                    out.append(f"- ➖ {name} ({_md(_who(change))}): ~~{_md(change.text)}~~")
                elif change.change == MOVED:
                    out.append(f"- ➡️ {name} moved from {_code(diff.name(change.old_key or ''))}")
                else:
                    out.append(f"- ✏️ {name}")
                out += [f"  - {_md_words(f)}" for f in change.fields]
            out.append("")
        if diff.relations:
            out += ["**Relations**", ""]
            for rel in diff.relations:
                sign = {ADDED: "➕", REMOVED: "➖", RETARGETED: "↪️", CHANGED: "✏️"}[rel.change]
                if rel.change == RETARGETED:
                    text = f"{_code(diff.name(rel.source))} {rel.kind} ~~{_code(diff.name(rel.old_target or ''))}~~ **{_code(diff.name(rel.target))}**"
                else:
                    named = f" (id `{rel.id}`)" if rel.id else ""
                    text = f"{_code(diff.name(rel.source))} {rel.kind} {_code(diff.name(rel.target))}{named}"
                fields = "; ".join(_md_words(f) for f in rel.fields)
                out.append(f"- {sign} {text}" + (f": {fields}" if fields else ""))
            out.append("")
        if diff.entries:
            out += ["**Map, sides, speakers and sources**", ""]
            for entry in diff.entries:
                noun = _SECTION_NOUN.get(entry.section, entry.section)
                if entry.section == "map":
                    out.append(f"- ✏️ {_md_words(entry.fields[0])}")
                elif entry.change == CHANGED:
                    out.append(f"- ✏️ {noun} `{entry.id}`: " + "; ".join(_md_words(f) for f in entry.fields))
                else:
                    out.append(f"- {'➕' if entry.change == ADDED else '➖'} {noun} `{entry.id}` {_md(entry.summary)}")
            out.append("")
        out += _markdown_effects(diff)
    if not out:
        return "No changes to the argument maps.\n"
    out.append(f"_{_md(summary(diffs))}_")
    return "\n".join(out) + "\n"


def _markdown_effects(diff: FolderDiff) -> list[str]:
    effects = diff.effects
    if effects is None:
        return []
    name = diff.name
    out = [f"**What it does to the debate** (links: {effects.links})", ""]
    out += [f"- _{_md(note)}_" for note in effects.notes]
    if not effects:
        out += ["- no verdict changes", ""]
        return out
    for status in effects.status:
        out.append(f"- {_code(name(status.key))}: {status.old} → **{status.new}**: {_md(status.reason)}")
    for title, items in _response_groups(effects.responses):
        out.append(f"- {title}: " + ", ".join(f"{_code(name(c.key))} ({_md(c.old or 'no side')} → {_md(c.new or 'no side')})" for c in items))
    if effects.strength:
        out.append(f"- strength (changes of {effects.threshold:g} or more): " + ", ".join(f"{_code(name(s.key))} {s.old:.2f} → {s.new:.2f}" for s in effects.strength))
    for clash in effects.clashes:
        verb = "new clash" if clash.change == ADDED else "clash gone"
        out.append(f"- {verb}: {_code(name(clash.attacker))} ({_md(clash.attacker_side)}) answers {_code(name(clash.target))} ({_md(clash.target_side)})")
    for word in effects.last_word:
        chain = " ← ".join(_code(name(k)) for k in word.chain)
        before = "a new chain" if word.old is None else _md(word.old)
        after = "the chain is gone" if word.new is None else _md(word.new)
        out.append(f"- last word in {chain}: {before} → **{after}**")
    out.append("")
    return out


# -- JSON ------------------------------------------------------------------------------------
def as_json(diffs: Sequence[FolderDiff]) -> str:
    """Everything, as JSON."""
    return json.dumps({"changed": any(diffs), "summary": summary(diffs), "workspaces": [d.as_dict() for d in diffs]}, indent=2, ensure_ascii=False, default=str) + "\n"
