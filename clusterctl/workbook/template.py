"""Workbook templates: write them empty (``clusterctl template``) or filled from a spec (sample
data, benchmarks); regenerate the committed ``templates/``.

The layout is data: a workbook kind (``kinds/*.toml``, :mod:`clusterctl.workbook.kind`) read by
the writer (:mod:`clusterctl.workbook.writer`); this module is the public face of both and of
:mod:`clusterctl.workbook.fill`.

Regenerate the committed templates with ``python -m clusterctl.workbook.template``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from clusterctl.workbook.fill import (
    build_workbook,
    fill_workbook,
    save_atomic,
    semantic_dump,
    set_value,
    write_filled,
    write_template,
    years_for,
)
from clusterctl.workbook.input_checks import choice_label
from clusterctl.workbook.kind import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    KEY_ROW,
    KEY_ROW_MARKER,
    YEARS_ROW_KEY,
)
from clusterctl.workbook.writer import Layout, number_format

if TYPE_CHECKING:
    from clusterctl.criteria.model import Pack

__all__ = [
    "FIRST_DATA_ROW",
    "HEADER_ROW",
    "KEY_ROW",
    "KEY_ROW_MARKER",
    "TEMPLATES_DIR",
    "YEARS_ROW_KEY",
    "Layout",
    "build_workbook",
    "choice_label",
    "default_application_year",
    "fill_workbook",
    "number_format",
    "regenerate",
    "save_atomic",
    "semantic_dump",
    "set_value",
    "shipped_pack_ids",
    "write_filled",
    "write_template",
    "years_for",
]


def default_application_year(pack: Pack) -> int:
    return pack.edition_year


TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def shipped_pack_ids() -> list[str]:
    from clusterctl.criteria.loader import list_packs

    return [getattr(p, "id", p) for p in list_packs()]


def regenerate(folder: str | os.PathLike[str] = TEMPLATES_DIR) -> list[Path]:
    """Rewrite ``templates/<pack id>.xlsx`` for every shipped pack."""
    from clusterctl.criteria.loader import resolve_pack

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for pack_id in shipped_pack_ids():
        target = out / f"{pack_id}.xlsx"
        write_template(target, resolve_pack(pack_id), force=True)
        written.append(target)
    return written


def main() -> None:
    for path in regenerate():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
