"""Per-file resource limits. Defaults pass every real application with a wide margin; each is
settable by a ``--limit-*`` option or the ``[tool.clusterctl.limits]`` config table."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_mb: float = 50.0  # size on disk
    max_uncompressed_mb: float = 300.0  # sum of the zip members' declared sizes
    max_ratio: float = 200.0  # compression ratio of any one zip member
    max_cells: int = 2_000_000  # cells in the used range of any one sheet
    timeout_s: float = 60.0  # wall time to read and evaluate one file
    max_memory_mb: int = 2048  # address-space cap of a worker process

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]
