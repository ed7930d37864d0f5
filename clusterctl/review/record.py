"""What the review form needs of a file, kept in the worker with its ``--format json`` record:
the description and evidence the applicant gave for each criterion awaiting review (the batch's
row keeps statuses only). Picklable: it runs in the workers (``ScreenTransform.file_record``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clusterctl.evaluation.model import Status

if TYPE_CHECKING:
    from clusterctl.report import FileReport

KEY = "review_items"  # in the file's spooled record


def review_items(report: FileReport) -> list[dict[str, Any]]:
    """Each criterion awaiting review: its code, the applicant's description and evidence list,
    and the cell of its row on the 定性条件 sheet."""
    if report.evaluation is None:
        return []
    items = []
    for result in report.evaluation.results:
        if result.status is not Status.REVIEW:
            continue
        where = result.locations[0] if result.locations else None
        items.append(
            {
                "code": result.code,
                "description": result.detail.get("description"),
                "evidence": result.detail.get("evidence"),
                "cell": where.ref() if where is not None else None,
            }
        )
    return items


class ReviewRecord:
    """The file's record: the json format's (when ``--output-format json``) plus its
    :func:`review_items` under :data:`KEY`."""

    def __init__(self, json_record: Callable[[FileReport], dict[str, Any]] | None = None) -> None:
        self.json_record = json_record

    def __call__(self, report: FileReport) -> dict[str, Any]:
        record = self.json_record(report) if self.json_record is not None else {}
        record[KEY] = review_items(report)
        return record
