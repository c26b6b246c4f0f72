"""``argmap analyze``: what stands, what was dropped, where the sides clash, how strong."""

from __future__ import annotations

import argparse
import sys

from argmap.options import add_links_option

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any

    from rich.console import Console
    from rich.segment import Segment

HELP = "analyse maps: status and why, dropped arguments, agreement, clashes, chains, strength"
ORDER = 20

SEMANTICS = ("grounded", "complete", "preferred", "stable")
STRENGTHS = ("dfquad", "quad", "quadratic_energy", "euler", "h_categorizer")


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Analyse a map (or a folder of maps): each claim's grounded status (IN/OUT/UNDEC) "
        "once every rebuttal and undercut is counted, and why; what became of each claim "
        "(answered, dropped, no chance to reply, not engaged, conceded); where the sides "
        "agree and clash; the rebuttal chains; and each claim's gradual strength."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="MAP", help="a map file or a folder of maps")
    parser.add_argument("--semantics", choices=SEMANTICS, default="grounded", help="also list the extensions of these semantics (default: grounded only)")
    parser.add_argument("--strength", choices=STRENGTHS, default="dfquad", help="gradual semantics for strength (default dfquad)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="a readable report, or JSON for other tools")
    parser.add_argument("--chains", type=int, default=10, metavar="N", help="rebuttal chains shown in the text report (longest first)")
    add_links_option(parser)


def run(args: argparse.Namespace) -> int:
    import time

    from argmap import stamps

    # the report as printed is remembered with the files it came from: asked again of
    # unchanged maps (piped to less a second time, say), it is printed without loading
    # them or analysing them again
    options = [args.semantics, args.strength, args.links, args.format, args.chains, *_terminal()]
    remembered = stamps.recall("analyze", args.paths, options)
    if remembered is not None and isinstance(remembered.get("output"), str):
        sys.stdout.write(remembered["output"])
        sys.stdout.flush()
        return 0
    from functools import cache, partial

    from argmap.analysis.links import Links, analyst_relations
    from argmap.cache import load_analysed, read_maps
    from argmap.errors import InputError

    read_since = time.time_ns()
    links = Links(args.links)
    reading = cache(partial(read_maps, args.paths))  # read at most once for both choices of links
    workspace, analysis = load_analysed(args.paths, strength_semantics=args.strength, links=links, read=reading)
    if analysis is None:
        raise InputError(workspace.problems)
    # the other reading, to name the verdicts that rest on analyst links; with none, it is this one
    alternative = analysis
    if analysis.left_out or (links is Links.ALL and analyst_relations(workspace)):
        other = Links.ALL if links is Links.TEXTS else Links.TEXTS
        alternative = load_analysed(args.paths, strength_semantics=args.strength, links=other, read=reading)[1] or analysis
    extensions = _extensions(analysis, args.semantics) if args.semantics != "grounded" else None
    report = _report(workspace, analysis, args.semantics, extensions, alternative)
    if args.format == "json":
        import json

        output = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    else:
        output = _text(report, args.chains)
    sys.stdout.write(output)
    sys.stdout.flush()
    # a warning may come from a file that is missing: never remembered; nor a report too large
    # to be worth a copy in the cache (100k claims: tens of megabytes, laid out in seconds)
    if not workspace.problems and len(output) <= REMEMBERED_AT_MOST:
        stamps.remember("analyze", args.paths, options, workspace.files(), {"output": output}, read_since=read_since)
    return 0


REMEMBERED_AT_MOST = 8_000_000
"""Characters of the longest report remembered: the generated 10k-claim maps give 3.4 and 6.9
million; answers are pruned by count (:data:`argmap.stamps.KEPT`), so a size keeps the cache bounded."""

RICH_ENVIRON = ("COLORTERM", "COLUMNS", "FORCE_COLOR", "JUPYTER_COLUMNS", "JUPYTER_LINES", "LINES", "NO_COLOR", "TERM", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
"""What Rich's Console reads from the environment to choose the report's width and colours."""


def _terminal() -> list[object]:
    """What the text report's width and colours depend on, as Rich decides them: whether
    the output is a terminal, the terminal's size (Rich asks stdin, stdout, then stderr)
    and the environment it reads. A report remembered for one of these is not printed for another."""
    import os

    size = None
    for descriptor in (0, 1, 2):
        try:
            size = list(os.get_terminal_size(descriptor))
            break
        except (OSError, ValueError):
            continue
    return [sys.stdout.isatty(), size, *(os.environ.get(name) for name in RICH_ENVIRON)]


def _extensions(analysis: Any, semantics: str) -> list[list[str]] | str:
    """Extensions of ``semantics``, claims only; or the reason they could not be listed."""
    from argmap.analysis.debate import attack_framework
    from argmap.analysis.dung import extensions
    from argmap.errors import LimitError

    try:
        found = extensions(attack_framework(analysis.graph), semantics)
    except LimitError as err:
        return str(err)
    claims = {key for key, data in analysis.graph.nodes(data=True) if data["type"] == "claim"}
    unique = {tuple(sorted(k for k in ext if k in claims)) for ext in found}
    return [list(ext) for ext in sorted(unique)]


def _report(workspace: Any, analysis: Any, semantics: str, extensions: list[list[str]] | str | None, alternative: Any = None) -> dict[str, Any]:
    """Everything the analysis found, as plain data (the JSON form; the text report reads it).

    ``alternative`` is the analysis on the other choice of links: the claims whose status
    differs between the two are the verdicts that rest on the analyst's links.
    """
    from argmap.analysis.debate import Response
    from argmap.analysis.dung import Label
    from argmap.analysis.links import ANALYST_LINK, Links, bearing_on_primary

    claims = workspace.claims
    responses = analysis.responses

    def brief(key: str) -> dict[str, Any]:
        claim = claims[key]
        source = workspace.source(claim)
        response = responses.get(key)
        return {
            "key": key,
            "id": workspace.display_id(key),
            "text": claim.text,
            "kind": claim.kind.value,
            "side": workspace.side(claim),
            "speaker": claim.by,
            "source": source.id if source else None,
            "status": analysis.status[key].name,
            "reason": analysis.reason(key),
            "response": response.value if response else None,
            "strength": round(analysis.strength[key], 6),
        }

    def analyst(relation: str | None) -> bool:
        """Whether a relation is an analyst's link (counted with --links all), not a speaker's."""
        rel = analysis.workspace.relations.get(relation) if relation else None
        return rel is not None and ANALYST_LINK in rel.tags

    changed = []
    if alternative is not None:
        for key in claims:
            if workspace.is_primary(key) and alternative.status.get(key) is not analysis.status[key]:
                changed.append({**brief(key), "other_links": alternative.links.value, "other_status": alternative.status[key].name, "other_reason": alternative.reason(key)})
    inferences = []
    if alternative is not None:
        # an inference a speaker drew that an analyst's undercut defeats (or the reverse)
        for key, rel in workspace.relations.items():
            other = alternative.status.get(key)
            touches = workspace.is_primary(rel.source) or workspace.is_primary(rel.target)
            if other is not None and touches and other is not analysis.status[key] and rel.target in claims:
                attackers = alternative.attackers_in(key) if other is Label.OUT else analysis.attackers_in(key)
                inferences.append({
                    "relation": key, "kind": rel.kind.value, "from": rel.source, "to": rel.target,
                    "status": analysis.status[key].name, "other_status": other.name,
                    "by": [a.source for a in attackers],
                })
    stems = workspace.primary
    texts = analysis if analysis.links is Links.TEXTS else alternative
    full = alternative if analysis.links is Links.TEXTS else analysis
    analyst_links = len(bearing_on_primary(full.workspace, texts.left_out)) if texts is not None and full is not None else 0
    report: dict[str, Any] = {
        "maps": {stem: workspace.maps[stem].title for stem in stems},
        "resolutions": {stem: workspace.maps[stem].resolution for stem in stems if workspace.maps[stem].resolution},
        "context_maps": [stem for stem in workspace.maps if stem not in stems],
        "links": analysis.links.value,
        "analyst_links": analyst_links,
        "links_wording": analysis.links.wording(analyst_links),
        "strength_semantics": analysis.strength_semantics,
        "strength_converged": analysis.converged,
        "sides": [
            {"side": s.side, "label": s.label, "burden": s.burden, "claims": s.claims, "status": dict(s.status), "theses": dict(s.theses),
             "dropped": s.dropped_by_opponents, "responses": dict(s.responses)}
            for s in analysis.sides
        ],
        "claims": [brief(key) for key in claims if workspace.is_primary(key)],
        "dropped": [brief(key) for key in claims if key in analysis.dropped],
        "responses": {r.value: [brief(key) for key in claims if responses.get(key) is r] for r in Response},
        "agreements": [
            {"claim": a.claim, "by": a.by, "grantor_claim": a.grantor_claim, "relation": a.relation, "analyst_link": analyst(a.relation)}
            for a in analysis.agreements
        ],
        "verdicts_resting_on_links": changed,
        "inferences_resting_on_links": inferences,
        "clashes": [
            {"attacker": c.attacker, "target": c.target, "relation": c.relation, "attacker_side": c.attacker_side, "target_side": c.target_side,
             "partial": c.partial, "analyst_link": analyst(c.relation),
             "attacker_status": analysis.status[c.attacker].name, "target_status": analysis.status[c.target].name}
            for c in analysis.clashes
        ],
        "chains": [{"claims": list(chain.claims), "last_word": chain.last_word, "cyclic": chain.cyclic} for chain in analysis.chains],
        "unsupported": sorted(analysis.unsupported),
        "isolated": sorted(analysis.isolated),
    }
    mentioned = {key for clash in analysis.clashes for key in (clash.attacker, clash.target)}
    mentioned |= {key for chain in analysis.chains for key in chain.claims}
    mentioned |= {key for a in analysis.agreements for key in (a.claim, a.grantor_claim) if key}
    mentioned |= {key for i in inferences for key in (i["from"], i["to"], *i["by"])}
    report["names"] = {key: workspace.display_id(key) for key in sorted(mentioned | set(claims))}
    report["texts"] = {key: claims[key].text for key in sorted(mentioned)}
    if extensions is not None:
        report["extensions"] = {"semantics": semantics, "result": extensions}
    return report


STRENGTH_NOTE = (
    "Strength is not a verdict: it is a score from 0 to 1 of how much the map backs a claim. Each claim "
    "starts at its weight (0.5 unless the map sets one); supports that stand raise it, attacks that stand "
    "lower it. A claim with many reasons can score high and still fall to one answer: read the status first."
)


def _text(report: dict[str, Any], chain_count: int) -> str:
    """The text report, as Rich renders it for this output (colours on a terminal)."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
    with console.capture() as capture:
        _print_text(console, report, chain_count)
    return capture.get()


COLUMN_AT_MOST = 60
"""Widest a column other than the last is drawn; the last runs to the end of the line."""


def _table(console: Console, title: str, headers: Sequence[str], rows: Sequence[Sequence[str | tuple[str, str]]], *, right: Sequence[int] = ()) -> None:
    """A table as aligned columns, a row a line (with its claims' texts dim on the line
    below), printed in one piece, then a blank line. A cell is one line, or a claim's name with the start of
    its text (drawn below it).

    Rich's tables measured and wrapped every cell: 1.2 s for a 1k-claim map's report, 10 s
    at 10k, where the rest of the command took a fifth of a second. Here a column is as wide
    as its widest line (at most :data:`COLUMN_AT_MOST`, longer ones cut with "…"); the last
    column, the reasons, is never cut and runs on as the terminal wraps it.
    """
    from rich.cells import cell_len, set_cell_size

    last = len(headers) - 1
    widths = [cell_len(h) for h in headers]
    for row in rows:
        aligned_below = sum(isinstance(cell, tuple) for cell in row) > 1  # else the one text runs on (below)
        for i, cell in enumerate(row):
            first, below = cell if isinstance(cell, tuple) else (cell, "")
            widths[i] = max(widths[i], cell_len(first), cell_len(below) + 2 if below and aligned_below else 0)
    widths = [min(w, COLUMN_AT_MOST) if i < last else w for i, w in enumerate(widths)]

    def aligned(cells: Sequence[str]) -> str:
        out = []
        for i, text in enumerate(cells):
            size = cell_len(text)
            if i < last and size > widths[i]:
                text, size = set_cell_size(text, widths[i] - 1) + "…", widths[i]
            pad = " " * max(widths[i] - size, 0)
            out.append(pad + text if i in right else text if i == last else text + pad)
        return "  ".join(out).rstrip()

    lines = [(title, "italic"), (aligned(headers), "bold")]
    for row in rows:
        lines.append((aligned([c[0] if isinstance(c, tuple) else c for c in row]), ""))
        under = ["  " + c[1] if isinstance(c, tuple) and c[1] else "" for c in row]  # indented: the row's own
        texts = [text for text in under if text]
        if len(texts) == 1:  # a claim's text under the row, as long as it is
            lines.append((texts[0], "dim"))
        elif texts:
            lines.append((aligned(under), "dim"))
    console.print(_Lines(lines), soft_wrap=True)
    console.print()


class _Lines:
    """Lines of text, each in one style, as Rich prints them: segments as they are, without
    the measuring and wrapping of a :class:`~rich.text.Text` (control characters removed)."""

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: object) -> Iterator[Segment]:
        from rich.control import strip_control_codes
        from rich.segment import Segment

        for text, style in self.lines:
            yield Segment(strip_control_codes(text), console.get_style(style) if style else None)
            yield Segment.line()


def _print_text(console: Console, report: dict[str, Any], chain_count: int) -> None:
    from rich.markup import escape

    texts = {c["key"]: c["text"] for c in report["claims"]} | report["texts"]
    name = report["names"].__getitem__
    label = {s["side"]: s["label"] for s in report["sides"]}

    def short(key: str, width: int = 70) -> str:
        text = " ".join(str(texts[key]).split())  # one line, whatever the map's text holds
        return text if len(text) <= width else text[: width - 1] + "…"

    def titled(title: str, key: str, width: int = 70) -> tuple[str, str]:
        """A claim's cell: its name, and the start of its text dimmed below."""
        return (title, short(key, width))

    def claim_cell(claim: dict[str, Any]) -> tuple[str, str]:
        return titled(claim["id"], claim["key"])

    console.print(f"[bold]{escape(' · '.join(report['maps'].values()))}[/bold]")
    for resolution in report["resolutions"].values():
        console.print(f"Resolution: {escape(resolution)}")
    console.print(f"Links: {report['links_wording']}")
    note = "" if report["strength_converged"] else "  [bold red](did not converge: strengths are the last iterate)[/bold red]"
    console.print(f"status: grounded semantics; strength: {report['strength_semantics']}{note}\n")

    burdens = [(s["label"], s["burden"]) for s in report["sides"] if s.get("burden")]
    if burdens:
        console.print("[bold]Burdens[/bold]")
        for side_label, burden in burdens:
            console.print(f"  {escape(side_label)}: {escape(burden)}")
        console.print()

    kinds = {"answered": "answered", "answered in part": "in part", "dropped": "dropped", "no chance to reply": "no chance",
             "not engaged": "not engaged", "conceded": "conceded", "concession": "concedes"}
    counts = range(1, 8)
    _table(console, "What stands, by side", ("side", "claims", "IN", "OUT", "UNDEC"), [
        (s["label"], str(s["claims"]), *(str(s["status"].get(k, 0)) for k in ("IN", "OUT", "UNDEC"))) for s in report["sides"]
    ], right=counts)
    _table(console, "What became of each side's claims (each claim counted once)", ("side", *kinds.values()), [
        (s["label"], *(str(s["responses"].get(k, 0)) for k in kinds)) for s in report["sides"]
    ], right=counts)
    _table(console, "Theses", ("thesis", "side", "status", "why"), [
        (claim_cell(claim), label.get(claim["side"], "—"), claim["status"], claim["reason"]) for claim in report["claims"] if claim["kind"] == "thesis"
    ])

    def heading(title: str) -> None:
        """A section with nothing in it: its title, without an empty table."""
        console.print(f"[italic]{title}[/italic]\n")

    changed = report["verdicts_resting_on_links"]
    other = "with analyst links" if report["links"] == "texts" else "on the texts' links alone"
    if not changed:
        heading(f"Verdicts that rest on analyst links: none (every claim's status is the same {other})")
    else:
        _table(console, f"Verdicts that rest on analyst links: status here vs {other} ({len(changed)})", ("claim", "side", "here", other, "why, " + other), [
            (claim_cell(claim), label.get(claim["side"], "—"), claim["status"], claim["other_status"], claim["other_reason"]) for claim in changed
        ])
    inferences = report["inferences_resting_on_links"]
    if inferences:  # one line each, printed at once: thousands in a map of many analyst links
        lines = [(f"Inferences that rest on analyst links ({len(inferences)}):", "italic")]
        for inference in inferences:
            by = ", ".join(name(k) for k in inference["by"]) or "—"
            lines.append((
                f"  The inference {name(inference['from'])} {inference['kind']} {name(inference['to'])}: {inference['status']} here, "
                f"{inference['other_status']} {other} (defeated by {by})", "",
            ))
        console.print(_Lines(lines), soft_wrap=True)
        console.print()

    from argmap.analysis.debate import Response

    for response in (Response.DROPPED, Response.NO_CHANCE, Response.NOT_ENGAGED, Response.ANSWERED_IN_PART):
        listed = report["responses"][response.value]
        if not listed:
            heading(f"{response.value.capitalize()}: none")
            continue
        _table(console, f"{response.value.capitalize()} ({len(listed)}): {response.meaning}", ("claim", "side", "source", "status"), [
            (claim_cell(claim), label.get(claim["side"], "—"), claim["source"] or "—", claim["status"]) for claim in listed
        ])

    agreements = report["agreements"]
    if not agreements:
        heading("Where the sides agree: nowhere the map records (no conceded claim, no support across sides)")
    else:
        rows = []
        for a in agreements:
            granted = titled(name(a["grantor_claim"]), a["grantor_claim"], 50) if a["grantor_claim"] else ("marked conceded", "")
            if a["analyst_link"]:  # the analyst's reading of agreement, not a speaker's
                granted = (granted[0] + " [analyst's link: the texts do not make it]", granted[1])
            rows.append((titled(name(a["claim"]), a["claim"], 50), a["by"] or "—", granted))
        _table(console, f"Where the sides agree ({len(agreements)}): a claim the other side grants", ("claim", "granted by", "in"), rows)

    clash_rows = []
    for clash in report["clashes"]:
        attacker = name(clash["attacker"]) + (" (in part)" if clash["partial"] else "") + (" [analyst's link]" if clash["analyst_link"] else "")
        clash_rows.append((titled(name(clash["target"]), clash["target"], 50), clash["target_status"], (attacker, short(clash["attacker"], 50)), clash["attacker_status"]))
    _table(console, f"Clash points: direct attacks across sides ({len(report['clashes'])})", ("attacked claim", "status", "attacked by", "status"), clash_rows)

    chains = sorted(report["chains"], key=lambda c: -len(c["claims"]))[:chain_count]
    console.print(f"[bold]Rebuttal chains[/bold] ({len(report['chains'])}; the {len(chains)} longest)")
    for chain in chains:
        steps = " ← ".join(name(key) for key in chain["claims"])
        last = "nobody: the chain loops" if chain["cyclic"] else label.get(chain["last_word"], "a claim of no side")
        console.print(f"  {steps}\n    [dim]last word:[/dim] {escape(last)}")
    console.print(f"\nunsupported claims (no reason given, not evidence): {len(report['unsupported'])}; isolated claims: {len(report['isolated'])}")
    console.print(f"[dim]{STRENGTH_NOTE} Strengths are in --format json.[/dim]")
    if "extensions" in report:
        result = report["extensions"]["result"]
        if isinstance(result, str):
            console.print(f"[bold red]{report['extensions']['semantics']} extensions not listed:[/bold red] {escape(result)}")
        else:
            console.print(f"\n[bold]{report['extensions']['semantics']} extensions[/bold] ({len(result)}), claims only:")
            for ext in result:
                console.print("  {" + ", ".join(ext) + "}")
