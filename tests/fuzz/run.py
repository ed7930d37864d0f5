"""Mutants through the real CLI, a batch at a time, and each outcome classified.

A batch is a folder of mutants run by ``clusterctl screen FOLDER -o summary.xlsx --format json``
and by ``clusterctl check FILES… --output-file F`` (JSON, SARIF or JUnit in turn, the human
report on stdout, see CONSOLE_ENCODING). Per mutant:

- fine: **clean** (read, no finding), **finding** (read with findings, or refused with a code);
- failures: **traceback** (F199, or a Python traceback on stderr), **crash** (F118: the worker
  died), **hang** (F116, or the batch passed its time limit), **high memory** (F117, or a
  process tree above ``MAX_RSS_MB``), **bad output** (an exit code other than 0/1, a file
  without a row, JSON/XML that does not parse, a summary that openpyxl or python-calamine
  cannot open or that holds a formula), **input changed** (the file's bytes after the run).

A batch-level failure is pinned on its mutants by bisection. Failing mutants are copied to the
save folder with ``failures.jsonl`` saying why.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.etree import ElementTree

from . import mutate_xml, mutate_zip, values
from .sources import Mutant, seed_members, seed_paths

OK_KINDS = ("clean", "finding", "skipped")  # skipped: a fault scenario this host cannot stage
MAX_RSS_MB = 1500  # a process tree above this is "high memory" (the worker cap is 1024 MB)
BATCH_TIMEOUT_S = 300
CONFIG = "[limits]\ntimeout-s = 20\nmax-memory-mb = 1024\n"
WORKER_CODES = {"F199": "traceback", "F118": "crash", "F116": "hang", "F117": "high memory"}
CHECK_FORMATS = ("json", "sarif", "junit")
# check's human report goes to a stdout of this encoding: GBK, as on a Chinese Windows console
# with output redirected (issue 16: human output degrades what GBK cannot encode).
CONSOLE_ENCODING = os.environ.get("CLUSTERCTL_FUZZ_CONSOLE", "gbk")
FAMILIES: dict[str, float] = {
    **{family: 1.0 for family in mutate_zip.MUTATORS},
    **{family: 1.0 for family in mutate_xml.MUTATORS},
    "values": 4.0,
    "names": 1.0,
}


@dataclass(slots=True)
class Outcome:
    name: str  # the mutant's file name (undecodable bytes as \xNN)
    family: str
    note: str
    kind: str
    detail: str = ""


@dataclass(slots=True)
class Proc:
    rc: int
    seconds: float
    max_rss_mb: float
    timed_out: bool
    stdout: bytes
    stderr: bytes


def generate(n: int, seed: int, families: list[str] | None = None) -> Iterator[Mutant]:
    """``n`` mutants, each rebuilt from ``(seed, its index)`` alone."""
    names = sorted(families or FAMILIES)
    plan = random.Random(seed).choices(names, [FAMILIES[f] for f in names], k=n)
    drawn = iter(values.draw(plan.count("values"), seed))
    seeds = seed_paths()
    for i, family in enumerate(plan):
        rng = random.Random(f"{seed}:{i}")
        name = os.fsencode(f"{i:05d}-{family}.xlsx")
        if family == "values":
            data, note = values.typed_mutant(rng, next(drawn))
        elif family == "names":
            name, data, note = values.hostile_name(rng, i)
        else:
            source = rng.choice(seeds)
            mutate = {**mutate_zip.MUTATORS, **mutate_xml.MUTATORS}[family]
            data, note = mutate(rng, list(seed_members(source)))
            note = f"{source.name}: {note}"
        yield Mutant(name, data, family, note)


def run_cli(args: list, cwd: Path, timeout: float, env: dict | None = None, **popen) -> Proc:
    """Run a command in its own session; its exit code, time, the peak RSS of its process
    tree (``wait4``: the largest of it and the descendants it waited for), output."""
    out, err = cwd / ".stdout", cwd / ".stderr"
    start = time.monotonic()
    with open(out, "wb") as o, open(err, "wb") as e:
        proc = subprocess.Popen(
            args, stdout=popen.pop("stdout", o), stderr=e, cwd=cwd, env=env,
            start_new_session=True, **popen,
        )  # fmt: skip
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Proc(
        proc.returncode,
        time.monotonic() - start,
        usage.ru_maxrss / 1024,
        timed_out,
        out.read_bytes(),
        err.read_bytes(),
    )


def clusterctl() -> list[str]:
    return [sys.executable, "-m", "clusterctl"]


def _shown(name: bytes) -> str:
    return name.decode("utf-8", "backslashreplace")


def _write(folder: Path, mutants: list[Mutant]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for m in mutants:
        with open(os.path.join(os.fsencode(folder), m.name), "wb") as fh:
            fh.write(m.data)


def _rows(doc: dict) -> dict[bytes, dict]:
    return {os.fsencode(os.path.basename(row["path"])): row for row in doc.get("files", [])}


def _proc_failure(proc: Proc) -> tuple[str, str] | None:
    if proc.timed_out:
        return "hang", f"no exit after {proc.seconds:.0f} s"
    if b"Traceback (most recent call last)" in proc.stderr + proc.stdout:
        return "traceback", proc.stderr.decode("utf-8", "replace")[-600:]
    if proc.max_rss_mb > MAX_RSS_MB:
        return "high memory", f"peak RSS {proc.max_rss_mb:.0f} MB"
    if proc.rc not in (0, 1):
        return "bad output", f"exit {proc.rc}: {proc.stderr.decode('utf-8', 'replace')[-300:]}"
    return None


def _summary_failure(path: Path) -> str | None:
    """Why the summary is not a workbook Excel, openpyxl and calamine open, or None."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    try:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                data = zf.read(name)
                if name.endswith((".xml", ".rels")):
                    ElementTree.fromstring(data)
                if name.startswith("xl/worksheets/") and (b"<f>" in data or b"<f " in data):
                    return f"{name} holds a formula"
        load_workbook(path).close()
        wb = CalamineWorkbook.from_path(str(path))
        for sheet in wb.sheet_names:
            wb.get_sheet_by_name(sheet).to_python()
    except Exception as exc:  # any failure to open is the finding
        return f"summary: {type(exc).__name__}: {exc}"[:300]
    return None


