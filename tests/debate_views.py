"""A small debate with one claim of every reply a judge tells apart, for the views' tests.

Written from the rules (a speech is a chance to answer only for a side that speaks later
and takes the earlier speech up), not from argmap's output: each claim's comment says what
a judge would call it. Sources are speeches in this order:

1. ``blog``: Aff's blog post, which Neg never takes up;
2. ``aff1``: Aff's constructive;
3. ``neg1``: Neg's constructive, replying to ``aff1``;
4. ``aff2``: Aff's rebuttal, replying to ``neg1``, the last speech.

Two relations are the analyst's (tagged ``analyst-link``): ``n-analyst`` rebuts
``dropped-point``, and ``n-echo`` supports Aff's thesis. With ``--links texts`` neither
counts; with ``--links all`` they count for status, but neither is an answer or agreement
a speaker gave.
"""

from __future__ import annotations

from pathlib import Path

TEXT = "Everything said in this debate is quoted from it."

CLAIMS = {
    # Aff
    "blog-point": "by: a, quote: {source: blog, text: it}",  # not engaged: Neg spoke later, never to the blog
    "thesis": "kind: thesis, by: a, quote: {source: aff1, text: it}",  # dropped: Neg took up aff1 and never answered it
    "dropped-point": "by: a, supports: [thesis], quote: {source: aff1, text: it}",  # dropped; falls to the analyst's link with --links all
    "answered-point": "by: a, supports: [thesis], quote: {source: aff1, text: it}",  # answered by n-answer, and falls
    "partly": "by: a, supports: [thesis], quote: {source: aff1, text: it}",  # answered in part by n-partial
    "agreed": "by: a, supports: [thesis], quote: {source: aff1, text: it}",  # conceded: Neg's n-grant supports it
    "marked": "by: a, conceded: n, quote: {source: aff1, text: it}",  # conceded: marked so
    "own-concession": "by: a, rebuts: [{to: thesis, id: granted-against}], quote: {source: aff1, text: it}",  # Aff grants a point against itself ...
    "own-but": "by: a, undercuts: [granted-against], quote: {source: aff1, text: it}",  # ... and answers it: dropped, and stands
    "a-last": "by: a, rebuts: [n-thesis], quote: {source: aff2, text: it}",  # no chance to reply: the last speech
    # Neg
    "n-thesis": "kind: thesis, by: n, quote: {source: neg1, text: it}",  # answered by a-last, and falls
    "n-answer": "by: n, rebuts: [answered-point], supports: [n-thesis], quote: {source: neg1, text: it}",  # dropped by Aff
    "n-partial": "by: n, rebuts: [{to: partly, partial: true}], quote: {source: neg1, text: it}",  # dropped by Aff
    "n-grant": "by: n, supports: [agreed], quote: {source: neg1, text: it}",  # a concession: it only grants Aff's claim
    "n-analyst": "by: n, rebuts: [{to: dropped-point, tags: [analyst-link]}], quote: {source: neg1, text: it}",
    "n-echo": "by: n, supports: [n-thesis, {to: thesis, tags: [analyst-link]}], quote: {source: neg1, text: it}",
}

WORDS = {key: f"Claim {key.upper()} says so." for key in CLAIMS}
"""Each claim's text: unique, so a test can find it in any view."""


def write_debate(folder: Path, *, name: str = "d") -> Path:
    """Write the debate (with its source text) into ``folder``; return the map's path."""
    (folder / "t.txt").write_text(TEXT, encoding="utf-8")
    claims = "".join(f"  {key}: {{text: '{WORDS[key]}', {body}}}\n" for key, body in CLAIMS.items())
    path = folder / f"{name}.yaml"
    path.write_text(
        "argmap: 1\ntitle: A debate of every reply\n"
        "resolution: Should the motion pass?\n"
        "sides:\n"
        "  aff: {label: Affirmative, burden: Show the motion does more good than harm.}\n"
        "  neg: {label: Negative, burden: Show it does not.}\n"
        "speakers:\n  a: {name: Ann, side: aff}\n  n: {name: Ned, side: neg}\n"
        "sources:\n"
        "  blog: {title: Aff blog post, text: t.txt}\n"
        "  aff1: {title: Aff constructive, text: t.txt}\n"
        "  neg1: {title: Neg constructive, text: t.txt, replies-to: [aff1]}\n"
        "  aff2: {title: Aff rebuttal, text: t.txt, replies-to: [neg1]}\n"
        "claims:\n" + claims,
        encoding="utf-8",
    )
    return path


def reasons(path: Path, links: str = "texts") -> dict[str, str]:
    """Each claim's reason for its status, as the analysis words it (by local id): the views
    must carry these words, whatever they are."""
    from argmap.analysis.debate import analyze
    from argmap.analysis.links import Links
    from argmap.load import load_workspace

    analysis = analyze(load_workspace([path]), links=Links(links))
    return {key.partition(":")[2]: analysis.reason(key) for key in analysis.workspace.claims}
