"""The result for one input file: what every output format renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clusterctl.diagnostics import Finding, Location, Severity
from clusterctl.evaluation.model import Evaluation, Verdict
from clusterctl.lifecycle.model import Filing


@dataclass(slots=True)
class FileReport:
    path: str  # as given by the user (relative paths stay relative)
    sha256: str | None = None
    size: int | None = None
    findings: list[Finding] = field(default_factory=list)
    evaluation: Evaluation | None = None
    summary: dict[str, Any] = field(default_factory=dict)  # cluster name, region, key indicators
    pack_id: str | None = None
    seconds: float | None = None
    # basic.<field> -> the cell it was read from (batch checks point their findings there)
    cells: dict[str, Location] = field(default_factory=dict)
    kind: str = "application"  # the workbook kind its markers name (workbook/kinds/*.toml)
    filing: Filing | None = None  # an annual report's or a re-review's assessed facts

    @property
    def readable(self) -> bool:
        return self.evaluation is not None

    @property
    def verdict(self) -> Verdict:
        return self.evaluation.verdict if self.evaluation else Verdict.UNREADABLE

    @property
    def score(self) -> float | None:
        return self.evaluation.score if self.evaluation else None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.level is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def to_rows(self) -> list[tuple[str, str | None, str | None, str]]:
        return [f.to_row() for f in self.findings]
