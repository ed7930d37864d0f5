"""Suite-wide test options.

``CLUSTERCTL_TEST_NO_FORK=1`` (or ``pytest --no-fork``) runs the whole suite as on Windows:
``fork`` and ``forkserver`` do not exist in :mod:`multiprocessing` (``get_all_start_methods``
leaves them out, ``get_context`` and ``set_start_method`` refuse them, the default context is
``spawn``) and ``os.fork`` raises. Commands the tests start as subprocesses get
``CLUSTERCTL_START_METHOD=spawn``. The ``no_fork`` fixture does the same for one test.
"""

from __future__ import annotations

import errno
import multiprocessing
import multiprocessing.context
import os
from collections.abc import Callable, Iterator

import pytest

NO_FORK_ENV = "CLUSTERCTL_TEST_NO_FORK"
REFUSED = ("fork", "forkserver")


def fork_refusing_patches() -> list[tuple[object, str, object]]:
    """(object, attribute, replacement) triples that make fork unavailable in this process."""
    default = multiprocessing.context._default_context
    real_methods = default.get_all_start_methods
    real_get_context = default.get_context
    real_set_start_method = default.set_start_method

    def get_all_start_methods() -> list[str]:
        return [m for m in real_methods() if m not in REFUSED]

    def get_context(method: str | None = None):
        if method in REFUSED:
            raise ValueError(f"cannot find context for {method!r} (fork is unavailable)")
        return real_get_context("spawn" if method is None else method)

    def set_start_method(method: str | None, force: bool = False) -> None:
        if method in REFUSED:
            raise ValueError(f"cannot find context for {method!r} (fork is unavailable)")
        real_set_start_method(method, force=force)

    def no_fork(*_args: object) -> int:
        raise OSError(errno.ENOSYS, "fork is unavailable (as on Windows)")

    patches: list[tuple[object, str, object]] = []
    for target in (multiprocessing, default):
        patches += [
            (target, "get_all_start_methods", get_all_start_methods),
            (target, "get_context", get_context),
            (target, "set_start_method", set_start_method),
        ]
    for name in ("fork", "forkpty"):
        if hasattr(os, name):
            patches.append((os, name, no_fork))
    return patches


def _refuse_fork(setattr_: Callable[[object, str, object], None]) -> None:
    multiprocessing.set_start_method("spawn", force=True)  # the default context, as on Windows
    for target, name, value in fork_refusing_patches():
        setattr_(target, name, value)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--no-fork",
        action="store_true",
        default=False,
        help=f"run as on Windows: no fork/forkserver in multiprocessing (also {NO_FORK_ENV}=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--no-fork") or os.environ.get(NO_FORK_ENV) == "1":
        os.environ[NO_FORK_ENV] = "1"  # pytest-xdist's workers and subprocesses see it too
        os.environ["CLUSTERCTL_START_METHOD"] = "spawn"
        _refuse_fork(setattr)


@pytest.fixture
def no_fork(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This test runs as on Windows (see the module's docstring)."""
    before = multiprocessing.get_start_method(allow_none=True)
    monkeypatch.setenv("CLUSTERCTL_START_METHOD", "spawn")
    _refuse_fork(monkeypatch.setattr)
    yield
    monkeypatch.undo()
    multiprocessing.set_start_method(before, force=True)
