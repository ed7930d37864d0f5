"""The floor's two readers read the same cells: the faster one drops nothing."""

from __future__ import annotations

import floor
import generate


def test_fastexcel_and_calamine_read_the_same_cells(tmp_path):
    directory = generate.generate_set(10, seed=4, out=tmp_path, jobs=2)
    files = sorted(str(p) for p in (directory / "files").glob("*.xlsx"))
    by_reader = {
        reader: [floor.read_all((reader, path)) for path in files] for reader in floor.READERS
    }
    fast, reference = by_reader["fastexcel"], by_reader["calamine"]
    assert fast == reference
    readable = [r for r in reference if r[2]]
    assert readable and all(cells >= filled > 0 for cells, filled, _ in readable)


def test_an_unreadable_file_is_counted_not_raised(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    for reader in floor.READERS:
        assert floor.read_all((reader, str(bad))) == (0, 0, False)
