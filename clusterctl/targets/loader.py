"""Load monitoring packs: the shipped ones in ``packs/`` and users' own TOML files
(``purpose = "monitoring"``). The format is in docs/criteria-packs.md, "Monitoring packs".

A monitoring pack is checked here, key by key, and every problem is reported with its key path
(:class:`TargetPackError`); nothing of it reaches the recognition packs' loader, so
``clusterctl check`` never evaluates one as a standard.
"""

from __future__ import annotations

import functools
import math
import os
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from clusterctl.criteria.keys import ID_PATTERN, INDICATOR_TYPES, KEY_PATTERN, LEVELS
from clusterctl.criteria.model import IndicatorSpec, Op
from clusterctl.i18n import Lang, Text
from clusterctl.targets.model import Target, TargetKind, TargetPack, Tier

MAX_PACK_BYTES = 1 << 20
PURPOSE = "monitoring"
_KIND_KEYS: dict[TargetKind, tuple[str, ...]] = {
    TargetKind.TIER_COUNT: ("tier",),
    TargetKind.TOTAL: ("metric",),
    TargetKind.WEIGHTED_AVERAGE: ("metric",),
    TargetKind.MARGIN: ("metric", "reference"),
    TargetKind.RATIO: ("numerator", "denominator"),
}


class TargetPackError(ValueError):
    """A monitoring pack file is invalid; ``problems`` are (key path, Text)."""

    def __init__(self, path: str, problems: list[tuple[str, Text]]) -> None:
        self.path = path
        self.problems = problems
        shown = "; ".join(f"{p or '<file>'}: {m.en}" for p, m in problems[:5])
        super().__init__(f"{path}: {len(problems)} problem(s): {shown}")

    def message(self, lang: Lang = "zh") -> str:
        head = "监测目标文件无效" if lang == "zh" else "invalid monitoring pack"
        lines = [f"{p or '<file>'}: {m.get(lang)}" for p, m in self.problems[:10]]
        return f"{head} {self.path}: " + "; ".join(lines)


def _shipped_files() -> list[Path]:
    folder = resources.files("clusterctl.targets") / "packs"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


@functools.lru_cache(maxsize=1)
def list_target_packs() -> tuple[TargetPack, ...]:
    """The shipped monitoring packs, by id."""
    return tuple(sorted((load_target_pack(p) for p in _shipped_files()), key=lambda p: p.id))


