"""The third-party test corpora: where a developer keeps them, and fetching them from their origins.

The project's tests read real data that nobody on the project wrote (argument corpora, ICCMA
frameworks, Kialo exports, …). Their licences forbid copying them into the repository, so a
clone gets them from their public origins, each at the commit its provenance names::

    python3 -m argmap.testdata fetch [PREFIX ...] [--base-url URL] [--dest DIR]
    python3 -m argmap.testdata list [PREFIX ...]
    python3 -m argmap.testdata where

``fetch`` downloads every file of :data:`MANIFEST` (or those under the ``PREFIX`` folders,
e.g. ``iccma kialo``) into :func:`user_dir` ``/data``, laid out as the project's ``shared/data``
folder, checks each one's SHA-256 before writing it atomically, and leaves alone a file that
is already there with the right hash. A file that is a member of an archive (a zip, a Word
template) is extracted from the archive fetched at its pinned commit. Some files have no
public origin (reference answers computed for the project, notes): ``fetch`` lists them as
not downloadable, with the reason; the tests that need them skip where they are absent.
Files come from ``{base}/OWNER/REPO/COMMIT/PATH`` with ``base`` = :data:`DEFAULT_BASE_URL`,
or ``--base-url`` / ``$ARGMAP_TESTDATA_URL`` (a mirror, or a local server in the tests).
A download that fails or does not match its hash is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import io
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from argmap.fileio import atomic_write_bytes

__all__ = [
    "DEFAULT_BASE_URL",
    "ENV_BASE_URL",
    "FETCH_COMMAND",
    "MANIFEST",
    "Entry",
    "fetch",
    "main",
    "user_dir",
]

DEFAULT_BASE_URL = "https://raw.githubusercontent.com"
ENV_BASE_URL = "ARGMAP_TESTDATA_URL"
FETCH_COMMAND = "python3 -m argmap.testdata fetch"
TIMEOUT = 60.0
"""Seconds a download may stall before it counts as failed."""


def user_dir() -> Path:
    """The per-user folder ``fetch`` fills: it holds ``data/``, as the project's ``shared/`` does.

    ``$XDG_DATA_HOME/argmap/testdata``, or ``~/.local/share/argmap/testdata``.
    """
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "argmap" / "testdata"


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of the corpora.

    Attributes:
        path: Its place under ``data/`` (``iccma/instances/ex1.apx``).
        sha256: The hash of its bytes.
        repo: ``OWNER/NAME`` of the GitHub repository it comes from ("" if none).
        commit: The pinned commit (full hash).
        remote: Its path in that repository, or the archive's path when ``member`` is set.
        member: The member of the archive ``remote`` that is this file ("" if not an archive).
        archive_sha256: The archive's own hash, where known ("" otherwise).
        why_not: Why the file cannot be downloaded ("" when it can).
    """

    path: str
    sha256: str
    repo: str = ""
    commit: str = ""
    remote: str = ""
    member: str = ""
    archive_sha256: str = ""
    why_not: str = ""

    def url(self, base: str) -> str:
        """Where to download the file (or its archive) from, under ``base``."""
        return f"{base.rstrip('/')}/{self.repo}/{self.commit}/{urllib.parse.quote(self.remote)}"


def _parse(text: str) -> tuple[Entry, ...]:
    """The manifest below: ``@ OWNER/REPO COMMIT [zip:ARCHIVE SHA256|-]`` opens a group of
    files from one commit, ``! REASON`` a group that cannot be downloaded; then a line per
    file, ``SHA256 PATH [<- REMOTE]`` (REMOTE defaults to PATH without its first folder)."""
    entries: list[Entry] = []
    group: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("@ "):
            repo, commit, *archive = line[2:].split(" ")
            remote, archive_sha = (archive[0].removeprefix("zip:"), archive[1].strip("-")) if archive else ("", "")
            group = {"repo": repo, "commit": commit, "archive": remote, "archive_sha256": archive_sha}
        elif line.startswith("! "):
            group = {"why_not": line[2:]}
        elif line:
            sha, rest = line.split(" ", 1)
            path, _, remote = rest.partition(" <- ")
            if "why_not" in group:
                entries.append(Entry(path, sha, why_not=group["why_not"]))
                continue
            remote = remote or path.split("/", 1)[1]
            if group["archive"]:
                entries.append(Entry(path, sha, group["repo"], group["commit"], group["archive"], remote, group["archive_sha256"]))
            else:
                entries.append(Entry(path, sha, group["repo"], group["commit"], remote))
    return tuple(entries)


