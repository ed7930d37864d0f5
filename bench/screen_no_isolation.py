"""``clusterctl screen`` with the isolation layer switched off, for measuring what isolation costs.

    python bench/screen_no_isolation.py DIR -o summary.xlsx      # same arguments as screen

Every file then runs in this one process, one after another (``run_files(..., isolate=False)``):
no fork, no time or memory limit, no crash protection. Compare it with ``screen --jobs 1``.
"""

from __future__ import annotations

import sys

import clusterctl.batch.isolation as isolation

_run_files = isolation.run_files


def _run_files_in_process(paths, options, jobs=None, ordered=False, isolate=True):
    return _run_files(paths, options, jobs=jobs, ordered=ordered, isolate=False)


isolation.run_files = _run_files_in_process

if __name__ == "__main__":
    from clusterctl.cli.app import main

    sys.argv = ["clusterctl", "screen", *sys.argv[1:]]
    main()
