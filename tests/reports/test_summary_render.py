"""The visual check: the sample summary through LibreOffice (headless) to PDF and pdftoppm to
PNG, as docs/images/render_summary.py makes the README's picture. The printed 汇总 is one page
across with every meeting column (排名 … 说明) and every file, the key indicators left to the
screen; every sheet prints with its page header."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

from clusterctl.reports.sheet_layout import FONT_NAME

ROOT = Path(__file__).resolve().parents[2]
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice or pdftoppm missing (.ci/run installs them)",
)


def _render_module():
    spec = importlib.util.spec_from_file_location("render", ROOT / "docs/images/render_summary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_office
def test_sample_summary_prints_readable_pages(tmp_path):
    render = _render_module()
    pdf = render.to_pdf(render.summary(tmp_path, tmp_path / "summary.xlsx"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    first = pages[0]
    assert "汇总" in first and "第 1 页" in first
    for head in ("排名", "集群名称", "结论", "得分", "认定标准", "说明"):
        assert head in first, head
    assert "最近年度总产值" not in first  # the indicators are on screen only
    assert sum(1 for n in range(1, 10) if f"0{n}-" in first) == 9  # every sample file
    sheets = ("指标矩阵", "问题明细", "读取说明", "统计", "标准", "运行信息")
    assert all(any(f"— {s}" in p for p in pages) for s in sheets)
    png = render.to_png(pdf, tmp_path / "page", 40, 1, 1)
    assert len(png) == 1 and Path(png[0]).read_bytes()[:4] == b"\x89PNG"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert FONT_NAME.replace(" ", "") in fonts.replace(" ", "")  # the font set, not a fallback
