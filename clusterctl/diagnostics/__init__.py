"""Findings: what clusterctl reports about a workbook, as data.

An error type (:class:`FindingType`) is data: a stable code, a kebab-case name, a default
severity, and bilingual title, message template and fix hint. A :class:`Finding` is one
occurrence: its type, where it is (:class:`Location`) and the parameters for the message.
"""

from clusterctl.diagnostics.finding import Finding, Location, Severity
from clusterctl.diagnostics.registry import FindingType, all_types, define, get_type

__all__ = [
    "Finding",
    "FindingType",
    "Location",
    "Severity",
    "all_types",
    "define",
    "get_type",
]
