"""Merge a pack file's data with the pack it extends, check it, and build the model.

:func:`merge` takes the data of one file (already checked against the JSON Schema, its problems
given) and the merged data of its base pack; it returns the complete, plain data of the pack or
the problems found. :func:`build` turns checked data into a :class:`~.model.Pack`.
"""

from __future__ import annotations

import re
from typing import Any

from clusterctl.criteria import schema, semantics
from clusterctl.criteria.keys import INHERITED
from clusterctl.criteria.model import (
    CountRule,
    Criterion,
    IndicatorSpec,
    Kind,
    Op,
    Pack,
    Provenance,
    Section,
    Severity,
    YearMode,
)
from clusterctl.criteria.schema import Problem, valid_path
from clusterctl.i18n import Text, t

RESOLVED = "_resolved"  # merged data: the indicators resolved by semantics (not a file key)


def _by_key(
    base: list[dict[str, Any]], own: Any, what: str, problems: list[Problem]
) -> list[tuple[str, dict[str, Any]]]:
    """The base's entries (``extends:<key>``) with the file's merged in by ``key``: one with a
    key of the base replaces it in place, a new one is appended."""
    merged: dict[str, tuple[str, dict[str, Any]]] = {
        e["key"]: (f"extends:{e['key']}", e) for e in base
    }
    for i, entry in enumerate(own if isinstance(own, list) else []):
        path = f"{what}[{i}]"
        if not valid_path(problems, path) or not isinstance(entry, dict):
            continue
        key = entry["key"]
        if key in merged and not merged[key][0].startswith("extends:"):
            merged[f"{key}#{i}"] = (path, entry)  # a duplicate: semantics reports it
        else:
            merged[key] = (path, entry)
    return list(merged.values())


def merge(
    data: dict[str, Any], base: dict[str, Any] | None, problems: list[Problem], trusted: bool
) -> tuple[dict[str, Any], list[Problem]]:
    """The merged data of a pack file, with every problem (one per key path, the first)."""
    if "drop" in data and base is None and valid_path(problems, "extends"):
        problems.append(Problem("drop", t("只有 extends 其他标准时可用", "only with extends")))
    sections = _by_key((base or {}).get("sections", []), data.get("sections"), "sections", problems)
    indicators = _by_key(
        (base or {}).get("indicators", []), data.get("indicators"), "indicators", problems
    )
    problems += semantics.check_sections(sections) + semantics.check_call(data)
    found, resolved = semantics.check_indicators(indicators)
    problems += found

    base_criteria = {c["code"]: c for c in (base or {}).get("criteria", [])}
    for c in list(base_criteria.values()):
        for alias in c.get("aliases", []):
            base_criteria.setdefault(alias, c)
    merged: dict[str, tuple[str, dict[str, Any]]] = {
        c["code"]: ("", c) for c in (base or {}).get("criteria", [])
    }
    drop = data.get("drop", []) if valid_path(problems, "drop") else []
    for i, code in enumerate(drop):
        if code not in merged:
            problems.append(
                Problem(
                    f"drop[{i}]", Text(f"基础标准中没有 {code}", f"{code} is not in the base pack")
                )
            )
        merged.pop(code, None)

    entries = data.get("criteria")
    checked: list[tuple[str, dict[str, Any]]] = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        path = f"criteria[{i}]"
        if not isinstance(entry, dict) or any(p.path == path for p in problems):
            continue  # too broken to check further
        entry = {k: v for k, v in entry.items() if valid_path(problems, f"{path}.{k}")}
        complete = valid_path(problems, path)
        code = entry.get("code")
        inherited = base_criteria.get(code) if isinstance(code, str) else None
        if inherited is None:
            if not all(k in entry for k in ("code", "name", "kind", "section")):
                if "kind" not in entry and valid_path(problems, f"{path}.kind"):
                    problems.append(
                        Problem(f"{path}.kind", t("缺少必填项", "required key missing"))
                    )
                continue  # too broken to check further
            full = dict(entry)
        else:
            full = {**inherited, **entry, "code": inherited["code"]}
            if not trusted and complete:
                found = schema.check_criterion(full, full["kind"], path)
                if found:
                    problems += found
                    continue
        merged[full["code"]] = (path, full)
        checked.append((path, full))
    section_keys = list(dict.fromkeys(s["key"] for _, s in sections))
    if not valid_path(problems, "sections") and not section_keys:
        section_keys = [e["section"] for _, e in checked]  # reported once, at "sections"
    lost_base = "extends" in data and base is None  # its vocabulary is unknown: already reported
    for path, entry in [] if lost_base else checked:  # the base's were checked with the base
        problems += semantics.check_criterion(entry, path, section_keys, resolved)
    inherited_only = [(f"extends:{code}", e) for code, (path, e) in merged.items() if not path]
    problems += semantics.check_unique(inherited_only + checked)
    first: dict[str, Problem] = {}
    for problem in problems:
        first.setdefault(problem.path, problem)
    if first:
        return {}, list(first.values())

    top = {k: v for k, v in data.items() if k not in ("criteria", "drop")}
    if base is not None:
        for key in INHERITED:
            top.setdefault(key, base[key])
    top["sections"] = [s for _, s in sections]
    top["indicators"] = [i for _, i in indicators]
    top[RESOLVED] = resolved
    top["criteria"] = [entry for _, entry in merged.values()]
    return top, []


