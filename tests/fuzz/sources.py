"""The valid workbooks mutants start from, and zip helpers that keep whatever they are given."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATE_TIME = (2024, 1, 1, 0, 0, 0)
XML_SUFFIXES = (".xml", ".rels", ".vml")

Member = tuple[str, bytes]  # (name, uncompressed content)


@dataclass(frozen=True, slots=True)
class Mutant:
    """One file to run: its name in the batch folder (bytes: any file name), its content, the
    family that made it and what was done."""

    name: bytes
    data: bytes
    family: str
    note: str


@functools.cache
def seed_paths() -> tuple[Path, ...]:
    paths = sorted((ROOT / "sample_data").glob("*.xlsx")) + sorted(
        (ROOT / "templates").glob("*.xlsx")
    )
    if not paths:
        raise FileNotFoundError(f"no seed workbooks under {ROOT}/sample_data or templates")
    return tuple(paths)


@functools.cache
def seed_members(path: Path) -> tuple[Member, ...]:
    with zipfile.ZipFile(path) as zf:
        return tuple((i.filename, zf.read(i)) for i in zf.infolist())


def build_zip(
    members: list[Member],
    compression: int = zipfile.ZIP_DEFLATED,
    zip64: frozenset[str] = frozenset(),
) -> bytes:
    """A zip of ``members`` in their order, duplicates and odd names kept as they are
    (``zip64``: the names written with zip64 extra fields although they are small)."""
    buffer = io.BytesIO()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": on purpose
        with zipfile.ZipFile(buffer, "w", compression, allowZip64=True) as zf:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=DATE_TIME)
                info.compress_type = compression
                with zf.open(info, "w", force_zip64=name in zip64) as out:
                    out.write(data)
    return buffer.getvalue()


@dataclass(slots=True)
class CentralEntry:
    """Where one central-directory entry's fields sit in the zip's bytes."""

    offset: int  # of the entry's signature
    name: bytes
    local: int  # offset of its local header


def central_entries(data: bytes) -> list[CentralEntry]:
    """The central directory's entries of a zip we built (no comment, no zip64 directory)."""
    end = data.rfind(b"PK\x05\x06")
    if end < 0:
        return []
    count, _size, start = struct.unpack_from("<HII", data, end + 10)
    entries: list[CentralEntry] = []
    at = start
    for _ in range(count):
        if data[at : at + 4] != b"PK\x01\x02":
            break
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        (local,) = struct.unpack_from("<I", data, at + 42)
        entries.append(CentralEntry(at, data[at + 46 : at + 46 + name_len], local))
        at += 46 + name_len + extra_len + comment_len
    return entries


def patch(data: bytes, offset: int, fmt: str, *values: int) -> bytes:
    """``data`` with ``values`` packed at ``offset``."""
    out = bytearray(data)
    struct.pack_into(fmt, out, offset, *values)
    return bytes(out)
