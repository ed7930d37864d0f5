"""Checks across a batch (B4xx): duplicates, one niche per province, the recommendation quota.

Each finding is attached to every file concerned and points at the cell of the colliding field.
Names are compared after NFKC normalisation, without whitespace and case-insensitively, so
``北京市 海淀区…`` and ``北京市海淀区…`` collide; credit codes are compared upper-cased.

Quota: the number of applications per region above which the extra ones are flagged. The region
is the province (first two digits of the division code, else the province name), or the district
when the pack is bound to one province (Beijing's quota is per district). Only the files ranked
beyond the quota get B404: they are the ones that would not be recommended.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

import clusterctl.diagnostics.codes_batch  # noqa: F401  (registers the B4xx codes)
from clusterctl.batch.table import FileRow
from clusterctl.diagnostics import Finding, Location

MAX_OTHERS = 5  # other files named in a message
_SPACE = re.compile(r"\s+")


def normalize(text: str | None) -> str | None:
    if not text:
        return None
    key = _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    return key or None


def _where(row: FileRow, key: str) -> Location:
    loc = row.cells.get(key)
    if loc is not None:
        return loc.with_file(row.path)
    return Location(row.path, field=f"basic.{key}")


def _others(group: Sequence[FileRow], me: FileRow) -> str:
    names = [os.path.basename(r.path) for r in group if r is not me]
    shown = "、".join(names[:MAX_OTHERS])
    return shown + (f" …(+{len(names) - MAX_OTHERS})" if len(names) > MAX_OTHERS else "")


def _groups(rows: Sequence[FileRow], key_of) -> list[list[FileRow]]:
    groups: dict[str, list[FileRow]] = defaultdict(list)
    for row in rows:
        key = key_of(row)
        if key:
            groups[key].append(row)
    return [g for g in groups.values() if len(g) > 1]


def region_key(row: FileRow, by_district: bool) -> str | None:
    code = row.facts.get("division_code", "")
    valid = len(code) == 6 and code.isdigit()
    if by_district:
        return code if valid else normalize(row.facts.get("district"))
    return code[:2] if valid else normalize(row.facts.get("province"))


def region_name(row: FileRow, by_district: bool) -> str:
    f = row.facts
    if by_district:
        return f.get("district") or f.get("division_code") or "?"
    return f.get("province") or f.get("division_code", "")[:2] or "?"


def crosscheck(
    rows: Sequence[FileRow], quota: int | None = None, by_district: bool = False
) -> dict[int, list[Finding]]:
    """B4xx findings by :attr:`FileRow.index`. ``rows`` must already be ranked."""
    found: dict[int, list[Finding]] = defaultdict(list)
    readable = [r for r in rows if r.facts]

    for group in _groups(readable, lambda r: normalize(r.facts.get("cluster_name"))):
        for row in group:
            params = {
                "name": row.facts["cluster_name"],
                "count": len(group),
                "others": _others(group, row),
            }
            found[row.index].append(Finding("B401", _where(row, "cluster_name"), params))

    flagged: set[int] = set()
    by_code = _groups(readable, lambda r: (r.facts.get("operator_uscc") or "").upper() or None)
    by_name = _groups(readable, lambda r: normalize(r.facts.get("operator_name")))
    for group, key in [
        *((g, "operator_uscc") for g in by_code),
        *((g, "operator_name") for g in by_name),
    ]:
        for row in group:
            if row.index in flagged:
                continue
            flagged.add(row.index)
            params = {
                "name": row.facts.get("operator_name", "?"),
                "key": row.facts.get(key, "?"),
                "count": len(group),
                "others": _others(group, row),
            }
            found[row.index].append(Finding("B402", _where(row, key), params))

    def niche_key(row: FileRow) -> str | None:
        region, niche = region_key(row, False), normalize(row.facts.get("niche"))
        return f"{region}\x00{niche}" if region and niche else None

    for group in _groups(readable, niche_key):
        for row in group:
            params = {
                "province": region_name(row, False),
                "niche": row.facts["niche"],
                "count": len(group),
                "others": _others(group, row),
            }
            found[row.index].append(Finding("B403", _where(row, "niche"), params))

    if quota is not None and quota >= 0:
        for group in _groups(readable, lambda r: region_key(r, by_district)):
            if len(group) <= quota:
                continue
            ordered = sorted(group, key=lambda r: r.rank)
            for position, row in enumerate(ordered, 1):
                if position <= quota:
                    continue
                field_key = "district" if by_district else "province"
                params = {
                    "province": region_name(row, by_district),
                    "count": len(group),
                    "quota": quota,
                    "position": position,
                }
                found[row.index].append(Finding("B404", _where(row, field_key), params))
    return dict(found)
