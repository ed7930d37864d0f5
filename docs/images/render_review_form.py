"""Render the experts' review form of the sample data as an expert prints it: ``clusterctl
screen sample_data --review-form``, then LibreOffice (headless) to PDF and pdftoppm to PNG.
Writes docs/images/review-form-page1.png (the first page, for docs/screening.md).

    python docs/images/render_review_form.py [--dpi 110]

Needs the same tools as render_summary.py (LibreOffice, poppler-utils, fonts-wqy-zenhei).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from render_summary import ROOT, to_pdf, to_png, tools_missing

PICTURE = ROOT / "docs" / "images" / "review-form-page1.png"


def review_form(folder: Path, lang: str = "zh") -> Path:
    """Screen a copy of the sample data and write its review form into ``folder``."""
    samples = folder / "sample_data"
    shutil.copytree(ROOT / "sample_data", samples, ignore=shutil.ignore_patterns("*.py", "*.md"))
    out = folder / "review-form.xlsx"
    cmd = [sys.executable, "-m", "clusterctl", "screen", "sample_data", "--review-form", str(out)]
    done = subprocess.run([*cmd, "--lang", lang, "-q"], cwd=folder, capture_output=True, text=True)
    if done.returncode > 1 or not out.exists():
        raise RuntimeError(f"screen failed ({done.returncode}): {done.stderr[-2000:]}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args()
    if missing := tools_missing():
        print(f"missing: {', '.join(missing)} (.ci/run installs them)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        pdf = to_pdf(review_form(Path(work)))
        page = to_png(pdf, Path(work) / "page1", args.dpi, 1, 1)
        shutil.copy(page[0], PICTURE)
        print(f"wrote {os.path.relpath(PICTURE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
