"""The generated set: seeded, cached by seed and N, every file named and accounted for."""

from __future__ import annotations

import json
import zipfile

import generate


def test_generate_set_writes_n_files_and_caches(tmp_path):
    directory = generate.generate_set(12, seed=3, out=tmp_path, jobs=2)
    files = sorted((directory / "files").glob("*.xlsx"))
    assert [f.name for f in files] == [f"app-{i:05d}.xlsx" for i in range(12)]
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["n"] == 12 and sum(manifest["qualities"].values()) == 12
    stamp = files[0].stat().st_mtime_ns
    assert generate.generate_set(12, seed=3, out=tmp_path) == directory
    assert files[0].stat().st_mtime_ns == stamp  # reused, not rewritten


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")}


def test_same_seed_same_content(tmp_path):
    a = generate.generate_set(6, seed=5, out=tmp_path / "a", jobs=1)
    b = generate.generate_set(6, seed=5, out=tmp_path / "b", jobs=2)
    c = generate.generate_set(6, seed=6, out=tmp_path / "c", jobs=2)
    name = "app-00001.xlsx"
    assert members(a / "files" / name) == members(b / "files" / name)
    assert members(a / "files" / name) != members(c / "files" / name)
