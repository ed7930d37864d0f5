"""Issue 21's target table from one ``bench/run.py`` run, and where it goes in the docs.

The table (target, measured, met?, command) and the run's detail table are written between two
markers at the top of ``docs/performance.md``; a later run replaces them, the rest of the file
(the account of the levers) stays as it is.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

BEGIN = "<!-- bench/run.py: begin (generated; the account below is written by hand) -->"
END = "<!-- bench/run.py: end -->"

LIMITS = {
    "vs_baseline": 10.0,  # ≥ × the default-engine baseline, wall and CPU
    "vs_floor": 2.0,  # ≤ × the fastexcel floor, wall
    "fixed_s": 0.5,
    "tail_share": 0.05,
    "memory_mb": 300.0,
    "memory_growth_mb": 5.0,
    "check_s": 0.3,
    "help_s": 0.2,
    "isolation": 0.03,
}


def _yes(ok: bool | None) -> str:
    return "–" if ok is None else ("yes" if ok else "**no**")


def target_rows(rows: dict[str, Any], extra: dict[str, Any], command: str) -> list[list[str]]:
    """``[target, measured, met?, command]`` for every target whose parts were run."""
    out: list[list[str]] = []

    def add(*cells: str) -> None:
        out.append(list(cells))

    a, p, b, c = (rows.get(k) for k in ("screen", "peer", "baseline", "floor"))
    if a and p:
        pairs = list(zip(a.walls, p.walls, strict=False))
        every = all(s < q for s, q in pairs)
        add(
            "screen uses less CPU time than the pandas + calamine loop needs to read",
            f"{a.cpu_s:.1f} vs {p.cpu_s:.1f} CPU s ({a.cpu_s / p.cpu_s:.2f}×)",
            _yes(a.cpu_s < p.cpu_s),
            command,
        )
        walls = ", ".join(f"{s:.1f}/{q:.1f}" for s, q in pairs)
        add(
            "screen faster than the peer in wall time in every round",
            f"{sum(s < q for s, q in pairs)} of {len(pairs)} rounds (screen/peer s: {walls})",
            _yes(every),
            command,
        )
    if a and b:
        wall, cpu = b.seconds / a.seconds, b.cpu_s / a.cpu_s
        add(
            f"≥ {LIMITS['vs_baseline']:.0f}× the default-engine baseline, wall and CPU",
            f"wall {wall:.1f}×, CPU {cpu:.1f}× ({b.seconds:.1f} s / {b.cpu_s:.1f} CPU s"
            + (", sampled" if "sampled" in b.note else "")
            + ")",
            _yes(min(wall, cpu) >= LIMITS["vs_baseline"]),
            command,
        )
    if a and c:
        ratio = a.seconds / c.seconds
        add(
            f"≤ {LIMITS['vs_floor']:.0f}× the fastexcel floor, wall",
            f"{ratio:.2f}× ({a.seconds:.2f} s vs {c.seconds:.2f} s)",
            _yes(ratio <= LIMITS["vs_floor"]),
            command,
        )
    if fixed := extra.get("fixed"):
        add(
            f"fixed cost (screen of 1 file − check of it) ≤ {LIMITS['fixed_s']} s",
            f"{fixed['fixed_s']:.3f} s ({fixed['screen_one_s']:.3f} − {fixed['check_one_s']:.3f})",
            _yes(fixed["fixed_s"] <= LIMITS["fixed_s"]),
            command,
        )
    tails = extra.get("tail") or []
    for t in tails:
        add(
            f"tail after the last file ≤ {LIMITS['tail_share']:.0%} of the run ({t['files']:,} "
            "files)",
            f"{t['tail_s']:.2f} s of {t['total_s']:.2f} s ({t['share']:.1%})",
            _yes(t["share"] <= LIMITS["tail_share"]),
            command,
        )
    if tails:
        peaks = [t["peak_mb"] for t in tails]
        add(
            f"peak RSS < {LIMITS['memory_mb']:.0f} MB",
            ", ".join(f"{t['peak_mb']:.0f} MB at {t['files']:,}" for t in tails),
            _yes(max(peaks) < LIMITS["memory_mb"]),
            command,
        )
        if len(tails) > 1:
            growth = tails[-1]["peak_mb"] - tails[0]["peak_mb"]
            add(
                f"peak RSS within +{LIMITS['memory_growth_mb']:.0f} MB from N to 10×N",
                f"{growth:+.1f} MB",
                _yes(growth <= LIMITS["memory_growth_mb"]),
                command,
            )
    if start := extra.get("startup"):
        add(
            f"`check FILE` < {LIMITS['check_s']} s wall, interpreter start included",
            f"{start['check_s']:.3f} s ({start['check_cpu_s']:.3f} CPU s; {start['file']})",
            _yes(start["check_s"] < LIMITS["check_s"]),
            command,
        )
        add(
            f"`--help` < {LIMITS['help_s']} s wall, interpreter start included",
            f"{start['help_s']:.3f} s ({start['help_cpu_s']:.3f} CPU s)",
            _yes(start["help_s"] < LIMITS["help_s"]),
            command,
        )
    one, off = rows.get("screen-1job"), rows.get("no-isolation")
    if one and off:
        cost = one.cpu_s / off.cpu_s - 1
        add(
            f"isolation's cost ≤ {LIMITS['isolation']:.0%} (screen --jobs 1 vs isolation off)",
            f"CPU {cost:+.1%} ({one.cpu_s:.1f} vs {off.cpu_s:.1f} s), wall "
            f"{one.seconds / off.seconds - 1:+.1%}",
            _yes(cost <= LIMITS["isolation"]),
            command,
        )
    add(
        "verdicts, scores and findings identical to the per-cell path",
        "parity test: benchmark set (small N), samples, acceptance suite, sloppy columns",
        "tested",
        "`pytest -q tests/workbook/test_fast_path_parity.py`",
    )
    return out


def detail_table(rows: list[Any], info: dict, m: dict[str, str], command: str) -> list[str]:
    lines = [
        f"Run of {time.strftime('%Y-%m-%d %H:%M')} UTC: `{command}`. Machine: {m['cpu']}, "
        f"{m['cores']} cores, {m['ram']} RAM, Python {m['python']}, {m['os']}; load average "
        f"before the run {m['load']}, after it {m.get('load_after', '?')}.",
        "",
        f"Set: {info['n']:,} files (seed {info['seed']}), {info['bytes'] / 2**20:.0f} MB; "
        + ", ".join(f"{k} {v}" for k, v in info["qualities"].items())
        + f"; roster rows min {info['roster_rows']['min']}, median "
        f"{info['roster_rows']['median']}, max {info['roster_rows']['max']}, total "
        f"{info['roster_rows']['total']:,}.",
        "",
        "| measurement | wall s | CPU s | files/s | peak RSS MB | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        peak = f"{r.peak_mb:.0f}" if r.peak_mb is not None else "–"
        cpu = f"{r.cpu_s:.1f}" if r.cpu_s is not None else "–"
        lines.append(f"| {r.name} | {r.seconds:.2f} | {cpu} | {r.rate:.1f} | {peak} | {r.note} |")
    return lines


def render(rows: list[Any], extra: dict[str, Any], info: dict, m: dict, command: str) -> str:
    by_key = {r.key: r for r in rows}
    lines = [
        BEGIN,
        "",
        "| target (issue 21) | measured | met? | command |",
        "|---|---|---|---|",
    ]
    for target, measured, met, cmd in target_rows(by_key, extra, f"`{command}`"):
        lines.append(f"| {target} | {measured} | {met} | {cmd} |")
    lines += ["", *detail_table(rows, info, m, command), "", END]
    return "\n".join(lines) + "\n"


def write_doc(doc: Path, block: str) -> None:
    """Put ``block`` between the markers (replacing an earlier run's), else under the title."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block.rstrip("\n") + rest.split(END, 1)[1]
    else:
        first, _, rest = text.partition("\n")
        text = f"{first}\n\n{block}\n{rest.lstrip(chr(10))}"
    doc.write_text(text, encoding="utf-8")
