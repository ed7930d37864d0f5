"""Writing reports whatever the console's encoding.

With output redirected on Chinese Windows, Python writes in the console's code page (GBK), which
has no "✓"; under ``PYTHONIOENCODING=ascii`` not even Chinese. So:

- human text on stdout degrades what the stream cannot encode (:mod:`clusterctl.cli.encoding`);
- machine formats (json, sarif, junit, json-lines, github) are UTF-8 bytes written to
  ``sys.stdout.buffer``, as their specs require, whatever the console (:class:`Utf8Stdout`);
- ``--output-file`` is always UTF-8 (:func:`emit`).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterable

    from clusterctl.i18n import Lang

from clusterctl.cli.encoding import prepare_streams, substitute  # noqa: F401 (re-exported)


class Utf8Stdout:
    """A text stream writing UTF-8 bytes to the binary stdout under it (machine formats).

    Falls back to the text stream when there is no binary one (a test's ``StringIO``)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.buffer = getattr(self.stream, "buffer", None)

    def write(self, text: str) -> int:
        if self.buffer is None:
            self.stream.write(text)
        else:
            self.stream.flush()  # whatever was written as text goes first
            self.buffer.write(text.encode("utf-8", "replace"))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()
        if self.buffer is not None:
            self.buffer.flush()

    def isatty(self) -> bool:
        return False


def emit(
    text: str, output_file: Path | None = None, machine: bool = False, lang: Lang | None = None
) -> None:
    """Write a command's output: to ``output_file`` (UTF-8, atomically) when given, else to
    stdout (machine output as UTF-8 bytes, human text degraded to what the console encodes)."""
    if text and not text.endswith("\n"):
        text += "\n"
    if output_file is not None:
        write_file(output_file, text, lang)
        return
    out: TextIO | Utf8Stdout = Utf8Stdout() if machine else sys.stdout
    out.write(text)
    out.flush()


def write_file(path: Path, text: str, lang: Lang | None = None) -> None:
    """``--output-file``: UTF-8, atomically; an unwritable path is a usage error."""
    from clusterctl.atomic import write_text_atomically
    from clusterctl.cli.common import fail_usage
    from clusterctl.cli.usage import argv_lang
    from clusterctl.i18n import Text

    try:
        write_text_atomically(path, text)
    except OSError as exc:
        reason = exc.strerror or exc
        fail_usage(
            Text(f"无法写入 {path}：{reason}", f"cannot write {path}: {reason}"),
            lang or argv_lang(),
        )


def refuse_an_input(output_file: Path | None, inputs: Iterable[str], lang: Lang) -> None:
    """``--output-file`` naming one of the command's inputs is a usage error: inputs are never
    overwritten."""
    if output_file is None:
        return
    from clusterctl.cli.common import fail_usage
    from clusterctl.i18n import Text

    def identity(path: str | Path) -> str:
        return os.path.normcase(os.path.realpath(path))

    target = identity(output_file)
    if any(identity(path) == target for path in inputs):
        fail_usage(
            Text(f"输出文件 {output_file} 是输入文件之一，不会覆盖",
                 f"the output file {output_file} is one of the inputs; refusing to overwrite"),
            lang,
        )  # fmt: skip


def render_rich(*renderables: object, width: int = 200) -> str:
    """What rich prints for ``renderables``, as plain text (no colour, no markup)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, highlight=False, no_color=True, soft_wrap=False, markup=False
    )
    for renderable in renderables:
        console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
