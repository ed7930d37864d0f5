"""The settings in effect for a run, and how they change a file's findings."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from clusterctl.diagnostics import Severity
from clusterctl.report import FileReport
from clusterctl.workbook.limits import Limits

if TYPE_CHECKING:
    from clusterctl.criteria.model import Pack

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

    def criteria_off(self, path: str, pack: Pack) -> frozenset[str]:
        """This file's view of the policy for criteria: the codes of ``pack``'s criteria turned
        off for ``path`` (``levels`` ``"off"`` or a per-file ignore, by code or old code). The
        pipeline passes them into the evaluation, which leaves them out of the verdict."""
        return frozenset(
            c.code
            for c in pack.criteria
            if any(self.ignored(path, code) for code in (c.code, *c.aliases))
        )

    def apply(self, report: FileReport) -> FileReport:
        """Drop ignored findings and apply per-code levels (in place; returns the report).

        Only findings change here: criteria turned off were already left out of the verdict by
        the evaluation (:meth:`criteria_off`, ``evaluate(..., off=...)``)."""
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
