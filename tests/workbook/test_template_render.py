"""The visual check of the template: LibreOffice (headless) to PDF and pdftoppm to PNG, as
docs/images/render_template.py makes the README's picture."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from clusterctl.reports.sheet_layout import FONT_NAME

ROOT = Path(__file__).resolve().parents[2]
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice or pdftoppm missing (.ci/run installs them)",
)


def _render():
    spec = importlib.util.spec_from_file_location(
        "render_template", ROOT / "docs/images/render_template.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_office
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_prints_whole_headers_and_labels(tmp_path, lang):
    import subprocess

    render = _render()
    pdf = render.to_pdf(render.template(tmp_path / "template.xlsx", lang))
    pages = render.pdf_pages(pdf)
    roster = render.ROSTER[lang]
    first = pages[render.first_page_of(pdf, roster) - 1]
    if lang == "zh":
        # a wrapped header prints line by line, interleaved with its neighbours' lines: its
        # beginning and its end (what a clipped cell loses) must both be on the page
        squeezed = "".join(first.split())
        for head in ("营业收入（最近年度）（亿元）", "专精特新“小巨人”", "国家级高新技术企业"):
            assert head[:4] in squeezed and head[-3:] in squeezed, head
        assert "第 1 页，共" in pages[0]
    else:
        assert "Page 1 of" in pages[0]
        assert "Firm name" in first and "Credit code" in first
    png = render.to_png(pdf, tmp_path / "page", 40, 1, 1)
    assert len(png) == 1 and Path(png[0]).read_bytes()[:4] == b"\x89PNG"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert FONT_NAME.replace(" ", "") in fonts.replace(" ", "")


def test_the_committed_template_picture_exists_for_the_readme():
    picture = ROOT / "docs" / "images" / "template-page1.png"
    assert picture.is_file() and 10_000 < picture.stat().st_size < 1_000_000
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@needs_office
def test_libreoffice_allows_inserting_rows_on_the_protected_roster_only(tmp_path):
    """The template's protection as LibreOffice reads it (its own format keeps the flags)."""
    import re
    import subprocess
    import tempfile
    import zipfile

    render = _render()
    xlsx = render.template(tmp_path / "template.xlsx", "zh")
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "ods",
                "--outdir",
                str(tmp_path),
                str(xlsx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    with zipfile.ZipFile(tmp_path / "template.ods") as zf:
        content = zf.read("content.xml").decode()
    tables = re.findall(
        r'<table:table table:name="([^"]+)"[^>]*>\s*(<loext:table-protection[^>]*>)', content
    )
    protection = dict(tables)
    assert 'table:protected="true"' in content
    assert 'loext:insert-rows="true"' in protection["企业名录"]
    assert 'loext:insert-rows="true"' not in protection["基本信息"]
