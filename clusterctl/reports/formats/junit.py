"""``junit``: JUnit XML for CI servers (a test suite per file, a test case per criterion/check).

- each criterion result is a test case: not met or missing data fails; a soft criterion not met
  (status ``warning``) fails only with ``--fail-on warning``; not applicable or turned off by
  configuration is skipped; met and "needs review" pass;
- each other finding code in the file is a test case (``V201 …``) listing its occurrences; it fails
  at or above the fail level, and internal errors are JUnit ``error``s;
- a file without such findings still has one passing ``validation`` test case, so every suite
  has tests and CI servers accept the report when nothing failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from clusterctl.diagnostics import Severity
from clusterctl.evaluation.model import Status
from clusterctl.reports.formats.base import (
    WholeDocument,
    finding_text,
    requirement,
    sorted_findings,
    with_unit,
)
from clusterctl.reports.safe_cell import xml_text  # XML 1.0 characters only

if TYPE_CHECKING:
    from clusterctl.diagnostics import Finding
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext

CRASH_CODES = frozenset({"F199"})


def _fails(level: Severity, fail_on: str) -> bool:
    worst = Severity.WARNING if fail_on == "warning" else Severity.ERROR
    return level.rank >= worst.rank


HINT_INDENT = "\n  "


def _finding_line(f: Finding, ctx: RenderContext) -> str:
    return f"{f.level.value} {f.code} {finding_text(f, ctx.lang, hint_sep=HINT_INDENT)}"


def _suite(report: FileReport, ctx: RenderContext) -> ET.Element:
    lang = ctx.lang
    suite = ET.Element("testsuite", name=xml_text(report.path))
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="verdict", value=report.verdict.value)
    if report.score is not None:
        ET.SubElement(props, "property", name="score", value=f"{report.score:.1f}")
    if report.pack_id:
        ET.SubElement(props, "property", name="criteria", value=xml_text(report.pack_id))
    classname = xml_text(report.path)
    pack = ctx.pack_for(report)
    by_code: dict[str, list[Finding]] = {}
    for f in sorted_findings(report.findings):
        by_code.setdefault(f.code, []).append(f)

    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    criterion_codes: set[str] = set()
    if report.evaluation is not None:
        ignored = set(report.evaluation.ignored)
        for r in report.evaluation.results:
            criterion_codes.add(r.code)
            title = ""
            if pack is not None:
                try:
                    title = pack.criterion(r.code).title.get(lang)
                except KeyError:
                    title = ""
            case = ET.SubElement(
                suite, "testcase", classname=classname, name=xml_text(f"{r.code} {title}".strip())
            )
            counts["tests"] += 1
            detail = "\n".join(_finding_line(f, ctx) for f in by_code.get(r.code, []))
            summary = " ".join(
                part
                for part in (
                    r.status.label.get(lang),
                    with_unit(r.value, r.unit) if r.value is not None else "",
                    requirement(r),
                )
                if part
            )
            failing = r.status in (Status.NOT_MET, Status.MISSING) or (
                r.status is Status.WARNING and ctx.fail_on == "warning"
            )
            if r.code in ignored or r.status is Status.NOT_APPLICABLE:
                ET.SubElement(case, "skipped", message=xml_text(summary))
                counts["skipped"] += 1
            elif failing:
                failure = ET.SubElement(
                    case, "failure", message=xml_text(summary), type=r.status.value
                )
                failure.text = xml_text(detail or r.sentence.get(lang) or summary)
                counts["failures"] += 1
            elif detail or r.sentence.get(lang):
                ET.SubElement(case, "system-out").text = xml_text(detail or r.sentence.get(lang))

    checks = {c: fs for c, fs in by_code.items() if c not in criterion_codes}
    for code, findings in checks.items():
        worst = max((f.level for f in findings), key=lambda s: s.rank)
        if worst is Severity.INFO and not ctx.verbose:
            continue
        title = findings[0].type.title.get(lang)
        case = ET.SubElement(
            suite, "testcase", classname=classname, name=xml_text(f"{code} {title}")
        )
        counts["tests"] += 1
        text = xml_text("\n".join(_finding_line(f, ctx) for f in findings))
        message = xml_text(f"{len(findings)} × {findings[0].message(lang)}")
        if code in CRASH_CODES:
            ET.SubElement(case, "error", message=message, type=code).text = text
            counts["errors"] += 1
        elif _fails(worst, ctx.fail_on):
            ET.SubElement(case, "failure", message=message, type=code).text = text
            counts["failures"] += 1
        else:
            ET.SubElement(case, "system-out").text = text
    if counts["tests"] == 0 or not any(
        f.level is not Severity.INFO for c, fs in checks.items() for f in fs
    ):
        ET.SubElement(suite, "testcase", classname=classname, name="validation")
        counts["tests"] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", f"{report.seconds or 0.0:.3f}")
    return suite


class JUnitFormat(WholeDocument):
    name = "junit"
    machine = True

    def render(self, reports: Sequence[FileReport], ctx: RenderContext) -> str:
        root = ET.Element("testsuites", name="clusterctl")
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for report in reports:
            suite = _suite(report, ctx)
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        for key, value in totals.items():
            root.set(key, str(value))
        root.set("time", f"{sum(r.seconds or 0.0 for r in reports):.3f}")
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


FORMATTER = JUnitFormat()
