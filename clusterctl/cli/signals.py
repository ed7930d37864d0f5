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

from clusterctl.i18n import Text, t

TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


INTERRUPTED = t(
    "已中断：未写入输出文件，原有文件未改动",
    "interrupted: no output written, the existing file is unchanged",
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


def exits_on_termination(
    command: Callable[..., Any], message: Text = INTERRUPTED
) -> Callable[..., Any]:
    """Wrap a typer command: Ctrl-C and termination unwind it (see
    :func:`terminate_as_interrupt`), then it prints ``message`` once on stderr (in the command's
    ``--lang``; the signal's name after it) and exits 130 for Ctrl-C, ``128 + signum`` else."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with terminate_as_interrupt():
            try:
                return command(*args, **kwargs)
            except KeyboardInterrupt as exc:  # Terminated included
                import typer

                from clusterctl.cli.common import err

                lang = "en" if kwargs.get("lang") == "en" else "zh"
                text = f"clusterctl: {message.get(lang)}"
                signum = exc.signum if isinstance(exc, Terminated) else signal.SIGINT
                if isinstance(exc, Terminated):
                    text += f" ({signal.Signals(signum).name})"
                err(text)
                raise typer.Exit(128 + signum) from None

    return wrapper
