"""Render the sample summary as a reviewer prints it: ``clusterctl screen sample_data -o``, then
LibreOffice (headless) to PDF and pdftoppm to PNG. Writes docs/images/summary-page1.png (the
first page, 汇总, for the README) and, with ``--all DIR``, every page to DIR to look at.

    python docs/images/render_summary.py [--all /tmp/pages] [--dpi 110]

Needs libreoffice-calc(-nogui), poppler-utils and the summary's font (fonts-wqy-zenhei): .ci/run
installs them. Used by tests/reports/test_summary_render.py.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PICTURE = ROOT / "docs" / "images" / "summary-page1.png"


def tools_missing() -> list[str]:
    return [t for t in ("soffice", "pdftoppm") if shutil.which(t) is None]


def summary(folder: Path, out: Path, lang: str = "zh") -> Path:
    """Screen the sample data (copied: short paths, no notes) into ``out``."""
    samples = folder / "sample_data"
    shutil.copytree(ROOT / "sample_data", samples, ignore=shutil.ignore_patterns("*.py", "*.md"))
    cmd = [sys.executable, "-m", "clusterctl", "screen", "sample_data", "-o", str(out)]
    done = subprocess.run([*cmd, "--lang", lang], cwd=folder, capture_output=True, text=True)
    if done.returncode > 1 or not out.exists():
        raise RuntimeError(f"screen failed ({done.returncode}): {done.stderr[-2000:]}")
    return out


def to_pdf(xlsx: Path) -> Path:
    """LibreOffice headless, with a profile of its own (no clash with a running instance)."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(xlsx.parent),
                str(xlsx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return xlsx.with_suffix(".pdf")


def to_png(pdf: Path, prefix: Path, dpi: int, first: int = 1, last: int | None = None) -> list[str]:
    cmd = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(first)]
    if last is not None:
        cmd += ["-l", str(last)]
    subprocess.run([*cmd, str(pdf), str(prefix)], check=True, capture_output=True, timeout=300)
    return sorted(glob.glob(f"{prefix}*.png"))


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
        pdf = to_pdf(summary(Path(work), Path(work) / "summary.xlsx", args.lang))
        page = to_png(pdf, Path(work) / "page1", args.dpi, 1, 1)
        if args.lang == "zh":
            shutil.copy(page[0], PICTURE)
            print(f"wrote {os.path.relpath(PICTURE)}")
        if args.all:
            os.makedirs(args.all, exist_ok=True)
            pages = to_png(pdf, Path(args.all) / "page", args.dpi)
            print(f"wrote {len(pages)} pages to {args.all}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
