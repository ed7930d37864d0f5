"""Render the applicant's template as it prints: ``clusterctl template``, then LibreOffice
(headless) to PDF and pdftoppm to PNG. Writes docs/images/template-page1.png (the first page of
基本信息, for the README) and, with ``--all DIR``, every page to DIR to look at.

    python docs/images/render_template.py [--all /tmp/pages] [--dpi 110] [--lang en]

Needs what docs/images/render_summary.py needs. Used by tests/workbook/test_template_render.py.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PICTURE = ROOT / "docs" / "images" / "template-page1.png"
ROSTER = {"zh": "企业名录", "en": "Enterprise roster"}
PICTURED = "基本信息"  # the sheet of the README's picture


def _summary_renderer():
    spec = importlib.util.spec_from_file_location("render", ROOT / "docs/images/render_summary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = _summary_renderer()
to_pdf, to_png, tools_missing = render.to_pdf, render.to_png, render.tools_missing


def template(out: Path, lang: str = "zh", criteria: str = "beijing-2023") -> Path:
    cmd = [sys.executable, "-m", "clusterctl", "template", "--criteria", criteria]
    done = subprocess.run(
        [*cmd, "--lang", lang, "-o", str(out), "--force"], capture_output=True, text=True
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"template failed ({done.returncode}): {done.stderr[-2000:]}")
    return out


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def first_page_of(pdf: Path, sheet: str) -> int:
    """The 1-based page where ``sheet``'s pages start (its name is in the page header)."""
    for number, page in enumerate(pdf_pages(pdf), 1):
        if f"— {sheet}" in page:
            return number
    raise LookupError(sheet)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", metavar="DIR", help="also write every page to DIR")
    parser.add_argument("--dpi", type=int, default=110)
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args()
    if missing := tools_missing():
        print(f"missing: {', '.join(missing)} (.ci/run installs them)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        pdf = to_pdf(template(Path(work) / "template.xlsx", args.lang))
        if args.lang == "zh":
            n = first_page_of(pdf, PICTURED)
            page = to_png(pdf, Path(work) / "pictured", args.dpi, n, n)
            shutil.copy(page[0], PICTURE)
            print(f"wrote {os.path.relpath(PICTURE)}")
        if args.all:
            os.makedirs(args.all, exist_ok=True)
            pages = to_png(pdf, Path(args.all) / f"page-{args.lang}", args.dpi)
            print(f"wrote {len(pages)} pages to {args.all}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
