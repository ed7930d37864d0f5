"""Which files a batch screens: paths, folders and globs.

Rules (see docs/screening.md):

- a file named on the command line is an input whatever its extension (it gets a row; a text
  file named ``.xlsx`` is reported as unreadable), except an Office lock file ``~$*.xlsx``;
- in a folder (its direct children, or the whole tree with ``recursive``) or a glob match, files
  whose extension is not a spreadsheet's (.xlsx, .xlsm, .xls, .xlsb, .ods) are skipped with a
  note, and so are lock files and the temporary files of an interrupted run
  (``.~clusterctl-*``); hidden folders (``.git``…) are not entered, nor (noted) links to folders;
- an entry that cannot be examined (a loop of symbolic links, a dangling link, no permission)
  is an input like any file: it gets a row with its finding (F122, F120), and the rest of its
  folder is screened; a FIFO or device named like a workbook likewise (F121);
- the same file reached twice (two arguments, a symlink) is screened once;
- an argument that names nothing (no such path, a glob without matches) is reported in
  ``missing``; the command treats it as a usage error.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from clusterctl.atomic import TEMP_PREFIX
from clusterctl.i18n import Text, t

# Every spreadsheet format a reviewer may receive is an input: the formats clusterctl does not
# read (.xls, .xlsb, .ods) get a row that says how to convert them, rather than vanishing.
WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
LOCK_PREFIX = "~$"
GLOB_CHARS = frozenset("*?[")

NOT_A_WORKBOOK = t("不是工作簿（扩展名 {ext}）", "not a workbook (extension {ext})")
LOCK_FILE = t(
    "Office 临时锁文件（文件正被打开），不是申报材料", "Office lock file, not an application"
)
OUR_TEMP_FILE = t(
    "clusterctl 写入中途被终止留下的临时文件，可删除",
    "temporary file of an interrupted clusterctl run; safe to delete",
)
UNREADABLE_FOLDER = t("无法读取文件夹：{error}", "cannot read the folder: {error}")
LINKED_FOLDER = t(
    "指向文件夹的符号链接，未进入（请直接指定该文件夹）",
    "a symbolic link to a folder, not followed (name that folder itself)",
)


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: Text
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "zh") -> str:
        return self.reason.format(lang, **dict(self.params))  # type: ignore[arg-type]


@dataclass(slots=True)
class Discovery:
    files: list[str] = field(default_factory=list)  # in argument order, each folder sorted
    skipped: list[Skipped] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    explicit: set[str] = field(default_factory=set)  # identities of files named directly

    def remove(self, path: str) -> None:
        key = identity(path)
        self.files = [f for f in self.files if identity(f) != key]


def identity(path: str) -> str:
    """A key equal for two spellings of the same file."""
    return os.path.normcase(os.path.realpath(path))


def is_lock_file(path: str) -> bool:
    return os.path.basename(path).startswith(LOCK_PREFIX)


def has_workbook_extension(path: str) -> bool:
    return path.lower().endswith(WORKBOOK_EXTENSIONS)


def is_glob(arg: str) -> bool:
    return any(ch in GLOB_CHARS for ch in arg)


def names_nothing(arg: str) -> bool:
    """Is ``arg`` neither a path that exists nor a glob? (Known before anything is searched.)"""
    return not os.path.lexists(arg) and not is_glob(arg)


def discover(inputs: Sequence[str], recursive: bool = False) -> Discovery:
    """Expand command-line arguments into the files to screen."""
    found = Discovery()
    seen: set[str] = set()

    def add(path: str, explicit: bool) -> None:
        if is_lock_file(path):
            found.skipped.append(Skipped(path, LOCK_FILE))
            return
        if not explicit and os.path.basename(path).startswith(TEMP_PREFIX):
            found.skipped.append(Skipped(path, OUR_TEMP_FILE))
            return
        if not explicit and not has_workbook_extension(path):
            ext = os.path.splitext(path)[1] or "-"
            found.skipped.append(Skipped(path, NOT_A_WORKBOOK, (("ext", ext),)))
            return
        key = identity(path)
        if explicit:
            found.explicit.add(key)
        if key not in seen:
            seen.add(key)
            found.files.append(path)

    for arg in inputs:
        if os.path.isdir(arg):
            for path in _folder(arg, recursive, found.skipped):
                add(path, explicit=False)
        elif names_nothing(arg):
            found.missing.append(arg)
        elif os.path.lexists(arg):
            add(arg, explicit=True)
        else:
            matches = sorted(glob.glob(arg, recursive=recursive))
            if not matches:
                found.missing.append(arg)
            for match in matches:
                if os.path.isdir(match):
                    for path in _folder(match, recursive, found.skipped):
                        add(path, explicit=False)
                else:
                    add(match, explicit=False)
    return found


def _folder(folder: str, recursive: bool, skipped: list[Skipped]) -> Iterable[str]:
    """The files of ``folder`` (sorted; with ``recursive``, of its sub-folders too). An entry
    that cannot be examined (a loop of links, a dangling link, no permission) is yielded like a
    file, so that it gets its own row and finding; the folder goes on. A link to a folder is
    not followed (a loop of folders would never end) and says so."""

    def note(exc: OSError) -> None:
        path = exc.filename or folder
        skipped.append(Skipped(str(path), UNREADABLE_FOLDER, (("error", exc.strerror or ""),)))

    if not recursive:
        try:
            with os.scandir(folder) as entries:
                names = sorted(e.name for e in entries if not _is_folder(e))
        except OSError as exc:
            note(exc)
            return
        for name in names:
            yield os.path.join(folder, name)
        return
    for root, dirs, files in os.walk(folder, onerror=note):
        for name in dirs:
            path = os.path.join(root, name)
            if not name.startswith(".") and os.path.islink(path):
                skipped.append(Skipped(path, LINKED_FOLDER))
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d))
        )
        for name in sorted(files):
            yield os.path.join(root, name)


def _is_folder(entry: os.DirEntry) -> bool:
    """Is this entry a folder (through a link too)? An entry that cannot be examined is not."""
    try:
        return entry.is_dir()
    except OSError:  # e.g. ELOOP: a loop of links; it becomes a row with its finding
        return False


def folders_with_workbooks(inputs: Sequence[str]) -> int:
    """How many sub-folders (at any depth, hidden ones and links not entered, as ``recursive``
    would) of the folders in ``inputs`` directly hold a workbook: what ``-r`` would add."""
    count = 0
    for arg in inputs:
        if not os.path.isdir(arg):
            continue
        for root, dirs, files in os.walk(arg, onerror=lambda _exc: None):
            dirs[:] = [
                d
                for d in dirs
                if not d.startswith(".") and not os.path.islink(os.path.join(root, d))
            ]
            if root != arg and any(
                has_workbook_extension(f) and not is_lock_file(f) and not f.startswith(TEMP_PREFIX)
                for f in files
            ):
                count += 1
    return count
