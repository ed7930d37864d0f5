"""Termination handled like interruption: SIGTERM and SIGHUP (where it exists) unwind a command
as Ctrl-C does, so its ``with`` blocks remove their temporary files (screen's finding spool, a
half-written output) and stop the workers; the command then exits ``128 + signum`` (143 for
SIGTERM, 129 for SIGHUP; Ctrl-C stays 130).
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Terminated(KeyboardInterrupt):
    """Raised in the main thread by SIGTERM or SIGHUP: everything that cleans up after Ctrl-C
    cleans up after it too."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` (once: a second signal
    while the first one unwinds is ignored, so the cleanup runs to its end). Only in the main
    thread (nowhere else may Python set a handler); the previous handlers are restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired: list[int] = []

    def handler(signum: int, _frame: Any) -> None:
        if fired:
            return
        fired.append(signum)
        raise Terminated(signum)

    previous: dict[int, Any] = {}
    try:
        for signum in TERMINATING:
            with contextlib.suppress(OSError, ValueError):
                previous[signum] = signal.signal(signum, handler)
        yield
    finally:
        for signum, old in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(signum, old)


def exits_on_termination(command: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a typer command: termination unwinds it (see :func:`terminate_as_interrupt`), then
    it says so on stderr and exits ``128 + signum``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with terminate_as_interrupt():
            try:
                return command(*args, **kwargs)
            except Terminated as exc:
                import typer

                from clusterctl.cli.common import err

                name = signal.Signals(exc.signum).name
                err(f"clusterctl: 已终止 / terminated ({name})")
                raise typer.Exit(128 + exc.signum) from None

    return wrapper
