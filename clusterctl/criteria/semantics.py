"""What a pack must satisfy beyond its JSON Schema: unique keys and codes, criteria naming a
declared section and indicator, formulas that parse and name known inputs, no cycles, and the
years rule (a yearly indicator needs ``years``; a basic-information one takes none)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from clusterctl.criteria.formula import BASIC_PREFIX, FormulaError, parse
from clusterctl.criteria.schema import Problem, pack_schema
from clusterctl.i18n import Text, t
from clusterctl.workbook.fields import BASIC_FIELDS, FieldType

NUMERIC_BASIC = frozenset(
    f.key for f in BASIC_FIELDS if f.type in (FieldType.NUMBER, FieldType.INT, FieldType.PERCENT)
)

Entry = tuple[str, dict[str, Any]]  # (key path, table)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A checked indicator: the workbook indicators it is computed from (itself when not
    derived) and whether it is static (only ``basic.<field>`` inputs)."""

    inputs: tuple[str, ...]
    static: bool


def _duplicate(path: str, value: str, other: str) -> Problem:
    return Problem(path, Text(f"{value} 与 {other} 重复", f"{value} is already used by {other}"))


def check_sections(sections: list[Entry]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path, s in sections:
        if s["key"] in seen:
            problems.append(_duplicate(f"{path}.key", s["key"], seen[s["key"]]))
        seen.setdefault(s["key"], path)
    return problems


def check_indicators(
    indicators: list[Entry],
) -> tuple[list[Problem], dict[str, Resolved | None]]:
    """Problems of the (merged) indicators, and each declared one resolved (None when it has a
    problem, already reported)."""
    problems: list[Problem] = []
    by_key: dict[str, Entry] = {}
    names: dict[str, tuple[str, ...]] = {}
    for path, ind in indicators:
        key = ind["key"]
        if key in by_key:
            problems.append(_duplicate(f"{path}.key", key, by_key[key][0]))
            continue
        by_key[key] = (path, ind)
        if "formula" not in ind:
            continue
        try:
            names[key] = parse(ind["formula"]).names
        except FormulaError as exc:
            problems.append(Problem(f"{path}.formula", exc.text))
            continue
        for name in names[key]:
            if name.startswith(BASIC_PREFIX):
                if name.removeprefix(BASIC_PREFIX) not in NUMERIC_BASIC:
                    listed = ", ".join(sorted(BASIC_PREFIX + k for k in NUMERIC_BASIC))
                    problems.append(
                        Problem(
                            f"{path}.formula",
                            Text(
                                f"基本信息中没有数值项 {name}（可用：{listed}）",
                                f"no numeric basic field {name} (choices: {listed})",
                            ),
                        )
                    )
            elif name not in {i["key"] for _, i in indicators}:
                problems.append(
                    Problem(
                        f"{path}.formula",
                        Text(
                            f"公式中的 {name} 不是本标准声明的指标",
                            f"{name} in the formula is not an indicator of this pack",
                        ),
                    )
                )
    bad = {p.path.rsplit(".", 1)[0] for p in problems}
    resolved: dict[str, Resolved] = {}

    def resolve(key: str, stack: tuple[str, ...]) -> Resolved | None:
        if key in resolved:
            return resolved[key]
        path, _ = by_key[key]
        if path in bad:
            return None
        if key in stack:
            problems.append(
                Problem(f"{path}.formula", Text(f"公式循环引用 {key}", f"formula cycle at {key}"))
            )
            bad.add(path)
            return None
        if key not in names:
            resolved[key] = Resolved((key,), False)
            return resolved[key]
        inputs: list[str] = []
        static = True
        for name in names[key]:
            if name.startswith(BASIC_PREFIX):
                continue
            sub = resolve(name, (*stack, key))
            if sub is None:
                bad.add(path)
                return None
            inputs += [i for i in sub.inputs if i not in inputs]
            static = static and sub.static
        resolved[key] = Resolved(tuple(inputs), static)
        return resolved[key]

    for key in by_key:
        resolve(key, ())
    broken: dict[str, Resolved | None] = dict.fromkeys(by_key)  # declared, already reported
    return problems, {**broken, **resolved}


def _kind_schema(kind: str) -> dict[str, Any]:
    return pack_schema()["$defs"].get(f"criterion.{kind}", {})


HINT_PLACEHOLDERS = ("threshold", "op", "boundary")  # filled by build.fill_hint
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _hint_placeholders(entry: dict[str, Any], path: str) -> list[Problem]:
    """A hint's ``{…}`` must be one of :data:`HINT_PLACEHOLDERS`, on a criterion with a
    threshold and an operator to fill them from."""
    hint = entry.get("hint")
    if not isinstance(hint, dict):
        return []
    names = {
        n for text in hint.values() if isinstance(text, str) for n in _PLACEHOLDER.findall(text)
    }
    unknown = sorted(names - set(HINT_PLACEHOLDERS))
    if unknown:
        listed = "、".join(f"{{{n}}}" for n in unknown)
        return [
            Problem(
                f"{path}.hint",
                Text(
                    f"未知的占位符 {listed}；可用 {{threshold}}、{{op}}、{{boundary}}",
                    f"unknown placeholder {listed}; use {{threshold}}, {{op}} or {{boundary}}",
                ),
            )
        ]
    if names and ("threshold" not in entry or "op" not in entry):
        return [
            Problem(
                f"{path}.hint",
                t(
                    "提示中的占位符需要本条的 threshold 和 op",
                    "the hint's placeholders need the criterion's threshold and op",
                ),
            )
        ]
    return []


def check_criterion(
    entry: dict[str, Any],
    path: str,
    sections: list[str],
    indicators: dict[str, Resolved | None],
) -> list[Problem]:
    """A complete, schema-valid criterion against its pack's sections and indicators."""
    problems: list[Problem] = []
    if entry["section"] not in sections:
        listed = ", ".join(sections)
        problems.append(
            Problem(
                f"{path}.section",
                Text(
                    f"应为本标准声明的章节 {listed} 之一，实际为 {entry['section']!r}",
                    f"expected one of the pack's sections {listed}, got {entry['section']!r}",
                ),
            )
        )
    problems += _hint_placeholders(entry, path)
    if entry.get("provenance") == "reprint" and not entry.get("source_url"):
        problems.append(
            Problem(
                f"{path}.source_url",
                t(
                    'provenance = "reprint" 须写明转载文本的网址（source_url）',
                    'provenance = "reprint" needs the address of the reprint (source_url)',
                ),
            )
        )
    metric = entry.get("metric")
    if metric is None:
        return problems
    if metric not in indicators and not indicators:
        problems.append(
            Problem(
                f"{path}.metric",
                t(
                    f"本标准未声明任何指标（[[indicators]]），无法读取 {metric!r}",
                    f"the pack declares no indicators ([[indicators]]): cannot read {metric!r}",
                ),
            )
        )
        return problems
    if metric not in indicators:
        listed = ", ".join(indicators)
        problems.append(
            Problem(
                f"{path}.metric",
                Text(
                    f"应为本标准声明的指标 {listed} 之一，实际为 {metric!r}",
                    f"expected one of the pack's indicators {listed}, got {metric!r}",
                ),
            )
        )
        return problems
    resolved = indicators[metric]
    schema = _kind_schema(entry["kind"])
    if resolved is None or "years" not in schema.get("properties", {}):
        return problems
    static = resolved.static
    if static and "years" in schema.get("required", []):
        problems.append(
            Problem(f"{path}.metric", t("趋势需要逐年指标", "a trend needs a yearly indicator"))
        )
    elif static and "years" in entry:
        problems.append(
            Problem(
                f"{path}.years",
                t(
                    "基本信息中的指标只有一个数值，不填 years",
                    "a basic-information indicator has one value: no years",
                ),
            )
        )
    elif not static and "years" not in entry:
        problems.append(
            Problem(
                f"{path}.years",
                t(
                    "缺少：年份用法 each/latest/cagr",
                    "missing: how years are used: each/latest/cagr",
                ),
            )
        )
    return problems


def check_call(data: dict[str, Any]) -> list[Problem]:
    """A pack's ``call`` names a call of ``calls.toml``."""
    call = data.get("call")
    if not isinstance(call, str):
        return []
    from clusterctl.criteria.calls import shipped_calls

    known = shipped_calls()
    if call in known:
        return []
    listed = ", ".join(known)
    return [
        Problem(
            "call",
            Text(f"未知的申报通知 {call!r}（可选：{listed}）", f"unknown call {call!r} ({listed})"),
        )
    ]


def check_unique(entries: list[Entry]) -> list[Problem]:
    """Codes, aliases and names are unique across the (merged) pack (codes case-insensitively)."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path, entry in entries:
        keys = [("code", entry["code"]), ("name", entry["name"])]
        keys += [("aliases", a) for a in entry.get("aliases", [])]
        for key, value in keys:
            folded = value.casefold()
            if folded in seen:
                problems.append(_duplicate(f"{path}.{key}", value, seen[folded]))
            else:
                seen[folded] = path
    return problems
