"""How bad a finding is: error, warning, info, with their labels."""

from __future__ import annotations

from enum import StrEnum

from clusterctl.i18n import Text


class Severity(StrEnum):
    """How bad a finding is. Ordered: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def label(self) -> Text:
        return _SEVERITY_LABELS[self]


_SEVERITY_LABELS = {
    Severity.ERROR: Text("错误", "error"),
    Severity.WARNING: Text("警告", "warning"),
    Severity.INFO: Text("提示", "info"),
}