def screen_step(folder: Path, work: Path, mutants: list[Mutant]) -> dict[bytes, tuple[str, str]]:
    """Failures of ``screen`` over ``folder``: {mutant name: (kind, detail)}; the key ``b""``
    for a failure of the batch as a whole."""
    summary = work / "summary.xlsx"
    summary.unlink(missing_ok=True)
    args = [*clusterctl(), "screen", str(folder), "-o", str(summary), "--format", "json"]
    args += ["--config", str(work / "fuzz.toml"), "--jobs", "2"]
    proc = run_cli(args, work, BATCH_TIMEOUT_S)
    if failure := _proc_failure(proc):
        return {b"": failure}
    try:
        doc = json.loads(proc.stdout)
    except ValueError as exc:
        return {b"": ("bad output", f"screen JSON: {exc}")}
    if why := _summary_failure(summary):
        return {b"": ("bad output", why)}
    return _classify(_rows(doc), mutants, "screen")


def check_step(folder: Path, work: Path, mutants: list[Mutant], fmt: str):
    """Failures of ``check`` over the mutants (human report on a stdout in
    :data:`CONSOLE_ENCODING`, ``fmt`` to a file), as :func:`screen_step` gives them."""
    out = work / f"check.{fmt}"
    out.unlink(missing_ok=True)
    paths = [os.path.join(os.fsencode(folder), m.name) for m in mutants]
    args = [*clusterctl(), "check", *paths, "--output-format", fmt, "--output-file", str(out)]
    args += ["--config", str(work / "fuzz.toml")]
    env = {**os.environ, "PYTHONIOENCODING": CONSOLE_ENCODING, "COLUMNS": "100"}
    proc = run_cli(args, work, BATCH_TIMEOUT_S, env)
    if failure := _proc_failure(proc):
        return {b"": failure}
    try:
        data = out.read_bytes()
        if fmt == "junit":
            suites = ElementTree.fromstring(data).findall("testsuite")
            names = [os.fsencode(os.path.basename(s.get("name", ""))) for s in suites]
            return {} if len(names) == len(mutants) else {b"": ("bad output", "junit suites")}
        doc = json.loads(data)
    except (OSError, ValueError, ElementTree.ParseError) as exc:
        return {b"": ("bad output", f"check {fmt}: {type(exc).__name__}: {exc}"[:300])}
    if fmt == "sarif":
        ok = len(doc["runs"][0]["artifacts"]) == len(mutants)
        return {} if ok else {b"": ("bad output", "sarif artifacts")}
    return _classify(_rows(doc), mutants, "check")


