"""The data validations of a template's inputs: drop-down lists for choices, number, year and
date ranges (as warnings: ``clusterctl check`` explains what is wrong)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clusterctl.i18n import Text, t
from clusterctl.workbook.kind import Field, FieldType
from clusterctl.workbook.normalize import CHOICE_LABELS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def choice_label(value: str) -> Text:
    """How the drop-down list shows ``value`` (是, 小型 …) in each language."""
    return CHOICE_LABELS.get(value) or t(value, value)


def validation(ws: Worksheet, kind: str, ranges: str, **kwargs: Any) -> None:
    """One data validation over ``ranges`` (space-separated)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type=kind, allow_blank=True, **kwargs)
    for part in ranges.split():
        dv.add(part)
    ws.add_data_validation(dv)


def checks(ws: Worksheet, f: Field, ranges: str, text: Callable[[Text | None], str | None]) -> None:
    """The data validation of an input of field ``f`` (warnings: the checker explains), its
    messages in the workbook's language (``text``)."""
    if f.type in (FieldType.BOOL, FieldType.CHOICE):
        validation(
            ws,
            "list",
            ranges,
            formula1='"' + ",".join(text(choice_label(v)) for v in f.choices) + '"',
            showErrorMessage=True,
            errorTitle=text(t("无效输入", "Invalid entry")),
            error=text(t("请从下拉列表中选择", "Choose from the list")),
        )
    elif f.type is FieldType.NUMBER:
        non_negative(ws, ranges)
    elif f.type is FieldType.YEAR:
        validation(ws, "whole", ranges, operator="between", formula1="2000", formula2="2100")
    elif f.type is FieldType.DATE:
        validation(
            ws, "date", ranges, operator="greaterThan", formula1="36526", errorStyle="warning"
        )
    elif f.type is FieldType.YEAR_OR_BOOL:
        first = ranges.split(":")[0]
        validation(
            ws,
            "custom",
            ranges,
            errorStyle="warning",
            formula1=f'OR({first}="{text(choice_label("是"))}",'
            f"AND(ISNUMBER({first}),{first}>=1949,{first}<=2100))",
            promptTitle=text(f.label),
            prompt=text(f.help),
            showInputMessage=True,
        )


def non_negative(ws: Worksheet, ranges: str) -> None:
    validation(
        ws, "decimal", ranges, operator="greaterThanOrEqual", formula1="0", errorStyle="warning"
    )
