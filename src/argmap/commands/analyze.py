"""``argmap analyze``: what stands, what was dropped, where the sides clash, how strong."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HELP = "analyse maps: status, strength, dropped arguments, clashes, chains"
ORDER = 20

SEMANTICS = ("grounded", "complete", "preferred", "stable")
STRENGTHS = ("dfquad", "quad", "quadratic_energy", "euler", "h_categorizer")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Analyse a map (or a folder of maps): each claim's grounded status (IN/OUT/UNDEC) "
        "once every rebuttal and undercut is counted, its gradual strength, the arguments "
        "each side left unanswered, the clash points and the rebuttal chains."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="MAP", help="a map file or a folder of maps")
    parser.add_argument("--semantics", choices=SEMANTICS, default="grounded", help="also list the extensions of these semantics (default: grounded only)")
    parser.add_argument("--strength", choices=STRENGTHS, default="dfquad", help="gradual semantics for strength (default dfquad)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="a readable report, or JSON for other tools")
    parser.add_argument("--chains", type=int, default=10, metavar="N", help="rebuttal chains shown in the text report (longest first)")


def run(args: argparse.Namespace) -> int:
    from argmap.cache import load_analysed
    from argmap.errors import InputError

    workspace, analysis = load_analysed(args.paths, strength_semantics=args.strength)
    if analysis is None:
        raise InputError(workspace.problems)
    extensions = _extensions(analysis, args.semantics) if args.semantics != "grounded" else None
    report = _report(workspace, analysis, args.semantics, extensions)
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_text(report, args.chains)
    return 0


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


def _report(workspace: Any, analysis: Any, semantics: str, extensions: list[list[str]] | str | None) -> dict[str, Any]:
    """Everything the analysis found, as plain data (the JSON form; the text report reads it)."""
    claims = workspace.claims

    def brief(key: str) -> dict[str, Any]:
        claim = claims[key]
        source = workspace.source(claim)
        return {
            "key": key,
            "id": workspace.display_id(key),
            "text": claim.text,
            "kind": claim.kind.value,
            "side": workspace.side(claim),
            "speaker": claim.by,
            "source": source.id if source else None,
            "status": analysis.status[key].name,
            "strength": round(analysis.strength[key], 6),
        }

    report: dict[str, Any] = {
        "maps": {stem: workspace.maps[stem].title for stem in workspace.primary},
        "context_maps": [stem for stem in workspace.maps if stem not in workspace.primary],
        "strength_semantics": analysis.strength_semantics,
        "strength_converged": analysis.converged,
        "sides": [
            {"side": s.side, "label": s.label, "claims": s.claims, "status": dict(s.status), "theses": dict(s.theses), "unanswered": s.dropped_by_opponents}
            for s in analysis.sides
        ],
        "claims": [brief(key) for key in claims if workspace.is_primary(key)],
        "dropped": [brief(key) for key in claims if key in analysis.dropped],
        "clashes": [
            {"attacker": c.attacker, "target": c.target, "relation": c.relation, "attacker_side": c.attacker_side, "target_side": c.target_side,
             "attacker_status": analysis.status[c.attacker].name, "target_status": analysis.status[c.target].name}
            for c in analysis.clashes
        ],
        "chains": [{"claims": list(chain.claims), "last_word": chain.last_word, "cyclic": chain.cyclic} for chain in analysis.chains],
        "unsupported": sorted(analysis.unsupported),
        "isolated": sorted(analysis.isolated),
    }
    mentioned = {key for clash in analysis.clashes for key in (clash.attacker, clash.target)}
    mentioned |= {key for chain in analysis.chains for key in chain.claims}
    report["names"] = {key: workspace.display_id(key) for key in sorted(mentioned | set(claims))}
    report["texts"] = {key: claims[key].text for key in sorted(mentioned)}
    if extensions is not None:
        report["extensions"] = {"semantics": semantics, "result": extensions}
    return report


def _print_text(report: dict[str, Any], chain_count: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
    texts = {c["key"]: c["text"] for c in report["claims"]} | report["texts"]
    name = report["names"].__getitem__
    label = {s["side"]: s["label"] for s in report["sides"]}

    def short(key: str, width: int = 70) -> str:
        text = str(texts[key])
        return text if len(text) <= width else text[: width - 1] + "…"

    console.print(f"[bold]{' · '.join(report['maps'].values())}[/bold]")
    note = "" if report["strength_converged"] else "  [bold red](did not converge: strengths are the last iterate)[/bold red]"
    console.print(f"status: grounded semantics; strength: {report['strength_semantics']}{note}\n")

    table = Table(title="What stands, by side", title_justify="left")
    for column in ("side", "claims", "IN", "OUT", "UNDEC", "unanswered by the others"):
        table.add_column(column, justify="left" if column == "side" else "right")
    for s in report["sides"]:
        table.add_row(s["label"], str(s["claims"]), *(str(s["status"].get(k, 0)) for k in ("IN", "OUT", "UNDEC")), str(s["unanswered"]))
    console.print(table)

    table = Table(title="Theses", title_justify="left")
    for column in ("thesis", "side", "status", "strength"):
        table.add_column(column)
    for claim in report["claims"]:
        if claim["kind"] == "thesis":
            table.add_row(f"{claim['id']}\n[dim]{short(claim['key'])}[/dim]", label.get(claim["side"], "—"), claim["status"], f"{claim['strength']:.2f}")
    console.print(table)

    table = Table(title=f"Dropped: raised and never answered by another side ({len(report['dropped'])})", title_justify="left")
    for column in ("claim", "side", "source", "status"):
        table.add_column(column)
    for claim in report["dropped"]:
        table.add_row(f"{claim['id']}\n[dim]{short(claim['key'])}[/dim]", label.get(claim["side"], "—"), claim["source"] or "—", claim["status"])
    console.print(table)

    table = Table(title=f"Clash points: direct attacks across sides ({len(report['clashes'])})", title_justify="left")
    for column in ("attacked claim", "status", "attacked by", "status"):
        table.add_column(column)
    for clash in report["clashes"]:
        table.add_row(f"{name(clash['target'])}\n[dim]{short(clash['target'], 50)}[/dim]", clash["target_status"], f"{name(clash['attacker'])}\n[dim]{short(clash['attacker'], 50)}[/dim]", clash["attacker_status"])
    console.print(table)

    chains = sorted(report["chains"], key=lambda c: -len(c["claims"]))[:chain_count]
    console.print(f"[bold]Rebuttal chains[/bold] ({len(report['chains'])}; the {len(chains)} longest)")
    for chain in chains:
        steps = " ← ".join(name(key) for key in chain["claims"])
        last = "nobody: the chain loops" if chain["cyclic"] else label.get(chain["last_word"], "a claim of no side")
        console.print(f"  {steps}\n    [dim]last word:[/dim] {last}")
    console.print(f"\nunsupported claims (no reason given, not evidence): {len(report['unsupported'])}; isolated claims: {len(report['isolated'])}")
    if "extensions" in report:
        result = report["extensions"]["result"]
        if isinstance(result, str):
            console.print(f"[bold red]{report['extensions']['semantics']} extensions not listed:[/bold red] {result}")
        else:
            console.print(f"\n[bold]{report['extensions']['semantics']} extensions[/bold] ({len(result)}), claims only:")
            for ext in result:
                console.print("  {" + ", ".join(ext) + "}")
    sys.stdout.flush()