def _classify(rows: dict[bytes, dict], mutants: list[Mutant], step: str):
    """Every mutant's outcome from its row: (kind, detail)."""
    found: dict[bytes, tuple[str, str]] = {}
    for m in mutants:
        row = rows.get(m.name)
        if row is None:
            found[m.name] = ("bad output", f"no row in {step}'s JSON")
            continue
        codes = sorted({f["code"] for f in row["findings"]})
        bad = [WORKER_CODES[c] for c in codes if c in WORKER_CODES]
        if bad:
            found[m.name] = (bad[0], f"{step}: {codes}")
        elif not row["readable"] and not codes:
            found[m.name] = ("bad output", f"{step}: unreadable without a finding")
        else:
            found[m.name] = ("finding" if codes else "clean", " ".join(codes[:12]))
    return found


def run_batch(mutants: list[Mutant], work: Path, index: int) -> list[Outcome]:
    """Every mutant of one batch through both commands; batch failures bisected."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "fuzz.toml").write_text(CONFIG, encoding="utf-8")
    folder = work / "batch"
    fmt = CHECK_FORMATS[index % len(CHECK_FORMATS)]
    steps: list[Callable[[Path, list[Mutant]], dict]] = [
        lambda f, ms: screen_step(f, work, ms),
        lambda f, ms: check_step(f, work, ms, fmt),
    ]
    results: dict[bytes, tuple[str, str]] = {}
    _write(folder, mutants)
    for step in steps:
        found = step(folder, mutants)
        if b"" in found:
            found = _bisect(mutants, work, step, found[b""])
            _write(folder, mutants)
        for name, result in found.items():
            if name not in results or (results[name][0] in OK_KINDS and result[0] not in OK_KINDS):
                results[name] = result
    outcomes = []
    for m in mutants:
        with open(os.path.join(os.fsencode(folder), m.name), "rb") as fh:
            changed = fh.read() != m.data
        kind, detail = results.get(m.name, ("bad output", "no outcome"))
        if changed and kind in OK_KINDS:
            kind, detail = "input changed", "bytes differ after the run"
        outcomes.append(Outcome(_shown(m.name), m.family, m.note, kind, detail))
    return outcomes


def _bisect(mutants: list[Mutant], work: Path, step, failure: tuple[str, str]):
    """Pin a batch-level failure on the mutants that cause it alone."""
    if len(mutants) == 1:
        return {mutants[0].name: failure}
    half = len(mutants) // 2
    found: dict[bytes, tuple[str, str]] = {}
    for part in (mutants[:half], mutants[half:]):
        folder = work / "bisect"
        _write(folder, part)
        result = step(folder, part)
        if b"" in result:
            found.update(_bisect(part, work, step, result[b""]))
        else:
            found.update(result)
    if not found:  # only together: blame the batch
        found = {m.name: (failure[0], "only in combination: " + failure[1]) for m in mutants}
    return found


def save(outcome: Outcome, mutant: Mutant, folder: Path, seed: int) -> None:
    """Keep a failing mutant for reproduction, with why it failed."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(os.path.join(os.fsencode(folder), mutant.name), "wb") as fh:
        fh.write(mutant.data)
    with open(folder / "failures.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"seed": seed, **asdict(outcome)}, ensure_ascii=False) + "\n")
