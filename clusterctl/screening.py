"""``screen`` put together: the batch (:mod:`clusterctl.batch`) with the summary's renderer
plugged in, so each finding's 问题明细 cells are rendered in the workers.

The batch never imports the reports (they read the batch's model, tests/test_imports.py); this
module joins the two for the CLI, as :mod:`clusterctl.pipeline` joins the per-file steps. Each
function is the batch's own with ``finding_cells`` given.
"""

from __future__ import annotations

import functools

from clusterctl.batch import run
from clusterctl.batch.spool import FindingSpool
from clusterctl.reports.finding_cells import finding_cells

screen_workers = functools.partial(run.screen_workers, finding_cells=finding_cells)
run_batch = functools.partial(run.run_batch, finding_cells=finding_cells)

__all__ = ["FindingSpool", "run_batch", "screen_workers"]
