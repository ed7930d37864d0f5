"""Generate N realistic application workbooks for the benchmark, seeded and cached.

    python bench/generate.py --n 1000 --seed 1          # -> bench/out/seed1-n1000/

How it stays fast: one *base* workbook per criteria pack is written by the real template writer
(:func:`clusterctl.workbook.template.write_filled`) with a placeholder token in every input cell;
each of the N variants only rewrites the sheet XML of that base with the standard library
(:mod:`xlsx_tokens`), on every core. Rosters run from 20 to 5,000 firms (log-uniform), quality
varies (:data:`profiles.QUALITIES`), and a few files are broken on purpose.

A finished set is cached under ``bench/out/seed<S>-n<N>/`` (``manifest.json`` is written last and
records the generator version); a second call with the same seed and N returns at once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import profiles  # noqa: E402
import xlsx_tokens  # noqa: E402

DEFAULT_OUT = HERE / "out"
# Which edition a generated application declares (pack selector, weight).
EDITIONS = (("beijing-2023", 85), ("national-2022", 15))
CHUNK = 16


def generator_version() -> str:
    """Changes when the generator's code changes, so a stale cache is rebuilt."""
    h = hashlib.sha256()
    for name in ("generate.py", "profiles.py", "xlsx_tokens.py"):
        h.update((HERE / name).read_bytes())
    return h.hexdigest()[:12]


# --- base workbooks ------------------------------------------------------------------------


def token_spec(pack) -> dict:
    """The fill spec for a base workbook (the format of ``write_filled``): a placeholder token
    in every input cell, named by the value keys of :mod:`profiles`."""
    from clusterctl.criteria.model import Kind
    from clusterctl.workbook.fields import (
        BASIC_FIELDS,
        DECLARATION_FIELDS,
        QUALITATIVE_COLUMNS,
        ROSTER_COLUMNS,
    )

    def tok(key: str) -> str:
        return f"@@{key}@@"

    spec: dict = {
        "basic": {f.key: tok(f"basic.{f.key}") for f in BASIC_FIELDS if f.key != "edition"},
        "years": [tok(f"years.{i}") for i in range(3)],
        "indicators": {
            i.key: [tok(f"indicators.{i.key}.{y}") for y in range(3)]
            for i in pack.input_indicators()  # the rows the pack's template has
        },
        "roster": [{c.key: tok(f"roster.0.{c.key}") for c in ROSTER_COLUMNS}],
        "qualitative": {
            c.code: {col.key: tok(f"qualitative.{c.code}.{col.key}") for col in QUALITATIVE_COLUMNS}
            for c in pack.of_kind(Kind.QUALITATIVE)
        },
        "declarations": {
            c.code: tok(f"declarations.{c.code}") for c in pack.of_kind(Kind.DECLARATION)
        },
    }
    for f in DECLARATION_FIELDS:
        spec[f.key] = tok(f"declarations.{f.key}")
    return spec


def write_bases(directory: Path) -> dict[str, Path]:
    """One token base per shipped edition in :data:`EDITIONS`, by the team's template writer."""
    from clusterctl.criteria.loader import resolve_pack
    from clusterctl.workbook.template import write_filled

    directory.mkdir(parents=True, exist_ok=True)
    bases = {}
    for selector, _ in EDITIONS:
        try:
            pack = resolve_pack(selector)
        except LookupError:  # not shipped (yet)
            continue
        path = directory / f"base-{pack.id}.xlsx"
        write_filled(str(path), pack, token_spec(pack))
        bases[selector] = path
    if not bases:
        raise SystemExit("no criteria pack of EDITIONS is shipped")
    return bases


# --- variants --------------------------------------------------------------------------------

_BASES: dict[str, xlsx_tokens.BaseWorkbook] = {}


def _init_worker(bases: dict[str, str]) -> None:
    for selector, path in bases.items():
        _BASES[selector] = xlsx_tokens.load_base(path)


def _edition(seed: int, index: int) -> str:
    rng = random.Random(f"edition:{seed}:{index}")
    shipped = [(e, w) for e, w in EDITIONS if e in _BASES]
    return rng.choices([e for e, _ in shipped], [w for _, w in shipped])[0]


def _write_broken(path: Path, rng: random.Random, good: bytes | None) -> None:
    kind = rng.choice(("truncated", "csv", "empty", "text"))
    if kind == "truncated" and good:
        path.write_bytes(good[: len(good) // 2])
    elif kind == "csv":
        path.write_text("集群名称,总产值\n某集群,45\n", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"PK\x03\x04 not really a zip")


def _write_chunk(task: tuple[str, int, list[int]]) -> list[tuple[str, int, int]]:
    directory, seed, indices = task
    done = []
    for index in indices:
        base = _BASES[_edition(seed, index)]
        app = profiles.make_application(seed, index, base.tokens)
        path = Path(directory) / f"app-{index:05d}.xlsx"
        if app.quality == "broken":
            rng = random.Random(f"broken:{seed}:{index}")
            scratch = path.with_suffix(".tmp")
            base.render(str(scratch), app.values, app.roster[:20])
            good = scratch.read_bytes()
            scratch.unlink()
            _write_broken(path, rng, good)
        else:
            base.render(str(path), app.values, app.roster)
        done.append((app.quality, app.roster_size, path.stat().st_size))
    return done


def generate_set(n: int, seed: int = 1, out: Path = DEFAULT_OUT, jobs: int | None = None) -> Path:
    """Generate (or reuse) the set for ``seed`` and ``n``; returns its directory."""
    directory = out / f"seed{seed}-n{n}"
    manifest = directory / "manifest.json"
    version = generator_version()
    if manifest.exists():
        try:
            if json.loads(manifest.read_text())["version"] == version:
                return directory
        except (ValueError, KeyError):
            pass
    started = time.perf_counter()
    files = directory / "files"
    files.mkdir(parents=True, exist_ok=True)
    for stale in files.glob("*.xlsx"):
        stale.unlink()
    bases = write_bases(directory / "bases")
    jobs = jobs or os.cpu_count() or 1
    chunks = [(str(files), seed, list(range(i, min(i + CHUNK, n)))) for i in range(0, n, CHUNK)]
    qualities: dict[str, int] = {}
    rows: list[int] = []
    total_bytes = 0
    with ProcessPoolExecutor(
        jobs, initializer=_init_worker, initargs=({k: str(v) for k, v in bases.items()},)
    ) as pool:
        for done in pool.map(_write_chunk, chunks):
            for quality, size, nbytes in done:
                qualities[quality] = qualities.get(quality, 0) + 1
                rows.append(size)
                total_bytes += nbytes
    rows.sort()
    record = {
        "version": version,
        "seed": seed,
        "n": n,
        "qualities": dict(sorted(qualities.items())),
        "roster_rows": {
            "min": rows[0],
            "median": rows[len(rows) // 2],
            "max": rows[-1],
            "total": sum(rows),
        }
        if rows
        else {},
        "bytes": total_bytes,
        "seconds": round(time.perf_counter() - started, 2),
        "jobs": jobs,
    }
    manifest.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of applications")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="cache root")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: all cores)")
    args = parser.parse_args(argv)
    directory = generate_set(args.n, args.seed, args.out, args.jobs)
    print(directory)
    print((directory / "manifest.json").read_text(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