def _text(value: dict[str, str] | None) -> Text | None:
    return Text(value["zh"], value["en"]) if value else None


def _criterion(c: dict[str, Any], sections: dict[str, Section], units: dict[str, str]) -> Criterion:
    return Criterion(
        code=c["code"],
        name=c["name"],
        dimension=sections[c["section"]],
        title=Text(c["title"]["zh"], c["title"]["en"]),
        clause=c["clause"],
        kind=Kind(c["kind"]),
        severity=Severity(c.get("severity", "hard")),
        weight=float(c.get("weight", 0.0)),
        provenance=Provenance(c.get("provenance", "confirmed")),
        source_note=c.get("source_note") or None,
        source_url=c.get("source_url"),
        aliases=tuple(c.get("aliases", ())),
        metric=c.get("metric"),
        op=Op(c["op"]) if "op" in c else None,
        threshold=float(c["threshold"]) if "threshold" in c else None,
        unit=c.get("unit") or _default_unit(c, units),
        years=YearMode(c["years"]) if "years" in c else None,
        applies_if=c.get("applies_if"),
        count_rules=tuple(
            CountRule(tuple(r["qualifications"]), r["minimum"], r.get("leading_only", False))
            for r in c.get("count_rules", ())
        ),
        hint=fill_hint(_text(c.get("hint")), c),
        description=_text(c.get("description")),
    )


# Placeholders a criterion's hint may use, filled from the criterion's own (merged) numbers when
# the pack is built: a pack that ``extends`` another and overrides a threshold advises its own.
_OP_WORDS = {
    "gt": ("高于", "above"),
    "ge": ("不低于", "at least"),
    "lt": ("低于", "below"),
    "le": ("不超过", "at most"),
}
_PLACEHOLDER = re.compile(r"\{(threshold|op|boundary)\}")


def _number(value: float) -> str:
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


def fill_hint(hint: Text | None, c: dict[str, Any]) -> Text | None:
    """``hint`` with ``{threshold}``, ``{op}`` (高于 / 不低于 / …) and ``{boundary}`` (whether the
    threshold itself passes) filled from criterion ``c``; left as written when it has none."""
    if hint is None or "threshold" not in c or c.get("op") not in _OP_WORDS:
        return hint
    number = _number(c["threshold"])
    unit = "%" if "%" in (c.get("unit") or "%") else ""
    op_zh, op_en = _OP_WORDS[c["op"]]
    strict = c["op"] in ("gt", "lt")
    words = {
        "zh": {
            "threshold": number,
            "op": op_zh,
            "boundary": f"{'不含' if strict else '含'}{number}{unit}本身",
        },
        "en": {
            "threshold": number,
            "op": op_en,
            "boundary": f"{'excludes' if strict else 'includes'} exactly {number}{unit}",
        },
    }

    def fill(text: str, lang: str) -> str:
        return _PLACEHOLDER.sub(lambda m: words[lang][m.group(1)], text)

    return Text(fill(hint.zh, "zh"), fill(hint.en, "en"))


def _default_unit(c: dict[str, Any], units: dict[str, str]) -> str | None:
    if c.get("years") == "cagr":
        return "%"
    if c.get("kind") == "count":
        return "家"
    return units.get(c.get("metric") or "")


def _indicator(i: dict[str, Any], resolved: semantics.Resolved) -> IndicatorSpec:
    return IndicatorSpec(
        key=i["key"],
        label=Text(i["label"]["zh"], i["label"]["en"]),
        unit=Text(i["unit"]["zh"], i["unit"]["en"]),
        type=i.get("type", "number"),
        required=i.get("required", True),
        help=_text(i.get("help")),
        formula=i.get("formula"),
        inputs=resolved.inputs if "formula" in i else (),
    )


def build(raw: dict[str, Any], shown: str) -> Pack:
    from clusterctl.criteria.calls import get_call

    call = get_call(raw.get("call"))  # checked by semantics.check_call
    sections = {
        s["key"]: Section(s["key"], Text(s["title"]["zh"], s["title"]["en"]), n)
        for n, s in enumerate(raw["sections"], 1)
    }
    resolved = raw[RESOLVED]
    indicators = tuple(_indicator(i, resolved[i["key"]]) for i in raw["indicators"])
    units = {i.key: i.unit.zh for i in indicators}
    criteria = (_criterion(c, sections, units) for c in raw["criteria"])
    return Pack(
        id=raw["id"],
        title=Text(raw["title"]["zh"], raw["title"]["en"]),
        jurisdiction=Text(raw["jurisdiction"]["zh"], raw["jurisdiction"]["en"]),
        level=raw["level"],
        edition_year=raw["edition_year"],
        source=raw["source"],
        template_version=raw["template_version"],
        criteria=tuple(sorted(criteria, key=lambda c: (c.dimension.number, c.code))),
        family=raw.get("family", ""),
        extends=raw.get("extends"),
        province_code=raw.get("province_code"),
        quota=raw.get("quota", call.quota if call else None),
        quota_note=raw.get("quota_note", call.source if call else None),
        call=raw.get("call"),
        path=shown,
        extra={"note": raw["note"]} if "note" in raw else {},
        indicators=indicators,
        sections=tuple(sections.values()),
    )
