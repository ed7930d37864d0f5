"""Golden files of the human (plain, NO_COLOR, width 80) and concise output.

Regenerate after an intended change with ``CLUSTERCTL_UPDATE_SNAPSHOTS=1 pytest tests/reports``
and review the diff of tests/snapshots/."""

import os
from pathlib import Path

import pytest
from builders import all_reports, context

from clusterctl.reports.formats import get_formatter

SNAPSHOTS = Path(__file__).parents[1] / "snapshots"
CASES = {
    "human-zh.txt": ("human", {"lang": "zh", "width": 80}),
    "human-en-verbose.txt": ("human", {"lang": "en", "width": 80, "verbose": True}),
    "human-quiet.txt": ("human", {"lang": "zh", "width": 80, "quiet": True}),
    "concise-zh.txt": ("concise", {"lang": "zh"}),
    "concise-en-verbose.txt": ("concise", {"lang": "en", "verbose": True}),
}


@pytest.mark.parametrize("snapshot", sorted(CASES))
def test_snapshot(snapshot):
    name, options = CASES[snapshot]
    text = get_formatter(name).render(all_reports(), context(color=False, **options))
    path = SNAPSHOTS / snapshot
    if os.environ.get("CLUSTERCTL_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing {path}: run with CLUSTERCTL_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


def test_human_fits_80_columns_and_has_no_escape_codes():
    from rich.cells import cell_len

    text = get_formatter("human").render(all_reports(), context(width=80))
    assert "\x1b" not in text
    assert max(cell_len(line) for line in text.splitlines()) <= 80


def test_human_colour_only_when_asked():
    text = get_formatter("human").render(all_reports(), context(width=80, color=True))
    assert "\x1b[" in text


def test_workbook_text_is_never_markup_or_a_terminal_escape():
    text = get_formatter("human").render(all_reports(), context(width=200))
    assert "[bold]red[/bold]" in text  # shown literally, not interpreted by rich
    assert "\\u001b[31m" in text  # the escape character made visible


def test_human_marks_unconfirmed_thresholds_and_counts_hidden_info():
    text = get_formatter("human").render(all_reports(), context(width=80))
    assert "> 10%*" in text and "阈值未经官方文本确认" in text
    assert "另有 1 条数值识别提示" in text
    assert "V290" not in text  # info findings listed only with --verbose


def test_concise_line_shape():
    text = get_formatter("concise").render(all_reports(), context())
    assert "apps/bad.xlsx:指标数据!E9: error V201 " in text
    assert "apps/broken.xlsx: error F104 " in text
    assert all(line.count("\n") == 0 for line in text.splitlines())
