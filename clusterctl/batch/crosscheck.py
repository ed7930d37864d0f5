"""Checks across a batch (B4xx): duplicates, one niche per province, the recommendation quota.

Each finding is attached to every file concerned and points at the cell of the colliding field.
Names are compared after NFKC normalisation, without whitespace and case-insensitively, so
``北京市 海淀区…`` and ``北京市海淀区…`` collide; credit codes are compared upper-cased.

Quota: the number of applications per region above which the extra ones are flagged. A pack that
names a call (``call = "beijing-2024"``, ``clusterctl/criteria/calls.toml``) counts in that call's
jurisdictions with their quotas (per province with 计划单列市/兵团 apart, per prefecture with 昆明
apart, per district …): :func:`row_keys` computes each file's jurisdiction and quota in the worker
(``region_call``, ``call_quota``), and B404 names the call. Otherwise the region is the province
(first two digits of the division code, else the province name), or the district when the pack is
bound to one province, with the pack's ``quota`` or ``--quota``. Only the files ranked beyond the
quota get B404: they are the ones that would not be recommended.

A batch may mix packs (a Beijing call and the national one): the quota and the one-niche-per-
province rule apply per call, i.e. among the files of the same pack, each with its pack's region
and quota (:class:`Regime`); duplicates (cluster, operator) are flagged across packs. B403 (one
cluster per niche) applies only to the files of a pack whose call says so (``one_per_niche`` in
``calls.toml``: the national calls); Beijing's and Yunnan's calls, and packs naming no call, set
no such rule.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import clusterctl.diagnostics.codes_batch  # noqa: F401  (registers the B4xx codes)
from clusterctl.batch.pandas_loader import load_pandas
from clusterctl.batch.rows import FileRow
from clusterctl.diagnostics import Finding, Location

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.criteria.calls import Call
    from clusterctl.criteria.model import Pack

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


KEY_COLUMNS = (
    "cluster",
    "uscc",
    "operator",
    "niche",
    "region_province",
    "region_district",
    "pack",
    "region_call",  # the jurisdiction under the pack's call (hashed), 0 without one
    "call_quota",  # that jurisdiction's quota under the call (a plain number), -1 without one
)


@dataclass(frozen=True, slots=True)
class Regime:
    """How one pack's call counts applications: its quota (None: no quota) and whether per
    district (a pack bound to one province) rather than per province. With ``call`` (the call the
    pack names), each file counts in its jurisdiction under the call (``region_call``) with that
    jurisdiction's quota (``call_quota``), or ``quota`` when given (``--quota``)."""

    quota: int | None = None
    by_district: bool = False
    call: Call | None = None

    @property
    def one_per_niche(self) -> bool:
        """Whether the call recommends one cluster per niche and province (B403)."""
        return self.call is not None and self.call.one_per_niche


def _hash(key: str | None) -> int:
    """A 64-bit signed hash of ``key``; 0 for no key."""
    if not key:
        return 0
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True) or 1


def _niche_key(row: FileRow) -> str | None:
    region, niche = region_key(row, False), normalize(row.facts.get("niche"))
    return f"{region}\x00{niche}" if region and niche else None


def _call_of(row: FileRow, pack: Pack | None) -> Call | None:
    from clusterctl.criteria.calls import get_call
    from clusterctl.criteria.loader import find_pack

    pack = pack if pack is not None else find_pack(row.pack_id)
    return get_call(pack.call) if pack is not None else None


def row_keys(row: FileRow, pack: Pack | None = None) -> tuple[int, ...]:
    """The keys of one row, in the order of :data:`KEY_COLUMNS` (hashed, 0: none, or no facts;
    ``call_quota`` a plain number, -1: none). ``pack``: the row's pack (default: found by its id),
    whose call decides ``region_call`` and ``call_quota``."""
    if not row.facts:
        return (0,) * (len(KEY_COLUMNS) - 1) + (-1,)
    call = _call_of(row, pack)
    where = call.jurisdiction(row.facts) if call is not None else None
    return (
        _hash(normalize(row.facts.get("cluster_name"))),
        _hash((row.facts.get("operator_uscc") or "").upper() or None),
        _hash(normalize(row.facts.get("operator_name"))),
        _hash(_niche_key(row)),
        _hash(region_key(row, False)),
        _hash(region_key(row, True)),
        pack_key(row.pack_id),
        _hash(f"{call.id}\x00{where[0]}") if call is not None and where else 0,
        where[1] if where else -1,
    )


