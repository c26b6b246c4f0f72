"""``argmap export``: write a map as AIF JSON, Argdown, GraphML, SADFace or a Verbatim .docx, for other tools."""

from __future__ import annotations

import argparse

from argmap.commands import emit

HELP = "export a map as AIF JSON, Argdown, GraphML, SADFace or a Verbatim .docx"
ORDER = 81


def configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.description = (
        "Export one map to a format other tools read: AIF JSON (AIFdb, OVA; undercuts are "
        "CA nodes on RA nodes, linked premises one RA), GraphML (yEd, Gephi, Cytoscape: a node "
        "per claim and per relation, every field an attribute), SADFace JSON, Argdown (argdown.org) "
        "or a debater's Verbatim .docx (pockets, hats, blocks and cards). "
        "AIF, GraphML, SADFace and Verbatim files import back as the same map."
    )
    parser.add_argument("path", type=Path, metavar="MAP", help="a map file, or a folder of maps with --map")
    parser.add_argument("--to", choices=["aif", "argdown", "docx", "graphml", "sadface"], required=True, help="the format to write")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="file to write (default: standard output)")
    parser.add_argument("--map", default=None, metavar="STEM", help="which map of a folder to export")


def run(args: argparse.Namespace) -> int:
    import json

    from argmap.errors import ArgmapError, InputError
    from argmap.interchange import to_aif, to_argdown, to_graphml, to_sadface
    from argmap.load import load_workspace

    workspace = load_workspace([args.path])
    if not workspace.ok:
        raise InputError(workspace.problems)
    stem = args.map or (args.path.stem if args.path.is_file() else None)
    if stem is None:
        if len(workspace.primary) != 1:
            raise ArgmapError(f"{args.path} holds {len(workspace.primary)} maps; name one with --map ({', '.join(workspace.primary)})")
        stem = workspace.primary[0]
    if stem not in workspace.maps:
        raise ArgmapError(f"no map {stem!r} in {args.path} (maps: {', '.join(sorted(workspace.maps))})")
    if args.to == "docx":
        from argmap.interchange.verbatim_write import to_verbatim

        if args.output is None or args.output.suffix.lower() != ".docx":
            raise ArgmapError("a Verbatim file is written to a file: give -o FILE.docx")
        to_verbatim(workspace, stem).save(args.output)
        print(f"wrote {args.output}")
        return 0
    if args.to == "aif":
        text = json.dumps(to_aif(workspace, stem), indent=2, ensure_ascii=False) + "\n"
    elif args.to == "sadface":
        text = json.dumps(to_sadface(workspace, stem), indent=4, ensure_ascii=False) + "\n"
    elif args.to == "graphml":
        text = to_graphml(workspace, stem)
    else:
        text = to_argdown(workspace, stem)
    emit(text, args.output)
    return 0
