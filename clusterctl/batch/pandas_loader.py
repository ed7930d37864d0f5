"""pandas for the batch tables, imported without pyarrow.

pandas 3 imports pyarrow at start-up whenever it is installed (for its string dtype), which in a
screen's parent cost up to ~0.4 s and ~40 MB (docs/performance.md, "Where we stand"). The batch
tables hold numbers, flags and short texts and need none of it, so pandas is imported as if
pyarrow were absent: the same tables an install without pyarrow gives. pyarrow stays importable
afterwards, and nothing is changed when pandas or pyarrow is already loaded (clusterctl used as a
library inside a larger program).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from types import ModuleType


def load_pandas() -> ModuleType:
    """The pandas module, imported (the first time) with pyarrow hidden."""
    if "pandas" not in sys.modules and "pyarrow" not in sys.modules:
        sys.modules["pyarrow"] = None  # type: ignore[assignment]  # import raises ImportError
        try:
            import pandas
        finally:
            if sys.modules.get("pyarrow", 0) is None:
                del sys.modules["pyarrow"]
        return pandas
    import pandas

    return pandas


_preloading: list[threading.Thread] = []


def preload_in_background() -> None:
    """Import pandas (as :func:`load_pandas` does) and openpyxl in a daemon thread, once: called
    by the batch once its workers are running, so the imports overlap the workers' files instead
    of lengthening the serial tail after the last one (docs/performance.md). Whoever needs
    pandas later just imports it (the import system waits for a module being imported)."""
    if _preloading or "pandas" in sys.modules:
        return

    def load() -> None:
        with contextlib.suppress(Exception):  # the tail imports them again and reports errors
            load_pandas()
            import openpyxl  # noqa: F401

    thread = threading.Thread(target=load, name="clusterctl-preload", daemon=True)
    _preloading.append(thread)
    thread.start()
