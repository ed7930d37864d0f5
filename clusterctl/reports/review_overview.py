"""The terminal sections of a round of review, after screen's overview: the expert forms
applied (who judged how many criteria, the forms' findings) and the changes since the baseline
(per application new / changed / unchanged / withdrawn; verdict, rank and findings)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from clusterctl.i18n import t

if TYPE_CHECKING:
    from clusterctl.batch.result import BatchResult

L = {
    "experts": t("专家评审", "Expert review"),
    "judged": t(
        "{expert}（{form}）：{n} 项评审结论已采用",
        "{expert} ({form}): {n} judgements applied",
    ),
    "changes": t("与上次筛查比较（{path}）", "Compared with the earlier screen ({path})"),
    "counts": t(
        "新增 {new}，已改动 {changed}，未改动 {unchanged}，已撤回 {withdrawn}",
        "new {new}, changed {changed}, unchanged {unchanged}, withdrawn {withdrawn}",
    ),
    "line": t(
        "{file}：{state}；结论 {old} → {now}；排名 {old_rank} → {rank}；已修正 {fixed} 个问题，"
        "新出现 {new} 个，内容有变 {updated} 个",
        "{file}: {state}; verdict {old} → {now}; rank {old_rank} → {rank}; {fixed} findings "
        "fixed, {new} new, {updated} updated",
    ),
}


def render_review(result: BatchResult, console: Any) -> None:
    """Print the round's sections (nothing when the run had no forms and no baseline)."""
    from rich.markup import escape

    from clusterctl.evaluation.model import Verdict
    from clusterctl.reports.formats.base import clean
    from clusterctl.reports.review_sheets import STATE_LABELS

    lang = result.lang
    forms = getattr(result, "experts", None)
    if forms is not None:
        console.print()
        console.print(f"[bold]{L['experts'].get(lang)}[/bold]")
        applied: Counter[str] = Counter()
        for row in result.rows:
            for entry in forms.applied_rows(row.path, row.sha256, row.pack_id):
                applied[entry.form] += len(entry.judgements)
        for form in forms.forms:
            name = form.replace("\\", "/").rsplit("/", 1)[-1]
            text = L["judged"].format(
                lang, expert=forms.experts.get(form, name), form=name, n=applied[form]
            )
            console.print(escape(clean(text)))
        for finding in forms.findings:
            where = finding.location
            ref = where.file.replace("\\", "/").rsplit("/", 1)[-1]
            if where.ref():
                ref += f":{where.ref()}"
            text = f"{finding.level.value} {finding.code} {ref}: {finding.message(lang)}"
            console.print(escape(clean(text)))
    changes = getattr(result, "changes", None)
    if changes is not None:
        console.print()
        path = clean(getattr(result, "baseline_path", "") or "")
        console.print(f"[bold]{escape(L['changes'].format(lang, path=path))}[/bold]")
        counts = Counter(c.state for c in changes)
        console.print(L["counts"].format(lang, **{s: counts.get(s, 0) for s in STATE_LABELS}))

        def verdict(value: str | None) -> str:
            try:
                return Verdict(value).label.get(lang) if value else "—"
            except ValueError:
                return str(value)

        for change in changes:
            if change.state == "unchanged" and not change.findings.get("new"):
                continue
            old = change.old
            text = L["line"].format(
                lang,
                file=change.path.replace("\\", "/").rsplit("/", 1)[-1],
                state=STATE_LABELS[change.state].get(lang),
                old=verdict(old.verdict if old else None),
                now=verdict(change.verdict),
                old_rank=(old.rank if old and old.rank is not None else "—"),
                rank=change.rank if change.rank is not None else "—",
                fixed=len(change.findings.get("absent", [])),
                new=len(change.findings.get("new", [])),
                updated=len(change.findings.get("updated", [])),
            )
            console.print(escape(clean(text)))
