"""``clusterctl screen`` with the isolation layer switched off, for measuring what isolation costs.

    python bench/screen_no_isolation.py DIR -o summary.xlsx      # same arguments as screen

Every file then runs in this one process, one after another (screen's hidden ``--no-isolation``
option: ``run_files(..., isolate=False)``): no fork, no time or memory limit, no crash
protection. Compare it with ``screen --jobs 1``.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from clusterctl.cli.app import main

    sys.argv = ["clusterctl", "screen", "--no-isolation", *sys.argv[1:]]
    main()