MANIFEST: tuple[Entry, ...] = _parse(
    """\
@ launchnlp/MIDGARD c4915868997bb7891429c03faa1ac0adead3fb33
017c5d5c3569f0dab0b734a969cadba0cd21b650daa3a953a1b68161fe63b9b1 aae-brat/abstrct/17664467.ann <- argument_structure_extraction/data/abstrct-master/AbstRCT_corpus/data/dev/neoplasm_dev/17664467.ann
151b749018a48e0784bdfddd3ab4881f3429cfc2a9791d1134e5f723633ede1a aae-brat/abstrct/17664467.txt <- argument_structure_extraction/data/abstrct-master/AbstRCT_corpus/data/dev/neoplasm_dev/17664467.txt
01d456b98793c1b2a9a90abb1fd57b95df11d5ffa4f4b38a720d54d3673afa58 aae-brat/abstrct/23203707.ann <- argument_structure_extraction/data/abstrct-master/AbstRCT_corpus/data/test/glaucoma_test/23203707.ann
36ae3cbad1d81eb4eda27ad7610c1795918e363acc152ad744fb68d28b303b46 aae-brat/abstrct/23203707.txt <- argument_structure_extraction/data/abstrct-master/AbstRCT_corpus/data/test/glaucoma_test/23203707.txt
65f6e9a93a79ba7371b47d40e6771bb5a6f6051f83a0fb33a1b1cd8448f083ba aae-brat/abstrct/annotation.conf <- argument_structure_extraction/data/abstrct-master/AbstRCT_corpus/data/annotation.conf
@ ArneBinder/pie-datasets f6877726352a05d07853cacb8360be4e4cfc5253 zip:data/datasets/ArgumentAnnotatedEssays-2.0/brat-project-final.zip 9f49a6d388896d0f390445592ccc9dbfc87325553e3fe3f988eb252de7cdc4b5
2fee0707014751ddc2412b92c2d71f49be86379a516ff1641a836de4df6b924d aae-brat/annotation.conf <- brat-project-final/annotation.conf
381ad6b039dd0304627a63938b0eed08a8a9410d7db7bcf1976463f5ff0d0655 aae-brat/essay001.ann <- brat-project-final/essay001.ann
ba75cbadbcaf04c7b0b0b4b4e552958c2a7a880314787f58a24c96eb7fbc17fd aae-brat/essay001.txt <- brat-project-final/essay001.txt
a2f7b4a1262738b502f336b2ca7f525983e916855ec8a93028b18c49d3bd8aac aae-brat/essay058.ann <- brat-project-final/essay058.ann
d17ea1a829dffdcb6ba0c0181aa91ec1b8a6e577f1e6f885563b58219e5526cd aae-brat/essay058.txt <- brat-project-final/essay058.txt
369ad98ef768fe634fff3df32ef6ac7e338e4d92ca2f4117bc9e25aaf0c5ee73 aae-brat/essay063.ann <- brat-project-final/essay063.ann
993041f0aa99f57a4974d62135b008574bb140cee733371dc0de470a4be79d0a aae-brat/essay063.txt <- brat-project-final/essay063.txt
5920618ddd611d3aa9d01c9ccb7c5cfbc0b3c00a83a370054b355f536cf6b532 aae-brat/essay122.ann <- brat-project-final/essay122.ann
c483dd510ade52016ba59ae4df2c79719c18bc50305ffbad6877c455c8a4e99f aae-brat/essay122.txt <- brat-project-final/essay122.txt
c776783ea3c3912cddf27cdcc6ccf6fcbb7d099f7feb93fc190fb989c9cd8728 aae-brat/essay136.ann <- brat-project-final/essay136.ann
f2d64471fb7820f561a14af3b737ce02fe4cc78f20591e6dad199d3e86d0c64d aae-brat/essay136.txt <- brat-project-final/essay136.txt
581d117d374dfa0c016906434089cfb57d0963649d36651144ef71a13237a079 aae-brat/essay163.ann <- brat-project-final/essay163.ann
90dba712b191715cf31410e3cbd64fd4466610f2148b9991ee5b659a88caaae8 aae-brat/essay163.txt <- brat-project-final/essay163.txt
ab050df58f97ce6b53c5ed2f18309f7c63507668a0e2f36212ab934681501c84 aae-brat/essay231.ann <- brat-project-final/essay231.ann
25e3b2437c0933bce187e794ac245e8de484306e653cddec58172d325136328b aae-brat/essay231.txt <- brat-project-final/essay231.txt
@ recap-utr/arguebuf-python 369f4a795202fa33656b623a86fa30ba0204578b
5b588f0d9e928972e8ecc6792566d6f5729aac044d8508164d3b003d0b4925d0 aif/aifdb-6064/6064-original.json <- data/6064-original.json
5ed64df51c1765d7949e4b1b2e33ce1a3b91f7e9eb2018e028d5bee08cacf5b3 aif/aifdb-6064/6064-reconstructed.json <- data/6064-reconstructed.json
@ ArneBinder/dialam-2024-shared-task 42a003afa4d1a0895143ce460584605df6569eaa
6f8d0eb6d114e48666c2f720b30d20316a43e4964da2052c09f0261d76dae9a7 aif/dialam2024/test_map1.json <- data/evaluation_data/test_map1.json
6e52d058d4cfa76ecdbecac927bc3a89b2832fd1e69c32216ab1ec1c36e0a84a aif/dialam2024/test_map2.json <- data/evaluation_data/test_map2.json
ffdd17b533f95074dc922fedae31c8a3e2a721f61bff9c5b7de69303fd4f403f aif/dialam2024/test_map3.json <- data/evaluation_data/test_map3.json
e407c6ebd161b6ade2c5ff3604ce287f80986fc48ce693fdaaa52d789165d500 aif/dialam2024/test_map4.json <- data/evaluation_data/test_map4.json
aaad9dc139922bf7d52e40f8dc26b56a0a34cddfb0059c1f675f23a549d836da aif/dialam2024/test_map5.json <- data/evaluation_data/test_map5.json
34ce31bd391017177682c7a5d13af53747b73c98b569eed26a42fc84d7ab3336 aif/dialam2024/test_map6.json <- data/evaluation_data/test_map6.json
@ peldszus/arg-microtexts 6707c133de713130cabe647f2f218681d65fdc15
228111107b1c0ff6af7550f4a921f52bcce3a071d508456c7266263f82ada493 arg-microtexts/LICENSE
50a9c0edaa78d84844a52c91c72636bece8a2cc93a6092aa43246db2beab000b arg-microtexts/corpus/arggraph.dtd
682d1b8e665f0be95290cbb1d2fa677ed61d0a3b4855a175f0d762635677855c arg-microtexts/corpus/de/micro_b001.txt
1ef55d05e191d97372003407e024ccaf4a9c62974efd8fbbf6f5121b9b56b562 arg-microtexts/corpus/de/micro_b001.xml
8d94df4969697e44228c3601cc01bf166d500f2704244e4b90d80e41f8cdbf87 arg-microtexts/corpus/de/micro_b002.txt
47477817e8ba98d4e6999ee0a2fbdbc09f248532333112a9ef8503008d6499d1 arg-microtexts/corpus/de/micro_b002.xml
7e689d90c59cd1481fed2b7a20e31cff0168f9d6341a47fae5295d7f6a26cfc2 arg-microtexts/corpus/de/micro_b003.txt
26c22c23207e4a9ee53ee614a7597de8a17b6f59919454c1f8b806c45765f28f arg-microtexts/corpus/de/micro_b003.xml
f7be71fd5083a7ca1e4df6165225ec51d2f322d23c986fac9bf759542c8bb1cc arg-microtexts/corpus/de/micro_b004.txt
e5379bedda4e2f5e406a07a2ebcc138da6bb538be91b989a2c88ace4628a62b5 arg-microtexts/corpus/de/micro_b004.xml
bc046c394283d17d6994d966ac23b5670e15071707ad3f9a5254957840518447 arg-microtexts/corpus/de/micro_b005.txt
fd4caf92e3c52338cb8cc36d6bf816ffb06ac49d7557a5dc6d570e295c18f83b arg-microtexts/corpus/de/micro_b005.xml
0e68692c948a256c248950708f86bdf7b758e784add855052cf5ed68d7abd06f arg-microtexts/corpus/de/micro_b006.txt
15540b28dd1361eea581eafd669761cd11afe90151bda94ce3daadc272e327ff arg-microtexts/corpus/de/micro_b006.xml
757a0025ece2b8cb7ec42a6802224dda3dbd31e01fc90b1b78d9590cb30d8dad arg-microtexts/corpus/de/micro_b007.txt
4b04795c04934df7a2fd69ade4c0d61d96516269e10e347248ea40c52ab4f844 arg-microtexts/corpus/de/micro_b007.xml
ef7883fa06bb9b6bcf1d2664479619564a80319242972a67e94fa9da29a7d332 arg-microtexts/corpus/de/micro_b008.txt
1b7244725d859446a1c521cf1f410d548327931628295ec791379407ecb1aac8 arg-microtexts/corpus/de/micro_b008.xml
d9ba928ace3b9924654296f1e372d9b751f65e71ade36f63bcde45e898859bc7 arg-microtexts/corpus/de/micro_b009.txt
b7d39c246bae54a583d2394cd120cabc45d6a07b3c7495f73da92cfca4b5ef7b arg-microtexts/corpus/de/micro_b009.xml
225907c2f6263482fad3b28d7fe7a9ce45dd24d5c464732d78f7c9b6cbf2c9c6 arg-microtexts/corpus/de/micro_b010.txt
cf1ba47423a551f427121c64e91d23973f7446795289c0af3b86320424bdee11 arg-microtexts/corpus/de/micro_b010.xml
6361189e85b2612d6ff7aab5723bad02c8dbb3fdebfd29f9450e3bcb8b62e6af arg-microtexts/corpus/de/micro_b011.txt
f5921d7ed3770a4fde4d6b6b610601b33de2b055fb0324fc37895c7a98bbee0b arg-microtexts/corpus/de/micro_b011.xml
c4a2e874c3ba1eb2f0f913272a63482f57af3f329a36777f63ebe9c4555d7101 arg-microtexts/corpus/de/micro_b012.txt
c80d7ad144597e54988e2550fd6b7f4ce56a9fed5e892da1dd6226796eee3cd8 arg-microtexts/corpus/de/micro_b012.xml
db1ecca9f9c95c2dc96e7fa6a9bb90bdec51b0c8ea2b0110e2637019a8018409 arg-microtexts/corpus/de/micro_b013.txt
681da4914924a45ef72437098f901d1b978452a21decef93d3c2fc370ffc9560 arg-microtexts/corpus/de/micro_b013.xml
396defcd9dc26f2f47f3ddcec379f934833a3da304002f7e03d1e89710475620 arg-microtexts/corpus/de/micro_b014.txt
9a3a8ca93535f13b51ea7c663eef9e7144281db227a1c55538f665925419bc0a arg-microtexts/corpus/de/micro_b014.xml
ef4db5b1b79f49bfc9fff67990a68db7f0343332e5ce96c8fce45aaec8c28558 arg-microtexts/corpus/de/micro_b015.txt
edccc1bbdcaa8ac270d57afe6f10217660de857618267b250a3abeba26e835b6 arg-microtexts/corpus/de/micro_b015.xml
1a2dca4e95086cb561fbcc5c601f2dee464e2f82e3fc7d62f67c168e859b9355 arg-microtexts/corpus/de/micro_b016.txt
efebf67b3f16bb0c95a0d8f5d9d8251efe09f5dea1a2c9a7c8d871c9f2d23375 arg-microtexts/corpus/de/micro_b016.xml
b009bcfb318c48500e2dd1610e5a35e12aa4471ad0d2a64fa9dad7f618d94f51 arg-microtexts/corpus/de/micro_b017.txt
9194949140915dcfa0441eb28a14e6b8efd3d7b37a1d1266c65fa7ca9528e9b5 arg-microtexts/corpus/de/micro_b017.xml
8ed9628c2a33950b68b3526f272565f7e9d613778d975f30385f5295bd71febe arg-microtexts/corpus/de/micro_b018.txt
a18f6f757d45e6c9db0b5400aee34d8f94f24486ff843c6e643338b37b969f82 arg-microtexts/corpus/de/micro_b018.xml
ecd78f7d6962c1525d85bc0760ef9f4dec0286ecec9690745c1a88d177921b53 arg-microtexts/corpus/de/micro_b019.txt
8f47c5e749fbe02209f1ee3b9e38ee5920f4c298fac9f87aa047feeb85fdcfc4 arg-microtexts/corpus/de/micro_b019.xml
0d22adf62f4f8b732122f7c72fc52744e48876bffaca65b32e551c68f61e43c9 arg-microtexts/corpus/de/micro_b020.txt
3391348f4b299289c63ab18326389bf451e4458a63bac9698d41873573853ef6 arg-microtexts/corpus/de/micro_b020.xml
44529d4b6caf11963384fcdfdb7622c6601e0a79899ac267c4a3b45d545ce21d arg-microtexts/corpus/de/micro_b021.txt
74c95be161a58759442abe0720c084d8ad6f4b585083879bbfcce655a95c9947 arg-microtexts/corpus/de/micro_b021.xml
369493506a8cef1acdfb663195530742fda303227655ffbdb95072b999dba814 arg-microtexts/corpus/de/micro_b022.txt
0d25be9cf0c7262ce429ca9a230017ddcc01ea80677567899bc471687c29a62e arg-microtexts/corpus/de/micro_b022.xml
270453e80bdea6167687e80490d172c4fb3da0e0f6db3cbf02306d2238c93353 arg-microtexts/corpus/de/micro_b023.txt
866d11a1c754882a174303dc76a667796733b12a3076ca16ab1c788bd8c6ef65 arg-microtexts/corpus/de/micro_b023.xml
16048141e3f98aa8abb1b97738bb18f6a2455322ede88c4f3537fa9d9d451549 arg-microtexts/corpus/de/micro_b024.txt
9d8fdb332c5f41eb092b0dc960c27fa7d63fdd6d31384b52f571ff8e75c1ec06 arg-microtexts/corpus/de/micro_b024.xml
7360e1f08097cf6e2a0cfedc257da8fc81e821470b5ae7982891a9eb81077357 arg-microtexts/corpus/de/micro_b025.txt
0a8c6705d5ba3fbe399b6e7d7b3b2d9925fa24b7c8153fc347a6e136a562b945 arg-microtexts/corpus/de/micro_b025.xml
bc499bee935beac03bfeb575ce9d767ec3d9c5bf88e13c55a3f1a5e5ced73737 arg-microtexts/corpus/de/micro_b026.txt
52b3a74d88ed33942b342fb2c0939fa1f70b9514a16bf214d83eadc3e64e81d7 arg-microtexts/corpus/de/micro_b026.xml
fd6a965dce6e82a1d7d0322ae25fcaa078348a18bfe9e9053e9f77ef3668ce94 arg-microtexts/corpus/de/micro_b027.txt
7e069fa94dc86580265a887fe4e3dc36833b30960ca98e5e692e1f5f4b9ecd9d arg-microtexts/corpus/de/micro_b027.xml
2e0158491a65af4afc3af26f271b7941ba2623e62729f4082d7dd40588737ae7 arg-microtexts/corpus/de/micro_b028.txt
7a3bae53f2e557fe22be0f2bb08c5f202ab2999044f4e94e90f4527d8be3a5cb arg-microtexts/corpus/de/micro_b028.xml
076ad612bf279c61670b44b7981c64a0b3fd1e3ca869241dd5a4125c698739a4 arg-microtexts/corpus/de/micro_b029.txt
293c1953f821584eff31982fff17b9f3439a5266495e06cac3917a1881e81bce arg-microtexts/corpus/de/micro_b029.xml
f38c995698a267a8f1d054ef457930a6511129d77d91708a2cdaa3ae810a0764 arg-microtexts/corpus/de/micro_b030.txt
09421e20e7af0e942e38cb2417f95a79f485a330bb07e672713055c7bb06ec79 arg-microtexts/corpus/de/micro_b030.xml
aa7c97cb6f597b91ce38a3ceb1e6359ffc67e8b985bff2fc4ff568f2b5dd7420 arg-microtexts/corpus/de/micro_b031.txt
58b586f96ed9a2aaff2d33a69ff18009895e2b9df5d3955c99d4fa7b29b53b42 arg-microtexts/corpus/de/micro_b031.xml
decb174d8110b031da6d2e7387ea0e9aa01db65f7fd8bf63da0fd120318e25b6 arg-microtexts/corpus/de/micro_b032.txt
527fe235a5dd5a583e7825b159d2a5ae5ef237025571112c83858ac856deff11 arg-microtexts/corpus/de/micro_b032.xml
fb9b3e5abe1316c9529b856851663ac37361825b2eee25896e08e7a9b839424f arg-microtexts/corpus/de/micro_b033.txt
42de56d1c9f16491a15c69f61a3aa3bc6d077b16d2df712e2ad022b5e920fc99 arg-microtexts/corpus/de/micro_b033.xml
d9dbfbc1af59b2cc511eee09ec3286a3992471e7e8e4473b09cdf57abbb40f2c arg-microtexts/corpus/de/micro_b034.txt
6ab9318d682842132e4e89e76c0a4d8d21c7d980dffcf42a52ab3880353b30b4 arg-microtexts/corpus/de/micro_b034.xml
596fe12f596b6f067272fbe827080ae9ea2420b8a86eae6635a8f5c2ef2f1034 arg-microtexts/corpus/de/micro_b035.txt
c69aa0dc57b50ee0224e974d167ea6f0187508ccc00ee47a35c2be22ba0d4717 arg-microtexts/corpus/de/micro_b035.xml
0003b2fd0480937a68fc1e01a2bbcea3022bb05768a40d8037e9e02bbb56fb8b arg-microtexts/corpus/de/micro_b036.txt
0e2a7d0d45d340e3f2937178dbdad63051c58f0308ec3208219e5843ecf7bce4 arg-microtexts/corpus/de/micro_b036.xml
9ef23ec398677d63c53b9c9e0595764d1af70c8d17e67818656c65690a581543 arg-microtexts/corpus/de/micro_b037.txt
1f48a224cdc185c9fe7e5344486266fcda02c341772af1adcdc5cf67b236893f arg-microtexts/corpus/de/micro_b037.xml
43880a2ee6860ee843ae7d3308f04416489132a5c23304cbd3afb1b975d9b4cc arg-microtexts/corpus/de/micro_b038.txt
322e9b6b2aa6344e89f43944d4f3631f2d3aaf48dad01f57216cc37c0f26f0d0 arg-microtexts/corpus/de/micro_b038.xml
445bc7b3b628f684bd0ae43fc4a062e613676d60c741524ba4a65a9c619b9372 arg-microtexts/corpus/de/micro_b039.txt
a26e30eb1ef67ffcb6dd83ad886de2bdb192f33563d76c7d973876c29fd177bb arg-microtexts/corpus/de/micro_b039.xml
c6f4331197eac85b891fc8d3918dd50581ac407b6fe69eab45cd538f7ddcd28e arg-microtexts/corpus/de/micro_b040.txt
29426d941db68252c2ca71bfc1ff90e1b58b8d5a66f42daf63ed7ef1fd644fe8 arg-microtexts/corpus/de/micro_b040.xml
e5fb4261c076c61255221a2600c72c33969c3e2589fb2c5b7c07b2de1b7459aa arg-microtexts/corpus/de/micro_b041.txt
f67bd16a697ffe26eb9461ca9b2b3ff5bf35fe4a538db60791b0a3e8839c3aa6 arg-microtexts/corpus/de/micro_b041.xml
4b28a12e2b5d0f0796b5208983e1220d5263ee48e1d4c0d0e634ace4649ea8d3 arg-microtexts/corpus/de/micro_b042.txt
ca41f8eced08681d9f48a5e3729c0e11f0294ec9fe9232df5124408adb787b37 arg-microtexts/corpus/de/micro_b042.xml
3749944a9e632ce8399d0c913a25f279f320765cfccb19717dd24ae67ec69744 arg-microtexts/corpus/de/micro_b044.txt
8a7164c85abc655eba4a9c35cdeafac93d9978e2edf5149ea3eb8329e7e7eca3 arg-microtexts/corpus/de/micro_b044.xml
59fd115efdd2596fbc097882cf43db911a6a9fdd8ff27305c70762e04e069e5e arg-microtexts/corpus/de/micro_b045.txt
2d7bf0b5d8e0fddfaa066a31baea2e2a5bbf13f36563a0102011af4f05f21567 arg-microtexts/corpus/de/micro_b045.xml
1921752a3c12f204ab78017dcc2da82737d3a09c29551132721cd448ab43ff7d arg-microtexts/corpus/de/micro_b046.txt
6b789575ab528fb0ca68933eb41543d7d7fd10f871f2425ee1567516e2e85c39 arg-microtexts/corpus/de/micro_b046.xml
cfedfbcd6acc25bb13a67bea6bcda3ca9cd743a4233e99bffe3fec4148b0029d arg-microtexts/corpus/de/micro_b047.txt
d22cca85b33d0684acf6125853673fbdb82bbb14a8f33be1db808aea48996b30 arg-microtexts/corpus/de/micro_b047.xml
c47ee0750dccb2ddc3b2278a3b4c69a37b8c197618b869f95b2b1740ee972ffb arg-microtexts/corpus/de/micro_b048.txt
61795b4e766a98c0c60efb2b0e930713110ba3cc0053b796e9502a4ffcee7069 arg-microtexts/corpus/de/micro_b048.xml
c56a9cac782f46bfc720f3fd559a666a2b5253a547df203b4fa4ddbb70a8475a arg-microtexts/corpus/de/micro_b049.txt
a21017796a12506df61ab5559ff6b5c213cedcda63fdd776c5be854bb13e36d5 arg-microtexts/corpus/de/micro_b049.xml
deb52a3b3a832b80391e0d99a9cd504b305de2b97f68fde3df0997087fed95d7 arg-microtexts/corpus/de/micro_b050.txt
337ab7b863a15ae3241723628e675e3de70d2dbb1675df7a678860616e76715e arg-microtexts/corpus/de/micro_b050.xml
55ed42ee18a8bfcb4fb7111e74e629ae01355cfc57afcff91cdb8d5d121900e5 arg-microtexts/corpus/de/micro_b051.txt
4f8c0515465fe5f7ca8f7ad34ddd1543a75baccc730a9768b80c2b89ba244799 arg-microtexts/corpus/de/micro_b051.xml
e6f7feb2df8a40729f7989a5aa7f80c295f4e81b8aecf277fb3816bb6674ffc1 arg-microtexts/corpus/de/micro_b052.txt
2e3fd8a6bff41be696cc9483177a4f5300847246d16c6d2fd73bf865ce65b066 arg-microtexts/corpus/de/micro_b052.xml
63a49aa2582ebae26151216f9f2508f5dffbe5395a745e97adb424d6dc7fe8b9 arg-microtexts/corpus/de/micro_b053.txt
ac902006778ba72a16e8b3865f38ec4c3f659fed993a869b8d602a8a1083575c arg-microtexts/corpus/de/micro_b053.xml
2d83e8dd178d5304d17142d6d90ee61ab7b357a0a20f374dae913afbf69015e7 arg-microtexts/corpus/de/micro_b054.txt
259e4e24eef9b700c8a394f1140300e357fb990f6d099e8da2f5b64b2e39a611 arg-microtexts/corpus/de/micro_b054.xml
23f253bed1e12e072688abc6eec260ee6fd19497f0af5c45714df0cb82b71ea9 arg-microtexts/corpus/de/micro_b055.txt
c823cafe87609c156b8437a6a3b87538ed0dbca2c7249cf1b6ce462d3c2f3ae9 arg-microtexts/corpus/de/micro_b055.xml
4a402bf298e76ae8b42fa9721a3ed68b8ab01016cce4bcf28fc3c5af6b58de27 arg-microtexts/corpus/de/micro_b056.txt
0cd83c59ee10bb919320266c429d190829ea8aba72db9bd2534558deb2b8d751 arg-microtexts/corpus/de/micro_b056.xml
3dbc052dc968738f5879fb436e723ca339672bf39563604cf09c8ba3d40b69fe arg-microtexts/corpus/de/micro_b057.txt
8aa832dad56cf30a551886ffc673791a7b012596204538f01c28db5b5abac15a arg-microtexts/corpus/de/micro_b057.xml
13b09ac90643b607d12e3001976209608cf5cc8ab7895586752bd09cb3068ec8 arg-microtexts/corpus/de/micro_b058.txt
2134a32a9513477e76a713b226dc69ae0182ee3bf3595191ddfa5952a3085ee7 arg-microtexts/corpus/de/micro_b058.xml
e587aebf670b7ef0f65581ea296fda70f141a17e0bf3ce2a7ba8200403ca70c5 arg-microtexts/corpus/de/micro_b059.txt
98b5048638b4314fa7a17c790efa014837f064266730b11262ccb0114b821603 arg-microtexts/corpus/de/micro_b059.xml
b2facfd92050bcad1cdec6246acc1d9b4fad0570cfeb76b033e9f57257893b2c arg-microtexts/corpus/de/micro_b060.txt
25107c449074bfc148f607f4ebb75714df00d2ae4862121897a461e6b65df0f9 arg-microtexts/corpus/de/micro_b060.xml
47eabd6dcf7cc059b203f315d908448f8182ce0091b6d3ae923a103c0186770b arg-microtexts/corpus/de/micro_b061.txt
7e4e127b578fbe565df2737fccf76b966cb008a4f7281a2e9ea1aa159f04e854 arg-microtexts/corpus/de/micro_b061.xml
e3cc617bb9a4c6297e58cf52130e6ca62f915710de753220061dd2d73d674ade arg-microtexts/corpus/de/micro_b062.txt
81def6eef9d148eca9ebb9beb24464dccf4d110c45ac2ae03dfe18a124968eff arg-microtexts/corpus/de/micro_b062.xml
1539ccf6ef56092e49630cfddb093500fe4c0ee9b6f20378d65bbefcc184a939 arg-microtexts/corpus/de/micro_b064.txt
a7210bbc3be138baa7468143f354ba724f4f0f324fe0b37b039498502e576b7b arg-microtexts/corpus/de/micro_b064.xml
73b3a6b2ba3f9c4d7bd85bfd0a1f3bcaabd5f2a4a6e29a56d2475c86289c8541 arg-microtexts/corpus/en/micro_b001.txt
133e2e11d8df2b8aa83f7556e7fc05b106a673050fbea96368544ae007c340fe arg-microtexts/corpus/en/micro_b001.xml
147fb482669d3fea85750a160e5af75ce10dc8e898349021df65011a18397a3f arg-microtexts/corpus/en/micro_b002.txt
04c423eaeff6b81e10b810975e20006c3f811e47c9212f630f1328a32bfe9005 arg-microtexts/corpus/en/micro_b002.xml
da9359cebfbfb569417d422e69707f4eca9f03fd9ecaffd2a5cdcdd40f83ac69 arg-microtexts/corpus/en/micro_b003.txt
87d973627db842a4f9105daacc4a8e1f7e617ebc5551fec0421d23aa02ab883c arg-microtexts/corpus/en/micro_b003.xml
50134ab171373f02ad4898144bcb4645a27060823049d9c020b40fc291095264 arg-microtexts/corpus/en/micro_b004.txt
4faf5668bc6cf078d3fe485ed11a8ab270b4e096957c4afbcfda30c5fdb740ee arg-microtexts/corpus/en/micro_b004.xml
e0660c052285cbb9c9edcad2800be707f0b8787d8343aacca40155231a29ca13 arg-microtexts/corpus/en/micro_b005.txt
a63d258d6f3d303d1bd711a470bd2af7e0892341f55e0953306eb1b37cbafc90 arg-microtexts/corpus/en/micro_b005.xml
d9884e524de0e58ef2862d6e0fbf75c25966beb700631bdef53442e675014b13 arg-microtexts/corpus/en/micro_b006.txt
6d03ccd749482f84bc4af67c3ec7d2a9969473e7712597c6444dff51d372b198 arg-microtexts/corpus/en/micro_b006.xml
5c7ba7f19e4b501422a494b41a62020813ce0436af328cc76a089a50dab5a788 arg-microtexts/corpus/en/micro_b007.txt
32711735b01bf0e39430dd57f42df2bc3cd0b365aee707d7240e5413fd72530c arg-microtexts/corpus/en/micro_b007.xml
bbb451dd0ab917c969aef983ec26c778a04ae3f740bf8bed1ce9415365756f8d arg-microtexts/corpus/en/micro_b008.txt
96f3e4b5d8bd98e377fd8e35615a01d3f3ddaf0e4fc749e3fc7bf51c623b5921 arg-microtexts/corpus/en/micro_b008.xml
491f79bf14ed8705422e3269bde3d99fd9c9e210b63ca2c3fd482f09e0a2d9f1 arg-microtexts/corpus/en/micro_b009.txt
780367d160a1d1423195b83fa38dfb5d1ef6b4d5d58a4be70158432290f6c07d arg-microtexts/corpus/en/micro_b009.xml
48eeaacc3dfbe52a8cb9a554e5f77188c1957793124cd0f26ab9f8c5cc77f09a arg-microtexts/corpus/en/micro_b010.txt
6575d75dc225eb1b0f0a628749c2f8b3c9b1917f0ef868c505f97e52eb87046a arg-microtexts/corpus/en/micro_b010.xml
434551bc642f78a798ba81b648b16f14fade055e4ff138fca0a4b45b629e0f61 arg-microtexts/corpus/en/micro_b011.txt
87712ec241a5187bfe73261177b987b9ab787462686cedd5158d3a193d18eb02 arg-microtexts/corpus/en/micro_b011.xml
ee597ba6f1ce2ffc97f54fb93a9959b34df262a00f2481c452f010a3f063e0ec arg-microtexts/corpus/en/micro_b012.txt
a80618b46e98b3147006fdd2936444bad52bcc6a0ca89441b9278542813aa12a arg-microtexts/corpus/en/micro_b012.xml
7554b21df43ec5d9d213fa9f77c0cd8a0e12b9229f427f528df9724dd7e1cd1e arg-microtexts/corpus/en/micro_b013.txt
76516706498f61f62b8245273b60b5af840887fe1b0f016fa7e01ac1cad83e26 arg-microtexts/corpus/en/micro_b013.xml
88c66c459335f300e532451814fd2bd54097b38dcf6240e40c653dcf1fef9458 arg-microtexts/corpus/en/micro_b014.txt
7d984ff6238dead220b623a054564edd9621698da36ca6d04e7b1939ea9697a4 arg-microtexts/corpus/en/micro_b014.xml
f312d2f0668a5d2846e37c26d6527781b0da1a521f1d05b746380d218c5a71d8 arg-microtexts/corpus/en/micro_b015.txt
a2d4d3468021edfe131157cb9081df039e464639db79edf9d5259808a429ec33 arg-microtexts/corpus/en/micro_b015.xml
4e5278a15392591e04b374ad110af4684311f57a94f25882ae1e1d359ca2c944 arg-microtexts/corpus/en/micro_b016.txt
85a04b22d5072fbec0693aef6379e1590831b6d67a93755cc50e967456fa1215 arg-microtexts/corpus/en/micro_b016.xml
e4927f1e199d893d2f3949550b342029f89fbe3f47ae5129d26bbffcd42568c2 arg-microtexts/corpus/en/micro_b017.txt
b78f876a7a8b50147cdefdbfb0c73ee0e10622f40f6a463b997b5929f0c4c6d1 arg-microtexts/corpus/en/micro_b017.xml
9b2a4c1c6908afd295f2f058f6d3504564c5000f956120707c1a099908bfc8a1 arg-microtexts/corpus/en/micro_b018.txt
d5517ade0be5d568fb405390eb0ef3dce959b1260f4468949d25bbb4bea95752 arg-microtexts/corpus/en/micro_b018.xml
e26a5278eaf0e768f1a3daa5bc3696a8b3f952b394f46fb140816ca0548d3a0a arg-microtexts/corpus/en/micro_b019.txt
43d2fa22b6c8807e29e1c39da5fae72cd759b284abe1d0726d4a0d8bb6cf31c6 arg-microtexts/corpus/en/micro_b019.xml
d920166240918a13ab96fb3443d411916f900b7eb968dcc05c7b48b7b02c4626 arg-microtexts/corpus/en/micro_b020.txt
4b4c4d4fdb4b205458d6ac6a422528f4820141f51b6844db56de51441072accd arg-microtexts/corpus/en/micro_b020.xml
f22e9a6dfe5a6f19214299c18152e41bbafc98ef5cdf9abf0c5192203c194d2b arg-microtexts/corpus/en/micro_b021.txt
318f3c2581734855b722d13d61701d146543c5870a4496f412d3ddc05107b995 arg-microtexts/corpus/en/micro_b021.xml
238c0a53aa6fc34976af51f3021484b97cc9505f7c0f7769df3fbba784e20add arg-microtexts/corpus/en/micro_b022.txt
bc74c844016a72fdff005c8f27454de077fdecf5f3b8d4057afbc57baeb762c8 arg-microtexts/corpus/en/micro_b022.xml
fa347e7b4fb635a6e62d2222820fe60cf43d16a15ae1a33df2b2e052143f4d1a arg-microtexts/corpus/en/micro_b023.txt
213ceb0aa6f922e600157a0588be90c165610867f90491fdce7044c42d38fb57 arg-microtexts/corpus/en/micro_b023.xml
93fc7cceb35c353f46a7af0f5067506fcd6d473de5f2612bbaa1a52a3f5a2304 arg-microtexts/corpus/en/micro_b024.txt
b5d71168a2f7a0bd56ea605e37ffe75c8d4b3684879ce99cf16892fdc96998ec arg-microtexts/corpus/en/micro_b024.xml
cd988bdfcf5943ad522fe7ab88f4bef424af571174bf275b67c47fd72118cc2a arg-microtexts/corpus/en/micro_b025.txt
b4bcbbc47f0a7c5ba70378ab6f37aca6a3bbcaa0723189260842d1594e337691 arg-microtexts/corpus/en/micro_b025.xml
371704b79c226b13ba5c35fd9f2219ae78f0d0ba25bcf1daf97bf2f2d17f2c84 arg-microtexts/corpus/en/micro_b026.txt
2b20ca4aed1593e594eae50df9983e4799ef0a733b8c9fb0d95f7782ec0108f7 arg-microtexts/corpus/en/micro_b026.xml
aeac7074ee3d232acbad4d67145bcbdc31d2698f79d86fd3df8642aba646c988 arg-microtexts/corpus/en/micro_b027.txt
328f46283240e23f7e90f2edb751fcf955b383b48f3f071db8e5379b5e9f04a6 arg-microtexts/corpus/en/micro_b027.xml
b7528d09740da455c45640029b0d3636e4810ddb34a88fc16764671d53a1ccbc arg-microtexts/corpus/en/micro_b028.txt
6fb3ddaf12323f7ecd680c6b58b3f8b64a1968a29dd57274332cc5d661c987f7 arg-microtexts/corpus/en/micro_b028.xml
b812a58ff8703f38826e8d6ef2674b0e96b16ac2043e9781ed3ac0900fafb9ec arg-microtexts/corpus/en/micro_b029.txt
3cd7615ca1dc00bb763e95046c991c785fca00ed9babd80c752887e47e3fd955 arg-microtexts/corpus/en/micro_b029.xml
b4b16db8c39e620a8daabf6e5c637c62aedd733401d12c6dfe8722cf891e1b7e arg-microtexts/corpus/en/micro_b030.txt
76407a1876ca9fa7ec00e76ef50f1e62c651eb9579004441975dbb91f24d55fd arg-microtexts/corpus/en/micro_b030.xml
6bab4224c236ef5231d1fe89c034ac4b27e15c9315ecb86870c88b644fa39f41 arg-microtexts/corpus/en/micro_b031.txt
45d23db5b2127e9b907764ad7acb06eacfee380daed78ceb7f0cf8bff6330cbc arg-microtexts/corpus/en/micro_b031.xml
42b57beee4d12609c8405eb8784e9bd15a9ed5d8247b6a35a5398d14b2de437c arg-microtexts/corpus/en/micro_b032.txt
d70b8294bade77f6f754f47394ec9095d91776ddea11d041bd650fe309e43e14 arg-microtexts/corpus/en/micro_b032.xml
4920aac62b29a61c851a16f96b25fb2b7d9407f4dc17d3b3a03ee8c1ad8307fc arg-microtexts/corpus/en/micro_b033.txt
46c7d8ac32891e67d3d760d1fcbc553a6fbc2f50c89605fbfdabebcadf0d275e arg-microtexts/corpus/en/micro_b033.xml
4c1ee36ca7d6428d480cdbf8e50c9ba51951be00f89c05bc16c2ee14ebe20f58 arg-microtexts/corpus/en/micro_b034.txt
a9b5e38774f378c4e1fc9f97d64f813984cc220897f50206aa784bdb89d3bec8 arg-microtexts/corpus/en/micro_b034.xml
aa60953b320888f4a62c2ec0f897db6bdee1f8f2792580c59ef1816aa9baa5b5 arg-microtexts/corpus/en/micro_b035.txt
49d043a1f8a56b140dc4d98dd20a9f43e0226b6226e4f21703f9bb49d607cb28 arg-microtexts/corpus/en/micro_b035.xml
5856f0cbba1c1ec4d5f488f2384c3ce4f74b03e34447af164bb802d8147c8512 arg-microtexts/corpus/en/micro_b036.txt
9291269e0e44bb702f68a3173c824dae2a3d7b5eb9c0e8892967134e8803a2dc arg-microtexts/corpus/en/micro_b036.xml
9ef7686546a53eab8a9f5742c6c74d8b4cc6a9a2225b9ac0afb75ad8f6a062ea arg-microtexts/corpus/en/micro_b037.txt
e07f0c7b9151fbc2ad261e15aa68f6870985ddbeda6294c8d64ff7290d6d7e7d arg-microtexts/corpus/en/micro_b037.xml
683f42622fd644cd495b2eaa99cb2827d649d698d8ac11dad5e09b12ec811771 arg-microtexts/corpus/en/micro_b038.txt
72e1df7d8e79d8baed384a62e15a7e224b63106df6e375ade001c6e9b7108eef arg-microtexts/corpus/en/micro_b038.xml
e3ec9ae07a441593817ade0239af52d1f23c5dce45fc6065db0f05bedd0f1fd0 arg-microtexts/corpus/en/micro_b039.txt
eecedfbaea04f792903d35c29345c2812207b3f0250ec6990fba68b0ac491d17 arg-microtexts/corpus/en/micro_b039.xml
4fb32b267c094e970387561d88967d4a07a96dd6fe36ea587dc0528e8f0e86cc arg-microtexts/corpus/en/micro_b040.txt
be30f36b336677028a2913da9ec8dbb9ee610759b7cb3ecd289f5b96ec97b7c0 arg-microtexts/corpus/en/micro_b040.xml
f69d3946b503f4c5d3999dcaf95df194213423c42d5e3ab6d9d337a61cc5ae70 arg-microtexts/corpus/en/micro_b041.txt
33f7b5e82503022789e61a3ac1d506dad5e6eb8f995e0b6af5eac6d874fdeef2 arg-microtexts/corpus/en/micro_b041.xml
065500f28c7f0be9e1c3b0f6f46dd51b5909392e96d36fe1d28a1ecca30be341 arg-microtexts/corpus/en/micro_b042.txt
c8a2612df60129c873d780b5744776f1b171c184c7d3f38a273527b957c46994 arg-microtexts/corpus/en/micro_b042.xml
b1c617f8e88536422220e3554ec1dc68b455fed83d4c5a6d87bdbb2ee69742ef arg-microtexts/corpus/en/micro_b044.txt
7ae6fd58c105f0ad298fe3ca60a573c88d87c773e014c96cc092bd794c1788bb arg-microtexts/corpus/en/micro_b044.xml
babcdac431a195ef384d6d88f282a33d538c6b80ad83abdf4c23e88bf071750d arg-microtexts/corpus/en/micro_b045.txt
9464eb4f55eeb8b4f2db09355c9b42076627a5c00e6a4f6a4a95c0abdaac2f4c arg-microtexts/corpus/en/micro_b045.xml
e1e4b2bbbd353106926809999268af4472333c527af868a0d8a2f90b8375d5cb arg-microtexts/corpus/en/micro_b046.txt
b394dd826ba6d238407b1cc135020f979d61ebd7907da9a2656dbbb81b2e6742 arg-microtexts/corpus/en/micro_b046.xml
1e658d53d774229446ae6c6e8c4c592083bd01c01f98cc5dc4650613faefe158 arg-microtexts/corpus/en/micro_b047.txt
844fa6eff2ebf4eca9dab66f61c0fc09fbd5e463b11712f17938ff9f1d7c18ee arg-microtexts/corpus/en/micro_b047.xml
248cf34260b2e05ca3b530556ae3cf9c4dd676f3eed822a5236462f25425c35b arg-microtexts/corpus/en/micro_b048.txt
0198ac06a00bfb7db2818d62f441720c7f2ef69eda0b67c2194726430f3f840c arg-microtexts/corpus/en/micro_b048.xml
b4d7eeb586139080f2fe10f3f9387b152207fa6a356e0de2a9af2a8e106f3b53 arg-microtexts/corpus/en/micro_b049.txt
3a61522e091144711e6d7bdc02e1df6b86d985d36d245ec08bfb9410bb21db4c arg-microtexts/corpus/en/micro_b049.xml
e191820f913038e33e37757a922783403f91b2fec45a02b91ea09ca4a18d329a arg-microtexts/corpus/en/micro_b050.txt
da053de1cad0d66a28f18b56d58868ae93a874b4e09775b1f9fd6352beec3b81 arg-microtexts/corpus/en/micro_b050.xml
15e19ebe4123ded77789cd91e3b2b23bad0152740ab664adb23b7f406dcb3c28 arg-microtexts/corpus/en/micro_b051.txt
076492d44eb5972d5fc564c0f59a5a4bf4e59ce8b45a0c813b938fa1f853d18c arg-microtexts/corpus/en/micro_b051.xml
86686daadf2a861888909d835279e9e219d8247d699cef61c78435160fd0768f arg-microtexts/corpus/en/micro_b052.txt
781cc151d6573a08273ad9b211ad3c518c54f00cb4548fcd1ee76c4396283b26 arg-microtexts/corpus/en/micro_b052.xml
af070f9b7e39d468f7ed42068cfd66f4b258ee5490f531c605d6917a4a6b2257 arg-microtexts/corpus/en/micro_b053.txt
8655074b5d4a05c9bb972e9c8b40db354555d6d78f83afcd7ace465b5d5f7b6b arg-microtexts/corpus/en/micro_b053.xml
6254857088fbdbafc4bc4f27f005ae529346480f82b7e8721596bf00d5fb2d88 arg-microtexts/corpus/en/micro_b054.txt
0e0ddd7ebfe0583c69a11a82d583aa71623c64c7156cfa3fb7ef919166a5f547 arg-microtexts/corpus/en/micro_b054.xml
feb07bb1d9724c2363b7a59a1bd2981076fbaf49c45c85ce9429d340c6362f01 arg-microtexts/corpus/en/micro_b055.txt
7e57aca8229972af4324e50176de82a561275a7c98d9756e4296858cd0c94513 arg-microtexts/corpus/en/micro_b055.xml
2a54bed3ce68964a414fb8ecbfd2396d251d2edcb371bbf6f18244e4df8dafd3 arg-microtexts/corpus/en/micro_b056.txt
d772d3be7efe6fe64f92ae39a2eb439c19f0865e9b3291e9bc8ded32866c969e arg-microtexts/corpus/en/micro_b056.xml
2a8c2d6f39642e25fd0286aa89f89d31d2e4c0bb2b24e053d7f289bed700b400 arg-microtexts/corpus/en/micro_b057.txt
a4bd1d529ece750b3ecaf7ffc6bf7d39d7c0891b998c62838839a3ae43d7e4ab arg-microtexts/corpus/en/micro_b057.xml
61b3fb69a519d4ddd48c88cba84bd601a16e0b56b2946e711f5f03f7ee2324c1 arg-microtexts/corpus/en/micro_b058.txt
252dc3c70aaf3e5e3a096e14a990e32bbf8f15076fd0bb11bc98d89d57c8fda4 arg-microtexts/corpus/en/micro_b058.xml
b355f246c60435ffc75439130995d4c071b2948b1cbbc97486a6b2ca011b999e arg-microtexts/corpus/en/micro_b059.txt
0aab4cba2a46aadbe47aefeac9c11e297e3638a3474fffc3065b8116aa68fdc5 arg-microtexts/corpus/en/micro_b059.xml
1f864c41c9ebd6520f4a918355f16c2c52a612e62a9e51d56a6e7a3201dfb330 arg-microtexts/corpus/en/micro_b060.txt
a420c228ea57750109d9a724e8de5b35b47b4299906b79a577e63c86babb5cc2 arg-microtexts/corpus/en/micro_b060.xml
ab70cea28192044fd25acd84e1983246fd30085024d119468d40e93b6d4632a0 arg-microtexts/corpus/en/micro_b061.txt
621923a1e8c34dbe67bb87b70431629908e0dac412f14ba12a0cc224de68d51a arg-microtexts/corpus/en/micro_b061.xml
a1778c6239e39232b2c0a37624bce1f580774cef93ed625cb5277ffcfd41735d arg-microtexts/corpus/en/micro_b062.txt
8809cd5540cc7d7199b2690b3b521129e2a0549d909718f87c1257d74ad3778b arg-microtexts/corpus/en/micro_b062.xml
c59ed57a69b56cb55047b9dbb13690eb07d5ed12a51d6aacee31ab6380111d81 arg-microtexts/corpus/en/micro_b064.txt
4f890824523a88d12cb4a74970e926d59291b912fb2afa84b1e4705739961265 arg-microtexts/corpus/en/micro_b064.xml
@ christianvoigt/argdown 7f5a31e8df191f4b6a3c20516fe7b31d6f38d797
74d721e1021b62cf0fba57b011c7f1b9fb60742612d0924da0bef10b385f0bb0 argdown/Populism-Core-Argument-Argdown-Example.argdown <- examples/Populism-Core-Argument-Argdown-Example.argdown
cfaf0fd28b730eed50b4fd2740d21a78a833ff54c3a3adaa77aa9d65b196af6c argdown/_partial1.argdown <- packages/argdown-cli/test/_partial1.argdown
8f091347c2ff2b0b09a3b347538b1e67f4e46b125c085eae2814b7aa377758d5 argdown/_partial2.argdown <- packages/argdown-cli/test/_partial2.argdown
06bd34e495f3979babcaeaff51e90b3fa70277bae79cf3ffa7f9cdce015b30c5 argdown/argdown-primer.argdown <- examples/argdown-primer.argdown
e6fe65b5c518639595bb6afa28b8c62b164d835e73c712eda58c81dc456ad303 argdown/demo.argdown <- packages/ArgVu/demo.argdown
f8312917bd34cb843f213d5379ab5a1a891787dc9ccc83e24b15fc5aaaac6e6a argdown/include-test.argdown <- packages/argdown-cli/test/include-test.argdown
f478e986a3865f0304c65771ce6ccb7ba8e4a52c7a47a7abd82d7a556737ca97 argdown/lexer-comment.argdown <- packages/argdown-core/test/lexer-comment.argdown
f768aabccf1f83bca33aa27e43a4a0f03b8a83a022cd4c9ccee06fca8f2666e4 argdown/parser-mix.argdown <- packages/argdown-core/test/parser-mix.argdown
1ebbc5b8c83b9806bedd564132ff4422e2342522eff78ace0e4ac2205adbf695 argdown/semmelweis_betz.argdown <- examples/semmelweis_betz.argdown
8011f6a147f3b826c552ef60441a63d6a63ebc8e3bb7889aa13ed319bdcb7307 argdown/state-censorship.argdown <- examples/state-censorship.argdown
@ wassname/vargmark 82f6cde401bf87968bd807cca443b5808f05476c
231e9654e022824e92b810ac41c8af884a691ea93217a58805216266492e19dd argdown/pattern_3_undercut.argdown <- test_patterns/pattern_3_undercut.argdown
@ carneades/carneades-4 0aeef141d8b6b3678fbf2649276efdbbf121b112
068e2db31a855111fba43b20d2c5005d2369bb795012383eb4bd29ce77b2bb23 carneades/Porsche2.yml <- examples/AGs/YAML/Porsche2.yml
@ carneades/carneades-4 d19d5431b36da16ffdc2c7ebe4dded784e65b49a
072232facdfcc11fbab42238e437aa3998ac677d37f2573a65c8d909e7a4ab2f carneades/abduction.yml <- examples/AGs/YAML/abduction.yml
410e3e6fb318c05794256858cd9eba577193d6e686b433734dc062fc5e47ea6a carneades/chr-leq.yml <- examples/AGs/YAML/chr-leq.yml
654d41bf3d914b676163774dc63dfff445df5e0332029ad951a7e947e52e9374 carneades/constant_weight.yml <- examples/AGs/YAML/constant_weight.yml
88b39c67dab9d5933d9bf152b67744e0092d863325713002d26e3a13ae8b3d1f carneades/dung-attack-cycle.yml <- examples/AGs/YAML/dung-attack-cycle.yml
30826dce6fbb080c40df88cd9a79f64ca1f4e097a6957ecdf6badd85d0b12386 carneades/empty.yml <- examples/AGs/YAML/empty.yml
b43d02d5ffc7d1cd40b8f21f771dc69a4e26ad4e84b078feee612eda4efbbfd0 carneades/even-loop.yml <- examples/AGs/YAML/even-loop.yml
f217d48fa51ff270eba6fa0c4cf76169eb8e03347d0deff9323111db4d33d4e3 carneades/family-law.yml <- examples/AGs/YAML/family-law.yml
90b9f6bf7b0215c9e4217da9680da9b1b5ddfb5024ab580b52dfe8794fa962fd carneades/frisian.yml <- examples/AGs/YAML/frisian.yml
102081c9908d9e15332778a9459c1fb70d27ac7983480784b6e0b3875c49c195 carneades/jogging2.yml <- examples/AGs/YAML/jogging2.yml
182f625ec8caba119e49c0ec7184717ab81e85f33be48cab0473d9f98456b041 carneades/legalization-of-marijuana.yml <- examples/AGs/YAML/legalization-of-marijuana.yml
64cd403fff41472157ee2f983de2893c481dcdb3a8db29fdbc4dfb09bf5100b8 carneades/library.yml <- examples/AGs/YAML/library.yml
19e7fee153920121b9c2de331c919e571e2733ef05dec6d955bc68cb499303d2 carneades/mcda-porsche.yml <- examples/AGs/YAML/mcda-porsche.yml
e6fec180b923b01139851acf574463d3d4b02da7549cf9d900d62b14fbf10de4 carneades/paraconsistency.yml <- examples/AGs/YAML/paraconsistency.yml
ee45cc2435ae6fcd4e59cda4371d902479b7dbc03f66ec8bfa28402bb51e830e carneades/pollock-red-light.yml <- examples/AGs/YAML/pollock-red-light.yml
0607ec3a36f8f5034353c3741542e42d12a55f685da40ddef7e031dc58217ed8 carneades/reinstatement.yml <- examples/AGs/YAML/reinstatement.yml
b78d90028640ce04bfede3fd2c6e070816f037891d9cabbfcabf2156e3f88912 carneades/risky-operation.yml <- examples/AGs/YAML/risky-operation.yml
a7a63584d8ebd588f323093321c8221e4bbee17075a86a753e2cc45d5bc38a66 carneades/self-defeat.yml <- examples/AGs/YAML/self-defeat.yml
2ba09d6079faa5a55ffb726f51069e428a294aa1532102d2d77fdf84960d75db carneades/sherlock.yml <- examples/AGs/YAML/sherlock.yml
f38cd5013fc67c4e1b113ba88266ab5c86a5b7db953ca519fccb4750f9df511a carneades/support-loop.yml <- examples/AGs/YAML/support-loop.yml
f0ef9cdaca72b872ef55e16b6b1d3635d5c31bbf035d769204a9c60db582b3b4 carneades/toulmin.yml <- examples/AGs/YAML/toulmin.yml
e5e0de7349762d7d6f14462f4c7f550fed6bd8208cda4dcb9b9a5b8b76ef273a carneades/unreliable-witness.yml <- examples/AGs/YAML/unreliable-witness.yml
438c9d10ae1e9603fdc1ac3e172928af15c1c7e6b4dcc836d4ee30dea53d81a6 carneades/unsupported2.yml <- examples/AGs/YAML/unsupported2.yml
@ carneades/carneades-4 6de7e34700aa1231475a296d81ae4e92274b541b
9d28cde44275a48a79fb9e45d0666b8496dc74b994937dfca2937acf0e75c295 carneades/tandem-2015.yml <- internal/test/AGs/tandem.yml
@ carneades/carneades-4 1cc35c716123535966790a23ffd37b090de1b6ab
23572defac60bff439d451b4425fde768f86a554555576f1e329d759c1ff0669 carneades/validateArguments.yml <- src/test/testdata/validateArguments.yml
2d5b75e78c756873f3e40075dfb22d18b5d4d856380049b7ce6a2021622505fb carneades/validateStatements.yml <- src/test/testdata/validateStatements.yml
@ nicopotyka/Uncertainpy 0f7e5005d26c0ffd6cccc43117933d644979d230
c65b573e1ee2bbcc5a379278b8830acc199fb01c1915f9267581fe1dbe9a5c20 gradual/RagoEtAlEDemocracy.bag <- bags/RagoEtAlEDemocracy.bag
@ dstl/eleatics 95ac051640d6cd69096340f2f4e59f8f45a9b4e9
49c8ed9504917d1691b304c6d18f82ce19ee803684e1caa74a441967617d023d graphml/calais.graphml <- argumentation/fortitude/calais.graphml
efbc6ba1892f8120eba8777a853c886e5076ce6c7edd7da50abe8816e1aa0de4 graphml/orbat.graphml <- argumentation/fortitude/orbat.graphml
@ carneades/carneades-4 c9cfd86c1ca78de1cafb0193fb75e9323affddc2
c0ad59313f26add5195ca1da0a97317140d3b0e8a2aa525aba79580d7089de15 graphml/even-loop.graphml <- examples/AGs/YAML/even-loop.graphml
84195af6433fb0bbdf9fdd0ddfe81ddc0a12b24430ce08e74b76911db9ca8316 graphml/library.graphml <- examples/AGs/YAML/library.graphml
@ dstl/eleatics 0feb93fce5f776e947f1e003d581607a4efafd4e
adc566d5c5217c1b192d9074cf677b6c5f81a4161ac7936514ad73bd43c7f478 graphml/toulmin-scheme.graphml <- argumentation/examples/toulmin/toulmin-scheme.graphml
@ jgmailly/pygarg e73dba12351f896fde6fbac427cca946459cac7b
bd26a8efe6a7097d76b8557d47d7811de58ad7decc07308650f81b4be470e7bb iccma/instances/BA-numArg10-pbCycle0.3-1.apx <- exp/instances/BA/BA-numArg10-pbCycle0.3-1.apx
bc60655ddbe37334167e539b6fdd0762251bb8d7da6f873e35ff7ce3ae2115f8 iccma/instances/BA-numArg30-pbCycle0.1-3.apx <- exp/instances/BA/BA-numArg30-pbCycle0.1-3.apx
79befc425a2fc908ad20befedd4228cc94b09474bf353f42a6fb31ddf3d2e9c1 iccma/instances/ER-numArg10-pbAtt0.15-0.apx <- exp/instances/ER/ER-numArg10-pbAtt0.15-0.apx
86a80c10699fd184d04772e60ad362f1c8dc4a9aebb7d63e744388666f88bb3e iccma/instances/WS-numArg10-pbCycle0.25-beta0.75-baseDegree8-1.apx <- exp/instances/WS/WS-numArg10-pbCycle0.25-beta0.75-baseDegree8-1.apx
@ patricker/argumentation b8041864f32bd95e27f042094198f963fa0a66df
5f7f3843271fdfefffd64df2c410f17e800c5fa29a615a269cc5ba47c68f8e16 iccma/instances/Small-result-b2.apx <- tests/iccma_fixtures/real_2019/Small-result-b2.apx
5042bb2109b4de11c0f5a7f2d58ca1a83f8825f6c36bddcfef3b3e8b0dbc83d2 iccma/instances/Small-result-b41.apx <- tests/iccma_fixtures/real_2019/Small-result-b41.apx
@ DennisCraandijk/DL-abstract-argumentation 23955a08a1cfef72c67d9bac307720d25a9ecab6
2fd387aec340e898343eecafa2fb48314e355b47ef8518bdc0fab69a7b9e4228 iccma/instances/ex1.apx <- src/data/generators/vendor/probo/examples/ex1.apx
3e474c54bd19c92b0c8cc12570c3c74d1e97106547959b8394e095c10ce76006 iccma/instances/ex1.tgf <- src/data/generators/vendor/probo/examples/ex1.tgf
3492ab69d4e9b80b9581b7609be93ea8dde0529a09b31258ab8f0f1780c5cce2 iccma/instances/ex2.apx <- src/data/generators/vendor/probo/examples/ex2.apx
6304565164e8f8b58fdbf7ec443ee99ee097503c7845cde43bca0b13d35329e4 iccma/instances/ex2.tgf <- src/data/generators/vendor/probo/examples/ex2.tgf
fac4fe818cbe88e30011560433e7a382db5bd8bb63ff496d362fce30adc4fa8f iccma/instances/ex3.apx <- src/data/generators/vendor/probo/examples/ex3.apx
099c8a0eb90b7dad5ad8d9dbd1e04600ff7a2bac775cd0987ee831b9fc40a26a iccma/instances/ex3.tgf <- src/data/generators/vendor/probo/examples/ex3.tgf
d07b22f01436943a8f3f20cfdc57c709acc6d925e598cadd9d1bded37bf177f5 iccma/instances/n100p5q2.apx <- src/data/generators/vendor/AFGenBenchmarkGenerator/samples/APX/n100p5q2.apx
b6c4cc5bfe123d4fe7d830c00bc4c5c4a340453964bb1ee8aea28cd6d908df1d iccma/instances/n100p5q2.tgf <- src/data/generators/vendor/AFGenBenchmarkGenerator/samples/TGF/n100p5q2.tgf
@ kietGithubUser/ABA-Backdoor-Implementation e827b933c2966302afcb523d26c6333e8f964441
6e2fc09984fdbf2b5ecd74266c0958e07dd1e1b023dd9d76f5dab2d5dca22685 iccma2023/aba/instances/aba_100_0.1_10_5_0.aba <- iccma23_aba_benchmarks/aba_100_0.1_10_5_0.aba
ee295feec27f311270833b3f0d02f23282cfef9d6bb748522988654f8a5d0ca0 iccma2023/aba/instances/aba_25_0.3_10_10_4.aba <- iccma23_aba_benchmarks/aba_25_0.3_10_10_4.aba
@ 36298liu/Solvers-for-ICCMA-2025 25a9bd5604713cdc78bf8d289036cae6b896897a
4fd25484dec65f41ede62edd66157c8ef24b22415dd64c863b7321db2687dce0 iccma2023/instances/admbuster_1000.af <- ASSAT_Amsat/example/admbuster_1000.af
ac4e44acc976704736173f9b7d97a93b5b008b53a2d57499ba4cd8ef7d0812e5 iccma2023/instances/st_890_86_9_572.af <- ASSAT_Amsat/example/st_890_86_9_572.af
@ sertkaya/afca d44033aa05c90f635e16f6be217802153fabc46f
d0949a5d71cfe8f698b5a023f8a63a2dc6583d486fa35a8bc39a7daee577e034 iccma2023/instances/afca-test-1.af <- src/test/test-1.af
@ lmlearning/AFGCN fc56ccaba0ecf6eddf9881aa148ed0278a0c9cf4
913f795713a7e1eea106f0dfd971e22ddcf27c5fb68ed3e745140081667426a3 iccma2023/instances/afgcn-testaf1.txt <- Solver/testaf1.txt
d37d45d3dd91c54cb528cc2db7b915b2fd1955674cfc41789b270ca744110fdb iccma2023/instances/afgcn-testaf3.txt <- Solver/testaf3.txt
@ p4s3r0/argumentation-framework-clustering 21175324093718a57d36fdd4f3d89a3174772460
f87518d980ac47e8afe0cec6f2cae1c5201ef80dd29cae4eec92923e64702b88 iccma2023/instances/clustarg-CT_100.af <- input/competition/CT_100.af
8c8fc31594e2b6c275e0cee679a7aec0704f02d581bc8217e4284f284d128a42 iccma2023/instances/clustarg-competition_1000.af <- input/competition/competition_1000.af
cd9145f949210ec2c2c40895adf076e985a405cfed638535ef2e90b5af51ac5f iccma2023/instances/clustarg-concretize_murder-concrete.af <- input/main_paper/concretize_murder/concrete.af
99551d08aa0ceffae5967cb3c380e194c25768b8b6c7fbcd17478b6f734de248 iccma2023/instances/clustarg-concretize_until_faithful-concrete.af <- input/main_paper/concretize_until_faithful/concrete.af
7f370d3ef84a24637e5b66753f51da4303e6b4447727dac965499300c7425962 iccma2023/instances/clustarg-dung-concrete.af <- input/handcrafted/dung/concrete.af
3518a3c7eb859c1aca2527a653ce2aca915ec2f7f2afaa6e5628f958f5050beb iccma2023/instances/clustarg-figure_2.1.af <- input/main_paper/figure_2.1.af
70158a82f0c3031904fc9e3621c809e8afd1efb9a514f742c93f67f78605c298 iccma2023/instances/clustarg-grid-args-30-p-50-i-1.af <- input/experiment/grid-based/concrete/args-30-p-50-i-1.af
@ aig-hagen/taas-fudge f2205269546118063d073e44a4a93ee85a63d9ad
0afd3200b20e9f5cae6fd92821561e5960c282c02c7db4e739f84f4295d3e46e iccma2023/instances/fudge-test.i23 <- examples/test.i23
@ ooinaruhugh/ipafair bfdc78ce878ffc1b9f6ca9c14bbecd8134c2c510
3904b475d7b6ad074c173eadb2334dd423b629b3a9ca43333f2f46f3d131da4f iccma2023/instances/ipafair-af1.af <- asp/af1.af
@ Paulo-21/rapproximate 38fa4783e1f2d7ca646058c378c761f116e29ea3
13e8ac3fb9ee56203264b79a8a467034cc686533144d7357e09256ca9903df77 iccma2023/instances/rapproximate-test.txt <- test.txt
@ aig-hagen/reducto 13b5146e12155c79a06f07b622ec6cd245698315
15d3f10fd45801b9b0079c303890c93225fc018936a9ada94bf48f92b9b78d09 iccma2023/instances/reducto-example2.i23 <- rsc/examples/example2.i23
@ aig-hagen/serialisation-solver 279151857318c4bf22957e211301f10ebbb94b82
cd833fbb39afa54741b26ce22301f9d9cb6ff5bd33de329a0ca7ff9c0268fb66 iccma2023/instances/serialisation-example.i23 <- examples/example.i23
041a99d4e266cec3e5f358c30dc3c04c8f4667e823a7b101f7686ed527e47d25 iccma2023/instances/serialisation-example1.i23 <- examples/example1.i23
@ franznowak/kialoparser 5b456dde3b4ccd16a80eb58cadec1e721bd6d8c8
89750490e95d5858ed0ed2faed58013c2bcfdc17121b495b7daf8e381b7308ff kialo/did-the-exodus-really-happen-14445.txt <- example.csv
@ edoguido/Kialo-Parser f9843edaa8cc0e76309e7738271d75124f1eb59b
79b8b0e645369023a7b6c50e5a40868f8e330198a9decd038e0f2d5a5b687176 kialo/should-hate-speech-be-illegal-6148.txt <- test/should-hate-speech-be-illegal-6148.txt
@ Open-Argumentation/Canary df8af639153e1a16b91f6b606e3e288bcb5b0952
4f946d2537b4067bd32ced02b6c17da244b97f1cbc9dda875b94c909aff121c9 sadface/canary-canarySADFace-2019-03-11.json <- canary/canarySADFace.json
@ Open-Argumentation/MonkeyPuzzle d5fe40c7d89875cf099f4e13668f4f979682f91a
e787fd54d27146e8d0d6a319ccc41abbbc3f97a752e7da357ec09810a58d45d2 sadface/monkeypuzzle-empty_v0.1.json <- json/empty_v0.1.json
@ Open-Argumentation/SADFace cfb15160e178275ca4006d4b14607546353d636d
5e40101caa9784b14ca8f288e5cde62bd451ad0575efe7dc52de73eefab45cb5 sadface/sadface-hangback-2017.json <- examples/hangback/data.json
@ Open-Argumentation/SADFace 248276b1ad81096d0b0947e93e67f1fb3694fdd0
2471f539a24b849337f5154c70c6fcd8043390fa7ecef5df11fde9b902bd4971 sadface/sadface-hangback.json <- examples/hangback/data.json
c04952b8d49a6e7a3127e7db6406db1067eea49a723c8918551ea29ddce4ff28 sadface/sadface-minimal.json <- tools/python/examples/minimal.json
@ ashtarcommunications/verbatim e252c24391ed6af40bb374cfe9274f396c4f8cfd zip:desktop/Debate.dotm -
4201716894bd0a6c421e1b7c0fbb619173d5fb8d99a1d0beb66b138ad4303629 verbatim/Debate.dotm_word-styles.xml <- word/styles.xml
@ shreerammodi/cardmirror dba296f31c4902785ec52f1536be8e7196897de9
f9fdd5b82c801ade5060c45313ffcdc775af8e251a0ec12c1cdbc2764b219aaa verbatim/cardmirror_AFF-Netting.docx <- reference-docs/example docs/AFF - Netting.docx
ddde26d6516c5669c21afa6866f5712737695145cc082c37bc3558fb886ec81b verbatim/cardmirror_CP-Bifurcation-PIC-vs-Fed-Workers.docx <- reference-docs/example docs/CP - Bifurcation PIC vs Fed Workers.docx
916a4aeadb1e4edae22f9d40180b1d701f4ac24ddf5fb309458726e2b9f553ce verbatim/cardmirror_Generic-K-Link-Toolbox-Summer-CJR.docx <- reference-docs/example docs/Generic K Link Toolbox---Summer---CJR.docx
@ ngb3748/Feb-PF-2017 3932e3d69773762cd45d49b567f34a73f2d553bb
6ae56fc0510479ac82334ae4409571064e764e1cc3afafa951c7a28f1bab0322 verbatim/feb-pf-2017_1AC.docx <- 1AC.docx
@ tvergho/verbatim-parser 7338721166e3ab15809096e23267126b1c1cc6b1
037107c78a2c8fc9d3c8b206dcbc95353c464dcb9f39e8d4e69de855b7c2d74e verbatim/verbatim-parser_1nc.docx <- test-docs/1nc.docx
51ed9dd769ee4b2c38b384d3dff90f9339b2916c261bcbffa86e58329e38a408 verbatim/verbatim-parser_neg-5.docx <- test-docs/neg-5.docx
! reference extensions written for this project (probo official solutions re-encoded as JSON, or the agreement of independent solvers)
f99e56d21db8fbbeaf740de275a760bdb2277dafa1660219727496c3bdf98bf4 iccma/expected/BA-numArg10-pbCycle0.3-1.apx.complete.json
6538d339aede9ded2f47feb9ae8aba3ed667bcec4dcc8adb8b8e4cd78ca7ddf6 iccma/expected/BA-numArg10-pbCycle0.3-1.apx.grounded.json
02ffb278839ac955272c5fd04410c1fa34094564f84e26bd652f9c15974b4df8 iccma/expected/BA-numArg10-pbCycle0.3-1.apx.preferred.json
9ae597bbbe56dd3850562b6e57dfa948a5d373dbb7518130efaf469f225105dc iccma/expected/BA-numArg10-pbCycle0.3-1.apx.stable.json
9f5c349c559e52675ddb647e7586955f73aa2c6c86914d5cb5e44f73d01256a9 iccma/expected/BA-numArg30-pbCycle0.1-3.apx.complete.json
de16bd9ee9d6835ba9c169678fee186d4ccfe97f75dfb097d7a1e06a153dc709 iccma/expected/BA-numArg30-pbCycle0.1-3.apx.grounded.json
fa46d1469dd82fc15afb5a19a2226db197e1c638ab7a9549b2254404fa9250f5 iccma/expected/BA-numArg30-pbCycle0.1-3.apx.preferred.json
be151354a39edad51cc787466c7ef9719f51bf3a963b3fc11e52deef7eb9bb68 iccma/expected/BA-numArg30-pbCycle0.1-3.apx.stable.json
26d03178e7d86ccdbd861c39a2f08732dc6b966dfb68982e8439b309ee37ac43 iccma/expected/ER-numArg10-pbAtt0.15-0.apx.complete.json
69504900e834e9660d403ad68afa15766a1c5c0c1797d705dadd878f2e706835 iccma/expected/ER-numArg10-pbAtt0.15-0.apx.grounded.json
3e38bbafd0f8c7665080b7b6a881941740e71bdf0fda48d83f250a266122b420 iccma/expected/ER-numArg10-pbAtt0.15-0.apx.preferred.json
6bc4b1f904062d293c54e764c12f7fa963853a0dac6cdf41f7c1d18d4984540f iccma/expected/ER-numArg10-pbAtt0.15-0.apx.stable.json
9ebced5436f3d89bfaa09315558975999d03cb0d154e53f5d249cff4dceefdf0 iccma/expected/Small-result-b2.apx.complete.json
21db260ad46a1eef8c1208b573a09804c32c094d8cf962519de0a7b8e949e815 iccma/expected/Small-result-b2.apx.grounded.json
a3ae57012b3faadd5f923f5eed3ce90414f71f13514f0586852763c1b29bf4e1 iccma/expected/Small-result-b2.apx.preferred.json
e92e3607234e4e12629ce3634858403b3a374b17ecee975fef59e3a242fa2fe4 iccma/expected/Small-result-b2.apx.stable.json
ea08c6f5e49b85b32eab4e6be6e978c54b387f1f5f93b52e8f265ff87561956c iccma/expected/Small-result-b41.apx.complete.json
2cfe79ff5e5cd501d129fdd5eb897361d2f2c1b544be0cb088fd95c60d525165 iccma/expected/Small-result-b41.apx.grounded.json
5e0799f7336bef6f94aeebea84e61c4fb542f69805f638e34e56879188681dc8 iccma/expected/Small-result-b41.apx.preferred.json
44f5a8350976634dde73f10ae9e9d39e225636b83b875672b2203602cff9b9e4 iccma/expected/Small-result-b41.apx.stable.json
2ba63fd3e1cd4e623c356324d6752f4c5f66cbe7e9f4c4b1f453befe747e231e iccma/expected/WS-numArg10-pbCycle0.25-beta0.75-baseDegree8-1.apx.complete.json
bb018a705bd17375c3554ac0c49d021282a2ec2772155ab1655575cc56c4e2a5 iccma/expected/WS-numArg10-pbCycle0.25-beta0.75-baseDegree8-1.apx.grounded.json
09602a04cc5ff12474bdd81569da7c6b3c37e7e35fd039d1fedba857b5aff5b6 iccma/expected/WS-numArg10-pbCycle0.25-beta0.75-baseDegree8-1.apx.preferred.json
8a112a6194d4e655403ce1e52165fcc2b4a308d0ba8538352b082304291aacc0 iccma/expected/WS-numArg10-pbCycle0.25-beta0.75-baseDegree8-1.apx.stable.json
d94ccd90a96020d5b186b22e308b117e3b1fa8da7fdd02b6b38dcca4cb573eb4 iccma/expected/ex1.apx.complete.json
7afa9bbf29448abc12fe588637e06073b3f27215246d913864bb039e86e694d4 iccma/expected/ex1.apx.grounded.json
689df6ea3978811200bfd6b3ac411af4dc205f4ca9dc14650e417f98ad3d3a96 iccma/expected/ex1.apx.preferred.json
c116dd4f37e0f36c16693c88eaddc4b506db5db22cc0a0a8279b8fabf3eb173a iccma/expected/ex1.apx.stable.json
974c37b37df9d9768f049b380b0d46c8eac1b0a569b7c89970b207c92d650e92 iccma/expected/ex1.tgf.complete.json
94d46898c029a11cae887c3c5988621a9f4d03148d891041cd06e4440b7c7e4e iccma/expected/ex1.tgf.grounded.json
2b1e7d990caa650eeca742344f257e5649f2924a81e170f65e831b03f244cf3d iccma/expected/ex1.tgf.preferred.json
ee3ce69394d923508b75c2e873e5a5ab9a0b407af000c032af701fb229bb399c iccma/expected/ex1.tgf.stable.json
264aaad1178893f93429b9b40b7c0d891c7f0ac8eb2f6b0ed44b2a714b11e30e iccma/expected/ex2.apx.complete.json
505d09f7d467e08e0c27b4612770ad87d13d817f511e897bd87d432fcbaa0a61 iccma/expected/ex2.apx.grounded.json
029be80fa327d0f68a110f63c33b7f8969772a0a9ec38c4f8cf4b9e142fae3b4 iccma/expected/ex2.apx.preferred.json
896636c8cfdd4d27c318378ae95cc13681c28b7929a8d3c81dfa7d9145ceab51 iccma/expected/ex2.apx.stable.json
3fc2a0a361079578d859749623303e5048e27f247bf6840adf8bbe00456b2a2f iccma/expected/ex2.tgf.complete.json
44cbc634e7af15b4fa46cab5bfcd43ab2c1a1e6d8a792eb3d040bce94769f111 iccma/expected/ex2.tgf.grounded.json
43142088b185d7104182992128cc60d0aa774be5b6d6ced2fc2d132992b65e21 iccma/expected/ex2.tgf.preferred.json
83ab9d926adb10e384553d1fa2fef312b0329c7c146b65c5b829da2c24a4af4f iccma/expected/ex2.tgf.stable.json
dcd1a655fbc850bd2b04fe689a2b748f7f8ac153858cde75f3567fe1a2c72ed5 iccma/expected/ex3.apx.complete.json
95b171a7b34720ab3cdc28f58a248c94c7f0fc4410590342d52314c5e4b1f0f8 iccma/expected/ex3.apx.grounded.json
63b82e1d827bb45415016676a1bcc8b8d26557e9c26f0bf2e6f708021a0dd79f iccma/expected/ex3.apx.preferred.json
f51891edf3e5af1099eb6ae6fff01159364726b5c36ebaa3cdda1a31b402ca39 iccma/expected/ex3.apx.stable.json
4b6fba93347f3e349ac43413803be6138b7b493c3e45edcdcbfb3644611643dd iccma/expected/ex3.tgf.complete.json
825b0b032a64fa9bd1830e9c2c724ed9af375ae55cfde6bcc57cd41af3dc5504 iccma/expected/ex3.tgf.grounded.json
d86adf433ebbaf233aba5449c974bb077aaf13ed78434e8fa31fddb332944d3c iccma/expected/ex3.tgf.preferred.json
025cda386cb8e187556156f16bb3ff38a28b3e4dba914db92d0c53b456364a0f iccma/expected/ex3.tgf.stable.json
36778981ca8af4c97cc6502f35fda6b5520e434d25680647cdce04f5ce9fde09 iccma/expected/n100p5q2.apx.grounded.json
954b55063b72fd3d9cdd1810c3981a03a5bd6a90aa1a1627d4a70b0d72da3316 iccma/expected/n100p5q2.apx.preferred.json
e744e9b7ea3407c6608a09be34a317832d5ffbf49c1a3d5fa0e69bb9ff6bf8a4 iccma/expected/n100p5q2.apx.stable.json
! reference answers computed for this project by clingo and brute force (iccma2023/PROVENANCE.md)
192fa5ed4d0fd3ce6af363d4546df7c089c8db8f4afe6491021498ecd2d83023 iccma2023/aba/expected/aba_100_0.1_10_5_0.aba.complete.json
b1563a8f88c1a6b4ccd9b14fed1fd437dedbe943f50a0eebbaa033a29b5baabc iccma2023/aba/expected/aba_100_0.1_10_5_0.aba.grounded.json
763dd24c4a58db1efabe54129a404a0edcbfc997b876360e000dc24105d6b407 iccma2023/aba/expected/aba_100_0.1_10_5_0.aba.preferred.json
daa8e5c87ed6c956d2079c80fe53838d02693ce01eba5c86dd82acd3f1f34fa1 iccma2023/aba/expected/aba_100_0.1_10_5_0.aba.stable.json
465e31f0af3afba0729794656fefae73a515e69bf0949eb9b41acc98f4dcb25f iccma2023/aba/expected/aba_25_0.3_10_10_4.aba.complete.json
d5722ea71ab52a3a1606ec4c660868174419d13e08c6047c5dff3f36f3cd4e18 iccma2023/aba/expected/aba_25_0.3_10_10_4.aba.grounded.json
872219938cc37f73ec26572760bc8a4545f06d8a43eaee38a6e88d6f08d167cf iccma2023/aba/expected/aba_25_0.3_10_10_4.aba.preferred.json
3aa2691ad49ddf8cb134346aaa60873fca510b43eff61ac177b106067fcfa00b iccma2023/aba/expected/aba_25_0.3_10_10_4.aba.stable.json
! reference extensions computed for this project by independent solvers (iccma2023/PROVENANCE.md)
c99aaefdd338bfff8956617b2098b6aeb6e43ba61dbe5c846479b5b62f3b4804 iccma2023/expected/admbuster_1000.af.complete.json
beb59da2492992cb371f936a1d84fe17bb52133c3e68c4a04265689f60e29e41 iccma2023/expected/admbuster_1000.af.grounded.json
e019694580d322776b3a2c9d74c5bc2d86da3213189b9bafef43fb8bb523cfe4 iccma2023/expected/admbuster_1000.af.preferred.json
39bf55f4bf606a542e54c16a56aab2cbaeb10c37a83b371cd022fd2e1c5a4b2a iccma2023/expected/admbuster_1000.af.stable.json
878f0357f32479b2a787436e44233677917b381148d54ad3c5c136f55d525733 iccma2023/expected/afca-test-1.af.complete.json
65662c94aeb320a9fff92b16d4e1aa55c54ce1ce21a0f5094635312991da5e64 iccma2023/expected/afca-test-1.af.grounded.json
9fc3b45ead00686c75c908cf82498e64ddf363414aa531b6cf05147210cbeefe iccma2023/expected/afca-test-1.af.preferred.json
433b9d35ccd1482278105513b8872381109846d3adf1ac9565c1962eb5502e09 iccma2023/expected/afca-test-1.af.stable.json
c6ac038b023ed6870d4bee1c74f1b897f08c2232a5103edc08af841568e6c77f iccma2023/expected/afgcn-testaf1.txt.complete.json
750c92a8f55214e384c92d8522912129748d6f3809a40eafb22e3007cbfd8457 iccma2023/expected/afgcn-testaf1.txt.grounded.json
d2a45a6a71ae6da808f1a52fbf8e2e84d60e7ef20b2912d14aedaf65d0eb1322 iccma2023/expected/afgcn-testaf1.txt.preferred.json
94eb471376740f96c6d436de050fa246e4ba5c92bc0c02a055f1b921e14c0be6 iccma2023/expected/afgcn-testaf1.txt.stable.json
f9ddc5b926606e2167fa68c20532ca220f07acf1588d0398d189ead6195cee40 iccma2023/expected/afgcn-testaf3.txt.complete.json
10776ee4f86be34b84dcd76e4452e3bfe3ae11dfbea21b2a9cad57f08816702d iccma2023/expected/afgcn-testaf3.txt.grounded.json
9fba6b20846adf5d33521f9c61da514b47a40d1414b52bf61f26aa2275a6ce0f iccma2023/expected/afgcn-testaf3.txt.preferred.json
3bbe1f08998e34312ab62bed0b02246427964f1aa7e6b84283df20b806567dc3 iccma2023/expected/afgcn-testaf3.txt.stable.json
0373a175ad73b34af311fd93cff81c19e3e917f74cfefb3d526a2786e529e840 iccma2023/expected/clustarg-CT_100.af.complete.json
eb67f38346dd8e2b870d8671e7056962acec843c3aa1b7a0acd58fa5ae036f8f iccma2023/expected/clustarg-CT_100.af.grounded.json
35351d161946ae920173a631983f4a03b9daa281dcad9d04da2b94116e6bc3b8 iccma2023/expected/clustarg-CT_100.af.preferred.json
da4df2c7c7a324dcdeeb8bf233b374502609c8f708456f8c0eeb3b5859efe347 iccma2023/expected/clustarg-CT_100.af.stable.json
894cfee300a3d8c55216b3c0e0c81bb7b1229f2c966f835513e9da36f697d7ba iccma2023/expected/clustarg-competition_1000.af.complete.json
2405e1c604d21858f78e9338f5351e4632654bce7d5b4e6d37bbeae1f1be0847 iccma2023/expected/clustarg-competition_1000.af.grounded.json
65b99639d8b229024388d0ab584b6bb2764a176398bd1c933050cf304fc232b1 iccma2023/expected/clustarg-competition_1000.af.preferred.json
1f346f92d70c048c448d6223874f538074a9b74c1c6f589c002e5702789f750f iccma2023/expected/clustarg-competition_1000.af.stable.json
75316010641fc41800928db4b25a7f13bed58ee89d1220794b9519032de499c9 iccma2023/expected/clustarg-concretize_murder-concrete.af.complete.json
a728c2dd6fcf1be5346c9ab5924839d52167ea31f9ad7125e17e69f18230aaa0 iccma2023/expected/clustarg-concretize_murder-concrete.af.grounded.json
90e4c79672bd64d109fe659ba3337b1f57742da2fc292de67c680b9d28f2f2aa iccma2023/expected/clustarg-concretize_murder-concrete.af.preferred.json
04b70e24028bbecf18731146a3f8086c50f160ce7b0db9fb8dd7553c752a00f6 iccma2023/expected/clustarg-concretize_murder-concrete.af.stable.json
af33f8d9ce7f0c65c6d5cef8db6d85feef1935371ed8c8b92035d8d894fa59d0 iccma2023/expected/clustarg-concretize_until_faithful-concrete.af.complete.json
791c586cf617e1bd4151a035857a75e21f42349ab69d4a46a9515c8ac3ffa3fa iccma2023/expected/clustarg-concretize_until_faithful-concrete.af.grounded.json
d762c7f6eb32b76a71ce5f7ffe208a9b6efb3e66f8875ea676f159994cf97596 iccma2023/expected/clustarg-concretize_until_faithful-concrete.af.preferred.json
2412ec5b053e0f01b74d5952cbad6aa2c67cf83f1f753adecdd4d7b3515cf06f iccma2023/expected/clustarg-concretize_until_faithful-concrete.af.stable.json
2e4070377405e6343fdd71c91aac928a37e903a1264a412a8e2f020eb3c05cd2 iccma2023/expected/clustarg-dung-concrete.af.complete.json
115e2ec7f5029e8b498a017d8f052d23a12342f87c752cd005839ea11754a82c iccma2023/expected/clustarg-dung-concrete.af.grounded.json
3036d8c0f523b97f9477b53e8dd6fc583ccedc8678165a86c83b14cd6424460d iccma2023/expected/clustarg-dung-concrete.af.preferred.json
6c2bd89336998e0546fbf7147473e2fb0505754df56180f0f2fa5187253f07e0 iccma2023/expected/clustarg-dung-concrete.af.stable.json
d8964a62da65408a6dcf921734796ceb718d3840cb9006cfe0c7258050c08eda iccma2023/expected/clustarg-figure_2.1.af.complete.json
451c4b76011544823dab9b6cc97865f6082420cdad5555d24acd7f71a3650da8 iccma2023/expected/clustarg-figure_2.1.af.grounded.json
70e19c2d6f847e369b129589c4d7a0d39d18a3a05571d4d01b4442b0bae52428 iccma2023/expected/clustarg-figure_2.1.af.preferred.json
82c2dc4f7c15be34964393aeef8b537e9660353c144c4e2aa14fb5f566f7ce6b iccma2023/expected/clustarg-figure_2.1.af.stable.json
8e9ca8b830562ad61f7c43535f7feb125c8aaaceb1829ed262365029328a8f44 iccma2023/expected/clustarg-grid-args-30-p-50-i-1.af.complete.json
ad872e5970e7bde828749ccfd57440570fb51f07d1e5712ce848c1b3ee16c720 iccma2023/expected/clustarg-grid-args-30-p-50-i-1.af.grounded.json
4f151b4c1e39606ce6b9dc01c285808679627678adb676e172a245c87ad9b911 iccma2023/expected/clustarg-grid-args-30-p-50-i-1.af.preferred.json
ca61105a4bfc051faea8606cf1b5eb2e9acfd8a49c1b8088ca42df4c4712f0f5 iccma2023/expected/clustarg-grid-args-30-p-50-i-1.af.stable.json
a65d292ab6801a8000067c317a2bc484bbc8f2169aa3f9eeadc712d38a2f9d74 iccma2023/expected/fudge-test.i23.complete.json
2f8add63257da881f4a3fba30da9bba0b053067a5a758278fe2af4549a140bdc iccma2023/expected/fudge-test.i23.grounded.json
52649f468a93853806996424451b7af7e6b1d79b15cd32ef32a68c71d5c7730c iccma2023/expected/fudge-test.i23.preferred.json
96c22830e339b306e3617ef9ade86137042a37420c581801e1ce182b03ddbd50 iccma2023/expected/fudge-test.i23.stable.json
c399c34d846cc8d239e634a5e2b0eb17cbaec589030f1823e34a8934046bfa1f iccma2023/expected/ipafair-af1.af.complete.json
edb70dfda084625b6be4dfbe081e2046e99aaaeea42280483daf83a31c45e8ef iccma2023/expected/ipafair-af1.af.grounded.json
d6ec2d6da62cddba8453dcf228a2a10432b3cc8c47ecbe18772013b1cd1f3328 iccma2023/expected/ipafair-af1.af.preferred.json
c1d13373aa9414e6e963a59bd57f00f4442c9a0bc4c9bf7b85349eb1d735a3a1 iccma2023/expected/ipafair-af1.af.stable.json
c88225b1c1cbf6e0452cc9bae60fc2c3973d93fe6bbb855bf2975bd460e8b326 iccma2023/expected/rapproximate-test.txt.complete.json
8b645bdd6a28a4fc763e501a0d3abc078af316327b9e1109d9abe47149cfbc0f iccma2023/expected/rapproximate-test.txt.grounded.json
d2ac6fa212d9501aeb672fc4d10710f7468146aa281ce0e0c68c44c20d7b3131 iccma2023/expected/rapproximate-test.txt.preferred.json
d1404b1179ce578d2d051083265f76884f4badb1c0aa1ceb98620d462243bdf4 iccma2023/expected/rapproximate-test.txt.stable.json
1b3671b03fdf7aeb64baf381f10970d8179d42fc7b93466fa7a1bca89caab7e1 iccma2023/expected/reducto-example2.i23.complete.json
a1db4459d13052dbbf5406f2f5af61e930fef9c1ab7faba34df16fdbc8de1975 iccma2023/expected/reducto-example2.i23.grounded.json
e995eb5fc513c37ef866968298cd494a1a590aa186689939a60dcc9a1daf52bc iccma2023/expected/reducto-example2.i23.preferred.json
513628488b1eaa6876ebdae722b9280b17018683f40f0b65f6309fd471663f44 iccma2023/expected/reducto-example2.i23.stable.json
b7e9dcf82c47e194e36b9022358178a7031ea69e09b75e65e9217991ac5fa08c iccma2023/expected/serialisation-example.i23.complete.json
f2dbe4ed8820766da6f26c128139273fdfd1c90b8d4d446e3342a35c2d349371 iccma2023/expected/serialisation-example.i23.grounded.json
8ef61806da2a437a02654c99527b4e616a5976cd8ee65cd53c14fecda43ea51d iccma2023/expected/serialisation-example.i23.preferred.json
c9d07e0dceb876521d3155190b352af218cea9c3a911fbcaab1972ab346b2919 iccma2023/expected/serialisation-example.i23.stable.json
5f7ab9209b099e111d2febe769b44ad8fedad422e4c5f4562be58557e5112d54 iccma2023/expected/serialisation-example1.i23.complete.json
3443b84dfed859e65e611107bcd3ec6c87d259f5180436c1742104dd81ea0d4f iccma2023/expected/serialisation-example1.i23.grounded.json
203754b8e89837faeed3b4b0d14ee66ee08a3e5ae962bd7238610480f2f7edd2 iccma2023/expected/serialisation-example1.i23.preferred.json
06b3f0d7d5696ce7fde3981467a11dec1d9d844eff3a9be8c75cd83e248c5ba5 iccma2023/expected/serialisation-example1.i23.stable.json
2601acb68263e6dd02e6a3eea885c598a06b7be918c3dc583619599e765bdc6b iccma2023/expected/st_890_86_9_572.af.grounded.json
! test vectors computed for this project from the published formulas (cross-checked against Uncertainpy)
ac4adbf45cbd6f76bbdd97759456375ecc9d5480671caaea37cfb8dd12f60cfd gradual/vectors.json
! notes written for the shared data folder (provenance, checksums)
b0f28bb3f97593b1285a42a81f41a7015bed6868f832c4273708e49d0e2f67de README.md
065c5f7185db5469e412ac474fa39ac1ccf94b3408fa31c7ceeb66f40a9a88be aae-brat/MANIFEST.sha256
f8a257cdab4cab46342b41ebab2031c23c2f8a683c1c511ac7dbb786e38d46d1 aae-brat/PROVENANCE.md
f9a05c7020827a17f306ead461c20dc65b04b8aeb12d1e6071255cac2afe529c aae-brat/abstrct/MANIFEST.sha256
87987e3a4139f3a2d86932b5e65730b34eb086a249c59c6eec7e3c26fc671aa8 aae-brat/abstrct/PROVENANCE.md
04ec8a5ab95a8da2f44a54fa89991064aa50851cbe58edb249cac5c4d9f36ef9 argdown/MANIFEST.sha256
aa512a8acafa663bfc897b45e6055ecaddd0e563f62eb4b6e83e4321f1089683 argdown/PROVENANCE.md
ab51587aac27d4f545bb784aed8dc193dbe2d4b7724c3af12bc243d9f10d7a16 carneades/MANIFEST.sha256
e33856ba3be388c0c298b68d61d3a500a193e6dc826e0443b3dcddd800732507 carneades/PROVENANCE.md
499e8fcb2aa64e0f7d208b93c5acc705271e920329b685146d0c22f5e32a39c7 graphml/MANIFEST.sha256
53518804566685ff80548bf6e46c9c707ab0fe9e22dad2305eb6f35565adf07a graphml/PROVENANCE.md
63dbd265752bb91d5fe8d8a5c99bc872cf58815f7d7109d9baff94246549b1a6 iccma2023/MANIFEST.sha256
54d17c1de3659761f3dc8320a382520abf5c08b2c6077739666cd2fe617b1d66 iccma2023/PROVENANCE.md
6a7a85f7b08cf85f5aced557d6639de7e448ed7e721252a82735e23b454c2518 sadface/MANIFEST.sha256
cd585fba0883f9743a519b5348b57002c09d0e75eb615392a5677d72b6eded0f sadface/PROVENANCE.md
b0ae417f75d42308c4777d7043a4369ae2ac7485d9d640f30fc929275bf0802d verbatim/MANIFEST.sha256
dfb13cc16eeab24a375d07434dfa078746d0db1489326725e5fb9d010dacd9b2 verbatim/PROVENANCE.md
"""
)
"""Every file of the project's shared data folder: its hash, and where it comes from or why it cannot be downloaded."""


