"""What a file is, from its first bytes (never its name): a zip, an OLE2 compound file (a
legacy workbook, or an encrypted OOXML package), or text (CSV, HTML, XML, plain text)."""

from __future__ import annotations

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
CHUNK = 1 << 16


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGICS)


def text_kind(head: bytes) -> str | None:
    """``CSV``/``HTML``/``XML``/``TXT`` if the first bytes are text, else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = head.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        if b"\x00" in head:
            return None
        text = None
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = head.decode(encoding)
                break
            except UnicodeDecodeError:
                # the head may cut a multi-byte character: retry without the last 3 bytes
                try:
                    text = head[:-3].decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
        if text is None:
            return None
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        return None
    lowered = text.lstrip().lower()
    if lowered.startswith(("<html", "<!doctype html", "<table", "<meta")):
        return "HTML"
    if lowered.startswith("<?xml") or lowered.startswith("<"):
        return "XML"
    lines = [line for line in text.splitlines() if line.strip()][:20]
    if lines and sum(1 for line in lines if "," in line or "\t" in line or ";" in line) * 2 >= len(
        lines
    ):
        return "CSV"
    return "TXT"


def ole2_kind(path: str, max_bytes: int) -> str:
    """``encrypted``, ``xls`` or ``other`` for an OLE2 compound file.

    Directory entry names are UTF-16LE; an encrypted OOXML package has the streams
    ``EncryptionInfo`` and ``EncryptedPackage``, a legacy workbook ``Workbook`` or ``Book``. The
    file (already bounded by ``max_file_mb``) is scanned in chunks with an overlap; names compare
    case-insensitively (some writers use ``WORKBOOK``).
    """
    needles = {
        "encrypted": ("encryptedpackage".encode("utf-16-le"), "encryptioninfo".encode("utf-16-le")),
        "xls": ("workbook\x00".encode("utf-16-le"), "book\x00".encode("utf-16-le")),
    }
    overlap = 64
    found: set[str] = set()
    tail = b""
    read = 0
    with open(path, "rb") as fh:
        while read < max_bytes and (chunk := fh.read(CHUNK)):
            read += len(chunk)
            window = (tail + chunk).lower()  # stream names are case-insensitive
            for kind, names in needles.items():
                if any(name in window for name in names):
                    found.add(kind)
            if "encrypted" in found:
                return "encrypted"
            tail = window[-overlap:]
    return "xls" if "xls" in found else "other"
