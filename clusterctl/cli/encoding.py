"""Console encodings: stdout and stderr degrade what they cannot encode.

With output redirected on Chinese Windows, Python writes in the console's code page (GBK), which
has no "✓"; under ``PYTHONIOENCODING=ascii`` not even Chinese. Human text degrades through the
codec error handler ``clusterctl-degrade`` (:func:`prepare_streams` sets it): a small table of the
symbols reports use (✓ → √ → OK, ✗ → × → x, ≥ → >=, …), then the compatibility form (² → 2,
full-width ：→ :), box drawing as ``-|+``, and ``?`` as the last resort. This module imports
nothing of the CLI, so the command group can prepare the streams before anything else.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import io
import sys

HANDLER = "clusterctl-degrade"

# What to write instead of a symbol the stream cannot encode, best first.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "✓": ("√", "OK"),
    "✔": ("√", "OK"),
    "✗": ("×", "x"),
    "✘": ("×", "x"),
    "×": ("x",),
    "√": ("v",),
    "≥": (">=",),
    "≤": ("<=",),
    "≠": ("!=",),
    "≈": ("~",),
    "…": ("...",),
    "—": ("-",),
    "–": ("-",),
    "−": ("-",),
    "→": ("->",),
    "←": ("<-",),
    "↑": ("^",),
    "↓": ("v",),
    "•": ("*",),
    "·": (".",),
    "÷": ("/",),
    "“": ('"',),
    "”": ('"',),
    "‘": ("'",),
    "’": ("'",),
    "「": ('"',),
    "」": ('"',),
    "、": (",",),
    "。": (".",),
    "《": ("<",),
    "》": (">",),
    "【": ("[",),
    "】": ("]",),
}


@functools.lru_cache(maxsize=4096)
def substitute(ch: str, encoding: str) -> str:
    """What to write for ``ch`` on a stream in ``encoding`` that cannot encode it."""
    import unicodedata  # only when something cannot be encoded

    decomposed = "".join(
        c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
    )
    for candidate in (*FALLBACKS.get(ch, ()), decomposed, _box(ch)):
        if candidate and candidate != ch and _encodable(candidate, encoding):
            return candidate
    return "?"


def _box(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    if not name.startswith(("BOX DRAWINGS", "BLOCK ELEMENTS")):
        return ""
    if any(word in name for word in (" AND ", "DOWN", "UP", "LEFT", "RIGHT", "ARC")):
        return "+"  # a corner or a junction
    if "HORIZONTAL" in name:
        return "-"
    if "VERTICAL" in name:
        return "|"
    return "+"


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def degrade(exc: UnicodeError) -> tuple[str, int]:
    """The codec error handler ``clusterctl-degrade`` (encoding only)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start : exc.end]
    return "".join(substitute(ch, exc.encoding) for ch in text), exc.end


codecs.register_error(HANDLER, degrade)


def prepare_streams() -> None:
    """stdout degrades what it cannot encode instead of raising ``UnicodeEncodeError``."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            # a stream that cannot change (closed, or not a TextIOWrapper) stays as it is
            with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):
                stream.reconfigure(errors=HANDLER)
