"""Zip-level mutations: dropped, duplicated, case-twinned, truncated and mis-sized members, bad
CRCs, zip64 oddities, unknown compression methods, hostile member paths, flipped bytes.

Each mutator takes a seeded ``random.Random`` and a valid workbook's members and returns the
mutant's bytes and a note saying what was done (enough to rebuild it by hand).
"""

from __future__ import annotations

import random
import struct
import zipfile
from collections.abc import Callable

from .mutate_xml import mutate_part
from .sources import Member, build_zip, central_entries, patch

Mutator = Callable[[random.Random, list[Member]], tuple[bytes, str]]


def _pick(rng: random.Random, members: list[Member]) -> int:
    """A member index, worksheets and the workbook's own parts more often."""
    weights = [
        5 if "worksheets/" in name or name.endswith(("workbook.xml", "workbook.xml.rels")) else 1
        for name, _ in members
    ]
    return rng.choices(range(len(members)), weights)[0]


def drop(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    k = rng.choice((1, 1, 1, 2, 3))
    gone = sorted({_pick(rng, members) for _ in range(k)})
    kept = [m for i, m in enumerate(members) if i not in gone]
    return build_zip(kept), "dropped " + ", ".join(members[i][0] for i in gone)


def duplicate(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    i = _pick(rng, members)
    name, data = members[i]
    copy = mutate_part(rng, name, data)[0] if rng.random() < 0.7 else data
    out = list(members)
    out.insert(rng.choice((i, i + 1, len(out))), (name, copy))
    return build_zip(out), f"duplicated {name}"


def _case_variant(rng: random.Random, name: str) -> str:
    variants = [name.upper(), name.swapcase(), name.title(), name[:1].upper() + name[1:]]
    variants = [v for v in variants if v != name] or [name.upper() + "X"]
    return rng.choice(variants)


def case_twin(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    i = _pick(rng, members)
    name, data = members[i]
    twin = _case_variant(rng, name)
    other = rng.choice(members)[1] if rng.random() < 0.3 else mutate_part(rng, name, data)[0]
    out = list(members)
    out.insert(rng.choice((i, i + 1, len(out))), (twin, other))
    if rng.random() < 0.3:  # the twin alone: the relationships name a member that is not there
        out.pop(out.index(members[i]))
    return build_zip(out), f"case twin {twin} of {name}"


def truncate(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    data = build_zip(members)
    cut = rng.choice((rng.randrange(len(data)), len(data) - rng.randrange(1, 200)))
    return data[: max(cut, 1)], f"truncated at {cut} of {len(data)}"


def missize(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    data = build_zip(members)
    entries = central_entries(data)
    entry = rng.choice(entries)
    field = rng.choice(("uncompressed", "compressed"))
    offset = entry.offset + (24 if field == "uncompressed" else 20)
    (old,) = struct.unpack_from("<I", data, offset)
    new = rng.choice((0, 1, old // 2, old - 1, old + 1, old * 2, old * 1000, 0xFFFFFFFE))
    new = min(max(new, 0), 0xFFFFFFFE)
    data = patch(data, offset, "<I", new)
    if rng.random() < 0.5:  # the local header lies the same way
        data = patch(data, entry.local + (22 if field == "uncompressed" else 18), "<I", new)
    return data, f"{entry.name.decode('cp437')}: {field} size {old} -> {new}"


def bad_crc(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    data = build_zip(members)
    entry = rng.choice(central_entries(data))
    flip = rng.randrange(1, 1 << 32)
    (crc,) = struct.unpack_from("<I", data, entry.offset + 16)
    data = patch(data, entry.offset + 16, "<I", crc ^ flip)
    if rng.random() < 0.5:
        data = patch(data, entry.local + 14, "<I", crc ^ flip)
    return data, f"{entry.name.decode('cp437')}: CRC xor {flip:#x}"


def zip64(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    kind = rng.choice(("forced", "lying-ffffffff", "stored-forced"))
    if kind == "forced":
        names = frozenset(n for n, _ in members if rng.random() < 0.5)
        return build_zip(members, zip64=names), f"zip64 extra on {len(names)} members"
    if kind == "stored-forced":
        names = frozenset(n for n, _ in members)
        return build_zip(members, zipfile.ZIP_STORED, zip64=names), "stored, zip64 on all"
    data = build_zip(members)
    entry = rng.choice(central_entries(data))
    data = patch(data, entry.offset + 20, "<II", 0xFFFFFFFF, 0xFFFFFFFF)
    return data, f"{entry.name.decode('cp437')}: sizes 0xFFFFFFFF without a zip64 extra"


def method(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    data = build_zip(members)
    entry = rng.choice(central_entries(data))
    value = rng.choice((1, 6, 9, 12, 14, 19, 93, 95, 98, 99, 77))
    data = patch(data, entry.offset + 10, "<H", value)
    data = patch(data, entry.local + 8, "<H", value)
    return data, f"{entry.name.decode('cp437')}: compression method {value}"


HOSTILE_PATHS: tuple[Callable[[str], str], ...] = (
    lambda n: "../" + n,
    lambda n: "../../../../tmp/" + n,
    lambda n: "/" + n,
    lambda n: "C:/" + n,
    lambda n: n.replace("/", "\\"),
    lambda n: n.replace("/", "/./", 1),
    lambda n: n.replace("/", "//", 1),
    lambda n: n + "\x00.evil",
    lambda n: n + "/",
    lambda n: "x" * 4000 + n,
    lambda n: n.replace(".xml", "\ufffe.xml"),
    lambda n: "\u202e" + n,
    lambda n: "\udcb2\udce2" + n,  # GBK bytes, as os.fsdecode would give them
)


def hostile_path(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    i = _pick(rng, members)
    name, data = members[i]
    how = rng.randrange(len(HOSTILE_PATHS))
    hostile = HOSTILE_PATHS[how](name)
    out = list(members)
    if rng.random() < 0.5:
        out[i] = (hostile, data)
        note = f"renamed {name} (path form {how})"
    else:
        out.insert(rng.randrange(len(out) + 1), (hostile, mutate_part(rng, name, data)[0]))
        note = f"added a copy of {name} (path form {how})"
    try:
        return build_zip(out), note
    except (UnicodeEncodeError, ValueError):  # a name zipfile cannot write: keep it as bytes
        safe = [(n.encode("utf-8", "surrogateescape").decode("cp437"), d) for n, d in out]
        return build_zip(safe), note + " (as raw bytes)"


def bitflip(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    data = bytearray(build_zip(members))
    k = rng.choice((1, 2, 8, 64))
    for _ in range(k):
        data[rng.randrange(4, len(data))] ^= 1 << rng.randrange(8)
    return bytes(data), f"{k} bits flipped"


def prefix_and_comment(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
    data = build_zip(members)
    if rng.random() < 0.5:
        return rng.randbytes(rng.choice((16, 4096))) + data, "bytes before the zip"
    return data[:-2] + b"\xff\xff" + rng.randbytes(64), "EOCD comment length lies"


MUTATORS: dict[str, Mutator] = {
    "zip.drop": drop,
    "zip.duplicate": duplicate,
    "zip.case_twin": case_twin,
    "zip.truncate": truncate,
    "zip.missize": missize,
    "zip.bad_crc": bad_crc,
    "zip.zip64": zip64,
    "zip.method": method,
    "zip.hostile_path": hostile_path,
    "zip.bitflip": bitflip,
    "zip.prefix_comment": prefix_and_comment,
}
