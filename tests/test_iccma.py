"""ICCMA readers and output, checked against the reference extensions in shared/data/iccma.

The same code paths on frameworks of our own, with extensions worked out by hand, are in
test_own_fixtures.py: those run in a clone without the third-party data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.analysis.dung import SEMANTICS, Framework, Label, extensions
from argmap.analysis.iccma import format_extensions, read_apx, read_framework, read_tgf
from argmap.errors import InputError
from conftest import corpus, corpus_cases

INSTANCES = sorted(corpus("iccma/instances").glob("*.*"))
EXPECTED = corpus("iccma/expected")


def _expected(instance: Path) -> dict[str, list[frozenset[str]]]:
    """Reference extensions per semantics; a ``.tgf`` without its own borrows its ``.apx``'s.

    The AFGen ``.tgf`` names its arguments ``17`` where the ``.apx`` says ``a17``.
    """
    found = {}
    for path in sorted(EXPECTED.glob(f"{instance.name}.*.json")):
        data = json.loads(path.read_text())
        found[data["semantics"]] = [frozenset(ext) for ext in data["extensions"]]
    if not found and instance.suffix == ".tgf":
        borrowed = _expected(instance.with_suffix(".apx"))
        rename = {f"a{name}": name for name in read_tgf(instance).arguments}
        found = {
            semantics: [frozenset(rename[name] for name in ext) for ext in exts] for semantics, exts in borrowed.items()
        }
    return found


CASES = [
    pytest.param(instance, semantics, expected, id=f"{instance.name}-{semantics}")
    for instance in INSTANCES
    for semantics, expected in _expected(instance).items()
]


@pytest.mark.corpus("iccma/instances", "iccma/expected")
def test_every_instance_has_references_for_every_semantics() -> None:
    for instance in INSTANCES:
        assert _expected(instance), f"no reference extensions for {instance.name}"
    assert {semantics for _, semantics, _ in (case.values for case in CASES)} == set(SEMANTICS)


@pytest.mark.corpus("iccma/instances", "iccma/expected")
@pytest.mark.parametrize(("instance", "semantics", "expected"), corpus_cases(CASES, 3))
def test_reference_extensions(instance: Path, semantics: str, expected: list[frozenset[str]]) -> None:
    got = extensions(read_framework(instance), semantics)
    assert len(got) == len(set(got))
    assert set(got) == set(expected)
    assert len(got) == len(expected)  # [] (none) and [[]] (only the empty set) differ


@pytest.mark.corpus("iccma/instances/n100p5q2.apx", "iccma/instances/n100p5q2.tgf")
def test_afgen_tgf_is_the_apx_graph() -> None:
    apx = read_framework(corpus("iccma/instances/n100p5q2.apx"))
    tgf = read_framework(corpus("iccma/instances/n100p5q2.tgf"))
    assert {f"a{name}" for name in tgf.arguments} == set(apx.arguments)
    assert {(f"a{a}", f"a{b}") for a, b in tgf.attacks} == set(apx.attacks)


def test_apx_accepts_what_real_files_hold() -> None:
    text = (
        "% a comment\r\n"
        "arg(a2).\r\n"
        "\r\n"
        "arg( a1 ).\r\n"
        "  arg(a3) .\n"
        "arg(a1).\n"  # declared twice
        "att( a1 , a2 ).\n"
        "att(a3,a3).\n"
        "\n"
        "arg(lonely)."  # no final line end
    )
    fw = read_apx(text)
    assert fw.arguments == ("a2", "a1", "a3", "lonely")
    assert sorted(fw.attacks) == [("a1", "a2"), ("a3", "a3")]


def test_apx_reports_every_problem_with_line_and_column() -> None:
    text = "arg(a1).\narg(a2)\natt(a1,zz).\n\n  att(a1 a2).\natt(qq,a1).\n"
    with pytest.raises(InputError) as caught:
        read_apx(text)
    found = [(p.code, p.location.line, p.location.column) for p in caught.value.problems]
    assert found == [
        ("iccma-syntax", 2, 1),
        ("iccma-undeclared", 3, 8),
        ("iccma-syntax", 5, 3),
        ("iccma-undeclared", 6, 5),
    ]
    assert str(caught.value).startswith("<string>:2:1: error:")


def test_problems_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.apx"
    path.write_text("arg(a).\r\natt(a,b).\r\n", newline="")
    with pytest.raises(InputError) as caught:
        read_framework(path)
    (problem,) = caught.value.problems
    assert (problem.location.path, problem.location.line, problem.location.column) == (str(path), 2, 7)


def test_tgf_reads_names_then_attacks() -> None:
    fw = read_tgf("1\r\n3\r\n2\r\n\r\n#\r\n1 2\r\n 3  3 \r\n\n")
    assert fw.arguments == ("1", "3", "2")
    assert sorted(fw.attacks) == [("1", "2"), ("3", "3")]
    assert read_tgf("a\nb\n").attacks == []  # no '#': no attacks
    assert len(read_tgf("")) == 0


def test_tgf_reports_problems() -> None:
    with pytest.raises(InputError) as caught:
        read_tgf("a\nb c\n#\na b\na\n b x\n")
    found = [(p.code, p.location.line, p.location.column) for p in caught.value.problems]
    assert found == [
        ("iccma-syntax", 2, 1),  # so b is not declared
        ("iccma-undeclared", 4, 3),
        ("iccma-syntax", 5, 1),
        ("iccma-undeclared", 6, 2),
        ("iccma-undeclared", 6, 4),
    ]


def test_unknown_suffix_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_framework(tmp_path / "graph.txt")
    assert caught.value.problems[0].code == "iccma-format"


def test_format_extensions() -> None:
    assert format_extensions([]) == "[]"
    assert format_extensions([frozenset()]) == "[[]]"
    assert format_extensions([{"a10", "a2"}, {"a1"}, set()]) == "[[],[a1],[a2,a10]]"
    fw = Framework(["a", "b"], [("a", "b"), ("b", "a")])
    assert format_extensions(extensions(fw, "stable")) == "[[a],[b]]"


@pytest.mark.parametrize(
    "text",
    [
        "arg(a1).\narg(a2).\natt(a1,a2).\n",
        "arg(a1).\r\narg(a2).\r\natt(a2,a1).\r\natt(a1,a1).",  # CRLF, no final line end
        "arg(a_very_long_argument_name_1).\narg(b).\narg(b).\natt(b,a_very_long_argument_name_1).\n",
        "att(a,b).\narg(b).\narg(a).\n",  # attacks first
        "arg(a).\n",
    ],
)
def test_plain_apx_fast_path_matches_the_general_reader(text: str) -> None:
    from argmap.analysis import iccma

    fast = iccma._plain_apx(text.encode("ascii"))
    assert fast is not None
    general = iccma._framework(dict.fromkeys(iccma._ARG.findall(text)), iccma._ATT.findall(text))
    assert fast.arguments == general.arguments
    assert fast.attacks == general.attacks


def test_plain_apx_fast_path_leaves_undeclared_arguments_to_the_general_reader() -> None:
    from argmap.analysis import iccma

    assert iccma._plain_apx(b"arg(a).\natt(a,b).\n") is None
    with pytest.raises(InputError):
        read_apx("arg(a).\natt(a,b).\n")


@pytest.mark.corpus("iccma/instances", "iccma/expected")
@pytest.mark.parametrize(("instance", "expected"), [(i, e["grounded"]) for i in INSTANCES if "grounded" in (e := _expected(i))], ids=lambda p: getattr(p, "name", ""))
def test_the_queue_without_numpy_gives_the_reference_grounded_extension(instance: Path, expected: list[frozenset[str]]) -> None:
    """The pure-Python grounded labelling (what every map below 50k arguments is analysed
    with) against the reference answers, not against our numpy rounds."""
    from argmap.analysis.grounded import grounded_labels

    fw = read_framework(instance)
    labels = grounded_labels(len(fw), fw.attackers.tolist(), fw.targets.tolist())
    assert [frozenset(name for name, label in zip(fw.arguments, labels) if label is Label.IN)] == expected
