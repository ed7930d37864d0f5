"""Check a pack file against the published JSON Schema (``pack.schema.json``), in Chinese.

The schema is built from the keys' declarations (:mod:`clusterctl.criteria.keys` and each kind's
rule module) by ``python -m clusterctl.evaluation.pack_schema``; users' editors can check a pack
with the same file. Every problem is reported with its key path (``criteria[3].threshold``) and
what was expected, in both languages. A criterion is a tagged union on ``kind``: its problems are
those of its own kind's branch. What the schema cannot express (unique codes, a metric naming a
declared indicator, formulas, the extends chain) is checked in :mod:`.semantics`.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

from clusterctl.i18n import Lang, Text, t

SCHEMA_NAME = "pack.schema.json"
# the validation keywords a message is written for (a test checks the schema uses no other)
TRANSLATED = frozenset(
    {
        "type",
        "required",
        "additionalProperties",
        "enum",
        "const",
        "minimum",
        "maximum",
        "pattern",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "oneOf",
        "not",
    }
)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # key path, e.g. "criteria[3].threshold" ("" for the whole file)
    text: Text

    def render(self, lang: Lang = "zh") -> tuple[str, str]:
        return (self.path, self.text.get(lang))


@functools.lru_cache(maxsize=1)
def pack_schema() -> dict[str, Any]:
    """The published JSON Schema of pack files."""
    text = (resources.files("clusterctl.criteria") / SCHEMA_NAME).read_text(encoding="utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=16)
def _validator(ref: str | None):
    from jsonschema import Draft202012Validator

    schema = pack_schema()
    if ref is not None:
        schema = {"$ref": f"#/$defs/{ref}", "$defs": schema["$defs"]}
    return Draft202012Validator(schema)


def check_file(data: Any) -> list[Problem]:
    """Every schema problem of a whole pack file's data."""
    return _problems(_validator(None), data, "")


def check_criterion(entry: Any, kind: str, path: str) -> list[Problem]:
    """Schema problems of one complete criterion of ``kind`` (e.g. an inherited criterion with
    an extending pack's changes merged in)."""
    return _problems(_validator(f"criterion.{kind}"), entry, path)