def is_monitoring_file(path: str) -> bool:
    """Is ``path`` a TOML file that declares ``purpose = "monitoring"`` (read cheaply)?"""
    try:
        if os.path.getsize(path) > MAX_PACK_BYTES:
            return False
        with open(path, "rb") as fh:
            head = fh.read(MAX_PACK_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    return re.search(r'^\s*purpose\s*=\s*"monitoring"', head, re.MULTILINE) is not None


def find_target_pack(selector: str | None) -> TargetPack | None:
    """The monitoring pack a selector names (a shipped id, or a ``.toml`` path declaring
    ``purpose = "monitoring"``); None when it names none. Raises :class:`TargetPackError` for a
    monitoring pack file that is invalid."""
    if not selector:
        return None
    selector = selector.strip()
    for pack in list_target_packs():
        if pack.id == selector.lower():
            return pack
    toml = selector.lower().endswith(".toml") and os.path.isfile(selector)
    if toml and is_monitoring_file(selector):
        return load_target_pack(selector)
    return None


def monitoring_pack(selector: str | None) -> Any:
    """The workbook view (:class:`~.model.MonitoringPack`) of the monitoring pack ``selector``
    names, or None: what ``template --kind annual-report`` and the reader use."""
    try:
        pack = find_target_pack(selector)
    except TargetPackError:
        return None
    return pack.workbook_pack() if pack is not None else None


def choices() -> list[str]:
    return [p.id for p in list_target_packs()]


def load_target_pack(path: str | os.PathLike[str]) -> TargetPack:
    """Load and check one monitoring pack file."""
    real = os.path.realpath(path)
    return _load(real, os.path.getmtime(real), str(path))


@functools.lru_cache(maxsize=16)
def _load(real: str, _mtime: float, shown: str) -> TargetPack:
    if os.path.getsize(real) > MAX_PACK_BYTES:
        raise TargetPackError(shown, [("", Text("文件过大（上限 1 MiB）", "file too large"))])
    try:
        with open(real, "rb") as fh:
            data = tomllib.loads(fh.read().decode("utf-8"))
    except UnicodeDecodeError:
        raise TargetPackError(shown, [("", Text("不是 UTF-8 编码", "not UTF-8 text"))]) from None
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise TargetPackError(
            shown, [("", Text(f"TOML 语法错误：{exc}", f"TOML syntax error: {exc}"))]
        ) from None
    return _Builder(shown).build(data)


# ---------------------------------------------------------------- checking and building


def _missing() -> Text:
    return Text("缺少必填项", "required key missing")


class _Builder:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[tuple[str, Text]] = []

    def bad(self, path: str, zh: str, en: str) -> None:
        self.problems.append((path, Text(zh, en)))

    def get(self, table: dict[str, Any], key: str, kind: type | tuple, path: str, need=True):
        value = table.get(key)
        if value is None:
            if need:
                self.problems.append((f"{path}{key}", _missing()))
            return None
        numeric = kind in (float, (int, float))
        if numeric and (isinstance(value, bool) or not isinstance(value, (int, float))):
            self.bad(f"{path}{key}", "应为数值", "must be a number")
            return None
        if numeric and not math.isfinite(value):
            self.bad(f"{path}{key}", "应为有限数值", "must be finite")
            return None
        if not numeric and not isinstance(value, kind):
            self.bad(f"{path}{key}", "类型不对", f"must be {getattr(kind, '__name__', kind)}")
            return None
        return value

    def text(self, table: dict[str, Any], key: str, path: str, need: bool = True) -> Text | None:
        value = self.get(table, key, dict, path, need)
        if value is None:
            return None
        if not all(isinstance(value.get(k), str) for k in ("zh", "en")):
            self.bad(f"{path}{key}", "应为 { zh = …, en = … }", "must be { zh = …, en = … }")
            return None
        return Text(value["zh"], value["en"])

    def note(self, data: dict[str, Any]) -> Text | None:
        """``source_note``: ``{ zh, en }``, or one string for both languages."""
        value = data.get("source_note")
        if value is None or isinstance(value, dict):
            return self.text(data, "source_note", "", False)
        if isinstance(value, str):
            return Text(value, value)
        self.bad("source_note", "应为文字或 { zh = …, en = … }", "must be text or { zh, en }")
        return None

    def op(self, table: dict[str, Any], path: str, need: bool = True) -> Op | None:
        value = self.get(table, "op", str, path, need)
        if value is None:
            return None
        try:
            return Op(value)
        except ValueError:
            self.bad(f"{path}op", "应为 gt, ge, lt, le 之一", "must be one of gt, ge, lt, le")
            return None

    def indicator(self, i: int, ind: dict[str, Any]) -> IndicatorSpec | None:
        path = f"indicators[{i}]."
        key = self.get(ind, "key", str, path)
        label, unit = self.text(ind, "label", path), self.text(ind, "unit", path)
        kind = ind.get("type", "number")
        if kind not in INDICATOR_TYPES:
            self.bad(f"{path}type", f"应为 {', '.join(INDICATOR_TYPES)} 之一", "unknown type")
        if "formula" in ind:
            self.bad(f"{path}formula", "监测目标不支持派生指标", "no derived indicators here")
        if key is not None and not re.fullmatch(KEY_PATTERN, key):
            self.bad(f"{path}key", "应为小写字母、数字和下划线", "lower-case letters, _")
        if key is None or label is None or unit is None:
            return None
        required = ind.get("required", True)
        return IndicatorSpec(
            key, label, unit, kind, bool(required), self.text(ind, "help", path, False)
        )

    def tier(self, i: int, tr: dict[str, Any]) -> Tier | None:
        path = f"tiers[{i}]."
        key, label = self.get(tr, "key", str, path), self.text(tr, "label", path)
        op, threshold = self.op(tr, path), self.get(tr, "threshold", float, path)
        clause = self.get(tr, "clause", str, path)
        named = self.get(tr, "named", list, path, False) or []
        if any(not isinstance(n, str) or not n for n in named):
            self.bad(f"{path}named", "应为非空字符串列表", "must be a list of words")
            named = []
        if None in (key, label, op, threshold, clause):
            return None
        return Tier(key, label, op, float(threshold), clause, tuple(named))

    def target(self, i: int, tg: dict[str, Any], year: int, known: set[str], tiers: set[str]):
        path = f"targets[{i}]."
        code, title = self.get(tg, "code", str, path), self.text(tg, "title", path)
        clause, unit = self.get(tg, "clause", str, path), self.get(tg, "unit", str, path)
        raw_kind = self.get(tg, "kind", str, path)
        try:
            kind = TargetKind(raw_kind) if raw_kind is not None else None
        except ValueError:
            listed = ", ".join(k.value for k in TargetKind)
            self.bad(f"{path}kind", f"应为 {listed} 之一", f"must be one of {listed}")
            kind = None
        number = self.get(tg, "target", float, path, kind is not TargetKind.TIER_COUNT)
        about = bool(tg.get("about", False))
        band = self.get(tg, "band", float, path, about)
        op = None if about else self.op(tg, path, number is not None)
        if about and "op" in tg:
            self.bad(f"{path}op", "“左右”目标是区间，不设比较", "an about-target has no op")
        refs: dict[str, str | None] = {}
        for key in _KIND_KEYS.get(kind, ()) if kind else ():
            refs[key] = self.get(tg, key, str, path)
            if key == "tier" and refs[key] is not None and refs[key] not in tiers:
                self.bad(f"{path}tier", f"没有这个规模档：{refs[key]}", "no such tier")
            elif key != "tier" and refs[key] is not None and refs[key] not in known:
                self.bad(f"{path}{key}", f"不是本文件声明的指标：{refs[key]}", "not declared")
        if None in (code, title, clause, unit, kind):
            return None
        return Target(
            code=code,
            title=title,
            kind=kind,
            clause=clause,
            year=int(tg.get("year", year)),
            unit=unit,
            target=float(number) if number is not None else None,
            op=op,
            cumulative=bool(tg.get("cumulative", False)),
            about=about,
            band=float(band) if band is not None else None,
            per_cluster=bool(tg.get("per_cluster", False)),
            unit_en=tg.get("unit_en"),
            provenance=str(tg.get("provenance", "reported")),
            interpretation=self.text(tg, "interpretation", path, False),
            **refs,
        )

    def build(self, data: dict[str, Any]) -> TargetPack:
        if data.get("purpose") != PURPOSE:
            self.bad("purpose", '应为 "monitoring"', 'must be "monitoring"')
        pack_id = self.get(data, "id", str, "")
        if pack_id is not None and not re.fullmatch(ID_PATTERN, pack_id):
            self.bad("id", "应为小写字母、数字和连字符", "lower-case letters, digits, hyphens")
        title, where = self.text(data, "title", ""), self.text(data, "jurisdiction", "")
        level = self.get(data, "level", str, "")
        if level is not None and level not in LEVELS:
            self.bad("level", f"应为 {'、'.join(LEVELS)} 之一", "unknown level")
        edition, year = (
            self.get(data, "edition_year", int, ""),
            self.get(data, "target_year", int, ""),
        )
        source, version = (
            self.get(data, "source", str, ""),
            self.get(data, "template_version", str, ""),
        )
        scale = self.get(data, "scale", str, "")
        lists = {k: data.get(k, []) for k in ("indicators", "tiers", "targets")}
        for key, value in lists.items():
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                self.bad(key, "应为表的数组", "must be an array of tables")
                lists[key] = []
        indicators = [s for i, d in enumerate(lists["indicators"]) if (s := self.indicator(i, d))]
        keys = [s.key for s in indicators]
        if len(set(keys)) != len(keys):
            self.bad("indicators", "指标键重复", "duplicate indicator keys")
        if scale is not None and scale not in keys:
            self.bad("scale", f"不是本文件声明的指标：{scale}", "not a declared indicator")
        tiers = [tr for i, d in enumerate(lists["tiers"]) if (tr := self.tier(i, d))]
        targets = [
            tg
            for i, d in enumerate(lists["targets"])
            if (tg := self.target(i, d, year or 0, set(keys), {tr.key for tr in tiers}))
        ]
        codes = [tg.code.casefold() for tg in targets]
        if len(set(codes)) != len(codes):
            self.bad("targets", "目标编码重复", "duplicate target codes")
        if not targets and not self.problems:
            self.bad("targets", "至少需要一个目标", "at least one target")
        if self.problems:
            raise TargetPackError(self.shown, self.problems)
        return TargetPack(
            id=pack_id,
            title=title,
            jurisdiction=where,
            level=level,
            edition_year=edition,
            target_year=year,
            source=source,
            template_version=version,
            scale=scale,
            indicators=tuple(indicators),
            tiers=tuple(sorted(tiers, key=lambda tr: -tr.threshold)),
            targets=tuple(targets),
            province_code=data.get("province_code"),
            source_note=self.note(data),
            path=self.shown,
        )
