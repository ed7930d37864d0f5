"""The schema of a criteria pack file, and its checks.

A pack file is untrusted input (users write their own), so every problem is reported, each with
its key path (``criteria[3].threshold``) and what was expected, in both languages. The checks work
on the plain data :mod:`tomllib` returns; :mod:`clusterctl.criteria.loader` builds the model only
from data that passed. See ``docs/criteria-packs.md`` for the format.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from clusterctl.criteria.model import Dimension, Kind, Op, Provenance, Severity, YearMode
from clusterctl.i18n import Lang, Text, t
from clusterctl.workbook.fields import BASIC_FIELDS, FieldType, Qualification

MAX_CRITERIA = 500
MAX_TEXT = 4000  # characters in one string

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
CODE_PATTERN = re.compile(r"^CR([1-9])[0-9]{2}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PROVINCE_PATTERN = re.compile(r"^[1-9][0-9]$")
FLAGS = tuple(f.key for f in BASIC_FIELDS if f.type is FieldType.BOOL)
SERIES_MODES = (YearMode.EACH, YearMode.LATEST, YearMode.CAGR)
TREND_MODES = (YearMode.DECREASING, YearMode.INCREASING)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # key path, e.g. "criteria[3].threshold" ("" for the whole file)
    text: Text

    def render(self, lang: Lang = "zh") -> tuple[str, str]:
        return (self.path, self.text.get(lang))


@dataclass(frozen=True, slots=True)
class Spec:
    """One key of a table: its type, whether required, allowed values."""

    type: str  # str, int, number, bool, text, str-list, table-list
    required: bool = False
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    pattern_text: Text | None = None
    minimum: float | None = None


_TYPE_NAMES = {
    "str": t("字符串", "a string"),
    "int": t("整数", "an integer"),
    "number": t("数值", "a number"),
    "bool": t("true 或 false", "true or false"),
    "text": t("含 zh、en 两个字符串的表", "a table with strings zh and en"),
    "str-list": t("字符串数组", "an array of strings"),
    "table-list": t("表的数组", "an array of tables"),
}


def _choices(enum: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(e.value) for e in enum)


PACK_KEYS: dict[str, Spec] = {
    "id": Spec(
        "str",
        True,
        pattern=ID_PATTERN,
        pattern_text=t("小写字母、数字和连字符", "lower-case kebab"),
    ),
    "title": Spec("text", True),
    "jurisdiction": Spec("text", True),
    "level": Spec("str", True, choices=("区级", "县级", "市级", "省级")),
    "edition_year": Spec("int", True, minimum=2000),
    "source": Spec("str", True),
    "template_version": Spec("str", True),
    "family": Spec(
        "str", pattern=ID_PATTERN, pattern_text=t("小写字母和连字符", "lower-case kebab")
    ),
    "extends": Spec("str"),
    "drop": Spec("str-list"),
    "province_code": Spec(
        "str", pattern=PROVINCE_PATTERN, pattern_text=t("两位省级区划代码", "a 2-digit code")
    ),
    "quota": Spec("int", minimum=1),
    "quota_note": Spec("str"),
    "note": Spec("str"),
    "criteria": Spec("table-list", True),
}
# keys an extending pack may leave out (they come from the pack it extends)
INHERITED = ("level", "template_version", "source", "jurisdiction")

CRITERION_KEYS: dict[str, Spec] = {
    "code": Spec(
        "str", True, pattern=CODE_PATTERN, pattern_text=t("CR+维度序号+两位数字", "CR + digit + 2")
    ),
    "name": Spec(
        "str", True, pattern=NAME_PATTERN, pattern_text=t("小写连字符名称", "a kebab-case name")
    ),
    "dimension": Spec("str", True, choices=_choices(Dimension)),
    "title": Spec("text", True),
    "clause": Spec("str", True),
    "kind": Spec("str", True, choices=_choices(Kind)),
    "severity": Spec("str", choices=_choices(Severity)),
    "weight": Spec("number", minimum=0),
    "provenance": Spec("str", choices=_choices(Provenance)),
    "source_note": Spec("str"),
    "aliases": Spec("str-list"),
    "metric": Spec("str"),
    "op": Spec("str", choices=_choices(Op)),
    "threshold": Spec("number"),
    "unit": Spec("str"),
    "years": Spec("str", choices=_choices(YearMode)),
    "applies_if": Spec("str", choices=FLAGS),
    "count_rules": Spec("table-list"),
    "hint": Spec("text"),
    "description": Spec("text"),
}

COUNT_RULE_KEYS: dict[str, Spec] = {
    "qualifications": Spec("str-list", True, choices=_choices(Qualification)),
    "minimum": Spec("int", True, minimum=1),
    "leading_only": Spec("bool"),
}


def _type_name(value: Any) -> Text:
    if isinstance(value, bool):
        return t("布尔值", "a boolean")
    if isinstance(value, int):
        return t("整数", "an integer")
    if isinstance(value, float):
        return t("数值", "a number")
    if isinstance(value, str):
        return t("字符串", "a string")
    if isinstance(value, dict):
        return t("表", "a table")
    if isinstance(value, list):
        return t("数组", "an array")
    return t(type(value).__name__, type(value).__name__)


def _expected(spec: Spec, value: Any) -> Problem | None:
    """Problem text (without path) when ``value`` does not fit ``spec``."""
    want = _TYPE_NAMES[spec.type]
    got = _type_name(value)
    wrong = Text(f"应为{want.zh}，实际为{got.zh}", f"expected {want.en}, got {got.en}")
    kind = spec.type
    if kind == "str":
        if not isinstance(value, str):
            return Problem("", wrong)
        if len(value) > MAX_TEXT:
            return Problem("", t(f"过长（最多 {MAX_TEXT} 字）", f"too long (at most {MAX_TEXT})"))
        if spec.choices and value not in spec.choices:
            listed = ", ".join(spec.choices)
            return Problem(
                "",
                Text(
                    f"应为 {listed} 之一，实际为 {value!r}",
                    f"expected one of {listed}, got {value!r}",
                ),
            )
        if spec.pattern and not spec.pattern.match(value):
            what = spec.pattern_text or t("规定格式", "the required format")
            return Problem(
                "", Text(f"应为{what.zh}，实际为 {value!r}", f"expected {what.en}, got {value!r}")
            )
        return None
    if kind in ("int", "number"):
        ok = isinstance(value, int) if kind == "int" else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            return Problem("", wrong)
        if not math.isfinite(value):
            return Problem("", t("应为有限数值", "expected a finite number"))
        if spec.minimum is not None and value < spec.minimum:
            m = spec.minimum
            return Problem(
                "", Text(f"应不小于 {m:g}，实际为 {value}", f"expected ≥ {m:g}, got {value}")
            )
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else Problem("", wrong)
    if kind == "text":
        if not isinstance(value, dict) or set(value) != {"zh", "en"}:
            return Problem("", wrong)
        if not all(isinstance(v, str) and v.strip() and len(v) <= MAX_TEXT for v in value.values()):
            return Problem("", t("zh、en 应为非空字符串", "zh and en must be non-empty strings"))
        return None
    if kind == "str-list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return Problem("", wrong)
        bad = [v for v in value if spec.choices and v not in spec.choices]
        if bad:
            listed = ", ".join(spec.choices)
            return Problem(
                "",
                Text(
                    f"应为 {listed} 之一，实际为 {bad!r}",
                    f"expected items of {listed}, got {bad!r}",
                ),
            )
        return None
    if kind == "table-list":
        ok = isinstance(value, list) and all(isinstance(v, dict) for v in value)
        return None if ok else Problem("", wrong)
    raise AssertionError(kind)


def check_table(
    data: Any, keys: dict[str, Spec], path: str, *, optional: Iterable[str] = ()
) -> list[Problem]:
    """Types, required keys and unknown keys of one table (not its nested tables' contents)."""
    if not isinstance(data, dict):
        got = _type_name(data)
        return [Problem(path, Text(f"应为表，实际为{got.zh}", f"expected a table, got {got.en}"))]
    problems: list[Problem] = []
    skip = set(optional)
    prefix = f"{path}." if path else ""
    for key, spec in keys.items():
        if key not in data:
            if spec.required and key not in skip:
                want = _TYPE_NAMES[spec.type]
                problems.append(
                    Problem(
                        prefix + key,
                        Text(
                            f"缺少必填项（应为{want.zh}）",
                            f"required key missing (expected {want.en})",
                        ),
                    )
                )
            continue
        found = _expected(spec, data[key])
        if found is not None:
            problems.append(Problem(prefix + key, found.text))
    allowed = ", ".join(keys)
    for key in data:
        if key not in keys:
            problems.append(
                Problem(
                    prefix + str(key),
                    Text(f"未知键（可用：{allowed}）", f"unknown key (allowed: {allowed})"),
                )
            )
    return problems


def _is_valid(problems: list[Problem], path: str) -> bool:
    return not any(p.path == path or p.path.startswith(path + ".") for p in problems)


def check_criterion(entry: dict[str, Any], path: str, *, partial: bool = False) -> list[Problem]:
    """Keys and types of one ``[[criteria]]`` entry; ``partial`` for an override of an
    inherited criterion (only ``code`` is required then)."""
    optional = [k for k in CRITERION_KEYS if k != "code"] if partial else []
    problems = check_table(entry, CRITERION_KEYS, path, optional=optional)
    rules = entry.get("count_rules") if isinstance(entry, dict) else None
    if isinstance(rules, list):
        for i, rule in enumerate(rules):
            problems += check_table(rule, COUNT_RULE_KEYS, f"{path}.count_rules[{i}]")
    return problems


def check_semantics(entry: dict[str, Any], path: str) -> list[Problem]:
    """What a complete, well-typed criterion must satisfy for its kind."""
    from clusterctl.evaluation.metrics import METRICS

    problems: list[Problem] = []

    def need(key: str, why: Text) -> None:
        if key not in entry:
            problems.append(Problem(f"{path}.{key}", Text(f"缺少：{why.zh}", f"missing: {why.en}")))

    def forbid(*keys: str) -> None:
        for key in keys:
            if key in entry:
                problems.append(
                    Problem(
                        f"{path}.{key}",
                        Text(
                            f"该键不适用于 kind = {entry['kind']!r}",
                            f"not allowed for kind = {entry['kind']!r}",
                        ),
                    )
                )

    code, kind, dim = entry["code"], entry["kind"], entry["dimension"]
    match = CODE_PATTERN.match(code)
    number = Dimension(dim).number
    if match and int(match.group(1)) != number:
        problems.append(
            Problem(
                f"{path}.code",
                Text(
                    f"编码第3位应为维度序号 {number}（{dim}），实际为 {code}",
                    f"the digit after CR must be the dimension number {number} ({dim}), got {code}",
                ),
            )
        )
    metric_name = entry.get("metric")
    if metric_name is not None and metric_name not in METRICS:
        listed = ", ".join(sorted(METRICS))
        problems.append(
            Problem(
                f"{path}.metric",
                Text(
                    f"应为 {listed} 之一，实际为 {metric_name!r}",
                    f"expected one of {listed}, got {metric_name!r}",
                ),
            )
        )
    static = metric_name in METRICS and METRICS[metric_name].static
    years = entry.get("years")
    if kind in (Kind.THRESHOLD, Kind.CONDITIONAL):
        need("metric", t("读取的指标", "the metric it reads"))
        need("op", t("比较方式 gt/ge/lt/le", "the comparison gt/ge/lt/le"))
        need("threshold", t("阈值", "the threshold"))
        if not static:
            need("years", t("年份用法 each/latest/cagr", "how years are used: each/latest/cagr"))
        if years is not None and (static or years not in SERIES_MODES):
            allowed = "（不填）" if static else "each, latest, cagr"
            problems.append(
                Problem(
                    f"{path}.years",
                    Text(
                        f"应为 {allowed}，实际为 {years!r}",
                        f"expected {allowed.replace('（不填）', '(none)')}, got {years!r}",
                    ),
                )
            )
        if kind == Kind.CONDITIONAL:
            need("applies_if", t("适用条件（基本信息中的是/否项）", "the flag it applies to"))
        else:
            forbid("applies_if")
        forbid("count_rules")
    elif kind == Kind.TREND:
        need("metric", t("读取的指标", "the metric it reads"))
        need("years", t("趋势 decreasing/increasing", "the trend decreasing/increasing"))
        if years is not None and years not in TREND_MODES:
            problems.append(
                Problem(
                    f"{path}.years",
                    Text(
                        f"应为 decreasing, increasing 之一，实际为 {years!r}",
                        f"expected one of decreasing, increasing, got {years!r}",
                    ),
                )
            )
        if static:
            problems.append(
                Problem(f"{path}.metric", t("趋势需要逐年指标", "a trend needs a yearly metric"))
            )
        forbid("op", "threshold", "applies_if", "count_rules")
    elif kind == Kind.COUNT:
        need("count_rules", t("至少一条计数规则", "at least one count rule"))
        if entry.get("count_rules") == []:
            problems.append(Problem(f"{path}.count_rules", t("不能为空", "must not be empty")))
        forbid("metric", "op", "threshold", "years", "applies_if")
    else:  # qualitative, declaration
        forbid("metric", "op", "threshold", "years", "applies_if", "count_rules")
    return problems


def check_unique(entries: list[tuple[str, dict[str, Any]]]) -> list[Problem]:
    """Codes, aliases and names are unique across the (merged) pack."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path, entry in entries:
        keys = [("code", entry["code"]), ("name", entry["name"])]
        keys += [("aliases", a) for a in entry.get("aliases", [])]
        for key, value in keys:
            if value in seen:
                other = seen[value]
                problems.append(
                    Problem(
                        f"{path}.{key}",
                        Text(f"{value} 与 {other} 重复", f"{value} is already used by {other}"),
                    )
                )
            else:
                seen[value] = path
    return problems


def valid_path(problems: list[Problem], path: str) -> bool:
    """No problem was found at ``path`` or below it."""
    return _is_valid(problems, path)
