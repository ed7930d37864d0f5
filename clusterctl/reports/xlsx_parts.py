"""Small workbook parts shared by every Excel output clusterctl writes (screen's summary,
monitor's workbook): the mark in the document keywords that says a file is ours, so a new run
may replace it, and the small axis-label text of a chart."""

from __future__ import annotations

from typing import Any

CORE_PROPS = "docProps/core.xml"
MAX_CORE_PROPS = 1 << 16  # bytes: a larger core.xml is not one we wrote


def has_marker(path: str, marker: str) -> bool:
    """Is ``path`` a workbook clusterctl wrote with ``marker`` in its document keywords?
    Any file that cannot be opened as such (missing, no zip, no core properties) is not."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(CORE_PROPS)
            if info.file_size > MAX_CORE_PROPS:
                return False
            return marker in zf.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False


def axis_text(size: int) -> Any:
    """A chart axis's label text at ``size`` hundredths of a point (openpyxl ``txPr``)."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    props = CharacterProperties(sz=size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])
