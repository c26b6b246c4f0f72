"""Every map argmap writes loads, with the same values, in every common YAML loader.

Editors, CI scripts and other tools read maps with whatever YAML library they have:
PyYAML's pure-Python and libyaml loaders (YAML 1.1 rules: ``yes`` is a boolean, ``?``
ends a plain scalar inside ``[…]``), ruamel.yaml (YAML 1.2, safe and round-trip), and the
shipped JSON Schema that yaml-language-server validates with. Both ways argmap writes YAML
are covered: the importers' serialiser (:func:`argmap.interchange.writer.to_yaml`) and the
editing commands (ruamel round-trip through :class:`argmap.edit.roundtrip.Document`).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from argmap.edit.ops import add_claim, quote_node
from argmap.edit.roundtrip import Document
from argmap.errors import CONTROL_CHARACTER
from argmap.interchange.writer import Draft, DraftClaim, DraftSource, DraftSpeaker, to_yaml
from argmap.model import RelationKind
from argmap.schema import schema_text

LOOK_ALIKES = ["null", "Null", "~", "yes", "No", "on", "OFF", "y", "true", "1e3", "0x1f", "0o7", "012", "1_000",
               "1:20", ".inf", "-.nan", "2009-11-05", "- item", "? key", ": value", "# hash", "a: b", "a #b", "Why not?",
               "a?b", "[x]", "{y}", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick", "|", ">", "'", '"', "a, b"]
TEXT = st.one_of(
    st.sampled_from(LOOK_ALIKES),
    st.text(alphabet=st.sampled_from([*list("aZ9 ?:#-,'\"[]{}!&*|>%@`\\\t"), "é", "ß", "–", "’", "中", "😀", "\xa0"]), min_size=1, max_size=12),
    st.text(min_size=1, max_size=20).filter(lambda s: "\x00" not in s),
).filter(lambda s: s.strip() != "")  # a text that is only white space is not a claim
TAGS = st.lists(TEXT, max_size=3, unique=True)


def _loads(text: str) -> list[tuple[str, Any]]:
    """The document as each loader reads it."""
    return [
        ("pyyaml-pure", yaml.load(text, Loader=yaml.SafeLoader)),
        ("pyyaml-libyaml", yaml.load(text, Loader=yaml.CSafeLoader)),
        ("ruamel-safe", YAML(typ="safe", pure=True).load(text)),
        ("ruamel-rt", json.loads(json.dumps(YAML(typ="rt").load(text)))),  # plain dicts and lists
    ]


VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))


def _dig(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _assert_every_loader_reads(text: str, written: dict[tuple[str | int, ...], Any]) -> None:
    """Each loader reads ``text``, finds every written value at its path, and the schema accepts it."""
    for name, data in _loads(text):
        assert {path: _dig(data, path) for path in written} == written, name
        assert list(VALIDATOR.iter_errors(data)) == [], name


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, label=TEXT, name=TEXT, role=TEXT, source=TEXT, text=TEXT, quote=TEXT, note=TEXT, tags=TAGS, rel_tags=TAGS)
def test_an_imported_map_reads_the_same_in_every_loader(title: str, label: str, name: str, role: str, source: str, text: str,
                                                        quote: str, note: str, tags: list[str], rel_tags: list[str]) -> None:
    draft = Draft(title=title, origin=["written by a test"], summary=note)
    draft.sides["s"] = label
    draft.speakers["p"] = DraftSpeaker(name, role=role, side="s", note=note)
    draft.sources["q"] = DraftSource(source, url=note, note=note)
    draft.add_claim("a", DraftClaim(text, by="p", quote=("q", quote), tags=tags, note=note))
    draft.add_claim("b", DraftClaim(note, kind="thesis", tags=rel_tags))
    draft.add_relation(RelationKind.SUPPORT, "a", "b", tags=rel_tags, note=text)
    written: dict[tuple[str | int, ...], Any] = {
        ("title",): title, ("summary",): note, ("sides", "s", "label"): label,
        ("speakers", "p", "name"): name, ("speakers", "p", "role"): role, ("speakers", "p", "note"): note,
        ("sources", "q", "title"): source, ("sources", "q", "url"): note,
        ("claims", "a", "text"): text, ("claims", "a", "quote"): {"source": "q", "text": quote}, ("claims", "a", "note"): note,
        ("claims", "b", "text"): note,
    }
    if tags:
        written["claims", "a", "tags"] = tags
    relation = ("claims", "a", "supports", 0)
    written[(*relation, "to")] = "b"
    written[(*relation, "note")] = text
    if rel_tags:
        written[(*relation, "tags")] = rel_tags
        written["claims", "b", "tags"] = rel_tags
    # control characters are written as U+FFFD, where they were (a map refuses them): the rest exactly
    written = {path: _shown(value) for path, value in written.items()}
    _assert_every_loader_reads(to_yaml(draft), written)


def _shown(value: Any) -> Any:
    if isinstance(value, str):
        return CONTROL_CHARACTER.sub("\ufffd", value)
    if isinstance(value, list):
        return [_shown(v) for v in value]
    if isinstance(value, dict):
        return {k: _shown(v) for k, v in value.items()}
    return value


START = "argmap: 1\ntitle: t\nsources:\n  q: {title: q}\nclaims:\n  b:\n    text: B\n    tags: [x]\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, quote=TEXT, note=TEXT, tags=TAGS)
def test_an_edited_map_reads_the_same_in_every_loader(text: str, quote: str, note: str, tags: list[str]) -> None:
    # the editing session refuses control characters before they reach a map (ruamel wrote
    # a NEL raw, which every loader reads as a line break)
    assume(not any(CONTROL_CHARACTER.search(value) for value in (text, quote, note, *tags)))
    document = Document(START, "m.yaml")
    add_claim(document.data, "a", {"text": text, "quote": quote_node("q", quote), "tags": tags or None, "note": note})
    written: dict[tuple[str | int, ...], Any] = {
        ("claims", "a", "text"): text, ("claims", "a", "quote"): {"source": "q", "text": quote}, ("claims", "a", "note"): note,
        ("claims", "b", "tags"): ["x"],
    }
    if tags:
        written["claims", "a", "tags"] = tags
    _assert_every_loader_reads(document.render(), written)


@pytest.mark.parametrize("value", ["Why not?", "a?b", "yes", "1:20", "2009-11-05", "null"])
def test_the_values_pure_pyyaml_used_to_refuse_or_misread(value: str) -> None:
    draft = Draft(title="t", origin=[])
    draft.sources["q"] = DraftSource("q")
    draft.add_claim("a", DraftClaim(value, quote=("q", value), tags=[value]))
    _assert_every_loader_reads(to_yaml(draft), {("claims", "a", "text"): value, ("claims", "a", "quote", "text"): value,
                                                ("claims", "a", "tags"): [value]})
