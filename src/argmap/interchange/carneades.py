"""Import Carneades 4 argument graphs (the CAES YAML format) as argmap drafts.

A Carneades graph has *statements* (a text, or ``{text, assumed}``), *arguments* (premises,
as a list or a map of roles, a conclusion, a scheme, a weight and an undercutter), *issues*
whose positions exclude each other, and *assumptions*. The mapping:

* a statement is a claim (tagged ``assumed`` when it is one); its Carneades id is in the note;
* an argument is a support from its premises (linked: they work together) to its conclusion,
  its id, scheme, weight and premise roles in the relation's note; an argument with no
  premises (a Dung argument simulated in CAES) gets a claim of its own to stand for it;
* an argument's undercutter (``¬app(a1)``) undercuts that support;
* the positions of an issue rebut one another (tagged ``issue``), since at most one can hold.

Carneades decides an issue by its proof standard from the arguments' weights, and a
statement nobody argues for and nobody assumed is out; argmap has neither, so statuses can
differ (docs/carneades.md lists where, file by file). Rule bases (``language`` and
``argument_schemes`` with no arguments) are generated into arguments by Carneades' engine;
argmap does not run rules, and says so rather than write an empty map. The YAML is read with
argmap's own reader: aliases, tags, deep nesting and oversized files are refused.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError, InputError, Location, Problem
from argmap.interchange.writer import Draft, DraftClaim, DraftRelation, slug
from argmap.model import RelationKind
from argmap.yamlread import START, Mark, MarkedList, MarkedMap, position, read_yaml

__all__ = ["read_carneades"]

TOP_KEYS = frozenset({"meta", "statements", "issues", "arguments", "assumptions", "tests", "labels", "argument_schemes",
                      "issue_schemes", "language", "weighing_functions", "references"})
RULE_KEYS = ("language", "argument_schemes", "issue_schemes", "weighing_functions")
STATEMENT_KEYS = frozenset({"text", "assumed", "value", "label", "meta", "metadata"})
ARGUMENT_KEYS = {"premises": "premises", "conclusion": "conclusion", "scheme": "scheme", "weight": "weight",
                 "undercutter": "undercutter", "nas": "undercutter", "not app statement": "undercutter",
                 "parameters": "parameters", "meta": "meta", "metadata": "meta"}
STANDARDS = {"pe": "PE", "cce": "CCE", "brd": "BRD"}
LABELS = frozenset({"in", "out", "undecided"})


class _Reader:
    """One Carneades document checked as it is turned into a draft; problems are collected."""

    def __init__(self, path: Path, root: MarkedMap) -> None:
        self.path = path
        self.root = root
        self.problems: list[Problem] = []

    def problem(self, code: str, message: str, mark: Mark, hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, Location(str(self.path), *position(mark)), hint=hint))

    def mapping(self, node: Any, what: str, mark: Mark) -> MarkedMap:
        if node is None:
            return MarkedMap(mark)
        if not isinstance(node, MarkedMap):
            self.problem("carneades-format", f"{what} must be a mapping", mark)
            return MarkedMap(mark)
        return node

    def ids(self, node: Any, what: str, mark: Mark) -> list[tuple[str, Mark]]:
        """A list of statement ids (or one id), each with its mark."""
        if node is None:
            return []
        if isinstance(node, MarkedList):
            found = []
            for item, item_mark in zip(node, node.marks):
                if isinstance(item, (MarkedList, MarkedMap)) or item is None:
                    self.problem("carneades-format", f"{what}: each entry must be a statement id", item_mark)
                else:
                    found.append((_term(item), item_mark))
            return found
        if isinstance(node, MarkedMap):
            self.problem("carneades-format", f"{what} must be a list of statement ids", mark)
            return []
        return [(_term(node), mark)]

    def known(self, statement: str, mark: Mark, what: str, statements: dict[str, str]) -> bool:
        if statement in statements:
            return True
        close = difflib.get_close_matches(statement, list(statements), n=1)
        self.problem("carneades-reference", f"{what} {statement!r} is not a statement", mark,
                     f"did you mean {close[0]!r}?" if close else "declare it under 'statements:'")
        return False


def read_carneades(path: Path | str) -> Draft:
    """Read a Carneades 4 YAML argument graph into a draft.

    Raises:
        InputError: the YAML is unsafe or malformed, or the graph names statements that do not
            exist, or holds values Carneades rejects; every problem is reported with its place.
        ArgmapError: the file is a rule base (schemes, no arguments) or holds no graph at all.
    """
    path = Path(path)
    root, problems = read_yaml(path)
    if problems:
        raise InputError(problems)
    if not isinstance(root, MarkedMap):
        raise InputError([Problem("carneades-format", "a Carneades graph is a YAML mapping (meta, statements, arguments …)", Location(str(path)))])
    reader = _Reader(path, root)
    draft = _read(reader)
    if reader.problems:
        raise InputError(sorted(reader.problems, key=lambda p: (p.location.line, p.location.column)))
    return draft


def _term(value: Any) -> str:
    """A statement id as Carneades compares them: a term written without layout, so that
    ``safety(volvo, high)`` in a premise names the statement ``safety(volvo,high)``."""
    text = str(value).strip()
    return re.sub(r"\s*([(),])\s*", r"\1", text) if "(" in text else text


def _claim_id(statement: str) -> str:
    """``¬app(a1)`` → ``not-app-a1``, ``saysUnreliable`` → ``says-unreliable``."""
    spelled = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", statement.replace("¬", "not-"))
    return slug(spelled, words=8)


def _read(reader: _Reader) -> Draft:
    root, path = reader.root, reader.path
    unknown = [key for key in root if key not in TOP_KEYS]  # Carneades ignores them; say so
    statements_node = reader.mapping(root.get("statements"), "statements", root.value_marks.get("statements", START))
    arguments_node = reader.mapping(root.get("arguments"), "arguments", root.value_marks.get("arguments", START))
    if not arguments_node:
        rules = [key for key in RULE_KEYS if root.get(key)]
        if rules:
            raise ArgmapError(f"{path}: a Carneades rule base ({', '.join(rules)}) with no arguments: Carneades' engine generates "
                              "the arguments from its schemes, and argmap imports argument graphs, not rules")
        if not statements_node:
            raise ArgmapError(f"{path}: no statements and no arguments: an empty Carneades graph, nothing to import")
    meta = reader.mapping(root.get("meta"), "meta", root.value_marks.get("meta", START))
    about = [" ".join(str(meta[k]).split()) for k in ("description", "notes", "note") if meta.get(k)]
    if meta.get("source"):
        about.append("Source: " + " ".join(str(meta["source"]).split()))
    draft = Draft(
        title=" ".join(str(meta.get("title") or path.stem).split()),
        origin=[f"Imported by 'argmap import' from {path.name} (Carneades 4 YAML).",
                "Statements are claims, arguments supports (undercutters undercut them), issue positions rebut each other."],
        summary=" ".join(about) or None,
    )
    assumed = {s for s, _ in reader.ids(root.get("assumptions"), "assumptions", root.value_marks.get("assumptions", START))}
    claim_of = _statements(reader, draft, statements_node, assumed)
    for statement in sorted(assumed - set(claim_of)):
        draft.warnings.append(f"assumption {statement!r} is not a statement: ignored")
    relation_of = _arguments(reader, draft, arguments_node, claim_of)
    _undercutters(reader, draft, arguments_node, claim_of, relation_of)
    _issues(reader, draft, reader.mapping(root.get("issues"), "issues", root.value_marks.get("issues", START)), claim_of)
    for key in unknown:
        close = difflib.get_close_matches(key, sorted(TOP_KEYS), n=1)
        draft.warnings.append(f"{path}:{position(root.key_marks[key])[0]}: unknown key {key!r} ignored" + (f" (did you mean {close[0]!r}?)" if close else ""))
    for key in RULE_KEYS:
        if root.get(key):
            draft.warnings.append(f"'{key}' is a rule base for Carneades' engine: not imported (the arguments given are)")
    return draft


def _statements(reader: _Reader, draft: Draft, node: MarkedMap, assumed: set[str]) -> dict[str, str]:
    """Each statement as a claim; returns statement id → claim id."""
    claim_of: dict[str, str] = {}
    for statement, value in node.items():
        mark = node.value_marks[statement]
        text: Any = value
        is_assumed = _term(statement) in assumed
        if isinstance(value, MarkedMap):
            for key in value:
                if key not in STATEMENT_KEYS:
                    reader.problem("carneades-format", f"unknown key {key!r} in statement {statement!r}", value.key_marks[key], "a statement has text, assumed, label (or value) and meta")
            text = value.get("text")
            flag = value.get("assumed")
            if isinstance(flag, float) or not isinstance(flag, (bool, int, type(None))):
                reader.problem("carneades-format", f"statement {statement!r}: assumed must be true or false", value.value_marks["assumed"])
            is_assumed = is_assumed or bool(flag)  # Carneades reads a number other than 0 as true
            for key in ("label", "value"):
                if key in value and str(value[key]).lower() not in LABELS:
                    reader.problem("carneades-format", f"statement {statement!r}: {key} {value[key]!r} is not a label", value.value_marks[key], "use in, out or undecided")
        elif isinstance(value, MarkedList):
            reader.problem("carneades-format", f"statement {statement!r} must be a text or a mapping with 'text'", mark)
            continue
        words = " ".join(str(text).split()) if text is not None else statement
        claim = DraftClaim(words or statement, tags=["assumed"] if is_assumed else [], note=f"Carneades statement {statement}")
        claim_of[_term(statement)] = draft.add_claim(_claim_id(statement), claim)
    return claim_of


def _premises(reader: _Reader, arg: str, node: Any, mark: Mark) -> list[tuple[str, str | None, Mark]]:
    """(statement, role or None, mark) of each premise: a list, or a map of role → statement."""
    if isinstance(node, MarkedMap):
        return [(_term(value), role, node.value_marks[role]) for role, value in node.items()]
    if node is None:
        return []
    if not isinstance(node, MarkedList):
        reader.problem("carneades-format", f"premises of argument {arg!r} must be a list or a map of roles, not a single value", mark, f"write [{node}]")
        return []
    return [(s, None, m) for s, m in reader.ids(node, f"premises of argument {arg!r}", mark)]


def _arguments(reader: _Reader, draft: Draft, node: MarkedMap, claim_of: dict[str, str]) -> dict[str, DraftRelation]:
    """Each argument as a support; returns argument id → its relation."""
    relation_of: dict[str, DraftRelation] = {}
    for arg, body in node.items():
        body = reader.mapping(body, f"argument {arg!r}", node.value_marks[arg])
        fields: dict[str, tuple[Any, Mark]] = {}
        for key, value in body.items():
            name = ARGUMENT_KEYS.get(key.lower())
            if name is None:
                close = difflib.get_close_matches(key.lower(), list(ARGUMENT_KEYS), n=1)
                reader.problem("carneades-format", f"unknown key {key!r} in argument {arg!r}", body.key_marks[key], f"did you mean {close[0]!r}?" if close else None)
            else:
                fields[name] = (value, body.value_marks[key])
        if "conclusion" not in fields:
            reader.problem("carneades-format", f"argument {arg!r} has no conclusion", node.key_marks[arg])
            continue
        conclusion, conclusion_mark = _term(fields["conclusion"][0]), fields["conclusion"][1]
        premises = _premises(reader, arg, *fields.get("premises", (None, body.mark)))
        notes = [f"Carneades argument {arg}"]
        if "scheme" in fields:
            notes.append(f"scheme {fields['scheme'][0]}")
        if "weight" in fields:
            weight, weight_mark = fields["weight"]
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= 1:
                reader.problem("carneades-format", f"weight of argument {arg!r} must be a number from 0 to 1, not {weight!r}", weight_mark)
            notes.append(f"weight {weight}")
        roles = [f"{role}: {s}" for s, role, _ in premises if role]
        if roles:
            notes.append("premises " + ", ".join(roles))
        if fields.get("parameters", (None,))[0]:
            notes.append(f"parameters {fields['parameters'][0]}")
        if "undercutter" in fields and _term(fields["undercutter"][0]) == conclusion:
            reader.problem("carneades-format", f"argument {arg!r} has the same statement as conclusion and undercutter", fields["undercutter"][1])
        ok = reader.known(conclusion, conclusion_mark, f"conclusion of argument {arg!r}", claim_of)
        ok = all([reader.known(s, m, f"premise of argument {arg!r}", claim_of) for s, _, m in premises]) and ok
        if not ok:
            continue
        sources = [claim_of[s] for s, _, _ in premises]
        if not sources:  # a premise-less argument stands for itself
            sources = [draft.add_claim(f"argument-{arg}", DraftClaim(f"Argument {arg} (it has no premises)", tags=["argument"], note=f"Carneades argument {arg}, which has no premises"))]
        rel = draft.add_relation(RelationKind.SUPPORT, sources[0], claim_of[conclusion], linked=sources[1:], wanted_id=f"arg-{arg}", note="; ".join(notes))
        if rel is not None:
            relation_of[arg] = rel
    return relation_of


def _undercutters(reader: _Reader, draft: Draft, node: MarkedMap, claim_of: dict[str, str], relation_of: dict[str, DraftRelation]) -> None:
    """An argument's undercutter undercuts the support that stands for it."""
    for arg, body in node.items():
        if not isinstance(body, MarkedMap):
            continue
        for key, value in body.items():
            if ARGUMENT_KEYS.get(key.lower()) != "undercutter" or value is None:
                continue
            statement = _term(value)
            if reader.known(statement, body.value_marks[key], f"undercutter of argument {arg!r}", claim_of) and arg in relation_of:
                draft.add_relation(RelationKind.UNDERCUT, claim_of[statement], relation_of[arg].id, note=f"undercutter of Carneades argument {arg}")


def _issues(reader: _Reader, draft: Draft, node: MarkedMap, claim_of: dict[str, str]) -> None:
    """The positions of an issue exclude each other: each rebuts every other."""
    for issue, body in node.items():
        body = reader.mapping(body, f"issue {issue!r}", node.value_marks[issue])
        standard = str(body.get("standard") or "PE")
        if standard.lower() not in STANDARDS:
            reader.problem("carneades-format", f"issue {issue!r}: proof standard {standard!r} is not PE, CCE or BRD", body.value_marks.get("standard", body.mark))
        positions = reader.ids(body.get("positions"), f"positions of issue {issue!r}", body.value_marks.get("positions", body.mark))
        known = [s for s, m in positions if reader.known(s, m, f"position of issue {issue!r}", claim_of)]
        note = f"Carneades issue {issue} (proof standard {STANDARDS.get(standard.lower(), standard)})"
        for one in known:
            for other in known:
                if one != other:
                    draft.add_relation(RelationKind.REBUT, claim_of[one], claim_of[other], tags=["issue"], note=note)
