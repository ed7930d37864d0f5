"""``screen``'s inputs and output checked before the run: the pack, the output path (never an
input, writable, not open in Excel), what to say when nothing is found, the skipped files'
notes. Split from :mod:`clusterctl.cli.screen_cmd`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from clusterctl.cli.common import err, fail_usage, pack_error_text
from clusterctl.i18n import Lang, t

if TYPE_CHECKING:
    from clusterctl.batch.discover import Discovery

M = {
    "none": t("没有找到要筛查的工作簿", "no workbooks to screen"),
    "none_below": t(
        "没有找到要筛查的工作簿；{folders}子文件夹中有工作簿：加 -r/--recursive 一并筛查",
        "no workbooks to screen; workbooks found in {folders}: add -r/--recursive to screen them",
    ),
    "skip": t("跳过 {path}：{reason}", "skipped {path}: {reason}"),
    "skip_more": t("……另跳过 {n} 个文件", "… and {n} more skipped"),
    "out_is_input": t(
        "输出文件 {path} 是输入的申报文件之一：申报文件不会被覆盖，请换一个输出路径",
        "the output {path} is one of the inputs: input workbooks are never overwritten; "
        "choose another output path",
    ),
    "out_ext": t("输出文件须以 .xlsx 结尾：{path}", "the output must end in .xlsx: {path}"),
    "out_dir": t("输出文件夹不存在：{path}", "the output folder does not exist: {path}"),
    "out_isdir": t("输出路径是一个文件夹：{path}", "the output path is a folder: {path}"),
    "out_perm": t("没有写入权限：{path}", "no permission to write: {path}"),
    "out_locked": t(
        "输出文件 {path} 正被打开（发现锁文件 {lock}）：请先在 Excel 中关闭它",
        "the output {path} is open (lock file {lock} found): close it in Excel first",
    ),
    "prev_summary": t(
        "跳过 {path}：这是上次生成的汇总表，将被替换",
        "skipped {path}: the summary of an earlier run, to be replaced",
    ),
}
MAX_NOTES = 20


def check_pack(selector: str, lang: Lang) -> None:
    """An unknown pack or a broken pack file is a usage error, before any worker starts."""
    from clusterctl.criteria.loader import resolve_pack

    try:
        resolve_pack(selector)
    except (LookupError, ValueError) as exc:  # PackNotFound, PackError
        fail_usage(pack_error_text(exc, lang), lang)


def check_output(output: str, found: Discovery, lang: Lang) -> None:
    """Refuse an output that is an input; catch an unwritable or open output before the run."""
    from clusterctl.batch.discover import identity
    from clusterctl.reports.formats.base import clean
    from clusterctl.reports.summary_xlsx import is_our_summary

    key = identity(output)
    if key in found.explicit:
        fail_usage(M["out_is_input"].format(lang, path=output), lang)
    if any(identity(f) == key for f in found.files):
        if not is_our_summary(output):
            fail_usage(M["out_is_input"].format(lang, path=output), lang)
        found.remove(output)
        err(M["prev_summary"].format(lang, path=clean(output)))
    if not output.lower().endswith(".xlsx"):
        fail_usage(M["out_ext"].format(lang, path=output), lang)
    folder = os.path.dirname(os.path.abspath(output))
    if os.path.isdir(output):
        fail_usage(M["out_isdir"].format(lang, path=output), lang)
    if not os.path.isdir(folder):
        fail_usage(M["out_dir"].format(lang, path=folder), lang)
    if not os.access(folder, os.W_OK) or (
        os.path.exists(output) and not os.access(output, os.W_OK)
    ):
        fail_usage(M["out_perm"].format(lang, path=output), lang)
    lock = os.path.join(folder, "~$" + os.path.basename(output))
    if os.path.exists(lock):
        fail_usage(M["out_locked"].format(lang, path=output, lock=lock), lang)


def nothing_found(paths: list[str], recursive: bool, lang: Lang) -> str:
    """Nothing to screen; without ``-r``, say how many sub-folders hold workbooks."""
    from clusterctl.batch.discover import folders_with_workbooks
    from clusterctl.i18n import Count

    below = 0 if recursive else folders_with_workbooks(paths)
    if not below:
        return M["none"].get(lang)
    folders = Count("{n} 个", "{n} sub-folder", "{n} sub-folders").format(lang, below)
    return M["none_below"].format(lang, folders=folders)


def notes(found: Discovery, lang: Lang) -> None:
    from clusterctl.reports.formats.base import clean

    for skipped in found.skipped[:MAX_NOTES]:
        err(M["skip"].format(lang, path=clean(skipped.path), reason=clean(skipped.message(lang))))
    if len(found.skipped) > MAX_NOTES:
        err(M["skip_more"].format(lang, n=len(found.skipped) - MAX_NOTES))
