"""Hyperlinks from the summary to its inputs, relative to the summary's folder and encoded as
Excel writes them."""

from __future__ import annotations

import functools
import os
import re
from urllib.parse import quote


def link_target(path: str, link_base: str) -> str:
    """The hyperlink to an input: relative to the summary's folder, as Excel writes it (ASCII
    specials such as space and ``#`` percent-encoded, other characters as they are)."""
    absolute = os.path.abspath(path)
    folder, name = os.path.split(absolute)
    if _abspath(link_base).startswith(absolute.rstrip(os.sep) + os.sep) or not name:
        return _target(absolute, link_base)  # the summary's folder or one above it
    return _folder_target(folder, link_base) + _uri(name)


@functools.lru_cache(maxsize=16)
def _abspath(folder: str) -> str:
    return os.path.join(os.path.abspath(folder), "")


def _target(absolute: str, link_base: str) -> str:
    try:
        rel = os.path.relpath(absolute, link_base).replace(os.sep, "/")
    except ValueError:  # another drive (Windows): an absolute file URI
        return "file:///" + _uri(absolute.replace(os.sep, "/").lstrip("/"))
    return _uri(rel)


@functools.lru_cache(maxsize=256)
def _folder_target(folder: str, link_base: str) -> str:
    """:func:`link_target`'s folder part, with its closing ``/`` (one per folder of a batch)."""
    try:
        rel = os.path.relpath(folder, link_base).replace(os.sep, "/")
    except ValueError:  # another drive (Windows): an absolute file URI
        folder = folder.replace(os.sep, "/").lstrip("/")
        return "file:///" + _uri(folder if folder.endswith("/") else folder + "/")
    return "" if rel == "." else _uri(rel) + "/"


# what a link keeps as it is: unreserved and sub-delimiter ASCII, and every non-ASCII character
# but the surrogates (a file name not valid in the file system's encoding: its raw bytes)
_URI_UNSAFE = re.compile(r"[^\x80-\ud7ff\ue000-\U0010ffffA-Za-z0-9/\-._~!$&'()*+,;=:@]")
_URI_SAFE = "/-._~!$&'()*+,;=:@"


def _uri(path: str) -> str:
    if not _URI_UNSAFE.search(path):
        return path  # nothing to encode
    return "".join(_uri_char(ch) for ch in path)


def _uri_char(ch: str) -> str:
    if ord(ch) < 128:
        return quote(ch, safe=_URI_SAFE)
    if 0xD800 <= ord(ch) <= 0xDFFF:  # os.fsencode gives back the byte it stands for
        try:
            return quote(os.fsencode(ch), safe=_URI_SAFE)
        except UnicodeEncodeError:  # a surrogate os.fsdecode does not make
            return quote(ch.encode("utf-8", "surrogatepass"), safe=_URI_SAFE)
    return ch