def _select(prefixes: Sequence[str]) -> list[Entry]:
    """The entries under any of the folders or files ``prefixes`` (all of them when empty)."""
    wanted = [p.strip("/") for p in prefixes]
    return [e for e in MANIFEST if not wanted or any(e.path == p or e.path.startswith(p + "/") for p in wanted)]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _has(path: Path, sha256: str) -> bool:
    """Whether ``path`` is a file holding exactly the bytes of that hash."""
    try:
        return _sha256(path.read_bytes()) == sha256
    except OSError:
        return False


def _download(url: str) -> bytes:
    """The body at ``url``; raises OSError (URLError, HTTPError, timeouts are OSErrors)."""
    request = urllib.request.Request(url, headers={"User-Agent": "argmap-testdata"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        data: bytes = response.read()
    return data


def _reason(err: BaseException) -> str:
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason}"
    if isinstance(err, urllib.error.URLError):
        return str(err.reason)
    return str(err) or type(err).__name__


def fetch(
    prefixes: Sequence[str] = (),
    *,
    dest: Path | None = None,
    base_url: str | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Download the corpora's files into ``dest/data``; return the exit status (0, or 2 on any failure).

    Prints what it did to ``out`` (a line per file fetched, a summary, a line per group of
    files that cannot be downloaded) and one line per failed file to ``err``.
    """
    stdout = out or sys.stdout
    stderr = err or sys.stderr
    root = (dest or user_dir()) / "data"
    base = base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL
    if not base.startswith(("http://", "https://")):
        print(f"argmap.testdata: error: base URL must start with http:// or https://: {base}", file=stderr)
        return 2
    entries = _select(prefixes)
    if not entries:
        print(f"argmap.testdata: error: no corpus file under {', '.join(prefixes)}; see 'python3 -m argmap.testdata list'", file=stderr)
        return 2
    present = fetched = failed = 0
    archives: dict[str, bytes | str] = {}  # URL → the archive's bytes, or why it could not be had
    for entry in entries:
        if entry.why_not:
            continue
        target = root / entry.path
        if _has(target, entry.sha256):
            present += 1
            continue
        url = entry.url(base)
        problem = None
        data = b""
        try:
            data = _member(entry, url, archives) if entry.member else _download(url)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, http.client.HTTPException) as caught:
            problem = _reason(caught)
        if problem is None and _sha256(data) != entry.sha256:
            problem = f"sha256 mismatch (got {_sha256(data)}, want {entry.sha256}); not written"
        if problem is not None:
            failed += 1
            where = f"{url} member {entry.member}" if entry.member else url
            print(f"argmap.testdata: error: {entry.path}: {problem} ({where})", file=stderr)
            continue
        try:
            atomic_write_bytes(target, data)
        except OSError as caught:
            failed += 1
            print(f"argmap.testdata: error: {entry.path}: cannot write {target}: {caught.strerror or caught}", file=stderr)
            continue
        fetched += 1
        print(f"fetched {entry.path}", file=stdout)
    print(f"{root}: {fetched} fetched, {present} already there, {failed} failed", file=stdout)
    for why, paths in _not_downloadable(entries).items():
        print(f"not downloadable: {_folders(paths)} ({len(paths)} files): {why}", file=stdout)
    return 2 if failed else 0


def _member(entry: Entry, url: str, archives: dict[str, bytes | str]) -> bytes:
    """``entry``'s bytes from its archive at ``url``, which is downloaded once and kept in
    ``archives`` (or why it could not be had, so a broken archive is fetched only once)."""
    if url not in archives:
        try:
            archive = _download(url)
            if entry.archive_sha256 and _sha256(archive) != entry.archive_sha256:
                raise ValueError(f"sha256 mismatch for the archive (got {_sha256(archive)}, want {entry.archive_sha256})")
        except (OSError, ValueError, http.client.HTTPException) as caught:
            archives[url] = _reason(caught)
            raise
        archives[url] = archive
    held = archives[url]
    if isinstance(held, str):
        raise ValueError(held)
    with zipfile.ZipFile(io.BytesIO(held)) as zipped:
        return zipped.read(entry.member)


def _not_downloadable(entries: Iterable[Entry]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for entry in entries:
        if entry.why_not:
            groups.setdefault(entry.why_not, []).append(entry.path)
    return groups


def _folders(paths: Sequence[str]) -> str:
    """A short name for a group of paths: their folders (``iccma/expected/``) or the file itself."""
    names = dict.fromkeys(p.rsplit("/", 1)[0] + "/" if "/" in p and len(paths) > 1 else p for p in paths)
    return ", ".join(names)


def _list(prefixes: Sequence[str]) -> int:
    entries = _select(prefixes)
    if not entries:
        print(f"argmap.testdata: error: no corpus file under {', '.join(prefixes)}", file=sys.stderr)
        return 2
    for entry in entries:
        if entry.why_not:
            origin = f"not downloadable: {entry.why_not}"
        elif entry.member:
            origin = f"{entry.url(DEFAULT_BASE_URL)} member {entry.member}"
        else:
            origin = entry.url(DEFAULT_BASE_URL)
        print(f"{entry.path}  {entry.sha256[:12]}  {origin}")
    return 0


def _where(dest: Path | None) -> int:
    root = (dest or user_dir()) / "data"
    downloadable = [e for e in MANIFEST if not e.why_not]
    good = sum(_has(root / e.path, e.sha256) for e in downloadable)
    print(root)
    print(f"{good} of {len(downloadable)} downloadable files there with the right sha256; "
          f"{len(MANIFEST) - len(downloadable)} more are not downloadable; fill it with: {FETCH_COMMAND}")
    print(f"tests look in $ARGMAP_SHARED/data if set, else ../shared/data beside the repository, then {root}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python3 -m argmap.testdata fetch|list|where``; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python3 -m argmap.testdata", description="The third-party test corpora.")
    commands = parser.add_subparsers(dest="command", required=True)
    get = commands.add_parser("fetch", help="download the corpora at their pinned commits, checking each file's sha256")
    get.add_argument("prefixes", nargs="*", metavar="PREFIX", help="only files under these folders of data/ (e.g. iccma kialo)")
    get.add_argument("--base-url", help=f"where OWNER/REPO/COMMIT/PATH is served (default ${ENV_BASE_URL} or {DEFAULT_BASE_URL})")
    get.add_argument("--dest", type=Path, help=f"the folder to hold data/ (default {user_dir()})")
    show = commands.add_parser("list", help="every corpus file and where it comes from")
    show.add_argument("prefixes", nargs="*", metavar="PREFIX")
    where = commands.add_parser("where", help="the per-user folder fetch fills, and how full it is")
    where.add_argument("--dest", type=Path, help="the folder to hold data/")
    args = parser.parse_args(argv)
    if args.command == "fetch":
        return fetch(args.prefixes, dest=args.dest, base_url=args.base_url)
    if args.command == "list":
        return _list(args.prefixes)
    return _where(args.dest)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
