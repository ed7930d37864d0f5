"""What a workbook's series rows are: the indicators of the pack it is read against.

The reader maps a series sheet's rows by the keys of these indicators (or by their labels), so it
needs them before it reads any value: ``--criteria`` when given, else the edition the workbook's
forms declare (:func:`declared_edition`, read ahead of the forms themselves), else the union of
every shipped pack's indicators.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clusterctl.workbook import recover as rc
from clusterctl.workbook.columns import parse_as

if TYPE_CHECKING:
    from clusterctl.criteria.model import IndicatorSpec, Pack
    from clusterctl.workbook.grid import SheetMap
    from clusterctl.workbook.kind import Sheet

PATH_LIKE = re.compile(r"[/\\]|\.toml\s*$", re.IGNORECASE)


def indicator_specs(pack: Pack | None, edition: str | None) -> dict[str, IndicatorSpec]:
    """What the series rows are: the pack's input indicators (``pack``, else the workbook's own
    edition, a shipped standard or monitoring pack, else every shipped standard's), by key."""
    from clusterctl.criteria.loader import find_pack, list_packs

    if pack is None and edition and not PATH_LIKE.search(edition):  # workbook text: never a path
        from clusterctl.targets.loader import monitoring_pack

        pack = find_pack(edition) or monitoring_pack(edition)  # a shipped id only, here
    packs = [pack] if pack is not None else list_packs()
    specs: dict[str, IndicatorSpec] = {}
    for p in packs:
        for spec in p.input_indicators():
            specs.setdefault(spec.key, spec)
    if len(packs) > 1:  # the edition is unknown: a row only some editions read is not required
        from dataclasses import replace

        everywhere = set.intersection(*({s.key for s in p.input_indicators()} for p in packs))
        specs = {k: s if k in everywhere else replace(s, required=False) for k, s in specs.items()}
    return specs


def declared_edition(mapped: list[tuple[Sheet, SheetMap]]) -> str | None:
    """The edition the mapped form and instructions sheets declare, as the reader will read it
    (``read_fields``: the last form field filled with the pack id; else the instructions'
    edition row), without recording anything."""
    edition: str | None = None
    for sheet, smap in mapped:
        if sheet.layout != "form":
            continue
        rows = rc.field_rows(sheet, smap, smap.columns.get("label", 2))
        col = smap.columns.get("value", 3)
        for f in sheet.fields:
            row = rows.get(f.key)
            if f.fill != "pack" or row is None:
                continue
            raw = smap.grid.get(row, col)
            parsed = parse_as(raw, f.type, f.unit.zh if f.unit else None, f.choices)
            if parsed.ok and isinstance(parsed.value, str):
                edition = parsed.value
    if edition is None:
        from clusterctl.workbook import normalize as nz

        for sheet, smap in mapped:
            row = smap.rows.get("edition") if sheet.layout == "instructions" else None
            if row is not None:
                edition = nz.clean_text(smap.grid.get(row, smap.columns.get("value", 3)))
                break
    return edition