def non_finite(data: Any, path: str = "") -> list[Problem]:
    """``nan`` and ``inf`` anywhere (TOML allows them; no threshold or weight may be one)."""
    if isinstance(data, float) and not math.isfinite(data):
        return [Problem(path, t("应为有限数值", "expected a finite number"))]
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in non_finite(v, _join(path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in non_finite(v, _join(path, i))]
    return []


def _problems(validator: Any, data: Any, prefix: str) -> list[Problem]:
    found: dict[str, Problem] = {}  # one problem per key path, the first
    for error in validator.iter_errors(data):
        for problem in _translate(error, prefix):
            found.setdefault(problem.path, problem)
    return list(found.values())


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else str(part)


def _path(error: Any, prefix: str) -> str:
    path = prefix
    for part in error.absolute_path:
        path = _join(path, part)
    return path


_JSON_TYPES = {
    "string": t("字符串", "a string"),
    "integer": t("整数", "an integer"),
    "number": t("数值", "a number"),
    "boolean": t("true 或 false", "true or false"),
    "object": t("表", "a table"),
    "array": t("数组", "an array"),
}


def type_name(value: Any) -> Text:
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
    name = type(value).__name__
    return Text(name, name)


RENAMED = {"dimension": "section"}  # keys of older pack files


def _renamed(key: str) -> Text:
    new = RENAMED[key]
    return Text(
        f"{key} 已改名为 {new}（并在 [[sections]] 中声明章节）",
        f"{key} is now called {new} (declare the sections in [[sections]])",
    )


def _root_properties(error: Any) -> dict[str, Any]:
    """The properties of the object a ``then``/``else`` branch's ``required`` applies to."""
    while error.parent is not None:
        error = error.parent
    return pack_schema().get("properties", {}) if not error.absolute_path else {}


def _describe(schema: dict[str, Any]) -> Text | None:
    """What a value of ``schema`` is, in words (None when it cannot be said briefly)."""
    if schema.get("$ref", "").endswith("/text"):
        return t("含 zh、en 两个字符串的表", "a table with strings zh and en")
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        if items.get("type") == "object" or "$ref" in items:
            return t("表的数组", "an array of tables")
        return t("字符串数组", "an array of strings")
    return _JSON_TYPES.get(kind) if isinstance(kind, str) else None


def _shown(value: Any, limit: int = 60) -> str:
    """A value as quoted in a message, cut short (a message never repeats a whole file)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listed(choices: list[Any]) -> str:
    return ", ".join(str(c) for c in choices)


def _translate(error: Any, prefix: str) -> list[Problem]:
    path = _path(error, prefix)
    keyword = error.validator
    value = error.validator_value
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "oneOf":
        return _union(error, path, prefix)
    if keyword == "type":
        wanted = [value] if isinstance(value, str) else list(value)
        want = _JSON_TYPES.get(wanted[0], Text(wanted[0], wanted[0]))
        got = type_name(instance)
        if wanted[0] == "object" and "zh" in schema.get("required", []):
            want = t("含 zh、en 两个字符串的表", "a table with strings zh and en")
        return [
            Problem(
                path, Text(f"应为{want.zh}，实际为{got.zh}", f"expected {want.en}, got {got.en}")
            )
        ]
    if keyword == "required":
        missing = [k for k in value if isinstance(instance, dict) and k not in instance]
        properties = schema.get("properties") or _root_properties(error)
        found = []
        for k in missing:
            want = _describe(properties.get(k, {}))
            text = (
                Text(f"缺少必填项（应为{want.zh}）", f"required key missing (expected {want.en})")
                if want
                else t("缺少必填项", "required key missing")
            )
            found.append(Problem(_join(path, k), text))
        return found
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed] if isinstance(instance, dict) else []
        kind = schema.get("properties", {}).get("kind", {}).get("const")
        if kind is not None:  # a criterion: the key may belong to another kind
            text = Text(
                f"该键不适用于 kind = {kind!r}（可用：{_listed(allowed)}）",
                f"not allowed for kind = {kind!r} (allowed: {_listed(allowed)})",
            )
        else:
            text = Text(
                f"未知键（可用：{_listed(allowed)}）", f"unknown key (allowed: {_listed(allowed)})"
            )
        return [
            Problem(_join(path, str(k)), _renamed(str(k)) if str(k) in RENAMED else text)
            for k in extra
        ]
    if keyword in ("enum", "const"):
        choices = list(value) if keyword == "enum" else [value]
        return [
            Problem(
                path,
                Text(
                    f"应为 {_listed(choices)} 之一，实际为 {_shown(instance)}",
                    f"expected one of {_listed(choices)}, got {_shown(instance)}",
                ),
            )
        ]
    if keyword == "minimum":
        return [
            Problem(
                path,
                Text(
                    f"应不小于 {value:g}，实际为 {instance}",
                    f"expected ≥ {value:g}, got {instance}",
                ),
            )
        ]
    if keyword == "maximum":
        return [
            Problem(
                path,
                Text(
                    f"应不大于 {value:g}，实际为 {instance}",
                    f"expected ≤ {value:g}, got {instance}",
                ),
            )
        ]
    if keyword == "pattern":
        doc = schema.get("x-pattern-doc")
        what = Text(doc["zh"], doc["en"]) if doc else t("规定格式", "the required format")
        if value == r"\S":
            what = t("非空字符串", "a non-empty string")
        return [
            Problem(
                path,
                Text(
                    f"应为{what.zh}，实际为 {_shown(instance)}",
                    f"expected {what.en}, got {_shown(instance)}",
                ),
            )
        ]
    if keyword == "minLength":
        return [Problem(path, t("不能为空", "must not be empty"))]
    if keyword == "maxLength":
        return [Problem(path, t(f"过长（最多 {value} 字）", f"too long (at most {value})"))]
    if keyword == "minItems":
        text = (
            t("不能为空", "must not be empty")
            if value == 1
            else t(f"至少 {value} 项", f"at least {value} items")
        )
        return [Problem(path, text)]
    if keyword == "maxItems":
        return [Problem(path, t(f"条目过多（上限 {value}）", f"too many (limit {value})"))]
    if keyword == "not":
        return [Problem(path, t("不允许的写法", "not allowed here"))]
    return [Problem(path, Text(f"不符合格式要求：{error.message}", error.message))]


def _union(error: Any, path: str, prefix: str) -> list[Problem]:
    """A criterion: the problems of the branch its ``kind`` selects."""
    instance = error.instance
    if not isinstance(instance, dict):
        got = type_name(instance)
        return [Problem(path, Text(f"应为表，实际为{got.zh}", f"expected a table, got {got.en}"))]
    refs = [b.get("$ref", "") for b in error.validator_value]
    kinds = [r.rsplit("criterion.", 1)[1] for r in refs if "criterion." in r]
    kind = instance.get("kind", None)
    if "kind" not in instance:
        wanted = next(i for i, r in enumerate(refs) if "criterion." not in r)
    elif kind in kinds:
        wanted = kinds.index(kind)
    else:
        return [
            Problem(
                _join(path, "kind"),
                Text(
                    f"应为 {_listed(kinds)} 之一，实际为 {_shown(kind)}",
                    f"expected one of {_listed(kinds)}, got {_shown(kind)}",
                ),
            )
        ]
    found: list[Problem] = []
    for sub in error.context:
        if sub.relative_schema_path and sub.relative_schema_path[0] == wanted:
            found += _translate(sub, prefix)
    return found


def valid_path(problems: list[Problem], path: str) -> bool:
    """No problem was found at ``path`` or below it."""
    return not any(
        p.path == path or p.path.startswith(path + ".") or p.path.startswith(path + "[")
        for p in problems
    )
