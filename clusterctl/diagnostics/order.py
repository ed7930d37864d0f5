"""The order findings are listed in, by every output (formats, the batch's spool)."""

from __future__ import annotations

from collections.abc import Iterable

from clusterctl.diagnostics.finding import Finding, Severity

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Worst first, then by sheet and position (stable for equal keys)."""
    return sorted(
        findings,
        key=lambda f: (
            _SEVERITY_ORDER[f.level],
            f.location.sheet or "",
            f.location.row or 0,
            f.location.col or 0,
        ),
    )
