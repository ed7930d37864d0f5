"""The settings in effect for a run, and how they change a file's findings."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace

from clusterctl.diagnostics import Severity
from clusterctl.report import FileReport
from clusterctl.workbook.limits import Limits

OFF = "off"


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

    def ignored(self, path: str, code: str) -> bool:
        for pattern, codes in self.per_file_ignores.items():
            if _glob_match(path, pattern) and (code in codes or "ALL" in codes):
                return True
        return self.levels.get(code) == OFF

    def apply(self, report: FileReport) -> FileReport:
        """Drop ignored findings and apply per-code levels (in place; returns the report)."""
        kept = []
        for f in report.findings:
            if self.ignored(report.path, f.code):
                continue
            level = self.levels.get(f.code)
            kept.append(f.with_severity(Severity(level)) if level else f)
        report.findings = kept
        return report

    def fails(self, report: FileReport) -> bool:
        """Does this file make the run fail (exit 1)?"""
        from clusterctl.evaluation.model import Verdict

        if report.verdict is not Verdict.ELIGIBLE:
            return True
        worst = Severity.WARNING if self.fail_on == "warning" else Severity.ERROR
        return any(f.level.rank >= worst.rank for f in report.findings)


def _glob_match(path: str, pattern: str) -> bool:
    norm = path.replace("\\", "/")
    return fnmatch.fnmatch(norm, pattern) or fnmatch.fnmatch(norm.rsplit("/", 1)[-1], pattern)
