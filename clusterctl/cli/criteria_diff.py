"""Rendering of ``clusterctl criteria diff``: the differences between two editions
(:mod:`clusterctl.criteria.diff`) as lines for a terminal or as JSON."""

from __future__ import annotations

from typing import Any

from clusterctl.criteria.diff import (
    ADDED,
    CHANGED,
    FIELD_LABELS,
    PACK_LABELS,
    REMOVED,
    PackDiff,
    section_changes,
    shown,
)
from clusterctl.criteria.model import Criterion
from clusterctl.evaluation.sentences import requirement
from clusterctl.i18n import Lang, Text, t


def _title(c: Criterion, lang: Lang) -> str:
    return f"{c.code} {c.title.get(lang)}"


def render_text(diff: PackDiff, lang: Lang) -> list[str]:
    """The diff as lines for a terminal, in ``lang``."""
    added, removed, changed = diff.count(ADDED), diff.count(REMOVED), diff.count(CHANGED)
    a, b = diff.a.id, diff.b.id
    head = Text(
        f"{a} → {b}：{added + removed + changed} 条有变化（新增 {added}，删除 {removed}，"
        f"修改 {changed}）",
        f"{a} → {b}: {added + removed + changed} criteria differ ({added} added, {removed} "
        f"removed, {changed} changed)",
    )
    lines = [head.get(lang)]
    colon = "：" if lang == "zh" else ": "
    for change in diff.pack:
        label = PACK_LABELS[change.field].get(lang)
        if change.field == "sections":  # one line per section renamed, added or removed
            lines.append(f"  {label}{colon}".rstrip())
            for old, new in section_changes(change.before, change.after, lang):
                none = t("（无）", "(none)").get(lang)
                lines.append(f"    {old or none} → {new or none}")
            continue
        before = shown(change.field, change.before, lang)
        after = shown(change.field, change.after, lang)
        lines.append(f"  {label}{colon}{before} → {after}")
    words = {
        ADDED: t("新增", "added"),
        REMOVED: t("删除", "removed"),
        CHANGED: t("修改", "changed"),
    }
    for d in diff.criteria:
        c = d.criterion
        line = f"{words[d.status].get(lang)} {_title(c, lang)}"
        if d.matched_by == "metric" and d.a is not None and d.b is not None:
            line += t(
                f"（按所测内容对应：{d.a.code} → {d.b.code}）",
                f" (matched by what it measures: {d.a.code} → {d.b.code})",
            ).get(lang)
        lines.append("")
        lines.append(line)
        if d.status != CHANGED:
            clause = f"；{c.clause}" if lang == "zh" else ""  # the clause is Chinese text
            lines.append(f"    {requirement(c, lang)}{clause}")
            continue
        assert d.a is not None and d.b is not None
        for change in d.changes:
            label = FIELD_LABELS[change.field].get(lang)
            before = shown(change.field, change.before, lang)
            after = shown(change.field, change.after, lang)
            lines.append(f"    {label}{colon}{before} → {after}")
        req_a, req_b = requirement(d.a, lang), requirement(d.b, lang)
        if req_a != req_b:
            lines.append(f"    {t('要求', 'requirement').get(lang)}{colon}{req_a} → {req_b}")
        if d.a.clause != d.b.clause and lang == "zh":
            lines.append(f"    {t('原文', 'clause').get(lang)}{colon}{d.a.clause} → {d.b.clause}")
    if len(lines) == 1:
        lines.append(
            t("两个版本的条目没有差别。", "The two editions' criteria do not differ.").get(lang)
        )
    return lines


def _criterion_json(c: Criterion | None, lang: Lang) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "code": c.code,
        "title": c.title.get(lang),
        "section": c.section,
        "clause": c.clause,
        "requirement": requirement(c, lang),
    }


def to_json(diff: PackDiff, lang: Lang) -> dict[str, Any]:
    """The diff as plain data (``--output-format json``)."""
    return {
        "a": diff.a.id,
        "b": diff.b.id,
        "summary": {s: diff.count(s) for s in (ADDED, REMOVED, CHANGED)},
        "pack": [{"field": c.field, "before": c.before, "after": c.after} for c in diff.pack],
        "criteria": [
            {
                "status": d.status,
                "code": d.criterion.code,
                "matched_by": d.matched_by,
                "a": _criterion_json(d.a, lang),
                "b": _criterion_json(d.b, lang),
                "changes": [
                    {
                        "field": c.field,
                        "label": FIELD_LABELS[c.field].get(lang),
                        "before": c.before,
                        "after": c.after,
                    }
                    for c in d.changes
                ],
            }
            for d in diff.criteria
        ],
    }
