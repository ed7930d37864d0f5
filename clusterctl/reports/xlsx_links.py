"""The summary's hyperlinks, streamed: a sheet's links kept in a temporary file while its rows
are written (:class:`~clusterctl.reports.xlsx_rows.FastSheet`), then written into its
``<hyperlinks>`` element and its relationships when the package is spliced, exactly as openpyxl
writes them (openpyxl would hold ~1.5 KB per link until the save)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clusterctl.reports.xlsx_rows import FastSheet

HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def attr(text: str) -> str:
    """An attribute value escaped as openpyxl's writer (ElementTree) escapes it."""
    if any(ch in text for ch in '&<>"\r\n\t'):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
        text = text.replace("\t", "&#09;")
    return text


def first_ref(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as links:
        return links.readline().partition("\t")[0]


def stored_links(path: str) -> Iterator[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as links:
        for line in links:
            ref, _, target = line.rstrip("\n").partition("\t")
            yield ref, target


def placeholder(text: str, token: str) -> re.Match[str] | None:
    """The placeholder link's ``<Relationship …/>`` in a sheet's relationships."""
    return re.search(f'<Relationship [^>]*Target="{token}"[^>]*/>', text)


def link_ids(src: zipfile.ZipFile, linked: dict[bytes, FastSheet]) -> dict[str, tuple[int, int]]:
    """Each linked sheet's (placeholder's relationship number, the number its other links
    count on from): numbered on from the placeholder's as openpyxl numbers them, or after the
    sheet's other relationships when it has some."""
    found: dict[str, tuple[int, int]] = {}
    for info in src.infolist() if linked else ():
        if not info.filename.startswith("xl/worksheets/_rels/"):
            continue
        data = src.read(info)
        for token, sheet in linked.items():
            if token not in data:
                continue
            text = data.decode("utf-8")
            mine = placeholder(text, sheet.link_token)
            own = re.search(r'Id="rId(\d+)"', mine.group()) if mine else None
            if own is None:
                raise ValueError(f"{info.filename}: the hyperlink placeholder has no id")
            first, ids = int(own.group(1)), [int(n) for n in re.findall(r'Id="rId(\d+)"', text)]
            found[sheet.link_token] = (first, first if ids == [first] else max(ids))
    return found


def next_ids(ids: tuple[int, int]) -> Iterator[str]:
    first, n = ids
    yield f"rId{first}"
    while True:
        n += 1
        yield f"rId{n}"


def write_chunked(out: Any, parts: Iterable[str]) -> None:
    chunk: list[str] = []
    for part in parts:
        chunk.append(part)
        if len(chunk) >= 1000:
            out.write("".join(chunk).encode("utf-8"))
            chunk = []
    out.write("".join(chunk).encode("utf-8"))


def write_links(out: Any, tail: bytes, sheet: FastSheet, ids: tuple[int, int]) -> None:
    """The sheet's XML after its rows, its one placeholder ``<hyperlinks>`` element replaced
    with every link (as openpyxl writes them)."""
    start = tail.index(b"<hyperlinks>")
    close = tail.index(b"</hyperlinks>", start)
    out.write(tail[:start])
    out.write(b"<hyperlinks>")
    links = zip(stored_links(sheet.links_path), next_ids(ids), strict=False)
    element = '<hyperlink xmlns:r="%s" ref="{}" r:id="{}" />' % R_NS  # noqa: UP031
    write_chunked(out, (element.format(ref, rid) for (ref, _), rid in links))
    out.write(tail[close:])


def write_rels(out: Any, data: bytes, sheet: FastSheet, ids: tuple[int, int]) -> None:
    """The sheet's relationships, the placeholder link's replaced with every link's."""
    text = data.decode("utf-8")
    mine = placeholder(text, sheet.link_token)
    assert mine is not None  # link_ids found it
    out.write(text[: mine.start()].encode("utf-8"))
    links = zip(stored_links(sheet.links_path), next_ids(ids), strict=False)
    write_chunked(
        out,
        (
            f'<Relationship Type="{HYPERLINK}" Target="{target}" TargetMode="External"'
            f' Id="{rid}" />'
            for (_, target), rid in links
        ),
    )
    out.write(text[mine.end() :].encode("utf-8"))
