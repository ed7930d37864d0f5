"""What every formatter needs to know besides the reports themselves."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clusterctl import __version__
from clusterctl.i18n import DEFAULT_LANG, Lang

if TYPE_CHECKING:
    from clusterctl.criteria.model import Pack
    from clusterctl.report import FileReport


@dataclass(slots=True)
class RenderContext:
    """Rendering options shared by all formats.

    ``packs`` maps pack ids to packs (criterion titles, dimensions, SARIF rules); a pack that is
    not there is found by its id (:func:`clusterctl.criteria.loader.find_pack`), so callers may
    leave it empty; a user's pack file is put here by the command that loaded it.
    """

    lang: Lang = DEFAULT_LANG
    packs: dict[str, Pack] = field(default_factory=dict)
    tool_version: str = __version__
    cwd: str = field(default_factory=os.getcwd)
    verbose: bool = False  # human-facing formats show info findings only when set
    quiet: bool = False  # human: verdict lines only
    color: bool | None = None  # None: let rich decide (terminal, NO_COLOR)
    width: int | None = None  # None: terminal width, 80 when not a terminal
    fail_on: str = "error"  # JUnit: the level at which a finding makes a test case fail

    def pack(self, pack_id: str | None) -> Pack | None:
        """The pack with this id (from ``packs`` first), or None when it cannot be found."""
        if pack_id in self.packs:
            return self.packs[pack_id]
        from clusterctl.criteria.loader import find_pack

        return find_pack(pack_id)

    def pack_for(self, report: FileReport) -> Pack | None:
        pack_id = report.pack_id or (report.evaluation.pack_id if report.evaluation else None)
        return self.pack(pack_id)
