"""The parts of an OOXML package: its worksheets in workbook order with their zip members, part
names compared as OPC compares them, and bounded reads of a member (for :mod:`.preflight`)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from clusterctl.workbook.sheet_scan import SheetScan, scan_xml

MAX_PART_BYTES = 16 << 20  # workbook.xml and its rels: read whole, but never more than this


@dataclass(frozen=True, slots=True)
class SheetPart:
    name: str  # the sheet's name as users see it
    member: str  # zip member holding its XML, e.g. xl/worksheets/sheet1.xml


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most ``limit`` bytes of a member, inflated a bounded amount at a time; the CRC is
    checked when the member is read to its end."""
    with zf.open(info) as fh:
        return fh.read(limit)


def workbook_member(names: Iterable[str]) -> str | None:
    names = set(names)
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    for name in sorted(names):
        if name.lower().endswith("/workbook.xml") or name.lower() == "workbook.xml":
            return name
    return None


def sheet_parts(zf: zipfile.ZipFile) -> list[SheetPart]:
    """The worksheets of an OOXML package, in workbook order, with their zip members."""
    names = [i.filename for i in zf.infolist()]
    return sheet_parts_of(names, lambda name: read_member(zf, zf.getinfo(name), MAX_PART_BYTES))


def sheet_parts_of(names: Iterable[str], read) -> list[SheetPart]:
    """:func:`sheet_parts` from member names and ``read(name) -> bytes``."""
    from defusedxml import ElementTree

    names = set(names)
    workbook = workbook_member(names)
    if workbook is None:
        return []
    base = str(PurePosixPath(workbook).parent)
    rels_name = _rels_member(workbook)
    targets: dict[str, str] = {}
    if rels_name in names:
        for rel in ElementTree.fromstring(read(rels_name)):
            rid, target = rel.get("Id"), rel.get("Target")
            if rid and target:
                if target.startswith("/"):
                    member = target.lstrip("/")
                else:
                    member = _normalise(f"{base}/{target}")
                targets[rid] = member
    root = ElementTree.fromstring(read(workbook))
    parts: list[SheetPart] = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        member = targets.get(rid or "")
        if member and member in names:
            parts.append(SheetPart(element.get("name") or member, member))
    return parts


def _normalise(path: str) -> str:
    out: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece and piece != ".":
            out.append(piece)
    return "/".join(out)


def part_key(name: str) -> str:
    """A member name as OPC compares part names: case-folded, ``\\`` as ``/``, without empty,
    ``.`` and ``..`` segments."""
    return _normalise(name.replace("\\", "/")).casefold()


def _rels_member(workbook: str) -> str:
    path = PurePosixPath(workbook)
    return str(path.parent / "_rels" / (path.name + ".rels"))


def scan_sheet(
    zf: zipfile.ZipFile,
    member: str,
    max_cells: int | None,
    max_formulas: int | None = None,
    refuse_doctype: bool = False,
    exact: bool = False,
) -> SheetScan:
    """:func:`~clusterctl.workbook.sheet_scan.scan_xml` of a member of an open package (read
    whole, at most its declared size)."""
    info = zf.getinfo(member)
    return scan_xml(
        read_member(zf, info, info.file_size), max_cells, max_formulas, refuse_doctype, exact
    )
