"""The settings in effect for a run, and how they change a file's findings."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from clusterctl.diagnostics import Severity
from clusterctl.report import FileReport
from clusterctl.workbook.limits import Limits

if TYPE_CHECKING:
    from clusterctl.evaluation.model import Verdict

OFF = "off"
DEFAULT_SOURCE = "default"
FIELDS = ("criteria", "lang", "fail_on", "levels", "per_file_ignores", "limits")


@dataclass(frozen=True, slots=True)
class Settings:
    criteria: str | None = None  # default pack selector
    lang: str = "zh"
    fail_on: str = "error"  # "error" or "warning"
    levels: dict[str, str] = field(default_factory=dict)  # code -> error|warning|info|off
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> codes
    limits: Limits = field(default_factory=Limits)
    sources: dict[str, str] = field(default_factory=dict)  # setting -> where it came from

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    def override(self, source: str, **changes) -> Settings:
        """These settings with ``changes`` applied, recording ``source`` for each."""
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        sources = dict(self.sources)
        sources.update(dict.fromkeys(changes, source))
        return replace(self, sources=sources, **changes)

    def source(self, name: str) -> str:
        """Where a setting came from: a file path, ``cli`` or ``default``."""
        return self.sources.get(name, DEFAULT_SOURCE)

    def ignored(self, path: str, code: str) -> bool:
        for pattern, codes in self.per_file_ignores.items():
            if _glob_match(path, pattern) and (code in codes or "ALL" in codes):
                return True
        return self.levels.get(code) == OFF

    def apply(self, report: FileReport) -> FileReport:
        """Drop ignored findings and apply per-code levels (in place; returns the report).

        A criterion code turned off (``levels`` ``"off"`` or a per-file ignore) no longer counts
        toward the verdict: its result stays in the evaluation, listed in
        ``Evaluation.ignored``, and the verdict is derived again from the other results. The
        score is kept as computed (it measures the application, not the run's policy).
        """
        kept = []
        for f in report.findings:
            if self.ignored(report.path, f.code):
                continue
            level = self.levels.get(f.code)
            kept.append(f.with_severity(Severity(level)) if level else f)
        report.findings = kept
        evaluation = report.evaluation
        if evaluation is not None:
            off = [r.code for r in evaluation.results if self.ignored(report.path, r.code)]
            if off:
                evaluation.ignored = off
                remaining = [r for r in evaluation.results if r.code not in off]
                evaluation.verdict = rederive_verdict(
                    evaluation.verdict, evaluation.results, remaining, evaluation.pack_id
                )
        return report

    def fails(self, report: FileReport) -> bool:
        """Does this file make the run fail (exit 1)?"""
        from clusterctl.evaluation.model import Verdict

        if report.verdict is not Verdict.ELIGIBLE:
            return True
        worst = Severity.WARNING if self.fail_on == "warning" else Severity.ERROR
        return any(f.level.rank >= worst.rank for f in report.findings)


def derive_verdict(results: list) -> Verdict:
    """The verdict the criterion results alone give: any hard criterion not met makes the
    application ineligible; otherwise missing data makes it incomplete."""
    from clusterctl.evaluation.model import Status, Verdict

    statuses = {r.status for r in results}
    if Status.NOT_MET in statuses:
        return Verdict.INELIGIBLE
    if Status.MISSING in statuses:
        return Verdict.INCOMPLETE
    return Verdict.ELIGIBLE


def rederive_verdict(
    verdict: Verdict, results: list, remaining: list, pack_id: str | None = None
) -> Verdict:
    """The verdict once some results no longer count.

    Uses the evaluation engine's rule (``verdict_of(pack, results)``) when the pack can be
    resolved, else :func:`derive_verdict`. Only what the results caused is undone: if the
    evaluation's verdict is worse than its results give (something else made it so), it stays;
    and turning criteria off never makes a verdict worse."""
    rule = _verdict_rule(pack_id)
    before = rule(results)
    after = rule(remaining)
    if _rank(verdict) > _rank(before):  # the engine saw more than the results
        return verdict
    return after if _rank(after) <= _rank(verdict) else verdict


def _verdict_rule(pack_id: str | None):
    if pack_id:
        try:
            from clusterctl.criteria.loader import resolve_pack
            from clusterctl.evaluation.engine import verdict_of

            pack = resolve_pack(pack_id)
            return lambda results: verdict_of(pack, results)
        except Exception:  # unknown pack (a file given by path) or no engine: the plain rule
            pass
    return derive_verdict


def _rank(verdict: Verdict) -> int:
    return {"eligible": 0, "incomplete": 1, "ineligible": 2, "unreadable": 3}[verdict.value]


def _glob_match(path: str, pattern: str) -> bool:
    norm = path.replace("\\", "/")
    return fnmatch.fnmatch(norm, pattern) or fnmatch.fnmatch(norm.rsplit("/", 1)[-1], pattern)
