"""A batch of annual reports against a monitoring pack: the province's figure for each target.

- One reporting year is summed (``year``, else the latest year among the reports); reports of
  other years are listed but not counted (T502).
- A cluster reported twice in the year (same operator credit code, else same name) counts once,
  the report listed first (T503).
- ``total``: the sum of the clusters' figures. ``tier-count``: clusters whose highest tier is the
  target's (or higher, ``cumulative``). ``weighted-average``: Σ value × scale ÷ Σ scale over the
  clusters that gave both (the scale is the pack's ``scale`` indicator, the revenue), which is the
  province's share when each cluster's share is of its revenue. ``margin``: that weighted average
  minus the provincial average the reports give (their median; a report giving another number
  gets T505). ``ratio``: Σ part ÷ Σ whole, in %.
- Progress is the share of the target (value ÷ target); a 左右 target is placed in its band.
"""

from __future__ import annotations

from collections.abc import Iterable

from clusterctl.diagnostics import Finding, Location
from clusterctl.targets.evaluate import common_reference
from clusterctl.targets.model import (
    ClusterResult,
    ProgressState,
    ProvinceProgress,
    Target,
    TargetKind,
    TargetPack,
    TargetProgress,
)
from clusterctl.workbook.grid import bi


def batch_year(results: Iterable[ClusterResult], year: int | None = None) -> int | None:
    """The year summed: ``year`` when given, else the latest reporting year found."""
    if year is not None:
        return year
    return max((r.year for r in results if r.year is not None), default=None)


def _identity(r: ClusterResult) -> tuple[str, str] | None:
    if r.operator_uscc:
        return "uscc", r.operator_uscc.strip().upper()
    if r.name:
        return "name", "".join(r.name.split())
    return None


def select(
    results: list[ClusterResult], year: int | None
) -> tuple[list[ClusterResult], list[ClusterResult], dict[str, list[Finding]]]:
    """The reports counted, those left out, and the findings saying why (by path)."""
    counted: list[ClusterResult] = []
    excluded: list[ClusterResult] = []
    notes: dict[str, list[Finding]] = {}
    seen: dict[tuple[str, str], ClusterResult] = {}
    for r in results:
        where = Location(r.path, field="identity.reporting_year")
        if year is not None and r.year != year:
            params = {"year": r.year if r.year is not None else "?", "batch_year": year}
            notes.setdefault(r.path, []).append(Finding("T502", where, params))
            excluded.append(r)
            continue
        key = _identity(r)
        if key is not None and key in seen:
            params = {"other": seen[key].path, "key": key[1]}
            notes.setdefault(r.path, []).append(Finding("T503", Location(r.path), params))
            excluded.append(r)
            continue
        if key is not None:
            seen[key] = r
        counted.append(r)
    return counted, excluded, notes


def _share(value: float | None, target: Target) -> float | None:
    if value is None or not target.target:
        return None
    return value / target.target


def progress_of(target: Target, pack: TargetPack, clusters: list[ClusterResult]) -> TargetProgress:
    """The province's figure for ``target`` over the counted ``clusters``."""
    parts = [c for r in clusters if (c := r.contribution(target.code)) is not None]
    n = len(clusters)
    if target.kind in (TargetKind.TOTAL, TargetKind.TIER_COUNT):
        given = [c.value for c in parts if c.value is not None]
        value = float(sum(given)) if given else None
        state = target.state_of(value)
        in_band = None
        if target.per_cluster:
            in_band = sum(c.state is ProgressState.IN_BAND for c in parts)
        return TargetProgress(
            target, value, state, _share(value, target), len(given), n, None, in_band
        )
    if target.kind is TargetKind.RATIO:
        given = [c for c in parts if c.numerator is not None and c.denominator is not None]
        whole = sum(c.denominator or 0 for c in given)
        value = 100 * sum(c.numerator or 0 for c in given) / whole if whole else None
        return TargetProgress(
            target, value, target.state_of(value), _share(value, target), len(given), n
        )
    given = [c for c in parts if c.value is not None and c.weight]
    weight = sum(c.weight or 0 for c in given)
    value = sum((c.value or 0) * (c.weight or 0) for c in given) / weight if weight else None
    if target.kind is TargetKind.MARGIN:
        # the contributions are each cluster's own gap; the province's is the weighted average
        # of the intensities minus the common provincial average
        reference, _ = common_reference(clusters, target.reference or "")
        own = [(r.values.get(target.metric), r.scale) for r in clusters]
        own = [(v, w) for v, w in own if v is not None and w]
        total = sum(w for _, w in own)
        average = sum(v * w for v, w in own) / total if total else None
        value = average - reference if average is not None and reference is not None else None
        reported = len(own) if reference is not None else 0
        return TargetProgress(
            target, value, target.state_of(value), _share(value, target), reported, n, reference
        )
    in_band = None
    if target.per_cluster:
        in_band = sum(c.state is ProgressState.IN_BAND for c in parts)
    return TargetProgress(
        target, value, target.state_of(value), _share(value, target), len(given), n, None, in_band
    )


def reference_notes(pack: TargetPack, clusters: list[ClusterResult]) -> dict[str, list[Finding]]:
    """T505 for each report whose provincial average differs from the one used."""
    notes: dict[str, list[Finding]] = {}
    for target in pack.targets:
        if target.kind is not TargetKind.MARGIN or not target.reference:
            continue
        used, differing = common_reference(clusters, target.reference)
        spec = pack.indicator(target.reference)
        for r in differing:
            location = Location(r.path, field=f"indicators.{target.reference}")
            params = {
                "value": f"{r.values[target.reference]:g}",
                "used": f"{used:g}",
                **bi("label", spec.label),
            }
            notes.setdefault(r.path, []).append(Finding("T505", location, params))
    return notes


def aggregate(
    pack: TargetPack, results: list[ClusterResult], year: int | None = None
) -> tuple[ProvinceProgress, dict[str, list[Finding]]]:
    """The province's progress over ``results`` (in input order) and the batch's findings by
    path."""
    chosen = batch_year(results, year)
    counted, excluded, notes = select(results, chosen)
    for path, found in reference_notes(pack, counted).items():
        notes.setdefault(path, []).extend(found)
    tiers = {tr.key: 0 for tr in pack.tiers} | {"": 0}
    for r in counted:
        tiers[r.tier or ""] += 1
    progress = tuple(progress_of(target, pack, counted) for target in pack.targets)
    return ProvinceProgress(pack, chosen, tuple(counted), tuple(excluded), tiers, progress), notes
