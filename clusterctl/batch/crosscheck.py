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

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

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


KEY_COLUMNS = ("cluster", "uscc", "operator", "niche", "region_province", "region_district")


def _hash(key: str | None) -> int:
    """A 64-bit signed hash of ``key``; 0 for no key."""
    if not key:
        return 0
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True) or 1


def crosscheck(
    rows: Sequence[FileRow], quota: int | None = None, by_district: bool = False
) -> dict[int, list[Finding]]:
    """B4xx findings by :attr:`FileRow.index` for ranked rows held in memory: the table and the
    lookups :func:`crosscheck_table` takes, built from ``rows`` (screen streams them from its
    spool instead)."""
    by_index = {r.index: r for r in rows}
    records = [(r.index, r.rank, int(bool(r.facts)), *row_keys(r)) for r in rows]
    names_ = ("index", "rank", "readable", *KEY_COLUMNS)
    keys = {name: [record[i] for record in records] for i, name in enumerate(names_)}

    def names(indices: Sequence[int]) -> dict[int, str]:
        return {i: os.path.basename(by_index[i].path) for i in indices}

    found = crosscheck_table(keys, by_index.__getitem__, names, quota, by_district)
    return {row.index: findings for row, findings in found if findings}


def _niche_key(row: FileRow) -> str | None:
    region, niche = region_key(row, False), normalize(row.facts.get("niche"))
    return f"{region}\x00{niche}" if region and niche else None


def row_keys(row: FileRow) -> tuple[int, ...]:
    """The hashed keys of one row, in the order of :data:`KEY_COLUMNS` (0: none, or no facts)."""
    if not row.facts:
        return (0,) * len(KEY_COLUMNS)
    return (
        _hash(normalize(row.facts.get("cluster_name"))),
        _hash((row.facts.get("operator_uscc") or "").upper() or None),
        _hash(normalize(row.facts.get("operator_name"))),
        _hash(_niche_key(row)),
        _hash(region_key(row, False)),
        _hash(region_key(row, True)),
    )


def _others_from(names: Sequence[tuple[int, str]], count: int, me: int) -> str:
    shown_names = [name for index, name in names if index != me][:MAX_OTHERS]
    shown = "、".join(shown_names)
    rest = count - 1
    return shown + (f" …(+{rest - MAX_OTHERS})" if rest > MAX_OTHERS else "")


@dataclass(frozen=True, slots=True)
class _Hit:
    key: int
    count: int
    position: int


def crosscheck_table(
    keys: Mapping[str, Sequence[int]],
    fetch: Callable[[int], FileRow],
    names: Callable[[Sequence[int]], dict[int, str]],
    quota: int | None = None,
    by_district: bool = False,
) -> Iterator[tuple[FileRow, list[Finding]]]:
    """:func:`crosscheck` on a compact table, one file at a time, in the same order and with the
    same findings: ``keys`` has a column (a sequence, one value per file) for ``index``,
    ``rank``, ``readable`` and each hashed key of :data:`KEY_COLUMNS` (:func:`row_keys`);
    ``fetch`` gives a file's full row by index, ``names`` the file names of some indices. Only
    the files with a finding are fetched.

    Each key's groups are taken in the order of their best-ranked member, and their members in
    rank order; a file's findings come in the order of the first group it is listed in."""
    ranks, indices = list(keys["rank"]), list(keys["index"])
    readable = sorted((p for p, ok in enumerate(keys["readable"]) if ok), key=ranks.__getitem__)
    if not readable:
        return
    region = "region_district" if by_district else "region_province"
    info: dict[str, dict[int, _Hit]] = {}
    heads: dict[str, dict[int, list[int]]] = {}
    order: dict[int, None] = {}
    for column in ("cluster", "uscc", "operator", "niche", region):
        values = list(keys[column])
        groups: dict[int, list[int]] = {}
        for p in readable:
            if values[p]:
                groups.setdefault(values[p], []).append(indices[p])
        if column == region and (quota is None or quota < 0):
            continue
        least = quota if column == region else 1
        first = quota if column == region else 0  # members before it are within the quota
        hits: dict[int, _Hit] = {}
        for key, members in groups.items():
            if len(members) > least:
                for position, index in enumerate(members[first:], first + 1):
                    hits[index] = _Hit(key, len(members), position)
                if column != region:
                    heads.setdefault(column, {})[key] = members[: MAX_OTHERS + 1]
        info[column] = hits
        order.update(dict.fromkeys(hits))

    def group_names(column: str, key: int) -> list[tuple[int, str]]:
        members = heads[column][key]
        found = names(members)
        return [(i, found[i]) for i in members]

    def entry(column: str, index: int) -> _Hit | None:
        return info.get(column, {}).get(index)

    for index in order:
        row = fetch(index)
        findings: list[Finding] = []
        hit = entry("cluster", index)
        if hit is not None:
            params = {
                "name": row.facts["cluster_name"],
                "count": int(hit.count),
                "others": _others_from(group_names("cluster", hit.key), hit.count, index),
            }
            findings.append(Finding("B401", _where(row, "cluster_name"), params))
        for column, key in (("uscc", "operator_uscc"), ("operator", "operator_name")):
            hit = entry(column, index)
            if hit is None:
                continue
            params = {
                "name": row.facts.get("operator_name", "?"),
                "key": row.facts.get(key, "?"),
                "count": int(hit.count),
                "others": _others_from(group_names(column, hit.key), hit.count, index),
            }
            findings.append(Finding("B402", _where(row, key), params))
            break
        hit = entry("niche", index)
        if hit is not None:
            params = {
                "province": region_name(row, False),
                "niche": row.facts["niche"],
                "count": int(hit.count),
                "others": _others_from(group_names("niche", hit.key), hit.count, index),
            }
            findings.append(Finding("B403", _where(row, "niche"), params))
        hit = entry(region, index)
        if hit is not None:
            params = {
                "province": region_name(row, by_district),
                "count": int(hit.count),
                "quota": quota,
                "position": int(hit.position),
            }
            field_key = "district" if by_district else "province"
            findings.append(Finding("B404", _where(row, field_key), params))
        yield row, findings
