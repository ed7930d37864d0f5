"""Atomic output: every file clusterctl writes appears complete or not at all.

Outputs are written to a temporary file in the target's folder and renamed over the target only
when complete (``os.replace`` is atomic on one file system), so Ctrl-C or a crash never leaves a
half-written summary, template or report, and an earlier file stays intact until then.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator

# Discovery skips files with this prefix: the leftovers of a run killed mid-write.
TEMP_PREFIX = ".~clusterctl-"


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], suffix: str = ".tmp") -> Iterator[str]:
    """Yield a temporary path beside ``target``; on normal exit it replaces ``target``.

    On any exception (KeyboardInterrupt included) the temporary file is removed and ``target``
    is left as it was. Raises OSError when the folder is not writable.
    """
    target = os.fspath(target)
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=suffix, dir=folder)
    os.close(fd)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_text_atomically(target: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text to ``target`` atomically."""
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
