"""``python -m tests.fuzz --n 5000 --seed S``: the long campaign (see tests/fuzz/__init__.py)."""

import sys

from .campaign import main

sys.exit(main())