def pack_key(pack_id: str | None) -> int:
    """The hashed key of a pack id, as :func:`row_keys` gives it (the keys of ``regimes``)."""
    return _hash(pack_id)


def _others_from(names: Sequence[tuple[int, str]], count: int, me: int) -> str:
    shown_names = [name for index, name in names if index != me][:MAX_OTHERS]
    shown = "、".join(shown_names)
    rest = count - 1
    return shown + (f" …(+{rest - MAX_OTHERS})" if rest > MAX_OTHERS else "")


def crosscheck_table(
    keys: pd.DataFrame,
    fetch: Callable[[int], FileRow],
    names: Callable[[Sequence[int]], dict[int, str]],
    quota: int | None = None,
    by_district: bool = False,
    regimes: Mapping[int, Regime] | None = None,
) -> Iterator[tuple[FileRow, list[Finding]]]:
    """B4xx findings of the batch, one file at a time in rank order, from a compact table:
    ``keys`` has one row per file with ``index``, ``rank``, ``readable`` and the
    hashed :data:`KEY_COLUMNS` (:func:`row_keys`); ``fetch`` gives a file's full row by index,
    ``names`` the file names of some indices. Only the files with a finding are fetched.

    ``regimes``: each pack's quota and region (by :func:`pack_key`); a file of a pack not in it
    (or with no ``pack`` column) counts under ``quota`` and ``by_district``."""
    import numpy as np

    pd = load_pandas()

    default = Regime(quota, by_district)
    regimes = dict(regimes or {})
    table = keys[keys["readable"]].sort_values("rank", kind="stable")
    if table.empty:
        return
    if "pack" not in table.columns:
        table = table.assign(pack=0)
    if "region_call" not in table.columns:
        table = table.assign(region_call=0, call_quota=-1)
    of_pack = [regimes.get(k, default) for k in table["pack"].tolist()]
    district = np.array([r.by_district for r in of_pack], dtype=bool)
    per_call = np.array([r.call is not None for r in of_pack], dtype=bool)
    per_niche = np.array([r.one_per_niche for r in of_pack], dtype=bool)
    given = np.array([-1 if r.quota is None else r.quota for r in of_pack], dtype=np.int64)
    region = np.where(district, table["region_district"], table["region_province"])
    table = table.assign(
        region=np.where(per_call, table["region_call"], region),
        quota=np.where(per_call & (given < 0), table["call_quota"], given),
        niche=np.where(per_niche, table["niche"], 0),
    )
    info: dict[str, pd.DataFrame] = {}
    order: list[pd.Series] = []
    for column in ("cluster", "uscc", "operator", "niche", "region"):
        present = table[table[column] != 0]
        key = present[column]
        if column in ("niche", "region"):  # per call: the same key under another pack differs
            with np.errstate(over="ignore"):
                key = (key * np.int64(1_000_003)) ^ present["pack"]
        grouped = key.groupby(key, sort=False)
        frame = pd.DataFrame(
            {
                "index": present["index"],
                "key": key,
                "count": grouped.transform("size"),
                "position": grouped.cumcount() + 1,
                "first": present["rank"].groupby(key, sort=False).transform("min"),
                "rank": present["rank"],
                "quota": present["quota"],
            }
        )
        if column == "region":
            frame = frame[(frame["quota"] >= 0) & (frame["count"] > frame["quota"])]
            frame = frame[frame["position"] > frame["quota"]]
            if frame.empty:
                continue
        else:
            frame = frame[frame["count"] > 1]
        frame = frame.sort_values(["first", "rank"], kind="stable")
        info[column] = frame.set_index("index")
        order.append(frame["index"])
    if not order:
        return
    indices = pd.unique(pd.concat(order, ignore_index=True))
    # from here plain lookups: a file's row in each check's arrays by its index (one int32 per
    # file and check), and each group's first members (the names a message shows), looked up
    # once per group
    size = int(table["index"].max()) + 1
    entries: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for column, frame in info.items():
        at = np.full(size, -1, dtype=np.int32)
        at[frame.index.to_numpy()] = np.arange(len(frame), dtype=np.int32)
        values = frame[["key", "count", "position", "quota"]].to_numpy(dtype=np.int64)
        entries[column] = (at, values)
    members_of: dict[str, dict[int, list[int]]] = {}
    for column, frame in info.items():
        if column == "region":
            continue
        head = frame.groupby("key", sort=False).head(MAX_OTHERS + 1)
        groups: dict[int, list[int]] = {}
        for i, k in zip(head.index.tolist(), head["key"].tolist(), strict=True):
            groups.setdefault(k, []).append(i)
        members_of[column] = groups
    named: dict[tuple[str, int], list[tuple[int, str]]] = {}

    def group_names(column: str, key: int) -> list[tuple[int, str]]:
        found = named.get((column, key))
        if found is None:
            members = members_of[column].get(key, [])
            by_index = names(members)
            found = named[(column, key)] = [(i, by_index[i]) for i in members]
        return found

    def entry(column: str, index: int) -> list[int] | None:
        found = entries.get(column)
        if found is None:
            return None
        at, values = found
        position = int(at[index]) if 0 <= index < len(at) else -1
        return None if position < 0 else values[position].tolist()

    for index in indices.tolist():
        row = fetch(index)
        findings: list[Finding] = []
        hit = entry("cluster", index)
        if hit is not None:
            params = {
                "name": row.facts["cluster_name"],
                "count": hit[1],
                "others": _others_from(group_names("cluster", hit[0]), hit[1], index),
            }
            findings.append(Finding("B401", _where(row, "cluster_name"), params))
        for column, key in (("uscc", "operator_uscc"), ("operator", "operator_name")):
            hit = entry(column, index)
            if hit is None:
                continue
            params = {
                "name": row.facts.get("operator_name", "?"),
                "key": row.facts.get(key, "?"),
                "count": hit[1],
                "others": _others_from(group_names(column, hit[0]), hit[1], index),
            }
            findings.append(Finding("B402", _where(row, key), params))
            break
        hit = entry("niche", index)
        if hit is not None:
            params = {
                "province": region_name(row, False),
                "niche": row.facts["niche"],
                "count": hit[1],
                "others": _others_from(group_names("niche", hit[0]), hit[1], index),
            }
            findings.append(Finding("B403", _where(row, "niche"), params))
        hit = entry("region", index)
        if hit is not None:
            regime = regimes.get(pack_key(row.pack_id), default)
            params = {
                "province": _region_name(row, regime),
                "count": hit[1],
                "quota": hit[3],
                "position": hit[2],
                **_call_words(regime),
            }
            findings.append(Finding("B404", _where(row, _region_field(regime)), params))
        yield row, findings


_FIELD_OF_PER = {"province": "province", "prefecture": "city", "district": "district"}


def _region_name(row: FileRow, regime: Regime) -> str:
    if regime.call is not None:
        return regime.call.region_name(row.facts)
    return region_name(row, regime.by_district)


def _region_field(regime: Regime) -> str:
    if regime.call is not None:
        return _FIELD_OF_PER[regime.call.per]
    return "district" if regime.by_district else "province"


def _call_words(regime: Regime) -> dict[str, str]:
    """Which call the quota is of, in both languages (B404's ``call_zh``, ``call_en``)."""
    call = regime.call
    if call is not None and regime.quota is None:
        quota = call.quota_text()
        return {
            "call_zh": f"依据{call.title.zh}：{quota.zh}",
            "call_en": f"{call.title.en}: {quota.en}",
        }
    if call is not None:
        return {
            "call_zh": f"按{call.title.zh}的地区划分，名额由 --quota 指定",
            "call_en": f"jurisdictions of the {call.title.en}, quota set with --quota",
        }
    return {"call_zh": "名额为标准文件或 --quota 所定", "call_en": "quota of the pack or --quota"}
