"""Each pack file's TOML is parsed once per file version (the shipped packs extend national-2022,
which was parsed six times for every list of packs); the packs are the same as parsed afresh."""

from __future__ import annotations

import pytest

from clusterctl.criteria import loader


def _fresh_packs():
    loader.list_packs.cache_clear()
    loader._load_cached.cache_clear()
    return loader.list_packs()


def test_the_packs_are_the_same_as_parsed_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    cached = _fresh_packs()
    monkeypatch.setattr(loader, "_read_toml", loader._parse_toml)  # parsed afresh each time
    try:
        fresh = _fresh_packs()
    finally:
        monkeypatch.undo()
        _fresh_packs()
    assert [p.id for p in cached] == [p.id for p in fresh]
    assert cached == fresh


def test_national_is_parsed_once_for_all_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    loader._PARSED.clear()
    parsed: list[str] = []
    real = loader.tomllib.loads

    def counting(text: str):
        parsed.append(text[:200])
        return real(text)

    monkeypatch.setattr(loader.tomllib, "loads", counting)
    packs = _fresh_packs()
    assert len(packs) == len(loader._shipped_files())
    assert sum('id = "national-2022"' in head for head in parsed) <= 2  # was 1 + 5 bases


def test_a_change_to_the_read_data_does_not_reach_the_next_reader(tmp_path) -> None:
    pack = tmp_path / "p.toml"
    pack.write_text('id = "x"\n[[criteria]]\ncode = "A"\n', encoding="utf-8")
    first = loader._read_toml(str(pack), str(pack))
    first["criteria"][0]["code"] = "changed"
    first["id"] = "changed"
    again = loader._read_toml(str(pack), str(pack))
    assert again == {"id": "x", "criteria": [{"code": "A"}]}


def test_dates_are_copied_too(tmp_path) -> None:
    """TOML dates are not marshal's: that file's data is deep-copied instead."""
    pack = tmp_path / "d.toml"
    pack.write_text('id = "x"\nwhen = 2024-01-02\n[t]\na = [1, 2]\n', encoding="utf-8")
    first = loader._read_toml(str(pack), str(pack))
    first["t"]["a"].append(3)
    again = loader._read_toml(str(pack), str(pack))
    assert again == loader._parse_toml(str(pack), str(pack))
    assert again["t"]["a"] == [1, 2] and str(again["when"]) == "2024-01-02"
