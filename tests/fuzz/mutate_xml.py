"""XML-level mutations of one part: deleted and duplicated elements, hostile attribute values,
huge numbers, non-characters, other encodings, late DOCTYPEs, deep nesting, lying
``<dimension>``, unknown error values, ``_xHHHH_`` text, truncated parts.

Regex surgery on the bytes, not a parser: the point is to make what a parser would refuse.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from .sources import XML_SUFFIXES, Member, build_zip

PartMutator = Callable[[random.Random, str, bytes], tuple[bytes, str]]

_START = re.compile(rb"<([A-Za-z_][\w:.-]*)(?:\s[^<>]*?)?(/?)>")
_ATTR = re.compile(rb"""(\s[\w:]+\s*=\s*)(["'])([^"'<>]*)\2""")
_VALUE = re.compile(rb"(<(?:\w+:)?v>)([^<]*)(</(?:\w+:)?v>)")
_TEXT = re.compile(rb">([^<>]+)<")
_DIMENSION = re.compile(rb"""<dimension ref="[^"]*"\s*/>""")
_CELL = re.compile(rb"""<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)""", re.DOTALL)
_ROOT = re.compile(rb"<[A-Za-z_]")

HOSTILE_ATTRS = (
    b"",
    b"-1",
    b"0",
    b"A0",
    b"XFD1048577",
    b"ZZZZ99999999",
    b"a1048576",
    b"1e309",
    b"NaN",
    b"9" * 400,
    "\ufffe\uffff".encode(),
    b"&#xFFFE;",
    b"&#1;",
    b"&lt;&amp;&gt;",
    "🂡".encode() * 500,
    b"${jndi:ldap://x/a}",
    b"..\\..\\evil",
    b"x" * 70_000,
)
NUMBERS = (
    b"1e308",
    b"1e309",
    b"-1e309",
    b"NaN",
    b"inf",
    b"-0",
    b"4.9e-324",
    b"99999999999999999999999999999",
    b"0x10",
    b"1,5",
    b"",
    b" 12 ",
    b"1" * 5000,
)
NONCHARS = (
    "\ufffe".encode(),
    "\uffff".encode(),
    b"&#xFFFE;",
    b"&#xFFFF;",
    b"&#1;",
    b"&#xD800;",
    b"\x01",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # a surrogate, UTF-8 encoded
    b"_x0001_",
    b"_xFFFE_",
    b"_xD800_",
)
ERROR_VALUES = (
    b"#N/A",
    b"#DIV/0!",
    b"#GETTING_DATA",
    b"#SPILL!",
    b"#CALC!",
    b" #N/A",
    b"#n/a",
    b"hello",
    b"",
    b"#N&#x2F;A",
)
ESCAPE_TEXTS = (b"_x0041_B", b"_x005F_x0041_", b"_x0000_", b"_xFFFF_", b"=1+1", b"@SUM(A1)")


def _element(rng: random.Random, data: bytes) -> tuple[int, int] | None:
    """The span of a random element (start tag to its first matching end tag)."""
    starts = list(_START.finditer(data))
    if not starts:
        return None
    m = rng.choice(starts)
    if m.group(2) == b"/":
        return m.start(), m.end()
    end = data.find(b"</" + m.group(1) + b">", m.end())
    return (m.start(), end + len(m.group(1)) + 3) if end >= 0 else (m.start(), m.end())


def delete_element(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    span = _element(rng, data)
    if span is None:
        return data[: len(data) // 2], "no element: halved"
    a, b = span
    return data[:a] + data[b:], f"deleted {data[a : min(b, a + 40)]!r}"


def duplicate_element(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    span = _element(rng, data)
    if span is None:
        return data + data, "no element: doubled"
    a, b = span
    times = rng.choice((1, 1, 10, 1000))
    return data[:b] + data[a:b] * times + data[b:], f"duplicated {data[a : a + 40]!r} x{times}"


def hostile_attr(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    attrs = list(_ATTR.finditer(data))
    if not attrs:
        return data, "no attribute"
    m = rng.choice(attrs)
    value = rng.choice(HOSTILE_ATTRS)
    out = data[: m.start(3)] + value + data[m.end(3) :]
    return out, f"{m.group(1).strip()!r} = {value[:30]!r}"


def huge_number(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    values = list(_VALUE.finditer(data))
    if not values:
        return hostile_attr(rng, name, data)
    out, notes = data, []
    chosen = rng.sample(values, min(len(values), rng.choice((1, 3, 20))))
    for m in sorted(chosen, key=lambda m: m.start(), reverse=True):
        number = rng.choice(NUMBERS)
        out = out[: m.start(2)] + number + out[m.end(2) :]
        notes.append(number[:20])
    return out, f"<v> values {notes[:5]!r}"


def nonchar(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    texts = list(_TEXT.finditer(data))
    if not texts:
        return hostile_attr(rng, name, data)
    out, chosen = data, rng.sample(texts, min(len(texts), rng.choice((1, 5, 50))))
    inserted = rng.choice(NONCHARS)
    for m in sorted(chosen, key=lambda m: m.start(), reverse=True):
        at = rng.randint(m.start(1), m.end(1))
        out = out[:at] + inserted + out[at:]
    return out, f"{inserted!r} in {len(chosen)} text nodes"


def encoding(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    kind = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "declared", "bom", "gb18030"))
    if kind.startswith("utf-16"):
        declared = re.sub(r'encoding="[^"]*"', 'encoding="UTF-16"', text, count=1)
        return declared.encode(kind), f"re-encoded {kind}"
    if kind == "declared":
        label = rng.choice(("ISO-8859-1", "GB18030", "UTF-7", "EBCDIC-US", "x-nonsense"))
        return re.sub(rb'encoding="[^"]*"', f'encoding="{label}"'.encode(), data, count=1), label
    if kind == "bom":
        return b"\xef\xbb\xbf" + data, "UTF-8 BOM"
    declared = re.sub(r'encoding="[^"]*"', 'encoding="GB18030"', text, count=1)
    return declared.encode("gb18030", "replace"), "re-encoded GB18030"


def late_doctype(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    size = rng.choice((1 << 10, 60 << 10, 70 << 10, 200 << 10))
    pad = rng.choice(
        (b" " * size, b"\n" * size, b"<!--" + b"x" * size + b"-->", b"<?pi " + b"y" * size + b"?>")
    )
    doctype = rng.choice(
        (
            b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
            b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            b"<!DOCTYPE r>",
            b"<!doctype r>",
            b'<!ENTITY a "b">',
        )
    )
    root = _ROOT.search(data, data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0)
    if root is None or rng.random() < 0.2:  # mid-document (not well-formed there)
        at = rng.randrange(len(data) + 1)
        return data[:at] + pad + doctype + data[at:], f"DOCTYPE at {at} after {len(pad)} bytes"
    at = root.start()
    return data[:at] + pad + doctype + data[at:], f"DOCTYPE before the root after {len(pad)} B"


def deep_nesting(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    depth = rng.choice((100, 5_000, 50_000, 200_000))
    tag = rng.choice((b"a", b"c", b"row", b"si", b"r"))
    where = data.find(b"<sheetData>")
    at = where + len(b"<sheetData>") if where >= 0 else data.rfind(b"</")
    at = at if at > 0 else len(data)
    nested = b"<" + tag + b">" + (b"<" + tag + b">") * depth + (b"</" + tag + b">") * (depth + 1)
    return data[:at] + nested + data[at:], f"<{tag.decode()}> nested {depth} deep"


def lying_dimension(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    ref = rng.choice((b"A1", b"A1:XFD1048576", b"ZZZ0", b"", b"A1:B2:C3", b"a1:zz99", b"A0"))
    if _DIMENSION.search(data):
        data = _DIMENSION.sub(b'<dimension ref="' + ref + b'"/>', data, count=1)
    note = f"dimension {ref!r}"
    if rng.random() < 0.4 and b"</sheetData>" in data:
        far = rng.choice((b"XFD1048576", b"ZZ9999", b"A1048576", b"AMJ1"))
        cell = b'<row r="' + far.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ") + b'"><c r="' + far
        data = data.replace(b"</sheetData>", cell + b'"><v>1</v></c></row></sheetData>', 1)
        note += f", a cell at {far.decode()}"
    return data, note


def error_cell(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    cells = list(_CELL.finditer(data))
    if not cells:
        return huge_number(rng, name, data)
    m = rng.choice(cells)
    value = rng.choice(ERROR_VALUES)
    cell = b'<c r="' + m.group(1) + b'" t="e"><v>' + value + b"</v></c>"
    return data[: m.start()] + cell + data[m.end() :], f"{m.group(1).decode()} = error {value!r}"


def escape_text(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    texts = list(_TEXT.finditer(data))
    if not texts:
        return data, "no text"
    m = rng.choice(texts)
    text = rng.choice(ESCAPE_TEXTS)
    return data[: m.start(1)] + text + data[m.end(1) :], f"text {text!r}"


def truncate_part(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    cut = rng.randrange(len(data)) if data else 0
    return data[:cut], f"cut at {cut} of {len(data)}"


PART_MUTATORS: dict[str, PartMutator] = {
    "xml.delete_element": delete_element,
    "xml.duplicate_element": duplicate_element,
    "xml.hostile_attr": hostile_attr,
    "xml.huge_number": huge_number,
    "xml.nonchar": nonchar,
    "xml.encoding": encoding,
    "xml.late_doctype": late_doctype,
    "xml.deep_nesting": deep_nesting,
    "xml.lying_dimension": lying_dimension,
    "xml.error_cell": error_cell,
    "xml.escape_text": escape_text,
    "xml.truncate_part": truncate_part,
}
# which parts each mutation is aimed at (None: any XML part)
TARGETS = {
    "xml.huge_number": "worksheets/",
    "xml.lying_dimension": "worksheets/",
    "xml.error_cell": "worksheets/",
    "xml.deep_nesting": "worksheets/",
    "xml.escape_text": "sharedStrings",
}


def mutate_part(rng: random.Random, name: str, data: bytes) -> tuple[bytes, str]:
    """One random XML mutation of a part (for the zip mutators' duplicates and twins)."""
    family = rng.choice(sorted(PART_MUTATORS))
    return PART_MUTATORS[family](rng, name, data)


def _part(rng: random.Random, members: list[Member], family: str) -> int:
    xml = [i for i, (n, _) in enumerate(members) if n.lower().endswith(XML_SUFFIXES)]
    aimed = [i for i in xml if TARGETS.get(family, "") in members[i][0]]
    weights = [6 if "worksheets/" in members[i][0] else 1 for i in aimed or xml]
    return rng.choices(aimed or xml, weights)[0]


def xml_mutator(family: str) -> Callable[[random.Random, list[Member]], tuple[bytes, str]]:
    def mutate(rng: random.Random, members: list[Member]) -> tuple[bytes, str]:
        out = list(members)
        i = _part(rng, out, family)
        name, data = out[i]
        new, note = PART_MUTATORS[family](rng, name, data)
        out[i] = (name, new)
        return build_zip(out), f"{name}: {note}"

    return mutate


MUTATORS = {family: xml_mutator(family) for family in PART_MUTATORS}
