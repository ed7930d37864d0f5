"""Hostile values typed through the template (openpyxl writes them into the input cells of a
valid application, as a user's spreadsheet program would), drawn by hypothesis; and valid
applications under hostile file names."""

from __future__ import annotations

import functools
import io
import os
import random
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from .sources import build_zip, seed_paths

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MODIFIED = re.compile(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*(</dcterms:)")
HOSTILE_TEXTS = (
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "#N/A",
    "#GETTING_DATA",
    "_x0041_B",
    "_x005F_x0041_",
    "\ufffe\uffff",
    "12.5\ufffe",
    "1,234.5亿元",
    "７０％",
    "70%%",
    "1e309",
    "-0",
    "NaN",
    "是否",
    "\u202e名称",
    "长" * 32_767,
    "x" * 40_000,
)
NUMBER_LIKE = r"-?[0-9]{1,20}([.,][0-9]{0,12})?(e[+-]?[0-9]{1,4})?[%％亿万元]?"
HOSTILE_NAMES = (
    "=cmd|' -C calc'!A0.xlsx",
    "-rf.xlsx",
    "a\ufffe\uffffb.xlsx",
    "_x0041_.xlsx",
    "#hash%20 &amp;.xlsx",
    " leading space.xlsx",
    "名" * 70 + ".xlsx",  # 221 bytes with the index: within NAME_MAX
    "new\nline.xlsx",
    "tab\t.xlsx",
    "semi;colon,comma.xlsx",
    "back\\slash.xlsx",
    "\u202eright-to-left.xlsx",
    "quote'\"<>.xlsx",
    "\udcb2\udce2\udcca\udcd4.xlsx",  # GBK bytes (测试) on a UTF-8 file system
    "UPPER.XLSX",
    "dots...xlsx",
)


@functools.cache
def input_cells(path: Path) -> tuple[tuple[str, int, int], ...]:
    """(sheet title, row, column) of every input cell the reader located in a seed."""
    from clusterctl.pipeline import Options, process_file

    cells = process_file(str(path), Options()).cells
    return tuple(sorted((loc.sheet, loc.row, loc.col) for loc in cells.values() if loc.sheet))


def _strategy():
    from hypothesis import strategies as st

    text = st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=200),
        st.sampled_from(HOSTILE_TEXTS),
        st.from_regex(
            r"-?[0-9]{1,20}([.,][0-9]{0,12})?(e[+-]?[0-9]{1,4})?[%％亿万元]?", fullmatch=True
        ),
    )
    number = st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(10**30), 10**30),
        st.booleans(),
        st.datetimes(datetime(1900, 1, 1), datetime(9999, 12, 31)),
    )
    return st.lists(
        st.tuples(st.integers(0, 10**6), st.one_of(text, number, st.none())),
        min_size=1,
        max_size=12,
    )


def draw(count: int, seed: int) -> list[list[tuple[int, Any]]]:
    """``count`` value lists, each ``[(cell index, value)]``, drawn by hypothesis (seeded).

    Drawn in a fresh interpreter: hypothesis mixes constants from every loaded local module
    into what it generates, so the same seed gives other values once more modules are loaded
    (a test session, a second campaign in one process)."""
    import pickle
    import subprocess
    import sys

    from .sources import ROOT

    args = [sys.executable, "-m", "tests.fuzz.values", str(count), str(seed)]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, check=True)
    return pickle.loads(done.stdout)  # our own child's output


def _draw_here(count: int, seed: int) -> list[list[tuple[int, Any]]]:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    found: list[list[tuple[int, Any]]] = []
    if count <= 0:
        return found

    @hseed(seed)
    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(_strategy())
    def collect(values: list[tuple[int, Any]]) -> None:
        found.append(values)

    collect()
    return found[:count]


def _typed(value: Any) -> Any:
    if isinstance(value, str):  # openpyxl refuses control characters: as Excel escapes them
        return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


def typed_mutant(rng: random.Random, values: list[tuple[int, Any]]) -> tuple[bytes, str]:
    """A seed application with ``values`` typed into input cells (openpyxl)."""
    from openpyxl import load_workbook

    path = rng.choice([p for p in seed_paths() if p.parent.name == "sample_data"])
    cells = input_cells(path)
    wb = load_workbook(path)
    notes = []
    for index, value in values:
        sheet, row, col = cells[index % len(cells)]
        try:
            wb[sheet].cell(row, col).value = _typed(value)
        except (ValueError, TypeError) as exc:  # openpyxl refuses it: not a mutant
            notes.append(f"refused by openpyxl: {type(exc).__name__}")
            continue
        notes.append(f"{sheet}!R{row}C{col}={value!r:.40}")
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_times(buffer.getvalue()), f"{path.name}: " + "; ".join(notes)


def _fixed_times(data: bytes) -> bytes:
    """openpyxl's package with fixed timestamps (in the zip and docProps): reproducible."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    members = [
        (name, _MODIFIED.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", body))
        if name == "docProps/core.xml"
        else (name, body)
        for name, body in members
    ]
    return build_zip(members)


def hostile_name(rng: random.Random, index: int) -> tuple[bytes, bytes, str]:
    """(file name, content, note): a seed application under a hostile name."""
    path = rng.choice([p for p in seed_paths() if p.parent.name == "sample_data"])
    name = os.fsencode(f"{index:05d}-") + os.fsencode(HOSTILE_NAMES[index % len(HOSTILE_NAMES)])
    return name, path.read_bytes(), f"{path.name} as {name!r}"


if __name__ == "__main__":  # draw(): the values, pickled on stdout
    import pickle
    import sys

    sys.stdout.buffer.write(pickle.dumps(_draw_here(int(sys.argv[1]), int(sys.argv[2]))))
